//! AI-specific gaps: what SOC 2 and ISO/IEC 27001 leave open for an AI vendor. Each rule applies to AI vendors only and names the risk its failure leaves
//! uncovered, with the OWASP Top 10 for LLM Applications 2025 entry where one fits.

use crate::evidence::scope::coverage;
use crate::evidence::{
    AdversarialScenario, AiAssurance, AiRisk, Date, IsoCertificate, ReadinessStatus, RmfFunction,
    Standard, TrainingUse,
};
use crate::rules::AsOf;

use super::iso::{current_certs, in_validity, recognised_body};
use super::{AiGap, Ctx, Framework, Level, Outcome, Rule, plural};

/// Runs `check` for an AI vendor with an `[ai]` section; not applicable otherwise.
fn for_ai_vendor(ctx: &Ctx, check: impl Fn(&AiAssurance) -> Outcome) -> Vec<Outcome> {
    if !ctx.ev.vendor.ai_vendor {
        return vec![Outcome::not_applicable("not an AI vendor").at("vendor.ai_vendor")];
    }
    let Some(ai) = &ctx.ev.ai else {
        return vec![
            Outcome::fail("no AI assurance recorded (no [ai] section)").at("vendor.ai_vendor"),
        ];
    };
    vec![check(ai)]
}

/// "a, b and c".
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The names of the parts whose flag is false.
fn lacking<'a>(parts: &[(bool, &'a str)]) -> Vec<&'a str> {
    parts
        .iter()
        .filter(|(present, _)| !present)
        .map(|(_, name)| *name)
        .collect()
}

fn older_than(d: Date, months: u32, as_of: &AsOf) -> bool {
    as_of.after(d.plus_months(months))
}

pub static RISK_REGISTER: Rule = Rule {
    id: "AI-RISK-REGISTER",
    framework: Framework::Ai,
    title: "the vendor's risk assessment names the AI-specific risks",
    default_level: Level::Error,
    sources: &[
        "ISO/IEC 42001:2023 cl. 6.1.2, 8.2 (AI risk assessment)",
        "NIST AI RMF 1.0 (NIST AI 100-1) MAP function",
        "EU AI Act (Reg. (EU) 2024/1689) Art. 9 (risk management)",
    ],
    rationale: "A generic information-security risk assessment can pass a certification audit \
        without naming the risks an AI product faces: training data exposure, prompt injection, \
        model inversion, inference data leakage, model supply chain compromise and output \
        manipulation. A management system that never names them does not address them.",
    question: "Does your risk register name training data exposure, prompt injection, model \
        inversion, inference data leakage, model supply chain and output manipulation, with their \
        treatments?",
    passes: "`[ai.risk_register]` naming all six AI risks: training data exposure, prompt \
        injection, model inversion, inference data leakage, model supply chain and output \
        manipulation",
    fails: "no risk register recorded, or one missing any of the six",
    gap: Some(AiGap {
        risk: "AI risks unassessed (training data exposure, prompt injection, model inversion, inference data leakage, model supply chain, output manipulation)",
        owasp: None,
    }),
    reads: &[
        "ai",
        "ai.risk_register",
        "ai.risk_register.risks",
        "ai.risk_register.source",
        "ai.source",
        "vendor.ai_vendor",
    ],
    obligations: &crate::rules::crosswalk::AI_RISK_REGISTER,
    check: |ctx| {
        const REQUIRED: &[(AiRisk, &str)] = &[
            (AiRisk::TrainingDataExposure, "training data exposure"),
            (AiRisk::PromptInjection, "prompt injection"),
            (AiRisk::ModelInversion, "model inversion"),
            (AiRisk::InferenceDataLeakage, "inference data leakage"),
            (AiRisk::ModelSupplyChain, "model supply chain"),
            (AiRisk::OutputManipulation, "output manipulation"),
        ];
        for_ai_vendor(ctx, |ai| {
            let Some(register) = &ai.risk_register else {
                return Outcome::fail("no AI risk register recorded").at("ai");
            };
            let missing: Vec<&str> = REQUIRED
                .iter()
                .filter(|(r, _)| !register.risks.contains(r))
                .map(|(_, n)| *n)
                .collect();
            if missing.is_empty() {
                Outcome::pass("names all six AI-specific risks")
                    .resting_on(register.source.unwrap_or(ai.source))
            } else {
                Outcome::fail(format!("does not name {}", and_list(&missing)))
            }
            .at("ai.risk_register.risks")
        })
    },
};

