//! SOC 2 rules (durations from domain-facts §6).

use crate::evidence::scope::{NotCovered, coverage, fold, lookalike};
use crate::evidence::{DataClass, Opinion, SocReport, Source, SubserviceMethod, TrustCategory};

use super::{Ctx, Framework, Level, Outcome, Rule, all_of, plural};

/// The SOC 2 reports a check looks at, with their index in the file. A report is superseded,
/// and left out, when a later one (by period end) covers every service it covers.
pub(crate) fn current_reports<'a>(ctx: &Ctx<'a>) -> Vec<(usize, &'a SocReport)> {
    current(ctx).iter().map(|(i, r, _)| (*i, *r)).collect()
}

/// The current reports with their subjects, derived once per [`Ctx`].
fn current<'c, 'a>(ctx: &'c Ctx<'a>) -> &'c [(usize, &'a SocReport, String)] {
    ctx.memo.soc2.get_or_init(|| {
        derive_current(ctx)
            .into_iter()
            .map(|(i, r)| (i, r, subject(r)))
            .collect()
    })
}

fn derive_current<'a>(ctx: &Ctx<'a>) -> Vec<(usize, &'a SocReport)> {
    let reports = &ctx.ev.soc2;
    reports
        .iter()
        .enumerate()
        .filter(|(i, r)| {
            !reports.iter().enumerate().any(|(j, later)| {
                // An undated report cannot be shown to be superseded: it is judged.
                j != *i
                    && r.period_end.is_some()
                    && later.source.is_independent()
                    && later.period_end > r.period_end
                    && !r.services.is_empty()
                    && r.services
                        .iter()
                        .all(|s| later.services.iter().any(|l| fold(l) == fold(s)))
            })
        })
        .collect()
}

pub(crate) fn subject(r: &SocReport) -> String {
    // A blank or placeholder auditor is no auditor: it never reads as "by ,".
    let by = r
        .auditor
        .as_deref()
        .map(str::trim)
        .filter(|a| !super::is_placeholder(a))
        .map(|a| format!(" by {a}"))
        .unwrap_or_default();
    match r.period_end {
        Some(end) if r.report_type == 2 => format!("SOC 2 Type 2 report{by}, period ending {end}"),
        Some(end) => format!("SOC 2 Type 1 report{by}, as of {end}"),
        None => format!("SOC 2 Type {} report{by}", r.report_type),
    }
}

/// Runs `check` on each current report; not applicable when there is none.
fn per_report(ctx: &Ctx, check: impl Fn(usize, &SocReport) -> Outcome) -> Vec<Outcome> {
    let reports = current(ctx);
    if reports.is_empty() {
        return vec![Outcome::not_applicable("no SOC 2 report in the evidence")];
    }
    reports
        .iter()
        .map(|(i, r, subject)| {
            let o = check(*i, r);
            let o = if o.at.is_none() {
                o.at(super::indexed("soc2", *i))
            } else {
                o
            };
            o.subject(subject.clone()).about(super::Piece::Soc2(*i))
        })
        .collect()
}

pub static TYPE: Rule = Rule {
    id: "SOC2-TYPE",
    framework: Framework::Soc2,
    title: "the SOC 2 report is Type 2",
    default_level: Level::Error,
    sources: &[
        "AICPA SOC 2 guide (AT-C 105/205, SSAE 18)",
        "AICPA TSC 2017 (revised points of focus 2022)",
    ],
    rationale: "A Type 1 report tests the design of controls at one point in time; only a Type 2 \
        report tests that they operated effectively over a period, and lists the auditor's tests \
        and their results. A Type 1 report cannot show that the controls actually work over time.",
    question: "Can you share your most recent SOC 2 Type 2 report, or the date your Type 2 \
        observation period ends?",
    passes: "a Type 2 report (`type = 2`)",
    fails: "a Type 1 report only (a warning where the policy accepts early-stage vendors)",
    gap: None,
    reads: &[
        "soc2",
        "soc2[].period_end",
        "soc2[].services",
        "soc2[].source",
        "soc2[].type",
    ],
    obligations: &crate::rules::crosswalk::SOC2_TYPE,
    check: |ctx| {
        if ctx.thresholds.require_soc2 && current_reports(ctx).is_empty() {
            return vec![
                Outcome::fail("the policy requires a SOC 2 Type 2 report; none is in the evidence")
                    .at("vendor"),
            ];
        }
        per_report(ctx, |i, r| {
            let at = format!("soc2[{i}].type");
            match r.report_type {
                2 => Outcome::pass("Type 2: operating effectiveness tested over a period").resting_on(r.source),
                _ if ctx.thresholds.accept_type1 => Outcome::warn(
                    "Type 1 only: design at a point in time, accepted for an early-stage vendor by the policy",
                ),
                _ => Outcome::fail("Type 1 only: design at a point in time, no operating-effectiveness testing"),
            }
            .at(at)
        })
    },
};

