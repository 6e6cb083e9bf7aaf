//! Contract rules: the certification commitments negotiated into the contract.

use crate::evidence::scope::fold;
use crate::evidence::{Contract, RiskTier, Standard};

use super::{Ctx, Framework, Level, Outcome, Rule, plural};

/// Runs `check` on the `[contract]` section; fails when there is none.
fn with_contract(ctx: &Ctx, check: impl Fn(&Contract) -> Outcome) -> Vec<Outcome> {
    match &ctx.ev.contract {
        None => {
            vec![Outcome::fail("no contract terms recorded (no [contract] section)").at("vendor")]
        }
        Some(c) => vec![check(c)],
    }
}

pub static CERTS: Rule = Rule {
    id: "CONTRACT-CERTS",
    framework: Framework::Contract,
    title: "the DPA or MSA names the certifications the vendor must maintain",
    default_level: Level::Error,
    sources: &[
        "ISO/IEC 27001:2022 A.5.20 (security in supplier agreements)",
        "GDPR Art. 28(1), 28(3)(h)",
    ],
    rationale: "A certificate commits the vendor to nothing; the contract does. The MSA or DPA \
        should name each certification the vendor holds and commit it to maintaining them for the \
        contract term. A promise to follow industry standards names nothing and commits the vendor \
        to nothing specific.",
    question: "Will you name your SOC 2 and ISO certifications in the DPA/MSA and commit to \
        maintaining them for the contract term?",
    passes: "`names_certifications` lists every certification in the evidence (SOC 2, each ISO standard)",
    fails: "no contract recorded, or a certification the contract does not name",
    gap: None,
    reads: &[
        "contract",
        "contract.names_certifications",
        "contract.source",
        "iso",
        "iso[].standard",
        "soc2",
    ],
    obligations: &crate::rules::crosswalk::CONTRACT_CERTS,
    check: |ctx| {
        let mut held: Vec<String> = Vec::new();
        if !ctx.ev.soc2.is_empty() {
            held.push("SOC 2".to_string());
        }
        for c in &ctx.ev.iso {
            if let Some(s) = Standard::parse(&c.standard) {
                let name = format!("ISO/IEC {}", s.number);
                if !held.contains(&name) {
                    held.push(name);
                }
            }
        }
        with_contract(ctx, |c| {
            let named: Vec<String> = c
                .names_certifications
                .iter()
                .map(|n| fold(n).replace(' ', ""))
                .collect();
            // SOC 2 by name; an ISO standard by its number as a whole token ("27001", not "270012").
            let covers = |cert: &str| match cert.strip_prefix("ISO/IEC ") {
                Some(number) => c.names_certifications.iter().any(|n| {
                    n.split(|ch: char| !ch.is_ascii_alphanumeric())
                        .any(|token| token == number)
                }),
                // "SOC 2" but not "SOC 23": the name must not run on into more digits.
                None => {
                    let want = fold(cert).replace(' ', "");
                    named.iter().any(|n| {
                        n.match_indices(&want).any(|(i, _)| {
                            !n[i + want.len()..].starts_with(|ch: char| ch.is_ascii_digit())
                        })
                    })
                }
            };
            let missing: Vec<&str> = held
                .iter()
                .filter(|h| !covers(h))
                .map(String::as_str)
                .collect();
            if c.names_certifications.is_empty() {
                Outcome::fail("the contract names no certifications")
            } else if !missing.is_empty() {
                Outcome::fail(format!("the contract does not name {}", missing.join(", ")))
            } else {
                Outcome::pass(format!(
                    "the contract names {}",
                    c.names_certifications.join(", ")
                ))
                .resting_on(c.source)
            }
            .at("contract.names_certifications")
        })
    },
};

pub static LAPSE_NOTICE: Rule = Rule {
    id: "CONTRACT-LAPSE-NOTICE",
    framework: Framework::Contract,
    title: "the vendor must tell us within 30 days when a certification lapses",
    default_level: Level::Error,
    sources: &[
        "ISO/IEC 17021-1:2015 cl. 9.6 (suspension, withdrawal, scope reduction)",
        "ISO/IEC 27001:2022 A.5.20 (security in supplier agreements)",
    ],
    rationale: "A certificate can be suspended, withdrawn or reduced in scope at any time, and \
        nothing obliges the certification body to tell the vendor's customers. The contract should \
        require the vendor to notify us within 30 days when any certification is suspended, \
        withdrawn or materially reduced in scope.",
    question: "Will you commit to notify us within 30 days if a certification is suspended, \
        withdrawn or reduced in scope?",
    passes: "`lapse_notice_days` of 30 or fewer",
    fails: "no notice term, or a notice period over 30 days",
    gap: None,
    reads: &["contract", "contract.lapse_notice_days", "contract.source"],
    obligations: &crate::rules::crosswalk::CONTRACT_LAPSE_NOTICE,
    check: |ctx| {
        with_contract(ctx, |c| match c.lapse_notice_days {
            None => Outcome::fail("no notice term for a lapsed certification").at("contract"),
            Some(d) if d > 30 => Outcome::fail(format!("notice within {d} days, more than 30"))
                .at("contract.lapse_notice_days"),
            Some(d) => Outcome::pass(format!("notice within {}", plural(d as usize, "day")))
                .resting_on(c.source)
                .at("contract.lapse_notice_days"),
        })
    },
};

