//! Whether each certificate was verified with its issuer or a registry, and what the registries
//! answered (`--online` / `--offline`).

use crate::evidence::scope::coverage;
use crate::evidence::{IsoCertificate, RegistryStatus, Standard};

use super::per_cert;
use crate::rules::{Ctx, Framework, Level, Outcome, Rule, SEED_000, SEED_003};

pub static VERIFIED: Rule = Rule {
    id: "ISO-VERIFIED",
    framework: Framework::Iso,
    title: "the certificate was verified with its issuer or a registry",
    default_level: Level::Error,
    seeds: &[SEED_000, SEED_003],
    rationale: "Seed 000: \"Certifications verified with issuing body (not just vendor claim)\"; \
        \"Verify with issuing bodies. Fake or expired certifications exist.\" Seed 003: \"verify \
        the audit firm's accreditation with the national accreditation body\" and \"verify that no \
        certifications have been suspended or withdrawn\".",
    question: "Can you confirm the certificate's status with your certification body, or tell us \
        where it is listed (e.g. IAF CertSearch)?",
    passes: "a `verification` with `status = \"active\"` dated within 12 months of the as-of date",
    fails: "a registry or issuer reporting it suspended, withdrawn, expired or not found; no \
        verification is unverified; an old one warns",
    gap: None,
    check: |ctx| {
        let max_age = ctx.thresholds.verification_max_age_months;
        per_cert(ctx, |i, c, standard| {
            if let Some(outcome) = registry_verdict(ctx, i, c, standard) {
                return outcome;
            }
            let at = format!("iso[{i}].verification");
            let Some(v) = &c.verification else {
                return Outcome::unverified(
                    "not verified with the certification body or a registry",
                )
                .at(at);
            };
            let with = match v.method {
                crate::evidence::VerificationMethod::Registry => "a registry",
                crate::evidence::VerificationMethod::Issuer => "the certification body",
            };
            if v.date > ctx.as_of {
                return Outcome::fail(format!(
                    "verification dated {}, after the as-of date {}",
                    v.date, ctx.as_of
                ))
                .at(format!("{at}.date"));
            }
            if let Some(issued) = c.issued.filter(|i| v.date < *i) {
                return Outcome::unverified(format!(
                    "verified on {}, before this certificate was issued on {issued}: the check was of an earlier certificate",
                    v.date
                ))
                .at(format!("{at}.date"));
            }
            match v.status {
                RegistryStatus::Active if v.date.plus_months(max_age) < ctx.as_of => {
                    Outcome::warn(format!(
                        "verified active with {with} on {}, more than {max_age} months ago",
                        v.date
                    ))
                    .at(format!("{at}.date"))
                }
                RegistryStatus::Active => {
                    Outcome::pass(format!("verified active with {with} on {}", v.date))
                        .at(format!("{at}.status"))
                }
                RegistryStatus::NotFound => {
                    Outcome::fail(format!("{with} did not find the certificate on {}", v.date))
                        .at(format!("{at}.status"))
                }
                other => Outcome::fail(format!(
                    "{with} reported the certificate {} on {}",
                    match other {
                        RegistryStatus::Suspended => "suspended",
                        RegistryStatus::Withdrawn => "withdrawn",
                        _ => "expired",
                    },
                    v.date
                ))
                .at(format!("{at}.status")),
            }
        })
    },
};

/// With `--online` / `--offline`: what the configured registries answered about certificate
/// `i`, or `None` where none was asked (the recorded verification decides then).
pub(super) fn registry_verdict(
    ctx: &Ctx,
    i: usize,
    c: &IsoCertificate,
    standard: Standard,
) -> Option<Outcome> {
    use crate::evidence::registry::Answer;
    let facts = ctx.portfolio.online.as_deref()?;
    let found = facts.certificate(c);
    let first = *found.answers.first()?;
    let at = format!("iso[{i}].certificate_number");
    if let Some((l, record)) = found.answers.iter().find_map(|l| match &l.answer {
        Answer::Certificate(r) => Some((*l, r)),
        _ => None,
    }) {
        return Some(
            judge_record(ctx, c, standard, record, l)
                .answered_by(l)
                .at(at),
        );
    }
    if let Some((l, why)) = found.answers.iter().find_map(|l| match &l.answer {
        Answer::Unavailable(why) => Some((*l, why)),
        _ => None,
    }) {
        return Some(
            Outcome::unverified(format!("{} could not be consulted: {why}", l.registry))
                .answered_by(l)
                .at(at),
        );
    }
    let names: Vec<&str> = found.answers.iter().map(|l| l.registry.as_str()).collect();
    Some(
        Outcome::warn(format!(
            "not found by {} (asked {}); a registry holds only part of the accredited certificates",
            names.join(", "),
            first.when()
        ))
        .answered_by(first)
        .at(at),
    )
}

