//! The rule registry. Each rule is declared once — id, framework, title, default level,
//! sources, rationale, the question to send the vendor, what passing and failing evidence look
//! like, and its check — and that one declaration feeds evaluation, `rules`, reports and docs.
//!
//! A check reads the evidence, the policy and the as-of date and returns outcomes. It never
//! prints, never reads files and never knows the output format.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::evidence::waiver::Waiver;
use crate::evidence::{Date, EvidenceFile, LoadedVendor, Source};

pub(crate) use crate::evidence::text::is_placeholder;

pub mod accreditation;
pub mod ai;
pub mod as_of;
pub mod contract;
pub mod crosswalk;
pub mod general;
pub mod iso;
pub mod soc2;
pub mod star;
pub mod thresholds;

pub use as_of::AsOf;
pub use thresholds::Thresholds;

/// What a check concluded about one subject.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pass,
    /// A failing finding accepted by a current waiver.
    Waived,
    NotApplicable,
    Warn,
    Unverified,
    Fail,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Waived => "waived",
            Status::NotApplicable => "n/a",
            Status::Warn => "warn",
            Status::Unverified => "unverified",
            Status::Fail => "fail",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How much a rule's failure matters under a policy.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Off,
    Warning,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Framework {
    Soc2,
    Iso,
    Star,
    General,
    Ai,
    Contract,
}

impl Framework {
    /// The order reports present frameworks in; AI-specific gaps come last, in their own section.
    pub const REPORT_ORDER: &'static [Framework] = &[
        Framework::Soc2,
        Framework::Iso,
        Framework::Star,
        Framework::General,
        Framework::Contract,
        Framework::Ai,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Framework::Soc2 => "SOC 2",
            Framework::Iso => "ISO/IEC certificates",
            Framework::Star => "CSA STAR",
            Framework::General => "Across frameworks",
            Framework::Ai => "AI-specific gaps",
            Framework::Contract => "Contract",
        }
    }
}

/// A rule's declaration.
pub struct Rule {
    /// Stable id, part of the public contract (never reused).
    pub id: &'static str,
    pub framework: Framework,
    /// One line, lowercase, no trailing period.
    pub title: &'static str,
    pub default_level: Level,
    /// Public references a user can look up for the rule's reasoning, as short citations
    /// ("AICPA TSC 2017 CC9.2", "ISO/IEC 17021-1:2015 cl. 9.6").
    pub sources: &'static [&'static str],
    /// Why it matters, in our own words.
    pub rationale: &'static str,
    /// What to ask the vendor when the rule does not pass.
    pub question: &'static str,
    /// What evidence passes.
    pub passes: &'static str,
    /// What evidence fails.
    pub fails: &'static str,
    /// For AI gap rules: the risk left uncovered when the rule does not pass.
    pub gap: Option<AiGap>,
    /// The evidence fields whose values the check reads, as paths such as `soc2[].period_end`
    /// or `ai.rmf.version` (`[]` marks a list's entries). They are listed under each field in the
    /// evidence format reference (docs/evidence-format.md); `tests/field_reads.rs` checks that
    /// changing each of them can change the rule's outcome, and that no other field can.
    pub reads: &'static [&'static str],
    /// The obligations of the buyer's frameworks (ISO/IEC 27001 Annex A, SOC 2, NIS2, DORA,
    /// GDPR, EU AI Act, NIST AI RMF, OWASP LLM Top 10, MITRE ATLAS) the rule helps evidence, each
    /// with why; the table is `rules/crosswalk.rs` (docs/crosswalk.md).
    pub obligations: &'static crosswalk::Crosswalk,
    pub check: fn(&Ctx) -> Vec<Outcome>,
}

/// The AI risk an AI gap rule leaves uncovered when it does not pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AiGap {
    /// The risk, in a few words (training data exposure, prompt injection, …).
    pub risk: &'static str,
    /// The matching OWASP Top 10 for LLM Applications 2025 entry, where one fits.
    pub owasp: Option<&'static str>,
}

