//! The rule registry as documents: the `rules` listing (table or JSON), `explain RULE`, and
//! `docs/rules.md`. `explain` and `docs/rules.md` share one list of sections, so they say the
//! same thing.

use std::io::{self, Write};

use serde::Serialize;

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
pub const QUESTION: &str = "Question to send the vendor";
pub const DEFAULT_LEVEL: &str = "Default level";
/// Only for AI gap rules.
pub const AI_RISK: &str = "AI risk left uncovered";

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
}

/// `vendorcert rules --format json`: every rule, in registry order.
pub fn rules_json(out: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<JsonRule> = RULES
        .iter()
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
