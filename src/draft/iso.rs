//! ISO/IEC management-system certificates: standard and edition, number, entity, bodies,
//! dates, scope, surveillance and Statement of Applicability.

use chrono::NaiveDate;

use super::dates::{Found, dates_in};
use super::lines::{Doc, after_label, find_words, fold_label_gaps, labelled, segments};
use super::{At, Child, Pin, Section, Table, Value};
use crate::evidence::Standard;

pub const NUMBER_LABELS: &[&str] = &[
    "certificate number",
    "certificate no.",
    "certificate no",
    "certificate nr.",
    "certificate nr",
    "certificate #",
    "certificate id",
    "certificate reference",
    "certificate registration number",
    "certificate registration no.",
    "cert. no.",
    "cert no.",
    "cert no",
    "registration number",
    "registration no.",
    "registration no",
    "reg. no.",
];
const ISSUED: &[&str] = &[
    "date of this certificate",
    "date of issue",
    "issue date",
    "issued on",
    "issued",
    "date of current issue",
    "current issue date",
    "current issue",
    "date of certification",
    "certification date",
    "effective date",
    "valid from",
];
const ORIGINAL: &[&str] = &[
    "original registration date",
    "original registration",
    "original certification date",
    "original certification",
    "original issue date",
    "original issue",
    "originally issued",
    "initial certification date",
    "initial certification",
    "initial registration date",
    "initial registration",
    "first issued",
    "date of original registration",
    "date of initial certification",
    "certified since",
    "registered since",
];
const EXPIRES: &[&str] = &[
    "expiry date",
    "date of expiry",
    "expiration date",
    "expires on",
    "expires",
    "expiry",
    "valid until",
    "valid to",
    "valid through",
    "valid till",
    "certificate expiry",
];
const BODY_LABELS: &[&str] = &[
    "for the issuing office",
    "issuing office",
    "certification body",
    "certifying body",
    "issued by",
    "certified by",
    "certificate issued by",
    "registrar",
];
const ENTITY_LABELS: &[&str] = &[
    "certified organisation",
    "certified organization",
    "name of organisation",
    "name of organization",
    "organisation",
    "organization",
    "certificate holder",
    "certified entity",
    "awarded to",
    "issued to",
    "company",
    "client",
];
const SCOPE_LABELS: &[&str] = &[
    "scope of certification",
    "scope of registration",
    "scope of the certificate",
    "scope of the certification",
    "certification scope",
    "certified scope",
    "scope",
];
const SCOPE_PHRASES: &[&str] = &[
    "is valid for the following scope",
    "for the following scope",
    "for the following activities",
];
const ACCREDITATION_LABELS: &[&str] = &["accreditation body", "accredited by"];
const OTHER_LABELS: &[&str] = &[
    "statement of applicability",
    "surveillance",
    "standard",
    "address",
    "location",
    "site",
    "sites",
    "page",
    "signed",
    "signature",
    "accreditation",
];
/// Standards that certification bodies and guidance are written to; never the standard a
/// certificate certifies to.
const NOT_CERTIFIED: &[u32] = &[
    17011, 17021, 17024, 17065, 19011, 27000, 27002, 27006, 27007, 22989, 23894, 42006,
];

fn all_labels() -> Vec<&'static str> {
    [
        NUMBER_LABELS,
        ISSUED,
        ORIGINAL,
        EXPIRES,
        BODY_LABELS,
        ENTITY_LABELS,
        SCOPE_LABELS,
        ACCREDITATION_LABELS,
        OTHER_LABELS,
    ]
    .concat()
}

/// What the recognisers made of one field.
pub enum Pick<T> {
    Nothing,
    One(T, At),
    /// Seen, but not sure: what to say in the `TODO` comment.
    Unsure(String),
}

/// One value when every candidate agrees, `Unsure` listing them when they differ.
pub fn agree<T: Clone + PartialEq + std::fmt::Display>(
    found: Vec<(T, At)>,
    field: &str,
) -> Pick<T> {
    let Some((first, at)) = found.first().cloned() else {
        return Pick::Nothing;
    };
    if found.iter().all(|(v, _)| *v == first) {
        return Pick::One(first, at);
    }
    let mut seen: Vec<String> = Vec::new();
    for (v, at) in &found {
        let c = format!("{v} (p.{} l.{})", at.page, at.line);
        if !seen.iter().any(|s| s.starts_with(&v.to_string())) {
            seen.push(c);
        }
    }
    Pick::Unsure(format!("{field}: candidates {}", seen.join(", ")))
}

pub fn put<T>(table: &mut Table, key: &str, pick: Pick<T>, to_value: impl Fn(T) -> Value) {
    match pick {
        Pick::Nothing => {}
        Pick::One(v, at) => table.field(key, to_value(v), Some(at)),
        Pick::Unsure(todo) => table.comment(format!("TODO {todo}")),
    }
}

