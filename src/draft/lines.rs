//! The lines of a document as the recognisers walk them: page and line numbers kept, running
//! headers and footers (the same line on several pages) set aside after their first showing.

use super::dates::{self, Found};
use super::{At, Text};

/// One line of a document.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    pub page: usize,
    pub no: usize,
    pub text: &'a str,
    /// A running header or footer seen on an earlier page.
    pub repeated: bool,
    /// A running header or footer, its first showing included.
    pub running: bool,
}

impl Line<'_> {
    pub fn at(&self) -> At {
        At {
            page: self.page,
            line: self.no,
            last: self.no,
            text: self.text.trim().to_string(),
        }
    }

    pub fn lower(&self) -> String {
        self.text.to_lowercase()
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// A whole document's lines.
pub struct Doc<'a> {
    pub lines: Vec<Line<'a>>,
}

/// A line's key for spotting running headers and footers: lowercase, digits folded, so that
/// `Page 3 of 12` matches `Page 4 of 12`.
fn running_key(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a Text) -> Doc<'a> {
        // The first and last three non-blank lines of a page may be a header or footer.
        let edges: Vec<std::collections::BTreeSet<usize>> = text
            .pages
            .iter()
            .map(|page| {
                let non_blank: Vec<usize> = (0..page.len())
                    .filter(|&i| !page[i].trim().is_empty())
                    .collect();
                non_blank
                    .iter()
                    .take(3)
                    .chain(non_blank.iter().rev().take(3))
                    .copied()
                    .collect()
            })
            .collect();
        // A line is running when it sits at the edge of two pages or more.
        let mut pages_of: std::collections::BTreeMap<String, std::collections::BTreeSet<usize>> =
            std::collections::BTreeMap::new();
        for (p, page) in text.pages.iter().enumerate() {
            for &i in &edges[p] {
                pages_of.entry(running_key(&page[i])).or_default().insert(p);
            }
        }
        let mut lines = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for (p, page) in text.pages.iter().enumerate() {
            for (i, line) in page.iter().enumerate() {
                let mut repeated = false;
                let mut running = false;
                if edges[p].contains(&i) && text.pages.len() > 1 {
                    let key = running_key(line);
                    running = pages_of.get(&key).is_some_and(|s| s.len() >= 2);
                    repeated = !seen.insert(key);
                }
                lines.push(Line {
                    page: p + 1,
                    no: i + 1,
                    text: line,
                    repeated,
                    running,
                });
            }
        }
        Doc { lines }
    }

    /// The lines the recognisers read: running headers and footers left out after their first
    /// showing.
    pub fn body(&self) -> impl Iterator<Item = (usize, &Line<'a>)> {
        self.lines.iter().enumerate().filter(|(_, l)| !l.repeated)
    }

    /// The next non-blank body line after index `i`, within `within` lines, on the same page.
    pub fn next_text(&self, i: usize, within: usize) -> Option<(usize, &Line<'a>)> {
        let page = self.lines.get(i)?.page;
        self.lines
            .iter()
            .enumerate()
            .skip(i + 1)
            .take(within)
            .filter(|(_, l)| !l.repeated && l.page == page)
            .find(|(_, l)| !l.is_blank())
    }

    /// The first page's text, lowercase.
    pub fn first_page_lower(&self) -> String {
        self.lines
            .iter()
            .filter(|l| l.page == 1)
            .map(|l| l.lower())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The whole text, lowercase.
    pub fn all_lower(&self) -> String {
        self.lines
            .iter()
            .filter(|l| !l.repeated)
            .map(|l| l.lower())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Where `label` starts in `lower` as whole words (not inside a longer word).
pub fn find_words(lower: &str, label: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = lower[from..].find(label) {
        let at = from + found;
        let end = at + label.len();
        let before = lower[..at].chars().next_back();
        let after = lower[end..].chars().next();
        let bounded = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if bounded(before) && (bounded(after) || label.ends_with(|c: char| !c.is_alphanumeric())) {
            return Some(at);
        }
        from = at + label.len().max(1);
        while !lower.is_char_boundary(from) {
            from += 1;
        }
    }
    None
}

/// The segments of a line split at column gaps (two or more spaces, or ` | `), with the byte
/// offset of each.
pub fn segments(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = None;
    let mut i = 0;
    while i < bytes.len() {
        let gap = (bytes[i] == b' ' && bytes.get(i + 1) == Some(&b' ')) || bytes[i] == b'|';
        if gap {
            if let Some(s) = start.take() {
                out.push((s, text[s..i].trim()));
            }
            while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'|') {
                i += 1;
            }
            continue;
        }
        if start.is_none() {
            start = Some(i);
        }
        i += 1;
    }
    if let Some(s) = start {
        out.push((s, text[s..].trim()));
    }
    out.retain(|(_, s)| !s.is_empty());
    out
}

/// Where `label` (lowercase) is printed in `lower` with each of its spaces as a run of one or
/// more spaces (OCR and PDF text spread labels: `Certificate  No.`): start and end.
pub fn find_loose(lower: &str, label: &str) -> Option<(usize, usize)> {
    let words: Vec<&str> = label.split(' ').filter(|w| !w.is_empty()).collect();
    let first = *words.first()?;
    let mut from = 0;
    while let Some(found) = lower.get(from..)?.find(first) {
        let start = from + found;
        let mut end = start + first.len();
        let mut ok = true;
        for w in &words[1..] {
            let rest = &lower[end..];
            let spaces = rest.len() - rest.trim_start_matches(' ').len();
            if spaces == 0 || !rest[spaces..].starts_with(w) {
                ok = false;
                break;
            }
            end += spaces + w.len();
        }
        let bounded = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if ok
            && bounded(lower[..start].chars().next_back())
            && (bounded(lower[end..].chars().next())
                || label.ends_with(|c: char| !c.is_alphanumeric()))
        {
            return Some((start, end));
        }
        from = start + first.len();
        while !lower.is_char_boundary(from) {
            from += 1;
        }
    }
    None
}

/// The line with the runs of spaces inside any of `labels` folded to one space, so that a
/// label spread by OCR spacing (`Valid  until :`) is read as one label, not as two columns.
pub fn fold_label_gaps(text: &str, labels: &[&str]) -> String {
    let mut out = text.to_string();
    for label in labels.iter().filter(|l| l.contains(' ')) {
        let mut from = 0;
        loop {
            let lower = out.to_lowercase();
            if lower.len() != out.len() {
                return out;
            }
            let Some((s, e)) = find_loose(&lower[from..], label) else {
                break;
            };
            let (s, e) = (from + s, from + e);
            let folded: String = out[s..e]
                .split(' ')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            out.replace_range(s..e, &folded);
            from = s + folded.len();
        }
    }
    out
}

/// Strips what sits between a label and its value: `:`, `-`, `#`, `.` and spaces.
pub fn after_label(rest: &str) -> &str {
    rest.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—' | '#' | '|')
    })
}

