//! The expiry calendar: every day ahead on which a vendor's verdict or a finding changes so
//! that no certification lapses unnoticed and re-verification runs on a recurring cycle.
//!
//! The events are not listed by hand per kind of evidence: the vendor is evaluated on the as-of
//! date, then again on each day on which an answer a check gave about the date would turn
//! ([`crate::rules::AsOf`]), and every difference is an event. A rule added later announces its
//! own changes, and nothing is announced that does not change a finding.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;

use crate::engine::{Finding, Judged, Verdict};
use crate::evidence::{Date, LoadedVendor};
use crate::policy::{Policy, Waiver};
use crate::rules::{Framework, PortfolioIndex, Rule, Status};

/// What kind of change falls due; each is one lane of the HTML timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// The vendor's verdict turns.
    Verdict,
    /// A certificate lapses or another ISO finding changes.
    Certificate,
    /// A surveillance audit falls due.
    Surveillance,
    /// A SOC 2 report ages out, or needs a bridge letter.
    Soc2Report,
    /// A CSA STAR entry lapses.
    Star,
    /// AI evidence (adversarial testing, a tabletop exercise, an AI RMF review…) ages out.
    AiEvidence,
    /// A waiver stops accepting a finding.
    Waiver,
    /// The analyst's review or the incident history falls due.
    Review,
    /// Any other finding changes.
    Other,
}

impl EventKind {
    /// Every kind, in the order of the timeline's lanes.
    pub const ALL: &'static [EventKind] = &[
        EventKind::Verdict,
        EventKind::Certificate,
        EventKind::Surveillance,
        EventKind::Soc2Report,
        EventKind::Star,
        EventKind::AiEvidence,
        EventKind::Waiver,
        EventKind::Review,
        EventKind::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            EventKind::Verdict => "verdict changes",
            EventKind::Certificate => "certificate lapses",
            EventKind::Surveillance => "surveillance audit due",
            EventKind::Soc2Report => "SOC 2 report ages",
            EventKind::Star => "STAR entry lapses",
            EventKind::AiEvidence => "AI evidence ages",
            EventKind::Waiver => "waiver expires",
            EventKind::Review => "analyst review due",
            EventKind::Other => "other finding changes",
        }
    }

    fn of(before: Option<&Finding>, after: Option<&Finding>) -> EventKind {
        let Some(f) = after.or(before) else {
            return EventKind::Other;
        };
        if before.is_some_and(|b| b.status == Status::Waived) || f.rule.id == "GEN-WAIVER" {
            return EventKind::Waiver;
        }
        match (f.rule.id, f.rule.framework) {
            ("ISO-SURVEILLANCE", _) => EventKind::Surveillance,
            ("GEN-REVIEW" | "GEN-INCIDENTS", _) => EventKind::Review,
            (_, Framework::Iso) => EventKind::Certificate,
            (_, Framework::Soc2) => EventKind::Soc2Report,
            (_, Framework::Star) => EventKind::Star,
            (_, Framework::Ai) => EventKind::AiEvidence,
            _ => EventKind::Other,
        }
    }
}

/// One day on which something changes for a vendor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    pub date: Date,
    pub kind: EventKind,
    pub vendor: String,
    pub vendor_name: String,
    /// The rule whose finding changes (none for the verdict).
    pub rule: Option<&'static str>,
    /// The evidence it is about, e.g. `ISO/IEC 27001:2022 certificate MC-2024-0042`.
    pub subject: Option<String>,
    /// The status before and from that day (`none` where the finding is not reported).
    pub from: String,
    pub to: String,
    /// What happens, e.g. `fails SOC2-BRIDGE: no bridge letter covers 2026-09-30 to 2026-12-31`.
    pub what: String,
    /// What to ask the vendor now, so that it does not happen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<&'static str>,
    /// The evidence file (or waivers file) and line.
    pub location: String,
}

