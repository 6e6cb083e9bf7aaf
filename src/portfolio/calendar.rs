//! The expiry calendar: every dated event ahead for a portfolio (seed 000: "Certification expiry
//! tracking — Zero lapses — Monthly"; seed 003: a recurring re-verification cycle).

use std::fmt::Write as _;

use serde::Serialize;

use crate::evidence::{Date, LoadedVendor};
use crate::policy::{Policy, Waiver};
use crate::rules::{Ctx, PortfolioIndex};

/// What falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    CertificateExpiry,
    Soc2ReportAgeing,
    SurveillanceDue,
    StarLapse,
    WaiverExpiry,
    ReviewDue,
}

impl EventKind {
    pub fn label(self) -> &'static str {
        match self {
            EventKind::CertificateExpiry => "certificate expires",
            EventKind::Soc2ReportAgeing => "SOC 2 report ages out",
            EventKind::SurveillanceDue => "surveillance audit due",
            EventKind::StarLapse => "STAR entry lapses",
            EventKind::WaiverExpiry => "waiver expires",
            EventKind::ReviewDue => "analyst review due",
        }
    }
}

/// One dated event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    pub date: Date,
    pub kind: EventKind,
    pub vendor: String,
    pub vendor_name: String,
    /// What falls due, e.g. `ISO/IEC 27001:2022 certificate MC-2024-0042`.
    pub what: String,
    /// The evidence file (or waivers file) and line.
    pub location: String,
}

/// The events of one vendor from `as_of` to `until` (inclusive), under `policy`.
pub fn vendor_events(
    v: &LoadedVendor,
    policy: &Policy,
    waivers: &[Waiver],
    as_of: Date,
    until: Date,
) -> Vec<Event> {
    let index = PortfolioIndex::default();
    let own: Vec<Waiver> = waivers
        .iter()
        .filter(|w| w.vendor == v.evidence.vendor.id)
        .cloned()
        .collect();
    let ctx = Ctx::new(v, as_of, &policy.thresholds, &index, &own);
    let t = &policy.thresholds;
    let mut events = Vec::new();
    let mut push = |date: Date, kind: EventKind, what: String, at: &str| {
        if date >= as_of && date <= until {
            let location = format!("{}:{}", v.file.display(), v.position(at).0);
            events.push(Event {
                date,
                kind,
                vendor: v.evidence.vendor.id.clone(),
                vendor_name: v.evidence.vendor.name.clone(),
                what,
                location,
            });
        }
    };
    for (i, c, s) in crate::rules::iso::current_certs(&ctx) {
        let subject = crate::rules::iso::subject(c, &s);
        if let Some(expires) = c.expires {
            push(
                expires,
                EventKind::CertificateExpiry,
                subject.clone(),
                &format!("iso[{i}].expires"),
            );
        }
        let last = c
            .surveillance
            .iter()
            .map(|a| a.date)
            .filter(|d| *d <= as_of)
            .max()
            .or(c.issued);
        if let Some(last) = last {
            let due = last.plus_months(t.surveillance_months);
            if c.expires.is_none_or(|e| due < e) {
                push(
                    due,
                    EventKind::SurveillanceDue,
                    subject,
                    &format!("iso[{i}].surveillance"),
                );
            }
        }
    }
    for (i, r) in crate::rules::soc2::current_reports(&ctx) {
        if let Some(end) = r.period_end {
            let ages_out = end.plus_months(t.soc2_max_age_months);
            push(
                ages_out,
                EventKind::Soc2ReportAgeing,
                crate::rules::soc2::subject(r),
                &format!("soc2[{i}].period_end"),
            );
        }
    }
    for (i, e) in v.evidence.star.iter().enumerate() {
        if let Ok(until) = crate::rules::star::valid_until(&ctx, e) {
            push(
                until,
                EventKind::StarLapse,
                crate::rules::star::subject(e),
                &format!("star[{i}]"),
            );
        }
    }
    if let Some(last) = v.evidence.vendor.last_review {
        push(
            last.plus_months(t.review_interval_months),
            EventKind::ReviewDue,
            "quarterly re-verification".to_string(),
            "vendor.last_review",
        );
    }
    for w in &own {
        if w.expires >= as_of && w.expires <= until {
            events.push(Event {
                date: w.expires,
                kind: EventKind::WaiverExpiry,
                vendor: w.vendor.clone(),
                vendor_name: v.evidence.vendor.name.clone(),
                what: format!("waiver of {} approved by {}", w.rule, w.approver),
                location: w.origin.clone(),
            });
        }
    }
    events
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
    let mut out = String::new();
    let mut line = |text: String| out.push_str(&fold(&text));
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line(format!(
        "PRODID:-//vendorcert//vendorcert {}//EN",
        env!("CARGO_PKG_VERSION")
    ));
    line("CALSCALE:GREGORIAN".into());
    line("X-WR-CALNAME:Vendor certification deadlines".into());
    let stamp = as_of.0.format("%Y%m%dT000000Z");
    for e in events {
        let day = e.date.0.format("%Y%m%d");
        let next = e.date.plus_days(1).0.format("%Y%m%d");
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}", uid(e)));
        line(format!("DTSTAMP:{stamp}"));
        line(format!("DTSTART;VALUE=DATE:{day}"));
        line(format!("DTEND;VALUE=DATE:{next}"));
        line(format!(
            "SUMMARY:{}",
            escape(&format!(
                "{}: {} — {}",
                e.vendor_name,
                e.kind.label(),
                e.what
            ))
        ));
        line(format!(
            "DESCRIPTION:{}",
            escape(&format!("{} ({}), {}", e.what, e.vendor, e.location))
        ));
        line(format!("CATEGORIES:{}", escape(e.kind.label())));
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

/// A stable identifier for an event, so re-imported calendars update rather than duplicate.
fn uid(e: &Event) -> String {
    use sha2::{Digest, Sha256};
    let digest =
        Sha256::digest(format!("{}\0{:?}\0{}\0{}", e.vendor, e.kind, e.what, e.date).as_bytes());
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

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}
