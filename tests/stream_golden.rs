//! Every report format, byte for byte, against what vendorcert wrote before the formats were
//! streamed (commit c68e9a8): the example portfolio, and a run mixing valid vendors, an invalid
//! evidence file, a duplicate vendor id and a path that does not exist. The terminal report's
//! files (`*.table`) were written again when the concise report for several vendors and the
//! one-line reasons of its closing table landed; every other format is c68e9a8's, but for what
//! the obligation crosswalk and the CI integrations added on purpose (each finding's
//! `obligations`, SARIF's rule help and severities, JUnit's `time`, `timestamp` and
//! `hostname`, the HTML report's "Bears on") and the OSCAL report, new then.
//!
//! The machine's name (JUnit `hostname`) and the checkout's path (SARIF `%SRCROOT%`) are
//! replaced by placeholders before comparing.
//!
//! `UPDATE_GOLDEN=1 cargo test --test stream_golden` writes the golden files again from the
//! current build: for a change of output made on purpose, reviewed in the diff.

use std::path::Path;

use assert_cmd::Command;

const GOLDEN: &str = "tests/data/stream-golden";
const AS_OF: &str = "2026-11-23";

fn golden(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(GOLDEN)
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn run(args: &[&str], env: &[(&str, &str)]) -> (Vec<u8>, Vec<u8>, i32) {
    let mut cmd = Command::cargo_bin("vendorcert").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .args(args)
        .args(["--as-of", AS_OF]);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (out.stdout, out.stderr, out.status.code().unwrap_or(-1))
}

/// The machine's name in a JUnit report (`hostname="…"`), which differs from machine to
/// machine, as `hostname="HOST"`.
fn without_hostname(report: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(report);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_ref();
    while let Some(at) = rest.find(" hostname=\"") {
        let value = at + " hostname=\"".len();
        out.push_str(&rest[..value]);
        out.push_str("HOST\"");
        let end = rest[value..]
            .find('"')
            .map_or(rest.len(), |e| value + e + 1);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.into_bytes()
}

/// The checkout's own place in a report (SARIF's `%SRCROOT%` is the folder vendorcert ran in,
/// as a `file://` URI), which differs from clone to clone, as `file:///SRCROOT/`.
fn without_checkout(report: Vec<u8>) -> Vec<u8> {
    let root = format!("file://{}/", env!("CARGO_MANIFEST_DIR"));
    String::from_utf8_lossy(&report)
        .replace(&root, "file:///SRCROOT/")
        .into_bytes()
}

/// Compares the output with the golden file `name`, without printing megabytes: the first
/// differing line.
fn same(actual: &[u8], name: &str, what: &str) {
    let actual = &without_checkout(without_hostname(actual));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(GOLDEN)
            .join(name);
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = &golden(name);
    if actual == expected {
        return;
    }
    let (a, e) = (
        String::from_utf8_lossy(actual),
        String::from_utf8_lossy(expected),
    );
    let line = a
        .lines()
        .zip(e.lines())
        .position(|(a, e)| a != e)
        .unwrap_or_else(|| a.lines().count().min(e.lines().count()));
    panic!(
        "{what}: differs from the golden output at line {} ({} bytes, expected {})\nactual:   {:?}\nexpected: {:?}",
        line + 1,
        actual.len(),
        expected.len(),
        a.lines().nth(line),
        e.lines().nth(line)
    );
}

const FORMATS: &[&str] = &[
    "table", "json", "jsonl", "sarif", "junit", "markdown", "html", "oscal",
];

#[test]
fn every_format_of_the_example_portfolio_is_unchanged() {
    for format in FORMATS {
        let (out, err, code) = run(&["check", "fixtures/portfolio", "--format", format], &[]);
        same(&out, &format!("check.{format}"), format);
        assert_eq!(String::from_utf8_lossy(&err), "", "{format}");
        assert_eq!(code, 1, "{format}");
    }
}

#[test]
fn every_format_written_to_a_file_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    for format in FORMATS {
        let path = dir.path().join(format!("report.{format}"));
        let path = path.to_str().unwrap();
        let (out, _, code) = run(
            &[
                "check",
                "fixtures/portfolio",
                "--format",
                format,
                "-o",
                path,
            ],
            &[],
        );
        assert!(out.is_empty(), "{format}");
        same(
            &std::fs::read(path).unwrap(),
            &format!("check.{format}"),
            format,
        );
        assert_eq!(code, 1, "{format}");
    }
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(
        left.len(),
        FORMATS.len(),
        "no temporary file is left behind"
    );
}

#[test]
fn the_terminal_report_in_full_and_in_colour_is_unchanged() {
    let (out, _, _) = run(
        &["check", "fixtures/portfolio", "-v"],
        &[("COLUMNS", "100")],
    );
    same(&out, "check-verbose.table", "-v");
    let (out, _, _) = run(
        &[
            "check",
            "fixtures/portfolio",
            "--show-passes",
            "--color",
            "always",
        ],
        &[],
    );
    same(&out, "check-passes-color.table", "--show-passes");
}

#[test]
fn every_format_of_a_run_with_input_errors_is_unchanged() {
    let paths = [
        "fixtures/portfolio/aurore-ai",
        "tests/data/stream-golden/broken",
        "fixtures/portfolio/nimbus-cloud",
        "no-such-folder",
    ];
    for format in FORMATS {
        let mut args = vec!["check", "--no-config", "--format", format];
        args.extend(paths);
        let (out, err, code) = run(&args, &[]);
        same(&out, &format!("mixed.{format}"), format);
        match *format {
            "table" => assert_eq!(String::from_utf8_lossy(&err), "", "table (stderr)"),
            "jsonl" => same(&err, "mixed-jsonl.stderr", "jsonl (stderr)"),
            _ => same(&err, "mixed.stderr", &format!("{format} (stderr)")),
        }
        assert_eq!(code, 2, "{format}");
    }
}

#[test]
fn the_calendar_and_the_summary_are_unchanged() {
    for within in ["12m", "90d"] {
        for format in ["table", "json", "ics"] {
            let (out, _, code) = run(
                &[
                    "expiring",
                    "fixtures/portfolio",
                    "--within",
                    within,
                    "--format",
                    format,
                ],
                &[],
            );
            same(
                &out,
                &format!("expiring-{within}.{format}"),
                &format!("expiring --within {within} --format {format}"),
            );
            assert_eq!(code, 0);
        }
    }
    for format in ["table", "json"] {
        let (out, _, _) = run(&["summary", "fixtures/portfolio", "--format", format], &[]);
        same(&out, &format!("summary.{format}"), format);
    }
}
