//! The evidence format, version 1: what an analyst read in a vendor's documents.
//!
//! Field names are part of the public contract (docs/evidence-format.md). Absent optional
//! fields mean "not evidenced": rules treat them as missing evidence, never as a pass. Where
//! "none" and "not recorded" differ (exceptions, CUECs, subservice organisations), the field is an
//! optional list: `exceptions = []` says the report lists none, a missing field says nobody looked.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::date::Date;
use super::schema;

/// The evidence format version this build reads.
pub const SCHEMA_VERSION: u32 = 1;

/// One vendor's evidence file (`vendor.toml` or `vendor.json`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = schema::evidence_file)]
pub struct EvidenceFile {
    /// Format version; must be `1` (`unsupported schema version 2` otherwise).
    pub schema: u32,
    /// Who the vendor is and how we use it.
    pub vendor: Vendor,
    /// SOC 2 reports read (`[[soc2]]`).
    #[serde(default)]
    pub soc2: Vec<SocReport>,
    /// ISO/IEC certificates (`[[iso]]`).
    #[serde(default)]
    pub iso: Vec<IsoCertificate>,
    /// CSA STAR registry entries (`[[star]]`).
    #[serde(default)]
    pub star: Vec<StarEntry>,
    /// AI-specific assurance (`[ai]`).
    pub ai: Option<AiAssurance>,
    /// Contract terms (`[contract]`).
    pub contract: Option<Contract>,
    /// Sector frameworks such as HIPAA or PCI DSS (`[[sector]]`).
    #[serde(default)]
    pub sector: Vec<SectorEvidence>,
    /// The vendor's incident disclosures (`[incidents]`). Absent: GEN-INCIDENTS fails (`no
    /// incident history recorded`).
    pub incidents: Option<IncidentHistory>,
}

/// Top-level keys of an evidence file, in documentation order.
pub const TOP_LEVEL_KEYS: &[&str] = &[
    "schema",
    "vendor",
    "soc2",
    "iso",
    "star",
    "ai",
    "contract",
    "sector",
    "incidents",
];

/// The vendor and the use we make of it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vendor {
    /// Stable identifier: 1 to 64 lowercase letters, digits and hyphens, starting with a letter
    /// or digit (e.g. `acme-ai`). Other vendors refer to it in `hosted_on` and
    /// `soc2.subservice.vendor`; waivers name it.
    #[schemars(pattern(schema::VENDOR_ID))]
    pub id: String,
    /// The vendor's legal or trading name; must not be blank. An auditor whose name is or
    /// contains it is not independent (SOC2-AUDITOR).
    #[schemars(transform = schema::not_blank)]
    pub name: String,
    /// Country of the vendor's registered office, as registries record it (e.g. `GB` or
    /// `United Kingdom`): IAF CertSearch's company search needs it to find a certificate
    /// whose IAF id is not recorded. Read only with `--online`.
    pub country: Option<String>,
    /// The services we use, by the names the vendor's documents give them: at least one, no
    /// blank or duplicate names (case and whitespace folded). Scope checks look for each full
    /// name in scope statements and system descriptions (see [scope matching](#scope-matching)).
    #[schemars(transform = schema::service_names)]
    pub services: Vec<String>,
    /// Whether the service we buy is an AI system (model, inference API, AI feature). When
    /// `false`, the AI rules are not applicable; when `true`, SOC 2 must include Confidentiality.
    pub ai_vendor: bool,
    /// Risk tier of our use: `low`, `medium` or `high` (high: EU AI Act high-risk, regulated data).
    pub risk_tier: RiskTier,
    /// Classes of data the vendor processes for us (may be `[]`). They call for SOC 2 Privacy
    /// and for sector frameworks (e.g. `phi` for HIPAA, `payment_data` for PCI DSS).
    pub data_classes: Vec<DataClass>,
    /// Where the buyer's use sits, which calls for sector frameworks (e.g. `us_federal` for
    /// FedRAMP, `eu_financial` for DORA).
    #[serde(default)]
    pub contexts: Vec<UseContext>,
    /// Platforms the service runs on, each another vendor of the portfolio whose own evidence
    /// must cover the hosting service.
    #[serde(default)]
    pub hosted_on: Vec<Hosting>,
    /// Date of the last analyst review of this evidence. Absent: GEN-REVIEW fails.
    pub last_review: Option<Date>,
    /// Who did that review.
    pub reviewer: Option<String>,
}

