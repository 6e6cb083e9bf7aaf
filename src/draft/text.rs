//! Text extraction: the pages and lines of a plain-text file or of a PDF's text layer, with the
//! page and line numbers every drafted value cites.
//!
//! A PDF is read with `lopdf` under limits (stream sizes, page count, text size); the caller
//! runs it on a worker thread with a deadline and catches panics (see [`super::extract`]).

use super::DraftError;

/// The text of one document, page by page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    /// Each page's lines, as extracted (line 1 is the page's first line).
    pub pages: Vec<Vec<String>>,
}

/// The largest decompressed stream a PDF may hold (a page's content, a font's map, an object
/// stream): a small crafted file cannot inflate to gigabytes.
pub const MAX_STREAM_BYTES: usize = 64 * 1024 * 1024;
/// The most pages read from one PDF.
pub const MAX_PAGES: usize = 5_000;
/// The most text kept from one document, in bytes.
pub const MAX_TEXT_BYTES: usize = 32 * 1024 * 1024;

/// Whether `bytes` look like a PDF: `%PDF-` within the first kilobyte, as readers accept it.
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// Plain text (UTF-8, an optional byte-order mark); a form feed starts a new page, as
/// `pdftotext` and OCR tools write them.
pub fn from_plain(bytes: &[u8]) -> Result<Text, DraftError> {
    let text = std::str::from_utf8(bytes).map_err(|_| DraftError::NotText)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\0') {
        return Err(DraftError::NotText);
    }
    let pages = text
        .split('\x0c')
        .map(|page| page.lines().map(clean_line).collect())
        .collect();
    Ok(Text { pages })
}

/// A line with tabs as spaces and other control characters dropped.
fn clean_line(line: &str) -> String {
    line.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            '\u{a0}' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// The text layer of a PDF. Lines are rebuilt from the text positioning operators: a move to
/// another baseline starts a new line, a move along the same baseline leaves a gap of two
/// spaces (a column break), and a wide negative kerning in `TJ` is a space.
pub fn from_pdf(bytes: &[u8]) -> Result<Text, DraftError> {
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        ..Default::default()
    };
    let doc = match lopdf::Document::load_mem_with_options(bytes, options) {
        Ok(doc) => doc,
        Err(e) => {
            if bytes.windows(8).any(|w| w == b"/Encrypt") {
                return Err(DraftError::Encrypted);
            }
            return Err(DraftError::Corrupt(e.to_string()));
        }
    };
    if doc.is_encrypted() {
        return Err(DraftError::Encrypted);
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(DraftError::Corrupt("it has no pages".into()));
    }
    if pages.len() > MAX_PAGES {
        return Err(DraftError::Corrupt(format!(
            "it has {} pages, over the {MAX_PAGES} page limit",
            pages.len()
        )));
    }
    let mut out = Text::default();
    let mut total = 0usize;
    for page_id in pages.values() {
        let text = page_text(&doc, *page_id)?;
        total += text.len();
        if total > MAX_TEXT_BYTES {
            return Err(DraftError::Corrupt(format!(
                "its text is over the {MAX_TEXT_BYTES} byte limit"
            )));
        }
        out.pages.push(text.lines().map(clean_line).collect());
    }
    let letters = out
        .pages
        .iter()
        .flatten()
        .flat_map(|l| l.chars())
        .filter(|c| c.is_alphanumeric())
        .count();
    if letters == 0 {
        return Err(DraftError::NoTextLayer);
    }
    Ok(out)
}

fn number(o: &lopdf::Object) -> Option<f32> {
    match o {
        lopdf::Object::Integer(i) => Some(*i as f32),
        lopdf::Object::Real(r) => Some(*r),
        _ => None,
    }
}

