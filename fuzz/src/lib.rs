//! What the fuzz targets run, shared with `tests/fuzz_regressions.rs` (which includes this file)
//! so a crashing input found here is replayed by `cargo test` through the same path.
//!
//! Each target takes the bytes of one input file through the checks and parsing `vendorcert`
//! applies to a file it reads, and, when the file is accepted, through evaluation and every
//! report format: a crash anywhere between bytes and report is a finding.

use std::path::Path;
use std::sync::Arc;

use vendorcert::engine::{VendorResult, evaluate};
use vendorcert::evidence::load::{parse_vendor_text, text_from_bytes};
use vendorcert::evidence::{Date, LoadedVendor};
use vendorcert::policy::file::parse_policy_file;
use vendorcert::policy::waivers::parse_waivers;
use vendorcert::policy::{Policy, Waiver};
use vendorcert::portfolio::{RunReport, VendorOutcome};
use vendorcert::report::Render;
use vendorcert::rules::PortfolioIndex;

/// Evidence files are "read" from this folder, which does not exist: a cited document is
/// missing, so nothing on disk is read whatever the input cites.
const VENDOR_DIR: &str = "fuzz-vendor-folder-that-does-not-exist";

/// The as-of dates every accepted input is evaluated at: an ordinary day, and the last day
/// evidence dates can name (date arithmetic past it must saturate, not overflow).
fn as_of_dates() -> [Date; 2] {
    [Date::ymd(2026, 11, 23), Date::ymd(9999, 12, 31)]
}

/// Fixture vendors that policy and waivers inputs are applied to.
const VENDORS: &[(&str, &str)] = &[
    (
        "corvid-models/vendor.toml",
        include_str!("../../fixtures/portfolio/corvid-models/vendor.toml"),
    ),
    (
        "aldermoor-ai/vendor.toml",
        include_str!("../../fixtures/portfolio/aldermoor-ai/vendor.toml"),
    ),
    (
        "tessellate-hub/vendor.toml",
        include_str!("../../fixtures/portfolio/tessellate-hub/vendor.toml"),
    ),
    (
        "orchid-search/vendor.json",
        include_str!("../../fixtures/portfolio/orchid-search/vendor.json"),
    ),
];

/// An evidence file (`file_name` is `vendor.toml` or `vendor.json`, which picks the parser).
pub fn evidence(bytes: &[u8], file_name: &str) {
    let file = Path::new(VENDOR_DIR).join(file_name);
    let Ok(text) = text_from_bytes(&file, bytes.to_vec()) else {
        return;
    };
    let Ok(vendor) = parse_vendor_text(&file, text) else {
        return;
    };
    let tier = vendor.evidence.vendor.risk_tier;
    evaluate_and_render(&[&vendor], &Arc::new(Policy::for_risk_tier(tier)), &[]);
    evaluate_and_render(&[&vendor], &Arc::new(Policy::strict()), &[]);
}

/// A policy file, applied to the fixture vendors.
pub fn policy_file(bytes: &[u8]) {
    let file = Path::new(VENDOR_DIR).join("policy.toml");
    let Ok(text) = text_from_bytes(&file, bytes.to_vec()) else {
        return;
    };
    let Ok(policy) = parse_policy_file(&file, text) else {
        return;
    };
    let refs: Vec<&LoadedVendor> = fixture_vendors().iter().collect();
    evaluate_and_render(&refs, &Arc::new(policy), &[]);
}

/// A policy file applied to the fixture vendors at each as-of date, without rendering: the
/// cheaper path the structure-aware `policy_thresholds` target runs on every execution.
pub fn policy_file_evaluated(bytes: &[u8]) {
    let file = Path::new(VENDOR_DIR).join("policy.toml");
    let Ok(text) = text_from_bytes(&file, bytes.to_vec()) else {
        return;
    };
    let Ok(policy) = parse_policy_file(&file, text) else {
        return;
    };
    let policy = Arc::new(policy);
    let vendors: Vec<&LoadedVendor> = fixture_vendors().iter().collect();
    for as_of in as_of_dates() {
        let index = PortfolioIndex::build(vendors.iter().copied(), as_of, |_| {
            policy.thresholds.clone()
        });
        for vendor in &vendors {
            evaluate(vendor, as_of, &policy, &index, &[]);
        }
    }
}

/// A waivers file, applied to the fixture vendors under their tier's policy.
pub fn waivers_file(bytes: &[u8]) {
    let file = Path::new(VENDOR_DIR).join("waivers.toml");
    let Ok(text) = text_from_bytes(&file, bytes.to_vec()) else {
        return;
    };
    let Ok(waivers) = parse_waivers(&file, text, 12) else {
        return;
    };
    for vendor in fixture_vendors() {
        let policy = Arc::new(Policy::for_risk_tier(vendor.evidence.vendor.risk_tier));
        evaluate_and_render(&[vendor], &policy, &waivers);
    }
}

