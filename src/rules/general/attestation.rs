//! Whether current, independent attestations cover the services we use, on every layer they run on,
//! and what is about to lapse.

use crate::evidence::scope::coverage;
use crate::evidence::{Opinion, Source, StarAssessment};

use crate::rules::iso::{current_certs, is_security_standard};
use crate::rules::soc2::current_reports;
use crate::rules::star::valid_until;
use crate::rules::{Ctx, Framework, Level, Outcome, Rule, all_of, plural};

pub static INDEPENDENT: Rule = Rule {
    id: "GEN-INDEPENDENT",
    framework: Framework::General,
    title: "evidence is independent, not self-attested",
    default_level: Level::Error,
    sources: &[
        "AICPA AT-C 105 (independence)",
        "ISO/IEC 17021-1:2015 (third-party certification)",
        "CSA STAR program (Level 1 self-assessment, Level 2 third-party)",
    ],
    rationale: "What a vendor writes about itself says what it claims, not what an independent \
        auditor found. Trust pages, statements, questionnaires, \
        screenshots and STAR Level 1 entries show claims and count for nothing here; only an \
        attestation or certificate seen as the document itself or in a registry does.",
    question: "Can you send the issued certificates and full audit reports behind the claims on \
        your trust page?",
    passes: "every certification or report seen as the document itself or in a registry",
    fails: "no independent evidence at all; claims beside independent evidence warn",
    gap: None,
    reads: &[
        "iso",
        "iso[].source",
        "sector",
        "sector[].source",
        "soc2",
        "soc2[].source",
        "star",
        "star[].source",
    ],
    obligations: &crate::rules::crosswalk::GEN_INDEPENDENT,
    check: |ctx| {
        let ev = ctx.ev;
        let mut pieces: Vec<(String, String, bool)> = Vec::new();
        for (i, r) in ev.soc2.iter().enumerate() {
            pieces.push((
                format!("soc2[{i}]"),
                crate::rules::soc2::subject(r),
                r.source == Source::Document,
            ));
        }
        for (i, c) in ev.iso.iter().enumerate() {
            let name = crate::evidence::Standard::parse(&c.standard)
                .map_or(c.standard.clone(), |s| crate::rules::iso::subject(c, &s));
            pieces.push((format!("iso[{i}]"), name, c.source.is_independent()));
        }
        for (i, e) in ev.star.iter().enumerate() {
            let independent =
                e.source.is_independent() && e.assessment != StarAssessment::SelfAssessment;
            pieces.push((
                format!("star[{i}]"),
                crate::rules::star::subject(e),
                independent,
            ));
        }
        for (i, s) in ev.sector.iter().enumerate() {
            pieces.push((
                format!("sector[{i}]"),
                s.framework.clone(),
                s.source.is_independent(),
            ));
        }
        if pieces.is_empty() {
            return vec![Outcome::fail(
                "no certification, report or registry entry in the evidence",
            )];
        }
        let claims: Vec<&(String, String, bool)> = pieces.iter().filter(|p| !p.2).collect();
        let names = |list: &[&(String, String, bool)]| {
            list.iter()
                .map(|p| p.1.clone())
                .collect::<Vec<_>>()
                .join("; ")
        };
        match claims.first() {
            None => vec![Outcome::pass(if pieces.len() == 1 {
                "the 1 piece of evidence is a document or registry entry".to_string()
            } else {
                format!(
                    "all {} pieces of evidence are documents or registry entries",
                    pieces.len()
                )
            })],
            Some(first) if claims.len() == pieces.len() => {
                vec![
                    Outcome::fail(format!(
                        "no independent evidence, only claims: {}",
                        names(&claims)
                    ))
                    // Only claims weigh exactly as no evidence at all does, whatever the policy
                    // requires: never less.
                    .adverse()
                    .at(first.0.clone()),
                ]
            }
            Some(first) if !ctx.thresholds.tolerate_claims => vec![
                Outcome::fail(format!(
                    "claims are not accepted under this policy: {}",
                    names(&claims)
                ))
                .at(first.0.clone()),
            ],
            Some(first) => vec![
                Outcome::warn(format!("claims that count for nothing: {}", names(&claims)))
                    .at(first.0.clone()),
            ],
        }
    },
};

