//! ISO/IEC certificate rules (dates from domain-facts §1, §2, §3, §8).

mod family;
mod registry;
mod scope;
mod soundness;

pub use family::FAMILY;
pub(crate) use family::required_numbers;
pub use registry::VERIFIED;
pub use scope::SCOPE;
pub use soundness::{ACCREDITED, CURRENT, NUMBER, SOA, SURVEILLANCE, VERSION};
pub(crate) use soundness::{
    in_validity, invalid_beyond_dates, invalidity_rule, is_security_standard, recognised_body,
    unsound,
};

use crate::evidence::scope::coverage;
use crate::evidence::{Date, IsoCertificate, Standard};

use super::{Ctx, Outcome};

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

pub(super) const fn date(y: i32, m: u32, d: u32) -> Date {
    match chrono::NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => Date(d),
        None => panic!("invalid constant date"),
    }
}

/// The certificates a check looks at: a certificate is superseded, and left out, by a later one
/// (by expiry) to the same standard. One without an expiry date is never superseded, and a claim
/// (a trust page, a vendor's statement) never supersedes anything.
pub(crate) fn current_certs<'a>(ctx: &Ctx<'a>) -> Vec<(usize, &'a IsoCertificate, Standard)> {
    current(ctx)
        .iter()
        .map(|(i, c, s, _)| (*i, *c, *s))
        .collect()
}

/// The current certificates with their subjects, derived once per [`Ctx`].
#[allow(clippy::type_complexity)]
fn current<'c, 'a>(ctx: &'c Ctx<'a>) -> &'c [(usize, &'a IsoCertificate, Standard, String)] {
    ctx.memo.iso.get_or_init(|| {
        derive_current(ctx)
            .into_iter()
            .map(|(i, c, s)| (i, c, s, subject(c, &s)))
            .collect()
    })
}

fn derive_current<'a>(ctx: &Ctx<'a>) -> Vec<(usize, &'a IsoCertificate, Standard)> {
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
                // An undated certificate cannot be shown to be superseded: it is judged.
                j != i
                    && ls.number == s.number
                    && c.expires.is_some()
                    && later.source.is_independent()
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

pub(super) fn per_cert(
    ctx: &Ctx,
    check: impl Fn(usize, &IsoCertificate, Standard) -> Outcome,
) -> Vec<Outcome> {
    let certs = current(ctx);
    if certs.is_empty() {
        return vec![Outcome::not_applicable(
            "no ISO/IEC certificate in the evidence",
        )];
    }
    certs
        .iter()
        .map(|(i, c, s, subject)| {
            let o = check(*i, c, *s);
            let o = if o.at.is_none() {
                o.at(super::indexed("iso", *i))
            } else {
                o
            };
            o.subject(subject.clone()).about(super::Piece::Iso(*i))
        })
        .collect()
}

/// For an extension certificate, the current 27001 certificate it extends (by `extends`, or the
/// only 27001 present), with its index.
pub(super) fn extended_base<'a>(
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
