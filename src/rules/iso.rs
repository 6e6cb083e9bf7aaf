//! ISO/IEC certificate rules (seeds 000, 001, 003, 004; dates from domain-facts §1, §2, §3, §8).

use crate::evidence::{Date, IsoCertificate, RegistryStatus, Standard};
use crate::scope::{Coverage, NotCovered, corporate_phrase, coverage, exclusion_phrase};

use super::{
    Ctx, Framework, Level, Outcome, Rule, SEED_000, SEED_001, SEED_003, SEED_004, all_of, plural,
};

/// ISO/IEC 27001:2022 publication (domain-facts §1).
pub const ISO27001_2022_PUBLISHED: Date = date(2022, 10, 25);
/// End of the IAF MD 26 transition: 27001:2013 certificates are invalid after this day.
pub const ISO27001_2013_LAST_VALID: Date = date(2025, 10, 31);
/// From this day certification bodies could no longer run initial or recertification audits
/// against 27001:2013 (IAF MD 26 issue 2).
pub const ISO27001_2013_NO_NEW_AUDITS: Date = date(2024, 5, 1);
/// ISO/IEC 42001:2023 was published in December 2023 (domain-facts §7).
pub const ISO42001_PUBLISHED_MONTH: Date = date(2023, 12, 1);
/// ISO/IEC 27701:2025 was published in October 2025 (domain-facts §8).
pub const ISO27701_2025_PUBLISHED_MONTH: Date = date(2025, 10, 1);

const fn date(y: i32, m: u32, d: u32) -> Date {
    match chrono::NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => Date(d),
        None => panic!("invalid constant date"),
    }
}

/// The certificates a check looks at: a certificate is superseded, and left out, by a later one
/// (by expiry) to the same standard.
pub(crate) fn current_certs<'a>(ctx: &Ctx<'a>) -> Vec<(usize, &'a IsoCertificate, Standard)> {
    let certs: Vec<(usize, &IsoCertificate, Standard)> = ctx
        .ev
        .iso
        .iter()
        .enumerate()
        .filter_map(|(i, c)| Standard::parse(&c.standard).map(|s| (i, c, s)))
        .collect();
    let number = |c: &IsoCertificate| {
        c.certificate_number
            .as_deref()
            .map(str::trim)
            .map(str::to_string)
    };
    // A later certificate to the same standard replaces an earlier one when it is the same
    // certificate renewed (same number), or when its scope covers every service the earlier
    // one's scope covers; two certificates for different parts of the business both count.
    let replaces = |later: &IsoCertificate, earlier: &IsoCertificate| {
        if number(later).is_some() && number(later) == number(earlier) {
            return true;
        }
        let covers = |c: &IsoCertificate, svc: &str| {
            coverage(svc, &[c.scope.as_deref().unwrap_or("")], &c.covers).is_ok()
        };
        ctx.ev
            .vendor
            .services
            .iter()
            .all(|svc| !covers(earlier, svc) || covers(later, svc))
    };
    certs
        .iter()
        .filter(|(i, c, s)| {
            !certs.iter().any(|(j, later, ls)| {
                j != i
                    && ls.number == s.number
                    && later.expires.is_some()
                    && later.expires > c.expires
                    && replaces(later, c)
            })
        })
        .cloned()
        .collect()
}

pub(crate) fn subject(c: &IsoCertificate, s: &Standard) -> String {
    match c
        .certificate_number
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        Some(n) => format!("{s} certificate {n}"),
        None => format!("{s} certificate"),
    }
}

fn per_cert(
    ctx: &Ctx,
    check: impl Fn(usize, &IsoCertificate, Standard) -> Outcome,
) -> Vec<Outcome> {
    let certs = current_certs(ctx);
    if certs.is_empty() {
        return vec![Outcome::not_applicable(
            "no ISO/IEC certificate in the evidence",
        )];
    }
    certs
        .into_iter()
        .map(|(i, c, s)| {
            let o = check(i, c, s);
            let o = if o.at.is_none() {
                o.at(format!("iso[{i}]"))
            } else {
                o
            };
            o.subject(subject(c, &s))
        })
        .collect()
}

