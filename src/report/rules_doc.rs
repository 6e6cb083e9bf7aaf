//! The rule registry as documents: the `rules` listing (table or JSON), `explain RULE`, and
//! `docs/rules.md`. `explain` and `docs/rules.md` share one list of sections, so they say the
//! same thing.

use std::io::{self, Write};

use serde::Serialize;

use crate::rules::crosswalk::{Obligation, Regime};
use crate::rules::{AiGap, Framework, Level, RULES, Rule};

/// Column at which `explain` and `docs/rules.md` wrap their text.
pub const WRAP_WIDTH: usize = 90;

/// The command that rewrites `docs/rules.md`.
pub const REGENERATE: &str = "UPDATE_DOCS=1 cargo test --test docs_and_markdown";

/// Section headings, in the order `explain` and `docs/rules.md` print them.
pub const WHAT_IT_CHECKS: &str = "What it checks";
pub const WHY_IT_MATTERS: &str = "Why it matters";
pub const PASSING_EVIDENCE: &str = "Passing evidence";
pub const FAILING_EVIDENCE: &str = "Failing evidence";
pub const SOURCES: &str = "Sources";
pub const OBLIGATIONS: &str = "Obligations it helps evidence";
pub const QUESTION: &str = "Question to send the vendor";
pub const DEFAULT_LEVEL: &str = "Default level";
/// Only for AI gap rules.
pub const AI_RISK: &str = "AI risk left uncovered";

/// The rules `rules --maps-to` lists: all of them, or those bearing on one framework.
fn listed(maps_to: Option<Regime>) -> impl Iterator<Item = &'static Rule> {
    RULES
        .iter()
        .copied()
        .filter(move |r| maps_to.is_none_or(|regime| r.obligations.bears_on(regime)))
}

