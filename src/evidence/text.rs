//! Small text helpers the evidence model, the rules and the registry look-ups share. Depends on
//! nothing else in the crate.

/// Whether a recorded value stands in for one ("TBD", "N/A", "pending", "XXXX-XXXX", "0000")
/// rather than being one. Errs towards "placeholder": a false alarm is better than a false pass.
pub fn is_placeholder(value: &str) -> bool {
    match ascii_placeholder(value) {
        Some(answer) => answer,
        None => placeholder_folded(value),
    }
}

const EXACT: &[&str] = &[
    "na",
    "nil",
    "null",
    "none",
    "self",
    "internal",
    "internalaudit",
    "auditor",
    "cpa",
    "cpafirm",
    "xxx",
];
// Whole words only: "TBA" is a placeholder, "Outback Assurance" is not.
const WORDS: &[&str] = &["tbd", "tbc", "tba", "pending", "unknown", "placeholder"];
const PHRASES: &[&str] = &[
    "tobeconfirmed",
    "tobedetermined",
    "tobeadvised",
    "notapplicable",
    "notknown",
];

/// [`is_placeholder`] of a short ASCII value without allocating (the common case: called for
/// every auditor, body and certificate number a rule reads); `None` for any other value.
fn ascii_placeholder(value: &str) -> Option<bool> {
    const MAX: usize = 96;
    if value.len() > MAX || !value.is_ascii() {
        return None;
    }
    let mut buf = [0u8; MAX];
    let mut n = 0;
    for b in value.bytes().filter(u8::is_ascii_alphanumeric) {
        buf[n] = b.to_ascii_lowercase();
        n += 1;
    }
    let folded = &buf[..n];
    let Some(&first) = folded.first() else {
        return Some(true);
    };
    if n < 2 || folded.iter().all(|&c| c == first) {
        return Some(true);
    }
    Some(
        EXACT.iter().any(|e| e.as_bytes() == folded)
            || value
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| WORDS.iter().any(|p| p.eq_ignore_ascii_case(w)))
            || PHRASES
                .iter()
                .any(|p| memchr::memmem::find(folded, p.as_bytes()).is_some()),
    )
}

/// [`is_placeholder`] of any value.
fn placeholder_folded(value: &str) -> bool {
    let folded: String = value
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    let Some(first) = folded.chars().next() else {
        return true;
    };
    if folded.chars().count() < 2 || folded.chars().all(|c| c == first) {
        return true;
    }
    let words: Vec<String> = value
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    EXACT.contains(&folded.as_str())
        || words.iter().any(|w| WORDS.contains(&w.as_str()))
        || PHRASES.iter().any(|p| folded.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLACEHOLDERS: &[&str] = &[
        "TBD",
        "tbc",
        "To be confirmed",
        "Pending verification",
        "XXXX-XXXX",
        "000000",
        "N/A",
        "n.a.",
        "-",
        "",
        "unknown",
    ];

    const REAL: &[&str] = &[
        "MC-2024-0042",
        "Ledger & Stone LLP",
        "Northgate Assurance Ltd",
        "FX-ISMS-40127",
        "NA-42",
    ];

    /// The allocation-free reading of ASCII values answers as the general one does.
    #[test]
    fn the_ascii_reading_agrees_with_the_general_one() {
        let mut values: Vec<String> = PLACEHOLDERS
            .iter()
            .chain(REAL)
            .chain(&[
                "Outback Assurance",
                "self",
                "Internal Audit",
                "CPA firm",
                "not known",
                "a",
                "aa",
                "ab",
                "x-x",
                "placeholder-2",
                "tba2",
                "TBA 2",
                "not-applicable",
                "cpa.",
                "Nil",
            ])
            .map(|s| s.to_string())
            .collect();
        // Every string of up to three characters from a small alphabet, and longer mixes.
        let alphabet = ['a', 'b', 'T', 'D', '0', '-', ' ', '.'];
        for a in alphabet {
            for b in alphabet {
                for c in alphabet {
                    values.push(format!("{a}{b}{c}"));
                    values.push(format!("to be {a}{b}{c} determined"));
                }
            }
        }
        for v in &values {
            assert_eq!(ascii_placeholder(v), Some(placeholder_folded(v)), "{v:?}");
        }
        assert_eq!(ascii_placeholder("Zürich"), None);
        assert_eq!(ascii_placeholder(&"a".repeat(200)), None);
    }

    #[test]
    fn placeholders_are_recognised() {
        for p in PLACEHOLDERS {
            assert!(is_placeholder(p), "{p:?} should be a placeholder");
        }
        for real in REAL {
            assert!(!is_placeholder(real), "{real:?} is a real value");
        }
    }
}