/// Whether a certificate is valid on the as-of date by its dates and edition alone.
pub(crate) fn in_validity(c: &IsoCertificate, s: &Standard, as_of: Date) -> bool {
    let dated = matches!((c.issued, c.expires), (Some(i), Some(e)) if i <= as_of && as_of <= e);
    dated && invalid_beyond_dates(c, s, as_of).is_none()
}

/// Why a certificate is not valid whatever its printed dates say: a withdrawn edition, or a
/// registry or issuer reporting it other than active.
pub(crate) fn invalid_beyond_dates(
    c: &IsoCertificate,
    s: &Standard,
    as_of: Date,
) -> Option<String> {
    if s.number == 27001 && s.edition == Some(2013) && as_of > ISO27001_2013_LAST_VALID {
        return Some(
            "ISO/IEC 27001:2013 certificates ceased to be valid after 2025-10-31".to_string(),
        );
    }
    match c.verification.as_ref().map(|v| (v.status, v.date)) {
        None | Some((RegistryStatus::Active, _)) => None,
        Some((status, date)) => Some(format!(
            "its registry or issuer reported it {} on {date}",
            match status {
                RegistryStatus::Suspended => "suspended",
                RegistryStatus::Withdrawn => "withdrawn",
                RegistryStatus::Expired => "expired",
                _ => "not found",
            }
        )),
    }
}

/// Why a certificate cannot count as a current, accredited attestation on the as-of date: out of
/// its dates, invalid beyond them, no certification body, an unrecognised accreditation body, a
/// validity longer than the certification cycle, or an issue date before its edition existed.
/// `None` when it can.
pub(crate) fn unsound(ctx: &Ctx, c: &IsoCertificate, s: &Standard) -> Option<String> {
    let t = &ctx.policy.thresholds;
    let (Some(issued), Some(expires)) = (c.issued, c.expires) else {
        return Some("its issue or expiry date is not recorded".to_string());
    };
    if expires < ctx.as_of {
        return Some(format!("it expired on {expires}"));
    }
    if issued > ctx.as_of {
        return Some(format!("it is issued {issued}, after the as-of date"));
    }
    if let Some(why) = invalid_beyond_dates(c, s, ctx.as_of) {
        return Some(why);
    }
    if c.certification_body
        .as_deref()
        .is_none_or(super::is_placeholder)
    {
        return Some("no certification body is recorded".to_string());
    }
    if recognised_body(ctx, c).is_none() {
        return Some("it is not from a recognised accredited body".to_string());
    }
    let longest = issued
        .plus_months(t.iso_max_validity_years.saturating_mul(12))
        .plus_days(i64::from(t.iso_validity_tolerance_days));
    if expires > longest {
        return Some(format!(
            "its validity is longer than the {}-year certification cycle",
            t.iso_max_validity_years
        ));
    }
    let floor = match (s.number, s.edition) {
        (27001, Some(2022)) => Some(ISO27001_2022_PUBLISHED),
        (42001, _) => Some(ISO42001_PUBLISHED_MONTH),
        (27701, Some(2025)) => Some(ISO27701_2025_PUBLISHED_MONTH),
        _ => None,
    };
    if floor.is_some_and(|f| issued < f) {
        return Some(format!("it is issued {issued}, before {s} was published"));
    }
    None
}

/// Standards whose certificates attest information security or AI management (not, say, ISO 9001).
pub(crate) fn is_security_standard(s: &Standard) -> bool {
    matches!(s.number, 27001 | 27017 | 27018 | 27701 | 42001)
}

/// Published editions of the standards whose edition rules are known (domain-facts §1, §7, §8).
pub(crate) fn known_editions(number: u32) -> Option<&'static [u16]> {
    match number {
        27001 => Some(&[2005, 2013, 2022]),
        27017 => Some(&[2015]),
        27018 => Some(&[2014, 2019, 2025]),
        27701 => Some(&[2019, 2025]),
        42001 => Some(&[2023]),
        _ => None,
    }
}

/// Whether the certificate's accreditation body is one the policy recognises.
pub(crate) fn recognised_body<'p>(ctx: &Ctx<'p>, c: &IsoCertificate) -> Option<&'p str> {
    let written = c.accreditation_body.as_deref()?;
    crate::policy::accreditation::find_body(&ctx.policy.thresholds.accreditation_bodies, written)
        .map(|b| b.acronym.as_str())
}

