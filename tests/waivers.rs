//! Waivers end to end: a valid waiver turns a failing vendor into a passing one and shows; an
//! expired one fails with its own message; one that matches nothing is reported; bad waivers
//! files are exit 2 with file and line.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

const AS_OF: &str = "2026-11-23";

/// A low-risk vendor (baseline policy) failing only SOC2-CUECS (a control nobody owns).
const VENDOR: &str = r#"schema = 1

[vendor]
id = "qual-co"
name = "Qual Co"
services = ["Qual Analytics API"]
ai_vendor = false
risk_tier = "low"
data_classes = ["confidential"]
last_review = 2026-10-15

[[soc2]]
type = 2
auditor = "Ledger & Stone LLP"
period_start = 2025-10-01
period_end = 2026-09-30
opinion = "unqualified"
categories = ["security", "confidentiality"]
services = ["Qual Analytics API"]
exceptions = []
cuecs = [{ control = "customers review user access quarterly" }]
subservice = []
source = "document"

[incidents]
reviewed_on = 2026-10-15
source = "questionnaire"
disclosed = []
"#;

fn waiver(rule: &str, approved: &str, expires: &str) -> String {
    format!(
        "[[waiver]]\nvendor = \"qual-co\"\nrule = \"{rule}\"\nreason = \"owner to be named when the IAM team is staffed\"\napprover = \"Dana Whitlock, CISO\"\napproved = {approved}\nexpires = {expires}\n\n"
    )
}

fn portfolio(waivers: &str) -> TempDir {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("qual-co");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("vendor.toml"), VENDOR).unwrap();
    if !waivers.is_empty() {
        fs::write(tmp.path().join("waivers.toml"), waivers).unwrap();
    }
    tmp
}

fn run(root: &Path) -> (i32, serde_json::Value, String) {
    let out = Command::cargo_bin("vendorcert")
        .unwrap()
        .args(["check", "--as-of", AS_OF, "--format", "json"])
        .arg(root)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (
        out.status.code().unwrap(),
        json,
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn finding<'a>(v: &'a serde_json::Value, rule: &str) -> &'a serde_json::Value {
    v["vendors"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == rule)
        .unwrap()
}

#[test]
fn without_a_waiver_the_vendor_fails() {
    let tmp = portfolio("");
    let (code, v, _) = run(tmp.path());
    assert_eq!(code, 1);
    assert_eq!(finding(&v, "SOC2-CUECS")["status"], "fail");
    assert_eq!(finding(&v, "GEN-WAIVER")["status"], "not_applicable");
}

#[test]
fn a_valid_waiver_turns_the_vendor_into_a_pass_and_shows() {
    let tmp = portfolio(&waiver("SOC2-CUECS", "2026-10-01", "2027-03-31"));
    let (code, v, _) = run(tmp.path());
    assert_eq!(code, 0, "{v:#}");
    let f = finding(&v, "SOC2-CUECS");
    assert_eq!(f["status"], "waived");
    assert_eq!(f["severity"], "none");
    assert_eq!(f["waiver"]["approver"], "Dana Whitlock, CISO");
    assert_eq!(f["waiver"]["expires"], "2027-03-31");
    assert!(
        f["waiver"]["origin"]
            .as_str()
            .unwrap()
            .ends_with("waivers.toml:1")
    );
    assert_eq!(finding(&v, "GEN-WAIVER")["message"], "1 waiver in force");
}

#[test]
fn an_expired_waiver_fails_and_says_so() {
    let tmp = portfolio(&waiver("SOC2-CUECS", "2026-03-01", "2026-09-30"));
    let (code, v, _) = run(tmp.path());
    assert_eq!(code, 1);
    assert_eq!(finding(&v, "SOC2-CUECS")["status"], "fail");
    let w = finding(&v, "GEN-WAIVER");
    assert_eq!(w["status"], "fail");
    let msg = w["message"].as_str().unwrap();
    assert!(
        msg.starts_with("the waiver of SOC2-CUECS approved by Dana Whitlock, CISO ("),
        "{msg}"
    );
    assert!(
        msg.ends_with("waivers.toml:1) expired on 2026-09-30: the finding is no longer accepted"),
        "{msg}"
    );
}