/// The events of one vendor after `as_of` up to `until` (inclusive), under `policy`: the vendor
/// is judged again on each day an answer about the date turns, and every difference from the
/// day before is an event.
pub fn vendor_events(
    v: &LoadedVendor,
    policy: &Policy,
    index: &PortfolioIndex,
    waivers: &[Waiver],
    as_of: Date,
    until: Date,
) -> Vec<Event> {
    let mut judged = Judged::new(v, as_of, policy, index, waivers);
    let today = std::mem::replace(&mut judged.settled, (Verdict::Pass, Vec::new()));
    events_after(v, judged, (today.0, &today.1), until)
}

/// The events of a vendor already judged (`judged`, its verdict and findings on the day judged
/// given as `today`) up to `until` (inclusive). Only the days on which an answer about the date
/// turns are judged, and on each only the rules whose answers turn run again.
pub fn events_after(
    v: &LoadedVendor,
    mut judged: Judged<'_>,
    today: (Verdict, &[Finding]),
    until: Date,
) -> Vec<Event> {
    let mut events = Vec::new();
    let mut previous: Option<(Verdict, Vec<Finding>)> = None;
    while let Some(day) = judged.next_turn().filter(|d| *d <= until) {
        let ran = judged.advance_to(day);
        let before = previous.as_ref().map_or(today, |p| (p.0, p.1.as_slice()));
        let after = (judged.settled.0, judged.settled.1.as_slice());
        let mut found = changes_of(v, day, before, after);
        // A finding that changes without its rule running again (a waiver ending) still has
        // the message of the day its rule last ran.
        let changed: Vec<&str> = found
            .iter()
            .filter_map(|e| e.rule)
            .filter(|id| !ran.contains(id))
            .collect();
        if !changed.is_empty() {
            judged.refresh(&changed);
            found = changes_of(v, day, before, (judged.settled.0, &judged.settled.1));
        }
        events.extend(found);
        let spare = previous.take().map(|p| p.1).unwrap_or_default();
        previous = Some(judged.take_settled(spare));
    }
    events
}

/// What differs between a vendor's judgements on the day before `day` and on `day`: each
/// finding (by rule and subject) whose status changes, appears or goes, and the verdict.
pub fn changes(
    v: &LoadedVendor,
    day: Date,
    before: &(Verdict, Vec<Finding>),
    after: &(Verdict, Vec<Finding>),
) -> Vec<Event> {
    changes_of(v, day, (before.0, &before.1), (after.0, &after.1))
}

