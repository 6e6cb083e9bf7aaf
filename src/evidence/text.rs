//! Small text helpers the evidence model, the rules and the registry look-ups share. Depends on
//! nothing else in the crate.

/// Whether a recorded value stands in for one ("TBD", "N/A", "pending", "XXXX-XXXX", "0000")
/// rather than being one. Errs towards "placeholder": a false alarm is better than a false pass.
pub fn is_placeholder(value: &str) -> bool {
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

    #[test]
    fn placeholders_are_recognised() {
        for p in [
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
        ] {
            assert!(is_placeholder(p), "{p:?} should be a placeholder");
        }
        for real in [
            "MC-2024-0042",
            "Ledger & Stone LLP",
            "Northgate Assurance Ltd",
            "FX-ISMS-40127",
            "NA-42",
        ] {
            assert!(!is_placeholder(real), "{real:?} is a real value");
        }
    }
}