pub static AGE: Rule = Rule {
    id: "SOC2-AGE",
    framework: Framework::Soc2,
    title: "the SOC 2 period ended within the last 12 months",
    default_level: Level::Error,
    sources: &["AICPA SOC 2 guide (AT-C 105/205, SSAE 18)"],
    rationale: "A SOC 2 opinion speaks for the period the report covers, not for today. Buyers \
        commonly treat a report as current for 12 months after its period ends (market practice; \
        the AICPA sets no limit); an older report may no longer reflect how the vendor operates. A \
        bridge letter does not refresh an old report: it is management's word, not an auditor's \
        test.",
    question: "When does your next SOC 2 report period end, and when will the report be issued?",
    passes: "a period end no more than 12 months (policy: soc2_max_age_months) before the as-of date",
    fails: "an older period end, a period end after the as-of date, or none recorded",
    gap: None,
    reads: &[
        "soc2",
        "soc2[].period_end",
        "soc2[].services",
        "soc2[].source",
    ],
    obligations: &crate::rules::crosswalk::SOC2_AGE,
    check: |ctx| {
        let limit = ctx.thresholds.soc2_max_age_months;
        per_report(ctx, |i, r| {
            let at = format!("soc2[{i}].period_end");
            let Some(end) = r.period_end else {
                return Outcome::fail("no period end recorded").at(at);
            };
            if ctx.as_of.before(end) {
                return Outcome::fail(format!(
                    "period end {end} is after the as-of date {}",
                    ctx.as_of
                ))
                .adverse()
                .at(at);
            }
            let months = ctx.as_of.months_since(end);
            if ctx.as_of.after(end.plus_months(limit)) {
                Outcome::fail(format!(
                    "period ended {end}, more than {limit} months ({} days) before {}",
                    ctx.as_of.days_since(end),
                    ctx.as_of
                ))
            } else {
                Outcome::pass(format!(
                    "period ended {end}, {} before {}",
                    plural(months as usize, "month"),
                    ctx.as_of
                ))
                .resting_on(r.source)
            }
            .at(at)
        })
    },
};

