//! `vendorcert policy show`: the effective levels and thresholds of a policy.

use std::io::{self, Write};

use super::report_input_errors;
use crate::policy::PolicyChoice;
use crate::rules::RULES;

pub fn policy_show(arg: &str) -> anyhow::Result<u8> {
    let policy = match PolicyChoice::from_arg(Some(arg)) {
        Ok(PolicyChoice::Fixed(p)) => p,
        Ok(PolicyChoice::ByRiskTier) => unreachable!("a name was given"),
        Err(errors) => return report_input_errors(&errors),
    };
    let mut out = io::stdout().lock();
    writeln!(out, "policy {}", policy.name)?;
    if let Some(file) = &policy.file {
        writeln!(out, "file   {}", file.display())?;
    }
    writeln!(out, "\n[rules]")?;
    for rule in RULES {
        let level = policy.level(rule);
        let note = if level == rule.default_level {
            ""
        } else {
            "  # changed from the rule's default"
        };
        writeln!(
            out,
            "{:<22} = {:<9}{note}",
            rule.id,
            format!("\"{}\"", level.as_str())
        )?;
    }
    writeln!(out, "\n[thresholds]")?;
    let thresholds = serde_json::to_value(&policy.thresholds)?;
    for (key, value) in thresholds.as_object().into_iter().flatten() {
        let shown = match key.as_str() {
            "accreditation_bodies" => serde_json::Value::from(
                policy
                    .thresholds
                    .accreditation_bodies
                    .iter()
                    .map(|b| b.acronym.clone())
                    .collect::<Vec<_>>(),
            ),
            _ => value.clone(),
        };
        writeln!(out, "{key} = {shown}")?;
    }
    Ok(0)
}
