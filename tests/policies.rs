//! End-to-end runs of policies: the same evidence under `baseline`, `ai-vendor` and `strict`,
//! what `strict` adds, team policy files (applied, and refused with file:line and a suggestion),
//! `policy show`, and the policy a vendor's risk tier picks when none is named.
//!
//! The vendors and policy files are under `fixtures/policies/`; each vendor's header comment
//! says what each policy must conclude about it as of 2026-11-23.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

const AS_OF: &str = "2026-11-23";

/// Passes baseline, fails ai-vendor on one AI gap, fails strict on more.
const CONTRAST: &str = "kestrel-translate";
/// Only a CSA STAR Level 1 self-assessment.
const STAR_L1: &str = "brindlewood-star-l1";
/// An AI vendor whose ISO/IEC 42001 certificate has expired.
const EXPIRED_42001: &str = "larkspur-expired-42001";
/// An AI vendor whose ISO/IEC 42001 certificate is from a body no IAF MLA signatory accredits.
const UNACCREDITED_42001: &str = "osprey-unaccredited-42001";

fn vendorcert() -> Command {
    Command::cargo_bin("vendorcert").unwrap()
}

/// A file or folder under `fixtures/policies/`.
fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/policies")
        .join(name)
}

/// Runs `check --as-of AS_OF --format json [--policy POLICY] PATH`; returns the exit code and the
/// parsed report.
fn check_json(path: &Path, policy: Option<&str>) -> (i32, Value) {
    let mut cmd = vendorcert();
    cmd.args(["check", "--as-of", AS_OF, "--format", "json"]);
    if let Some(policy) = policy {
        cmd.args(["--policy", policy]);
    }
    let out = cmd.arg(path).output().unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not a JSON report ({e}); stderr:\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap(), report)
}

/// The one vendor of a report.
fn only_vendor(report: &Value) -> &Value {
    let vendors = report["vendors"].as_array().expect("a vendors array");
    assert_eq!(vendors.len(), 1, "expected one vendor in {report:#}");
    &vendors[0]
}

/// A vendor's findings for one rule.
fn findings<'a>(vendor: &'a Value, rule: &str) -> Vec<&'a Value> {
    vendor["findings"]
        .as_array()
        .expect("a findings array")
        .iter()
        .filter(|f| f["rule"] == rule)
        .collect()
}

/// A vendor's single finding for one rule.
fn finding<'a>(vendor: &'a Value, rule: &str) -> &'a Value {
    let found = findings(vendor, rule);
    assert_eq!(
        found.len(),
        1,
        "expected one {rule} finding, got {found:#?}"
    );
    found[0]
}

/// The rules with a finding of severity `error`.
fn error_rules(vendor: &Value) -> BTreeSet<String> {
    rules_where(vendor, |f| f["severity"] == "error")
}

fn rules_where(vendor: &Value, keep: impl Fn(&Value) -> bool) -> BTreeSet<String> {
    vendor["findings"]
        .as_array()
        .expect("a findings array")
        .iter()
        .filter(|f| keep(f))
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// Asserts one finding's status, severity and message.
fn assert_finding(vendor: &Value, rule: &str, status: &str, severity: &str, message: &str) {
    let f = finding(vendor, rule);
    assert_eq!(f["status"], status, "{rule} status: {f:#}");
    assert_eq!(f["severity"], severity, "{rule} severity: {f:#}");
    assert_eq!(f["message"], message, "{rule} message: {f:#}");
}

// --- one vendor, three policies ------------------------------------------------------------

#[test]
fn baseline_passes_the_contrast_vendor_with_ai_and_contract_rules_off() {
    let (code, report) = check_json(&fixture(CONTRAST), Some("baseline"));
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["policy"], "baseline");
    let v = only_vendor(&report);
    assert_eq!(v["policy"], "baseline");
    assert_eq!(v["verdict"], "pass");
    assert_eq!(v["errors"], 0);
    assert!(error_rules(v).is_empty());
    assert_eq!(
        rules_where(v, |f| f["severity"] == "warning"),
        set(&["GEN-INDEPENDENT", "SOC2-BRIDGE"])
    );
    assert_finding(
        v,
        "SOC2-BRIDGE",
        "warn",
        "warning",
        "no bridge letter covers 2026-06-30 to 2026-11-23",
    );
    assert_finding(
        v,
        "GEN-INDEPENDENT",
        "warn",
        "warning",
        "claims that count for nothing: GDPR",
    );
    // Off in baseline: the AI gaps and the contract terms are not evaluated at all.
    let frameworks: BTreeSet<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["framework"].as_str().unwrap().to_string())
        .collect();
    assert!(!frameworks.contains("ai"), "{frameworks:?}");
    assert!(!frameworks.contains("contract"), "{frameworks:?}");
    assert!(findings(v, "AI-ADVERSARIAL").is_empty());
    assert!(findings(v, "ISO-42001").is_empty());
}

#[test]
fn ai_vendor_fails_the_contrast_vendor_on_one_ai_gap() {
    let (code, report) = check_json(&fixture(CONTRAST), Some("ai-vendor"));
    assert_eq!(code, 1, "{report:#}");
    let v = only_vendor(&report);
    assert_eq!(v["policy"], "ai-vendor");
    assert_eq!(v["verdict"], "fail");
    assert_eq!(error_rules(v), set(&["AI-ADVERSARIAL"]));
    assert_finding(
        v,
        "AI-ADVERSARIAL",
        "fail",
        "error",
        "no adversarial testing recorded",
    );
    // Readiness with a public timeline is accepted as a warning.
    assert_finding(
        v,
        "ISO-42001",
        "warn",
        "warning",
        "no current accredited ISO/IEC 42001 certificate; readiness at the audit stage with a public \
         timeline (https://trust.kestrel-translate.example/iso42001, target 2027-03-31)",
    );
    // Contract terms run, as warnings.
    for rule in [
        "CONTRACT-CERTS",
        "CONTRACT-LAPSE-NOTICE",
        "CONTRACT-SUBPROCESSORS",
        "CONTRACT-ZDR",
    ] {
        let f = finding(v, rule);
        assert_eq!(f["level"], "warning", "{f:#}");
        assert_eq!(f["status"], "pass", "{f:#}");
    }
    // The baseline warnings stay warnings.
    assert_eq!(finding(v, "SOC2-BRIDGE")["severity"], "warning");
    assert_eq!(finding(v, "GEN-INDEPENDENT")["severity"], "warning");
}