pub static BRIDGE: Rule = Rule {
    id: "SOC2-BRIDGE",
    framework: Framework::Soc2,
    title: "a bridge letter covers the time since the SOC 2 period ended",
    default_level: Level::Warning,
    sources: &["AICPA SOC 2 guide (AT-C 105/205, SSAE 18)"],
    rationale: "Assurance stops at the period end. Once more than three months have passed, a \
        bridge (gap) letter signed by the vendor's management should cover the time since and \
        state any material change. It is not an auditor's opinion, and the three-month limit is \
        market practice rather than an AICPA rule, so this rule warns rather than fails.",
    question: "Can you provide a bridge letter, signed by management, covering the period from the \
        end of your last SOC 2 report to today?",
    passes: "a management-signed bridge letter reaching to within a month of the as-of date, or a \
        period end within the last three months",
    fails: "no bridge letter, an unsigned one, or one that lapsed more than a month before the as-of date",
    gap: None,
    reads: &[
        "soc2",
        "soc2[].bridge_letter",
        "soc2[].bridge_letter.signed_by",
        "soc2[].bridge_letter.through",
        "soc2[].period_end",
        "soc2[].services",
        "soc2[].source",
    ],
    obligations: &crate::rules::crosswalk::SOC2_BRIDGE,
    check: |ctx| {
        let t = &ctx.thresholds;
        per_report(ctx, |i, r| {
            let Some(end) = r.period_end else {
                return Outcome::fail("no period end recorded, so the gap since cannot be judged")
                    .at(format!("soc2[{i}].period_end"));
            };
            if ctx
                .as_of
                .on_or_before(end.plus_months(t.bridge_after_months))
            {
                return Outcome::not_applicable(format!(
                    "period ended {end}, within {} months of {}",
                    t.bridge_after_months, ctx.as_of
                ));
            }
            let Some(letter) = &r.bridge_letter else {
                return Outcome::warn(format!("no bridge letter covers {end} to {}", ctx.as_of));
            };
            let at = format!("soc2[{i}].bridge_letter");
            if letter.through <= end {
                return Outcome::warn(format!(
                    "bridge letter ends {}, not after the period end {end}",
                    letter.through
                ))
                .at(at);
            }
            if letter
                .signed_by
                .as_deref()
                .is_none_or(|s| s.trim().is_empty())
            {
                return Outcome::warn("bridge letter is not signed by the vendor's management")
                    .at(at);
            }
            if ctx
                .as_of
                .after(letter.through.plus_months(t.bridge_gap_months))
            {
                return Outcome::warn(format!(
                    "bridge letter lapsed on {}, more than {} before {}",
                    letter.through,
                    plural(t.bridge_gap_months as usize, "month"),
                    ctx.as_of
                ))
                .at(format!("{at}.through"));
            }
            Outcome::pass(format!(
                "bridge letter through {} covers the gap since {end}",
                letter.through
            ))
            .at(format!("{at}.through"))
        })
    },
};

pub static PERIOD: Rule = Rule {
    id: "SOC2-PERIOD",
    framework: Framework::Soc2,
    title: "the SOC 2 Type 2 review window is at least six months",
    default_level: Level::Error,
    sources: &[
        "AICPA SOC 2 guide (AT-C 105/205, SSAE 18)",
        "AICPA SOC 1 guide ¶2.14 (period typically at least six months)",
    ],
    rationale: "A Type 2 report covering three months tells you less than one covering a year: \
        each control was tested fewer times, and seasonal or yearly controls may never have run. \
        The AICPA sets no minimum period; most reports cover 12 months, and three months is the \
        usual floor for a first report.",
    question: "What period does your SOC 2 Type 2 report cover, and will the next one cover at \
        least six months?",
    passes: "a window of six months or more",
    fails: "a window under three months (three to six warns), or no period recorded",
    gap: None,
    reads: &[
        "soc2",
        "soc2[].period_end",
        "soc2[].period_start",
        "soc2[].services",
        "soc2[].source",
        "soc2[].type",
    ],
    obligations: &crate::rules::crosswalk::SOC2_PERIOD,
    check: |ctx| {
        let t = &ctx.thresholds;
        per_report(ctx, |i, r| {
            if r.report_type != 2 {
                return Outcome::not_applicable("a Type 1 report has no review window");
            }
            let (Some(start), Some(end)) = (r.period_start, r.period_end) else {
                return Outcome::fail("review period start or end not recorded")
                    .at(format!("soc2[{i}].period_start"));
            };
            let at = format!("soc2[{i}].period_start");
            let span = format!("{start} to {end}");
            // A window of N months runs from a day to the day before the same day N months on.
            let day_after = end.plus_days(1);
            if start.plus_months(t.soc2_min_period_months) <= day_after {
                Outcome::pass(format!("review window {span}"))
                    .resting_on(r.source)
                    .at(at)
            } else if start.plus_months(t.soc2_short_period_months) <= day_after {
                Outcome::warn(format!(
                    "review window {span} is shorter than {} months",
                    t.soc2_min_period_months
                ))
                .at(at)
            } else {
                Outcome::fail(format!(
                    "review window {span} is shorter than {} months",
                    t.soc2_short_period_months
                ))
                .at(at)
            }
        })
    },
};

