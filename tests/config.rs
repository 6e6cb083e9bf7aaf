//! Portfolio settings (`vendorcert.toml`): found by walking up from each PATH, so a vendor
//! checked on its own gets the same verdict and findings as in its portfolio's run;
//! `--config FILE` and `--no-config` override; a bad settings file is exit 2 with file:line.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

const AS_OF: &str = "2026-11-23";
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn vendorcert() -> Command {
    let mut cmd = Command::cargo_bin("vendorcert").unwrap();
    cmd.current_dir(ROOT);
    cmd
}

/// `check ARGS --as-of AS_OF --format json`: exit code, report, stderr.
fn check(args: &[&str]) -> (i32, serde_json::Value, String) {
    let out = vendorcert()
        .arg("check")
        .args(args)
        .args(["--as-of", AS_OF, "--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    (out.status.code().unwrap(), report, stderr)
}

fn vendors(report: &serde_json::Value) -> &Vec<serde_json::Value> {
    report["vendors"].as_array().unwrap()
}

fn vendor_folders() -> Vec<String> {
    let mut folders: Vec<String> = fs::read_dir(Path::new(ROOT).join("fixtures/portfolio"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    folders
}

#[test]
fn every_vendor_checked_alone_gets_its_portfolio_verdict_and_findings() {
    let (_, whole, _) = check(&["fixtures/portfolio"]);
    let folders = vendor_folders();
    assert_eq!(folders.len(), vendors(&whole).len());
    for folder in folders {
        let path = format!("fixtures/portfolio/{folder}");
        let (code, alone, stderr) = check(&[&path]);
        let [entry] = vendors(&alone).as_slice() else {
            panic!("{path}: one vendor expected: {alone}");
        };
        let in_portfolio = vendors(&whole)
            .iter()
            .find(|v| v["file"] == entry["file"])
            .unwrap_or_else(|| panic!("{path} is not in the portfolio run"));
        assert_eq!(entry, in_portfolio, "{path}");
        let expected = if entry["verdict"] == "pass" { 0 } else { 1 };
        assert_eq!(code, expected, "{path}");
        // The other vendors' waivers are the portfolio's, not strays.
        assert!(!stderr.contains("warning"), "{path}: {stderr}");
    }
}

#[test]
fn a_vendor_checked_alone_passes_as_in_its_portfolio() {
    let (code, report, _) = check(&["fixtures/portfolio/aldermoor-ai"]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(vendors(&report)[0]["verdict"], "pass");
}

#[test]
fn without_the_settings_a_vendor_checked_alone_is_judged_alone() {
    let (code, report, stderr) = check(&["fixtures/portfolio/aldermoor-ai", "--no-config"]);
    assert_eq!(code, 1, "{report}");
    assert_eq!(vendors(&report)[0]["verdict"], "fail");
    let text = report.to_string();
    assert!(
        text.contains("not among the vendors checked in this run"),
        "{text}"
    );
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn a_settings_file_named_with_config_is_read() {
    let (code, report, _) = check(&[
        "fixtures/portfolio/aldermoor-ai",
        "--config",
        "fixtures/portfolio/vendorcert.toml",
    ]);
    assert_eq!(code, 0, "{report}");

    // One that sets a policy: a command-line --policy still overrides it.
    let tmp = TempDir::new().unwrap();
    let file = tmp.path().join("strict.toml");
    fs::write(&file, "policy = \"strict\"\n").unwrap();
    let file = file.to_str().unwrap();
    let (_, report, _) = check(&["fixtures/portfolio/quillfeather", "--config", file]);
    assert_eq!(report["policy"], "strict");
    let (_, report, _) = check(&[
        "fixtures/portfolio/quillfeather",
        "--config",
        file,
        "--policy",
        "baseline",
    ]);
    assert_eq!(report["policy"], "baseline");
}

#[test]
fn an_unknown_key_is_exit_2_with_file_line_and_did_you_mean() {
    let tmp = TempDir::new().unwrap();
    fs::write(
        tmp.path().join("vendorcert.toml"),
        "# settings\nwaivers = []\nwiver = [\"w.toml\"]\n",
    )
    .unwrap();
    let vendor = tmp.path().join("acme");
    fs::create_dir(&vendor).unwrap();
    let out = vendorcert()
        .arg("check")
        .arg(&vendor)
        .args(["--as-of", AS_OF])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("vendorcert.toml:3:1: unknown field `wiver`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `waivers`?"), "{stderr}");
}

#[test]
fn the_settings_are_found_from_a_nested_path_and_their_paths_are_relative_to_them() {
    let tmp = TempDir::new().unwrap();
    let root = tmp.path();
    let portfolio = |waivers: &str| {
        fs::write(
            root.join("vendorcert.toml"),
            format!("policy = \"baseline\"\nwaivers = [{waivers}]\nwithin = \"6m\"\n"),
        )
        .unwrap();
    };
    portfolio("\"settings/waivers.toml\"");
    fs::create_dir(root.join("settings")).unwrap();
    fs::write(root.join("settings/waivers.toml"), "# none yet\n").unwrap();
    let out = vendorcert()
        .args(["init", "--portfolio"])
        .arg(root.join("other"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let written = fs::read_to_string(root.join("other/vendorcert.toml")).unwrap();
    assert!(
        written.contains("waivers = [\"waivers.toml\"]"),
        "{written}"
    );
    let out = vendorcert()
        .args(["init", "--portfolio"])
        .arg(root.join("other"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "init --portfolio never overwrites"
    );

    let out = vendorcert()
        .args(["init", "--name", "App Co"])
        .arg(root.join("vendors/app-co"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let summary = |path: &Path| {
        let out = vendorcert()
            .arg("summary")
            .arg(path)
            .args(["--as-of", AS_OF])
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    // From the vendor's evidence file, two folders below the settings.
    let (_, stdout, stderr) = summary(&root.join("vendors/app-co/vendor.toml"));
    assert!(stdout.contains("policy baseline"), "{stdout}{stderr}");
    // A waivers file that is not there is an input error of the run, through the settings.
    portfolio("\"missing.toml\"");
    let (code, _, stderr) = summary(&root.join("vendors/app-co"));
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("missing.toml"), "{stderr}");
}

#[test]
fn paths_in_different_portfolios_are_refused() {
    let tmp = TempDir::new().unwrap();
    let out = vendorcert()
        .arg("check")
        .arg("fixtures/portfolio/aldermoor-ai")
        .arg(tmp.path())
        .args(["--as-of", AS_OF])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("different portfolios"), "{stderr}");
}

#[test]
fn expiring_takes_its_horizon_from_the_settings_unless_given() {
    let tmp = TempDir::new().unwrap();
    let file = tmp.path().join("vendorcert.toml");
    fs::write(&file, "within = \"12m\"\n").unwrap();
    let until = |extra: &[&str]| {
        let out = vendorcert()
            .args([
                "expiring",
                "fixtures/portfolio",
                "--as-of",
                AS_OF,
                "--format",
                "json",
            ])
            .args(["--config", file.to_str().unwrap()])
            .args(extra)
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json["until"].as_str().unwrap().to_string()
    };
    assert_eq!(until(&[]), "2027-11-23");
    assert_eq!(until(&["--within", "30d"]), "2026-12-23");
    fs::write(&file, "within = \"soon\"\n").unwrap();
    let out = vendorcert()
        .args(["expiring", "fixtures/portfolio", "--as-of", AS_OF])
        .args(["--config", file.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("vendorcert.toml:1:"), "{stderr}");
}

/// `questions` judges a vendor as `check` does inside its portfolio: the lab that passes there
/// (its subservice organisation resolved, its exception waived) has nothing to ask.
#[test]
fn questions_for_a_vendor_follow_its_portfolio() {
    let out = vendorcert()
        .args([
            "questions",
            "fixtures/portfolio/aldermoor-ai",
            "--as-of",
            AS_OF,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("under the `eu-ai-act-high-risk` policy: 0 questions to send the vendor."),
        "{text}"
    );
    assert!(!text.contains("not among the vendors checked"), "{text}");
}

/// `questions --no-config` judges the vendor alone: its subservice organisation and hosting
/// layer are not among the vendors checked, and the portfolio's waiver is not read.
#[test]
fn questions_without_the_settings_judge_the_vendor_alone() {
    let out = vendorcert()
        .args([
            "questions",
            "fixtures/portfolio/aldermoor-ai",
            "--as-of",
            AS_OF,
            "--no-config",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("not among the vendors checked"), "{text}");
    // --config names the settings file explicitly: the portfolio's verdict again.
    let out = vendorcert()
        .args([
            "questions",
            "fixtures/portfolio/aldermoor-ai",
            "--as-of",
            AS_OF,
            "--config",
            "fixtures/portfolio/vendorcert.toml",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("under the `eu-ai-act-high-risk` policy: 0 questions to send the vendor."),
        "{text}"
    );
}

/// A vendor checked alone reads the rest of its portfolio only for what it needs. A waiver of a
/// vendor whose folder is named otherwise than its id is still the portfolio's (the whole
/// portfolio is read when the folder of that name does not hold it), and a waiver whose vendor
/// is nowhere in the portfolio is reported with the nearest id.
#[test]
fn waivers_of_other_vendors_are_matched_whatever_their_folders_are_named() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    for (from, to) in [("aurore-ai", "aurore-ai"), ("quillfeather", "qf-renamed")] {
        let src = Path::new(ROOT).join("fixtures/portfolio").join(from);
        fs::create_dir(root.join(to)).unwrap();
        for entry in fs::read_dir(&src).unwrap() {
            let entry = entry.unwrap();
            fs::copy(entry.path(), root.join(to).join(entry.file_name())).unwrap();
        }
    }
    fs::write(
        root.join("vendorcert.toml"),
        "waivers = [\"waivers.toml\"]\n",
    )
    .unwrap();
    let waiver = |vendor: &str| {
        format!(
            "[[waiver]]\nvendor = \"{vendor}\"\nrule = \"SOC2-SCOPE\"\nreason = \"Rerank API covered by the ISO \
             scope until the next report\"\napprover = \"Dana Whitlock, CISO\"\napproved = 2026-10-01\nexpires = 2027-03-31\n"
        )
    };
    let alone = root.join("aurore-ai");
    let alone = alone.to_str().unwrap();

    fs::write(root.join("waivers.toml"), waiver("quillfeather")).unwrap();
    let (_, report, stderr) = check(&[alone]);
    assert_eq!(vendors(&report).len(), 1, "{report}");
    assert!(!stderr.contains("warning"), "{stderr}");

    fs::write(root.join("waivers.toml"), waiver("quillfeathr")).unwrap();
    let (_, _, stderr) = check(&[alone]);
    assert!(
        stderr.contains(
            "names vendor `quillfeathr`, which is not among the vendors checked in this run \
             (did you mean `quillfeather`?)"
        ),
        "{stderr}"
    );
}
