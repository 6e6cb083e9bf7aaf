//! A format-neutral, position-keeping tree of an evidence or policy file.
//!
//! TOML and JSON are both parsed into [`Node`]s that remember the byte range they came from, so
//! every later error and every finding can point at a file and a line whatever the input format.

use std::ops::Range;

use super::error::Diagnostic;

/// Deepest nesting accepted in an input file; evidence needs about five levels.
pub const MAX_DEPTH: usize = 32;
/// Most entries accepted in one list (array) of an input file. Real evidence lists a handful of
/// reports or services; the cap bounds the rules' work, some of which compares entries in pairs.
pub const MAX_LIST_ENTRIES: usize = 1000;

/// One value of an input file with the byte range it was read from.
#[derive(Debug, Clone)]
pub struct Node {
    pub kind: NodeKind,
    pub span: Range<usize>,
}

/// A key of a table, with the byte range of the key itself.
#[derive(Debug, Clone)]
pub struct Key {
    pub name: String,
    pub span: Range<usize>,
}

#[derive(Debug, Clone)]
pub enum NodeKind {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    /// A TOML local date, kept as written (`YYYY-MM-DD`) and checked when decoded.
    Date(String),
    Array(Vec<Node>),
    Table(Vec<(Key, Node)>),
}

impl NodeKind {
    /// How the value is named in messages ("expected a date, found an integer").
    pub fn describe(&self) -> &'static str {
        match self {
            NodeKind::Null => "null",
            NodeKind::Bool(_) => "a boolean",
            NodeKind::Int(_) => "an integer",
            NodeKind::Float(_) => "a float",
            NodeKind::Str(_) => "a string",
            NodeKind::Date(_) => "a date",
            NodeKind::Array(_) => "an array",
            NodeKind::Table(_) => "a table",
        }
    }
}

impl Node {
    /// The child at `key` when this node is a table.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            NodeKind::Table(entries) => entries.iter().find(|(k, _)| k.name == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The node at a dotted evidence path such as `soc2[0].bridge_letter.through`, or the
    /// deepest existing ancestor of it (so a missing field points at the table that lacks it).
    /// Every finding asks for one: the path is walked byte by byte, without splitting it.
    pub fn locate(&self, path: &str) -> &Node {
        let bytes = path.as_bytes();
        let (mut node, mut i) = (self, 0);
        while i < bytes.len() {
            // A name runs to the next `.` or `[`.
            let end = bytes[i..]
                .iter()
                .position(|b| matches!(b, b'.' | b'['))
                .map_or(bytes.len(), |n| i + n);
            if end > i {
                match node.get(&path[i..end]) {
                    Some(child) => node = child,
                    None => return node,
                }
            }
            i = end;
            // Then any number of `[n]`; what is between brackets and is not a number is skipped.
            while bytes.get(i) == Some(&b'[') {
                let close = bytes[i..]
                    .iter()
                    .position(|b| *b == b']')
                    .map_or(bytes.len(), |n| i + n);
                if let Ok(index) = path[i + 1..close].parse::<usize>() {
                    match &node.kind {
                        NodeKind::Array(items) if index < items.len() => node = &items[index],
                        _ => return node,
                    }
                }
                i = (close + 1).min(bytes.len());
            }
            if bytes.get(i) == Some(&b'.') {
                i += 1;
            }
        }
        node
    }
}

/// Parses TOML text into a node tree; syntax errors are all returned, with positions.
pub fn parse_toml(text: &str) -> Result<Node, Vec<Diagnostic>> {
    // Plain evidence is built straight from the parser's events; anything else is read again
    // by the full parser, which says what is wrong and where.
    if let Some(node) = super::toml_direct::read(text) {
        return with_list_lengths(node, Vec::new());
    }
    toml_full(text)
}

