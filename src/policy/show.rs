//! `policy show`: a policy written out as a complete, commented policy file.
//!
//! Every rule level and every threshold is written, grouped as `docs/policies.md` groups them,
//! each with a one-line comment saying what it means and in what unit. Loading the text with
//! `--policy FILE` gives the same policy: the same name, levels and thresholds (a test in
//! `tests/policies.rs` compares the reports, one in this module the policies).

use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, Value};

use super::{BUILT_IN, Policy, recognised_bodies};
use crate::rules::{Framework, Level, RULES};

/// A group of `[thresholds]` keys: its heading and, per key, the one-line comment.
pub struct ThresholdGroup {
    pub heading: &'static str,
    pub keys: &'static [(&'static str, &'static str)],
}

/// The `[thresholds]` keys in the groups and order of `docs/policies.md`. The last group,
/// `ai_scope_phrasings`, is written as its own table `[thresholds.ai_scope_phrasings]`.
pub const THRESHOLD_GROUPS: &[ThresholdGroup] = &[
    ThresholdGroup {
        heading: "SOC 2 reports",
        keys: &[
            (
                "soc2_max_age_months",
                "months: the report period may end at most this long before the as-of date (SOC2-AGE, GEN-COVERAGE, GEN-EXPIRY)",
            ),
            (
                "bridge_after_months",
                "months: a bridge letter is expected once this long has passed since the period end (SOC2-BRIDGE)",
            ),
            (
                "bridge_gap_months",
                "months: the bridge letter must reach to within this of the as-of date (SOC2-BRIDGE)",
            ),
            (
                "soc2_min_period_months",
                "months: a Type 2 window at least this long passes (SOC2-PERIOD)",
            ),
            (
                "soc2_short_period_months",
                "months: a Type 2 window shorter than this fails; between the two it warns (SOC2-PERIOD)",
            ),
            (
                "accept_type1",
                "true/false: a Type 1 report warns instead of failing, for an early-stage vendor (SOC2-TYPE)",
            ),
            (
                "require_soc2",
                "true/false: every vendor needs a SOC 2 Type 2 report; having none fails (SOC2-TYPE)",
            ),
        ],
    },
    ThresholdGroup {
        heading: "ISO/IEC certificates",
        keys: &[
            (
                "iso_max_validity_years",
                "years: longest validity of one certificate, the certification cycle (ISO-CURRENT)",
            ),
            (
                "iso_validity_tolerance_days",
                "days: slack on that validity, for decision vs printed issue date (ISO-CURRENT)",
            ),
            (
                "surveillance_months",
                "months: a surveillance audit is due this long after issue or the last audit (ISO-SURVEILLANCE)",
            ),
            (
                "verification_max_age_months",
                "months: a registry or issuer check older than this warns (ISO-VERIFIED)",
            ),
            (
                "extra_accreditation_bodies",
                "names or acronyms: accreditation bodies accepted besides the built-in ones below (ISO-ACCREDITED)",
            ),
            (
                "required_iso",
                "standard numbers: ISO/IEC standards every vendor must hold, current (ISO-FAMILY)",
            ),
            (
                "required_iso_ai",
                "standard numbers: ISO/IEC standards every AI vendor must also hold, current (ISO-FAMILY)",
            ),
            (
                "required_iso_by_data_class",
                "data class = standard numbers, e.g. { personal_data = [27001, 27701] } (ISO-FAMILY)",
            ),
            (
                "accept_42001_readiness",
                "true/false: ISO/IEC 42001 readiness with a public timeline warns; false: it fails (ISO-42001)",
            ),
        ],
    },
    ThresholdGroup {
        heading: "All evidence",
        keys: &[
            (
                "tolerate_claims",
                "true/false: claims beside independent evidence warn; false: they fail (GEN-INDEPENDENT)",
            ),
            (
                "warnings_fail",
                "true/false: a warn finding of a rule at level error fails the vendor (not weaker evidence the policy does not require)",
            ),
            (
                "require_document_pins",
                "true/false: a report or certificate read in full without a document sha256 fails; false: warns (GEN-DOCUMENT)",
            ),
        ],
    },
    ThresholdGroup {
        heading: "Expiry, reviews, incidents and waivers",
        keys: &[
            (
                "expiry_horizon_days",
                "days: evidence expiring within this many days of the as-of date warns (GEN-EXPIRY)",
            ),
            (
                "review_interval_months",
                "months: the analyst review is due this long after the last one (GEN-REVIEW, GEN-INCIDENTS)",
            ),
            (
                "incident_window_months",
                "months: incidents are looked at over this many months before the as-of date (GEN-INCIDENTS)",
            ),
            (
                "max_waiver_months",
                "months: a waiver may run at most this long past its approval",
            ),
        ],
    },
    ThresholdGroup {
        heading: "AI scope phrasings",
        keys: &[(
            "ai_scope_phrasings",
            "AI scope element = phrasings that count as naming it in a certificate's scope (ISO-AI-SCOPE)",
        )],
    },
];

