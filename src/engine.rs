//! Evaluates one vendor under a policy at an as-of date. Pure: no I/O.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use crate::evidence::error::SourceFile;
use crate::evidence::{Date, LoadedVendor};
use crate::policy::{Policy, Waiver};
use crate::rules::{Ctx, Level, Outcome, PortfolioIndex, Rule, Status, general};

/// How much a finding weighs in the verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    None,
    Warning,
    Error,
}

impl Severity {
    /// Fail and unverified count at the rule's level; warn is always a warning.
    pub fn of(status: Status, level: Level) -> Severity {
        match (status, level) {
            (_, Level::Off) | (Status::Pass | Status::Waived | Status::NotApplicable, _) => {
                Severity::None
            }
            (Status::Warn, _) => Severity::Warning,
            (Status::Fail | Status::Unverified, Level::Warning) => Severity::Warning,
            (Status::Fail | Status::Unverified, Level::Error) => Severity::Error,
        }
    }
}

/// One rule's conclusion about one piece of a vendor's evidence.
#[derive(Debug)]
pub struct Finding {
    pub rule: &'static Rule,
    pub level: Level,
    pub status: Status,
    pub severity: Severity,
    pub message: String,
    pub subject: Option<String>,
    /// Evidence path, e.g. `iso[0].expires`.
    pub at: Option<String>,
    /// Byte range of that path's value in the evidence file, for snippets.
    pub span: Range<usize>,
    /// 1-based position of that path in the evidence file.
    pub line: usize,
    pub column: usize,
    pub matched: Vec<String>,
    /// The registry answer it rests on (`--online` / `--offline`).
    pub registry: Option<Box<crate::evidence::registry::RegistryNote>>,
    /// The waiver that accepts this finding, when one does.
    pub waiver: Option<Box<Waiver>>,
    /// It rests on a fact that shows something is wrong (see `rules::Outcome::adverse`).
    pub adverse: bool,
    /// It is about a report, certificate or STAR entry the policy does not require, and rests on
    /// evidence merely weaker than required, not on an adverse fact: it weighs as that piece's
    /// absence would, so at most a warning (and `warnings_fail` does not make it an error).
    pub weak: bool,
    /// The finding this one follows from, when that finding is reported and does not pass.
    pub caused_by: Option<crate::rules::Cause>,
    /// Where the evidence of a pass that became unverified was seen ("the vendor's trust page"),
    /// when only that kept it from passing: a claim, not an attestation.
    pub claim: Option<String>,
}

/// Written out so that `clone_from` keeps the texts' buffers: the calendar judges a vendor
/// day after day, copying its findings into the last day's.
impl Clone for Finding {
    fn clone(&self) -> Finding {
        let Finding {
            rule,
            level,
            status,
            severity,
            message,
            subject,
            at,
            span,
            line,
            column,
            matched,
            registry,
            waiver,
            adverse,
            weak,
            caused_by,
            claim,
        } = self;
        Finding {
            rule,
            level: *level,
            status: *status,
            severity: *severity,
            message: message.clone(),
            subject: subject.clone(),
            at: at.clone(),
            span: span.clone(),
            line: *line,
            column: *column,
            matched: matched.clone(),
            registry: registry.clone(),
            waiver: waiver.clone(),
            adverse: *adverse,
            weak: *weak,
            caused_by: caused_by.clone(),
            claim: claim.clone(),
        }
    }

    fn clone_from(&mut self, source: &Finding) {
        let Finding {
            rule,
            level,
            status,
            severity,
            message,
            subject,
            at,
            span,
            line,
            column,
            matched,
            registry,
            waiver,
            adverse,
            weak,
            caused_by,
            claim,
        } = source;
        self.rule = rule;
        self.level = *level;
        self.status = *status;
        self.severity = *severity;
        self.message.clone_from(message);
        self.subject.clone_from(subject);
        self.at.clone_from(at);
        self.span.clone_from(span);
        self.line = *line;
        self.column = *column;
        self.matched.clone_from(matched);
        self.registry.clone_from(registry);
        self.waiver.clone_from(waiver);
        self.adverse = *adverse;
        self.weak = *weak;
        self.caused_by.clone_from(caused_by);
        self.claim.clone_from(claim);
    }
}

#[cfg(test)]
impl Finding {
    /// A finding of `rule` with `status` at the rule's default level, with a message and
    /// nothing else, for tests to fill in what they need.
    pub fn example(rule: &'static Rule, status: Status, message: &str) -> Finding {
        Finding {
            rule,
            level: rule.default_level,
            status,
            severity: Severity::of(status, rule.default_level),
            message: message.to_string(),
            subject: None,
            at: None,
            span: 0..0,
            line: 1,
            column: 1,
            matched: Vec::new(),
            registry: None,
            waiver: None,
            adverse: false,
            weak: false,
            caused_by: None,
            claim: None,
        }
    }
}

