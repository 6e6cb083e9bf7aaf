//! The terminal report. By default, per vendor a header (verdict, name, id, counts, policy, file)
//! and only the findings that need attention (fail, unverified, warn, waived), grouped by
//! framework, each with its reason, `file:line` and the question to send; passing and n/a findings
//! are counted, not listed. A closing table gives one row per vendor, then the totals.
//! `--show-passes` (or `-v`) lists every finding in a table per framework, as earlier versions did.

use std::io::{self, Read, Write};

use comfy_table::{Cell, Color, ContentArrangement, Table, presets};

use crate::engine::{Finding, Severity, VendorResult, Verdict};
use crate::portfolio::{RunReport, VendorOutcome};
use crate::rules::{Framework, Status};

use super::fixed_table::content_width;
use super::spool::Spool;
use super::{Render, location_of};

/// Width used when the output is not a terminal and `COLUMNS` is not set.
pub const PIPE_WIDTH: u16 = 80;

/// Narrowest layout: below this the text would be unreadable anyway.
const MIN_WIDTH: usize = 40;

pub struct TableReport {
    /// Colour the output (a terminal, `NO_COLOR` unset).
    pub color: bool,
    /// Width to lay the tables out in, when known (a terminal).
    pub width: Option<u16>,
    /// Show each non-passing finding's evidence line, and the waiver or policy line that
    /// decided its outcome (and every finding, as `show_passes`).
    pub verbose: bool,
    /// List passing and n/a findings too, in a table per framework.
    pub show_passes: bool,
    /// One line per finding needing attention, cut to the width, without questions (the
    /// default for a run of several vendors).
    pub concise: bool,
}

impl Render for TableReport {
    fn render(&self, report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
        super::render_streamed(self, report, out)
    }
}

/// A vendor's row of the closing table.
pub struct SummaryRow {
    verdict: Option<Verdict>,
    vendor: String,
    errors: String,
    warnings: String,
    first: String,
}

impl SummaryRow {
    /// The row as spooled: its verdict as one byte, then each text as its length (four bytes,
    /// little-endian) and its UTF-8 bytes.
    fn write_to(&self, out: &mut dyn Write) -> io::Result<()> {
        let verdict = match self.verdict {
            Some(Verdict::Pass) => 0u8,
            Some(Verdict::Fail) => 1,
            None => 2,
        };
        out.write_all(&[verdict])?;
        for text in [&self.vendor, &self.errors, &self.warnings, &self.first] {
            let len = u32::try_from(text.len()).map_err(io::Error::other)?;
            out.write_all(&len.to_le_bytes())?;
            out.write_all(text.as_bytes())?;
        }
        Ok(())
    }

    /// The next spooled row, or `None` at the end.
    fn read_from(input: &mut dyn Read) -> io::Result<Option<SummaryRow>> {
        let mut verdict = [0u8];
        match input.read_exact(&mut verdict) {
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
            other => other?,
        }
        let mut text = || -> io::Result<String> {
            let mut len = [0u8; 4];
            input.read_exact(&mut len)?;
            let mut bytes = vec![0; u32::from_le_bytes(len) as usize];
            input.read_exact(&mut bytes)?;
            String::from_utf8(bytes).map_err(io::Error::other)
        };
        Ok(Some(SummaryRow {
            verdict: match verdict[0] {
                0 => Some(Verdict::Pass),
                1 => Some(Verdict::Fail),
                _ => None,
            },
            vendor: text()?,
            errors: text()?,
            warnings: text()?,
            first: text()?,
        }))
    }
}

/// The closing table's rows, spooled as they come: the table is laid out at the end, to fit
/// every row, but only the column widths that layout needs are kept in memory.
pub struct SummaryRows {
    spool: Spool,
    /// The widest vendor id (display width), which decides where each first reason is cut.
    vendor_width: usize,
}