pub static OPINION: Rule = Rule {
    id: "SOC2-OPINION",
    framework: Framework::Soc2,
    title: "the auditor's opinion is unqualified",
    default_level: Level::Error,
    sources: &["AICPA SOC 2 guide (AT-C 105/205, SSAE 18)"],
    rationale: "The service auditor's opinion is the report's conclusion. An unqualified \
        (unmodified) opinion says the system description is fairly presented and the controls were \
        suitably designed and, in a Type 2 report, operated effectively. A qualified opinion means \
        some criteria were not met; an adverse opinion or a disclaimer means the report gives no \
        assurance.",
    question: "Why was the opinion in your SOC 2 report modified, and what has been remediated since?",
    passes: "`opinion = \"unqualified\"`",
    fails: "a qualified or adverse opinion, a disclaimer, or no opinion recorded",
    gap: None,
    reads: &[
        "soc2",
        "soc2[].opinion",
        "soc2[].period_end",
        "soc2[].services",
        "soc2[].source",
    ],
    obligations: &crate::rules::crosswalk::SOC2_OPINION,
    check: |ctx| {
        per_report(ctx, |i, r| {
            let at = format!("soc2[{i}].opinion");
            match r.opinion {
                Some(Opinion::Unqualified) => {
                    Outcome::pass("unqualified opinion").resting_on(r.source)
                }
                Some(Opinion::Qualified) => {
                    Outcome::fail("qualified opinion: some criteria were not met").adverse()
                }
                Some(Opinion::Adverse) => {
                    Outcome::fail("adverse opinion: the controls do not meet the criteria")
                        .adverse()
                }
                Some(Opinion::Disclaimer) => {
                    Outcome::fail("disclaimer of opinion: the auditor gives no assurance").adverse()
                }
                None => Outcome::fail("no opinion recorded"),
            }
            .at(at)
        })
    },
};

pub static EXCEPTIONS: Rule = Rule {
    id: "SOC2-EXCEPTIONS",
    framework: Framework::Soc2,
    title: "the SOC 2 report has no material exceptions",
    default_level: Level::Error,
    sources: &["AICPA SOC 2 guide (AT-C 105/205, SSAE 18)"],
    rationale: "An exception (deviation) is a control the auditor tested and found not working. An \
        unqualified opinion can still list exceptions, so a clean opinion with material exceptions \
        is not a clean report. Every exception is listed; a material one fails.",
    question: "What caused each exception in your SOC 2 report, and how was it remediated and retested?",
    passes: "`exceptions = []` (none in the report)",
    fails: "a material exception; non-material ones warn; exceptions not recorded is unverified",
    gap: None,
    reads: &[
        "soc2",
        "soc2[].exceptions",
        "soc2[].exceptions[].material",
        "soc2[].period_end",
        "soc2[].services",
        "soc2[].source",
    ],
    obligations: &crate::rules::crosswalk::SOC2_EXCEPTIONS,
    check: |ctx| {
        per_report(ctx, |i, r| {
            let at = format!("soc2[{i}].exceptions");
            let Some(exceptions) = &r.exceptions else {
                return Outcome::unverified(
                    "exceptions not recorded (write `exceptions = []` if the report lists none)",
                )
                .at(at);
            };
            let list = |material: bool| {
                exceptions
                    .iter()
                    .filter(|e| e.material == material)
                    .map(|e| match &e.control {
                        Some(c) => format!("{c}: {}", e.text),
                        None => e.text.clone(),
                    })
                    .collect::<Vec<_>>()
            };
            let (material, other) = (list(true), list(false));
            if !material.is_empty() {
                let also = if other.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; also {}: {}",
                        plural(other.len(), "other exception"),
                        other.join("; ")
                    )
                };
                Outcome::fail(format!(
                    "{}: {}{also}",
                    plural(material.len(), "material exception"),
                    material.join("; ")
                ))
                .adverse()
            } else if !other.is_empty() {
                Outcome::warn(format!(
                    "{}: {}",
                    plural(other.len(), "exception"),
                    other.join("; ")
                ))
                .adverse()
            } else {
                Outcome::pass("no exceptions").resting_on(r.source)
            }
            .at(at)
        })
    },
};

