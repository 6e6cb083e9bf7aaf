//! ISO/IEC standard references as printed on certificates ("ISO/IEC 27001:2022").

use std::fmt;

/// A parsed standard reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standard {
    /// The standard's number, e.g. 27001.
    pub number: u32,
    /// The ISO edition year, when printed. European adoptions are mapped back to the ISO
    /// edition they adopt (EN ISO/IEC 27001:2017 is the 2013 edition).
    pub edition: Option<u16>,
    /// An amendment to that edition, as printed after it (`/Amd 1:2024`, `+ A1:2024`): its number
    /// and year. The edition is still the one amended.
    pub amendment: Option<(u8, u16)>,
}

/// The words a standard reference may start with, before its number (any case, separated by
/// spaces or `/`).
pub(crate) const PREFIX_WORDS: &[&str] = &["ISO", "IEC", "EN", "DIN", "BS", "NF", "UNE"];

/// The forms a standard reference is accepted in, for messages.
pub const ACCEPTED_FORMS: &str = "`ISO/IEC 27001:2022`, `ISO 27001:2013`, `EN ISO/IEC 27001:2017`, \
    `27701:2019`, `ISO/IEC 42001` (no edition), and an amendment after the edition: \
    `ISO/IEC 27001:2022/Amd 1:2024`, `ISO/IEC 27001:2022 + A1:2024`, `ISO/IEC 27001:2022/AMD1:2024`";

/// Reads an amendment as printed after an edition: `/Amd 1:2024`, `/AMD1:2024`, `/Amd.1:2024`,
/// `+ A1:2024`, `+A1:2024`. `None` for anything else.
fn amendment(tail: &str) -> Option<(u8, u16)> {
    let rest = tail.trim_start();
    let rest = rest
        .strip_prefix('/')
        .or_else(|| rest.strip_prefix('+'))?
        .trim_start();
    let rest = rest
        .strip_prefix("AMD")
        .or_else(|| rest.strip_prefix('A'))?;
    let rest = rest.trim_start_matches(['.', ' ']);
    let digits_end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    if digits_end == 0 || digits_end > 2 {
        return None;
    }
    let number: u8 = rest[..digits_end].parse().ok()?;
    let year = rest[digits_end..].trim_start().strip_prefix(':')?.trim();
    if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) || number == 0 {
        return None;
    }
    Some((number, year.parse().ok()?))
}

impl Standard {
    /// Parses references such as `ISO/IEC 27001:2022`, `ISO 27001:2013`,
    /// `EN ISO/IEC 27001:2017` or `27701:2019`.
    pub fn parse(text: &str) -> Option<Standard> {
        let upper = text.to_ascii_uppercase();
        let digits_at = upper.find(|c: char| c.is_ascii_digit())?;
        let prefix = upper[..digits_at].trim();
        let prefix_words: Vec<&str> = prefix
            .split(|c: char| c.is_whitespace() || c == '/')
            .filter(|w| !w.is_empty())
            .collect();
        if !prefix_words.iter().all(|w| PREFIX_WORDS.contains(w)) {
            return None;
        }
        let european = prefix_words.contains(&"EN");
        let rest = &upper[digits_at..];
        let number_end = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let number: u32 = rest[..number_end].parse().ok()?;
        if !(1000..=99999).contains(&number) {
            return None;
        }
        let tail = rest[number_end..].trim();
        let (edition, amended) = if tail.is_empty() {
            (None, None)
        } else {
            let after = tail.strip_prefix(':')?.trim_start();
            let year_end = after
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(after.len());
            let year = &after[..year_end];
            if year.len() != 4 {
                return None;
            }
            let edition: u16 = year.parse().ok()?;
            let more = after[year_end..].trim();
            let amended = if more.is_empty() {
                None
            } else {
                // An amendment cannot predate the edition it amends.
                Some(amendment(more).filter(|(_, y)| *y >= edition)?)
            };
            (Some(edition), amended)
        };
        let edition = match (european, number, edition) {
            (true, 27001, Some(2017)) => Some(2013),
            (true, 27001, Some(2023)) => Some(2022),
            (true, 27701, Some(2021)) => Some(2019),
            _ => edition,
        };
        Some(Standard {
            number,
            edition,
            amendment: amended,
        })
    }

    /// `ISO/IEC 27001:2022`, or `ISO/IEC 27001` when no edition was printed.
    pub fn name(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Standard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Joint ISO/IEC standards (information technology) carry both names; ISO 9001 does not.
        let body = if matches!(self.number, 17000..=17999 | 20000..=20999 | 27000..=27999 | 42000..=42999)
        {
            "ISO/IEC"
        } else {
            "ISO"
        };
        match (self.edition, self.amendment) {
            (Some(year), Some((n, amended))) => {
                write!(f, "{body} {}:{}/Amd {n}:{amended}", self.number, year)
            }
            (Some(year), None) => write!(f, "{body} {}:{}", self.number, year),
            (None, _) => write!(f, "{body} {}", self.number),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_printed_forms() {
        let s = |number, edition| {
            Some(Standard {
                number,
                edition,
                amendment: None,
            })
        };
        assert_eq!(Standard::parse("ISO/IEC 27001:2022"), s(27001, Some(2022)));
        assert_eq!(Standard::parse("ISO 27001:2013"), s(27001, Some(2013)));
        assert_eq!(
            Standard::parse("EN ISO/IEC 27001:2017"),
            s(27001, Some(2013))
        );
        assert_eq!(Standard::parse("27701:2019"), s(27701, Some(2019)));
        assert_eq!(Standard::parse("ISO/IEC 42001"), s(42001, None));
        assert_eq!(Standard::parse("SOC 2"), None);
        assert_eq!(Standard::parse("ISO/IEC 27001:22"), None);
        assert_eq!(Standard::parse("ISO/IEC 27001 (2022)"), None);
    }

    #[test]
    fn amendments_are_the_edition_they_amend() {
        let standard = Standard {
            number: 27001,
            edition: Some(2022),
            amendment: Some((1, 2024)),
        };
        let amended = Some(standard);
        for printed in [
            "ISO/IEC 27001:2022/Amd 1:2024",
            "ISO/IEC 27001:2022 + A1:2024",
            "ISO/IEC 27001:2022/AMD1:2024",
            "ISO/IEC 27001:2022/Amd.1:2024",
            "iso/iec 27001:2022+a1:2024",
        ] {
            assert_eq!(Standard::parse(printed), amended, "{printed}");
        }
        assert_eq!(standard.to_string(), "ISO/IEC 27001:2022/Amd 1:2024");
        // An amendment older than its edition, or one that is not an amendment, is refused.
        for wrong in [
            "ISO/IEC 27001:2022/Amd 1:2019",
            "ISO/IEC 27001:2022/Cor 1:2024",
            "ISO/IEC 27001:2022 and more",
            "ISO/IEC 27001:2022/Amd 1",
        ] {
            assert_eq!(Standard::parse(wrong), None, "{wrong}");
        }
    }
}
