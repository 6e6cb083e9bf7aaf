//! The commented evidence template written by `vendorcert init`.

/// A `vendor.toml` that parses and documents every section; `{id}`, `{name}` and `{schema}` are
/// filled in.
const TEMPLATE: &str = r#"#:schema {schema}
# Evidence for {name}, format version 1 (see docs/evidence-format.md).
# Record what you read in the vendor's documents, and where you saw it (`source`): only
# `document` (the certificate or full report itself) and `registry` count as independent
# evidence. Run `vendorcert check` on this folder; `vendorcert explain RULE` explains a finding.
schema = 1

[vendor]
id = "{id}"
name = "{name}"
# The services we use, by the names the vendor's documents give them (scope checks match
# these full names against scope statements and system descriptions).
services = ["{name} Service"]
ai_vendor = false                 # true when the service we buy is an AI system
risk_tier = "medium"              # low, medium or high (high: EU AI Act high-risk, regulated data)
data_classes = ["confidential"]   # personal_data, phi, payment_data, government_data, confidential, public
# contexts = ["eu_personal_data"] # us_federal, us_law_enforcement, us_healthcare, us_banking, eu_financial, eu_personal_data, india
# hosted_on = [{ vendor = "platform-id", service = "Platform Hosting Service" }]
# last_review = 2026-11-23
# reviewer = "Your Name"

# A SOC 2 report (repeat [[soc2]] for several).
# [[soc2]]
# type = 2
# auditor = "CPA firm LLP"
# period_start = 2025-10-01
# period_end = 2026-09-30
# opinion = "unqualified"         # qualified, adverse, disclaimer
# categories = ["security", "confidentiality"]
# services = ["{name} Service"]   # services named in the system description
# exceptions = []                 # [] when the report lists none
# cuecs = []                      # [{ control = "...", owner = "our team" }]
# subservice = []                 # [{ name = "...", method = "carve_out", vendor = "id" }]
# source = "document"
# document = { path = "soc2-2026.pdf", sha256 = "<sha256sum of the file>" }

# An ISO/IEC certificate (repeat [[iso]] for 27001, 27017, 27018, 27701, 42001, ...).
# [[iso]]
# standard = "ISO/IEC 27001:2022"
# certificate_number = "..."
# certification_body = "..."
# accreditation_body = "UKAS"
# issued = 2025-03-10
# expires = 2028-03-09
# scope = "The verbatim scope statement"
# surveillance = [{ date = 2026-03-02 }]
# soa = { reviewed = true, version = "v3" }
# verification = { method = "registry", date = 2026-11-02, status = "active" }
# source = "document"

# [[star]]                        # CSA STAR registry entry
# level = 2
# assessment = "certification"    # self_assessment, attestation, certification, c_star, continuous
# registry_url = "https://cloudsecurityalliance.org/star/registry/..."
# certificate = "<the ISO/IEC 27001 certificate number it rests on>"
# source = "registry"

# [contract]                      # what the DPA/MSA/order form commits the vendor to
# names_certifications = ["SOC 2", "ISO/IEC 27001"]
# lapse_notice_days = 30
# subprocessor_notice_days = 30
# subprocessor_objection = true
# source = "document"

# [incidents]                     # incidents disclosed in the last 24 months
# reviewed_on = 2026-11-23
# source = "questionnaire"
# disclosed = []                  # [{ date = 2026-02-01, summary = "...", handling = "..." }]
"#;

/// The template of `init --ai`: every section and field some rule reads, each value a
/// placeholder `"<…>"` (see `evidence::unfilled`) with a comment saying what to record and where
/// the vendor's documents give it.
const AI_TEMPLATE: &str = include_str!("template_ai.toml");

/// The template for a vendor called `name`; `schema` is the `#:schema` reference (a path
/// relative to the vendor folder, or a URL); `ai` picks the full AI template.
pub fn vendor_template(name: &str, schema: &str, ai: bool) -> String {
    let template = if ai { AI_TEMPLATE } else { TEMPLATE };
    let name = name.replace(['"', '\\'], "'");
    template
        .replace("{schema}", schema)
        .replace("{id}", &vendor_id(&name))
        .replace("{name}", &name)
}

/// A vendor id from a name: lowercase letters and digits, hyphens between words.
pub fn vendor_id(name: &str) -> String {
    let mut id = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-').to_string();
    if id.is_empty() {
        "vendor".to_string()
    } else {
        id.chars().take(64).collect()
    }
}