#[test]
fn an_unused_waiver_is_reported() {
    let tmp = portfolio(
        &(waiver("SOC2-CUECS", "2026-10-01", "2027-03-31")
            + &waiver("ISO-SCOPE", "2026-10-01", "2027-03-31")),
    );
    let (code, v, _) = run(tmp.path());
    assert_eq!(
        code, 0,
        "an unused waiver warns, it does not fail the vendor"
    );
    let unused: Vec<&serde_json::Value> = v["vendors"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "GEN-WAIVER" && f["status"] == "warn")
        .collect();
    assert_eq!(unused.len(), 1);
    assert!(
        unused[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("the waiver of ISO-SCOPE approved by Dana Whitlock, CISO")
    );
    assert!(
        unused[0]["message"]
            .as_str()
            .unwrap()
            .ends_with("matches no finding: remove it or correct it")
    );
}

/// `run` under a policy file that extends baseline and sets GEN-WAIVER to `level`.
fn run_with_gen_waiver(root: &Path, level: &str) -> (i32, serde_json::Value) {
    let policy = root.join("policy.toml");
    fs::write(
        &policy,
        format!("extends = \"baseline\"\nname = \"waivers-{level}\"\n\n[rules]\nGEN-WAIVER = \"{level}\"\n"),
    )
    .unwrap();
    let out = Command::cargo_bin("vendorcert")
        .unwrap()
        .args(["check", "--as-of", AS_OF, "--format", "json", "--policy"])
        .arg(&policy)
        .arg(root.join("qual-co"))
        .arg("--waivers")
        .arg(root.join("waivers.toml"))
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("no report: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap(), json)
}

#[test]
fn an_unused_waiver_weighs_as_the_policy_sets_gen_waiver_and_hides_nothing_else() {
    let tmp = portfolio(
        &(waiver("SOC2-CUECS", "2026-10-01", "2027-03-31")
            + &waiver("ISO-SCOPE", "2026-10-01", "2027-03-31")),
    );
    let (code, v) = run_with_gen_waiver(tmp.path(), "warning");
    assert_eq!(code, 0, "{v:#}");
    let unused = finding(&v, "GEN-WAIVER");
    assert_eq!(
        (&unused["status"], &unused["level"], &unused["severity"]),
        (&"warn".into(), &"warning".into(), &"warning".into()),
        "{unused:#}"
    );
    // The passing findings of the other rules are all still there.
    assert_eq!(finding(&v, "SOC2-TYPE")["status"], "pass");
    assert_eq!(finding(&v, "SOC2-CUECS")["status"], "waived");
}

#[test]
fn with_gen_waiver_off_no_waiver_is_applied() {
    let tmp = portfolio(&waiver("SOC2-CUECS", "2026-10-01", "2027-03-31"));
    let (code, v) = run_with_gen_waiver(tmp.path(), "off");
    assert_eq!(code, 1, "{v:#}");
    assert_eq!(finding(&v, "SOC2-CUECS")["status"], "fail");
    let rules: Vec<&serde_json::Value> = v["vendors"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["rule"])
        .collect();
    assert!(!rules.contains(&&"GEN-WAIVER".into()), "{rules:?}");
}

#[test]
fn a_waiver_tied_to_a_report_lapses_with_it() {
    let w = waiver("SOC2-CUECS", "2026-10-01", "2027-06-30") + "soc2_period_end = 2025-09-30\n";
    let tmp = portfolio(&w);
    let (_, v, _) = run(tmp.path());
    let msg = finding(&v, "GEN-WAIVER")["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(msg.contains("lapsed with the SOC 2 report ending 2025-09-30, which aged past 12 months on 2026-09-30"), "{msg}");
}

#[test]
fn bad_waivers_are_exit_2_with_file_line_and_suggestion() {
    let w = waiver("SOC2-CUECZ", "2026-10-01", "2028-03-31").replace("reason = ", "reasn = ");
    let tmp = portfolio(&w);
    let (code, _, err) = run(tmp.path());
    assert_eq!(code, 2);
    assert!(
        err.contains("waivers.toml:4:1: unknown field `reasn`"),
        "{err}"
    );
    assert!(err.contains("did you mean `reason`?"), "{err}");
    let tmp = portfolio(&waiver("SOC2-CUECZ", "2026-10-01", "2028-03-31"));
    let (code, _, err) = run(tmp.path());
    assert_eq!(code, 2);
    assert!(
        err.contains("waivers.toml:3:8: unknown rule id `SOC2-CUECZ`"),
        "{err}"
    );
    assert!(err.contains("did you mean `SOC2-CUECS`?"), "{err}");
    assert!(err.contains("waivers.toml:7:11: expires 2028-03-31, more than 12 months after its approval on 2026-10-01"), "{err}");
}

#[test]
fn a_waiver_naming_a_vendor_not_in_the_run_is_reported_with_the_nearest_id() {
    let tmp =
        portfolio(&waiver("SOC2-CUECS", "2026-10-01", "2027-03-31").replace("qual-co", "qaul-co"));
    let (code, v, stderr) = run(tmp.path());
    // It accepts nothing: the vendor still fails on the finding it was meant to accept.
    assert_eq!(code, 1, "{v:#}");
    assert_eq!(finding(&v, "SOC2-CUECS")["status"], "fail");
    assert!(
        stderr.contains(
            "the waiver of SOC2-CUECS names vendor `qaul-co`, which is not among the vendors \
             checked in this run (did you mean `qual-co`?); it accepts nothing"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("waivers.toml:1"), "{stderr}");
    // The streaming format says the same.
    let out = Command::cargo_bin("vendorcert")
        .unwrap()
        .args(["check", "--as-of", AS_OF, "--format", "jsonl"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("names vendor `qaul-co`"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A waiver of the cause does not silently reach its consequences: the STAR entry that fails
/// because its ISO/IEC 42001 certificate expired carries `caused_by`, and when ISO-CURRENT is
/// waived it says which waiver it would need itself.
#[test]
fn a_consequence_names_its_cause_and_the_waiver_it_would_need() {
    let tmp = TempDir::new().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tmp.path().join("star-ai");
    fs::create_dir_all(&dir).unwrap();
    fs::copy(
        root.join("fixtures/rules/STAR-AI/fail-expired-42001/vendor.toml"),
        dir.join("vendor.toml"),
    )
    .unwrap();
    let cause = "ISO/IEC 42001:2023 certificate FX-AIMS-30112";
    let check = |waivers: Option<&str>| -> serde_json::Value {
        let mut cmd = Command::cargo_bin("vendorcert").unwrap();
        cmd.current_dir(tmp.path())
            .args(["check", "star-ai", "--as-of", AS_OF, "--format", "json"]);
        if let Some(w) = waivers {
            fs::write(tmp.path().join("w.toml"), w).unwrap();
            cmd.args(["--waivers", "w.toml"]);
        }
        serde_json::from_slice(&cmd.output().unwrap().stdout).unwrap()
    };
    let finding = |report: &serde_json::Value, rule: &str| -> serde_json::Value {
        report["vendors"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == rule)
            .unwrap()
            .clone()
    };
    let report = check(None);
    for rule in ["STAR-CURRENT", "STAR-AI", "ISO-42001"] {
        let f = finding(&report, rule);
        assert_eq!(f["status"], "fail", "{f}");
        assert_eq!(f["caused_by"]["rule"], "ISO-CURRENT", "{f}");
        assert_eq!(f["caused_by"]["subject"], cause, "{f}");
    }
    // The cause itself follows from nothing; a finding with another reason names no cause.
    assert!(finding(&report, "ISO-CURRENT").get("caused_by").is_none());
    assert!(finding(&report, "GEN-COVERAGE").get("caused_by").is_none());

    let waived = check(Some(
        "[[waiver]]\nvendor = \"fixture-star-ai-expired\"\nrule = \"ISO-CURRENT\"\nreason = \"renewal audit booked\"\napprover = \"Dana Whitlock, CISO\"\napproved = 2026-11-01\nexpires = 2027-01-31\n",
    ));
    assert_eq!(finding(&waived, "ISO-CURRENT")["status"], "waived");
    let star = finding(&waived, "STAR-CURRENT");
    assert_eq!(star["status"], "fail");
    assert!(
        star["message"].as_str().unwrap().ends_with(
            "; its cause is waived (ISO-CURRENT, approved by Dana Whitlock, CISO, w.toml:1), but a waiver accepts only the rule it names: accepting this too needs a waiver of STAR-CURRENT for fixture-star-ai-expired"
        ),
        "{star}"
    );

    // The terminal report shows the link on both sides.
    let out = Command::cargo_bin("vendorcert")
        .unwrap()
        .current_dir(tmp.path())
        .args(["check", "star-ai", "--as-of", AS_OF])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("also causes STAR-CURRENT,"), "{text}");
    assert_eq!(
        text.matches("follows from ISO-CURRENT").count(),
        3,
        "{text}"
    );
}