impl Finding {
    /// Whether the vendor should be asked about it.
    pub fn needs_answer(&self) -> bool {
        matches!(
            self.status,
            Status::Fail | Status::Warn | Status::Unverified
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Pass,
    Fail,
}

/// A vendor's evaluation.
#[derive(Debug, Clone)]
pub struct VendorResult {
    pub id: String,
    pub name: String,
    pub file: PathBuf,
    /// The evidence file's text, for snippets.
    pub source: Arc<SourceFile>,
    /// The policy the vendor was evaluated under (with where a policy file set each level).
    pub policy_detail: Arc<Policy>,
    /// The policy the vendor was evaluated under.
    pub policy: String,
    /// The risk tier of our use of the vendor.
    pub risk_tier: crate::evidence::RiskTier,
    /// For an AI vendor, whether every AI assurance area is recorded (the portfolio
    /// metric "AI-specific gap assessments"); `None` for other vendors.
    pub ai_assessed: Option<bool>,
    pub verdict: Verdict,
    pub findings: Vec<Finding>,
}

impl VendorResult {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// The two questions the report keeps apart: does a current, independent attestation cover
    /// the services (GEN-COVERAGE), and how many AI risks are evidenced as controlled.
    pub fn assurance(&self) -> Assurance {
        let attested = self
            .findings
            .iter()
            .find(|f| f.rule.id == "GEN-COVERAGE")
            .map(|f| f.status == Status::Pass);
        let ai: Vec<&Finding> = self
            .findings
            .iter()
            .filter(|f| f.rule.gap.is_some() && f.status != Status::NotApplicable)
            .collect();
        Assurance {
            attested,
            ai_risks_checked: ai.len(),
            ai_risks_controlled: ai.iter().filter(|f| f.status == Status::Pass).count(),
        }
    }
}

/// What a vendor's evidence shows, in two separate answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Assurance {
    /// A current, independent attestation covers every service we use (`None`: not evaluated).
    pub attested: Option<bool>,
    /// AI gap rules evaluated for this vendor.
    pub ai_risks_checked: usize,
    /// Of those, the ones whose risk is evidenced as controlled (passing).
    pub ai_risks_controlled: usize,
}

pub use crate::rules::Positions;

/// Runs every active rule of `policy` on `vendor`, then applies the waivers that name it.
pub fn evaluate(
    vendor: &LoadedVendor,
    as_of: Date,
    policy: &Arc<Policy>,
    portfolio: &PortfolioIndex,
    waivers: &[Waiver],
) -> VendorResult {
    evaluate_with(vendor, as_of, policy, portfolio, waivers, Positions::Found)
}

/// [`evaluate`], with or without the findings' positions.
pub fn evaluate_with(
    vendor: &LoadedVendor,
    as_of: Date,
    policy: &Arc<Policy>,
    portfolio: &PortfolioIndex,
    waivers: &[Waiver],
    positions: Positions,
) -> VendorResult {
    let judged = judge_with(vendor, as_of, policy, portfolio, waivers, positions);
    result_of(vendor, policy, judged.0)
}

/// The result of `vendor` judged under `policy`: its verdict and findings on the day judged.
pub fn result_of(
    vendor: &LoadedVendor,
    policy: &Arc<Policy>,
    (verdict, findings): (Verdict, Vec<Finding>),
) -> VendorResult {
    VendorResult {
        id: vendor.evidence.vendor.id.clone(),
        name: vendor.evidence.vendor.name.clone(),
        file: vendor.file.clone(),
        source: SourceFile::new(&vendor.file, &vendor.text),
        policy_detail: Arc::clone(policy),
        policy: policy.name.clone(),
        risk_tier: vendor.evidence.vendor.risk_tier,
        ai_assessed: vendor
            .evidence
            .vendor
            .ai_vendor
            .then(|| ai_assessment_complete(&vendor.evidence)),
        verdict,
        findings,
    }
}

/// The verdict and findings of `vendor` at `as_of`, and the days after `as_of` on which an answer
/// a check gave about the date would turn (see [`crate::rules::AsOf`]): until the first of them,
/// the verdict and every finding's status stay as they are.
pub fn judge(
    vendor: &LoadedVendor,
    as_of: Date,
    policy: &Policy,
    portfolio: &PortfolioIndex,
    waivers: &[Waiver],
) -> ((Verdict, Vec<Finding>), Option<Date>) {
    judge_with(vendor, as_of, policy, portfolio, waivers, Positions::Found)
}

fn judge_with(
    vendor: &LoadedVendor,
    as_of: Date,
    policy: &Policy,
    portfolio: &PortfolioIndex,
    waivers: &[Waiver],
    positions: Positions,
) -> ((Verdict, Vec<Finding>), Option<Date>) {
    // Judged once, never brought forward: the rules' findings are moved into the result, not
    // copied.
    let mut judged = Judged::unsettled(vendor, as_of, policy, portfolio, waivers, positions);
    // Gathered into one allocation (collecting a flattened iterator grows the list step by
    // step, and a finding is a few hundred bytes).
    let mut findings = Vec::with_capacity(judged.rules.iter().map(|r| r.2.len()).sum());
    for rule in &mut judged.rules {
        findings.append(&mut rule.2);
    }
    judged.settle_from(findings);
    let next = judged.next_turn();
    (judged.settled, next)
}

/// A vendor judged on one day and kept rule by rule, so that it can be brought forward to a later
/// day by running again only the rules whose answers about the date turn by then: until its
/// first turn, a check follows the same path to the same outcomes. The expiry calendar walks a
/// vendor through the year this way.
pub struct Judged<'v> {
    vendor: &'v LoadedVendor,
    policy: &'v Policy,
    portfolio: &'v PortfolioIndex,
    waivers: Vec<Waiver>,
    day: Date,
    positions: Positions,
    /// Per active rule: its level, its findings before waivers, and its first turn.
    rules: Vec<(&'static Rule, Level, Vec<Finding>, Option<Date>)>,
    /// The first turn of what is judged across rules (waivers in force).
    settle_turn: Option<Date>,
    /// The verdict and the findings, waivers applied.
    pub settled: (Verdict, Vec<Finding>),
}

impl<'v> Judged<'v> {
    pub fn new(
        vendor: &'v LoadedVendor,
        as_of: Date,
        policy: &'v Policy,
        portfolio: &'v PortfolioIndex,
        waivers: &[Waiver],
    ) -> Judged<'v> {
        let mut judged =
            Judged::unsettled(vendor, as_of, policy, portfolio, waivers, Positions::Found);
        judged.settle();
        judged
    }

