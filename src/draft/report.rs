//! What a document is, and the recognisers for SOC 2 and SOC 3 reports, bridge letters, CSA STAR
//! documents and certification claims.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::dates::{Found, dates_in};
use super::iso::{self, Pick, agree, put, standard_refs};
use super::lines::{Doc, Line, after_label, find_words, labelled, segments};
use super::{At, Child, Kind, Pin, Section, Table, Value};

fn any_words(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| find_words(text, w).is_some())
}

/// What the document is; `None` when it is none of the kinds drafted.
pub fn classify(doc: &Doc) -> Option<Kind> {
    let first = doc.first_page_lower();
    let all = doc.all_lower();
    if any_words(&first, &["bridge letter", "gap letter"]) {
        return Some(Kind::BridgeLetter);
    }
    let soc2 = any_words(
        &first,
        &["soc 2", "soc2", "soc 2®", "service organization control 2"],
    );
    let report = all.contains("opinion") && all.contains("service auditor");
    if any_words(&first, &["soc 3", "soc3"]) && report {
        return Some(Kind::Soc3Report);
    }
    if soc2 && report {
        return Some(Kind::Soc2Report);
    }
    let star = any_words(
        &first,
        &[
            "csa star",
            "star certification",
            "star attestation",
            "star self-assessment",
            "star for ai",
        ],
    );
    let has_facts = iso::has_certificate_facts(doc);
    if star && all.contains("cloud security alliance") && has_facts {
        return Some(Kind::Star);
    }
    let certified_standard = doc.body().any(|(_, l)| {
        standard_refs(l.text)
            .iter()
            .any(|(_, _, s)| !matches!(s.number, 17011 | 17021 | 27002 | 27006 | 19011))
    });
    if certified_standard && has_facts {
        return Some(Kind::IsoCertificate);
    }
    if certified_standard || soc2 || star || any_words(&all, &["soc 2", "soc2"]) {
        return Some(Kind::Claim);
    }
    None
}

const CLAIM_NOTE: &str = "a claim, not a certificate or report: the document gives no certificate number, \
certification body and dates; drafted with source = \"marketing\" (write \"trust_page\" if you read it \
on the vendor's trust page) and never counted as independent evidence";

fn soc_type(lower: &str) -> Option<u8> {
    let two = any_words(lower, &["type 2", "type ii"]);
    let one = any_words(lower, &["type 1", "type i"]);
    match (one, two) {
        (false, true) => Some(2),
        (true, false) => Some(1),
        _ => None,
    }
}

/// A flyer or web page's certification claims, each drafted as a claim.
/// Words that make a mention of a standard something other than a claim of certification:
/// `aligned with ISO 27701`, `based on NIST CSF`, `working towards SOC 2`.
const NOT_A_CLAIM: &[&str] = &[
    "aligned with",
    "aligned to",
    "alignment with",
    "based on",
    "follows",
    "follow",
    "following",
    "in line with",
    "consistent with",
    "inspired by",
    "modelled on",
    "modeled on",
    "mapped to",
    "working towards",
    "working toward",
    "pursuing",
    "preparing for",
    "plan to",
    "planning to",
    "in progress",
];

/// Whether the clause that leads up to byte `at` of a line (from the last `.`, `;` or `,`)
/// says the standard is only aligned with, followed or worked towards.
fn not_a_claim(lower: &str, at: usize) -> bool {
    let before = &lower[..at];
    let clause = before.rsplit(['.', ';', ',']).next().unwrap_or(before);
    NOT_A_CLAIM.iter().any(|w| find_words(clause, w).is_some())
}

pub fn claims(doc: &Doc, pin: &Pin) -> Vec<Section> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    let mut soc_done = false;
    for (_, line) in doc.body() {
        let lower = line.lower();
        let soc_at = ["soc 2", "soc2"]
            .iter()
            .filter_map(|w| find_words(&lower, w))
            .min();
        if !soc_done
            && any_words(&lower, &["soc 2", "soc2"])
            && soc_at.is_none_or(|p| !not_a_claim(&lower, p))
        {
            soc_done = true;
            let mut t = Table::default();
            t.comment(CLAIM_NOTE);
            match soc_type(&lower) {
                Some(n) => t.field("type", Value::Int(n.into()), Some(line.at())),
                None => t.comment("TODO type: the claim does not say Type 1 or Type 2"),
            }
            t.field("source", Value::Str("marketing".into()), None);
            t.field(
                "document",
                Value::Document {
                    path: pin.path.clone(),
                    sha256: pin.sha256.clone(),
                },
                None,
            );
            out.push(Section {
                section: "soc2",
                table: t,
            });
        }
        for (at, printed, s) in standard_refs(line.text) {
            if matches!(s.number, 17011 | 17021 | 27002 | 27006 | 19011)
                || (lower.len() == line.text.len() && not_a_claim(&lower, at))
                || !seen.insert(s.number)
            {
                continue;
            }
            let mut t = Table::default();
            t.comment(CLAIM_NOTE);
            t.field("standard", Value::Str(printed), Some(line.at()));
            t.field("source", Value::Str("marketing".into()), None);
            t.field(
                "document",
                Value::Document {
                    path: pin.path.clone(),
                    sha256: pin.sha256.clone(),
                },
                None,
            );
            out.push(Section {
                section: "iso",
                table: t,
            });
        }
    }
    out
}

/// A control or criterion id such as `CC6.1`, `A1.2`, `PI1.3`, `P4.2`.
fn control_id(token: &str) -> bool {
    let t = token.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
    let letters = t.chars().take_while(|c| c.is_ascii_uppercase()).count();
    if !(1..=2).contains(&letters) || !["CC", "A", "C", "PI", "P"].contains(&&t[..letters]) {
        return false;
    }
    let rest = &t[letters..];
    let mut parts = rest.split('.');
    let ok = |p: Option<&str>| {
        p.is_some_and(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()))
    };
    ok(parts.next()) && ok(parts.next()) && parts.next().is_none()
}

/// The id column of a table of complementary user entity controls: `CUEC-1`, `CUEC 1`,
/// `UEC1`, `1`, `1.`, or a criterion id.
fn row_id(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['.', ')']);
    let lower = t.to_lowercase();
    let number = lower
        .strip_prefix("cuec")
        .or_else(|| lower.strip_prefix("uec"))
        .map(|r| r.trim_start_matches(['-', ' ', '#']))
        .unwrap_or(&lower);
    (!number.is_empty() && number.len() <= 3 && number.chars().all(|c| c.is_ascii_digit()))
        || control_id(t)
}

fn first_control(text: &str) -> Option<String> {
    text.split_whitespace().find(|t| control_id(t)).map(|t| {
        t.trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
            .trim_end_matches('.')
            .to_string()
    })
}

