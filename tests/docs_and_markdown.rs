//! The Markdown report (an insta snapshot of the example portfolio), `explain`, `rules --format
//! json`, and the check that `docs/rules.md` is what the rule registry generates.
//!
//! Regenerate the snapshot with `INSTA_UPDATE=always cargo test --test docs_and_markdown` (then
//! review `tests/snapshots/`), and `docs/rules.md` with
//! `UPDATE_DOCS=1 cargo test --test docs_and_markdown`.

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use assert_cmd::Command;
use vendorcert::report::rules_doc::{REGENERATE, crosswalk_markdown, rules_markdown};
use vendorcert::rules::RULES;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The binary, run from the repository root so the paths in its output are the relative ones
/// given on the command line, the same on every machine.
fn vendorcert() -> Command {
    let mut cmd = Command::cargo_bin("vendorcert").unwrap();
    cmd.current_dir(ROOT).env_remove("NO_COLOR");
    cmd
}

fn portfolio_markdown() -> String {
    let out = vendorcert()
        .args([
            "check",
            "fixtures/portfolio",
            "--as-of",
            "2026-11-23",
            "--format",
            "markdown",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "the portfolio holds failing vendors; stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn markdown_report_of_the_portfolio() {
    let markdown = portfolio_markdown();
    // A release changes the footer's version, not the report.
    let markdown = markdown.replace(
        &format!("vendorcert {}", env!("CARGO_PKG_VERSION")),
        "vendorcert [version]",
    );
    insta::assert_snapshot!("portfolio_markdown", markdown);
}

#[test]
fn markdown_report_is_a_compact_pull_request_comment() {
    let markdown = portfolio_markdown();
    assert!(
        markdown.chars().count() < 65_536,
        "GitHub rejects comments over 65,536 characters"
    );
    assert!(!markdown.contains(ROOT), "no machine-dependent path");
    assert!(markdown.contains("**9 vendors: 1 pass, 8 fail, 0 invalid** · as of 2026-11-23"));
    // One collapsed section per failing vendor, one line per passing vendor.
    assert_eq!(markdown.matches("<details>").count(), 8);
    assert_eq!(markdown.matches("</details>").count(), 8);
    assert_eq!(
        markdown
            .lines()
            .filter(|l| l.starts_with("- ✅ PASS"))
            .count(),
        1
    );
    // The verdict is spelt out, not only an emoji.
    assert!(markdown.contains("| ✅ PASS |") && markdown.contains("| ❌ FAIL |"));
    // A waiver says who approved it and until when.
    assert!(
        markdown.contains(
            "`SOC2-SCOPE` approved by Dana Whitlock, CISO on 2026-10-01, until 2027-03-31"
        )
    );
    // An AI gap names the risk left uncovered and the OWASP entry.
    assert!(markdown.contains(
        "`AI-TRAINING-DATA` uncovered: training data exposure · OWASP LLM02:2025 Sensitive \
         Information Disclosure"
    ));
}

#[test]
fn markdown_report_escapes_untrusted_text() {
    let dir = tempfile::tempdir().unwrap();
    let vendor = dir.path().join("quillfeather");
    fs::create_dir(&vendor).unwrap();
    for entry in fs::read_dir(Path::new(ROOT).join("fixtures/portfolio/quillfeather")).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), vendor.join(entry.file_name())).unwrap();
    }
    let toml = fs::read_to_string(vendor.join("vendor.toml")).unwrap();
    let evil = r#"name = "Quill | <img src=x onerror=alert(1)> `@org/team` [x](https://evil.example) & *co*\nnext""#;
    let toml = toml.replacen("name = \"Quillfeather Writing AI Ltd\"", evil, 1);
    assert!(toml.contains(evil), "the fixture's name line moved");
    fs::write(vendor.join("vendor.toml"), toml).unwrap();
    let broken = dir.path().join("broken");
    fs::create_dir(&broken).unwrap();
    fs::write(
        broken.join("vendor.toml"),
        "schema = 1\n[vendor]\nidd = \"<b>x</b>\"\n",
    )
    .unwrap();

    let out = vendorcert()
        .current_dir(dir.path())
        .args([
            "check",
            "quillfeather",
            "broken",
            "--as-of",
            "2026-11-23",
            "--format",
            "markdown",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "an invalid vendor exits 2");
    let markdown = String::from_utf8(out.stdout).unwrap();

    let row = markdown
        .lines()
        .find(|l| l.contains("(`quillfeather`)"))
        .expect("a summary row for the vendor");
    let unescaped_pipes = row
        .char_indices()
        .filter(|(i, c)| *c == '|' && (*i == 0 || row.as_bytes()[i - 1] != b'\\'))
        .count();
    assert_eq!(unescaped_pipes, 7, "the name must not add a column: {row}");
    assert!(row.contains(
        "Quill \\| &lt;img src=x onerror=alert(1)&gt; &#96;@&#8203;org/team&#96; \
         \\[x\\](https://evil.example) &amp; \\*co\\*<br>next"
    ));
    for line in markdown.lines() {
        assert!(
            !line.contains("<img"),
            "raw HTML from a vendor name: {line}"
        );
        assert!(
            !line.contains("@org"),
            "a mention from a vendor name: {line}"
        );
    }
    assert!(markdown.contains(
        "<summary>❌ FAIL <b>Quill | &lt;img src=x onerror=alert(1)&gt; `@&#8203;org/team` \
         [x](https://evil.example) &amp; *co* next</b>"
    ));
    // The invalid vendor lists its input errors with file:line:column.
    assert!(markdown.contains("| `broken/vendor.toml` | ⚠️ INVALID |"));
    assert!(markdown.contains("- ⚠️ INVALID `broken/vendor.toml`"));
    assert!(markdown.contains("  - `broken/vendor.toml:3:1` unknown field &#96;idd&#96;"));
}