#[test]
fn strict_fails_the_contrast_vendor_on_more_than_ai_vendor() {
    let (code, report) = check_json(&fixture(CONTRAST), Some("strict"));
    assert_eq!(code, 1, "{report:#}");
    let v = only_vendor(&report);
    assert_eq!(v["policy"], "strict");
    assert_eq!(v["verdict"], "fail");
    assert_eq!(
        error_rules(v),
        set(&[
            "AI-ADVERSARIAL",
            "GEN-INDEPENDENT",
            "ISO-42001",
            "ISO-FAMILY",
            "SOC2-BRIDGE"
        ])
    );
    // Strict does not accept 42001 readiness ...
    assert_finding(
        v,
        "ISO-42001",
        "fail",
        "error",
        "no current accredited ISO/IEC 42001 certificate; readiness at the audit stage with a public \
         timeline (https://trust.kestrel-translate.example/iso42001, target 2027-03-31), which the \
         policy does not accept",
    );
    // ... requires a current 42001 certificate of an AI vendor ...
    assert_finding(
        v,
        "ISO-FAMILY",
        "fail",
        "error",
        "the policy requires a current ISO/IEC 42001 certificate; none is present",
    );
    // ... and tolerates no claim beside independent evidence.
    assert_finding(
        v,
        "GEN-INDEPENDENT",
        "fail",
        "error",
        "claims are not accepted under this policy: GDPR",
    );
    // Every contract term is an error-level rule under strict.
    for rule in [
        "CONTRACT-CERTS",
        "CONTRACT-LAPSE-NOTICE",
        "CONTRACT-SUBPROCESSORS",
        "CONTRACT-ZDR",
    ] {
        assert_eq!(finding(v, rule)["level"], "error");
    }
}

#[test]
fn the_rules_that_differ_between_the_three_policies() {
    let errors = |policy| {
        let (_, report) = check_json(&fixture(CONTRAST), Some(policy));
        error_rules(only_vendor(&report))
    };
    let baseline = errors("baseline");
    let ai_vendor = errors("ai-vendor");
    let strict = errors("strict");
    assert!(baseline.is_subset(&ai_vendor) && ai_vendor.is_subset(&strict));
    assert_eq!(
        ai_vendor
            .difference(&baseline)
            .cloned()
            .collect::<BTreeSet<_>>(),
        set(&["AI-ADVERSARIAL"])
    );
    assert_eq!(
        strict
            .difference(&ai_vendor)
            .cloned()
            .collect::<BTreeSet<_>>(),
        // Strict also turns SOC2-BRIDGE's warning into a failure: partial compliance is
        // non-compliance.
        set(&["GEN-INDEPENDENT", "ISO-42001", "ISO-FAMILY", "SOC2-BRIDGE"])
    );
}

// --- what strict demands --------------------------------------------------------------------

#[test]
fn strict_fails_a_vendor_whose_only_evidence_is_a_star_level_1_self_assessment() {
    let (code, report) = check_json(&fixture(STAR_L1), Some("strict"));
    assert_eq!(code, 1, "{report:#}");
    let v = only_vendor(&report);
    assert_eq!(v["verdict"], "fail");
    assert_finding(
        v,
        "GEN-INDEPENDENT",
        "fail",
        "error",
        "no independent evidence, only claims: CSA STAR Level 1 self-assessment",
    );
    assert_eq!(finding(v, "GEN-INDEPENDENT")["location"]["path"], "star[0]");
    // STAR-LEVEL is a warning-level rule by default, and strict makes it an error; but no
    // policy requires a STAR entry, so a self-assessment weighs as no entry would: a warning.
    // The vendor fails on what strict requires (below) and on having only claims (above).
    assert_finding(
        v,
        "STAR-LEVEL",
        "fail",
        "warning",
        "Level 1 is a self-assessment: it does not count as independent evidence",
    );
    // Strict requires SOC 2 Type 2 and ISO/IEC 27001.
    assert_finding(
        v,
        "SOC2-TYPE",
        "fail",
        "error",
        "the policy requires a SOC 2 Type 2 report; none is in the evidence",
    );
    assert_finding(
        v,
        "ISO-FAMILY",
        "fail",
        "error",
        "the policy requires a current ISO/IEC 27001 certificate; none is present",
    );

    // Under baseline the self-assessment is no independent evidence either, but STAR-LEVEL only
    // warns and neither SOC 2 nor ISO/IEC 27001 is required.
    let (_, report) = check_json(&fixture(STAR_L1), Some("baseline"));
    let v = only_vendor(&report);
    assert_eq!(finding(v, "GEN-INDEPENDENT")["status"], "fail");
    assert_eq!(finding(v, "STAR-LEVEL")["severity"], "warning");
    assert!(
        findings(v, "SOC2-TYPE")
            .iter()
            .all(|f| f["status"] != "fail")
    );
    assert_eq!(finding(v, "ISO-FAMILY")["status"], "not_applicable");
}

#[test]
fn strict_fails_an_ai_vendor_whose_42001_certificate_has_expired() {
    let (code, report) = check_json(&fixture(EXPIRED_42001), Some("strict"));
    assert_eq!(code, 1, "{report:#}");
    let v = only_vendor(&report);
    assert_eq!(v["verdict"], "fail");
    assert_finding(
        v,
        "ISO-42001",
        "fail",
        "error",
        "ISO/IEC 42001:2023 certificate NAL-AIMS-23-0117 is not current; no 42001 readiness with \
         a public timeline",
    );
    assert_finding(
        v,
        "ISO-FAMILY",
        "fail",
        "error",
        "the policy requires a current ISO/IEC 42001 certificate; none is present",
    );

    // ai-vendor also fails the expired certificate (ISO-42001), but requires no ISO family.
    let (_, report) = check_json(&fixture(EXPIRED_42001), Some("ai-vendor"));
    let v = only_vendor(&report);
    assert_eq!(finding(v, "ISO-42001")["status"], "fail");
    assert_eq!(finding(v, "ISO-FAMILY")["status"], "pass");
}

