//! The vendor questionnaire: the questions to send for every failure, warning and AI gap,
//! grouped by topic, each with the reason it is asked, AI-specific concerns included.

use std::io::{self, Write};

use serde::Serialize;

use crate::engine::VendorResult;
use crate::rules::{AiGap, Framework};

/// One question, asked once however many findings lead to it.
#[derive(Debug, Serialize)]
pub struct Question {
    pub rule: &'static str,
    pub question: &'static str,
    /// Why it is asked: the findings behind it.
    pub reasons: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ai_gap: Option<AiGap>,
}

#[derive(Debug, Serialize)]
pub struct Topic {
    pub topic: &'static str,
    pub questions: Vec<Question>,
}

#[derive(Debug, Serialize)]
pub struct Questionnaire<'a> {
    pub vendor: &'a str,
    pub name: &'a str,
    pub as_of: String,
    pub policy: &'a str,
    pub topics: Vec<Topic>,
}

impl<'a> Questionnaire<'a> {
    pub fn new(v: &'a VendorResult, as_of: crate::evidence::Date) -> Self {
        let mut topics = Vec::new();
        for framework in Framework::REPORT_ORDER {
            let mut questions: Vec<Question> = Vec::new();
            for f in v
                .findings
                .iter()
                .filter(|f| f.rule.framework == *framework && f.needs_answer())
            {
                let reason = match &f.subject {
                    Some(s) => format!("{s}: {}", f.message),
                    None => f.message.clone(),
                };
                match questions.iter_mut().find(|q| q.rule == f.rule.id) {
                    Some(q) => q.reasons.push(reason),
                    None => questions.push(Question {
                        rule: f.rule.id,
                        question: f.rule.question,
                        reasons: vec![reason],
                        ai_gap: f.rule.gap,
                    }),
                }
            }
            if !questions.is_empty() {
                let topic = if *framework == Framework::Ai {
                    "AI-specific concerns"
                } else {
                    framework.title()
                };
                topics.push(Topic { topic, questions });
            }
        }
        Questionnaire {
            vendor: &v.id,
            name: &v.name,
            as_of: as_of.to_string(),
            policy: &v.policy,
            topics,
        }
    }

    pub fn count(&self) -> usize {
        self.topics.iter().map(|t| t.questions.len()).sum()
    }

    pub fn write_markdown(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "# Questions for {} ({})", self.name, self.vendor)?;
        writeln!(out)?;
        writeln!(
            out,
            "As of {}, under the `{}` policy: {} to send the vendor.",
            self.as_of,
            self.policy,
            crate::rules::plural_pub(self.count(), "question")
        )?;
        let mut n = 0;
        for topic in &self.topics {
            writeln!(out, "\n## {}\n", topic.topic)?;
            for q in &topic.questions {
                n += 1;
                writeln!(out, "{n}. **{}**", q.question)?;
                for r in &q.reasons {
                    writeln!(out, "   - Why we ask ({}): {r}", q.rule)?;
                }
                if let Some(gap) = q.ai_gap {
                    let owasp = gap.owasp.map(|o| format!(" ({o})")).unwrap_or_default();
                    writeln!(out, "   - Risk left uncovered: {}{owasp}", gap.risk)?;
                }
            }
        }
        Ok(())
    }

    pub fn write_json(&self, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, self)?;
        writeln!(out)
    }
}
