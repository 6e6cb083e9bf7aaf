//! Whether each certificate was verified with its issuer or a registry, and what the registries
//! answered (`--online` / `--offline`).

use crate::evidence::registry::{
    Answer, CertLookup, CertRecord, CompanyMatch, CompanyRecord, Looked, match_company,
    names_match, same_number,
};
use crate::evidence::scope::coverage;
use crate::evidence::{IsoCertificate, RegistryStatus, Standard};

use super::per_cert;
use crate::rules::{Ctx, Framework, Level, Outcome, Rule, Status};

pub static VERIFIED: Rule = Rule {
    id: "ISO-VERIFIED",
    framework: Framework::Iso,
    title: "the certificate was verified with its issuer or a registry",
    default_level: Level::Error,
    sources: &[
        "ISO/IEC 17021-1:2015 cl. 8.1.2 (status on request)",
        "IAF CertSearch",
        "ISO/IEC 17021-1:2015 cl. 9.6 (suspension, withdrawal)",
    ],
    rationale: "Fake and expired certificates exist, and a certificate can be suspended or \
        withdrawn long before its printed expiry. A certification body must confirm a \
        certificate's status on request, and registries such as IAF CertSearch publish it, so a \
        vendor's copy counts only once the issuer or a registry confirms it is active.",
    question: "Can you confirm the certificate's status with your certification body, or tell us \
        where it is listed (e.g. IAF CertSearch)?",
    passes: "a `verification` with `status = \"active\"` dated within 12 months of the as-of date; \
        with `--online`, a registry reporting it active with every detail it gives matching",
    fails: "a registry or issuer reporting it suspended, withdrawn or expired, or (by its IAF id) \
        not knowing it; a registry record whose details differ; no verification, a certificate a \
        configured registry serves that could not be looked up, or an ambiguous company search is \
        unverified; not found by number or company search, or an old verification, warns",
    gap: None,
    reads: &[
        "iso",
        "iso[].certificate_number",
        "iso[].certified_entity",
        "iso[].expires",
        "iso[].issued",
        "iso[].scope",
        "iso[].source",
        "iso[].standard",
        "iso[].verification",
        "iso[].verification.date",
        "iso[].verification.reference",
        "iso[].verification.status",
        "vendor.country",
        "vendor.services",
    ],
    obligations: &crate::rules::crosswalk::ISO_VERIFIED,
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
            if ctx.as_of.before(v.date) {
                return Outcome::fail(format!(
                    "verification dated {}, after the as-of date {}",
                    v.date, ctx.as_of
                ))
                .adverse()
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
                RegistryStatus::Active if ctx.as_of.after(v.date.plus_months(max_age)) => {
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
                        .adverse()
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
                .adverse()
                .at(format!("{at}.status")),
            }
        })
    },
};

/// What one registry answer says of a certificate, once read against the evidence.
pub(crate) enum Reading<'a> {
    /// The registry's record of the certificate; `found_as` is the registry id a company search
    /// found it under.
    Record {
        record: &'a CertRecord,
        looked: &'a Looked,
        found_as: Option<String>,
    },
    /// No record to judge: the outcome to report instead (not found, ambiguous, unavailable).
    Other(Box<Outcome>),
}