/// Widest comment line before wrapping a list into several.
const WIDTH: usize = 100;

/// The policy as a complete policy file: `extends`, `name`, every rule level, every threshold.
pub fn policy_file_text(policy: &Policy) -> String {
    let mut doc = DocumentMut::new();
    let mut header = format!(
        "# vendorcert policy `{}`: every rule level and every threshold, written out.\n",
        policy.name
    );
    if let Some(file) = &policy.file {
        header.push_str(&format!("# Read from {}.\n", file.display()));
    }
    header.push_str(
        "# `vendorcert check PATH --policy THIS_FILE` judges as the policy itself does. To change\n\
         # it, edit any value and give it a `name` of its own; docs/policies.md explains each key.\n\n",
    );
    header.push_str(&format!(
        "# the built-in policy this file starts from: {}\n",
        BUILT_IN.join(", ")
    ));
    doc.insert("extends", toml_edit::value(policy.extends));
    decorate_key(doc.as_table_mut(), "extends", &header);
    doc.insert("name", toml_edit::value(policy.name.as_str()));
    decorate_key(
        doc.as_table_mut(),
        "name",
        "# shown in reports; a policy that changes its base must not carry a built-in name\n",
    );

    doc.insert("rules", Item::Table(rules_table(policy)));
    doc.insert("thresholds", Item::Table(thresholds_table(policy)));
    doc.to_string()
}

/// `[rules]`: every rule, grouped by framework, its title as a trailing comment.
fn rules_table(policy: &Policy) -> Table {
    let mut table = Table::new();
    table.decor_mut().set_prefix(
        "\n# Rule levels: \"error\" fails the vendor, \"warning\" is reported but does not fail it,\n\
         # \"off\" does not run the rule. `vendorcert explain RULE` says what each rule checks.\n",
    );
    let width = RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
    for framework in Framework::REPORT_ORDER {
        let mut first = true;
        for rule in RULES.iter().filter(|r| r.framework == *framework) {
            let level = policy.level(rule);
            let mut value = Value::from(level.as_str());
            let quoted = value.to_string();
            let default = if level == rule.default_level {
                String::new()
            } else {
                format!(" (rule default: {})", rule.default_level.as_str())
            };
            value.decor_mut().set_prefix(" ");
            value.decor_mut().set_suffix(format!(
                "{:pad$}  # {}{default}",
                "",
                rule.title,
                pad = level_width().saturating_sub(quoted.len())
            ));
            table.insert(rule.id, Item::Value(value));
            let prefix = if first {
                format!("\n# {}\n", framework.title())
            } else {
                String::new()
            };
            first = false;
            if let Some(mut key) = table.key_mut(rule.id) {
                key.leaf_decor_mut().set_prefix(prefix);
                key.leaf_decor_mut().set_suffix(format!(
                    "{:pad$} ",
                    "",
                    pad = width - rule.id.len()
                ));
            }
        }
    }
    table
}

