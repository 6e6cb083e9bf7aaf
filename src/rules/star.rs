//! CSA STAR rules (lifecycles from domain-facts §5).

use crate::evidence::IsoCertificate;
use crate::evidence::{
    Date, Source, Standard, StarAssessment, StarEntry, StarProgram, assessment_name,
};

use super::iso::{in_validity, recognised_body};
use super::{Ctx, Framework, Level, Outcome, Rule};

/// Prefixes of CSA STAR registry entry URLs.
const REGISTRY_PREFIXES: &[&str] = &[
    "https://cloudsecurityalliance.org/star/registry/",
    "https://www.cloudsecurityalliance.org/star/registry/",
];

pub(crate) fn subject(e: &StarEntry) -> String {
    let program = match e.program {
        StarProgram::Star => "CSA STAR",
        StarProgram::StarForAi => "CSA STAR for AI",
    };
    format!(
        "{program} Level {} {}",
        e.level,
        assessment_name(e.assessment)
    )
}

fn per_entry(ctx: &Ctx, check: impl Fn(usize, &StarEntry) -> Outcome) -> Vec<Outcome> {
    if ctx.ev.star.is_empty() {
        return vec![Outcome::not_applicable("no CSA STAR entry in the evidence")];
    }
    ctx.ev
        .star
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let o = check(i, e);
            let o = if o.at.is_none() {
                o.at(super::indexed("star", i))
            } else {
                o
            };
            o.subject(subject(e))
        })
        .collect()
}

/// The ISO/IEC certificate a STAR Certification rests on (27001, or 42001 for STAR for AI), as
/// its `certificate` names it.
fn linked_certificate<'e>(ctx: &Ctx<'e>, e: &StarEntry) -> Option<(&'e IsoCertificate, Standard)> {
    if e.assessment != StarAssessment::Certification {
        return None;
    }
    let wanted = if e.program == StarProgram::StarForAi {
        42001
    } else {
        27001
    };
    let number = e.certificate.as_deref().map(str::trim)?;
    ctx.ev.iso.iter().find_map(|c| {
        let s = Standard::parse(&c.standard).filter(|s| s.number == wanted)?;
        (c.certificate_number.as_deref().map(str::trim) == Some(number)).then_some((c, s))
    })
}

/// What a STAR Certification's failure follows from: its certificate, when that is not valid.
fn certificate_cause(ctx: &Ctx, e: &StarEntry, o: Outcome) -> Outcome {
    match linked_certificate(ctx, e) {
        Some((c, s)) if !in_validity(c, &s, &ctx.as_of) => o.caused_by(
            super::iso::invalidity_rule(c, &s, &ctx.as_of),
            super::iso::subject(c, &s),
        ),
        _ => o,
    }
}

/// The last day an entry counts, or why it cannot be told.
pub(crate) fn valid_until(ctx: &Ctx, e: &StarEntry) -> Result<Date, String> {
    match e.assessment {
        StarAssessment::Certification => {
            let wanted = if e.program == StarProgram::StarForAi {
                42001
            } else {
                27001
            };
            let Some(number) = e.certificate.as_deref().map(str::trim) else {
                return Err(format!(
                    "a STAR Certification expires with its ISO/IEC {wanted} certificate; name it in `certificate`"
                ));
            };
            let cert = linked_certificate(ctx, e).map(|(c, _)| c);
            let Some((c, expires)) = cert.and_then(|c| c.expires.map(|x| (c, x))) else {
                return Err(format!(
                    "rests on ISO/IEC {wanted} certificate {number}, which is not in the evidence with an expiry date"
                ));
            };
            let standard = Standard::parse(&c.standard).expect("matched above");
            if ctx.as_of.on_or_before(expires)
                && let Some(why) = super::iso::invalid_beyond_dates(c, &standard, &ctx.as_of)
            {
                return Err(format!(
                    "rests on ISO/IEC {wanted} certificate {number}, which is not valid: {why}"
                ));
            }
            Ok(expires)
        }
        _ => match e.date {
            Some(d) if ctx.as_of.before(d) => {
                Err(format!("dated {d}, after the as-of date {}", ctx.as_of))
            }
            Some(d) => Ok(d.plus_months(12)),
            None => Err("no date recorded".to_string()),
        },
    }
}

