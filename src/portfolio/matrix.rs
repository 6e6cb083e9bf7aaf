//! The certification matrix of a portfolio: one row per vendor, one cell per certification
//! (SOC 2, the ISO/IEC family, CSA STAR) and per AI assurance area, each with a status, its key
//! fact and the reasons behind it. Feeds the HTML report.
//!
//! A cell's status comes from the vendor's findings (so it never disagrees with the verdict);
//! its key fact (report type, expiry date, STAR level) comes from the evidence ([`EvidenceFacts::of`]),
//! read while the vendor is loaded for its evaluation.

use crate::engine::{Finding, Severity, VendorResult};
use crate::evidence::{Date, LoadedVendor, StarProgram, assessment_name};
use crate::policy::Policy;
use crate::rules::{Ctx, PortfolioIndex, RULES, Rule, Status};

/// How many months of events ahead of the as-of date the timeline shows.
pub const TIMELINE_MONTHS: u32 = 12;

/// A column of the matrix.
#[derive(Debug, Clone, Copy)]
pub enum Column {
    Soc2,
    /// An ISO/IEC standard by number (27001, 27017, …).
    Iso(u32),
    Star,
    /// An AI assurance area: one `AI-*` rule.
    Ai(&'static Rule),
}

impl PartialEq for Column {
    fn eq(&self, other: &Column) -> bool {
        match (self, other) {
            (Column::Soc2, Column::Soc2) | (Column::Star, Column::Star) => true,
            (Column::Iso(a), Column::Iso(b)) => a == b,
            (Column::Ai(a), Column::Ai(b)) => a.id == b.id,
            _ => false,
        }
    }
}

impl Eq for Column {}

impl Column {
    /// The columns, in order: certifications, then the AI assurance areas.
    pub fn all() -> Vec<Column> {
        let mut columns = vec![Column::Soc2];
        columns.extend(ISO_COLUMNS.iter().map(|n| Column::Iso(*n)));
        columns.push(Column::Star);
        columns.extend(
            RULES
                .iter()
                .copied()
                .filter(|r| r.id.starts_with("AI-"))
                .map(Column::Ai),
        );
        columns
    }

    /// The column's header.
    pub fn label(self) -> String {
        match self {
            Column::Soc2 => "SOC 2".to_string(),
            Column::Iso(n) => format!("ISO {n}"),
            Column::Star => "CSA STAR".to_string(),
            Column::Ai(rule) => ai_area(rule).to_string(),
        }
    }

    pub fn is_ai(self) -> bool {
        matches!(self, Column::Ai(_))
    }
}

/// The ISO/IEC standards with a column of their own.
pub const ISO_COLUMNS: &[u32] = &[27001, 27017, 27018, 27701, 42001];

/// A short name for an AI assurance area, for a column header.
pub fn ai_area(rule: &Rule) -> &'static str {
    match rule.id {
        "AI-RISK-REGISTER" => "Risk register",
        "AI-TRAINING-DATA" => "Training data",
        "AI-RETENTION" => "Retention",
        "AI-ADVERSARIAL" => "Adversarial testing",
        "AI-MODEL-SECURITY" => "Model security",
        "AI-OUTPUT-MONITORING" => "Output monitoring",
        "AI-BIAS" => "Bias",
        "AI-INCIDENT-RESPONSE" => "Incident response",
        "AI-RMF" => "NIST AI RMF",
        "AI-INFERENCE-LOGS" => "Inference logs",
        other => other,
    }
}

/// What a cell says, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CellStatus {
    /// An error-severity finding: the vendor fails on it.
    Failing,
    /// A finding that would fail is accepted by a waiver in force.
    Waived,
    /// Current, but lapsing within the policy's expiry horizon.
    Expiring,
    /// A warning that does not fail the vendor.
    Warning,
    /// Current and passing.
    Current,
    /// No such evidence, and nothing requires it.
    Missing,
    /// Not applicable (an AI area of a vendor that is not an AI vendor) or not checked.
    NotApplicable,
}

impl CellStatus {
    pub const ALL: &'static [CellStatus] = &[
        CellStatus::Current,
        CellStatus::Expiring,
        CellStatus::Warning,
        CellStatus::Failing,
        CellStatus::Waived,
        CellStatus::Missing,
        CellStatus::NotApplicable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CellStatus::Failing => "failing",
            CellStatus::Waived => "waived",
            CellStatus::Expiring => "expiring",
            CellStatus::Warning => "warning",
            CellStatus::Current => "current",
            CellStatus::Missing => "missing",
            CellStatus::NotApplicable => "n/a",
        }
    }

    /// What the status means, for a legend.
    pub fn meaning(self) -> &'static str {
        match self {
            CellStatus::Failing => "an error-level finding: the vendor fails on it",
            CellStatus::Waived => "a failing finding accepted by a waiver in force",
            CellStatus::Expiring => "current, but lapses within the policy's expiry horizon",
            CellStatus::Warning => "a warning that does not fail the vendor",
            CellStatus::Current => "current, independent and passing",
            CellStatus::Missing => "no such evidence, and the policy does not require it",
            CellStatus::NotApplicable => "not applicable, or not checked under the policy",
        }
    }
}

