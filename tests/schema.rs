//! The JSON Schema (`vendorcert schema`) against the loader: an edit the loader refuses is
//! refused by the schema too, wherever JSON Schema can say so; every evidence file the loader
//! accepts is valid against the schema; and each pattern in the schema agrees with the check it
//! copies.
//!
//! TOML is validated as taplo and editors do: converted to JSON, a bare TOML date becoming a
//! string.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::{Value, json};
use tempfile::TempDir;
use vendorcert::evidence::load::{is_vendor_id, parse_vendor_text};
use vendorcert::evidence::schema::{
    DATE, NOT_BLANK, SHA256, VENDOR_ID, generic_service_pattern, standard_pattern,
};
use vendorcert::evidence::scope::is_generic_name;
use vendorcert::evidence::{Date, Standard, load_vendor};

/// A valid evidence file that uses every section the edits below touch.
const BASE: &str = r#"schema = 1

[vendor]
id = "acme-ai"
name = "Acme AI, Inc."
services = ["Acme Inference API", "Acme Assistant"]
ai_vendor = true
risk_tier = "high"
data_classes = ["personal_data", "confidential"]
contexts = ["eu_personal_data"]
hosted_on = [{ vendor = "nimbus-cloud", service = "Nimbus Model Garden" }]
last_review = 2026-11-12
reviewer = "J. Analyst"

[[soc2]]
type = 2
auditor = "Ledger & Stone LLP"
period_start = 2025-10-01
period_end = 2026-09-30
report_date = 2026-11-04
opinion = "unqualified"
categories = ["security", "availability"]
services = ["Acme Inference API"]
system_description = "The Acme Inference API and the assistant built on it."
covers = [{ service = "Acme Assistant", quote = "the assistant built on it" }]
exceptions = []
source = "document"
document = { path = "soc2.pdf", sha256 = "975a9a3a71fb192cab0dd1f756a0aa759b5a8e6c62a2c7ae619a72a4fa5f21d2" }

[soc2.bridge_letter]
through = 2026-12-31
date = 2026-10-15

[[iso]]
standard = "ISO/IEC 27001:2022"
certificate_number = "MC-2024-0042"
issued = 2024-12-16
expires = 2027-12-15
scope = "The ISMS supporting the Acme Inference API and the Acme Assistant."
surveillance = [{ date = 2025-12-01 }]
verification = { method = "registry", date = 2026-11-01, status = "active" }
source = "registry"

[[star]]
level = 2
assessment = "attestation"
source = "trust_page"

[ai]
training_on_customer_data = "no"
retention_days = 30
source = "questionnaire"

[ai.adversarial_testing]
date = 2026-06-01
scenarios = ["prompt_injection"]
independent = true
remediation_retested = true

[contract]
lapse_notice_days = 30
source = "document"

[[sector]]
framework = "GDPR"
date = 2026-01-01
expires = 2027-01-01
source = "document"

[incidents]
reviewed_on = 2026-11-01
source = "vendor_statement"
disclosed = [{ date = 2025-03-01, summary = "Credential stuffing against the console" }]
"#;

/// One change to [`BASE`].
enum Edit {
    /// Replace the one occurrence of the first text with the second, in the TOML.
    Toml(&'static str, &'static str),
    /// Change the file as JSON (for what TOML cannot write, such as `null`).
    Json(fn(&mut Value)),
}

use Edit::{Json, Toml};

const SHA: &str = "975a9a3a71fb192cab0dd1f756a0aa759b5a8e6c62a2c7ae619a72a4fa5f21d2";

