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
