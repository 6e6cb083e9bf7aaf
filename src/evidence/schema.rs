//! The JSON Schema of the evidence format (`vendorcert schema`, committed as
//! docs/evidence.schema.json).
//!
//! The schema carries every check of the loader that JSON Schema can express, so an editor
//! (taplo, VS Code) flags the mistakes `vendorcert check` refuses: the types, required fields and
//! closed vocabularies come from the model's types; the patterns, ranges and conditions here come
//! from the checks in `load.rs`, `date.rs`, `standard.rs` and `scope.rs`, and tests/schema.rs
//! holds each to the check it copies. What JSON Schema cannot say (one date before another, a
//! `covers` service among `vendor.services`) stays with the loader; [`LOADER_ONLY`] lists it in
//! the schema's description.
//!
//! Every pattern is written in the subset of regular-expression syntax that ECMA-262 (what JSON
//! Schema specifies) and Rust's `regex` read alike, and where the two differ (which characters
//! are white space) it errs towards accepting: the schema may let through a file the loader
//! refuses, never the reverse.

use schemars::Schema;
use serde_json::{Value, json};

use super::load::star_level;
use super::model::{EvidenceFile, SCHEMA_VERSION, StarAssessment};
use super::node::MAX_LIST_ENTRIES;
use super::scope::GENERIC;
use super::standard::PREFIX_WORDS;

/// A vendor id, as `load::is_vendor_id` accepts it: lowercase ASCII letters, digits and hyphens,
/// not starting with a hyphen, at most 64 characters.
pub const VENDOR_ID: &str = "^[a-z0-9][a-z0-9-]{0,63}$";

/// A SHA-256: 64 hexadecimal digits, in either case (documents are compared case-blind).
pub const SHA256: &str = "^[0-9a-fA-F]{64}$";

/// Something other than white space (what `str::trim` leaves non-empty). The class names the
/// characters that are white space to both Rust and ECMA-262, so either engine reads it alike.
pub const NOT_BLANK: &str =
    "[^\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";

/// A calendar date as `date::parse_date` accepts it: `YYYY-MM-DD`, a month that exists, a day
/// that month has (29 February in leap years only).
pub const DATE: &str = concat!(
    "^(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])",
    "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)",
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))",
    "|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$"
);

/// What `vendorcert check` refuses that this schema cannot express.
pub const LOADER_ONLY: &str = "\n\nvendorcert also refuses what JSON Schema cannot express: \
    dates out of order (a SOC 2 period that starts after it ends, a report dated before its \
    period ends, a bridge letter that ends or is dated before that period ends, an ISO \
    certificate issued after it expires, a surveillance audit before the certificate's issue, \
    sector evidence dated after it expires, an ISO amendment older than the edition it amends); \
    a `covers` service that is not one of `vendor.services`; a vendor `id` another file of the \
    portfolio already uses; a service listed twice with \
    different case or spacing; a service named by one generic word (`API`, `Platform`) written \
    with non-ASCII characters; a document path that leaves the vendor folder through a symbolic \
    link or a Windows path form; a number with a fraction (`1.0`) where an integer is expected; \
    a key given twice in JSON; nesting deeper than 32 levels; and files over 4 MiB.";

/// White space as `char::is_whitespace` sees it (ECMA-262's `\s` lacks U+0085).
const WS: &str = "[\\s\\u0085]";