/// Whether a line looks like a heading: short, no full stop at its end, not a list item.
fn heading_like(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.len() < 70
        && !t.ends_with('.')
        && !t.ends_with(',')
        && !bullet(t)
        && t.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn bullet(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with(['•', '-', '*', '–', '·', '▪'])
        || t.split_once(['.', ')']).is_some_and(|(n, rest)| {
            !n.is_empty()
                && n.len() <= 2
                && n.chars().all(|c| c.is_ascii_digit())
                && rest.starts_with(' ')
        })
}

fn strip_bullet(text: &str) -> &str {
    let t = text.trim_start();
    if let Some(rest) = t.strip_prefix(['•', '-', '*', '–', '·', '▪']) {
        return rest.trim_start();
    }
    if let Some((n, rest)) = t.split_once(['.', ')'])
        && !n.is_empty()
        && n.len() <= 2
        && n.chars().all(|c| c.is_ascii_digit())
    {
        return rest.trim_start();
    }
    t
}

/// The index (into `doc.lines`) of each heading line whose text, less a section number, starts
/// with `title`; table-of-contents lines (ending in a page number) are left out.
fn headings(doc: &Doc, title: &str) -> Vec<usize> {
    doc.body()
        .filter(|(_, l)| {
            let lower = l.lower();
            let t = lower
                .trim()
                .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ')
                .trim_start_matches("section ")
                .trim_start_matches(|c: char| {
                    c.is_ascii_digit() || c == '.' || c == ':' || c == ' '
                });
            t.starts_with(title)
                && t.len() < title.len() + 25
                && !t.ends_with(|c: char| c.is_ascii_digit())
                && !t.contains("...")
        })
        .map(|(i, _)| i)
        .collect()
}

/// The body lines after heading `h`, up to the next heading-like line after a blank line, at
/// most `max` lines.
fn section_lines<'d, 'a>(doc: &'d Doc<'a>, h: usize, max: usize) -> Vec<(usize, &'d Line<'a>)> {
    let mut out = Vec::new();
    let mut blank_before = false;
    for (i, line) in doc.lines.iter().enumerate().skip(h + 1) {
        if line.repeated {
            continue;
        }
        if out.len() >= max {
            break;
        }
        if line.is_blank() {
            blank_before = true;
            continue;
        }
        if blank_before && heading_like(line.text) && !bullet(line.text) && !out.is_empty() {
            let lower = line.lower();
            if !lower.starts_with("user entit") {
                break;
            }
        }
        blank_before = false;
        out.push((i, line));
    }
    out
}

/// List items under a heading: bullets, numbered items, or lines starting "User entities";
/// lines that follow an item without a blank line continue it.
fn items(doc: &Doc, h: usize) -> Vec<(String, At)> {
    let mut out: Vec<(String, At)> = Vec::new();
    let mut open = false;
    let mut table_row = false;
    let mut last_index = h;
    for (i, line) in section_lines(doc, h, 80) {
        let text = line.text.trim();
        let lower = text.to_lowercase();
        // A table row: an id column (`CUEC-1`, `1`), the control, perhaps a criteria column.
        let segs = segments(text);
        let row = segs.len() >= 2 && row_id(segs[0].1) && {
            let l = segs[1].1.to_lowercase();
            l.starts_with("user entit")
        };
        let after_id = if row {
            segs[1].1
        } else {
            let mut words = text.splitn(2, char::is_whitespace);
            match (words.next(), words.next()) {
                (Some(first), Some(rest)) if control_id(first) => rest.trim(),
                _ => text,
            }
        };
        let starts_item = bullet(text) || after_id.to_lowercase().starts_with("user entit");
        let gap = i > last_index + 1
            && doc.lines[last_index + 1..i]
                .iter()
                .any(|l| l.is_blank() && !l.repeated);
        if starts_item {
            table_row = row;
            let body = strip_bullet(after_id);
            let body = match body.split_once(char::is_whitespace) {
                Some((first, rest)) if control_id(first) => rest.trim(),
                _ => body,
            };
            out.push((body.to_string(), line.at()));
            open = true;
        } else if open
            && !gap
            && !lower.is_empty()
            && out.last().is_some_and(|(_, at)| at.page == line.page)
        {
            if table_row && segs.len() > 1 {
                // A wrapped table row whose other columns wrap too: its text cannot be told
                // apart, so the item is not drafted.
                out.pop();
                break;
            }
            if let Some((item, at)) = out.last_mut() {
                item.push(' ');
                item.push_str(text);
                if at.page == line.page {
                    at.last = line.no;
                }
            }
        } else if !out.is_empty() {
            break;
        }
        last_index = i;
    }
    out
}

fn period(doc: &Doc, report_type: Option<u8>) -> (Pick<(NaiveDate, NaiveDate)>, Pick<NaiveDate>) {
    let mut ranges = Vec::new();
    let mut as_of = Vec::new();
    let mut unsure = Vec::new();
    let lines: Vec<(usize, &Line)> = doc.body().collect();
    for (k, (_, line)) in lines.iter().enumerate() {
        let lower = line.lower();
        // A phrase may wrap: read the line with the next one.
        let joined = match lines.get(k + 1) {
            Some((_, next)) if next.page == line.page => format!("{} {}", line.text, next.text),
            _ => line.text.to_string(),
        };
        let joined_lower = joined.to_lowercase();
        if joined_lower.contains("period") || lower.contains("through") {
            let Some(p) =
                find_words(&joined_lower, "period").or_else(|| find_words(&joined_lower, "from"))
            else {
                continue;
            };
            if p >= line.text.len() {
                continue;
            }
            let found: Vec<(usize, Found)> = dates_in(&joined)
                .into_iter()
                .filter(|(at, _)| *at > p)
                .take(2)
                .collect();
            if found.len() == 2 {
                let between = &joined_lower[found[0].0..found[1].0];
                if !(between.contains(" to ")
                    || between.contains("through")
                    || between.contains(" - ")
                    || between.contains("until")
                    || between.contains('–'))
                {
                    continue;
                }
                match (&found[0].1, &found[1].1) {
                    (Found::Date(a), Found::Date(b)) if a < b => ranges.push(((*a, *b), line.at())),
                    (Found::Ambiguous(_, _, raw), _) | (_, Found::Ambiguous(_, _, raw)) => unsure
                        .push(format!(
                            "`{raw}` (p.{} l.{}) is ambiguous",
                            line.page, line.no
                        )),
                    _ => {}
                }
            }
        }
        if let Some(p) = find_words(&joined_lower, "as of")
            && p < line.text.len()
            && let Some((_, f)) = dates_in(&joined)
                .into_iter()
                .find(|(at, _)| *at > p && *at < p + 12)
        {
            match f {
                Found::Date(d) => as_of.push((d, line.at())),
                Found::Ambiguous(_, _, raw) => unsure.push(format!(
                    "`{raw}` (p.{} l.{}) is ambiguous",
                    line.page, line.no
                )),
            }
        }
    }
    if !unsure.is_empty() {
        let todo = format!("period: {}", unsure.join("; "));
        return (Pick::Unsure(todo), Pick::Nothing);
    }
    match report_type {
        Some(1) => (Pick::Nothing, agree(as_of, "period_end")),
        _ => {
            let shown: Vec<(Range, At)> = ranges
                .into_iter()
                .map(|(r, at)| (Range(r.0, r.1), at))
                .collect();
            match agree(shown, "period") {
                Pick::One(Range(a, b), at) => (Pick::One((a, b), at), Pick::Nothing),
                Pick::Unsure(t) => (Pick::Unsure(t), Pick::Nothing),
                Pick::Nothing => (Pick::Nothing, Pick::Nothing),
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
struct Range(NaiveDate, NaiveDate);

impl std::fmt::Display for Range {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} to {}", self.0, self.1)
    }
}

/// A firm's name without a sentence's full stop (`P.C.` keeps its own).
fn firm_name(text: &str) -> &str {
    let t = text.trim();
    if t.ends_with("P.C.") || t.ends_with("Co.") {
        t
    } else {
        t.trim_end_matches('.')
    }
}

/// Professional designations printed after a firm's name on a cover (`Tillbrook Marsh LLP,
/// Certified Public Accountants`): the firm signs without them.
const DESIGNATIONS: &[&str] = &[
    ", certified public accountants",
    ", chartered accountants",
    ", chartered certified accountants",
    ", registered auditors",
    ", public accountants",
    ", independent auditors",
    ", cpas",
];

/// What leads into a firm's name on a cover (`Issued by Oakhurst Pell & Co.`).
const FIRM_PREFIXES: &[&str] = &[
    "issued by ",
    "prepared by ",
    "audited by ",
    "examined by ",
    "report by ",
    "reported on by ",
    "signed by ",
];

/// A firm's name as it signs: a leading `Issued by` and a trailing designation taken off when
/// what is left is still a firm's name.
fn firm_as_signed(text: &str) -> String {
    let mut t = firm_name(text).to_string();
    let lower = t.to_lowercase();
    if let Some(p) = FIRM_PREFIXES.iter().find(|p| lower.starts_with(**p)) {
        t = t[p.len()..].trim().to_string();
    }
    let lower = t.to_lowercase();
    if let Some(d) = DESIGNATIONS.iter().find(|d| lower.ends_with(**d)) {
        let rest = firm_name(&t[..t.len() - d.len()]).to_string();
        if firm_like(&rest) {
            t = rest;
        }
    }
    t
}

fn firm_like(text: &str) -> bool {
    let t = text.trim().trim_end_matches('.');
    let lower = t.to_lowercase();
    t.len() < 60
        && t.chars().next().is_some_and(char::is_uppercase)
        && [
            " llp",
            " cpas",
            ", p.c",
            " p.c",
            " pllc",
            "certified public accountants",
            "& co",
        ]
        .iter()
        .any(|s| lower.ends_with(s))
}

fn auditor(doc: &Doc) -> Pick<String> {
    let labels = [
        "service auditor",
        "independent service auditor",
        "cpa firm",
        "audit firm",
        "auditor",
        "examined by",
        "prepared by",
    ];
    let (hits, _) = labelled(doc, &labels, &[], &[], false);
    let mut found = Vec::new();
    for hit in hits {
        let v = firm_as_signed(&hit.value);
        if firm_like(&v) {
            found.push((v, hit.at));
        }
    }
    if found.is_empty() {
        for (_, line) in doc.body() {
            let t = firm_as_signed(line.text);
            if firm_like(&t) && segments(line.text).len() == 1 {
                found.push((t, line.at()));
            }
        }
    }
    agree(found, "auditor")
}

fn report_date(doc: &Doc, firm: Option<&str>) -> Pick<NaiveDate> {
    let labelled_date = iso::dated(
        doc,
        &[
            "report date",
            "date of report",
            "date of the report",
            "report dated",
        ],
        &[],
        "report_date",
    );
    if !matches!(labelled_date, Pick::Nothing) {
        return labelled_date;
    }
    let Some(firm) = firm else {
        return Pick::Nothing;
    };
    let mut found = Vec::new();
    // The signature may repeat the cover's last line (the firm's name), which then reads as a
    // running footer: every line is looked at here.
    for (i, line) in doc.lines.iter().enumerate() {
        if firm_name(line.text) != firm {
            continue;
        }
        // The date under the signature: the firm, its city, then the date.
        let mut j = i;
        for _ in 0..4 {
            let Some((k, next)) = doc.next_text(j, 3) else {
                break;
            };
            j = k;
            let dates = dates_in(next.text);
            if dates.len() == 1 && next.text.trim().len() < 40 {
                if let Found::Date(d) = dates[0].1 {
                    found.push((d, next.at()));
                }
                break;
            }
        }
    }
    agree(found, "report_date")
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum OpinionKind {
    Unqualified,
    Qualified,
    Adverse,
    Disclaimer,
}

impl std::fmt::Display for OpinionKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            OpinionKind::Unqualified => "unqualified",
            OpinionKind::Qualified => "qualified",
            OpinionKind::Adverse => "adverse",
            OpinionKind::Disclaimer => "disclaimer",
        })
    }
}

