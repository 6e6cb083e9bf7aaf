//! `check --online` against a loopback registry shaped after IAF CertSearch's verification API:
//! "Retrieve Certificate by IAF ID" (`GET /certificate/{cert_id}`) and "Retrieve Company &
//! Certificates" (`POST /company` with the certified entity's name and country). What the
//! registry says of accreditation outranks the analyst's transcription; an id it does not know
//! fails; a certificate it serves is looked up or says why not; a company search matches by
//! entity, number, standard and body, and anything ambiguous is unverified with the candidates.
//! No test reaches beyond 127.0.0.1.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use tempfile::TempDir;
use wiremock::matchers::{body_partial_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const AS_OF: &str = "2026-11-23";
const NUMBER: &str = "FX-ISMS-40127";
const KEY: &str = "test-iaf-key";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The ISO-VERIFIED pass fixture (recorded verified active by the analyst) with its
/// `verification.reference` set to `reference`, and `extra` lines added to `[vendor]`.
fn vendor_with(tmp: &Path, reference: &str, vendor_extra: &str) -> PathBuf {
    let dir = tmp.join("vendors/fixture");
    fs::create_dir_all(&dir).unwrap();
    let text = fs::read_to_string(root().join("fixtures/rules/ISO-VERIFIED/pass/vendor.toml"))
        .unwrap()
        .replace(
            "reference = \"https://certsearch.example/certificates/FX-ISMS-40127\"",
            &format!("reference = \"{reference}\""),
        )
        .replace(
            "name = \"Fixture Vendor\"\n",
            &format!("name = \"Fixture Vendor\"\n{vendor_extra}"),
        );
    fs::write(dir.join("vendor.toml"), text).unwrap();
    tmp.join("vendors")
}

/// An IAF certificate object as the registry describes FX-ISMS-40127, with `changes`.
fn certificate(cert_id: &str, changes: &[(&str, Value)]) -> Value {
    let mut c = json!({
        "cert_id": cert_id,
        "certification_number": NUMBER,
        "certification_status": "Active",
        "certification_bodies_name": "Northgate Assurance Ltd",
        "accreditation_bodies_name": "UKAS",
        "certification_scope": "Development and operation of the Fixture Analytics API",
        "certification_standards_scheme": [{"standard_name": "ISO/IEC 27001:2022", "scheme_name": "ISMS", "is_accredited_mla": true}],
        "certified_entities": [{"ce_id": "ce_1", "certified_entity_name": "Fixture Vendor Ltd"}]
    });
    for (k, v) in changes {
        c[*k] = v.clone();
    }
    c
}

fn entity(ce_id: &str, name: &str, certificates: Vec<Value>) -> Value {
    json!({"ce_id": ce_id, "certified_entity_name": name, "country": "GB", "certificates": certificates})
}

struct Run {
    code: Option<i32>,
    report: Value,
    stderr: String,
}

/// `check --online` (or `extra`) of `dir` against the IAF registry at `base`, as of AS_OF.
fn check(tmp: &Path, dir: &Path, base: &str, extra: &[&str]) -> Run {
    let reg = tmp.join("registries.toml");
    fs::write(
        &reg,
        format!(
            "[limits]\nretries = 0\n\n[[registry]]\nname = \"IAF CertSearch\"\nkind = \"iaf-certsearch\"\nbase_url = \"{base}\"\n"
        ),
    )
    .unwrap();
    let mut args = vec![
        "check".to_string(),
        dir.display().to_string(),
        "--as-of".into(),
        AS_OF.into(),
        "--format".into(),
        "json".into(),
        "--registries".into(),
        reg.display().to_string(),
        "--cache-dir".into(),
        tmp.join("cache").display().to_string(),
    ];
    if !extra.contains(&"--offline") {
        args.push("--online".into());
    }
    args.extend(extra.iter().map(|s| s.to_string()));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vendorcert"))
        .args(&args)
        .env("VENDORCERT_IAF_API_KEY", KEY)
        .env_remove("HTTPS_PROXY")
        .env_remove("HTTP_PROXY")
        .env_remove("ALL_PROXY")
        .output()
        .unwrap();
    Run {
        code: out.status.code(),
        report: serde_json::from_slice(&out.stdout).unwrap_or(Value::Null),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The one finding of `rule`: (status, message, registry note).
fn finding(run: &Run, rule: &str) -> (String, String, Value) {
    let all: Vec<&Value> = run.report["vendors"][0]["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("no findings: {}\n{}", run.report, run.stderr))
        .iter()
        .filter(|f| f["rule"] == rule)
        .collect();
    assert_eq!(all.len(), 1, "{all:?}");
    let f = all[0];
    (
        f["status"].as_str().unwrap().to_string(),
        f["message"].as_str().unwrap().to_string(),
        f["registry"].clone(),
    )
}

/// Runs `check` in a blocking task while `server` answers.
async fn checked(
    server: &MockServer,
    reference: &str,
    vendor_extra: &str,
    extra: &[&str],
) -> (Run, TempDir) {
    let tmp = TempDir::new().unwrap();
    let dir = vendor_with(tmp.path(), reference, vendor_extra);
    let (t, base) = (tmp.path().to_path_buf(), server.uri());
    let extra: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
    let run = tokio::task::spawn_blocking(move || {
        let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
        check(&t, &dir, &base, &extra)
    })
    .await
    .unwrap();
    (run, tmp)
}

async fn by_id(answer: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/certificate/cert_Ab12"))
        .respond_with(answer)
        .mount(&server)
        .await;
    server
}

async fn by_company(answer: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/company"))
        .and(body_partial_json(json!({
            "company_name": "Fixture Vendor",
            "company_country": "GB"
        })))
        .respond_with(answer)
        .mount(&server)
        .await;
    server
}

const ID_REF: &str = "https://www.iafcertsearch.org/certification/cert_Ab12";
const NOTE_REF: &str = "checked on the registry by the analyst, ticket SEC-1234";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_not_accredited_under_the_mla_fails_iso_accredited_under_every_policy() {
    let not_mla = certificate(
        "cert_Ab12",
        &[(
            "certification_standards_scheme",
            json!([{"standard_name": "ISO/IEC 27001:2022", "scheme_name": "ISMS", "is_accredited_mla": false}]),
        )],
    );
    let server = by_id(ResponseTemplate::new(200).set_body_json(json!({"data": not_mla}))).await;
    for policy in [None, Some("strict"), Some("baseline")] {
        let extra: Vec<&str> = policy.map(|p| vec!["--policy", p]).unwrap_or_default();
        let (run, _tmp) = checked(&server, ID_REF, "", &extra).await;
        let (status, message, note) = finding(&run, "ISO-ACCREDITED");
        assert_eq!(status, "fail", "{policy:?}: {message}");
        assert!(
            message.starts_with(
                "IAF CertSearch records certificate FX-ISMS-40127 as not under an accreditation \
                 recognised by the IAF MLA ("
            ),
            "{message}"
        );
        assert_eq!(note["registry"], "IAF CertSearch");
        assert_eq!(run.code, Some(1), "{policy:?}");
        // The certificate itself is as the evidence says: ISO-VERIFIED is not where this fails.
        let (verified, message, _) = finding(&run, "ISO-VERIFIED");
        assert_eq!(verified, "pass", "{message}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_naming_no_accreditation_body_fails_whatever_the_evidence_says() {
    for empty in [json!(""), Value::Null] {
        let record = certificate("cert_Ab12", &[("accreditation_bodies_name", empty.clone())]);
        let server = by_id(ResponseTemplate::new(200).set_body_json(json!({"data": record}))).await;
        let (run, _tmp) = checked(&server, ID_REF, "", &[]).await;
        let (status, message, _) = finding(&run, "ISO-ACCREDITED");
        assert_eq!(status, "fail", "{message}");
        assert!(
            message.starts_with(
                "IAF CertSearch names no accreditation body for certificate FX-ISMS-40127 ("
            ),
            "{message}"
        );
        assert_eq!(run.code, Some(1));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unrecognised_body_in_the_registry_fails_and_a_recognised_one_passes() {
    let record = certificate(
        "cert_Ab12",
        &[(
            "accreditation_bodies_name",
            json!("Global Cert Accreditation Council"),
        )],
    );
    let server = by_id(ResponseTemplate::new(200).set_body_json(json!({"data": record}))).await;
    let (run, _tmp) = checked(&server, ID_REF, "", &[]).await;
    let (status, message, _) = finding(&run, "ISO-ACCREDITED");
    assert_eq!(status, "fail", "{message}");
    assert!(
        message.starts_with(
            "IAF CertSearch names the accreditation body `Global Cert Accreditation Council`, \
             which is not recognised"
        ),
        "{message}"
    );
    // The registry's body differs from the evidence's UKAS: ISO-VERIFIED fails as before.
    let (verified, message, _) = finding(&run, "ISO-VERIFIED");
    assert_eq!(verified, "fail", "{message}");
    assert!(message.contains(
        "accreditation body `Global Cert Accreditation Council` (the evidence says `UKAS`)"
    ));

    let good = by_id(
        ResponseTemplate::new(200).set_body_json(json!({"data": certificate("cert_Ab12", &[])})),
    )
    .await;
    let (run, _tmp) = checked(&good, ID_REF, "", &[]).await;
    let (status, message, _) = finding(&run, "ISO-ACCREDITED");
    assert_eq!(status, "pass", "{message}");
    assert!(
        message.starts_with(
            "issued by Northgate Assurance Ltd, accredited by UKAS as IAF CertSearch records it ("
        ),
        "{message}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_iaf_id_the_registry_does_not_know_fails() {
    let server = by_id(ResponseTemplate::new(404)).await;
    let (run, _tmp) = checked(&server, ID_REF, "", &[]).await;
    let (status, message, note) = finding(&run, "ISO-VERIFIED");
    assert_eq!(status, "fail", "{message}");
    assert!(
        message.starts_with("IAF CertSearch has no certificate with the id cert_Ab12 ("),
        "{message}"
    );
    assert!(message.ends_with("means the id is wrong or the record was removed"));
    assert_eq!(note["answer"], "not found");
    assert_eq!(run.code, Some(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_certificate_that_cannot_be_looked_up_says_why_and_does_not_pass() {
    // A free-text reference and no country: no IAF id and no way to search.
    let server = MockServer::start().await;
    let (run, _tmp) = checked(&server, NOTE_REF, "", &[]).await;
    let (status, message, _) = finding(&run, "ISO-VERIFIED");
    assert_eq!(status, "unverified", "{message}");
    assert_eq!(
        message,
        "not looked up with IAF CertSearch: IAF CertSearch finds a certificate by its IAF id, or \
         by the certified entity's name and country: record the id (or its iafcertsearch.org \
         URL) in `verification.reference`, or the vendor's `country`"
    );
    assert_eq!(
        run.code,
        Some(1),
        "the analyst's recorded `active` is not enough"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_company_search_finds_the_certificate_and_its_status_decides() {
    for (status, expected, prefix) in [
        (
            "Suspended",
            "fail",
            "IAF CertSearch reports the certificate suspended (",
        ),
        ("Active", "pass", "IAF CertSearch reports it active ("),
    ] {
        let other = certificate(
            "cert_Zz99",
            &[
                ("certification_number", json!("FX-QMS-1")),
                (
                    "certification_standards_scheme",
                    json!([{"standard_name": "ISO 9001:2015", "is_accredited_mla": true}]),
                ),
            ],
        );
        let ours = certificate("cert_Ab12", &[("certification_status", json!(status))]);
        let body = json!({"data": entity("ce_1", "Fixture Vendor Ltd", vec![other, ours])});
        let server = by_company(ResponseTemplate::new(200).set_body_json(body)).await;
        let (run, _tmp) = checked(&server, NOTE_REF, "country = \"GB\"\n", &[]).await;
        let (got, message, note) = finding(&run, "ISO-VERIFIED");
        assert_eq!(got, expected, "{message}");
        assert!(message.starts_with(prefix), "{message}");
        assert!(
            message.ends_with(
                "found by company search as cert_Ab12: record it in `verification.reference` to \
                 look it up directly"
            ),
            "{message}"
        );
        assert_eq!(note["registry_id"], "cert_Ab12");
        assert_eq!(note["answer"], "1 certified entity found");
        // The API key went with the search, and appears nowhere.
        let requests = server.received_requests().await.unwrap();
        assert_eq!(requests.len(), 1);
        assert_eq!(requests[0].headers["x-http-authorization"], KEY);
        assert!(!run.report.to_string().contains(KEY));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_certified_entity_recorded_on_the_certificate_is_what_is_searched() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/company"))
        .and(body_partial_json(
            json!({"company_name": "Fixture Holdings GmbH", "company_country": "DE"}),
        ))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"data": entity(
                "ce_7",
                "Fixture Holdings GmbH",
                vec![certificate("cert_Ab12", &[])]
            )})),
        )
        .mount(&server)
        .await;
    let tmp = TempDir::new().unwrap();
    let dir = vendor_with(tmp.path(), NOTE_REF, "country = \"DE\"\n");
    let file = dir.join("fixture/vendor.toml");
    let text = fs::read_to_string(&file).unwrap().replace(
        "certificate_number = \"FX-ISMS-40127\"\n",
        "certificate_number = \"FX-ISMS-40127\"\ncertified_entity = \"Fixture Holdings GmbH\"\n",
    );
    fs::write(&file, text).unwrap();
    let (t, base) = (tmp.path().to_path_buf(), server.uri());
    let run = tokio::task::spawn_blocking(move || check(&t, &dir, &base, &[]))
        .await
        .unwrap();
    let (status, message, _) = finding(&run, "ISO-VERIFIED");
    // Found, and compared: the certificate's record names another entity than the one recorded.
    assert_eq!(status, "fail", "{message}");
    assert!(
        message.contains(
            "certified entity `Fixture Vendor Ltd` (the certificate names `Fixture Holdings GmbH`)"
        ),
        "{message}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ambiguous_searches_are_unverified_with_the_candidates() {
    let twice = json!({"data": [
        entity("ce_1", "Fixture Vendor Ltd", vec![certificate("cert_Ab12", &[])]),
        entity("ce_2", "Fixture Vendor Limited", vec![certificate("cert_Cd34", &[])]),
    ]});
    let doubled = json!({"data": entity("ce_1", "Fixture Vendor Ltd", vec![
        certificate("cert_Ab12", &[]),
        certificate("cert_Ef56", &[]),
    ])});
    let missing = json!({"data": entity("ce_1", "Fixture Vendor Ltd", vec![
        certificate("cert_Zz99", &[("certification_number", json!("FX-QMS-1"))]),
    ])});
    let stranger =
        json!({"data": entity("ce_9", "Other Company plc", vec![certificate("cert_Ab12", &[])])});
    for (body, expected) in [
        (
            twice,
            "IAF CertSearch found several certified entities named `Fixture Vendor`: `Fixture Vendor Ltd` (ce_1), `Fixture Vendor Limited` (ce_2) (",
        ),
        (
            doubled,
            "IAF CertSearch lists several candidate certificates for `Fixture Vendor Ltd` (ce_1): FX-ISMS-40127 (cert_Ab12), FX-ISMS-40127 (cert_Ef56) (",
        ),
        (
            missing,
            "IAF CertSearch lists `Fixture Vendor Ltd` (ce_1) without certificate FX-ISMS-40127 (",
        ),
        (
            stranger,
            "IAF CertSearch found `Other Company plc` (ce_9) but none named `Fixture Vendor` (",
        ),
    ] {
        let server = by_company(ResponseTemplate::new(200).set_body_json(body)).await;
        let (run, _tmp) = checked(&server, NOTE_REF, "country = \"GB\"\n", &[]).await;
        let (status, message, _) = finding(&run, "ISO-VERIFIED");
        assert_eq!(status, "unverified", "{message}");
        assert!(message.starts_with(expected), "{message}");
        assert_eq!(run.code, Some(1));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn company_search_faults_never_pass() {
    for (answer, status, expected) in [
        (
            ResponseTemplate::new(200).set_body_json(json!({"data": []})),
            "warn",
            "IAF CertSearch found no certified entity named `Fixture Vendor` in GB (",
        ),
        (
            ResponseTemplate::new(404),
            "warn",
            "IAF CertSearch found no certified entity named `Fixture Vendor` in GB (",
        ),
        (
            ResponseTemplate::new(503),
            "unverified",
            "IAF CertSearch could not be consulted: HTTP 503",
        ),
        (
            ResponseTemplate::new(200).set_body_string("<html>maintenance</html>"),
            "unverified",
            "IAF CertSearch could not be consulted: malformed answer (not JSON",
        ),
        (
            ResponseTemplate::new(200).set_body_json(
                json!({"data": {"ce_id": "ce_1", "certificates": [{"cert_id": "x"}]}}),
            ),
            "unverified",
            "IAF CertSearch could not be consulted: malformed answer (no `certification_number`)",
        ),
        (
            ResponseTemplate::new(403).set_body_json(json!({"code": "insufficient_credit"})),
            "unverified",
            "IAF CertSearch could not be consulted: the registry refused the request (HTTP 403)",
        ),
    ] {
        let server = by_company(answer).await;
        let (run, _tmp) = checked(&server, NOTE_REF, "country = \"GB\"\n", &[]).await;
        let (got, message, _) = finding(&run, "ISO-VERIFIED");
        assert_eq!(got, status, "{message}");
        assert!(message.starts_with(expected), "{message}");
        if status == "warn" {
            assert!(message.ends_with("a registry holds only part of the accredited certificates"));
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cached_answer_says_its_age_and_that_it_is_later_than_the_as_of_date() {
    let server = by_id(
        ResponseTemplate::new(200).set_body_json(json!({"data": certificate("cert_Ab12", &[])})),
    )
    .await;
    let tmp = TempDir::new().unwrap();
    let dir = vendor_with(tmp.path(), ID_REF, "");
    let (t, d, base) = (tmp.path().to_path_buf(), dir.clone(), server.uri());
    let online = tokio::task::spawn_blocking(move || check(&t, &d, &base, &[]))
        .await
        .unwrap();
    let (status, message, note) = finding(&online, "ISO-VERIFIED");
    assert_eq!(status, "pass", "{message}");
    // Fetched today, after the as-of date 2026-11-23 (the tests run later than that).
    assert!(
        message
            .contains(", after the as-of date 2026-11-23: this evaluation rests on an answer of "),
        "{message}"
    );
    assert!(note.get("cache_age_days").is_none(), "{note}");
    let base = server.uri();
    drop(server); // offline: no registry any more
    let t = tmp.path().to_path_buf();
    let offline = tokio::task::spawn_blocking(move || check(&t, &dir, &base, &["--offline"]))
        .await
        .unwrap();
    let (status, message, note) = finding(&offline, "ISO-VERIFIED");
    assert_eq!(status, "pass", "{message}");
    assert!(
        message.contains(", cached today, after the as-of date 2026-11-23"),
        "{message}"
    );
    assert_eq!(note["from_cache"], true);
    assert_eq!(note["cache_age_days"], 0);
}

#[test]
fn a_registry_named_like_a_placeholder_is_refused_with_why() {
    let tmp = TempDir::new().unwrap();
    let dir = vendor_with(tmp.path(), ID_REF, "");
    let reg = tmp.path().join("registries.toml");
    fs::write(
        &reg,
        "[[registry]]\nname = \"X\"\nkind = \"iaf-certsearch\"\nbase_url = \"http://127.0.0.1:9/\"\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vendorcert"))
        .args(["check", dir.to_str().unwrap(), "--as-of", AS_OF, "--online"])
        .arg("--registries")
        .arg(&reg)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`X` reads as a placeholder, not a name"),
        "{stderr}"
    );
    assert!(stderr.contains("registries.toml:2"), "{stderr}");
    assert!(stderr.contains("e.g. `IAF CertSearch`"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fetch_writes_the_ids_a_search_found_and_the_next_run_looks_them_up_directly() {
    let server = by_company(
        ResponseTemplate::new(200).set_body_json(json!({"data": entity(
            "ce_1",
            "Fixture Vendor Ltd",
            vec![certificate("cert_Ab12", &[])]
        )})),
    )
    .await;
    Mock::given(method("GET"))
        .and(path("/certificate/cert_Ab12"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": certificate("cert_Ab12", &[])})),
        )
        .mount(&server)
        .await;
    let tmp = TempDir::new().unwrap();
    let dir = vendor_with(tmp.path(), NOTE_REF, "country = \"GB\"\n");
    let file = dir.join("fixture/vendor.toml");
    let before = fs::read_to_string(&file).unwrap();
    let reg = tmp.path().join("registries.toml");
    fs::write(
        &reg,
        format!(
            "[[registry]]\nname = \"IAF CertSearch\"\nkind = \"iaf-certsearch\"\nbase_url = \"{}\"\n",
            server.uri()
        ),
    )
    .unwrap();
    let (d, r, c) = (dir.clone(), reg.clone(), tmp.path().join("cache"));
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_vendorcert"))
            .arg("fetch")
            .arg(&d)
            .arg("--registries")
            .arg(&r)
            .arg("--cache-dir")
            .arg(&c)
            .arg("--write-ids")
            .env("VENDORCERT_IAF_API_KEY", KEY)
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let expected = format!("{NOTE_REF}; https://www.iafcertsearch.org/certification/cert_Ab12");
    assert!(
        stdout.contains(&format!("iso[0]: verification.reference = \"{expected}\"")),
        "{stdout}"
    );
    // Only the reference changed: every other line, comment included, is as it was.
    let after = fs::read_to_string(&file).unwrap();
    assert_eq!(after, before.replace(NOTE_REF, &expected));
    // The next run asks by id, not by company.
    let searches_before = server.received_requests().await.unwrap().len();
    let (t, base) = (tmp.path().to_path_buf(), server.uri());
    let run = tokio::task::spawn_blocking(move || check(&t, &dir, &base, &[]))
        .await
        .unwrap();
    let (status, message, note) = finding(&run, "ISO-VERIFIED");
    assert_eq!(status, "pass", "{message}");
    assert!(
        note["url"]
            .as_str()
            .unwrap()
            .ends_with("/certificate/cert_Ab12"),
        "{note}"
    );
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), searches_before + 1);
    assert_eq!(requests.last().unwrap().method.as_str(), "GET");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rate_limited_search_is_retried_and_an_oversized_one_is_unverified() {
    let found =
        json!({"data": entity("ce_1", "Fixture Vendor Ltd", vec![certificate("cert_Ab12", &[])])});
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/company"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/company"))
        .respond_with(ResponseTemplate::new(200).set_body_json(found))
        .with_priority(2)
        .mount(&server)
        .await;
    let tmp = TempDir::new().unwrap();
    let dir = vendor_with(tmp.path(), NOTE_REF, "country = \"GB\"\n");
    let reg = tmp.path().join("registries.toml");
    fs::write(
        &reg,
        format!(
            "[limits]\nretries = 1\n\n[[registry]]\nname = \"IAF CertSearch\"\nkind = \"iaf-certsearch\"\nbase_url = \"{}\"\n",
            server.uri()
        ),
    )
    .unwrap();
    let args = |cache: &Path| -> Vec<String> {
        vec![
            "check".into(),
            dir.display().to_string(),
            "--as-of".into(),
            AS_OF.into(),
            "--format".into(),
            "json".into(),
            "--online".into(),
            "--registries".into(),
            reg.display().to_string(),
            "--cache-dir".into(),
            cache.display().to_string(),
        ]
    };
    let first = args(&tmp.path().join("cache"));
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_vendorcert"))
            .args(&first)
            .env("VENDORCERT_IAF_API_KEY", KEY)
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let run = Run {
        code: out.status.code(),
        report: serde_json::from_slice(&out.stdout).unwrap_or(Value::Null),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    let (status, message, _) = finding(&run, "ISO-VERIFIED");
    assert_eq!(status, "pass", "{message}");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);

    let huge = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/company"))
        .respond_with(ResponseTemplate::new(200).set_body_string("x".repeat(2 * 1024 * 1024)))
        .mount(&huge)
        .await;
    let (run, _tmp) = checked(&huge, NOTE_REF, "country = \"GB\"\n", &[]).await;
    let (status, message, _) = finding(&run, "ISO-VERIFIED");
    assert_eq!(status, "unverified", "{message}");
    assert!(
        message.starts_with("IAF CertSearch could not be consulted: answer larger than the"),
        "{message}"
    );
}