#[test]
fn explain_prints_every_section() {
    let out = vendorcert()
        .args(["explain", "SOC2-TYPE"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "SOC2-TYPE: the SOC 2 report is Type 2");
    assert_eq!(lines[1], "Framework: SOC 2");
    let headings: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !l.is_empty() && !l.starts_with(' '))
        .skip(2)
        .collect();
    assert_eq!(
        headings,
        [
            "What it checks",
            "Why it matters",
            "Passing evidence",
            "Failing evidence",
            "Sources",
            "Obligations it helps evidence",
            "Question to send the vendor",
            "Default level",
        ]
    );
    assert!(text.split_whitespace().collect::<Vec<_>>().join(" ").contains(
        "Obligations it helps evidence - ISO 27001 A.5.22 (monitoring and review of supplier \
         services): a Type 2 report tests the supplier's controls over a period, which a review \
         can rely on"
    ));
    let flowing = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flowing.contains(
        "Question to send the vendor Can you share your most recent SOC 2 Type 2 report, or the \
         date your Type 2 observation period ends?"
    ));
    assert!(flowing.contains("Why it matters A Type 1 report tests the design of controls"));
    assert!(flowing.contains(
        "Sources - AICPA SOC 2 guide (AT-C 105/205, SSAE 18) - AICPA TSC 2017 (revised points of \
         focus 2022)"
    ));
    assert!(flowing.contains("Default level error"));
    assert!(
        !text.contains("AI risk left uncovered"),
        "not an AI gap rule"
    );
    for line in &lines {
        assert!(
            line.chars().count() <= 90,
            "longer than 90 columns: {line:?}"
        );
    }
}