impl Rule {
    /// The rule's id in kebab case (`soc2-type`), as used in SARIF and JUnit names.
    pub fn slug(&self) -> String {
        self.id.to_ascii_lowercase()
    }
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule").field("id", &self.id).finish()
    }
}

/// Every rule, in report order.
pub static RULES: &[&Rule] = &[
    &soc2::TYPE,
    &soc2::AGE,
    &soc2::BRIDGE,
    &soc2::PERIOD,
    &soc2::OPINION,
    &soc2::EXCEPTIONS,
    &soc2::SCOPE,
    &soc2::CATEGORIES,
    &soc2::FULL_REPORT,
    &soc2::CUECS,
    &soc2::SUBSERVICE,
    &soc2::AUDITOR,
    &iso::CURRENT,
    &iso::VERSION,
    &iso::ACCREDITED,
    &iso::NUMBER,
    &iso::SCOPE,
    &iso::SURVEILLANCE,
    &iso::SOA,
    &iso::VERIFIED,
    &iso::FAMILY,
    &star::LEVEL,
    &star::REGISTRY,
    &star::CURRENT,
    &star::AI,
    &general::INDEPENDENT,
    &general::COVERAGE,
    &general::EXPIRY,
    &general::FILLED,
    &general::REVIEW,
    &general::DOCUMENT,
    &general::INCIDENTS,
    &general::DATES,
    &general::WAIVER,
    &general::SECTOR,
    &general::LAYERS,
    &contract::CERTS,
    &contract::LAPSE_NOTICE,
    &contract::TERMINATION,
    &contract::SUBPROCESSORS,
    &contract::ZDR,
    &ai::RISK_REGISTER,
    &ai::TRAINING_DATA,
    &ai::RETENTION,
    &ai::ADVERSARIAL,
    &ai::MODEL_SECURITY,
    &ai::OUTPUT_MONITORING,
    &ai::BIAS,
    &ai::INCIDENT_RESPONSE,
    &ai::RMF,
    &ai::INFERENCE_LOGS,
    &ai::ISO_AI_SCOPE,
    &ai::ISO_42001,
];

/// Fields of the evidence format that no rule reads: they are recorded for the analyst (and
/// shown in reports where a finding cites them) but decide nothing. `tests/field_reads.rs`
/// checks that every other field is read by some rule.
pub static RECORDED_ONLY: &[&str] = &[
    "schema",
    "vendor.reviewer",
    "soc2[].exceptions[].control",
    "soc2[].exceptions[].text",
    "soc2[].cuecs[].control",
    "soc2[].subservice[].name",
    "soc2[].bridge_letter.document.url",
    "iso[].surveillance[].findings",
    "iso[].soa.version",
    "iso[].ai_extensions",
    "iso[].verification.method",
    "star[].caiq_version",
    "ai.model_security.notes",
    "ai.output_monitoring.description",
    "ai.iso42001_readiness.source",
    "ai.inference_logs.customer_can_disable",
    "ai.adversarial_testing.document.url",
    "contract.document.url",
    "sector[].evidence",
    "sector[].document.url",
    "incidents.source",
    "incidents.disclosed[].summary",
];

/// `name[i]`, the evidence path of a list's entry, built without the formatting machinery: every
/// finding about a certificate or report carries one.
pub(crate) fn indexed(name: &str, i: usize) -> String {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(i);
    let mut out = String::with_capacity(name.len() + digits.len() + 2);
    out.push_str(name);
    out.push('[');
    out.push_str(digits);
    out.push(']');
    out
}

/// Looks a rule up by id, case-insensitively.
pub fn find(id: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.id.eq_ignore_ascii_case(id))
}

/// What other vendors of the run are known, for rules that look across vendors.
#[derive(Debug, Default, Clone)]
pub struct PortfolioIndex {
    pub vendors: BTreeMap<String, PortfolioEntry>,
    /// The registry answers of this run (`--online` / `--offline`); `None` when no look-up was
    /// asked for.
    pub online: Option<std::sync::Arc<crate::evidence::registry::Facts>>,
}