/// The `toml` crate's reading of `text`: the node tree, or what is wrong and where.
fn toml_full(text: &str) -> Result<Node, Vec<Diagnostic>> {
    let (doc, errors) = toml::de::DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(errors
            .into_iter()
            .map(|e| {
                let span = e.span().unwrap_or(0..0);
                let diagnostic = Diagnostic::at(span.clone(), first_line(e.message()));
                // A bare `2026/09/30` is a TOML syntax error that says nothing of dates.
                match super::date::date_form_hint(value_around(text, span.start)) {
                    Some(hint) => diagnostic.with_help(hint),
                    None => diagnostic,
                }
            })
            .collect());
    }
    let span = doc.span();
    let mut diags = Vec::new();
    let node = toml_table(doc.into_inner(), span, &mut diags, 0);
    with_list_lengths(node, diags)
}

/// `node`, unless the reading found problems (`diags`) or a list is over the limit.
fn with_list_lengths(node: Node, mut diags: Vec<Diagnostic>) -> Result<Node, Vec<Diagnostic>> {
    list_lengths(&node, &mut diags);
    if diags.is_empty() {
        Ok(node)
    } else {
        Err(diags)
    }
}

/// The bare value (digits and date separators) around `offset`: where TOML stops parsing a
/// date written `2026/09/30` or `30.09.2026`.
fn value_around(text: &str, offset: usize) -> &str {
    let part = |c: char| c.is_ascii_digit() || matches!(c, '/' | '.' | '-');
    let offset = offset.min(text.len());
    let (Some(before), Some(after)) = (text.get(..offset), text.get(offset..)) else {
        return "";
    };
    let start = before.rfind(|c: char| !part(c)).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let end = offset + after.find(|c: char| !part(c)).unwrap_or(after.len());
    &text[start..end]
}