pub static COVERAGE: Rule = Rule {
    id: "GEN-COVERAGE",
    framework: Framework::General,
    title: "every service we use is covered by a current independent attestation",
    default_level: Level::Error,
    sources: &[
        "AICPA DC 200 (SOC 2 description criteria)",
        "ISO/IEC 27001:2022 cl. 4.3 (scope of the ISMS)",
    ],
    rationale: "Holding a certification is not enough: each service we use needs current \
        independent evidence that names it, and anything outside every scope is uncertified. A \
        service counts as covered only by a current SOC 2 Type 2 report read in full with an \
        unqualified opinion, or a current accredited ISO certificate seen as a document or in a \
        registry, that names it.",
    question: "Which current SOC 2 Type 2 report or accredited ISO certificate covers each of these services?",
    passes: "each service named by a current Type 2 report (full report, unqualified) or a current, \
        accredited ISO certificate seen as a document or in a registry",
    fails: "a service with no such evidence",
    gap: None,
    reads: &[
        "iso",
        "iso[].accreditation_body",
        "iso[].certification_body",
        "iso[].covers",
        "iso[].covers[].quote",
        "iso[].covers[].service",
        "iso[].expires",
        "iso[].issued",
        "iso[].scope",
        "iso[].source",
        "iso[].standard",
        "iso[].verification",
        "iso[].verification.status",
        "soc2",
        "soc2[].covers",
        "soc2[].covers[].quote",
        "soc2[].covers[].service",
        "soc2[].opinion",
        "soc2[].period_end",
        "soc2[].services",
        "soc2[].source",
        "soc2[].system_description",
        "soc2[].type",
        "vendor.services",
    ],
    obligations: &crate::rules::crosswalk::GEN_COVERAGE,
    check: |ctx| {
        let t = &ctx.thresholds;
        // Every sound report and certificate counts, superseded or not: a later, weaker one
        // (a Type 1, a narrower scope) never takes away what an earlier one still attests.
        let reports: Vec<_> = ctx
            .ev
            .soc2
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                r.report_type == 2
                    && r.source == Source::Document
                    && r.opinion == Some(Opinion::Unqualified)
                    && r.period_end
                        .is_some_and(|e| ctx.as_of.within(e, e.plus_months(t.soc2_max_age_months)))
            })
            .collect();
        let certs: Vec<_> = all_certs(ctx)
            .into_iter()
            .filter(|(_, c, s)| {
                // Sound as ISO-CURRENT and ISO-ACCREDITED judge it: in its dates, not withdrawn,
                // accredited, within the certification cycle and not older than its edition.
                is_security_standard(s)
                    && c.source.is_independent()
                    && crate::rules::iso::unsound(ctx, c, s).is_none()
            })
            .collect();
        let mut covered = Vec::new();
        let mut missing = Vec::new();
        for service in &ctx.ev.vendor.services {
            let by_report = reports.iter().find_map(|(i, r)| {
                let mut texts: Vec<&str> = r.services.iter().map(String::as_str).collect();
                texts.extend(r.system_description.as_deref());
                coverage(service, &texts, &r.covers)
                    .ok()
                    .map(|_| format!("{service}: {} (soc2[{i}])", crate::rules::soc2::subject(r)))
            });
            let by_cert = || {
                certs.iter().find_map(|(i, c, s)| {
                    // A scope that excludes anything cannot prove by name that it covers a service.
                    let scope = c
                        .scope
                        .as_deref()
                        .filter(|s| crate::evidence::scope::exclusion_phrase(s).is_none())?;
                    coverage(service, &[scope], &c.covers).ok().map(|_| {
                        format!("{service}: {} (iso[{i}])", crate::rules::iso::subject(c, s))
                    })
                })
            };
            match by_report.or_else(by_cert) {
                Some(how) => covered.push(how),
                None => missing.push(service.as_str()),
            }
        }
        if missing.is_empty() {
            vec![
                Outcome::pass(format!("{} covered", all_of(covered.len(), "service")))
                    .matched(covered)
                    .at("vendor.services"),
            ]
        } else {
            vec![
                Outcome::fail(format!(
                    "no current independent attestation covers: {}",
                    missing.join(", ")
                ))
                .matched(covered)
                .at("vendor.services"),
            ]
        }
    },
};