#[test]
fn explain_an_ai_gap_rule_names_the_risk_and_owasp_entry() {
    // Ids are matched case-insensitively.
    let out = vendorcert()
        .args(["explain", "ai-training-data"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("AI-TRAINING-DATA: "));
    assert!(text.contains(
        "\nAI risk left uncovered\n    Risk: training data exposure.\n    OWASP Top 10 for LLM \
         Applications 2025: LLM02:2025 Sensitive Information Disclosure.\n"
    ));
    for line in text.lines() {
        assert!(
            line.chars().count() <= 90,
            "longer than 90 columns: {line:?}"
        );
    }
}

#[test]
fn explain_an_unknown_rule_suggests_the_nearest_ids() {
    let out = vendorcert().args(["explain", "NOPE"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("error: no rule `NOPE`"), "{stderr}");
    let help = stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("help: the nearest rule ids are "))
        .unwrap_or_else(|| panic!("no suggestion in {stderr}"));
    let ids: Vec<&str> = help
        .split(';')
        .next()
        .unwrap()
        .split(", ")
        .map(str::trim)
        .collect();
    assert_eq!(ids.len(), 3, "{help}");
    for id in ids {
        assert!(vendorcert::rules::find(id).is_some(), "{id} is not a rule");
    }
}

#[test]
fn rules_as_json() {
    let out = vendorcert()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let rules: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let rules = rules.as_array().expect("an array");
    assert_eq!(rules.len(), RULES.len(), "one entry per rule");
    let mut ids = HashSet::new();
    for (rule, declared) in rules.iter().zip(RULES) {
        let id = rule["id"].as_str().expect("an id");
        assert_eq!(id, declared.id, "registry order");
        assert!(ids.insert(id), "duplicate id {id}");
        for key in [
            "framework",
            "title",
            "default_level",
            "rationale",
            "question",
            "passes",
            "fails",
        ] {
            let value = rule[key].as_str().unwrap_or_default();
            assert!(!value.trim().is_empty(), "{id}: empty {key}");
        }
        let sources = rule["sources"].as_array().expect("sources");
        assert!(!sources.is_empty(), "{id}: no source");
        for source in sources {
            assert!(
                source.as_str().is_some_and(|s| !s.trim().is_empty()),
                "{id}"
            );
        }
        assert_eq!(sources.len(), declared.sources.len(), "{id}");
        let obligations = rule["obligations"].as_array().expect("obligations");
        assert_eq!(
            obligations.len(),
            declared.obligations.mappings.len(),
            "{id}"
        );
        for (o, m) in obligations.iter().zip(declared.obligations.mappings) {
            assert_eq!(o["id"], m.obligation.id, "{id}");
            assert_eq!(o["title"], m.obligation.title, "{id}");
            assert_eq!(o["why"], m.why, "{id}");
        }
        assert_eq!(
            rule["every_framework"].as_str(),
            declared.obligations.every_framework,
            "{id}"
        );
        match declared.gap {
            Some(gap) => {
                assert_eq!(rule["ai_gap"]["risk"], gap.risk, "{id}");
                assert_eq!(rule["ai_gap"]["owasp"].as_str(), gap.owasp, "{id}");
            }
            None => assert!(rule["ai_gap"].is_null(), "{id}"),
        }
    }
}

#[test]
fn rules_markdown_documents_every_rule() {
    let md = rules_markdown();
    let header = md.lines().next().unwrap_or_default();
    assert!(
        header.starts_with("<!-- Generated by `vendorcert`"),
        "{header}"
    );
    assert!(header.contains("must not be edited by hand"), "{header}");
    assert!(header.contains(REGENERATE), "{header}");
    for rule in RULES {
        assert!(md.contains(&format!("\n### {}\n", rule.id)), "{}", rule.id);
        assert!(md.contains(&format!("[{}](#{})", rule.id, rule.slug())));
    }
    for heading in [
        "**What it checks**",
        "**Why it matters**",
        "**Passing evidence**",
        "**Failing evidence**",
        "**Sources**",
        "**Obligations it helps evidence**",
        "**Question to send the vendor**",
        "**Default level**",
    ] {
        assert_eq!(md.matches(heading).count(), RULES.len(), "{heading}");
    }
    let gaps = RULES.iter().filter(|r| r.gap.is_some()).count();
    assert_eq!(md.matches("**AI risk left uncovered**").count(), gaps);
    for line in md
        .lines()
        .filter(|l| !l.starts_with('|') && !l.starts_with("<!--"))
    {
        assert!(
            line.chars().count() <= 90,
            "longer than 90 columns: {line:?}"
        );
    }
}

/// `docs/rules.md` is generated: it fails when it differs from what the registry gives, and
/// `UPDATE_DOCS=1` rewrites it.
#[test]
fn docs_rules_md_is_up_to_date() {
    let path = Path::new(ROOT).join("docs/rules.md");
    let expected = rules_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some_and(|v| !v.is_empty() && v != "0") {
        fs::write(&path, &expected).unwrap();
        return;
    }
    let actual = fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read docs/rules.md ({e}); run `{REGENERATE}`"))
        .replace("\r\n", "\n");
    if actual != expected {
        let (have, want): (Vec<&str>, Vec<&str>) =
            (actual.split('\n').collect(), expected.split('\n').collect());
        let n = (0..have.len().max(want.len()))
            .find(|&i| have.get(i) != want.get(i))
            .unwrap_or(0);
        panic!(
            "docs/rules.md is out of date with the rule registry; regenerate it with \
             `{REGENERATE}` and commit it.\nfirst difference at line {}:\n  file:      {:?}\n  \
             generated: {:?}",
            n + 1,
            have.get(n).copied().unwrap_or("(end of file)"),
            want.get(n).copied().unwrap_or("(end of file)"),
        );
    }
}

/// `docs/crosswalk.md` is generated from the crosswalk table: it fails when it differs, and
/// `UPDATE_DOCS=1` rewrites it.
#[test]
fn docs_crosswalk_md_is_up_to_date() {
    let path = Path::new(ROOT).join("docs/crosswalk.md");
    let expected = crosswalk_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some_and(|v| !v.is_empty() && v != "0") {
        fs::write(&path, &expected).unwrap();
        return;
    }
    let actual = fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read docs/crosswalk.md ({e}); run `{REGENERATE}`"))
        .replace("\r\n", "\n");
    assert!(
        actual == expected,
        "docs/crosswalk.md is out of date with src/rules/crosswalk.rs; regenerate it with \
         `{REGENERATE}` and commit it"
    );
    // Every rule is in it, and every link to rules.md has its heading there.
    let rules_md = rules_markdown();
    for rule in RULES {
        assert!(
            rules_md.contains(&format!("\n### {}\n", rule.id)),
            "{}",
            rule.id
        );
        assert!(
            expected.contains(&format!("[{}](rules.md#{})", rule.id, rule.slug())),
            "{} is not in docs/crosswalk.md",
            rule.id
        );
    }
}

/// `rules --maps-to` lists the rules bearing on one framework, each with its identifiers.
#[test]
fn rules_maps_to_lists_the_rules_bearing_on_a_framework() {
    let out = vendorcert()
        .args(["rules", "--maps-to", "dora"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let listed: Vec<&str> = text.lines().map(|l| l.split(' ').next().unwrap()).collect();
    let bearing: Vec<&str> = RULES
        .iter()
        .filter(|r| {
            r.obligations
                .bears_on(vendorcert::rules::crosswalk::Regime::Dora)
        })
        .map(|r| r.id)
        .collect();
    assert_eq!(listed, bearing);
    assert!(text.lines().any(|l| l.starts_with("CONTRACT-TERMINATION ")
        && l.ends_with("[Art. 28(7), Art. 28(8), Art. 30(2)(h)]")));
    assert!(!text.contains("AI-BIAS"));
    let json = vendorcert()
        .args(["rules", "--maps-to", "owasp-llm", "--format", "json"])
        .output()
        .unwrap();
    let rules: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let ids: Vec<&str> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "CONTRACT-ZDR",
            "AI-TRAINING-DATA",
            "AI-RETENTION",
            "AI-ADVERSARIAL",
            "AI-MODEL-SECURITY",
            "AI-OUTPUT-MONITORING",
            "AI-INCIDENT-RESPONSE",
            "AI-INFERENCE-LOGS",
        ]
    );
    let bad = vendorcert()
        .args(["rules", "--maps-to", "hipaa"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("[possible values: iso27001, soc2"));
}

/// `docs/policies.md` documents the thresholds in the groups and order `policy show` writes
/// them: under `## Thresholds`, one `### heading` per group, its table naming the group's keys
/// (two keys may share a row), nothing more and nothing less.
#[test]
fn docs_policies_md_groups_the_thresholds_as_policy_show_does() {
    use vendorcert::policy::show::THRESHOLD_GROUPS;
    let doc = fs::read_to_string(Path::new(ROOT).join("docs/policies.md")).unwrap();
    let section = doc
        .split("\n## Thresholds\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("docs/policies.md has a `## Thresholds` section");
    let documented: Vec<(String, Vec<String>)> = section
        .split("\n### ")
        .skip(1)
        .map(|group| {
            let heading = group.lines().next().unwrap().trim().to_string();
            let keys = group
                .lines()
                .filter(|l| l.starts_with("| `"))
                .flat_map(|l| {
                    let cell = l.split('|').nth(1).unwrap();
                    cell.split('/')
                        .map(|k| k.trim().trim_matches('`').to_string())
                        .collect::<Vec<_>>()
                })
                .collect();
            (heading, keys)
        })
        .collect();
    let written: Vec<(String, Vec<String>)> = THRESHOLD_GROUPS
        .iter()
        .map(|g| {
            (
                g.heading.to_string(),
                g.keys.iter().map(|(k, _)| k.to_string()).collect(),
            )
        })
        .collect();
    assert_eq!(documented, written);
    // And `policy show` writes each group under its heading.
    let out = vendorcert()
        .args(["policy", "show", "baseline"])
        .output()
        .unwrap();
    let shown = String::from_utf8(out.stdout).unwrap();
    for group in THRESHOLD_GROUPS {
        assert!(
            shown.contains(&format!("\n# {}\n", group.heading)),
            "{}",
            group.heading
        );
    }
}

/// Whether `text` cites the internal design notes the rules were first written from ("seed
/// 000", `seeds`): users have never seen them, so nothing they read may mention them. The CLI
/// has no `--seed` option that would excuse the word.
fn cites_internal_notes(text: &str) -> bool {
    text.to_lowercase().contains("seed")
}

/// Every command path of the CLI (`[]`, `["check"]`, `["policy", "show"]`, …).
fn command_paths(cmd: &clap::Command, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(prefix.clone());
    for sub in cmd.get_subcommands() {
        let mut path = prefix.clone();
        path.push(sub.get_name().to_string());
        command_paths(sub, path, out);
    }
}

#[test]
fn no_user_facing_text_mentions_seeds() {
    use clap::CommandFactory;
    let cli = vendorcert::cli::Cli::command();
    assert!(
        cli.get_arguments()
            .chain(cli.get_subcommands().flat_map(|s| s.get_arguments()))
            .all(|a| !cites_internal_notes(a.get_id().as_str())),
        "a --seed option exists: exempt it here"
    );
    let mut paths = Vec::new();
    command_paths(&cli, Vec::new(), &mut paths);
    let mut runs: Vec<Vec<String>> = paths
        .into_iter()
        .filter(|p| p.last().map(String::as_str) != Some("help"))
        .map(|mut p| {
            p.push("--help".to_string());
            p
        })
        .collect();
    runs.push(vec!["rules".into()]);
    runs.push(vec!["rules".into(), "--format".into(), "json".into()]);
    runs.push(vec!["rules".into(), "--maps-to".into(), "ai-act".into()]);
    for rule in RULES {
        runs.push(vec!["explain".into(), rule.id.into()]);
    }
    for format in ["sarif", "json", "table", "markdown", "junit", "html"] {
        runs.push(
            [
                "check",
                "fixtures/portfolio",
                "--as-of",
                "2026-11-23",
                "--format",
                format,
            ]
            .map(String::from)
            .to_vec(),
        );
    }
    runs.push(
        ["summary", "fixtures/portfolio", "--as-of", "2026-11-23"]
            .map(String::from)
            .to_vec(),
    );
    for args in &runs {
        let out = vendorcert().args(args).output().unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "vendorcert {args:?} exited {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        for (stream, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            let text = String::from_utf8_lossy(text);
            assert!(
                !cites_internal_notes(&text),
                "vendorcert {args:?} mentions seeds on {stream}"
            );
        }
    }
    let mut docs = vec![Path::new(ROOT).join("README.md")];
    let mut folders = vec![Path::new(ROOT).join("docs")];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                docs.push(path);
            }
        }
    }
    for doc in docs {
        let text = fs::read_to_string(&doc).unwrap();
        assert!(
            !cites_internal_notes(&text),
            "{} mentions seeds",
            doc.display()
        );
    }
}