pub static TRAINING_DATA: Rule = Rule {
    id: "AI-TRAINING-DATA",
    framework: Framework::Ai,
    title: "our data does not train the vendor's models, by contract",
    default_level: Level::Error,
    sources: &[
        "GDPR Art. 28(3)(a) (processing on documented instructions)",
        "NIST AI 600-1 (data privacy)",
        "ISO/IEC 42001:2023 A.7 (data for AI systems)",
    ],
    rationale: "Data that trains a vendor's models can resurface in what those models produce for \
        others. Whether our data trains them is settled by the contract, not by a certificate or a \
        FAQ, so it must be asked directly and written into the terms.",
    question: "Is any of our data (prompts, files, outputs, feedback) used to train or improve your \
        models, and which contract clause says so?",
    passes: "`training_on_customer_data = \"no\"` (or `opt_in`) with the contractual term recorded in `training_terms`",
    fails: "`yes`, `unknown` or not recorded; `no` without a contract term, or `opt_out`, warns",
    gap: Some(AiGap {
        risk: "training data exposure",
        owasp: Some("LLM02:2025 Sensitive Information Disclosure"),
    }),
    reads: &[
        "ai",
        "ai.source",
        "ai.training_on_customer_data",
        "ai.training_terms",
        "vendor.ai_vendor",
    ],
    obligations: &crate::rules::crosswalk::AI_TRAINING_DATA,
    check: |ctx| {
        for_ai_vendor(ctx, |ai| {
            let at = "ai.training_on_customer_data";
            let terms = ai
                .training_terms
                .as_deref()
                .map(str::trim)
                .filter(|t| !super::is_placeholder(t));
            match (ai.training_on_customer_data, terms) {
                (None | Some(TrainingUse::Unknown), _) => {
                    Outcome::fail("whether our data trains the vendor's models is not known")
                }
                (Some(TrainingUse::Yes), _) => {
                    Outcome::fail("our data is used to train the vendor's models")
                }
                (Some(TrainingUse::OptOut), _) => {
                    Outcome::warn("our data trains the vendor's models unless we opt out")
                }
                (Some(TrainingUse::No), None) => Outcome::warn(
                    "no training on our data is stated, but no contract term is recorded",
                ),
                (Some(TrainingUse::OptIn), None) => Outcome::warn(
                    "training only if we opt in is stated, but no contract term is recorded",
                ),
                (Some(TrainingUse::No), Some(t)) => {
                    Outcome::pass(format!("no training on our data ({t})")).resting_on(ai.source)
                }
                (Some(TrainingUse::OptIn), Some(t)) => {
                    Outcome::pass(format!("training only if we opt in ({t})")).resting_on(ai.source)
                }
            }
            .at(at)
        })
    },
};

pub static RETENTION: Rule = Rule {
    id: "AI-RETENTION",
    framework: Framework::Ai,
    title: "prompts and outputs are not retained (zero data retention)",
    default_level: Level::Error,
    sources: &[
        "GDPR Art. 5(1)(e) (storage limitation)",
        "NIST AI 600-1 (data privacy)",
    ],
    rationale: "Prompts and outputs the vendor keeps can leak. Under zero data retention they are \
        not used for training and are kept no longer than the operational window needed for abuse \
        monitoring, typically 30 days.",
    question: "Does zero data retention apply to our use, and how long are prompts and outputs kept \
        for abuse monitoring?",
    passes: "`zero_data_retention = true` with a retention window (`retention_days`, or the inference logs' `retention_days`) of 30 days or less",
    fails: "no ZDR and retention over 30 days or not recorded; ZDR absent with retention of 30 days or less, or ZDR without its retention window recorded, warns",
    gap: Some(AiGap {
        risk: "inference data leakage",
        owasp: Some("LLM02:2025 Sensitive Information Disclosure"),
    }),
    reads: &[
        "ai",
        "ai.inference_logs",
        "ai.inference_logs.retention_days",
        "ai.retention_days",
        "ai.source",
        "ai.zero_data_retention",
        "vendor.ai_vendor",
    ],
    obligations: &crate::rules::crosswalk::AI_RETENTION,
    check: |ctx| {
        for_ai_vendor(ctx, |ai| {
            let log_days = ai.inference_logs.as_ref().and_then(|l| l.retention_days);
            match (ai.zero_data_retention, ai.retention_days) {
                // ZDR allows an abuse-monitoring window (typically 30 days), no more.
                (Some(true), Some(days)) if days > 30 => Outcome::fail(format!(
                    "zero data retention is claimed, but prompts and outputs are kept {days} days"
                ))
                .at("ai.retention_days"),
                (Some(true), _) if log_days.is_some_and(|d| d > 30) => Outcome::fail(format!(
                    "zero data retention is claimed, but inference logs are kept {} days",
                    log_days.unwrap_or_default()
                ))
                .at("ai.inference_logs.retention_days"),
                // The abuse-monitoring window is what zero data retention still allows: it is
                // recorded as `retention_days` or as the inference logs' retention; with neither,
                // it is not shown to be within 30 days.
                (Some(true), None) if log_days.is_none() => Outcome::warn(
                    "zero data retention is claimed, but the retention window for abuse monitoring \
                     is not recorded (`retention_days`)",
                )
                .at("ai.zero_data_retention"),
                (Some(true), _) => Outcome::pass("zero data retention applies")
                    .resting_on(ai.source)
                    .at("ai.zero_data_retention"),
                (_, Some(days)) if days <= 30 => Outcome::warn(format!(
                    "no zero data retention; prompts and outputs kept {}",
                    plural(days as usize, "day")
                ))
                .at("ai.retention_days"),
                (_, Some(days)) => Outcome::fail(format!(
                    "no zero data retention; prompts and outputs kept {days} days"
                ))
                .at("ai.retention_days"),
                (_, None) => {
                    Outcome::fail("no zero data retention, and retention is not recorded").at("ai")
                }
            }
        })
    },
};