// The order of declaration is the order of severity, and the order tiers are listed in
// (`low`, `medium`, `high`), everywhere: help, summary, reports. (A `//` comment: a doc comment
// would become the schema's description of the type.)
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RiskTier {
    Low,
    Medium,
    High,
}

impl RiskTier {
    /// The tier as written in evidence files.
    pub fn as_str(self) -> &'static str {
        match self {
            RiskTier::Low => "low",
            RiskTier::Medium => "medium",
            RiskTier::High => "high",
        }
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DataClass {
    PersonalData,
    Phi,
    PaymentData,
    GovernmentData,
    Confidential,
    Public,
}

/// Where our use of the vendor sits; picks the sector frameworks that must be evidenced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum UseContext {
    UsFederal,
    UsLawEnforcement,
    UsHealthcare,
    UsBanking,
    EuFinancial,
    EuPersonalData,
    India,
}

/// A platform the vendor's service runs on (e.g. a model served on a hyperscaler).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Hosting {
    /// The platform vendor's `id` in the portfolio (checked to be a valid id).
    #[schemars(pattern(schema::VENDOR_ID))]
    pub vendor: String,
    /// The platform's service that hosts this one (e.g. `Nimbus Model Garden`).
    pub service: String,
}

/// Where the analyst saw a piece of evidence. It decides what the piece can prove.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The issued document itself: the certificate, the full audit report, the signed contract.
    Document,
    /// A summary or excerpt of a report (e.g. a SOC 3, a report's first pages).
    Summary,
    /// A public registry entry (IAF CertSearch, a certification body's register, CSA STAR).
    Registry,
    /// The vendor's trust or security page.
    TrustPage,
    /// A statement from the vendor (e-mail, letter, call).
    VendorStatement,
    /// The vendor's answer to a questionnaire.
    Questionnaire,
    /// A screenshot.
    Screenshot,
    /// Marketing material.
    Marketing,
}

impl Source {
    /// Only an issued document or a registry entry is independent evidence; everything else
    /// shows a claim.
    pub fn is_independent(self) -> bool {
        matches!(self, Source::Document | Source::Registry)
    }

    pub fn describe(self) -> &'static str {
        match self {
            Source::Document => "the document itself",
            Source::Summary => "a summary",
            Source::Registry => "a registry entry",
            Source::TrustPage => "the vendor's trust page",
            Source::VendorStatement => "a vendor statement",
            Source::Questionnaire => "a questionnaire answer",
            Source::Screenshot => "a screenshot",
            Source::Marketing => "marketing material",
        }
    }
}

/// A document cited as evidence, pinned by its SHA-256.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = schema::document)]
pub struct DocumentRef {
    /// Path relative to the vendor folder; must stay inside it.
    #[schemars(transform = schema::document_path)]
    pub path: Option<String>,
    /// Where the document can be fetched (used by `--online`; offline, a document with only a
    /// `url` is unverified).
    pub url: Option<String>,
    /// SHA-256 of the document, 64 hexadecimal digits, as printed by `sha256sum FILE`. A file
    /// that is missing or does not match fails GEN-DOCUMENT.
    #[schemars(pattern(schema::SHA256))]
    pub sha256: String,
}

/// An analyst's explicit statement that a scope text covers a service whose name it does not
/// spell out. The quote must appear verbatim in the scope statement or system description.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScopeQuote {
    /// The service; must be one of `vendor.services`.
    pub service: String,
    /// The scope text that covers it, quoted verbatim: at least 8 letters or digits, found in
    /// the report's `services` or `system_description`, or in the certificate's `scope`.
    pub quote: String,
}