/// A value read after a label.
#[derive(Debug, Clone)]
pub struct Hit {
    pub value: String,
    pub at: At,
    /// Index of the line the value is on.
    pub index: usize,
}

/// A label found with no value beside or below it.
#[derive(Debug, Clone)]
pub struct Bare {
    pub at: At,
}

/// Values printed after one of `labels` (lowercase), on the same line up to the next column
/// gap, or, when the label ends its segment, in the same column of the next non-blank line
/// (labels above values). `other_labels` are labels of other fields: a line below that starts
/// with one is not a value.
pub fn labelled(
    doc: &Doc,
    labels: &[&str],
    other_labels: &[&str],
    exclude: &[&str],
    anywhere: bool,
) -> (Vec<Hit>, Vec<Bare>) {
    let mut hits = Vec::new();
    let mut bare = Vec::new();
    for (i, line) in doc.body() {
        let lower = line.lower();
        if exclude.iter().any(|x| lower.contains(x)) {
            continue;
        }
        let all: Vec<&str> = labels.iter().chain(other_labels).copied().collect();
        let folded = fold_label_gaps(line.text, &all);
        let segs = segments(&folded);
        for (s, (seg_at, seg)) in segs.iter().enumerate() {
            let seg_lower = seg.to_lowercase();
            let Some((start, label)) = labels
                .iter()
                .filter_map(|l| {
                    let at = find_words(&seg_lower, l)?;
                    (at == 0 || anywhere).then_some((at, *l))
                })
                .min_by_key(|(at, l)| (*at, usize::MAX - l.len()))
            else {
                continue;
            };
            let _ = seg_at;
            let value = after_label(&seg[start + label.len()..]).trim();
            if !value.is_empty() {
                hits.push(Hit {
                    value: value.to_string(),
                    at: line.at(),
                    index: i,
                });
                continue;
            }
            // The value may be the next segment on the line (a table row, or a label with a
            // colon and its value in the next column).
            {
                if let Some((_, next)) = segs.get(s + 1) {
                    let next_lower = next.to_lowercase();
                    if !is_label(&next_lower, labels, other_labels) {
                        hits.push(Hit {
                            value: next.to_string(),
                            at: line.at(),
                            index: i,
                        });
                        continue;
                    }
                }
            }
            // Labels above values: the same column of the next non-blank line.
            match doc.next_text(i, 2) {
                Some((j, below)) => {
                    let below_segs = segments(below.text);
                    let picked = if segs.len() == below_segs.len() {
                        below_segs.get(s).map(|(_, t)| *t)
                    } else if segs.len() == 1 && below_segs.len() == 1 {
                        below_segs.first().map(|(_, t)| *t)
                    } else {
                        None
                    };
                    match picked {
                        Some(v) if !is_label(&v.to_lowercase(), labels, other_labels) => {
                            hits.push(Hit {
                                value: v.to_string(),
                                at: At {
                                    page: line.page,
                                    line: line.no,
                                    last: below.no,
                                    text: format!("{} / {}", seg.trim(), v.trim()),
                                },
                                index: j,
                            })
                        }
                        _ => bare.push(Bare { at: line.at() }),
                    }
                }
                None => bare.push(Bare { at: line.at() }),
            }
        }
    }
    (hits, bare)
}

