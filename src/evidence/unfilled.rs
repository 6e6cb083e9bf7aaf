//! Template placeholders: a string value written as `"<…>"` (no other `<` or `>` inside) (what `vendorcert init` writes for
//! every value the analyst must record) is a field not filled in yet.
//!
//! The loader lists each one (with its evidence path and position), then leaves it out before
//! decoding, as if it were absent: a placeholder never stands for a value, so no rule can pass
//! on it. Where leaving the field out breaks the table that holds it (a required field), the
//! enclosing table or list entry is left out instead, up to the top-level section entry
//! (`soc2[0]`, `ai`, `incidents`); the `vendor` table itself is never left out. GEN-FILLED
//! fails once for each placeholder, so a file with any left cannot pass.

use super::node::{Node, NodeKind};

/// A placeholder the analyst has not replaced yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unfilled {
    /// Evidence path, e.g. `soc2[0].period_end`.
    pub path: String,
    /// Byte range of the value.
    pub span: std::ops::Range<usize>,
    /// The placeholder as written, without the angle brackets.
    pub hint: String,
}

/// Whether a string value is a template placeholder: `<` … `>` around the whole value, with no
/// other angle bracket inside (`"<b>x</b>"` is markup, not a placeholder).
pub fn is_template_placeholder(value: &str) -> bool {
    let v = value.trim();
    v.len() >= 2
        && v.starts_with('<')
        && v.ends_with('>')
        && !v[1..v.len() - 1].contains(['<', '>'])
}

/// One step of a path through the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

fn render(steps: &[Step<'_>]) -> String {
    let mut out = String::new();
    for s in steps {
        match s {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => {
                use std::fmt::Write;
                let _ = write!(out, "[{i}]");
            }
        }
    }
    out
}

/// The placeholders of a tree, in file order, with their paths.
pub fn find(root: &Node) -> Vec<Unfilled> {
    let mut out = Vec::new();
    walk(root, &mut Vec::new(), &mut |steps, node| {
        if let NodeKind::Str(s) = &node.kind
            && is_template_placeholder(s)
        {
            let hint = s.trim();
            out.push((
                steps.to_vec(),
                Unfilled {
                    path: render(steps),
                    span: node.span.clone(),
                    hint: hint[1..hint.len() - 1].trim().to_string(),
                },
            ));
        }
    });
    out.into_iter().map(|(_, u)| u).collect()
}

/// Whether a value at `steps` may be a placeholder: anywhere but the required fields of
/// `[vendor]` (`schema::VENDOR_REQUIRED`), which cannot be left out.
fn may_be_placeholder(steps: &[Step<'_>]) -> bool {
    !matches!(steps, [Step::Key(v), Step::Key(k), ..]
        if *v == "vendor" && super::schema::VENDOR_REQUIRED.contains(k))
}

fn walk<'a>(node: &'a Node, steps: &mut Vec<Step<'a>>, f: &mut impl FnMut(&[Step<'a>], &'a Node)) {
    if !may_be_placeholder(steps) {
        return;
    }
    f(steps, node);
    match &node.kind {
        NodeKind::Table(entries) => {
            for (k, v) in entries {
                steps.push(Step::Key(&k.name));
                walk(v, steps, f);
                steps.pop();
            }
        }
        NodeKind::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                steps.push(Step::Index(i));
                walk(v, steps, f);
                steps.pop();
            }
        }
        _ => {}
    }
}

fn placeholder_paths(root: &Node) -> Vec<Vec<Step<'_>>> {
    let mut out = Vec::new();
    walk(root, &mut Vec::new(), &mut |steps, node| {
        if matches!(&node.kind, NodeKind::Str(s) if is_template_placeholder(s)) {
            out.push(steps.to_vec());
        }
    });
    out
}

/// The shortest prefix of `path` that may be left out: `vendor.x`, `soc2[0]`, `ai`.
fn min_len(path: &[Step<'_>]) -> usize {
    match path.first() {
        Some(Step::Key(k)) if *k == "vendor" || *k == "schema" => 2,
        _ => match path.get(1) {
            Some(Step::Index(_)) => 2,
            _ => 1,
        },
    }
}

/// The tree with every placeholder left out, `level` steps up from the value itself (0: the
/// field; 1: the table or list entry holding it; …), never above the section entry. `None` when
/// there is no placeholder.
pub fn prune(root: &Node, level: usize) -> Option<Node> {
    let paths = placeholder_paths(root);
    if paths.is_empty() {
        return None;
    }
    let cut: Vec<Vec<Step<'_>>> = paths
        .into_iter()
        .map(|p| {
            let keep = p.len().saturating_sub(level).max(min_len(&p)).min(p.len());
            p[..keep].to_vec()
        })
        .collect();
    Some(filter(root, &mut Vec::new(), &cut))
}

/// Whether a cut may stop at `level`: some placeholder could still be cut higher.
pub fn can_rise(root: &Node, level: usize) -> bool {
    placeholder_paths(root)
        .iter()
        .any(|p| p.len().saturating_sub(level) > min_len(p))
}

fn filter<'a>(node: &'a Node, steps: &mut Vec<Step<'a>>, cut: &[Vec<Step<'a>>]) -> Node {
    let kind = match &node.kind {
        NodeKind::Table(entries) => {
            let mut kept = Vec::new();
            for (k, v) in entries {
                steps.push(Step::Key(&k.name));
                if !cut.contains(steps) {
                    let child = filter(v, steps, cut);
                    // A list emptied by leaving its entries out is left out too: `[]` would
                    // say "none", which nobody recorded.
                    let emptied = matches!((&v.kind, &child.kind),
                        (NodeKind::Array(a), NodeKind::Array(b)) if !a.is_empty() && b.is_empty());
                    if !emptied {
                        kept.push((k.clone(), child));
                    }
                }
                steps.pop();
            }
            NodeKind::Table(kept)
        }
        NodeKind::Array(items) => {
            let mut kept = Vec::new();
            for (i, v) in items.iter().enumerate() {
                steps.push(Step::Index(i));
                if !cut.contains(steps) {
                    kept.push(filter(v, steps, cut));
                }
                steps.pop();
            }
            NodeKind::Array(kept)
        }
        other => other.clone(),
    };
    Node {
        kind,
        span: node.span.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_recognised() {
        for p in ["<YYYY-MM-DD>", " <true | false> ", "<>", "<list, or []>"] {
            assert!(is_template_placeholder(p), "{p:?}");
        }
        for real in [
            "<b>x</b>",
            "a <b>",
            "2026-01-01",
            "<unclosed",
            "Jane <jane@x.org>",
        ] {
            assert!(!is_template_placeholder(real), "{real:?}");
        }
    }
}