/// A SOC 2 report.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = schema::soc_report)]
pub struct SocReport {
    /// Report type: 1 (design at a point in time) or 2 (operating effectiveness over a period).
    #[serde(rename = "type")]
    #[schemars(range(min = 1, max = 2))]
    pub report_type: u8,
    /// The CPA firm that issued the report. Absent, blank or a placeholder (`TBD`, `unknown`,
    /// `internal audit`, `self`…): SOC2-AUDITOR fails.
    pub auditor: Option<String>,
    /// Start of the review period (Type 2 only: a Type 1 report with `period_start` is an
    /// error). Absent on a Type 2 report: SOC2-PERIOD fails.
    pub period_start: Option<Date>,
    /// End of the review period (Type 2), or the "as of" date of a Type 1 report. Absent:
    /// SOC2-AGE fails. A report is judged unless a later report seen as a document or registry
    /// entry covers all its `services` (see [which evidence is judged](#which-evidence-is-judged)).
    pub period_end: Option<Date>,
    /// Date of the auditor's report; on or after `period_end`.
    pub report_date: Option<Date>,
    /// The auditor's opinion. Absent: SOC2-OPINION fails (`no opinion recorded`).
    pub opinion: Option<Opinion>,
    /// Trust services categories in scope.
    #[serde(default)]
    pub categories: Vec<TrustCategory>,
    /// Services named in the system description, matched against `vendor.services`.
    #[serde(default)]
    pub services: Vec<String>,
    /// The system description's scope text, verbatim where it matters.
    pub system_description: Option<String>,
    /// Services the analyst states are covered, with the quote that covers them.
    #[serde(default)]
    pub covers: Vec<ScopeQuote>,
    /// Exceptions (deviations) in the tests of controls; `[]` when the report lists none.
    /// Absent (not recorded): SOC2-EXCEPTIONS is unverified.
    pub exceptions: Option<Vec<SocException>>,
    /// Complementary user entity controls; `[]` when the report lists none. Absent (not
    /// recorded): SOC2-CUECS is unverified.
    pub cuecs: Option<Vec<Cuec>>,
    /// Subservice organisations; `[]` when the report names none. Absent (not recorded):
    /// SOC2-SUBSERVICE is unverified.
    pub subservice: Option<Vec<Subservice>>,
    /// Bridge letter covering the time since the period end. Absent: SOC2-BRIDGE warns once
    /// more than 3 months have passed since the period end.
    pub bridge_letter: Option<BridgeLetter>,
    /// Where the analyst read the report.
    pub source: Source,
    /// The report file. Absent while `source = "document"`: GEN-DOCUMENT warns.
    pub document: Option<DocumentRef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Opinion {
    Unqualified,
    Qualified,
    Adverse,
    Disclaimer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TrustCategory {
    Security,
    Availability,
    ProcessingIntegrity,
    Confidentiality,
    Privacy,
}

/// An exception (deviation) found by the auditor.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SocException {
    /// The control or criterion (e.g. `CC6.1`).
    pub control: Option<String>,
    /// What the auditor found.
    pub text: String,
    /// Whether the exception is material (the analyst's reading of the report). A material
    /// exception fails SOC2-EXCEPTIONS; any other warns.
    pub material: bool,
}

/// A complementary user entity control: something we must do for the vendor's controls to work.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cuec {
    /// The control as the report words it.
    pub control: String,
    /// Who owns it on our side (team or person). Absent or blank: SOC2-CUECS fails.
    pub owner: Option<String>,
}

/// A subservice organisation named in the report.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subservice {
    /// Its name as the report gives it.
    pub name: String,
    /// `carve_out` (its controls are excluded) or `inclusive` (tested in this report).
    pub method: SubserviceMethod,
    /// Its vendor `id` in the portfolio, where its own evidence lives. Absent for a carved-out
    /// organisation: SOC2-SUBSERVICE fails; an id not among the vendors of the run leaves it
    /// unverified.
    pub vendor: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SubserviceMethod {
    CarveOut,
    Inclusive,
}

/// A bridge (gap) letter from the vendor's management.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BridgeLetter {
    /// The last day the letter covers; on or after the report's `period_end`.
    pub through: Date,
    /// Who signed it (name and role in the vendor's management). Absent or blank: SOC2-BRIDGE
    /// warns.
    pub signed_by: Option<String>,
    /// Date of the letter; on or after the report's `period_end`.
    pub date: Option<Date>,
    /// The letter file.
    pub document: Option<DocumentRef>,
}