fn changes_of(
    v: &LoadedVendor,
    day: Date,
    before: (Verdict, &[Finding]),
    after: (Verdict, &[Finding]),
) -> Vec<Event> {
    type Key<'f> = (&'static str, Option<&'f str>);
    fn by_key<'f>(
        findings: &'f [Finding],
        dirty: &[&'static str],
    ) -> BTreeMap<Key<'f>, Vec<&'f Finding>> {
        let mut map: BTreeMap<Key<'_>, Vec<&Finding>> = BTreeMap::new();
        for f in findings.iter().filter(|f| dirty.contains(&f.rule.id)) {
            map.entry((f.rule.id, f.subject.as_deref()))
                .or_default()
                .push(f);
        }
        map
    }
    let statuses = |fs: Option<&Vec<&Finding>>| -> Vec<Status> {
        let mut s: Vec<Status> = fs
            .map(|fs| fs.iter().map(|f| f.status).collect())
            .unwrap_or_default();
        s.sort_unstable();
        s
    };
    fn worst<'f>(fs: Option<&Vec<&'f Finding>>) -> Option<&'f Finding> {
        fs.and_then(|fs| fs.iter().copied().max_by_key(|f| f.status))
    }
    // Most findings do not change from one turn to the next: compare each rule's block of
    // (subject, status) first, and match findings by key only within the rules that differ.
    let same = before.1.len() == after.1.len()
        && before.1.iter().zip(after.1).all(|(b, a)| {
            same_rule(b.rule, a.rule) && b.status == a.status && b.subject == a.subject
        });
    let dirty = if same {
        Vec::new()
    } else {
        dirty_rules(before.1, after.1)
    };
    let (old, new) = (by_key(before.1, &dirty), by_key(after.1, &dirty));
    let keys: BTreeSet<&Key> = old.keys().chain(new.keys()).collect();
    let vendor = &v.evidence.vendor;
    let mut events = Vec::new();
    for key in keys {
        let (was, is) = (old.get(key), new.get(key));
        if statuses(was) == statuses(is) {
            continue;
        }
        let (b, a) = (worst(was), worst(is));
        let name = |f: Option<&Finding>| f.map_or("none", |f| f.status.as_str()).to_string();
        let ended = b
            .and_then(|b| b.waiver.as_ref())
            .filter(|_| a.is_none_or(|a| a.status != Status::Waived));
        let what = match a {
            Some(a) => {
                let verb = match a.status {
                    Status::Fail => format!("fails {}", a.rule.id),
                    Status::Unverified => format!("{} becomes unverified", a.rule.id),
                    Status::Warn => format!("warns on {}", a.rule.id),
                    Status::Pass => format!("passes {}", a.rule.id),
                    Status::NotApplicable => format!("{} no longer applies", a.rule.id),
                    Status::Waived => format!("{} is waived", a.rule.id),
                };
                let waiver = ended
                    .map(|w| format!("the waiver approved by {} ends: ", w.approver))
                    .unwrap_or_default();
                format!("{waiver}{verb}: {}", a.message)
            }
            None => format!(
                "{} no longer reported ({})",
                key.0,
                b.map_or("", |b| b.message.as_str())
            ),
        };
        let line = a.or(b).map_or(1, |f| f.line);
        events.push(Event {
            date: day,
            kind: EventKind::of(b, a),
            vendor: vendor.id.clone(),
            vendor_name: vendor.name.clone(),
            rule: Some(key.0),
            subject: key.1.map(str::to_string),
            from: name(b),
            to: name(a),
            what,
            question: a.filter(|a| a.needs_answer()).map(|a| a.rule.question),
            location: match ended {
                Some(w) => w.origin.clone(),
                None => format!("{}:{line}", v.file.display()),
            },
        });
    }
    if before.0 != after.0 {
        let word = |v: Verdict| match v {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
        };
        events.push(Event {
            date: day,
            kind: EventKind::Verdict,
            vendor: vendor.id.clone(),
            vendor_name: vendor.name.clone(),
            rule: None,
            subject: None,
            from: word(before.0).to_string(),
            to: word(after.0).to_string(),
            what: format!("verdict turns {}", word(after.0).to_uppercase()),
            question: None,
            location: v.file.display().to_string(),
        });
    }
    events
}

fn same_rule(a: &Rule, b: &Rule) -> bool {
    std::ptr::eq(a, b) || a.id == b.id
}

/// The rules whose findings' (subject, status) may differ between two judgements: each lists
/// its findings rule by rule, in the policy's order, so their runs of findings by rule are
/// compared side by side. Every rule whose findings differ is named (a rule named whose
/// findings turn out the same costs only a closer look); when the two do not list the same
/// rules in the same order, both are ordered by rule first.
fn dirty_rules(before: &[Finding], after: &[Finding]) -> Vec<&'static str> {
    let mut dirty: Vec<&'static str> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < before.len() || j < after.len() {
        let (Some(b), Some(a)) = (before.get(i), after.get(j)) else {
            return dirty_by_sorting(before, after);
        };
        if !same_rule(b.rule, a.rule) {
            return dirty_by_sorting(before, after);
        }
        let (i0, j0) = (i, j);
        while before.get(i).is_some_and(|f| same_rule(f.rule, b.rule)) {
            i += 1;
        }
        while after.get(j).is_some_and(|f| same_rule(f.rule, b.rule)) {
            j += 1;
        }
        let (was, is) = (&before[i0..i], &after[j0..j]);
        let differs = was.len() != is.len()
            || was
                .iter()
                .zip(is)
                .any(|(x, y)| x.status != y.status || x.subject != y.subject);
        if differs && !dirty.contains(&b.rule.id) {
            dirty.push(b.rule.id);
        }
    }
    dirty
}