#[derive(Debug, Clone)]
pub struct PortfolioEntry {
    pub name: String,
    /// Scope texts of the vendor's current, independent, sound attestations (ISO scopes, SOC 2
    /// system descriptions), for rules that ask whether another vendor's evidence covers a
    /// service (GEN-LAYERS).
    pub attested_scopes: Vec<String>,
}

impl PortfolioEntry {
    /// What other vendors may rely on about `vendor`, judged under the thresholds of its policy
    /// at `as_of`.
    pub fn of(vendor: &LoadedVendor, as_of: Date, thresholds: &Thresholds) -> PortfolioEntry {
        let empty = PortfolioIndex::default();
        let ctx = Ctx::new(vendor, as_of, thresholds, &empty, &[]);
        PortfolioEntry {
            name: vendor.evidence.vendor.name.clone(),
            attested_scopes: general::attested_scopes(&ctx),
        }
    }
}

impl PortfolioIndex {
    /// Indexes `vendors`, each judged under the thresholds `thresholds_for` gives it at `as_of`.
    pub fn build<'a>(
        vendors: impl IntoIterator<Item = &'a LoadedVendor>,
        as_of: Date,
        thresholds_for: impl Fn(&LoadedVendor) -> Thresholds,
    ) -> PortfolioIndex {
        let mut index = PortfolioIndex::default();
        for vendor in vendors {
            let entry = PortfolioEntry::of(vendor, as_of, &thresholds_for(vendor));
            index
                .vendors
                .insert(vendor.evidence.vendor.id.clone(), entry);
        }
        index
    }
}

/// Everything a check may read.
pub struct Ctx<'a> {
    pub vendor: &'a LoadedVendor,
    pub ev: &'a EvidenceFile,
    /// The as-of date, read only through questions that record when their answer turns.
    pub as_of: AsOf,
    /// The thresholds of the policy the vendor is evaluated under.
    pub thresholds: &'a Thresholds,
    pub portfolio: &'a PortfolioIndex,
    /// The waivers that name this vendor.
    pub waivers: &'a [Waiver],
    /// What several rules derive from the evidence alone, derived once per vendor and day.
    pub(crate) memo: Memo<'a>,
    /// Whether the findings made in this context carry their place in the evidence file.
    pub(crate) positions: Positions,
}

/// Whether findings carry their place in the evidence file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Positions {
    /// Each finding's byte range, line and column: what every report that shows a finding needs.
    Found,
    /// None (an empty range at 0, line and column 0): for a run that only tallies verdicts and
    /// prints no finding, which spares a look-up per finding.
    Skipped,
}

/// The current SOC 2 reports and ISO/IEC certificates of a vendor with the subject each finding
/// about them names: functions of the evidence alone (never of the as-of date, so no answer
/// about the date goes unrecorded), which every SOC 2 and ISO rule asks for.
#[derive(Default)]
pub(crate) struct Memo<'a> {
    pub(crate) soc2: std::cell::OnceCell<Vec<(usize, &'a crate::evidence::SocReport, String)>>,
    pub(crate) iso: std::cell::OnceCell<
        Vec<(
            usize,
            &'a crate::evidence::IsoCertificate,
            crate::evidence::standard::Standard,
            String,
        )>,
    >,
}

impl<'a> Ctx<'a> {
    pub fn new(
        vendor: &'a LoadedVendor,
        as_of: Date,
        thresholds: &'a Thresholds,
        portfolio: &'a PortfolioIndex,
        waivers: &'a [Waiver],
    ) -> Self {
        Ctx {
            vendor,
            ev: &vendor.evidence,
            as_of: AsOf::new(as_of),
            thresholds,
            portfolio,
            waivers,
            memo: Memo::default(),
            positions: Positions::Found,
        }
    }