pub static LEVEL: Rule = Rule {
    id: "STAR-LEVEL",
    framework: Framework::Star,
    title: "the CSA STAR entry is third-party assessed",
    default_level: Level::Warning,
    sources: &["CSA STAR program (Level 1 self-assessment, Level 2 third-party)"],
    rationale: "A CSA STAR Level 1 entry is a self-assessment: the vendor's own answers to the \
        CAIQ questionnaire. It shows what the vendor says of itself and does not count as \
        independent evidence; Level 2 (STAR Attestation, STAR Certification, C-STAR) and Level 3 \
        are assessed by a third party.",
    question: "Do you hold a CSA STAR Level 2 attestation or certification, or plan one?",
    passes: "a Level 2 (attestation, certification, C-STAR) or Level 3 entry",
    fails: "a Level 1 self-assessment",
    gap: None,
    reads: &["star", "star[].level", "star[].source"],
    obligations: &crate::rules::crosswalk::STAR_LEVEL,
    check: |ctx| {
        per_entry(ctx, |i, e| {
            let at = format!("star[{i}].level");
            match e.level {
                1 => Outcome::fail(
                    "Level 1 is a self-assessment: it does not count as independent evidence",
                )
                .at(at),
                _ => Outcome::pass(format!(
                    "Level {}: {}",
                    e.level,
                    assessment_name(e.assessment)
                ))
                .resting_on(e.source)
                .at(at),
            }
        })
    },
};

pub static REGISTRY: Rule = Rule {
    id: "STAR-REGISTRY",
    framework: Framework::Star,
    title: "the entry is in the CSA STAR registry",
    default_level: Level::Error,
    sources: &["CSA STAR Registry"],
    rationale: "CSA publishes every STAR entry in its public registry, which is where a STAR claim \
        is verified. A STAR claim not found in the registry proves nothing.",
    question: "What is the URL of your entry in the CSA STAR registry?",
    passes: "a `registry_url` on cloudsecurityalliance.org/star/registry, seen there (`source = \"registry\"`)",
    fails: "no URL, or a URL outside the registry; a URL not looked at is unverified",
    gap: None,
    reads: &["star", "star[].registry_url", "star[].source"],
    obligations: &crate::rules::crosswalk::STAR_REGISTRY,
    check: |ctx| {
        per_entry(ctx, |i, e| {
            let at = format!("star[{i}].registry_url");
            let Some(url) = e
                .registry_url
                .as_deref()
                .map(str::trim)
                .filter(|u| !u.is_empty())
            else {
                return Outcome::fail("no registry URL recorded").at(at);
            };
            if !REGISTRY_PREFIXES
                .iter()
                .any(|p| url.starts_with(p) && url.len() > p.len())
            {
                return Outcome::fail(format!("`{url}` is not a CSA STAR registry entry URL"))
                    .at(at);
            }
            if let Some(l) = ctx.portfolio.online.as_deref().and_then(|f| f.star(url)) {
                use crate::evidence::registry::Answer;
                let name = &ctx.ev.vendor.name;
                let when = l.when_for(ctx.as_of.shown());
                let o = match &l.answer {
                    Answer::Page(page) if crate::evidence::registry::page_names(page, name) => {
                        Outcome::pass(format!(
                            "listed at {url}: the registry page names {name} ({when})"
                        ))
                    }
                    Answer::Page(_) => Outcome::fail(format!(
                        "the registry page at {url} does not name {name} ({when})"
                    ))
                    .adverse(),
                    Answer::NotFound => {
                        Outcome::fail(format!("no registry entry at {url} ({when})")).adverse()
                    }
                    Answer::Unavailable(why) => Outcome::unverified(format!(
                        "the registry entry at {url} could not be read: {why}"
                    )),
                    _ => Outcome::unverified(format!("unexpected answer for {url}")),
                };
                return o.answered_by(l).at(at);
            }
            if e.source != Source::Registry {
                return Outcome::unverified(format!(
                    "registry URL recorded, but the entry was seen only in {}",
                    e.source.describe()
                ))
                .at(format!("star[{i}].source"));
            }
            Outcome::pass(format!("listed at {url}")).at(at)
        })
    },
};

pub static CURRENT: Rule = Rule {
    id: "STAR-CURRENT",
    framework: Framework::Star,
    title: "the CSA STAR entry is within its validity",
    default_level: Level::Error,
    sources: &[
        "CSA STAR program (Level 1 self-assessment, Level 2 third-party)",
        "CSA Code of Practice for STAR Level 2",
    ],
    rationale: "STAR entries age at different rates: Level 1 entries are deprecated after a year, \
        a STAR Attestation is renewed every 12 months, and a STAR Certification expires with its \
        ISO/IEC 27001 certificate. An entry past that point no longer reflects the vendor's \
        current state.",
    question: "When was your STAR entry last renewed, and when is the next renewal due?",
    passes: "an entry dated within 12 months, or a certification whose ISO certificate is current",
    fails: "a deprecated or lapsed entry, or one whose validity cannot be told",
    gap: None,
    reads: &[
        "iso",
        "iso[].certificate_number",
        "iso[].expires",
        "iso[].standard",
        "iso[].verification",
        "iso[].verification.status",
        "star",
        "star[].assessment",
        "star[].certificate",
        "star[].date",
        "star[].program",
        "star[].source",
    ],
    obligations: &crate::rules::crosswalk::STAR_CURRENT,
    check: |ctx| {
        per_entry(ctx, |i, e| match valid_until(ctx, e) {
            Err(why) => certificate_cause(ctx, e, Outcome::fail(why).at(format!("star[{i}]"))),
            Ok(until) if ctx.as_of.after(until) => {
                let what = match e.assessment {
                    StarAssessment::SelfAssessment => "deprecated",
                    StarAssessment::Certification => "expired with its ISO certificate",
                    _ => "lapsed (renewal is due every 12 months)",
                };
                certificate_cause(
                    ctx,
                    e,
                    Outcome::fail(format!("{what} on {until}")).at(format!("star[{i}].date")),
                )
            }
            Ok(until) => Outcome::pass(format!("valid until {until}"))
                .resting_on(e.source)
                .at(format!("star[{i}].date")),
        })
    },
};

