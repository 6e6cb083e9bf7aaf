//! Policies: which rules apply at which level, and the thresholds the checks use.
//!
//! Four policies are built in (`baseline`, `ai-vendor`, `strict`, `eu-ai-act-high-risk`); a team
//! writes its own in TOML, extending one of them. With no policy named, a vendor's risk tier
//! picks one: low → `baseline`, medium → `ai-vendor`, high → `eu-ai-act-high-risk`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::evidence::{DataClass, RiskTier};
use crate::rules::{Framework, Level, RULES, Rule};

pub mod file;
pub mod show;
pub mod waivers;

pub use crate::rules::accreditation::{self, AccreditationBody, recognised_bodies};
pub use crate::rules::thresholds::{Thresholds, default_ai_scope_phrasings};
pub use file::load_policy_file;
pub use show::policy_file_text;
pub use waivers::{Waiver, load_waivers, waiver_files};

/// Names of the built-in policies.
pub const BUILT_IN: &[&str] = &["baseline", "ai-vendor", "strict", "eu-ai-act-high-risk"];

/// The effective policy of a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Policy {
    /// Name shown in reports (a built-in name, or the one a policy file gives).
    pub name: String,
    /// The built-in policy this one starts from (a built-in's own name, or a file's `extends`).
    #[serde(skip)]
    pub extends: &'static str,
    /// Where the policy was read from, for a policy file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<std::path::PathBuf>,
    /// Levels that differ from each rule's default.
    pub levels: BTreeMap<String, Level>,
    /// Where a policy file set a rule's level (file and span), for snippets.
    #[serde(skip)]
    pub level_origins: BTreeMap<
        String,
        (
            std::sync::Arc<crate::evidence::error::SourceFile>,
            std::ops::Range<usize>,
        ),
    >,
    pub thresholds: Thresholds,
    /// The framework a run is restricted to (`check --obligation`): rules that do not bear on
    /// it are off.
    #[serde(skip)]
    pub bearing_on: Option<crate::rules::crosswalk::Regime>,
}

/// Which rules count as AI gaps or contract terms (off in `baseline`).
fn is_ai_rule(rule: &Rule) -> bool {
    rule.framework == Framework::Ai
}

impl Policy {
    /// The verification checklists: SOC 2, ISO, CSA STAR and cross-framework rules.
    pub fn baseline() -> Policy {
        let mut levels = BTreeMap::new();
        for rule in RULES
            .iter()
            .filter(|r| is_ai_rule(r) || r.framework == Framework::Contract)
        {
            levels.insert(rule.id.to_string(), Level::Off);
        }
        Policy {
            name: "baseline".to_string(),
            extends: "baseline",
            file: None,
            level_origins: BTreeMap::new(),
            bearing_on: None,
            levels,
            thresholds: Thresholds::default(),
        }
    }

    /// Baseline plus the AI gaps (errors) and the contract terms (warnings).
    pub fn ai_vendor() -> Policy {
        let mut levels = BTreeMap::new();
        for rule in RULES.iter().filter(|r| r.framework == Framework::Contract) {
            levels.insert(rule.id.to_string(), Level::Warning);
        }
        Policy {
            name: "ai-vendor".to_string(),
            extends: "ai-vendor",
            file: None,
            level_origins: BTreeMap::new(),
            bearing_on: None,
            levels,
            thresholds: Thresholds::default(),
        }
    }

    /// Partial compliance is non-compliance. Every rule is an error, no claim is
    /// tolerated, SOC 2 Type 2 and ISO/IEC 27001 are required, and an AI vendor needs a current,
    /// accredited ISO/IEC 42001 certificate (readiness does not count).
    pub fn strict() -> Policy {
        let mut levels = BTreeMap::new();
        for rule in RULES
            .iter()
            .filter(|r| r.default_level == Level::Warning && r.id != "GEN-EXPIRY")
        {
            levels.insert(rule.id.to_string(), Level::Error);
        }
        let thresholds = Thresholds {
            require_soc2: true,
            required_iso: vec![27001],
            required_iso_ai: vec![42001],
            accept_42001_readiness: false,
            tolerate_claims: false,
            warnings_fail: true,
            require_document_pins: true,
            ..Thresholds::default()
        };
        Policy {
            name: "strict".to_string(),
            extends: "strict",
            file: None,
            level_origins: BTreeMap::new(),
            bearing_on: None,
            levels,
            thresholds,
        }
    }

