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
    /// Format version; must be 1.
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
    /// Incidents disclosed in the last 24 months (`[incidents]`).
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
    /// Stable identifier, lowercase letters, digits and hyphens (e.g. `acme-ai`); other vendors
    /// refer to it in `hosted_on` and `subservice.vendor`.
    #[schemars(pattern(schema::VENDOR_ID))]
    pub id: String,
    /// The vendor's legal or trading name.
    #[schemars(transform = schema::not_blank)]
    pub name: String,
    /// Country of the vendor's registered office, as registries record it (e.g. `GB` or
    /// `United Kingdom`): IAF CertSearch's company search needs it to find a certificate
    /// whose IAF id is not recorded.
    pub country: Option<String>,
    /// The services we use, by the names the vendor's documents give them. Scope checks match
    /// these full names against scope statements and system descriptions.
    #[schemars(transform = schema::service_names)]
    pub services: Vec<String>,
    /// Whether the service we buy is an AI system (model, inference API, AI feature).
    pub ai_vendor: bool,
    /// Risk tier of our use: `low`, `medium` or `high` (high: EU AI Act high-risk, regulated data).
    pub risk_tier: RiskTier,
    /// Classes of data the vendor processes for us.
    pub data_classes: Vec<DataClass>,
    /// Where the buyer's use sits, for sector frameworks (e.g. `us_federal`, `eu_financial`).
    #[serde(default)]
    pub contexts: Vec<UseContext>,
    /// Platforms the service runs on, each another vendor of the portfolio.
    #[serde(default)]
    pub hosted_on: Vec<Hosting>,
    /// Date of the last analyst review of this evidence.
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
    /// The platform vendor's `id` in the portfolio.
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
    /// Where the document can be fetched (used by `--online`).
    pub url: Option<String>,
    /// SHA-256 of the document, 64 hexadecimal digits.
    #[schemars(pattern(schema::SHA256))]
    pub sha256: String,
}

/// An analyst's explicit statement that a scope text covers a service whose name it does not
/// spell out. The quote must appear verbatim in the scope statement or system description.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScopeQuote {
    /// The service (one of `vendor.services`).
    pub service: String,
    /// The scope text that covers it, quoted verbatim.
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
    /// The CPA firm that issued the report.
    pub auditor: Option<String>,
    /// Start of the review period (Type 2).
    pub period_start: Option<Date>,
    /// End of the review period (Type 2), or the "as of" date of a Type 1 report.
    pub period_end: Option<Date>,
    /// Date of the auditor's report.
    pub report_date: Option<Date>,
    /// The auditor's opinion.
    pub opinion: Option<Opinion>,
    /// Trust services categories in scope.
    #[serde(default)]
    pub categories: Vec<TrustCategory>,
    /// Services named in the system description.
    #[serde(default)]
    pub services: Vec<String>,
    /// The system description's scope text, verbatim where it matters.
    pub system_description: Option<String>,
    /// Services the analyst states are covered, with the quote that covers them.
    #[serde(default)]
    pub covers: Vec<ScopeQuote>,
    /// Exceptions (deviations) in the tests of controls; `[]` when the report lists none.
    pub exceptions: Option<Vec<SocException>>,
    /// Complementary user entity controls; `[]` when the report lists none.
    pub cuecs: Option<Vec<Cuec>>,
    /// Subservice organisations; `[]` when the report names none.
    pub subservice: Option<Vec<Subservice>>,
    /// Bridge letter covering the time since the period end.
    pub bridge_letter: Option<BridgeLetter>,
    /// Where the analyst read the report.
    pub source: Source,
    /// The report file.
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
    /// Whether the exception is material (the analyst's reading of the report).
    pub material: bool,
}

/// A complementary user entity control: something we must do for the vendor's controls to work.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cuec {
    /// The control as the report words it.
    pub control: String,
    /// Who owns it on our side (team or person).
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
    /// Its vendor `id` in the portfolio, where its own evidence lives.
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
    /// The last day the letter covers.
    pub through: Date,
    /// Who signed it (name and role in the vendor's management).
    pub signed_by: Option<String>,
    /// Date of the letter.
    pub date: Option<Date>,
    pub document: Option<DocumentRef>,
}

/// An ISO/IEC management-system certificate.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IsoCertificate {
    /// Standard and edition as printed, e.g. `ISO/IEC 27001:2022`.
    #[schemars(transform = schema::standard)]
    pub standard: String,
    /// The certificate's registration number.
    pub certificate_number: Option<String>,
    /// The certified entity as printed on the certificate, where it differs from the vendor's
    /// name (a legal entity of the group): the name a registry's company search looks for.
    pub certified_entity: Option<String>,
    /// The certification body that issued it.
    pub certification_body: Option<String>,
    /// The accreditation body that accredits the certification body (e.g. `UKAS`).
    pub accreditation_body: Option<String>,
    /// Issue date of this certificate.
    pub issued: Option<Date>,
    /// Expiry date printed on the certificate.
    pub expires: Option<Date>,
    /// The scope statement, verbatim.
    pub scope: Option<String>,
    /// Services the analyst states are covered, with the quote that covers them.
    #[serde(default)]
    pub covers: Vec<ScopeQuote>,
    /// Surveillance audits since issue.
    #[serde(default)]
    pub surveillance: Vec<SurveillanceAudit>,
    /// The Statement of Applicability review.
    pub soa: Option<SoaReview>,
    /// AI-specific control extensions documented for this certificate.
    #[serde(default)]
    pub ai_extensions: Vec<String>,
    /// How the certificate was verified with its issuer or a registry.
    pub verification: Option<Verification>,
    /// For an extension certificate (27017, 27018, 27701:2019): the number of the ISO/IEC 27001
    /// certificate it extends.
    pub extends: Option<String>,
    /// Where the analyst saw the certificate.
    pub source: Source,
    /// The certificate file.
    pub document: Option<DocumentRef>,
}

