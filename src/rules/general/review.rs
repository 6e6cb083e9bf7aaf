//! The analyst's review: how recent it is, the documents it cites, the incidents it lists.

use crate::evidence::{DocumentOutcome, Source};

use crate::rules::{Framework, Level, Outcome, Rule, plural};

pub static REVIEW: Rule = Rule {
    id: "GEN-REVIEW",
    framework: Framework::General,
    title: "the analyst review is no older than a quarter",
    default_level: Level::Error,
    sources: &[
        "ISO/IEC 27001:2022 A.5.22 (monitoring of supplier services)",
        "AICPA TSC 2017 CC9.2",
    ],
    rationale: "Certificates are suspended, withdrawn, rescoped and renewed between reviews. \
        Reviewing each vendor every quarter — the current certificates, any scope change, any \
        suspension or withdrawal — catches that drift before it becomes an audit finding.",
    question: "Can you confirm nothing in your certifications, scope or sub-processors has changed \
        since our last review?",
    passes: "`vendor.last_review` within three months of the as-of date",
    fails: "no review date, one older than three months, or one after the as-of date",
    gap: None,
    reads: &["vendor.last_review"],
    obligations: &crate::rules::crosswalk::GEN_REVIEW,
    check: |ctx| {
        let months = ctx.thresholds.review_interval_months;
        let at = "vendor.last_review";
        let Some(last) = ctx.ev.vendor.last_review else {
            return vec![Outcome::fail("no analyst review date recorded").at(at)];
        };
        if ctx.as_of.before(last) {
            return vec![
                Outcome::fail(format!(
                    "review date {last} is after the as-of date {}",
                    ctx.as_of
                ))
                .at(at),
            ];
        }
        let days = ctx.as_of.days_since(last);
        if ctx.as_of.after(last.plus_months(months)) {
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
    sources: &[
        "ISO/IEC 17021-1:2015 cl. 8.2 (certification documents)",
        "AICPA SOC 2 guide (AT-C 105/205, SSAE 18)",
    ],
    rationale: "A marketing-page screenshot is not proof: the current certificate or report, scope \
        clause included, is. A cited file that is missing or whose hash differs is not the \
        document the analyst read.",
    question: "Can you send the document again so we can file the exact copy we reviewed?",
    passes: "every `document` present inside the vendor folder with a matching sha256",
    fails: "a missing file, a hash mismatch, an unreadable or oversized file; a document read but not filed warns",
    gap: None,
    reads: &[
        "ai.adversarial_testing.document.path",
        "ai.adversarial_testing.document.sha256",
        "contract",
        "contract.document",
        "contract.document.path",
        "contract.document.sha256",
        "contract.source",
        "iso",
        "iso[].document",
        "iso[].document.path",
        "iso[].document.sha256",
        "iso[].document.url",
        "iso[].expires",
        "iso[].scope",
        "iso[].source",
        "iso[].standard",
        "sector",
        "sector[].document",
        "sector[].document.path",
        "sector[].document.sha256",
        "sector[].source",
        "soc2",
        "soc2[].bridge_letter.document.path",
        "soc2[].bridge_letter.document.sha256",
        "soc2[].document",
        "soc2[].document.path",
        "soc2[].document.sha256",
        "soc2[].document.url",
        "soc2[].period_end",
        "soc2[].services",
        "soc2[].source",
        "vendor.services",
    ],
    obligations: &crate::rules::crosswalk::GEN_DOCUMENT,
    check: |ctx| {
        let mut outcomes = Vec::new();
        // A report or certificate a later one supersedes is judged by no rule: whether its
        // document is filed weighs nothing (a missing or altered document still counts).
        let current_soc2: Vec<usize> = crate::rules::soc2::current_reports(ctx)
            .iter()
            .map(|(i, _)| *i)
            .collect();
        let current_iso: Vec<usize> = crate::rules::iso::current_certs(ctx)
            .iter()
            .map(|(i, _, _)| *i)
            .collect();
        let judged = |piece: &str| {
            let index = |rest: &str| -> Option<usize> { rest.strip_suffix(']')?.parse().ok() };
            if let Some(i) = piece.strip_prefix("soc2[").and_then(index) {
                current_soc2.contains(&i)
            } else if let Some(i) = piece.strip_prefix("iso[").and_then(index) {
                current_iso.contains(&i)
            } else {
                true
            }
        };
        // Documents cited by URL that `--online` fetched and found matching.
        let mut fetched = 0;
        for check in &ctx.vendor.documents {
            let at = format!("{}.sha256", check.at);
            let o = match &check.outcome {
                DocumentOutcome::Matches => continue,
                DocumentOutcome::Missing => Outcome::fail(format!(
                    "`{}` does not exist in the vendor folder",
                    check.cited
                ))
                .adverse(),
                DocumentOutcome::Mismatch { actual } => Outcome::fail(format!(
                    "`{}` does not match its sha256 (found {actual})",
                    check.cited
                ))
                .adverse(),
                // A pinned document that cannot be verified is treated as one that does not match.
                DocumentOutcome::TooLarge { bytes } => Outcome::fail(format!(
                    "`{}` is too large to verify ({bytes} bytes)",
                    check.cited
                ))
                .adverse(),
                DocumentOutcome::Unreadable(why) => {
                    Outcome::fail(format!("`{}` cannot be read: {why}", check.cited)).adverse()
                }
                DocumentOutcome::NotFetched => {
                    use crate::evidence::registry::Answer;
                    match ctx
                        .portfolio
                        .online
                        .as_deref()
                        .and_then(|f| f.document(&check.cited, &check.sha256))
                    {
                        // As unverifiable as no document at all: it weighs as a missing pin
                        // does under the policy (an error where pins are required). A document
                        // no policy requires to be filed (a bridge letter's) weighs as its
                        // absence: at most a warning.
                        None if !pinned_piece(&check.at)
                            || !check.at.strip_suffix(".document").is_some_and(judged) =>
                        {
                            Outcome::warn(format!(
                                "`{}` is cited by URL only and cannot be checked offline",
                                check.cited
                            ))
                            .about(crate::rules::Piece::Attachment)
                        }
                        None if ctx.thresholds.require_document_pins => {
                            Outcome::unverified(format!(
                                "`{}` is cited by URL only and cannot be checked offline",
                                check.cited
                            ))
                        }
                        None => Outcome::warn(format!(
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
                            .adverse()
                            .answered_by(l),
                            Answer::NotFound => Outcome::fail(format!(
                                "`{}` does not exist (HTTP 404)",
                                check.cited
                            ))
                            .adverse()
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
            .filter(|(i, r)| {
                current_soc2.contains(i) && r.source == Source::Document && r.document.is_none()
            })
            .map(|(i, _)| format!("soc2[{i}]"))
            .chain(
                ev.iso
                    .iter()
                    .enumerate()
                    .filter(|(i, c)| {
                        current_iso.contains(i)
                            && c.source == Source::Document
                            && c.document.is_none()
                    })
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
        if ctx.thresholds.require_document_pins {
            // Each piece on its own, so that each weighs as the policy requires of it.
            for piece in &unfiled {
                outcomes.push(
                    Outcome::fail(format!(
                        "{piece} was read in full but its document is not filed with a sha256, \
                         which this policy requires"
                    ))
                    .at(format!("{piece}.source")),
                );
            }
        } else if let Some(first) = unfiled.first() {
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

/// Whether the document cited at `at` (`soc2[0].document`) is that of a piece whose document a
/// policy may require to be filed (`require_document_pins`): a SOC 2 report, an ISO/IEC
/// certificate, sector evidence or the contract, not a bridge letter or an AI test report.
fn pinned_piece(at: &str) -> bool {
    at.strip_suffix(".document")
        .is_some_and(|piece| !piece.contains('.'))
}

pub static INCIDENTS: Rule = Rule {
    id: "GEN-INCIDENTS",
    framework: Framework::General,
    title: "incidents of the last 24 months are listed with their handling",
    default_level: Level::Error,
    sources: &[
        "ISO/IEC 27001:2022 A.5.24–A.5.28 (incident management)",
        "AICPA TSC 2017 CC7.3–CC7.5",
    ],
    rationale: "How a vendor discloses and handles security incidents says more than the absence \
        of incidents. The incidents of the last 24 months, each with its handling, show whether \
        its incident process works and whether it tells its customers.",
    question: "Which security incidents have you had in the last 24 months, and how was each handled?",
    passes: "an `[incidents]` record from the vendor with every incident of the window handled",
    fails: "no incident history recorded, or an incident without its handling",
    gap: None,
    reads: &[
        "incidents",
        "incidents.disclosed",
        "incidents.disclosed[].date",
        "incidents.disclosed[].handling",
        "incidents.reviewed_on",
    ],
    obligations: &crate::rules::crosswalk::GEN_INCIDENTS,
    check: |ctx| {
        let Some(history) = &ctx.ev.incidents else {
            return vec![Outcome::fail("no incident history recorded").at("vendor")];
        };
        let window = ctx.thresholds.incident_window_months;
        let asked = history.reviewed_on;
        if ctx.as_of.before(asked) {
            return vec![
                Outcome::fail(format!(
                    "incident history dated {asked}, after the as-of date {}",
                    ctx.as_of
                ))
                .at("incidents.reviewed_on"),
            ];
        }
        let interval = ctx.thresholds.review_interval_months;
        if ctx.as_of.after(asked.plus_months(interval)) {
            return vec![Outcome::fail(format!(
                "incident history last asked {asked}, more than {interval} months ago: incidents since are unknown"
            ))
            .at("incidents.reviewed_on")];
        }
        let recent: Vec<(usize, &crate::evidence::Incident)> = history
            .disclosed
            .iter()
            .enumerate()
            .filter(|(_, i)| ctx.as_of.within(i.date, i.date.plus_months(window)))
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

/// Every date of the evidence that records something that has already happened (a report, an
/// audit, a test, a review), with its evidence path.
fn past_events(ev: &crate::evidence::EvidenceFile) -> Vec<(String, crate::evidence::Date)> {
    let mut out = Vec::new();
    let mut push = |at: String, d: Option<crate::evidence::Date>| {
        if let Some(d) = d {
            out.push((at, d));
        }
    };
    push("vendor.last_review".into(), ev.vendor.last_review);
    for (i, r) in ev.soc2.iter().enumerate() {
        push(format!("soc2[{i}].period_start"), r.period_start);
        push(format!("soc2[{i}].period_end"), r.period_end);
        push(format!("soc2[{i}].report_date"), r.report_date);
        if let Some(b) = &r.bridge_letter {
            push(format!("soc2[{i}].bridge_letter.date"), b.date);
        }
    }
    for (i, c) in ev.iso.iter().enumerate() {
        push(format!("iso[{i}].issued"), c.issued);
        for (j, a) in c.surveillance.iter().enumerate() {
            push(format!("iso[{i}].surveillance[{j}].date"), Some(a.date));
        }
        push(
            format!("iso[{i}].soa.date"),
            c.soa.as_ref().and_then(|s| s.date),
        );
        push(
            format!("iso[{i}].verification.date"),
            c.verification.as_ref().map(|v| v.date),
        );
    }
    for (i, s) in ev.star.iter().enumerate() {
        push(format!("star[{i}].date"), s.date);
    }
    if let Some(ai) = &ev.ai {
        push(
            "ai.risk_register.date".into(),
            ai.risk_register.as_ref().and_then(|r| r.date),
        );
        push(
            "ai.adversarial_testing.date".into(),
            ai.adversarial_testing.as_ref().map(|t| t.date),
        );
        push("ai.bias.date".into(), ai.bias.as_ref().and_then(|b| b.date));
        push(
            "ai.incident_response.last_tabletop".into(),
            ai.incident_response.as_ref().and_then(|p| p.last_tabletop),
        );
        push(
            "ai.rmf.last_review".into(),
            ai.rmf.as_ref().and_then(|r| r.last_review),
        );
    }
    for (i, s) in ev.sector.iter().enumerate() {
        push(format!("sector[{i}].date"), s.date);
    }
    if let Some(h) = &ev.incidents {
        push("incidents.reviewed_on".into(), Some(h.reviewed_on));
        for (i, incident) in h.disclosed.iter().enumerate() {
            push(
                format!("incidents.disclosed[{i}].date"),
                Some(incident.date),
            );
        }
    }
    out
}

pub static DATES: Rule = Rule {
    id: "GEN-DATES",
    framework: Framework::General,
    title: "no past event is dated after the as-of date",
    default_level: Level::Error,
    sources: &[
        "ISO/IEC 17021-1:2015 cl. 8.2.2 (certification dates)",
        "AICPA SOC 2 guide (AT-C 105/205, SSAE 18)",
    ],
    rationale: "A report, audit, test or review recorded after the date the evaluation is made as \
        of has not happened yet: the evidence was recorded wrongly, or describes what is promised \
        rather than what was done. Either way it proves nothing, whatever rule would read it, and \
        whether or not the policy reads that part of the evidence at all.",
    question: "Can you confirm the dates of these reports, audits and tests, and send the documents \
        that show them?",
    passes: "every date of a past event (report and period dates, issue, surveillance, SoA review, \
        verification, STAR, AI risk register, red team, bias assessment, tabletop, AI RMF review, \
        sector evidence, incidents, the analyst's review) on or before the as-of date",
    fails: "any of them after the as-of date",
    gap: None,
    reads: &[
        "ai",
        "ai.adversarial_testing",
        "ai.adversarial_testing.date",
        "ai.bias.date",
        "ai.incident_response",
        "ai.incident_response.last_tabletop",
        "ai.risk_register.date",
        "ai.rmf",
        "ai.rmf.last_review",
        "incidents",
        "incidents.disclosed[].date",
        "incidents.reviewed_on",
        "iso",
        "iso[].issued",
        "iso[].soa.date",
        "iso[].surveillance",
        "iso[].surveillance[].date",
        "iso[].verification",
        "iso[].verification.date",
        "sector[].date",
        "soc2",
        "soc2[].bridge_letter.date",
        "soc2[].period_end",
        "soc2[].report_date",
        "star",
        "star[].date",
        "vendor.last_review",
    ],
    obligations: &crate::rules::crosswalk::GEN_DATES,
    check: |ctx| {
        let events = past_events(ctx.ev);
        if events.is_empty() {
            return vec![Outcome::not_applicable(
                "no dated past event in the evidence",
            )];
        }
        let future: Vec<&(String, crate::evidence::Date)> = events
            .iter()
            .filter(|(_, d)| ctx.as_of.before(*d))
            .collect();
        match future.first() {
            None => vec![Outcome::pass(format!(
                "{} on or before {}",
                plural(events.len(), "dated past event"),
                ctx.as_of
            ))],
            Some((at, _)) => vec![
                Outcome::fail(format!(
                    "dated after the as-of date {}: {}",
                    ctx.as_of,
                    future
                        .iter()
                        .map(|(at, d)| format!("{at} {d}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
                .adverse()
                .at(at.clone()),
            ],
        }
    },
};
