//! The portfolio metrics (current certifications, scope verified, AI gap assessments, lapses),
//! accumulated vendor by vendor so that
//! memory does not grow with the portfolio.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::engine::{VendorResult, Verdict};
use crate::evidence::RiskTier;
use crate::rules::Status;

use super::VendorOutcome;

/// A count and its share of a base, for "N of M (P%)" metrics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Share {
    pub count: usize,
    pub of: usize,
}

impl Share {
    fn add(&mut self, counted: bool) {
        self.of += 1;
        self.count += usize::from(counted);
    }

    /// The share in percent, rounded half up (5 of 9 is 56%); `None` when the base is empty.
    /// Only all of them is 100% and only none of them 0%: a 100% beside a "not met" target
    /// (199 of 200) would contradict itself.
    pub fn percent(&self) -> Option<u32> {
        (self.of > 0).then(|| {
            let rounded = ((self.count * 200 + self.of) / (self.of * 2)) as u32;
            match rounded {
                100 if self.count < self.of => 99,
                0 if self.count > 0 => 1,
                p => p,
            }
        })
    }
}

/// The metrics of a portfolio run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub vendors: usize,
    pub passed: usize,
    pub failed: usize,
    pub invalid: usize,
    /// Vendors whose every service is covered by a current, independent attestation
    /// (GEN-COVERAGE passes); target 100%.
    pub current_certifications: Share,
    /// Of the vendors with a scope to check (SOC 2 system description or ISO scope), those whose
    /// every scope finding passes; target 100%.
    pub scope_verified: Share,
    /// Of the AI vendors, those whose AI assurance areas are all recorded; target 100%.
    pub ai_gap_assessments: Share,
    /// Lapses: expired certificates, SOC 2 reports past their age limit, lapsed STAR entries and
    /// expired waivers; target zero.
    pub lapses: usize,
    /// Vendors by risk tier (low, medium, high: in order of severity, not of the alphabet) and
    /// verdict.
    pub by_risk_tier: BTreeMap<RiskTier, BTreeMap<String, usize>>,
}

/// What one vendor adds to the [`Summary`]: worked out where the vendor was evaluated, so
/// that its findings are dropped there, not carried to the thread that sums.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Its risk tier and verdict; `None` for an invalid evidence file.
    judged: Option<(RiskTier, Verdict)>,
    /// Every service covered by a current, independent attestation, where that was judged.
    attested: Option<bool>,
    /// Every scope finding passes, where there is a scope to check.
    scope_verified: Option<bool>,
    /// Every AI assurance area recorded, for an AI vendor.
    ai_assessed: Option<bool>,
    lapses: usize,
}

impl Tally {
    pub fn of(outcome: &VendorOutcome) -> Tally {
        let VendorOutcome::Evaluated(v) = outcome else {
            return Tally::default();
        };
        let mut scopes = v
            .findings
            .iter()
            .filter(|f| {
                matches!(f.rule.id, "SOC2-SCOPE" | "ISO-SCOPE") && f.status != Status::NotApplicable
            })
            .peekable();
        let scope_verified = scopes
            .peek()
            .is_some()
            .then(|| scopes.all(|f| f.status == Status::Pass));
        Tally {
            judged: Some((v.risk_tier, v.verdict)),
            attested: v.assurance().attested,
            scope_verified,
            ai_assessed: v.ai_assessed,
            lapses: lapses(v),
        }
    }
}

impl Summary {
    /// Adds one vendor's [`Tally`].
    pub fn count(&mut self, tally: Tally) {
        self.vendors += 1;
        let Some((risk_tier, verdict)) = tally.judged else {
            self.invalid += 1;
            return;
        };
        match verdict {
            Verdict::Pass => self.passed += 1,
            Verdict::Fail => self.failed += 1,
        }
        if let Some(attested) = tally.attested {
            self.current_certifications.add(attested);
        }
        if let Some(verified) = tally.scope_verified {
            self.scope_verified.add(verified);
        }
        if let Some(done) = tally.ai_assessed {
            self.ai_gap_assessments.add(done);
        }
        self.lapses += tally.lapses;
        let verdict = match verdict {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
        };
        *self
            .by_risk_tier
            .entry(risk_tier)
            .or_default()
            .entry(verdict.to_string())
            .or_default() += 1;
    }
}

/// Findings that record a lapse: evidence that was valid and no longer is.
fn lapses(v: &VendorResult) -> usize {
    v.findings
        .iter()
        .filter(|f| f.status == Status::Fail || f.status == Status::Waived)
        .filter(|f| match f.rule.id {
            "ISO-CURRENT" => f.message.starts_with("expired on"),
            "SOC2-AGE" => f.message.contains("more than"),
            "STAR-CURRENT" => ["deprecated on", "lapsed", "expired with"]
                .iter()
                .any(|p| f.message.contains(p)),
            "GEN-WAIVER" => f.message.contains(" expired on ") || f.message.contains("lapsed with"),
            _ => false,
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::Share;

    #[test]
    fn a_share_rounds_half_up_but_never_to_all_or_none() {
        let percent = |count, of| Share { count, of }.percent();
        assert_eq!(percent(5, 9), Some(56));
        assert_eq!(percent(4, 9), Some(44));
        assert_eq!(percent(1, 8), Some(13));
        assert_eq!(percent(1, 2), Some(50));
        assert_eq!(percent(9, 9), Some(100));
        assert_eq!(percent(0, 9), Some(0));
        assert_eq!(percent(199, 200), Some(99));
        assert_eq!(percent(1, 300), Some(1));
        assert_eq!(percent(0, 0), None);
    }
}
