//! Online verification against registries the tests start on 127.0.0.1 (wiremock, and a raw
//! TCP server for a body that trickles). Every fault ends unverified or failing, never passing.
//! No test reaches beyond 127.0.0.1.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tempfile::TempDir;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const AS_OF: &str = "2026-11-23";
const NUMBER: &str = "FX-ISMS-40127";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A vendor with one ISO/IEC 27001 certificate (recorded as verified active by an analyst, so
/// only the online answer can make it fail or leave it unverified).
fn vendor(tmp: &Path) -> PathBuf {
    let dir = tmp.join("vendors/fixture");
    fs::create_dir_all(&dir).unwrap();
    let text = fs::read_to_string(root().join("fixtures/rules/ISO-VERIFIED/pass/vendor.toml"))
        .unwrap()
        .replace(
            "reference = \"https://certsearch.example/certificates/FX-ISMS-40127\"",
            "reference = \"https://www.iafcertsearch.org/certification/cert_Ab12\"",
        );
    fs::write(dir.join("vendor.toml"), text).unwrap();
    tmp.join("vendors")
}

/// What the registry says when everything matches the evidence.
fn record() -> Value {
    json!({
        "certificate_number": NUMBER,
        "status": "active",
        "standard": "ISO/IEC 27001:2022",
        "certification_body": "Northgate Assurance Limited",
        "accreditation_body": "United Kingdom Accreditation Service",
        "scope": "Development and operation of the Fixture Analytics API",
        "certified_entity": "Fixture Vendor Ltd",
        "issued": "2025-03-10",
        "expires": "2028-03-09"
    })
}

fn with(changes: &[(&str, Value)]) -> Value {
    let mut r = record();
    for (k, v) in changes {
        r[*k] = v.clone();
    }
    r
}

fn registries(tmp: &Path, base: &str, extra: &str) -> PathBuf {
    let file = tmp.join("registries.toml");
    fs::write(
        &file,
        format!(
            "[limits]\n{extra}\n\n[[registry]]\nname = \"Test GRC\"\nkind = \"json\"\nbase_url = \"{base}\"\n"
        ),
    )
    .unwrap();
    file
}

struct Run {
    code: Option<i32>,
    report: Value,
    stderr: String,
    elapsed: Duration,
}

fn vendorcert(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_vendorcert"));
    cmd.current_dir(root())
        .args(args)
        .env_remove("HTTPS_PROXY")
        .env_remove("HTTP_PROXY")
        .env_remove("ALL_PROXY");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let started = Instant::now();
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code(),
        report: serde_json::from_slice(&out.stdout).unwrap_or(Value::Null),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        elapsed: started.elapsed(),
    }
}

fn check(tmp: &Path, dir: &Path, registries: &Path, extra: &[&str]) -> Run {
    check_env(&tmp.join("cache"), dir, registries, extra, &[])
}

/// `check --online` (unless `extra` says `--offline`) with `cache` and environment `env`.
fn check_env(
    cache: &Path,
    dir: &Path,
    registries: &Path,
    extra: &[&str],
    env: &[(&str, &str)],
) -> Run {
    let mut args = vec![
        "check",
        dir.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "--registries",
        registries.to_str().unwrap(),
        "--cache-dir",
        cache.to_str().unwrap(),
    ];
    if !extra.contains(&"--offline") {
        args.push("--online");
    }
    args.extend_from_slice(extra);
    vendorcert(&args, env)
}

