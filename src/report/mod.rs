//! Reports: one renderer per format behind one trait. Only this module writes output.

use std::io::{self, Write};

use crate::portfolio::RunReport;

pub mod diagnostic;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
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

/// Where a report is written: "-" or nothing for standard output.
pub fn location_of(file: &std::path::Path, line: usize) -> String {
    if line == 0 {
        file.display().to_string()
    } else {
        format!("{}:{line}", file.display())
    }
}
