//! Calendar dates, as written in evidence files (`2027-02-28`, quoted in JSON, bare in TOML).

use std::fmt;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// Name that tells the evidence decoder a value must be a calendar date.
pub(crate) const DATE_TOKEN: &str = "$vendorcert::Date";

/// A calendar date with no time or zone. Every evidence date and the as-of date are `Date`s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    pub fn ymd(year: i32, month: u32, day: u32) -> Date {
        Date(NaiveDate::from_ymd_opt(year, month, day).expect("a valid calendar date"))
    }

    /// The same day `months` calendar months later (clamped to the month's last day).
    pub fn plus_months(self, months: u32) -> Date {
        Date(
            self.0
                .checked_add_months(Months::new(months))
                .unwrap_or(NaiveDate::MAX),
        )
    }

    /// The same day `months` calendar months earlier (clamped to the month's last day).
    pub fn minus_months(self, months: u32) -> Date {
        Date(
            self.0
                .checked_sub_months(Months::new(months))
                .unwrap_or(NaiveDate::MIN),
        )
    }

    /// `days` days later (earlier when negative), saturating at the last (first) representable
    /// date: policy thresholds can be as large as a u32.
    pub fn plus_days(self, days: i64) -> Date {
        let saturated = if days < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        };
        Date(
            chrono::Duration::try_days(days)
                .and_then(|d| self.0.checked_add_signed(d))
                .unwrap_or(saturated),
        )
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        (later.0 - self.0).num_days()
    }

    /// Whole calendar months from `self` to `later`, rounded down.
    pub fn months_until(self, later: Date) -> i64 {
        let (a, b) = (self.0, later.0);
        let mut months =
            i64::from(b.year() - a.year()) * 12 + i64::from(b.month()) - i64::from(a.month());
        if b.day() < a.day() {
            months -= 1;
        }
        months
    }

    /// Today in the local time zone (the default as-of date).
    pub fn today() -> Date {
        Date(chrono::Local::now().date_naive())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use chrono::Datelike;
        // `format("%Y-%m-%d")` parses its pattern on every call; reports print many dates.
        let (y, m, d) = (self.0.year(), self.0.month(), self.0.day());
        if (0..=9999).contains(&y) {
            // Written digit by digit: reports and messages print many dates.
            let y = y as u32;
            let digit = |n: u32| b'0' + (n % 10) as u8;
            let text = [
                digit(y / 1000),
                digit(y / 100),
                digit(y / 10),
                digit(y),
                b'-',
                digit(m / 10),
                digit(m),
                b'-',
                digit(d / 10),
                digit(d),
            ];
            f.write_str(std::str::from_utf8(&text).map_err(|_| fmt::Error)?)
        } else {
            write!(f, "{}", self.0.format("%Y-%m-%d"))
        }
    }
}

impl std::str::FromStr for Date {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_date(s)
    }
}

/// Parses exactly `YYYY-MM-DD`, naming what is wrong otherwise.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let b = text.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return Err(format!("`{text}` is not a date in the form YYYY-MM-DD"));
    }
    let year: i32 = text[0..4]
        .parse()
        .map_err(|_| format!("invalid year in `{text}`"))?;
    let month: u32 = text[5..7]
        .parse()
        .map_err(|_| format!("invalid month in `{text}`"))?;
    let day: u32 = text[8..10]
        .parse()
        .map_err(|_| format!("invalid day in `{text}`"))?;
    if !(1..=12).contains(&month) {
        return Err(format!("invalid date `{text}`: there is no month {month}"));
    }
    NaiveDate::from_ymd_opt(year, month, day)
        .map(Date)
        .ok_or_else(|| format!("invalid date `{text}`: that month has no day {day}"))
}