/// Dates printed after one of `phrases` on a line (or under it, in the same column), not
/// after one of `skip_after` (the phrase is part of a longer label such as "original issue").
pub fn dated(doc: &Doc, phrases: &[&str], skip_before: &[&str], field: &str) -> Pick<NaiveDate> {
    let mut found: Vec<(NaiveDate, At)> = Vec::new();
    let mut ambiguous: Vec<String> = Vec::new();
    let mut bare: Vec<String> = Vec::new();
    let mut take = |f: Found, at: At, found: &mut Vec<(NaiveDate, At)>| match f {
        Found::Date(d) => found.push((d, at)),
        Found::Ambiguous(a, b, raw) => ambiguous.push(format!(
            "`{raw}` (p.{} l.{}) reads as {a} or {b}",
            at.page, at.line
        )),
    };
    for (i, line) in doc.body() {
        let folded = fold_label_gaps(line.text, phrases);
        let lower = folded.to_lowercase();
        if lower.len() != folded.len() {
            continue;
        }
        let Some((p, phrase)) = phrases
            .iter()
            .filter_map(|ph| find_words(&lower, ph).map(|p| (p, *ph)))
            .filter(|(p, _)| {
                let before = &lower[..*p];
                !skip_before.iter().any(|s| before.trim_end().ends_with(s))
            })
            .min_by_key(|(p, ph)| (*p, usize::MAX - ph.len()))
        else {
            continue;
        };
        let end = p + phrase.len();
        // The first date after the phrase, unless another label comes between.
        let dates = dates_in(&folded);
        let next = dates.into_iter().find(|(at, _)| *at >= end);
        if let Some((at, f)) = next {
            let between = &lower[end..at];
            let other_label = all_labels()
                .iter()
                .filter(|l| !phrases.contains(l))
                .any(|l| find_words(between, l).is_some());
            if !other_label {
                take(f, line.at(), &mut found);
            }
            continue;
        }
        // Label above value: the same column of the next line.
        let segs = segments(&folded);
        let Some(col) = segs.iter().position(|(o, s)| *o <= p && p < o + s.len()) else {
            continue;
        };
        let mut taken = false;
        if let Some((_, below)) = doc.next_text(i, 2) {
            let below_segs = segments(below.text);
            if below_segs.len() == segs.len() {
                let value = below_segs[col].1;
                if let Some((_, f)) = dates_in(value).into_iter().next() {
                    let at = At {
                        page: line.page,
                        line: line.no,
                        last: below.no,
                        text: format!("{} / {}", segs[col].1, value),
                    };
                    take(f, at, &mut found);
                    taken = true;
                }
            }
        }
        // A label alone in its column, with no date beside or below it.
        let label_only = segs[col].1.trim_end_matches(':').trim().len() <= phrase.len() + 1;
        if !taken && label_only {
            bare.push(format!(
                "{field}: the label on p.{} l.{} has no date beside or below it",
                line.page, line.no
            ));
        }
    }
    if found.is_empty()
        && ambiguous.is_empty()
        && let Some(todo) = bare.into_iter().next()
    {
        return Pick::Unsure(todo);
    }
    if !ambiguous.is_empty() {
        let mut all: Vec<String> = found
            .iter()
            .map(|(d, at)| format!("{d} (p.{} l.{})", at.page, at.line))
            .collect();
        all.extend(ambiguous);
        return Pick::Unsure(format!("{field}: candidates {}", all.join("; ")));
    }
    agree(found, field)
}