/// A surveillance audit in the certification cycle.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SurveillanceAudit {
    pub date: Date,
    /// Findings and corrective actions, as reported.
    pub findings: Option<String>,
}

/// The analyst's review of the Statement of Applicability.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SoaReview {
    pub reviewed: bool,
    pub version: Option<String>,
    pub date: Option<Date>,
}

/// A check of the certificate with the issuing body or a registry.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Verification {
    /// `registry` (e.g. IAF CertSearch) or `issuer` (the certification body directly).
    pub method: VerificationMethod,
    /// When it was checked.
    pub date: Date,
    /// What the registry or issuer said of the certificate.
    pub status: RegistryStatus,
    /// Where: a registry URL, a ticket, an e-mail reference.
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
    /// 1 self-assessment, 2 third-party, 3 continuous.
    #[schemars(range(min = 1, max = 3))]
    pub level: u8,
    /// The kind of entry (`self_assessment`, `attestation`, `certification`, `c_star`, `continuous`).
    pub assessment: StarAssessment,
    /// The entry's URL in the CSA STAR registry.
    pub registry_url: Option<String>,
    /// CAIQ / CCM (or AI-CAIQ / AICM) version.
    pub caiq_version: Option<String>,
    /// Date the entry was published or the attestation issued.
    pub date: Option<Date>,
    /// For a STAR Certification (or STAR for AI Level 2): the number of the ISO/IEC 27001 (or
    /// 42001) certificate it rests on.
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
    /// Whether customer data trains the vendor's models.
    pub training_on_customer_data: Option<TrainingUse>,
    /// The contractual term that says so (clause reference).
    pub training_terms: Option<String>,
    /// How long prompts and outputs are kept, in days.
    pub retention_days: Option<u32>,
    /// Whether zero data retention applies to our use.
    pub zero_data_retention: Option<bool>,
    pub risk_register: Option<AiRiskRegister>,
    pub adversarial_testing: Option<AdversarialTesting>,
    pub model_security: Option<ModelSecurity>,
    pub output_monitoring: Option<OutputMonitoring>,
    pub bias: Option<BiasAssessment>,
    pub incident_response: Option<ModelIncidentResponse>,
    pub rmf: Option<RmfAssessment>,
    pub iso42001_readiness: Option<Iso42001Readiness>,
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
    /// AI-specific risks the register names.
    pub risks: Vec<AiRisk>,
    pub date: Option<Date>,
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
    pub date: Date,
    /// Scenarios tested.
    pub scenarios: Vec<AdversarialScenario>,
    /// Who tested.
    pub tester: Option<String>,
    /// Whether the tester is independent of the team that built the system.
    pub independent: bool,
    /// Whether remediation was retested.
    pub remediation_retested: bool,
    pub source: Option<Source>,
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
    pub notes: Option<String>,
    pub source: Option<Source>,
}

/// Monitoring of model outputs for harmful or incorrect content.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutputMonitoring {
    #[serde(default)]
    pub in_place: bool,
    pub description: Option<String>,
    pub source: Option<Source>,
}

/// Bias and fairness assessment.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BiasAssessment {
    pub date: Option<Date>,
    /// Protected characteristics assessed.
    #[serde(default)]
    pub characteristics: Vec<String>,
    /// Fairness metrics with their thresholds.
    #[serde(default)]
    pub metrics: Vec<String>,
    #[serde(default)]
    pub thresholds_defined: bool,
    #[serde(default)]
    pub mitigations: bool,
    #[serde(default)]
    pub monitoring_plan: bool,
    pub source: Option<Source>,
}

/// The model incident response plan (MIRP).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModelIncidentResponse {
    #[serde(default)]
    pub plan: bool,
    #[serde(default)]
    pub severity_classes: bool,
    #[serde(default)]
    pub escalation: bool,
    pub last_tabletop: Option<Date>,
    #[serde(default)]
    pub rollback: bool,
    #[serde(default)]
    pub kill_switch: bool,
    #[serde(default)]
    pub regulatory_notification: bool,
    #[serde(default)]
    pub post_incident_review: bool,
    pub source: Option<Source>,
}

/// A NIST AI RMF assessment.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RmfAssessment {
    /// Functions covered: `govern`, `map`, `measure`, `manage`.
    pub functions: Vec<RmfFunction>,
    #[serde(default)]
    pub executive_attestation: bool,
    pub version: Option<String>,
    pub last_review: Option<Date>,
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
    pub status: ReadinessStatus,
    /// Where the vendor publishes its timeline (URL).
    pub public_timeline: Option<String>,
    pub target_date: Option<Date>,
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
    pub retention_days: Option<u32>,
    #[serde(default)]
    pub access_controlled: bool,
    #[serde(default)]
    pub customer_can_disable: bool,
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
    pub source: Source,
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
    pub date: Option<Date>,
    pub expires: Option<Date>,
    pub source: Source,
    pub document: Option<DocumentRef>,
}

/// The vendor's incident disclosures.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncidentHistory {
    /// When the analyst asked the vendor for its incident history.
    pub reviewed_on: Date,
    pub source: Source,
    /// Incidents disclosed; `[]` when the vendor disclosed none.
    pub disclosed: Vec<Incident>,
}

/// A disclosed security incident.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Incident {
    pub date: Date,
    pub summary: String,
    /// How it was handled: containment, notification, root cause, corrective actions.
    pub handling: Option<String>,
}