/// Edits both the loader and the schema refuse: (what it breaks, the edit).
fn refused_by_both() -> Vec<(&'static str, Edit)> {
    vec![
        // The issue's list.
        ("SOC 2 type out of range", Toml("type = 2", "type = 3")),
        (
            "no services",
            Toml(
                r#"services = ["Acme Inference API", "Acme Assistant"]"#,
                "services = []",
            ),
        ),
        ("short sha256", Toml(SHA, "abc")),
        (
            "vendor id with capitals and `_`",
            Toml(r#"id = "acme-ai""#, r#"id = "Acme_AI""#),
        ),
        ("schema version 2", Toml("schema = 1", "schema = 2")),
        // Closed vocabularies.
        ("unknown risk tier", Toml(r#""high""#, r#""severe""#)),
        ("unknown opinion", Toml(r#""unqualified""#, r#""clean""#)),
        (
            "unknown category in a list",
            Toml(r#""availability"]"#, r#""uptime"]"#),
        ),
        ("unknown registry status", Toml(r#""active""#, r#""valid""#)),
        (
            "unknown source",
            Toml(r#""vendor_statement""#, r#""email""#),
        ),
        // Strings that must say something.
        ("blank vendor name", Toml(r#""Acme AI, Inc.""#, r#""   ""#)),
        (
            "blank service name",
            Toml(r#""Acme Assistant"]"#, r#""Acme Assistant", " "]"#),
        ),
        (
            "generic service name",
            Toml(r#""Acme Assistant"]"#, r#""Acme Assistant", "Platform"]"#),
        ),
        (
            "service listed twice",
            Toml(
                r#""Acme Assistant"]"#,
                r#""Acme Assistant", "Acme Assistant"]"#,
            ),
        ),
        (
            "ISO standard that is not one",
            Toml(r#""ISO/IEC 27001:2022""#, r#""SOC 2""#),
        ),
        (
            "hosting vendor id with spaces",
            Toml(r#""nimbus-cloud""#, r#""Nimbus Cloud""#),
        ),
        (
            "vendor id over 64 characters",
            Toml(
                r#""acme-ai""#,
                r#""acme-ai-0123456789-0123456789-0123456789-0123456789-0123456789-xy""#,
            ),
        ),
        // Unknown and missing fields.
        (
            "unknown top-level field",
            Toml("schema = 1\n", "schema = 1\nnotes = \"x\"\n"),
        ),
        (
            "unknown field in a nested table",
            Toml(
                "lapse_notice_days = 30",
                "lapse_notice_days = 30\npenalty = true",
            ),
        ),
        (
            "unknown field in an inline table",
            Toml(
                "{ date = 2025-12-01 }",
                r#"{ date = 2025-12-01, auditor = "x" }"#,
            ),
        ),
        ("missing required field", Toml("ai_vendor = true\n", "")),
        (
            "missing required field in a nested table",
            Toml("source = \"vendor_statement\"\n", ""),
        ),
        (
            "missing vendor section",
            Json(|v| {
                v.as_object_mut().unwrap().remove("vendor");
            }),
        ),
        // Types.
        (
            "schema version as a string",
            Toml("schema = 1", r#"schema = "1""#),
        ),
        (
            "boolean as a string",
            Toml("ai_vendor = true", r#"ai_vendor = "yes""#),
        ),
        ("null where a list goes", Json(|v| v["soc2"] = Value::Null)),
        (
            "null where a value is required",
            Json(|v| v["vendor"]["name"] = Value::Null),
        ),
        (
            "table where a list of tables goes",
            Json(|v| v["soc2"] = json!({})),
        ),
        // Dates.
        (
            "date in another form",
            Toml("last_review = 2026-11-12", r#"last_review = "12/11/2026""#),
        ),
        (
            "29 February of a common year",
            Toml("last_review = 2026-11-12", r#"last_review = "2026-02-29""#),
        ),
        (
            "date-time where a date goes",
            Toml(
                "last_review = 2026-11-12",
                "last_review = 2026-11-12T10:00:00Z",
            ),
        ),
        // Numbers.
        (
            "negative number",
            Toml("retention_days = 30", "retention_days = -1"),
        ),
        (
            "number over the u32 range",
            Toml("lapse_notice_days = 30", "lapse_notice_days = 5000000000"),
        ),
        (
            "STAR level for another kind of entry",
            Toml("level = 2", "level = 3"),
        ),
        ("STAR level out of range", Toml("level = 2", "level = 0")),
        // Conditions between fields.
        (
            "Type 1 report with a review period",
            Toml("type = 2", "type = 1"),
        ),
        (
            "document with neither path nor url",
            Toml(r#"path = "soc2.pdf", "#, ""),
        ),
        (
            "absolute document path",
            Toml(r#""soc2.pdf""#, r#""/etc/passwd""#),
        ),
        (
            "document path through `..`",
            Toml(r#""soc2.pdf""#, r#""docs/../../soc2.pdf""#),
        ),
        ("blank document path", Toml(r#""soc2.pdf""#, r#"" ""#)),
        // Limits.
        (
            "list over 1000 entries",
            Json(|v| {
                v["vendor"]["services"] = Value::Array(
                    (0..1001)
                        .map(|i| json!(format!("Acme Service {i}")))
                        .collect(),
                );
            }),
        ),
    ]
}

/// Edits only the loader refuses: JSON Schema cannot say what is wrong with them. Each is listed
/// in the schema's description; the test fails when the schema learns to refuse one, so it moves
/// to the table above.
fn refused_by_the_loader_only() -> Vec<(&'static str, Edit)> {
    vec![
        (
            "SOC 2 period that starts after it ends",
            Toml("period_start = 2025-10-01", "period_start = 2026-10-01"),
        ),
        (
            "report dated before its period ends",
            Toml("report_date = 2026-11-04", "report_date = 2026-09-01"),
        ),
        (
            "bridge letter that ends before the period",
            Toml("through = 2026-12-31", "through = 2026-09-01"),
        ),
        (
            "certificate issued after it expires",
            Toml("issued = 2024-12-16", "issued = 2028-01-01"),
        ),
        (
            "surveillance audit before the issue",
            Toml("date = 2025-12-01", "date = 2024-01-01"),
        ),
        (
            "sector evidence dated after it expires",
            Toml("date = 2026-01-01", "date = 2027-06-01"),
        ),
        (
            "amendment older than its edition",
            Toml(
                r#""ISO/IEC 27001:2022""#,
                r#""ISO/IEC 27001:2022/Amd 1:2020""#,
            ),
        ),
        (
            "covers a service not in vendor.services",
            Toml(
                r#"service = "Acme Assistant""#,
                r#"service = "Acme Console""#,
            ),
        ),
        (
            "service listed twice in another case",
            Toml(
                r#""Acme Assistant"]"#,
                r#""Acme Assistant", "acme  assistant"]"#,
            ),
        ),
        (
            "integer written with a fraction",
            Json(|v| v["soc2"][0]["type"] = json!(2.0)),
        ),
    ]
}

/// The schema, as `vendorcert schema` prints it.
fn schema() -> Value {
    serde_json::from_str(&vendorcert::commands::evidence_schema()).unwrap()
}

/// A validator that checks `format` too (as some editors do not: the edits must be refused
/// without it, see [`lax_validator`]).
fn validator() -> jsonschema::Validator {
    let schema = schema();
    jsonschema::meta::validate(&schema).expect("the schema is a valid JSON Schema");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles offline")
}

/// A validator that treats `format` as an annotation, the 2020-12 default.
fn lax_validator() -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(false)
        .build(&schema())
        .unwrap()
}

fn errors(validator: &jsonschema::Validator, value: &Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

/// TOML as JSON, the way taplo validates it: a TOML date (or date-time) becomes its text.
fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => json!(i),
        toml::Value::Float(f) => json!(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

fn toml_text_to_json(text: &str) -> Value {
    toml_to_json(toml::Value::Table(
        text.parse::<toml::Table>().expect("the TOML parses"),
    ))
}

/// The file an edit makes: its name (`vendor.toml` or `vendor.json`), its text, and its JSON.
fn apply(edit: &Edit) -> (&'static str, String, Value) {
    match edit {
        Toml(old, new) => {
            assert_eq!(BASE.matches(old).count(), 1, "`{old}` is not in BASE once");
            let text = BASE.replacen(old, new, 1);
            let value = toml_text_to_json(&text);
            ("vendor.toml", text, value)
        }
        Json(change) => {
            let mut value = toml_text_to_json(BASE);
            change(&mut value);
            let text = serde_json::to_string_pretty(&value).unwrap();
            ("vendor.json", text, value)
        }
    }
}

/// The loader's errors for a file, empty when it loads.
fn loader_errors(dir: &Path, name: &str, text: String) -> Vec<String> {
    match parse_vendor_text(&dir.join(name), text) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.into_iter().map(|e| e.message).collect(),
    }
}

#[test]
fn the_base_file_is_valid_for_both() {
    let tmp = TempDir::new().unwrap();
    assert_eq!(
        loader_errors(tmp.path(), "vendor.toml", BASE.to_string()),
        Vec::<String>::new()
    );
    let json = toml_text_to_json(BASE);
    assert_eq!(errors(&validator(), &json), Vec::<String>::new());
    // And written as JSON.
    let text = serde_json::to_string_pretty(&json).unwrap();
    assert_eq!(
        loader_errors(tmp.path(), "vendor.json", text),
        Vec::<String>::new()
    );
}

#[test]
fn null_is_an_absent_section_for_both() {
    let tmp = TempDir::new().unwrap();
    let mut json = toml_text_to_json(BASE);
    for section in ["ai", "contract", "incidents"] {
        json[section] = Value::Null;
    }
    json["soc2"][0]["bridge_letter"] = Value::Null;
    let text = serde_json::to_string_pretty(&json).unwrap();
    assert_eq!(
        loader_errors(tmp.path(), "vendor.json", text),
        Vec::<String>::new()
    );
    assert_eq!(errors(&validator(), &json), Vec::<String>::new());
}

#[test]
fn what_the_loader_refuses_the_schema_refuses() {
    let tmp = TempDir::new().unwrap();
    let strict = validator();
    let lax = lax_validator();
    let table = refused_by_both();
    assert!(table.len() >= 22, "{} edits", table.len());
    let mut problems = Vec::new();
    for (what, edit) in &table {
        let (name, text, json) = apply(edit);
        if loader_errors(tmp.path(), name, text).is_empty() {
            problems.push(format!("{what}: the loader accepts it"));
        }
        if strict.is_valid(&json) {
            problems.push(format!("{what}: the schema accepts it"));
        }
        if lax.is_valid(&json) {
            problems.push(format!(
                "{what}: the schema accepts it unless formats are checked"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn what_the_schema_cannot_express_only_the_loader_refuses() {
    let tmp = TempDir::new().unwrap();
    let strict = validator();
    let mut problems = Vec::new();
    for (what, edit) in refused_by_the_loader_only() {
        let (name, text, json) = apply(&edit);
        if loader_errors(tmp.path(), name, text).is_empty() {
            problems.push(format!("{what}: the loader accepts it"));
        }
        let found = errors(&strict, &json);
        if !found.is_empty() {
            problems.push(format!(
                "{what}: the schema refuses it now ({}); move it to `refused_by_both`",
                found.join("; ")
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_issues_edits_make_check_exit_2() {
    let tmp = TempDir::new().unwrap();
    for (what, edit) in refused_by_both().into_iter().take(5) {
        let (name, text, _) = apply(&edit);
        let dir = tmp.path().join(what.replace(' ', "-").replace('`', ""));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join(name), text).unwrap();
        Command::cargo_bin("vendorcert")
            .unwrap()
            .args(["check", "--as-of", "2026-11-23"])
            .arg(&dir)
            .assert()
            .code(2);
    }
}

/// Every `vendor.toml` and `vendor.json` under `dir`.
fn evidence_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            evidence_files(&path, found);
        } else if path
            .file_name()
            .is_some_and(|n| n == "vendor.toml" || n == "vendor.json")
        {
            found.push(path);
        }
    }
}

#[test]
fn every_evidence_file_the_loader_accepts_is_valid() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    evidence_files(&root.join("fixtures"), &mut files);
    evidence_files(&root.join("docs/examples"), &mut files);
    files.sort();
    let strict = validator();
    let mut accepted = 0;
    let mut problems = Vec::new();
    for file in &files {
        if load_vendor(file).is_err() {
            continue;
        }
        accepted += 1;
        let text = fs::read_to_string(file).unwrap();
        let json = if file.extension().is_some_and(|e| e == "json") {
            serde_json::from_str(&text).unwrap()
        } else {
            toml_text_to_json(&text)
        };
        for e in errors(&strict, &json) {
            problems.push(format!(
                "{}: {e}",
                file.strip_prefix(root).unwrap().display()
            ));
        }
    }
    assert!(accepted > 300, "only {accepted} evidence files found");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_init_template_is_valid() {
    let text =
        vendorcert::template::vendor_template("Acme Analytics", "../evidence.schema.json", false);
    assert_eq!(
        errors(&validator(), &toml_text_to_json(&text)),
        Vec::<String>::new()
    );
}

/// Whether `pattern` matches `text`, with both regex engines the validator offers (their
/// answers must agree).
struct Pattern {
    fancy: jsonschema::Validator,
    plain: jsonschema::Validator,
}

impl Pattern {
    fn new(pattern: &str) -> Pattern {
        let schema = json!({ "type": "string", "pattern": pattern });
        Pattern {
            fancy: jsonschema::options().build(&schema).unwrap(),
            plain: jsonschema::options()
                .with_pattern_options(jsonschema::PatternOptions::regex())
                .build(&schema)
                .unwrap(),
        }
    }

    fn matches(&self, text: &str) -> bool {
        let value = json!(text);
        let fancy = self.fancy.is_valid(&value);
        assert_eq!(
            fancy,
            self.plain.is_valid(&value),
            "engines differ on {text:?}"
        );
        fancy
    }
}

#[test]
fn the_date_pattern_is_the_loaders_calendar() {
    let pattern = Pattern::new(DATE);
    for year in [
        "0000", "0004", "0100", "1900", "1996", "2000", "2024", "2026", "2100", "2400", "9999",
    ] {
        for month in 0..=13 {
            for day in 0..=32 {
                let text = format!("{year}-{month:02}-{day:02}");
                assert_eq!(
                    pattern.matches(&text),
                    text.parse::<Date>().is_ok(),
                    "{text}"
                );
            }
        }
    }
    for text in [
        "2026-1-01",
        "2026-01-1",
        "20261-01-01",
        " 2026-01-01",
        "2026-01-01T00:00:00",
    ] {
        assert!(
            !pattern.matches(text) && text.parse::<Date>().is_err(),
            "{text}"
        );
    }
}

#[test]
fn the_vendor_id_pattern_is_the_loaders() {
    let pattern = Pattern::new(VENDOR_ID);
    let alphabet = ['a', 'z', '0', '9', '-', 'A', '_', ' ', 'é'];
    let mut texts = vec![String::new(), "a".repeat(64), "a".repeat(65)];
    for a in alphabet {
        texts.push(a.to_string());
        for b in alphabet {
            texts.push(format!("{a}{b}"));
            for c in alphabet {
                texts.push(format!("{a}{b}{c}"));
            }
        }
    }
    for text in texts {
        assert_eq!(pattern.matches(&text), is_vendor_id(&text), "{text:?}");
    }
}

#[test]
fn the_sha256_pattern_is_the_loaders() {
    let pattern = Pattern::new(SHA256);
    assert!(pattern.matches(SHA));
    assert!(pattern.matches(&SHA.to_uppercase()));
    for bad in ["abc", &SHA[1..], &format!("{SHA}0"), &SHA.replace('a', "g")] {
        assert!(!pattern.matches(bad), "{bad}");
    }
}

#[test]
fn the_not_blank_pattern_refuses_only_blanks() {
    let pattern = Pattern::new(NOT_BLANK);
    // The schema may accept a blank the loader refuses (U+0085), never refuse a non-blank.
    for c in (0..=0x3100u32)
        .chain([0xfeff, 0x10ffff])
        .filter_map(char::from_u32)
    {
        let text = c.to_string();
        if !pattern.matches(&text) {
            assert!(text.trim().is_empty(), "U+{:04X} is refused", c as u32);
        }
    }
    assert!(!pattern.matches(" \t\u{3000}"));
    assert!(pattern.matches(" x "));
}

#[test]
fn the_generic_service_pattern_refuses_only_generic_names() {
    let generic = Pattern::new(&generic_service_pattern());
    let names = [
        "API",
        "api",
        " Platform ",
        "(SaaS)",
        "AI",
        "ai.",
        "X",
        "42",
        "-",
        "Web",
        "Apps",
        "Acme API",
        "Slackware",
        "APIs Gateway",
        "Nimbus",
        "Ápi",
        "Plätform",
        "Serviço",
        "a b",
        "Acme",
        "app-store",
        "web_site",
    ];
    for name in names {
        // Refusing means the loader refuses it too; for ASCII names the two agree.
        if generic.matches(name) {
            assert!(is_generic_name(name), "{name:?}");
        } else if name.is_ascii() {
            assert!(!is_generic_name(name), "{name:?}");
        }
    }
}

#[test]
fn the_standard_pattern_is_the_loaders() {
    let pattern = Pattern::new(&standard_pattern());
    let prefixes = [
        "",
        "ISO ",
        "ISO/IEC ",
        "iso/iec ",
        "EN ISO/IEC ",
        " BS EN ISO/IEC ",
        "ISO",
        "ISO-",
        "SOC ",
        "ISOIEC ",
        "/ISO/ ",
        "ISO\u{85}",
    ];
    let numbers = ["27001", "42001", "999", "100000", "027001", "9001"];
    let editions = [
        "", ":2022", " : 2013", ":22", ":20222", "-2022", "2022", ":2022 ",
    ];
    let amendments = [
        "",
        "/Amd 1:2024",
        " + A1:2024",
        "/AMD1:2024",
        "/Amd.1:2024",
        "/Amd 001:2024",
        "/Amd 0:2024",
        "/Amd 1",
        "+A12:2025",
        "/Cor 1:2024",
        "/Amd 1:2020",
    ];
    for prefix in prefixes {
        for number in numbers {
            for edition in editions {
                for amendment in amendments {
                    let text = format!("{prefix}{number}{edition}{amendment}");
                    let parsed = Standard::parse(&text).is_some();
                    let matched = pattern.matches(&text);
                    // The one difference: an amendment older than its edition, which the
                    // pattern cannot compare.
                    let older = amendment.ends_with(":2020") && edition.contains("2022");
                    if parsed || !older {
                        assert_eq!(matched, parsed, "{text:?}");
                    }
                }
            }
        }
    }
}

#[test]
fn the_ai_init_template_is_valid_and_accepted_by_the_loader() {
    let text = vendorcert::template::vendor_template("Acme AI", "../evidence.schema.json", true);
    assert!(text.starts_with("#:schema ../evidence.schema.json\n"));
    assert_eq!(
        errors(&validator(), &toml_text_to_json(&text)),
        Vec::<String>::new()
    );
    let dir = TempDir::new().unwrap();
    let loaded = parse_vendor_text(&dir.path().join("vendor.toml"), text)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(loaded.unfilled.len() > 100, "{}", loaded.unfilled.len());
}

#[test]
fn a_placeholder_is_valid_for_the_schema_only_where_the_loader_can_leave_it_out() {
    let with = |from: &str, to: &str| toml_text_to_json(&BASE.replacen(from, to, 1));
    // A date, an enum, a list: each may be a placeholder.
    for (from, to) in [
        ("period_end = 2026-09-30", "period_end = \"<YYYY-MM-DD>\""),
        (
            "opinion = \"unqualified\"",
            "opinion = \"<unqualified | qualified>\"",
        ),
        ("exceptions = []", "exceptions = \"<list, or []>\""),
    ] {
        assert_eq!(
            errors(&validator(), &with(from, to)),
            Vec::<String>::new(),
            "{to}"
        );
    }
    // A required field of [vendor] may not: the loader cannot leave it out.
    assert!(
        !errors(
            &validator(),
            &with("risk_tier = \"high\"", "risk_tier = \"<high>\"")
        )
        .is_empty()
    );
}

#[test]
fn the_placeholder_pattern_is_the_loaders() {
    use vendorcert::evidence::unfilled::is_template_placeholder;
    let pattern = Pattern::new(vendorcert::evidence::schema::PLACEHOLDER);
    for text in [
        "<YYYY-MM-DD>",
        " <true | false> ",
        "<>",
        "<b>x</b>",
        "<unclosed",
        "x <y>",
        "<a\nb>",
        "Jane <jane@x.org>",
    ] {
        assert_eq!(
            pattern.matches(text),
            is_template_placeholder(text),
            "{text:?}"
        );
    }
}