pub static SCOPE: Rule = Rule {
    id: "SOC2-SCOPE",
    framework: Framework::Soc2,
    title: "every service we use is in a SOC 2 system description",
    default_level: Level::Error,
    sources: &["AICPA DC 200 (SOC 2 description criteria)"],
    rationale: "A SOC 2 report covers the system its description defines, not the whole vendor: a \
        report on one product or one part of the business says nothing about a service it does not \
        describe. A service is covered only when its full name is in the system description, or an \
        analyst quotes the text that covers it.",
    question: "Which of your SOC 2 reports covers each of these services, and where in the system \
        description are they named?",
    passes: "each of `vendor.services` named in a current report's `services` or `system_description` \
        (or covered by a verified `covers` quote)",
    fails: "a service named in no current report",
    gap: None,
    reads: &[
        "soc2",
        "soc2[].covers",
        "soc2[].covers[].quote",
        "soc2[].covers[].service",
        "soc2[].period_end",
        "soc2[].services",
        "soc2[].source",
        "soc2[].system_description",
        "vendor.services",
    ],
    obligations: &crate::rules::crosswalk::SOC2_SCOPE,
    check: |ctx| {
        let reports = current_reports(ctx);
        if reports.is_empty() {
            return vec![Outcome::not_applicable("no SOC 2 report in the evidence")];
        }
        let mut covered = Vec::new();
        let mut missing = Vec::new();
        let mut bad_quotes = Vec::new();
        let mut sources = Vec::new();
        for service in &ctx.ev.vendor.services {
            // A report that covers the service wins over another's bad quote.
            let results: Vec<_> = reports
                .iter()
                .map(|(i, r)| {
                    let mut texts: Vec<&str> = r.services.iter().map(String::as_str).collect();
                    texts.extend(r.system_description.as_deref());
                    coverage(service, &texts, &r.covers).map(|c| (*i, r.source, c))
                })
                .collect();
            // A report seen as a document wins over a claim that also names the service.
            let found = results
                .iter()
                .filter_map(|res| res.clone().ok())
                .min_by_key(|(_, source, _)| !source.is_independent())
                .map(Ok)
                .or_else(|| {
                    results.iter().find_map(|res| match res {
                        Err(NotCovered::Absent) | Ok(_) => None,
                        Err(bad) => Some(Err(bad.explain("system description"))),
                    })
                });
            match found {
                Some(Ok((i, source, c))) => {
                    covered.push((service.as_str(), i, c));
                    sources.push(source);
                }
                Some(Err(why)) => bad_quotes.push(format!("{service} ({why})")),
                None => {
                    let texts: Vec<&str> = reports
                        .iter()
                        .flat_map(|(_, r)| {
                            r.services
                                .iter()
                                .map(String::as_str)
                                .chain(r.system_description.as_deref())
                        })
                        .collect();
                    missing.push(match lookalike(service, &texts) {
                        Some(why) => format!("{service} ({why})"),
                        None => service.clone(),
                    })
                }
            }
        }
        let matched: Vec<String> = covered
            .iter()
            .map(|(s, i, c)| format!("{s}: soc2[{i}] \"{}\"", c.text()))
            .collect();
        if missing.is_empty() && bad_quotes.is_empty() {
            let weakest = sources
                .iter()
                .copied()
                .find(|s| !s.is_independent())
                .unwrap_or(Source::Document);
            let first = covered.first().map(|(_, i, _)| *i).unwrap_or(0);
            // A report that records neither its services nor its system description cannot be
            // judged: the services it covers are unknown, and that is never a pass.
            let undescribed: Vec<String> = reports
                .iter()
                .filter(|(_, r)| r.services.is_empty() && r.system_description.is_none())
                .map(|(i, _)| format!("soc2[{i}]"))
                .collect();
            if let Some(at) = undescribed.first() {
                return vec![
                    Outcome::unverified(format!(
                        "{} in a system description, but {} records neither its services nor its \
                         system description",
                        all_of(covered.len(), "service"),
                        undescribed.join(", ")
                    ))
                    .matched(matched)
                    .at(at.clone()),
                ];
            }
            return vec![
                Outcome::pass(format!(
                    "{} in a system description",
                    all_of(covered.len(), "service")
                ))
                .matched(matched)
                .resting_on(weakest)
                .at(format!("soc2[{first}]")),
            ];
        }
        let mut problems: Vec<String> = missing;
        problems.extend(bad_quotes);
        vec![
            Outcome::fail(format!(
                "not in any SOC 2 system description: {}",
                problems.join(", ")
            ))
            .matched(matched)
            .at(format!("soc2[{}]", reports[0].0)),
        ]
    },
};

