//! Whether the waivers naming a vendor are in force and each accepts a finding.

use crate::rules::{Ctx, Framework, Level, Outcome, Rule, plural};

/// Why a waiver is not in force on the as-of date: not yet approved, expired, or the evidence it
/// names expired (whichever comes first). `None` when it is in force.
pub(crate) fn waiver_lapse(ctx: &Ctx, w: &crate::evidence::waiver::Waiver) -> Option<String> {
    if ctx.as_of.before(w.approved) {
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
        let months = ctx.thresholds.soc2_max_age_months;
        ends.push((
            period_end.plus_months(months),
            format!(
                "lapsed with the SOC 2 report ending {period_end}, which aged past {months} months"
            ),
        ));
    }
    let (end, how) = ends.into_iter().min_by_key(|(d, _)| *d)?;
    ctx.as_of.after(end).then(|| format!("{how} on {end}"))
}

pub static WAIVER: Rule = Rule {
    id: "GEN-WAIVER",
    framework: Framework::General,
    title: "waivers are in force and each accepts a finding",
    default_level: Level::Error,
    sources: &["ISO/IEC 27001:2022 cl. 6.1.3 f) (risk owners accept residual risk)"],
    rationale: "A finding is accepted only by a documented risk acceptance from someone entitled \
        to give it. A waiver names vendor, rule, reason, approver, approval date and expiry; once \
        it expires (or the evidence it names does) the risk is no longer accepted, and that must \
        show. A waiver that accepts nothing is reported so the register stays true.",
    question: "Has the risk accepted by this waiver been remediated, or will the approver renew the acceptance?",
    passes: "every waiver naming the vendor is approved, unexpired, and accepts a finding",
    fails: "an expired waiver (or one whose evidence expired, or approved in the future); one that accepts no finding warns",
    gap: None,
    reads: &[
        "iso",
        "iso[].certificate_number",
        "iso[].expires",
        "iso[].issued",
        "soc2",
        "soc2[].cuecs",
        "soc2[].period_end",
        "vendor.id",
    ],
    obligations: &crate::rules::crosswalk::GEN_WAIVER,
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