pub static ADVERSARIAL: Rule = Rule {
    id: "AI-ADVERSARIAL",
    framework: Framework::Ai,
    title: "independent adversarial testing in the last 12 months, remediation retested",
    default_level: Level::Error,
    sources: &[
        "EU AI Act (Reg. (EU) 2024/1689) Art. 15 (accuracy, robustness, cybersecurity)",
        "NIST AI RMF 1.0 (NIST AI 100-1) MEASURE 2.7",
        "NIST AI 600-1 (information security)",
    ],
    rationale: "Certifications do not test a model against attack, and prompt injection is a gap \
        they leave open. Resistance is shown by independent adversarial testing — prompt injection \
        and jailbreak resistance, data exfiltration and indirect prompt attacks, red-team or \
        purple-team exercises against production-representative models and agents — with \
        documented remediation and a retest.",
    question: "When was your AI system last red-teamed by an independent party, which scenarios \
        were tested (prompt injection, indirect prompt injection, jailbreak, data exfiltration), and \
        were the fixes retested?",
    passes: "testing within 12 months covering all four scenarios, by a named, independent tester, remediation retested",
    fails: "no testing recorded, older than 12 months, a scenario missing, an internal or unnamed tester, or no retest",
    gap: Some(AiGap {
        risk: "prompt injection",
        owasp: Some("LLM01:2025 Prompt Injection"),
    }),
    reads: &[
        "ai",
        "ai.adversarial_testing",
        "ai.adversarial_testing.date",
        "ai.adversarial_testing.independent",
        "ai.adversarial_testing.remediation_retested",
        "ai.adversarial_testing.scenarios",
        "ai.adversarial_testing.source",
        "ai.adversarial_testing.tester",
        "ai.source",
        "vendor.ai_vendor",
    ],
    obligations: &crate::rules::crosswalk::AI_ADVERSARIAL,
    check: |ctx| {
        for_ai_vendor(ctx, |ai| {
            let Some(t) = &ai.adversarial_testing else {
                return Outcome::fail("no adversarial testing recorded").at("ai");
            };
            let mut problems = Vec::new();
            if ctx.as_of.before(t.date) {
                problems.push(format!("tested {}, after the as-of date", t.date));
            } else if older_than(t.date, 12, &ctx.as_of) {
                problems.push(format!("last tested {}, more than 12 months ago", t.date));
            }
            let names = [
                (AdversarialScenario::PromptInjection, "prompt injection"),
                (
                    AdversarialScenario::IndirectPromptInjection,
                    "indirect prompt injection",
                ),
                (AdversarialScenario::Jailbreak, "jailbreak"),
                (AdversarialScenario::DataExfiltration, "data exfiltration"),
            ];
            let missing: Vec<&str> = names
                .iter()
                .filter(|(s, _)| !t.scenarios.contains(s))
                .map(|(_, n)| *n)
                .collect();
            if !missing.is_empty() {
                problems.push(format!("{} not tested", and_list(&missing)));
            }
            if !t.independent {
                problems.push("the tester is not independent".to_string());
            } else if t.tester.as_deref().is_none_or(super::is_placeholder) {
                problems.push(
                    "the tester is not named, so its independence cannot be judged".to_string(),
                );
            }
            if !t.remediation_retested {
                problems.push("remediation was not retested".to_string());
            }
            if problems.is_empty() {
                Outcome::pass(format!(
                    "independent testing on {} covered all four scenarios, remediation retested",
                    t.date
                ))
                .resting_on(t.source.unwrap_or(ai.source))
            } else {
                Outcome::fail(problems.join("; "))
            }
            .at("ai.adversarial_testing")
        })
    },
};

pub static MODEL_SECURITY: Rule = Rule {
    id: "AI-MODEL-SECURITY",
    framework: Framework::Ai,
    title: "the model and its supply chain are protected",
    default_level: Level::Error,
    sources: &[
        "EU AI Act (Reg. (EU) 2024/1689) Art. 15 (accuracy, robustness, cybersecurity)",
        "NIST AI 600-1 (value chain and component integration)",
        "ISO/IEC 42001:2023 A.10.3 (suppliers)",
    ],
    rationale: "The model is an asset of its own: its weights and artifacts can be stolen or \
        altered, and a model or dependency compromised upstream passes into the product. \
        Certifications of the infrastructure rarely assess either.",
    question: "How are model weights and artifacts protected, and how do you vet third-party \
        models, datasets and dependencies?",
    passes: "`[ai.model_security]` with `artifact_protection = true` and `supply_chain = true`",
    fails: "not recorded, or either protection missing",
    gap: Some(AiGap {
        risk: "model supply chain",
        owasp: Some("LLM03:2025 Supply Chain"),
    }),
    reads: &[
        "ai",
        "ai.model_security",
        "ai.model_security.artifact_protection",
        "ai.model_security.source",
        "ai.model_security.supply_chain",
        "ai.source",
        "vendor.ai_vendor",
    ],
    obligations: &crate::rules::crosswalk::AI_MODEL_SECURITY,
    check: |ctx| {
        for_ai_vendor(ctx, |ai| {
            let Some(m) = &ai.model_security else {
                return Outcome::fail("no model security evidence recorded").at("ai");
            };
            let missing: Vec<&str> = lacking(&[
                (m.artifact_protection, "model artifact protection"),
                (m.supply_chain, "model supply chain vetting"),
            ]);
            if missing.is_empty() {
                Outcome::pass("model artifacts protected and supply chain vetted")
                    .resting_on(m.source.unwrap_or(ai.source))
            } else {
                Outcome::fail(format!("no evidence of {}", and_list(&missing)))
            }
            .at("ai.model_security")
        })
    },
};