#[test]
fn strict_fails_an_ai_vendor_with_only_42001_readiness() {
    // The contrast vendor: 42001 audit scheduled, with a public timeline.
    let (code, report) = check_json(&fixture(CONTRAST), Some("strict"));
    assert_eq!(code, 1);
    let v = only_vendor(&report);
    assert_eq!(finding(v, "ISO-42001")["status"], "fail");
    assert_eq!(finding(v, "ISO-FAMILY")["status"], "fail");
}

#[test]
fn strict_fails_an_ai_vendor_whose_42001_certificate_is_not_accredited() {
    let (code, report) = check_json(&fixture(UNACCREDITED_42001), Some("strict"));
    assert_eq!(code, 1, "{report:#}");
    let v = only_vendor(&report);
    assert_eq!(v["verdict"], "fail");
    assert_finding(
        v,
        "ISO-42001",
        "fail",
        "error",
        "ISO/IEC 42001:2023 certificate GQC-42001-8812 is not from an accredited certification \
         body; no 42001 readiness with a public timeline",
    );
    let accredited: Vec<_> = findings(v, "ISO-ACCREDITED")
        .into_iter()
        .filter(|f| f["status"] == "fail")
        .collect();
    assert_eq!(accredited.len(), 1, "{accredited:#?}");
    assert_eq!(
        accredited[0]["location"]["path"],
        "iso[1].accreditation_body"
    );
}

// --- a team's policy file -------------------------------------------------------------------

#[test]
fn a_policy_file_extending_ai_vendor_is_applied() {
    let file = fixture("procurement-2026.toml");
    let (code, report) = check_json(&fixture(CONTRAST), Some(file.to_str().unwrap()));
    assert_eq!(code, 1, "{report:#}");
    assert_eq!(report["policy"], "procurement-2026");
    let v = only_vendor(&report);
    assert_eq!(v["policy"], "procurement-2026");
    assert_eq!(v["verdict"], "fail");

    // `SOC2-BRIDGE = "off"`: the rule is not evaluated (it warns under ai-vendor).
    assert!(findings(v, "SOC2-BRIDGE").is_empty(), "{v:#}");
    // `AI-ADVERSARIAL = "warning"`: the same failure now weighs as a warning (an error under
    // ai-vendor).
    let f = finding(v, "AI-ADVERSARIAL");
    assert_eq!(f["status"], "fail");
    assert_eq!(f["level"], "warning");
    assert_eq!(f["severity"], "warning");
    // `soc2_max_age_months = 4`: a report whose period ended almost five months ago is too old
    // (it passes under ai-vendor's 12 months).
    let age = finding(v, "SOC2-AGE");
    assert_eq!(age["status"], "fail", "{age:#}");
    assert_eq!(age["severity"], "error", "{age:#}");
    assert!(
        age["message"]
            .as_str()
            .unwrap()
            .starts_with("period ended 2026-06-30, more than 4 months"),
        "{age:#}"
    );
    assert_eq!(error_rules(v), set(&["SOC2-AGE"]));
    // The rest is ai-vendor's: 42001 readiness warns, contract terms are warnings.
    assert_eq!(finding(v, "ISO-42001")["status"], "warn");
    assert_eq!(finding(v, "CONTRACT-CERTS")["level"], "warning");

    // The same evidence under ai-vendor itself, for contrast.
    let (_, report) = check_json(&fixture(CONTRAST), Some("ai-vendor"));
    let v = only_vendor(&report);
    assert_eq!(finding(v, "SOC2-BRIDGE")["status"], "warn");
    assert_eq!(finding(v, "AI-ADVERSARIAL")["severity"], "error");
    assert_eq!(finding(v, "SOC2-AGE")["status"], "pass");
}

/// Writes `<dir>/<name>.toml`: a policy named `name` that extends `extends` and sets the
/// `[thresholds]` lines given.
fn thresholds_policy(dir: &Path, extends: &str, name: &str, thresholds: &str) -> PathBuf {
    let policy = dir.join(format!("{name}.toml"));
    fs::write(
        &policy,
        format!("extends = \"{extends}\"\nname = \"{name}\"\n\n[thresholds]\n{thresholds}\n"),
    )
    .unwrap();
    policy
}

#[test]
fn a_policy_that_accepts_type_1_reports_warns_instead_of_failing() {
    let tmp = TempDir::new().unwrap();
    let policy = thresholds_policy(tmp.path(), "baseline", "early-stage", "accept_type1 = true");
    let vendor = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules/SOC2-TYPE/fail-type1");
    let (_, report) = check_json(&vendor, Some(policy.to_str().unwrap()));
    assert_finding(
        only_vendor(&report),
        "SOC2-TYPE",
        "warn",
        "warning",
        "Type 1 only: design at a point in time, accepted for an early-stage vendor by the policy",
    );
    // Without the threshold the same report fails; baseline does not require SOC 2, so the
    // weaker report weighs as its absence would: a warning.
    let (_, report) = check_json(&vendor, Some("baseline"));
    assert_finding(
        only_vendor(&report),
        "SOC2-TYPE",
        "fail",
        "warning",
        "Type 1 only: design at a point in time, no operating-effectiveness testing",
    );
    // Where the policy requires SOC 2 Type 2, it is an error, as no report would be.
    let policy = thresholds_policy(
        tmp.path(),
        "baseline",
        "soc2-required",
        "require_soc2 = true",
    );
    let (_, report) = check_json(&vendor, Some(policy.to_str().unwrap()));
    assert_finding(
        only_vendor(&report),
        "SOC2-TYPE",
        "fail",
        "error",
        "Type 1 only: design at a point in time, no operating-effectiveness testing",
    );
}

