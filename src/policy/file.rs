//! Policy files: a team's own policy, in TOML, extending a built-in one.
//!
//! ```toml
//! extends = "ai-vendor"
//! name = "procurement-2026"
//!
//! [rules]
//! SOC2-BRIDGE = "error"
//! AI-BIAS = "off"
//!
//! [thresholds]
//! soc2_max_age_months = 9
//! extra_accreditation_bodies = ["IAS"]
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::{BUILT_IN, Policy, ThresholdOverrides};
use crate::evidence::error::{Diagnostic, InputError, did_you_mean};
use crate::evidence::load::{parse_config, read_text};
use crate::evidence::node::{Node, NodeKind};
use crate::rules::{Level, RULES};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    /// The built-in policy this one starts from (default `baseline`).
    extends: Option<String>,
    /// Name shown in reports (default: the file name).
    name: Option<String>,
    /// Rule id → `error`, `warning` or `off`.
    rules: Option<BTreeMap<String, Level>>,
    thresholds: Option<ThresholdOverrides>,
}

/// Unknown rule ids among the keys of `[rules]`, pointing at the key itself.
fn rule_key_diagnostics(root: &Node) -> Vec<Diagnostic> {
    let Some(Node {
        kind: NodeKind::Table(entries),
        ..
    }) = root.get("rules")
    else {
        return Vec::new();
    };
    entries
        .iter()
        .filter(|(key, _)| !RULES.iter().any(|r| r.id == key.name))
        .map(|(key, _)| {
            let d = Diagnostic::at(key.span.clone(), format!("unknown rule id `{}`", key.name));
            match did_you_mean(&key.name, RULES.iter().map(|r| r.id)) {
                Some(best) => d.with_help(format!("did you mean `{best}`?")),
                None => d.with_help("`vendorcert rules` lists the rule ids"),
            }
        })
        .collect()
}

/// Reads a policy file; every problem is reported with its line, at once.
pub fn load_policy_file(path: &Path) -> Result<Policy, Vec<InputError>> {
    let text = read_text(path).map_err(|e| vec![e])?;
    parse_policy_file(path, text)
}

/// A policy file's text read from `path`, checked and applied to the policy it extends: what
/// [`load_policy_file`] does once the file is read.
pub fn parse_policy_file(path: &Path, text: String) -> Result<Policy, Vec<InputError>> {
    let config = parse_config::<PolicyFile>(path, text, rule_key_diagnostics)?;
    let root = &config.root;
    let file = &config.value;
    let mut diags = Vec::new();
    let base_name = file.extends.as_deref().unwrap_or("baseline");
    let base = match Policy::built_in(base_name) {
        Some(p) => p,
        None => {
            let d = Diagnostic::at(
                root.locate("extends").span.clone(),
                format!("unknown built-in policy `{base_name}`"),
            );
            diags.push(match did_you_mean(base_name, BUILT_IN.iter().copied()) {
                Some(best) => d.with_help(format!("did you mean `{best}`?")),
                None => d.with_help(format!("built-in policies: {}", BUILT_IN.join(", "))),
            });
            Policy::baseline()
        }
    };
    let mut policy = base.clone();
    for (id, level) in file.rules.clone().unwrap_or_default() {
        if let Some(rule) = RULES.iter().find(|r| r.id == id) {
            // `levels` holds only the levels that differ from a rule's default, as in a built-in
            // policy; a file that writes every level out (as `policy show` does) loads the same.
            if level == rule.default_level {
                policy.levels.remove(rule.id);
            } else {
                policy.levels.insert(rule.id.to_string(), level);
            }
            // Where the file changes the level of the policy it extends, findings point there.
            if level != base.level(rule) {
                let span = root.locate(&format!("rules.{id}")).span.clone();
                policy
                    .level_origins
                    .insert(rule.id.to_string(), (config.source(), span));
            }
        }
    }
    if let Some(name) = file
        .name
        .as_deref()
        .filter(|n| BUILT_IN.contains(n) && *n != base_name)
    {
        diags.push(
            Diagnostic::at(
                root.locate("name").span.clone(),
                format!("`{name}` is the name of a built-in policy"),
            )
            .with_help(
                "give this policy its own name, so reports do not mistake it for the built-in one",
            ),
        );
    }
    if let Some(t) = config.value.thresholds.clone() {
        if let Some(elements) = &t.ai_scope_phrasings {
            for element in elements.keys() {
                if !crate::rules::ai::AI_SCOPE_ELEMENTS.contains(&element.as_str()) {
                    diags.push(
                        Diagnostic::at(
                            root.locate("thresholds.ai_scope_phrasings").span.clone(),
                            format!("unknown AI scope element `{element}`"),
                        )
                        .with_help(format!(
                            "elements are: {}",
                            crate::rules::ai::AI_SCOPE_ELEMENTS.join(", ")
                        )),
                    );
                }
            }
        }
        t.apply(&mut policy.thresholds);
    }
    // A file may carry its base's name (as `policy show NAME` writes it) only while it changes
    // nothing: reports must not show a changed policy under a built-in name.
    if file.name.as_deref().is_some_and(|n| n == base_name) && policy.settings() != base.settings()
    {
        diags.push(
            Diagnostic::at(
                root.locate("name").span.clone(),
                format!("a policy that changes `{base_name}` cannot also be called `{base_name}`"),
            )
            .with_help("give this policy its own name"),
        );
    }
    if !diags.is_empty() {
        return Err(config.locate(diags));
    }
    policy.name = file.name.clone().unwrap_or_else(|| {
        path.file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default()
    });
    policy.extends = BUILT_IN
        .iter()
        .copied()
        .find(|n| *n == base_name)
        .unwrap_or("baseline");
    policy.file = Some(path.to_path_buf());
    Ok(policy)
}
