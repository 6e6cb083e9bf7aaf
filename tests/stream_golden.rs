//! Every report format, byte for byte, against what vendorcert wrote before the formats were
//! streamed (commit c68e9a8): the example portfolio, and a run mixing valid vendors, an invalid
//! evidence file, a duplicate vendor id and a path that does not exist. The terminal report's
//! files (`*.table`) were written again when the concise report for several vendors and the
//! one-line reasons of its closing table landed; every other format is c68e9a8's.

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

/// Compares without printing megabytes: the first differing line.
fn same(actual: &[u8], expected: &[u8], what: &str) {
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
    "table", "json", "jsonl", "sarif", "junit", "markdown", "html",
];

#[test]
fn every_format_of_the_example_portfolio_is_unchanged() {
    for format in FORMATS {
        let (out, err, code) = run(&["check", "fixtures/portfolio", "--format", format], &[]);
        same(&out, &golden(&format!("check.{format}")), format);
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
            &golden(&format!("check.{format}")),
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
    same(&out, &golden("check-verbose.table"), "-v");
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
    same(&out, &golden("check-passes-color.table"), "--show-passes");
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
        same(&out, &golden(&format!("mixed.{format}")), format);
        let expected_err = match *format {
            "table" => Vec::new(),
            "jsonl" => golden("mixed-jsonl.stderr"),
            _ => golden("mixed.stderr"),
        };
        same(&err, &expected_err, &format!("{format} (stderr)"));
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
                &golden(&format!("expiring-{within}.{format}")),
                &format!("expiring --within {within} --format {format}"),
            );
            assert_eq!(code, 0);
        }
    }
    for format in ["table", "json"] {
        let (out, _, _) = run(&["summary", "fixtures/portfolio", "--format", format], &[]);
        same(&out, &golden(&format!("summary.{format}")), format);
    }
}
