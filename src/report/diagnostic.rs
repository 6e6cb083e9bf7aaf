//! Source snippets for input errors and findings (codespan-reporting), TOML and JSON alike.

use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config};

use crate::evidence::InputError;
use crate::evidence::error::SourceFile;

/// A span to mark in a source file, with what to say there.
pub struct Mark<'a> {
    pub source: &'a SourceFile,
    pub span: Range<usize>,
    pub message: String,
}

/// An input error: the one-line summary (`file:line:column: message`, which CI logs grep for),
/// then the offending line of the file with the value marked, and the help.
pub fn input_error(e: &InputError) -> String {
    let Some((source, span)) = &e.source else {
        return format!("error: {e}\n");
    };
    let header = format!(
        "error: {}:{}:{}: {}",
        e.file.display(),
        e.line,
        e.column,
        e.message
    );
    let primary = Mark {
        source,
        span: span.clone(),
        message: e.message.clone(),
    };
    format!("{header}\n{}", snippet(&primary, &[], e.help.as_deref()))
}

/// The marked lines: `primary` and any `secondary` marks (e.g. the waiver or policy line that
/// decided the outcome), each in its own file, then `help` as a note.
pub fn snippet<'a>(primary: &Mark<'a>, secondary: &[Mark<'a>], help: Option<&str>) -> String {
    // A line too long to show (a minified JSON file, a hostile file) would be printed whole for
    // each error on it: say where instead.
    if std::iter::once(primary)
        .chain(secondary)
        .any(|m| line_length(&m.source.text, m.span.start) > MAX_SNIPPET_LINE_BYTES)
    {
        let mut out =
            format!("  (the line is too long to show: over {MAX_SNIPPET_LINE_BYTES} bytes)\n");
        if let Some(help) = help {
            out.push_str(&format!("  = help: {help}\n"));
        }
        return out;
    }
    let mut files: SimpleFiles<String, &'a str> = SimpleFiles::new();
    let mut label = |mark: &Mark<'a>, primary: bool| {
        let id = files.add(
            mark.source.path.display().to_string(),
            mark.source.text.as_str(),
        );
        let span = clamp(&mark.source.text, mark.span.clone());
        let label = if primary {
            Label::primary(id, span)
        } else {
            Label::secondary(id, span)
        };
        label.with_message(mark.message.clone())
    };
    let mut labels = vec![label(primary, true)];
    labels.extend(secondary.iter().map(|m| label(m, false)));
    let diagnostic = Diagnostic::error()
        .with_labels(labels)
        .with_notes(help.map(|h| vec![format!("help: {h}")]).unwrap_or_default());
    let mut out = String::new();
    if term::emit_to_string(&mut out, &Config::default(), &files, &diagnostic).is_err() {
        return String::new();
    }
    // codespan starts with its own "error: <message>" line; the caller writes the summary.
    out.split_once('\n')
        .map(|(_, rest)| rest.to_string())
        .unwrap_or(out)
}

/// Longest source line shown in a snippet.
pub const MAX_SNIPPET_LINE_BYTES: usize = 4096;

/// Length in bytes of the line holding byte `offset`.
fn line_length(text: &str, offset: usize) -> usize {
    let bytes = text.as_bytes();
    let offset = offset.min(bytes.len());
    let start = bytes[..offset]
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let end = bytes[offset..]
        .iter()
        .position(|b| *b == b'\n')
        .map_or(bytes.len(), |i| offset + i);
    end - start
}

/// A span inside the text, on character boundaries, marking at least one character when it can.
fn clamp(text: &str, span: Range<usize>) -> Range<usize> {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(span.start);
    let mut end = floor(span.end.max(start));
    if end == start && start < text.len() {
        end = start + text[start..].chars().next().map_or(0, char::len_utf8);
    }
    // One line is enough to show where: a table's span runs to its last key.
    if let Some(nl) = text[start..end].find('\n') {
        end = start + nl.max(1);
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn an_input_error_shows_the_line_and_the_help() {
        let text = "schema = 1\n[vendor]\nidd = \"x\"\n";
        let e = crate::evidence::Diagnostic::at(20..23, "unknown field `idd`")
            .with_help("did you mean `id`?")
            .locate(Path::new("v/vendor.toml"), text);
        let shown = input_error(&e);
        assert!(
            shown.starts_with("error: v/vendor.toml:3:1: unknown field `idd`\n"),
            "{shown}"
        );
        assert!(shown.contains("3 │ idd = \"x\""), "{shown}");
        assert!(shown.contains("^^^ unknown field `idd`"), "{shown}");
        assert!(shown.contains("= help: did you mean `id`?"), "{shown}");
    }

    #[test]
    fn spans_are_clamped_to_the_text() {
        assert_eq!(clamp("abc", 5..9), 3..3);
        assert_eq!(clamp("é", 1..1), 0..2);
        assert_eq!(clamp("[a]\nb = 1\n", 0..9), 0..3);
    }
}