pub static CURRENT: Rule = Rule {
    id: "ISO-CURRENT",
    framework: Framework::Iso,
    title: "the certificate is within its validity",
    default_level: Level::Error,
    seeds: &[SEED_000, SEED_001],
    rationale: "Seed 000: \"Certificate is current (not expired)\"; \"Expired or limited-scope \
        certifications provide false assurance.\" Seed 001: the certificate is \"granted for a \
        three-year cycle\"; a validity longer than that (ISO/IEC 17021-1) or an issue date in the \
        future marks a certificate that is not what it claims.",
    question: "Can you send your current certificate, and the date of your next recertification audit?",
    passes: "issued on or before the as-of date, expiring on or after it, validity at most three years",
    fails: "expired, issued in the future, validity over three years, or dates not recorded",
    gap: None,
    check: |ctx| {
        let t = &ctx.policy.thresholds;
        per_cert(ctx, |i, c, _| {
            let (Some(issued), Some(expires)) = (c.issued, c.expires) else {
                let missing = if c.issued.is_none() {
                    "issued"
                } else {
                    "expires"
                };
                return Outcome::fail(format!("no `{missing}` date recorded"))
                    .at(format!("iso[{i}]"));
            };
            if expires < ctx.as_of {
                return Outcome::fail(format!("expired on {expires}"))
                    .at(format!("iso[{i}].expires"));
            }
            if issued > ctx.as_of {
                return Outcome::fail(format!(
                    "issued {issued}, after the as-of date {}",
                    ctx.as_of
                ))
                .at(format!("iso[{i}].issued"));
            }
            let longest = issued
                .plus_months(t.iso_max_validity_years.saturating_mul(12))
                .plus_days(i64::from(t.iso_validity_tolerance_days));
            if expires > longest {
                return Outcome::fail(format!(
                    "validity {issued} to {expires} is longer than the {}-year certification cycle",
                    t.iso_max_validity_years
                ))
                .at(format!("iso[{i}].expires"));
            }
            Outcome::pass(format!(
                "valid {issued} to {expires}, {} left",
                plural(ctx.as_of.days_until(expires) as usize, "day")
            ))
            .resting_on(c.source)
            .at(format!("iso[{i}].expires"))
        })
    },
};

