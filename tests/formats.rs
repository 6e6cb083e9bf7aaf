//! The SARIF and JUnit reports of the example portfolio: SARIF valid against the official
//! SARIF 2.1.0 schema and located at the evidence lines, JUnit well-formed with counts that
//! match the JSON report, untrusted text escaped in both.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

const AS_OF: &str = "2026-11-23";
const PORTFOLIO: &str = "fixtures/portfolio";
/// The official schema (OASIS errata01), a draft-04 JSON Schema.
const SARIF_SCHEMA: &str = "tests/data/sarif-2.1.0.json";
const HOSTILE_NAME: &str = r#"<script>&"x""#;

/// Runs `check` on `path` and returns its standard output (exit 1: some vendors fail).
fn check(path: &Path, format: &str) -> String {
    let out = Command::cargo_bin("vendorcert")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--as-of", AS_OF, "--format", format])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn sarif(path: &Path) -> Value {
    serde_json::from_str(&check(path, "sarif")).expect("SARIF output is JSON")
}

fn json_report(path: &Path) -> Value {
    serde_json::from_str(&check(path, "json")).unwrap()
}

/// A validator for the official schema, built for draft 4 with formats checked.
fn sarif_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&fs::read_to_string(SARIF_SCHEMA).unwrap()).unwrap();
    assert_eq!(
        schema["$schema"], "http://json-schema.org/draft-04/schema#",
        "the SARIF schema is a draft-04 schema"
    );
    jsonschema::draft4::meta::validate(&schema).expect("the schema is a valid draft-04 schema");
    jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles offline")
}

fn schema_errors(validator: &jsonschema::Validator, log: &Value) -> Vec<String> {
    validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn results(log: &Value) -> &Vec<Value> {
    log["runs"][0]["results"].as_array().unwrap()
}

fn region(result: &Value) -> &Value {
    &result["locations"][0]["physicalLocation"]["region"]
}

fn uri(result: &Value) -> &str {
    result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap()
}

/// Copies a vendor folder of the example portfolio into `root`.
fn copy_vendor(name: &str, root: &Path) -> std::path::PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(PORTFOLIO)
        .join(name);
    let to = root.join(name);
    fs::create_dir_all(&to).unwrap();
    for entry in fs::read_dir(&from).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
    to
}

/// A portfolio of one TOML vendor named `<script>&"x"` and one JSON vendor whose name holds
/// a control character.
fn hostile_portfolio() -> TempDir {
    let tmp = TempDir::new().unwrap();
    let toml_vendor = copy_vendor("quillfeather", tmp.path()).join("vendor.toml");
    let text = fs::read_to_string(&toml_vendor).unwrap();
    let renamed = text.replacen(
        r#"name = "Quillfeather Writing AI Ltd""#,
        &format!("name = '{HOSTILE_NAME}'"),
        1,
    );
    assert_ne!(renamed, text, "the fixture's name line changed");
    fs::write(&toml_vendor, renamed).unwrap();

    let json_vendor = copy_vendor("wrenfield-voice", tmp.path()).join("vendor.json");
    let text = fs::read_to_string(&json_vendor).unwrap();
    let renamed = text.replacen(
        r#""name": "Wrenfield Voice Inc.""#,
        r#""name": "Bell\u0007 & <b>bold</b> ']]>""#,
        1,
    );
    assert_ne!(renamed, text, "the fixture's name line changed");
    fs::write(&json_vendor, renamed).unwrap();
    tmp
}

// ---------------------------------------------------------------------------------------------
// SARIF

#[test]
fn sarif_of_the_portfolio_validates_against_the_official_schema() {
    let validator = sarif_validator();
    let log = sarif(Path::new(PORTFOLIO));
    let errors = schema_errors(&validator, &log);
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(log["runs"].as_array().unwrap().len(), 1);
    let driver = &log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "vendorcert");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(driver["informationUri"].is_string());
    assert!(!results(&log).is_empty());
}