/// The field reference of `docs/evidence-format.md` (between its markers) is generated from the
/// evidence model's doc comments and the rules' `reads`: it fails when it differs, and
/// `UPDATE_DOCS=1` rewrites it.
#[test]
fn docs_evidence_format_field_reference_is_up_to_date() {
    use vendorcert::report::fields_doc::{REGENERATE, with_reference};
    let path = Path::new(ROOT).join("docs/evidence-format.md");
    let actual = fs::read_to_string(&path).unwrap().replace("\r\n", "\n");
    let expected = with_reference(&actual).unwrap_or_else(|| {
        panic!("docs/evidence-format.md lacks the markers of the generated field reference")
    });
    if std::env::var_os("UPDATE_DOCS").is_some_and(|v| !v.is_empty() && v != "0") {
        fs::write(&path, &expected).unwrap();
        return;
    }
    if actual != expected {
        let (have, want): (Vec<&str>, Vec<&str>) =
            (actual.split('\n').collect(), expected.split('\n').collect());
        let n = (0..have.len().max(want.len()))
            .find(|&i| have.get(i) != want.get(i))
            .unwrap_or(0);
        panic!(
            "the field reference of docs/evidence-format.md is out of date with the evidence \
             model or the rules' `reads`; regenerate it with `{REGENERATE}` and commit it.\n\
             first difference at line {}:\n  file:      {:?}\n  generated: {:?}",
            n + 1,
            have.get(n).copied().unwrap_or("(end of file)"),
            want.get(n).copied().unwrap_or("(end of file)"),
        );
    }
}

