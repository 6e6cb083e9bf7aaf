//! The extensions the policy requires for the use (27017, 27018, 27701) and how they stand on the
//! 27001 certificate they extend.

use super::{current_certs, in_validity, subject, unsound};
use crate::rules::{Framework, Level, Outcome, Rule};

pub static FAMILY: Rule = Rule {
    id: "ISO-FAMILY",
    framework: Framework::Iso,
    title: "the ISO extensions the use requires are present and current",
    default_level: Level::Error,
    sources: &[
        "ISO/IEC 27017:2015",
        "ISO/IEC 27018:2019/2025",
        "ISO/IEC 27701:2019/2025",
    ],
    rationale: "ISO/IEC 27001 is one standard of a family, and which ones a vendor holds matters: \
        27017 adds cloud controls, 27018 protects PII in public clouds, 27701 adds privacy \
        management. 27017 and 27018 are assessed with a 27001 audit and a 27701:2019 certificate \
        cannot stand alone, so each needs a current 27001 behind it (27701:2025 is a standalone \
        standard). The policy names the extensions a use requires.",
    question: "Which ISO/IEC 27001 certificate do your 27017/27018/27701 certifications extend, and \
        are they all current?",
    passes: "every extension the policy requires current; each extension backed by a current 27001",
    fails: "a required extension missing or not current; an extension with no current 27001 warns",
    gap: None,
    reads: &[
        "iso",
        "iso[].accreditation_body",
        "iso[].certification_body",
        "iso[].expires",
        "iso[].issued",
        "iso[].standard",
        "iso[].verification.status",
        "vendor.ai_vendor",
    ],
    obligations: &crate::rules::crosswalk::ISO_FAMILY,
    check: |ctx| {
        let certs = current_certs(ctx);
        let required = &required_numbers(ctx);
        if certs.is_empty() && required.is_empty() {
            return vec![Outcome::not_applicable(
                "no ISO/IEC certificate, and the policy requires no ISO extension",
            )];
        }
        let current = |number: u32| {
            certs
                .iter()
                .find(|(_, c, s)| s.number == number && in_validity(c, s, &ctx.as_of))
        };
        // A required standard counts only from a sound certificate (current, accredited, possible).
        let sound = |number: u32| {
            certs
                .iter()
                .any(|(_, c, s)| s.number == number && unsound(ctx, c, s).is_none())
        };
        let mut outcomes = Vec::new();
        for number in required {
            if !sound(*number) {
                outcomes.push(Outcome::fail(format!("the policy requires a current ISO/IEC {number} certificate; none is present")).at("iso"));
            }
        }
        let base = current(27001);
        for (i, c, s) in &certs {
            let extension =
                matches!(s.number, 27017 | 27018) || (s.number == 27701 && s.edition != Some(2025));
            if !extension {
                continue;
            }
            // The 27001 certificate it names, where the evidence holds it; a number the evidence
            // does not hold counts as no link (the current 27001 backs it, as without `extends`),
            // so that recording the link never weighs worse than leaving it out.
            let linked = c.extends.as_deref().map(str::trim).filter(|n| {
                certs.iter().any(|(_, b, bs)| {
                    bs.number == 27001 && b.certificate_number.as_deref().map(str::trim) == Some(*n)
                })
            });
            let backed = match linked {
                Some(n) => certs.iter().any(|(_, b, bs)| {
                    bs.number == 27001
                        && b.certificate_number.as_deref().map(str::trim) == Some(n)
                        && in_validity(b, bs, &ctx.as_of)
                }),
                None => base.is_some(),
            };
            if !backed {
                let why = match linked {
                    Some(n) => format!(
                        "the ISO/IEC 27001 certificate it extends ({n}) is not present and current"
                    ),
                    None => "no current ISO/IEC 27001 certificate backs it".to_string(),
                };
                // The 27001 certificate that would back it, when one is on file but not valid.
                let cause = certs.iter().find(|(_, b, bs)| {
                    bs.number == 27001
                        && linked.is_none_or(|n| {
                            b.certificate_number.as_deref().map(str::trim) == Some(n)
                        })
                        && !in_validity(b, bs, &ctx.as_of)
                });
                let o = Outcome::warn(format!("{s}: {why}"))
                    .at(format!("iso[{i}]"))
                    .subject(subject(c, s));
                outcomes.push(match cause {
                    Some((_, b, bs)) => {
                        o.caused_by(super::invalidity_rule(b, bs, &ctx.as_of), subject(b, bs))
                    }
                    None => o,
                });
            }
        }
        if outcomes.is_empty() {
            let present: Vec<String> = certs
                .iter()
                .filter(|(_, c, s)| s.number != 27001 && in_validity(c, s, &ctx.as_of))
                .map(|(_, _, s)| s.to_string())
                .collect();
            let required: Vec<String> = required.iter().map(|n| n.to_string()).collect();
            outcomes.push(Outcome::pass(format!(
                "required: {}; current beyond 27001: {}",
                if required.is_empty() {
                    "none".to_string()
                } else {
                    required.join(", ")
                },
                if present.is_empty() {
                    "none".to_string()
                } else {
                    present.join(", ")
                }
            )));
        }
        outcomes
    },
};

/// The ISO/IEC standards the policy requires of this vendor: always, for an AI vendor, and for
/// the data classes it processes.
pub(crate) fn required_numbers(ctx: &crate::rules::Ctx) -> Vec<u32> {
    let t = &ctx.thresholds;
    let mut required = t.required_iso.clone();
    if ctx.ev.vendor.ai_vendor {
        required.extend(t.required_iso_ai.iter().copied());
    }
    for class in &ctx.ev.vendor.data_classes {
        required.extend(
            t.required_iso_by_data_class
                .get(class)
                .into_iter()
                .flatten()
                .copied(),
        );
    }
    required.sort_unstable();
    required.dedup();
    required
}