/// Each vendor's part is written as soon as its turn comes; the closing table's row waits in
/// the spool.
impl super::Streamed for TableReport {
    type Piece = io::Result<(Vec<u8>, SummaryRow)>;
    type Sink = SummaryRows;

    fn sink(&self) -> SummaryRows {
        SummaryRows {
            spool: Spool::new(),
            vendor_width: 0,
        }
    }

    fn piece(
        &self,
        _position: usize,
        outcome: &VendorOutcome,
        _loaded: Option<crate::portfolio::Loaded<'_>>,
    ) -> Self::Piece {
        let full = self.show_passes || self.verbose;
        let mut text = Vec::new();
        let out: &mut dyn Write = &mut text;
        match outcome {
            VendorOutcome::Evaluated(v) if full => self.vendor(v, out)?,
            VendorOutcome::Evaluated(v) => self.brief_vendor(v, out)?,
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
        Ok((text, summary_row(outcome)))
    }

    fn take(
        &self,
        rows: &mut SummaryRows,
        piece: Self::Piece,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let (text, row) = piece?;
        out.write_all(&text)?;
        rows.vendor_width = rows
            .vendor_width
            .max(unicode_width::UnicodeWidthStr::width(row.vendor.as_str()));
        row.write_to(&mut rows.spool)
    }

    fn finish(
        &self,
        rows: SummaryRows,
        end: &super::RunEnd,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        for e in end.errors {
            writeln!(out, "{} {e}", self.paint("error:", "1;31"))?;
        }
        if self.concise && !(self.show_passes || self.verbose) {
            writeln!(
                out,
                "One line per finding; --full shows whole reasons and the questions to send."
            )?;
        }
        if end.totals.vendors > 1 {
            self.summary(rows, out)?;
        }
        let t = end.totals;
        writeln!(
            out,
            "{}: {} pass, {} fail, {} invalid · as of {} · policy {}",
            crate::rules::plural_pub(t.vendors, "vendor"),
            t.passed,
            t.failed,
            t.invalid,
            end.as_of,
            end.policy
        )
    }
}

fn summary_row(outcome: &VendorOutcome) -> SummaryRow {
    match outcome {
        VendorOutcome::Evaluated(v) => SummaryRow {
            verdict: Some(v.verdict),
            vendor: v.id.clone(),
            errors: v.count(Severity::Error).to_string(),
            warnings: v.count(Severity::Warning).to_string(),
            first: v
                .findings
                .iter()
                .find(|f| f.severity == Severity::Error)
                .or_else(|| v.findings.iter().find(|f| f.severity == Severity::Warning))
                .map(|f| format!("{}: {}", f.rule.id, f.message))
                .unwrap_or_else(|| "—".to_string()),
        },
        VendorOutcome::Invalid { file, errors } => SummaryRow {
            verdict: None,
            vendor: file.display().to_string(),
            errors: "—".to_string(),
            warnings: "—".to_string(),
            first: errors.first().map(|e| e.to_string()).unwrap_or_default(),
        },
    }
}

impl TableReport {
    fn width(&self) -> u16 {
        self.width.unwrap_or(PIPE_WIDTH)
    }

    /// Writes `text` wrapped to the width, the first line after `first` (already painted, of
    /// display width `first_width`), the others after `indent` spaces.
    fn wrapped(
        &self,
        out: &mut dyn Write,
        first: &str,
        first_width: usize,
        indent: usize,
        text: &str,
    ) -> io::Result<()> {
        let width = usize::from(self.width()).max(MIN_WIDTH);
        let lines = wrap(text, width.saturating_sub(first_width), width - indent);
        for (i, line) in lines.iter().enumerate() {
            if i == 0 {
                writeln!(out, "{first}{line}")?;
            } else {
                writeln!(out, "{:indent$}{line}", "")?;
            }
        }
        Ok(())
    }

