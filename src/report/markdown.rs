//! Markdown report for a pull-request comment: counts, one summary table, then per failing
//! vendor a collapsed `<details>` section with its failures, AI gaps and waivers. Passing
//! vendors get one line each, invalid ones their input errors.
//!
//! Vendor names, messages, paths and waiver texts come from evidence files and are escaped, so
//! they can neither break the table nor inject HTML, links, images or mentions.

use std::io::{self, Write};
use std::path::Path;

use crate::engine::{Assurance, Finding, Severity, VendorResult, Verdict};
use crate::evidence::InputError;
use crate::portfolio::{RunReport, VendorOutcome};
use crate::report::spool::Spool;

use super::{Render, location_of};

pub struct MarkdownReport;

impl Render for MarkdownReport {
    fn render(&self, report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
        super::render_streamed(self, report, out)
    }
}

/// What the Markdown report makes of one vendor: its row of the summary table, and its
/// section (failing), its line (passing) or its input errors (invalid).
pub struct MarkdownPiece {
    row: Vec<u8>,
    part: Part,
}

enum Part {
    Failing { section: Vec<u8>, short: String },
    Passing(Vec<u8>),
    Invalid(Vec<u8>),
}

/// The report's parts so far: they are written in an order other than the vendors' (the
/// summary table first, then the failing vendors, the invalid and the passing ones), and how
/// many failing vendors' sections fit the comment depends on the size of everything else.
#[derive(Default)]
pub struct MarkdownParts {
    rows: Spool,
    rows_chars: usize,
    /// Per failing vendor: the characters of its section and of its short line, and the
    /// bytes of its short line.
    failing: Vec<(usize, usize, usize)>,
    /// The first failing vendors' sections, as long as together they could fit a comment.
    sections: Vec<Vec<u8>>,
    sections_chars: usize,
    short: Spool,
    invalid: Spool,
    invalid_chars: usize,
    passing: Spool,
    passing_chars: usize,
}

impl super::Streamed for MarkdownReport {
    type Piece = io::Result<MarkdownPiece>;
    type Sink = MarkdownParts;

    fn sink(&self) -> MarkdownParts {
        MarkdownParts::default()
    }

    fn piece(
        &self,
        _position: usize,
        outcome: &VendorOutcome,
        _loaded: Option<crate::portfolio::Loaded<'_>>,
    ) -> Self::Piece {
        let mut row = Vec::new();
        table_row(outcome, &mut row)?;
        let part = match outcome {
            VendorOutcome::Evaluated(v) if v.verdict == Verdict::Fail => {
                let mut section = vec![b'\n'];
                failing_vendor(v, &mut section)?;
                Part::Failing {
                    section,
                    short: short_line(v),
                }
            }
            VendorOutcome::Evaluated(v) => {
                let mut line = Vec::new();
                passing_vendor(v, &mut line)?;
                Part::Passing(line)
            }
            VendorOutcome::Invalid { file, errors } => {
                let mut entry = Vec::new();
                writeln!(entry, "- ⚠️ INVALID {}", code(&file.display().to_string()))?;
                for e in errors {
                    input_error(e, "  ", &mut entry)?;
                }
                Part::Invalid(entry)
            }
        };
        Ok(MarkdownPiece { row, part })
    }

    fn take(
        &self,
        parts: &mut MarkdownParts,
        piece: Self::Piece,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        let piece = piece?;
        parts.rows_chars += chars(&piece.row);
        parts.rows.write_all(&piece.row)?;
        match piece.part {
            Part::Failing { section, short } => {
                let size = chars(&section);
                parts
                    .failing
                    .push((size, short.chars().count(), short.len()));
                parts.short.write_all(short.as_bytes())?;
                // A section past the comment's whole budget can never be shown.
                if parts.sections.len() + 1 == parts.failing.len()
                    && parts.sections_chars + size <= COMMENT_BUDGET
                {
                    parts.sections_chars += size;
                    parts.sections.push(section);
                }
            }
            Part::Passing(line) => {
                parts.passing_chars += chars(&line);
                parts.passing.write_all(&line)?;
            }
            Part::Invalid(entry) => {
                parts.invalid_chars += chars(&entry);
                parts.invalid.write_all(&entry)?;
            }
        }
        Ok(())
    }

