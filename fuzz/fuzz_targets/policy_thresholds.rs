#![no_main]
//! Structure-aware companion of `policy_file`: the bytes choose the values of a well-formed
//! policy file (every threshold, any u32; levels for any rule), so evaluation under extreme
//! thresholds is reached on every execution instead of once in a while. The policy text is
//! what `policy_file` would read: a crash's text goes to tests/data/fuzz-regressions/policy_file/.

use std::fmt::Write;

use libfuzzer_sys::arbitrary::{Result, Unstructured};

const NUMBERS: &[&str] = &[
    "soc2_max_age_months",
    "bridge_after_months",
    "bridge_gap_months",
    "soc2_min_period_months",
    "soc2_short_period_months",
    "iso_max_validity_years",
    "iso_validity_tolerance_days",
    "surveillance_months",
    "verification_max_age_months",
    "expiry_horizon_days",
    "review_interval_months",
    "incident_window_months",
    "max_waiver_months",
];
const FLAGS: &[&str] = &[
    "accept_type1",
    "require_soc2",
    "accept_42001_readiness",
    "tolerate_claims",
    "warnings_fail",
];
const STANDARDS: &[u32] = &[27001, 27017, 27018, 27701, 42001];
const CLASSES: &[&str] = &[
    "personal_data",
    "phi",
    "payment_data",
    "government_data",
    "confidential",
    "public",
];

fn standards(u: &mut Unstructured) -> Result<String> {
    let mut list = Vec::new();
    for _ in 0..u.int_in_range(0..=3)? {
        list.push(if u.ratio(1, 8)? {
            u.arbitrary::<u32>()?
        } else {
            *u.choose(STANDARDS)?
        });
    }
    Ok(format!("{list:?}"))
}

fn policy_text(u: &mut Unstructured) -> Result<String> {
    let mut text = String::new();
    let extends = u.choose(&["baseline", "ai-vendor", "strict", "eu-ai-act-high-risk"])?;
    writeln!(
        text,
        "extends = \"{extends}\"\nname = \"fuzzed\"\n\n[rules]"
    )
    .unwrap();
    for rule in vendorcert::rules::RULES {
        if u.ratio(1, 4)? {
            let level = u.choose(&["error", "warning", "off"])?;
            writeln!(text, "{} = \"{level}\"", rule.id).unwrap();
        }
    }
    text.push_str("\n[thresholds]\n");
    for key in NUMBERS {
        if u.arbitrary()? {
            writeln!(text, "{key} = {}", u.arbitrary::<u32>()?).unwrap();
        }
    }
    for key in FLAGS {
        if u.arbitrary()? {
            writeln!(text, "{key} = {}", u.arbitrary::<bool>()?).unwrap();
        }
    }
    for key in ["required_iso", "required_iso_ai"] {
        if u.arbitrary()? {
            writeln!(text, "{key} = {}", standards(u)?).unwrap();
        }
    }
    if u.arbitrary()? {
        let mut entries = Vec::new();
        for class in CLASSES {
            if u.arbitrary()? {
                entries.push(format!("{class} = {}", standards(u)?));
            }
        }
        writeln!(
            text,
            "required_iso_by_data_class = {{ {} }}",
            entries.join(", ")
        )
        .unwrap();
    }
    if u.arbitrary()? {
        let body = u.choose(&["IAS", "UKAS", "Meridian Accreditation", ""])?;
        writeln!(text, "extra_accreditation_bodies = [\"{body}\"]").unwrap();
    }
    Ok(text)
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = policy_text(&mut Unstructured::new(data)) else {
        return;
    };
    // A well-formed policy is accepted: a refusal is a bug too.
    if let Err(errors) = vendorcert::policy::file::parse_policy_file(
        std::path::Path::new("policy.toml"),
        text.clone(),
    ) {
        panic!("a well-formed policy was refused: {errors:?}\n{text}");
    }
    vendorcert_fuzz::policy_file_evaluated(text.as_bytes());
});