    /// One vendor, brief: a header, then the findings that need attention by framework, each
    /// with its reason, causes, waiver and question; or, `concise`, one line per finding.
    fn brief_vendor(&self, v: &VendorResult, out: &mut dyn Write) -> io::Result<()> {
        if self.concise {
            self.concise_header(v, out)?;
        } else {
            self.header(v, false, out)?;
        }
        for item in attention(v) {
            match item {
                Item::Section(title) if !self.concise => {
                    writeln!(out, "  {}", self.paint(title, "1"))?
                }
                Item::Subject(s) if !self.concise => self.wrapped(out, "    ", 4, 6, s)?,
                Item::Section(_) | Item::Subject(_) => {}
                Item::Entry(e) if self.concise => {
                    let head = format!("{}[{}]", e.label, e.rule);
                    let room = usize::from(self.width())
                        .max(MIN_WIDTH)
                        .saturating_sub(3 + head.chars().count());
                    writeln!(
                        out,
                        "  {} {}",
                        self.paint(&head, label_colour(e.label)),
                        truncate(&e.text, room)
                    )?;
                }
                Item::Entry(e) => {
                    self.entry(out, e.indent, e.label, e.rule, &e.text)?;
                    let more = e.indent + 2;
                    let pad = " ".repeat(more);
                    for line in &e.notes {
                        self.wrapped(out, &pad, more, more + 2, line)?;
                    }
                    if let Some(q) = &e.ask {
                        self.ask(out, more, q)?;
                    }
                }
            }
        }
        writeln!(out)
    }

    /// The question to send, `indent` spaces in, wrapped under itself.
    fn ask(&self, out: &mut dyn Write, indent: usize, question: &str) -> io::Result<()> {
        let first = format!("{:indent$}{} ", "", self.paint("ask:", "1"));
        self.wrapped(out, &first, indent + 5, indent + 5, question)
    }

    /// One finding's first lines: `label[rule] text`, wrapped under itself.
    fn entry(
        &self,
        out: &mut dyn Write,
        indent: usize,
        label: &str,
        rule: &str,
        text: &str,
    ) -> io::Result<()> {
        let head = format!("{label}[{rule}]");
        let first = format!("{:indent$}{} ", "", self.paint(&head, label_colour(label)));
        self.wrapped(
            out,
            &first,
            indent + 1 + head.chars().count(),
            indent + 2,
            text,
        )
    }

    /// A vendor's header in the concise report: verdict, name, id, counts, policy and file.
    fn concise_header(&self, v: &VendorResult, out: &mut dyn Write) -> io::Result<()> {
        let (verdict, code) = match v.verdict {
            Verdict::Pass => ("PASS", "1;32"),
            Verdict::Fail => ("FAIL", "1;31"),
        };
        self.wrapped(
            out,
            &format!("{} ", self.paint(verdict, code)),
            5,
            5,
            &format!(
                "{} ({}) · {}, {} · policy {} · {} · {} pass, {} n/a not listed",
                v.name,
                v.id,
                crate::rules::plural_pub(v.count(Severity::Error), "error"),
                crate::rules::plural_pub(v.count(Severity::Warning), "warning"),
                v.policy,
                v.file.display(),
                v.findings
                    .iter()
                    .filter(|f| f.status == Status::Pass)
                    .count(),
                v.findings
                    .iter()
                    .filter(|f| f.status == Status::NotApplicable)
                    .count(),
            ),
        )
    }