/// An ISO/IEC management-system certificate.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IsoCertificate {
    /// Standard and edition as printed, e.g. `ISO/IEC 27001:2022`: optional prefixes `ISO`,
    /// `IEC`, `EN`, `DIN`, `BS`, `NF`, `UNE`, a number from 1000 to 99999, and optionally `:`
    /// and a four-digit year (European adoptions map to the ISO edition). Without an edition,
    /// ISO-VERSION is unverified.
    #[schemars(transform = schema::standard)]
    pub standard: String,
    /// The certificate's registration number; STAR entries and `extends` refer to it. Absent or
    /// a placeholder (`N/A`, `TBD`, `pending`…): ISO-NUMBER fails.
    pub certificate_number: Option<String>,
    /// The certified entity as printed on the certificate, where it differs from the vendor's
    /// name (a legal entity of the group): the name a registry's company search looks for.
    /// Read only with `--online`.
    pub certified_entity: Option<String>,
    /// The certification body that issued it. Absent: ISO-ACCREDITED fails.
    pub certification_body: Option<String>,
    /// The accreditation body that accredits the certification body (e.g. `UKAS`). Absent, or
    /// not on the policy's list of IAF MLA signatories: ISO-ACCREDITED fails.
    pub accreditation_body: Option<String>,
    /// Issue date of this certificate; on or before `expires`. Absent: ISO-SURVEILLANCE fails.
    pub issued: Option<Date>,
    /// Expiry date printed on the certificate. Absent: ISO-CURRENT fails.
    pub expires: Option<Date>,
    /// The scope statement, verbatim. Absent: ISO-SCOPE fails.
    pub scope: Option<String>,
    /// Services the analyst states are covered, with the quote that covers them.
    #[serde(default)]
    pub covers: Vec<ScopeQuote>,
    /// Surveillance audits since issue. An extension certificate (27017, 27018, 27701:2019)
    /// with none of its own is judged on those of the 27001 certificate it extends.
    #[serde(default)]
    pub surveillance: Vec<SurveillanceAudit>,
    /// The Statement of Applicability review. Absent on a 27001 or 42001 certificate: ISO-SOA
    /// fails.
    pub soa: Option<SoaReview>,
    /// AI-specific control extensions documented for this certificate.
    #[serde(default)]
    pub ai_extensions: Vec<String>,
    /// How the certificate was verified with its issuer or a registry. Absent: ISO-VERIFIED is
    /// unverified.
    pub verification: Option<Verification>,
    /// For an extension certificate (27017, 27018, 27701:2019): the number of the ISO/IEC 27001
    /// certificate it extends. Absent: any current 27001 certificate backs it.
    pub extends: Option<String>,
    /// Where the analyst saw the certificate.
    pub source: Source,
    /// The certificate file. Absent while `source = "document"`: GEN-DOCUMENT warns.
    pub document: Option<DocumentRef>,
}

/// A surveillance audit in the certification cycle.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SurveillanceAudit {
    /// Date of the audit, on or after the certificate's `issued`. Only audits dated up to the
    /// as-of date count.
    pub date: Date,
    /// Findings and corrective actions, as reported.
    pub findings: Option<String>,
}

/// The analyst's review of the Statement of Applicability.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SoaReview {
    /// Whether the analyst reviewed the Statement of Applicability; `false` fails ISO-SOA.
    pub reviewed: bool,
    /// The SoA version reviewed; quoted in the finding.
    pub version: Option<String>,
    /// Date of the review.
    pub date: Option<Date>,
}

