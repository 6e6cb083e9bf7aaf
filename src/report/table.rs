//! The terminal report: per vendor a verdict line, then its findings grouped by framework, each
//! non-passing one with where it was found and what to ask the vendor.

use std::io::{self, Write};

use comfy_table::{Cell, Color, ContentArrangement, Table, presets};

use crate::engine::{Severity, VendorResult, Verdict};
use crate::portfolio::{RunReport, VendorOutcome};
use crate::rules::{Framework, Status};

use super::{Render, location_of};

/// Width used when the output is not a terminal.
const PIPE_WIDTH: u16 = 120;

pub struct TableReport {
    /// Colour the output (a terminal, `NO_COLOR` unset).
    pub color: bool,
    /// Width to lay the tables out in, when known (a terminal).
    pub width: Option<u16>,
    /// Show each non-passing finding's evidence line, and the waiver or policy line that
    /// decided its outcome.
    pub verbose: bool,
}

impl Render for TableReport {
    fn render(&self, report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
        for outcome in &report.vendors {
            match outcome {
                VendorOutcome::Evaluated(v) => self.vendor(v, out)?,
                VendorOutcome::Invalid { file, errors } => {
                    writeln!(out, "{} {}", self.paint("INVALID", "1;31"), file.display())?;
                    for e in errors {
                        for line in super::diagnostic::input_error(e).lines() {
                            writeln!(out, "  {line}")?;
                        }
                    }
                    writeln!(out)?;
                }
            }
        }
        for e in &report.errors {
            writeln!(out, "{} {e}", self.paint("error:", "1;31"))?;
        }
        let evaluated: Vec<&VendorResult> = report.evaluated().collect();
        let passed = evaluated
            .iter()
            .filter(|v| v.verdict == Verdict::Pass)
            .count();
        writeln!(
            out,
            "{} vendors: {} pass, {} fail, {} invalid · as of {} · policy {}",
            report.vendors.len(),
            passed,
            evaluated.len() - passed,
            report.invalid_count(),
            report.as_of,
            report.policy
        )
    }
}

impl TableReport {
    fn paint(&self, text: &str, ansi: &str) -> String {
        if self.color {
            format!("\x1b[{ansi}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn vendor(&self, v: &VendorResult, out: &mut dyn Write) -> io::Result<()> {
        let verdict = match v.verdict {
            Verdict::Pass => self.paint("PASS", "1;32"),
            Verdict::Fail => self.paint("FAIL", "1;31"),
        };
        writeln!(
            out,
            "{verdict} {} ({}) · {} errors, {} warnings · policy {} · {}",
            v.name,
            v.id,
            v.count(Severity::Error),
            v.count(Severity::Warning),
            v.policy,
            v.file.display()
        )?;
        let a = v.assurance();
        let attested = match a.attested {
            Some(true) => "yes",
            Some(false) => "no",
            None => "not evaluated",
        };
        if a.ai_risks_checked > 0 {
            writeln!(
                out,
                "  current independent attestation: {attested} · AI risks evidenced as controlled: {} of {}",
                a.ai_risks_controlled, a.ai_risks_checked
            )?;
        } else {
            writeln!(out, "  current independent attestation: {attested}")?;
        }
        for section in Framework::REPORT_ORDER {
            let findings: Vec<_> = v
                .findings
                .iter()
                .filter(|f| f.rule.framework == *section)
                .collect();
            if findings.is_empty() {
                continue;
            }
            writeln!(out, "  {}", section.title())?;
            let mut table = Table::new();
            table.load_style(presets::UTF8_FULL_CONDENSED);
            table.set_content_arrangement(ContentArrangement::Dynamic);
            table.set_width(self.width.unwrap_or(PIPE_WIDTH));
            if self.color {
                table.enforce_styling();
            } else {
                table.force_no_tty();
            }
            table.set_header(vec!["status", "rule", "finding", "where"]);
            for f in findings {
                let mut text = match &f.subject {
                    Some(s) => format!("{s}: {}", f.message),
                    None => f.message.clone(),
                };
                for m in &f.matched {
                    text.push_str(&format!("\n  matched {m}"));
                }
                if let Some(gap) = f.rule.gap.filter(|_| f.needs_answer()) {
                    let owasp = gap.owasp.map(|o| format!(" ({o})")).unwrap_or_default();
                    text.push_str(&format!("\n  uncovered: {}{owasp}", gap.risk));
                }
                for line in super::cause_lines(f, &v.findings) {
                    text.push_str(&format!("\n  {line}"));
                }
                if f.needs_answer() {
                    text.push_str(&format!("\n→ ask: {}", f.rule.question));
                }
                if let Some(w) = &f.waiver {
                    text.push_str(&format!(
                        "\n  waived by {} on {} until {}: {} ({})",
                        w.approver, w.approved, w.expires, w.reason, w.origin
                    ));
                }
                let file = v
                    .file
                    .file_name()
                    .map(std::path::Path::new)
                    .unwrap_or(&v.file);
                table.add_row(vec![
                    self.status_cell(f.status, f.severity),
                    Cell::new(f.rule.id),
                    Cell::new(text),
                    Cell::new(location_of(file, f.line)),
                ]);
            }
            for line in table.lines() {
                writeln!(out, "  {line}")?;
            }
        }
        if self.verbose {
            self.details(v, out)?;
        }
        writeln!(out)
    }

    /// Source snippets of the findings that need an answer or were waived.
    fn details(&self, v: &VendorResult, out: &mut dyn Write) -> io::Result<()> {
        use super::diagnostic::{Mark, snippet};
        for f in v
            .findings
            .iter()
            .filter(|f| f.needs_answer() || f.status == Status::Waived)
        {
            writeln!(
                out,
                "  {} {} at {}:{}: {}",
                f.status,
                f.rule.id,
                v.file.display(),
                f.line,
                f.message
            )?;
            let primary = Mark {
                source: &v.source,
                span: f.span.clone(),
                message: format!("{} {}", f.status, f.rule.id),
            };
            let mut secondary = Vec::new();
            if let Some((source, span)) = f.waiver.as_ref().and_then(|w| w.origin_source.as_ref()) {
                let w = f.waiver.as_ref().expect("checked above");
                secondary.push(Mark {
                    source,
                    span: span.clone(),
                    message: format!("waived by {} until {}", w.approver, w.expires),
                });
            } else if let Some((source, span)) = v.policy_detail.level_origins.get(f.rule.id) {
                secondary.push(Mark {
                    source,
                    span: span.clone(),
                    message: format!("level set to {} here", f.level.as_str()),
                });
            }
            let help = f.needs_answer().then_some(f.rule.question);
            for line in snippet(&primary, &secondary, help).lines() {
                writeln!(out, "    {line}")?;
            }
        }
        Ok(())
    }

    fn status_cell(&self, status: Status, severity: Severity) -> Cell {
        // Severity is spelt out, so colour is never the only signal.
        let label = match (status, severity) {
            (Status::Fail | Status::Unverified, Severity::Warning) => format!("{status} (warning)"),
            _ => status.to_string(),
        };
        let cell = Cell::new(label);
        if !self.color {
            return cell;
        }
        match (status, severity) {
            (Status::Pass, _) => cell.fg(Color::Green),
            (Status::Waived, _) => cell.fg(Color::Cyan),
            (Status::NotApplicable, _) => cell.fg(Color::DarkGrey),
            (_, Severity::Error) => cell.fg(Color::Red),
            _ => cell.fg(Color::Yellow),
        }
    }
}