/// The validator is not a rubber stamp: the same output, broken in the ways a renderer could
/// break it, is rejected.
#[test]
fn the_schema_check_rejects_broken_sarif() {
    let validator = sarif_validator();
    let log = sarif(Path::new(PORTFOLIO));
    type Breakage = (&'static str, fn(&mut Value));
    let breakages: [Breakage; 5] = [
        ("unknown level", |l| {
            l["runs"][0]["results"][0]["level"] = "fatal".into()
        }),
        ("line 0", |l| {
            l["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
                0.into()
        }),
        ("no message", |l| {
            l["runs"][0]["results"][0]
                .as_object_mut()
                .unwrap()
                .remove("message");
        }),
        ("wrong version", |l| l["version"] = "2.0.0".into()),
        ("unknown suppression kind", |l| {
            l["runs"][0]["results"][0]["suppressions"] = serde_json::json!([{"kind": "inline-ish"}])
        }),
    ];
    for (what, break_it) in breakages {
        let mut broken = log.clone();
        break_it(&mut broken);
        assert!(
            !schema_errors(&validator, &broken).is_empty(),
            "the schema accepted SARIF with {what}"
        );
    }
}

#[test]
fn sarif_declares_every_rule_and_the_input_error_rule() {
    let log = sarif(Path::new(PORTFOLIO));
    let rules_md =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md"))
            .unwrap();
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(rules.len(), vendorcert::rules::RULES.len() + 1);
    for (declared, rule) in rules.iter().zip(vendorcert::rules::RULES) {
        assert_eq!(declared["id"], rule.id);
        assert_eq!(declared["shortDescription"]["text"], rule.title);
        assert_eq!(declared["fullDescription"]["text"], rule.rationale);
        let help = declared["help"]["text"].as_str().unwrap();
        assert!(help.contains(rule.question), "{}: {help}", rule.id);
        assert!(declared["help"]["markdown"].is_string());
        assert_eq!(
            declared["defaultConfiguration"]["level"],
            match rule.default_level {
                vendorcert::rules::Level::Error => "error",
                vendorcert::rules::Level::Warning => "warning",
                vendorcert::rules::Level::Off => "none",
            }
        );
        // Code scanning: a help link to the rule's section of docs/rules.md at this version's
        // tag, a security severity on the rules that fail a vendor, the crosswalk as tags.
        assert_eq!(
            declared["helpUri"],
            format!(
                "{}/blob/v{}/docs/rules.md#{}",
                env!("CARGO_PKG_REPOSITORY"),
                env!("CARGO_PKG_VERSION"),
                rule.id.to_lowercase()
            )
        );
        assert!(
            rules_md.contains(&format!("\n### {}\n", rule.id)),
            "{}: docs/rules.md has no section for the helpUri anchor",
            rule.id
        );
        let error = rule.default_level == vendorcert::rules::Level::Error;
        assert_eq!(
            declared["properties"]["security-severity"].as_str(),
            error.then_some("7.0"),
            "{}",
            rule.id
        );
        let tags: Vec<&str> = declared["properties"]["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert_eq!(tags.contains(&"security"), error, "{}", rule.id);
        for o in rule.obligations.obligations() {
            assert!(tags.contains(&o.framework.key()), "{}: {tags:?}", rule.id);
            assert!(tags.contains(&o.label().as_str()), "{}: {tags:?}", rule.id);
        }
        assert_eq!(
            declared["properties"]["obligations"]
                .as_array()
                .unwrap()
                .len(),
            rule.obligations.mappings.len()
        );
    }
    assert_eq!(rules.last().unwrap()["id"], "input-error");
    // Relative artifact URIs resolve against the folder the run started in.
    let root = log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert_eq!(
        root,
        format!("{}/", vendorcert::report::sarif::uri_of(here)),
        "the run started in {}",
        here.display()
    );
    // ruleIndex points at the rule named by ruleId.
    for r in results(&log) {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
    }
}

#[test]
fn sarif_has_one_located_result_per_non_passing_finding() {
    let log = sarif(Path::new(PORTFOLIO));
    let report = json_report(Path::new(PORTFOLIO));
    let expected: usize = report["vendors"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|v| v["findings"].as_array().unwrap())
        .filter(|f| {
            matches!(
                f["status"].as_str().unwrap(),
                "fail" | "warn" | "unverified" | "waived"
            )
        })
        .count();
    assert_eq!(results(&log).len(), expected);
    let mut suppressed = 0;
    for r in results(&log) {
        let uri = uri(r);
        assert!(
            uri.starts_with("fixtures/portfolio/")
                && (uri.ends_with("/vendor.toml") || uri.ends_with("/vendor.json")),
            "{uri}"
        );
        assert!(region(r)["startLine"].as_u64().unwrap() >= 1, "{r}");
        assert!(
            ["error", "warning", "note"].contains(&r["level"].as_str().unwrap()),
            "{r}"
        );
        assert!(!r["message"]["text"].as_str().unwrap().is_empty());
        assert!(r["properties"]["vendor"].is_string());
        assert_eq!(
            r["partialFingerprints"]["vendorcert/v1"]
                .as_str()
                .unwrap()
                .len(),
            64
        );
        if let Some(s) = r["suppressions"].as_array() {
            suppressed += 1;
            assert_eq!(r["properties"]["status"], "waived");
            assert_eq!(s[0]["kind"], "external");
            assert!(!s[0]["justification"].as_str().unwrap().is_empty());
        } else {
            assert_ne!(r["properties"]["status"], "waived");
        }
    }
    assert_eq!(suppressed, 2, "the portfolio's two waivers in use");
    // Fingerprints tell results apart, and do not change from one run to the next.
    let prints: Vec<&Value> = results(&log)
        .iter()
        .map(|r| &r["partialFingerprints"])
        .collect();
    let unique: std::collections::BTreeSet<String> = prints.iter().map(|p| p.to_string()).collect();
    assert_eq!(unique.len(), prints.len());
    let again = sarif(Path::new(PORTFOLIO));
    assert_eq!(log, again);
}

/// 1-based line of the only line of `text` containing `needle`.
fn only_line_with(text: &str, needle: &str) -> Option<usize> {
    only_line(text, |l| l.contains(needle))
}

/// 1-based line of the only line of `text` that `pred` accepts.
fn only_line(text: &str, pred: impl Fn(&str) -> bool) -> Option<usize> {
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| pred(l))
        .map(|(i, _)| i + 1)
        .collect();
    (lines.len() == 1).then(|| lines[0])
}

/// The only line where the field at `path` (no array index) is written: a TOML table header
/// or a line starting with the key; a JSON line starting with the quoted key.
fn field_line(text: &str, json: bool, path: &str) -> Option<usize> {
    let key = path.rsplit('.').next().unwrap();
    if json {
        let needle = format!("\"{key}\":");
        return only_line(text, |l| l.trim_start().starts_with(&needle));
    }
    let header = format!("[{path}]");
    only_line(text, |l| l.trim() == header).or_else(|| {
        let needle = format!("{key} =");
        (path.contains('.'))
            .then(|| only_line(text, |l| l.trim_start().starts_with(&needle)))
            .flatten()
    })
}

fn result_for<'a>(log: &'a Value, vendor: &str, rule: &str) -> &'a Value {
    results(log)
        .iter()
        .find(|r| r["properties"]["vendor"] == vendor && r["ruleId"] == rule)
        .unwrap_or_else(|| panic!("no {rule} result for {vendor}"))
}

