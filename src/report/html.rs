//! The HTML portfolio report: one self-contained page (inline CSS and SVG; no script, font,
//! image or link outside the page) with the summary metrics, the certification matrix, the
//! timeline of the next 12 months and, per vendor, the findings, AI gaps, waivers and the
//! questions to send.
//!
//! Everything taken from evidence files (names, messages, paths, waiver texts) goes through
//! maud's escaping; `PreEscaped` is used only for the page's own constant stylesheet. A
//! Content-Security-Policy forbids scripts and every fetch as a second line of defence.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use chrono::Datelike;
use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::engine::{Finding, Severity, VendorResult, Verdict};
use crate::evidence::{Date, InputError, RiskTier};
use crate::portfolio::VendorOutcome;
use crate::portfolio::calendar::{Event, EventKind};
use crate::portfolio::matrix::{self, Cell, CellStatus, Column, EvidenceFacts};
use crate::portfolio::summary::{Share, Summary};
use crate::report::questions::Questionnaire;
use crate::rules::Status;

use super::location_of;

/// The HTML report of a run. The matrix's key facts and the timeline are read from each
/// vendor's evidence while it is loaded for its evaluation.
pub struct HtmlReport {
    pub as_of: Date,
    /// The last day the timeline shows.
    pub until: Date,
}

impl HtmlReport {
    pub fn new(as_of: Date) -> HtmlReport {
        HtmlReport {
            as_of,
            until: as_of.plus_months(matrix::TIMELINE_MONTHS),
        }
    }
}

/// What the page makes of one vendor: its matrix row, its section, its events ahead.
pub struct HtmlPiece {
    row: String,
    article: String,
    events: Vec<PieceEvent>,
    errors: String,
    /// What the vendor adds to the page's summary, and its id ("" when invalid).
    tally: crate::portfolio::summary::Tally,
    id: Box<str>,
}

/// An event as the page shows it: its row of the list, its line in a mark's tooltip.
struct PieceEvent {
    date: Date,
    kind: EventKind,
    row: String,
    tooltip: String,
    what: String,
}

/// An event kept for the timeline: what orders it, and where its texts wait in the spool.
struct Dated {
    date: Date,
    kind: EventKind,
    /// The position of its vendor in the run.
    vendor: u32,
    /// Its place among its vendor's events ordered by date, kind and text.
    rank: u32,
    /// Its row, in the spool of its week ([`HtmlParts::rows_by_week`]).
    row: (u64, u32),
    tooltip: (u64, u32),
    what: (u64, u32),
}

/// The page's parts so far: the matrix rows and the vendors' sections wait in spools for the
/// summary (and the timeline, between them) that only the whole portfolio gives.
#[derive(Default)]
pub struct HtmlParts {
    summary: Summary,
    rows: super::spool::Spool,
    articles: super::spool::Spool,
    /// The vendor id at each position (the events are ordered by it).
    ids: Vec<Box<str>>,
    events: Vec<Dated>,
    /// The events' tooltips and texts.
    texts: super::spool::Spool,
    /// The events' rows, a spool per week from the as-of date ([`week_of`]): the page lists
    /// the events by date, so each week's rows are read back whole, in turn, where a row read
    /// from one spool of them all was a call each (117,000 at 10,000 vendors).
    rows_by_week: Vec<super::spool::Spool>,
    invalid_errors: String,
}

impl HtmlParts {
    /// Keeps the row of an event on `date` in its week's spool: where it was put.
    fn keep_row(&mut self, as_of: Date, date: Date, row: &str) -> io::Result<(u64, u32)> {
        let week = week_of(as_of, date);
        if self.rows_by_week.len() <= week {
            self.rows_by_week
                .resize_with(week + 1, super::spool::Spool::new);
        }
        let rows = &mut self.rows_by_week[week];
        let at = (rows.len, row.len() as u32);
        rows.write_all(row.as_bytes())?;
        Ok(at)
    }
}

/// A week's rows larger than this are read back row by row, not whole (the page's memory stays
/// bounded, however the events fall).
const WEEK_READ_WHOLE: u64 = 32 << 20;

/// The week of `date` from `as_of` (0 for the first seven days).
fn week_of(as_of: Date, date: Date) -> usize {
    usize::try_from(as_of.days_until(date).max(0) / 7).unwrap_or(0)
}

/// Where the spooled parts go in the page rendered around them.
const ROWS_HERE: &str = "<\u{1}rows>";
const ARTICLES_HERE: &str = "<\u{1}articles>";
const INVALID_ERRORS_HERE: &str = "<\u{1}errors>";
const EVENTS_HERE: &str = "<\u{1}events>";

/// A vendor's events in the order the page lists them (by date, vendor, kind and text; the
/// vendor is the same), as rows and tooltip lines.
fn piece_events(mut events: Vec<Event>) -> Vec<PieceEvent> {
    events.sort_by(|a, b| (a.date, a.kind, &a.what).cmp(&(b.date, b.kind, &b.what)));
    events
        .into_iter()
        .map(|e| {
            let row = html! {
                tr {
                    td.date { (e.date) }
                    td { (e.vendor_name) }
                    td { (e.kind.label()) }
                    td { (e.what) }
                    td { code { (e.location) } }
                }
                "\n"
            };
            PieceEvent {
                date: e.date,
                kind: e.kind,
                row: row.into_string(),
                tooltip: format!(
                    "{} · {}: {} ({})",
                    e.date,
                    e.vendor_name,
                    e.what,
                    e.kind.label()
                ),
                what: e.what,
            }
        })
        .collect()
}