    fn finish(
        &self,
        mut parts: MarkdownParts,
        end: &super::RunEnd,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        // Title, counts, the summary table and the problems with the paths given.
        let t = end.totals;
        let mut title = Vec::new();
        writeln!(title, "## vendorcert report")?;
        writeln!(title)?;
        writeln!(
            title,
            "**{}: {} pass, {} fail, {} invalid** · as of {} · policy {}",
            count_of(t.vendors, "vendor"),
            t.passed,
            t.failed,
            t.invalid,
            end.as_of,
            md(end.policy)
        )?;
        if t.vendors > 0 {
            writeln!(title)?;
            writeln!(
                title,
                "| Vendor | Verdict | Errors | Warnings | Attested | AI risks controlled |"
            )?;
            writeln!(title, "| --- | --- | ---: | ---: | --- | --- |")?;
        }
        let mut errors = Vec::new();
        if !end.errors.is_empty() {
            writeln!(errors)?;
            writeln!(errors, "### Input errors")?;
            writeln!(errors)?;
            for e in end.errors {
                input_error(e, "", &mut errors)?;
            }
        }
        // Invalid vendors, passing vendors and the footer.
        let invalid_heading = "\n### Invalid evidence\n\n";
        let passing_heading = "\n### Passing vendors\n\n";
        let footer = format!(
            "\n<sub>{} {} · `vendorcert explain RULE` documents each rule</sub>\n",
            env!("CARGO_PKG_NAME"),
            env!("CARGO_PKG_VERSION")
        );
        let head_chars = chars(&title) + parts.rows_chars + chars(&errors);
        let mut rest_chars = footer.chars().count();
        if !parts.invalid.is_empty() {
            rest_chars += invalid_heading.chars().count() + parts.invalid_chars;
        }
        if !parts.passing.is_empty() {
            rest_chars += passing_heading.chars().count() + parts.passing_chars;
        }

        out.write_all(&title)?;
        parts.rows.copy_to(0, out)?;
        out.write_all(&errors)?;
        if !parts.failing.is_empty() {
            // The failing vendors' sections get what the rest of the comment leaves; those
            // that do not fit are named in one line each, and room for those lines is kept.
            const LEFT_OUT: &str = "\nLeft out to fit a pull-request comment (the table, JSON \
                                    and SARIF reports have them):\n\n";
            let heading = "\n### Failing vendors\n";
            let mut budget =
                COMMENT_BUDGET.saturating_sub(head_chars + rest_chars + heading.chars().count());
            out.write_all(heading.as_bytes())?;
            let mut later: usize = parts.failing.iter().map(|f| f.1).sum();
            let (mut shown, mut shown_bytes) = (0, 0u64);
            for (i, &(size, short_chars, short_bytes)) in parts.failing.iter().enumerate() {
                later -= short_chars;
                let reserve = if i + 1 == parts.failing.len() {
                    0
                } else {
                    LEFT_OUT.chars().count() + later
                };
                let Some(section) = parts.sections.get(i) else {
                    break;
                };
                if size + reserve > budget {
                    break;
                }
                budget -= size;
                out.write_all(section)?;
                shown += 1;
                shown_bytes += short_bytes as u64;
            }
            if shown < parts.failing.len() {
                out.write_all(LEFT_OUT.as_bytes())?;
                parts.short.copy_to(shown_bytes, out)?;
            }
        }
        if !parts.invalid.is_empty() {
            out.write_all(invalid_heading.as_bytes())?;
            parts.invalid.copy_to(0, out)?;
        }
        if !parts.passing.is_empty() {
            out.write_all(passing_heading.as_bytes())?;
            parts.passing.copy_to(0, out)?;
        }
        out.write_all(footer.as_bytes())
    }
}