pub static OUTPUT_MONITORING: Rule = Rule {
    id: "AI-OUTPUT-MONITORING",
    framework: Framework::Ai,
    title: "model outputs are monitored",
    default_level: Level::Error,
    sources: &[
        "ISO/IEC 42001:2023 A.6.2.6 (operation and monitoring)",
        "NIST AI 600-1 (confabulation, information integrity)",
        "EU AI Act (Reg. (EU) 2024/1689) Art. 72 (post-market monitoring)",
    ],
    rationale: "Harmful or incorrect outputs are found only by watching what the model produces in \
        use. Certifications of the infrastructure do not review outputs, so monitoring them needs \
        its own evidence.",
    question: "How do you detect harmful, incorrect or manipulated model outputs in production?",
    passes: "`[ai.output_monitoring]` with `in_place = true`",
    fails: "not recorded, or not in place",
    gap: Some(AiGap {
        risk: "harmful output",
        owasp: Some("LLM05:2025 Improper Output Handling"),
    }),
    reads: &[
        "ai",
        "ai.output_monitoring",
        "ai.output_monitoring.in_place",
        "ai.output_monitoring.source",
        "ai.source",
        "vendor.ai_vendor",
    ],
    obligations: &crate::rules::crosswalk::AI_OUTPUT_MONITORING,
    check: |ctx| {
        for_ai_vendor(ctx, |ai| match &ai.output_monitoring {
            Some(m) if m.in_place => Outcome::pass("outputs are monitored")
                .resting_on(m.source.unwrap_or(ai.source))
                .at("ai.output_monitoring"),
            Some(_) => {
                Outcome::fail("output monitoring is not in place").at("ai.output_monitoring")
            }
            None => Outcome::fail("no output monitoring recorded").at("ai"),
        })
    },
};

pub static BIAS: Rule = Rule {
    id: "AI-BIAS",
    framework: Framework::Ai,
    title: "bias and fairness are assessed, with thresholds, mitigations and monitoring",
    default_level: Level::Error,
    sources: &[
        "NIST AI RMF 1.0 (NIST AI 100-1) MEASURE 2.11",
        "EU AI Act (Reg. (EU) 2024/1689) Art. 10 (data governance)",
        "ISO/IEC 42001:2023 A.5.4 (impact on individuals and groups)",
    ],
    rationale: "An AI system can treat groups of people unequally. Showing that it does not takes \
        bias assessments across protected characteristics and high-impact decision domains, \
        fairness metrics with defined thresholds, documented mitigations, and a plan to monitor \
        drift and emergent bias in production.",
    question: "Which protected characteristics and fairness metrics does your bias assessment \
        cover, with what thresholds, mitigations and production monitoring?",
    passes: "characteristics and metrics listed, thresholds defined, mitigations and a monitoring plan",
    fails: "no assessment, or any of those parts missing",
    gap: Some(AiGap {
        risk: "bias",
        owasp: None,
    }),
    reads: &[
        "ai",
        "ai.bias",
        "ai.bias.characteristics",
        "ai.bias.metrics",
        "ai.bias.mitigations",
        "ai.bias.monitoring_plan",
        "ai.bias.source",
        "ai.bias.thresholds_defined",
        "ai.source",
        "vendor.ai_vendor",
    ],
    obligations: &crate::rules::crosswalk::AI_BIAS,
    check: |ctx| {
        for_ai_vendor(ctx, |ai| {
            let Some(b) = &ai.bias else {
                return Outcome::fail("no bias and fairness assessment recorded").at("ai");
            };
            let missing: Vec<&str> = lacking(&[
                (
                    b.characteristics.iter().any(|c| !super::is_placeholder(c)),
                    "protected characteristics",
                ),
                (
                    b.metrics.iter().any(|m| !super::is_placeholder(m)),
                    "fairness metrics",
                ),
                (b.thresholds_defined, "thresholds"),
                (b.mitigations, "mitigations"),
                (b.monitoring_plan, "a monitoring plan"),
            ]);
            if missing.is_empty() {
                Outcome::pass(format!("assessed over {}", b.characteristics.join(", ")))
                    .resting_on(b.source.unwrap_or(ai.source))
            } else {
                Outcome::fail(format!("the assessment lacks {}", and_list(&missing)))
            }
            .at("ai.bias")
        })
    },
};

