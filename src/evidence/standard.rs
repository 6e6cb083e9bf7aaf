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
        if !prefix_words
            .iter()
            .all(|w| matches!(*w, "ISO" | "IEC" | "EN" | "DIN" | "BS" | "NF" | "UNE"))
        {
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
        let edition = if tail.is_empty() {
            None
        } else {
            let year = tail.strip_prefix(':')?.trim();
            if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            Some(year.parse::<u16>().ok()?)
        };
        let edition = match (european, number, edition) {
            (true, 27001, Some(2017)) => Some(2013),
            (true, 27001, Some(2023)) => Some(2022),
            (true, 27701, Some(2021)) => Some(2019),
            _ => edition,
        };
        Some(Standard { number, edition })
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
        match self.edition {
            Some(year) => write!(f, "{body} {}:{}", self.number, year),
            None => write!(f, "{body} {}", self.number),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_printed_forms() {
        let s = |number, edition| Some(Standard { number, edition });
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
}