fn is_label(lower: &str, labels: &[&str], other: &[&str]) -> bool {
    labels
        .iter()
        .chain(other)
        .any(|l| lower.starts_with(l) && find_words(lower, l) == Some(0))
}

/// The dates in a hit's value.
pub fn hit_dates(hit: &Hit) -> Vec<Found> {
    dates::dates_in(&hit.value)
        .into_iter()
        .map(|(_, f)| f)
        .collect()
}

/// Quotes a line's text for a comment: control characters out, at most 140 characters.
pub fn quote(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let clean = clean.trim();
    if clean.chars().count() > 140 {
        let cut: String = clean.chars().take(137).collect();
        format!("{cut}…")
    } else {
        clean.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_split_at_column_gaps() {
        assert_eq!(
            segments("Certificate No.: IS 1   Issued: 1 May 2025"),
            [(0, "Certificate No.: IS 1"), (24, "Issued: 1 May 2025")]
        );
        assert_eq!(segments("a | b"), [(0, "a"), (4, "b")]);
    }

    #[test]
    fn words_are_whole() {
        assert_eq!(find_words("the scope: x", "scope"), Some(4));
        assert_eq!(find_words("telescope", "scope"), None);
        assert_eq!(find_words("cert no. 5", "cert no."), Some(0));
    }

    #[test]
    fn labels_spread_by_ocr_spacing_are_folded() {
        assert_eq!(
            find_loose("certificate  no.   x-1", "certificate no."),
            Some((0, 16))
        );
        assert_eq!(find_loose("recertificate  no. 5", "certificate no."), None);
        assert_eq!(
            fold_label_gaps("Certificate  No.   NKC-1", &["certificate no."]),
            "Certificate No.   NKC-1"
        );
        assert_eq!(
            fold_label_gaps("Valid  until :  28-Feb-2028", &["valid until"]),
            "Valid until :  28-Feb-2028"
        );
        // Column gaps between words that are not one label stay.
        assert_eq!(
            fold_label_gaps("Certificate  Issued  Expires", &["certificate no."]),
            "Certificate  Issued  Expires"
        );
    }

    #[test]
    fn a_running_line_is_marked_from_its_first_showing() {
        let text = Text {
            pages: vec![
                vec!["Cover".into(), "Body".into(), "Firm LLP".into()],
                vec!["Header".into(), "Opinion".into(), "Firm LLP".into()],
                vec!["Header".into(), "Body".into(), "x".into()],
            ],
        };
        let doc = Doc::new(&text);
        let flags = |t: &str| -> Vec<(bool, bool)> {
            doc.lines
                .iter()
                .filter(|l| l.text == t)
                .map(|l| (l.running, l.repeated))
                .collect()
        };
        assert_eq!(flags("Header"), [(true, false), (true, true)]);
        assert_eq!(flags("Opinion"), [(false, false)]);
    }
}