/// A vendor's row of the summary table.
fn table_row(outcome: &VendorOutcome, out: &mut dyn Write) -> io::Result<()> {
    match outcome {
        VendorOutcome::Evaluated(v) => {
            let a = v.assurance();
            writeln!(
                out,
                "| {} ({}) | {} | {} | {} | {} | {} |",
                md(&v.name),
                code(&v.id),
                verdict_marker(v.verdict),
                v.count(Severity::Error),
                v.count(Severity::Warning),
                attested(a),
                ai_controlled(a)
            )
        }
        VendorOutcome::Invalid { file, .. } => writeln!(
            out,
            "| {} | ⚠️ INVALID | – | – | – | – |",
            code(&file.display().to_string())
        ),
    }
}

/// Characters a pull-request comment may hold, with room left for a bot's own wrapping
/// (GitHub's limit is 65,536).
const COMMENT_BUDGET: usize = 60_000;

/// A failing vendor in one line, for when its section does not fit.
fn short_line(v: &VendorResult) -> String {
    format!(
        "- ❌ FAIL **{}** ({}): {}, {}\n",
        md(&v.name),
        code(&v.id),
        count_of(v.count(Severity::Error), "error"),
        count_of(v.count(Severity::Warning), "warning")
    )
}

fn chars(bytes: &[u8]) -> usize {
    String::from_utf8_lossy(bytes).chars().count()
}

fn verdict_marker(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Pass => "✅ PASS",
        Verdict::Fail => "❌ FAIL",
    }
}

fn attested(a: Assurance) -> &'static str {
    match a.attested {
        Some(true) => "yes",
        Some(false) => "**no**",
        None => "not evaluated",
    }
}

fn ai_controlled(a: Assurance) -> String {
    if a.ai_risks_checked == 0 {
        "not checked".to_string()
    } else {
        format!("{} of {}", a.ai_risks_controlled, a.ai_risks_checked)
    }
}

fn severity_label(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "**error**",
        Severity::Warning => "**warning**",
        Severity::None => "note",
    }
}

/// `subject: message`, escaped.
fn finding_text(f: &Finding) -> String {
    match &f.subject {
        Some(s) => format!("{}: {}", md(s), md(&f.message)),
        None => md(&f.message),
    }
}

/// `vendor.toml:12`: the evidence file's name, the full path being given once per vendor.
fn where_found(v: &VendorResult, f: &Finding) -> String {
    let file = v.file.file_name().map(Path::new).unwrap_or(&v.file);
    code(&location_of(file, f.line))
}

/// The findings that need an answer, grouped by rule (in report order), so each question is
/// asked once.
fn by_rule<'a>(findings: impl Iterator<Item = &'a Finding>) -> Vec<Vec<&'a Finding>> {
    let mut groups: Vec<Vec<&Finding>> = Vec::new();
    for f in findings {
        match groups.iter_mut().find(|g| g[0].rule.id == f.rule.id) {
            Some(g) => g.push(f),
            None => groups.push(vec![f]),
        }
    }
    groups
}