/// One cell of the matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub status: CellStatus,
    /// The key facts, one per line: `Type 2`, `ages out 2027-09-30`; `27001:2022`,
    /// `expires 2027-12-15`; `Level 2 certification`; `none` when there is no such evidence.
    /// Empty for an AI area, whose status says it all.
    pub facts: Vec<String>,
    /// Why the cell has its status: the findings that decided it (`subject: message`).
    pub reasons: Vec<String>,
}

/// Which kind of evidence item a fact is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Soc2,
    Iso(u32),
    Star,
}

/// The key fact of one current piece of evidence (a SOC 2 report, an ISO certificate, a STAR
/// entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub kind: ItemKind,
    /// Its index in the evidence file (`iso[2]` is index 2 of kind ISO).
    pub index: usize,
    /// `Type 2`, `27001:2022`, `Level 2 certification`.
    pub label: String,
    /// The subject the rules' findings about it carry
    /// (`ISO/IEC 27001:2022 certificate C-1234`).
    pub subject: String,
    /// When it stops counting, and the word for it (`ages out`, `expires`, `lapses`; `aged out`,
    /// `expired`, `lapsed` for a date before the as-of date).
    pub lapses: Option<(&'static str, Date)>,
}

impl Item {
    fn facts(&self) -> Vec<String> {
        let mut lines = vec![self.label.clone()];
        if let Some((word, date)) = self.lapses {
            lines.push(format!("{word} {date}"));
        }
        lines
    }
}

/// What the matrix needs from a vendor's evidence beyond its findings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EvidenceFacts {
    /// The current SOC 2 reports, ISO certificates and STAR entries (superseded ones left out,
    /// as the rules leave them out).
    pub items: Vec<Item>,
}

impl EvidenceFacts {
    /// The facts of `v` under `policy` at `as_of`.
    pub fn of(v: &LoadedVendor, policy: &Policy, as_of: Date) -> EvidenceFacts {
        let index = PortfolioIndex::default();
        let ctx = Ctx::new(v, as_of, &policy.thresholds, &index, &[]);
        let t = &policy.thresholds;
        let mut items = Vec::new();
        for (i, r) in crate::rules::soc2::current_reports(&ctx) {
            items.push(Item {
                kind: ItemKind::Soc2,
                index: i,
                label: format!("Type {}", r.report_type),
                subject: crate::rules::soc2::subject(r),
                lapses: r.period_end.map(|end| {
                    let d = end.plus_months(t.soc2_max_age_months);
                    (if d < as_of { "aged out" } else { "ages out" }, d)
                }),
            });
        }
        for (i, c, s) in crate::rules::iso::current_certs(&ctx) {
            let label = match s.edition {
                Some(year) => format!("{}:{year}", s.number),
                None => s.number.to_string(),
            };
            items.push(Item {
                kind: ItemKind::Iso(s.number),
                index: i,
                label,
                subject: crate::rules::iso::subject(c, &s),
                lapses: c
                    .expires
                    .map(|e| (if e < as_of { "expired" } else { "expires" }, e)),
            });
        }
        for (i, e) in v.evidence.star.iter().enumerate() {
            let program = match e.program {
                StarProgram::Star => "",
                StarProgram::StarForAi => "for AI ",
            };
            items.push(Item {
                kind: ItemKind::Star,
                index: i,
                label: format!(
                    "{program}Level {} {}",
                    e.level,
                    assessment_name(e.assessment)
                ),
                subject: crate::rules::star::subject(e),
                lapses: crate::rules::star::valid_until(&ctx, e)
                    .ok()
                    .map(|d| (if d < as_of { "lapsed" } else { "lapses" }, d)),
            });
        }
        EvidenceFacts { items }
    }
}

/// The evidence item an evidence path points into: `iso[2].expires` → (`iso`, 2).
fn item_of(at: &str) -> Option<(&str, usize)> {
    let open = at.find('[')?;
    let close = open + at[open..].find(']')?;
    let section = &at[..open];
    if section.contains('.') {
        return None;
    }
    Some((section, at[open + 1..close].parse().ok()?))
}

