//! The evidence field reference of `docs/evidence-format.md`, generated from the evidence model
//! (its JSON Schema, which schemars builds from the doc comments of `src/evidence/model.rs`) and
//! from the rule registry (each rule's `reads`).

use serde_json::{Map, Value};

use crate::rules::{RULES, Rule};

/// The command that rewrites the generated part of `docs/evidence-format.md`.
pub const REGENERATE: &str = "UPDATE_DOCS=1 cargo test --test docs_and_markdown";

/// Markers around the generated part of `docs/evidence-format.md`.
pub const BEGIN: &str = "<!-- BEGIN generated field reference: edit the doc comments of src/evidence/model.rs or a rule's `reads`, then run `UPDATE_DOCS=1 cargo test --test docs_and_markdown` -->";
pub const END: &str = "<!-- END generated field reference -->";

/// What a field holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    String,
    Integer,
    Boolean,
    Date,
    /// One of fixed values; `documented` when the values carry their own descriptions (`source`).
    Enum {
        name: String,
        values: Vec<String>,
        documented: bool,
    },
    Table,
    List(Box<Kind>),
}

impl Kind {
    /// How the reference names it: `date`, `list of enums`, `table`…
    pub fn describe(&self) -> String {
        match self {
            Kind::String => "string".into(),
            Kind::Integer => "integer".into(),
            Kind::Boolean => "boolean".into(),
            Kind::Date => "date".into(),
            Kind::Enum { .. } => "enum".into(),
            Kind::Table => "table".into(),
            Kind::List(item) => format!("list of {}s", item.describe()),
        }
    }

    /// The enum's values, for an enum or a list of enums.
    pub fn values(&self) -> Option<&[String]> {
        match self {
            Kind::Enum { values, .. } => Some(values),
            Kind::List(item) => item.values(),
            _ => None,
        }
    }

    /// Whether the field holds tables (a table or a list of tables): a section of its own.
    pub fn is_section(&self) -> bool {
        match self {
            Kind::Table => true,
            Kind::List(item) => **item == Kind::Table,
            _ => false,
        }
    }
}

/// One field of the evidence format.
#[derive(Debug, Clone)]
pub struct Field {
    /// Evidence path, `[]` marking a list's entries: `soc2[].period_end`.
    pub path: String,
    pub kind: Kind,
    pub required: bool,
    /// The value a left-out field takes, when it has one (`[]`, `false`, `"star"`).
    pub default: Option<Value>,
    /// The doc comment of the field, on one line.
    pub description: String,
    /// The doc comment of the field's type (for tables and documented enums).
    pub type_description: String,
}

impl Field {
    /// The field's name: the last part of its path.
    pub fn name(&self) -> &str {
        self.path.rsplit('.').next().unwrap_or(&self.path)
    }
}

/// The JSON Schema of the evidence file.
fn schema() -> Value {
    serde_json::to_value(schemars::schema_for!(crate::evidence::EvidenceFile))
        .expect("a schema is JSON")
}

/// Every field of the evidence format, in the model's order, parents before their fields.
pub fn fields() -> Vec<Field> {
    let schema = schema();
    let defs = schema["$defs"].as_object().cloned().unwrap_or_default();
    let mut out = Vec::new();
    walk_object(&schema, "", &defs, &mut out);
    out
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn walk_object(object: &Value, prefix: &str, defs: &Map<String, Value>, out: &mut Vec<Field>) {
    let required: Vec<&str> = object["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(properties) = object["properties"].as_object() else {
        return;
    };
    for (name, property) in properties {
        let path = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        let (kind, target) = kind_of(property, defs);
        out.push(Field {
            path: path.clone(),
            kind: kind.clone(),
            required: required.contains(&name.as_str()),
            default: property.get("default").cloned(),
            description: one_line(property["description"].as_str().unwrap_or("")),
            type_description: one_line(
                target
                    .as_ref()
                    .and_then(|t| t["description"].as_str())
                    .unwrap_or(""),
            ),
        });
        if let Some(target) = target.filter(|_| kind.is_section()) {
            let inner = if matches!(kind, Kind::List(_)) {
                format!("{path}[]")
            } else {
                path
            };
            walk_object(&target, &inner, defs, out);
        }
    }
}

/// The kind of a property's schema, and the definition it refers to (for tables and enums).
fn kind_of(property: &Value, defs: &Map<String, Value>) -> (Kind, Option<Value>) {
    if let Some(reference) = property["$ref"].as_str() {
        let name = reference.trim_start_matches("#/$defs/");
        let def = defs.get(name).cloned().unwrap_or(Value::Null);
        if name == "Date" {
            return (Kind::Date, Some(def));
        }
        if def["type"] == "object" {
            return (Kind::Table, Some(def));
        }
        let (values, documented) = if let Some(values) = def["enum"].as_array() {
            (
                values
                    .iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect(),
                false,
            )
        } else {
            let variants = def["oneOf"].as_array().cloned().unwrap_or_default();
            (
                variants
                    .iter()
                    .filter_map(|v| v["const"].as_str().map(String::from))
                    .collect(),
                true,
            )
        };
        return (
            Kind::Enum {
                name: name.to_string(),
                values,
                documented,
            },
            Some(def),
        );
    }
    if let Some(any) = property["anyOf"].as_array() {
        // `Option<T>` of a defined type: `T` or null.
        if let Some(some) = any.iter().find(|v| v["type"] != "null") {
            return kind_of(some, defs);
        }
    }
    let ty = match &property["type"] {
        Value::Array(types) => types
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .unwrap_or("")
            .to_string(),
        other => other.as_str().unwrap_or("").to_string(),
    };
    match ty.as_str() {
        "string" => (Kind::String, None),
        "integer" => (Kind::Integer, None),
        "boolean" => (Kind::Boolean, None),
        "array" => {
            let (item, target) = kind_of(&property["items"], defs);
            (Kind::List(Box::new(item)), target)
        }
        other => panic!("the evidence schema has a property of unexpected type {other:?}"),
    }
}

/// The rules that declare they read `path`, in registry order.
pub fn readers(path: &str) -> Vec<&'static Rule> {
    RULES
        .iter()
        .copied()
        .filter(|r| r.reads.contains(&path))
        .collect()
}