/// A check of the certificate with the issuing body or a registry.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Verification {
    /// `registry` (e.g. IAF CertSearch) or `issuer` (the certification body directly).
    pub method: VerificationMethod,
    /// When it was checked; after the as-of date fails ISO-VERIFIED, more than 12 months before
    /// it warns.
    pub date: Date,
    /// What the registry or issuer said of the certificate; anything but `active` fails
    /// ISO-VERIFIED, and the certificate does not count as current for other rules.
    pub status: RegistryStatus,
    /// Where: a registry URL, a ticket, an e-mail reference. With `--online`, an IAF CertSearch
    /// id (`cert_…`) or its URL is looked up directly.
    pub reference: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VerificationMethod {
    Registry,
    Issuer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RegistryStatus {
    Active,
    Suspended,
    Withdrawn,
    Expired,
    NotFound,
}

/// A CSA STAR registry entry.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = schema::star_entry)]
pub struct StarEntry {
    /// `star` (cloud) or `star_for_ai`.
    #[serde(default = "StarProgram::default_program")]
    pub program: StarProgram,
    /// 1 self-assessment, 2 third-party, 3 continuous; must agree with `assessment`.
    #[schemars(range(min = 1, max = 3))]
    pub level: u8,
    /// The kind of entry (`self_assessment`, `attestation`, `certification`, `c_star`, `continuous`).
    pub assessment: StarAssessment,
    /// The entry's URL in the CSA STAR registry. Absent, or not under
    /// `https://cloudsecurityalliance.org/star/registry/`: STAR-REGISTRY fails.
    pub registry_url: Option<String>,
    /// CAIQ / CCM (or AI-CAIQ / AICM) version.
    pub caiq_version: Option<String>,
    /// Date the entry was published or the attestation issued; but for a certification, the
    /// entry counts for 12 months from it. Absent: STAR-CURRENT fails.
    pub date: Option<Date>,
    /// For a STAR Certification (or STAR for AI Level 2): the number of the ISO/IEC 27001 (or
    /// 42001) certificate it rests on; the certification is valid until that certificate's
    /// `expires`. Absent on a certification: STAR-CURRENT fails.
    pub certificate: Option<String>,
    /// Where the analyst saw the entry.
    pub source: Source,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StarProgram {
    Star,
    StarForAi,
}

impl StarProgram {
    fn default_program() -> StarProgram {
        StarProgram::Star
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StarAssessment {
    SelfAssessment,
    Attestation,
    Certification,
    CStar,
    Continuous,
}

/// AI-specific assurance beyond what SOC 2 and ISO/IEC 27001 cover.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AiAssurance {
    /// Whether customer data trains the vendor's models. Absent: AI-TRAINING-DATA fails.
    pub training_on_customer_data: Option<TrainingUse>,
    /// The contractual term that says so (clause reference). Absent: AI-TRAINING-DATA warns.
    pub training_terms: Option<String>,
    /// How long prompts and outputs are kept, in days (the abuse-monitoring window under zero
    /// data retention).
    pub retention_days: Option<u32>,
    /// Whether zero data retention applies to our use.
    pub zero_data_retention: Option<bool>,
    /// The vendor's AI risk assessment. Absent: AI-RISK-REGISTER fails.
    pub risk_register: Option<AiRiskRegister>,
    /// Adversarial testing of the AI system. Absent: AI-ADVERSARIAL fails.
    pub adversarial_testing: Option<AdversarialTesting>,
    /// Protection of the model and its supply chain. Absent: AI-MODEL-SECURITY fails.
    pub model_security: Option<ModelSecurity>,
    /// Monitoring of model outputs. Absent: AI-OUTPUT-MONITORING fails.
    pub output_monitoring: Option<OutputMonitoring>,
    /// Bias and fairness assessment. Absent: AI-BIAS fails.
    pub bias: Option<BiasAssessment>,
    /// The model incident response plan. Absent: AI-INCIDENT-RESPONSE fails.
    pub incident_response: Option<ModelIncidentResponse>,
    /// A NIST AI RMF assessment. Absent: AI-RMF fails.
    pub rmf: Option<RmfAssessment>,
    /// Progress towards ISO/IEC 42001, for vendors not yet certified. Absent, with no current
    /// accredited 42001 certificate: ISO-42001 fails.
    pub iso42001_readiness: Option<Iso42001Readiness>,
    /// Logging of inference. Absent: AI-INFERENCE-LOGS fails.
    pub inference_logs: Option<InferenceLogging>,
    /// Where the analyst saw these answers (per-area `source` fields override it).
    pub source: Source,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TrainingUse {
    No,
    OptIn,
    OptOut,
    Yes,
    Unknown,
}

/// The vendor's AI risk assessment.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AiRiskRegister {
    /// AI-specific risks the register names; AI-RISK-REGISTER needs the first six.
    pub risks: Vec<AiRisk>,
    /// Date of the register.
    pub date: Option<Date>,
    /// Where it was seen; absent, the `source` of `[ai]` applies.
    pub source: Option<Source>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AiRisk {
    TrainingDataExposure,
    PromptInjection,
    ModelInversion,
    InferenceDataLeakage,
    ModelSupplyChain,
    OutputManipulation,
    Bias,
    HarmfulOutput,
}

/// Adversarial testing (red or purple team) of the AI system.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AdversarialTesting {
    /// Date of the test; AI-ADVERSARIAL needs it within the last 12 months.
    pub date: Date,
    /// Scenarios tested; AI-ADVERSARIAL needs all four.
    pub scenarios: Vec<AdversarialScenario>,
    /// Who tested. Absent or a placeholder: AI-ADVERSARIAL fails (independence cannot be judged).
    pub tester: Option<String>,
    /// Whether the tester is independent of the team that built the system.
    pub independent: bool,
    /// Whether remediation was retested.
    pub remediation_retested: bool,
    /// Where it was seen; absent, the `source` of `[ai]` applies.
    pub source: Option<Source>,
    /// The test report.
    pub document: Option<DocumentRef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AdversarialScenario {
    PromptInjection,
    IndirectPromptInjection,
    Jailbreak,
    DataExfiltration,
}

/// Protection of the model itself and of its supply chain.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModelSecurity {
    /// Model weights and artifacts are access-controlled and integrity-protected.
    #[serde(default)]
    pub artifact_protection: bool,
    /// Third-party models, datasets and dependencies are vetted and tracked.
    #[serde(default)]
    pub supply_chain: bool,
    /// Free text.
    pub notes: Option<String>,
    /// Where it was seen; absent, the `source` of `[ai]` applies.
    pub source: Option<Source>,
}

/// Monitoring of model outputs for harmful or incorrect content.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutputMonitoring {
    /// Outputs are monitored for harmful or incorrect content.
    #[serde(default)]
    pub in_place: bool,
    /// How.
    pub description: Option<String>,
    /// Where it was seen; absent, the `source` of `[ai]` applies.
    pub source: Option<Source>,
}

/// Bias and fairness assessment.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BiasAssessment {
    /// Date of the assessment.
    pub date: Option<Date>,
    /// Protected characteristics assessed.
    #[serde(default)]
    pub characteristics: Vec<String>,
    /// Fairness metrics with their thresholds.
    #[serde(default)]
    pub metrics: Vec<String>,
    /// Thresholds are defined for the metrics.
    #[serde(default)]
    pub thresholds_defined: bool,
    /// Mitigations are in place.
    #[serde(default)]
    pub mitigations: bool,
    /// A plan monitors drift and emergent bias in production.
    #[serde(default)]
    pub monitoring_plan: bool,
    /// Where it was seen; absent, the `source` of `[ai]` applies.
    pub source: Option<Source>,
}

/// The model incident response plan (MIRP).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModelIncidentResponse {
    /// A model incident response plan exists.
    #[serde(default)]
    pub plan: bool,
    /// It defines severity classes.
    #[serde(default)]
    pub severity_classes: bool,
    /// It defines escalation paths.
    #[serde(default)]
    pub escalation: bool,
    /// Date of the last tabletop exercise; AI-INCIDENT-RESPONSE needs one within 12 months.
    pub last_tabletop: Option<Date>,
    /// A model rollback procedure exists.
    #[serde(default)]
    pub rollback: bool,
    /// The model can be switched off.
    #[serde(default)]
    pub kill_switch: bool,
    /// It covers notifying regulators.
    #[serde(default)]
    pub regulatory_notification: bool,
    /// It includes a post-incident review.
    #[serde(default)]
    pub post_incident_review: bool,
    /// Where it was seen; absent, the `source` of `[ai]` applies.
    pub source: Option<Source>,
}