/// The kind of opinion, from the opinion section's headings and its "In our opinion" paragraph;
/// also the text of the paragraphs giving the basis of a modified opinion.
fn opinion(doc: &Doc) -> (Pick<OpinionKind>, String) {
    let mut kinds: Vec<(OpinionKind, At)> = Vec::new();
    let mut basis = String::new();
    let lines: Vec<(usize, &Line)> = doc.body().collect();
    for (k, (_, line)) in lines.iter().enumerate() {
        let lower = line.lower();
        let t = lower.trim();
        let heading = t.len() < 50;
        if heading && t.starts_with("disclaimer of opinion") {
            kinds.push((OpinionKind::Disclaimer, line.at()));
        } else if heading && t.starts_with("adverse opinion") {
            kinds.push((OpinionKind::Adverse, line.at()));
        } else if heading && t.starts_with("qualified opinion") {
            kinds.push((OpinionKind::Qualified, line.at()));
        }
        if heading && t.starts_with("basis for") {
            for (_, l) in lines.iter().skip(k + 1).take(12) {
                basis.push_str(l.text);
                basis.push(' ');
            }
        }
        if lower.contains("we do not express an opinion") {
            kinds.push((OpinionKind::Disclaimer, line.at()));
        }
        if lower.contains("in our opinion") {
            let mut paragraph = String::new();
            for (_, l) in lines.iter().skip(k).take(10) {
                if l.is_blank() && !paragraph.is_empty() {
                    break;
                }
                paragraph.push_str(&l.lower());
                paragraph.push(' ');
            }
            let kind = if paragraph.contains("except for") {
                basis.push_str(&paragraph);
                OpinionKind::Qualified
            } else if [
                "do not present fairly",
                "does not present fairly",
                "were not suitably designed",
                "did not operate effectively",
                "not suitably designed",
            ]
            .iter()
            .any(|p| paragraph.contains(p))
            {
                basis.push_str(&paragraph);
                OpinionKind::Adverse
            } else if paragraph.contains("in all material respects") {
                OpinionKind::Unqualified
            } else {
                continue;
            };
            kinds.push((kind, line.at()));
        }
    }
    if kinds.is_empty() {
        return (Pick::Nothing, basis);
    }
    // A modified opinion's heading and paragraph agree; an unqualified paragraph beside a
    // modified heading is not guessed at.
    let strongest = kinds
        .iter()
        .map(|(k, _)| *k)
        .max()
        .unwrap_or(OpinionKind::Unqualified);
    let modified: BTreeSet<OpinionKind> = kinds
        .iter()
        .map(|(k, _)| *k)
        .filter(|k| *k != OpinionKind::Unqualified)
        .collect();
    if modified.len() > 1
        || (!modified.is_empty()
            && kinds.iter().any(|(k, _)| *k == OpinionKind::Unqualified)
            && strongest != OpinionKind::Disclaimer)
    {
        let list: Vec<String> = kinds
            .iter()
            .map(|(k, at)| format!("{k} (p.{} l.{})", at.page, at.line))
            .collect();
        return (
            Pick::Unsure(format!(
                "opinion: the opinion section reads as {}",
                list.join(", ")
            )),
            basis,
        );
    }
    let at = kinds
        .iter()
        .find(|(k, _)| *k == strongest)
        .map(|(_, at)| at.clone())
        .unwrap_or_else(|| kinds[0].1.clone());
    (Pick::One(strongest, at), basis)
}