/// The rules whose findings the example of `docs/json-report.md` keeps.
const JSON_EXAMPLE_RULES: &[&str] = &[
    "SOC2-TYPE",
    "SOC2-SCOPE",
    "ISO-CURRENT",
    "GEN-DOCUMENT",
    "GEN-INCIDENTS",
];
const JSON_EXAMPLE_BEGIN: &str = "<!-- BEGIN generated example: written by the binary; regenerate with `UPDATE_DOCS=1 cargo test --test docs_and_markdown` -->";
const JSON_EXAMPLE_END: &str = "<!-- END generated example -->";

/// The example of `docs/json-report.md` is what the binary writes for a rule fixture, with its
/// `findings` trimmed to [`JSON_EXAMPLE_RULES`] (nothing else is changed): it fails when the
/// output changes, and `UPDATE_DOCS=1` rewrites it.
#[test]
fn docs_json_report_example_is_the_binary_output() {
    let out = vendorcert()
        .args([
            "check",
            "fixtures/rules/SOC2-TYPE/fail-type1",
            "--as-of",
            "2026-11-23",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let mut report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = report["vendors"][0]["findings"].as_array_mut().unwrap();
    let total = findings.len();
    findings.retain(|f| JSON_EXAMPLE_RULES.contains(&f["rule"].as_str().unwrap()));
    assert_eq!(findings.len(), JSON_EXAMPLE_RULES.len());
    let kept = JSON_EXAMPLE_RULES
        .iter()
        .map(|r| format!("`{r}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let generated = format!(
        "{JSON_EXAMPLE_BEGIN}\n\nProduced by\n\n```sh\nvendorcert check fixtures/rules/SOC2-TYPE/fail-type1 \
         --as-of 2026-11-23 --format json\n```\n\n(exit code 1), with `findings` trimmed to those of \
         {kept}: {} of the {total}. The vendor's `errors` and `warnings` counts are those of the \
         full run.\n\n```json\n{}\n```\n\n{JSON_EXAMPLE_END}",
        JSON_EXAMPLE_RULES.len(),
        serde_json::to_string_pretty(&report).unwrap()
    );
    let path = Path::new(ROOT).join("docs/json-report.md");
    let doc = fs::read_to_string(&path).unwrap().replace("\r\n", "\n");
    let start = doc
        .find(JSON_EXAMPLE_BEGIN)
        .expect("docs/json-report.md has the example's BEGIN marker");
    let end = doc[start..]
        .find(JSON_EXAMPLE_END)
        .expect("docs/json-report.md has the example's END marker")
        + start
        + JSON_EXAMPLE_END.len();
    let expected = format!("{}{generated}{}", &doc[..start], &doc[end..]);
    if std::env::var_os("UPDATE_DOCS").is_some_and(|v| !v.is_empty() && v != "0") {
        fs::write(&path, &expected).unwrap();
        return;
    }
    assert!(
        doc == expected,
        "the example of docs/json-report.md is not what the binary writes; regenerate it with \
         `UPDATE_DOCS=1 cargo test --test docs_and_markdown` and commit it"
    );
}