/// A registry's record of a certificate against the evidence.
pub(super) fn judge_record(
    ctx: &Ctx,
    c: &IsoCertificate,
    standard: Standard,
    r: &crate::evidence::registry::CertRecord,
    l: &crate::evidence::registry::Looked,
) -> Outcome {
    use crate::evidence::registry::CertStatus;
    use crate::evidence::registry::names_match;
    let who = &l.registry;
    let when = l.when();
    let plain = |n: &str| -> String {
        n.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_uppercase)
            .collect()
    };
    if let Some(number) = c.certificate_number.as_deref()
        && plain(number) != plain(&r.number)
    {
        return Outcome::unverified(format!(
            "{who} answered about certificate {}, not {number} ({when})",
            r.number
        ));
    }
    match &r.status {
        CertStatus::Active => {}
        CertStatus::Other(s) => {
            return Outcome::unverified(format!(
                "{who} gives the status `{s}`, which is not active ({when})"
            ));
        }
        other => {
            return Outcome::fail(format!(
                "{who} reports the certificate {} ({when})",
                other.describe()
            ));
        }
    }
    if let Some(expires) = r.expires
        && expires < ctx.as_of
    {
        return Outcome::fail(format!(
            "{who} lists it active but expiring on {expires}, before the as-of date ({when})"
        ));
    }
    let mut differs = Vec::new();
    let mut compared = Vec::new();
    if !r.standards.is_empty() {
        compared.push("standard");
        let same = r
            .standards
            .iter()
            .filter_map(|s| Standard::parse(s))
            .any(|s| {
                s.number == standard.number
                    && (s.edition.is_none()
                        || standard.edition.is_none()
                        || s.edition == standard.edition)
            });
        if !same {
            differs.push(format!(
                "standard `{}` (the evidence says `{}`)",
                r.standards.join(", "),
                c.standard
            ));
        }
    }
    if let (Some(theirs), Some(ours)) = (&r.certification_body, &c.certification_body) {
        compared.push("certification body");
        if !names_match(theirs, ours) {
            differs.push(format!(
                "certification body `{theirs}` (the evidence says `{ours}`)"
            ));
        }
    }
    if let (Some(theirs), Some(ours)) = (&r.accreditation_body, &c.accreditation_body) {
        compared.push("accreditation body");
        let same_body = ctx
            .thresholds
            .accreditation_bodies
            .iter()
            .any(|b| b.matches(theirs) && b.matches(ours));
        if !same_body && !names_match(theirs, ours) {
            differs.push(format!(
                "accreditation body `{theirs}` (the evidence says `{ours}`)"
            ));
        }
    }
    if let (Some(theirs), Some(ours)) = (&r.scope, &c.scope) {
        compared.push("scope");
        let missing: Vec<&str> = ctx
            .ev
            .vendor
            .services
            .iter()
            .map(String::as_str)
            .filter(|s| coverage(s, &[ours.as_str()], &c.covers).is_ok())
            .filter(|s| coverage(s, &[theirs.as_str()], &c.covers).is_err())
            .collect();
        if !missing.is_empty() {
            differs.push(format!(
                "scope `{theirs}`, which does not cover {}",
                missing.join(", ")
            ));
        }
    }
    if !r.entities.is_empty() {
        compared.push("certified entity");
        if !r
            .entities
            .iter()
            .any(|e| names_match(e, &ctx.ev.vendor.name))
        {
            differs.push(format!(
                "certified entity `{}` (the vendor is `{}`)",
                r.entities.join("`, `"),
                ctx.ev.vendor.name
            ));
        }
    }
    if let (Some(theirs), Some(ours)) = (r.expires, c.expires) {
        compared.push("expiry");
        if theirs != ours {
            differs.push(format!("expiry {theirs} (the certificate says {ours})"));
        }
    }
    if !differs.is_empty() {
        return Outcome::fail(format!(
            "{who} lists it active but its record differs: {} ({when})",
            differs.join("; ")
        ));
    }
    let matched = match compared.as_slice() {
        [] => "no details given to compare".to_string(),
        [one] => format!("{one} matches"),
        [init @ .., last] => format!("{} and {last} match", init.join(", ")),
    };
    Outcome::pass(format!("{who} reports it active ({when}); {matched}"))
}
