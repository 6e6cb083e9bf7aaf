//! Whether each certificate is sound on its own: current, of a valid edition, accredited, numbered,
//! audited on schedule, its Statement of Applicability reviewed.

use crate::evidence::{Date, IsoCertificate, RegistryStatus, Standard};

use super::{
    ISO27001_2013_LAST_VALID, ISO27001_2013_NO_NEW_AUDITS, ISO27001_2022_PUBLISHED,
    ISO27701_2025_PUBLISHED_MONTH, ISO42001_PUBLISHED_MONTH, extended_base, per_cert,
};
use crate::rules::{AsOf, Ctx, Framework, Level, Outcome, Rule, plural};

/// Whether a certificate is valid on the as-of date by its dates and edition alone.
pub(crate) fn in_validity(c: &IsoCertificate, s: &Standard, as_of: &AsOf) -> bool {
    let dated = matches!((c.issued, c.expires), (Some(i), Some(e)) if as_of.within(i, e));
    dated && invalid_beyond_dates(c, s, as_of).is_none()
}

/// The rule that reports why a certificate is not valid on the as-of date (see [`in_validity`]):
/// what a finding resting on that certificate follows from.
pub(crate) fn invalidity_rule(c: &IsoCertificate, s: &Standard, as_of: &AsOf) -> &'static str {
    let dated = matches!((c.issued, c.expires), (Some(i), Some(e)) if as_of.within(i, e));
    if !dated {
        "ISO-CURRENT"
    } else if s.number == 27001 && s.edition == Some(2013) && as_of.after(ISO27001_2013_LAST_VALID)
    {
        "ISO-VERSION"
    } else {
        "ISO-VERIFIED"
    }
}

/// Why a certificate is not valid whatever its printed dates say: a withdrawn edition, or a
/// registry or issuer reporting it other than active.
pub(crate) fn invalid_beyond_dates(
    c: &IsoCertificate,
    s: &Standard,
    as_of: &AsOf,
) -> Option<String> {
    if s.number == 27001 && s.edition == Some(2013) && as_of.after(ISO27001_2013_LAST_VALID) {
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
    let t = &ctx.thresholds;
    let (Some(issued), Some(expires)) = (c.issued, c.expires) else {
        return Some("its issue or expiry date is not recorded".to_string());
    };
    if ctx.as_of.after(expires) {
        return Some(format!("it expired on {expires}"));
    }
    if ctx.as_of.before(issued) {
        return Some(format!("it is issued {issued}, after the as-of date"));
    }
    if let Some(why) = invalid_beyond_dates(c, s, &ctx.as_of) {
        return Some(why);
    }
    if c.certification_body
        .as_deref()
        .is_none_or(crate::rules::is_placeholder)
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
/// With `--online` / `--offline`, a registry's record of the certificate decides: it outranks
/// the analyst's transcription.
pub(crate) fn recognised_body<'p>(ctx: &Ctx<'p>, c: &IsoCertificate) -> Option<&'p str> {
    if let Some((verdict, _)) = super::registry::registry_accreditation(ctx, c) {
        return verdict.ok();
    }
    let written = c.accreditation_body.as_deref()?;
    crate::rules::accreditation::find_body(&ctx.thresholds.accreditation_bodies, written)
        .map(|b| b.acronym.as_str())
}