    /// This context, its findings with or without their positions.
    pub(crate) fn with(self, positions: Positions) -> Self {
        Ctx { positions, ..self }
    }
}

/// The finding another one follows from: a rule and the evidence it is about. A STAR Level 2
/// entry backed by an expired certificate fails because the certificate does (ISO-CURRENT).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cause {
    pub rule: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
}

/// One conclusion of a check.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub status: Status,
    /// What was found, lowercase, no trailing period.
    pub message: String,
    /// Evidence path the outcome is about (`iso[1].expires`), located to file:line in reports.
    pub at: Option<String>,
    /// The piece of evidence concerned, e.g. `ISO/IEC 27001:2022 certificate C-1234`.
    pub subject: Option<String>,
    /// Provenance of what the outcome rests on: a pass that rests on a claim (trust page,
    /// vendor statement…) is reported as unverified, never as a pass.
    pub source: Option<Source>,
    /// The scope text that matched, where a scope decided the outcome.
    pub matched: Vec<String>,
    /// The registry answer the outcome rests on (online verification).
    pub registry: Option<Box<crate::evidence::registry::RegistryNote>>,
    /// The outcome rests on a fact that shows something is wrong (a qualified opinion, a
    /// material exception, a withdrawn certificate, dates that cannot all be true), not merely on
    /// evidence weaker than required: it counts whatever the policy requires.
    pub adverse: bool,
    /// The finding this one follows from, where the check knows it (kept by the engine only
    /// when that finding is reported and does not pass).
    pub caused_by: Option<Cause>,
    /// The report or certificate the outcome judges, where the check knows it: `at` may point
    /// into another one (an extension's surveillance is its 27001's audits), and whether the
    /// policy requires the piece judged decides whether the finding can weigh as weak.
    pub piece: Option<Piece>,
}

/// A report or certificate of the evidence, by its place in its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    Soc2(usize),
    Iso(usize),
    /// A document no policy requires to be filed (a bridge letter's, an AI test report's):
    /// short of an adverse fact, what is wrong with it weighs as its absence would.
    Attachment,
}

impl Outcome {
    pub fn new(status: Status, message: impl Into<String>) -> Self {
        Outcome {
            status,
            message: message.into(),
            at: None,
            subject: None,
            source: None,
            matched: Vec::new(),
            registry: None,
            adverse: false,
            caused_by: None,
            piece: None,
        }
    }

    /// Records the finding this outcome follows from.
    pub fn caused_by(mut self, rule: &'static str, subject: impl Into<String>) -> Self {
        self.caused_by = Some(Cause {
            rule,
            subject: Some(subject.into()),
        });
        self
    }

    /// Marks the outcome as resting on an adverse fact (see [`Outcome::adverse`]).
    pub fn adverse(mut self) -> Self {
        self.adverse = true;
        self
    }

    /// Records the registry answer this outcome rests on.
    pub fn answered_by(mut self, looked: &crate::evidence::registry::Looked) -> Self {
        self.registry = Some(Box::new(looked.note()));
        self
    }

    pub fn pass(message: impl Into<String>) -> Self {
        Self::new(Status::Pass, message)
    }

    pub fn fail(message: impl Into<String>) -> Self {
        Self::new(Status::Fail, message)
    }

    pub fn warn(message: impl Into<String>) -> Self {
        Self::new(Status::Warn, message)
    }

    pub fn unverified(message: impl Into<String>) -> Self {
        Self::new(Status::Unverified, message)
    }

    pub fn not_applicable(message: impl Into<String>) -> Self {
        Self::new(Status::NotApplicable, message)
    }

    /// Records the report or certificate the outcome judges (see [`Outcome::piece`]).
    pub fn about(mut self, piece: Piece) -> Self {
        self.piece = Some(piece);
        self
    }

    pub fn at(mut self, path: impl Into<String>) -> Self {
        self.at = Some(path.into());
        self
    }

    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    /// Marks the outcome as resting on evidence seen in `source`.
    pub fn resting_on(mut self, source: Source) -> Self {
        self.source = Some(source);
        self
    }