pub static EXPIRY: Rule = Rule {
    id: "GEN-EXPIRY",
    framework: Framework::General,
    title: "no evidence expires within the horizon",
    default_level: Level::Warning,
    sources: &[
        "ISO/IEC 17021-1:2015 cl. 9.1.3 (three-year cycle)",
        "CSA Code of Practice for STAR Level 2",
    ],
    rationale: "A lapse noticed late leaves a vendor in use without assurance. Evidence that \
        lapses within the horizon (default 90 days) is flagged while there is time to ask for its \
        renewal.",
    question: "When will the renewed certificate or the next report be available?",
    passes: "nothing current lapses within the horizon",
    fails: "a certificate, SOC 2 report or STAR entry that lapses within the horizon (warns)",
    gap: None,
    reads: &[
        "iso",
        "iso[].accreditation_body",
        "iso[].certification_body",
        "iso[].expires",
        "iso[].issued",
        "iso[].standard",
        "iso[].verification.status",
        "sector",
        "sector[].expires",
        "soc2",
        "soc2[].opinion",
        "soc2[].period_end",
        "star",
        "star[].assessment",
        "star[].date",
    ],
    obligations: &crate::rules::crosswalk::GEN_EXPIRY,
    check: |ctx| {
        let horizon = ctx.thresholds.expiry_horizon_days;
        let ahead =
            |d: crate::evidence::Date| ctx.as_of.within(d.plus_days(-i64::from(horizon)), d);
        let mut soon = Vec::new();
        let mut dated = 0;
        for (i, c, s) in current_certs(ctx) {
            if let Some(expires) = c.expires {
                dated += 1;
                // A certificate that already does not count (an invalid edition, no accredited
                // body…) fails elsewhere: its expiry is not news.
                if ahead(expires) && crate::rules::iso::unsound(ctx, c, &s).is_none() {
                    soon.push((
                        format!("iso[{i}].expires"),
                        format!("{} expires {expires}", crate::rules::iso::subject(c, &s)),
                    ));
                }
            }
        }
        for (i, r) in current_reports(ctx) {
            if let Some(pe) = r.period_end {
                dated += 1;
                let stale = pe.plus_months(ctx.thresholds.soc2_max_age_months);
                // A report whose opinion already fails it does not also warn about its age.
                let failing = matches!(
                    r.opinion,
                    Some(Opinion::Qualified | Opinion::Adverse | Opinion::Disclaimer)
                );
                if ahead(stale) && !failing {
                    soon.push((
                        format!("soc2[{i}].period_end"),
                        format!(
                            "{} passes {} months on {stale}",
                            crate::rules::soc2::subject(r),
                            ctx.thresholds.soc2_max_age_months
                        ),
                    ));
                }
            }
        }
        for (i, e) in ctx.ev.star.iter().enumerate() {
            if let Ok(until) = valid_until(ctx, e) {
                dated += 1;
                if ahead(until) {
                    soon.push((
                        format!("star[{i}]"),
                        format!("{} lapses {until}", crate::rules::star::subject(e)),
                    ));
                }
            }
        }
        for (i, s) in ctx.ev.sector.iter().enumerate() {
            if let Some(expires) = s.expires {
                dated += 1;
                if ahead(expires) {
                    soon.push((
                        format!("sector[{i}].expires"),
                        format!("{} evidence expires {expires}", s.framework),
                    ));
                }
            }
        }
        if dated == 0 {
            return vec![Outcome::not_applicable("no dated evidence")];
        }
        if soon.is_empty() {
            return vec![Outcome::pass(format!(
                "nothing lapses within {}",
                plural(horizon as usize, "day")
            ))];
        }
        soon.into_iter()
            .map(|(at, what)| {
                Outcome::warn(format!(
                    "{what}, within {}",
                    plural(horizon as usize, "day")
                ))
                .at(at)
            })
            .collect()
    },
};