pub static AI: Rule = Rule {
    id: "STAR-AI",
    framework: Framework::Star,
    title: "a STAR for AI entry is backed as its level requires",
    default_level: Level::Error,
    sources: &["CSA STAR for AI (Level 2, 2025)", "ISO/IEC 42001:2023"],
    rationale: "CSA STAR for AI is AI-specific evidence. Its Level 1 is a self-assessment; its \
        Level 2 requires a current ISO/IEC 42001 certificate from an accredited certification \
        body, so a Level 2 entry counts only as far as that certificate does.",
    question: "Which accredited ISO/IEC 42001 certificate backs your STAR for AI Level 2 entry?",
    passes: "a STAR for AI Level 1 entry (AI evidence, not independent), or a Level 2 entry whose \
        `certificate` is a current, accredited ISO/IEC 42001 certificate in the evidence",
    fails: "a STAR for AI Level 2 entry without a current, accredited ISO/IEC 42001 certificate",
    gap: None,
    reads: &[
        "iso",
        "iso[].accreditation_body",
        "iso[].certificate_number",
        "iso[].expires",
        "iso[].issued",
        "iso[].source",
        "iso[].standard",
        "iso[].verification.status",
        "star",
        "star[].certificate",
        "star[].program",
        "star[].source",
    ],
    obligations: &crate::rules::crosswalk::STAR_AI,
    check: |ctx| {
        let entries: Vec<(usize, &StarEntry)> = ctx
            .ev
            .star
            .iter()
            .enumerate()
            .filter(|(_, e)| e.program == StarProgram::StarForAi)
            .collect();
        if entries.is_empty() {
            return vec![Outcome::not_applicable(
                "no CSA STAR for AI entry in the evidence",
            )];
        }
        entries
            .into_iter()
            .map(|(i, e)| {
                let o = if e.level == 1 {
                    Outcome::pass("STAR for AI Level 1: AI evidence, self-assessed")
                        .resting_on(e.source)
                        .at(format!("star[{i}]"))
                } else {
                    let number = e.certificate.as_deref().map(str::trim);
                    let cert = ctx.ev.iso.iter().find(|c| {
                        number.is_some()
                            && c.certificate_number.as_deref().map(str::trim) == number
                            && Standard::parse(&c.standard).is_some_and(|s| s.number == 42001)
                    });
                    match cert {
                        None => match number.filter(|n| !n.is_empty()) {
                            None => Outcome::fail("STAR for AI Level 2 requires an ISO/IEC 42001 certificate; none is linked in `certificate`"),
                            Some(n) => match ctx.ev.iso.iter().find(|c| c.certificate_number.as_deref().map(str::trim) == Some(n)) {
                                Some(other) => Outcome::fail(format!(
                                    "STAR for AI Level 2 requires an ISO/IEC 42001 certificate; `certificate` names {n}, the `{}` certificate, not a 42001 one",
                                    other.standard
                                )),
                                None => Outcome::fail(format!(
                                    "STAR for AI Level 2 requires an ISO/IEC 42001 certificate; `certificate` names {n}, but no certificate with that number is in the evidence"
                                )),
                            },
                        },
                        Some(c) => {
                            let s = Standard::parse(&c.standard).expect("parsed above");
                            if !in_validity(c, &s, &ctx.as_of) {
                                Outcome::fail(format!("the ISO/IEC 42001 certificate {} is not current", number.unwrap_or_default()))
                                    .caused_by(super::iso::invalidity_rule(c, &s, &ctx.as_of), super::iso::subject(c, &s))
                            } else if recognised_body(ctx, c).is_none() {
                                Outcome::fail(format!("the ISO/IEC 42001 certificate {} is not from an accredited body", number.unwrap_or_default()))
                                    .caused_by("ISO-ACCREDITED", super::iso::subject(c, &s))
                            } else {
                                Outcome::pass(format!("backed by current, accredited ISO/IEC 42001 certificate {}", number.unwrap_or_default()))
                                    .resting_on(c.source)
                            }
                        }
                    }
                    .at(format!("star[{i}].certificate"))
                };
                o.subject(subject(e))
            })
            .collect()
    },
};
