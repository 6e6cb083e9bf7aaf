//! The terminal report of the example portfolio: what needs attention, wrapped to the width,
//! then a summary table; `--show-passes` lists everything.

use assert_cmd::Command;
use unicode_width::UnicodeWidthStr;

const AS_OF: &str = "2026-11-23";

/// `check fixtures/portfolio` as a terminal of `columns` would show it (`None`: not a terminal,
/// `COLUMNS` unset), with `extra` arguments.
fn report(columns: Option<&str>, extra: &[&str]) -> String {
    let mut cmd = Command::cargo_bin("vendorcert").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1")
        .args(["check", "fixtures/portfolio", "--as-of", AS_OF])
        .args(extra);
    if let Some(c) = columns {
        cmd.env("COLUMNS", c);
    }
    let out = cmd.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "the portfolio holds failing vendors"
    );
    String::from_utf8(out.stdout).unwrap()
}

fn widest(text: &str) -> usize {
    text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

#[test]
fn the_default_report_fits_80_columns_and_lists_only_what_needs_attention() {
    let text = report(Some("80"), &[]);
    assert!(widest(&text) <= 80, "a line is {} wide", widest(&text));
    // Not a terminal and no COLUMNS: the same 80-column layout.
    assert_eq!(report(None, &[]), text);
    // Passing findings are counted, not listed: Aldermoor passes everything but a waived
    // exception, so its block is the header, the waived finding and nothing else.
    let aldermoor = text.split("\n\n").next().unwrap();
    assert!(aldermoor.starts_with("PASS Aldermoor AI Labs, Inc. (aldermoor-ai)"));
    assert!(
        aldermoor
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains("74 pass, 10 n/a not listed"),
        "{aldermoor}"
    );
    assert!(aldermoor.contains("waived[SOC2-EXCEPTIONS] vendor.toml:43"));
    assert!(
        !aldermoor.contains("SOC2-AUDITOR") && !aldermoor.contains("ISO-CURRENT"),
        "a passing rule is listed: {aldermoor}"
    );
    // A run of several vendors is concise: one line per finding, severity[rule] file:line
    // reason, cut to the width; no questions.
    assert!(text.contains("\n  error[SOC2-TYPE] vendor.toml:16 the policy requires a SOC 2"));
    assert!(!text.contains("ask:"), "{text}");
    assert!(text.contains("--full shows whole reasons and the questions to send"));
    // Checks that a claim alone kept from passing are one entry per piece and source.
    assert!(
        text.contains("error[unverified] vendor.toml:45 only seen in the vendor's trust page"),
        "{text}"
    );
    // Under 200 lines for the nine vendors, at 80 columns and at 120.
    assert!(text.lines().count() < 200, "{} lines", text.lines().count());
    assert!(report(Some("120"), &[]).lines().count() < 200);
    // The closing table, one row per vendor, then the totals.
    assert!(text.contains("│ verdict ┆ vendor"));
    assert!(text.contains("│ PASS    ┆ aldermoor-ai"));
    // Its reasons are one line each, cut to the width.
    assert!(text.contains(
        "│ FAIL    ┆ aurore-ai        ┆ 32     ┆ 0        ┆ SOC2-TYPE: the policy requ… │"
    ));
    assert!(text.trim_end().ends_with(
        "9 vendors: 1 pass, 8 fail, 0 invalid · as of 2026-11-23 · policy by risk tier"
    ));
    insta::assert_snapshot!("portfolio_terminal_80", text);
}

#[test]
fn the_default_report_uses_the_width_it_is_given() {
    let text = report(Some("120"), &[]);
    assert!(widest(&text) <= 120, "a line is {} wide", widest(&text));
    assert!(widest(&text) > 100, "the width is not used");
    insta::assert_snapshot!("portfolio_terminal_120", text);
}

#[test]
fn show_passes_lists_every_finding_in_tables() {
    let brief = report(Some("80"), &[]);
    let full = report(Some("80"), &["--show-passes"]);
    assert!(widest(&full) <= 80);
    assert!(full.contains("SOC2-AUDITOR"), "every finding is listed");
    assert!(full.contains("│ status ┆ rule"));
    // -v lists everything too, with the evidence lines.
    let verbose = report(Some("80"), &["-v"]);
    assert!(verbose.contains("SOC2-AUDITOR"));
    assert!(
        brief.lines().count() * 2 < full.lines().count(),
        "brief {} lines, full {}",
        brief.lines().count(),
        full.lines().count()
    );
}

#[test]
fn full_gives_each_reason_whole_with_the_question_to_send() {
    let text = report(Some("80"), &["--full"]);
    assert!(widest(&text) <= 80, "a line is {} wide", widest(&text));
    // By framework, then by report or certificate, each finding wrapped under itself and the
    // question once per rule.
    assert!(
        text.contains("  SOC 2\n    error[SOC2-TYPE] vendor.toml:16 the policy requires a SOC 2")
    );
    assert!(text.contains("      ask: Can you share your most recent SOC 2 Type 2 report"));
    assert!(text.contains("    ISO/IEC 27017:2015 certificate CVC-CLD-2025-0453\n"));
    assert!(!text.contains("One line per finding"));
    // --concise and --full cannot both be given.
    let out = Command::cargo_bin("vendorcert")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "check",
            "fixtures/portfolio",
            "--as-of",
            AS_OF,
            "--full",
            "--concise",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    insta::assert_snapshot!("portfolio_terminal_full_80", text);
}

#[test]
fn one_vendor_is_shown_in_full_unless_asked_for_concise() {
    let run = |extra: &[&str]| {
        let out = Command::cargo_bin("vendorcert")
            .unwrap()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("COLUMNS", "80")
            .env("NO_COLOR", "1")
            .args(["check", "fixtures/portfolio/aurore-ai", "--as-of", AS_OF])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8(out.stdout).unwrap()
    };
    let full = run(&[]);
    assert!(full.contains("      ask: Can you share your most recent SOC 2 Type 2 report"));
    let concise = run(&["--concise"]);
    assert!(!concise.contains("ask:"));
    assert!(concise.contains("\n  error[SOC2-TYPE] vendor.toml:16 the policy requires a SOC 2"));
    // The same findings, one line each: the concise block is the full one's lines that start
    // with a label, cut.
    let labels = |t: &str| {
        t.lines()
            .filter_map(|l| {
                l.trim_start().split_once('[').map(|(label, rest)| {
                    (
                        label.to_string(),
                        rest.split(']').next().unwrap_or("").to_string(),
                    )
                })
            })
            .filter(|(label, _)| ["error", "warning", "waived"].contains(&label.as_str()))
            .collect::<Vec<_>>()
    };
    assert_eq!(labels(&full), labels(&concise));
}