/// A mark of the timeline: the events of one kind in one week.
struct Mark {
    lane: usize,
    first: Date,
    last: Date,
    count: usize,
    tooltip: String,
}

impl super::Streamed for HtmlReport {
    type Piece = HtmlPiece;
    type Sink = HtmlParts;
    const KEEPS_JUDGED: bool = true;

    fn sink(&self) -> HtmlParts {
        HtmlParts::default()
    }

    fn piece(
        &self,
        i: usize,
        outcome: &VendorOutcome,
        loaded: Option<crate::portfolio::Loaded<'_>>,
    ) -> HtmlPiece {
        let columns = Column::all();
        let (row, article, events, errors) = match outcome {
            VendorOutcome::Evaluated(v) => {
                let (facts, events) = match loaded {
                    Some(l) => (
                        Some(matrix::EvidenceFacts::of(l.vendor, l.policy, self.as_of)),
                        match l.judged {
                            Some(judged) => crate::portfolio::calendar::events_after(
                                l.vendor,
                                judged,
                                (v.verdict, &v.findings),
                                self.until,
                            ),
                            // A run keeps each vendor as judged for this format
                            // (`KEEPS_JUDGED`); a report rendered after the run (no evidence
                            // loaded) has no timeline to draw.
                            None => Vec::new(),
                        },
                    ),
                    None => (None, Vec::new()),
                };
                (
                    matrix_row(i, v, facts.as_ref(), self.as_of),
                    vendor_article(i, v, self.as_of),
                    piece_events(events),
                    Markup::default(),
                )
            }
            VendorOutcome::Invalid { file, errors } => (
                html! {
                    tr.vendor {
                        th scope="row" {
                            a href={ "#v" (i) } { (file.display()) }
                        }
                        td.verdict.inv { "invalid" }
                        td.inv colspan=(columns.len()) {
                            "not evaluated: " (count_of(errors.len(), "input error"))
                        }
                    }
                },
                html! {
                    article.vendor id={ "v" (i) } {
                        h3 { (file.display()) " " span.verdict.inv { "invalid" } }
                        p { "Not evaluated: the evidence file is invalid, which is never a pass." }
                        ul.errors { @for e in errors { (input_error(e)) } }
                    }
                },
                Vec::new(),
                html! { @for e in errors { (input_error(e)) } },
            ),
        };
        HtmlPiece {
            row: row.into_string(),
            article: article.into_string(),
            events,
            errors: errors.into_string(),
            tally: crate::portfolio::summary::Tally::of(outcome),
            id: match outcome {
                VendorOutcome::Evaluated(v) => v.id.as_str().into(),
                VendorOutcome::Invalid { .. } => "".into(),
            },
        }
    }

    fn take(
        &self,
        parts: &mut HtmlParts,
        piece: HtmlPiece,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        parts.summary.count(piece.tally);
        parts.rows.write_all(piece.row.as_bytes())?;
        parts.rows.write_all(b"\n")?;
        parts.articles.write_all(piece.article.as_bytes())?;
        parts.articles.write_all(b"\n")?;
        let vendor = parts.ids.len() as u32;
        parts.ids.push(piece.id);
        for (rank, e) in piece.events.into_iter().enumerate() {
            let mut text = |t: &str| -> io::Result<(u64, u32)> {
                let at = parts.texts.len;
                parts.texts.write_all(t.as_bytes())?;
                Ok((at, t.len() as u32))
            };
            let (tooltip, what) = (text(&e.tooltip)?, text(&e.what)?);
            let row = parts.keep_row(self.as_of, e.date, &e.row)?;
            let dated = Dated {
                date: e.date,
                kind: e.kind,
                vendor,
                rank: rank as u32,
                row,
                tooltip,
                what,
            };
            parts.events.push(dated);
        }
        parts.invalid_errors.push_str(&piece.errors);
        Ok(())
    }

    fn finish(
        &self,
        mut parts: HtmlParts,
        end: &super::RunEnd,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let order = timeline_order(&mut parts)?;
        let marks = marks(&mut parts, &order, self.as_of)?;
        let has_input_errors = !end.errors.is_empty() || end.totals.invalid > 0;
        let page = self
            .page(end, &parts.summary, order.len(), &marks, has_input_errors)
            .into_string();
        let mut rest = page.as_str();
        for mark in [ROWS_HERE, EVENTS_HERE, ARTICLES_HERE, INVALID_ERRORS_HERE] {
            let Some((before, after)) = rest.split_once(mark) else {
                if mark == INVALID_ERRORS_HERE || (mark == EVENTS_HERE && order.is_empty()) {
                    continue;
                }
                return Err(io::Error::other("the page lost the place of its vendors"));
            };
            out.write_all(before.as_bytes())?;
            match mark {
                ROWS_HERE => parts.rows.copy_to(0, out)?,
                ARTICLES_HERE => parts.articles.copy_to(0, out)?,
                EVENTS_HERE => write_rows(&mut parts, &order, self.as_of, WEEK_READ_WHOLE, out)?,
                _ => out.write_all(parts.invalid_errors.as_bytes())?,
            }
            rest = after;
        }
        out.write_all(rest.as_bytes())
    }
}