#[test]
fn sarif_results_are_at_the_evidence_line_in_toml_and_json() {
    let log = sarif(Path::new(PORTFOLIO));

    // JSON evidence: wrenfield-voice's Type 1 report, at the value of `"type": 1`.
    let json_file = format!("{PORTFOLIO}/wrenfield-voice/vendor.json");
    let json_text = fs::read_to_string(&json_file).unwrap();
    let r = result_for(&log, "wrenfield-voice", "SOC2-TYPE");
    assert_eq!(uri(r), json_file);
    assert_eq!(r["properties"]["evidencePath"], "soc2[0].type");
    let line = only_line_with(&json_text, r#""type": 1"#).unwrap();
    assert_eq!(region(r)["startLine"], line);
    let column = region(r)["startColumn"].as_u64().unwrap() as usize;
    let at: String = json_text
        .lines()
        .nth(line - 1)
        .unwrap()
        .chars()
        .skip(column - 1)
        .collect();
    assert!(at.starts_with('1'), "column {column} points at {at:?}");

    // TOML evidence: corvid-models' lapse notice, at `lapse_notice_days = …`.
    let toml_file = format!("{PORTFOLIO}/corvid-models/vendor.toml");
    let toml_text = fs::read_to_string(&toml_file).unwrap();
    let r = result_for(&log, "corvid-models", "CONTRACT-LAPSE-NOTICE");
    assert_eq!(uri(r), toml_file);
    let line = only_line_with(&toml_text, "lapse_notice_days").unwrap();
    assert_eq!(region(r)["startLine"], line);

    // Every result about a field written once in its file (a path without array indices) is
    // on that field's line, in both formats.
    let mut checked: BTreeMap<&str, usize> = BTreeMap::new();
    for r in results(&log) {
        let Some(path) = r["properties"]["evidencePath"].as_str() else {
            continue;
        };
        if path.contains('[') {
            continue;
        }
        let file = uri(r);
        let text = fs::read_to_string(file).unwrap();
        let format = if file.ends_with(".json") {
            "json"
        } else {
            "toml"
        };
        let line = field_line(&text, format == "json", path);
        if let Some(line) = line {
            assert_eq!(
                region(r)["startLine"],
                line,
                "{} {path} in {file}",
                r["ruleId"]
            );
            *checked.entry(format).or_default() += 1;
        }
    }
    assert!(
        checked.get("json").copied().unwrap_or(0) >= 10,
        "{checked:?}"
    );
    assert!(
        checked.get("toml").copied().unwrap_or(0) >= 10,
        "{checked:?}"
    );
}

#[test]
fn sarif_input_errors_are_results_at_their_line() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("broken");
    fs::create_dir(&dir).unwrap();
    fs::write(
        dir.join("vendor.toml"),
        "schema = 1\n\n[vendor]\nid = \"broken\"\nnmae = \"Broken\"\n",
    )
    .unwrap();
    let out = Command::cargo_bin("vendorcert")
        .unwrap()
        .args(["check", "--as-of", AS_OF, "--format", "sarif"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors = schema_errors(&sarif_validator(), &log);
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
    let results = results(&log);
    assert!(!results.is_empty());
    for r in results {
        assert_eq!(r["ruleId"], "input-error");
        assert_eq!(r["level"], "error");
        assert!(uri(r).ends_with("broken/vendor.toml"), "{}", uri(r));
        assert!(region(r)["startLine"].as_u64().unwrap() >= 1);
    }
    assert!(
        results.iter().any(|r| region(r)["startLine"] == 5),
        "the unknown field `nmae` is on line 5: {results:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// JUnit

fn attr_usize(node: roxmltree::Node, name: &str) -> usize {
    node.attribute(name)
        .unwrap_or_else(|| panic!("<{}> has no {name}", node.tag_name().name()))
        .parse()
        .unwrap()
}

fn children<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    tag: &'static str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'i>> {
    node.children().filter(move |n| n.has_tag_name(tag))
}

#[test]
fn junit_of_the_portfolio_parses_with_one_suite_per_vendor_and_the_json_counts() {
    let xml = check(Path::new(PORTFOLIO), "junit");
    let doc = roxmltree::Document::parse(&xml).expect("JUnit output is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    // Times are not measured (reproducible bytes); the timestamp is the as-of date.
    let timestamp = format!("{AS_OF}T00:00:00");
    assert_eq!(root.attribute("time"), Some("0"));
    assert_eq!(root.attribute("timestamp"), Some(timestamp.as_str()));
    for suite in children(root, "testsuite") {
        assert_eq!(suite.attribute("time"), Some("0"));
        assert_eq!(suite.attribute("timestamp"), Some(timestamp.as_str()));
        assert!(suite.attribute("hostname").is_some_and(|h| !h.is_empty()));
        for case in children(suite, "testcase") {
            assert_eq!(case.attribute("time"), Some("0"));
            assert!(case.attribute("file").is_some() && case.attribute("line").is_some());
        }
    }

    let report = json_report(Path::new(PORTFOLIO));
    let vendors = report["vendors"].as_array().unwrap();
    let suites: Vec<roxmltree::Node> = children(root, "testsuite").collect();
    assert_eq!(suites.len(), vendors.len());

    let mut totals = [0usize; 4];
    for (suite, vendor) in suites.iter().zip(vendors) {
        let id = vendor["id"].as_str().unwrap();
        assert_eq!(suite.attribute("name"), Some(id));
        let findings = vendor["findings"].as_array().unwrap();
        let count = |pred: &dyn Fn(&Value) -> bool| findings.iter().filter(|f| pred(f)).count();
        let errors = count(&|f| f["severity"] == "error");
        let skipped = count(&|f| f["status"] == "not_applicable" || f["status"] == "waived");
        assert_eq!(errors, vendor["errors"].as_u64().unwrap() as usize);

        let cases: Vec<roxmltree::Node> = children(*suite, "testcase").collect();
        assert_eq!(cases.len(), findings.len(), "{id}");
        assert_eq!(attr_usize(*suite, "tests"), findings.len(), "{id}");
        assert_eq!(attr_usize(*suite, "failures"), errors, "{id}");
        assert_eq!(attr_usize(*suite, "skipped"), skipped, "{id}");
        assert_eq!(attr_usize(*suite, "errors"), 0, "{id}");
        let failing = cases
            .iter()
            .filter(|c| children(**c, "failure").next().is_some())
            .count();
        assert_eq!(failing, errors, "{id}");

        let mut names = std::collections::BTreeSet::new();
        for (case, finding) in cases.iter().zip(findings) {
            assert_eq!(case.attribute("classname"), Some(id));
            let rule = finding["rule"].as_str().unwrap();
            let name = case.attribute("name").unwrap();
            assert!(name.starts_with(rule), "{name} for {rule}");
            assert!(
                names.insert(name.to_string()),
                "duplicate test case {name} in {id}"
            );
            assert_eq!(
                case.attribute("file"),
                finding["location"]["file"].as_str(),
                "{name}"
            );
            if let Some(failure) = children(*case, "failure").next() {
                assert_eq!(failure.attribute("type"), Some(rule));
                let body = failure.text().unwrap();
                let line = finding["location"]["line"].as_u64().unwrap();
                assert!(body.contains(&format!(":{line}")), "{body}");
                assert!(
                    body.contains(finding["question"].as_str().unwrap()),
                    "{body}"
                );
            }
            if finding["severity"] == "warning" {
                let out = children(*case, "system-out").next().expect("warning noted");
                assert!(out.text().unwrap().starts_with("warning: "));
            }
        }
        totals[0] += findings.len();
        totals[1] += errors;
        totals[2] += skipped;
    }
    assert_eq!(attr_usize(root, "tests"), totals[0]);
    assert_eq!(attr_usize(root, "failures"), totals[1]);
    assert_eq!(attr_usize(root, "skipped"), totals[2]);
    assert_eq!(attr_usize(root, "errors"), totals[3]);
}

#[test]
fn junit_reports_an_invalid_vendor_as_errors() {
    let tmp = TempDir::new().unwrap();
    copy_vendor("quillfeather", tmp.path());
    let dir = tmp.path().join("broken");
    fs::create_dir(&dir).unwrap();
    fs::write(
        dir.join("vendor.toml"),
        "schema = 1\n\n[vendor]\nid = \"broken\"\nnmae = \"<Broken & Co>\"\n",
    )
    .unwrap();
    let out = Command::cargo_bin("vendorcert")
        .unwrap()
        .args(["check", "--as-of", AS_OF, "--format", "junit"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let xml = String::from_utf8(out.stdout).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let suite = children(doc.root_element(), "testsuite")
        .find(|s| s.attribute("name") == Some("broken"))
        .expect("a suite for the invalid vendor");
    let cases: Vec<roxmltree::Node> = children(suite, "testcase").collect();
    assert!(!cases.is_empty());
    assert_eq!(attr_usize(suite, "errors"), cases.len());
    for case in &cases {
        let error = children(*case, "error").next().expect("an <error>");
        assert!(error.text().unwrap().contains("vendor.toml:"));
    }
    assert!(attr_usize(doc.root_element(), "errors") >= cases.len());
}

// ---------------------------------------------------------------------------------------------
// Untrusted text

#[test]
fn a_hostile_vendor_name_is_escaped_in_junit() {
    let tmp = hostile_portfolio();
    let xml = check(tmp.path(), "junit");
    assert!(!xml.contains("<script>"), "unescaped markup in:\n{xml}");
    assert!(xml.contains("&lt;script&gt;&amp;&quot;x&quot;"));
    assert!(
        !xml.contains('\u{7}'),
        "a control character XML 1.0 cannot carry"
    );
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let names: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("property") && n.attribute("name") == Some("vendor.name"))
        .filter_map(|n| n.attribute("value"))
        .collect();
    assert_eq!(names.len(), 2);
    assert!(names.contains(&HOSTILE_NAME), "{names:?}");
    assert!(
        names.contains(&r"Bell\u{7} & <b>bold</b> ']]>"),
        "{names:?}"
    );
}

#[test]
fn a_hostile_vendor_name_is_escaped_in_sarif() {
    let tmp = hostile_portfolio();
    let raw = check(tmp.path(), "sarif");
    assert!(raw.contains(r#"<script>&\"x\""#), "JSON-escaped quotes");
    assert!(
        !raw.contains('\u{7}'),
        "control characters are JSON-escaped"
    );
    let log: Value = serde_json::from_str(&raw).unwrap();
    let errors = schema_errors(&sarif_validator(), &log);
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
    let names: std::collections::BTreeSet<&str> = results(&log)
        .iter()
        .filter_map(|r| r["properties"]["vendorName"].as_str())
        .collect();
    assert!(names.contains(HOSTILE_NAME), "{names:?}");
    assert!(names.contains("Bell\u{7} & <b>bold</b> ']]>"), "{names:?}");
}

// ---------------------------------------------------------------------------------------------
// OSCAL

/// NIST's OSCAL 1.1.2 assessment-results schema (public domain), as compliance-trestle carries
/// it at `release-schemas/oscal_assessment-results_schema.json` in its v3.x tags.
const OSCAL_SCHEMA: &str = "tests/data/oscal_assessment-results_1.1.2.schema.json";
const OSCAL_SCHEMA_SHA256: &str =
    "d033da70154cf6625ae46a746199e88e58f2928b1387dfac051d381b92f41b0d";

#[test]
fn oscal_of_the_portfolio_validates_against_the_nist_schema() {
    use sha2::{Digest, Sha256};
    let text = fs::read(OSCAL_SCHEMA).unwrap();
    let digest: String = Sha256::digest(&text)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        digest, OSCAL_SCHEMA_SHA256,
        "the schema is NIST's, unchanged"
    );
    let schema: Value = serde_json::from_slice(&text).unwrap();
    let validator = jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the OSCAL schema compiles offline");
    let raw = check(Path::new(PORTFOLIO), "oscal");
    let doc: Value = serde_json::from_str(&raw).expect("OSCAL output is JSON");
    let errors = schema_errors(&validator, &doc);
    assert!(
        errors.is_empty(),
        "{} schema errors: {errors:#?}",
        errors.len()
    );
    // The same run gives the same bytes: every UUID is derived from stable names.
    assert_eq!(raw, check(Path::new(PORTFOLIO), "oscal"));
}

#[test]
fn oscal_maps_vendors_evidence_findings_risks_and_waivers() {
    let doc: Value = serde_json::from_str(&check(Path::new(PORTFOLIO), "oscal")).unwrap();
    let report = json_report(Path::new(PORTFOLIO));
    let ar = &doc["assessment-results"];
    assert_eq!(ar["metadata"]["oscal-version"], "1.1.2");
    let results = ar["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "one result per run");
    let result = &results[0];
    let vendors = report["vendors"].as_array().unwrap();
    let parties = ar["metadata"]["parties"].as_array().unwrap();
    for v in vendors {
        assert!(
            parties
                .iter()
                .any(|p| p["short-name"] == v["id"] && p["type"] == "organization"),
            "{} is a party",
            v["id"]
        );
    }
    // One finding per rule outcome; satisfied only for a pass.
    let all: Vec<&Value> = vendors
        .iter()
        .flat_map(|v| v["findings"].as_array().unwrap())
        .collect();
    let findings = result["findings"].as_array().unwrap();
    assert_eq!(findings.len(), all.len());
    for (finding, f) in findings.iter().zip(&all) {
        let state = &finding["target"]["status"]["state"];
        let want = if f["status"] == "pass" {
            "satisfied"
        } else {
            "not-satisfied"
        };
        assert_eq!(state, want, "{}", finding["title"]);
        assert_eq!(
            finding["target"]["target-id"],
            f["rule"].as_str().unwrap().to_lowercase()
        );
    }
    // A risk per failing finding (open) and per waived one (deviation approved, with its
    // deadline and the approval in the risk log).
    let risks = result["risks"].as_array().unwrap();
    let failing = all.iter().filter(|f| f["severity"] == "error").count();
    let waived: Vec<&&Value> = all.iter().filter(|f| f["status"] == "waived").collect();
    assert!(!waived.is_empty(), "the example portfolio has a waiver");
    assert_eq!(risks.len(), failing + waived.len());
    let approved: Vec<&Value> = risks
        .iter()
        .filter(|r| r["status"] == "deviation-approved")
        .collect();
    assert_eq!(approved.len(), waived.len());
    for (risk, f) in approved.iter().zip(&waived) {
        assert_eq!(
            risk["deadline"],
            format!("{}T00:00:00Z", f["waiver"]["expires"].as_str().unwrap())
        );
        let entry = &risk["risk-log"]["entries"][0];
        assert_eq!(
            entry["start"],
            format!("{}T00:00:00Z", f["waiver"]["approved"].as_str().unwrap())
        );
        assert!(
            entry["description"]
                .as_str()
                .unwrap()
                .contains(f["waiver"]["approver"].as_str().unwrap())
        );
    }
    assert_eq!(
        risks.iter().filter(|r| r["status"] == "open").count(),
        failing
    );
    // Each piece of evidence an observation, with when it stops counting, pointing at the
    // evidence file's (and the document's) SHA-256 in the back matter.
    let observations = result["observations"].as_array().unwrap();
    let resources = ar["back-matter"]["resources"].as_array().unwrap();
    let certificate = observations
        .iter()
        .find(|o| {
            o["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("ISO/IEC 27001"))
        })
        .expect("an ISO/IEC 27001 certificate is observed");
    assert!(certificate["expires"].is_string());
    for evidence in certificate["relevant-evidence"].as_array().unwrap() {
        let href = evidence["href"].as_str().unwrap().trim_start_matches('#');
        let resource = resources
            .iter()
            .find(|r| r["uuid"] == href)
            .expect("relevant evidence points at a back-matter resource");
        let hash = &resource["rlinks"][0]["hashes"][0];
        assert_eq!(hash["algorithm"], "SHA-256");
        assert_eq!(hash["value"].as_str().unwrap().len(), 64);
    }
    // Vendorcert is the tool every origin names, and the rules the policies ran are reviewed.
    let tool = ar["results"][0]["local-definitions"]["components"][0].clone();
    assert_eq!(tool["title"], "vendorcert");
    assert_eq!(
        findings[0]["origins"][0]["actors"][0]["actor-uuid"],
        tool["uuid"]
    );
    let reviewed = result["reviewed-controls"]["control-selections"][0]["include-controls"]
        .as_array()
        .unwrap();
    assert!(reviewed.iter().any(|c| c["control-id"] == "soc2-type"));
    // UUIDs are unique.
    let mut uuids = std::collections::BTreeSet::new();
    for list in [findings, risks, observations, resources] {
        for item in list {
            assert!(
                uuids.insert(item["uuid"].as_str().unwrap().to_string()),
                "{}",
                item["uuid"]
            );
        }
    }
}
