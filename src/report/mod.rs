//! Reports: one renderer per format behind one trait. Only this module writes output.

use std::io::{self, Write};

use crate::evidence::InputError;
use crate::portfolio::{RunReport, VendorOutcome};

pub mod diagnostic;
pub mod expiring;
pub mod fields_doc;
pub mod fixed_table;
pub mod html;
pub mod json;
pub mod json_out;
pub mod junit;
pub mod markdown;
pub mod oscal;
pub mod questions;
pub mod rules_doc;
pub mod sarif;
pub mod spool;
pub mod table;

/// An output format.
pub trait Render {
    fn render(&self, report: &RunReport, out: &mut dyn Write) -> io::Result<()>;
}

/// The counts of a run, folded vendor by vendor.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    pub vendors: usize,
    pub passed: usize,
    pub failed: usize,
    pub invalid: usize,
}

impl Totals {
    /// The counts of one vendor.
    pub fn of(outcome: &VendorOutcome) -> Totals {
        let mut totals = Totals::default();
        totals.add(outcome);
        totals
    }

    /// Adds the counts of another part of the run.
    pub fn merge(&mut self, other: Totals) {
        self.vendors += other.vendors;
        self.passed += other.passed;
        self.failed += other.failed;
        self.invalid += other.invalid;
    }

    pub fn add(&mut self, outcome: &VendorOutcome) {
        self.vendors += 1;
        match outcome {
            VendorOutcome::Invalid { .. } => self.invalid += 1,
            VendorOutcome::Evaluated(v) if v.verdict == crate::engine::Verdict::Pass => {
                self.passed += 1
            }
            VendorOutcome::Evaluated(_) => self.failed += 1,
        }
    }

    /// As [`exit_code`], given the problems with the paths of the run.
    pub fn exit_code(&self, path_errors: usize) -> u8 {
        if self.invalid > 0 || path_errors > 0 {
            2
        } else if self.failed > 0 {
            1
        } else {
            0
        }
    }
}

/// What a streamed format writes once every vendor has been seen.
pub struct RunEnd<'a> {
    pub as_of: crate::evidence::Date,
    pub policy: &'a str,
    pub totals: Totals,
    /// Problems with the paths given and duplicate vendor ids.
    pub errors: &'a [InputError],
}

/// A format written vendor by vendor, in path order, without holding the portfolio: `piece`
/// renders one vendor (on a worker thread, while the vendor's evidence is still loaded),
/// `take` is handed the pieces in path order and writes them out or folds them into what the
/// format needs at the end (totals, a matrix, a calendar), and `finish` writes the rest.
/// Parts that follow something known only at the end (a JSON report's totals come before its
/// vendors) wait in a [`spool::Spool`], a temporary file.
pub trait Streamed: Sync {
    type Piece: Send;
    type Sink;
    /// Whether `piece` needs each vendor as judged (`Loaded::judged`), to bring it forward.
    const KEEPS_JUDGED: bool = false;
    fn sink(&self) -> Self::Sink;
    fn piece(
        &self,
        position: usize,
        outcome: &VendorOutcome,
        loaded: Option<crate::portfolio::Loaded<'_>>,
    ) -> Self::Piece;
    fn take(
        &self,
        sink: &mut Self::Sink,
        piece: Self::Piece,
        out: &mut dyn Write,
    ) -> io::Result<()>;
    fn finish(&self, sink: Self::Sink, end: &RunEnd, out: &mut dyn Write) -> io::Result<()>;
}

/// A whole report through its streamed form (the vendors' evidence is no longer loaded).
pub fn render_streamed<S: Streamed>(
    format: &S,
    report: &RunReport,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut sink = format.sink();
    let mut totals = Totals::default();
    for (i, outcome) in report.vendors.iter().enumerate() {
        totals.add(outcome);
        let piece = format.piece(i, outcome, None);
        format.take(&mut sink, piece, out)?;
    }
    let end = RunEnd {
        as_of: report.as_of,
        policy: &report.policy,
        totals,
        errors: &report.errors,
    };
    format.finish(sink, &end, out)
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