    /// The rules run on `as_of`, their findings not yet settled.
    fn unsettled(
        vendor: &'v LoadedVendor,
        as_of: Date,
        policy: &'v Policy,
        portfolio: &'v PortfolioIndex,
        waivers: &[Waiver],
        positions: Positions,
    ) -> Judged<'v> {
        let own: Vec<Waiver> = waivers
            .iter()
            .filter(|w| w.vendor == vendor.evidence.vendor.id)
            .cloned()
            .collect();
        let ctx = Ctx::new(vendor, as_of, &policy.thresholds, portfolio, &own).with(positions);
        let rules = policy
            .active_rules()
            .map(|(rule, level)| {
                let (findings, turn) = run_rule(rule, level, &ctx);
                (rule, level, findings, turn)
            })
            .collect();
        drop(ctx);
        Judged {
            vendor,
            policy,
            portfolio,
            waivers: own,
            day: as_of,
            positions,
            rules,
            settle_turn: None,
            settled: (Verdict::Pass, Vec::new()),
        }
    }

    /// The first day after the one judged on which a finding may change.
    pub fn next_turn(&self) -> Option<Date> {
        self.rules
            .iter()
            .filter_map(|r| r.3)
            .chain(self.settle_turn)
            .min()
    }

    /// Judges the vendor on `day` (later than the day judged), running again only the rules
    /// whose answers have turned by then; returns their ids.
    pub fn advance_to(&mut self, day: Date) -> Vec<&'static str> {
        let ctx = Ctx::new(
            self.vendor,
            day,
            &self.policy.thresholds,
            self.portfolio,
            &self.waivers,
        )
        .with(self.positions);
        let mut ran = Vec::new();
        for (rule, level, findings, turn) in &mut self.rules {
            if turn.is_some_and(|t| t <= day) {
                (*findings, *turn) = run_rule(rule, *level, &ctx);
                ran.push(rule.id);
            }
        }
        drop(ctx);
        self.day = day;
        self.settle();
        ran
    }

    /// Runs the rules `ids` again on the day judged. Their statuses cannot differ from what is
    /// kept, but their messages may speak of the day ("9 months before …"): the calendar asks for
    /// the rules whose findings change, so that each event reads as of its own day.
    pub fn refresh(&mut self, ids: &[&str]) {
        let ctx = Ctx::new(
            self.vendor,
            self.day,
            &self.policy.thresholds,
            self.portfolio,
            &self.waivers,
        )
        .with(self.positions);
        for (rule, level, findings, turn) in &mut self.rules {
            if ids.contains(&rule.id) {
                (*findings, *turn) = run_rule(rule, *level, &ctx);
            }
        }
        drop(ctx);
        self.settle();
    }

    /// Warnings that fail, waivers and the verdict, on the day judged.
    /// The rules' findings in rule order, waivers applied. They are copied into the findings
    /// settled before (or the spare ones [`Judged::take_settled`] was given), whose texts'
    /// buffers are kept.
    fn settle(&mut self) {
        let mut findings = std::mem::take(&mut self.settled.1);
        let total = self.rules.iter().map(|r| r.2.len()).sum();
        findings.truncate(total);
        findings.reserve(total - findings.len());
        for (at, f) in self.rules.iter().flat_map(|r| &r.2).enumerate() {
            match findings.get_mut(at) {
                Some(kept) => kept.clone_from(f),
                None => findings.push(f.clone()),
            }
        }
        self.settle_from(findings);
    }

    /// Takes the findings settled, leaving `spare` to be settled into next (findings no
    /// longer needed, whose buffers are reused).
    pub fn take_settled(&mut self, spare: Vec<Finding>) -> (Verdict, Vec<Finding>) {
        std::mem::replace(&mut self.settled, (Verdict::Pass, spare))
    }

    /// [`Judged::settle`] given the rules' findings, in rule order.
    fn settle_from(&mut self, mut findings: Vec<Finding>) {
        let ctx = Ctx::new(
            self.vendor,
            self.day,
            &self.policy.thresholds,
            self.portfolio,
            &self.waivers,
        )
        .with(self.positions);
        if self.policy.thresholds.warnings_fail {
            for f in findings
                .iter_mut()
                .filter(|f| f.status == Status::Warn && f.level == Level::Error && !f.weak)
            {
                f.severity = Severity::Error;
            }
        }
        apply_waivers(&ctx, self.policy, &mut findings);
        link_causes(&mut findings, &self.vendor.evidence.vendor.id);
        let verdict = if findings.iter().any(|f| f.severity == Severity::Error) {
            Verdict::Fail
        } else {
            Verdict::Pass
        };
        self.settle_turn = ctx.as_of.take_next_turn();
        self.settled = (verdict, findings);
    }
}