    pub fn matched(mut self, texts: Vec<String>) -> Self {
        self.matched = texts;
        self
    }
}

/// Whether the policy requires the piece of evidence judged: `piece` where the check named it,
/// else the one at `at` (its framework, or for an ISO/IEC certificate its standard): a SOC 2
/// report when the policy requires SOC 2, a certificate of a standard the policy requires of
/// this vendor. A CSA STAR entry never is. Anything not a report, certificate or STAR entry
/// counts as required.
pub fn requires_piece(ctx: &Ctx, piece: Option<Piece>, at: Option<&str>) -> bool {
    let index = |rest: &str| -> Option<usize> { rest.split(']').next()?.parse().ok() };
    let piece = piece.or_else(|| {
        let at = at?;
        if at.starts_with("soc2[") {
            Some(Piece::Soc2(0))
        } else {
            index(at.strip_prefix("iso[")?).map(Piece::Iso)
        }
    });
    let at = at.unwrap_or("");
    if let Some(Piece::Attachment) = piece {
        false
    } else if let Some(Piece::Soc2(_)) = piece {
        ctx.thresholds.require_soc2
    } else if let Some(Piece::Iso(i)) = piece {
        let Some(number) = ctx
            .ev
            .iso
            .get(i)
            .and_then(|c| crate::evidence::Standard::parse(&c.standard))
            .map(|s| s.number)
        else {
            return true;
        };
        iso::required_numbers(ctx).contains(&number)
    } else {
        !at.starts_with("star[")
    }
}

/// Whether a rule's findings about a report, certificate or STAR entry can rest on evidence that
/// is merely weaker than required (old, Type 1, narrow scope, summary only, a claim): the
/// framework rules, and the cross-framework rules that judge one piece at a time. (ISO-FAMILY's
/// "the policy requires a current 27xxx" rests on no piece (`at = "iso"`) and so always weighs; its
/// warning on an extension no current 27001 backs is about that certificate, which the policy
/// may not require.)
pub fn judges_pieces(rule: &Rule) -> bool {
    matches!(
        rule.framework,
        Framework::Soc2 | Framework::Iso | Framework::Star
    ) || matches!(rule.id, "GEN-INDEPENDENT" | "GEN-EXPIRY" | "GEN-DOCUMENT")
}

/// "the 1 service" / "all 2 services".
pub(crate) fn all_of(n: usize, word: &str) -> String {
    if n == 1 {
        format!("the 1 {word}")
    } else {
        format!("all {n} {word}s")
    }
}

/// "1 question" / "2 questions", for other modules.
pub fn plural_pub(n: usize, word: &str) -> String {
    plural(n, word)
}