pub static INCIDENT_RESPONSE: Rule = Rule {
    id: "AI-INCIDENT-RESPONSE",
    framework: Framework::Ai,
    title: "a model incident response plan, exercised in the last 12 months",
    default_level: Level::Error,
    sources: &[
        "EU AI Act (Reg. (EU) 2024/1689) Art. 73 (serious incident reporting)",
        "NIST AI RMF 1.0 (NIST AI 100-1) MANAGE 4.3",
        "ISO/IEC 42001:2023 A.8.4 (communication of incidents)",
    ],
    rationale: "A model incident — harmful output, an agent acting beyond its remit, data leaking \
        through the model — needs its own response: a plan with severity classes and escalation \
        paths, model rollback, a kill switch, regulatory notification and a post-incident review, \
        exercised in the last 12 months. The EU AI Act requires serious incidents of high-risk \
        systems to be reported within 15 days (2 days for a widespread infringement or critical \
        infrastructure, 10 days for a death).",
    question: "Can you share your model incident response plan and the date and findings of its \
        last tabletop exercise?",
    passes: "plan, severity classes, escalation, rollback, kill switch, regulatory notification, \
        post-incident review, and a tabletop within 12 months",
    fails: "no plan, any part missing, or no tabletop in the last 12 months",
    gap: Some(AiGap {
        risk: "harmful output",
        owasp: Some("LLM06:2025 Excessive Agency"),
    }),
    reads: &[
        "ai",
        "ai.incident_response",
        "ai.incident_response.escalation",
        "ai.incident_response.kill_switch",
        "ai.incident_response.last_tabletop",
        "ai.incident_response.plan",
        "ai.incident_response.post_incident_review",
        "ai.incident_response.regulatory_notification",
        "ai.incident_response.rollback",
        "ai.incident_response.severity_classes",
        "ai.incident_response.source",
        "ai.source",
        "vendor.ai_vendor",
    ],
    obligations: &crate::rules::crosswalk::AI_INCIDENT_RESPONSE,
    check: |ctx| {
        for_ai_vendor(ctx, |ai| {
            let Some(p) = &ai.incident_response else {
                return Outcome::fail("no model incident response plan recorded").at("ai");
            };
            if !p.plan {
                return Outcome::fail("no model incident response plan")
                    .at("ai.incident_response.plan");
            }
            let mut missing: Vec<String> = [
                (p.severity_classes, "severity classes"),
                (p.escalation, "escalation paths"),
                (p.rollback, "model rollback"),
                (p.kill_switch, "a kill switch"),
                (p.regulatory_notification, "regulatory notification"),
                (p.post_incident_review, "post-incident review"),
            ]
            .iter()
            .filter(|(ok, _)| !ok)
            .map(|(_, n)| n.to_string())
            .collect();
            match p.last_tabletop {
                None => missing.push("a tabletop exercise".to_string()),
                Some(d) if ctx.as_of.before(d) => {
                    missing.push(format!("a tabletop by the as-of date (dated {d})"))
                }
                Some(d) if older_than(d, 12, &ctx.as_of) => missing.push(format!(
                    "a tabletop since {} (last {d})",
                    ctx.as_of.shown().minus_months(12)
                )),
                Some(_) => {}
            }
            if missing.is_empty() {
                Outcome::pass(format!(
                    "complete plan, last tabletop {}",
                    p.last_tabletop.map(|d| d.to_string()).unwrap_or_default()
                ))
                .resting_on(p.source.unwrap_or(ai.source))
            } else {
                let refs: Vec<&str> = missing.iter().map(String::as_str).collect();
                Outcome::fail(format!("the plan lacks {}", and_list(&refs)))
            }
            .at("ai.incident_response")
        })
    },
};