#[test]
fn policy_show_prints_a_policy_file_with_its_changes() {
    let file = fixture("procurement-2026.toml");
    let out = vendorcert()
        .args(["policy", "show"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with("# vendorcert policy `procurement-2026`: "),
        "{stdout}"
    );
    assert!(stdout.contains("procurement-2026.toml"), "{stdout}");
    let shown = settings(&stdout);
    assert_eq!(
        shown.get("extends").map(String::as_str),
        Some("\"ai-vendor\"")
    );
    assert_eq!(
        shown.get("name").map(String::as_str),
        Some("\"procurement-2026\"")
    );
    assert_eq!(
        shown.get("SOC2-BRIDGE").map(String::as_str),
        Some("\"off\"")
    );
    assert_eq!(
        shown.get("AI-ADVERSARIAL").map(String::as_str),
        Some("\"warning\"")
    );
    assert_eq!(
        shown.get("CONTRACT-ZDR").map(String::as_str),
        Some("\"warning\"")
    );
    assert_eq!(
        shown.get("soc2_max_age_months").map(String::as_str),
        Some("4")
    );
}

/// The `key = value` lines of `policy show`, comments dropped.
fn settings(text: &str) -> std::collections::BTreeMap<String, String> {
    text.lines()
        .filter_map(|line| line.split_once(" = "))
        .map(|(k, v)| {
            let v = v.split("  #").next().unwrap();
            (k.trim().to_string(), v.trim().to_string())
        })
        .collect()
}

/// Runs `check` and `policy show` with a broken policy file: both exit 2, print no report, and
/// name the file and line on stderr with the given message and suggestion.
fn assert_refused(file_name: &str, line: usize, message: &str, help: &str) {
    let file = fixture(file_name);
    let located = format!("{}:{line}:", file.display());
    let check = vendorcert()
        .args(["check", "--as-of", AS_OF, "--format", "json", "--policy"])
        .arg(&file)
        .arg(fixture(CONTRAST))
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty());
    let show = vendorcert()
        .args(["policy", "show"])
        .arg(&file)
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty());
    for assert in [check, show] {
        assert
            .stderr(predicate::str::contains(located.clone()))
            .stderr(predicate::str::contains(message))
            .stderr(predicate::str::contains(help));
    }
}

#[test]
fn a_misspelled_rule_id_is_refused_with_its_line_and_the_closest_id() {
    assert_refused(
        "typo-rule.toml",
        5,
        "unknown rule id `SOC2-BRIGDE`",
        "did you mean `SOC2-BRIDGE`?",
    );
}

#[test]
fn an_unknown_threshold_is_refused_with_its_line_and_the_closest_key() {
    assert_refused(
        "typo-threshold.toml",
        5,
        "unknown field `soc2_max_age_month`",
        "did you mean `soc2_max_age_months`?",
    );
}

#[test]
fn an_unknown_extends_is_refused_with_its_line_and_the_closest_policy() {
    assert_refused(
        "unknown-extends.toml",
        2,
        "unknown built-in policy `strikt`",
        "did you mean `strict`?",
    );
}

// --- policy show ----------------------------------------------------------------------------

#[test]
fn policy_show_strict_prints_its_levels_and_thresholds() {
    let out = vendorcert()
        .args(["policy", "show", "strict"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with("# vendorcert policy `strict`: "),
        "{stdout}"
    );
    assert!(stdout.contains("\n[rules]\n"), "{stdout}");
    assert!(stdout.contains("\n[thresholds]\n"), "{stdout}");
    let shown = settings(&stdout);
    // Warning-level rules become errors; GEN-EXPIRY stays a warning; AI and contract rules run.
    for (rule, level) in [
        ("STAR-LEVEL", "error"),
        ("GEN-EXPIRY", "warning"),
        ("ISO-42001", "error"),
        ("AI-ADVERSARIAL", "error"),
        ("CONTRACT-ZDR", "error"),
        ("GEN-INDEPENDENT", "error"),
    ] {
        assert_eq!(
            shown.get(rule).map(String::as_str),
            Some(format!("\"{level}\"").as_str()),
            "{rule} in\n{stdout}"
        );
    }
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("STAR-LEVEL") && l.ends_with("(rule default: warning)")),
        "{stdout}"
    );
    for (key, value) in [
        ("require_soc2", "true"),
        ("required_iso", "[27001]"),
        ("required_iso_ai", "[42001]"),
        ("accept_42001_readiness", "false"),
        ("tolerate_claims", "false"),
        ("soc2_max_age_months", "12"),
    ] {
        assert_eq!(
            shown.get(key).map(String::as_str),
            Some(value),
            "{key} in\n{stdout}"
        );
    }
    // Every rule has a line.
    let rules = vendorcert().arg("rules").output().unwrap();
    for line in String::from_utf8(rules.stdout).unwrap().lines() {
        let id = line.split_whitespace().next().unwrap();
        assert!(shown.contains_key(id), "{id} missing from\n{stdout}");
    }

    // Baseline, for contrast: AI rules off, nothing required.
    let out = vendorcert()
        .args(["policy", "show", "baseline"])
        .output()
        .unwrap();
    let shown = settings(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(shown.get("ISO-42001").map(String::as_str), Some("\"off\""));
    assert_eq!(
        shown.get("STAR-LEVEL").map(String::as_str),
        Some("\"warning\"")
    );
    assert_eq!(shown.get("required_iso").map(String::as_str), Some("[]"));
    assert_eq!(
        shown.get("tolerate_claims").map(String::as_str),
        Some("true")
    );
}

