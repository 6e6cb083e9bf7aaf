//! Drafting evidence from a vendor's own documents: certificates, SOC 2 and SOC 3 reports,
//! bridge letters and CSA STAR documents, as PDFs with a text layer or as text.
//!
//! Text in, draft out: [`extract`] reads the text of a document's bytes (a PDF under limits, on a
//! worker thread with a deadline, its panics caught), [`draft_text`] recognises what the
//! document is and drafts the matching evidence section, every value with the page and line it
//! was read from ([`At`]); [`render`] writes the drafts as commented TOML or as JSON. Nothing
//! here reads or writes files: the command layer does.
//!
//! Precision before recall: a value the recognisers are not sure of is never drafted; a
//! comment says what was seen (`# TODO issued: candidates …`). Nothing is marked verified.

pub mod dates;
pub mod iso;
pub mod lines;
pub mod render;
pub mod report;
pub mod text;

use std::time::Duration;

use chrono::NaiveDate;

pub use text::Text;

/// Why a document could not be drafted from. Each is an input error (exit 2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    #[error("no text layer: run OCR (for example ocrmypdf) and draft from its output")]
    NoTextLayer,
    #[error(
        "encrypted PDF: save a copy without a password (for example `qpdf --decrypt`) and draft from it"
    )]
    Encrypted,
    #[error("not a readable PDF: {0}")]
    Corrupt(String),
    #[error("neither a PDF nor UTF-8 text")]
    NotText,
    #[error("file is {0} bytes, over the {1} byte document limit")]
    TooLarge(u64, u64),
    #[error("reading its text took longer than {0} seconds: the PDF may be hostile; not drafted")]
    TooSlow(u64),
    #[error("the PDF reader failed on it ({0}): the PDF may be damaged or hostile; not drafted")]
    ReaderFailed(String),
    #[error(
        "not recognised as an ISO/IEC certificate, a SOC 2 or SOC 3 report, a bridge letter, a CSA STAR document or a certification claim"
    )]
    Unrecognised,
}

/// How long reading one document's text may take.
pub const EXTRACTION_DEADLINE: Duration = Duration::from_secs(20);

/// The text of a document's bytes: a PDF's text layer, or plain text. A PDF is read on a worker
/// thread: past `deadline` the draft is abandoned (the thread is left to the process's exit),
/// and a panic in the PDF reader is an error, never a crash.
pub fn extract(bytes: Vec<u8>, deadline: Duration) -> Result<Text, DraftError> {
    if !text::is_pdf(&bytes) {
        return text::from_plain(&bytes);
    }
    let (send, receive) = std::sync::mpsc::channel();
    let worker = std::thread::Builder::new()
        .name("draft-pdf".into())
        .spawn(move || {
            let result = std::panic::catch_unwind(|| text::from_pdf(&bytes));
            let _ = send.send(result);
        })
        .map_err(|e| DraftError::ReaderFailed(e.to_string()))?;
    match receive.recv_timeout(deadline) {
        Ok(Ok(result)) => {
            let _ = worker.join();
            result
        }
        Ok(Err(panic)) => {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".into());
            Err(DraftError::ReaderFailed(why))
        }
        Err(_) => Err(DraftError::TooSlow(deadline.as_secs().max(1))),
    }
}

/// Where a drafted value was read: page, first and last line (1-based) and the text quoted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At {
    pub page: usize,
    pub line: usize,
    pub last: usize,
    pub text: String,
}

/// A drafted value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Str(String),
    Int(i64),
    Bool(bool),
    Date(NaiveDate),
    List(Vec<String>),
    /// `[]`: the document says there are none.
    EmptyList,
    /// `document = { path, sha256 }`.
    Document {
        path: String,
        sha256: String,
    },
}

/// One line of a drafted table: a field, or a comment (what was not drafted and why).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Field {
        key: String,
        value: Value,
        at: Option<At>,
        note: Option<String>,
    },
    Comment(String),
}

/// A drafted table and the tables below it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub items: Vec<Item>,
    pub children: Vec<Child>,
}

/// A sub-table: `[iso.soa]` (`array = false`) or one entry of `[[soc2.exceptions]]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Child {
    pub key: &'static str,
    pub array: bool,
    pub table: Table,
}