/// Keeps each finding's cause only where the cause is reported and does not pass, and tells a
/// consequence whose cause is waived that the waiver does not reach it: a waiver accepts the
/// findings of the rule it names, and each consequence needs its own.
fn link_causes(findings: &mut [Finding], vendor: &str) {
    let causes: Vec<Option<(Status, Option<Box<Waiver>>)>> = findings
        .iter()
        .map(|f| {
            let cause = f.caused_by.as_ref()?;
            findings
                .iter()
                .find(|c| c.rule.id == cause.rule && c.subject == cause.subject)
                .filter(|c| !matches!(c.status, Status::Pass | Status::NotApplicable))
                .map(|c| (c.status, c.waiver.clone()))
        })
        .collect();
    for (f, cause) in findings.iter_mut().zip(causes) {
        match cause {
            None => f.caused_by = None,
            Some((Status::Waived, Some(w))) if f.severity != Severity::None => {
                let rule = f.caused_by.as_ref().map_or("", |c| c.rule);
                f.message = format!(
                    "{}; its cause is waived ({rule}, approved by {}, {}), but a waiver accepts only the rule it names: accepting this too needs a waiver of {} for {vendor}",
                    f.message, w.approver, w.origin, f.rule.id
                );
            }
            Some(_) => {}
        }
    }
}

/// One rule's findings on the day `ctx` holds, before waivers, and the first day after it on
/// which an answer the rule gave about the date turns.
fn run_rule(rule: &'static Rule, level: Level, ctx: &Ctx) -> (Vec<Finding>, Option<Date>) {
    ctx.as_of.take_next_turn();
    let findings = (rule.check)(ctx)
        .into_iter()
        .map(|outcome| finding(rule, level, outcome, ctx))
        .collect();
    (findings, ctx.as_of.take_next_turn())
}

/// Whether every AI assurance area has been looked at and recorded.
fn ai_assessment_complete(ev: &crate::evidence::EvidenceFile) -> bool {
    ev.ai.as_ref().is_some_and(|a| {
        a.training_on_customer_data.is_some()
            && (a.zero_data_retention.is_some() || a.retention_days.is_some())
            && a.risk_register.is_some()
            && a.adversarial_testing.is_some()
            && a.model_security.is_some()
            && a.output_monitoring.is_some()
            && a.bias.is_some()
            && a.incident_response.is_some()
            && a.rmf.is_some()
            && a.inference_logs.is_some()
    })
}