/// The text of one page, lines separated by `\n`.
fn page_text(doc: &lopdf::Document, page_id: lopdf::ObjectId) -> Result<String, DraftError> {
    use lopdf::Object;
    let fonts = doc.get_page_fonts(page_id).unwrap_or_default();
    let encodings: std::collections::BTreeMap<Vec<u8>, lopdf::Encoding> = fonts
        .into_iter()
        .filter_map(|(name, font)| {
            font.get_font_encoding_with_limit(doc, MAX_STREAM_BYTES)
                .ok()
                .map(|e| (name, e))
        })
        .collect();
    let data = doc
        .get_page_content_with_limit(page_id, MAX_STREAM_BYTES)
        .map_err(|e| DraftError::Corrupt(e.to_string()))?;
    // A page whose content cannot be decoded has no text we can trust; an empty page is fine.
    let content = lopdf::content::Content::decode(&data)
        .map_err(|e| DraftError::Corrupt(format!("page content: {e}")))?;
    let mut text = String::new();
    let mut encoding: Option<&lopdf::Encoding> = None;
    // The baseline of the text position and of the last text shown.
    let (mut y, mut leading) = (0f32, 0f32);
    let mut shown_y: Option<f32> = None;
    let mut moved = false;
    // The font size times the text matrix's vertical scale: a move of more than about two
    // lines' height is a paragraph gap, kept as a blank line.
    let (mut size, mut scale) = (10f32, 1f32);
    let mut show = |text: &mut String, y: f32, size: f32, moved: &mut bool, piece: &str| {
        match shown_y {
            Some(last) if (last - y).abs() > 1.0 => {
                text.push('\n');
                if (last - y).abs() > 1.9 * size.abs().max(1.0) {
                    text.push('\n');
                }
            }
            Some(_) if *moved && !text.ends_with(' ') && !piece.starts_with(' ') => {
                text.push_str("  ")
            }
            _ => {}
        }
        shown_y = Some(y);
        *moved = false;
        text.push_str(piece);
    };
    let decode = |encoding: Option<&lopdf::Encoding>, bytes: &[u8]| -> String {
        match encoding {
            Some(e) => e.bytes_to_string(bytes).unwrap_or_default(),
            None => bytes
                .iter()
                .map(|&b| if b.is_ascii() { b as char } else { ' ' })
                .collect(),
        }
    };
    for op in &content.operations {
        let operands = &op.operands;
        match op.operator.as_str() {
            "BT" => {
                y = 0.0;
            }
            "Tf" => {
                size = operands.get(1).and_then(number).unwrap_or(size);
                encoding = operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .and_then(|name| encodings.get(name));
            }
            "TL" => leading = operands.first().and_then(number).unwrap_or(0.0),
            "Td" | "TD" => {
                let dy = operands.get(1).and_then(number).unwrap_or(0.0);
                if op.operator == "TD" {
                    leading = -dy;
                }
                y += dy;
                moved = true;
            }
            "Tm" => {
                scale = operands.get(3).and_then(number).unwrap_or(1.0);
                y = operands.get(5).and_then(number).unwrap_or(0.0);
                moved = true;
            }
            "T*" => {
                y -= leading.max(1.5);
                moved = true;
            }
            "Tj" | "'" | "\"" => {
                if op.operator != "Tj" {
                    y -= leading.max(1.5);
                }
                if let Some(Object::String(bytes, _)) = operands.last() {
                    let piece = decode(encoding, bytes);
                    show(&mut text, y, size * scale, &mut moved, &piece);
                }
            }
            "TJ" => {
                let mut piece = String::new();
                if let Some(Object::Array(items)) = operands.first() {
                    for item in items {
                        match item {
                            Object::String(bytes, _) => piece.push_str(&decode(encoding, bytes)),
                            other => {
                                if number(other).is_some_and(|n| n < -200.0) {
                                    piece.push(' ');
                                }
                            }
                        }
                    }
                }
                show(&mut text, y, size * scale, &mut moved, &piece);
            }
            _ => {}
        }
        if text.len() > MAX_TEXT_BYTES {
            return Err(DraftError::Corrupt(format!(
                "its text is over the {MAX_TEXT_BYTES} byte limit"
            )));
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_pages_split_on_form_feeds() {
        let text = from_plain(b"a\tb\r\nc\x0cd").unwrap();
        assert_eq!(text.pages, vec![vec!["a b", "c"], vec!["d"]]);
        assert_eq!(from_plain(b"\xff\xfe"), Err(DraftError::NotText));
    }

    #[test]
    fn not_a_pdf_is_corrupt() {
        assert!(matches!(
            from_pdf(b"%PDF-1.4\nnonsense"),
            Err(DraftError::Corrupt(_))
        ));
    }
}