pub static TERMINATION: Rule = Rule {
    id: "CONTRACT-TERMINATION",
    framework: Framework::Contract,
    title: "for a high-risk use, we may terminate if a certification lapses",
    default_level: Level::Error,
    sources: &["ISO/IEC 27001:2022 A.5.20 (security in supplier agreements)"],
    rationale: "For a high-risk use, a lapsed certification should let us leave without penalty; \
        otherwise we keep paying for a service whose assurance is gone, or pay to leave it.",
    question: "Will you agree to our right to terminate without penalty if a required certification lapses?",
    passes: "a high-risk use with `termination_on_lapse = true` (not applicable below high risk)",
    fails: "a high-risk use without that right",
    gap: None,
    reads: &[
        "contract",
        "contract.source",
        "contract.termination_on_lapse",
        "vendor.risk_tier",
    ],
    obligations: &crate::rules::crosswalk::CONTRACT_TERMINATION,
    check: |ctx| {
        if ctx.ev.vendor.risk_tier != RiskTier::High {
            return vec![
                Outcome::not_applicable("our use is not high risk").at("vendor.risk_tier"),
            ];
        }
        with_contract(ctx, |c| match c.termination_on_lapse {
            Some(true) => Outcome::pass("we may terminate without penalty on a lapse")
                .resting_on(c.source)
                .at("contract.termination_on_lapse"),
            Some(false) => Outcome::fail("no right to terminate on a lapsed certification")
                .at("contract.termination_on_lapse"),
            None => Outcome::fail("termination on a lapsed certification is not recorded")
                .at("contract"),
        })
    },
};

pub static SUBPROCESSORS: Rule = Rule {
    id: "CONTRACT-SUBPROCESSORS",
    framework: Framework::Contract,
    title: "sub-processor changes come with at least 30 days' notice and a right to object",
    default_level: Level::Error,
    sources: &["GDPR Art. 28(2), 28(4)"],
    rationale: "Under GDPR Art. 28(2) a processor may add a sub-processor under a general \
        authorisation only after telling the controller, who may object. Notice of at least 30 \
        days leaves time to assess the new sub-processor; notice without a right to object leaves \
        us only the choice to leave.",
    question: "Will you give at least 30 days' notice of a new sub-processor, with a right to object?",
    passes: "`subprocessor_notice_days` of 30 or more and `subprocessor_objection = true`",
    fails: "no notice term or under 30 days; no objection right warns",
    gap: None,
    reads: &[
        "contract",
        "contract.source",
        "contract.subprocessor_notice_days",
        "contract.subprocessor_objection",
    ],
    obligations: &crate::rules::crosswalk::CONTRACT_SUBPROCESSORS,
    check: |ctx| {
        with_contract(ctx, |c| {
            match (c.subprocessor_notice_days, c.subprocessor_objection) {
                (None, _) => {
                    Outcome::fail("no sub-processor change notice recorded").at("contract")
                }
                (Some(d), _) if d < 30 => Outcome::fail(format!(
                    "{} of a sub-processor change, under 30",
                    days_notice(d)
                ))
                .at("contract.subprocessor_notice_days"),
                (Some(d), Some(true)) => {
                    Outcome::pass(format!("{}, with a right to object", days_notice(d)))
                        .resting_on(c.source)
                        .at("contract.subprocessor_notice_days")
                }
                (Some(d), _) => {
                    Outcome::warn(format!("{}, but no right to object", days_notice(d)))
                        .at("contract.subprocessor_objection")
                }
            }
        })
    },
};

pub static ZDR: Rule = Rule {
    id: "CONTRACT-ZDR",
    framework: Framework::Contract,
    title: "zero data retention is in the order form, with its retention window",
    default_level: Level::Error,
    sources: &[
        "GDPR Art. 28(3)(a) (processing on documented instructions)",
        "GDPR Art. 5(1)(e) (storage limitation)",
    ],
    rationale: "Zero data retention is a contractual term, separate from any certification; a \
        statement in a marketing FAQ commits the vendor to nothing. It counts when the order form \
        states it with the retention window named.",
    question: "Can zero data retention, with its retention window, be written into our order form?",
    passes: "for an AI vendor, `zdr_in_order_form = true` with `zdr_retention_days` recorded",
    fails: "an AI vendor without ZDR in the order form, or without the window",
    gap: None,
    reads: &[
        "contract",
        "contract.source",
        "contract.zdr_in_order_form",
        "contract.zdr_retention_days",
        "vendor.ai_vendor",
    ],
    obligations: &crate::rules::crosswalk::CONTRACT_ZDR,
    check: |ctx| {
        if !ctx.ev.vendor.ai_vendor {
            return vec![Outcome::not_applicable("not an AI vendor").at("vendor.ai_vendor")];
        }
        with_contract(ctx, |c| match (c.zdr_in_order_form, c.zdr_retention_days) {
            (Some(true), Some(d)) => Outcome::pass(format!(
                "ZDR in the order form, retention window {}",
                plural(d as usize, "day")
            ))
            .resting_on(c.source)
            .at("contract.zdr_in_order_form"),
            (Some(true), None) => {
                Outcome::fail("ZDR is in the order form but no retention window is named")
                    .at("contract.zdr_in_order_form")
            }
            _ => Outcome::fail("zero data retention is not in the order form").at("contract"),
        })
    },
};

/// "1 day's notice" / "30 days' notice".
fn days_notice(d: impl Into<u64>) -> String {
    match d.into() {
        1 => "1 day's notice".to_string(),
        d => format!("{d} days' notice"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_day_of_notice_is_singular() {
        assert_eq!(super::days_notice(1u32), "1 day's notice");
        assert_eq!(super::days_notice(30u32), "30 days' notice");
    }
}