/// Marks the findings a waiver in force accepts as waived; a waiver in force that accepts
/// nothing is itself reported (GEN-WAIVER warns), like cargo-deny's unused-waiver finding.
fn apply_waivers(ctx: &Ctx, policy: &Policy, findings: &mut Vec<Finding>) {
    let Some(level) = policy
        .active_rules()
        .find(|(r, _)| r.id == general::WAIVER.id)
        .map(|(_, l)| l)
    else {
        return;
    };
    for w in ctx.waivers {
        if general::waiver_lapse(ctx, w).is_some() {
            continue;
        }
        let mut used = false;
        for f in findings
            .iter_mut()
            .filter(|f| f.rule.id == w.rule && f.severity != Severity::None)
        {
            let about = |needle: &str| f.subject.as_deref().is_some_and(|s| s.contains(needle));
            let scoped = w.certificate.as_deref().is_none_or(about)
                && w.soc2_period_end.is_none_or(|d| {
                    about(&format!("period ending {d}")) || about(&format!("as of {d}"))
                });
            if scoped {
                f.status = Status::Waived;
                f.severity = Severity::None;
                f.waiver = Some(Box::new(w.clone()));
                used = true;
            }
        }
        // Under `check --obligation`, a waiver of a rule the restriction turned off has no
        // finding to accept, and that says nothing about the waiver.
        let restricted_off = policy.bearing_on.is_some()
            && crate::rules::find(&w.rule).is_some_and(|r| policy.level(r) == Level::Off);
        if !used && !restricted_off {
            // "N waivers in force" no longer tells the whole story.
            findings.retain(|f| !(f.rule.id == general::WAIVER.id && f.status == Status::Pass));
            let outcome = Outcome::warn(format!(
                "the waiver of {} approved by {} ({}) matches no finding: remove it or correct it",
                w.rule, w.approver, w.origin
            ));
            findings.push(finding(&general::WAIVER, level, outcome, ctx));
        }
    }
}

