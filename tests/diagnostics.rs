//! Source snippets: input errors in TOML and JSON point at the right line with the value marked;
//! `--verbose` shows a failure's evidence line and the waiver or policy line that decided it.

use std::fs;

use assert_cmd::Command;
use tempfile::TempDir;

fn vendorcert() -> Command {
    Command::cargo_bin("vendorcert").unwrap()
}

fn stderr_for(file_name: &str, text: &str) -> String {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("v");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join(file_name), text).unwrap();
    let out = vendorcert()
        .args(["check", "--as-of", "2026-11-23", "--format", "json"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn the_same_error_in_toml_and_json_points_at_its_line() {
    let toml = "schema = 1\n\n[vendor]\nid = \"x-co\"\nname = \"X Co\"\nservices = [\"X Analytics API\"]\nai_vendor = false\nrisk_tier = \"lowish\"\ndata_classes = []\n";
    let json = "{\n  \"schema\": 1,\n  \"vendor\": {\n    \"id\": \"x-co\",\n    \"name\": \"X Co\",\n    \"services\": [\"X Analytics API\"],\n    \"ai_vendor\": false,\n    \"risk_tier\": \"lowish\",\n    \"data_classes\": []\n  }\n}\n";
    let t = stderr_for("vendor.toml", toml);
    let j = stderr_for("vendor.json", json);
    assert!(
        t.contains("vendor.toml:8:13: unknown value `lowish`"),
        "{t}"
    );
    assert!(t.contains("8 │ risk_tier = \"lowish\""), "{t}");
    assert!(t.contains("^^^^^^^^ unknown value `lowish`"), "{t}");
    assert!(
        j.contains("vendor.json:8:18: unknown value `lowish`"),
        "{j}"
    );
    assert!(j.contains("8 │     \"risk_tier\": \"lowish\","), "{j}");
    assert!(j.contains("^^^^^^^^ unknown value `lowish`"), "{j}");
    for out in [&t, &j] {
        assert!(out.contains("= help: did you mean `low`?"), "{out}");
    }
}

#[test]
fn verbose_shows_the_waiver_that_decided_a_finding() {
    let out = vendorcert()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "check",
            "fixtures/rules/GEN-WAIVER/pass",
            "--as-of",
            "2026-11-23",
            "--policy",
            "baseline",
            "--verbose",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("waived SOC2-CUECS at fixtures/rules/GEN-WAIVER/pass/vendor.toml:29"),
        "{text}"
    );
    assert!(
        text.contains("┌─ fixtures/rules/GEN-WAIVER/pass/waivers.toml:3:8"),
        "{text}"
    );
    assert!(
        text.contains("waived by Dana Whitlock, CISO until 2027-03-31"),
        "{text}"
    );
}

#[test]
fn verbose_shows_the_policy_line_that_set_a_level() {
    let out = vendorcert()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "check",
            "fixtures/policies/kestrel-translate",
            "--as-of",
            "2026-11-23",
            "--policy",
            "fixtures/policies/procurement-2026.toml",
            "-v",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("fail AI-ADVERSARIAL at fixtures/policies/kestrel-translate/vendor.toml:"),
        "{text}"
    );
    assert!(text.contains("AI-ADVERSARIAL = \"warning\""), "{text}");
    assert!(text.contains("level set to warning here"), "{text}");
    assert!(
        text.contains("= help: When was your AI system last red-teamed"),
        "{text}"
    );
}

