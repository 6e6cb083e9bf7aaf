//! The sector frameworks the data classes and the buyer's sector call for.

use crate::rules::{Framework, Level, Outcome, Rule};

/// A sector framework and the names its evidence goes by.
pub(super) struct SectorFramework {
    name: &'static str,
    aliases: &'static [&'static str],
}

pub(super) const HIPAA: SectorFramework = SectorFramework {
    name: "HIPAA",
    aliases: &["hipaa", "hipaabaa"],
};

pub(super) const HITRUST: SectorFramework = SectorFramework {
    name: "HITRUST",
    aliases: &[
        "hitrust",
        "hitrustcsf",
        "hitrustr2",
        "hitrusti1",
        "hitruste1",
    ],
};

pub(super) const PCI_DSS: SectorFramework = SectorFramework {
    name: "PCI DSS",
    aliases: &["pcidss", "pcidssaoc", "pcidssv4", "pcidss40"],
};

pub(super) const FEDRAMP: SectorFramework = SectorFramework {
    name: "FedRAMP",
    aliases: &["fedramp", "fedrampmoderate", "fedramphigh", "fedramplow"],
};

pub(super) const G_CLOUD: SectorFramework = SectorFramework {
    name: "G-Cloud",
    aliases: &["gcloud"],
};

pub(super) const NDAA_889: SectorFramework = SectorFramework {
    name: "NDAA §889",
    aliases: &["ndaa889", "ndaasection889", "section889", "ndaa"],
};

pub(super) const CJIS: SectorFramework = SectorFramework {
    name: "CJIS",
    aliases: &["cjis", "fbicjis"],
};

pub(super) const SR_11_7: SectorFramework = SectorFramework {
    name: "SR 11-7",
    aliases: &["sr117"],
};

pub(super) const DORA: SectorFramework = SectorFramework {
    name: "DORA",
    aliases: &["dora"],
};

pub(super) const GDPR: SectorFramework = SectorFramework {
    name: "GDPR",
    aliases: &["gdpr", "gdprdpa"],
};

pub(super) const DPDP: SectorFramework = SectorFramework {
    name: "DPDP",
    aliases: &["dpdp", "dpdpact", "indiadpdpact"],
};

/// What the data classes and use contexts require: each entry is satisfied by any one of its
/// frameworks, with the reason it is required.
pub(super) fn sector_requirements(
    v: &crate::evidence::Vendor,
) -> Vec<(&'static [SectorFramework], &'static str)> {
    use crate::evidence::{DataClass, UseContext};
    let mut required: Vec<(&'static [SectorFramework], &'static str)> = Vec::new();
    let mut need = |fws: &'static [SectorFramework], why: &'static str| {
        if !required.iter().any(|(f, _)| f[0].name == fws[0].name) {
            required.push((fws, why));
        }
    };
    for class in &v.data_classes {
        match class {
            DataClass::Phi => need(&[HIPAA, HITRUST], "PHI is processed"),
            DataClass::PaymentData => need(&[PCI_DSS], "payment data is processed"),
            DataClass::GovernmentData => need(&[FEDRAMP, G_CLOUD], "government data is processed"),
            _ => {}
        }
    }
    for context in &v.contexts {
        match context {
            UseContext::UsFederal => {
                need(&[FEDRAMP], "the use is US federal");
                need(&[NDAA_889], "the use is US federal");
            }
            UseContext::UsLawEnforcement => need(&[CJIS], "the use is US law enforcement"),
            UseContext::UsHealthcare => need(&[HIPAA, HITRUST], "the use is US healthcare"),
            UseContext::UsBanking => need(&[SR_11_7], "the use is US banking models"),
            UseContext::EuFinancial => need(&[DORA], "the use is EU financial"),
            UseContext::EuPersonalData => need(&[GDPR], "EU personal data is processed"),
            UseContext::India => need(&[DPDP], "the use is in India"),
        }
    }
    required
}

pub static SECTOR: Rule = Rule {
    id: "GEN-SECTOR",
    framework: Framework::General,
    title: "the sector frameworks the data and the use require are evidenced",
    default_level: Level::Error,
    sources: &[
        "HIPAA Security Rule (45 CFR Part 164)",
        "PCI DSS v4.0",
        "FedRAMP",
        "GDPR (Regulation (EU) 2016/679)",
        "DORA (Regulation (EU) 2022/2554)",
    ],
    rationale: "ISO/IEC 27001 and SOC 2 do not replace the frameworks a regulated sector requires. \
        Health data calls for HIPAA (or HITRUST), payment data for PCI DSS, US federal cloud for \
        FedRAMP (UK public sector: G-Cloud), US federal use for NDAA Section 889, US law \
        enforcement for FBI CJIS, EU personal data for GDPR, Indian personal data for the DPDP \
        Act, and financial services for DORA or SR 11-7.",
    question: "Can you provide your current evidence for these sector frameworks (e.g. HIPAA BAA, \
        PCI DSS attestation of compliance, FedRAMP authorization)?",
    passes: "each framework required by `vendor.data_classes` and `vendor.contexts` has a current \
        `[[sector]]` entry seen as a document or in a registry",
    fails: "a required framework with no entry, only a claim, or an expired one",
    gap: None,
    reads: &[
        "sector",
        "sector[].date",
        "sector[].expires",
        "sector[].framework",
        "sector[].source",
        "vendor.contexts",
        "vendor.data_classes",
    ],
    obligations: &crate::rules::crosswalk::GEN_SECTOR,
    check: |ctx| {
        let required = sector_requirements(&ctx.ev.vendor);
        if required.is_empty() {
            return vec![
                Outcome::not_applicable(
                    "no sector framework is required by the data classes and contexts",
                )
                .at("vendor.data_classes"),
            ];
        }
        let norm = |s: &str| {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
                .to_lowercase()
        };
        let mut met = Vec::new();
        let mut unmet = Vec::new();
        for (frameworks, why) in &required {
            let entries: Vec<(usize, &crate::evidence::SectorEvidence)> = ctx
                .ev
                .sector
                .iter()
                .enumerate()
                .filter(|(_, e)| {
                    frameworks
                        .iter()
                        .any(|f| f.aliases.contains(&norm(&e.framework).as_str()))
                })
                .collect();
            let good = entries.iter().find(|(_, e)| {
                e.source.is_independent()
                    && e.expires.is_none_or(|x| ctx.as_of.on_or_before(x))
                    && e.date.is_none_or(|d| ctx.as_of.on_or_after(d))
            });
            let names = frameworks
                .iter()
                .map(|f| f.name)
                .collect::<Vec<_>>()
                .join(" or ");
            match (good, entries.first()) {
                (Some((i, e)), _) => met.push(format!("{} (sector[{i}])", e.framework)),
                (None, Some((_, e))) if !e.source.is_independent() => unmet.push(format!(
                    "{names}, because {why}: only seen in {}",
                    e.source.describe()
                )),
                (None, Some((_, e))) => unmet.push(format!(
                    "{names}, because {why}: the evidence is not current{}",
                    e.expires
                        .map(|x| format!(" (expired {x})"))
                        .unwrap_or_default()
                )),
                (None, None) => unmet.push(format!("{names}, because {why}")),
            }
        }
        if unmet.is_empty() {
            vec![Outcome::pass(format!("evidenced: {}", met.join(", "))).at("sector")]
        } else {
            vec![Outcome::fail(format!("not evidenced: {}", unmet.join("; "))).at("sector")]
        }
    },
};