/// Parsed once per process: every execution of the policy and waivers targets uses them.
fn fixture_vendors() -> &'static [LoadedVendor] {
    static PARSED: std::sync::OnceLock<Vec<LoadedVendor>> = std::sync::OnceLock::new();
    PARSED.get_or_init(|| {
        VENDORS
            .iter()
            .map(|(name, text)| {
                parse_vendor_text(&Path::new(VENDOR_DIR).join(name), (*text).to_string())
                    .expect("the example portfolio's vendors are valid")
            })
            .collect()
    })
}

/// Evaluates `vendors` (indexed together, so cross-vendor rules see each other) at each as-of
/// date, and renders the first run in every format (rendering costs most of an execution, and
/// the second date adds little to it).
fn evaluate_and_render(vendors: &[&LoadedVendor], policy: &Arc<Policy>, waivers: &[Waiver]) {
    for (n, as_of) in as_of_dates().into_iter().enumerate() {
        let index = PortfolioIndex::build(vendors.iter().copied(), as_of, |_| {
            policy.thresholds.clone()
        });
        let results: Vec<VendorResult> = vendors
            .iter()
            .map(|v| evaluate(v, as_of, policy, &index, waivers))
            .collect();
        for result in &results {
            let _ = vendorcert::report::questions::Questionnaire::new(result, as_of);
        }
        let run = RunReport {
            as_of,
            policy: policy.name.clone(),
            vendors: results
                .into_iter()
                .map(|r| VendorOutcome::Evaluated(Box::new(r)))
                .collect(),
            errors: Vec::new(),
        };
        if n == 0 {
            render(&run);
        }
    }
}

fn render(run: &RunReport) {
    use vendorcert::report::{json, junit, markdown, sarif, table};
    let renderers: [&dyn Render; 7] = [
        &json::JsonReport::default(),
        &sarif::SarifReport,
        &junit::JunitReport,
        &markdown::MarkdownReport,
        &table::TableReport {
            color: true,
            width: Some(80),
            verbose: true,
            show_passes: true,
            concise: false,
        },
        &table::TableReport {
            color: false,
            width: Some(40),
            verbose: false,
            show_passes: false,
            concise: false,
        },
        &table::TableReport {
            color: false,
            width: Some(40),
            verbose: false,
            show_passes: false,
            concise: true,
        },
    ];
    for renderer in renderers {
        let mut out = Vec::new();
        renderer
            .render(run, &mut out)
            .expect("rendering to memory does not fail");
    }
}

/// A registry's answer to a certificate look-up (`--online`), as the generic JSON registry and
/// as IAF CertSearch, to an IAF company search, and the reading of a STAR registry page: whatever
/// the bytes, an error or a record, never a panic.
pub fn registry_answer(bytes: &[u8]) {
    use vendorcert::evidence::registry::{names_match, page_names};
    use vendorcert::online::RegistryKind;
    use vendorcert::online::registry::{parse_certificate, parse_companies};
    for kind in [RegistryKind::Json, RegistryKind::IafCertsearch] {
        if let Ok(record) = parse_certificate(kind, bytes) {
            let _ = record.status.describe();
        }
        if let Ok(entities) = parse_companies(kind, bytes) {
            for e in &entities {
                let _ = e
                    .names
                    .iter()
                    .any(|n| names_match(n, "Nimbus Cloud Services"));
                for c in &e.certificates {
                    let _ = c.status.describe();
                }
            }
        }
    }
    let text = String::from_utf8_lossy(bytes);
    let _ = page_names(&text, "Nimbus Cloud Services, Inc.");
}

/// A document given to `vendorcert draft` (a PDF or text): text extraction under its limits,
/// recognition, drafting and both renderings. The TOML draft must itself be valid TOML: a
/// draft the analyst cannot paste is a finding too.
pub fn draft(bytes: &[u8]) {
    use vendorcert::draft;
    let Ok(text) = draft::extract(bytes.to_vec(), std::time::Duration::from_secs(10)) else {
        return;
    };
    let pin = draft::Pin {
        path: "documents/fuzz.pdf".into(),
        sha256: "0".repeat(64),
    };
    let Ok(drafted) = draft::draft_text(&text, &pin) else {
        return;
    };
    let toml_text = draft::render::toml("fuzz.pdf", &drafted);
    if let Err(e) = toml_text.parse::<toml::Table>() {
        panic!("the draft is not valid TOML: {e}\n{toml_text}");
    }
    let _ = draft::render::json("fuzz.pdf", &drafted);
    let _ = draft::fields(&drafted);
}