#[test]
fn policy_show_of_an_unknown_policy_exits_2_with_a_suggestion() {
    vendorcert()
        .args(["policy", "show", "nope"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(
            "nope: no such built-in policy or policy file",
        ))
        .stderr(predicate::str::contains(
            "built-in policies: baseline, ai-vendor, strict, eu-ai-act-high-risk",
        ));
    vendorcert()
        .args(["policy", "show", "stict"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `strict`?"));
}

#[test]
fn check_with_an_unknown_policy_exits_2_with_a_suggestion() {
    vendorcert()
        .args(["check", "--as-of", AS_OF, "--policy", "ai-vendr"])
        .arg(fixture(CONTRAST))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "ai-vendr: no such built-in policy or policy file",
        ))
        .stderr(predicate::str::contains("did you mean `ai-vendor`?"));
}

// --- the risk tier picks the policy ---------------------------------------------------------

/// Copies the contrast vendor into `root/<tier>` with that risk tier and its own id.
fn contrast_with_tier(root: &Path, tier: &str) {
    let dir = root.join(tier);
    fs::create_dir_all(&dir).unwrap();
    for entry in fs::read_dir(fixture(CONTRAST)).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    let text = fs::read_to_string(dir.join("vendor.toml")).unwrap();
    let text = text
        .replace("risk_tier = \"medium\"", &format!("risk_tier = \"{tier}\""))
        .replace(
            "id = \"kestrel-translate\"",
            &format!("id = \"kestrel-{tier}\""),
        );
    fs::write(dir.join("vendor.toml"), text).unwrap();
}

#[test]
fn without_a_policy_the_risk_tier_picks_one() {
    let tmp = TempDir::new().unwrap();
    for tier in ["low", "medium", "high"] {
        contrast_with_tier(tmp.path(), tier);
    }
    let (code, report) = check_json(tmp.path(), None);
    assert_eq!(code, 1, "{report:#}");
    assert_eq!(report["policy"], "by risk tier");
    let vendors = report["vendors"].as_array().unwrap();
    let by_id = |id: &str| {
        vendors
            .iter()
            .find(|v| v["id"] == id)
            .unwrap_or_else(|| panic!("no vendor {id} in {report:#}"))
    };

    let low = by_id("kestrel-low");
    assert_eq!(low["policy"], "baseline");
    assert_eq!(low["verdict"], "pass");

    let medium = by_id("kestrel-medium");
    assert_eq!(medium["policy"], "ai-vendor");
    assert_eq!(medium["verdict"], "fail");
    assert_eq!(error_rules(medium), set(&["AI-ADVERSARIAL"]));

    // eu-ai-act-high-risk: strict, plus 27017, 27018 and 27701 required.
    let high = by_id("kestrel-high");
    assert_eq!(high["policy"], "eu-ai-act-high-risk");
    assert_eq!(high["verdict"], "fail");
    let family: BTreeSet<String> = findings(high, "ISO-FAMILY")
        .iter()
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        family,
        [27017, 27018, 27701, 42001]
            .iter()
            .map(|n| format!(
                "the policy requires a current ISO/IEC {n} certificate; none is present"
            ))
            .collect()
    );
    assert_eq!(finding(high, "CONTRACT-TERMINATION")["status"], "pass");

    // A named policy applies to every vendor, whatever its tier.
    let (_, report) = check_json(tmp.path(), Some("baseline"));
    assert_eq!(report["policy"], "baseline");
    for v in report["vendors"].as_array().unwrap() {
        assert_eq!(v["policy"], "baseline", "{v:#}");
        assert_eq!(v["verdict"], "pass", "{v:#}");
    }
}