/// Width of the widest level as written (`"warning"`), for aligning the comments.
fn level_width() -> usize {
    [Level::Off, Level::Warning, Level::Error]
        .iter()
        .map(|l| l.as_str().len() + 2)
        .max()
        .unwrap_or(0)
}

/// `[thresholds]` and `[thresholds.ai_scope_phrasings]`: every threshold, grouped.
fn thresholds_table(policy: &Policy) -> Table {
    let t = &policy.thresholds;
    let mut table = Table::new();
    table.decor_mut().set_prefix(
        "\n# Thresholds the checks use; the unit comes first in each comment. Lists add to the\n\
         # built-in ones they name.\n",
    );
    let json = serde_json::to_value(t).unwrap_or_default();
    for group in THRESHOLD_GROUPS {
        for (i, (key, comment)) in group.keys.iter().enumerate() {
            let mut prefix = if i == 0 {
                format!("\n# {}\n", group.heading)
            } else {
                String::new()
            };
            prefix.push_str(&format!("# {comment}\n"));
            match *key {
                "ai_scope_phrasings" => {
                    let mut phrasings = Table::new();
                    for (element, list) in &t.ai_scope_phrasings {
                        let mut array: Array = list.iter().map(String::as_str).collect();
                        multi_line(&mut array);
                        phrasings.insert(element, toml_edit::value(array));
                    }
                    prefix.push_str(
                        "# (phrasings added here extend the built-in ones, also listed; none is removed)\n",
                    );
                    phrasings.decor_mut().set_prefix(prefix);
                    table.insert(key, Item::Table(phrasings));
                    continue;
                }
                "extra_accreditation_bodies" => {
                    let built_in = recognised_bodies();
                    let acronyms: Vec<&str> = built_in.iter().map(|b| b.acronym.as_str()).collect();
                    prefix.push_str(&wrap("#   built in: ", &acronyms.join(", ")));
                    let extra: Array = t
                        .accreditation_bodies
                        .iter()
                        .filter(|b| !built_in.contains(b))
                        .map(|b| b.name.as_str())
                        .collect();
                    table.insert(key, toml_edit::value(extra));
                }
                "required_iso_by_data_class" => {
                    let mut classes = InlineTable::new();
                    for (class, numbers) in json[*key].as_object().into_iter().flatten() {
                        classes.insert(class, json_value(numbers));
                    }
                    table.insert(key, toml_edit::value(classes));
                }
                _ => {
                    table.insert(key, toml_edit::value(json_value(&json[*key])));
                }
            }
            decorate_key(&mut table, key, &prefix);
        }
    }
    table
}

/// A threshold's value (a number, a flag or a list of them) as TOML.
fn json_value(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::Bool(b) => Value::from(*b),
        serde_json::Value::Number(n) => Value::from(n.as_i64().unwrap_or_default()),
        serde_json::Value::String(s) => Value::from(s.as_str()),
        serde_json::Value::Array(items) => Value::Array(items.iter().map(json_value).collect()),
        _ => Value::from(""),
    }
}

/// One item a line, indented, with a trailing comma.
fn multi_line(array: &mut Array) {
    for item in array.iter_mut() {
        item.decor_mut().set_prefix("\n    ");
        item.decor_mut().set_suffix("");
    }
    array.set_trailing_comma(true);
    array.set_trailing("\n");
}