fn categories(doc: &Doc) -> Pick<String> {
    let mut found: Vec<(String, At)> = Vec::new();
    let lines: Vec<(usize, &Line)> = doc.body().collect();
    for (k, (_, line)) in lines.iter().enumerate() {
        let mut joined = line.text.to_string();
        for (_, next) in lines.iter().skip(k + 1).take(2) {
            if next.page == line.page {
                joined.push(' ');
                joined.push_str(next.text);
            }
        }
        let lower = joined.to_lowercase();
        let Some(p) = lower.find("relevant to ").or_else(|| {
            [
                "trust services categories:",
                "categories in scope:",
                "trust services categories in scope:",
            ]
            .iter()
            .find_map(|l| lower.find(l).map(|p| p + l.len() - 12))
        }) else {
            continue;
        };
        let about = [
            "trust services",
            "categor",
            "controls relevant to",
            "criteria relevant to",
        ];
        if p >= line.text.len() || !about.iter().any(|a| lower.contains(a)) {
            continue;
        }
        let rest = &lower[p + 12..];
        let end = rest.find(['(', '.', ';', ':']).unwrap_or(rest.len());
        let rest = &rest[..end];
        let mut cats = Vec::new();
        for (word, name) in [
            ("security", "security"),
            ("availability", "availability"),
            ("processing integrity", "processing_integrity"),
            ("confidentiality", "confidentiality"),
            ("privacy", "privacy"),
        ] {
            if rest.contains(word) {
                cats.push(name);
            }
        }
        if !cats.is_empty() {
            found.push((cats.join(", "), line.at()));
        }
    }
    agree(found, "categories")
}

fn services(doc: &Doc) -> Pick<String> {
    let labels = [
        "services in scope",
        "in-scope services",
        "services covered",
        "services included in the system",
        "services included",
        "services",
    ];
    let mut found = Vec::new();
    for (i, line) in doc.body() {
        let lower = line.lower();
        let t = lower.trim_start();
        let Some(label) = labels
            .iter()
            .find(|l| t.starts_with(**l) && find_words(t, l) == Some(0))
        else {
            continue;
        };
        let lead = lower.len() - t.len();
        let rest = after_label(&line.text[lead + label.len()..]).trim();
        let mut list: Vec<String> = Vec::new();
        if !rest.is_empty() {
            if !line.text[lead + label.len()..]
                .trim_start()
                .starts_with(':')
            {
                continue;
            }
            for part in rest.trim_end_matches('.').split([',', ';']) {
                let part = part.trim().trim_start_matches("and ").trim();
                if !part.is_empty() {
                    list.push(part.to_string());
                }
            }
        } else {
            for (text, _) in items(doc, i) {
                list.push(text.trim_end_matches(['.', ';']).to_string());
            }
        }
        if !list.is_empty() {
            found.push((list.join(", "), line.at()));
        }
    }
    agree(found, "services")
}

const NO_EXCEPTIONS: &[&str] = &[
    "no exceptions noted",
    "no exceptions were noted",
    "no deviations noted",
    "no exceptions identified",
    "no exceptions were identified",
];

struct Exception {
    control: Option<String>,
    /// The text, or why it is left to the analyst.
    text: Result<String, String>,
    at: At,
}

/// The exceptions found (or none, and where the report says so), `None` when the report has no
/// test results; `Err` holds a TODO.
type Exceptions = Result<Option<(Vec<Exception>, Option<At>)>, String>;

fn exceptions(doc: &Doc) -> Exceptions {
    let mut rows: Vec<Exception> = Vec::new();
    let mut none_at: Option<At> = None;
    let lines: Vec<(usize, &Line)> = doc.body().collect();
    for (k, (_, line)) in lines.iter().enumerate() {
        let lower = line.lower();
        if NO_EXCEPTIONS.iter().any(|p| lower.contains(p)) {
            none_at.get_or_insert_with(|| line.at());
            continue;
        }
        let Some((p, phrase)) = [
            "exceptions noted",
            "exception noted",
            "deviations noted",
            "deviation noted",
        ]
        .iter()
        .find_map(|ph| lower.find(ph).map(|p| (p, *ph))) else {
            continue;
        };
        let rest = lower[p + phrase.len()..].trim_start();
        if !rest.starts_with(':') {
            continue;
        }
        let value = after_label(&line.text[p + phrase.len()..]).trim();
        if value.to_lowercase().trim_end_matches('.') == "none" {
            none_at.get_or_insert_with(|| line.at());
            continue;
        }
        // In a table row (the phrase in a later column) only the phrase's own column is the
        // exception's text: a wrapped cell is read down that column, and when the lines below
        // do not keep the columns apart the text is left to the analyst.
        let segs = segments(line.text);
        let col = segs
            .iter()
            .position(|(o, t)| *o <= p && p < o + t.len())
            .filter(|&c| c > 0)
            .map(|c| segs[c].0);
        let mut text = value.to_string();
        let mut mixed = value.to_string();
        let mut tangled = false;
        let mut last = line.no;
        for (_, next) in lines.iter().skip(k + 1).take(6) {
            let nt = next.text.trim();
            let nl = nt.to_lowercase();
            if nt.is_empty()
                || next.page != line.page
                || first_control(nt)
                    .is_some_and(|_| control_id(nt.split_whitespace().next().unwrap_or("")))
            {
                break;
            }
            let cell = match col {
                None => Some(nt.to_string()),
                Some(c) => result_cell(next.text, c),
            };
            let cell_lower = cell.as_deref().unwrap_or("").to_lowercase();
            if [cell_lower.as_str(), nl.as_str()].iter().any(|t| {
                t.starts_with("management")
                    || NO_EXCEPTIONS.iter().any(|p| t.contains(p))
                    || t.contains("exception")
            }) {
                break;
            }
            mixed.push(' ');
            mixed.push_str(nt);
            last = next.no;
            match cell {
                Some(c) if !c.is_empty() => {
                    text.push(' ');
                    text.push_str(&c);
                }
                Some(_) => {}
                None => tangled = true,
            }
        }
        let text = if tangled {
            Err(format!(
                "text: the exception is in a table whose cells wrap (p.{} l.{}-{}) and its column could not be read apart from the others; the lines read row by row: `{}`",
                line.page,
                line.no,
                last,
                super::lines::quote(&mixed)
            ))
        } else {
            Ok(text.trim().to_string())
        };
        let control = first_control(&line.text[..p]).or_else(|| {
            lines[k.saturating_sub(3)..k]
                .iter()
                .rev()
                .find_map(|(_, l)| {
                    l.text
                        .split_whitespace()
                        .next()
                        .filter(|t| control_id(t))
                        .map(|t| t.trim_end_matches('.').to_string())
                })
        });
        rows.push(Exception {
            control,
            text,
            at: At {
                page: line.page,
                line: line.no,
                last,
                text: line.text.trim().to_string(),
            },
        });
    }
    if rows
        .iter()
        .any(|r| r.text.as_ref().is_ok_and(|t| t.is_empty()))
    {
        return Err("exceptions: an exception is noted without its text".into());
    }
    if rows.is_empty() {
        return Ok(none_at.map(|at| (Vec::new(), Some(at))));
    }
    Ok(Some((rows, None)))
}

