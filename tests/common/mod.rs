//! What several test crates share: the evidence the command-line tests build on (tests/cli.rs,
//! tests/limits.rs), and how the tests of external consumers find their tool (tests/taplo.rs,
//! tests/trestle.rs).

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

/// An external program the tests hand our output to: the path in `$ENV_VAR`, else `name` on
/// `PATH`. Without it the tests are skipped, saying why (`install` says how to get it), unless
/// `$REQUIRE_VAR` is `1` (as in CI), where they fail.
pub fn external_tool(
    env_var: &str,
    require_var: &str,
    name: &str,
    install: &str,
) -> Option<std::path::PathBuf> {
    let candidate = std::env::var_os(env_var)
        .map(std::path::PathBuf::from)
        .or_else(|| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|p| p.join(name))
                    .find(|p| p.is_file())
            })
        });
    if let Some(path) = candidate.filter(|p| p.is_file()) {
        return Some(path);
    }
    let why = format!("{name} not found (set {env_var} or put `{name}` on PATH; {install})");
    if std::env::var(require_var).as_deref() == Ok("1") {
        panic!("{why}; {require_var}=1 requires these tests to run");
    }
    eprintln!("skipped: {why}");
    None
}