/// The help for a value that looks like a date written another way (`2026/09/30`,
/// `30.09.2026`, `2026-9-30`): dates are `YYYY-MM-DD`. The example is the value itself rewritten
/// when its order is certain (year first, or a day over 12), else a fixed one.
pub fn date_form_hint(text: &str) -> Option<String> {
    let sep = text.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let parts: Vec<&str> = text.split(sep).collect();
    let numeric = |p: &&str| (1..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    if parts.len() != 3 || !parts.iter().all(numeric) || parse_date(text).is_ok() {
        return None;
    }
    let n = |p: &str| p.parse::<u32>().unwrap_or(0);
    let (a, b, c) = (parts[0], parts[1], parts[2]);
    let ymd = match (a.len(), c.len()) {
        (4, 1 | 2) => Some((a, b, c)),
        (1 | 2, 4) if n(a) > 12 => Some((c, b, a)),
        (1 | 2, 4) if n(b) > 12 => Some((c, a, b)),
        (1 | 2, 4) => None,
        _ => return None,
    };
    let example = ymd
        .map(|(y, m, d)| format!("{y}-{:02}-{:02}", n(m), n(d)))
        .filter(|e| parse_date(e).is_ok())
        .unwrap_or_else(|| "2026-09-30".to_string());
    Some(format!("dates are written YYYY-MM-DD, e.g. {example}"))
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl<'de> serde::de::Visitor<'de> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date as YYYY-MM-DD")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Date, E> {
                parse_date(v).map_err(E::custom)
            }
            fn visit_newtype_struct<D: serde::Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<Date, D::Error> {
                d.deserialize_str(self)
            }
        }
        deserializer.deserialize_newtype_struct(DATE_TOKEN, DateVisitor)
    }
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "pattern": super::schema::DATE,
            "description": "A calendar date, YYYY-MM-DD (a bare TOML date or a JSON string)."
        })
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_print_as_chrono_prints_them() {
        let years = [
            0, 1, 9, 10, 99, 100, 999, 1000, 2026, 9999, 10000, -1, 262_000,
        ];
        for year in years {
            for (month, day) in [(1, 1), (2, 28), (9, 30), (10, 9), (12, 31)] {
                let date = Date::ymd(year, month, day);
                assert_eq!(date.to_string(), date.0.format("%Y-%m-%d").to_string());
            }
        }
        assert_eq!(Date::ymd(2026, 3, 7).to_string(), "2026-03-07");
    }

    #[test]
    fn parses_only_real_calendar_dates() {
        assert_eq!(parse_date("2027-02-28"), Ok(Date::ymd(2027, 2, 28)));
        assert_eq!(
            parse_date("2026-02-30"),
            Err("invalid date `2026-02-30`: that month has no day 30".to_string())
        );
        assert_eq!(
            parse_date("2026-13-01"),
            Err("invalid date `2026-13-01`: there is no month 13".to_string())
        );
        assert!(parse_date("28/02/2027").is_err());
        assert!(parse_date("2027-2-28").is_err());
    }

    #[test]
    fn dates_written_another_way_get_the_form_as_help() {
        let hint = |t| date_form_hint(t);
        let says = |e: &str| Some(format!("dates are written YYYY-MM-DD, e.g. {e}"));
        assert_eq!(hint("2026/09/30"), says("2026-09-30"));
        assert_eq!(hint("2026.9.3"), says("2026-09-03"));
        assert_eq!(hint("2026-9-30"), says("2026-09-30"));
        assert_eq!(hint("30/09/2026"), says("2026-09-30"));
        assert_eq!(hint("30.09.2026"), says("2026-09-30"));
        assert_eq!(hint("09/30/2026"), says("2026-09-30"));
        // Day and month cannot be told apart: a fixed example, not a guess.
        assert_eq!(hint("03/04/2026"), says("2026-09-30"));
        assert_eq!(hint("2026/02/30"), says("2026-09-30"));
        for not_a_date in ["2026-09-30", "1.5", "v1.2.3", "10/10", "high", "1/2/3"] {
            assert_eq!(hint(not_a_date), None, "{not_a_date}");
        }
    }

    #[test]
    fn month_arithmetic_is_calendar_based() {
        let d = Date::ymd(2025, 8, 31);
        assert_eq!(d.plus_months(6), Date::ymd(2026, 2, 28));
        assert_eq!(
            Date::ymd(2025, 11, 23).months_until(Date::ymd(2026, 11, 23)),
            12
        );
        assert_eq!(
            Date::ymd(2025, 11, 24).months_until(Date::ymd(2026, 11, 23)),
            11
        );
    }
}
