//! Rules across frameworks (seeds 000, 001, 002, 003).

use crate::evidence::{DocumentOutcome, Opinion, Source, StarAssessment};
use crate::scope::coverage;

use super::iso::{current_certs, is_security_standard};
use super::soc2::current_reports;
use super::star::valid_until;
use super::{
    Ctx, Framework, Level, Outcome, Rule, SEED_000, SEED_001, SEED_002, SEED_003, all_of, plural,
};

pub static INDEPENDENT: Rule = Rule {
    id: "GEN-INDEPENDENT",
    framework: Framework::General,
    title: "evidence is independent, not self-attested",
    default_level: Level::Error,
    seeds: &[SEED_002, SEED_000],
    rationale: "Seed 002: \"Self-attestation is insufficient. Marketing language is insufficient. \
        Internal checklists are insufficient.\" Seed 000: \"Self-certifications ... have limited \
        value compared to independent audits.\" Trust pages, statements, questionnaires, \
        screenshots and STAR Level 1 entries show claims and count for nothing here.",
    question: "Can you send the issued certificates and full audit reports behind the claims on \
        your trust page?",
    passes: "every certification or report seen as the document itself or in a registry",
    fails: "no independent evidence at all; claims beside independent evidence warn",
    gap: None,
    check: |ctx| {
        let ev = ctx.ev;
        let mut pieces: Vec<(String, String, bool)> = Vec::new();
        for (i, r) in ev.soc2.iter().enumerate() {
            pieces.push((
                format!("soc2[{i}]"),
                super::soc2::subject(r),
                r.source == Source::Document,
            ));
        }
        for (i, c) in ev.iso.iter().enumerate() {
            let name = crate::evidence::Standard::parse(&c.standard)
                .map_or(c.standard.clone(), |s| super::iso::subject(c, &s));
            pieces.push((format!("iso[{i}]"), name, c.source.is_independent()));
        }
        for (i, e) in ev.star.iter().enumerate() {
            let independent =
                e.source.is_independent() && e.assessment != StarAssessment::SelfAssessment;
            pieces.push((format!("star[{i}]"), super::star::subject(e), independent));
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
                    .at(first.0.clone()),
                ]
            }
            Some(first) if !ctx.policy.thresholds.tolerate_claims => vec![
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
    seeds: &[SEED_000, SEED_003],
    rationale: "Seed 000: \"Scope covers services you'll use\" and \"Certifications are necessary \
        but not sufficient.\" Seed 003: \"Anything outside both scopes is uncertified for audit \
        purposes, regardless of marketing claims.\" A service counts as covered only by a current \
        SOC 2 Type 2 report read in full with an unqualified opinion, or a current accredited ISO \
        certificate seen as a document or in a registry, that names it.",
    question: "Which current SOC 2 Type 2 report or accredited ISO certificate covers each of these services?",
    passes: "each service named by a current Type 2 report (full report, unqualified) or a current, \
        accredited ISO certificate seen as a document or in a registry",
    fails: "a service with no such evidence",
    gap: None,
    check: |ctx| {
        let t = &ctx.policy.thresholds;
        let reports: Vec<_> = current_reports(ctx)
            .into_iter()
            .filter(|(_, r)| {
                r.report_type == 2
                    && r.source == Source::Document
                    && r.opinion == Some(Opinion::Unqualified)
                    && r.period_end.is_some_and(|e| {
                        e <= ctx.as_of && e.plus_months(t.soc2_max_age_months) >= ctx.as_of
                    })
            })
            .collect();
        let certs: Vec<_> = current_certs(ctx)
            .into_iter()
            .filter(|(_, c, s)| {
                // Sound as ISO-CURRENT and ISO-ACCREDITED judge it: in its dates, not withdrawn,
                // accredited, within the certification cycle and not older than its edition.
                is_security_standard(s)
                    && c.source.is_independent()
                    && super::iso::unsound(ctx, c, s).is_none()
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
                    .map(|_| format!("{service}: {} (soc2[{i}])", super::soc2::subject(r)))
            });
            let by_cert = || {
                certs.iter().find_map(|(i, c, s)| {
                    // A scope that excludes anything cannot prove by name that it covers a service.
                    let scope = c
                        .scope
                        .as_deref()
                        .filter(|s| crate::scope::exclusion_phrase(s).is_none())?;
                    coverage(service, &[scope], &c.covers)
                        .ok()
                        .map(|_| format!("{service}: {} (iso[{i}])", super::iso::subject(c, s)))
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
    seeds: &[SEED_000, SEED_003],
    rationale: "Seed 000's metrics: \"Certification expiry tracking — Zero lapses — Monthly.\" Seed \
        003: \"Build a quarterly re-verification cycle ... it catches drift before it becomes an \
        audit finding.\" Evidence that lapses within the horizon (default 90 days) is flagged \
        while there is time to ask for its renewal.",
    question: "When will the renewed certificate or the next report be available?",
    passes: "nothing current lapses within the horizon",
    fails: "a certificate, SOC 2 report or STAR entry that lapses within the horizon (warns)",
    gap: None,
    check: |ctx| {
        let horizon = ctx.policy.thresholds.expiry_horizon_days;
        let end = ctx.as_of.plus_days(i64::from(horizon));
        let ahead = |d: crate::evidence::Date| d >= ctx.as_of && d <= end;
        let mut soon = Vec::new();
        let mut dated = 0;
        for (i, c, s) in current_certs(ctx) {
            if let Some(expires) = c.expires {
                dated += 1;
                if ahead(expires) {
                    soon.push((
                        format!("iso[{i}].expires"),
                        format!("{} expires {expires}", super::iso::subject(c, &s)),
                    ));
                }
            }
        }
        for (i, r) in current_reports(ctx) {
            if let Some(pe) = r.period_end {
                dated += 1;
                let stale = pe.plus_months(ctx.policy.thresholds.soc2_max_age_months);
                if ahead(stale) {
                    soon.push((
                        format!("soc2[{i}].period_end"),
                        format!(
                            "{} passes {} months on {stale}",
                            super::soc2::subject(r),
                            ctx.policy.thresholds.soc2_max_age_months
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
                        format!("{} lapses {until}", super::star::subject(e)),
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
                "nothing lapses within {horizon} days"
            ))];
        }
        soon.into_iter()
            .map(|(at, what)| Outcome::warn(format!("{what}, within {horizon} days")).at(at))
            .collect()
    },
};

pub static REVIEW: Rule = Rule {
    id: "GEN-REVIEW",
    framework: Framework::General,
    title: "the analyst review is no older than a quarter",
    default_level: Level::Error,
    seeds: &[SEED_003, SEED_000],
    rationale: "Seed 003: \"Build a quarterly re-verification cycle into your vendor management \
        program: pull the current certificate PDFs ..., check for scope changes, verify that no \
        certifications have been suspended or withdrawn.\" Seed 000: vendors with current \
        certifications are tracked quarterly.",
    question: "Can you confirm nothing in your certifications, scope or sub-processors has changed \
        since our last review?",
    passes: "`vendor.last_review` within three months of the as-of date",
    fails: "no review date, one older than three months, or one after the as-of date",
    gap: None,
    check: |ctx| {
        let months = ctx.policy.thresholds.review_interval_months;
        let at = "vendor.last_review";
        let Some(last) = ctx.ev.vendor.last_review else {
            return vec![Outcome::fail("no analyst review date recorded").at(at)];
        };
        if last > ctx.as_of {
            return vec![
                Outcome::fail(format!(
                    "review date {last} is after the as-of date {}",
                    ctx.as_of
                ))
                .at(at),
            ];
        }
        let days = last.days_until(ctx.as_of);
        if last.plus_months(months) < ctx.as_of {
            vec![Outcome::fail(format!("last reviewed {last}, {days} days ago: re-verification is due every {months} months")).at(at)]
        } else {
            vec![
                Outcome::pass(format!(
                    "last reviewed {last}, {}",
                    plural(days as usize, "day") + " ago"
                ))
                .at(at),
            ]
        }
    },
};

pub static DOCUMENT: Rule = Rule {
    id: "GEN-DOCUMENT",
    framework: Framework::General,
    title: "cited documents exist in the vendor folder and match their sha256",
    default_level: Level::Error,
    seeds: &[SEED_003, SEED_000],
    rationale: "Seed 003: \"never accept a marketing-page screenshot as proof. Always pull the \
        current certificate PDF and read the scope clause.\" Seed 000: \"Ask to see reports and \
        certificates.\" A cited file that is missing or whose hash differs is not the document the \
        analyst read.",
    question: "Can you send the document again so we can file the exact copy we reviewed?",
    passes: "every `document` present inside the vendor folder with a matching sha256",
    fails: "a missing file, a hash mismatch, an unreadable or oversized file; a document read but not filed warns",
    gap: None,
    check: |ctx| {
        let mut outcomes = Vec::new();
        // Documents cited by URL that `--online` fetched and found matching.
        let mut fetched = 0;
        for check in &ctx.vendor.documents {
            let at = format!("{}.sha256", check.at);
            let o = match &check.outcome {
                DocumentOutcome::Matches => continue,
                DocumentOutcome::Missing => Outcome::fail(format!(
                    "`{}` does not exist in the vendor folder",
                    check.cited
                )),
                DocumentOutcome::Mismatch { actual } => Outcome::fail(format!(
                    "`{}` does not match its sha256 (found {actual})",
                    check.cited
                )),
                DocumentOutcome::TooLarge { bytes } => Outcome::fail(format!(
                    "`{}` is too large to verify ({bytes} bytes)",
                    check.cited
                )),
                DocumentOutcome::Unreadable(why) => {
                    Outcome::fail(format!("`{}` cannot be read: {why}", check.cited))
                }
                DocumentOutcome::NotFetched => {
                    use crate::online::Answer;
                    match ctx
                        .portfolio
                        .online
                        .as_deref()
                        .and_then(|f| f.document(&check.cited, &check.sha256))
                    {
                        None => Outcome::unverified(format!(
                            "`{}` is cited by URL only and cannot be checked offline",
                            check.cited
                        )),
                        Some(l) => match &l.answer {
                            Answer::Document { sha256 }
                                if sha256.eq_ignore_ascii_case(&check.sha256) =>
                            {
                                fetched += 1;
                                continue;
                            }
                            Answer::Document { sha256 } => Outcome::fail(format!(
                                "`{}` was fetched but does not match its sha256 (found {sha256})",
                                check.cited
                            ))
                            .answered_by(l),
                            Answer::NotFound => Outcome::fail(format!(
                                "`{}` does not exist (HTTP 404)",
                                check.cited
                            ))
                            .answered_by(l),
                            Answer::Unavailable(why) => Outcome::unverified(format!(
                                "`{}` could not be fetched: {why}",
                                check.cited
                            ))
                            .answered_by(l),
                            _ => Outcome::unverified(format!(
                                "unexpected answer for `{}`",
                                check.cited
                            )),
                        },
                    }
                }
            };
            outcomes.push(o.at(at));
        }
        let ev = ctx.ev;
        let unfiled: Vec<String> = ev
            .soc2
            .iter()
            .enumerate()
            .filter(|(_, r)| r.source == Source::Document && r.document.is_none())
            .map(|(i, _)| format!("soc2[{i}]"))
            .chain(
                ev.iso
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.source == Source::Document && c.document.is_none())
                    .map(|(i, _)| format!("iso[{i}]")),
            )
            .chain(
                ev.sector
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.source == Source::Document && s.document.is_none())
                    .map(|(i, _)| format!("sector[{i}]")),
            )
            .chain(
                ev.contract
                    .iter()
                    .filter(|c| c.source == Source::Document && c.document.is_none())
                    .map(|_| "contract".to_string()),
            )
            .collect();
        if let Some(first) = unfiled.first() {
            outcomes.push(
                Outcome::warn(format!(
                    "read as documents but not filed with a sha256: {}",
                    unfiled.join(", ")
                ))
                .at(first.clone()),
            );
        }
        let matching = ctx
            .vendor
            .documents
            .iter()
            .filter(|d| d.outcome == DocumentOutcome::Matches)
            .count();
        if outcomes.is_empty() {
            return match (matching, fetched) {
                (0, 0) => vec![Outcome::not_applicable("no documents cited")],
                (_, 0) => vec![Outcome::pass(format!(
                    "{} present and matching",
                    plural(matching, "document")
                ))],
                (0, _) => vec![Outcome::pass(format!(
                    "{} fetched and matching",
                    plural(fetched, "document")
                ))],
                _ => vec![Outcome::pass(format!(
                    "{} present and {} fetched, all matching",
                    plural(matching, "document"),
                    plural(fetched, "document")
                ))],
            };
        }
        outcomes
    },
};

pub static INCIDENTS: Rule = Rule {
    id: "GEN-INCIDENTS",
    framework: Framework::General,
    title: "incidents of the last 24 months are listed with their handling",
    default_level: Level::Error,
    seeds: &[SEED_001],
    rationale: "Seed 001: \"Has the vendor disclosed any security incidents in the last 24 months, \
        and if so, how were they handled? The pattern of disclosure and remediation matters more \
        than the absence of incidents.\"",
    question: "Which security incidents have you had in the last 24 months, and how was each handled?",
    passes: "an `[incidents]` record from the vendor with every incident of the window handled",
    fails: "no incident history recorded, or an incident without its handling",
    gap: None,
    check: |ctx| {
        let Some(history) = &ctx.ev.incidents else {
            return vec![Outcome::fail("no incident history recorded").at("vendor")];
        };
        let window = ctx.policy.thresholds.incident_window_months;
        let asked = history.reviewed_on;
        if asked > ctx.as_of {
            return vec![
                Outcome::fail(format!(
                    "incident history dated {asked}, after the as-of date {}",
                    ctx.as_of
                ))
                .at("incidents.reviewed_on"),
            ];
        }
        let interval = ctx.policy.thresholds.review_interval_months;
        if asked.plus_months(interval) < ctx.as_of {
            return vec![Outcome::fail(format!(
                "incident history last asked {asked}, more than {interval} months ago: incidents since are unknown"
            ))
            .at("incidents.reviewed_on")];
        }
        let since = ctx.as_of.minus_months(window);
        let recent: Vec<(usize, &crate::evidence::Incident)> = history
            .disclosed
            .iter()
            .enumerate()
            .filter(|(_, i)| i.date >= since && i.date <= ctx.as_of)
            .collect();
        let unhandled: Vec<&(usize, &crate::evidence::Incident)> = recent
            .iter()
            .filter(|(_, i)| i.handling.as_deref().is_none_or(|h| h.trim().is_empty()))
            .collect();
        if let Some((j, _)) = unhandled.first() {
            return vec![
                Outcome::fail(format!(
                    "handling not recorded for: {}",
                    unhandled
                        .iter()
                        .map(|(_, i)| format!("{} ({})", i.summary, i.date))
                        .collect::<Vec<_>>()
                        .join("; ")
                ))
                .at(format!("incidents.disclosed[{j}]")),
            ];
        }
        let o = if recent.is_empty() {
            Outcome::pass(format!(
                "no incidents disclosed in the last {window} months (asked {})",
                history.reviewed_on
            ))
        } else {
            Outcome::pass(format!(
                "{} in the last {window} months, each with its handling",
                plural(recent.len(), "incident")
            ))
        };
        vec![o.at("incidents")]
    },
};

/// Why a waiver is not in force on the as-of date: not yet approved, expired, or the evidence it
/// names expired (whichever comes first). `None` when it is in force.
pub(crate) fn waiver_lapse(ctx: &Ctx, w: &crate::policy::Waiver) -> Option<String> {
    if w.approved > ctx.as_of {
        return Some(format!(
            "is approved on {}, after the as-of date {}",
            w.approved, ctx.as_of
        ));
    }
    let mut ends = vec![(w.expires, "expired".to_string())];
    if let Some(number) = w.certificate.as_deref().map(str::trim) {
        let cert = ctx
            .ev
            .iso
            .iter()
            .find(|c| c.certificate_number.as_deref().map(str::trim) == Some(number));
        match cert.and_then(|c| c.expires) {
            Some(expires) => ends.push((
                expires,
                format!("lapsed with certificate {number}, which expired"),
            )),
            None => {
                return Some(format!(
                    "names certificate {number}, which is not in the evidence with an expiry date"
                ));
            }
        }
    }
    if let Some(period_end) = w.soc2_period_end {
        let months = ctx.policy.thresholds.soc2_max_age_months;
        ends.push((
            period_end.plus_months(months),
            format!(
                "lapsed with the SOC 2 report ending {period_end}, which aged past {months} months"
            ),
        ));
    }
    let (end, how) = ends.into_iter().min_by_key(|(d, _)| *d)?;
    (end < ctx.as_of).then(|| format!("{how} on {end}"))
}

pub static WAIVER: Rule = Rule {
    id: "GEN-WAIVER",
    framework: Framework::General,
    title: "waivers are in force and each accepts a finding",
    default_level: Level::Error,
    seeds: &[SEED_002],
    rationale: "Seed 002: \"No exceptions without documented executive risk acceptance.\" A waiver \
        names vendor, rule, reason, approver, approval date and expiry; once it expires (or the \
        evidence it names does) the risk is no longer accepted, and that must show. A waiver that \
        accepts nothing is reported so the register stays true.",
    question: "Has the risk accepted by this waiver been remediated, or will the approver renew the acceptance?",
    passes: "every waiver naming the vendor is approved, unexpired, and accepts a finding",
    fails: "an expired waiver (or one whose evidence expired, or approved in the future); one that accepts no finding warns",
    gap: None,
    check: |ctx| {
        if ctx.waivers.is_empty() {
            return vec![Outcome::not_applicable("no waiver names this vendor")];
        }
        let lapsed: Vec<Outcome> = ctx
            .waivers
            .iter()
            .filter_map(|w| {
                waiver_lapse(ctx, w).map(|why| {
                    Outcome::fail(format!(
                        "the waiver of {} approved by {} ({}) {why}: the finding is no longer accepted",
                        w.rule, w.approver, w.origin
                    ))
                })
            })
            .collect();
        if lapsed.is_empty() {
            vec![Outcome::pass(format!(
                "{} in force",
                plural(ctx.waivers.len(), "waiver")
            ))]
        } else {
            lapsed
        }
    },
};

/// Scope texts of a vendor's current, independent attestations: the scopes of sound security
/// certificates seen as documents or in a registry (with no exclusion wording), and the services
/// and system descriptions of current SOC 2 Type 2 reports read in full with an unqualified
/// opinion. What another vendor may rely on when it runs on this one (GEN-LAYERS).
pub(crate) fn attested_scopes(ctx: &Ctx) -> Vec<String> {
    let t = &ctx.policy.thresholds;
    let mut texts = Vec::new();
    for (_, c, s) in current_certs(ctx) {
        if is_security_standard(&s)
            && c.source.is_independent()
            && super::iso::unsound(ctx, c, &s).is_none()
        {
            texts.extend(
                c.scope
                    .clone()
                    .filter(|sc| crate::scope::exclusion_phrase(sc).is_none()),
            );
        }
    }
    for (_, r) in current_reports(ctx) {
        let current = r
            .period_end
            .is_some_and(|e| e <= ctx.as_of && e.plus_months(t.soc2_max_age_months) >= ctx.as_of);
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

/// A sector framework and the names its evidence goes by.
struct SectorFramework {
    name: &'static str,
    aliases: &'static [&'static str],
}

const HIPAA: SectorFramework = SectorFramework {
    name: "HIPAA",
    aliases: &["hipaa", "hipaabaa"],
};
const HITRUST: SectorFramework = SectorFramework {
    name: "HITRUST",
    aliases: &[
        "hitrust",
        "hitrustcsf",
        "hitrustr2",
        "hitrusti1",
        "hitruste1",
    ],
};
const PCI_DSS: SectorFramework = SectorFramework {
    name: "PCI DSS",
    aliases: &["pcidss", "pcidssaoc", "pcidssv4", "pcidss40"],
};
const FEDRAMP: SectorFramework = SectorFramework {
    name: "FedRAMP",
    aliases: &["fedramp", "fedrampmoderate", "fedramphigh", "fedramplow"],
};
const G_CLOUD: SectorFramework = SectorFramework {
    name: "G-Cloud",
    aliases: &["gcloud"],
};
const NDAA_889: SectorFramework = SectorFramework {
    name: "NDAA §889",
    aliases: &["ndaa889", "ndaasection889", "section889", "ndaa"],
};
const CJIS: SectorFramework = SectorFramework {
    name: "CJIS",
    aliases: &["cjis", "fbicjis"],
};
const SR_11_7: SectorFramework = SectorFramework {
    name: "SR 11-7",
    aliases: &["sr117"],
};
const DORA: SectorFramework = SectorFramework {
    name: "DORA",
    aliases: &["dora"],
};
const GDPR: SectorFramework = SectorFramework {
    name: "GDPR",
    aliases: &["gdpr", "gdprdpa"],
};
const DPDP: SectorFramework = SectorFramework {
    name: "DPDP",
    aliases: &["dpdp", "dpdpact", "indiadpdpact"],
};

/// What the data classes and use contexts require: each entry is satisfied by any one of its
/// frameworks, with the reason it is required.
fn sector_requirements(
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
    seeds: &[SEED_001, SEED_000, SEED_002],
    rationale: "Seed 001: \"Buyers in regulated sectors expect ISO 27001 plus the relevant \
        sector-specific frameworks: HIPAA for US healthcare, FBI CJIS for US law enforcement, NDAA \
        Section 889 for US federal, India DPDP Act for India, GDPR for the EU, PCI DSS for payment \
        data, FedRAMP for US federal cloud.\" Seed 000 lists HIPAA/HITRUST, PCI-DSS and \
        FedRAMP/G-Cloud by industry; seed 002 adds DORA and SR 11-7 for financial services.",
    question: "Can you provide your current evidence for these sector frameworks (e.g. HIPAA BAA, \
        PCI DSS attestation of compliance, FedRAMP authorization)?",
    passes: "each framework required by `vendor.data_classes` and `vendor.contexts` has a current \
        `[[sector]]` entry seen as a document or in a registry",
    fails: "a required framework with no entry, only a claim, or an expired one",
    gap: None,
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
                    && e.expires.is_none_or(|x| x >= ctx.as_of)
                    && e.date.is_none_or(|d| d <= ctx.as_of)
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

pub static LAYERS: Rule = Rule {
    id: "GEN-LAYERS",
    framework: Framework::General,
    title: "a service hosted on another vendor has evidence for the hosting layer too",
    default_level: Level::Error,
    seeds: &[SEED_003],
    rationale: "Seed 003: \"For hyperscaler-hosted models (Bedrock, Azure OpenAI Service, Vertex AI), \
        verify that the specific hosting service is named in the hyperscaler's scope and that the \
        model-vendor's own certification covers the relevant product. Anything outside both scopes \
        is uncertified for audit purposes\"; \"Do not collapse three layers of compliance evidence \
        into one.\"",
    question: "On which platform service does your offering run, and can you confirm that service is \
        named in the platform provider's current certification scope?",
    passes: "each `hosted_on` platform is a vendor of the run whose current independent evidence names the hosting service",
    fails: "a platform whose evidence does not name the hosting service, or the vendor itself; a platform not in the run is unverified",
    gap: None,
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