impl Table {
    pub fn field(&mut self, key: &str, value: Value, at: Option<At>) {
        self.items.push(Item::Field {
            key: key.to_string(),
            value,
            at,
            note: None,
        });
    }

    pub fn field_with_note(&mut self, key: &str, value: Value, at: Option<At>, note: &str) {
        self.items.push(Item::Field {
            key: key.to_string(),
            value,
            at,
            note: Some(note.to_string()),
        });
    }

    pub fn comment(&mut self, text: impl Into<String>) {
        self.items.push(Item::Comment(text.into()));
    }

    pub fn child(&mut self, key: &'static str, array: bool, table: Table) {
        self.children.push(Child { key, array, table });
    }

    /// The value drafted for `key`, if any.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.items.iter().find_map(|i| match i {
            Item::Field { key: k, value, .. } if k == key => Some(value),
            _ => None,
        })
    }
}

/// What a document was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    IsoCertificate,
    Soc2Report,
    Soc3Report,
    BridgeLetter,
    Star,
    /// A flyer or web page claiming a certification without a certificate's facts.
    Claim,
}

impl Kind {
    pub fn describe(self) -> &'static str {
        match self {
            Kind::IsoCertificate => "ISO/IEC management-system certificate",
            Kind::Soc2Report => "SOC 2 report",
            Kind::Soc3Report => "SOC 3 report",
            Kind::BridgeLetter => "bridge letter",
            Kind::Star => "CSA STAR document",
            Kind::Claim => "certification claim (marketing), not a certificate or report",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::IsoCertificate => "iso_certificate",
            Kind::Soc2Report => "soc2_report",
            Kind::Soc3Report => "soc3_report",
            Kind::BridgeLetter => "bridge_letter",
            Kind::Star => "star",
            Kind::Claim => "claim",
        }
    }
}

/// One drafted evidence section (`iso`, `soc2`, `star` or `soc2.bridge_letter`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub section: &'static str,
    pub table: Table,
}

/// What was drafted from one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub kind: Kind,
    pub sections: Vec<Section>,
}

/// The vendor-folder path and SHA-256 the draft's `document` tables pin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pin {
    pub path: String,
    pub sha256: String,
}

/// Recognises what `text` is and drafts its evidence.
pub fn draft_text(text: &Text, pin: &Pin) -> Result<Draft, DraftError> {
    let doc = lines::Doc::new(text);
    let kind = report::classify(&doc).ok_or(DraftError::Unrecognised)?;
    let sections = match kind {
        Kind::IsoCertificate => vec![iso::certificate(&doc, pin)],
        Kind::Soc2Report | Kind::Soc3Report => vec![report::soc(&doc, pin, kind)],
        Kind::BridgeLetter => vec![report::bridge_letter(&doc, pin)],
        Kind::Star => vec![report::star(&doc)],
        Kind::Claim => report::claims(&doc, pin),
    };
    if sections.is_empty() {
        return Err(DraftError::Unrecognised);
    }
    Ok(Draft { kind, sections })
}

/// The drafted values as `(path, value)` pairs, `iso.certificate_number` or
/// `soc2.exceptions[0].control`, values as text (dates `YYYY-MM-DD`, lists joined with `, `,
/// `[]` for an empty list). `document` tables are left out. For measuring drafts against what
/// an analyst recorded.
pub fn fields(draft: &Draft) -> Vec<(String, String)> {
    fn walk(prefix: &str, table: &Table, out: &mut Vec<(String, String)>) {
        for item in &table.items {
            if let Item::Field { key, value, .. } = item {
                let text = match value {
                    Value::Str(s) => s.clone(),
                    Value::Int(n) => n.to_string(),
                    Value::Bool(b) => b.to_string(),
                    Value::Date(d) => d.to_string(),
                    Value::List(items) => items.join(", "),
                    Value::EmptyList => "[]".into(),
                    Value::Document { .. } => continue,
                };
                out.push((format!("{prefix}.{key}"), text));
            }
        }
        let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
        for child in &table.children {
            let path = if child.array {
                let n = counts.entry(child.key).or_default();
                *n += 1;
                format!("{prefix}.{}[{}]", child.key, *n - 1)
            } else {
                format!("{prefix}.{}", child.key)
            };
            walk(&path, &child.table, out);
        }
    }
    let mut out = Vec::new();
    for section in &draft.sections {
        walk(section.section, &section.table, &mut out);
    }
    out
}
