//! TOML evidence read straight from the events of `toml_parser`, the parser underneath the
//! `toml` crate: the same tokens and byte ranges, without the `toml` crate's table of borrowed
//! strings in between. Only plain documents take this path: headers that name tables which
//! exist or are new, keys without dots, no error of any kind. Anything else (a dotted key, a
//! table made implicitly, a repeated key, a date-time, a number out of range, a syntax error)
//! gives `None`, and [`super::node::parse_toml`] reads the text with the full parser, whose
//! tree and diagnostics are the reference. A unit test holds the two readings to the same tree.

use std::borrow::Cow;
use std::ops::Range;

use toml_parser::parser::{Event, EventKind, RecursionGuard, ValidateWhitespace};
use toml_parser::{ParseError, Source};

use super::node::{Key, MAX_DEPTH, Node, NodeKind};

/// The `toml` crate's own nesting limit for the event parser.
const RECURSION_LIMIT: u32 = 80;

/// What a table being built holds, in the order read.
type Entries = Vec<(Key, Built)>;

/// A value being built: a table made by a header, or an array of tables (with the span of each
/// table's header).
enum Built {
    Value(Node),
    Table(Range<usize>, Entries),
    Tables(Range<usize>, Vec<(Range<usize>, Entries)>),
}

/// The node tree of a plain TOML document, or `None` where the full parser must read it.
pub(super) fn read(text: &str) -> Option<Node> {
    let source = Source::new(text);
    let tokens = source.lex().into_vec();
    let mut events = Vec::with_capacity(tokens.len());
    let mut error: Option<ParseError> = None;
    {
        let mut whitespace = ValidateWhitespace::new(&mut events, source);
        let mut receiver = RecursionGuard::new(&mut whitespace, RECURSION_LIMIT);
        toml_parser::parser::parse_document(&tokens, &mut receiver, &mut error);
    }
    if error.is_some() {
        return None;
    }
    let mut reader = Reader {
        source,
        events: &events,
        next: 0,
    };
    let root = reader.document()?;
    let node = finish(root, 0..0);
    within_depth(&node, 0).then_some(node)
}

struct Reader<'e, 'i> {
    source: Source<'i>,
    events: &'e [Event],
    next: usize,
}

/// A header: the keys before the last, the last, its span, and whether it is `[[…]]`.
struct Header {
    path: Vec<Key>,
    key: Key,
    span: Range<usize>,
    is_array: bool,
}

impl Reader<'_, '_> {
    fn peek(&self) -> Option<EventKind> {
        self.events.get(self.next).map(Event::kind)
    }

    fn take(&mut self) -> Option<Event> {
        let event = *self.events.get(self.next)?;
        self.next += 1;
        Some(event)
    }

    fn skip_whitespace(&mut self) {
        while self.peek() == Some(EventKind::Whitespace) {
            self.next += 1;
        }
    }

    /// Whitespace, comments and line ends (inside arrays and inline tables).
    fn skip_blank(&mut self) {
        while matches!(
            self.peek(),
            Some(EventKind::Whitespace | EventKind::Comment | EventKind::Newline)
        ) {
            self.next += 1;
        }
    }

    fn document(&mut self) -> Option<Entries> {
        let mut root: Entries = Vec::new();
        let mut header: Option<Header> = None;
        let mut current: Entries = Vec::new();
        while let Some(event) = self.take() {
            match event.kind() {
                EventKind::Whitespace | EventKind::Comment | EventKind::Newline => {}
                EventKind::StdTableOpen | EventKind::ArrayTableOpen => {
                    place(&mut root, header.take(), std::mem::take(&mut current))?;
                    header = Some(self.header(event)?);
                }
                EventKind::SimpleKey => {
                    let (key, value) = self.key_value(event, false)?;
                    if current.iter().any(|(k, _)| k.name == key.name) {
                        return None;
                    }
                    current.push((key, Built::Value(value)));
                }
                _ => return None,
            }
        }
        place(&mut root, header, current)?;
        Some(root)
    }

    /// `key = value`, from the key's event; in an inline table, line ends and comments may
    /// come between them.
    fn key_value(&mut self, key: Event, inline: bool) -> Option<(Key, Node)> {
        let key = self.key(key)?;
        let skip = if inline {
            Self::skip_blank
        } else {
            Self::skip_whitespace
        };
        skip(self);
        if self.take()?.kind() != EventKind::KeyValSep {
            return None;
        }
        skip(self);
        Some((key, self.value()?))
    }

    /// `[a.b]` or `[[a.b]]`, from its opening bracket.
    fn header(&mut self, open: Event) -> Option<Header> {
        let is_array = open.kind() == EventKind::ArrayTableOpen;
        let close = if is_array {
            EventKind::ArrayTableClose
        } else {
            EventKind::StdTableClose
        };
        let mut keys = Vec::new();
        loop {
            self.skip_whitespace();
            let event = self.take()?;
            if event.kind() != EventKind::SimpleKey {
                return None;
            }
            keys.push(self.key(event)?);
            self.skip_whitespace();
            let event = self.take()?;
            match event.kind() {
                EventKind::KeySep => {}
                kind if kind == close => {
                    let key = keys.pop()?;
                    return Some(Header {
                        path: keys,
                        key,
                        span: open.span().start()..event.span().end(),
                        is_array,
                    });
                }
                _ => return None,
            }
        }
    }

    /// One key (of a dotted key, the part `event` holds). Where a key/value pair's key has a
    /// dot, the `=` the callers look for is not next: the pair is the full parser's.
    fn key(&self, event: Event) -> Option<Key> {
        let raw = self.source.get(event)?;
        let mut decoded = Cow::Borrowed("");
        let mut error: Option<ParseError> = None;
        raw.decode_key(&mut decoded, &mut error);
        if error.is_some() {
            return None;
        }
        let span = event.span();
        Some(Key {
            name: decoded.into_owned(),
            span: span.start()..span.end(),
        })
    }