pub static CATEGORIES: Rule = Rule {
    id: "SOC2-CATEGORIES",
    framework: Framework::Soc2,
    title: "the trust services categories fit the use",
    default_level: Level::Error,
    sources: &["AICPA TSC 2017 (revised points of focus 2022)"],
    rationale: "A SOC 2 report covers only the trust services categories it names. Security (the \
        common criteria) is always required; for an AI vendor that holds our prompts and data, \
        Confidentiality (C1) is essential too, and Privacy (P1–P8) matters where personal data is \
        processed.",
    question: "Will your next SOC 2 report include the Confidentiality (and, for personal data, \
        Privacy) trust services criteria?",
    passes: "Security, plus Confidentiality for an AI vendor, plus Privacy when personal data is processed",
    fails: "no Security, or no Confidentiality for an AI vendor (missing Privacy for personal data warns)",
    gap: None,
    reads: &[
        "soc2",
        "soc2[].categories",
        "soc2[].period_end",
        "soc2[].services",
        "soc2[].source",
        "vendor.ai_vendor",
        "vendor.data_classes",
    ],
    obligations: &crate::rules::crosswalk::SOC2_CATEGORIES,
    check: |ctx| {
        let v = &ctx.ev.vendor;
        let personal = v
            .data_classes
            .iter()
            .any(|d| matches!(d, DataClass::PersonalData | DataClass::Phi));
        per_report(ctx, |i, r| {
            let at = format!("soc2[{i}].categories");
            let has = |c| r.categories.contains(&c);
            if !has(TrustCategory::Security) {
                return Outcome::fail("Security (the common criteria) is not in scope").at(at);
            }
            if v.ai_vendor && !has(TrustCategory::Confidentiality) {
                return Outcome::fail(
                    "Confidentiality is not in scope, and it is essential for an AI vendor",
                )
                .at(at);
            }
            if personal && !has(TrustCategory::Privacy) {
                return Outcome::warn(
                    "Privacy is not in scope although personal data is processed",
                )
                .at(at);
            }
            let names: Vec<&str> = r.categories.iter().map(|c| category_name(*c)).collect();
            Outcome::pass(format!("categories in scope: {}", names.join(", ")))
                .resting_on(r.source)
                .at(at)
        })
    },
};

fn category_name(c: TrustCategory) -> &'static str {
    match c {
        TrustCategory::Security => "Security",
        TrustCategory::Availability => "Availability",
        TrustCategory::ProcessingIntegrity => "Processing Integrity",
        TrustCategory::Confidentiality => "Confidentiality",
        TrustCategory::Privacy => "Privacy",
    }
}

pub static FULL_REPORT: Rule = Rule {
    id: "SOC2-FULL-REPORT",
    framework: Framework::Soc2,
    title: "the full SOC 2 report was read",
    default_level: Level::Error,
    sources: &[
        "AICPA SOC 2 guide (AT-C 105/205, SSAE 18)",
        "AICPA DC 200 (SOC 2 description criteria)",
    ],
    rationale: "A badge, summary or trust-page claim says that a report exists, not what it says. \
        Only the full report shows the scope of the system, the controls relevant to our use, the \
        auditor's tests and results, any exceptions, and the controls the report expects us to \
        run.",
    question: "Can you share the full SOC 2 report (under NDA), including the auditor's tests and results?",
    passes: "`source = \"document\"` on the report",
    fails: "a summary, trust-page badge, statement or questionnaire answer",
    gap: None,
    reads: &[
        "soc2",
        "soc2[].period_end",
        "soc2[].services",
        "soc2[].source",
    ],
    obligations: &crate::rules::crosswalk::SOC2_FULL_REPORT,
    check: |ctx| {
        per_report(ctx, |i, r| {
            let at = format!("soc2[{i}].source");
            if r.source == Source::Document {
                Outcome::pass("the full report was read").at(at)
            } else {
                Outcome::fail(format!(
                    "only {} was read, not the full report",
                    r.source.describe()
                ))
                .at(at)
            }
        })
    },
};