#[test]
fn dates_that_cannot_all_be_true_are_input_errors_at_their_line() {
    let base = "schema = 1\n\n[vendor]\nid = \"x-co\"\nname = \"X Co\"\nservices = [\"X Analytics API\"]\nai_vendor = false\nrisk_tier = \"low\"\ndata_classes = []\n\n[[soc2]]\ntype = 2\nauditor = \"Ledger & Stone LLP\"\nperiod_start = 2025-10-01\nperiod_end = 2026-09-30\nsource = \"document\"\n";
    // A report dated before its period ended.
    let e = stderr_for("vendor.toml", &format!("{base}report_date = 2026-08-01\n"));
    assert!(
        e.contains("vendor.toml:17:15: report dated 2026-08-01, before the end of the period it reports on (2026-09-30)"),
        "{e}"
    );
    // A bridge letter that ends before the period it bridges.
    let e = stderr_for(
        "vendor.toml",
        &format!("{base}bridge_letter = {{ through = 2026-06-30, signed_by = \"CFO\" }}\n"),
    );
    assert!(
        e.contains(
            "the bridge letter ends 2026-06-30, before the period it bridges ends (2026-09-30)"
        ),
        "{e}"
    );
    assert!(e.contains("vendor.toml:17:"), "{e}");
    // A surveillance audit before the certificate was issued.
    let iso = "schema = 1\n\n[vendor]\nid = \"x-co\"\nname = \"X Co\"\nservices = [\"X Analytics API\"]\nai_vendor = false\nrisk_tier = \"low\"\ndata_classes = []\n\n[[iso]]\nstandard = \"ISO/IEC 27001:2022\"\nissued = 2025-06-01\nexpires = 2028-05-31\nsource = \"document\"\nsurveillance = [{ date = 2025-03-01 }]\n";
    let e = stderr_for("vendor.toml", iso);
    assert!(
        e.contains(
            "surveillance audit dated 2025-03-01, before the certificate was issued (2025-06-01)"
        ),
        "{e}"
    );
    // Sector evidence dated after it expires.
    let sector = "schema = 1\n\n[vendor]\nid = \"x-co\"\nname = \"X Co\"\nservices = [\"X Analytics API\"]\nai_vendor = false\nrisk_tier = \"low\"\ndata_classes = []\n\n[[sector]]\nframework = \"PCI DSS\"\ndate = 2026-05-01\nexpires = 2026-04-30\nsource = \"document\"\n";
    let e = stderr_for("vendor.toml", sector);
    assert!(
        e.contains("vendor.toml:13:8: dated 2026-05-01, after it expires (2026-04-30)"),
        "{e}"
    );
}

/// The stderr of checking one vendor whose evidence file is `text`, with the temporary folder
/// written `<dir>`.
fn stderr_in_dir(file_name: &str, text: &str) -> String {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("v");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join(file_name), text).unwrap();
    let out = vendorcert()
        .args(["check", "--as-of", "2026-11-23", "--format", "json"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    String::from_utf8(out.stderr)
        .unwrap()
        .replace(&dir.display().to_string(), "<dir>")
}

const DATED_VENDOR: &str = "schema = 1\n\n[vendor]\nid = \"x-co\"\nname = \"X Co\"\nservices = [\"X Analytics API\"]\nai_vendor = false\nrisk_tier = \"low\"\ndata_classes = []\nlast_review = ";

#[test]
fn a_date_written_with_slashes_or_dots_gets_the_date_form_as_help() {
    // Bare in TOML, `2026/09/30` is a syntax error that says nothing of dates: the help does.
    assert_eq!(
        stderr_in_dir("vendor.toml", &format!("{DATED_VENDOR}2026/09/30\n")),
        "error: <dir>/vendor.toml:10:15: string values must be quoted, expected literal string
   ┌─ <dir>/vendor.toml:10:15
   │
10 │ last_review = 2026/09/30
   │               ^^^^^^^^^^ string values must be quoted, expected literal string
   │
   = help: dates are written YYYY-MM-DD, e.g. 2026-09-30

"
    );
    // TOML stops at the second dot of `30.09.2026`; the help reads the whole value.
    assert_eq!(
        stderr_in_dir("vendor.toml", &format!("{DATED_VENDOR}30.09.2026\n")),
        "error: <dir>/vendor.toml:10:20: invalid float, expected nothing
   ┌─ <dir>/vendor.toml:10:20
   │
10 │ last_review = 30.09.2026
   │                    ^^^^^ invalid float, expected nothing
   │
   = help: dates are written YYYY-MM-DD, e.g. 2026-09-30

"
    );
    // Quoted, it reaches the date field, which says the same.
    assert_eq!(
        stderr_in_dir("vendor.toml", &format!("{DATED_VENDOR}\"2026/09/30\"\n")),
        "error: <dir>/vendor.toml:10:15: `2026/09/30` is not a date in the form YYYY-MM-DD
   ┌─ <dir>/vendor.toml:10:15
   │
10 │ last_review = \"2026/09/30\"
   │               ^^^^^^^^^^^^ `2026/09/30` is not a date in the form YYYY-MM-DD
   │
   = help: dates are written YYYY-MM-DD, e.g. 2026-09-30

"
    );
    let json = "{\"schema\": 1, \"vendor\": {\"id\": \"x-co\", \"name\": \"X Co\", \"services\": [\"X Analytics API\"], \"ai_vendor\": false, \"risk_tier\": \"low\", \"data_classes\": [], \"last_review\": \"30/09/2026\"}}\n";
    let j = stderr_in_dir("vendor.json", json);
    assert!(
        j.contains("`30/09/2026` is not a date in the form YYYY-MM-DD"),
        "{j}"
    );
    assert!(
        j.ends_with("= help: dates are written YYYY-MM-DD, e.g. 2026-09-30\n\n"),
        "{j}"
    );
}
