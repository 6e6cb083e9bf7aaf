//! Editors with TOML language support (taplo, the engine of "Even Better TOML") read the
//! `#:schema` line `init` writes and validate the evidence file against `vendorcert schema`'s
//! output as the analyst types. These tests run the real `taplo check` on the init templates and
//! on every TOML evidence file the loader accepts, and on edits the loader refuses.
//!
//! They need `taplo` (PyPI package `taplo`, the `taplo-cli` crate's binary): found through
//! `VENDORCERT_TAPLO` or on `PATH`. Without it they are skipped, saying why, unless
//! `VENDORCERT_REQUIRE_TAPLO=1` (as in CI, where `.ci/run` installs it).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

use assert_cmd::Command as BinCommand;
use tempfile::TempDir;

/// The taplo binary, or `None` (with why) when the tests are to be skipped.
fn taplo() -> Option<PathBuf> {
    common::external_tool(
        "VENDORCERT_TAPLO",
        "VENDORCERT_REQUIRE_TAPLO",
        "taplo",
        "`pip install taplo` installs it",
    )
}

fn run_taplo(taplo: &Path, dir: &Path, args: &[&str]) -> Output {
    Command::new(taplo)
        .current_dir(dir)
        .env("RUST_LOG", "error")
        .arg("check")
        .args(args)
        .output()
        .expect("taplo runs")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// `vendorcert init DIR/NAME [--ai]`: the evidence file, with its `#:schema` line pointing at
/// the schema written beside the vendor folder.
fn init(dir: &Path, name: &str, ai: bool) -> PathBuf {
    let mut cmd = BinCommand::cargo_bin("vendorcert").unwrap();
    cmd.arg("init").arg(dir.join(name));
    if ai {
        cmd.arg("--ai");
    }
    cmd.assert().success();
    dir.join(name).join("vendor.toml")
}

#[test]
fn the_init_templates_validate_through_their_schema_line() {
    let Some(taplo) = taplo() else { return };
    let dir = TempDir::new().unwrap();
    let plain = init(dir.path(), "acme", false);
    let ai = init(dir.path(), "acme-ai", true);
    assert!(dir.path().join("evidence.schema.json").is_file());
    for file in [&plain, &ai] {
        let first = fs::read_to_string(file).unwrap();
        assert!(
            first.starts_with("#:schema ../evidence.schema.json\n"),
            "{first}"
        );
        // No --schema: taplo finds the schema from the file's first line.
        let out = run_taplo(&taplo, dir.path(), &[file.to_str().unwrap()]);
        assert!(out.status.success(), "{}", text(&out));
    }
    // The same line makes taplo refuse what the checker refuses: a format version that does
    // not exist, named with its line.
    let bad = fs::read_to_string(&ai)
        .unwrap()
        .replacen("schema = 1", "schema = 2", 1);
    fs::write(&ai, bad).unwrap();
    let out = run_taplo(&taplo, dir.path(), &[ai.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("1 was expected"), "{}", text(&out));
}

/// Every `vendor.toml` under `dir`.
fn toml_evidence(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            toml_evidence(&path, found);
        } else if path.file_name().is_some_and(|n| n == "vendor.toml") {
            found.push(path);
        }
    }
}

#[test]
fn every_toml_evidence_file_the_loader_accepts_validates() {
    let Some(taplo) = taplo() else { return };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    toml_evidence(&root.join("fixtures"), &mut files);
    toml_evidence(&root.join("docs/examples"), &mut files);
    files.sort();
    let accepted: Vec<String> = files
        .iter()
        .filter(|f| vendorcert::evidence::load_vendor(f).is_ok())
        .map(|f| f.strip_prefix(root).unwrap().display().to_string())
        .collect();
    assert!(accepted.len() > 150, "only {} files", accepted.len());
    let schema = format!(
        "file://{}",
        root.join("docs/evidence.schema.json").display()
    );
    // In batches, so that a failure names few files.
    for batch in accepted.chunks(100) {
        let mut args = vec!["--schema", schema.as_str()];
        args.extend(batch.iter().map(String::as_str));
        let out = run_taplo(&taplo, root, &args);
        assert!(out.status.success(), "{}", text(&out));
    }
    // And a refused one is refused: the check is not vacuous.
    let dir = TempDir::new().unwrap();
    let good = fs::read_to_string(root.join("fixtures/portfolio/aurore-ai/vendor.toml")).unwrap();
    let bad = dir.path().join("vendor.toml");
    fs::write(&bad, good.replacen("schema = 1", "schema = 2", 1)).unwrap();
    let out = run_taplo(&taplo, dir.path(), &["--schema", &schema, "vendor.toml"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("vendor.toml:"), "{}", text(&out));
}