/// The rules whose blocks of (subject, status) differ, in id order, found by ordering both
/// judgements' findings by rule (for findings whose rules are apart: see [`rule_blocks`]).
fn dirty_by_sorting(before: &[Finding], after: &[Finding]) -> Vec<&'static str> {
    type Block<'f> = (&'static str, Option<&'f str>, Status);
    fn blocks(findings: &[Finding]) -> Vec<Block<'_>> {
        let mut blocks: Vec<Block<'_>> = findings
            .iter()
            .map(|f| (f.rule.id, f.subject.as_deref(), f.status))
            .collect();
        // Stable: a rule's findings keep their order, as in a block of their own.
        blocks.sort_by_key(|b| b.0);
        blocks
    }
    let mut dirty = Vec::new();
    let (b, a) = (blocks(before), blocks(after));
    let (mut i, mut j) = (0, 0);
    while i < b.len() || j < a.len() {
        let id = match (b.get(i), a.get(j)) {
            (Some(x), Some(y)) => x.0.min(y.0),
            (Some(x), None) => x.0,
            (None, Some(y)) => y.0,
            (None, None) => break,
        };
        let (i0, j0) = (i, j);
        while b.get(i).is_some_and(|x| x.0 == id) {
            i += 1;
        }
        while a.get(j).is_some_and(|y| y.0 == id) {
            j += 1;
        }
        if b[i0..i] != a[j0..j] {
            dirty.push(id);
        }
    }
    dirty
}

/// The events in the order [`sort`] gives them, as references (large calendars are ordered
/// without moving the events).
pub fn sorted(events: &[Event]) -> Vec<&Event> {
    let mut order: Vec<&Event> = events.iter().collect();
    order.sort_by(|a, b| {
        (a.date, &a.vendor, a.kind, &a.what).cmp(&(b.date, &b.vendor, b.kind, &b.what))
    });
    order
}

/// Sorts events by date, then vendor, then kind.
pub fn sort(events: &mut [Event]) {
    events.sort_by(|a, b| {
        (a.date, &a.vendor, a.kind, &a.what).cmp(&(b.date, &b.vendor, b.kind, &b.what))
    });
}

/// The events as an iCalendar (RFC 5545) calendar of all-day events, so an analyst can subscribe
/// a calendar to the portfolio's deadlines.
pub fn to_ics(events: &[Event], as_of: Date) -> String {
    let mut out = Vec::new();
    let _ = write_ics(events, as_of, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// Writes [`to_ics`]'s calendar of `events` to `out`, event by event.
pub fn write_ics<'e>(
    events: impl IntoIterator<Item = &'e Event>,
    as_of: Date,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    out.write_all(ics_head().as_bytes())?;
    for e in events {
        out.write_all(ics_event(e, as_of).as_bytes())?;
    }
    out.write_all(ics_tail().as_bytes())
}

/// The calendar's lines before its events.
pub fn ics_head() -> String {
    [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        format!(
            "PRODID:-//vendorcert//vendorcert {}//EN",
            env!("CARGO_PKG_VERSION")
        ),
        "CALSCALE:GREGORIAN".to_string(),
        "X-WR-CALNAME:Vendor certification deadlines".to_string(),
    ]
    .iter()
    .map(|line| fold(line))
    .collect()
}

/// The calendar's lines after its events.
pub fn ics_tail() -> String {
    fold("END:VCALENDAR")
}

/// One event's lines of the calendar, stamped with `as_of`.
pub fn ics_event(e: &Event, as_of: Date) -> String {
    let stamp = as_of.0.format("%Y%m%dT000000Z");
    let day = e.date.0.format("%Y%m%d");
    let next = e.date.plus_days(1).0.format("%Y%m%d");
    [
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}", uid(e)),
        format!("DTSTAMP:{stamp}"),
        format!("DTSTART;VALUE=DATE:{day}"),
        format!("DTEND;VALUE=DATE:{next}"),
        format!(
            "SUMMARY:{}",
            escape(&format!(
                "{}: {} — {}",
                e.vendor_name,
                e.kind.label(),
                e.what
            ))
        ),
        format!(
            "DESCRIPTION:{}",
            escape(&format!("{} ({}), {}", e.what, e.vendor, e.location))
        ),
        format!("CATEGORIES:{}", escape(e.kind.label())),
        "END:VEVENT".to_string(),
    ]
    .iter()
    .map(|line| fold(line))
    .collect()
}