/// Writes the rows of the events in `order` (by date), each week's rows read back whole when
/// they are at most `whole` bytes, else row by row.
fn write_rows(
    parts: &mut HtmlParts,
    order: &[u32],
    as_of: Date,
    whole: u64,
    out: &mut dyn Write,
) -> io::Result<()> {
    // The events are in date order, so their weeks come in turn.
    let (mut week, mut read, mut row) = (None, Vec::new(), Vec::new());
    for &i in order {
        let e = &parts.events[i as usize];
        let (at, len) = e.row;
        let this = week_of(as_of, e.date);
        let rows = parts
            .rows_by_week
            .get_mut(this)
            .ok_or_else(|| io::Error::other("an event's row was not kept"))?;
        if week != Some(this) {
            week = Some(this);
            read.clear();
            if rows.len <= whole {
                rows.read_all(&mut |r| r.read_to_end(&mut read).map(|_| ()))?;
            }
        }
        // Empty when the week was not read whole.
        let bytes = match read.get(at as usize..at as usize + len as usize) {
            Some(bytes) if !bytes.is_empty() => bytes,
            _ => {
                rows.read_at(at, len, &mut row)?;
                &row
            }
        };
        out.write_all(bytes)?;
    }
    Ok(())
}

/// The events in the order the page lists them: by date, vendor, kind and text, as
/// [`crate::portfolio::calendar::sort`] orders them. Each vendor's events are already in that
/// order; only vendors that share an id (an input error) need their texts compared.
fn timeline_order(parts: &mut HtmlParts) -> io::Result<Vec<u32>> {
    let mut positions: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
    let mut shared = std::collections::HashSet::new();
    for (i, id) in parts.ids.iter().enumerate() {
        if let Some(first) = positions.insert(id, i as u32) {
            shared.insert(first);
            shared.insert(i as u32);
        }
    }
    drop(positions);
    let mut whats: std::collections::HashMap<u32, String> = std::collections::HashMap::new();
    if !shared.is_empty() {
        let mut bytes = Vec::new();
        for (i, e) in parts.events.iter().enumerate() {
            if shared.contains(&e.vendor) {
                parts.texts.read_at(e.what.0, e.what.1, &mut bytes)?;
                whats.insert(i as u32, String::from_utf8_lossy(&bytes).into_owned());
            }
        }
    }
    let (events, ids) = (&parts.events, &parts.ids);
    let mut order: Vec<u32> = (0..events.len() as u32).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&events[a as usize], &events[b as usize]);
        x.date
            .cmp(&y.date)
            .then_with(|| ids[x.vendor as usize].cmp(&ids[y.vendor as usize]))
            .then_with(|| x.kind.cmp(&y.kind))
            .then_with(|| {
                if x.vendor == y.vendor {
                    x.rank.cmp(&y.rank)
                } else {
                    whats.get(&a).cmp(&whats.get(&b))
                }
            })
    });
    Ok(order)
}

/// The timeline's marks: per lane and week, in order, with the first events named.
fn marks(parts: &mut HtmlParts, order: &[u32], as_of: Date) -> io::Result<Vec<Mark>> {
    let mut groups: BTreeMap<(usize, i64), Vec<u32>> = BTreeMap::new();
    for &i in order {
        let e = &parts.events[i as usize];
        let lane = LANES.iter().position(|k| *k == e.kind).unwrap_or(0);
        groups
            .entry((lane, as_of.days_until(e.date) / 7))
            .or_default()
            .push(i);
    }
    let mut marks = Vec::with_capacity(groups.len());
    let mut bytes = Vec::new();
    for ((lane, _), group) in groups {
        let mut lines = Vec::new();
        for &i in group.iter().take(MARK_TOOLTIP_EVENTS) {
            let (at, len) = parts.events[i as usize].tooltip;
            parts.texts.read_at(at, len, &mut bytes)?;
            lines.push(String::from_utf8_lossy(&bytes).into_owned());
        }
        if group.len() > MARK_TOOLTIP_EVENTS {
            lines.push(format!(
                "and {} more (listed below the drawing)",
                group.len() - MARK_TOOLTIP_EVENTS
            ));
        }
        let date = |i: u32| parts.events[i as usize].date;
        marks.push(Mark {
            lane,
            first: date(group[0]),
            last: date(group[group.len() - 1]),
            count: group.len(),
            tooltip: lines.join("\n"),
        });
    }
    Ok(marks)
}

/// No script, no fetch of any kind; only the inline stylesheet and inline SVG.
const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'";

const VERSION: &str = env!("CARGO_PKG_VERSION");