    fn value(&mut self) -> Option<Node> {
        let event = self.take()?;
        match event.kind() {
            EventKind::Scalar => self.scalar(event),
            EventKind::ArrayOpen => {
                let mut items = Vec::new();
                loop {
                    self.skip_blank();
                    if self.peek()? == EventKind::ArrayClose {
                        break;
                    }
                    items.push(self.value()?);
                    self.skip_blank();
                    match self.peek()? {
                        EventKind::ValueSep => self.next += 1,
                        EventKind::ArrayClose => break,
                        _ => return None,
                    }
                }
                let close = self.take()?;
                Some(Node {
                    kind: NodeKind::Array(items),
                    span: event.span().start()..close.span().end(),
                })
            }
            EventKind::InlineTableOpen => {
                let mut entries: Vec<(Key, Node)> = Vec::new();
                loop {
                    self.skip_blank();
                    let next = self.take()?;
                    match next.kind() {
                        EventKind::InlineTableClose => {
                            return Some(Node {
                                kind: NodeKind::Table(entries),
                                span: event.span().start()..next.span().end(),
                            });
                        }
                        EventKind::SimpleKey => {}
                        _ => return None,
                    }
                    let (key, value) = self.key_value(next, true)?;
                    if entries.iter().any(|(k, _)| k.name == key.name) {
                        return None;
                    }
                    entries.push((key, value));
                    self.skip_blank();
                    match self.peek()? {
                        EventKind::ValueSep => self.next += 1,
                        EventKind::InlineTableClose => {}
                        _ => return None,
                    }
                }
            }
            _ => None,
        }
    }

    /// A string, integer, float, boolean or calendar date, as the full reading converts it.
    fn scalar(&self, event: Event) -> Option<Node> {
        use toml_parser::decoder::ScalarKind;
        let raw = self.source.get(event)?;
        let mut decoded = Cow::Borrowed("");
        let mut error: Option<ParseError> = None;
        let scalar = raw.decode_scalar(&mut decoded, &mut error);
        if error.is_some() {
            return None;
        }
        let kind = match scalar {
            ScalarKind::String => NodeKind::Str(decoded.into_owned()),
            ScalarKind::Boolean(b) => NodeKind::Bool(b),
            ScalarKind::Integer(radix) => {
                let digits: String = decoded.chars().filter(|c| *c != '_').collect();
                NodeKind::Int(i64::from_str_radix(&digits, radix.value()).ok()?)
            }
            ScalarKind::Float => NodeKind::Float(decoded.replace('_', "").parse::<f64>().ok()?),
            ScalarKind::DateTime => {
                let dt = decoded.parse::<toml_datetime::Datetime>().ok()?;
                match (dt.date, dt.time, dt.offset) {
                    // A TOML local date is written `YYYY-MM-DD`: as the full reading spells it.
                    (Some(_), None, None) if decoded.len() == 10 => {
                        NodeKind::Date(decoded.into_owned())
                    }
                    (Some(d), None, None) => {
                        NodeKind::Date(format!("{:04}-{:02}-{:02}", d.year, d.month, d.day))
                    }
                    _ => return None,
                }
            }
        };
        let span = event.span();
        Some(Node {
            kind,
            span: span.start()..span.end(),
        })
    }
}

/// Puts the table read under `header` where it names: under tables that exist (for an array of
/// tables, its last), and new unless it adds to an array of tables.
fn place(root: &mut Entries, header: Option<Header>, table: Entries) -> Option<()> {
    let Some(header) = header else {
        // What precedes the first header is the root.
        *root = table;
        return Some(());
    };
    let mut parent = root;
    for key in &header.path {
        let (_, child) = parent.iter_mut().find(|(k, _)| k.name == key.name)?;
        parent = match child {
            Built::Table(_, entries) => entries,
            Built::Tables(_, tables) => &mut tables.last_mut()?.1,
            Built::Value(_) => return None,
        };
    }
    let existing = parent.iter_mut().find(|(k, _)| k.name == header.key.name);
    match (existing, header.is_array) {
        (None, false) => parent.push((header.key, Built::Table(header.span, table))),
        (None, true) => parent.push((
            header.key,
            Built::Tables(header.span.clone(), vec![(header.span, table)]),
        )),
        (Some((_, Built::Tables(_, tables))), true) => tables.push((header.span, table)),
        (Some(_), _) => return None,
    }
    Some(())
}

/// The node of a built table, its entries in the order of their keys in the file.
fn finish(mut entries: Entries, span: Range<usize>) -> Node {
    entries.sort_by_key(|(k, _)| k.span.start);
    let entries = entries
        .into_iter()
        .map(|(key, built)| {
            let node = match built {
                Built::Value(node) => node,
                Built::Table(span, entries) => finish(entries, span),
                Built::Tables(span, tables) => Node {
                    kind: NodeKind::Array(
                        tables
                            .into_iter()
                            .map(|(span, entries)| finish(entries, span))
                            .collect(),
                    ),
                    span,
                },
            };
            (key, node)
        })
        .collect();
    Node {
        kind: NodeKind::Table(entries),
        span,
    }
}

/// Whether no value lies deeper than [`MAX_DEPTH`], counted as the full reading counts (the
/// root's values at depth 1).
fn within_depth(node: &Node, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    match &node.kind {
        NodeKind::Array(items) => items.iter().all(|n| within_depth(n, depth + 1)),
        NodeKind::Table(entries) => entries.iter().all(|(_, n)| within_depth(n, depth + 1)),
        _ => true,
    }
}