/// With `--online` / `--offline`: what the registries serving the certificate's standard
/// answered about it, each answer read against the evidence. `None` where no registry of the
/// run serves the standard (the recorded verification decides then). A registry that serves it
/// but could not be asked gives an unverified reading saying why: never a silent skip.
pub(crate) fn readings<'a>(
    ctx: &Ctx<'a>,
    c: &IsoCertificate,
    standard: Standard,
) -> Option<Vec<Reading<'a>>> {
    let facts = ctx.portfolio.online.as_deref()?;
    let found = facts.certificate(c, &ctx.ev.vendor);
    if found.answers.is_empty() && found.not_asked.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    for (how, l) in &found.answers {
        let l: &'a Looked = l;
        let who = &l.registry;
        let when = l.when_for(ctx.as_of.shown());
        let other = |o: Outcome| Reading::Other(Box::new(o.answered_by(l)));
        out.push(match (&l.answer, how) {
            (Answer::Certificate(record), _) => Reading::Record {
                record,
                looked: l,
                found_as: None,
            },
            (Answer::Companies(entities), CertLookup::Company { name, country }) => {
                company_reading(c, standard, l, entities, name, country, &when)
            }
            (Answer::Unavailable(why), _) => other(Outcome::unverified(format!(
                "{who} could not be consulted: {why}"
            ))),
            (Answer::NotFound, CertLookup::Id(id)) => other(
                Outcome::fail(format!(
                    "{who} has no certificate with the id {id} ({when}): a look-up by the \
                     registry's own id that finds nothing means the id is wrong or the record was \
                     removed"
                ))
                .adverse(),
            ),
            (Answer::NotFound, CertLookup::Company { name, country }) => {
                other(no_entity(who, name, country, &when))
            }
            (Answer::NotFound, CertLookup::Number(_)) => other(Outcome::warn(format!(
                "not found by {who} (asked {when}); a registry holds only part of the accredited \
                 certificates"
            ))),
            (_, _) => other(Outcome::unverified(format!(
                "{who} gave an answer that is not about a certificate"
            ))),
        });
    }
    for (registry, why) in found.not_asked {
        out.push(Reading::Other(Box::new(Outcome::unverified(format!(
            "not looked up with {registry}: {why}"
        )))));
    }
    Some(out)
}

/// A company search that found no entity: a registry's coverage is partial, so this warns.
fn no_entity(who: &str, name: &str, country: &str, when: &str) -> Outcome {
    Outcome::warn(format!(
        "{who} found no certified entity named `{name}` in {country} ({when}); a registry holds \
         only part of the accredited certificates"
    ))
}