/// The headings of the generated sections: (path of the table or list of tables, heading, anchor).
fn heading(field: &Field) -> (String, String) {
    let path = &field.path;
    let toml = match &field.kind {
        Kind::List(_) => format!("[[{}]]", path.replace("[]", "")),
        _ => format!("[{}]", path.replace("[]", "")),
    };
    let anchor = path.replace("[]", "").replace(['.', '_'], "-");
    let title = if field.type_description.is_empty() {
        format!("`{toml}`")
    } else {
        format!(
            "`{toml}` — {}",
            field.type_description.trim_end_matches('.')
        )
    };
    (title, anchor)
}

fn type_cell(field: &Field) -> String {
    match &field.kind {
        Kind::Enum {
            documented: true, ..
        } => "enum ([values](#provenance-source))".to_string(),
        kind => match kind.values() {
            Some(values) => format!(
                "{}: {}",
                kind.describe(),
                values
                    .iter()
                    .map(|v| format!("`{v}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None => kind.describe(),
        },
    }
}

fn required_cell(field: &Field) -> String {
    if field.required {
        return "yes".to_string();
    }
    match &field.default {
        Some(Value::Array(a)) if a.is_empty() => "no, default `[]`".to_string(),
        Some(Value::String(s)) => format!("no, default `{s}`"),
        Some(other) => format!("no, default `{other}`"),
        None => "no".to_string(),
    }
}

fn readers_cell(field: &Field) -> String {
    let rules = readers(&field.path);
    if rules.is_empty() {
        return if field.kind.is_section() {
            "—".to_string()
        } else {
            "no rule".to_string()
        };
    }
    rules
        .iter()
        .map(|r| format!("[{}](rules.md#{})", r.id, r.slug()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// The generated field reference: one table per section, between [`BEGIN`] and [`END`].
pub fn reference_markdown() -> String {
    let fields = fields();
    let mut md = String::new();
    md.push_str(BEGIN);
    md.push_str("\n\n");
    let mut sections: Vec<(Option<&Field>, Vec<&Field>)> = vec![(None, Vec::new())];
    for field in &fields {
        let parent = field
            .path
            .rsplit_once('.')
            .map(|(p, _)| p.trim_end_matches("[]"));
        if let Some(section) = sections
            .iter_mut()
            .find(|(s, _)| s.map(|s| s.path.as_str()) == parent)
        {
            section.1.push(field);
        } else if parent.is_none() {
            sections[0].1.push(field);
        }
        if field.kind.is_section() {
            sections.push((Some(field), Vec::new()));
        }
    }
    for (section, members) in sections {
        let (title, anchor) = match section {
            None => ("Top level".to_string(), "top-level".to_string()),
            Some(field) => heading(field),
        };
        md.push_str(&format!("<a id=\"{anchor}\"></a>\n### {title}\n\n"));
        if let Some(field) = section {
            let required = if field.required {
                "required".to_string()
            } else {
                required_cell(field).replacen("no", "optional", 1)
            };
            md.push_str(&format!(
                "Path `{}`: {}, {required}.\n\n",
                field.path,
                field.kind.describe(),
            ));
        }
        md.push_str("| field | type | required | meaning | read by |\n");
        md.push_str("|---|---|---|---|---|\n");
        for field in members {
            let name = if field.kind.is_section() {
                let (_, anchor) = heading(field);
                format!("[`{}`](#{anchor})", field.name())
            } else {
                format!("`{}`", field.name())
            };
            md.push_str(&format!(
                "| {name} | {} | {} | {} | {} |\n",
                cell(&type_cell(field)),
                required_cell(field),
                cell(&field.description),
                readers_cell(field),
            ));
        }
        md.push('\n');
    }
    md.push_str(END);
    md
}

/// `doc` with the part between [`BEGIN`] and [`END`] replaced by [`reference_markdown`]; `None`
/// when the markers are missing.
pub fn with_reference(doc: &str) -> Option<String> {
    let start = doc.find(BEGIN)?;
    let end = doc[start..].find(END)? + start + END.len();
    Some(format!(
        "{}{}{}",
        &doc[..start],
        reference_markdown(),
        &doc[end..]
    ))
}