impl HtmlReport {
    /// The whole page, with the places of the spooled parts marked.
    fn page(
        &self,
        end: &super::RunEnd,
        summary: &Summary,
        events: usize,
        marks: &[Mark],
        has_input_errors: bool,
    ) -> Markup {
        let as_of = end.as_of;
        html! {
            (DOCTYPE) "\n"
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta http-equiv="Content-Security-Policy" content=(CONTENT_SECURITY_POLICY);
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    meta name="generator" content={ "vendorcert " (VERSION) };
                    title { "Vendor certification report, as of " (as_of) }
                    style { (PreEscaped(CSS)) }
                }
                "\n"
                body {
                    header {
                        h1 { "Vendor certification report" }
                        p.meta {
                            "As of " time datetime=(as_of) { (as_of) }
                            " · policy " strong { (end.policy) }
                            " · vendorcert " (VERSION)
                        }
                        nav aria-label="Contents" {
                            a href="#summary" { "Summary" } " · "
                            a href="#matrix" { "Certification matrix" } " · "
                            a href="#timeline" { "Next 12 months" } " · "
                            a href="#vendors" { "Vendors" }
                            @if has_input_errors {
                                " · " a href="#input-errors" { "Input errors" }
                            }
                        }
                    }
                    "\n"
                    main {
                        (summary_section(summary))
                        "\n"
                        (self.matrix_section())
                        "\n"
                        (self.timeline_section(events, marks))
                        "\n"
                        (vendors_section())
                        "\n"
                        @if has_input_errors {
                            (input_errors_section(end.errors))
                        }
                    }
                    "\n"
                    footer {
                        p.meta {
                            "Generated by vendorcert " (VERSION) " as of " (as_of)
                            ". " code { "vendorcert explain RULE" } " documents each rule; "
                            code { "vendorcert check --format json" } " gives the same findings as data."
                        }
                    }
                }
            }
            "\n"
        }
    }

    fn matrix_section(&self) -> Markup {
        let columns = Column::all();
        let certifications = columns.iter().filter(|c| !c.is_ai()).count();
        html! {
            section id="matrix" aria-labelledby="matrix-h" {
                h2 id="matrix-h" { "Certification matrix" }
                p {
                    "One row per vendor. Each cell shows a status in words and a symbol, the key "
                    "fact (report type, expiry date, STAR level) and, on hovering, the reasons; "
                    "each vendor's section below lists them in full."
                }
                (legend())
                div.scroll {
                    table.matrix {
                        thead {
                            tr {
                                th scope="col" rowspan="2" { "Vendor" }
                                th scope="col" rowspan="2" { "Verdict" }
                                th scope="colgroup" colspan=(certifications) { "Certifications" }
                                th scope="colgroup" colspan=(columns.len() - certifications) {
                                    "AI assurance areas"
                                }
                            }
                            tr {
                                @for c in &columns {
                                    @if let Column::Ai(rule) = c {
                                        th.ai scope="col" title=(rule.id) { span { (c.label()) } }
                                    } @else {
                                        th scope="col" { (c.label()) }
                                    }
                                }
                            }
                        }
                        "\n"
                        tbody {
                            (PreEscaped(ROWS_HERE))
                        }
                    }
                }
            }
        }
    }

    fn timeline_section(&self, events: usize, marks: &[Mark]) -> Markup {
        let (as_of, until) = (self.as_of, self.until);
        html! {
            section id="timeline" aria-labelledby="timeline-h" {
                h2 id="timeline-h" { "Next 12 months" }
                p {
                    (count_of(events, "dated event")) " from " (as_of) " to " (until)
                    ": every day on which a vendor's verdict or one of its findings changes — "
                    "certificates lapsing, SOC 2 reports ageing, surveillance audits and reviews "
                    "falling due, AI evidence ageing, waivers expiring (as " code { "vendorcert expiring" }
                    " lists them). Each lane is one kind of change; a mark stands for the events "
                    "of one week, larger and numbered when there are several."
                }
                (timeline_svg(marks, as_of, until))
                details.events {
                    summary { "All " (count_of(events, "event")) ", by date" }
                    @if events == 0 {
                        p { "Nothing falls due in the next 12 months." }
                    } @else {
                        table.list {
                            thead { tr { th scope="col" { "Date" } th scope="col" { "Vendor" } th scope="col" { "Event" } th scope="col" { "What" } th scope="col" { "Where" } } }
                            tbody { (PreEscaped(EVENTS_HERE)) }
                        }
                    }
                }
            }
        }
    }
}

fn matrix_row(i: usize, v: &VendorResult, facts: Option<&EvidenceFacts>, as_of: Date) -> Markup {
    let cells = matrix::row(v, facts, as_of);
    html! {
        tr.vendor {
            th scope="row" {
                a href={ "#v" (i) } { (v.name) }
                small { (v.id) }
            }
            (verdict_cell(v.verdict))
            @for (column, cell) in Column::all().into_iter().zip(&cells) { (matrix_cell(column, cell)) }
        }
    }
}

fn count_of(n: usize, word: &str) -> String {
    crate::rules::plural_pub(n, word)
}

/// The CSS class of a cell status (its symbol and colours come from the stylesheet).
fn status_class(s: CellStatus) -> &'static str {
    match s {
        CellStatus::Current => "cur",
        CellStatus::Expiring => "exp",
        CellStatus::Warning => "wrn",
        CellStatus::Failing => "fai",
        CellStatus::Waived => "wai",
        CellStatus::Missing => "mis",
        CellStatus::NotApplicable => "na",
    }
}

fn legend() -> Markup {
    html! {
        ul.legend aria-label="Legend" {
            @for s in CellStatus::ALL {
                li {
                    span class={ "key " (status_class(*s)) } { (s.as_str()) }
                    " " (s.meaning())
                }
            }
        }
    }
}

fn verdict_cell(verdict: Verdict) -> Markup {
    match verdict {
        Verdict::Pass => html! { td.verdict.pass { "PASS" } },
        Verdict::Fail => html! { td.verdict.fail { "FAIL" } },
    }
}

/// A cell: its status as a symbol (from the stylesheet) and a word, then its key facts. An AI
/// area's cell shows only the symbol, to stay narrow; its word is kept for screen readers.
fn matrix_cell(column: Column, cell: &Cell) -> Markup {
    let class = status_class(cell.status);
    html! {
        "\n"
        @if column.is_ai() {
            td class={ (class) " ai" } title=(cell.reasons.join("\n")) {
                span.word { (cell.status.as_str()) }
            }
        } @else {
            td class=(class) title=(cell.reasons.join("\n")) {
                (cell.status.as_str())
                @for line in &cell.facts { small { (line) } }
            }
        }
    }
}

fn share(s: &Share) -> (String, String) {
    match s.percent() {
        Some(p) => (format!("{p}%"), format!("{} of {}", s.count, s.of)),
        None => ("n/a".to_string(), "none to measure".to_string()),
    }
}

