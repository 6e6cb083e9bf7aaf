//! Input errors: what is wrong with a file, and where.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

/// A problem found in an input file, located by byte range until it is tied to a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub span: Range<usize>,
    pub message: String,
    pub help: Option<String>,
    /// The help is ours alone (e.g. the list of accepted keys), so it is never shortened.
    pub help_whole: bool,
}

impl Diagnostic {
    pub fn at(span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            span,
            message: message.into(),
            help: None,
            help_whole: false,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// A help that quotes nothing from the file (such as every key a table accepts): shown
    /// whole, however long, where [`Diagnostic::with_help`] is cut to [`MAX_MESSAGE_CHARS`].
    pub fn with_whole_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self.help_whole = true;
        self
    }

    /// Ties the diagnostic to a file, turning its byte offset into a line and column.
    pub fn locate(self, file: &Path, text: &str) -> InputError {
        self.locate_in(&SourceFile::new(file, text))
    }

    /// Ties the diagnostic to a shared source file (kept for snippets).
    pub fn locate_in(self, source: &Arc<SourceFile>) -> InputError {
        let (line, column) = line_column(&source.text, self.span.start);
        InputError {
            file: source.path.clone(),
            line,
            column,
            message: shorten(self.message),
            help: if self.help_whole {
                self.help
            } else {
                self.help.map(shorten)
            },
            source: Some((Arc::clone(source), self.span)),
        }
    }
}

/// Longest message or help shown for an input error, in characters. Messages quote keys and
/// values from the file, which a hostile file makes megabytes long.
pub const MAX_MESSAGE_CHARS: usize = 400;

/// `message` cut to [`MAX_MESSAGE_CHARS`], keeping its start and its end (which says what is
/// wrong, e.g. "… is not one of vendor.services").
fn shorten(message: String) -> String {
    let count = message.chars().count();
    if count <= MAX_MESSAGE_CHARS {
        return message;
    }
    let (head, tail) = (MAX_MESSAGE_CHARS / 2, MAX_MESSAGE_CHARS / 4);
    let start: String = message.chars().take(head).collect();
    let end: String = message.chars().skip(count - tail).collect();
    format!(
        "{start} … ({} characters left out) … {end}",
        count - head - tail
    )
}

/// An input file's text, shared by the errors and findings that quote it.
#[derive(Debug, PartialEq, Eq)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

impl SourceFile {
    pub fn new(path: &Path, text: &str) -> Arc<SourceFile> {
        Arc::new(SourceFile {
            path: path.to_path_buf(),
            text: text.to_string(),
        })
    }
}

/// A located problem in an input file (exit code 2).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputError {
    pub file: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column (in characters); 0 when the problem concerns the whole file.
    pub column: usize,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The file's text and the byte range concerned, for a source snippet.
    #[serde(skip)]
    pub source: Option<(Arc<SourceFile>, Range<usize>)>,
}

impl InputError {
    /// An error about a whole file (unreadable, empty, binary, too large).
    pub fn whole_file(file: &Path, message: impl Into<String>) -> Self {
        InputError {
            file: file.to_path_buf(),
            line: 0,
            column: 0,
            message: message.into(),
            help: None,
            source: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file.display(), self.message)?;
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file.display(),
                self.line,
                self.column,
                self.message
            )?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The closest of `candidates` to `word`, when it is close enough to be a likely typo; failing
/// that, the shortest candidate that holds `word` as whole words or is held in it
/// (`accreditation_bodies` → `extra_accreditation_bodies`).
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    // No typo of a name is this long, and comparing a megabyte-long key costs seconds.
    if word.len() > 128 {
        return None;
    }
    let word = word.to_lowercase();
    let candidates: Vec<(String, &'a str)> = candidates
        .into_iter()
        .map(|c| (c.to_lowercase(), c))
        .collect();
    let close = candidates
        .iter()
        .map(|(lower, c)| (strsim::jaro_winkler(&word, lower), *c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c);
    close.or_else(|| {
        candidates
            .iter()
            .filter(|(lower, _)| holds_words(lower, &word) || holds_words(&word, lower))
            .min_by_key(|(lower, _)| lower.len())
            .map(|(_, c)| *c)
    })
}

/// Whether `inner` (at least four characters) is a run of whole words of `outer`, the words
/// separated by `_`, `-`, `.` or spaces.
fn holds_words(outer: &str, inner: &str) -> bool {
    let separator = |c: char| matches!(c, '_' | '-' | '.' | ' ');
    inner.chars().count() >= 4
        && outer != inner
        && outer.match_indices(inner).any(|(at, _)| {
            let before = outer[..at].chars().next_back();
            let after = outer[at + inner.len()..].chars().next();
            before.is_none_or(separator) && after.is_none_or(separator)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_from_one() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        assert_eq!(line_column(text, 11), (2, 5));
    }

    #[test]
    fn suggestions_need_to_be_close() {
        let fields = ["certificate_number", "certification_body", "scope"];
        assert_eq!(
            did_you_mean("certificat_number", fields),
            Some("certificate_number")
        );
        assert_eq!(did_you_mean("colour", fields), None);
    }

    #[test]
    fn a_name_missing_a_word_finds_the_one_that_has_it() {
        let fields = [
            "required_iso",
            "extra_accreditation_bodies",
            "max_waiver_months",
        ];
        assert_eq!(
            did_you_mean("accreditation_bodies", fields),
            Some("extra_accreditation_bodies")
        );
        assert_eq!(
            did_you_mean("policy.max_waiver_months", fields),
            Some("max_waiver_months")
        );
        // Part of a word is not a word, and a short word says too little.
        assert_eq!(
            did_you_mean("creditation_bodies", ["extra_accreditation_bodies"]),
            None
        );
        assert_eq!(did_you_mean("iso", fields), None);
    }
}