fn failing_vendor(v: &VendorResult, out: &mut dyn Write) -> io::Result<()> {
    let a = v.assurance();
    writeln!(out, "<details>")?;
    writeln!(
        out,
        "<summary>❌ FAIL <b>{}</b> ({}): {}, {} · policy {}</summary>",
        html(&v.name),
        html(&v.id),
        count_of(v.count(Severity::Error), "error"),
        count_of(v.count(Severity::Warning), "warning"),
        html(&v.policy)
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "Evidence: {} · attested: {} · AI risks controlled: {}",
        code(&v.file.display().to_string()),
        attested(a),
        ai_controlled(a)
    )?;

    let failures = by_rule(
        v.findings
            .iter()
            .filter(|f| f.needs_answer() && f.rule.gap.is_none()),
    );
    if !failures.is_empty() {
        writeln!(out)?;
        writeln!(out, "**Failures**")?;
        writeln!(out)?;
        for group in failures {
            let rule = group[0].rule;
            writeln!(out, "- {} {}", code(rule.id), md(rule.title))?;
            for f in &group {
                writeln!(
                    out,
                    "  - {} {} ({})",
                    severity_label(f.severity),
                    finding_text(f),
                    where_found(v, f)
                )?;
            }
            writeln!(out, "  - Ask: {}", md(rule.question))?;
        }
    }

    let gaps = by_rule(
        v.findings
            .iter()
            .filter(|f| f.needs_answer() && f.rule.gap.is_some()),
    );
    if !gaps.is_empty() {
        writeln!(out)?;
        writeln!(out, "**AI gaps**")?;
        writeln!(out)?;
        for group in gaps {
            let rule = group[0].rule;
            let Some(gap) = rule.gap else { continue };
            let owasp = gap
                .owasp
                .map(|o| format!(" · OWASP {}", md(o)))
                .unwrap_or_default();
            writeln!(
                out,
                "- {} uncovered: {}{owasp}",
                code(rule.id),
                md(gap.risk)
            )?;
            for f in &group {
                writeln!(
                    out,
                    "  - {} {} ({})",
                    severity_label(f.severity),
                    finding_text(f),
                    where_found(v, f)
                )?;
            }
            writeln!(out, "  - Ask: {}", md(rule.question))?;
        }
    }

    let waived: Vec<&Finding> = v.findings.iter().filter(|f| f.waiver.is_some()).collect();
    if !waived.is_empty() {
        writeln!(out)?;
        writeln!(out, "**Waivers**")?;
        writeln!(out)?;
        for f in waived {
            let Some(w) = &f.waiver else { continue };
            let subject = f
                .subject
                .as_deref()
                .map(|s| format!(" {}:", md(s)))
                .unwrap_or_default();
            writeln!(
                out,
                "- {}{subject} approved by {} on {}, until {}: {} ({})",
                code(f.rule.id),
                md(&w.approver),
                w.approved,
                w.expires,
                md(&w.reason),
                code(&w.origin)
            )?;
        }
    }

    writeln!(out)?;
    writeln!(out, "</details>")
}

fn passing_vendor(v: &VendorResult, out: &mut dyn Write) -> io::Result<()> {
    let mut line = format!(
        "- ✅ PASS **{}** ({}) · policy {}",
        md(&v.name),
        code(&v.id),
        md(&v.policy)
    );
    let warned = by_rule(
        v.findings
            .iter()
            .filter(|f| f.severity == Severity::Warning),
    );
    if !warned.is_empty() {
        let ids: Vec<String> = warned.iter().map(|g| code(g[0].rule.id)).collect();
        line.push_str(&format!(
            " · {}: {}",
            count_of(v.count(Severity::Warning), "warning"),
            ids.join(", ")
        ));
    }
    let waivers: Vec<String> = v
        .findings
        .iter()
        .filter_map(|f| {
            f.waiver.as_ref().map(|w| {
                format!(
                    "{} approved by {} until {}",
                    code(f.rule.id),
                    md(&w.approver),
                    w.expires
                )
            })
        })
        .collect();
    if !waivers.is_empty() {
        line.push_str(&format!(
            " · {}: {}",
            count_of(waivers.len(), "waiver"),
            waivers.join("; ")
        ));
    }
    writeln!(out, "{line}")
}

fn input_error(e: &InputError, indent: &str, out: &mut dyn Write) -> io::Result<()> {
    let at = if e.line == 0 {
        e.file.display().to_string()
    } else {
        format!("{}:{}:{}", e.file.display(), e.line, e.column)
    };
    let help = e
        .help
        .as_deref()
        .map(|h| format!(" (help: {})", md(h)))
        .unwrap_or_default();
    writeln!(out, "{indent}- {} {}{help}", code(&at), md(&e.message))
}

fn count_of(n: usize, word: &str) -> String {
    crate::rules::plural_pub(n, word)
}

/// The loop both escapers share: `special` writes the escape of the characters it handles (it
/// may consume the next one) and returns `true`; a mention (`@team`) is broken with a
/// zero-width space so it notifies no one, and control characters become spaces.
fn escape_untrusted(
    text: &str,
    mut special: impl FnMut(char, &mut std::iter::Peekable<std::str::Chars<'_>>, &mut String) -> bool,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !special(c, &mut chars, &mut out) {
            match c {
                '@' => {
                    out.push('@');
                    if !prev.is_some_and(char::is_alphanumeric) {
                        out.push_str("&#8203;");
                    }
                }
                c if c.is_control() => out.push(' '),
                c => out.push(c),
            }
        }
        prev = Some(c);
    }
    out
}