pub static RMF: Rule = Rule {
    id: "AI-RMF",
    framework: Framework::Ai,
    title: "a NIST AI RMF assessment covering all four functions, attested and current",
    default_level: Level::Error,
    sources: &[
        "NIST AI RMF 1.0 (NIST AI 100-1)",
        "NIST AI 600-1 (Generative AI Profile)",
    ],
    rationale: "The NIST AI RMF organises AI risk management in four functions: Govern (policies, \
        roles, executive oversight), Map (context, stakeholders, categorisation), Measure (risk \
        metrics, testing results) and Manage (treatment plans, residual risk acceptance, \
        monitoring). An assessment counts when it covers all four, is attested by an executive, is \
        versioned, and is reviewed every year or on a material change.",
    question: "Can you share your NIST AI RMF assessment (Govern, Map, Measure, Manage), its \
        executive attestation and the date of its last review?",
    passes: "all four functions, executive attestation, a version, reviewed within 12 months",
    fails: "no assessment, a function missing, no attestation or version, or a stale review",
    gap: Some(AiGap {
        risk: "AI risks unmanaged",
        owasp: None,
    }),
    reads: &[
        "ai",
        "ai.rmf",
        "ai.rmf.executive_attestation",
        "ai.rmf.functions",
        "ai.rmf.last_review",
        "ai.rmf.source",
        "ai.rmf.version",
        "ai.source",
        "vendor.ai_vendor",
    ],
    obligations: &crate::rules::crosswalk::AI_RMF,
    check: |ctx| {
        for_ai_vendor(ctx, |ai| {
            let Some(r) = &ai.rmf else {
                return Outcome::fail("no NIST AI RMF assessment recorded").at("ai");
            };
            let mut missing: Vec<String> = [
                (RmfFunction::Govern, "Govern"),
                (RmfFunction::Map, "Map"),
                (RmfFunction::Measure, "Measure"),
                (RmfFunction::Manage, "Manage"),
            ]
            .iter()
            .filter(|(f, _)| !r.functions.contains(f))
            .map(|(_, n)| format!("the {n} function"))
            .collect();
            if !r.executive_attestation {
                missing.push("an executive attestation".into());
            }
            if r.version.as_deref().is_none_or(super::is_placeholder) {
                missing.push("a version".into());
            }
            match r.last_review {
                None => missing.push("a review date".into()),
                Some(d) if ctx.as_of.before(d) => {
                    missing.push(format!("a review by the as-of date (dated {d})"))
                }
                Some(d) if older_than(d, 12, &ctx.as_of) => {
                    missing.push(format!("a review in the last 12 months (last {d})"))
                }
                Some(_) => {}
            }
            if missing.is_empty() {
                Outcome::pass("all four functions, attested, reviewed in the last 12 months")
                    .resting_on(r.source.unwrap_or(ai.source))
            } else {
                let refs: Vec<&str> = missing.iter().map(String::as_str).collect();
                Outcome::fail(format!("the assessment lacks {}", and_list(&refs)))
            }
            .at("ai.rmf")
        })
    },
};

pub static INFERENCE_LOGS: Rule = Rule {
    id: "AI-INFERENCE-LOGS",
    framework: Framework::Ai,
    title: "inference logs are access-controlled with a known retention",
    default_level: Level::Error,
    sources: &[
        "ISO/IEC 27001:2022 A.8.15 (logging)",
        "EU AI Act (Reg. (EU) 2024/1689) Art. 12 (record-keeping)",
        "GDPR Art. 5(1)(e) (storage limitation)",
    ],
    rationale: "The prompts and outputs of a deployed model can contain sensitive data, and \
        inference logs keep them. Logs that anyone can read, or kept for an unknown time, leak \
        that data; how a vendor handles training data, inference logs and model artifacts is a \
        question to ask.",
    question: "Where are prompts and outputs logged, who can read those logs, and how long are they kept?",
    passes: "`[ai.inference_logs]` with `access_controlled = true` and `retention_days` recorded",
    fails: "not recorded, not access-controlled, or retention unknown",
    gap: Some(AiGap {
        risk: "inference data leakage",
        owasp: Some("LLM02:2025 Sensitive Information Disclosure"),
    }),
    reads: &[
        "ai",
        "ai.inference_logs",
        "ai.inference_logs.access_controlled",
        "ai.inference_logs.retention_days",
        "ai.inference_logs.source",
        "ai.source",
        "vendor.ai_vendor",
    ],
    obligations: &crate::rules::crosswalk::AI_INFERENCE_LOGS,
    check: |ctx| {
        for_ai_vendor(ctx, |ai| {
            let Some(l) = &ai.inference_logs else {
                return Outcome::fail("no inference logging evidence recorded").at("ai");
            };
            match (l.access_controlled, l.retention_days) {
                (false, _) => Outcome::fail("inference logs are not access-controlled"),
                (true, None) => Outcome::fail("inference log retention is not recorded"),
                (true, Some(days)) => Outcome::pass(format!(
                    "access-controlled, kept {}",
                    plural(days as usize, "day")
                ))
                .resting_on(l.source.unwrap_or(ai.source)),
            }
            .at("ai.inference_logs")
        })
    },
};

/// The AI scope elements a scope statement must name for a certificate to cover an AI product.
pub const AI_SCOPE_ELEMENTS: &[&str] = &[
    "production AI infrastructure",
    "training pipelines",
    "model artifacts",
    "inference logging",
];