/// The findings of `rule` in a report: (vendor id, status, message, registry note).
fn findings(report: &Value, rule: &str) -> Vec<(String, String, String, Value)> {
    report["vendors"]
        .as_array()
        .unwrap_or_else(|| panic!("no vendors in {report}"))
        .iter()
        .flat_map(|v| {
            v["findings"]
                .as_array()
                .into_iter()
                .flatten()
                .map(move |f| (v["id"].clone(), f))
        })
        .filter(|(_, f)| f["rule"] == rule)
        .map(|(id, f)| {
            (
                id.as_str().unwrap_or("").to_string(),
                f["status"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
                f["registry"].clone(),
            )
        })
        .collect()
}

fn verified(run: &Run) -> (String, String, Value) {
    let mut all = findings(&run.report, "ISO-VERIFIED");
    assert_eq!(all.len(), 1, "{}\n{}", run.report, run.stderr);
    let (_, status, message, note) = all.remove(0);
    (status, message, note)
}

/// Asserts the one ISO-VERIFIED finding has `status` and a message starting with `prefix`.
fn expect_verified(run: &Run, status: &str, prefix: &str) -> (String, Value) {
    let (got, message, note) = verified(run);
    assert_eq!(got, status, "{message}");
    assert!(message.starts_with(prefix), "{message}");
    (message, note)
}

async fn registry_answering(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/certificates/{NUMBER}")))
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

/// Runs a check of the fixture vendor against a registry giving `template`.
async fn against(
    template: ResponseTemplate,
    extra_limits: &str,
    args: &[&str],
) -> (Run, MockServer) {
    let server = registry_answering(template).await;
    let tmp = TempDir::new().unwrap();
    let dir = vendor(tmp.path());
    let reg = registries(tmp.path(), &server.uri(), extra_limits);
    let (tmp_path, args): (PathBuf, Vec<String>) = (
        tmp.path().to_path_buf(),
        args.iter().map(|s| s.to_string()).collect(),
    );
    let run = tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        check(&tmp_path, &dir, &reg, &args)
    })
    .await
    .unwrap();
    drop(tmp);
    (run, server)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn active_and_matching_is_verified() {
    let (run, _server) = against(ResponseTemplate::new(200).set_body_json(record()), "", &[]).await;
    let (status, message, note) = verified(&run);
    assert_eq!(status, "pass", "{message}");
    assert!(
        message.starts_with("Test GRC reports it active (")
            && message.ends_with(
                "standard, certification body, accreditation body, scope, certified entity and expiry match"
            ),
        "{message}"
    );
    assert_eq!(note["registry"], "Test GRC");
    assert_eq!(note["answer"], "active");
    assert_eq!(note["from_cache"], false);
    assert!(
        note["url"]
            .as_str()
            .unwrap()
            .ends_with("/certificates/FX-ISMS-40127")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suspended_withdrawn_and_expired_fail() {
    for (status, word) in [
        ("Suspended", "suspended"),
        ("withdrawn", "withdrawn"),
        ("EXPIRED", "expired"),
    ] {
        let body = with(&[("status", json!(status))]);
        let (run, _s) = against(ResponseTemplate::new(200).set_body_json(body), "", &[]).await;
        let (st, message, note) = verified(&run);
        assert_eq!(st, "fail", "{message}");
        assert!(
            message.starts_with(&format!("Test GRC reports the certificate {word} (")),
            "{message}"
        );
        assert_eq!(note["answer"], word);
        assert_eq!(run.code, Some(1));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn not_found_warns() {
    let (run, _s) = against(ResponseTemplate::new(404), "", &[]).await;
    let (status, message, note) = verified(&run);
    assert_eq!(status, "warn", "{message}");
    assert!(
        message.starts_with("not found by Test GRC (asked "),
        "{message}"
    );
    assert!(message.ends_with("a registry holds only part of the accredited certificates"));
    assert_eq!(note["answer"], "not found");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn details_that_differ_fail_with_what_differs() {
    let cases = [
        (
            with(&[("certification_body", json!("Southgate Certification GmbH"))]),
            "certification body `Southgate Certification GmbH` (the evidence says `Northgate Assurance Ltd`)",
        ),
        (
            with(&[("standard", json!("ISO/IEC 27701:2019"))]),
            "standard `ISO/IEC 27701:2019` (the evidence says `ISO/IEC 27001:2022`)",
        ),
        (
            with(&[("scope", json!("Corporate IT of the head office"))]),
            "scope `Corporate IT of the head office`, which does not cover Fixture Analytics API",
        ),
        (
            with(&[("certified_entity", json!("Other Holdings plc"))]),
            "certified entity `Other Holdings plc` (the vendor is `Fixture Vendor`)",
        ),
        (
            with(&[("accreditation_body", json!("DAkkS"))]),
            "accreditation body `DAkkS` (the evidence says `UKAS`)",
        ),
        (
            with(&[("expires", json!("2027-03-09"))]),
            "expiry 2027-03-09 (the certificate says 2028-03-09)",
        ),
    ];
    for (body, differs) in cases {
        let (run, _s) = against(ResponseTemplate::new(200).set_body_json(body), "", &[]).await;
        let (status, message, _) = verified(&run);
        assert_eq!(status, "fail", "{message}");
        assert!(
            message.starts_with(&format!(
                "Test GRC lists it active but its record differs: {differs} ("
            )),
            "{message}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expiry_past_in_the_registry_fails() {
    let body = with(&[("expires", json!("2026-11-01"))]);
    let (run, _s) = against(ResponseTemplate::new(200).set_body_json(body), "", &[]).await;
    expect_verified(
        &run,
        "fail",
        "Test GRC lists it active but expiring on 2026-11-01",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_certificate_in_the_answer_is_unverified() {
    let body = with(&[("certificate_number", json!("FX-ISMS-99999"))]);
    let (run, _s) = against(ResponseTemplate::new(200).set_body_json(body), "", &[]).await;
    expect_verified(
        &run,
        "unverified",
        "Test GRC answered about certificate FX-ISMS-99999, not FX-ISMS-40127",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limited_then_answered_is_verified_after_the_wait() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/certificates/{NUMBER}")))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/certificates/{NUMBER}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(record()))
        .with_priority(2)
        .mount(&server)
        .await;
    let tmp = TempDir::new().unwrap();
    let dir = vendor(tmp.path());
    let reg = registries(tmp.path(), &server.uri(), "");
    let t = tmp.path().to_path_buf();
    let run = tokio::task::spawn_blocking(move || check(&t, &dir, &reg, &[]))
        .await
        .unwrap();
    let (status, message, _) = verified(&run);
    assert_eq!(status, "pass", "{message}");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
    assert!(
        run.elapsed >= Duration::from_secs(1),
        "Retry-After was not honoured"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors_are_retried_then_unverified() {
    let (run, server) = against(ResponseTemplate::new(500), "", &[]).await;
    let (status, message, note) = verified(&run);
    assert_eq!(status, "unverified");
    assert_eq!(
        message,
        "Test GRC could not be consulted: HTTP 500 after 2 retries"
    );
    assert_eq!(note["answer"], "unavailable: HTTP 500 after 2 retries");
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
    // Under the default policy ISO-VERIFIED is an error: unverified fails the vendor.
    assert_eq!(run.code, Some(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_registry_slower_than_the_timeout_is_unverified() {
    let slow = ResponseTemplate::new(200)
        .set_body_json(record())
        .set_delay(Duration::from_secs(5));
    let (run, _s) = against(slow, "", &["--timeout", "1s"]).await;
    let (status, message, _) = verified(&run);
    assert_eq!(status, "unverified");
    assert!(
        message.starts_with(
            "Test GRC could not be consulted: no complete answer from http://127.0.0.1:"
        ),
        "{message}"
    );
    assert!(message.ends_with("within 1s"), "{message}");
    assert!(run.elapsed < Duration::from_secs(5), "{:?}", run.elapsed);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_and_malformed_answers_are_unverified() {
    let big = ResponseTemplate::new(200).set_body_string("x".repeat(5000));
    let (run, _s) = against(big, "max_response_bytes = 1000", &[]).await;
    let (status, message, _) = verified(&run);
    assert_eq!(status, "unverified");
    assert_eq!(
        message,
        "Test GRC could not be consulted: answer larger than the 1000-byte limit"
    );

    let html = ResponseTemplate::new(200).set_body_string("<html>maintenance</html>");
    let (run, _s) = against(html, "", &[]).await;
    expect_verified(
        &run,
        "unverified",
        "Test GRC could not be consulted: malformed answer (not JSON",
    );

    let partial = ResponseTemplate::new(200).set_body_json(json!({"status": "active"}));
    let (run, _s) = against(partial, "", &[]).await;
    let (status, message, _) = verified(&run);
    assert_eq!(status, "unverified");
    assert_eq!(
        message,
        "Test GRC could not be consulted: malformed answer (no `certificate_number`)"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redirect_to_another_host_is_not_followed() {
    let elsewhere = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(record()))
        .mount(&elsewhere)
        .await;
    let target = format!("{}/certificates/{NUMBER}", elsewhere.uri());
    let (run, _s) = against(
        ResponseTemplate::new(302).insert_header("location", target.as_str()),
        "",
        &[],
    )
    .await;
    let (status, message, _) = verified(&run);
    assert_eq!(status, "unverified");
    assert_eq!(
        message,
        "Test GRC could not be consulted: redirected (HTTP 302) to another host or to plain HTTP: not followed"
    );
    assert!(elsewhere.received_requests().await.unwrap().is_empty());
}

/// A server that sends headers at once, then the body one byte every 300 ms.
fn trickling_server() -> (String, std::thread::JoinHandle<()>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let handle = std::thread::spawn(move || {
        listener.set_nonblocking(false).unwrap();
        if let Ok((mut s, _)) = listener.accept() {
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf);
            let body = serde_json::to_vec(&record()).unwrap();
            let _ = write!(
                s,
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                body.len()
            );
            for b in body.iter().take(20) {
                if s.write_all(&[*b]).is_err() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(300));
            }
        }
    });
    (format!("http://{addr}"), handle)
}

#[test]
fn a_slow_body_is_cut_by_the_timeout() {
    let (base, handle) = trickling_server();
    let tmp = TempDir::new().unwrap();
    let dir = vendor(tmp.path());
    let reg = registries(tmp.path(), &base, "");
    let run = check(tmp.path(), &dir, &reg, &["--timeout", "2s"]);
    let (status, message, _) = verified(&run);
    assert_eq!(status, "unverified");
    assert!(message.contains("no complete answer from"), "{message}");
    assert!(run.elapsed < Duration::from_secs(6), "{:?}", run.elapsed);
    handle.join().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_registry_that_never_answers_ends_by_the_deadline_and_fails_under_strict() {
    let never = ResponseTemplate::new(200)
        .set_body_json(record())
        .set_delay(Duration::from_secs(120));
    let (run, _s) = against(
        never,
        "",
        &["--timeout", "60s", "--deadline", "2s", "--policy", "strict"],
    )
    .await;
    let (status, message, _) = verified(&run);
    assert_eq!(status, "unverified");
    assert_eq!(
        message,
        "Test GRC could not be consulted: no answer before the run's deadline (2s)"
    );
    assert_eq!(run.code, Some(1));
    assert!(run.elapsed < Duration::from_secs(10), "{:?}", run.elapsed);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_uses_the_cache_and_refuses_what_is_too_old_or_corrupt() {
    let server = registry_answering(ResponseTemplate::new(200).set_body_json(record())).await;
    let tmp = TempDir::new().unwrap();
    let dir = vendor(tmp.path());
    let reg = registries(tmp.path(), &server.uri(), "");
    let t = tmp.path().to_path_buf();
    let (d, r) = (dir.clone(), reg.clone());
    let fetched = tokio::task::spawn_blocking(move || {
        vendorcert(
            &[
                "fetch",
                d.to_str().unwrap(),
                "--registries",
                r.to_str().unwrap(),
                "--cache-dir",
                t.join("cache").to_str().unwrap(),
            ],
            &[],
        )
    })
    .await
    .unwrap();
    assert_eq!(fetched.code, Some(0), "{}", fetched.stderr);
    drop(server); // offline: no registry any more
    let t = tmp.path().to_path_buf();
    let (d, r) = (dir.clone(), reg.clone());
    let offline = tokio::task::spawn_blocking(move || check(&t, &d, &r, &["--offline"]))
        .await
        .unwrap();
    let (status, message, note) = verified(&offline);
    assert_eq!(status, "pass", "{message}");
    assert_eq!(note["from_cache"], true);

    std::thread::sleep(Duration::from_millis(1100));
    let t = tmp.path().to_path_buf();
    let (d, r) = (dir.clone(), reg.clone());
    let stale =
        tokio::task::spawn_blocking(move || check(&t, &d, &r, &["--offline", "--max-age", "1s"]))
            .await
            .unwrap();
    let (status, message, _) = verified(&stale);
    assert_eq!(status, "unverified");
    assert!(
        message.contains("is older than the maximum age 1s"),
        "{message}"
    );

    // A corrupt cache file is not trusted.
    let answers = tmp.path().join("cache/answers");
    for entry in fs::read_dir(&answers).unwrap() {
        fs::write(entry.unwrap().path(), "{\"version\": 1, \"key\": ").unwrap();
    }
    let t = tmp.path().to_path_buf();
    let corrupt = tokio::task::spawn_blocking(move || check(&t, &dir, &reg, &["--offline"]))
        .await
        .unwrap();
    let (status, message, _) = verified(&corrupt);
    assert_eq!(status, "unverified");
    assert_eq!(
        message,
        "Test GRC could not be consulted: no cached answer (run `vendorcert fetch` online first)"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_iaf_api_key_is_sent_but_never_printed_cached_or_reported() {
    const KEY: &str = "sekrit-iaf-key-8472";
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/certificate/cert_Ab12"))
        .and(header("x-http-authorization", KEY))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": {
            "cert_id": "cert_Ab12",
            "certification_number": NUMBER,
            "certification_status": "Withdrawn",
            "certification_bodies_name": "Northgate Assurance Ltd",
            "accreditation_bodies_name": "UKAS",
            "certification_standards_scheme": [{"standard_name": "ISO/IEC 27001:2022", "scheme_name": "ISMS", "is_accredited_mla": true}],
            "certified_entities": [{"ce_id": "ce_1", "certified_entity_name": "Fixture Vendor Ltd"}]
        }})))
        .mount(&server)
        .await;
    let tmp = TempDir::new().unwrap();
    let dir = vendor(tmp.path());
    let reg = tmp.path().join("registries.toml");
    fs::write(
        &reg,
        format!("[[registry]]\nname = \"IAF CertSearch\"\nkind = \"iaf-certsearch\"\nbase_url = \"{}\"\n", server.uri()),
    )
    .unwrap();
    let cache = tmp.path().join("cache");
    let (d, r, c) = (dir.clone(), reg.clone(), cache.clone());
    let run = tokio::task::spawn_blocking(move || {
        check_env(&c, &d, &r, &[], &[("VENDORCERT_IAF_API_KEY", KEY)])
    })
    .await
    .unwrap();
    expect_verified(
        &run,
        "fail",
        "IAF CertSearch reports the certificate withdrawn",
    );
    assert!(!run.report.to_string().contains(KEY));
    assert!(!run.stderr.contains(KEY));
    for entry in fs::read_dir(cache.join("answers")).unwrap() {
        let text = fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(!text.contains(KEY));
    }
    // Without the key the look-up is not made, and the check is unverified.
    let (d, r, c) = (dir.clone(), reg.clone(), tmp.path().join("cache2"));
    let run = tokio::task::spawn_blocking(move || {
        check_env(&c, &d, &r, &[], &[("VENDORCERT_IAF_API_KEY", "")])
    })
    .await
    .unwrap();
    let (status, message, _) = verified(&run);
    assert_eq!(status, "unverified");
    assert_eq!(
        message,
        "IAF CertSearch could not be consulted: no API key: set VENDORCERT_IAF_API_KEY"
    );
}

#[test]
fn plain_http_to_another_host_is_refused_in_the_registries_file() {
    let tmp = TempDir::new().unwrap();
    let dir = vendor(tmp.path());
    let reg = registries(tmp.path(), "http://registry.example/api", "");
    let run = check(tmp.path(), &dir, &reg, &[]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("registries.toml:"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("uses plain HTTP, allowed only to loopback"),
        "{}",
        run.stderr
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_example_portfolio_online_shows_verified_suspended_and_unverified() {
    let server = MockServer::start().await;
    let nimbus = |number: &str, standard: &str, status: &str| {
        json!({
            "certificate_number": number,
            "status": status,
            "standard": standard,
            "certification_body": "Brightmoor Assurance Registrar Inc.",
            "accreditation_body": "ANAB",
            "certified_entity": "Nimbus Cloud Services, Inc.",
            "expires": "2028-04-13"
        })
    };
    Mock::given(method("GET"))
        .and(path("/certificates/BAR-27001-118204"))
        .respond_with(ResponseTemplate::new(200).set_body_json(nimbus(
            "BAR-27001-118204",
            "ISO/IEC 27001:2022",
            "active",
        )))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/certificates/BAR-27017-118205"))
        .respond_with(ResponseTemplate::new(200).set_body_json(nimbus(
            "BAR-27017-118205",
            "ISO/IEC 27017:2015",
            "suspended",
        )))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/star/registry/nimbus-cloud-services"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string("<html><h1>Nimbus Cloud Services</h1><p>STAR Level 2</p></html>"),
        )
        .mount(&server)
        .await;
    // Everything else: a registry in trouble.
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .with_priority(10)
        .mount(&server)
        .await;
    let tmp = TempDir::new().unwrap();
    let reg = registries(tmp.path(), &server.uri(), "retries = 0");
    let text =
        fs::read_to_string(&reg).unwrap() + &format!("\n[star]\nmirror = \"{}\"\n", server.uri());
    fs::write(&reg, text).unwrap();
    let t = tmp.path().to_path_buf();
    let run = tokio::task::spawn_blocking(move || {
        check(&t, &root().join("fixtures/portfolio"), &reg, &[])
    })
    .await
    .unwrap();
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let verified = findings(&run.report, "ISO-VERIFIED");
    let of = |id: &str, status: &str| {
        verified
            .iter()
            .filter(|(v, s, _, _)| v == id && s == status)
            .map(|(_, _, m, _)| m.as_str())
            .collect::<Vec<_>>()
    };
    let passed = of("nimbus-cloud", "pass");
    assert_eq!(passed.len(), 1, "{verified:?}");
    assert!(
        passed[0].starts_with("Test GRC reports it active ("),
        "{}",
        passed[0]
    );
    let failed = of("nimbus-cloud", "fail");
    assert_eq!(failed.len(), 1, "{verified:?}");
    assert!(failed[0].starts_with("Test GRC reports the certificate suspended ("));
    assert!(
        of("nimbus-cloud", "unverified")
            .iter()
            .all(|m| *m == "Test GRC could not be consulted: HTTP 503")
    );
    assert_eq!(of("nimbus-cloud", "unverified").len(), 2);
    let star = findings(&run.report, "STAR-REGISTRY");
    let nimbus_star: Vec<_> = star.iter().filter(|(v, ..)| v == "nimbus-cloud").collect();
    assert_eq!(nimbus_star.len(), 1);
    assert_eq!(nimbus_star[0].1, "pass", "{:?}", nimbus_star[0]);
    assert!(
        nimbus_star[0]
            .2
            .contains("the registry page names Nimbus Cloud Services")
    );
    // No look-up went anywhere but the loopback registry: every note names it.
    for (_, _, _, note) in verified.iter().chain(star.iter()) {
        if let Some(url) = note["url"].as_str() {
            assert!(url.starts_with(&server.uri()), "{url}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documents_by_url_are_fetched_and_hashed() {
    let server = MockServer::start().await;
    let good = b"%PDF-1.7 the SOC 2 report".to_vec();
    Mock::given(method("GET"))
        .and(path("/docs/soc2.pdf"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(good.clone()))
        .mount(&server)
        .await;
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("vendors/doc");
    fs::create_dir_all(&dir).unwrap();
    let text =
        fs::read_to_string(root().join("fixtures/rules/GEN-DOCUMENT/warn-url-only/vendor.toml"))
            .unwrap();
    let url_line = text
        .lines()
        .find(|l| l.starts_with("document = "))
        .expect("a document line")
        .to_string();
    let sha = {
        use sha2::Digest;
        let d = sha2::Sha256::digest(&good);
        d.iter().map(|b| format!("{b:02x}")).collect::<String>()
    };
    for (sha256, expect) in [(sha.clone(), None), ("0".repeat(64), Some("fail"))] {
        let line = format!(
            "document = {{ url = \"{}/docs/soc2.pdf\", sha256 = \"{sha256}\" }}",
            server.uri()
        );
        fs::write(dir.join("vendor.toml"), text.replace(&url_line, &line)).unwrap();
        let reg = registries(tmp.path(), &server.uri(), "");
        let t = tmp.path().to_path_buf();
        let vendors = tmp.path().join("vendors");
        let run = tokio::task::spawn_blocking(move || check(&t, &vendors, &reg, &[]))
            .await
            .unwrap();
        let docs = findings(&run.report, "GEN-DOCUMENT");
        assert_eq!(docs.len(), 1, "{}", run.report);
        match expect {
            None => assert_eq!(
                (docs[0].1.as_str(), docs[0].2.as_str()),
                ("pass", "1 document fetched and matching"),
                "{:?}",
                docs[0]
            ),
            Some(status) => {
                assert_eq!(docs[0].1, status, "{:?}", docs[0]);
                assert!(
                    docs[0]
                        .2
                        .contains("was fetched but does not match its sha256"),
                    "{:?}",
                    docs[0]
                );
            }
        }
        if expect.is_none() {
            assert!(
                !docs[0].2.is_empty() && !docs[0].2.contains("cannot be checked offline"),
                "{:?}",
                docs[0]
            );
            // Kept in the cache under its hash.
            assert!(tmp.path().join("cache/documents").join(&sha).is_file());
        }
    }
}

/// `fetch` takes its registries from the portfolio settings, as `check --online` and
/// `--offline` do: fetched once, the answers are there for the offline check.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fetch_reads_the_registries_of_the_portfolio_settings() {
    let server = registry_answering(ResponseTemplate::new(200).set_body_json(record())).await;
    let tmp = TempDir::new().unwrap();
    let dir = vendor(tmp.path());
    registries(tmp.path(), &server.uri(), "");
    fs::write(
        dir.join("vendorcert.toml"),
        "registries = \"../registries.toml\"\n",
    )
    .unwrap();
    let cache = tmp.path().join("cache");
    let (d, c) = (dir.clone(), cache.clone());
    let fetched = tokio::task::spawn_blocking(move || {
        vendorcert(
            &[
                "fetch",
                d.to_str().unwrap(),
                "--cache-dir",
                c.to_str().unwrap(),
            ],
            &[],
        )
    })
    .await
    .unwrap();
    assert_eq!(fetched.code, Some(0), "{}", fetched.stderr);
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    drop(server);
    let (d, c) = (dir.clone(), cache.clone());
    let offline = tokio::task::spawn_blocking(move || {
        vendorcert(
            &[
                "check",
                d.to_str().unwrap(),
                "--as-of",
                "2026-11-23",
                "--format",
                "json",
                "--offline",
                "--cache-dir",
                c.to_str().unwrap(),
            ],
            &[],
        )
    })
    .await
    .unwrap();
    let (status, message, note) = verified(&offline);
    assert_eq!(status, "pass", "{message}");
    assert_eq!(note["from_cache"], true);
    // The settings' file is the one read: a missing one is exit 2, named; --no-config reads
    // no settings, so there is no registries file to miss.
    fs::write(
        dir.join("vendorcert.toml"),
        "registries = \"../missing.toml\"\n",
    )
    .unwrap();
    let fetch = move |extra: &'static [&'static str]| {
        let (d, c) = (dir.clone(), cache.clone());
        move || {
            let mut args = vec![
                "fetch".to_string(),
                d.display().to_string(),
                "--cache-dir".to_string(),
                c.display().to_string(),
            ];
            args.extend(extra.iter().map(|a| a.to_string()));
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            vendorcert(&args, &[("XDG_CONFIG_HOME", "/nonexistent")])
        }
    };
    let missing = tokio::task::spawn_blocking(fetch(&[])).await.unwrap();
    assert_eq!(missing.code, Some(2));
    assert!(
        missing.stderr.contains("missing.toml"),
        "{}",
        missing.stderr
    );
    let alone = tokio::task::spawn_blocking(fetch(&["--no-config"]))
        .await
        .unwrap();
    assert_eq!(alone.code, Some(0), "{}", alone.stderr);
}
