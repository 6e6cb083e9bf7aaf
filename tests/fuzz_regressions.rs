//! Inputs that crashed a fuzz target (or would have: some were found by review first), replayed
//! by plain `cargo test` through the fuzz targets' own code (`fuzz/src/lib.rs`, included here).
//!
//! Each input lives in `tests/data/fuzz-regressions/<target>/`; add the crashing input of a new
//! finding there when fixing it. A panic fails the test, naming the file.

use std::fs;
use std::path::Path;

#[path = "../fuzz/src/lib.rs"]
mod harness;

/// Runs every input of `target` through `run`; returns how many there were.
fn replay(target: &str, run: impl Fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/fuzz-regressions")
        .join(target);
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != ".gitkeep"))
        .collect();
    files.sort();
    for file in &files {
        eprintln!("replaying {}", file.display());
        run(&fs::read(file).unwrap());
    }
    files.len()
}

#[test]
fn evidence_toml_inputs_do_not_crash() {
    replay("evidence_toml", |b| harness::evidence(b, "vendor.toml"));
}

#[test]
fn evidence_json_inputs_do_not_crash() {
    replay("evidence_json", |b| harness::evidence(b, "vendor.json"));
}

#[test]
fn policy_file_inputs_do_not_crash() {
    assert!(replay("policy_file", harness::policy_file) > 0);
    // The structure-aware `policy_thresholds` target writes policy files too.
    replay("policy_file", harness::policy_file_evaluated);
}

#[test]
fn waivers_file_inputs_do_not_crash() {
    replay("waivers_file", harness::waivers_file);
}

#[test]
fn registry_answer_inputs_do_not_crash() {
    assert!(replay("registry_answer", harness::registry_answer) > 0);
}

#[test]
fn draft_document_inputs_do_not_crash() {
    assert!(replay("draft_document", harness::draft) > 0);
}