/// The text of the column starting at byte `col` of a table line: `Some("")` when the line
/// stops short of the column (its cell is empty there), `None` when the line's columns do not
/// line up with it (a PDF's text, or a cell spilling over), so the column cannot be told apart.
fn result_cell(text: &str, col: usize) -> Option<String> {
    let segs = segments(text);
    if let Some((_, t)) = segs.iter().find(|(o, _)| o.abs_diff(col) <= 1) {
        // Whatever comes before the column belongs to other columns.
        return Some(t.to_string());
    }
    if segs.iter().all(|(o, t)| o + t.len() < col) {
        return Some(String::new());
    }
    None
}

/// A subservice organisation: its name, `carve_out` or `inclusive`, where.
type SubserviceRow = (String, &'static str, At);

fn subservice(doc: &Doc) -> Result<Option<Vec<SubserviceRow>>, String> {
    let mut out = Vec::new();
    let all = doc.all_lower();
    let mut heads = headings(doc, "subservice organization");
    heads.extend(headings(doc, "subservice organisation"));
    heads.sort();
    for h in heads {
        for (_, line) in section_lines(doc, h, 25) {
            let lower = line.lower();
            let method = if lower.contains("carve-out")
                || lower.contains("carved out")
                || lower.contains("carve out")
            {
                "carve_out"
            } else if find_words(&lower, "inclusive").is_some() {
                "inclusive"
            } else {
                continue;
            };
            let segs = segments(line.text);
            let name = if segs.len() >= 2 {
                segs[0].1.to_string()
            } else if let Some((name, _)) = line
                .text
                .split_once(" — ")
                .or_else(|| line.text.split_once(" - "))
            {
                name.trim().to_string()
            } else {
                return Err(format!(
                    "subservice: p.{} l.{} names a method but no organisation column",
                    line.page, line.no
                ));
            };
            let name = strip_bullet(&name).to_string();
            if name.is_empty() || name.to_lowercase().contains("method") {
                continue;
            }
            out.push((name, method, line.at()));
        }
        if !out.is_empty() {
            return Ok(Some(out));
        }
    }
    if let Some(rows) = subservice_in_prose(doc) {
        return Ok(Some(rows));
    }
    if [
        "no subservice organizations",
        "no subservice organisations",
        "does not use any subservice",
        "does not use subservice",
    ]
    .iter()
    .any(|p| all.contains(p))
    {
        return Ok(Some(Vec::new()));
    }
    Ok(None)
}

/// List items with where each was read.
type Items = Vec<(String, At)>;

fn cuecs(doc: &Doc) -> Option<(Items, Option<At>)> {
    for h in headings(doc, "complementary user entity controls") {
        let found = items(doc, h);
        if !found.is_empty() {
            return Some((found, None));
        }
    }
    for (_, line) in doc.body() {
        let lower = line.lower();
        if lower.contains("no complementary user entity controls")
            || lower.contains("there are no complementary user entity")
        {
            return Some((Vec::new(), Some(line.at())));
        }
    }
    None
}

/// Drafts the `[[soc2]]` entry of a SOC 2 report (or of a SOC 3 report, as a summary).
pub fn soc(doc: &Doc, pin: &Pin, kind: Kind) -> Section {
    let mut t = Table::default();
    let first_pages: String = doc
        .lines
        .iter()
        .filter(|l| l.page <= 2)
        .map(|l| l.lower())
        .collect::<Vec<_>>()
        .join("\n");
    let (period, as_of);
    let mut report_type = soc_type(&first_pages);
    if kind == Kind::Soc3Report {
        t.comment("a SOC 3 report: a general-use summary, not the SOC 2 report itself (source = \"summary\")");
        (period, as_of) = period_of(doc, None);
        if matches!(period, Pick::One(..)) && report_type.is_none() {
            report_type = Some(2);
            t.comment(
                "type 2 drafted as the report covers a period (operating effectiveness over time)",
            );
        }
    } else {
        (period, as_of) = period_of(doc, report_type);
    }
    match report_type {
        Some(n) => {
            let at = doc
                .lines
                .iter()
                .find(|l| soc_type(&l.lower()) == Some(n))
                .map(|l| l.at());
            t.field("type", Value::Int(n.into()), at);
        }
        None => t.comment("TODO type: the report does not say Type 1 or Type 2 on its first pages"),
    }
    let firm = auditor(doc);
    let firm_name = match &firm {
        Pick::One(f, _) => Some(f.clone()),
        _ => None,
    };
    put(&mut t, "auditor", firm, Value::Str);
    match period {
        Pick::One((a, b), at) => {
            if report_type == Some(1) {
                t.comment(format!(
                    "TODO period: a Type 1 report with a period {a} to {b} (p.{} l.{})",
                    at.page, at.line
                ));
            } else {
                t.field("period_start", Value::Date(a), Some(at.clone()));
                t.field("period_end", Value::Date(b), Some(at));
            }
        }
        Pick::Unsure(todo) => t.comment(format!("TODO {todo}")),
        Pick::Nothing => {}
    }
    put(&mut t, "period_end", as_of, Value::Date);
    put(
        &mut t,
        "report_date",
        report_date(doc, firm_name.as_deref()),
        Value::Date,
    );
    let (opinion, basis) = opinion(doc);
    let modified = matches!(opinion, Pick::One(k, _) if k != OpinionKind::Unqualified);
    put(&mut t, "opinion", opinion, |k| Value::Str(k.to_string()));
    match categories(doc) {
        Pick::One(c, at) => t.field(
            "categories",
            Value::List(c.split(", ").map(String::from).collect()),
            Some(at),
        ),
        Pick::Unsure(todo) => t.comment(format!("TODO {todo}")),
        Pick::Nothing => {}
    }
    match services(doc) {
        Pick::One(c, at) => t.field(
            "services",
            Value::List(c.split(", ").map(String::from).collect()),
            Some(at),
        ),
        Pick::Unsure(todo) => t.comment(format!("TODO {todo}")),
        Pick::Nothing => t.comment("TODO services: list the services the system description names"),
    }
    let mut children = Vec::new();
    if kind == Kind::Soc2Report {
        match exceptions(doc) {
            Ok(Some((rows, none_at))) if rows.is_empty() => {
                t.field("exceptions", Value::EmptyList, none_at)
            }
            Ok(Some((rows, _))) => {
                for row in rows {
                    let mut e = Table::default();
                    if let Some(c) = &row.control {
                        e.field("control", Value::Str(c.clone()), Some(row.at.clone()));
                    }
                    match &row.text {
                        Ok(text) => e.field("text", Value::Str(text.clone()), Some(row.at.clone())),
                        Err(todo) => e.comment(format!("TODO {todo}")),
                    }
                    let material = modified
                        && row.control.as_ref().is_some_and(|c| basis.contains(c.as_str()) || basis.contains(&c.to_lowercase()));
                    if material {
                        e.field_with_note("material", Value::Bool(true), None, "the opinion is modified on this control");
                    } else {
                        e.field_with_note("material", Value::Bool(false), None, "your reading: the opinion is not modified on it");
                    }
                    children.push(Child { key: "exceptions", array: true, table: e });
                }
            }
            Ok(None) => t.comment("TODO exceptions: no tests-of-controls results found; record the exceptions, or `exceptions = []` if the report lists none"),
            Err(todo) => t.comment(format!("TODO {todo}")),
        }
        match cuecs(doc) {
            Some((list, at)) if list.is_empty() => t.field("cuecs", Value::EmptyList, at),
            Some((list, _)) => {
                for (text, at) in list {
                    let mut c = Table::default();
                    c.field("control", Value::Str(text), Some(at));
                    c.comment("owner = who owns it on our side");
                    children.push(Child {
                        key: "cuecs",
                        array: true,
                        table: c,
                    });
                }
            }
            None => t.comment("TODO cuecs: no complementary user entity controls section found"),
        }
        match subservice(doc) {
            Ok(Some(list)) if list.is_empty() => t.field("subservice", Value::EmptyList, None),
            Ok(Some(list)) => {
                for (name, method, at) in list {
                    let mut s = Table::default();
                    s.field("name", Value::Str(name), Some(at.clone()));
                    s.field("method", Value::Str(method.into()), Some(at));
                    if method == "carve_out" {
                        s.comment(
                            "vendor = its vendor id in the portfolio, where its own evidence lives",
                        );
                    }
                    children.push(Child {
                        key: "subservice",
                        array: true,
                        table: s,
                    });
                }
            }
            Ok(None) => t.comment("TODO subservice: no subservice organisations section found"),
            Err(todo) => t.comment(format!("TODO {todo}")),
        }
    }
    let source = if kind == Kind::Soc3Report {
        "summary"
    } else {
        "document"
    };
    t.field("source", Value::Str(source.into()), None);
    t.field(
        "document",
        Value::Document {
            path: pin.path.clone(),
            sha256: pin.sha256.clone(),
        },
        None,
    );
    t.children = children;
    Section {
        section: "soc2",
        table: t,
    }
}

fn period_of(
    doc: &Doc,
    report_type: Option<u8>,
) -> (Pick<(NaiveDate, NaiveDate)>, Pick<NaiveDate>) {
    period(doc, report_type)
}

/// Drafts `[soc2.bridge_letter]`.
pub fn bridge_letter(doc: &Doc, pin: &Pin) -> Section {
    let mut t = Table::default();
    let lines: Vec<(usize, &Line)> = doc.body().collect();
    let mut strong = Vec::new();
    let mut weak = Vec::new();
    let mut ambiguous = Vec::new();
    for (k, (_, line)) in lines.iter().enumerate() {
        let lower = line.lower();
        let Some((p, phrase)) = ["through", "until", "up to and including"]
            .iter()
            .find_map(|ph| find_words(&lower, ph).map(|p| (p, *ph)))
        else {
            continue;
        };
        let joined = match lines.get(k + 1) {
            Some((_, next)) if next.page == line.page => format!("{} {}", line.text, next.text),
            _ => line.text.to_string(),
        };
        // The sentence leading up to the date: does it speak of the time after the report?
        let before = format!(
            "{} {}",
            lines
                .get(k.wrapping_sub(1))
                .map(|(_, l)| l.lower())
                .unwrap_or_default(),
            &lower[..p]
        );
        let context = before.rsplit(". ").next().unwrap_or(&before).to_string();
        let Some((_, f)) = dates_in(&joined)
            .into_iter()
            .find(|(at, _)| *at >= p + phrase.len())
        else {
            continue;
        };
        match f {
            Found::Date(d) => {
                if [
                    "subsequent",
                    "since",
                    "bridge",
                    "gap period",
                    "following the end",
                    "after the end",
                ]
                .iter()
                .any(|w| context.contains(w))
                {
                    strong.push((d, line.at()));
                } else {
                    weak.push((d, line.at()));
                }
            }
            Found::Ambiguous(_, _, raw) => {
                ambiguous.push(format!("`{raw}` (p.{} l.{})", line.page, line.no))
            }
        }
    }
    if !ambiguous.is_empty() {
        t.comment(format!(
            "TODO through: ambiguous dates {}",
            ambiguous.join(", ")
        ));
    } else {
        let pick = if strong.is_empty() {
            agree(weak, "through")
        } else {
            agree(strong, "through")
        };
        match pick {
            Pick::Nothing => {
                t.comment("TODO through: the last day the letter covers was not found")
            }
            pick => put(&mut t, "through", pick, Value::Date),
        }
    }
    // Signed by: the lines after the closing.
    let mut signers = Vec::new();
    for (i, line) in doc.body() {
        let lower = line.lower();
        let t2 = lower.trim().trim_end_matches(',');
        if ![
            "sincerely",
            "respectfully",
            "respectfully yours",
            "yours respectfully",
            "best regards",
            "yours sincerely",
            "yours faithfully",
            "yours truly",
            "regards",
            "kind regards",
            "signed",
        ]
        .contains(&t2)
        {
            continue;
        }
        let mut parts: Vec<(String, usize)> = Vec::new();
        let mut j = i;
        while parts.len() < 2 {
            let Some((k, next)) = doc.next_text(j, 3) else {
                break;
            };
            j = k;
            let text = next.text.trim();
            if text.starts_with("/s/")
                || text.starts_with('[')
                || text.chars().all(|c| c == '_' || c == ' ')
            {
                continue;
            }
            if !dates_in(text).is_empty() || text.len() > 80 {
                break;
            }
            parts.push((text.to_string(), next.no));
        }
        if let Some((name, first)) = parts.first() {
            let value = parts
                .iter()
                .map(|(p, _)| p.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let last = parts.last().map(|(_, n)| *n).unwrap_or(*first);
            signers.push((
                value.clone(),
                At {
                    page: line.page,
                    line: *first,
                    last,
                    text: value.clone(),
                },
            ));
            let _ = name;
        }
    }
    put(&mut t, "signed_by", agree(signers, "signed_by"), Value::Str);
    // The letter's date: a dated line near the top, or a `Date:` label.
    let mut dated = Vec::new();
    if let Pick::One(d, at) = iso::dated(doc, &["date"], &[], "date") {
        dated.push((d, at));
    } else if let Some(line) = doc.lines.iter().filter(|l| l.page == 1).take(12).find(|l| {
        let ds = dates_in(l.text);
        ds.len() == 1 && l.text.trim().len() < 30
    }) && let Some((_, Found::Date(d))) = dates_in(line.text).first()
    {
        dated.push((*d, line.at()));
    }
    put(&mut t, "date", agree(dated, "date"), Value::Date);
    t.field(
        "document",
        Value::Document {
            path: pin.path.clone(),
            sha256: pin.sha256.clone(),
        },
        None,
    );
    Section {
        section: "soc2.bridge_letter",
        table: t,
    }
}

/// Drafts a `[[star]]` entry from a STAR certificate or attestation.
pub fn star(doc: &Doc) -> Section {
    let mut t = Table::default();
    let all = doc.all_lower();
    let program = if all.contains("star for ai") {
        "star_for_ai"
    } else {
        "star"
    };
    let first = doc
        .lines
        .iter()
        .find(|l| l.lower().contains("star"))
        .map(|l| l.at());
    t.field("program", Value::Str(program.into()), first.clone());
    let kind = if all.contains("star certification") || all.contains("star for ai certification") {
        Some(("certification", 2))
    } else if all.contains("star attestation") {
        Some(("attestation", 2))
    } else if all.contains("self-assessment") || all.contains("self assessment") {
        Some(("self_assessment", 1))
    } else {
        None
    };
    let mut levels = Vec::new();
    for (_, line) in doc.body() {
        let lower = line.lower();
        for n in 1..=3 {
            if find_words(&lower, &format!("level {n}")).is_some() {
                levels.push((n as i64, line.at()));
            }
        }
    }
    let level = agree(levels, "level");
    match (kind, level) {
        (Some((k, l)), Pick::One(n, at)) if n == l => {
            t.field("level", Value::Int(n), Some(at.clone()));
            t.field("assessment", Value::Str(k.into()), Some(at));
        }
        (Some((k, l)), Pick::Nothing) => {
            let at = doc
                .lines
                .iter()
                .find(|x| x.lower().contains(&k.replace('_', "-")))
                .map(|x| x.at())
                .or(first);
            t.field("level", Value::Int(l), at.clone());
            t.field("assessment", Value::Str(k.into()), at);
        }
        _ => t.comment(
            "TODO level, assessment: the document does not say which STAR level and kind it is",
        ),
    }
    put(
        &mut t,
        "date",
        iso::dated(
            doc,
            &[
                "date of issue",
                "issue date",
                "issued on",
                "date of certification",
                "attestation date",
                "date of attestation",
                "valid from",
                "effective date",
                "published",
            ],
            &["original", "initial"],
            "date",
        ),
        Value::Date,
    );
    if let Pick::One(d, at) = iso::dated(
        doc,
        &["expiry date", "valid until", "expires on", "date of expiry"],
        &[],
        "expires",
    ) {
        t.comment(format!("printed expiry {d} (p.{} l.{}): a STAR certification lapses with the certificate it rests on", at.page, at.line));
    }
    // The ISO certificate it rests on.
    let mut certs = Vec::new();
    for (_, line) in doc.body() {
        let lower = line.lower();
        if !(lower.contains("27001") || lower.contains("42001")) || !lower.contains("certificate") {
            continue;
        }
        for label in ["certificate no.", "certificate number", "certificate no"] {
            if let Some(p) = find_words(&lower, label) {
                let value: String = after_label(&line.text[p + label.len()..])
                    .split([',', ';', ')', '('])
                    .next()
                    .unwrap_or("")
                    .split("  ")
                    .next()
                    .unwrap_or("")
                    .trim()
                    .trim_end_matches('.')
                    .to_string();
                if value.chars().any(|c| c.is_ascii_digit()) && value.len() <= 30 {
                    certs.push((value, line.at()));
                    break;
                }
            }
        }
        // `… its ISO/IEC 27001:2022 certificate OCB-27001-0988`: named mid-sentence.
        if !certs
            .iter()
            .any(|(_, at)| at.line == line.no && at.page == line.page)
            && let Some(value) = iso::certificate_after_standard(line.text)
        {
            certs.push((value, line.at()));
        }
    }
    put(
        &mut t,
        "certificate",
        agree(certs, "certificate"),
        Value::Str,
    );
    let mut versions = Vec::new();
    let mut urls = Vec::new();
    for (_, line) in doc.body() {
        let words: Vec<&str> = line.text.split_whitespace().collect();
        for (w, word) in words.iter().enumerate() {
            // `(CCM v4.0.12)`: the version in parentheses.
            let bare = word.trim_start_matches('(');
            if ["CCM", "CAIQ", "AICM", "AI-CAIQ"].contains(&bare)
                && let Some(v) = words.get(w + 1)
            {
                let v = v.trim_end_matches([',', ';', ')', '.']);
                if v.starts_with('v') && v[1..].starts_with(|c: char| c.is_ascii_digit()) {
                    versions.push((format!("{bare} {v}"), line.at()));
                }
            }
            if word.starts_with("https://cloudsecurityalliance.org/star/registry/") {
                urls.push((
                    word.trim_end_matches(['.', ',', ')']).to_string(),
                    line.at(),
                ));
            }
        }
    }
    put(
        &mut t,
        "caiq_version",
        agree(versions, "caiq_version"),
        Value::Str,
    );
    put(
        &mut t,
        "registry_url",
        agree(urls, "registry_url"),
        Value::Str,
    );
    t.field("source", Value::Str("document".into()), None);
    t.comment("STAR-REGISTRY wants the registry entry itself: after checking it there, set source = \"registry\"");
    Section {
        section: "star",
        table: t,
    }
}

/// A subservice organisation named in prose: "… uses Skyline Compute Inc. for hosting … the
/// controls of Skyline Compute Inc. (carve-out method)". Only when the sentence naming the
/// method names one organisation, the same one the "uses … for" sentence names.
fn subservice_in_prose(doc: &Doc) -> Option<Vec<SubserviceRow>> {
    let lines: Vec<&Line> = doc.body().map(|(_, l)| l).collect();
    for (k, line) in lines.iter().enumerate() {
        let lower = line.lower();
        let method = if lower.contains("carve-out method") || lower.contains("carved out") {
            "carve_out"
        } else if lower.contains("inclusive method") {
            "inclusive"
        } else {
            continue;
        };
        // The two lines before and this one, as one text.
        let from = k.saturating_sub(2);
        let text: String = lines[from..=k]
            .iter()
            .map(|l| l.text.trim())
            .collect::<Vec<_>>()
            .join(" ");
        let name_after = |marker: &str| -> Option<String> {
            let at = text.find(marker)? + marker.len();
            let rest = &text[at..];
            let name: Vec<&str> = rest
                .split_whitespace()
                .take_while(|w| w.starts_with(|c: char| c.is_uppercase()))
                .collect();
            let name = name.join(" ");
            let name = name.trim_end_matches([',', ';', ')']);
            (!name.is_empty()).then(|| name.to_string())
        };
        let used = name_after(" uses ");
        let excluded = name_after("controls of ");
        if let (Some(a), Some(b)) = (&used, &excluded)
            && a.trim_end_matches('.') == b.trim_end_matches('.')
        {
            let name = if b.ends_with('.') && !a.ends_with('.') {
                a.clone()
            } else {
                b.clone()
            };
            return Some(vec![(name, method, line.at())]);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_ids() {
        for id in ["CC6.1", "A1.2", "PI1.3", "P4.2", "C1.1", "CC6.1:"] {
            assert!(control_id(id), "{id}");
        }
        for not in ["CC", "ISO", "6.1", "CCC6.1", "Z1.1"] {
            assert!(!control_id(not), "{not}");
        }
    }

    fn doc_of(pages: &[&[&str]]) -> crate::draft::Text {
        crate::draft::Text {
            pages: pages
                .iter()
                .map(|p| p.iter().map(|l| l.to_string()).collect())
                .collect(),
        }
    }

    #[test]
    fn a_firm_is_named_as_it_signs() {
        assert_eq!(
            firm_as_signed("Tillbrook Marsh LLP, Certified Public Accountants"),
            "Tillbrook Marsh LLP"
        );
        assert_eq!(
            firm_as_signed("Issued by Oakhurst Pell & Co."),
            "Oakhurst Pell & Co."
        );
        assert_eq!(
            firm_as_signed("Penwarden Hale CPAs, P.C."),
            "Penwarden Hale CPAs, P.C."
        );
        // The designation stays when what is left is not a firm's name.
        assert_eq!(
            firm_as_signed("Marsh, Certified Public Accountants"),
            "Marsh, Certified Public Accountants"
        );
    }

    #[test]
    fn aligned_with_is_not_a_claim() {
        let line = "our privacy program is aligned with iso 27701 and we follow the nist csf.";
        assert!(not_a_claim(line, line.find("iso").unwrap()));
        let line = "we are soc 2 type ii compliant, and iso/iec 27001 certified";
        assert!(!not_a_claim(line, line.find("iso").unwrap()));
        let line = "we are working towards iso 42001, and certified to iso 27001";
        assert!(not_a_claim(line, line.find("iso 42001").unwrap()));
        assert!(!not_a_claim(line, line.find("iso 27001").unwrap()));
    }

    #[test]
    fn an_exception_in_a_wrapped_table_is_read_down_its_column_or_left_as_todo() {
        // Plain text with columns kept: the Result column is read down.
        let aligned = doc_of(&[&[
            "CC6.3 Access of        Sampled 25           Exception noted: access for",
            "terminated staff       terminations         4 of 25 was removed late.",
            "                                            ",
            "CC6.4 Other            Inspected            No exceptions noted.",
        ]]);
        let rows = exceptions(&Doc::new(&aligned)).unwrap().unwrap().0;
        assert_eq!(rows.len(), 1);
        assert_eq!(
            rows[0].text.as_deref(),
            Ok("access for 4 of 25 was removed late.")
        );
        // PDF text: the columns of the wrapped lines do not line up, so no text is drafted.
        let tangled = doc_of(&[&[
            "CC6.3  Access of  For a sample of 25  Exception noted: access for",
            "terminated employees is  terminations, compared  4 of 25 terminated",
            "removed within one  termination dates with  employees was removed",
        ]]);
        let rows = exceptions(&Doc::new(&tangled)).unwrap().unwrap().0;
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].control.as_deref(), Some("CC6.3"));
        assert!(
            rows[0]
                .text
                .as_ref()
                .is_err_and(|t| t.contains("row by row"))
        );
        // Prose keeps reading the lines that follow.
        let prose = doc_of(&[&[
            "CC7.2 Exception noted: 2 of 40 alerts were",
            "not reviewed in time.",
        ]]);
        let rows = exceptions(&Doc::new(&prose)).unwrap().unwrap().0;
        assert_eq!(
            rows[0].text.as_deref(),
            Ok("2 of 40 alerts were not reviewed in time.")
        );
    }

    #[test]
    fn the_report_date_under_a_signature_that_repeats_the_cover() {
        let text = doc_of(&[
            &["Cover", "", "Penwarden Hale CPAs, P.C."],
            &[
                "Opinion text.",
                "",
                "Penwarden Hale CPAs, P.C.",
                "Tampa, Florida",
                "August 22, 2025",
            ],
        ]);
        let doc = Doc::new(&text);
        match report_date(&doc, Some("Penwarden Hale CPAs, P.C.")) {
            Pick::One(d, at) => {
                assert_eq!(d.to_string(), "2025-08-22");
                assert_eq!((at.page, at.line), (2, 5));
            }
            _ => panic!("no report date"),
        }
    }

    #[test]
    fn cuecs_in_a_table_with_an_id_column() {
        let text = doc_of(&[&[
            "Complementary User Entity Controls",
            "",
            "Control                   Complementary user entity control",
            "CUEC-1                    User entities are responsible for maintaining the",
            "                          accuracy of the data they submit.",
            "2  User entities are responsible for approving changes  CC6.1",
            "before each pay run.",
            "CUEC 3  User entities are responsible for  compared",
            "securing exports  with dates",
        ]]);
        let doc = Doc::new(&text);
        let found: Vec<String> = cuecs(&doc).unwrap().0.into_iter().map(|(t, _)| t).collect();
        assert_eq!(
            found,
            [
                "User entities are responsible for maintaining the accuracy of the data they submit.",
                "User entities are responsible for approving changes before each pay run.",
            ]
        );
        assert!(row_id("CUEC-1") && row_id("CUEC 2") && row_id("3.") && row_id("CC6.1"));
        assert!(!row_id("Control") && !row_id("No."));
    }
}