/// Escapes untrusted text for inline Markdown, in a table cell or a list item: Markdown
/// punctuation is backslash-escaped, HTML characters become entities, newlines `<br>`, and
/// mentions are broken.
pub fn md(text: &str) -> String {
    escape_untrusted(text, |c, chars, out| {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("<br>");
            }
            '\n' => out.push_str("<br>"),
            '\\' | '*' | '_' | '[' | ']' | '~' | '|' | '$' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '`' => out.push_str("&#96;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            _ => return false,
        }
        true
    })
}

/// Escapes untrusted text inside an HTML element (`<summary>`), where Markdown is not parsed.
pub fn html(text: &str) -> String {
    escape_untrusted(text, |c, _, out| {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => return false,
        }
        true
    })
}

/// An id or a path as inline code when it is made of plain characters; anything else is
/// escaped text instead (a backtick or a pipe inside a code span would break out of it).
pub fn code(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '/' | ':' | '+'));
    if plain { format!("`{text}`") } else { md(text) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Level, RULES, Status};

    fn failing(n: usize) -> VendorOutcome {
        let rule = RULES[0];
        let finding = Finding {
            level: Level::Error,
            severity: Severity::Error,
            line: 3,
            ..Finding::example(rule, Status::Fail, &"x".repeat(400))
        };
        VendorOutcome::Evaluated(Box::new(VendorResult {
            id: format!("vendor-{n:02}"),
            name: format!("Vendor {n}"),
            file: format!("v{n}/vendor.toml").into(),
            source: crate::evidence::error::SourceFile::new(
                std::path::Path::new("v/vendor.toml"),
                "",
            ),
            policy_detail: std::sync::Arc::new(crate::policy::Policy::baseline()),
            policy: "baseline".to_string(),
            risk_tier: crate::evidence::RiskTier::Low,
            ai_assessed: None,
            verdict: Verdict::Fail,
            findings: vec![finding; 20],
        }))
    }

    #[test]
    fn a_large_portfolio_still_fits_a_comment() {
        let report = RunReport {
            as_of: "2026-11-23".parse().unwrap(),
            policy: "baseline".to_string(),
            vendors: (0..100).map(failing).collect(),
            errors: Vec::new(),
        };
        let mut out = Vec::new();
        MarkdownReport.render(&report, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.chars().count() <= COMMENT_BUDGET, "{}", text.len());
        // Every vendor is still in the table; the sections that did not fit are named.
        assert_eq!(text.matches("| ❌ FAIL |").count(), 100);
        let shown = text.matches("<details>").count();
        assert!(shown > 0 && shown < 100);
        assert!(text.contains("Left out to fit a pull-request comment"));
        assert!(text.contains("- ❌ FAIL **Vendor 99** (`vendor-99`): 20 errors, 0 warnings"));
        assert!(text.trim_end().ends_with("</sub>"));
    }

    #[test]
    fn untrusted_text_is_escaped() {
        assert_eq!(md("a | b"), "a \\| b");
        assert_eq!(
            md("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(md("R&D"), "R&amp;D");
        assert_eq!(md("`rm -rf`"), "&#96;rm -rf&#96;");
        assert_eq!(md("one\ntwo\r\nthree"), "one<br>two<br>three");
        assert_eq!(md("[click](http://x)"), "\\[click\\](http://x)");
        assert_eq!(md("**bold** _it_"), "\\*\\*bold\\*\\* \\_it\\_");
        assert_eq!(md("ping @org/team"), "ping @&#8203;org/team");
        assert_eq!(md("security@vendor.example"), "security@vendor.example");
        assert_eq!(html("<b>A & B</b>"), "&lt;b&gt;A &amp; B&lt;/b&gt;");
        assert_eq!(code("vendor.toml:12"), "`vendor.toml:12`");
        assert_eq!(code("a`b|c"), "a&#96;b\\|c");
    }
}