/// Refuses lists longer than [`MAX_LIST_ENTRIES`], pointing at the first entry over the limit
/// and naming the list by its evidence path (`soc2`, `vendor.services`).
fn list_lengths(node: &Node, diags: &mut Vec<Diagnostic>) {
    // The path is a stack of segments, spelled out only for a list over the limit: building it
    // for every value of every file would cost more than the check.
    fn walk<'a>(node: &'a Node, path: &mut Vec<Segment<'a>>, diags: &mut Vec<Diagnostic>) {
        match &node.kind {
            NodeKind::Array(items) => {
                if items.len() > MAX_LIST_ENTRIES {
                    let name = spell(path);
                    let name = if name.is_empty() {
                        "the top level"
                    } else {
                        &name
                    };
                    diags.push(
                        Diagnostic::at(
                            items[MAX_LIST_ENTRIES].span.clone(),
                            format!(
                                "`{name}` has {} entries, over the limit of {MAX_LIST_ENTRIES}",
                                items.len()
                            ),
                        )
                        .with_help("split the evidence, or record only what the rules need"),
                    );
                }
                for (i, item) in items.iter().enumerate() {
                    path.push(Segment::Index(i));
                    walk(item, path, diags);
                    path.pop();
                }
            }
            NodeKind::Table(entries) => {
                for (key, value) in entries {
                    path.push(Segment::Key(&key.name));
                    walk(value, path, diags);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    walk(node, &mut Vec::new(), diags);
}

/// One step of an evidence path: a table key or a list index.
enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

/// `[Key(soc2), Index(0), Key(covers)]` → `soc2[0].covers`.
fn spell(path: &[Segment<'_>]) -> String {
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Key(name) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
            Segment::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or("").trim().to_string()
}

fn toml_table(
    table: toml::de::DeTable<'_>,
    span: Range<usize>,
    diags: &mut Vec<Diagnostic>,
    depth: usize,
) -> Node {
    let mut entries = Vec::with_capacity(table.len());
    for (key, value) in table {
        let key = Key {
            span: key.span(),
            name: key.into_inner().into_owned(),
        };
        let value_span = value.span();
        entries.push((
            key,
            toml_value(value.into_inner(), value_span, diags, depth + 1),
        ));
    }
    entries.sort_by_key(|(k, _)| k.span.start);
    Node {
        kind: NodeKind::Table(entries),
        span,
    }
}

fn toml_value(
    value: toml::de::DeValue<'_>,
    span: Range<usize>,
    diags: &mut Vec<Diagnostic>,
    depth: usize,
) -> Node {
    use toml::de::DeValue;
    if depth > MAX_DEPTH {
        diags.push(Diagnostic::at(
            span.clone(),
            format!("nesting deeper than {MAX_DEPTH} levels"),
        ));
        return Node {
            kind: NodeKind::Null,
            span,
        };
    }
    let kind = match value {
        DeValue::String(s) => NodeKind::Str(s.into_owned()),
        DeValue::Integer(i) => {
            let digits: String = i.as_str().chars().filter(|c| *c != '_').collect();
            match i64::from_str_radix(&digits, i.radix()) {
                Ok(n) => NodeKind::Int(n),
                Err(_) => {
                    diags.push(Diagnostic::at(span.clone(), "integer out of range"));
                    NodeKind::Null
                }
            }
        }
        DeValue::Float(f) => match f.as_str().replace('_', "").parse::<f64>() {
            Ok(x) => NodeKind::Float(x),
            Err(_) => {
                diags.push(Diagnostic::at(span.clone(), "invalid float"));
                NodeKind::Null
            }
        },
        DeValue::Boolean(b) => NodeKind::Bool(b),
        DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => {
                NodeKind::Date(format!("{:04}-{:02}-{:02}", d.year, d.month, d.day))
            }
            _ => {
                diags.push(
                    Diagnostic::at(
                        span.clone(),
                        format!("expected a calendar date, found the date-time `{dt}`"),
                    )
                    .with_help("write the date alone, as YYYY-MM-DD"),
                );
                NodeKind::Null
            }
        },
        DeValue::Array(items) => NodeKind::Array(
            items
                .into_iter()
                .map(|item| {
                    let s = item.span();
                    toml_value(item.into_inner(), s, diags, depth + 1)
                })
                .collect(),
        ),
        DeValue::Table(table) => return toml_table(table, span, diags, depth),
    };
    Node { kind, span }
}

/// Parses strict JSON (no comments, no trailing commas) into a node tree.
pub fn parse_json(text: &str) -> Result<Node, Vec<Diagnostic>> {
    // Valid evidence no deeper than the limit is built straight from the tokens; anything else
    // (an error, a duplicate key, deeper nesting) is parsed again by the full parser, which
    // says what is wrong and where, once the raw text is known not to nest too deep for it.
    if let Some(node) = json_direct(text) {
        return with_list_lengths(node, Vec::new());
    }
    if let Some(offset) = json_too_deep(text) {
        return Err(vec![Diagnostic::at(
            offset..offset + 1,
            format!("nesting deeper than {MAX_DEPTH} levels"),
        )]);
    }
    json_full(text)
}

/// Evidence is strict JSON: none of the JSONC or JSON5 extensions jsonc-parser can accept.
const STRICT: jsonc_parser::ParseOptions = jsonc_parser::ParseOptions {
    allow_comments: false,
    allow_loose_object_property_names: false,
    allow_trailing_commas: false,
    allow_missing_commas: false,
    allow_single_quoted_strings: false,
    allow_hexadecimal_numbers: false,
    allow_unary_plus_numbers: false,
    allow_bare_decimal_point_numbers: false,
    allow_non_finite_numbers: false,
    allow_extended_string_escapes: false,
};

/// The full parser's reading of `text`: the node tree, or what is wrong and where.
fn json_full(text: &str) -> Result<Node, Vec<Diagnostic>> {
    let parsed = jsonc_parser::parse_to_ast(text, &Default::default(), &STRICT).map_err(|e| {
        let r = e.range();
        vec![Diagnostic::at(
            r.start..r.end.max(r.start + 1),
            e.kind().to_string(),
        )]
    })?;
    let Some(value) = parsed.value else {
        return Err(vec![Diagnostic::at(0..0, "the file holds no JSON value")]);
    };
    let mut diags = Vec::new();
    let node = json_value(value, &mut diags);
    with_list_lengths(node, diags)
}

/// The node tree of strict JSON without a duplicate key, read from the tokens of the parser's
/// own scanner (same tokens, same byte ranges, no syntax tree in between); `None` at anything
/// else (nesting deeper than [`MAX_DEPTH`] too, counted as [`json_too_deep`] counts), which
/// [`parse_json`] then hands to the full parser for its diagnostics.
fn json_direct(text: &str) -> Option<Node> {
    use jsonc_parser::{Scanner, ScannerOptions};
    // The full parser's strictness, as far as the scanner has a say (comments and commas are
    // the parser's: the direct reading refuses them all).
    let strict = ScannerOptions {
        allow_single_quoted_strings: STRICT.allow_single_quoted_strings,
        allow_hexadecimal_numbers: STRICT.allow_hexadecimal_numbers,
        allow_unary_plus_numbers: STRICT.allow_unary_plus_numbers,
        allow_bare_decimal_point_numbers: STRICT.allow_bare_decimal_point_numbers,
        allow_non_finite_numbers: STRICT.allow_non_finite_numbers,
        allow_extended_string_escapes: STRICT.allow_extended_string_escapes,
    };
    let mut scanner = Scanner::new(text, &strict);
    let first = scanner.scan().ok()??;
    let node = json_direct_value(&mut scanner, first, 0)?;
    // One value, then nothing (a comment, a second value: the full parser says which).
    matches!(scanner.scan(), Ok(None)).then_some(node)
}

/// The value that starts at `token` (the scanner's current token), inside `depth` arrays and
/// objects.
fn json_direct_value<'a>(
    scanner: &mut jsonc_parser::Scanner<'a>,
    token: jsonc_parser::tokens::Token<'a>,
    depth: usize,
) -> Option<Node> {
    use jsonc_parser::tokens::Token;
    if matches!(token, Token::OpenBracket | Token::OpenBrace) && depth >= MAX_DEPTH {
        return None;
    }
    let start = scanner.token_start();
    let kind = match token {
        Token::String(value) => NodeKind::Str(value.into_owned()),
        Token::Boolean(value) => NodeKind::Bool(value),
        Token::Null => NodeKind::Null,
        Token::Number(n) => match n.parse::<i64>() {
            Ok(i) => NodeKind::Int(i),
            Err(_) => NodeKind::Float(n.parse::<f64>().ok()?),
        },
        Token::OpenBracket => {
            let mut items = Vec::new();
            let mut next = scanner.scan().ok()??;
            if next != Token::CloseBracket {
                loop {
                    items.push(json_direct_value(scanner, next, depth + 1)?);
                    match scanner.scan().ok()?? {
                        Token::Comma => next = scanner.scan().ok()??,
                        Token::CloseBracket => break,
                        _ => return None,
                    }
                }
            }
            NodeKind::Array(items)
        }
        Token::OpenBrace => {
            let mut entries: Vec<(Key, Node)> = Vec::new();
            let mut next = scanner.scan().ok()??;
            if next != Token::CloseBrace {
                loop {
                    let Token::String(name) = next else {
                        return None;
                    };
                    let key = Key {
                        name: name.into_owned(),
                        span: scanner.token_start()..scanner.token_end(),
                    };
                    if scanner.scan().ok()?? != Token::Colon {
                        return None;
                    }
                    let value = scanner.scan().ok()??;
                    entries.push((key, json_direct_value(scanner, value, depth + 1)?));
                    match scanner.scan().ok()?? {
                        Token::Comma => next = scanner.scan().ok()??,
                        Token::CloseBrace => break,
                        _ => return None,
                    }
                }
            }
            if !duplicate_keys(&entries).is_empty() {
                return None;
            }
            NodeKind::Table(entries)
        }
        _ => return None,
    };
    Some(Node {
        kind,
        span: start..scanner.token_end(),
    })
}

/// The full parser recurses, so depth is checked on the raw text before it (outside strings).
fn json_too_deep(text: &str) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn json_value(value: jsonc_parser::ast::Value<'_>, diags: &mut Vec<Diagnostic>) -> Node {
    use jsonc_parser::ast::Value;
    let (kind, range) = match value {
        Value::StringLit(s) => (NodeKind::Str(s.value.into_owned()), s.range),
        Value::BooleanLit(b) => (NodeKind::Bool(b.value), b.range),
        Value::NullKeyword(n) => (NodeKind::Null, n.range),
        Value::NumberLit(n) => {
            let kind = if let Ok(i) = n.value.parse::<i64>() {
                NodeKind::Int(i)
            } else if let Ok(f) = n.value.parse::<f64>() {
                NodeKind::Float(f)
            } else {
                diags.push(Diagnostic::at(n.range.start..n.range.end, "invalid number"));
                NodeKind::Null
            };
            (kind, n.range)
        }
        Value::Array(a) => (
            NodeKind::Array(
                a.elements
                    .into_iter()
                    .map(|v| json_value(v, diags))
                    .collect(),
            ),
            a.range,
        ),
        Value::Object(o) => {
            let mut entries: Vec<(Key, Node)> = Vec::with_capacity(o.properties.len());
            for prop in o.properties {
                let (name, key_range) = match prop.name {
                    jsonc_parser::ast::ObjectPropName::String(s) => (s.value.into_owned(), s.range),
                    jsonc_parser::ast::ObjectPropName::Word(w) => (w.value.to_string(), w.range),
                };
                let key = Key {
                    name,
                    span: key_range.start..key_range.end,
                };
                entries.push((key, json_value(prop.value, diags)));
            }
            for key in duplicate_keys(&entries) {
                diags.push(Diagnostic::at(
                    key.span.clone(),
                    format!("duplicate key `{}`", key.name),
                ));
            }
            (NodeKind::Table(entries), o.range)
        }
    };
    Node {
        kind,
        span: range.start..range.end,
    }
}

/// Every key of an object that repeats an earlier key, in file order.
fn duplicate_keys(entries: &[(Key, Node)]) -> Vec<&Key> {
    // Objects of evidence have a handful of keys: compared in pairs, without hashing or copying.
    // A hostile object has hundreds of thousands: sorted by name, so repeats are neighbours.
    if entries.len() <= 16 {
        return entries
            .iter()
            .enumerate()
            .filter(|(i, (key, _))| entries[..*i].iter().any(|(k, _)| k.name == key.name))
            .map(|(_, (key, _))| key)
            .collect();
    }
    let mut order: Vec<&Key> = entries.iter().map(|(k, _)| k).collect();
    // Stable: among equal names the first in the file comes first and is not a repeat.
    order.sort_by(|a, b| a.name.cmp(&b.name));
    let mut repeats: Vec<&Key> = order
        .windows(2)
        .filter(|pair| pair[0].name == pair[1].name)
        .map(|pair| pair[1])
        .collect();
    repeats.sort_by_key(|k| k.span.start);
    repeats
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_and_json_give_the_same_shape() {
        let t = parse_toml("a = 1\n[b]\nc = [\"x\", 2026-01-31]\n").unwrap();
        let j = parse_json(r#"{"a": 1, "b": {"c": ["x", "2026-01-31"]}}"#).unwrap();
        assert!(matches!(t.locate("a").kind, NodeKind::Int(1)));
        assert!(matches!(j.locate("a").kind, NodeKind::Int(1)));
        assert!(matches!(&t.locate("b.c[1]").kind, NodeKind::Date(d) if d == "2026-01-31"));
        assert!(matches!(&j.locate("b.c[1]").kind, NodeKind::Str(d) if d == "2026-01-31"));
    }

    #[test]
    fn locate_falls_back_to_the_nearest_ancestor() {
        let t = parse_toml("[b]\nc = 1\n").unwrap();
        let b = t.locate("b");
        assert_eq!(t.locate("b.missing.deeper").span, b.span);
    }

    #[test]
    fn locate_walks_names_and_indexes() {
        let t = parse_toml("[[r]]\nx = [[1, 2], [3]]\n[[r]]\ny = { z = true }\n").unwrap();
        assert!(matches!(t.locate("r[0].x[1][0]").kind, NodeKind::Int(3)));
        assert!(matches!(t.locate("r[1].y.z").kind, NodeKind::Bool(true)));
        // Past the end of a list, or an index into a table: the nearest ancestor.
        assert_eq!(t.locate("r[0].x[2]").span, t.locate("r[0].x").span);
        assert_eq!(t.locate("r[1].y[0].z").span, t.locate("r[1].y").span);
        assert_eq!(t.locate("r[5].y").span, t.locate("r").span);
        assert_eq!(t.locate("").span, t.span);
    }

    /// What a direct reading gives, where it gives anything, is the full parser's tree.
    fn agrees(
        text: &str,
        direct: Option<Node>,
        full: fn(&str) -> Result<Node, Vec<Diagnostic>>,
    ) -> bool {
        let Some(direct) = direct else {
            return false;
        };
        let full = full(text).unwrap_or_else(|e| {
            panic!("the direct reading accepted what the full parser refuses ({e:?}): {text:?}")
        });
        assert_eq!(format!("{direct:?}"), format!("{full:?}"), "{text:?}");
        true
    }

    fn direct_agrees(text: &str) -> bool {
        agrees(text, json_direct(text), json_full)
    }

    fn toml_direct_agrees(text: &str) -> bool {
        agrees(text, super::super::toml_direct::read(text), toml_full)
    }

    /// The texts of the fixture files whose path `keep` accepts.
    fn fixture_texts(keep: impl Fn(&std::path::Path) -> bool) -> Vec<(std::path::PathBuf, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let (mut stack, mut texts) = (vec![root], Vec::new());
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if keep(&path)
                    && let Ok(text) = std::fs::read_to_string(&path)
                {
                    texts.push((path, text));
                }
            }
        }
        texts
    }

    /// Each one-character deletion of `doc`, and each insertion of one of `inserted`.
    fn one_character_edits(doc: &str, inserted: &[&str]) -> Vec<String> {
        let mut variants = Vec::new();
        for (i, _) in doc.char_indices().chain([(doc.len(), ' ')]) {
            if let Some(c) = doc[i..].chars().next() {
                variants.push(format!("{}{}", &doc[..i], &doc[i + c.len_utf8()..]));
            }
            for s in inserted {
                variants.push(format!("{}{s}{}", &doc[..i], &doc[i..]));
            }
        }
        variants
    }

    #[test]
    fn json_read_directly_is_the_full_parsers_tree() {
        // Every JSON evidence file of the fixtures is read directly, to the same tree.
        let fixtures = fixture_texts(|p| p.file_name().is_some_and(|n| n == "vendor.json"));
        for (path, text) in &fixtures {
            assert!(direct_agrees(text), "{}", path.display());
        }
        let files = fixtures.len();
        assert!(files >= 20, "{files} JSON fixtures");
        // Every one-character deletion, and insertion of a character that matters to the
        // syntax, of a small document: the direct reading accepts exactly what the full parser
        // accepts, with the same tree.
        let doc = r#"{"schema": 1, "vendor": {"id": "a-b", "n": -0.5e+2, "big": 12345678901234567890,
 "esc": "x\"\u00e9\n", "ok": [true, false, null, {}, []]}, "k": {"a": 1, "b": [1, 2]}}"#;
        assert!(direct_agrees(doc));
        let inserted = [
            ",", "}", "]", "{", "[", "\"", "\\", "/", "//c\n", " ", "0", "-", ".", "e", "t", "x",
            ":", "\n", "\u{1}", "\u{a0}", "\u{feff}", "'", "+",
        ];
        let (mut accepted, mut tried) = (0, 0);
        for text in one_character_edits(doc, &inserted) {
            tried += 1;
            let direct = direct_agrees(&text);
            accepted += usize::from(direct);
            // What the full parser accepts (it refuses repeated keys), the direct reading
            // accepts too.
            assert!(
                direct || json_full(&text).is_err(),
                "read only by the full parser: {text:?}"
            );
        }
        assert!(
            accepted > 500 && accepted < tried / 2,
            "{accepted} of {tried}"
        );
    }

    #[test]
    fn toml_read_directly_is_the_full_parsers_tree() {
        // The TOML evidence and waiver files of the fixtures: read directly to the same tree,
        // all but the few written with dotted keys or implicit tables.
        let fixtures = fixture_texts(|p| p.extension().is_some_and(|e| e == "toml"));
        let files = fixtures.len();
        let direct = fixtures
            .iter()
            .filter(|(_, text)| toml_direct_agrees(text))
            .count();
        assert!(files >= 100, "{files} TOML fixtures");
        assert!(
            direct * 10 >= files * 9,
            "{direct} of {files} read directly"
        );
        // Line-level edits of every fixture (a line dropped, repeated, moved, or a header or
        // key put in), the table structure being what they change: the same agreement.
        let snippets = [
            "[vendor]",
            "[[soc2]]",
            "[[iso]]",
            "[soc2]",
            "[iso.x]",
            "[[soc2.cuecs]]",
            "[ai]",
            "a.b = 1",
            "x = 1",
            "id = \"x\"",
            "[x.y.z]",
            "[[x]]",
            "x = [1, {a = 2}]",
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let (mut edited, mut edited_direct) = (0, 0);
        for (_, text) in &fixtures {
            let lines: Vec<&str> = text.lines().collect();
            if lines.is_empty() {
                continue;
            }
            for _ in 0..12 {
                let mut edit = lines.clone();
                let at = next(edit.len());
                match next(4) {
                    0 => {
                        edit.remove(at);
                    }
                    1 => edit.insert(at, lines[next(lines.len())]),
                    2 => {
                        let line = edit.remove(at);
                        let to = next(edit.len() + 1);
                        edit.insert(to, line);
                    }
                    _ => edit.insert(at, snippets[next(snippets.len())]),
                }
                edited += 1;
                edited_direct += usize::from(toml_direct_agrees(&edit.join("\n")));
            }
        }
        assert!(edited_direct > edited / 4, "{edited_direct} of {edited}");
        // Every one-character deletion, and insertion of a character that matters to the
        // syntax, of a small document: what the direct reading accepts, the full parser
        // accepts with the same tree; and it accepts most of what the full parser accepts (the
        // rest have a dotted key, or a header that makes `vendor` implicit once `[vendor]` is
        // misspelt: 204 of 1,520 when written).
        let doc = "# c\nschema = 1 # one\n[vendor]\nid = \"a-b\"\nq = 'lit'\nn = -0.5e+2\nh = 0x1F\n\
            big = 1_000\nd = 2026-01-31\nok = [true, false, { a = 1, b = [] }, ]\n\
            m = \"\"\"\nx\"\"\"\n[[soc2]]\ntype = 2\n[[soc2.cuecs]]\nc = \"x\\u00e9\"\n\
            [[soc2]]\n[ vendor . sub ]\nk = {}\n";
        assert!(toml_direct_agrees(doc), "{doc}");
        let inserted = [
            ",", "]", "[", "{", "}", "\"", "'", "\\", "#", ".", "=", " ", "\n", "0", "-", "_", "e",
            "t", "x", ":", "T", "Z", "\u{1}", "\u{a0}", "\r",
        ];
        let (mut accepted, mut full_accepted, mut tried) = (0, 0, 0);
        for text in one_character_edits(doc, &inserted) {
            tried += 1;
            accepted += usize::from(toml_direct_agrees(&text));
            full_accepted += usize::from(toml_full(&text).is_ok());
        }
        assert!(
            accepted > 1000 && accepted * 10 >= full_accepted * 8,
            "{accepted} read directly, {full_accepted} by the full parser, of {tried}"
        );
    }

    #[test]
    fn json_duplicate_keys_and_deep_nesting_are_refused() {
        let e = parse_json(r#"{"a": 1, "a": 2}"#).unwrap_err();
        assert_eq!(e[0].message, "duplicate key `a`");
        let deep = "[".repeat(100) + &"]".repeat(100);
        let e = parse_json(&deep).unwrap_err();
        assert_eq!(
            e[0].message,
            format!("nesting deeper than {MAX_DEPTH} levels")
        );
    }

    #[test]
    fn json_nesting_is_refused_one_level_past_the_limit_at_the_bracket_that_passes_it() {
        let nested = |pairs: usize| (r#"{"k": ["#.repeat(pairs), "]}".repeat(pairs));
        // Each `{"k": [` is two levels: 16 of them, 32 levels, are read (directly).
        let (open, close) = nested(MAX_DEPTH / 2);
        let at_limit = format!("{open}1{close}");
        assert!(json_direct(&at_limit).is_some());
        assert!(parse_json(&at_limit).is_ok());
        // One level more is refused, at the bracket that passes the limit, whether the rest of
        // the text is valid or not (a string with brackets does not count).
        let (open, close) = nested(MAX_DEPTH / 2);
        for tail in [
            format!("[1]{close}"),
            "[\"]]\"".to_string(),
            "[".to_string(),
        ] {
            let text = format!("{open}{tail}");
            let e = parse_json(&text).unwrap_err();
            assert_eq!(
                (e[0].message.as_str(), e[0].span.start),
                (
                    format!("nesting deeper than {MAX_DEPTH} levels").as_str(),
                    open.len()
                ),
                "{text}"
            );
        }
        // A syntax error before the limit is reached: still the nesting is what is reported.
        let text = format!("{{\"a\": tru, \"b\": {open}[1]{close}}}");
        let e = parse_json(&text).unwrap_err();
        assert_eq!(
            e[0].message,
            format!("nesting deeper than {MAX_DEPTH} levels")
        );
    }

    #[test]
    fn duplicate_keys_are_found_in_small_and_large_objects() {
        let messages = |text: &str| -> Vec<String> {
            parse_json(text)
                .err()
                .unwrap_or_default()
                .into_iter()
                .map(|d| d.message)
                .collect()
        };
        assert_eq!(
            messages(r#"{"a": 1, "b": 2, "a": 3, "b": 4, "a": 5}"#),
            [
                "duplicate key `a`",
                "duplicate key `b`",
                "duplicate key `a`"
            ]
        );
        let many: Vec<String> = (0..40).map(|i| format!("\"k{}\": {i}", i % 30)).collect();
        let found = messages(&format!("{{{}}}", many.join(", ")));
        let expected: Vec<String> = (30..40)
            .map(|i| format!("duplicate key `k{}`", i % 30))
            .collect();
        assert_eq!(found, expected);
        assert!(messages(r#"{"a": 1, "b": {"a": 2}}"#).is_empty());
    }

    #[test]
    fn toml_datetime_with_time_is_refused() {
        let e = parse_toml("d = 2026-01-01T10:00:00\n").unwrap_err();
        assert!(e[0].message.starts_with("expected a calendar date"));
    }
}
