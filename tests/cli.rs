//! End-to-end runs of the binary: exit codes, input errors with file:line, and formats.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

const AS_OF: &str = "2026-11-23";

mod common;
use common::{GOOD, SOC2_PDF, sha256_hex};

fn vendorcert() -> Command {
    Command::cargo_bin("vendorcert").unwrap()
}

/// Writes a vendor folder `name` holding `file_name` with `text`, plus the SOC 2 document.
fn vendor_dir(root: &Path, name: &str, file_name: &str, text: &str) -> PathBuf {
    let dir = root.join(name);
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("soc2.pdf"), SOC2_PDF).unwrap();
    fs::write(
        dir.join(file_name),
        text.replace("SOC2_SHA", &sha256_hex(SOC2_PDF)),
    )
    .unwrap();
    dir
}

fn check(path: &Path) -> assert_cmd::assert::Assert {
    // Wide enough that no reason the tests look for is wrapped.
    vendorcert()
        .env("COLUMNS", "200")
        .args(["check", "--as-of", AS_OF])
        .arg(path)
        .assert()
}

#[test]
fn a_passing_vendor_exits_0() {
    let tmp = TempDir::new().unwrap();
    let dir = vendor_dir(tmp.path(), "good", "vendor.toml", GOOD);
    check(&dir)
        .code(0)
        .stdout(predicate::str::contains("PASS Good Co (good-co)"));
}

#[test]
fn a_failing_vendor_exits_1_and_says_why_and_where() {
    let tmp = TempDir::new().unwrap();
    let dir = vendor_dir(
        tmp.path(),
        "type1",
        "vendor.toml",
        &GOOD
            .replace("type = 2", "type = 1")
            .replace("period_start = 2025-10-01\n", ""),
    );
    check(&dir)
        .code(1)
        .stdout(predicate::str::contains("FAIL Good Co (good-co)"))
        .stdout(predicate::str::contains(
            "Type 1 only: design at a point in time",
        ))
        .stdout(predicate::str::contains(
            "warning[SOC2-TYPE] vendor.toml:13 fail: Type 1 only",
        ))
        .stdout(predicate::str::contains(
            "ask: Can you share your most recent SOC 2 Type 2 report",
        ));
}

#[test]
fn the_as_of_date_is_required_to_be_a_real_date() {
    let tmp = TempDir::new().unwrap();
    let dir = vendor_dir(tmp.path(), "good", "vendor.toml", GOOD);
    vendorcert()
        .args(["check", "--as-of", "2026-02-30"])
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid date `2026-02-30`"));
}

#[test]
fn a_missing_path_exits_2() {
    check(Path::new("/nonexistent/vendors"))
        .code(2)
        .stdout(predicate::str::contains("cannot read"));
}

#[test]
fn a_folder_with_no_vendor_exits_2() {
    let tmp = TempDir::new().unwrap();
    check(tmp.path()).code(2).stdout(predicate::str::contains(
        "no vendor.toml or vendor.json found",
    ));
}

