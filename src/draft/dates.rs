//! Dates as certificates and reports print them: `2025-03-01`, `24.07.2024`, `25 Oct 2025`,
//! `12th March 2026`, `March 12, 2026`, `25-Oct-2025`, and the slash form `05/01/2026`, which
//! is ambiguous (5 January or 1 May) unless one part is over 12 or both are equal.

use chrono::NaiveDate;

/// A date found in a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Date(NaiveDate),
    /// A slash date that reads both ways: (day first, month first) and the text.
    Ambiguous(NaiveDate, NaiveDate, String),
}

impl Found {
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            Found::Date(d) => Some(*d),
            Found::Ambiguous(..) => None,
        }
    }
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month a word names (`Oct`, `October`, `Sept.`), 1 to 12.
fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    if w == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(&w)))
        .map(|i| i as u32 + 1)
}

/// A day of the month as printed (`12`, `12th`, `1st`), 1 to 31.
fn day(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    let digits = w
        .strip_suffix("st")
        .or_else(|| w.strip_suffix("nd"))
        .or_else(|| w.strip_suffix("rd"))
        .or_else(|| w.strip_suffix("th"))
        .unwrap_or(&w);
    if digits.is_empty() || digits.len() > 2 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year(word: &str) -> Option<i32> {
    (word.len() == 4 && word.chars().all(|c| c.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1900..=2200).contains(y))
}

fn numbers(token: &str, sep: char) -> Option<Vec<&str>> {
    let parts: Vec<&str> = token.split(sep).collect();
    (parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())))
    .then_some(parts)
}

/// One token that is a whole date by itself.
fn single(token: &str) -> Option<Found> {
    let ymd = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d).map(Found::Date);
    if let Some(p) = numbers(token, '-')
        && p[0].len() == 4
        && p[1].len() <= 2
        && p[2].len() <= 2
    {
        return ymd(year(p[0])?, p[1].parse().ok()?, p[2].parse().ok()?);
    }
    if let Some(p) = numbers(token, '.')
        && p[2].len() == 4
        && p[0].len() <= 2
        && p[1].len() <= 2
    {
        return ymd(year(p[2])?, p[1].parse().ok()?, p[0].parse().ok()?);
    }
    if let Some(p) = numbers(token, '/') {
        if p[0].len() == 4 && p[1].len() <= 2 && p[2].len() <= 2 {
            return ymd(year(p[0])?, p[1].parse().ok()?, p[2].parse().ok()?);
        }
        if p[2].len() == 4 && p[0].len() <= 2 && p[1].len() <= 2 {
            let y = year(p[2])?;
            let (a, b): (u32, u32) = (p[0].parse().ok()?, p[1].parse().ok()?);
            let day_first = NaiveDate::from_ymd_opt(y, b, a);
            let month_first = NaiveDate::from_ymd_opt(y, a, b);
            return match (day_first, month_first) {
                (Some(d), Some(m)) if d == m => Some(Found::Date(d)),
                (Some(d), Some(m)) => Some(Found::Ambiguous(d, m, token.to_string())),
                (Some(d), None) => Some(Found::Date(d)),
                (None, Some(m)) => Some(Found::Date(m)),
                (None, None) => None,
            };
        }
    }
    let parts: Vec<&str> = token.split('-').collect();
    if parts.len() == 3 {
        let (d, m, y) = (day(parts[0])?, month(parts[1])?, year(parts[2])?);
        return ymd(y, m, d);
    }
    None
}

/// Every date in `line`, in order, with the byte offset where each starts.
pub fn dates_in(line: &str) -> Vec<(usize, Found)> {
    let mut tokens: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        let part = c.is_alphanumeric() || matches!(c, '-' | '.' | '/');
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                tokens.push((s, &line[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        tokens.push((s, &line[s..]));
    }
    let tokens: Vec<(usize, &str)> = tokens
        .into_iter()
        .map(|(at, t)| (at, t.trim_matches(|c| c == '.' || c == '-' || c == '/')))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let (at, t) = tokens[i];
        if let Some(found) = single(t) {
            out.push((at, found));
            i += 1;
            continue;
        }
        let word = |k: usize| tokens.get(k).map(|(_, t)| *t);
        // 12th March 2026, 1st of March 2026, 25 Oct 2025
        if let Some(d) = day(t) {
            let mut k = i + 1;
            if word(k).is_some_and(|w| w.eq_ignore_ascii_case("of")) {
                k += 1;
            }
            if let (Some(m), Some(y)) = (word(k).and_then(month), word(k + 1).and_then(year))
                && let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
            {
                out.push((at, Found::Date(date)));
                i = k + 2;
                continue;
            }
        }
        // March 12, 2026 / Oct 25 2025 / March 12th, 2026
        if let Some(m) = month(t)
            && let (Some(d), Some(y)) = (word(i + 1).and_then(day), word(i + 2).and_then(year))
            && let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
        {
            out.push((at, Found::Date(date)));
            i += 3;
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Found {
        Found::Date(NaiveDate::from_ymd_opt(y, m, day).unwrap())
    }

    #[test]
    fn printed_forms() {
        let one = |s: &str| dates_in(s).into_iter().map(|(_, f)| f).collect::<Vec<_>>();
        assert_eq!(one("Issued: 25 Oct 2025"), [d(2025, 10, 25)]);
        assert_eq!(one("24.07.2024"), [d(2024, 7, 24)]);
        assert_eq!(
            one("from 2025-03-01 to 2028-02-29."),
            [d(2025, 3, 1), d(2028, 2, 29)]
        );
        assert_eq!(one("12th March 2026"), [d(2026, 3, 12)]);
        assert_eq!(one("1st of July 2025"), [d(2025, 7, 1)]);
        assert_eq!(one("March 12, 2026"), [d(2026, 3, 12)]);
        assert_eq!(one("25-Oct-2025"), [d(2025, 10, 25)]);
        assert_eq!(
            one("13/01/2026 and 01/13/2026"),
            [d(2026, 1, 13), d(2026, 1, 13)]
        );
        assert_eq!(one("05/05/2026"), [d(2026, 5, 5)]);
        assert_eq!(
            one("05/01/2026"),
            [Found::Ambiguous(
                NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
                NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
                "05/01/2026".into()
            )]
        );
        assert_eq!(one("31 February 2026, version 2.1, ISO 27001:2022"), []);
    }
}
