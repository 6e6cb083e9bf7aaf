//! Decodes a [`Node`] tree into serde types, recording every problem instead of stopping at the
//! first.
//!
//! serde's derived visitors stop at the first error they see, so this deserializer avoids
//! handing them errors it can recover from: unknown fields are reported (with a suggestion) and
//! skipped before the visitor runs, a value of the wrong type or an impossible date is reported
//! and replaced by a placeholder, and an array element that cannot be decoded is reported and
//! left out. Only a missing required field stops the table that lacks it; its siblings elsewhere
//! in the file are still decoded. Whenever anything was recorded the decoded value is discarded,
//! so placeholders never reach the rules.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

use super::date::{DATE_TOKEN, parse_date};
use super::error::{Diagnostic, did_you_mean};
use super::node::{Node, NodeKind};

/// Collects the problems found while decoding one file.
#[derive(Default)]
pub struct Recorder {
    diags: RefCell<Vec<Diagnostic>>,
}

impl Recorder {
    pub fn record(&self, diag: Diagnostic) {
        self.diags.borrow_mut().push(diag);
    }

    pub fn is_empty(&self) -> bool {
        self.diags.borrow().is_empty()
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diags.into_inner()
    }
}

/// Decodes `node` as a `T`, recording problems in `recorder`. `None` when the value could not be
/// built at all (the reasons are in the recorder).
pub fn decode<'de, T: de::Deserialize<'de>>(node: &Node, recorder: &Recorder) -> Option<T> {
    T::deserialize(NodeDeserializer { node, recorder }).ok()
}

/// The error type seen by serde's visitors.
#[derive(Debug)]
pub enum DecodeError {
    /// The problem was already recorded with its position; just unwind.
    Recorded,
    MissingField(&'static str),
    Custom(String),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Recorded => f.write_str("error recorded"),
            DecodeError::MissingField(field) => write!(f, "missing field `{field}`"),
            DecodeError::Custom(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for DecodeError {}

impl de::Error for DecodeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DecodeError::Custom(msg.to_string())
    }

    fn missing_field(field: &'static str) -> Self {
        DecodeError::MissingField(field)
    }
}

struct NodeDeserializer<'a> {
    node: &'a Node,
    recorder: &'a Recorder,
}

impl<'a> NodeDeserializer<'a> {
    fn mismatch(&self, expected: &str) {
        self.recorder.record(Diagnostic::at(
            self.node.span.clone(),
            format!("expected {expected}, found {}", self.node.kind.describe()),
        ));
    }

    /// Records an error that a visitor returned, at this node, unless it was recorded already.
    fn settle<T>(&self, result: Result<T, DecodeError>) -> Result<T, DecodeError> {
        result.map_err(|e| {
            match e {
                DecodeError::Recorded => {}
                DecodeError::MissingField(field) => self.recorder.record(
                    Diagnostic::at(self.node.span.clone(), format!("missing field `{field}`"))
                        .with_help(format!("add `{field}`")),
                ),
                DecodeError::Custom(msg) => self
                    .recorder
                    .record(Diagnostic::at(self.node.span.clone(), msg)),
            }
            DecodeError::Recorded
        })
    }
}