fn finding(rule: &'static Rule, level: Level, outcome: Outcome, ctx: &Ctx) -> Finding {
    let vendor = ctx.vendor;
    let Outcome {
        mut status,
        mut message,
        at,
        subject,
        source,
        matched,
        registry,
        adverse,
        caused_by,
        piece,
    } = outcome;
    // A pass that rests on a claim is not a pass: provenance decides what a piece can prove.
    let mut claim = None;
    if status == Status::Pass
        && let Some(source) = source.filter(|s| !s.is_independent())
    {
        status = Status::Unverified;
        claim = Some(source.describe().to_string());
        message = format!(
            "{message}, but only seen in {}: a claim, not an attestation",
            source.describe()
        );
    }
    // Only a finding that weighs something can weigh less: passes and n/a skip the look-up of
    // what the policy requires.
    let weak = matches!(status, Status::Fail | Status::Unverified | Status::Warn)
        && !adverse
        && crate::rules::judges_pieces(rule)
        && !crate::rules::requires_piece(ctx, piece, at.as_deref());
    let (span, (line, column)) = match ctx.positions {
        Positions::Found => {
            let span = vendor.span_of(at.as_deref().unwrap_or(""));
            let position = vendor.position_of(span.start);
            (span, position)
        }
        Positions::Skipped => (0..0, (0, 0)),
    };
    Finding {
        rule,
        level,
        status,
        // Weaker evidence the policy does not require counts no worse than its absence: a warning.
        severity: match Severity::of(status, level) {
            Severity::Error if weak => Severity::Warning,
            severity => severity,
        },
        message,
        subject,
        at,
        span,
        line,
        column,
        matched,
        registry,
        waiver: None,
        adverse,
        weak,
        caused_by,
        claim,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::load_vendor;
    use crate::evidence::registry::{
        Answer, CertRecord, CertStatus, Facts, Key, Looked, Mode, RegistryKind, RegistryScope,
    };
    use std::path::Path;

    fn fixture(rel: &str) -> LoadedVendor {
        let file = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/rules")
            .join(rel);
        load_vendor(&file).expect("the fixture loads")
    }

    fn run(vendor: &LoadedVendor) -> VendorResult {
        let mut policy = Policy::baseline();
        policy.levels.clear();
        let as_of: Date = "2026-11-23".parse().unwrap();
        evaluate(
            vendor,
            as_of,
            &Arc::new(policy),
            &PortfolioIndex::default(),
            &[],
        )
    }

    #[test]
    fn assurance_reports_whether_gen_coverage_passed() {
        let covered = run(&fixture("AI-ADVERSARIAL/pass/vendor.toml"));
        let a = covered.assurance();
        assert_eq!(a.attested, Some(true));
        assert_eq!(a.ai_risks_checked, a.ai_risks_controlled);
        assert!(a.ai_risks_checked > 0);
        let uncovered = run(&fixture("GEN-COVERAGE/fail-not-covered/vendor.toml"));
        assert_eq!(uncovered.assurance().attested, Some(false));
    }

    #[test]
    fn an_ai_assessment_is_complete_only_with_every_area_recorded() {
        let complete = run(&fixture("AI-ADVERSARIAL/pass/vendor.toml"));
        assert_eq!(complete.ai_assessed, Some(true));
        let not_ai = run(&fixture("ISO-VERSION/pass/vendor.toml"));
        assert_eq!(not_ai.ai_assessed, None);
        // Every area but the first (training on customer data) recorded: still incomplete.
        let partial = edited_fixture(
            "AI-ADVERSARIAL/pass/vendor.toml",
            "training_on_customer_data = \"no\"\n",
            "",
        );
        assert_eq!(run(&partial).ai_assessed, Some(false));
    }

    #[test]
    fn findings_without_positions_are_the_same_findings() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
        let as_of: Date = "2026-11-23".parse().unwrap();
        let policy = Arc::new(Policy::baseline());
        let index = PortfolioIndex::default();
        let mut compared = 0;
        for rule in std::fs::read_dir(&root).unwrap() {
            for case in std::fs::read_dir(rule.unwrap().path()).unwrap() {
                let Some(Ok(vendor)) = ["vendor.toml", "vendor.json"]
                    .iter()
                    .map(|name| case.as_ref().unwrap().path().join(name))
                    .find(|file| file.is_file())
                    .map(|file| load_vendor(&file))
                else {
                    continue;
                };
                let at = |positions| evaluate_with(&vendor, as_of, &policy, &index, &[], positions);
                let (found, skipped) = (at(Positions::Found), at(Positions::Skipped));
                assert_eq!(found.verdict, skipped.verdict);
                assert_eq!(found.findings.len(), skipped.findings.len());
                for (f, s) in found.findings.iter().zip(&skipped.findings) {
                    assert_eq!((s.span.clone(), s.line, s.column), (0..0, 0, 0));
                    let mut unplaced = f.clone();
                    (unplaced.span, unplaced.line, unplaced.column) = (0..0, 0, 0);
                    assert_eq!(format!("{unplaced:?}"), format!("{s:?}"));
                }
                compared += found.findings.iter().filter(|f| f.line > 0).count();
            }
        }
        // Enough findings with a position to mean something.
        assert!(compared > 10_000, "{compared}");
    }

    /// A rule fixture with `from` replaced by `to` (which must change it), loaded from a
    /// temporary copy.
    fn edited_fixture(rel: &str, from: &str, to: &str) -> LoadedVendor {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/rules")
            .join(rel);
        let text = std::fs::read_to_string(path).unwrap();
        let edited = text.replace(from, to);
        assert_ne!(text, edited, "`{from}` is not in {rel}");
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("vendor.toml");
        std::fs::write(&file, edited).unwrap();
        load_vendor(&file).expect("the edited fixture loads")
    }

    /// Evaluates `vendor` as `--online` would, with the registries having given `answers`.
    fn run_online(vendor: &LoadedVendor, answers: Vec<(Key, Answer)>) -> VendorResult {
        let fetched_at = chrono::DateTime::parse_from_rfc3339("2026-11-20T09:00:00Z")
            .unwrap()
            .to_utc();
        let answers = answers
            .into_iter()
            .map(|(key, answer)| {
                let url = match &key {
                    Key::Star { url } | Key::Document { url, .. } => url.clone(),
                    Key::Certificate { id, .. } => id.clone(),
                    Key::Company { name, .. } => name.clone(),
                };
                let looked = Looked {
                    registry: "test registry".to_string(),
                    url,
                    answer,
                    fetched_at,
                    from_cache: false,
                };
                (key, looked)
            })
            .collect();
        let registries = vec![RegistryScope {
            name: "test registry".to_string(),
            kind: RegistryKind::Json,
            standards: Vec::new(),
        }];
        let portfolio = PortfolioIndex {
            online: Some(Arc::new(Facts {
                answers,
                registries,
                mode: Mode::Online,
            })),
            ..PortfolioIndex::default()
        };
        let mut policy = Policy::baseline();
        policy.levels.clear();
        let as_of: Date = "2026-11-23".parse().unwrap();
        evaluate(vendor, as_of, &Arc::new(policy), &portfolio, &[])
    }

    fn the_finding<'r>(result: &'r VendorResult, rule: &str) -> &'r Finding {
        let found: Vec<&Finding> = result
            .findings
            .iter()
            .filter(|f| f.rule.id == rule)
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        found[0]
    }

    /// The STAR-REGISTRY finding on `STAR-REGISTRY/pass` when its registry page gives `answer`.
    fn star_registry_says(answer: Answer) -> (Status, String) {
        let result = run_online(
            &fixture("STAR-REGISTRY/pass/vendor.toml"),
            vec![(
                Key::Star {
                    url: STAR_URL.to_string(),
                },
                answer,
            )],
        );
        let f = the_finding(&result, "STAR-REGISTRY");
        (f.status, f.message.clone())
    }

    const STAR_URL: &str = "https://cloudsecurityalliance.org/star/registry/fixture-vendor/services/fixture-analytics-api/";

    #[test]
    fn a_star_registry_url_that_is_not_found_fails() {
        assert_eq!(
            star_registry_says(Answer::NotFound),
            (
                Status::Fail,
                format!("no registry entry at {STAR_URL} (2026-11-20T09:00:00Z)")
            )
        );
    }

    #[test]
    fn a_star_registry_page_that_cannot_be_read_is_unverified_with_the_reason() {
        assert_eq!(
            star_registry_says(Answer::Unavailable("HTTP 503 after 3 attempts".to_string())),
            (
                Status::Unverified,
                format!(
                    "the registry entry at {STAR_URL} could not be read: HTTP 503 after 3 attempts"
                )
            )
        );
    }

    #[test]
    fn a_star_registry_page_that_names_the_vendor_passes() {
        assert_eq!(
            star_registry_says(Answer::Page(
                "CSA STAR Level 2 attestation: FIXTURE VENDOR, Inc.".to_string()
            )),
            (
                Status::Pass,
                format!(
                    "listed at {STAR_URL}: the registry page names Fixture Vendor (2026-11-20T09:00:00Z)"
                )
            )
        );
    }

    #[test]
    fn a_star_registry_page_that_does_not_name_the_vendor_fails() {
        assert_eq!(
            star_registry_says(Answer::Page(
                "STAR Level 2 attestation: Another Company Ltd".to_string()
            )),
            (
                Status::Fail,
                format!(
                    "the registry page at {STAR_URL} does not name Fixture Vendor (2026-11-20T09:00:00Z)"
                )
            )
        );
    }

    const DOCUMENT_URL: &str = "https://trust.fixture-vendor.example/reports/soc2-type2-2026.pdf";
    const DOCUMENT_SHA256: &str =
        "be3a8e83adaffda24aa583707f205e2e69a5c22e32e5cd58dffb9999c0e22922";

    /// The GEN-DOCUMENT finding on `GEN-DOCUMENT/warn-url-only` (one SOC 2 report cited
    /// by URL) when fetching it gives `answer`.
    fn gen_document_says(answer: Answer) -> (Status, String) {
        let result = run_online(
            &fixture("GEN-DOCUMENT/warn-url-only/vendor.toml"),
            vec![(
                Key::Document {
                    url: DOCUMENT_URL.to_string(),
                    sha256: DOCUMENT_SHA256.to_string(),
                },
                answer,
            )],
        );
        let f = the_finding(&result, "GEN-DOCUMENT");
        (f.status, f.message.clone())
    }

    #[test]
    fn a_fetched_document_with_another_sha256_fails() {
        let other = "0".repeat(64);
        assert_eq!(
            gen_document_says(Answer::Document {
                sha256: other.clone()
            }),
            (
                Status::Fail,
                format!(
                    "`{DOCUMENT_URL}` was fetched but does not match its sha256 (found {other})"
                )
            )
        );
    }

    #[test]
    fn a_fetched_document_with_the_cited_sha256_passes() {
        // Written in capitals by the registry: the same digest.
        assert_eq!(
            gen_document_says(Answer::Document {
                sha256: DOCUMENT_SHA256.to_uppercase()
            }),
            (Status::Pass, "1 document fetched and matching".to_string())
        );
    }

    #[test]
    fn a_document_url_that_is_not_found_fails() {
        assert_eq!(
            gen_document_says(Answer::NotFound),
            (
                Status::Fail,
                format!("`{DOCUMENT_URL}` does not exist (HTTP 404)")
            )
        );
    }

    #[test]
    fn a_document_url_that_cannot_be_fetched_is_unverified_with_the_reason() {
        assert_eq!(
            gen_document_says(Answer::Unavailable("timed out after 10 s".to_string())),
            (
                Status::Unverified,
                format!("`{DOCUMENT_URL}` could not be fetched: timed out after 10 s")
            )
        );
    }

    #[test]
    fn only_findings_that_do_not_pass_call_for_an_answer() {
        let result = run(&fixture("AI-ADVERSARIAL/pass/vendor.toml"));
        let mut finding = the_finding(&result, "AI-ADVERSARIAL").clone();
        for (status, needs) in [
            (Status::Pass, false),
            (Status::NotApplicable, false),
            (Status::Waived, false),
            (Status::Fail, true),
            (Status::Warn, true),
            (Status::Unverified, true),
        ] {
            finding.status = status;
            assert_eq!(finding.needs_answer(), needs, "{status:?}");
        }
    }

    /// What a JSON registry might answer about `ISO-VERSION/pass`'s certificate FX-ISMS-40127,
    /// with `change` made to it.
    fn record(expires: &str, change: impl FnOnce(&mut CertRecord)) -> Answer {
        let mut record = CertRecord {
            number: "FX ISMS 40127".to_string(),
            status: CertStatus::Active,
            standards: vec!["ISO/IEC 27001:2022".to_string()],
            certification_body: Some("Northgate Assurance Ltd".to_string()),
            // Spelt out where the evidence has the acronym: the same body all the same.
            accreditation_body: Some("United Kingdom Accreditation Service".to_string()),
            scope: Some("Development and operation of the Fixture Analytics API".to_string()),
            entities: vec!["Fixture Vendor".to_string()],
            issued: Some("2025-03-10".parse().unwrap()),
            expires: Some(expires.parse().unwrap()),
            registry_id: None,
            accredited_mla: None,
            accreditation_listed: true,
        };
        change(&mut record);
        Answer::Certificate(record)
    }

    /// The ISO-VERIFIED finding on `vendor` (by default `ISO-VERSION/pass`) when the registry
    /// answers `answer` about certificate FX-ISMS-40127.
    fn iso_verified_says(vendor: Option<&LoadedVendor>, answer: Answer) -> (Status, String) {
        let key = Key::Certificate {
            registry: "test registry".to_string(),
            id: "FX-ISMS-40127".to_string(),
        };
        let default = fixture("ISO-VERSION/pass/vendor.toml");
        let result = run_online(vendor.unwrap_or(&default), vec![(key, answer)]);
        let f = the_finding(&result, "ISO-VERIFIED");
        (f.status, f.message.clone())
    }

    const ALL_MATCH: &str = "test registry reports it active (2026-11-20T09:00:00Z); standard, \
        certification body, accreditation body, scope, certified entity and expiry match";

    #[test]
    fn a_registry_record_that_matches_the_evidence_verifies_the_certificate() {
        assert_eq!(
            iso_verified_says(None, record("2028-03-09", |_| {})),
            (Status::Pass, ALL_MATCH.to_string())
        );
    }

    #[test]
    fn a_registry_record_expiring_on_the_as_of_date_is_not_expired() {
        // Still valid on its last day: what fails is only that the expiry differs.
        assert_eq!(
            iso_verified_says(None, record("2026-11-23", |_| {})),
            (
                Status::Fail,
                "test registry lists it active but its record differs: expiry 2026-11-23 (the \
                 certificate says 2028-03-09) (2026-11-20T09:00:00Z)"
                    .to_string()
            )
        );
    }

    #[test]
    fn a_registry_record_naming_another_accreditation_body_fails() {
        let other = record("2028-03-09", |r| {
            r.accreditation_body = Some("Deutsche Akkreditierungsstelle".to_string());
        });
        assert_eq!(
            iso_verified_says(None, other),
            (
                Status::Fail,
                "test registry lists it active but its record differs: accreditation body \
                 `Deutsche Akkreditierungsstelle` (the evidence says `UKAS`) (2026-11-20T09:00:00Z)"
                    .to_string()
            )
        );
    }

    #[test]
    fn a_registry_edition_matches_evidence_that_gives_none() {
        // The evidence writes the standard without its edition; the registry's record has one.
        let vendor = edited_fixture(
            "ISO-VERSION/pass/vendor.toml",
            "standard = \"ISO/IEC 27001:2022\"",
            "standard = \"ISO/IEC 27001\"",
        );
        assert_eq!(
            iso_verified_says(Some(&vendor), record("2028-03-09", |_| {})),
            (Status::Pass, ALL_MATCH.to_string())
        );
    }

    #[test]
    fn a_registry_record_for_another_standard_without_an_edition_fails() {
        let other = record("2028-03-09", |r| r.standards = vec!["ISO 9001".to_string()]);
        assert_eq!(
            iso_verified_says(None, other),
            (
                Status::Fail,
                "test registry lists it active but its record differs: standard `ISO 9001` (the \
                 evidence says `ISO/IEC 27001:2022`) (2026-11-20T09:00:00Z)"
                    .to_string()
            )
        );
    }

    #[test]
    fn a_registry_record_that_expired_fails() {
        assert_eq!(
            iso_verified_says(None, record("2026-11-22", |_| {})),
            (
                Status::Fail,
                "test registry lists it active but expiring on 2026-11-22, before the as-of date \
                 (2026-11-20T09:00:00Z)"
                    .to_string()
            )
        );
    }
}
