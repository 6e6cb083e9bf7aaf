//! Ctrl-C during a batch: the run stops promptly, writes no report (not even a partial one
//! under the final name), leaves no temporary file behind, and exits 130.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// A portfolio of `n` copies of a fixture vendor, each with its own id.
fn portfolio(root: &Path, n: usize) {
    let text = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/portfolio/aldermoor-ai/vendor.toml"),
    )
    .unwrap();
    assert!(text.contains("id = \"aldermoor-ai\""));
    for i in 0..n {
        let dir = root.join(format!("v{i:05}"));
        fs::create_dir_all(&dir).unwrap();
        fs::write(
            dir.join("vendor.toml"),
            text.replace("id = \"aldermoor-ai\"", &format!("id = \"v{i:05}\"")),
        )
        .unwrap();
    }
}

fn interrupt_run(format: &str) {
    let tmp = TempDir::new().unwrap();
    let vendors = tmp.path().join("vendors");
    portfolio(&vendors, 4000);
    let out_dir = tmp.path().join("out");
    fs::create_dir_all(&out_dir).unwrap();
    let report = out_dir.join("report.out");
    let child = Command::new(env!("CARGO_BIN_EXE_vendorcert"))
        .args([
            "check",
            "--as-of",
            "2026-11-23",
            "--format",
            format,
            "--output",
        ])
        .arg(&report)
        .arg(&vendors)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(600));
    let sent = Instant::now();
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    let took = sent.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{format}: {stderr}");
    assert!(
        stderr.contains("interrupted; no report written"),
        "{stderr}"
    );
    assert!(
        took < Duration::from_secs(5),
        "{format}: stopped after {took:?}"
    );
    let left: Vec<_> = fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "{format}: left behind {left:?}");
}

#[test]
fn ctrl_c_stops_a_json_run_without_a_report() {
    interrupt_run("json");
}

#[test]
fn ctrl_c_stops_a_streaming_run_and_removes_its_temporary_file() {
    interrupt_run("jsonl");
}
