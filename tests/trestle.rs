//! compliance-trestle (the OSCAL SDK GRC pipelines build on) as a real consumer of
//! `check --format oscal`: it imports the example portfolio's assessment results into a trestle
//! workspace (which parses the document into its pydantic OSCAL models, so every field is
//! checked against the model) and validates the workspace. A document with a value OSCAL does
//! not allow must be refused, so the check is not vacuous.
//!
//! They need trestle: a launcher named by `VENDORCERT_TRESTLE` (`.ci/run` installs trestle
//! 3.12.4 into `target/trestle-3.12.4` and writes `run-trestle` there) or `trestle` on `PATH`.
//! Without it they are skipped, saying why, unless `VENDORCERT_REQUIRE_TRESTLE=1` (as in CI).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use assert_cmd::Command as BinCommand;

mod common;

fn trestle() -> Option<PathBuf> {
    common::external_tool(
        "VENDORCERT_TRESTLE",
        "VENDORCERT_REQUIRE_TRESTLE",
        "trestle",
        "`pip install compliance-trestle==3.12.4` installs it",
    )
}

fn run(trestle: &Path, dir: &Path, args: &[&str]) -> Output {
    Command::new(trestle)
        .current_dir(dir)
        .args(args)
        .output()
        .expect("trestle runs")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The example portfolio's OSCAL assessment results, as of a fixed date.
fn portfolio_oscal() -> String {
    let out = BinCommand::cargo_bin("vendorcert")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "check",
            "fixtures/portfolio",
            "--as-of",
            "2026-11-23",
            "--format",
            "oscal",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "the portfolio has failing vendors"
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A trestle workspace in a temporary folder, and the document written beside it (trestle tells
/// the model by the document's top-level key).
fn workspace(trestle: &Path, document: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    fs::create_dir(&ws).unwrap();
    let init = run(trestle, &ws, &["init"]);
    assert!(init.status.success(), "trestle init: {}", text(&init));
    let file = dir.path().join("assessment-results.json");
    fs::write(&file, document).unwrap();
    (dir, file)
}

#[test]
fn trestle_imports_and_validates_the_portfolio_assessment_results() {
    let Some(trestle) = trestle() else { return };
    let (dir, file) = workspace(&trestle, &portfolio_oscal());
    let ws = dir.path().join("ws");
    let import = run(
        &trestle,
        &ws,
        &["import", "-f", file.to_str().unwrap(), "-o", "portfolio"],
    );
    assert!(import.status.success(), "trestle import: {}", text(&import));
    let imported = ws.join("assessment-results/portfolio/assessment-results.json");
    assert!(imported.is_file(), "{}", text(&import));
    // trestle writes the model back from its pydantic objects: the findings survive the trip.
    let back: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&imported).unwrap()).expect("trestle writes JSON");
    let findings = back["assessment-results"]["results"][0]["findings"]
        .as_array()
        .expect("findings");
    assert!(findings.len() > 100, "{} findings", findings.len());
    let validate = run(&trestle, &ws, &["validate", "-a"]);
    assert!(
        validate.status.success() && text(&validate).contains("VALID"),
        "trestle validate: {}",
        text(&validate)
    );
}

#[test]
fn trestle_imports_the_assessment_plan_the_results_embed() {
    let Some(trestle) = trestle() else { return };
    let document = portfolio_oscal();
    let results: serde_json::Value = serde_json::from_str(&document).unwrap();
    let results = &results["assessment-results"];
    let href = results["import-ap"]["href"].as_str().unwrap();
    let plan = results["back-matter"]["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| Some(r["uuid"].as_str().unwrap()) == href.strip_prefix('#'))
        .expect("import-ap names a back-matter resource");
    assert_eq!(plan["base64"]["media-type"], "application/json");
    let bytes = base64::Engine::decode(
        &base64::engine::general_purpose::STANDARD,
        plan["base64"]["value"].as_str().unwrap(),
    )
    .unwrap();
    let plan_text = String::from_utf8(bytes).unwrap();
    let decoded: serde_json::Value = serde_json::from_str(&plan_text).unwrap();
    assert_eq!(
        decoded["assessment-plan"]["reviewed-controls"], results["results"][0]["reviewed-controls"],
        "the plan reviews the controls the results report on"
    );
    let (dir, file) = workspace(&trestle, &plan_text);
    let ws = dir.path().join("ws");
    let import = run(
        &trestle,
        &ws,
        &["import", "-f", file.to_str().unwrap(), "-o", "plan"],
    );
    assert!(import.status.success(), "trestle import: {}", text(&import));
    assert!(
        ws.join("assessment-plans/plan/assessment-plan.json")
            .is_file()
    );
}

#[test]
fn trestle_refuses_a_document_with_a_value_oscal_does_not_allow() {
    let Some(trestle) = trestle() else { return };
    let document = portfolio_oscal();
    assert!(document.contains(r#""state":"satisfied""#));
    let bad = document.replacen(r#""state":"satisfied""#, r#""state":"passed""#, 1);
    let (dir, file) = workspace(&trestle, &bad);
    let import = run(
        &trestle,
        &dir.path().join("ws"),
        &["import", "-f", file.to_str().unwrap(), "-o", "bad"],
    );
    assert!(
        !import.status.success(),
        "trestle took a finding state OSCAL does not allow: {}",
        text(&import)
    );
    assert!(text(&import).contains("state"), "{}", text(&import));
}
