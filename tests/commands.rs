//! The auxiliary commands: init, schema, man, completions; and the gate flags of `check`.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

fn vendorcert() -> Command {
    Command::cargo_bin("vendorcert").unwrap()
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Generated files are committed; this fails when they drift from the code. Run the test with
/// `UPDATE_DOCS=1` to rewrite them.
fn assert_generated(file: &str, args: &[&str]) {
    let out = vendorcert().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let path = root().join(file);
    if std::env::var_os("UPDATE_DOCS").is_some() {
        fs::write(&path, &out.stdout).unwrap();
    }
    let committed = fs::read(&path).unwrap_or_default();
    assert!(
        committed == out.stdout,
        "{file} is out of date: run `UPDATE_DOCS=1 cargo test --test commands` and commit it"
    );
}

#[test]
fn the_committed_schema_matches_the_evidence_types() {
    assert_generated("docs/evidence.schema.json", &["schema"]);
}

#[test]
fn the_committed_man_page_matches_the_arguments() {
    assert_generated("docs/vendorcert.1", &["man"]);
}

#[test]
fn the_schema_describes_the_format() {
    let out = vendorcert().arg("schema").output().unwrap();
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["title"], "EvidenceFile");
    assert_eq!(
        schema["additionalProperties"], false,
        "unknown top-level keys are errors"
    );
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(required, ["schema", "vendor"]);
    let iso = &schema["$defs"]["IsoCertificate"];
    assert_eq!(iso["additionalProperties"], false);
    assert!(
        iso["properties"]["certificate_number"]["description"]
            .as_str()
            .unwrap()
            .contains("registration number")
    );
    assert_eq!(schema["$defs"]["Date"]["format"], "date");
}

#[test]
fn init_writes_a_template_that_checks_without_input_errors() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("acme-analytics");
    vendorcert().arg("init").arg(&dir).assert().code(0);
    let text = fs::read_to_string(dir.join("vendor.toml")).unwrap();
    assert!(text.contains("id = \"acme-analytics\""));
    assert!(text.contains("name = \"Acme Analytics\""));
    let out = vendorcert()
        .args(["check", "--as-of", "2026-11-23"])
        .arg(&dir)
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    assert!(
        code == 0 || code == 1,
        "init then check must never be exit 2: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    // It refuses to overwrite.
    vendorcert().arg("init").arg(&dir).assert().code(2);
}

#[test]
fn init_takes_a_name() {
    let tmp = TempDir::new().unwrap();
    vendorcert()
        .args(["init", "--name", "Nimbus Cloud, Inc."])
        .arg(tmp.path().join("n"))
        .assert()
        .code(0);
    let text = fs::read_to_string(tmp.path().join("n/vendor.toml")).unwrap();
    assert!(text.contains("id = \"nimbus-cloud-inc\""), "{text}");
}

#[test]
fn completions_are_generated_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = vendorcert().args(["completions", shell]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{shell}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("vendorcert"),
            "{shell}"
        );
    }
}

/// A vendor that passes with warnings (SOC2-EXCEPTIONS warns on a non-material exception).
fn warned_vendor(tmp: &TempDir) -> std::path::PathBuf {
    let dir = tmp.path().join("v");
    fs::create_dir_all(&dir).unwrap();
    let text = fs::read_to_string(
        root().join("fixtures/rules/SOC2-EXCEPTIONS/warn-non-material/vendor.toml"),
    )
    .unwrap();
    let incidents =
        "\n[incidents]\nreviewed_on = 2026-10-15\nsource = \"questionnaire\"\ndisclosed = []\n";
    fs::write(dir.join("vendor.toml"), text + incidents).unwrap();
    dir
}

#[test]
fn fail_on_warning_and_exit_zero_control_the_gate() {
    let tmp = TempDir::new().unwrap();
    let dir = warned_vendor(&tmp);
    let run = |extra: &[&str]| {
        vendorcert()
            .args(["check", "--as-of", "2026-11-23", "--policy", "baseline"])
            .args(extra)
            .arg(&dir)
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(run(&[]), Some(0), "warnings pass by default");
    assert_eq!(run(&["--fail-on", "warning"]), Some(1));
    assert_eq!(run(&["--fail-on", "warning", "--exit-zero"]), Some(0));
    // Invalid input is exit 2 whatever the flags.
    let bad = tmp.path().join("bad");
    fs::create_dir_all(&bad).unwrap();
    fs::write(bad.join("vendor.toml"), "schema = 1\n[vendor\n").unwrap();
    let code = vendorcert()
        .args(["check", "--exit-zero"])
        .arg(&bad)
        .output()
        .unwrap()
        .status
        .code();
    assert_eq!(code, Some(2));
}

#[test]
fn completions_offer_rule_ids_after_explain_and_policy_names_after_policy() {
    let out = vendorcert().args(["completions", "bash"]).output().unwrap();
    let script = String::from_utf8(out.stdout).unwrap();
    // `explain`: every rule id, in the registry's order.
    let rules: serde_json::Value = serde_json::from_slice(
        &vendorcert()
            .args(["rules", "--format", "json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let ids: Vec<&str> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"SOC2-TYPE") && ids.contains(&"AI-RMF"));
    let explain = script
        .split("vendorcert__subcmd__explain)")
        .nth(1)
        .expect("an explain case");
    assert!(
        explain.starts_with(&format!(
            "\n            opts=\"-h --help {}\"\n",
            ids.join(" ")
        )),
        "{}",
        &explain[..300]
    );
    // `--policy` (check, summary, expiring, questions): the built-in names, and files.
    let policy = "COMPREPLY=($(compgen -W \"baseline\nai-vendor\nstrict\neu-ai-act-high-risk\" -- \"${cur}\") $(compgen -f -- \"${cur}\"))";
    assert_eq!(script.matches(policy).count(), 4, "{script}");
    // And bash completes with them.
    let tmp = TempDir::new().unwrap();
    fs::write(tmp.path().join("completion.bash"), &script).unwrap();
    fs::write(tmp.path().join("my-policy.toml"), "").unwrap();
    let complete = |words: &str| {
        let out = std::process::Command::new("bash")
            .current_dir(tmp.path())
            .arg("-c")
            .arg(format!(
                "source ./completion.bash; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); \
                 _vendorcert vendorcert \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\" 2>/dev/null; \
                 echo \"${{COMPREPLY[*]}}\""
            ))
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(complete("vendorcert check --policy st"), "strict\n");
    assert_eq!(complete("vendorcert check --policy my"), "my-policy.toml\n");
    assert_eq!(complete("vendorcert explain AI-RM"), "AI-RMF\n");
    // The fish script offers files beside the names.
    let fish = vendorcert().args(["completions", "fish"]).output().unwrap();
    let fish = String::from_utf8(fish.stdout).unwrap();
    assert_eq!(fish.matches(" -r -F -a \"baseline").count(), 4, "{fish}");
}

#[test]
fn explain_still_answers_an_unknown_rule_with_the_nearest_ids() {
    let out = vendorcert().args(["explain", "soc2-typ"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: no rule `soc2-typ`\n  help: the nearest rule ids are SOC2-TYPE, SOC2-SCOPE, SOC2-PERIOD; `vendorcert rules` lists them all\n"
    );
    vendorcert().args(["explain", "soc2-type"]).assert().code(0);
}