/// "1 service" / "2 services".
pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn indexed_paths_read_as_formatted_ones() {
        for i in (0..1100).chain([usize::MAX]) {
            assert_eq!(indexed("iso", i), format!("iso[{i}]"));
        }
    }

    #[test]
    fn a_rule_debugs_as_its_id() {
        let rule = RULES.iter().find(|r| r.id == "SOC2-TYPE").unwrap();
        assert_eq!(format!("{rule:?}"), r#"Rule { id: "SOC2-TYPE" }"#);
    }

    #[test]
    fn a_rule_slug_is_its_id_in_lowercase() {
        let slugs: Vec<String> = RULES
            .iter()
            .filter(|r| ["SOC2-TYPE", "AI-RMF", "GEN-COVERAGE"].contains(&r.id))
            .map(|r| r.slug())
            .collect();
        assert_eq!(slugs.len(), 3);
        for slug in ["soc2-type", "ai-rmf", "gen-coverage"] {
            assert!(slugs.iter().any(|s| s == slug), "{slug} in {slugs:?}");
        }
    }

    #[test]
    fn statuses_display_as_their_names() {
        for (status, shown) in [
            (Status::Pass, "pass"),
            (Status::Waived, "waived"),
            (Status::NotApplicable, "n/a"),
            (Status::Warn, "warn"),
            (Status::Unverified, "unverified"),
            (Status::Fail, "fail"),
        ] {
            assert_eq!(status.to_string(), shown);
        }
    }

    #[test]
    fn frameworks_have_their_report_titles() {
        let titles: Vec<&str> = Framework::REPORT_ORDER.iter().map(|f| f.title()).collect();
        assert_eq!(
            titles,
            [
                "SOC 2",
                "ISO/IEC certificates",
                "CSA STAR",
                "Across frameworks",
                "Contract",
                "AI-specific gaps",
            ]
        );
    }

    #[test]
    fn ids_are_unique_and_well_formed() {
        let mut seen = HashSet::new();
        for rule in RULES {
            assert!(seen.insert(rule.id), "duplicate rule id {}", rule.id);
            assert!(
                rule.id
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'),
                "{} is not an upper-case kebab id",
                rule.id
            );
        }
    }

    #[test]
    fn every_rule_is_documented() {
        for rule in RULES {
            for (what, text) in [
                ("title", rule.title),
                ("rationale", rule.rationale),
                ("question", rule.question),
                ("passes", rule.passes),
                ("fails", rule.fails),
            ] {
                assert!(!text.trim().is_empty(), "{} has no {what}", rule.id);
            }
            assert!(!rule.sources.is_empty(), "{} cites no source", rule.id);
            for source in rule.sources {
                assert!(!source.trim().is_empty(), "{}: an empty source", rule.id);
            }
            // Users can look up the sources; internal notes they have never seen are not cited.
            let gap = rule.gap.map(|g| g.risk).unwrap_or("");
            for text in [
                rule.title,
                rule.rationale,
                rule.question,
                rule.passes,
                rule.fails,
                gap,
            ]
            .into_iter()
            .chain(rule.sources.iter().copied())
            {
                let lower = text.to_lowercase();
                assert!(
                    !lower.contains("seed") && !lower.contains("domain-facts"),
                    "{}: user-facing text cites internal notes: {text:?}",
                    rule.id
                );
            }
            // Titles start lowercase (an acronym such as SOC or ISO aside) and end without a period.
            let first_word = rule.title.split_whitespace().next().unwrap_or("");
            let acronym = first_word
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '/');
            assert!(
                !rule.title.ends_with('.')
                    && (acronym || first_word.chars().all(|c| !c.is_uppercase())),
                "{}: titles are lowercase with no trailing period",
                rule.id
            );
            assert!(
                rule.question.ends_with('?'),
                "{}: the question must be a question",
                rule.id
            );
        }
    }

    #[test]
    fn the_product_floor_is_registered() {
        let floor = [
            "SOC2-TYPE",
            "SOC2-AGE",
            "SOC2-BRIDGE",
            "SOC2-PERIOD",
            "SOC2-OPINION",
            "SOC2-EXCEPTIONS",
            "SOC2-SCOPE",
            "SOC2-CATEGORIES",
            "SOC2-FULL-REPORT",
            "SOC2-CUECS",
            "SOC2-SUBSERVICE",
            "SOC2-AUDITOR",
            "ISO-CURRENT",
            "ISO-VERSION",
            "ISO-ACCREDITED",
            "ISO-NUMBER",
            "ISO-SCOPE",
            "ISO-SURVEILLANCE",
            "ISO-SOA",
            "ISO-VERIFIED",
            "ISO-FAMILY",
            "STAR-LEVEL",
            "STAR-REGISTRY",
            "STAR-CURRENT",
            "STAR-AI",
            "GEN-INDEPENDENT",
            "GEN-COVERAGE",
            "GEN-EXPIRY",
            "GEN-REVIEW",
            "GEN-DOCUMENT",
            "GEN-INCIDENTS",
        ];
        for id in floor {
            assert!(find(id).is_some(), "{id} is not registered");
        }
    }
}