#[test]
fn every_problem_of_a_policy_file_is_reported_at_once() {
    let dir = tempfile::TempDir::new().unwrap();
    let file = dir.path().join("many.toml");
    std::fs::write(
        &file,
        "extends = \"ai-vendor\"\n\n[rules]\nSOC2-BRIGDE = \"off\"\nAI-BAIS = \"off\"\n\n[thresholds]\nsoc2_max_age_month = 9\n",
    )
    .unwrap();
    let out = Command::cargo_bin("vendorcert")
        .unwrap()
        .args(["policy", "show"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    for expected in [
        "many.toml:4:1: unknown rule id `SOC2-BRIGDE`",
        "did you mean `SOC2-BRIDGE`?",
        "many.toml:5:1: unknown rule id `AI-BAIS`",
        "did you mean `AI-BIAS`?",
        "many.toml:8:1: unknown field `soc2_max_age_month`",
        "did you mean `soc2_max_age_months`?",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
}

#[test]
fn a_policy_can_require_iso_standards_per_data_class() {
    // corvid-models processes personal data; the policy requires 27701 for it.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::cargo_bin("vendorcert")
        .unwrap()
        .current_dir(root)
        .args([
            "check",
            "fixtures/portfolio/corvid-models",
            "--as-of",
            "2026-11-23",
            "--format",
            "json",
            "--policy",
            "fixtures/policies/privacy-by-data-class.toml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let family = v["vendors"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "ISO-FAMILY")
        .unwrap();
    assert_eq!(family["status"], "fail");
    assert_eq!(
        family["message"],
        "the policy requires a current ISO/IEC 27701 certificate; none is present"
    );
    assert_eq!(v["vendors"][0]["policy"], "privacy-team");
}

#[test]
fn warnings_fail_in_a_policy_file_is_applied() {
    // Regression: `warnings_fail` was accepted in [thresholds] but never applied, so a policy
    // asking for warnings to fail still passed the vendor.
    let tmp = TempDir::new().unwrap();
    let policy = thresholds_policy(
        tmp.path(),
        "baseline",
        "warnings-fail",
        "warnings_fail = true",
    );
    let (code, report) = check_json(&fixture(CONTRAST), Some("baseline"));
    assert_eq!(code, 0, "the contrast vendor passes baseline with warnings");
    let independent = finding(only_vendor(&report), "GEN-INDEPENDENT");
    assert_eq!(independent["status"], "warn");
    assert_eq!(independent["severity"], "warning");
    let (code, report) = check_json(&fixture(CONTRAST), Some(policy.to_str().unwrap()));
    assert_eq!(code, 1, "{report:#}");
    let vendor = only_vendor(&report);
    assert_eq!(vendor["verdict"], "fail");
    assert_eq!(finding(vendor, "GEN-INDEPENDENT")["severity"], "error");
    // A rule at level warning stays a warning.
    assert_eq!(finding(vendor, "SOC2-BRIDGE")["severity"], "warning");
}

#[test]
fn huge_thresholds_in_a_policy_file_do_not_crash_the_run() {
    // Regression: `iso_max_validity_years` was multiplied by 12 without overflow checks, and
    // `iso_validity_tolerance_days` / `expiry_horizon_days` were added to dates that then went
    // past the last representable date: each panicked instead of reporting.
    let tmp = TempDir::new().unwrap();
    for threshold in [
        "iso_max_validity_years = 4294967295",
        "iso_validity_tolerance_days = 4294967295",
        "expiry_horizon_days = 4294967295",
        "surveillance_months = 4294967295",
        "soc2_max_age_months = 4294967295",
        "review_interval_months = 4294967295",
    ] {
        let policy = thresholds_policy(tmp.path(), "strict", "huge", threshold);
        let out = vendorcert()
            .args(["check", "--as-of", AS_OF, "--format", "json", "--policy"])
            .arg(&policy)
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/portfolio"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{threshold}: {stderr}");
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{threshold}: exit {:?}, {stderr}",
            out.status.code()
        );
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["summary"]["vendors"], 9, "{threshold}");
    }
}

// --- policy show writes a policy file that loads as the same policy -------------------------

/// `check fixtures/portfolio --format json` under `policy`; the exit code and stdout.
fn portfolio_report(policy: &str) -> (Option<i32>, String) {
    let out = vendorcert()
        .args([
            "check", "--as-of", AS_OF, "--format", "json", "--policy", policy,
        ])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/portfolio"))
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "{policy}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

/// `policy show NAME` as a file.
fn shown_policy(dir: &Path, name: &str) -> PathBuf {
    let out = vendorcert()
        .args(["policy", "show", name])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "policy show {name}");
    let file = dir.join(format!("{name}.toml"));
    fs::write(&file, out.stdout).unwrap();
    file
}

#[test]
fn policy_show_of_each_built_in_policy_judges_the_portfolio_as_the_policy_does() {
    let tmp = TempDir::new().unwrap();
    for name in ["baseline", "ai-vendor", "strict", "eu-ai-act-high-risk"] {
        let file = shown_policy(tmp.path(), name);
        let text = fs::read_to_string(&file).unwrap();
        assert!(text.contains(&format!("\nname = \"{name}\"\n")), "{text}");
        let by_name = portfolio_report(name);
        let by_file = portfolio_report(file.to_str().unwrap());
        // The file carries the policy's name, so the reports are byte for byte the same.
        assert_eq!(
            by_file, by_name,
            "{name}: the shown file judges differently"
        );
        let report: Value = serde_json::from_str(&by_file.1).unwrap();
        assert_eq!(report["policy"], name);
        assert_eq!(report["summary"]["vendors"], 9);
    }
}

#[test]
fn policy_show_of_a_policy_file_loads_as_that_policy() {
    let tmp = TempDir::new().unwrap();
    let original = fixture("procurement-2026.toml");
    let out = vendorcert()
        .args(["policy", "show"])
        .arg(&original)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let shown = tmp.path().join("shown.toml");
    fs::write(&shown, &out.stdout).unwrap();
    let by_original = portfolio_report(original.to_str().unwrap());
    let by_shown = portfolio_report(shown.to_str().unwrap());
    assert_eq!(by_shown, by_original);
    // Shown again, it is the same file but for the line saying where it was read from.
    let again = vendorcert()
        .args(["policy", "show"])
        .arg(&shown)
        .output()
        .unwrap();
    let without_source = |text: &[u8]| {
        String::from_utf8(text.to_vec())
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with("# Read from "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(without_source(&again.stdout), without_source(&out.stdout));
}

#[test]
fn an_edited_policy_show_file_must_get_its_own_name() {
    let tmp = TempDir::new().unwrap();
    let file = shown_policy(tmp.path(), "ai-vendor");
    let text = fs::read_to_string(&file).unwrap();
    let edited = text.replacen(
        "\nAI-BIAS                = \"error\"",
        "\nAI-BIAS                = \"off\"  ",
        1,
    );
    assert_ne!(edited, text, "the AI-BIAS line moved:\n{text}");
    fs::write(&file, &edited).unwrap();
    let line = edited
        .lines()
        .position(|l| l.starts_with("name = "))
        .unwrap()
        + 1;
    vendorcert()
        .args(["policy", "show"])
        .arg(&file)
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(format!(
            "{}:{line}:8: a policy that changes `ai-vendor` cannot also be called `ai-vendor`",
            file.display()
        )))
        .stderr(predicate::str::contains(
            "help: give this policy its own name",
        ));
    // Renamed, it loads, and the level is applied.
    fs::write(
        &file,
        edited.replace("name = \"ai-vendor\"", "name = \"ai-vendor-no-bias\""),
    )
    .unwrap();
    let (_, report) = check_json(&fixture(CONTRAST), Some(file.to_str().unwrap()));
    let v = only_vendor(&report);
    assert_eq!(v["policy"], "ai-vendor-no-bias");
    assert!(findings(v, "AI-BIAS").is_empty(), "{v:#}");
}

/// `check` with a policy file of `text`; its exit code and standard error, the file's path
/// written as `POLICY`.
fn refused_policy(text: &str) -> (Option<i32>, String) {
    let tmp = TempDir::new().unwrap();
    let file = tmp.path().join("team.toml");
    fs::write(&file, text).unwrap();
    let out = vendorcert()
        .args(["check", "--as-of", AS_OF, "--policy"])
        .arg(&file)
        .arg(fixture(CONTRAST))
        .output()
        .unwrap();
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr)
        .unwrap()
        .replace(&file.display().to_string(), "POLICY");
    (out.status.code(), stderr)
}

#[test]
fn a_threshold_key_missing_a_word_suggests_the_key_that_has_it() {
    let (code, stderr) = refused_policy(
        "extends = \"ai-vendor\"\nname = \"team\"\n\n[thresholds]\naccreditation_bodies = [\"IAS\"]\n",
    );
    assert_eq!(code, Some(2));
    assert_eq!(
        stderr,
        "error: POLICY:5:1: unknown field `accreditation_bodies`
  ┌─ POLICY:5:1
  │
5 │ accreditation_bodies = [\"IAS\"]
  │ ^^^^^^^^^^^^^^^^^^^^ unknown field `accreditation_bodies`
  │
  = help: did you mean `extra_accreditation_bodies`?

"
    );
}

#[test]
fn an_unknown_threshold_key_lists_every_accepted_key() {
    let (code, stderr) = refused_policy("[thresholds]\ncolour = 1\n");
    assert_eq!(code, Some(2));
    assert_eq!(
        stderr,
        "error: POLICY:2:1: unknown field `colour`
  ┌─ POLICY:2:1
  │
2 │ colour = 1
  │ ^^^^^^ unknown field `colour`
  │
  = help: expected one of `soc2_max_age_months`, `bridge_after_months`, `bridge_gap_months`, \
`soc2_min_period_months`, `soc2_short_period_months`, `accept_type1`, `require_soc2`, \
`iso_max_validity_years`, `iso_validity_tolerance_days`, `surveillance_months`, \
`verification_max_age_months`, `extra_accreditation_bodies`, `required_iso`, `required_iso_ai`, \
`required_iso_by_data_class`, `accept_42001_readiness`, `tolerate_claims`, `warnings_fail`, \
`require_document_pins`, `ai_scope_phrasings`, `expiry_horizon_days`, `review_interval_months`, \
`incident_window_months`, `max_waiver_months`

"
    );
}

#[test]
fn a_misspelt_rule_id_or_level_is_refused_with_the_closest_one() {
    let (code, stderr) = refused_policy(
        "extends = \"ai-vendor\"\nname = \"team\"\n\n[rules]\nSOC2-AEG = \"warning\"\nSOC2-BRIDGE = \"eror\"\n",
    );
    assert_eq!(code, Some(2));
    assert_eq!(
        stderr,
        "error: POLICY:5:1: unknown rule id `SOC2-AEG`
  ┌─ POLICY:5:1
  │
5 │ SOC2-AEG = \"warning\"
  │ ^^^^^^^^ unknown rule id `SOC2-AEG`
  │
  = help: did you mean `SOC2-AGE`?

error: POLICY:6:15: unknown value `eror`, expected one of `off`, `warning`, `error`
  ┌─ POLICY:6:15
  │
6 │ SOC2-BRIDGE = \"eror\"
  │               ^^^^^^ unknown value `eror`, expected one of `off`, `warning`, `error`
  │
  = help: did you mean `error`?

"
    );
}

/// `check --obligation FRAMEWORK`: each vendor's findings are exactly those of the unrestricted
/// run in the rules bearing on the framework or running under every framework, the verdicts
/// and the exit code follow from them, and the reports name the restriction.
#[test]
fn an_obligation_restricts_the_run_to_the_rules_bearing_on_it() {
    use vendorcert::rules::crosswalk::Regime;
    let portfolio = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/portfolio");
    let run = |extra: &[&str]| {
        let out = vendorcert()
            .args(["check", "--as-of", AS_OF, "--format", "json"])
            .args(extra)
            .arg(&portfolio)
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        (out.status.code().unwrap(), report)
    };
    let (_, full) = run(&[]);
    for regime in [Regime::Dora, Regime::OwaspLlm, Regime::Gdpr] {
        let (code, restricted) = run(&["--obligation", regime.key()]);
        let suffix = format!(" (only {})", regime.key());
        assert!(
            restricted["policy"].as_str().unwrap().ends_with(&suffix),
            "{}",
            restricted["policy"]
        );
        let mut any_fails = false;
        let vendors = restricted["vendors"].as_array().unwrap();
        assert_eq!(vendors.len(), full["vendors"].as_array().unwrap().len());
        for (v, w) in vendors.iter().zip(full["vendors"].as_array().unwrap()) {
            assert_eq!(v["id"], w["id"]);
            assert!(v["policy"].as_str().unwrap().ends_with(&suffix));
            let kept = |f: &&Value| {
                let rule = vendorcert::rules::find(f["rule"].as_str().unwrap()).unwrap();
                rule.obligations.runs_under(regime)
            };
            let unused_waiver = |f: &&Value| {
                f["rule"] == "GEN-WAIVER"
                    && f["message"]
                        .as_str()
                        .is_some_and(|m| m.ends_with("matches no finding: remove it or correct it"))
            };
            let mut have: Vec<&Value> = v["findings"].as_array().unwrap().iter().collect();
            let mut want: Vec<&Value> = w["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(kept)
                .collect();
            // The restriction keeps a waiver of a rule it turned off from "matching nothing".
            have.retain(|f| !unused_waiver(f));
            want.retain(|f| !unused_waiver(f));
            assert_eq!(have, want, "{} under {}", v["id"], regime.key());
            let errors = have.iter().filter(|f| f["severity"] == "error").count();
            assert_eq!(v["errors"], errors, "{}", v["id"]);
            let verdict = if errors > 0 { "fail" } else { "pass" };
            assert_eq!(v["verdict"], verdict, "{}", v["id"]);
            any_fails |= errors > 0;
        }
        assert_eq!(code, i32::from(any_fails), "{}", regime.key());
    }
    // An AI-only framework passes a vendor whose only failures are outside it.
    let (_, owasp) = run(&["--obligation", "owasp-llm"]);
    let rules: BTreeSet<&str> = owasp["vendors"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|v| v["findings"].as_array().unwrap())
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains("AI-ADVERSARIAL") && rules.contains("GEN-FILLED"));
    assert!(!rules.contains("SOC2-TYPE") && !rules.contains("AI-BIAS"));
    vendorcert()
        .args(["check", "--as-of", AS_OF, "--obligation", "hipaa"])
        .arg(&portfolio)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "invalid value 'hipaa' for '--obligation",
        ));
}

/// A temporary vendor folder holding a copy of the evidence file of `fixtures/rules/{rel}`, to be
/// edited: the folder (kept while the first value lives), its path and the file's text.
fn rule_fixture_copy(rel: &str) -> (TempDir, PathBuf, String) {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("vendor");
    fs::create_dir(&dir).unwrap();
    let original = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/rules")
            .join(rel)
            .join("vendor.toml"),
    )
    .unwrap();
    (tmp, dir, original)
}