/// Whether `message` names ISO/IEC standard `number` (`ISO/IEC 27701` but not `ISO/IEC 277011`).
fn names_standard(message: &str, number: u32) -> bool {
    let needle = format!("ISO/IEC {number}");
    message.match_indices(&needle).any(|(at, _)| {
        !message[at + needle.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
    })
}

/// The columns a finding belongs to, with the evidence item it is about (if any).
fn columns_of(f: &Finding, facts: &EvidenceFacts) -> Vec<(Column, Option<usize>)> {
    if f.rule.id.starts_with("AI-") {
        return vec![(Column::Ai(f.rule), None)];
    }
    if f.rule.id == "ISO-42001" {
        return vec![(Column::Iso(42001), None)];
    }
    // The subject names the report, certificate or entry a finding is about, even when its
    // evidence path points elsewhere (an extension's surveillance is its 27001's).
    if let Some(item) = f
        .subject
        .as_deref()
        .and_then(|s| facts.items.iter().find(|it| it.subject == s))
    {
        return match item.kind {
            ItemKind::Soc2 => vec![(Column::Soc2, Some(item.index))],
            ItemKind::Star => vec![(Column::Star, Some(item.index))],
            ItemKind::Iso(n) if ISO_COLUMNS.contains(&n) => {
                vec![(Column::Iso(n), Some(item.index))]
            }
            ItemKind::Iso(_) => Vec::new(),
        };
    }
    if let Some((section, index)) = f.at.as_deref().and_then(item_of) {
        let kind = match section {
            "soc2" => Some(ItemKind::Soc2),
            "star" => Some(ItemKind::Star),
            "iso" => facts
                .items
                .iter()
                .find(|it| matches!(it.kind, ItemKind::Iso(_)) && it.index == index)
                .map(|it| it.kind),
            _ => None,
        };
        match kind {
            Some(ItemKind::Soc2) => return vec![(Column::Soc2, Some(index))],
            Some(ItemKind::Star) => return vec![(Column::Star, Some(index))],
            Some(ItemKind::Iso(n)) if ISO_COLUMNS.contains(&n) => {
                return vec![(Column::Iso(n), Some(index))];
            }
            _ => {}
        }
        if section == "soc2" || section == "iso" || section == "star" {
            // A superseded report or certificate, or a standard without a column.
            return Vec::new();
        }
    }
    match f.rule.framework {
        crate::rules::Framework::Soc2 => vec![(Column::Soc2, None)],
        crate::rules::Framework::Star => vec![(Column::Star, None)],
        _ if f.rule.id == "ISO-FAMILY" && f.status != Status::Pass => ISO_COLUMNS
            .iter()
            .filter(|n| names_standard(&f.message, **n))
            .map(|n| (Column::Iso(*n), None))
            .collect(),
        _ => Vec::new(),
    }
}

fn reason(f: &Finding) -> String {
    let status = match (f.status, f.severity) {
        (Status::Pass | Status::NotApplicable, _) => String::new(),
        (s, Severity::None) => format!("[{s}] "),
        (s, Severity::Warning) => format!("[{s} (warning)] "),
        (s, Severity::Error) => format!("[{s} (error)] "),
    };
    match &f.subject {
        Some(s) => format!("{status}{s}: {}", f.message),
        None => format!("{status}{}", f.message),
    }
}

/// The row of vendor `v`: one cell per column of [`Column::all`]. Without `facts` (a vendor the
/// second reading did not find) the statuses still come from the findings, without key facts.
pub fn row(v: &VendorResult, facts: Option<&EvidenceFacts>, as_of: Date) -> Vec<Cell> {
    let empty = EvidenceFacts::default();
    let facts = facts.unwrap_or(&empty);
    let columns = Column::all();
    let mut assigned: Vec<Vec<&Finding>> = vec![Vec::new(); columns.len()];
    for f in &v.findings {
        for (column, _) in columns_of(f, facts) {
            if let Some(at) = columns.iter().position(|c| *c == column) {
                assigned[at].push(f);
            }
        }
    }
    let horizon_end = as_of.plus_days(i64::from(v.policy_detail.thresholds.expiry_horizon_days));
    columns
        .iter()
        .zip(assigned)
        .map(|(column, findings)| {
            let items: Vec<&Item> = facts
                .items
                .iter()
                .filter(|it| match (column, it.kind) {
                    (Column::Soc2, ItemKind::Soc2) | (Column::Star, ItemKind::Star) => true,
                    (Column::Iso(n), ItemKind::Iso(m)) => *n == m,
                    _ => false,
                })
                .collect();
            cell(*column, &findings, &items, as_of, horizon_end, &v.policy)
        })
        .collect()
}

fn cell(
    column: Column,
    findings: &[&Finding],
    items: &[&Item],
    as_of: Date,
    horizon_end: Date,
    policy: &str,
) -> Cell {
    let any = |p: &dyn Fn(&Finding) -> bool| findings.iter().any(|f| p(f));
    let expiring = items.iter().any(|it| {
        it.lapses
            .is_some_and(|(_, d)| d >= as_of && d <= horizon_end)
    }) || any(&|f| f.rule.id == "GEN-EXPIRY" && f.status == Status::Warn);
    let status = if any(&|f| f.severity == Severity::Error) {
        CellStatus::Failing
    } else if any(&|f| f.status == Status::Waived) {
        CellStatus::Waived
    } else if expiring && !items.is_empty() {
        CellStatus::Expiring
    } else if any(&|f| f.severity == Severity::Warning) {
        CellStatus::Warning
    } else if !items.is_empty() || (column.is_ai() && any(&|f| f.status == Status::Pass)) {
        CellStatus::Current
    } else if column.is_ai() {
        CellStatus::NotApplicable
    } else {
        CellStatus::Missing
    };
    let mut reasons: Vec<String> = match status {
        // The findings that decided it; for a current cell, what it rests on.
        CellStatus::Current => findings
            .iter()
            .filter(|f| {
                matches!(f.rule.id, "SOC2-AGE" | "ISO-CURRENT" | "STAR-CURRENT") || column.is_ai()
            })
            .map(|f| reason(f))
            .collect(),
        CellStatus::Missing | CellStatus::NotApplicable => findings
            .iter()
            .filter(|f| f.status == Status::NotApplicable)
            .map(|f| reason(f))
            .take(1)
            .collect(),
        _ => {
            let mut deciding: Vec<&&Finding> = findings
                .iter()
                .filter(|f| {
                    f.severity != Severity::None
                        || f.status == Status::Waived
                        || (f.rule.id == "GEN-EXPIRY" && f.status == Status::Warn)
                })
                .collect();
            // Errors first: they decide the status.
            deciding.sort_by_key(|f| std::cmp::Reverse(f.severity));
            deciding.into_iter().map(|f| reason(f)).collect()
        }
    };
    if status == CellStatus::Expiring {
        for it in items {
            if let Some((word, d)) = it.lapses.filter(|(_, d)| *d >= as_of && *d <= horizon_end) {
                let text = format!("{} {word} {d}, within the expiry horizon", it.label);
                if !reasons.iter().any(|r| r.contains(&d.to_string())) {
                    reasons.push(text);
                }
            }
        }
    }
    if reasons.is_empty() {
        reasons.push(match (status, column) {
            (CellStatus::NotApplicable, Column::Ai(_)) => {
                format!("not checked under the {policy} policy")
            }
            (CellStatus::Missing, Column::Iso(n)) => {
                format!("no current ISO/IEC {n} certificate in the evidence")
            }
            (CellStatus::Missing, Column::Star) => "no CSA STAR entry in the evidence".to_string(),
            (CellStatus::Missing, _) => format!("no {} in the evidence", column.label()),
            _ => match findings.len() {
                1 => "1 check passes".to_string(),
                n => format!("{n} checks pass"),
            },
        });
    }
    let facts = if column.is_ai() {
        Vec::new()
    } else if status == CellStatus::Missing {
        // The status says it.
        Vec::new()
    } else if items.is_empty() {
        vec!["none".to_string()]
    } else {
        items.iter().flat_map(|it| it.facts()).collect()
    };
    Cell {
        status,
        facts,
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_paths_point_into_items() {
        assert_eq!(item_of("iso[2].expires"), Some(("iso", 2)));
        assert_eq!(item_of("soc2[0]"), Some(("soc2", 0)));
        assert_eq!(item_of("star[1].level"), Some(("star", 1)));
        assert_eq!(item_of("vendor.hosted_on[0].service"), None);
        assert_eq!(item_of("iso"), None);
    }

    #[test]
    fn standards_are_named_whole() {
        assert!(names_standard(
            "the policy requires a current ISO/IEC 27701 certificate",
            27701
        ));
        assert!(names_standard("ISO/IEC 27018:2019", 27018));
        assert!(!names_standard("ISO/IEC 270011", 27001));
        assert!(!names_standard("ISO/IEC 27001", 27701));
    }

    #[test]
    fn columns_are_the_certifications_then_the_ai_areas() {
        let columns = Column::all();
        let labels: Vec<String> = columns.iter().map(|c| c.label()).collect();
        assert_eq!(
            labels[..7],
            [
                "SOC 2",
                "ISO 27001",
                "ISO 27017",
                "ISO 27018",
                "ISO 27701",
                "ISO 42001",
                "CSA STAR"
            ]
        );
        let ai = RULES.iter().filter(|r| r.id.starts_with("AI-")).count();
        assert_eq!(columns.len(), 7 + ai);
        assert!(columns[7..].iter().all(|c| c.is_ai()));
        // Every AI area has a short name of its own.
        assert!(columns[7..].iter().all(|c| !c.label().starts_with("AI-")));
    }
}