/// Reads a company search's answer: the one certified entity named `name`, then among its
/// certificates the one with the certificate's number (or, without a number, the one standard
/// and certification body). Anything else is not found or ambiguous, never a pass.
fn company_reading<'a>(
    c: &IsoCertificate,
    standard: Standard,
    l: &'a Looked,
    entities: &'a [CompanyRecord],
    name: &str,
    country: &str,
    when: &str,
) -> Reading<'a> {
    let who = &l.registry;
    let other = |o: Outcome| Reading::Other(Box::new(o.answered_by(l)));
    let describe = |e: &CompanyRecord| {
        format!(
            "`{}`{}",
            e.names.first().map(String::as_str).unwrap_or("(unnamed)"),
            e.id.as_deref()
                .map(|id| format!(" ({id})"))
                .unwrap_or_default()
        )
    };
    let entities_list = |found: &[&CompanyRecord]| -> String {
        found
            .iter()
            .map(|e| describe(e))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let list = |records: &[&CertRecord]| -> String {
        records
            .iter()
            .map(|r| match &r.registry_id {
                Some(id) => format!("{} ({id})", r.number),
                None => r.number.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    match match_company(entities, name, c) {
        CompanyMatch::Found { record, .. } => Reading::Record {
            record,
            looked: l,
            found_as: Some(
                record
                    .registry_id
                    .clone()
                    .unwrap_or_else(|| record.number.clone()),
            ),
        },
        CompanyMatch::NoEntity => other(no_entity(who, name, country, when)),
        CompanyMatch::NoneNamed(seen) => other(Outcome::unverified(format!(
            "{who} found {} but none named `{name}` ({when}): confirm which is the vendor and \
             record its certificate's IAF id in `verification.reference`",
            entities_list(&seen)
        ))),
        CompanyMatch::SeveralEntities(several) => other(Outcome::unverified(format!(
            "{who} found several certified entities named `{name}`: {} ({when}); record the \
             certificate's IAF id in `verification.reference`",
            entities_list(&several)
        ))),
        CompanyMatch::NoCertificate(entity) => {
            let held: Vec<&CertRecord> = entity.certificates.iter().collect();
            let wanted = match c.certificate_number.as_deref() {
                Some(n) if !crate::rules::is_placeholder(n) => format!("certificate {n}"),
                _ => format!(
                    "an ISO/IEC {} certificate from this certification body",
                    standard.number
                ),
            };
            other(Outcome::unverified(format!(
                "{who} lists {} without {wanted} ({when}); it holds {}",
                describe(entity),
                if held.is_empty() {
                    "no certificates".to_string()
                } else {
                    list(&held)
                }
            )))
        }
        CompanyMatch::SeveralCertificates(entity, several) => other(Outcome::unverified(format!(
            "{who} lists several candidate certificates for {}: {} ({when}); record the \
             certificate's number or IAF id to tell them apart",
            describe(entity),
            list(&several)
        ))),
    }
}

/// ISO-VERIFIED's outcome from the registries' answers: a failing reading first (a registry
/// reporting it suspended, an id it does not know), then a record, then what could not be
/// verified, then a search that found nothing.
pub(super) fn registry_verdict(
    ctx: &Ctx,
    i: usize,
    c: &IsoCertificate,
    standard: Standard,
) -> Option<Outcome> {
    let at = format!("iso[{i}].certificate_number");
    let mut outcomes: Vec<Outcome> = readings(ctx, c, standard)?
        .into_iter()
        .map(|r| match r {
            Reading::Record {
                record,
                looked,
                found_as,
            } => {
                let mut o = judge_record(ctx, c, standard, record, looked).answered_by(looked);
                // A registry contradicting the evidence shows something is wrong.
                o.adverse = o.status == Status::Fail;
                if let Some(id) = found_as {
                    o.message.push_str(&format!(
                        "; found by company search as {id}: record it in \
                         `verification.reference` to look it up directly"
                    ));
                    if let Some(note) = o.registry.as_mut() {
                        note.registry_id = Some(id);
                    }
                }
                o
            }
            Reading::Other(o) => *o,
        })
        .collect();
    let rank = |s: Status| match s {
        Status::Fail => 0,
        Status::Pass => 1,
        Status::Unverified => 2,
        _ => 3,
    };
    outcomes.sort_by_key(|o| rank(o.status));
    outcomes.into_iter().next().map(|o| o.at(at))
}

/// What the registries say of a certificate's accreditation, where one holds a record of it:
/// `Ok` with the recognised accreditation body they name, or `Err` with why the certificate is
/// not under a recognised accreditation. The registry outranks the analyst's transcription.
pub(crate) fn registry_accreditation<'a>(
    ctx: &Ctx<'a>,
    c: &IsoCertificate,
) -> Option<(Result<&'a str, String>, &'a Looked)> {
    // Without registry answers there is nothing to read (and no standard to parse).
    ctx.portfolio.online.as_ref()?;
    let standard = Standard::parse(&c.standard)?;
    readings(ctx, c, standard)?.into_iter().find_map(|r| {
        let Reading::Record { record, looked, .. } = r else {
            return None;
        };
        let who = &looked.registry;
        let when = looked.when_for(ctx.as_of.shown());
        let verdict = if record.accredited_mla == Some(false) {
            Err(format!(
                "{who} records certificate {} as not under an accreditation recognised by the \
                 IAF MLA ({when})",
                record.number
            ))
        } else {
            match record.accreditation_body.as_deref() {
                None if record.accreditation_listed => Err(format!(
                    "{who} names no accreditation body for certificate {} ({when}): an \
                     unaccredited certificate",
                    record.number
                )),
                None => return None,
                Some(body) => match crate::rules::accreditation::find_body(
                    &ctx.thresholds.accreditation_bodies,
                    body,
                ) {
                    Some(b) => Ok(b.acronym.as_str()),
                    None => Err(format!(
                        "{who} names the accreditation body `{body}`, which is not recognised \
                         (IAF MLA / Global Accreditation Cooperation signatories) ({when})"
                    )),
                },
            }
        };
        Some((verdict, looked))
    })
}

/// A registry's record of a certificate against the evidence.
pub(super) fn judge_record(
    ctx: &Ctx,
    c: &IsoCertificate,
    standard: Standard,
    r: &CertRecord,
    l: &Looked,
) -> Outcome {
    use crate::evidence::registry::CertStatus;
    let who = &l.registry;
    let when = l.when_for(ctx.as_of.shown());
    if let Some(number) = c.certificate_number.as_deref()
        && !same_number(number, &r.number)
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
        && ctx.as_of.after(expires)
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
        let (ours, whose) = match c.certified_entity.as_deref() {
            Some(entity) => (entity, "the certificate names"),
            None => (ctx.ev.vendor.name.as_str(), "the vendor is"),
        };
        if !r.entities.iter().any(|e| names_match(e, ours)) {
            differs.push(format!(
                "certified entity `{}` ({whose} `{ours}`)",
                r.entities.join("`, `"),
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
