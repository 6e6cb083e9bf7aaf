//! GEN-FILLED: no value is still a template placeholder.

use crate::rules::{Framework, Level, Outcome, Rule};

pub static FILLED: Rule = Rule {
    id: "GEN-FILLED",
    framework: Framework::General,
    title: "every template placeholder is filled in",
    default_level: Level::Error,
    sources: &["ISO/IEC 27001:2022 A.5.19 (information security in supplier relationships)"],
    rationale: "`vendorcert init` writes every value as a visible placeholder (`\"<…>\"`) saying \
        what to record and where the vendor's documents give it. A placeholder is not evidence: \
        it is left out before the other rules run, and each one left fails here, so a template \
        never passes by being half filled in.",
    question: "Can you send the document that gives this value?",
    passes: "no string value of the form `\"<…>\"` in the file",
    fails: "a value still written as a placeholder `\"<…>\"`: the field is not filled in",
    gap: None,
    reads: &[],
    obligations: &crate::rules::crosswalk::GEN_FILLED,
    check: |ctx| {
        if ctx.vendor.unfilled.is_empty() {
            return vec![Outcome::not_applicable(
                "no template placeholder in the file",
            )];
        }
        ctx.vendor
            .unfilled
            .iter()
            .map(|u| {
                let (line, _) = ctx.vendor.position_of(u.span.start);
                Outcome::fail(format!(
                    "`{}` (line {line}) is not filled in: {}",
                    u.path, u.hint
                ))
                .at(u.path.clone())
            })
            .collect()
    },
};