pub static CURRENT: Rule = Rule {
    id: "ISO-CURRENT",
    framework: Framework::Iso,
    title: "the certificate is within its validity",
    default_level: Level::Error,
    sources: &["ISO/IEC 17021-1:2015 cl. 9.1.3 (three-year cycle)"],
    rationale: "An expired certificate gives false assurance. Under ISO/IEC 17021-1 a \
        certification runs in a three-year cycle from the certification decision, so a validity \
        longer than three years, or an issue date in the future, marks a certificate that is not \
        what it claims.",
    question: "Can you send your current certificate, and the date of your next recertification audit?",
    passes: "issued on or before the as-of date, expiring on or after it, validity at most three years",
    fails: "expired, issued in the future, validity over three years, or dates not recorded",
    gap: None,
    reads: &[
        "iso",
        "iso[].expires",
        "iso[].issued",
        "iso[].scope",
        "iso[].source",
        "iso[].standard",
        "vendor.services",
    ],
    obligations: &crate::rules::crosswalk::ISO_CURRENT,
    check: |ctx| {
        let t = &ctx.thresholds;
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
            if ctx.as_of.after(expires) {
                return Outcome::fail(format!("expired on {expires}"))
                    .at(format!("iso[{i}].expires"));
            }
            if ctx.as_of.before(issued) {
                return Outcome::fail(format!(
                    "issued {issued}, after the as-of date {}",
                    ctx.as_of
                ))
                .adverse()
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
                .adverse()
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
    sources: &[
        "ISO/IEC 27001:2022",
        "IAF MD 26:2023 (transition ended 31 Oct 2025)",
    ],
    rationale: "The current edition of ISO/IEC 27001 is the 2022 one. Under IAF MD 26, 27001:2013 \
        certificates ceased to be valid after 31 October 2025 whatever expiry they print; a \
        27001:2022 certificate issued before the standard's publication (25 October 2022) cannot \
        exist; no certificate can be older than the edition it names.",
    question: "Has your ISMS been transitioned to ISO/IEC 27001:2022, and can you send the \
        certificate issued after the transition audit?",
    passes: "an edition in force on the as-of date, issued after the edition was published",
    fails: "27001:2013 after 2025-10-31, an issue date before the edition existed, or no edition printed (unverified)",
    gap: None,
    reads: &[
        "iso",
        "iso[].expires",
        "iso[].issued",
        "iso[].scope",
        "iso[].source",
        "iso[].standard",
        "vendor.services",
    ],
    obligations: &crate::rules::crosswalk::ISO_VERSION,
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
                (27001, 2013) if ctx.as_of.after(ISO27001_2013_LAST_VALID) => Outcome::fail(
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
                ))
                .adverse(),
                (42001, _) if before(ISO42001_PUBLISHED_MONTH) => Outcome::fail(format!(
                    "issued {} before ISO/IEC 42001 was published (December 2023)",
                    issued.map(|d| d.to_string()).unwrap_or_default()
                ))
                .adverse(),
                (27701, 2025) if before(ISO27701_2025_PUBLISHED_MONTH) => Outcome::fail(format!(
                    "issued {} before ISO/IEC 27701:2025 was published (October 2025)",
                    issued.map(|d| d.to_string()).unwrap_or_default()
                ))
                .adverse(),
                _ if issued.is_some_and(|d| i64::from(chrono::Datelike::year(&d.0)) < i64::from(edition)) => {
                    Outcome::fail(format!(
                        "issued {} before the {edition} edition existed",
                        issued.map(|d| d.to_string()).unwrap_or_default()
                    ))
                    .adverse()
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
    sources: &[
        "ISO/IEC 17021-1:2015",
        "IAF MLA signatories (IAF CertSearch)",
    ],
    rationale: "An accredited certification body has been assessed against ISO/IEC 17021-1 by an \
        accreditation body; a certificate from an unaccredited body is not equivalent, whatever \
        the marketing page says. Recognised accreditation bodies are IAF MLA (from 2026 Global \
        Accreditation Cooperation) signatories; the list is in the policy.",
    question: "Which certification body issued your certificate, and which accreditation body \
        accredits it for this standard?",
    passes: "a named certification body and an accreditation body on the policy's list (UKAS, ANAB, DAkkS, …)",
    fails: "no certification body, no accreditation body, or one the policy does not recognise; \
        with `--online`, a registry record that says the certification is not under an IAF MLA \
        accreditation or names no (or an unrecognised) accreditation body, whatever the evidence \
        says",
    gap: None,
    reads: &[
        "iso",
        "iso[].accreditation_body",
        "iso[].certification_body",
        "iso[].expires",
        "iso[].scope",
        "iso[].source",
        "iso[].standard",
        "vendor.services",
    ],
    obligations: &crate::rules::crosswalk::ISO_ACCREDITED,
    check: |ctx| {
        per_cert(ctx, |i, c, _| {
            let Some(cb) = c
                .certification_body
                .as_deref()
                .filter(|s| !crate::rules::is_placeholder(s))
            else {
                return Outcome::fail("no certification body recorded")
                    .at(format!("iso[{i}].certification_body"));
            };
            let at = format!("iso[{i}].accreditation_body");
            if let Some((verdict, looked)) = super::registry::registry_accreditation(ctx, c) {
                return match verdict {
                    Err(why) => Outcome::fail(why).adverse(),
                    Ok(acronym) => Outcome::pass(format!(
                        "issued by {cb}, accredited by {acronym} as {} records it ({})",
                        looked.registry,
                        looked.when_for(ctx.as_of.shown())
                    )),
                }
                .answered_by(looked)
                .at(at);
            }
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
    sources: &[
        "ISO/IEC 17021-1:2015 cl. 8.2.2 (certification documents)",
        "IAF CertSearch",
    ],
    rationale: "Legitimate certificates carry a unique registration number, and the number is what \
        the certification body or a registry such as IAF CertSearch looks up. A certificate \
        without one cannot be verified.",
    question: "What is the registration number of your certificate?",
    passes: "a `certificate_number`",
    fails: "no number, or a placeholder such as `N/A` or `TBD`",
    gap: None,
    reads: &[
        "iso",
        "iso[].certificate_number",
        "iso[].expires",
        "iso[].scope",
        "iso[].source",
        "iso[].standard",
        "vendor.services",
    ],
    obligations: &crate::rules::crosswalk::ISO_NUMBER,
    check: |ctx| {
        per_cert(ctx, |i, c, _| {
            let at = format!("iso[{i}].certificate_number");
            match c.certificate_number.as_deref().map(str::trim) {
                None | Some("") => Outcome::fail("no certificate number recorded"),
                Some(n) if crate::rules::is_placeholder(n) => {
                    Outcome::fail(format!("`{n}` is a placeholder, not a certificate number"))
                }
                Some(n) => Outcome::pass(format!("certificate number {n}")).resting_on(c.source),
            }
            .at(at)
        })
    },
};

pub static SURVEILLANCE: Rule = Rule {
    id: "ISO-SURVEILLANCE",
    framework: Framework::Iso,
    title: "a surveillance audit took place within the last 12 months",
    default_level: Level::Error,
    sources: &[
        "ISO/IEC 17021-1:2015 cl. 9.1.3 (surveillance)",
        "ISO/IEC 17021-1:2015 cl. 9.6 (suspension)",
    ],
    rationale: "A certificate issued years ago without ongoing surveillance no longer reflects how \
        the vendor operates. ISO/IEC 17021-1 requires surveillance at least once a year, the first \
        within 12 months of the certification decision, and the certification body suspends a \
        certificate whose audits are missed; a suspended certificate is temporarily invalid.",
    question: "When was your most recent surveillance audit, and what corrective actions came out of it?",
    passes: "a certificate under 12 months old, or a surveillance audit in the last 12 months",
    fails: "no surveillance audit in the last 12 months of a certificate older than that",
    gap: None,
    reads: &[
        "iso",
        "iso[].certificate_number",
        "iso[].expires",
        "iso[].extends",
        "iso[].issued",
        "iso[].scope",
        "iso[].source",
        "iso[].standard",
        "iso[].surveillance",
        "iso[].surveillance[].date",
        "vendor.services",
    ],
    obligations: &crate::rules::crosswalk::ISO_SURVEILLANCE,
    check: |ctx| {
        let months = ctx.thresholds.surveillance_months;
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
            // An audit recorded as done after the as-of date cannot have happened yet: the
            // evidence contradicts itself (or was recorded for another date).
            if let Some((j, a)) = audits
                .iter()
                .enumerate()
                .find(|(_, a)| ctx.as_of.before(a.date))
            {
                return Outcome::fail(format!(
                    "surveillance audit dated {}{via}, after the as-of date {}",
                    a.date, ctx.as_of
                ))
                .adverse()
                .at(format!("iso[{owner}].surveillance[{j}].date"));
            }
            let last = audits
                .iter()
                .enumerate()
                .filter(|(_, a)| ctx.as_of.on_or_after(a.date) && a.date >= issued)
                .max_by_key(|(_, a)| a.date);
            let due_from = |d: Date| ctx.as_of.on_or_before(d.plus_months(months));
            match last {
                Some((j, a)) if due_from(a.date) => Outcome::pass(format!(
                    "last surveillance audit {}{via}, {} before {}",
                    a.date,
                    plural(ctx.as_of.months_since(a.date) as usize, "month"),
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

pub static SOA: Rule = Rule {
    id: "ISO-SOA",
    framework: Framework::Iso,
    title: "the Statement of Applicability was reviewed",
    default_level: Level::Error,
    sources: &[
        "ISO/IEC 27001:2022 cl. 6.1.3 d) (Statement of Applicability)",
        "ISO/IEC 42001:2023 cl. 6.1.3",
    ],
    rationale: "The Statement of Applicability lists which Annex A controls are in place and which \
        are excluded, with the reasons, and so surfaces gaps the certificate alone does not show. \
        It applies to management-system certificates with an Annex A (27001, 42001); \
        27017/27018/27701 are reviewed with the 27001 they extend.",
    question: "Can you share the Statement of Applicability (under NDA) for your certified management system?",
    passes: "`soa = { reviewed = true, version = \"…\" }` on a 27001 or 42001 certificate",
    fails: "no SoA review recorded",
    gap: None,
    reads: &[
        "iso",
        "iso[].expires",
        "iso[].scope",
        "iso[].soa",
        "iso[].soa.reviewed",
        "iso[].source",
        "iso[].standard",
        "vendor.services",
    ],
    obligations: &crate::rules::crosswalk::ISO_SOA,
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