pub static VERSION: Rule = Rule {
    id: "ISO-VERSION",
    framework: Framework::Iso,
    title: "the certificate's edition is still valid and its dates are possible",
    default_level: Level::Error,
    seeds: &[SEED_001, SEED_004],
    rationale: "Seed 001: \"the current version is ISO/IEC 27001:2022.\" Under IAF MD 26, \
        27001:2013 certificates ceased to be valid after 31 October 2025 whatever expiry they \
        print; a 27001:2022 certificate issued before the standard's publication (25 October 2022) \
        cannot exist (domain-facts §1). Seed 004 names 27001:2022 as the standard to verify.",
    question: "Has your ISMS been transitioned to ISO/IEC 27001:2022, and can you send the \
        certificate issued after the transition audit?",
    passes: "an edition in force on the as-of date, issued after the edition was published",
    fails: "27001:2013 after 2025-10-31, an issue date before the edition existed, or no edition printed (unverified)",
    gap: None,
    check: |ctx| {
        per_cert(ctx, |i, c, s| {
            let at = format!("iso[{i}].standard");
            let Some(known) = known_editions(s.number) else {
                return Outcome::not_applicable(format!(
                    "{s}: edition rules are known for ISO/IEC 27001, 27017, 27018, 27701 and 42001 only"
                ))
                .at(at);
            };
            let Some(edition) = s.edition else {
                return Outcome::unverified(format!(
                    "no edition recorded for {s}; write it as printed, e.g. `ISO/IEC {}:{}`",
                    s.number,
                    known.last().copied().unwrap_or(2022)
                ))
                .at(at);
            };
            if !known.contains(&edition) {
                return Outcome::unverified(format!(
                    "ISO/IEC {}:{edition} is not a published edition (known: {})",
                    s.number,
                    known
                        .iter()
                        .map(|y| y.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
                .at(at);
            }
            let issued = c.issued;
            let before = |floor: Date| issued.is_some_and(|d| d < floor);
            match (s.number, edition) {
                (27001, 2013) if ctx.as_of > ISO27001_2013_LAST_VALID => Outcome::fail(
                    "ISO/IEC 27001:2013 certificates ceased to be valid after 2025-10-31 (IAF MD 26 transition)",
                ),
                (27001, 2013) if issued.is_some_and(|d| d >= ISO27001_2013_NO_NEW_AUDITS) => Outcome::warn(format!(
                    "issued {} against 27001:2013, after certification bodies stopped 2013 audits on 2024-05-01",
                    issued.map(|d| d.to_string()).unwrap_or_default()
                )),
                (27001, 2013) => Outcome::warn("ISO/IEC 27001:2013 must be transitioned to 2022 by 2025-10-31"),
                (27001, 2005) => Outcome::fail("ISO/IEC 27001:2005 was superseded by the 2013 and 2022 editions"),
                (27001, 2022) if before(ISO27001_2022_PUBLISHED) => Outcome::fail(format!(
                    "issued {} before ISO/IEC 27001:2022 was published (2022-10-25)",
                    issued.map(|d| d.to_string()).unwrap_or_default()
                )),
                (42001, _) if before(ISO42001_PUBLISHED_MONTH) => Outcome::fail(format!(
                    "issued {} before ISO/IEC 42001 was published (December 2023)",
                    issued.map(|d| d.to_string()).unwrap_or_default()
                )),
                (27701, 2025) if before(ISO27701_2025_PUBLISHED_MONTH) => Outcome::fail(format!(
                    "issued {} before ISO/IEC 27701:2025 was published (October 2025)",
                    issued.map(|d| d.to_string()).unwrap_or_default()
                )),
                _ if issued.is_some_and(|d| i64::from(chrono::Datelike::year(&d.0)) < i64::from(edition)) => {
                    Outcome::fail(format!(
                        "issued {} before the {edition} edition existed",
                        issued.map(|d| d.to_string()).unwrap_or_default()
                    ))
                }
                _ => Outcome::pass(format!("{s} is in force")).resting_on(c.source),
            }
            .at(at)
        })
    },
};

pub static ACCREDITED: Rule = Rule {
    id: "ISO-ACCREDITED",
    framework: Framework::Iso,
    title: "an accredited certification body issued the certificate",
    default_level: Level::Error,
    seeds: &[SEED_000, SEED_001],
    rationale: "Seed 000: \"Check the certification body. Use accredited bodies (UKAS, JAS-ANZ, \
        etc.).\" Seed 001: \"A certificate from an unaccredited body is not equivalent to a \
        certificate from an accredited body, regardless of what the marketing page says.\" \
        Recognised accreditation bodies are IAF MLA (from 2026 Global Accreditation Cooperation) \
        signatories; the list is in the policy.",
    question: "Which certification body issued your certificate, and which accreditation body \
        accredits it for this standard?",
    passes: "a named certification body and an accreditation body on the policy's list (UKAS, ANAB, DAkkS, …)",
    fails: "no certification body, no accreditation body, or one the policy does not recognise",
    gap: None,
    check: |ctx| {
        per_cert(ctx, |i, c, _| {
            let Some(cb) = c
                .certification_body
                .as_deref()
                .filter(|s| !super::is_placeholder(s))
            else {
                return Outcome::fail("no certification body recorded")
                    .at(format!("iso[{i}].certification_body"));
            };
            let at = format!("iso[{i}].accreditation_body");
            match (c.accreditation_body.as_deref().filter(|s| !s.trim().is_empty()), recognised_body(ctx, c)) {
                (None, _) => Outcome::fail(format!("{cb} names no accreditation body: an unaccredited certificate")).at(at),
                (Some(ab), None) => Outcome::fail(format!(
                    "accreditation body `{ab}` is not recognised (IAF MLA / Global Accreditation Cooperation signatories)"
                ))
                .at(at),
                (Some(_), Some(acronym)) => {
                    Outcome::pass(format!("issued by {cb}, accredited by {acronym}")).resting_on(c.source).at(at)
                }
            }
        })
    },
};

pub static NUMBER: Rule = Rule {
    id: "ISO-NUMBER",
    framework: Framework::Iso,
    title: "the certificate has a registration number",
    default_level: Level::Error,
    seeds: &[SEED_000],
    rationale: "Seed 000: \"Legitimate certificates have verifiable registration numbers.\" The \
        number is what a registry or the certification body verifies.",
    question: "What is the registration number of your certificate?",
    passes: "a `certificate_number`",
    fails: "no number, or a placeholder such as `N/A` or `TBD`",
    gap: None,
    check: |ctx| {
        per_cert(ctx, |i, c, _| {
            let at = format!("iso[{i}].certificate_number");
            match c.certificate_number.as_deref().map(str::trim) {
                None | Some("") => Outcome::fail("no certificate number recorded"),
                Some(n) if super::is_placeholder(n) => {
                    Outcome::fail(format!("`{n}` is a placeholder, not a certificate number"))
                }
                Some(n) => Outcome::pass(format!("certificate number {n}")).resting_on(c.source),
            }
            .at(at)
        })
    },
};

pub static SCOPE: Rule = Rule {
    id: "ISO-SCOPE",
    framework: Framework::Iso,
    title: "the certificate's scope covers every service we use",
    default_level: Level::Error,
    seeds: &[SEED_000, SEED_001, SEED_003],
    rationale: "Seed 000: \"Vendor's ISO 27001 covers 'corporate headquarters IT operations' but not \
        the cloud platform hosting your data.\" Seed 001: \"If the scope is limited to corporate \
        IT, the certificate does not cover the AI product.\" Seed 003: \"Anything outside the scope \
        clause is uncertified for audit purposes, regardless of marketing claims.\"",
    question: "Does your certificate's scope statement include these services, and can you quote \
        the wording that covers them?",
    passes: "each of `vendor.services` named in `scope` (or covered by a verified `covers` quote)",
    fails: "a service the scope does not name, a corporate-IT or headquarters scope, or no scope recorded",
    gap: None,
    check: |ctx| {
        per_cert(ctx, |i, c, _| {
            let at = format!("iso[{i}].scope");
            let Some(scope) = c.scope.as_deref().filter(|s| !s.trim().is_empty()) else {
                return Outcome::fail("no scope statement recorded").at(at);
            };
            let mut matched = Vec::new();
            let mut missing = Vec::new();
            let mut quoted = false;
            for service in &ctx.ev.vendor.services {
                match coverage(service, &[scope], &c.covers) {
                    Ok(cov) => {
                        quoted |= matches!(cov, Coverage::Quoted(_));
                        matched.push(format!("{service}: \"{}\"", cov.text()))
                    }
                    Err(NotCovered::Absent) => missing.push(service.clone()),
                    Err(bad) => missing.push(format!("{service} ({})", bad.explain("scope"))),
                }
            }
            if missing.is_empty() {
                let verb = if quoted { "covers" } else { "names" };
                let found = format!("scope {verb} {}", all_of(matched.len(), "service"));
                // "The X API is excluded from the scope" names the service too.
                if let (Some(phrase), Some(corporate)) =
                    (exclusion_phrase(scope), corporate_phrase(scope))
                {
                    return Outcome::fail(format!(
                        "scope is limited to {corporate} and says \"{phrase}\": the services we use are not shown to be covered"
                    ))
                    .matched(matched)
                    .at(at);
                }
                if let Some(phrase) = exclusion_phrase(scope) {
                    return Outcome::unverified(format!(
                        "{found}, but it also says \"{phrase}\": confirm none of them is excluded"
                    ))
                    .matched(matched)
                    .at(at);
                }
                return Outcome::pass(found)
                    .matched(matched)
                    .resting_on(c.source)
                    .at(at);
            }
            let outcome = match corporate_phrase(scope) {
                Some(phrase) if matched.is_empty() => Outcome::fail(format!(
                    "scope is limited to {phrase}, not the services we use: {}",
                    missing.join(", ")
                )),
                _ => Outcome::fail(format!("scope does not cover: {}", missing.join(", "))),
            };
            outcome.matched(matched).at(at)
        })
    },
};

pub static SURVEILLANCE: Rule = Rule {
    id: "ISO-SURVEILLANCE",
    framework: Framework::Iso,
    title: "a surveillance audit took place within the last 12 months",
    default_level: Level::Error,
    seeds: &[SEED_000, SEED_001],
    rationale: "Seed 000's checklist: \"Recent surveillance audit completed.\" Seed 001: \"An ISO \
        27001 certificate issued three years ago without ongoing surveillance is a certificate \
        that no longer reflects the current operational state.\" ISO/IEC 17021-1 requires \
        surveillance at least once a year, the first within 12 months of certification, and \
        suspends certificates whose audits are missed (domain-facts §2).",
    question: "When was your most recent surveillance audit, and what corrective actions came out of it?",
    passes: "a certificate under 12 months old, or a surveillance audit in the last 12 months",
    fails: "no surveillance audit in the last 12 months of a certificate older than that",
    gap: None,
    check: |ctx| {
        let months = ctx.policy.thresholds.surveillance_months;
        per_cert(ctx, |i, c, s| {
            let Some(issued) = c.issued else {
                return Outcome::fail("no issue date recorded, so surveillance cannot be judged")
                    .at(format!("iso[{i}]"));
            };
            // An extension (27017, 27018, 27701:2019) is audited with the 27001 it extends.
            let (owner, audits, via) = match extended_base(ctx, c, &s) {
                Some((b, base)) if c.surveillance.is_empty() => (
                    b,
                    &base.surveillance,
                    format!(
                        " (with ISO/IEC 27001 certificate {})",
                        base.certificate_number.as_deref().unwrap_or("?")
                    ),
                ),
                _ => (i, &c.surveillance, String::new()),
            };
            let last = audits
                .iter()
                .enumerate()
                .filter(|(_, a)| a.date <= ctx.as_of && a.date >= issued)
                .max_by_key(|(_, a)| a.date);
            let due_from = |d: Date| d.plus_months(months) >= ctx.as_of;
            match last {
                Some((j, a)) if due_from(a.date) => Outcome::pass(format!(
                    "last surveillance audit {}{via}, {} before {}",
                    a.date,
                    plural(a.date.months_until(ctx.as_of) as usize, "month"),
                    ctx.as_of
                ))
                .resting_on(c.source)
                .at(format!("iso[{owner}].surveillance[{j}].date")),
                Some((j, a)) => Outcome::fail(format!(
                    "last surveillance audit {}{via} is more than {months} months before {}: overdue, the certificate may be suspended",
                    a.date, ctx.as_of
                ))
                .at(format!("iso[{owner}].surveillance[{j}].date")),
                None if due_from(issued) => Outcome::pass(format!(
                    "issued {issued}, less than {months} months ago: first surveillance audit not yet due"
                ))
                .resting_on(c.source)
                .at(format!("iso[{i}].issued")),
                None => Outcome::fail(format!(
                    "no surveillance audit since issue on {issued}: overdue, the certificate may be suspended"
                ))
                .at(format!("iso[{i}].surveillance")),
            }
        })
    },
};

/// For an extension certificate, the current 27001 certificate it extends (by `extends`, or the
/// only 27001 present), with its index.
fn extended_base<'a>(
    ctx: &Ctx<'a>,
    c: &IsoCertificate,
    s: &Standard,
) -> Option<(usize, &'a IsoCertificate)> {
    let extension =
        matches!(s.number, 27017 | 27018) || (s.number == 27701 && s.edition != Some(2025));
    if !extension {
        return None;
    }
    let bases: Vec<(usize, &IsoCertificate, Standard)> = current_certs(ctx)
        .into_iter()
        .filter(|(_, _, bs)| bs.number == 27001)
        .collect();
    match c.extends.as_deref().map(str::trim) {
        Some(n) => bases
            .into_iter()
            .find(|(_, b, _)| b.certificate_number.as_deref().map(str::trim) == Some(n))
            .map(|(j, b, _)| (j, b)),
        None if bases.len() == 1 => bases.into_iter().next().map(|(j, b, _)| (j, b)),
        None => None,
    }
}

pub static SOA: Rule = Rule {
    id: "ISO-SOA",
    framework: Framework::Iso,
    title: "the Statement of Applicability was reviewed",
    default_level: Level::Error,
    seeds: &[SEED_000, SEED_001],
    rationale: "Seed 000's checklist: \"Statement of Applicability reviewed.\" Seed 001: the SoA \
        \"lists which controls are in scope and which are not, and it surfaces gaps that the \
        certificate alone does not.\" It applies to management-system certificates with an Annex A \
        (27001, 42001); 27017/27018/27701 are reviewed with the 27001 they extend.",
    question: "Can you share the Statement of Applicability (under NDA) for your certified management system?",
    passes: "`soa = { reviewed = true, version = \"…\" }` on a 27001 or 42001 certificate",
    fails: "no SoA review recorded",
    gap: None,
    check: |ctx| {
        per_cert(ctx, |i, c, s| {
            let own_soa =
                matches!(s.number, 27001 | 42001) || (s.number == 27701 && s.edition == Some(2025));
            if !own_soa {
                let why = if matches!(s.number, 27017 | 27018 | 27701) {
                    format!("{s} is reviewed with the ISO/IEC 27001 certificate it extends")
                } else {
                    format!("{s} has no Statement of Applicability this rule reviews")
                };
                return Outcome::not_applicable(why);
            }
            let at = format!("iso[{i}].soa");
            match &c.soa {
                Some(soa) if soa.reviewed => {
                    let version = soa
                        .version
                        .as_deref()
                        .map(|v| format!(" (version {v})"))
                        .unwrap_or_default();
                    Outcome::pass(format!("Statement of Applicability reviewed{version}")).at(at)
                }
                _ => Outcome::fail("Statement of Applicability not reviewed").at(at),
            }
        })
    },
};

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
        let max_age = ctx.policy.thresholds.verification_max_age_months;
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

pub static FAMILY: Rule = Rule {
    id: "ISO-FAMILY",
    framework: Framework::Iso,
    title: "the ISO extensions the use requires are present and current",
    default_level: Level::Error,
    seeds: &[SEED_003, SEED_000],
    rationale: "Seed 003: \"The real question is which ISO family the provider has certified to\" \
        — 27017 for cloud, 27018 for PII in public cloud, 27701 for privacy. Seed 000: ISO 27701 \
        \"extends ISO 27001\". A 27701:2019 certificate cannot stand alone (domain-facts §8); the \
        policy names the extensions a use requires.",
    question: "Which ISO/IEC 27001 certificate do your 27017/27018/27701 certifications extend, and \
        are they all current?",
    passes: "every extension the policy requires current; each extension backed by a current 27001",
    fails: "a required extension missing or not current; an extension with no current 27001 warns",
    gap: None,
    check: |ctx| {
        let certs = current_certs(ctx);
        let t = &ctx.policy.thresholds;
        let mut required = t.required_iso.clone();
        if ctx.ev.vendor.ai_vendor {
            required.extend(
                t.required_iso_ai
                    .iter()
                    .copied()
                    .filter(|n| !t.required_iso.contains(n)),
            );
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
        let required = &required;
        if certs.is_empty() && required.is_empty() {
            return vec![Outcome::not_applicable(
                "no ISO/IEC certificate, and the policy requires no ISO extension",
            )];
        }
        let current = |number: u32| {
            certs
                .iter()
                .find(|(_, c, s)| s.number == number && in_validity(c, s, ctx.as_of))
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
            let linked = c.extends.as_deref().map(str::trim);
            let backed = match linked {
                Some(n) => certs.iter().any(|(_, b, bs)| {
                    bs.number == 27001
                        && b.certificate_number.as_deref().map(str::trim) == Some(n)
                        && in_validity(b, bs, ctx.as_of)
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
                outcomes.push(
                    Outcome::warn(format!("{s}: {why}"))
                        .at(format!("iso[{i}]"))
                        .subject(subject(c, s)),
                );
            }
        }
        if outcomes.is_empty() {
            let present: Vec<String> = certs
                .iter()
                .filter(|(_, c, s)| s.number != 27001 && in_validity(c, s, ctx.as_of))
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

/// With `--online` / `--offline`: what the configured registries answered about certificate
/// `i`, or `None` where none was asked (the recorded verification decides then).
fn registry_verdict(
    ctx: &Ctx,
    i: usize,
    c: &IsoCertificate,
    standard: Standard,
) -> Option<Outcome> {
    use crate::online::Answer;
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
fn judge_record(
    ctx: &Ctx,
    c: &IsoCertificate,
    standard: Standard,
    r: &crate::online::CertRecord,
    l: &crate::online::Looked,
) -> Outcome {
    use crate::online::CertStatus;
    use crate::online::registry::names_match;
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
            .policy
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