impl<'de, 'a> de::Deserializer<'de> for NodeDeserializer<'a> {
    type Error = DecodeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        let result = match &self.node.kind {
            NodeKind::Null => visitor.visit_unit(),
            NodeKind::Bool(b) => visitor.visit_bool(*b),
            NodeKind::Int(n) => visitor.visit_i64(*n),
            NodeKind::Float(x) => visitor.visit_f64(*x),
            NodeKind::Str(s) | NodeKind::Date(s) => visitor.visit_str(s),
            NodeKind::Array(items) => visitor.visit_seq(SeqDecoder::new(items, self.recorder)),
            NodeKind::Table(entries) => {
                visitor.visit_map(MapDecoder::new(entries, None, self.recorder))
            }
        };
        self.settle(result)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.node.kind {
            NodeKind::Bool(b) => self.settle(visitor.visit_bool(b)),
            _ => {
                self.mismatch("a boolean (true or false)");
                self.settle(visitor.visit_bool(false))
            }
        }
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.node.kind {
            NodeKind::Int(n) if (0..=255).contains(&n) => self.settle(visitor.visit_u8(n as u8)),
            _ => {
                self.integer_report(0, 255);
                self.settle(visitor.visit_u8(0))
            }
        }
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.node.kind {
            NodeKind::Int(n) if (0..=i64::from(u16::MAX)).contains(&n) => {
                self.settle(visitor.visit_u16(n as u16))
            }
            _ => {
                self.integer_report(0, i64::from(u16::MAX));
                self.settle(visitor.visit_u16(0))
            }
        }
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.node.kind {
            NodeKind::Int(n) if (0..=i64::from(u32::MAX)).contains(&n) => {
                self.settle(visitor.visit_u32(n as u32))
            }
            _ => {
                self.integer_report(0, i64::from(u32::MAX));
                self.settle(visitor.visit_u32(0))
            }
        }
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.node.kind {
            NodeKind::Int(n) if n >= 0 => self.settle(visitor.visit_u64(n as u64)),
            _ => {
                self.integer_report(0, i64::MAX);
                self.settle(visitor.visit_u64(0))
            }
        }
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.node.kind {
            NodeKind::Int(n) => self.settle(visitor.visit_i64(n)),
            _ => {
                self.mismatch("an integer");
                self.settle(visitor.visit_i64(0))
            }
        }
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.node.kind {
            NodeKind::Float(x) => self.settle(visitor.visit_f64(x)),
            NodeKind::Int(n) => self.settle(visitor.visit_f64(n as f64)),
            _ => {
                self.mismatch("a number");
                self.settle(visitor.visit_f64(0.0))
            }
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match &self.node.kind {
            NodeKind::Str(s) => self.settle(visitor.visit_str(s)),
            _ => {
                self.mismatch("a string");
                self.settle(visitor.visit_str(""))
            }
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.node.kind {
            NodeKind::Null => self.settle(visitor.visit_none()),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        if name != DATE_TOKEN {
            return visitor.visit_newtype_struct(self);
        }
        let placeholder = "1970-01-01";
        let text = match &self.node.kind {
            NodeKind::Str(s) | NodeKind::Date(s) => s.as_str(),
            _ => {
                self.mismatch("a date (YYYY-MM-DD)");
                placeholder
            }
        };
        match parse_date(text) {
            Ok(_) => self.settle(visitor.visit_str(text)),
            Err(problem) => {
                self.recorder
                    .record(Diagnostic::at(self.node.span.clone(), problem).with_help(
                        super::date::date_form_hint(text).unwrap_or_else(|| {
                            "write a calendar date as YYYY-MM-DD, e.g. 2027-02-28".to_string()
                        }),
                    ));
                self.settle(visitor.visit_str(placeholder))
            }
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match &self.node.kind {
            NodeKind::Array(items) => {
                let result = visitor.visit_seq(SeqDecoder::new(items, self.recorder));
                self.settle(result)
            }
            _ => {
                self.mismatch("an array");
                self.settle(visitor.visit_seq(SeqDecoder::new(&[], self.recorder)))
            }
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        match &self.node.kind {
            NodeKind::Table(entries) => {
                let result =
                    visitor.visit_map(MapDecoder::new(entries, Some(fields), self.recorder));
                self.settle(result)
            }
            _ => {
                self.mismatch("a table");
                // An empty table stands in when every field is optional, so the fields around
                // this one are still decoded (and checked).
                visitor
                    .visit_map(MapDecoder::new(&[], Some(fields), &Recorder::default()))
                    .map_err(|_| DecodeError::Recorded)
            }
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match &self.node.kind {
            NodeKind::Table(entries) => {
                let result = visitor.visit_map(MapDecoder::new(entries, None, self.recorder));
                self.settle(result)
            }
            _ => {
                self.mismatch("a table");
                Err(DecodeError::Recorded)
            }
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        let chosen = match &self.node.kind {
            NodeKind::Str(s) if variants.contains(&s.as_str()) => s.as_str(),
            NodeKind::Str(s) => {
                let mut diag = Diagnostic::at(
                    self.node.span.clone(),
                    format!(
                        "unknown value `{s}`, expected one of {}",
                        quoted_list(variants)
                    ),
                );
                if let Some(best) = did_you_mean(s, variants.iter().copied()) {
                    diag = diag.with_help(format!("did you mean `{best}`?"));
                }
                self.recorder.record(diag);
                variants[0]
            }
            _ => {
                self.mismatch(&format!("one of {}", quoted_list(variants)));
                variants[0]
            }
        };
        let result = visitor.visit_enum(chosen.into_deserializer());
        self.settle(result)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i128 u128 f32 char bytes byte_buf unit unit_struct tuple tuple_struct identifier
    }
}

impl NodeDeserializer<'_> {
    fn integer_report(&self, min: i64, max: i64) {
        match self.node.kind {
            NodeKind::Int(n) => self.recorder.record(Diagnostic::at(
                self.node.span.clone(),
                format!("{n} is out of range ({min} to {max})"),
            )),
            _ => self.mismatch("an integer"),
        }
    }
}

fn quoted_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Walks an array; an element that cannot be decoded is recorded and skipped.
struct SeqDecoder<'a> {
    items: std::slice::Iter<'a, Node>,
    recorder: &'a Recorder,
}

impl<'a> SeqDecoder<'a> {
    fn new(items: &'a [Node], recorder: &'a Recorder) -> Self {
        SeqDecoder {
            items: items.iter(),
            recorder,
        }
    }
}

impl<'de> de::SeqAccess<'de> for SeqDecoder<'_> {
    type Error = DecodeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DecodeError> {
        // A seed is consumed by one attempt, so an element that cannot be built ends the array
        // early instead of failing the table around it: its problems are recorded, and the
        // caller discards the decoded value because the recorder is not empty.
        match self.items.next() {
            Some(node) => match seed.deserialize(NodeDeserializer {
                node,
                recorder: self.recorder,
            }) {
                Ok(value) => Ok(Some(value)),
                Err(_) => {
                    self.items = [].iter();
                    Ok(None)
                }
            },
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// Walks a table; unknown keys are recorded (with a suggestion) and never shown to the visitor.
struct MapDecoder<'a> {
    entries: std::slice::Iter<'a, (super::node::Key, Node)>,
    fields: Option<&'static [&'static str]>,
    value: Option<&'a Node>,
    recorder: &'a Recorder,
}

impl<'a> MapDecoder<'a> {
    fn new(
        entries: &'a [(super::node::Key, Node)],
        fields: Option<&'static [&'static str]>,
        recorder: &'a Recorder,
    ) -> Self {
        if let Some(fields) = fields {
            for (key, _) in entries {
                if !fields.contains(&key.name.as_str()) {
                    let diag =
                        Diagnostic::at(key.span.clone(), format!("unknown field `{}`", key.name));
                    recorder.record(match did_you_mean(&key.name, fields.iter().copied()) {
                        Some(best) => diag.with_help(format!("did you mean `{best}`?")),
                        None => {
                            diag.with_whole_help(format!("expected one of {}", quoted_list(fields)))
                        }
                    });
                }
            }
        }
        MapDecoder {
            entries: entries.iter(),
            fields,
            value: None,
            recorder,
        }
    }
}

impl<'de> de::MapAccess<'de> for MapDecoder<'_> {
    type Error = DecodeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DecodeError> {
        let fields = self.fields;
        let known = |(key, _): &&(super::node::Key, Node)| {
            fields.is_none_or(|f| f.contains(&key.name.as_str()))
        };
        match self.entries.by_ref().find(known) {
            Some((key, node)) => {
                self.value = Some(node);
                seed.deserialize(key.name.as_str().into_deserializer())
                    .map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, DecodeError> {
        let node = self.value.take().ok_or(DecodeError::Recorded)?;
        seed.deserialize(NodeDeserializer {
            node,
            recorder: self.recorder,
        })
    }
}