pub static ISO_AI_SCOPE: Rule = Rule {
    id: "ISO-AI-SCOPE",
    framework: Framework::Ai,
    title: "the ISO scope names the AI production, training, model and logging estate",
    default_level: Level::Error,
    sources: &[
        "ISO/IEC 27001:2022 cl. 4.3 (scope of the ISMS)",
        "ISO/IEC 42001:2023 cl. 4.3 (scope of the AI management system)",
    ],
    rationale: "A certificate covers the AI product only if its scope does: it should name the \
        production AI infrastructure, the training pipelines, the model artifacts and the \
        inference logging infrastructure. A scope limited to corporate IT does not cover the AI \
        product. The phrasings that count are listed in the policy (`ai_scope_phrasings`).",
    question: "Does your ISO/IEC 27001 (or 42001) scope include production AI infrastructure, \
        training pipelines, model artifacts and inference logging?",
    passes: "a current 27001 or 42001 scope naming all four elements (by any phrasing the policy lists)",
    fails: "no current 27001/42001 certificate, or a scope missing any element",
    gap: Some(AiGap {
        risk: "model and data estate outside the certified scope",
        owasp: None,
    }),
    reads: &[
        "iso",
        "iso[].accreditation_body",
        "iso[].certification_body",
        "iso[].expires",
        "iso[].issued",
        "iso[].scope",
        "iso[].source",
        "iso[].standard",
        "iso[].verification",
        "iso[].verification.status",
        "vendor.ai_vendor",
    ],
    obligations: &crate::rules::crosswalk::ISO_AI_SCOPE,
    check: |ctx| {
        if !ctx.ev.vendor.ai_vendor {
            return vec![Outcome::not_applicable("not an AI vendor").at("vendor.ai_vendor")];
        }
        // Every current 27001 or 42001 scope is read: a scope that leaves the AI estate out is a
        // fact against the certificate whatever else is wrong with it (leaving an unsound
        // certificate out would make a missing certification body hide that fact). Only a
        // sound certificate (current, accredited, possible) can show the AI estate.
        let certs: Vec<(usize, &IsoCertificate, Standard)> = current_certs(ctx)
            .into_iter()
            .filter(|(_, _, s)| matches!(s.number, 27001 | 42001))
            .collect();
        if certs.is_empty() {
            return vec![Outcome::fail("no current ISO/IEC 27001 or 42001 certificate whose scope could cover the AI estate").at("iso")];
        }
        let mut outcomes = certs
            .into_iter()
            .map(|(i, c, s)| {
                let scope = c.scope.as_deref().unwrap_or("");
                let (matched, missing) = ai_elements(ctx, c);
                let o = match crate::evidence::scope::exclusion_phrase(scope) {
                    _ if !missing.is_empty() => Outcome::fail(format!("scope does not name {}", and_list(&missing))),
                    _ if let Some(why) = super::iso::unsound(ctx, c, &s) => Outcome::fail(format!(
                        "scope names all four AI elements, but the certificate cannot be relied on: {why}"
                    )),
                    Some(phrase) => Outcome::unverified(format!(
                        "scope names all four AI elements, but it also says \"{phrase}\": confirm none of them is excluded"
                    )),
                    None => Outcome::pass("scope names all four AI elements").resting_on(c.source),
                };
                o.matched(matched)
                    .at(format!("iso[{i}].scope"))
                    .subject(super::iso::subject(c, &s))
            })
            .collect::<Vec<Outcome>>();
        // One current 27001 or 42001 whose scope names the AI estate is enough.
        match outcomes.iter().position(|o| {
            o.status == super::Status::Pass && o.source.is_none_or(|s| s.is_independent())
        }) {
            Some(i) => vec![outcomes.swap_remove(i)],
            None => outcomes,
        }
    },
};

/// The AI scope elements a certificate's scope names (each with the text that names it, by a
/// phrasing of the policy) and those it does not.
fn ai_elements(ctx: &Ctx, c: &IsoCertificate) -> (Vec<String>, Vec<&'static str>) {
    let scope = c.scope.as_deref().unwrap_or("");
    let phrasings = &ctx.thresholds.ai_scope_phrasings;
    let mut matched = Vec::new();
    let mut missing = Vec::new();
    for element in AI_SCOPE_ELEMENTS {
        let found = phrasings
            .get(*element)
            .into_iter()
            .flatten()
            .find_map(|p| coverage(p, &[scope], &[]).ok());
        match found {
            Some(cov) => matched.push(format!("{element}: \"{}\"", cov.text())),
            None => missing.push(*element),
        }
    }
    (matched, missing)
}

