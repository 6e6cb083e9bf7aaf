//! Drafts as TOML (every value followed by a comment citing page, line and text) or JSON.

use std::fmt::Write;

use super::lines::quote;
use super::{At, Draft, Item, Table, Value};

/// A TOML basic string.
pub fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn toml_value(v: &Value) -> String {
    match v {
        Value::Str(s) => toml_string(s),
        Value::Int(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Date(d) => d.to_string(),
        Value::List(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|s| toml_string(s))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::EmptyList => "[]".into(),
        Value::Document { path, sha256 } => format!(
            "{{ path = {}, sha256 = {} }}",
            toml_string(path),
            toml_string(sha256)
        ),
    }
}

/// `p.1 l.14: "Certificate No.: IS 771234"`.
pub fn cite(at: &At) -> String {
    let lines = if at.last > at.line {
        format!("l.{}-{}", at.line, at.last)
    } else {
        format!("l.{}", at.line)
    };
    format!(
        "p.{} {lines}: \"{}\"",
        at.page,
        quote(&at.text).replace('"', "'")
    )
}

fn comment_text(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn table(out: &mut String, path: &str, t: &Table) {
    for item in &t.items {
        match item {
            Item::Comment(c) => {
                let _ = writeln!(out, "# {}", comment_text(c));
            }
            Item::Field {
                key,
                value,
                at,
                note,
            } => {
                let _ = write!(out, "{key} = {}", toml_value(value));
                let mut notes = Vec::new();
                if let Some(at) = at {
                    notes.push(cite(at));
                }
                if let Some(n) = note {
                    notes.push(comment_text(n));
                }
                if !notes.is_empty() {
                    let _ = write!(out, "  # {}", notes.join("; "));
                }
                out.push('\n');
            }
        }
    }
    for child in &t.children {
        let child_path = format!("{path}.{}", child.key);
        if child.array {
            let _ = writeln!(out, "\n[[{child_path}]]");
        } else {
            let _ = writeln!(out, "\n[{child_path}]");
        }
        table(out, &child_path, &child.table);
    }
}

/// The TOML draft of one document: a heading comment, then each section.
pub fn toml(file: &str, draft: &Draft) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# ---- drafted by `vendorcert draft` from {}: {}",
        comment_text(file),
        draft.kind.describe()
    );
    let _ = writeln!(
        out,
        "# each value cites the page and line it was read from: check it there; nothing here is verified"
    );
    for section in &draft.sections {
        if let Some(missing) = missing_required(section) {
            // An entry without a required field would make the evidence file invalid: it is
            // written commented out, for the analyst to complete.
            let _ = writeln!(
                out,
                "# not added: `{missing}` could not be drafted and the format requires it; complete it and uncomment"
            );
            let mut inner = String::new();
            write_section(&mut inner, section);
            for line in inner.lines() {
                if line.is_empty() || line.starts_with('#') {
                    let _ = writeln!(out, "{line}");
                } else {
                    let _ = writeln!(out, "# {line}");
                }
            }
            out.push('\n');
            continue;
        }
        write_section(&mut out, section);
        out.push('\n');
    }
    out
}

/// The first field the evidence format requires that the section lacks.
pub fn missing_required(section: &super::Section) -> Option<&'static str> {
    let required: &[&'static str] = match section.section {
        "iso" => &["standard"],
        "soc2" => &["type"],
        "soc2.bridge_letter" => &["through"],
        "star" => &["level", "assessment"],
        _ => &[],
    };
    required
        .iter()
        .copied()
        .find(|k| section.table.get(k).is_none())
}

fn write_section(out: &mut String, section: &super::Section) {
    {
        if section.section == "soc2.bridge_letter" {
            let _ = writeln!(
                out,
                "# a bridge letter belongs to the [[soc2]] report it bridges: keep this table after that report"
            );
            let _ = writeln!(out, "[{}]", section.section);
        } else {
            let _ = writeln!(out, "[[{}]]", section.section);
        }
        table(out, section.section, &section.table);
    }
}

fn json_value(v: &Value) -> serde_json::Value {
    use serde_json::json;
    match v {
        Value::Str(s) => json!(s),
        Value::Int(n) => json!(n),
        Value::Bool(b) => json!(b),
        Value::Date(d) => json!(d.to_string()),
        Value::List(items) => json!(items),
        Value::EmptyList => json!([]),
        Value::Document { path, sha256 } => json!({ "path": path, "sha256": sha256 }),
    }
}

fn json_table(
    t: &Table,
    provenance: &mut Vec<serde_json::Value>,
    todo: &mut Vec<String>,
    path: &str,
) -> serde_json::Value {
    let mut object = serde_json::Map::new();
    for item in &t.items {
        match item {
            Item::Comment(c) => todo.push(format!("{path}: {c}")),
            Item::Field {
                key,
                value,
                at,
                note,
            } => {
                object.insert(key.clone(), json_value(value));
                if let Some(at) = at {
                    provenance.push(serde_json::json!({
                        "field": format!("{path}.{key}"),
                        "page": at.page,
                        "line": at.line,
                        "last_line": at.last,
                        "text": at.text,
                    }));
                }
                if let Some(n) = note {
                    todo.push(format!("{path}.{key}: {n}"));
                }
            }
        }
    }
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for child in &t.children {
        if child.array {
            let n = counts.entry(child.key).or_default();
            let value = json_table(
                &child.table,
                provenance,
                todo,
                &format!("{path}.{}[{}]", child.key, n),
            );
            *n += 1;
            let list = object
                .entry(child.key.to_string())
                .or_insert_with(|| serde_json::Value::Array(Vec::new()));
            if let serde_json::Value::Array(items) = list {
                items.push(value);
            }
        } else {
            let value = json_table(
                &child.table,
                provenance,
                todo,
                &format!("{path}.{}", child.key),
            );
            object.insert(child.key.to_string(), value);
        }
    }
    serde_json::Value::Object(object)
}

/// The JSON draft of one document: `file`, `kind`, and each section's `values` (as the
/// evidence file's JSON form writes them), `provenance` and `notes`.
pub fn json(file: &str, draft: &Draft) -> serde_json::Value {
    let sections: Vec<serde_json::Value> = draft
        .sections
        .iter()
        .map(|s| {
            let mut provenance = Vec::new();
            let mut notes = Vec::new();
            let values = json_table(&s.table, &mut provenance, &mut notes, s.section);
            serde_json::json!({
                "section": s.section,
                "values": values,
                "provenance": provenance,
                "notes": notes,
            })
        })
        .collect();
    serde_json::json!({
        "file": file,
        "kind": draft.kind.name(),
        "sections": sections,
    })
}