pub static CUECS: Rule = Rule {
    id: "SOC2-CUECS",
    framework: Framework::Soc2,
    title: "every complementary user entity control has an owner on our side",
    default_level: Level::Error,
    sources: &[
        "AICPA SOC 2 guide (AT-C 105/205, SSAE 18)",
        "AICPA DC 200 (SOC 2 description criteria)",
    ],
    rationale: "Complementary user entity controls are controls the customer must run for the \
        vendor's controls to meet the criteria. The auditor's opinion assumes they are in place, \
        so each one needs an owner on our side.",
    question: "Which complementary user entity controls does your SOC 2 report assume, so we can \
        assign an owner to each?",
    passes: "every `[[soc2.cuecs]]` entry has an `owner` (or `cuecs = []`)",
    fails: "a CUEC with no owner; CUECs not recorded is unverified",
    gap: None,
    reads: &[
        "soc2",
        "soc2[].cuecs",
        "soc2[].cuecs[].owner",
        "soc2[].period_end",
        "soc2[].services",
        "soc2[].source",
    ],
    obligations: &crate::rules::crosswalk::SOC2_CUECS,
    check: |ctx| {
        per_report(ctx, |i, r| {
            let at = format!("soc2[{i}].cuecs");
            let Some(cuecs) = &r.cuecs else {
                return Outcome::unverified("complementary user entity controls not recorded (write `cuecs = []` if the report lists none)").at(at);
            };
            let unowned: Vec<(usize, &str)> = cuecs
                .iter()
                .enumerate()
                .filter(|(_, c)| c.owner.as_deref().is_none_or(|o| o.trim().is_empty()))
                .map(|(j, c)| (j, c.control.as_str()))
                .collect();
            match unowned.first() {
                Some((j, _)) => Outcome::fail(format!(
                    "{} without an owner: {}",
                    plural(unowned.len(), "CUEC"),
                    unowned
                        .iter()
                        .map(|(_, c)| *c)
                        .collect::<Vec<_>>()
                        .join("; ")
                ))
                // A complementary control nobody on our side operates is a gap the report
                // shows in our own use, not a weakness of the report.
                .adverse()
                .at(format!("{at}[{j}]")),
                None if cuecs.is_empty() => {
                    Outcome::pass("the report lists no complementary user entity controls")
                        .resting_on(r.source)
                        .at(at)
                }
                None => Outcome::pass(format!(
                    "{} {}",
                    all_of(cuecs.len(), "CUEC"),
                    if cuecs.len() == 1 {
                        "has an owner"
                    } else {
                        "have an owner"
                    }
                ))
                .resting_on(r.source)
                .at(at),
            }
        })
    },
};