/// Runs `check --format json` on a vendor with `text` and returns (exit code, stderr).
fn invalid_run(file_name: &str, text: &[u8]) -> (i32, String) {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("v");
    fs::create_dir_all(&dir).unwrap();
    let sha = sha256_hex(SOC2_PDF);
    let text = match std::str::from_utf8(text) {
        Ok(t) => t.replace("SOC2_SHA", &sha).into_bytes(),
        Err(_) => text.to_vec(),
    };
    fs::write(dir.join("soc2.pdf"), SOC2_PDF).unwrap();
    fs::write(dir.join(file_name), text).unwrap();
    let out = vendorcert()
        .args(["check", "--as-of", AS_OF, "--format", "json"])
        .arg(&dir)
        .output()
        .unwrap();
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("the report is JSON even for invalid input");
    assert_eq!(
        json["vendors"][0]["verdict"], "invalid",
        "an invalid file is reported as invalid"
    );
    assert_eq!(json["summary"]["invalid"], 1);
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn malformed_toml_is_exit_2_with_file_and_line() {
    let (code, err) = invalid_run("vendor.toml", b"schema = 1\n\n[vendor\nid = \"x\"\n");
    assert_eq!(code, 2);
    assert!(err.contains("vendor.toml:3:"), "{err}");
}

#[test]
fn malformed_json_is_exit_2_with_file_and_line() {
    let (code, err) = invalid_run(
        "vendor.json",
        b"{\n  \"schema\": 1,\n  \"vendor\": {\n    \"id\": \"x\",\n  }\n}\n",
    );
    assert_eq!(code, 2);
    // The trailing comma after "x" is on line 4.
    assert!(
        err.contains("vendor.json:4:14: Trailing commas are not allowed"),
        "{err}"
    );
}

#[test]
fn an_unknown_field_names_the_line_and_the_closest_field() {
    let text = GOOD.replace("auditor = ", "auditr = ");
    let (code, err) = invalid_run("vendor.toml", text.as_bytes());
    assert_eq!(code, 2);
    assert!(
        err.contains("vendor.toml:14:1: unknown field `auditr`"),
        "{err}"
    );
    assert!(err.contains("help: did you mean `auditor`?"), "{err}");
}

#[test]
fn an_unknown_field_in_json_names_the_line_too() {
    let json = r#"{
  "schema": 1,
  "vendor": {
    "id": "x-co",
    "name": "X Co",
    "servces": ["X API"],
    "ai_vendor": false,
    "risk_tier": "low",
    "data_classes": []
  }
}
"#;
    let (code, err) = invalid_run("vendor.json", json.as_bytes());
    assert_eq!(code, 2);
    assert!(
        err.contains("vendor.json:6:5: unknown field `servces`"),
        "{err}"
    );
    assert!(err.contains("did you mean `services`?"), "{err}");
    // The missing `services` is reported too, in the same run.
    assert!(
        err.contains("vendor.json:3:13: missing field `services`"),
        "{err}"
    );
}

#[test]
fn an_impossible_date_is_exit_2_with_file_and_line() {
    let text = GOOD.replace("last_review = 2026-10-15", "last_review = 2026-02-30");
    let (code, err) = invalid_run("vendor.toml", text.as_bytes());
    assert_eq!(code, 2);
    assert!(err.contains("vendor.toml:10:15:"), "{err}");
    // In JSON the date is a string, so vendorcert checks it itself.
    let json = r#"{"schema": 1, "vendor": {"id": "x-co", "name": "X", "services": ["X API"], "ai_vendor": false,
 "risk_tier": "low", "data_classes": [], "last_review": "2026-02-30"}}"#;
    let (code, err) = invalid_run("vendor.json", json.as_bytes());
    assert_eq!(code, 2);
    assert!(
        err.contains("vendor.json:2:57: invalid date `2026-02-30`: that month has no day 30"),
        "{err}"
    );
}

#[test]
fn a_date_in_the_wrong_format_is_exit_2() {
    let text = GOOD.replace("period_end = 2026-09-30", "period_end = \"30/09/2026\"");
    let (code, err) = invalid_run("vendor.toml", text.as_bytes());
    assert_eq!(code, 2);
    assert!(
        err.contains("vendor.toml:16:14: `30/09/2026` is not a date in the form YYYY-MM-DD"),
        "{err}"
    );
}

