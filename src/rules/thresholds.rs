//! The numbers and lists the checks read. A policy sets them (built in or from a policy file);
//! the rules only read them.

use std::collections::BTreeMap;

use serde::Serialize;

use super::accreditation::{AccreditationBody, recognised_bodies};
use crate::evidence::DataClass;

/// Numbers and lists the checks read. Defaults follow the rules' sources and domain facts.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    /// SOC 2: whether a SOC 2 Type 2 report is required (its absence fails SOC2-TYPE).
    pub require_soc2: bool,
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
    /// ISO standards every vendor must hold, current (e.g. 27001, 27017, 27018, 27701).
    pub required_iso: Vec<u32>,
    /// ISO standards an AI vendor must also hold (e.g. 42001).
    pub required_iso_ai: Vec<u32>,
    /// ISO standards required when the vendor processes a data class (e.g. personal data →
    /// 27701, PII in public cloud → 27018).
    pub required_iso_by_data_class: BTreeMap<DataClass, Vec<u32>>,
    /// ISO/IEC 42001: whether readiness with a public timeline is accepted (as a warning).
    pub accept_42001_readiness: bool,
    /// Whether trust-page claims beside independent evidence only warn (`false`: they fail).
    pub tolerate_claims: bool,
    /// Whether a `warn` outcome of a rule at level `error` fails the vendor (partial compliance
    /// is non-compliance). Rules at level `warning` still only warn.
    pub warnings_fail: bool,
    /// Whether a report or certificate read in full (`source = "document"`) must cite its document
    /// with a sha256 (GEN-DOCUMENT fails each one that does not; otherwise they warn together).
    pub require_document_pins: bool,
    /// Phrasings that count as naming each AI scope element (ISO-AI-SCOPE).
    pub ai_scope_phrasings: BTreeMap<String, Vec<String>>,
    /// Evidence expiring within this many days warns.
    pub expiry_horizon_days: u32,
    /// The analyst review is due this many months after the last one.
    pub review_interval_months: u32,
    /// Incidents are looked at over this many months.
    pub incident_window_months: u32,
    /// Waivers may run at most this many months past their approval.
    pub max_waiver_months: u32,
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
            require_soc2: false,
            iso_max_validity_years: 3,
            iso_validity_tolerance_days: 7,
            surveillance_months: 12,
            verification_max_age_months: 12,
            accreditation_bodies: recognised_bodies(),
            required_iso: Vec::new(),
            required_iso_ai: Vec::new(),
            required_iso_by_data_class: BTreeMap::new(),
            accept_42001_readiness: true,
            tolerate_claims: true,
            warnings_fail: false,
            require_document_pins: false,
            ai_scope_phrasings: default_ai_scope_phrasings(),
            expiry_horizon_days: 90,
            review_interval_months: 3,
            incident_window_months: 24,
            max_waiver_months: 12,
        }
    }
}

/// Default phrasings for the four AI scope elements ([`crate::rules::ai::AI_SCOPE_ELEMENTS`]).
pub fn default_ai_scope_phrasings() -> BTreeMap<String, Vec<String>> {
    let list = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    BTreeMap::from([
        (
            "production AI infrastructure".to_string(),
            list(&[
                "production AI infrastructure",
                "production AI workloads",
                "production AI systems",
                "AI production infrastructure",
                "model serving infrastructure",
                "inference infrastructure",
            ]),
        ),
        (
            "training pipelines".to_string(),
            list(&[
                "training pipelines",
                "training pipeline",
                "model training pipelines",
                "model training infrastructure",
            ]),
        ),
        (
            "model artifacts".to_string(),
            list(&["model artifacts", "model artefacts", "model weights"]),
        ),
        (
            "inference logging".to_string(),
            list(&[
                "inference logging",
                "inference logs",
                "inference logging infrastructure",
                "prompt and output logging",
            ]),
        ),
    ])
}
