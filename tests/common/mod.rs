//! The evidence the command-line tests build on, shared by tests/cli.rs and tests/limits.rs.

#![allow(dead_code)] // each test crate uses part of it

/// A vendor that passes every error-level rule at AS_OF (the document it cites is written too).
pub const GOOD: &str = r#"schema = 1

[vendor]
id = "good-co"
name = "Good Co"
services = ["Good Analytics API"]
ai_vendor = false
risk_tier = "medium"
data_classes = ["confidential"]
last_review = 2026-10-15

[[soc2]]
type = 2
auditor = "Ledger & Stone LLP"
period_start = 2025-10-01
period_end = 2026-09-30
opinion = "unqualified"
categories = ["security", "confidentiality"]
services = ["Good Analytics API"]
exceptions = []
cuecs = []
subservice = []
source = "document"
document = { path = "soc2.pdf", sha256 = "SOC2_SHA" }

[incidents]
reviewed_on = 2026-10-15
source = "questionnaire"
disclosed = []
"#;

pub const SOC2_PDF: &[u8] = b"placeholder soc 2 report";

pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    vendorcert::evidence::load::to_hex(&sha2::Sha256::digest(bytes))
}

/// GOOD citing `doc_path`, pinned to the hash of `SOC2_PDF`.
pub fn good_citing(doc_path: &str) -> String {
    GOOD.replace("path = \"soc2.pdf\"", &format!("path = \"{doc_path}\""))
        .replace("SOC2_SHA", &sha256_hex(SOC2_PDF))
}
