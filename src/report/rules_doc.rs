//! The rule registry as documents: the `rules` listing (table or JSON), `explain RULE`, and
//! `docs/rules.md`.

use std::io::{self, Write};

use crate::rules::{RULES, Rule};

/// `vendorcert rules` as a plain table.
pub fn rules_table(out: &mut dyn Write) -> io::Result<()> {
    for rule in RULES {
        writeln!(
            out,
            "{:<22} {:<8} {}",
            rule.id,
            rule.default_level.as_str(),
            rule.title
        )?;
    }
    Ok(())
}

/// `vendorcert rules --format json`.
pub fn rules_json(_out: &mut dyn Write) -> io::Result<()> {
    Err(io::Error::other(
        "rules --format json is not implemented yet",
    ))
}

/// `vendorcert explain RULE`: the rule's full documentation.
pub fn explain(_rule: &Rule, _out: &mut dyn Write) -> io::Result<()> {
    Err(io::Error::other("explain is not implemented yet"))
}

/// The content of `docs/rules.md`, generated from the registry.
pub fn rules_markdown() -> String {
    String::new()
}