/// A NIST AI RMF assessment.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RmfAssessment {
    /// Functions covered: `govern`, `map`, `measure`, `manage`.
    pub functions: Vec<RmfFunction>,
    /// An executive attested the assessment.
    #[serde(default)]
    pub executive_attestation: bool,
    /// The version of the assessment. Optional in the format, but AI-RMF requires it: absent or
    /// a placeholder, AI-RMF fails (`the assessment lacks a version`).
    pub version: Option<String>,
    /// Date of the last review. Absent, or more than 12 months old: AI-RMF fails.
    pub last_review: Option<Date>,
    /// Where it was seen; absent, the `source` of `[ai]` applies.
    pub source: Option<Source>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RmfFunction {
    Govern,
    Map,
    Measure,
    Manage,
}

/// Progress towards ISO/IEC 42001 certification, for vendors not yet certified.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Iso42001Readiness {
    /// How far the vendor is; `not_started` counts as no readiness.
    pub status: ReadinessStatus,
    /// Where the vendor publishes its timeline (URL). Absent: readiness does not count.
    pub public_timeline: Option<String>,
    /// Target certification date; once it has passed, ISO-42001 fails.
    pub target_date: Option<Date>,
    /// Where it was seen; absent, the `source` of `[ai]` applies.
    pub source: Option<Source>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReadinessStatus {
    NotStarted,
    Planned,
    InProgress,
    AuditScheduled,
}