/// A standard reference printed in a line: byte offset, text as printed, parsed.
pub fn standard_refs(line: &str) -> Vec<(usize, String, Standard)> {
    let lower = line.to_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = lower[from..].find("iso") {
        let at = from + found;
        from = at + 3;
        if at > 0
            && lower[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        // Back up over an `EN ` or `BS EN ` prefix.
        let mut start = at;
        for prefix in ["bs en ", "din en ", "en "] {
            if lower[..at].ends_with(prefix) {
                start = at - prefix.len();
                break;
            }
        }
        let bytes = line.as_bytes();
        let mut i = at + 3;
        // `/IEC`, ` IEC`
        let rest = &lower[i..];
        if let Some(r) = rest
            .strip_prefix("/iec")
            .or_else(|| rest.strip_prefix(" iec"))
        {
            i = line.len() - r.len();
        }
        while i < bytes.len() && bytes[i] == b' ' {
            i += 1;
        }
        let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if !(4..=5).contains(&digits) {
            continue;
        }
        i += digits;
        // `:2022`
        if bytes.get(i) == Some(&b':')
            && bytes
                .get(i + 1..i + 5)
                .is_some_and(|y| y.iter().all(u8::is_ascii_digit))
        {
            i += 5;
            // `/Amd 1:2024`, ` + A1:2024`, `/AMD1:2024`
            let tail = &line[i..];
            let trimmed = tail.trim_start();
            if trimmed.starts_with('/') || trimmed.starts_with('+') {
                let lead = tail.len() - trimmed.len();
                let mut j = 1;
                let tb = trimmed.as_bytes();
                while j < tb.len()
                    && j < 20
                    && (tb[j].is_ascii_alphanumeric() || b" .:".contains(&tb[j]))
                {
                    j += 1;
                }
                // Shrink to the longest prefix that parses with the amendment.
                let mut k = j;
                while k > 1 {
                    let candidate = format!("{}{}", &line[start..i], &tail[..lead + k]);
                    if let Some(s) = Standard::parse(candidate.trim())
                        && s.amendment.is_some()
                    {
                        i += lead + k;
                        break;
                    }
                    k -= 1;
                }
            }
        }
        let printed = line[start..i].trim().to_string();
        if let Some(s) = Standard::parse(&printed) {
            out.push((start, printed, s));
        }
        from = i.max(from);
    }
    out
}

const STANDARD_LINE: &[&str] = &[
    "requirements of",
    "conforms to",
    "conform to",
    "conformity with",
    "complies with",
    "compliance with",
    "in accordance with",
    "meets the requirements",
    "certified to",
    "registered to",
    "approved to",
    "standard",
    "management system",
];
const NOT_MAIN_BEFORE: &[&str] = &[
    "extension to",
    "in conjunction with",
    "together with",
    "based on",
    "extends",
    "transitioned from",
    "previously",
    "guidance of",
    "controls of",
    "annex a of",
];

/// Phrases that, earlier in a standard's sentence, make it the standard extended.
const EXTENDED_BEFORE: &[&str] = &["extension to", "in conjunction with", "together with"];

/// The standard a certificate certifies to.
pub fn main_standard(doc: &Doc) -> Pick<String> {
    let mut on_standard_lines: Vec<(String, Standard, At)> = Vec::new();
    let mut anywhere: Vec<(String, Standard, At)> = Vec::new();
    let body: Vec<&super::lines::Line> = doc.body().map(|(_, l)| l).collect();
    for (k, line) in body.iter().enumerate() {
        let line = *line;
        let lower = line.lower();
        if lower.contains("transition") {
            continue;
        }
        let previous = k
            .checked_sub(1)
            .map(|j| body[j])
            .filter(|p| p.page == line.page && !p.is_blank())
            .map(|p| p.lower())
            .unwrap_or_default();
        for (at, printed, s) in standard_refs(line.text) {
            if NOT_CERTIFIED.contains(&s.number) {
                continue;
            }
            let before = lower[..at].trim_end();
            if NOT_MAIN_BEFORE.iter().any(|p| before.ends_with(p)) {
                continue;
            }
            // The same sentence, wrapped from the line before, calls it what this certificate
            // extends: `as an extension to its system certified to` / `ISO/IEC 27001:2022 …`.
            let sentence = format!("{previous} {before}");
            let sentence = sentence.rsplit(". ").next().unwrap_or(&sentence);
            if EXTENDED_BEFORE.iter().any(|p| sentence.contains(p)) {
                continue;
            }
            let entry = (printed, s, line.at());
            if STANDARD_LINE.iter().any(|p| lower.contains(p)) {
                on_standard_lines.push(entry.clone());
            }
            anywhere.push(entry);
        }
    }
    let pool = if on_standard_lines.is_empty() {
        anywhere
    } else {
        on_standard_lines
    };
    let Some(first) = pool.first() else {
        return Pick::Nothing;
    };
    let numbers: std::collections::BTreeSet<u32> = pool.iter().map(|(_, s, _)| s.number).collect();
    if numbers.len() > 1 {
        let names: Vec<String> = pool.iter().map(|(p, _, _)| p.clone()).collect();
        return Pick::Unsure(format!(
            "standard: several standards printed: {}",
            dedup(names).join(", ")
        ));
    }
    // The most specific reference; differing editions or amendments are not guessed between.
    let most = pool
        .iter()
        .max_by_key(|(_, s, _)| (s.edition.is_some() as u8) + (s.amendment.is_some() as u8))
        .unwrap_or(first);
    let conflict = pool.iter().any(|(_, s, _)| {
        (s.edition.is_some() && s.edition != most.1.edition)
            || (s.amendment.is_some() && s.amendment != most.1.amendment)
    });
    if conflict {
        let names: Vec<String> = pool.iter().map(|(p, _, _)| p.clone()).collect();
        return Pick::Unsure(format!(
            "standard: editions differ: {}",
            dedup(names).join(", ")
        ));
    }
    Pick::One(most.0.clone(), most.2.clone())
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    v.retain(|s| seen.insert(s.clone()));
    v
}

/// A value cut at the end of its sentence or column.
fn tidy(value: &str) -> String {
    value
        .trim()
        .trim_matches(|c| matches!(c, '"' | '“' | '”'))
        .trim_end_matches([',', ';'])
        .trim()
        .to_string()
}

/// Whether text ends inside an open parenthesis.
fn inside_parentheses(before: &str) -> bool {
    before.matches('(').count() > before.matches(')').count()
}

/// Whether a value closes a parenthesis it never opened (`6021)`): cut from a reference.
fn unbalanced_close(value: &str) -> bool {
    value.matches(')').count() > value.matches('(').count()
}

/// The certificate number(s) printed beside a number label.
pub fn certificate_number(doc: &Doc) -> Pick<String> {
    let (hits, bare) = labelled(
        doc,
        NUMBER_LABELS,
        &all_labels(),
        &[
            "extension",
            "in conjunction",
            "together with",
            "accreditation",
            "accredited",
        ],
        true,
    );
    let mut found = Vec::new();
    for hit in hits {
        // A number label inside parentheses (`(reg. no. 6021)`) refers to another register,
        // an accreditation or a standard, not to this certificate.
        let line_text = &doc.lines[hit.index].text;
        if hit.at.last == hit.at.line
            && line_text
                .find(hit.value.as_str())
                .is_some_and(|pos| inside_parentheses(&line_text[..pos]))
        {
            continue;
        }
        if unbalanced_close(&hit.value) {
            continue;
        }
        let value = tidy(&hit.value);
        // `CA-17-5512 (transferred)`: the number without the note after it.
        let value = value.split(" (").next().unwrap_or("").trim();
        let value = value.trim_end_matches('.').to_string();
        let ok = value.chars().any(|c| c.is_ascii_digit())
            && (3..=40).contains(&value.len())
            && dates_in(&value).is_empty()
            && standard_refs(&value).is_empty();
        if ok {
            found.push((value, hit.at));
        }
    }
    if found.is_empty() && !bare.is_empty() {
        let b = &bare[0];
        return Pick::Unsure(format!(
            "certificate_number: the label on p.{} l.{} has no value beside or below it",
            b.at.page, b.at.line
        ));
    }
    agree(found, "certificate_number")
}

const ENTITY_PHRASES: &[&str] = &[
    "this is to certify that",
    "we hereby certify that",
    "this certifies that",
    "this is to certify",
    "is hereby certified that",
    "hereby certifies that",
    "certifies that",
];

/// Whether a line reads as an organisation's name rather than a sentence.
fn name_like(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words = text.split_whitespace().count();
    !text.is_empty()
        && words <= 10
        && text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && ![
            "has been",
            "certif",
            "iso",
            "management system",
            "operates",
            "scope",
            "the organisation",
            "the organization",
        ]
        .iter()
        .any(|w| lower.contains(w))
}

pub fn certified_entity(doc: &Doc) -> Pick<String> {
    let mut found = Vec::new();
    let (hits, _) = labelled(doc, ENTITY_LABELS, &all_labels(), &[], false);
    for hit in hits {
        let value = tidy(&hit.value);
        if name_like(&value) {
            found.push((value, hit.at));
        }
    }
    for (i, line) in doc.body() {
        let lower = line.lower();
        let Some((p, phrase)) = ENTITY_PHRASES
            .iter()
            .find_map(|ph| lower.find(ph).map(|p| (p, *ph)))
        else {
            continue;
        };
        let rest = tidy(after_label(&line.text[p + phrase.len()..]));
        let rest_lower = rest.to_lowercase();
        let generic = rest.is_empty()
            || rest_lower.starts_with("the ")
            || rest_lower.contains("management system of");
        if !generic && name_like(&rest) {
            found.push((rest, line.at()));
            continue;
        }
        // The name on one of the next lines, after any "the management system of".
        let mut j = i;
        for _ in 0..3 {
            let Some((k, next)) = doc.next_text(j, 3) else {
                break;
            };
            j = k;
            let text = tidy(next.text);
            let lower = text.to_lowercase();
            if lower.contains("management system of") || lower == "of" || lower.starts_with("the ")
            {
                continue;
            }
            if name_like(&text) {
                let at = At {
                    page: line.page,
                    line: line.no,
                    last: next.no,
                    text: format!("{} / {}", line.text.trim(), text),
                };
                found.push((text, at));
            }
            break;
        }
    }
    agree(found, "certified_entity")
}

pub fn certification_body(doc: &Doc) -> Pick<String> {
    let mut found = Vec::new();
    let (hits, _) = labelled(doc, BODY_LABELS, &all_labels(), &[], false);
    for hit in hits {
        let value = tidy(&hit.value);
        if name_like(&value) || value.to_lowercase().contains("certification") {
            found.push((value, hit.at));
        }
    }
    for (i, line) in doc.body() {
        let lower = line.lower();
        let Some(p) = find_words(&lower, "on behalf of") else {
            continue;
        };
        let rest = tidy(&line.text[p + "on behalf of".len()..]);
        let rest = rest.trim_end_matches([':', '.']).trim().to_string();
        if !rest.is_empty() {
            if name_like(&rest) || rest.to_lowercase().contains("certification") {
                found.push((rest, line.at()));
            }
        } else if let Some((_, next)) = doc.next_text(i, 2) {
            let text = tidy(next.text);
            if name_like(&text) || text.to_lowercase().contains("certification") {
                let at = At {
                    page: line.page,
                    line: line.no,
                    last: next.no,
                    text: format!("{} / {}", line.text.trim(), text),
                };
                found.push((text, at));
            }
        }
    }
    // "Certis Registrar Inc. certifies that …", or the body's name on the line before.
    for (i, line) in doc.body() {
        let lower = line.lower();
        let Some(p) = find_words(&lower, "certifies that") else {
            continue;
        };
        if lower.contains("this certifies") {
            continue;
        }
        let before = line.text[..p].trim();
        let before = before.strip_suffix("hereby").unwrap_or(before).trim();
        let before = before
            .strip_prefix("The certification body of")
            .unwrap_or(before)
            .trim();
        if !before.is_empty() {
            if name_like(before) || before.to_lowercase().contains("certification") {
                found.push((tidy(before), line.at()));
            }
            continue;
        }
        let previous = doc.lines[..i]
            .iter()
            .rev()
            .take(3)
            .find(|l| !l.is_blank() && !l.repeated && l.page == line.page);
        if let Some(prev) = previous {
            let text = tidy(prev.text);
            if name_like(&text) || text.to_lowercase().contains("certification") {
                let at = At {
                    page: prev.page,
                    line: prev.no,
                    last: line.no,
                    text: format!("{} / {}", text, line.text.trim()),
                };
                found.push((text, at));
            }
        }
    }
    if found.is_empty()
        && let Some(hit) = letterhead_body(doc)
    {
        found.push(hit);
    }
    agree(found, "certification_body")
}

/// Legal forms a company's name ends with.
const LEGAL_FORMS: &[&str] = &[
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "limited",
    "llc",
    "gmbh",
    "ag",
    "a/s",
    "as",
    "ab",
    "aps",
    "oy",
    "b.v.",
    "bv",
    "n.v.",
    "s.a.",
    "sa",
    "sas",
    "sarl",
    "s.r.l.",
    "srl",
    "s.p.a.",
    "plc",
    "corp.",
    "corporation",
    "co.",
    "kk",
    "pty",
];

/// Whether a line reads as a company's name: short, and its last word a legal form.
fn company_like(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let lower = text.to_lowercase();
    (2..=8).contains(&words.len())
        && words
            .last()
            .is_some_and(|w| LEGAL_FORMS.contains(&w.to_lowercase().trim_end_matches(',')))
        && text.starts_with(char::is_uppercase)
        && !["iso", "management system", "scope", "certify", "certifies"]
            .iter()
            .any(|w| find_words(&lower, w).is_some())
}

/// The certification body named in the letterhead (the first lines of the first page) and
/// again further down, under the signature or in the footer (`QUARRYSTONE REGISTRAR INC.` and
/// `Quarrystone Registrar Inc., 4100 Lakeshore Drive, …`): two printings agreeing, the second's
/// spelling kept. A name that is the certified entity's is not the body's.
fn letterhead_body(doc: &Doc) -> Option<(String, At)> {
    let head: Vec<&super::lines::Line> = doc
        .lines
        .iter()
        .filter(|l| l.page == 1 && !l.is_blank())
        .take(3)
        .collect();
    let entity = match certified_entity(doc) {
        Pick::One(e, _) => Some(e.to_lowercase()),
        _ => None,
    };
    for top in head {
        let name = tidy(top.text);
        if !company_like(&name) || entity.as_deref() == Some(name.to_lowercase().as_str()) {
            continue;
        }
        let key = name.to_lowercase();
        for line in doc
            .lines
            .iter()
            .filter(|l| l.page != top.page || l.no != top.no)
        {
            let text = line.text.trim();
            let lower = text.to_lowercase();
            let rest = lower.strip_prefix(key.as_str());
            if rest.is_some_and(|r| r.is_empty() || r.starts_with(',')) {
                let printed = text[..key.len()].to_string();
                let at = At {
                    page: top.page,
                    line: top.no,
                    last: top.no,
                    text: format!(
                        "{} / p.{} l.{}: {}",
                        top.text.trim(),
                        line.page,
                        line.no,
                        text
                    ),
                };
                return Some((printed, at));
            }
        }
    }
    None
}

pub fn accreditation_body(doc: &Doc) -> Pick<String> {
    let (hits, _) = labelled(doc, ACCREDITATION_LABELS, &all_labels(), &[], false);
    let bodies = crate::rules::accreditation::recognised_bodies();
    let mut found = Vec::new();
    for hit in &hits {
        let value = tidy(&hit.value);
        if let Some(b) = crate::rules::accreditation::find_body(&bodies, &value) {
            found.push((b.acronym.clone(), hit.at.clone()));
        }
    }
    if found.is_empty() {
        for (_, line) in doc.body() {
            let lower = line.lower();
            for b in &bodies {
                // An acronym alone (`SAS`, `NA`) is also a company form or a word: it counts
                // only on a line about accreditation.
                let by_acronym = b.acronym.len() >= 3
                    && lower.contains("accredit")
                    && find_words(line.text, &b.acronym).is_some();
                let by_name = b.name.len() > 8 && lower.contains(&b.name.to_lowercase());
                if by_acronym || by_name {
                    found.push((b.acronym.clone(), line.at()));
                }
            }
        }
    }
    agree(found, "accreditation_body")
}

/// Lines of one paragraph joined: a word hyphenated at a line's end (`soft-` / `ware`) is
/// joined again when the line ends with a letter and a hyphen and the next starts in lower case.
pub fn join_wrapped(parts: &[String]) -> String {
    let mut out = String::new();
    for part in parts {
        let part = part.trim();
        let hyphenated = out
            .strip_suffix('-')
            .is_some_and(|s| s.ends_with(char::is_alphabetic))
            && part.starts_with(char::is_lowercase);
        if hyphenated {
            out.pop();
        } else if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

pub fn scope(doc: &Doc) -> Pick<String> {
    let labels = all_labels();
    let mut found: Vec<(String, At)> = Vec::new();
    let mut unsure: Option<String> = None;
    let body: Vec<(usize, &super::lines::Line)> = doc.body().collect();
    let mut k = 0;
    while k < body.len() {
        let (_, line) = body[k];
        let lower = line.lower();
        let start = SCOPE_PHRASES
            .iter()
            .find_map(|ph| find_words(&lower, ph).map(|p| p + ph.len()))
            .or_else(|| {
                let trimmed = lower.trim_start();
                let lead = lower.len() - trimmed.len();
                SCOPE_LABELS
                    .iter()
                    .find(|l| trimmed.starts_with(**l) && find_words(trimmed, l) == Some(0))
                    .map(|l| lead + l.len())
            });
        let Some(start) = start else {
            k += 1;
            continue;
        };
        let mut parts: Vec<String> = Vec::new();
        let first = after_label(&line.text[start..]).trim();
        if !first.is_empty() {
            parts.push(first.to_string());
        }
        let mut last = line.no;
        let mut page = line.page;
        let mut cut = false;
        // Just past a page break: blank lines at the top of the page do not end the scope.
        let mut crossed = false;
        let mut m = k + 1;
        while m < body.len() && m <= k + 15 {
            let (_, next) = body[m];
            let sentence_open = parts.last().is_some_and(|p| !p.ends_with(['.', ':', ';']));
            // A running header or footer inside an open sentence is skipped over.
            if next.running && sentence_open && !parts.is_empty() {
                m += 1;
                continue;
            }
            if next.page != page {
                if !sentence_open || parts.is_empty() {
                    break;
                }
                // The sentence runs over the page break: it goes on only if the next page's
                // first line carries on in lower case; otherwise where it ends is unclear.
                let first = body[m..]
                    .iter()
                    .find(|(_, l)| !l.is_blank() && !l.running)
                    .map(|(_, l)| l.text.trim_start());
                if first.is_some_and(|t| t.starts_with(char::is_lowercase)) {
                    page = next.page;
                    crossed = true;
                } else {
                    cut = true;
                    break;
                }
            }
            if next.is_blank() {
                if !parts.is_empty() && !crossed {
                    break;
                }
                m += 1;
                continue;
            }
            let next_lower = next.lower();
            let trimmed = next_lower.trim_start();
            if (!sentence_open
                && labels
                    .iter()
                    .any(|l| trimmed.starts_with(l) && find_words(trimmed, l) == Some(0)))
                || next_lower.contains("this certificate")
                || !dates_in(next.text).is_empty() && !parts.is_empty() && next.text.len() < 40
            {
                break;
            }
            parts.push(next.text.trim().to_string());
            crossed = false;
            last = next.no;
            m += 1;
        }
        if cut {
            unsure = Some(format!(
                "scope: the scope on p.{} l.{} runs on past the end of the page and where it ends is unclear: `{}`",
                line.page,
                line.no,
                super::lines::quote(&join_wrapped(&parts))
            ));
            break;
        }
        let text = tidy(&join_wrapped(&parts));
        if text.len() >= 12 {
            found.push((
                text,
                At {
                    page: line.page,
                    line: line.no,
                    last,
                    text: line.text.trim().to_string(),
                },
            ));
            break;
        }
        k += 1;
    }
    if found.is_empty()
        && let Some(todo) = unsure
    {
        return Pick::Unsure(todo);
    }
    agree(found, "scope")
}

/// Surveillance audits the certificate says took place, and the schedule it prints.
fn surveillance(doc: &Doc) -> (Vec<(NaiveDate, At)>, Vec<String>) {
    let mut done = Vec::new();
    let mut planned = Vec::new();
    for (_, line) in doc.body() {
        let lower = line.lower();
        if !lower.contains("surveillance") {
            continue;
        }
        let performed = [
            "completed",
            "conducted",
            "performed",
            "carried out",
            "took place",
        ]
        .iter()
        .any(|w| lower.contains(w));
        for (_, f) in dates_in(line.text) {
            match (f, performed) {
                (Found::Date(d), true) => done.push((d, line.at())),
                (Found::Date(d), false) => {
                    planned.push(format!("{d} (p.{} l.{})", line.page, line.no))
                }
                (Found::Ambiguous(_, _, raw), _) => planned.push(format!(
                    "`{raw}` (ambiguous, p.{} l.{})",
                    line.page, line.no
                )),
            }
        }
    }
    (done, planned)
}

/// The Statement of Applicability's version (and its date, for a comment).
fn soa(doc: &Doc) -> Option<(Option<String>, Option<NaiveDate>, At)> {
    for (_, line) in doc.body() {
        let lower = line.lower();
        if !(lower.contains("statement of applicability") || find_words(line.text, "SoA").is_some())
        {
            continue;
        }
        let words: Vec<&str> = line.text.split_whitespace().collect();
        let mut version = None;
        for (w, word) in words.iter().enumerate() {
            let lw = word.to_lowercase();
            let clean = |s: &str| s.trim_end_matches([',', ';', ')', '.']).to_string();
            if matches!(
                lw.as_str(),
                "version" | "ver." | "rev." | "revision" | "issue" | "version:" | "rev"
            ) && let Some(v) = words.get(w + 1)
                && v.chars().any(|c| c.is_ascii_digit())
            {
                version = Some(clean(v));
                break;
            }
            if (lw.starts_with('v')
                && lw.len() > 1
                && lw[1..].starts_with(|c: char| c.is_ascii_digit()))
                && dates_in(word).is_empty()
            {
                version = Some(clean(word));
                break;
            }
        }
        let date = dates_in(line.text).into_iter().find_map(|(_, f)| f.date());
        if version.is_some() || date.is_some() {
            return Some((version, date, line.at()));
        }
    }
    None
}

/// A certificate number printed right after an ISO/IEC 27001 or 42001 reference and the word
/// `certificate` (`… its ISO/IEC 27001:2022 certificate OCB-27001-0988,`).
pub fn certificate_after_standard(line: &str) -> Option<String> {
    for (at, printed, s) in standard_refs(line) {
        if !matches!(s.number, 27001 | 42001) {
            continue;
        }
        let rest = line[at + printed.len()..].trim_start();
        let lower = rest.to_lowercase();
        let Some(mut tail) = lower.strip_prefix("certificate ").map(|_| &rest[12..]) else {
            continue;
        };
        for word in ["number", "no.", "no", "nr."] {
            let tl = tail.trim_start().to_lowercase();
            if tl.starts_with(word) && find_words(&tl, word) == Some(0) {
                let lead = tail.len() - tail.trim_start().len();
                tail = &tail[lead + word.len()..];
                break;
            }
        }
        let token = after_label(tail)
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')'))
            .next()
            .unwrap_or("")
            .trim_end_matches('.');
        let ok = token.chars().any(|c| c.is_ascii_digit())
            && token.chars().any(|c| c.is_ascii_alphabetic() || c == '-')
            && (4..=30).contains(&token.len())
            && dates_in(token).is_empty()
            && standard_refs(token).is_empty();
        if ok {
            return Some(token.to_string());
        }
    }
    None
}

/// The number of the certificate an extension certificate extends.
fn extends(doc: &Doc) -> Pick<String> {
    let mut found = Vec::new();
    let body: Vec<&super::lines::Line> = doc.body().map(|(_, l)| l).collect();
    for (k, line) in body.iter().enumerate() {
        let lower = line.lower();
        // The sentence may start on the line before (`… as an extension to its system` /
        // `certified to ISO/IEC 27001:2022 under certificate number …`).
        let previous = k
            .checked_sub(1)
            .map(|j| body[j])
            .filter(|p| p.page == line.page && !p.is_blank())
            .map(|p| p.lower())
            .unwrap_or_default();
        let context = format!("{previous} {lower}");
        if ![
            "extension to",
            "in conjunction with",
            "together with",
            "extends certificate",
        ]
        .iter()
        .any(|p| context.contains(p))
        {
            continue;
        }
        for label in [
            "certificate no.",
            "certificate number",
            "certificate no",
            "certificate",
        ] {
            if let Some(p) = find_words(&lower, label) {
                let rest = after_label(&line.text[p + label.len()..]);
                let value: String = rest
                    .split([',', ';', ')', '('])
                    .next()
                    .unwrap_or("")
                    .trim()
                    .trim_end_matches('.')
                    .to_string();
                if value.chars().any(|c| c.is_ascii_digit())
                    && value.len() <= 30
                    && standard_refs(&value).is_empty()
                {
                    found.push((value, line.at()));
                    break;
                }
            }
        }
    }
    agree(found, "extends")
}

/// Drafts the `[[iso]]` entry of a certificate.
pub fn certificate(doc: &Doc, pin: &Pin) -> Section {
    let mut t = Table::default();
    match main_standard(doc) {
        Pick::One(s, at) => t.field("standard", Value::Str(s), Some(at)),
        Pick::Unsure(todo) => {
            t.comment(format!("TODO {todo}"));
        }
        Pick::Nothing => t.comment("TODO standard: no standard reference found in the text"),
    }
    put(
        &mut t,
        "certificate_number",
        certificate_number(doc),
        Value::Str,
    );
    put(
        &mut t,
        "certified_entity",
        certified_entity(doc),
        Value::Str,
    );
    match certification_body(doc) {
        Pick::Nothing => t.comment(
            "certification body not found in the text; read it from the certificate's letterhead or signature",
        ),
        pick => put(&mut t, "certification_body", pick, Value::Str),
    }
    match accreditation_body(doc) {
        Pick::Nothing => t.comment(
            "accreditation body not found in the text; read it from the certificate's accreditation mark",
        ),
        pick => put(&mut t, "accreditation_body", pick, Value::Str),
    }
    let before = [
        "original",
        "initial",
        "first",
        "originally",
        "re-",
        "recertification",
    ];
    let range = validity(doc);
    let issued = match dated(doc, ISSUED, &before, "issued") {
        Pick::Nothing => match &range {
            Pick::One(Span(first, _), at) => Pick::One(*first, at.clone()),
            _ => Pick::Nothing,
        },
        pick => pick,
    };
    put(&mut t, "issued", issued, Value::Date);
    if let Pick::One(d, at) = dated(doc, ORIGINAL, &[], "original") {
        t.comment(format!(
            "original registration {d} (p.{} l.{}): the evidence format records the current certificate's dates only",
            at.page, at.line
        ));
    }
    let expires = match dated(doc, EXPIRES, &[], "expires") {
        Pick::Nothing => match range {
            Pick::One(Span(_, last), at) => Pick::One(last, at),
            Pick::Unsure(todo) => Pick::Unsure(todo),
            Pick::Nothing => Pick::Nothing,
        },
        pick => pick,
    };
    put(&mut t, "expires", expires, Value::Date);
    put(&mut t, "scope", scope(doc), Value::Str);
    put(&mut t, "extends", extends(doc), Value::Str);
    t.field("source", Value::Str("document".into()), None);
    t.field(
        "document",
        Value::Document {
            path: pin.path.clone(),
            sha256: pin.sha256.clone(),
        },
        None,
    );
    let (done, planned) = surveillance(doc);
    if !planned.is_empty() {
        t.comment(format!(
            "surveillance schedule printed: {}; add an [[iso.surveillance]] entry once an audit has taken place",
            planned.join(", ")
        ));
    }
    for (date, at) in done {
        let mut s = Table::default();
        s.field("date", Value::Date(date), Some(at));
        t.children.push(Child {
            key: "surveillance",
            array: true,
            table: s,
        });
    }
    if let Some((version, date, at)) = soa(doc) {
        let mut s = Table::default();
        s.field_with_note(
            "reviewed",
            Value::Bool(false),
            None,
            "set to true once you have read the Statement of Applicability itself",
        );
        if let Some(v) = version {
            s.field("version", Value::Str(v), Some(at.clone()));
        }
        if let Some(d) = date {
            s.comment(format!(
                "the certificate dates the Statement of Applicability {d} (p.{} l.{}); `date` is the date of your review",
                at.page, at.line
            ));
        }
        t.child("soa", false, s);
    }
    Section {
        section: "iso",
        table: t,
    }
}

/// A printed validity range (`Validity: 14 March 2025 to 13 March 2028`, or `Valid:` above
/// `17 August 2024 - 16 August 2027`): its first and last day.
fn validity(doc: &Doc) -> Pick<Span> {
    let mut found = Vec::new();
    for (i, line) in doc.body() {
        let lower = line.lower();
        if !(lower.contains("validity") || find_words(&lower, "valid").is_some()) {
            continue;
        }
        let range = |text: &str| -> Option<Span> {
            let dates: Vec<NaiveDate> = dates_in(text)
                .into_iter()
                .filter_map(|(_, f)| f.date())
                .collect();
            (dates.len() == 2 && dates[0] < dates[1]).then(|| Span(dates[0], dates[1]))
        };
        if let Some(r) = range(line.text) {
            found.push((r, line.at()));
            continue;
        }
        // `Valid:` alone in its column, the range below it.
        let segs = segments(line.text);
        let Some(col) = segs.iter().position(|(_, s)| {
            let l = s.to_lowercase();
            let l = l.trim_end_matches(':').trim();
            l == "valid" || l == "validity" || l == "period of validity"
        }) else {
            continue;
        };
        if let Some((_, below)) = doc.next_text(i, 2) {
            let below_segs = segments(below.text);
            if below_segs.len() == segs.len()
                && let Some(r) = range(below_segs[col].1)
            {
                let at = At {
                    page: line.page,
                    line: line.no,
                    last: below.no,
                    text: format!("{} / {}", segs[col].1, below_segs[col].1),
                };
                found.push((r, at));
            }
        }
    }
    agree(found, "validity")
}

/// A range of days, first to last.
#[derive(Clone, Copy, PartialEq)]
pub struct Span(NaiveDate, NaiveDate);

impl std::fmt::Display for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} to {}", self.0, self.1)
    }
}