#[test]
fn every_error_of_a_file_is_reported_at_once() {
    let text = GOOD
        .replace("auditor = ", "auditr = ")
        .replace("opinion = \"unqualified\"", "opinion = \"clean\"")
        .replace("type = 2", "type = \"two\"")
        .replace("risk_tier = \"medium\"", "risk_tier = \"meduim\"");
    let (code, err) = invalid_run("vendor.toml", text.as_bytes());
    assert_eq!(code, 2);
    for expected in [
        "vendor.toml:8:13: unknown value `meduim`",
        "did you mean `medium`?",
        "vendor.toml:13:8: expected an integer, found a string",
        "vendor.toml:14:1: unknown field `auditr`",
        "vendor.toml:17:11: unknown value `clean`",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
}

#[test]
fn a_wrong_type_is_exit_2_with_file_and_line() {
    let text = GOOD.replace("ai_vendor = false", "ai_vendor = \"no\"");
    let (code, err) = invalid_run("vendor.toml", text.as_bytes());
    assert_eq!(code, 2);
    assert!(
        err.contains("vendor.toml:7:13: expected a boolean (true or false), found a string"),
        "{err}"
    );
}

#[test]
fn an_empty_file_is_exit_2() {
    let (code, err) = invalid_run("vendor.toml", b"  \n\n");
    assert_eq!(code, 2);
    assert!(err.contains("vendor.toml: empty file"), "{err}");
}

#[test]
fn a_binary_file_is_exit_2() {
    let (code, err) = invalid_run("vendor.toml", b"schema = 1\n\x00\x01\x02\xff");
    assert_eq!(code, 2);
    assert!(err.contains("vendor.toml: binary file"), "{err}");
    let (code, err) = invalid_run("vendor.json", b"\xff\xfe{\"schema\": 1}");
    assert_eq!(code, 2);
    assert!(err.contains("vendor.json: not UTF-8 text"), "{err}");
}

#[test]
fn a_huge_file_is_refused_before_parsing() {
    let mut text = GOOD.as_bytes().to_vec();
    text.extend(std::iter::repeat_n(b'#', 5 * 1024 * 1024));
    let (code, err) = invalid_run("vendor.toml", &text);
    assert_eq!(code, 2);
    assert!(err.contains("over the 4194304 byte limit"), "{err}");
}

#[test]
fn an_unsupported_schema_version_is_exit_2() {
    let (code, err) = invalid_run(
        "vendor.toml",
        GOOD.replace("schema = 1", "schema = 2").as_bytes(),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("vendor.toml:1:10: unsupported schema version 2"),
        "{err}"
    );
}

fn with_document_path(path: &str) -> String {
    GOOD.replace("path = \"soc2.pdf\"", &format!("path = {path:?}"))
}

#[test]
fn a_document_path_escaping_the_folder_is_exit_2() {
    for (path, why) in [
        ("../other/soc2.pdf", "leaves the vendor folder (`..`)"),
        ("docs/../../soc2.pdf", "leaves the vendor folder (`..`)"),
        ("/etc/passwd", "is absolute"),
    ] {
        let (code, err) = invalid_run("vendor.toml", with_document_path(path).as_bytes());
        assert_eq!(code, 2, "{path}");
        assert!(
            err.contains(&format!("vendor.toml:24:21: document path `{path}` {why}")),
            "{path}: {err}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_vendor_folder_is_exit_2() {
    let tmp = TempDir::new().unwrap();
    let outside = tmp.path().join("secret.pdf");
    fs::write(&outside, SOC2_PDF).unwrap();
    let dir = vendor_dir(
        tmp.path(),
        "v",
        "vendor.toml",
        &with_document_path("linked.pdf"),
    );
    std::os::unix::fs::symlink(&outside, dir.join("linked.pdf")).unwrap();
    vendorcert()
        .args(["check", "--as-of", AS_OF])
        .arg(&dir)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "document path `linked.pdf` is a link that leaves the vendor folder",
        ));
}

#[test]
fn a_document_that_changed_fails_the_vendor() {
    let tmp = TempDir::new().unwrap();
    let dir = vendor_dir(tmp.path(), "v", "vendor.toml", GOOD);
    fs::write(dir.join("soc2.pdf"), b"a different report").unwrap();
    check(&dir).code(1).stdout(predicate::str::contains(
        "`soc2.pdf` does not match its sha256",
    ));
}

#[test]
fn toml_and_json_evidence_give_the_same_report() {
    let tmp = TempDir::new().unwrap();
    let toml_dir = vendor_dir(tmp.path(), "t", "vendor.toml", GOOD);
    let value: toml::Value =
        toml::from_str(&fs::read_to_string(toml_dir.join("vendor.toml")).unwrap()).unwrap();
    let json_text = serde_json::to_string_pretty(&toml_to_json(value)).unwrap();
    let json_dir = vendor_dir(tmp.path(), "j", "vendor.json", &json_text);
    let report = |dir: &Path| {
        let out = vendorcert()
            .args(["check", "--as-of", AS_OF, "--format", "json"])
            .arg(dir)
            .output()
            .unwrap();
        let mut v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        // Everything but file names and positions must be identical.
        for f in v["vendors"][0]["findings"].as_array_mut().unwrap() {
            f.as_object_mut().unwrap().remove("location");
        }
        v["vendors"][0].as_object_mut().unwrap().remove("file");
        (out.status.code(), v)
    };
    let (toml_code, toml_report) = report(&toml_dir);
    let (json_code, json_report) = report(&json_dir);
    assert_eq!(toml_code, Some(0));
    assert_eq!(toml_code, json_code);
    assert_eq!(toml_report, json_report);
}

#[test]
fn json_output_lists_every_vendor_and_invalid_ones_too() {
    let tmp = TempDir::new().unwrap();
    vendor_dir(tmp.path(), "a-good", "vendor.toml", GOOD);
    vendor_dir(
        tmp.path(),
        "b-bad",
        "vendor.toml",
        &GOOD.replace("opinion = \"unqualified\"", "opinion = \"adverse\""),
    );
    let broken = tmp.path().join("c-broken");
    fs::create_dir_all(&broken).unwrap();
    fs::write(broken.join("vendor.json"), "{").unwrap();
    let out = vendorcert()
        .args(["check", "--as-of", AS_OF, "--format", "json"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "an invalid vendor makes the run exit 2"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["report_version"], 1);
    assert_eq!(v["as_of"], AS_OF);
    assert_eq!(
        v["summary"],
        serde_json::json!({"vendors": 3, "passed": 1, "failed": 1, "invalid": 1})
    );
    let verdicts: Vec<&str> = v["vendors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(
        verdicts,
        ["pass", "fail", "invalid"],
        "vendors come in path order"
    );
    let opinion = v["vendors"][1]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "SOC2-OPINION")
        .unwrap();
    assert_eq!(opinion["status"], "fail");
    assert_eq!(opinion["severity"], "error");
    assert_eq!(
        opinion["message"],
        "adverse opinion: the controls do not meet the criteria"
    );
    assert_eq!(opinion["location"]["line"], 17);
    assert_eq!(opinion["location"]["path"], "soc2[0].opinion");
    assert!(opinion["question"].as_str().unwrap().ends_with('?'));
}

#[test]
fn output_is_written_to_a_file() {
    let tmp = TempDir::new().unwrap();
    let dir = vendor_dir(tmp.path(), "good", "vendor.toml", GOOD);
    let report = tmp.path().join("report.json");
    vendorcert()
        .args(["check", "--as-of", AS_OF, "--format", "json", "--output"])
        .arg(&report)
        .arg(&dir)
        .assert()
        .code(0)
        .stdout(predicate::str::is_empty());
    let v: serde_json::Value = serde_json::from_str(&fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(v["summary"]["passed"], 1);
}

#[test]
fn colour_is_off_when_piped_and_with_no_color() {
    let tmp = TempDir::new().unwrap();
    let dir = vendor_dir(tmp.path(), "good", "vendor.toml", GOOD);
    check(&dir).stdout(predicate::str::contains("\x1b[").not());
    vendorcert()
        .args(["check", "--color", "always", "--as-of", AS_OF])
        .arg(&dir)
        .assert()
        .stdout(predicate::str::contains("\x1b[1;32mPASS"));
}

#[test]
fn a_claim_never_passes() {
    let tmp = TempDir::new().unwrap();
    let dir = vendor_dir(
        tmp.path(),
        "claim",
        "vendor.toml",
        &GOOD.replace("source = \"document\"", "source = \"trust_page\""),
    );
    let out = vendorcert()
        .args(["check", "--as-of", AS_OF, "--format", "json"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = v["vendors"][0]["findings"].as_array().unwrap();
    let status = |rule: &str| {
        findings.iter().find(|f| f["rule"] == rule).unwrap()["status"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(status("SOC2-TYPE"), "unverified");
    assert_eq!(status("SOC2-FULL-REPORT"), "fail");
    assert_eq!(status("GEN-INDEPENDENT"), "fail");
    assert_eq!(status("GEN-COVERAGE"), "fail");
    assert!(
        findings.iter().all(|f| f["rule"] == "GEN-EXPIRY"
            || f["rule"] == "GEN-REVIEW"
            || f["rule"] == "GEN-INCIDENTS"
            || f["rule"] == "GEN-DOCUMENT"
            || f["rule"] == "GEN-DATES"
            || f["rule"] == "ISO-FAMILY"
            || f["status"] != "pass"),
        "only rules that do not rest on the report itself may pass: {findings:#?}"
    );
}

/// The same evidence as JSON: TOML dates become "YYYY-MM-DD" strings.
fn toml_to_json(value: toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => s.into(),
        toml::Value::Integer(i) => i.into(),
        toml::Value::Float(f) => f.into(),
        toml::Value::Boolean(b) => b.into(),
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(a) => a.into_iter().map(toml_to_json).collect(),
        toml::Value::Table(t) => t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect(),
    }
}

#[test]
fn a_generic_service_name_is_refused() {
    let text = GOOD.replace(
        "services = [\"Good Analytics API\"]",
        "services = [\"API\"]",
    );
    let (code, err) = invalid_run("vendor.toml", text.as_bytes());
    assert_eq!(code, 2);
    assert!(
        err.contains("vendor.toml:6:13: service name `API` is too generic to match a scope"),
        "{err}"
    );
}

#[test]
fn two_vendors_with_one_id_exit_2() {
    let tmp = TempDir::new().unwrap();
    vendor_dir(tmp.path(), "a", "vendor.toml", GOOD);
    vendor_dir(tmp.path(), "b", "vendor.toml", GOOD);
    check(tmp.path()).code(2).stdout(predicate::str::contains(
        "vendor id `good-co` is already used by",
    ));
}

#[cfg(unix)]
#[test]
fn a_symlinked_evidence_file_is_not_followed() {
    let tmp = TempDir::new().unwrap();
    let real = vendor_dir(tmp.path(), "real", "vendor.toml", GOOD);
    let linked = tmp.path().join("linked");
    fs::create_dir_all(&linked).unwrap();
    std::os::unix::fs::symlink(real.join("vendor.toml"), linked.join("vendor.toml")).unwrap();
    check(&linked).code(2).stdout(predicate::str::contains(
        "evidence file is a symbolic link, which is not followed",
    ));
}

#[test]
fn the_documented_complete_example_loads() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/complete");
    let out = vendorcert()
        .args(["check", "--as-of", AS_OF, "--format", "json"])
        .arg(&dir)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["summary"]["invalid"],
        0,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_ne!(out.status.code(), Some(2));
}

#[test]
fn the_example_portfolio_fails_and_its_json_lists_every_vendor() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = vendorcert()
        .current_dir(root)
        .args([
            "check",
            "fixtures/portfolio",
            "--as-of",
            AS_OF,
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "the portfolio holds failing vendors"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let folders = fs::read_dir(root.join("fixtures/portfolio"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().is_dir())
        .count();
    assert!(folders >= 8);
    assert_eq!(v["vendors"].as_array().unwrap().len(), folders);
    assert_eq!(v["summary"]["invalid"], 0);
    assert_eq!(v["policy"], "by risk tier");
    let verdict = |id: &str| {
        v["vendors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == id)
            .unwrap()["verdict"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // The frontier lab passes its high-risk policy (one non-material exception waived); the
    // Type 1-only vendor, the expired certificate and the corporate-IT scope fail.
    assert_eq!(verdict("aldermoor-ai"), "pass");
    assert_eq!(verdict("wrenfield-voice"), "fail");
    assert_eq!(verdict("sablewood-vision"), "fail");
    assert_eq!(verdict("quillfeather"), "fail");
}
