//! Limits on hostile or accidental input (SECURITY.md): sizes measured before reading, special
//! files never opened, nesting depth, list lengths, error counts and long lines, cited documents
//! and symbolic links. Each test checks the refusal message and that nothing outside the vendor
//! folder (or the given tree) was used.
//!
//! Already covered elsewhere, not repeated here: a file over 4 MiB (tests/cli.rs
//! `a_huge_file_is_refused_before_parsing`), empty and binary files, document paths with `..` or
//! absolute, a document symlinked out of the folder, a symlinked evidence file (tests/cli.rs).

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

const AS_OF: &str = "2026-11-23";

/// Long enough for any of these runs on a slow machine, short enough that a run blocked on a
/// FIFO or looping over a symlink cycle fails the test instead of hanging it.
const TIMEOUT: Duration = Duration::from_secs(60);

mod common;
use common::SOC2_PDF;

fn vendorcert() -> Command {
    let mut cmd = Command::cargo_bin("vendorcert").unwrap();
    cmd.timeout(TIMEOUT);
    cmd
}

/// The shared good vendor under the baseline policy (risk tier low), citing `doc_path`.
fn good_citing(doc_path: &str) -> String {
    common::good_citing(doc_path).replace("risk_tier = \"medium\"", "risk_tier = \"low\"")
}

/// A vendor folder `root/name` holding `vendor.toml` with `text` (and nothing else).
fn vendor_folder(root: &Path, name: &str, text: &str) -> PathBuf {
    let dir = root.join(name);
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("vendor.toml"), text).unwrap();
    dir
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", self.stdout, self.stderr))
    }
}