pub static ISO_42001: Rule = Rule {
    id: "ISO-42001",
    framework: Framework::Ai,
    title: "a current, accredited ISO/IEC 42001 certificate covers the AI products we use",
    default_level: Level::Error,
    sources: &[
        "ISO/IEC 42001:2023",
        "ISO/IEC 42006:2025 (bodies certifying 42001)",
    ],
    rationale: "ISO/IEC 42001 is the certifiable standard for an AI management system; ISO/IEC \
        27001 does not cover AI governance. In 2026 an AI vendor should hold 27001 and either a \
        current 42001 certificate or active 42001 readiness with a public timeline; one that \
        treats 42001 as an intention without a date leaves its AI governance unaudited. \
        Non-accredited 42001 certificates exist; an accredited one comes from a body accredited to \
        ISO/IEC 17021-1 and ISO/IEC 42006.",
    question: "Are you ISO/IEC 42001 certified by an accredited body for the AI products we use, or \
        what is your public certification timeline?",
    passes: "a current 42001 certificate from an accredited body whose scope names every service we use",
    fails: "none, and no readiness; readiness with a public timeline warns (fails where the policy \
        does not accept readiness)",
    gap: Some(AiGap {
        risk: "AI governance unaudited",
        owasp: None,
    }),
    reads: &[
        "ai",
        "ai.iso42001_readiness",
        "ai.iso42001_readiness.public_timeline",
        "ai.iso42001_readiness.status",
        "ai.iso42001_readiness.target_date",
        "iso",
        "iso[].accreditation_body",
        "iso[].certification_body",
        "iso[].expires",
        "iso[].issued",
        "iso[].scope",
        "iso[].source",
        "iso[].standard",
        "iso[].verification.status",
        "vendor.ai_vendor",
        "vendor.services",
    ],
    obligations: &crate::rules::crosswalk::ISO_42001,
    check: |ctx| {
        if !ctx.ev.vendor.ai_vendor {
            return vec![Outcome::not_applicable("not an AI vendor").at("vendor.ai_vendor")];
        }
        let certs: Vec<(usize, &IsoCertificate, Standard)> = current_certs(ctx)
            .into_iter()
            .filter(|(_, _, s)| s.number == 42001)
            .collect();
        let mut shortfall = None;
        let mut cause = None;
        for (i, c, s) in &certs {
            let subject = super::iso::subject(c, s);
            if !in_validity(c, s, &ctx.as_of) {
                shortfall = Some((
                    format!("{subject} is not current"),
                    format!("iso[{i}].expires"),
                ));
                cause = Some((super::iso::invalidity_rule(c, s, &ctx.as_of), subject));
                continue;
            }
            if recognised_body(ctx, c).is_none() {
                shortfall = Some((
                    format!("{subject} is not from an accredited certification body"),
                    format!("iso[{i}].accreditation_body"),
                ));
                cause = Some(("ISO-ACCREDITED", subject));
                continue;
            }
            cause = None;
            if let Some(why) = super::iso::unsound(ctx, c, s) {
                shortfall = Some((
                    format!("{subject} cannot count: {why}"),
                    format!("iso[{i}]"),
                ));
                continue;
            }
            let scope = c.scope.as_deref().unwrap_or("");
            if let Some(phrase) = crate::evidence::scope::exclusion_phrase(scope) {
                shortfall = Some((
                    format!(
                        "{subject} scope says \"{phrase}\", so it cannot show by name that it covers our services"
                    ),
                    format!("iso[{i}].scope"),
                ));
                continue;
            }
            let uncovered: Vec<&str> = ctx
                .ev
                .vendor
                .services
                .iter()
                .filter(|svc| coverage(svc, &[scope], &c.covers).is_err())
                .map(String::as_str)
                .collect();
            if uncovered.is_empty() {
                return vec![
                    Outcome::pass(format!("{subject}, accredited, names every service we use"))
                        .resting_on(c.source)
                        .at(format!("iso[{i}].scope")),
                ];
            }
            shortfall = Some((
                format!("{subject} scope does not name {}", and_list(&uncovered)),
                format!("iso[{i}].scope"),
            ));
        }
        let readiness = ctx
            .ev
            .ai
            .as_ref()
            .and_then(|a| a.iso42001_readiness.as_ref());
        let started = readiness.filter(|r| r.status != ReadinessStatus::NotStarted);
        let timeline = started
            .and_then(|r| r.public_timeline.as_deref())
            .map(str::trim)
            .filter(|t| !super::is_placeholder(t));
        if let Some(target) = started
            .and_then(|r| r.target_date)
            .filter(|d| ctx.as_of.after(*d))
        {
            return vec![Outcome::fail(format!(
                "no current accredited ISO/IEC 42001 certificate, and the readiness target {target} has passed"
            ))
            .at("ai.iso42001_readiness.target_date")];
        }
        let (message, at) = match (&shortfall, started, timeline) {
            (_, Some(r), Some(t)) => {
                let target = r
                    .target_date
                    .map(|d| format!(", target {d}"))
                    .unwrap_or_default();
                let stage = match r.status {
                    ReadinessStatus::Planned => "planned",
                    ReadinessStatus::AuditScheduled => "at the audit stage",
                    _ => "under way",
                };
                let msg = format!(
                    "no current accredited ISO/IEC 42001 certificate; readiness {stage} with a public timeline ({t}{target})"
                );
                let at = "ai.iso42001_readiness".to_string();
                if ctx.thresholds.accept_42001_readiness {
                    return vec![Outcome::warn(msg).at(at)];
                }
                return vec![
                    Outcome::fail(format!("{msg}, which the policy does not accept")).at(at),
                ];
            }
            (Some((why, at)), _, _) => {
                let o = Outcome::fail(format!("{why}; no 42001 readiness with a public timeline"))
                    .at(at.clone());
                return vec![match cause {
                    Some((rule, subject)) => o.caused_by(rule, subject),
                    None => o,
                }];
            }
            (None, Some(_), None) => (
                "no ISO/IEC 42001 certificate; readiness is claimed without a public timeline"
                    .to_string(),
                "ai.iso42001_readiness".to_string(),
            ),
            (None, None, _) => (
                "no ISO/IEC 42001 certificate and no readiness".to_string(),
                "iso".to_string(),
            ),
        };
        vec![Outcome::fail(message).at(at)]
    },
};