/// Comment lines starting with `lead`, the words of `text` wrapped at [`WIDTH`].
fn wrap(lead: &str, text: &str) -> String {
    let mut out = String::new();
    let mut line = lead.to_string();
    for word in text.split(' ') {
        if line.len() + word.len() > WIDTH && line.len() > lead.len() {
            out.push_str(line.trim_end());
            out.push('\n');
            line = "#   ".to_string();
        }
        line.push_str(word);
        line.push(' ');
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

/// Puts `prefix` (comment lines) before a key of `table`, and ` = ` after it.
fn decorate_key(table: &mut Table, key: &str, prefix: &str) {
    if let Some(mut k) = table.key_mut(key) {
        k.leaf_decor_mut().set_prefix(prefix);
        k.leaf_decor_mut().set_suffix(" ");
    }
    if let Some(v) = table.get_mut(key).and_then(Item::as_value_mut) {
        v.decor_mut().set_prefix(" ");
        v.decor_mut().set_suffix("");
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::policy::file::parse_policy_file;

    /// Each built-in policy, shown and loaded back, is the same policy: same name, base,
    /// levels (only those that differ from a rule's default) and thresholds.
    #[test]
    fn every_built_in_policy_round_trips_through_its_file() {
        for name in BUILT_IN {
            let built_in = Policy::built_in(name).unwrap();
            let text = policy_file_text(&built_in);
            let path = Path::new("shown.toml");
            let loaded = parse_policy_file(path, text.clone())
                .unwrap_or_else(|e| panic!("{name}: {e:?}\n{text}"));
            assert_eq!(loaded.file.as_deref(), Some(path));
            // No level differs from the base, so no finding points into the file for its level.
            assert!(loaded.level_origins.is_empty(), "{name}");
            let loaded = Policy {
                file: None,
                ..loaded
            };
            assert_eq!(loaded, built_in, "{name}:\n{text}");
        }
    }

    /// A changed policy, shown and loaded back, keeps its changes (and does not pile up the
    /// phrasings or accreditation bodies it adds).
    #[test]
    fn a_policy_file_round_trips_through_its_shown_file() {
        let source = "extends = \"ai-vendor\"\nname = \"team\"\n\n[rules]\nSOC2-BRIDGE = \"off\"\n\
                      AI-BIAS = \"warning\"\n\n[thresholds]\nsoc2_max_age_months = 9\n\
                      extra_accreditation_bodies = [\"IAS\", \"Some \\\"Body\\\"\"]\n\
                      required_iso_by_data_class = { personal_data = [27001, 27701] }\n\
                      ai_scope_phrasings = { \"training pipelines\" = [\"fine-tuning pipelines\"] }\n";
        let first = parse_policy_file(Path::new("team.toml"), source.to_string()).unwrap();
        let text = policy_file_text(&first);
        let second = parse_policy_file(Path::new("team.toml"), text.clone())
            .unwrap_or_else(|e| panic!("{e:?}\n{text}"));
        assert_eq!(second.name, "team");
        assert_eq!(second.extends, "ai-vendor");
        assert_eq!(second.levels, first.levels, "{text}");
        assert_eq!(second.thresholds, first.thresholds, "{text}");
        // Only the added bodies are written, quoted as TOML quotes them.
        assert!(
            text.contains("extra_accreditation_bodies = [\"IAS\", 'Some \"Body\"']"),
            "{text}"
        );
        assert_eq!(
            second.thresholds.ai_scope_phrasings["training pipelines"]
                .iter()
                .filter(|p| *p == "fine-tuning pipelines")
                .count(),
            1
        );
    }

    /// Every threshold is written: each field of [`crate::policy::Thresholds`] has a group entry
    /// (the accreditation bodies as `extra_accreditation_bodies`), and nothing else does.
    #[test]
    fn every_threshold_has_a_group_and_a_comment() {
        let json = serde_json::to_value(crate::policy::Thresholds::default()).unwrap();
        let mut fields: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(|k| match k.as_str() {
                "accreditation_bodies" => "extra_accreditation_bodies",
                other => other,
            })
            .collect();
        let mut written: Vec<&str> = THRESHOLD_GROUPS
            .iter()
            .flat_map(|g| g.keys.iter().map(|(k, _)| *k))
            .collect();
        fields.sort_unstable();
        written.sort_unstable();
        assert_eq!(written, fields);
        for (key, comment) in THRESHOLD_GROUPS.iter().flat_map(|g| g.keys) {
            assert!(!comment.contains('\n'), "{key}: one line");
        }
    }
}