/// Logging of inference (prompts and outputs).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InferenceLogging {
    /// How long inference logs are kept, in days. Absent: AI-INFERENCE-LOGS fails.
    pub retention_days: Option<u32>,
    /// Access to the logs is controlled.
    #[serde(default)]
    pub access_controlled: bool,
    /// We can turn logging off.
    #[serde(default)]
    pub customer_can_disable: bool,
    /// Where it was seen; absent, the `source` of `[ai]` applies.
    pub source: Option<Source>,
}

/// What the contract (MSA, DPA, order form) commits the vendor to.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    /// Certifications the DPA/MSA names and commits the vendor to maintain.
    #[serde(default)]
    pub names_certifications: Vec<String>,
    /// Days within which the vendor must tell us of a suspended, withdrawn or narrowed certification.
    pub lapse_notice_days: Option<u32>,
    /// Whether we may terminate without penalty if a certification lapses.
    pub termination_on_lapse: Option<bool>,
    /// Whether zero data retention is written into the order form.
    pub zdr_in_order_form: Option<bool>,
    /// The retention window the order form names, in days.
    pub zdr_retention_days: Option<u32>,
    /// Days of notice before a sub-processor change.
    pub subprocessor_notice_days: Option<u32>,
    /// Whether we may object to a new sub-processor.
    pub subprocessor_objection: Option<bool>,
    /// Where the analyst saw the terms.
    pub source: Source,
    /// The contract file. Absent while `source = "document"`: GEN-DOCUMENT warns.
    pub document: Option<DocumentRef>,
}

/// Evidence for a sector framework (HIPAA, HITRUST, PCI DSS, FedRAMP, GDPR, DORA, …).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectorEvidence {
    /// The framework's name, e.g. `HIPAA`, `PCI DSS`, `FedRAMP`.
    pub framework: String,
    /// What was seen (a BAA, an AOC, an ATO letter…).
    pub evidence: Option<String>,
    /// Date of that evidence; on or before `expires`.
    pub date: Option<Date>,
    /// When it expires.
    pub expires: Option<Date>,
    /// Where it was seen.
    pub source: Source,
    /// The evidence file. Absent while `source = "document"`: GEN-DOCUMENT warns.
    pub document: Option<DocumentRef>,
}

/// The vendor's incident disclosures.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncidentHistory {
    /// When the analyst asked the vendor for its incident history; more than 3 months before
    /// the as-of date fails GEN-INCIDENTS.
    pub reviewed_on: Date,
    /// Where the answer came from (typically `vendor_statement`).
    pub source: Source,
    /// Incidents disclosed; `[]` when the vendor disclosed none.
    pub disclosed: Vec<Incident>,
}

/// A disclosed security incident.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Incident {
    /// Date of the incident; GEN-INCIDENTS looks at the 24 months up to the as-of date.
    pub date: Date,
    /// What happened.
    pub summary: String,
    /// How it was handled: containment, notification, root cause, corrective actions. Absent
    /// or blank for an incident of the last 24 months: GEN-INCIDENTS fails.
    pub handling: Option<String>,
}