/// `vendorcert check --as-of AS_OF --format json [extra...] PATH`.
fn check(path: &Path, extra: &[&str]) -> Run {
    let out = vendorcert()
        .args(["check", "--as-of", AS_OF, "--format", "json"])
        .args(extra)
        .arg(path)
        .output()
        .unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

// --- sizes ---------------------------------------------------------------------------------

#[test]
fn an_oversized_file_is_refused_from_its_size_without_being_read() {
    // Sparse: 8 GiB on paper, nothing on disk. Reading it would give NUL bytes ("binary file")
    // or, capped, "grew past the size limit": the message shows only the size was looked at.
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("v");
    fs::create_dir_all(&dir).unwrap();
    let huge = 8u64 << 30;
    fs::File::create(dir.join("vendor.toml"))
        .unwrap()
        .set_len(huge)
        .unwrap();
    let run = check(&dir, &[]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("vendor.toml: file is 8589934592 bytes, over the 4194304 byte limit"),
        "{}",
        run.stderr
    );

    // Policy and waivers files get the same check.
    let policy = tmp.path().join("policy.toml");
    fs::File::create(&policy).unwrap().set_len(huge).unwrap();
    let out = vendorcert()
        .args(["policy", "show"])
        .arg(&policy)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("policy.toml: file is 8589934592 bytes, over the 4194304 byte limit"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let good = vendor_folder(tmp.path(), "good", &good_citing("soc2.pdf"));
    fs::write(good.join("soc2.pdf"), SOC2_PDF).unwrap();
    let waivers = tmp.path().join("waivers-file.toml");
    fs::File::create(&waivers).unwrap().set_len(huge).unwrap();
    let run = check(&good, &["--waivers", waivers.to_str().unwrap()]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("waivers-file.toml: file is 8589934592 bytes, over the 4194304 byte limit"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_cited_document_over_the_size_limit_is_not_hashed() {
    let tmp = TempDir::new().unwrap();
    let dir = vendor_folder(tmp.path(), "v", &good_citing("soc2.pdf"));
    let size = 300u64 << 20;
    fs::File::create(dir.join("soc2.pdf"))
        .unwrap()
        .set_len(size)
        .unwrap();
    let run = check(&dir, &[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let report = run.json();
    let doc = report["vendors"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "GEN-DOCUMENT")
        .expect("a GEN-DOCUMENT finding")
        .clone();
    assert_eq!(doc["status"], "fail", "{doc:#}");
    assert!(
        doc["message"]
            .as_str()
            .unwrap()
            .contains("`soc2.pdf` is too large to verify (314572800 bytes)"),
        "{doc:#}"
    );
}

// --- special files -------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn special_files_are_refused_without_being_opened() {
    // Opening a FIFO for reading blocks until something writes to it: a run that opened one
    // would hang until the timeout and fail here.
    let tmp = TempDir::new().unwrap();
    let good = vendor_folder(tmp.path(), "good", &good_citing("soc2.pdf"));
    fs::write(good.join("soc2.pdf"), SOC2_PDF).unwrap();
    let fifo = tmp.path().join("fifo.toml");
    mkfifo(&fifo);

    let run = check(&good, &["--policy", fifo.to_str().unwrap()]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("fifo.toml: not a regular file"),
        "{}",
        run.stderr
    );

    let run = check(&good, &["--waivers", fifo.to_str().unwrap()]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("fifo.toml: not a regular file"),
        "{}",
        run.stderr
    );

    let run = check(&good, &["--policy", "/dev/zero"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("/dev/zero: not a regular file"),
        "{}",
        run.stderr
    );

    // Given as the evidence file itself.
    let run = check(&fifo, &[]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stdout.contains("not a regular file or a folder"),
        "{}",
        run.stdout
    );
}

#[cfg(unix)]
#[test]
fn a_vendor_whose_evidence_file_is_not_a_regular_file_is_reported_not_skipped() {
    // In a searched tree, a vendor folder whose vendor.toml is a FIFO (or a folder) was left out
    // of the run without a word, and the run passed on the other vendors.
    let tmp = TempDir::new().unwrap();
    let good = vendor_folder(tmp.path(), "a-good", &good_citing("soc2.pdf"));
    fs::write(good.join("soc2.pdf"), SOC2_PDF).unwrap();
    let odd = tmp.path().join("b-fifo");
    fs::create_dir_all(&odd).unwrap();
    mkfifo(&odd.join("vendor.toml"));
    let folder = tmp.path().join("c-folder");
    fs::create_dir_all(folder.join("vendor.json")).unwrap();

    let run = check(tmp.path(), &[]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    let report = run.json();
    assert_eq!(report["summary"]["vendors"], 1, "{report:#}");
    assert_eq!(report["summary"]["passed"], 1, "{report:#}");
    let errors = report["input_errors"].to_string();
    for bad in ["b-fifo/vendor.toml", "c-folder/vendor.json"] {
        assert!(
            errors.contains(bad) && errors.contains("not a regular file"),
            "{bad}: {errors}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_cited_document_that_is_a_fifo_is_refused_without_blocking() {
    // Opened without blocking (a FIFO with no writer would hold the run), refused on its handle.
    let tmp = TempDir::new().unwrap();
    let dir = vendor_folder(tmp.path(), "v", &good_citing("soc2.pdf"));
    mkfifo(&dir.join("soc2.pdf"));
    let run = check(&dir, &[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stdout
            .contains("`soc2.pdf` cannot be read: not a regular file"),
        "{}",
        run.stdout
    );
}

// --- structure -----------------------------------------------------------------------------

#[test]
fn nesting_deeper_than_32_levels_is_refused_with_its_line() {
    let tmp = TempDir::new().unwrap();
    let deep = format!("schema = 1\n\nx = {}1{}\n", "[".repeat(40), "]".repeat(40));
    let dir = vendor_folder(tmp.path(), "t", &deep);
    let run = check(&dir, &[]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr
            .contains("vendor.toml:3:37: nesting deeper than 32 levels"),
        "{}",
        run.stderr
    );

    let dir = tmp.path().join("j");
    fs::create_dir_all(&dir).unwrap();
    let deep = format!(
        "{{\n  \"schema\": 1,\n  \"x\": {}1{}\n}}\n",
        "[".repeat(40),
        "]".repeat(40)
    );
    fs::write(dir.join("vendor.json"), deep).unwrap();
    let run = check(&dir, &[]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr
            .contains("vendor.json:3:39: nesting deeper than 32 levels"),
        "{}",
        run.stderr
    );
}

/// GOOD with `services` written one per line: `n` names, the first the real service.
fn with_services(n: usize) -> String {
    let mut list = String::from("services = [\n  \"Good Analytics API\",\n");
    for i in 1..n {
        list.push_str(&format!("  \"Good Extra Service {i}\",\n"));
    }
    list.push(']');
    good_citing("soc2.pdf").replace(
        "services = [\"Good Analytics API\"]\nai_vendor",
        &format!("{list}\nai_vendor"),
    )
}

#[test]
fn a_list_of_more_than_1000_entries_is_refused_with_its_name_and_line() {
    let tmp = TempDir::new().unwrap();
    let dir = vendor_folder(tmp.path(), "t", &with_services(1001));
    fs::write(dir.join("soc2.pdf"), SOC2_PDF).unwrap();
    let run = check(&dir, &[]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    // `services = [` is line 6; entry 1001 (index 1000) is on line 6 + 1001.
    assert!(
        run.stderr.contains(
            "vendor.toml:1007:3: `vendor.services` has 1001 entries, over the limit of 1000"
        ),
        "{}",
        &run.stderr[..run.stderr.len().min(2000)]
    );

    // 1000 is accepted.
    let dir = vendor_folder(tmp.path(), "ok", &with_services(1000));
    fs::write(dir.join("soc2.pdf"), SOC2_PDF).unwrap();
    let run = check(&dir, &[]);
    assert_ne!(run.code, Some(2), "{}", run.stderr);
    assert_eq!(run.json()["summary"]["invalid"], 0);

    // JSON, an array of tables.
    let dir = tmp.path().join("j");
    fs::create_dir_all(&dir).unwrap();
    let mut stars = Vec::new();
    for _ in 0..1001 {
        stars.push(
            r#"{"level": 1, "assessment": "self_assessment", "source": "registry"}"#.to_string(),
        );
    }
    let json = format!(
        "{{\"schema\": 1,\n\"vendor\": {{\"id\": \"j\", \"name\": \"J\", \"services\": [\"J Analytics API\"], \"ai_vendor\": false, \"risk_tier\": \"low\", \"data_classes\": []}},\n\"star\": [\n{}\n]}}\n",
        stars.join(",\n")
    );
    fs::write(dir.join("vendor.json"), json).unwrap();
    let run = check(&dir, &[]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr
            .contains("vendor.json:1004:1: `star` has 1001 entries, over the limit of 1000"),
        "{}",
        &run.stderr[..run.stderr.len().min(2000)]
    );
}

#[test]
fn at_most_100_errors_are_shown_per_file() {
    let tmp = TempDir::new().unwrap();
    let mut text = good_citing("soc2.pdf");
    text.push_str("\n[contract]\nsource = \"document\"\n");
    for i in 0..300 {
        text.push_str(&format!("unknown_{i} = 1\n"));
    }
    let dir = vendor_folder(tmp.path(), "v", &text);
    let run = check(&dir, &[]);
    assert_eq!(run.code, Some(2));
    let located = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("error: ") && l.contains("unknown field"))
        .count();
    assert_eq!(located, 100, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "vendor.toml: 200 more errors not shown (at most 100 per file)\n  help: fix the errors above and run again"
        ),
        "{}",
        run.stderr
    );
    let report = run.json();
    let errors = report["vendors"][0]["input_errors"].as_array().unwrap();
    assert_eq!(errors.len(), 101);

    // One over the limit is one error, not "1 more errors".
    let mut text = good_citing("soc2.pdf");
    text.push_str("\n[contract]\nsource = \"document\"\n");
    for i in 0..101 {
        text.push_str(&format!("unknown_{i} = 1\n"));
    }
    let dir = vendor_folder(tmp.path(), "w", &text);
    let run = check(&dir, &[]);
    assert!(
        run.stderr.contains(
            "vendor.toml: 1 more error not shown (at most 100 per file)\n  help: fix the errors above and run again"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(errors[0]["message"], "unknown field `unknown_0`");
}

#[test]
fn a_hostile_one_line_file_gives_a_bounded_report() {
    // One line of 5000 unknown keys, one of them 20000 characters long: each error used to print
    // the whole line and the whole key, 5000 times over (gigabytes of output).
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("v");
    fs::create_dir_all(&dir).unwrap();
    let mut keys: Vec<String> = vec![format!("\"{}\": 1", "k".repeat(20_000))];
    keys.extend((0..5000).map(|i| format!("\"unknown_key_{i}\": 1")));
    let line = format!("{{\"schema\": 1, \"vendor\": {{{}}}}}\n", keys.join(", "));
    fs::write(dir.join("vendor.json"), &line).unwrap();
    let run = check(&dir, &[]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.len() < 100_000,
        "{} bytes of errors for a {} byte file",
        run.stderr.len(),
        line.len()
    );
    assert!(
        run.stderr
            .contains("(the line is too long to show: over 4096 bytes)"),
        "{}",
        &run.stderr[..2000]
    );
    assert!(
        run.stderr
            .contains("characters left out) … kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk`"),
        "{}",
        &run.stderr[..2000]
    );
    assert!(
        run.stderr
            .contains("4902 more errors not shown (at most 100 per file)"),
        "{}",
        &run.stderr[run.stderr.len().saturating_sub(2000)..]
    );
}

// --- symbolic links ------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn discovery_neither_follows_links_out_of_the_tree_nor_loops_on_cycles() {
    use std::os::unix::fs::symlink;
    let tmp = TempDir::new().unwrap();
    let tree = tmp.path().join("tree");
    let inside = vendor_folder(&tree, "a-inside", &good_citing("soc2.pdf"));
    fs::write(inside.join("soc2.pdf"), SOC2_PDF).unwrap();
    // A vendor outside the tree, reachable only through a link.
    let outside = vendor_folder(
        tmp.path(),
        "outside",
        &good_citing("soc2.pdf").replace("good-co", "outside-co"),
    );
    fs::write(outside.join("soc2.pdf"), SOC2_PDF).unwrap();
    symlink(&outside, tree.join("b-link-out")).unwrap();
    // Cycles: a link to the tree itself, and one to a parent from deeper down.
    symlink(&tree, tree.join("c-loop")).unwrap();
    fs::create_dir_all(tree.join("d/e")).unwrap();
    symlink("../..", tree.join("d/e/up")).unwrap();

    let run = check(&tree, &[]);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    let report = run.json();
    let vendors = report["vendors"].as_array().unwrap();
    assert_eq!(vendors.len(), 1, "{report:#}");
    assert_eq!(vendors[0]["id"], "good-co");
    assert!(!run.stdout.contains("outside-co"), "{}", run.stdout);
}

#[cfg(unix)]
#[test]
fn a_document_reached_through_a_linked_folder_outside_is_refused() {
    use std::os::unix::fs::symlink;
    let tmp = TempDir::new().unwrap();
    // The outside copy matches the sha256: were it read, GEN-DOCUMENT would pass.
    let elsewhere = tmp.path().join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    fs::write(elsewhere.join("soc2.pdf"), SOC2_PDF).unwrap();
    let dir = vendor_folder(tmp.path(), "v", &good_citing("docs/soc2.pdf"));
    symlink(&elsewhere, dir.join("docs")).unwrap();
    let run = check(&dir, &[]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "vendor.toml:24:21: document path `docs/soc2.pdf` is a link that leaves the vendor folder"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(run.json()["summary"]["passed"], 0);

    // A link that stays inside the folder is fine.
    let dir = vendor_folder(tmp.path(), "w", &good_citing("docs/soc2.pdf"));
    fs::create_dir_all(dir.join("filed")).unwrap();
    fs::write(dir.join("filed/soc2.pdf"), SOC2_PDF).unwrap();
    symlink("filed", dir.join("docs")).unwrap();
    let run = check(&dir, &[]);
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
}