    /// A vendor's first lines: verdict, name, id, counts and policy; its file, whether it is
    /// attested, its AI risks and how many findings pass (listed below when `all`).
    fn header(&self, v: &VendorResult, all: bool, out: &mut dyn Write) -> io::Result<()> {
        let (verdict, code) = match v.verdict {
            Verdict::Pass => ("PASS", "1;32"),
            Verdict::Fail => ("FAIL", "1;31"),
        };
        let errors = v.count(Severity::Error);
        let warnings = v.count(Severity::Warning);
        self.wrapped(
            out,
            &format!("{} ", self.paint(verdict, code)),
            5,
            5,
            &format!(
                "{} ({}) · {}, {} · policy {}",
                v.name,
                v.id,
                crate::rules::plural_pub(errors, "error"),
                crate::rules::plural_pub(warnings, "warning"),
                v.policy
            ),
        )?;
        let a = v.assurance();
        let attested = match a.attested {
            Some(true) => "yes",
            Some(false) => "no",
            None => "not evaluated",
        };
        let passed = v
            .findings
            .iter()
            .filter(|f| f.status == Status::Pass)
            .count();
        let na = v
            .findings
            .iter()
            .filter(|f| f.status == Status::NotApplicable)
            .count();
        let mut facts = format!("{} · attested: {attested}", v.file.display());
        if a.ai_risks_checked > 0 {
            facts.push_str(&format!(
                " · AI risks controlled: {} of {}",
                a.ai_risks_controlled, a.ai_risks_checked
            ));
        }
        if all {
            facts.push_str(&format!(" · {passed} pass, {na} n/a"));
        } else {
            facts.push_str(&format!(" · {passed} pass, {na} n/a not listed"));
        }
        self.wrapped(out, "     ", 5, 5, &facts)?;
        Ok(())
    }

    /// The closing table: one row per vendor, its verdict, counts and first failing reason.
    ///
    /// comfy-table's dynamic arrangement lays the columns out to fit every cell. When every
    /// column fits unwrapped (the usual case), each column is as wide as its widest cell, so only
    /// those widths are gathered (a first read of the spool) and the rows are then laid out at
    /// those fixed widths, a batch at a time: the same lines, without holding every row. When
    /// some column must wrap, its width depends on where each cell's lines break, and the whole
    /// table is built as before.
    fn summary(&self, mut rows: SummaryRows, out: &mut dyn Write) -> io::Result<()> {
        let width = self.width().max(MIN_WIDTH as u16);
        // Each reason on one line, cut to what the other columns leave (the full reason is
        // above); a vendor column too wide for that leaves the reasons to wrap.
        let vendor_width = rows.vendor_width.max("vendor".len());
        // Borders and padding: `│ verdict ┆ vendor ┆ errors ┆ warnings ┆ ` and ` │`.
        let room = usize::from(width).saturating_sub(37 + vendor_width);
        let cut = |text: String| {
            if room >= 12 {
                truncate(&text, room)
            } else {
                text
            }
        };
        let mut widest = SUMMARY_HEADER.map(content_width);
        rows.spool.read_all(&mut |input| {
            while let Some(row) = SummaryRow::read_from(input)? {
                let texts = [
                    verdict_label(row.verdict),
                    &row.vendor,
                    &row.errors,
                    &row.warnings,
                    &cut(row.first),
                ];
                for (w, text) in widest.iter_mut().zip(texts) {
                    *w = (*w).max(content_width(text));
                }
            }
            Ok(())
        })?;
        let Some(widths) = unwrapped_widths(widest, usize::from(width)) else {
            let mut table = self.summary_table(true);
            rows.spool.read_all(&mut |input| {
                while let Some(row) = SummaryRow::read_from(input)? {
                    table.add_row(self.summary_cells(row, &cut));
                }
                Ok(())
            })?;
            for line in table.lines() {
                writeln!(out, "{line}")?;
            }
            return Ok(());
        };
        rows.spool.read_all(&mut |input| {
            super::fixed_table::write(
                &|header| self.summary_table(header),
                &widths,
                &mut || Ok(SummaryRow::read_from(input)?.map(|row| self.summary_cells(row, &cut))),
                out,
            )
        })
    }

    /// An empty closing table, with or without its header.
    fn summary_table(&self, header: bool) -> Table {
        let mut table = Table::new();
        table.load_style(presets::UTF8_FULL_CONDENSED);
        table.set_content_arrangement(ContentArrangement::Dynamic);
        table.set_width(self.width().max(MIN_WIDTH as u16));
        if self.color {
            table.enforce_styling();
        } else {
            table.force_no_tty();
        }
        if header {
            table.set_header(SUMMARY_HEADER.to_vec());
        }
        table
    }