/// `vendorcert rules` as a plain table; with `maps_to`, only the rules bearing on that framework,
/// each followed by the identifiers it maps to.
pub fn rules_table(out: &mut dyn Write, maps_to: Option<Regime>) -> io::Result<()> {
    for rule in listed(maps_to) {
        write!(
            out,
            "{:<22} {:<8} {}",
            rule.id,
            rule.default_level.as_str(),
            rule.title
        )?;
        if let Some(regime) = maps_to {
            let ids: Vec<&str> = rule
                .obligations
                .obligations()
                .filter(|o| o.framework == regime)
                .map(|o| o.id)
                .collect();
            write!(out, " [{}]", ids.join(", "))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// One obligation of a rule, as `rules --format json` lists it.
#[derive(Serialize)]
struct JsonObligation {
    #[serde(flatten)]
    obligation: &'static Obligation,
    why: &'static str,
}

#[derive(Serialize)]
struct JsonRule {
    id: &'static str,
    framework: Framework,
    title: &'static str,
    default_level: Level,
    /// Public references for the rule's reasoning ("ISO/IEC 17021-1:2015 cl. 9.6").
    sources: &'static [&'static str],
    rationale: &'static str,
    question: &'static str,
    passes: &'static str,
    fails: &'static str,
    /// For AI gap rules: the risk left uncovered when the rule does not pass; `null` otherwise.
    ai_gap: Option<AiGap>,
    /// The obligations the rule helps evidence (docs/crosswalk.md).
    obligations: Vec<JsonObligation>,
    /// Why the rule runs whatever framework `check --obligation` restricts a run to; `null`
    /// for a rule that runs only under the frameworks it bears on.
    every_framework: Option<&'static str>,
}

/// `vendorcert rules --format json`: every rule (or those bearing on `maps_to`), in registry
/// order.
pub fn rules_json(out: &mut dyn Write, maps_to: Option<Regime>) -> io::Result<()> {
    let rules: Vec<JsonRule> = listed(maps_to)
        .map(|r| JsonRule {
            id: r.id,
            framework: r.framework,
            title: r.title,
            default_level: r.default_level,
            sources: r.sources,
            rationale: r.rationale,
            question: r.question,
            passes: r.passes,
            fails: r.fails,
            ai_gap: r.gap,
            obligations: r
                .obligations
                .mappings
                .iter()
                .map(|m| JsonObligation {
                    obligation: m.obligation,
                    why: m.why,
                })
                .collect(),
            every_framework: r.obligations.every_framework,
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &rules)?;
    writeln!(out)
}

/// One part of a rule's documentation: a heading and its paragraphs (or list items).
struct Section {
    heading: &'static str,
    paragraphs: Vec<String>,
    /// The paragraphs are items of a list (the sources).
    list: bool,
}

fn sections(rule: &Rule) -> Vec<Section> {
    let text = |heading, paragraphs: Vec<String>| Section {
        heading,
        paragraphs,
        list: false,
    };
    let mut sections = vec![
        text(WHAT_IT_CHECKS, vec![sentence(rule.title)]),
        text(WHY_IT_MATTERS, vec![rule.rationale.to_string()]),
        text(PASSING_EVIDENCE, vec![sentence(rule.passes)]),
        text(FAILING_EVIDENCE, vec![sentence(rule.fails)]),
        Section {
            heading: SOURCES,
            paragraphs: rule.sources.iter().map(|s| s.to_string()).collect(),
            list: true,
        },
        obligations(rule),
        text(QUESTION, vec![rule.question.to_string()]),
        text(
            DEFAULT_LEVEL,
            vec![format!(
                "{}; a policy can change it (`vendorcert policy show NAME`).",
                rule.default_level.as_str()
            )],
        ),
    ];
    if let Some(gap) = rule.gap {
        let owasp = match gap.owasp {
            Some(entry) => format!("OWASP Top 10 for LLM Applications 2025: {entry}."),
            None => "OWASP Top 10 for LLM Applications 2025: no entry fits.".to_string(),
        };
        sections.push(text(AI_RISK, vec![format!("Risk: {}.", gap.risk), owasp]));
    }
    sections
}

/// The crosswalk of a rule: each obligation with its title and why, framework by framework;
/// for a rule bearing on none, why not.
fn obligations(rule: &Rule) -> Section {
    let walk = rule.obligations;
    let mut paragraphs: Vec<String> = Regime::ALL
        .iter()
        .flat_map(|regime| {
            walk.mappings
                .iter()
                .filter(move |m| m.obligation.framework == *regime)
        })
        .map(|m| {
            let o = m.obligation;
            format!("{} ({}): {}", o.label(), o.title, m.why)
        })
        .collect();
    if let Some(reason) = walk.every_framework {
        let lead = if walk.mappings.is_empty() {
            "None of its own; it runs under every framework"
        } else {
            "It also runs under every framework"
        };
        paragraphs.push(format!("{lead} (`check --obligation`): {reason}"));
    }
    Section {
        heading: OBLIGATIONS,
        paragraphs,
        list: true,
    }
}

/// `vendorcert explain RULE`: the rule's full documentation, wrapped at [`WRAP_WIDTH`].
pub fn explain(rule: &Rule, out: &mut dyn Write) -> io::Result<()> {
    const INDENT: &str = "    ";
    for line in wrap(&format!("{}: {}", rule.id, rule.title), WRAP_WIDTH, false) {
        writeln!(out, "{line}")?;
    }
    writeln!(out, "Framework: {}", rule.framework.title())?;
    for section in sections(rule) {
        writeln!(out)?;
        writeln!(out, "{}", section.heading)?;
        for paragraph in &section.paragraphs {
            let (first, rest) = if section.list { ("- ", "  ") } else { ("", "") };
            let width = WRAP_WIDTH - INDENT.len() - first.len();
            for (i, line) in wrap(paragraph, width, false).iter().enumerate() {
                let bullet = if i == 0 { first } else { rest };
                writeln!(out, "{INDENT}{bullet}{line}")?;
            }
        }
    }
    Ok(())
}

/// The content of `docs/rules.md`, generated from the registry.
pub fn rules_markdown() -> String {
    let mut md = String::new();
    let mut line = |text: &str| {
        md.push_str(text);
        md.push('\n');
    };
    line(&format!(
        "<!-- Generated by `vendorcert` from the rule registry (src/rules/); must not be edited \
         by hand. Regenerate it with `{REGENERATE}`. -->"
    ));
    line("");
    line("# Rules");
    line("");
    for text in wrap(
        &format!(
            "This reference is generated by `vendorcert` from the rule registry (`src/rules/`) and \
             must not be edited by hand: change the rule's declaration, then run `{REGENERATE}`. \
             `vendorcert explain RULE` prints the same documentation in a terminal, and \
             `vendorcert rules --format json` as JSON."
        ),
        WRAP_WIDTH,
        true,
    ) {
        line(&text);
    }
    line("");
    for text in wrap(
        &format!(
            "{} rules. Each has a default level; a policy can set another or turn the rule off \
             (see [policies.md](policies.md)). A rule that does not pass gives a question to send \
             the vendor; an AI gap rule also names the AI risk it leaves uncovered.",
            RULES.len()
        ),
        WRAP_WIDTH,
        true,
    ) {
        line(&text);
    }
    line("");
    line("| Rule | Framework | Default level | What it checks |");
    line("| --- | --- | --- | --- |");
    for framework in Framework::REPORT_ORDER {
        for rule in RULES.iter().filter(|r| r.framework == *framework) {
            line(&format!(
                "| [{}](#{}) | {} | {} | {} |",
                rule.id,
                rule.slug(),
                framework.title(),
                rule.default_level.as_str(),
                rule.title.replace('|', "\\|")
            ));
        }
    }
    for framework in Framework::REPORT_ORDER {
        let rules: Vec<&Rule> = RULES
            .iter()
            .copied()
            .filter(|r| r.framework == *framework)
            .collect();
        if rules.is_empty() {
            continue;
        }
        line("");
        line(&format!("## {}", framework.title()));
        for rule in rules {
            line("");
            line(&format!("### {}", rule.id));
            for section in sections(rule) {
                line("");
                line(&format!("**{}**", section.heading));
                line("");
                for (n, paragraph) in section.paragraphs.iter().enumerate() {
                    if section.list {
                        for (i, text) in wrap(paragraph, WRAP_WIDTH - 2, true).iter().enumerate() {
                            line(&format!("{}{text}", if i == 0 { "- " } else { "  " }));
                        }
                    } else {
                        if n > 0 {
                            line("");
                        }
                        for text in wrap(paragraph, WRAP_WIDTH, true) {
                            line(&text);
                        }
                    }
                }
            }
        }
    }
    md
}

/// The content of `docs/crosswalk.md`, generated from the crosswalk table
/// (`src/rules/crosswalk.rs`).
pub fn crosswalk_markdown() -> String {
    use crate::rules::crosswalk::catalogue;
    let mut lines: Vec<String> = Vec::new();
    let para = |lines: &mut Vec<String>, text: &str| {
        lines.extend(wrap(text, WRAP_WIDTH, true));
        lines.push(String::new());
    };
    lines.push(format!(
        "<!-- Generated by `vendorcert` from the crosswalk table (src/rules/crosswalk.rs); must \
         not be edited by hand. Regenerate it with `{REGENERATE}`. -->"
    ));
    lines.push(String::new());
    lines.push("# Obligation crosswalk".into());
    lines.push(String::new());
    for text in CROSSWALK_INTRO {
        para(&mut lines, text);
    }
    lines.push("## Review".into());
    lines.push(String::new());
    for text in CROSSWALK_REVIEW {
        para(&mut lines, text);
    }
    lines.push("## Frameworks and their sources".into());
    lines.push(String::new());
    para(
        &mut lines,
        "Each mapping rests on the framework's own public text, at the identifier given; the \
         titles are short descriptions in our words, not the standards' text.",
    );
    lines.push("| Key | Framework | Source | Rules | Mappings |".into());
    lines.push("| --- | --- | --- | --- | --- |".into());
    for regime in Regime::ALL {
        let rules = RULES
            .iter()
            .filter(|r| r.obligations.bears_on(*regime))
            .count();
        let mappings: usize = RULES
            .iter()
            .map(|r| {
                r.obligations
                    .mappings
                    .iter()
                    .filter(|m| m.obligation.framework == *regime)
                    .count()
            })
            .sum();
        lines.push(format!(
            "| `{}` | {} | {} | {rules} | {mappings} |",
            regime.key(),
            regime.title(),
            regime.source()
        ));
    }
    lines.push(String::new());
    let mapped = RULES
        .iter()
        .filter(|r| !r.obligations.mappings.is_empty())
        .count();
    let total: usize = RULES.iter().map(|r| r.obligations.mappings.len()).sum();
    para(
        &mut lines,
        &format!(
            "{mapped} of the {} rules are mapped, with {total} mappings in all; the others run \
             under every framework, for the reason given [below](#rules-under-every-framework).",
            RULES.len()
        ),
    );
    for regime in Regime::ALL {
        lines.push(format!("## {}", regime.title()));
        lines.push(String::new());
        lines.push(format!(
            "`rules --maps-to {0}` lists these rules; `check --obligation {0}` judges only them \
             (and the rules under every framework).",
            regime.key()
        ));
        lines.push(String::new());
        lines.push("| Identifier | Title | Rule: why |".into());
        lines.push("| --- | --- | --- |".into());
        for obligation in catalogue().filter(|o| o.framework == *regime) {
            let why: Vec<String> = RULES
                .iter()
                .flat_map(|r| {
                    r.obligations
                        .mappings
                        .iter()
                        .filter(|m| std::ptr::eq(m.obligation, obligation))
                        .map(|m| format!("[{}](rules.md#{}): {}", r.id, r.slug(), m.why))
                })
                .collect();
            lines.push(format!(
                "| {} | {} | {} |",
                obligation.id,
                obligation.title,
                why.join("<br>").replace('|', "\\|")
            ));
        }
        lines.push(String::new());
    }
    lines.push("## Rules under every framework".into());
    lines.push(String::new());
    para(
        &mut lines,
        "These rules run whatever framework `check --obligation` names, because they decide \
         whether the evidence or the waivers can be relied on at all:",
    );
    for rule in RULES {
        if let Some(reason) = rule.obligations.every_framework {
            let text = format!("[{}](rules.md#{}): {reason}.", rule.id, rule.slug());
            for (i, l) in wrap(&text, WRAP_WIDTH - 2, true).iter().enumerate() {
                lines.push(format!("{}{l}", if i == 0 { "- " } else { "  " }));
            }
        }
    }
    let mut md = lines.join("\n");
    md.push('\n');
    md
}

/// The hand-written part of `docs/crosswalk.md`, paragraph by paragraph.
const CROSSWALK_INTRO: &[&str] = &[
    "Every rule names the obligations of the buyer's own frameworks that its evidence helps \
     meet: ISO/IEC 27001:2022 Annex A controls, SOC 2 trust services criteria, NIS2 Articles \
     20, 21 and 23, DORA Articles 5 and 28 to 30, GDPR Articles 5, 28, 32 and 33, EU AI Act articles and \
     NIST AI RMF 1.0 subcategories; and where an AI gap leaves a known attack open, the OWASP \
     Top 10 for LLM Applications 2025 entries and MITRE ATLAS techniques. A review can then be \
     read against the obligations a team must show it meets.",
    "A mapping says that a passing rule *helps evidence* the obligation, for the part a \
     vendor's evidence can show; it never says the rule discharges it. The obligations are the \
     buyer's (a financial entity under DORA, a controller under GDPR, a deployer under the EU \
     AI Act), except where an article binds the vendor and the buyer must check it: of the EU \
     AI Act articles mapped, only Article 26 binds the deployer; Articles 9, 10, 12, 14, 15, \
     17, 19, 72 and 73 bind the provider of a high-risk system, and Article 55 the provider of \
     a general-purpose model with systemic risk. GDPR Articles 28(5) and 32(3) speak of \
     approved codes of conduct and certification mechanisms (Articles 40 and 42); SOC 2 and \
     ISO/IEC certificates are not such mechanisms, so no rule is mapped to them. This is our \
     reading of the public texts, reviewed with the code, not legal advice.",
    "The table lives in `src/rules/crosswalk.rs`: each rule's declaration points at its entry, \
     every identifier has one short title there, and a test checks that identifiers are \
     well-formed for their framework (Annex A control numbers within A.5.1 to A.8.34, trust \
     services criteria that exist, article references, AI RMF subcategories within each \
     function, LLM01:2025 to LLM10:2025, AML.Txxxx), that every AI rule bears on the EU AI Act \
     or the NIST AI RMF, that the OWASP entry an AI gap names is in the crosswalk, that every \
     catalogued obligation is used, and that a rule mapped to nothing says why.",
    "Where it shows: `vendorcert explain RULE` and [rules.md](rules.md) list a rule's \
     obligations with their why; `vendorcert rules --maps-to FRAMEWORK` lists the rules bearing \
     on one framework with their identifiers (`--format json` adds `obligations` with title and \
     why to every rule); every finding of the [JSON report](json-report.md) carries \
     `obligations` (framework key and identifier); SARIF rule descriptors carry them as \
     `properties.tags` (the framework keys and labels such as `NIS2 Art. 21(2)(d)`) and \
     `properties.obligations`; the HTML report shows them under each finding as \"Bears on\".",
    "`vendorcert check --obligation FRAMEWORK` judges a portfolio for one framework: every rule \
     that bears on none of its obligations is turned off, as a policy turns a rule off, so it is \
     neither reported nor counted in the verdict or the exit code. The rules that run under \
     every framework (listed at the end) stay on whatever the framework: a placeholder left in \
     the evidence, an impossible date or a lapsed waiver still fails the vendor. The levels of \
     the rules that stay on are the policy's. The policy's name in every report says so \
     (`ai-vendor (only dora)`), and a waiver of a rule the restriction turned off is not \
     reported as matching no finding. An unknown framework is a usage error (exit 2).",
];

/// The last domain review of the crosswalk: when, against which sources, and what it changed.
const CROSSWALK_REVIEW: &[&str] = &[
    "Reviewed on 2026-12-07, identifier by identifier and mapping by mapping. Sources: the \
     texts of NIS2 (Directive (EU) 2022/2555, Articles 20, 21 and 23), DORA (Regulation (EU) \
     2022/2554, Articles 5(2) and 28 to 30), the GDPR (Regulation (EU) 2016/679, Articles 5, \
     28, 32 and 33) and the AI Act as published in the Official Journal (Regulation (EU) \
     2024/1689, whose numbering differs from the 2021 proposal's), at the EUR-Lex addresses \
     below, read in public reproductions of those texts; NIST AI 100-1 (AI RMF 1.0), its \
     subcategory tables; the OWASP Top 10 for LLM Applications 2025 (genai.owasp.org and the \
     project's repository, OWASP/www-project-top-10-for-large-language-model-applications); \
     MITRE ATLAS (atlas.mitre.org), its technique data in mitre-atlas/atlas-data release \
     v5.6.1. ISO/IEC 27001:2022 Annex A and the AICPA trust services criteria are not freely \
     published: their numbers and titles were checked against public control lists that \
     reproduce them, not against the standards themselves.",
    "Every identifier exists with the meaning its title gives. Titles made more precise: ISO \
     A.8.29; NIS2 Art. 21(2)(e) and Art. 23; DORA Art. 30(2)(c); GDPR Art. 28(3)(g) and \
     Art. 33(2); EU AI Act Art. 15(5), Art. 19, Art. 72 and Art. 55(1)(a), (c) and (d) (which \
     bind only providers of general-purpose models with systemic risk); AI RMF MEASURE 1.3.",
    "Mappings removed: DORA Art. 28(6) from SOC2-BRIDGE (a bridge letter is the vendor's own \
     statement, not an audit); DORA Art. 30(2)(a) from SOC2-SCOPE and ISO-SCOPE (it says what \
     the contract must describe, which a scope check does not show); GDPR Art. 28(4) from \
     CONTRACT-SUBPROCESSORS (notice and a right to object do not show the obligations flowing \
     down); EU AI Act Art. 10 from AI-TRAINING-DATA (it governs the quality of a high-risk \
     system's data sets, not whether a customer's data may train a model, which GDPR Articles \
     5(1)(b) and 28(3)(a) cover). Corrected: GEN-REVIEW bears on DORA Art. 28(2), the regular \
     review of third-party risks, instead of Art. 28(6), the frequency of audits. Added: EU AI \
     Act Art. 10(2)(g) to AI-BIAS, whose mitigations it requires. Reworded: the NIS2 \
     Art. 21(2)(d) reasons, since that point concerns direct suppliers; the reasons for DORA \
     Art. 28(6) and Art. 30(2)(f), GDPR Art. 28(3)(g) and Art. 33(2), NIS2 Art. 21(2)(e) and \
     EU AI Act Art. 15(5), to say what the rule's evidence shows.",
];

/// `text` as a sentence: capitalised, ending with a full stop.
fn sentence(text: &str) -> String {
    let text = text.trim();
    let mut chars = text.chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    if !out.ends_with(['.', '?', '!']) {
        out.push('.');
    }
    out
}

/// Wraps `text` at `width` columns, breaking only between words; a word longer than `width`
/// gets a line of its own. With `markdown`, no line starts with something Markdown would read
/// as a block marker (`#`, `-`, `1.`, `>`…), so wrapping never changes the rendering.
fn wrap(text: &str, width: usize, markdown: bool) -> Vec<String> {
    let mut lines: Vec<Vec<&str>> = Vec::new();
    let len = |words: &[&str]| -> usize {
        words.iter().map(|w| w.chars().count()).sum::<usize>() + words.len().saturating_sub(1)
    };
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(current) if len(current) + 1 + word.chars().count() <= width => current.push(word),
            Some(current) => {
                let mut next = vec![word];
                while markdown && !can_start_line(next[0]) && current.len() > 1 {
                    next.insert(0, current.pop().unwrap_or_default());
                }
                lines.push(next);
            }
            None => lines.push(vec![word]),
        }
    }
    lines.iter().map(|words| words.join(" ")).collect()
}

/// Whether a Markdown line may start with `word` without becoming a heading, a list item, a
/// quote, a table row, a fence, an HTML block or a setext underline.
fn can_start_line(word: &str) -> bool {
    let ordered = word
        .strip_suffix(['.', ')'])
        .is_some_and(|n| !n.is_empty() && n.len() <= 9 && n.chars().all(|c| c.is_ascii_digit()));
    !(ordered
        || matches!(word, "-" | "+" | "*")
        || word.starts_with(['#', '>', '|', '<', '='])
        || word.starts_with("```")
        || word.starts_with("~~~")
        || word.starts_with("---")
        || word.starts_with("***")
        || word.starts_with("___"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_and_width() {
        let text = "one two three four five six seven eight nine ten";
        let lines = wrap(text, 14, false);
        assert_eq!(
            lines,
            ["one two three", "four five six", "seven eight", "nine ten"]
        );
        assert_eq!(
            wrap("averyveryverylongword x", 5, false),
            ["averyveryverylongword", "x"]
        );
        assert!(wrap("", 10, false).is_empty());
    }

    #[test]
    fn markdown_wrapping_never_starts_a_block() {
        // "12." would start an ordered list, "-" a bullet, "#" a heading.
        let lines = wrap("within the last period of 12. - # end", 16, true);
        for line in &lines {
            let first = line.split_whitespace().next().unwrap_or("");
            assert!(can_start_line(first), "{line:?} starts a block");
        }
        assert_eq!(lines.join(" "), "within the last period of 12. - # end");
    }

    #[test]
    fn sentences() {
        assert_eq!(sentence("the report is Type 2"), "The report is Type 2.");
        assert_eq!(sentence("is it?"), "Is it?");
        assert_eq!(sentence("`type = 2`"), "`type = 2`.");
    }
}
