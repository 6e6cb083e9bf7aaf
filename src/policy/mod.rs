//! Policies: which rules apply at which level, and the thresholds the checks use.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::rules::{Level, RULES, Rule};

pub mod accreditation;

pub use accreditation::{AccreditationBody, recognised_bodies};

/// The effective policy of a run.
#[derive(Debug, Clone, Serialize)]
pub struct Policy {
    /// Name shown in reports (`baseline`, or a policy file's path).
    pub name: String,
    /// Levels that differ from each rule's default.
    pub levels: BTreeMap<String, Level>,
    pub thresholds: Thresholds,
}

/// Numbers and lists the checks read. Defaults are the seed 000 checklist and domain facts.
#[derive(Debug, Clone, Serialize)]
pub struct Thresholds {
    /// SOC 2: the period may end at most this many months before the as-of date.
    pub soc2_max_age_months: u32,
    /// SOC 2: a bridge letter is expected once this many months have passed since period end.
    pub bridge_after_months: u32,
    /// SOC 2: a bridge letter must reach to within this many months of the as-of date.
    pub bridge_gap_months: u32,
    /// SOC 2 Type 2: a window at least this long passes.
    pub soc2_min_period_months: u32,
    /// SOC 2 Type 2: a window shorter than this fails (between the two warns).
    pub soc2_short_period_months: u32,
    /// SOC 2: whether a Type 1 report is accepted as a warning (early-stage vendors).
    pub accept_type1: bool,
    /// ISO: longest validity of one certificate, in years (ISO/IEC 17021-1 three-year cycle).
    pub iso_max_validity_years: u32,
    /// ISO: days of slack on that validity (certification decision vs printed issue date).
    pub iso_validity_tolerance_days: u32,
    /// ISO: a surveillance audit is due this many months after issue or the last audit.
    pub surveillance_months: u32,
    /// ISO: a registry or issuer check older than this many months is stale.
    pub verification_max_age_months: u32,
    /// ISO: accreditation bodies accepted (IAF MLA / Global Accreditation Cooperation).
    pub accreditation_bodies: Vec<AccreditationBody>,
    /// ISO extensions (27017, 27018, 27701, …) the use requires.
    pub required_iso: Vec<u32>,
    /// Evidence expiring within this many days warns.
    pub expiry_horizon_days: u32,
    /// The analyst review is due this many months after the last one.
    pub review_interval_months: u32,
    /// Incidents are looked at over this many months.
    pub incident_window_months: u32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            soc2_max_age_months: 12,
            bridge_after_months: 3,
            bridge_gap_months: 1,
            soc2_min_period_months: 6,
            soc2_short_period_months: 3,
            accept_type1: false,
            iso_max_validity_years: 3,
            iso_validity_tolerance_days: 7,
            surveillance_months: 12,
            verification_max_age_months: 12,
            accreditation_bodies: recognised_bodies(),
            required_iso: Vec::new(),
            expiry_horizon_days: 90,
            review_interval_months: 3,
            incident_window_months: 24,
        }
    }
}

impl Policy {
    /// The seed 000 checklists with their default levels.
    pub fn baseline() -> Policy {
        Policy {
            name: "baseline".to_string(),
            levels: BTreeMap::new(),
            thresholds: Thresholds::default(),
        }
    }

    /// The level a rule runs at under this policy.
    pub fn level(&self, rule: &Rule) -> Level {
        self.levels
            .get(rule.id)
            .copied()
            .unwrap_or(rule.default_level)
    }

    /// Rules that run (level not `off`), in registry order.
    pub fn active_rules(&self) -> impl Iterator<Item = (&'static Rule, Level)> + '_ {
        RULES
            .iter()
            .copied()
            .map(|r| (r, self.level(r)))
            .filter(|(_, l)| *l != Level::Off)
    }
}