fn summary_section(s: &Summary) -> Markup {
    let metric = |name: &str, share_of: &Share| {
        let (value, detail) = share(share_of);
        let met = share_of.of == 0 || share_of.count == share_of.of;
        html! {
            div.card {
                div.name { (name) }
                div.v { (value) }
                div class={ "target " (if met { "ok" } else { "off" }) } {
                    (detail) " · target 100% · " (if met { "met" } else { "not met" })
                }
            }
        }
    };
    html! {
        section id="summary" aria-labelledby="summary-h" {
            h2 id="summary-h" { "Summary" }
            div.cards {
                div.card {
                    div.name { "Vendors" }
                    div.v { (s.vendors) }
                    div { (s.passed) " pass · " (s.failed) " fail · " (s.invalid) " invalid" }
                }
                (metric("Vendors with current certifications", &s.current_certifications))
                (metric("Certification scope verified", &s.scope_verified))
                (metric("AI-specific gap assessments", &s.ai_gap_assessments))
                div.card {
                    div.name { "Lapses" }
                    div.v { (s.lapses) }
                    div class={ "target " (if s.lapses == 0 { "ok" } else { "off" }) } {
                        "target 0 · " (if s.lapses == 0 { "met" } else { "not met" })
                    }
                }
            }
            @if !s.by_risk_tier.is_empty() {
                table.tiers {
                    caption { "Vendors by risk tier" }
                    thead { tr { th scope="col" { "Risk tier" } th scope="col" { "Pass" } th scope="col" { "Fail" } } }
                    tbody {
                        @for (tier, counts) in &s.by_risk_tier {
                            tr {
                                th scope="row" { (tier.as_str()) }
                                td { (counts.get("pass").copied().unwrap_or(0)) }
                                td { (counts.get("fail").copied().unwrap_or(0)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Geometry of the timeline drawing, in SVG user units.
const TL_WIDTH: f64 = 1000.0;
const TL_LEFT: f64 = 190.0;
const TL_RIGHT: f64 = 16.0;
const TL_TOP: f64 = 34.0;
const TL_LANE: f64 = 36.0;

const LANES: &[EventKind] = EventKind::ALL;

/// At most this many events are named in one mark's tooltip.
const MARK_TOOLTIP_EVENTS: usize = 12;

fn timeline_svg(marks: &[Mark], as_of: Date, until: Date) -> Markup {
    let days = as_of.days_until(until).max(1) as f64;
    let x =
        |d: Date| TL_LEFT + (as_of.days_until(d) as f64) / days * (TL_WIDTH - TL_LEFT - TL_RIGHT);
    let height = TL_TOP + TL_LANE * LANES.len() as f64 + 8.0;
    let bottom = TL_TOP + TL_LANE * LANES.len() as f64;
    // Month boundaries between the two dates.
    let mut months = Vec::new();
    let mut m = Date::ymd(as_of.0.year(), as_of.0.month(), 1).plus_months(1);
    while m <= until {
        months.push(m);
        m = m.plus_months(1);
    }
    let mut per_lane = vec![0; LANES.len()];
    for m in marks {
        per_lane[m.lane] += m.count;
    }
    let description = LANES
        .iter()
        .zip(&per_lane)
        .map(|(k, n)| format!("{}: {n}", k.label()))
        .collect::<Vec<_>>()
        .join("; ");
    html! {
        figure.timeline {
            svg viewBox={ "0 0 " (TL_WIDTH) " " (height) }
                role="img" aria-labelledby="tl-title tl-desc" {
                title id="tl-title" { "Dated events from " (as_of) " to " (until) }
                desc id="tl-desc" { (description) }
                @for (i, kind) in LANES.iter().enumerate() {
                    @let y = TL_TOP + TL_LANE * i as f64;
                    rect class={ "lane l" (i % 2) } x=(TL_LEFT) y=(num(y)) width=(num(TL_WIDTH - TL_LEFT - TL_RIGHT)) height=(TL_LANE) {}
                    text class="lbl" x="6" y=(num(y + TL_LANE / 2.0 + 4.0)) {
                        (kind.label()) " (" (per_lane[i]) ")"
                    }
                }
                @for m in &months {
                    line class="grid" x1=(num(x(*m))) x2=(num(x(*m))) y1=(num(TL_TOP - 6.0)) y2=(num(bottom)) {}
                    text class="month" x=(num(x(*m) + 3.0)) y=(num(TL_TOP - 10.0)) { (m.0.format("%b %Y")) }
                }
                line class="asof" x1=(num(TL_LEFT)) x2=(num(TL_LEFT)) y1=(num(TL_TOP - 22.0)) y2=(num(bottom)) {}
                text class="asof-l" x=(num(TL_LEFT + 3.0)) y=(num(TL_TOP - 24.0)) { "as of " (as_of) }
                @for m in marks {
                    @let cx = (x(m.first) + x(m.last)) / 2.0;
                    @let cy = TL_TOP + TL_LANE * m.lane as f64 + TL_LANE / 2.0;
                    @let r = (4.5 + 2.0 * (m.count as f64).sqrt()).min(15.0);
                    g class={ "mark k" (m.lane) } {
                        title { (m.tooltip) }
                        (shape(m.lane, cx, cy, r))
                        @if m.count > 1 {
                            text class="n" x=(num(cx)) y=(num(cy + 3.5)) { (m.count) }
                        }
                    }
                }
            }
        }
    }
}

/// A coordinate with one decimal, which is all a 1000-unit drawing needs.
fn num(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// Each lane's mark has a shape of its own, so the kind does not rest on colour.
fn shape(lane: usize, cx: f64, cy: f64, r: f64) -> Markup {
    let p = |points: &[(f64, f64)]| {
        points
            .iter()
            .map(|(dx, dy)| format!("{},{}", num(cx + dx * r), num(cy + dy * r)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    match lane {
        0 => html! { circle cx=(num(cx)) cy=(num(cy)) r=(num(r)) {} },
        1 => {
            html! { rect x=(num(cx - r * 0.9)) y=(num(cy - r * 0.9)) width=(num(r * 1.8)) height=(num(r * 1.8)) {} }
        }
        2 => html! { polygon points=(p(&[(0.0, -1.2), (1.2, 0.0), (0.0, 1.2), (-1.2, 0.0)])) {} },
        3 => html! { polygon points=(p(&[(0.0, -1.2), (1.1, 0.9), (-1.1, 0.9)])) {} },
        4 => html! { polygon points=(p(&[(-1.1, -0.9), (1.1, -0.9), (0.0, 1.2)])) {} },
        6 => html! { polygon points=(p(&[(-1.2, 0.0), (0.9, -1.1), (0.9, 1.1)])) {} },
        7 => html! { polygon points=(p(&[(1.2, 0.0), (-0.9, -1.1), (-0.9, 1.1)])) {} },
        8 => {
            html! { polygon points=(p(&[(-0.4, -1.1), (0.4, -1.1), (0.4, -0.4), (1.1, -0.4), (1.1, 0.4), (0.4, 0.4), (0.4, 1.1), (-0.4, 1.1), (-0.4, 0.4), (-1.1, 0.4), (-1.1, -0.4), (-0.4, -0.4)])) {} }
        }
        _ => {
            html! { polygon points=(p(&[(-0.5, -1.0), (0.5, -1.0), (1.0, 0.0), (0.5, 1.0), (-0.5, 1.0), (-1.0, 0.0)])) {} }
        }
    }
}

fn vendors_section() -> Markup {
    html! {
        section id="vendors" aria-labelledby="vendors-h" {
            h2 id="vendors-h" { "Vendors" }
            (PreEscaped(ARTICLES_HERE))
        }
    }
}

fn tier(t: RiskTier) -> &'static str {
    t.as_str()
}

/// A finding's status in words, with the severity it carries.
fn status_text(f: &Finding) -> String {
    match f.severity {
        Severity::Error => format!("{} (error)", f.status),
        Severity::Warning => format!("{} (warning)", f.status),
        Severity::None => f.status.to_string(),
    }
}

fn status_class_of(f: &Finding) -> &'static str {
    match (f.status, f.severity) {
        (Status::Waived, _) => "wai",
        (_, Severity::Error) => "fai",
        (_, Severity::Warning) => "wrn",
        _ => "cur",
    }
}

/// The evidence file's name and line: the full path is given once per vendor.
fn where_found(v: &VendorResult, f: &Finding) -> String {
    let file = v.file.file_name().map(Path::new).unwrap_or(&v.file);
    location_of(file, f.line)
}

fn finding_text(f: &Finding) -> Markup {
    html! {
        @if let Some(s) = &f.subject { span.subject { (s) } ": " }
        (f.message)
        @if !f.matched.is_empty() {
            br;
            small { "matched: " @for (n, m) in f.matched.iter().enumerate() { @if n > 0 { " · " } q { (m) } } }
        }
    }
}

fn vendor_article(i: usize, v: &VendorResult, as_of: Date) -> Markup {
    let a = v.assurance();
    let failures: Vec<&Finding> = v
        .findings
        .iter()
        .filter(|f| f.needs_answer() && f.rule.gap.is_none())
        .collect();
    let gaps: Vec<&Finding> = v
        .findings
        .iter()
        .filter(|f| f.needs_answer() && f.rule.gap.is_some())
        .collect();
    let waived: Vec<&Finding> = v.findings.iter().filter(|f| f.waiver.is_some()).collect();
    let passed = v
        .findings
        .iter()
        .filter(|f| f.status == Status::Pass)
        .count();
    let not_applicable = v
        .findings
        .iter()
        .filter(|f| f.status == Status::NotApplicable)
        .count();
    let questionnaire = Questionnaire::new(v, as_of);
    let verdict = match v.verdict {
        Verdict::Pass => html! { span.verdict.pass { "PASS" } },
        Verdict::Fail => html! { span.verdict.fail { "FAIL" } },
    };
    html! {
        article.vendor id={ "v" (i) } {
            h3 { (v.name) " " (verdict) }
            p.meta {
                "id " code { (v.id) }
                " · policy " (v.policy)
                " · risk tier " (tier(v.risk_tier))
                " · " (count_of(v.count(Severity::Error), "error"))
                ", " (count_of(v.count(Severity::Warning), "warning"))
                " · attested: " (match a.attested { Some(true) => "yes", Some(false) => "no", None => "not evaluated" })
                " · AI risks controlled: "
                @if a.ai_risks_checked == 0 { "not checked" } @else { (a.ai_risks_controlled) " of " (a.ai_risks_checked) }
                " · " (match passed { 1 => "1 check passes".to_string(), n => format!("{n} checks pass") })
                ", " (match not_applicable { 1 => "1 does not apply".to_string(), n => format!("{n} do not apply") })
                br;
                "Evidence: " code { (v.file.display()) }
            }
            @if failures.is_empty() && gaps.is_empty() && waived.is_empty() {
                p { "No finding needs an answer." }
            }
            @if !failures.is_empty() {
                details.findings {
                    summary { "Findings to answer (" (failures.len()) ")" }
                    (findings_table(v, &failures))
                }
            }
            @if !gaps.is_empty() {
                details.gaps {
                    summary { "AI gaps (" (gaps.len()) ")" }
                    (findings_table(v, &gaps))
                }
            }
            @if !waived.is_empty() {
                details.waivers {
                    summary { "Waivers (" (waived.len()) ")" }
                    ul {
                        @for f in &waived {
                            @if let Some(w) = &f.waiver {
                                li {
                                    code { (f.rule.id) } " "
                                    @if let Some(s) = &f.subject { (s) ": " }
                                    "approved by " (w.approver) " on " (w.approved) ", until " (w.expires)
                                    ": " (w.reason) " (" code { (w.origin) } ")"
                                }
                            }
                        }
                    }
                }
            }
            @if questionnaire.count() > 0 {
                details.questions {
                    summary { "Questions to send (" (questionnaire.count()) ")" }
                    @for (topic, start) in questionnaire.topics.iter().zip(question_numbers(&questionnaire)) {
                        h4 { (topic.topic) }
                        ol start=(start) {
                            @for q in &topic.questions {
                                li {
                                    strong { (q.question) }
                                    ul {
                                        @for r in &q.reasons { li { "Why we ask (" code { (q.rule) } "): " (r) } }
                                        @if let Some(gap) = q.ai_gap {
                                            li {
                                                "Risk left uncovered: " (gap.risk)
                                                @if let Some(o) = gap.owasp { " (" (o) ")" }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The number of each topic's first question, so the questions are numbered across topics.
fn question_numbers(q: &Questionnaire) -> Vec<usize> {
    q.topics
        .iter()
        .scan(1, |next, t| {
            let start = *next;
            *next += t.questions.len();
            Some(start)
        })
        .collect()
}

fn findings_table(v: &VendorResult, findings: &[&Finding]) -> Markup {
    html! {
        table.list {
            thead { tr { th scope="col" { "Rule" } th scope="col" { "Status" } th scope="col" { "Finding" } th scope="col" { "Where" } } }
            tbody {
                @for f in findings {
                    tr {
                        td { code title=(f.rule.title) { (f.rule.id) } }
                        td class=(status_class_of(f)) { (status_text(f)) }
                        td { (finding_text(f))
                            @for line in crate::report::cause_lines(f, &v.findings) {
                                br; small.cause { (line) }
                            }
                            @if let Some(gap) = f.rule.gap {
                                br; small { "Risk left uncovered: " (gap.risk) @if let Some(o) = gap.owasp { " (" (o) ")" } }
                            }
                            @if !f.rule.obligations.mappings.is_empty() {
                                br; small.obligations { "Bears on: "
                                    @for (i, o) in f.rule.obligations.obligations().enumerate() {
                                        @if i > 0 { ", " }
                                        span title=(o.title) { (o.label()) }
                                    }
                                }
                            }
                        }
                        td { code { (where_found(v, f)) } }
                    }
                }
            }
        }
    }
}

fn input_error(e: &InputError) -> Markup {
    let at = if e.line == 0 {
        e.file.display().to_string()
    } else {
        format!("{}:{}:{}", e.file.display(), e.line, e.column)
    };
    html! {
        li {
            code { (at) } " " (e.message)
            @if let Some(h) = &e.help { " (help: " (h) ")" }
        }
    }
}

fn input_errors_section(errors: &[InputError]) -> Markup {
    html! {
        section id="input-errors" aria-labelledby="input-errors-h" {
            h2 id="input-errors-h" { "Input errors" }
            p { "An unreadable or invalid evidence file is never a pass: the run exits with code 2." }
            ul.errors {
                @for e in errors { (input_error(e)) }
                (PreEscaped(INVALID_ERRORS_HERE))
            }
        }
    }
}

/// The page's stylesheet: a constant, never built from evidence.
const CSS: &str = r#"
:root{--line:#d0d7de;--muted:#57606a;--bg2:#f6f8fa}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,"DejaVu Sans",sans-serif;color:#1f2328;background:#fff;margin:0 auto;max-width:1700px;padding:1rem 1.5rem 3rem}
h1{font-size:1.7rem;margin:.3rem 0}
h2{font-size:1.3rem;border-bottom:1px solid var(--line);padding-bottom:.2rem;margin:2rem 0 .7rem}
h3{font-size:1.1rem;margin:1.4rem 0 .3rem}
h4{font-size:.95rem;margin:.8rem 0 .2rem}
.meta{color:var(--muted)}
nav a,a{color:#0550ae}
code{font:12px/1.3 "DejaVu Sans Mono",monospace;background:var(--bg2);padding:0 .2em;border-radius:3px}
table{border-collapse:collapse}
th,td{border:1px solid var(--line);padding:.25rem .4rem;text-align:left;vertical-align:top}
thead th{background:var(--bg2)}
caption{text-align:left;font-weight:600;padding:.3rem 0}
.cards{display:flex;flex-wrap:wrap;gap:.75rem;margin-bottom:1rem}
.card{border:1px solid var(--line);border-radius:6px;padding:.5rem .8rem;min-width:13rem}
.card .name{color:var(--muted)}
.card .v{font-size:1.6rem;font-weight:600}
.target.ok::before{content:"✔ "}.target.off::before{content:"✖ "}
.target.ok{color:#116329}.target.off{color:#a40e26}
.scroll{overflow-x:auto;max-width:100%}
table.matrix{font-size:11.5px}
.matrix th,.matrix td{padding:.2rem .3rem}
.matrix thead th{font-weight:600;vertical-align:bottom}
.matrix th[scope=row]{background:#fff;min-width:9rem;max-width:14rem;white-space:normal}
.matrix th[scope=row] small{display:block;color:var(--muted);font-weight:400}
.matrix td small{display:block;white-space:nowrap}
.matrix td{white-space:nowrap;cursor:help}
.matrix th.ai{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;font-weight:600;padding:.4rem .2rem;text-align:left}
.matrix td.ai{text-align:center;padding:.25rem .15rem;min-width:1.7rem}
.matrix td.ai .word{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.cur{background:#dafbe1;color:#0f5323}.cur::before{content:"✔ "}
.exp{background:#fff1b8;color:#6a4100}.exp::before{content:"◷ "}
.wrn{background:#ffe7c2;color:#6e3400}.wrn::before{content:"⚠ "}
.fai{background:#ffd8d3;color:#82071e;font-weight:600}.fai::before{content:"✖ "}
.wai{background:#e4dcff;color:#3e1f79}.wai::before{content:"⚑ "}
.mis{background:#eaeef2;color:#424a53}.mis::before{content:"∅ "}
.na{background:#fff;color:var(--muted)}.na::before{content:"– "}
.verdict{font-weight:700;white-space:nowrap}
.verdict.pass{color:#0f5323}.verdict.pass::before{content:"✔ "}
.verdict.fail{color:#82071e}.verdict.fail::before{content:"✖ "}
.verdict.inv{color:#6e3400}.verdict.inv::before{content:"⚠ "}
ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;font-size:12px}
.key{display:inline-block;padding:0 .35rem;border:1px solid var(--line);border-radius:3px;font-weight:600}
figure.timeline{margin:0;max-width:1200px}
figure svg{width:100%;height:auto;font:11px "DejaVu Sans",sans-serif}
.lane.l0{fill:#f6f8fa}.lane.l1{fill:#fff}
.lbl{fill:#1f2328}.month{fill:#57606a;font-size:10px}
.grid{stroke:#d0d7de}.asof{stroke:#1f2328;stroke-width:2}.asof-l{font-weight:700;fill:#1f2328}
.mark{stroke:#1f2328;stroke-width:1;fill-opacity:.85}
.k0{fill:#cf222e}.k1{fill:#bc4c00}.k2{fill:#0969da}.k3{fill:#8250df}.k4{fill:#4d2d00}.k5{fill:#1a7f37}.k6{fill:#9a6700}.k7{fill:#57606a}.k8{fill:#6e7781}
.mark .n{fill:#fff;stroke:none;font-size:9px;font-weight:700;text-anchor:middle}
details{margin:.35rem 0}
summary{cursor:pointer;font-weight:600}
table.list{font-size:12.5px;margin:.3rem 0;width:100%}
table.list td.date{white-space:nowrap}
.subject{font-weight:600}
article.vendor{border-top:1px solid var(--line);padding-top:.2rem}
@media print{
  @page{size:A4 landscape;margin:10mm}
  body{font-size:10px;max-width:none;padding:0}
  *{print-color-adjust:exact;-webkit-print-color-adjust:exact}
  nav{display:none}
  .scroll{overflow:visible}
  table.matrix{font-size:8px}
  .matrix td{white-space:normal}
  tr,li,figure{break-inside:avoid}
  h2,h3{break-after:avoid}
  details::details-content{content-visibility:visible;display:block}
  summary{list-style:none}
  article.vendor{break-inside:auto}
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rows_read_back_week_by_week_are_the_rows_kept_in_date_order() {
        let as_of = Date::ymd(2026, 11, 23);
        let mut parts = HtmlParts::default();
        // Kept out of date order, as vendors come; some weeks have no event.
        let mut expected = Vec::new();
        for (k, days) in [40, 3, 3, 90, 0, 41, 200, 6, 7].into_iter().enumerate() {
            let date = as_of.plus_days(days);
            let text = format!("<li>{k}: in {days} days</li>");
            let row = parts.keep_row(as_of, date, &text).unwrap();
            parts.events.push(Dated {
                date,
                kind: EventKind::Verdict,
                vendor: k as u32,
                rank: 0,
                row,
                tooltip: (0, 0),
                what: (0, 0),
            });
            expected.push((days, k, text));
        }
        expected.sort();
        let expected: String = expected.into_iter().map(|(_, _, text)| text).collect();
        let mut order: Vec<u32> = (0..parts.events.len() as u32).collect();
        order.sort_by_key(|&i| (parts.events[i as usize].date, i));
        // Every week read whole, none (row by row), and those of at most 40 bytes.
        for whole in [u64::MAX, 0, 40] {
            let mut out = Vec::new();
            write_rows(&mut parts, &order, as_of, whole, &mut out).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                expected,
                "whole up to {whole}"
            );
        }
    }

    #[test]
    fn coordinates_are_short() {
        assert_eq!(num(190.0), "190");
        assert_eq!(num(12.345), "12.3");
        assert_eq!(num(0.5), "0.5");
    }

    #[test]
    fn the_stylesheet_fetches_nothing() {
        for needle in ["url(", "@import", "@font-face", "http", "expression("] {
            assert!(!CSS.contains(needle), "{needle}");
        }
        assert!(CSS.contains("@media print{"));
    }

    #[test]
    fn every_lane_has_its_own_shape() {
        let shapes: Vec<String> = (0..LANES.len())
            .map(|lane| shape(lane, 0.0, 0.0, 5.0).into_string())
            .collect();
        for (i, a) in shapes.iter().enumerate() {
            for b in &shapes[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }
}