    /// A row of the closing table, its first reason passed through `cut`.
    fn summary_cells(&self, row: SummaryRow, cut: &dyn Fn(String) -> String) -> Vec<Cell> {
        let verdict = Cell::new(verdict_label(row.verdict));
        let verdict = match (self.color, row.verdict) {
            (true, Some(Verdict::Pass)) => verdict.fg(Color::Green),
            (true, Some(Verdict::Fail)) => verdict.fg(Color::Red),
            _ => verdict,
        };
        vec![
            verdict,
            Cell::new(row.vendor),
            Cell::new(row.errors),
            Cell::new(row.warnings),
            Cell::new(cut(row.first)),
        ]
    }

    fn paint(&self, text: &str, ansi: &str) -> String {
        if self.color {
            format!("\x1b[{ansi}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn vendor(&self, v: &VendorResult, out: &mut dyn Write) -> io::Result<()> {
        self.header(v, true, out)?;
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
            // Indented by two.
            table.set_width(self.width().saturating_sub(2).max(MIN_WIDTH as u16));
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

/// The closing table's header.
const SUMMARY_HEADER: [&str; 5] = ["verdict", "vendor", "errors", "warnings", "first reason"];

fn verdict_label(verdict: Option<Verdict>) -> &'static str {
    match verdict {
        Some(Verdict::Pass) => "PASS",
        Some(Verdict::Fail) => "FAIL",
        None => "INVALID",
    }
}

/// The content widths comfy-table's dynamic arrangement gives the closing table (five columns,
/// all borders, one space of padding each side, `table_width` wide) whose widest cells are
/// `widest`, when that arrangement fits every column unwrapped: it then fixes, pass after pass,
/// each column whose widest cell fits the space left shared evenly among the columns left.
/// `None` when a column is left to wrap: then its width depends on where its cells' lines
/// break, not only on their widths.
fn unwrapped_widths(widest: [usize; 5], table_width: usize) -> Option<[usize; 5]> {
    let mut remaining = table_width.saturating_sub(6 + 2 * widest.len());
    let mut left = widest.len();
    let mut decided = [false; 5];
    let mut found = true;
    while found && left > 0 && remaining / left > 0 {
        found = false;
        for (column, &w) in widest.iter().enumerate() {
            if decided[column] || w > remaining / left {
                continue;
            }
            decided[column] = true;
            remaining -= w;
            left -= 1;
            if left == 0 {
                break;
            }
            found = true;
        }
    }
    (left == 0).then_some(widest)
}

/// One line of a vendor's brief report.
enum Item<'a> {
    /// A framework's heading.
    Section(&'static str),
    /// The report or certificate the entries below are about.
    Subject(&'a str),
    Entry(Entry<'a>),
}

/// One finding (or one group of claim-only checks) that needs attention.
struct Entry<'a> {
    indent: usize,
    /// `error`, `warning`, `waived` or `note`.
    label: &'static str,
    /// The rule id, or `unverified` for a group of claim-only checks.
    rule: &'a str,
    /// `file:line`, then the reason.
    text: String,
    /// Causes, consequences and the waiver, one line each.
    notes: Vec<String>,
    /// The question to send, once per rule.
    ask: Option<String>,
}

/// What needs attention in a vendor's findings (fail, unverified, warn, waived), by framework
/// and then by report or certificate, in report order.
fn attention(v: &VendorResult) -> Vec<Item<'_>> {
    let mut items = Vec::new();
    let file = v
        .file
        .file_name()
        .map(std::path::Path::new)
        .unwrap_or(&v.file);
    for section in Framework::REPORT_ORDER {
        let shown: Vec<&Finding> = v
            .findings
            .iter()
            .filter(|f| {
                f.rule.framework == *section && (f.needs_answer() || f.status == Status::Waived)
            })
            .collect();
        if shown.is_empty() {
            continue;
        }
        items.push(Item::Section(section.title()));
        // Passes that only a claim kept from passing: one entry per piece and source, since one
        // document answers them all.
        let (claims, shown): (Vec<&Finding>, Vec<&Finding>) = shown
            .into_iter()
            .partition(|f| f.status == Status::Unverified && f.claim.is_some());
        // Findings about no one piece first, then each piece under its name.
        let mut subjects: Vec<Option<&str>> = vec![None];
        for f in claims.iter().chain(&shown) {
            if !subjects.contains(&f.subject.as_deref()) {
                subjects.push(f.subject.as_deref());
            }
        }
        for subject in subjects {
            let of = |f: &&&Finding| f.subject.as_deref() == subject;
            let mine: Vec<&Finding> = shown.iter().filter(of).copied().collect();
            let claimed: Vec<&Finding> = claims.iter().filter(of).copied().collect();
            if mine.is_empty() && claimed.is_empty() {
                continue;
            }
            let indent = match subject {
                Some(s) => {
                    items.push(Item::Subject(s));
                    6
                }
                None => 4,
            };
            let mut sources: Vec<&str> = Vec::new();
            for f in &claimed {
                let source = f.claim.as_deref().unwrap_or("a claim");
                if !sources.contains(&source) {
                    sources.push(source);
                }
            }
            for source in sources {
                let members: Vec<&Finding> = claimed
                    .iter()
                    .filter(|f| f.claim.as_deref() == Some(source))
                    .copied()
                    .collect();
                let error = members.iter().any(|f| f.severity == Severity::Error);
                let rules: Vec<&str> = members.iter().map(|f| f.rule.id).collect();
                let line = members.iter().map(|f| f.line).min().unwrap_or(0);
                items.push(Item::Entry(Entry {
                    indent,
                    label: if error { "error" } else { "warning" },
                    rule: "unverified",
                    text: format!(
                        "{} only seen in {source}, a claim: {} {} pass on the document itself",
                        location_of(file, line),
                        rules.join(", "),
                        if members.len() == 1 {
                            "would"
                        } else {
                            "would all"
                        },
                    ),
                    notes: Vec::new(),
                    ask: Some(format!(
                        "Can you send the document itself, not only {source}?"
                    )),
                }));
            }
            for f in &mine {
                let label = match (f.status, f.severity) {
                    (Status::Waived, _) => "waived",
                    (_, Severity::Error) => "error",
                    (_, Severity::Warning) => "warning",
                    _ => "note",
                };
                let status = match (f.status, f.severity) {
                    (Status::Fail, Severity::Error)
                    | (Status::Warn, Severity::Warning)
                    | (Status::Waived, _) => String::new(),
                    (status, _) => format!("{status}: "),
                };
                let mut text = format!("{} {status}{}", location_of(file, f.line), f.message);
                if let Some(gap) = f.rule.gap.filter(|_| f.needs_answer()) {
                    let owasp = gap.owasp.map(|o| format!(", {o}")).unwrap_or_default();
                    text.push_str(&format!(" (leaves uncovered: {}{owasp})", gap.risk));
                }
                let mut notes = super::cause_lines(f, &v.findings);
                if let Some(w) = &f.waiver {
                    notes.push(format!(
                        "waived by {} on {} until {}: {} ({})",
                        w.approver, w.approved, w.expires, w.reason, w.origin
                    ));
                }
                // The question once per rule, after its last finding in the section.
                let last_of_rule = !shown
                    .iter()
                    .skip_while(|g| !std::ptr::eq(**g, *f))
                    .skip(1)
                    .any(|g| g.rule.id == f.rule.id);
                let ask = (last_of_rule
                    && shown
                        .iter()
                        .any(|g| g.rule.id == f.rule.id && g.needs_answer()))
                .then(|| f.rule.question.to_string());
                items.push(Item::Entry(Entry {
                    indent,
                    label,
                    rule: f.rule.id,
                    text,
                    notes,
                    ask,
                }));
            }
        }
    }
    items
}

/// The colour of a finding's `label[rule]`.
fn label_colour(label: &str) -> &'static str {
    match label {
        "error" => "31",
        "warning" => "33",
        "waived" => "36",
        _ => "2",
    }
}

/// `text` cut to `room` columns, ending in `…` when cut.
fn truncate(text: &str, room: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.width() <= room {
        return text;
    }
    let mut cut = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > room {
            break;
        }
        cut.push(c);
        used += w;
    }
    format!("{}…", cut.trim_end())
}

/// Greedy word wrap by display width: the first line `first` wide, the rest `rest` wide. A word
/// longer than a line is split.
fn wrap(text: &str, first: usize, rest: usize) -> Vec<String> {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut room = first.max(1);
    for word in text.split_whitespace() {
        let mut word = word.to_string();
        loop {
            let used = line.width();
            let need = word.width() + usize::from(used > 0);
            if used + need <= room {
                if used > 0 {
                    line.push(' ');
                }
                line.push_str(&word);
                break;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
                room = rest.max(1);
                continue;
            }
            // A word wider than the whole line: cut it, at least one character per line (a
            // character wider than the line gets a line of its own).
            let mut cut = 0;
            let mut cut_width = 0;
            for (i, c) in word.char_indices() {
                let w = UnicodeWidthChar::width(c).unwrap_or(0);
                if i > 0 && cut_width + w > room {
                    break;
                }
                cut = i + c.len_utf8();
                cut_width += w;
            }
            let rest_of = word.split_off(cut);
            lines.push(word);
            room = rest.max(1);
            if rest_of.is_empty() {
                break;
            }
            word = rest_of;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap;

    /// Wherever the reimplementation says every column fits unwrapped, comfy-table's own dynamic
    /// arrangement makes each column as wide as its widest cell.
    #[test]
    fn unwrapped_widths_agree_with_comfy_tables_arrangement() {
        use comfy_table::{ContentArrangement, Table, presets};
        let mut checked = 0;
        for width in [40u16, 45, 52, 60, 63, 80, 100, 120] {
            for vendor in [6, 9, 13, 20, 28, 35, 44, 60] {
                for reason in [12, 20, 30, 41, 55, 70, 90] {
                    for errors in [6, 7, 9] {
                        let widest = [7, vendor, errors, 8, reason];
                        let mut table = Table::new();
                        table.load_style(presets::UTF8_FULL_CONDENSED);
                        table.set_content_arrangement(ContentArrangement::Dynamic);
                        table.set_width(width);
                        table.force_no_tty();
                        table.set_header(super::SUMMARY_HEADER.to_vec());
                        table.add_row(widest.map(|w| "x".repeat(w)).to_vec());
                        let top = table.lines().next().unwrap();
                        let comfy: Vec<usize> = top
                            .trim_start_matches('┌')
                            .trim_end_matches('┐')
                            .split('┬')
                            .map(|c| c.chars().count() - 2)
                            .collect();
                        // Without unwrapped widths the whole table is laid out by comfy-table
                        // itself.
                        if let Some(ours) = super::unwrapped_widths(widest, usize::from(width)) {
                            assert_eq!(comfy, ours.to_vec(), "{width} columns, {widest:?}");
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked > 100, "{checked}");
    }

    #[test]
    fn wraps_by_width_and_cuts_words_wider_than_a_line() {
        assert_eq!(
            wrap("one two three four", 9, 9),
            ["one two", "three", "four"]
        );
        assert_eq!(wrap("one two three", 3, 20), ["one", "two three"]);
        assert_eq!(wrap("abcdefgh", 3, 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("", 5, 5), [""]);
        // Display width, not bytes: é is one column.
        assert_eq!(wrap("été été", 7, 7), ["été été"]);
        // A character wider than the line still moves on: one per line.
        assert_eq!(wrap("漢字", 1, 1), ["漢", "字"]);
        assert_eq!(wrap("ab漢", 3, 3), ["ab", "漢"]);
    }
}
