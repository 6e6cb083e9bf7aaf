//! A documented executive risk acceptance, as the waivers file records it. Plain data: the
//! policy layer reads and validates waivers files; the engine applies waivers to findings, and
//! GEN-WAIVER reads them like evidence (is each one in force, does it accept a finding).

use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::Date;
use super::error::SourceFile;

/// One documented risk acceptance.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The vendor's id.
    pub vendor: String,
    /// The rule whose findings it accepts.
    pub rule: String,
    /// Why the risk is accepted.
    pub reason: String,
    /// The executive who accepted it (name and role).
    pub approver: String,
    /// When it was approved.
    pub approved: Date,
    /// When it ends.
    pub expires: Date,
    /// Limits the waiver to findings about this ISO certificate, and ends it when the
    /// certificate expires.
    pub certificate: Option<String>,
    /// Limits the waiver to findings about the SOC 2 report with this period end, and ends it
    /// when that report ages past the policy's limit.
    pub soc2_period_end: Option<Date>,
    /// Where the waiver was read (file and line), for reports.
    #[serde(skip_deserializing)]
    pub origin: String,
    /// The waivers file and the waiver's span, for snippets.
    #[serde(skip)]
    pub origin_source: Option<(Arc<SourceFile>, Range<usize>)>,
}
