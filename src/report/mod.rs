//! Reports: one renderer per format behind one trait. Only this module writes output.

use std::io::{self, Write};

use crate::portfolio::RunReport;

pub mod diagnostic;
pub mod fields_doc;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod oscal;
pub mod questions;
pub mod rules_doc;
pub mod sarif;
pub mod table;

/// An output format.
pub trait Render {
    fn render(&self, report: &RunReport, out: &mut dyn Write) -> io::Result<()>;
}

/// Exit code of a `check` run: 0 every vendor passes, 1 at least one fails, 2 invalid input.
pub fn exit_code(report: &RunReport) -> u8 {
    if report.invalid_count() > 0 || !report.errors.is_empty() {
        2
    } else if report
        .evaluated()
        .any(|v| v.verdict == crate::engine::Verdict::Fail)
    {
        1
    } else {
        0
    }
}

/// The findings of `all` that follow from `cause` (their `caused_by` names its rule and
/// subject), for reports that show consequences under their cause.
pub fn consequences_of<'a>(
    cause: &crate::engine::Finding,
    all: &'a [crate::engine::Finding],
) -> Vec<&'a crate::engine::Finding> {
    all.iter()
        .filter(|f| {
            f.caused_by
                .as_ref()
                .is_some_and(|c| c.rule == cause.rule.id && c.subject == cause.subject)
        })
        .collect()
}

/// The line a report shows under a finding that others follow from, and on each of those.
pub fn cause_lines(f: &crate::engine::Finding, all: &[crate::engine::Finding]) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(c) = &f.caused_by {
        lines.push(match &c.subject {
            Some(s) => format!("follows from {} ({s})", c.rule),
            None => format!("follows from {}", c.rule),
        });
    }
    let consequences = consequences_of(f, all);
    if !consequences.is_empty() {
        let ids: Vec<&str> = consequences.iter().map(|c| c.rule.id).collect();
        lines.push(format!("also causes {}", ids.join(", ")));
    }
    lines
}

/// Where a report is written: "-" or nothing for standard output.
pub fn location_of(file: &std::path::Path, line: usize) -> String {
    if line == 0 {
        file.display().to_string()
    } else {
        format!("{}:{line}", file.display())
    }
}