    /// A high-risk workload needs 27001, 27017, 27018, 27701, 42001 (for AI),
    /// SOC 2 Type 2 and its sector frameworks — on top of `strict`.
    pub fn eu_ai_act_high_risk() -> Policy {
        let mut policy = Policy::strict();
        policy.name = "eu-ai-act-high-risk".to_string();
        policy.extends = "eu-ai-act-high-risk";
        policy.thresholds.required_iso = vec![27001, 27017, 27018, 27701];
        policy
    }

    /// A built-in policy by name.
    pub fn built_in(name: &str) -> Option<Policy> {
        match name {
            "baseline" => Some(Policy::baseline()),
            "ai-vendor" => Some(Policy::ai_vendor()),
            "strict" => Some(Policy::strict()),
            "eu-ai-act-high-risk" => Some(Policy::eu_ai_act_high_risk()),
            _ => None,
        }
    }

    /// The level of every rule, in registry order, and the thresholds: what decides a verdict,
    /// whatever the policy is called or where it was read from.
    pub fn settings(&self) -> (Vec<(&'static str, Level)>, &Thresholds) {
        let levels = RULES.iter().map(|r| (r.id, self.level(r))).collect();
        (levels, &self.thresholds)
    }

    /// The built-in policy a risk tier picks when no policy is named.
    pub fn for_risk_tier(tier: RiskTier) -> Policy {
        match tier {
            RiskTier::Low => Policy::baseline(),
            RiskTier::Medium => Policy::ai_vendor(),
            RiskTier::High => Policy::eu_ai_act_high_risk(),
        }
    }

    /// Turns off every rule that does not bear on `regime` and does not run under every
    /// framework (`check --obligation`); the name says so.
    pub fn restrict_to(&mut self, regime: crate::rules::crosswalk::Regime) {
        for rule in RULES {
            if !rule.obligations.runs_under(regime) {
                self.levels.insert(rule.id.to_string(), Level::Off);
            }
        }
        self.name = format!("{} (only {})", self.name, regime.key());
        self.bearing_on = Some(regime);
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

/// How a run picks each vendor's policy.
#[derive(Debug, Clone)]
pub enum PolicyChoice {
    /// One policy for every vendor (`--policy`).
    Fixed(Box<Policy>),
    /// Each vendor's risk tier picks a built-in policy.
    ByRiskTier,
    /// Another choice with only the rules bearing on one framework on (`check --obligation`).
    Bearing {
        on: crate::rules::crosswalk::Regime,
        choice: Box<PolicyChoice>,
    },
}

impl PolicyChoice {
    /// Resolves `--policy NAME|FILE`: a built-in name, or a path to a policy file.
    pub fn from_arg(arg: Option<&str>) -> Result<PolicyChoice, Vec<crate::evidence::InputError>> {
        let Some(arg) = arg else {
            return Ok(PolicyChoice::ByRiskTier);
        };
        if let Some(p) = Policy::built_in(arg) {
            return Ok(PolicyChoice::Fixed(Box::new(p)));
        }
        let path = Path::new(arg);
        if path.exists() {
            return load_policy_file(path).map(|p| PolicyChoice::Fixed(Box::new(p)));
        }
        let mut err =
            crate::evidence::InputError::whole_file(path, "no such built-in policy or policy file");
        err = match crate::evidence::error::did_you_mean(arg, BUILT_IN.iter().copied()) {
            Some(best) => err.with_help(format!("did you mean `{best}`?")),
            None => err.with_help(format!("built-in policies: {}", BUILT_IN.join(", "))),
        };
        Err(vec![err])
    }

    pub fn for_vendor(&self, tier: RiskTier) -> Policy {
        match self {
            PolicyChoice::Fixed(p) => (**p).clone(),
            PolicyChoice::ByRiskTier => Policy::for_risk_tier(tier),
            PolicyChoice::Bearing { on, choice } => {
                let mut policy = choice.for_vendor(tier);
                policy.restrict_to(*on);
                policy
            }
        }
    }

    /// This choice, restricted to the rules bearing on `regime` (`check --obligation`).
    pub fn bearing_on(self, regime: crate::rules::crosswalk::Regime) -> PolicyChoice {
        PolicyChoice::Bearing {
            on: regime,
            choice: Box::new(self),
        }
    }

    /// The policy of each risk tier, built once for a run and shared.
    pub fn resolve(&self) -> ResolvedPolicies {
        let tier = |t| std::sync::Arc::new(self.for_vendor(t));
        ResolvedPolicies {
            low: tier(RiskTier::Low),
            medium: tier(RiskTier::Medium),
            high: tier(RiskTier::High),
        }
    }

    /// How the choice is named in reports.
    pub fn describe(&self) -> String {
        match self {
            PolicyChoice::Fixed(p) => p.name.clone(),
            PolicyChoice::ByRiskTier => "by risk tier".to_string(),
            PolicyChoice::Bearing { on, choice } => {
                format!("{} (only {})", choice.describe(), on.key())
            }
        }
    }
}

/// The policies of a run, one per risk tier (the same one thrice with `--policy`).
#[derive(Debug, Clone)]
pub struct ResolvedPolicies {
    low: std::sync::Arc<Policy>,
    medium: std::sync::Arc<Policy>,
    high: std::sync::Arc<Policy>,
}

impl ResolvedPolicies {
    pub fn for_tier(&self, tier: RiskTier) -> &std::sync::Arc<Policy> {
        match tier {
            RiskTier::Low => &self.low,
            RiskTier::Medium => &self.medium,
            RiskTier::High => &self.high,
        }
    }
}

/// A user policy file (`--policy FILE`), before it is applied to the policy it extends.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThresholdOverrides {
    pub soc2_max_age_months: Option<u32>,
    pub bridge_after_months: Option<u32>,
    pub bridge_gap_months: Option<u32>,
    pub soc2_min_period_months: Option<u32>,
    pub soc2_short_period_months: Option<u32>,
    pub accept_type1: Option<bool>,
    pub require_soc2: Option<bool>,
    pub iso_max_validity_years: Option<u32>,
    pub iso_validity_tolerance_days: Option<u32>,
    pub surveillance_months: Option<u32>,
    pub verification_max_age_months: Option<u32>,
    /// More accreditation bodies to accept, by acronym or name.
    pub extra_accreditation_bodies: Option<Vec<String>>,
    pub required_iso: Option<Vec<u32>>,
    pub required_iso_ai: Option<Vec<u32>>,
    pub required_iso_by_data_class: Option<BTreeMap<DataClass, Vec<u32>>>,
    pub accept_42001_readiness: Option<bool>,
    pub tolerate_claims: Option<bool>,
    pub warnings_fail: Option<bool>,
    pub require_document_pins: Option<bool>,
    /// More phrasings per AI scope element, added to the defaults.
    pub ai_scope_phrasings: Option<BTreeMap<String, Vec<String>>>,
    pub expiry_horizon_days: Option<u32>,
    pub review_interval_months: Option<u32>,
    pub incident_window_months: Option<u32>,
    pub max_waiver_months: Option<u32>,
}

impl ThresholdOverrides {
    pub fn apply(self, t: &mut Thresholds) {
        macro_rules! set {
            ($($field:ident),*) => { $( if let Some(v) = self.$field { t.$field = v; } )* };
        }
        set!(
            required_iso_by_data_class,
            soc2_max_age_months,
            bridge_after_months,
            bridge_gap_months,
            soc2_min_period_months,
            soc2_short_period_months,
            accept_type1,
            require_soc2,
            iso_max_validity_years,
            iso_validity_tolerance_days,
            surveillance_months,
            verification_max_age_months,
            required_iso,
            required_iso_ai,
            accept_42001_readiness,
            tolerate_claims,
            warnings_fail,
            require_document_pins,
            expiry_horizon_days,
            review_interval_months,
            incident_window_months,
            max_waiver_months
        );
        for name in self.extra_accreditation_bodies.unwrap_or_default() {
            t.accreditation_bodies
                .push(AccreditationBody::new(&name, &name, "", Vec::new()));
        }
        // A phrasing already known (a default one, as `policy show` writes them all out) is
        // not added twice.
        for (element, phrasings) in self.ai_scope_phrasings.unwrap_or_default() {
            let known = t.ai_scope_phrasings.entry(element).or_default();
            for phrasing in phrasings {
                if !known.contains(&phrasing) {
                    known.push(phrasing);
                }
            }
        }
    }
}