pub static SUBSERVICE: Rule = Rule {
    id: "SOC2-SUBSERVICE",
    framework: Framework::Soc2,
    title: "carved-out subservice organisations have their own evidence",
    default_level: Level::Error,
    sources: &[
        "AICPA DC 200 (SOC 2 description criteria)",
        "AICPA TSC 2017 CC9.2",
    ],
    rationale: "Under the carve-out method a subservice organisation's controls are excluded from \
        the report: the description names the organisation and what the vendor expects of it, and \
        the auditor tests none of it. Its assurance must come from its own evidence; accepting the \
        rest of the report as if it covered the carved-out part would be partial compliance \
        counted as compliance.",
    question: "Can you share the current SOC 2 report or ISO/IEC 27001 certificate of each carved-out \
        subservice organisation?",
    passes: "each carved-out subservice organisation names a vendor (`vendor = \"id\"`) checked in the same run",
    fails: "a carved-out organisation with no portfolio vendor; one not among the vendors checked is unverified",
    gap: None,
    reads: &[
        "soc2",
        "soc2[].period_end",
        "soc2[].services",
        "soc2[].source",
        "soc2[].subservice",
        "soc2[].subservice[].method",
        "soc2[].subservice[].vendor",
        "vendor.id",
    ],
    obligations: &crate::rules::crosswalk::SOC2_SUBSERVICE,
    check: |ctx| {
        per_report(ctx, |i, r| {
            let at = format!("soc2[{i}].subservice");
            let Some(orgs) = &r.subservice else {
                return Outcome::unverified("subservice organisations not recorded (write `subservice = []` if the report names none)").at(at);
            };
            let carved: Vec<(usize, &crate::evidence::Subservice)> = orgs
                .iter()
                .enumerate()
                .filter(|(_, o)| o.method == SubserviceMethod::CarveOut)
                .collect();
            if carved.is_empty() {
                return Outcome::pass("no carved-out subservice organisations")
                    .resting_on(r.source)
                    .at(at);
            }
            let unlinked: Vec<&(usize, &crate::evidence::Subservice)> =
                carved.iter().filter(|(_, o)| o.vendor.is_none()).collect();
            if let Some((j, _)) = unlinked.first() {
                return Outcome::fail(format!(
                    "carved out with no evidence in the portfolio: {}",
                    unlinked
                        .iter()
                        .map(|(_, o)| o.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
                .adverse()
                .at(format!("{at}[{j}]"));
            }
            let own_id = ctx.ev.vendor.id.as_str();
            if let Some((j, o)) = carved
                .iter()
                .find(|(_, o)| o.vendor.as_deref() == Some(own_id))
            {
                return Outcome::fail(format!(
                    "{} is carved out but names this vendor itself as its evidence",
                    o.name
                ))
                .adverse()
                .at(format!("{at}[{j}].vendor"));
            }
            let unknown: Vec<&(usize, &crate::evidence::Subservice)> = carved
                .iter()
                .filter(|(_, o)| {
                    !ctx.portfolio
                        .vendors
                        .contains_key(o.vendor.as_deref().unwrap_or(""))
                })
                .collect();
            if let Some((j, _)) = unknown.first() {
                return Outcome::unverified(format!(
                    "not among the vendors checked in this run: {}",
                    unknown
                        .iter()
                        .map(|(_, o)| format!("{} ({})", o.name, o.vendor.as_deref().unwrap_or("")))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
                .adverse()
                .at(format!("{at}[{j}].vendor"));
            }
            Outcome::pass(format!(
                "carved-out organisations have portfolio evidence: {}",
                carved
                    .iter()
                    .map(|(_, o)| format!("{} ({})", o.name, o.vendor.as_deref().unwrap_or("")))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .resting_on(r.source)
            .at(at)
        })
    },
};

pub static AUDITOR: Rule = Rule {
    id: "SOC2-AUDITOR",
    framework: Framework::Soc2,
    title: "a named CPA firm issued the SOC 2 report",
    default_level: Level::Error,
    sources: &["AICPA AT-C 105/205 (SSAE 18)"],
    rationale: "A SOC 2 report is an attestation by a licensed CPA firm under the AICPA \
        attestation standards, not a certificate. A report with no named firm, or one the vendor \
        wrote itself, is not an attestation.",
    question: "Which CPA firm issued your SOC 2 report?",
    passes: "`auditor` names a firm other than the vendor",
    fails: "no auditor recorded, or the vendor itself named as auditor",
    gap: None,
    reads: &[
        "soc2",
        "soc2[].auditor",
        "soc2[].period_end",
        "soc2[].services",
        "soc2[].source",
        "vendor.name",
    ],
    obligations: &crate::rules::crosswalk::SOC2_AUDITOR,
    check: |ctx| {
        let vendor = fold(&ctx.ev.vendor.name);
        per_report(ctx, |i, r| {
            let at = format!("soc2[{i}].auditor");
            match r.auditor.as_deref().map(str::trim) {
                None | Some("") => Outcome::fail("no auditor recorded"),
                Some(a)
                    if fold(a) == vendor || (!vendor.is_empty() && fold(a).contains(&vendor)) =>
                {
                    Outcome::fail(format!("the auditor `{a}` is the vendor itself")).adverse()
                }
                Some(a) if super::is_placeholder(a) => {
                    Outcome::fail(format!("`{a}` does not name a CPA firm"))
                }
                Some(a) => Outcome::pass(format!("issued by {a}")).resting_on(r.source),
            }
            .at(at)
        })
    },
};