/// `word` in any ASCII case: `[Ii][Ss][Oo]`.
fn any_case(word: &str) -> String {
    word.chars()
        .map(|c| {
            if c.is_ascii_alphabetic() {
                format!("[{}{}]", c.to_ascii_uppercase(), c.to_ascii_lowercase())
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// A standard reference as `Standard::parse` accepts it: prefix words (`ISO`, `IEC`, `EN`, …,
/// any case, separated by white space or `/`), a number from 1000 to 99999, then optionally `:`
/// and a four-digit edition, then optionally an amendment (`/Amd 1:2024`, `+ A1:2024`).
pub fn standard_pattern() -> String {
    let sep = "[\\s\\u0085/]";
    let words = PREFIX_WORDS
        .iter()
        .map(|w| any_case(w))
        .collect::<Vec<_>>()
        .join("|");
    let word = format!("(?:{words})");
    let amd = any_case("AMD");
    let a = any_case("A");
    format!(
        "^{sep}*(?:{word}(?:{sep}+{word})*{sep}*)?0*[1-9][0-9]{{3,4}}{WS}*\
         (?::{WS}*[0-9]{{4}}{WS}*\
         (?:[/+]{WS}*(?:{amd}|{a})[. ]*(?:0[1-9]|[1-9][0-9]?){WS}*:{WS}*[0-9]{{4}}{WS}*)?)?$"
    )
}

/// A service name `scope::is_generic_name` refuses, written in ASCII: one word that is generic
/// (`API`, `Platform`) or shorter than three characters, with only punctuation and spaces
/// around it.
pub fn generic_service_pattern() -> String {
    let sep = "[\\t\\n\\v\\f\\r -/:-@\\[-`{-~]";
    let words = GENERIC
        .iter()
        .map(|w| any_case(w))
        .collect::<Vec<_>>()
        .join("|");
    format!("^{sep}*(?:[A-Za-z0-9]{{1,2}}|{words})?{sep}*$")
}

/// The schema of the evidence format, with every check it can carry.
pub fn evidence_schema() -> Schema {
    let mut schema = schemars::schema_for!(EvidenceFile).to_value();
    limits(&mut schema);
    placeholders(&mut schema);
    Schema::try_from(schema).expect("a schema stays an object")
}

/// The pattern of a template placeholder (`evidence::unfilled`): `<` … `>` around the value.
pub const PLACEHOLDER: &str = "^\\s*<[^<>]*>\\s*$";

/// Required fields of `[vendor]`, which the loader cannot leave out: a `"<…>"` value there is
/// not a placeholder but the value itself (a vendor may be called `<img>`).
pub const VENDOR_REQUIRED: &[&str] = &[
    "id",
    "name",
    "services",
    "ai_vendor",
    "risk_tier",
    "data_classes",
];

/// Every field below the top level may hold a template placeholder (`"<…>"`, what `vendorcert
/// init` writes): the loader leaves it out and GEN-FILLED fails, so an editor validating against
/// this schema accepts a template as written and still completes the real values.
fn placeholders(schema: &mut Value) {
    let Some(defs) = schema.get_mut("$defs").and_then(Value::as_object_mut) else {
        return;
    };
    for (name, def) in defs.iter_mut() {
        let Some(props) = def.get_mut("properties").and_then(Value::as_object_mut) else {
            continue;
        };
        for (field, prop) in props.iter_mut() {
            if name == "Vendor" && VENDOR_REQUIRED.contains(&field.as_str()) {
                continue;
            }
            let description = prop.get("description").cloned();
            let inner = prop.take();
            let mut wrapped = serde_json::Map::new();
            if let Some(d) = description {
                wrapped.insert("description".into(), d);
            }
            wrapped.insert(
                "anyOf".into(),
                json!([inner, { "$ref": "#/$defs/Placeholder" }]),
            );
            *prop = Value::Object(wrapped);
        }
    }
    defs.insert(
        "Placeholder".into(),
        json!({
            "description": "Not filled in yet: a placeholder `\"<…>\"` written by `vendorcert init`. \
                Replace it with the value from the vendor's documents; `vendorcert check` \
                reports it as not filled in (GEN-FILLED).",
            "type": "string",
            "pattern": PLACEHOLDER,
        }),
    );
}

/// The limits every value of a kind has: at most [`MAX_LIST_ENTRIES`] entries in a list, and
/// `u32` fields within range.
fn limits(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let is = |map: &serde_json::Map<String, Value>, ty: &str| match map.get("type") {
                Some(Value::String(t)) => t == ty,
                Some(Value::Array(ts)) => ts.iter().any(|t| t == ty),
                _ => false,
            };
            if is(map, "array") {
                map.insert("maxItems".into(), json!(MAX_LIST_ENTRIES));
            }
            if map.get("format").is_some_and(|f| f == "uint32") && !map.contains_key("maximum") {
                map.insert("maximum".into(), json!(u32::MAX));
            }
            map.values_mut().for_each(limits);
        }
        Value::Array(items) => items.iter_mut().for_each(limits),
        _ => {}
    }
}

fn property<'a>(schema: &'a mut Schema, name: &str) -> &'a mut serde_json::Map<String, Value> {
    schema
        .get_mut("properties")
        .and_then(|p| p.get_mut(name))
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("the schema has a `{name}` property"))
}