/// An extension certificate is audited with the 27001 it extends, so its ISO-SURVEILLANCE
/// finding points at that 27001's audit; it still judges the extension. Under strict, which does
/// not require a 27017, an extension seen only on a trust page weighs as its absence would: a
/// warning, as it is when its issue date is missing too (a property-test counterexample: removing
/// the extension's issue date cleared an error).
#[test]
fn an_extension_judged_on_its_27001_audits_weighs_as_the_extension() {
    let (_tmp, dir, original) = rule_fixture_copy("ISO-SURVEILLANCE/pass-extension-inherits");
    let (base, extension) = original.split_at(original.rfind("[[iso]]").unwrap());
    let claimed = extension.replace("source = \"document\"", "source = \"trust_page\"");
    assert_ne!(claimed, extension);
    let surveillance = |vendor: &Value| -> Value {
        let found: Vec<&Value> = findings(vendor, "ISO-SURVEILLANCE")
            .into_iter()
            .filter(|f| f["subject"].as_str().unwrap_or("").contains("FX-CLD-40128"))
            .collect();
        assert_eq!(found.len(), 1, "{vendor:#}");
        found[0].clone()
    };

    fs::write(dir.join("vendor.toml"), format!("{base}{claimed}")).unwrap();
    let (_, report) = check_json(&dir, Some("strict"));
    let f = surveillance(only_vendor(&report));
    assert_eq!(f["status"], "unverified", "{f:#}");
    assert_eq!(f["severity"], "warning", "{f:#}");
    assert_eq!(
        f["location"]["path"], "iso[0].surveillance[0].date",
        "{f:#}"
    );

    let undated = claimed.replacen("issued = 2025-03-10\n", "", 1);
    assert_ne!(undated, claimed);
    fs::write(dir.join("vendor.toml"), format!("{base}{undated}")).unwrap();
    let (_, report) = check_json(&dir, Some("strict"));
    let f = surveillance(only_vendor(&report));
    assert_eq!(f["status"], "fail", "{f:#}");
    assert_eq!(f["severity"], "warning", "{f:#}");
}