/// Scope texts of a vendor's current, independent attestations: the scopes of sound security
/// certificates seen as documents or in a registry (with no exclusion wording), and the services
/// and system descriptions of current SOC 2 Type 2 reports read in full with an unqualified
/// opinion. What another vendor may rely on when it runs on this one (GEN-LAYERS).
pub(crate) fn attested_scopes(ctx: &Ctx) -> Vec<String> {
    let t = &ctx.thresholds;
    let mut texts = Vec::new();
    for (_, c, s) in all_certs(ctx) {
        if is_security_standard(&s)
            && c.source.is_independent()
            && crate::rules::iso::unsound(ctx, c, &s).is_none()
        {
            texts.extend(
                c.scope
                    .clone()
                    .filter(|sc| crate::evidence::scope::exclusion_phrase(sc).is_none()),
            );
        }
    }
    for r in &ctx.ev.soc2 {
        let current = r
            .period_end
            .is_some_and(|e| ctx.as_of.within(e, e.plus_months(t.soc2_max_age_months)));
        if r.report_type == 2
            && r.source == Source::Document
            && r.opinion == Some(Opinion::Unqualified)
            && current
        {
            texts.extend(r.services.iter().cloned());
            texts.extend(r.system_description.clone());
        }
    }
    texts
}

pub static LAYERS: Rule = Rule {
    id: "GEN-LAYERS",
    framework: Framework::General,
    title: "a service hosted on another vendor has evidence for the hosting layer too",
    default_level: Level::Error,
    sources: &[
        "ISO/IEC 27001:2022 A.5.23 (use of cloud services)",
        "AICPA DC 200 (SOC 2 description criteria)",
    ],
    rationale: "A model served through a hyperscaler (Bedrock, Azure OpenAI Service, Vertex AI) \
        has layers of evidence that do not stand in for each other: the hyperscaler's scope must \
        name the hosting service, and the model vendor's own certification must cover its product. \
        Anything outside both scopes is uncertified.",
    question: "On which platform service does your offering run, and can you confirm that service is \
        named in the platform provider's current certification scope?",
    passes: "each `hosted_on` platform is a vendor of the run whose current independent evidence names the hosting service",
    fails: "a platform whose evidence does not name the hosting service, or the vendor itself; a platform not in the run is unverified",
    gap: None,
    reads: &[
        "vendor.hosted_on",
        "vendor.hosted_on[].service",
        "vendor.hosted_on[].vendor",
        "vendor.id",
    ],
    obligations: &crate::rules::crosswalk::GEN_LAYERS,
    check: |ctx| {
        let hosting = &ctx.ev.vendor.hosted_on;
        if hosting.is_empty() {
            return vec![Outcome::not_applicable("not hosted on another vendor").at("vendor")];
        }
        hosting
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let at = format!("vendor.hosted_on[{i}]");
                if h.vendor == ctx.ev.vendor.id {
                    return Outcome::fail("names this vendor itself as its hosting platform")
                        .at(format!("{at}.vendor"));
                }
                let Some(host) = ctx.portfolio.vendors.get(&h.vendor) else {
                    return Outcome::unverified(format!(
                        "{} runs on {}, which is not among the vendors checked in this run",
                        h.service, h.vendor
                    ))
                    .at(format!("{at}.vendor"));
                };
                let texts: Vec<&str> = host.attested_scopes.iter().map(String::as_str).collect();
                match coverage(&h.service, &texts, &[]) {
                    Ok(c) => Outcome::pass(format!(
                        "the current independent evidence of {} names {}",
                        host.name, h.service
                    ))
                    .matched(vec![format!("{}: \"{}\"", h.service, c.text())]),
                    Err(_) => Outcome::fail(format!(
                        "no current independent evidence of {} ({}) names {}",
                        host.name, h.vendor, h.service
                    )),
                }
                .at(format!("{at}.service"))
            })
            .collect()
    },
};

/// Every certificate whose standard can be read, superseded or not, with its index.
fn all_certs<'a>(
    ctx: &Ctx<'a>,
) -> Vec<(
    usize,
    &'a crate::evidence::IsoCertificate,
    crate::evidence::Standard,
)> {
    ctx.ev
        .iso
        .iter()
        .enumerate()
        .filter_map(|(i, c)| crate::evidence::Standard::parse(&c.standard).map(|s| (i, c, s)))
        .collect()
}