/// The top level: `schema` is exactly 1, and the description says what only the loader checks.
pub fn evidence_file(schema: &mut Schema) {
    let version = property(schema, "schema");
    version.remove("format");
    version.remove("minimum");
    version.insert("const".into(), json!(SCHEMA_VERSION));
    let description = schema
        .get("description")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    schema.insert("description".into(), json!(description + LOADER_ONLY));
}

/// `vendor.name` is not blank.
pub fn not_blank(schema: &mut Schema) {
    schema.insert("minLength".into(), json!(1));
    schema.insert("pattern".into(), json!(NOT_BLANK));
}

/// `vendor.services`: at least one, no name twice, each not blank and not a generic word.
pub fn service_names(schema: &mut Schema) {
    schema.insert("minItems".into(), json!(1));
    schema.insert("uniqueItems".into(), json!(true));
    schema.insert(
        "items".into(),
        json!({
            "type": "string",
            "minLength": 1,
            "pattern": NOT_BLANK,
            "not": {
                "description": "a generic word (`API`, `Platform`) or fewer than three letters",
                "type": "string",
                "pattern": generic_service_pattern()
            }
        }),
    );
}

/// `iso[].standard`.
pub fn standard(schema: &mut Schema) {
    schema.insert("pattern".into(), json!(standard_pattern()));
}

/// A document needs a `path` or a `url`.
pub fn document(schema: &mut Schema) {
    schema.insert(
        "anyOf".into(),
        json!([
            { "required": ["path"], "properties": { "path": { "type": "string" } } },
            { "required": ["url"], "properties": { "url": { "type": "string" } } }
        ]),
    );
}

/// A document's path: not blank, relative, and without a `..` component.
pub fn document_path(schema: &mut Schema) {
    schema.insert("pattern".into(), json!(NOT_BLANK));
    schema.insert(
        "not".into(),
        json!({
            "description": "an absolute path, or one with a `..` component",
            "type": "string",
            "anyOf": [
                { "pattern": "^/" },
                { "pattern": "(?:^|/)\\.\\.(?:/|$)" }
            ]
        }),
    );
}

/// A Type 1 SOC 2 report has no review period.
pub fn soc_report(schema: &mut Schema) {
    schema.insert(
        "if".into(),
        json!({ "properties": { "type": { "const": 1 } }, "required": ["type"] }),
    );
    schema.insert(
        "then".into(),
        json!({ "properties": { "period_start": { "type": "null" } } }),
    );
}

/// A STAR entry's level follows from its kind of assessment.
pub fn star_entry(schema: &mut Schema) {
    let kinds = [
        StarAssessment::SelfAssessment,
        StarAssessment::Attestation,
        StarAssessment::Certification,
        StarAssessment::CStar,
        StarAssessment::Continuous,
    ];
    let conditions: Vec<Value> = kinds
        .into_iter()
        .map(|kind| {
            json!({
                "if": {
                    "properties": { "assessment": { "const": kind } },
                    "required": ["assessment"]
                },
                "then": { "properties": { "level": { "const": star_level(kind) } } }
            })
        })
        .collect();
    schema.insert("allOf".into(), Value::Array(conditions));
}