/// A bridge letter's document is one no policy requires to be filed: cited by URL only, and so
/// not checkable offline, it weighs as no document at all would (a property-test counterexample:
/// under strict, removing such a citation turned a failing vendor into a passing one). A
/// document that is missing or altered still counts whatever the piece.
#[test]
fn a_bridge_letter_cited_by_url_only_weighs_as_no_document() {
    let (_tmp, dir, original) = rule_fixture_copy("SOC2-BRIDGE/pass");
    fs::write(dir.join("vendor.toml"), &original).unwrap();
    let (code_without, without) = check_json(&dir, Some("strict"));

    let cited = format!(
        "{original}\n[soc2.bridge_letter.document]\nurl = \"https://example.invalid/bridge.pdf\"\n\
         sha256 = \"{}\"\n",
        "ab".repeat(32)
    );
    fs::write(dir.join("vendor.toml"), cited).unwrap();
    let (code_with, with) = check_json(&dir, Some("strict"));
    let vendor = only_vendor(&with);
    let document: Vec<&Value> = findings(vendor, "GEN-DOCUMENT")
        .into_iter()
        .filter(|f| f["location"]["path"] == "soc2[0].bridge_letter.document.sha256")
        .collect();
    assert_eq!(document.len(), 1, "{vendor:#}");
    assert_eq!(document[0]["status"], "warn", "{:#}", document[0]);
    assert_eq!(document[0]["severity"], "warning", "{:#}", document[0]);
    assert_eq!(
        document[0]["message"],
        "`https://example.invalid/bridge.pdf` is cited by URL only and cannot be checked offline"
    );
    assert_eq!(code_with, code_without);
    assert_eq!(
        vendor["verdict"],
        only_vendor(&without)["verdict"],
        "{vendor:#}"
    );
    assert_eq!(vendor["errors"], only_vendor(&without)["errors"]);
}

/// A certificate a renewal supersedes is judged by no rule: under strict, whether its document
/// is filed weighs nothing, so the vendor weighs as it would without it (a property-test
/// counterexample: removing a superseded, unfiled SOC 2 report turned a failing vendor into a
/// passing one). The current certificate's missing document still fails.
#[test]
fn a_superseded_certificate_without_its_document_weighs_nothing() {
    let (_tmp, dir, original) = rule_fixture_copy("ISO-CURRENT/pass-renewed");
    let unfiled = |report: &Value| -> Vec<String> {
        findings(only_vendor(report), "GEN-DOCUMENT")
            .into_iter()
            .filter(|f| f["status"] == "fail")
            .map(|f| f["location"]["path"].as_str().unwrap_or("").to_string())
            .collect()
    };

    fs::write(dir.join("vendor.toml"), &original).unwrap();
    let (code_both, both) = check_json(&dir, Some("strict"));
    assert_eq!(unfiled(&both), ["iso[1].source"], "{both:#}");

    // Without the superseded certificate, the renewal is iso[0]: the same finding, moved.
    let first = original.find("[[iso]]").unwrap();
    let second = original[first + 1..].find("[[iso]]").unwrap() + first + 1;
    let renewal_only = format!("{}{}", &original[..first], &original[second..]);
    fs::write(dir.join("vendor.toml"), renewal_only).unwrap();
    let (code_one, one) = check_json(&dir, Some("strict"));
    assert_eq!(unfiled(&one), ["iso[0].source"], "{one:#}");
    assert_eq!(code_both, code_one);
    assert_eq!(
        only_vendor(&both)["errors"],
        only_vendor(&one)["errors"],
        "{both:#}\n{one:#}"
    );
}