/// Whether the text has a certificate's facts, not only a claim: a number, a body or dates.
pub fn has_certificate_facts(doc: &Doc) -> bool {
    let number = !matches!(certificate_number(doc), Pick::Nothing);
    let body = !matches!(certification_body(doc), Pick::Nothing);
    let dates = !matches!(dated(doc, ISSUED, &[], "issued"), Pick::Nothing)
        || !matches!(dated(doc, EXPIRES, &[], "expires"), Pick::Nothing);
    [number, body, dates].iter().filter(|b| **b).count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_references_with_amendments() {
        let refs = |s: &str| {
            standard_refs(s)
                .into_iter()
                .map(|(_, p, _)| p)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            refs("meets ISO/IEC 27001:2022/Amd 1:2024."),
            ["ISO/IEC 27001:2022/Amd 1:2024"]
        );
        assert_eq!(
            refs("to ISO/IEC 27001:2022 + A1:2024 and"),
            ["ISO/IEC 27001:2022 + A1:2024"]
        );
        assert_eq!(
            refs("ISO 9001:2015, ISO/IEC 42001:2023"),
            ["ISO 9001:2015", "ISO/IEC 42001:2023"]
        );
        assert_eq!(refs("EN ISO/IEC 27001:2017"), ["EN ISO/IEC 27001:2017"]);
        assert_eq!(refs("ISOLATION 2022"), Vec::<String>::new());
    }

    fn text_of(pages: &[&[&str]]) -> crate::draft::Text {
        crate::draft::Text {
            pages: pages
                .iter()
                .map(|p| p.iter().map(|l| l.to_string()).collect())
                .collect(),
        }
    }

    #[test]
    fn a_number_label_inside_an_accreditation_reference_is_not_the_certificate_number() {
        let text = text_of(&[&[
            "Certificate  No.   NKC-ISMS-7741-M",
            "",
            "Accredited by DANAK  (reg. no. 6021)",
            "Registered with the scheme (registration no. 77)",
        ]]);
        match certificate_number(&Doc::new(&text)) {
            Pick::One(v, at) => {
                assert_eq!(v, "NKC-ISMS-7741-M");
                assert_eq!(at.line, 1);
            }
            _ => panic!("no single number"),
        }
        assert!(inside_parentheses("Accredited by DANAK  (reg. no. "));
        assert!(unbalanced_close("6021)"));
        assert!(!unbalanced_close("CA-17 (transferred)"));
    }

    #[test]
    fn a_word_hyphenated_at_a_line_end_is_joined() {
        let parts = [
            "port-logistics soft-".to_string(),
            "ware services, e-".to_string(),
            "Mail".to_string(),
        ];
        assert_eq!(
            join_wrapped(&parts),
            "port-logistics software services, e- Mail"
        );
    }

    #[test]
    fn a_scope_runs_over_a_page_break_past_the_running_header() {
        let text = text_of(&[
            &[
                "Scope:",
                "Support of port-logistics soft-",
                "ware services to shipping lines and port",
                "ACME-1   Page 1 of 3",
            ],
            &[
                "ACME-1   Page 2 of 3",
                "",
                "authorities, from the head office.",
                "",
                "Issue date: 2025-03-01",
            ],
            &["ACME-1   Page 3 of 3", "Annex"],
        ]);
        match scope(&Doc::new(&text)) {
            Pick::One(v, at) => {
                assert_eq!(
                    v,
                    "Support of port-logistics software services to shipping lines and port authorities, from the head office."
                );
                assert_eq!((at.page, at.line), (1, 1));
            }
            _ => panic!("no scope"),
        }
        // A sentence cut at a page break whose next page starts a new sentence: unsure.
        let text = text_of(&[
            &[
                "Scope:",
                "Support of software services to shipping lines and port",
                "ACME-1   Page 1 of 2",
            ],
            &["ACME-1   Page 2 of 2", "", "Annex of sites"],
        ]);
        assert!(
            matches!(scope(&Doc::new(&text)), Pick::Unsure(t) if t.contains("past the end of the page"))
        );
    }

    #[test]
    fn labels_spread_by_ocr_spacing_still_date() {
        let text = text_of(&[&[
            "Valid  until :  28-Feb-2028",
            "Date of this certificate: 1 March 2025",
        ]]);
        let doc = Doc::new(&text);
        assert!(
            matches!(dated(&doc, EXPIRES, &[], "expires"), Pick::One(d, _) if d.to_string() == "2028-02-28")
        );
        assert!(
            matches!(dated(&doc, ISSUED, &[], "issued"), Pick::One(d, _) if d.to_string() == "2025-03-01")
        );
    }

    #[test]
    fn a_certification_body_in_the_letterhead_and_under_the_signature() {
        let text = text_of(&[&[
            "QUARRYSTONE REGISTRAR INC.",
            "Certificate of Registration",
            "This certifies that the management system of",
            "Obsidian Relay Networks Pte. Ltd.",
            "is registered to ISO/IEC 27001:2022",
            "Elliot Marchetti, Registrar",
            "Quarrystone Registrar Inc., 4100 Lakeshore Drive, Toronto",
        ]]);
        match certification_body(&Doc::new(&text)) {
            Pick::One(v, at) => {
                assert_eq!(v, "Quarrystone Registrar Inc.");
                assert_eq!(at.line, 1);
            }
            _ => panic!("no body"),
        }
        let nordic = text_of(&[&[
            "NORDLYS KVALITET CERTIFICERING A/S",
            "This is to certify that",
            "Halvard Shipping Systems ApS",
            "Aarhus, 01-Mar-2025",
            "Nordlys Kvalitet Certificering A/S",
        ]]);
        assert!(
            matches!(certification_body(&Doc::new(&nordic)), Pick::One(v, _) if v == "Nordlys Kvalitet Certificering A/S")
        );
        // Printed once only, or the certified entity's name: nothing.
        let once = text_of(&[&[
            "ACME CERT LTD",
            "This certifies that",
            "Widget Co. Ltd",
            "ISO/IEC 27001",
        ]]);
        assert!(matches!(
            certification_body(&Doc::new(&once)),
            Pick::Nothing
        ));
        let entity = text_of(&[&[
            "Widget Holdings Ltd",
            "This certifies that",
            "Widget Holdings Ltd",
            "ISO/IEC 27001",
        ]]);
        assert!(matches!(
            certification_body(&Doc::new(&entity)),
            Pick::Nothing
        ));
    }

    #[test]
    fn the_certificate_extended_named_mid_sentence() {
        assert_eq!(
            certificate_after_standard(
                "in conjunction with its ISO/IEC 27001:2022 certificate OCB-27001-0988,"
            ),
            Some("OCB-27001-0988".into())
        );
        assert_eq!(
            certificate_after_standard("certified to ISO/IEC 27001:2022 certificate holders"),
            None
        );
        let text = text_of(&[&[
            "Certificate number: OCB-27017-1142",
            "has implemented the controls of",
            "ISO/IEC 27017:2015",
            "as an extension to its information security management system certified to",
            "ISO/IEC 27001:2022 under certificate number OCB-27001-0988. This certificate is valid",
            "only together with certificate OCB-27001-0988.",
        ]]);
        let doc = Doc::new(&text);
        assert!(matches!(main_standard(&doc), Pick::One(s, _) if s == "ISO/IEC 27017:2015"));
        assert!(matches!(extends(&doc), Pick::One(s, _) if s == "OCB-27001-0988"));
    }
}