/// A stable identifier for an event, so re-imported calendars update rather than duplicate.
fn uid(e: &Event) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(
        format!(
            "{}\0{}\0{}\0{}\0{}",
            e.vendor,
            e.rule.unwrap_or("verdict"),
            e.subject.as_deref().unwrap_or(""),
            e.to,
            e.date
        )
        .as_bytes(),
    );
    format!(
        "{}@vendorcert",
        &crate::evidence::load::to_hex(&digest)[..32]
    )
}

/// TEXT escaping of RFC 5545 §3.3.11.
fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => s.push_str("\\\\"),
            ';' => s.push_str("\\;"),
            ',' => s.push_str("\\,"),
            '\n' => s.push_str("\\n"),
            c if c.is_control() => {}
            c => s.push(c),
        }
    }
    s
}

/// Folds a content line at 75 octets (RFC 5545 §3.1), never inside a character, with CRLF.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    let _ = write!(out, "\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets() {
        let folded = fold(&format!("SUMMARY:{}", "é".repeat(60)));
        for part in folded.split("\r\n").filter(|p| !p.is_empty()) {
            assert!(part.len() <= 75, "{} octets", part.len());
        }
        assert!(folded.ends_with("\r\n"));
    }

    /// A finding of `RULES[rule]` about `subject` (0 for none), with `status`.
    fn finding(rule: usize, subject: u8, status: Status) -> Finding {
        Finding {
            subject: (subject > 0).then(|| format!("subject {subject}")),
            at: Some("vendor.name".into()),
            matched: vec!["matched".into()],
            ..Finding::example(
                crate::rules::RULES[rule],
                status,
                &format!("message {rule} {subject}"),
            )
        }
    }

    const STATUSES: [Status; 4] = [Status::Pass, Status::Warn, Status::Fail, Status::Waived];

    /// A judgement's findings: per rule (in registry order), its findings, or all of them in
    /// an order of their own when `shuffle` is set.
    fn judgement(rules: &[(usize, Vec<(u8, usize)>)], shuffle: Option<usize>) -> Vec<Finding> {
        let mut findings: Vec<Finding> = rules
            .iter()
            .flat_map(|(rule, fs)| {
                fs.iter()
                    .map(move |(subject, status)| finding(*rule, *subject, STATUSES[*status]))
            })
            .collect();
        if let Some(shift) = shuffle
            && !findings.is_empty()
        {
            let len = findings.len();
            findings.rotate_left(shift % len);
            findings.reverse();
        }
        findings
    }

    proptest::proptest! {
        /// Walking two judgements rule by rule names every rule whose findings differ, as
        /// ordering both by rule does (and may name more, which only costs a closer look).
        #[test]
        fn the_rules_walked_side_by_side_include_every_rule_that_differs(
            before in proptest::collection::vec(
                (0usize..4, proptest::collection::vec((0u8..3, 0usize..4), 0..4)), 0..5),
            after in proptest::collection::vec(
                (0usize..4, proptest::collection::vec((0u8..3, 0usize..4), 0..4)), 0..5),
            shuffle in proptest::option::of(0usize..7),
        ) {
            let in_order = |mut rules: Vec<(usize, Vec<(u8, usize)>)>| {
                rules.sort_by_key(|r| r.0);
                rules.dedup_by_key(|r| r.0);
                rules
            };
            let b = judgement(&in_order(before), None);
            let a = judgement(&in_order(after), shuffle);
            let walked = dirty_rules(&b, &a);
            for id in dirty_by_sorting(&b, &a) {
                proptest::prop_assert!(walked.contains(&id), "{id} missing from {walked:?}");
            }
            proptest::prop_assert!(dirty_rules(&b, &b).is_empty());
        }
    }

    #[test]
    fn a_finding_copied_into_another_is_its_clone() {
        let source = finding(1, 2, Status::Fail);
        let mut kept = finding(3, 0, Status::Pass);
        kept.clone_from(&source);
        assert_eq!(format!("{kept:?}"), format!("{:?}", source.clone()));
        assert_eq!(format!("{kept:?}"), format!("{source:?}"));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}
