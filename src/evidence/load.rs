//! Reading an evidence file: size and content checks, parsing, decoding, validation, and the
//! hashing of the documents it cites.

use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use sha2::{Digest, Sha256};

use super::decode::{Recorder, decode};
use super::error::{Diagnostic, InputError, did_you_mean};
use super::model::*;
use super::node::{Node, NodeKind, parse_json, parse_toml};
use super::standard::Standard;

/// Largest evidence file read (evidence files are a few KiB; this bounds hostile input).
pub const MAX_EVIDENCE_BYTES: u64 = 4 * 1024 * 1024;
/// Largest cited document hashed.
pub const MAX_DOCUMENT_BYTES: u64 = 256 * 1024 * 1024;
/// Most errors reported for one file: a hostile file can hold hundreds of thousands, and each is
/// shown with its line. The rest are counted in one last error.
pub const MAX_ERRORS_PER_FILE: usize = 100;

/// Evidence file names looked for in a vendor folder, in order of preference.
pub const EVIDENCE_FILE_NAMES: &[&str] = &["vendor.toml", "vendor.json"];

/// A vendor's evidence, parsed and validated, with what is needed to locate its values.
#[derive(Debug)]
pub struct LoadedVendor {
    /// The evidence file, as given or discovered.
    pub file: PathBuf,
    /// The vendor folder.
    pub dir: PathBuf,
    /// The file's text, for line numbers and snippets.
    pub text: String,
    /// The position-keeping tree the evidence was decoded from.
    pub root: Node,
    pub evidence: EvidenceFile,
    /// The outcome of checking each cited document.
    pub documents: Vec<DocumentCheck>,
    /// Byte offset of the start of each line, found when a position is first asked for (a run
    /// that only tallies verdicts asks for none).
    line_starts: std::sync::OnceLock<Vec<usize>>,
    /// Template placeholders (`"<…>"`) still in the file; left out of `evidence`.
    pub unfilled: Vec<super::unfilled::Unfilled>,
}

impl LoadedVendor {
    /// 1-based line and column of the value at an evidence path (or of its nearest ancestor).
    pub fn position(&self, path: &str) -> (usize, usize) {
        self.position_of(self.span_of(path).start)
    }

    /// Byte range of the value at an evidence path (or of its nearest ancestor). A placeholder
    /// left out of the tree (see `unfilled`) is still where the file has it.
    pub fn span_of(&self, path: &str) -> std::ops::Range<usize> {
        match self.unfilled.iter().find(|u| u.path == path) {
            Some(u) => u.span.clone(),
            None => self.root.locate(path).span.clone(),
        }
    }

    /// 1-based line and column of a byte offset into the file's text.
    pub fn position_of(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        // Line starts are indexed once per file: findings ask for many positions.
        let starts = self
            .line_starts
            .get_or_init(|| line_starts(&self.text).collect());
        let line = starts.partition_point(|start| *start <= offset);
        let line_start = starts[line - 1];
        let column = self
            .text
            .get(line_start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }
}

/// What was found when a cited document was checked.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentCheck {
    /// Evidence path of the `document` table, e.g. `soc2[0].document`.
    pub at: String,
    /// The `path` value as written, or the URL when only a URL is given.
    pub cited: String,
    /// The SHA-256 the evidence gives for it.
    pub sha256: String,
    pub outcome: DocumentOutcome,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DocumentOutcome {
    /// The file exists inside the vendor folder and its SHA-256 matches.
    Matches,
    Missing,
    Mismatch {
        actual: String,
    },
    TooLarge {
        bytes: u64,
    },
    Unreadable(String),
    /// Only a URL is given; it is fetched and checked with `--online`.
    NotFetched,
}

/// Reads, parses, decodes and validates one evidence file.
///
/// `file` is an evidence file that discovery found to be a regular file (see
/// [`read_found_text`]).
pub fn load_vendor(file: &Path) -> Result<LoadedVendor, Vec<InputError>> {
    let text = read_found_text(file).map_err(|e| vec![e])?;
    parse_vendor_text(file, text)
}

/// Parses, decodes and validates the text of an evidence file read from `file`: what
/// [`load_vendor`] does once the file is read (the fuzz targets start here). Documents are still
/// looked for in `file`'s folder.
pub fn parse_vendor_text(file: &Path, text: String) -> Result<LoadedVendor, Vec<InputError>> {
    let dir = file
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let is_json = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let located = |diags: Vec<Diagnostic>| locate_all(file, &text, diags);
    let root = if is_json {
        parse_json(&text)
    } else {
        parse_toml(&text)
    }
    .map_err(&located)?;
    // Template placeholders (`"<…>"`) are listed, then left out: see `unfilled`.
    let unfilled = super::unfilled::find(&root);
    let (root, evidence) = if unfilled.is_empty() {
        let evidence = decode_evidence(&root).map_err(&located)?;
        (root, evidence)
    } else {
        decode_unfilled(&root).map_err(&located)?
    };
    let mut diags = validate(&evidence, &root);
    let documents = check_documents(&evidence, &root, &dir, &mut diags);
    if !diags.is_empty() {
        return Err(located(diags));
    }
    Ok(LoadedVendor {
        line_starts: std::sync::OnceLock::new(),
        file: file.to_path_buf(),
        dir,
        text,
        root,
        evidence,
        documents,
        unfilled,
    })
}

/// Decodes a tree that holds placeholders: each is left out as narrowly as decoding allows (the
/// field, else the table or list entry holding it, …). The errors are those of the narrowest cut.
fn decode_unfilled(root: &Node) -> Result<(Node, EvidenceFile), Vec<Diagnostic>> {
    let mut first_errors = None;
    let mut level = 0;
    loop {
        let pruned = super::unfilled::prune(root, level).unwrap_or_else(|| root.clone());
        match decode_evidence(&pruned) {
            Ok(evidence) => return Ok((pruned, evidence)),
            Err(errors) => {
                let errors = first_errors.get_or_insert(errors).clone();
                if !super::unfilled::can_rise(root, level) {
                    return Err(errors);
                }
            }
        }
        level += 1;
    }
}

/// Byte offset where each line of `text` starts. Newlines are found with memchr: over a
/// portfolio's many short lines, `str::lines` and `match_indices` cost more than the work done
/// with the lines.
pub fn line_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
}

/// The lines of `text` without their `\n` (a final `\n` gives a last, empty line), found as
/// [`line_starts`] finds them.
pub fn lines(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .chain(std::iter::once(text.len()))
        .map(move |end| {
            let line = &text[start..end];
            start = end + 1;
            line
        })
}

/// A TOML configuration file (policy, waivers) decoded into `T`, with what is needed to point
/// at its lines.
pub struct ConfigFile<T> {
    pub value: T,
    pub root: Node,
    text: String,
    path: PathBuf,
}

impl<T> ConfigFile<T> {
    /// Ties diagnostics to this file, sorted by position.
    pub fn locate(&self, diags: Vec<Diagnostic>) -> Vec<InputError> {
        locate_all(&self.path, &self.text, diags)
    }

    /// The file's text, shared, for snippets.
    pub fn source(&self) -> std::sync::Arc<super::error::SourceFile> {
        super::error::SourceFile::new(&self.path, &self.text)
    }

    /// 1-based line of the value at an evidence-style path.
    pub fn line_of(&self, path: &str) -> usize {
        super::error::line_column(&self.text, self.root.locate(path).span.start).0
    }
}

/// Ties diagnostics to the file, in file order, keeping the first [`MAX_ERRORS_PER_FILE`]
/// (locating each one costs a pass over the text, and each is shown with its line).
fn locate_all(path: &Path, text: &str, mut diags: Vec<Diagnostic>) -> Vec<InputError> {
    let source = super::error::SourceFile::new(path, text);
    diags.sort_by_key(|d| d.span.start);
    let more = diags.len().saturating_sub(MAX_ERRORS_PER_FILE);
    diags.truncate(MAX_ERRORS_PER_FILE);
    let mut errors: Vec<_> = diags.into_iter().map(|d| d.locate_in(&source)).collect();
    errors.sort_by_key(|e| (e.line, e.column));
    if more > 0 {
        errors.push(
            InputError::whole_file(
                path,
                match more {
                    1 => format!("1 more error not shown (at most {MAX_ERRORS_PER_FILE} per file)"),
                    n => format!(
                        "{n} more errors not shown (at most {MAX_ERRORS_PER_FILE} per file)"
                    ),
                },
            )
            .with_help("fix the errors above and run again"),
        );
    }
    errors
}

/// Reads, parses and decodes a TOML configuration file, reporting every problem at once.
pub fn load_config<T: serde::de::DeserializeOwned>(
    path: &Path,
    structural: impl Fn(&Node) -> Vec<Diagnostic>,
) -> Result<ConfigFile<T>, Vec<InputError>> {
    let text = read_text(path).map_err(|e| vec![e])?;
    parse_config(path, text, structural)
}

/// Parses and decodes the text of a TOML configuration file read from `path`.
pub fn parse_config<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: String,
    structural: impl Fn(&Node) -> Vec<Diagnostic>,
) -> Result<ConfigFile<T>, Vec<InputError>> {
    let root = parse_toml(&text).map_err(|d| locate_all(path, &text, d))?;
    let recorder = Recorder::default();
    let value: Option<T> = decode(&root, &recorder);
    // Checks on the raw tree (e.g. keys that name rule ids) run whether or not decoding worked,
    // so one run reports every problem of the file.
    let mut diags = recorder.into_diagnostics();
    diags.extend(structural(&root));
    match value.filter(|_| diags.is_empty()) {
        Some(value) => Ok(ConfigFile {
            value,
            root,
            text,
            path: path.to_path_buf(),
        }),
        None => Err(locate_all(path, &text, diags)),
    }
}

/// Reads a text input with the checks every input file gets: regular file, size cap, not empty,
/// not binary.
pub fn read_text(file: &Path) -> Result<String, InputError> {
    let cannot_read = |e: std::io::Error| InputError::whole_file(file, format!("cannot read: {e}"));
    // Looked at before opening: opening a FIFO blocks until someone writes to it, and a device
    // such as /dev/zero never ends.
    if !fs::metadata(file).map_err(cannot_read)?.is_file() {
        return Err(InputError::whole_file(file, "not a regular file"));
    }
    let handle = fs::File::open(file).map_err(cannot_read)?;
    // And again on the open handle, in case the path changed in between.
    read_open_text(file, handle)
}

/// [`read_text`] for a file already looked at and found to be a regular file, as discovery
/// does for every evidence file: it is not looked at again by path before it is opened (a
/// path look-up per file is a measurable part of a 10,000-vendor run). It is opened without
/// blocking, so a FIFO put in its place since does not hang the run, and it is still
/// refused unless the open handle is a regular file within the size limit.
pub fn read_found_text(file: &Path) -> Result<String, InputError> {
    let cannot_read = |e: std::io::Error| InputError::whole_file(file, format!("cannot read: {e}"));
    #[cfg(not(unix))]
    if !fs::metadata(file).map_err(cannot_read)?.is_file() {
        return Err(InputError::whole_file(file, "not a regular file"));
    }
    let handle = open_without_blocking(file, 0).map_err(cannot_read)?;
    read_open_text(file, handle)
}

/// A quick look at an evidence file found by discovery (the portfolio index's scan, which
/// reads every file once more): `look` is given the text [`read_found_text`] would give, read
/// into a buffer the thread keeps, without measuring the file first. `None` where
/// `read_found_text` would refuse the file (not a regular file, over the size limit, binary,
/// not UTF-8, blank) or cannot read it.
pub fn look_at_found_text<R>(file: &Path, look: impl FnOnce(&str) -> R) -> Option<R> {
    #[cfg(unix)]
    {
        use std::cell::RefCell;
        thread_local! {
            static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
        }
        // Without blocking: a FIFO reads as empty (or not at all), a folder not at all, and a
        // device that never ends stops at the limit.
        let handle = open_without_blocking(file, 0).ok()?;
        BUFFER.with_borrow_mut(|buffer| {
            buffer.clear();
            let read = handle
                .take(MAX_EVIDENCE_BYTES + 1)
                .read_to_end(buffer)
                .ok()
                .filter(|_| buffer.len() as u64 <= MAX_EVIDENCE_BYTES && !buffer.contains(&0))
                .and_then(|_| std::str::from_utf8(buffer).ok())
                .filter(|text| !text.trim().is_empty())
                .map(look);
            // A large file's buffer is not kept.
            if buffer.capacity() > 1 << 20 {
                *buffer = Vec::new();
            }
            read
        })
    }
    #[cfg(not(unix))]
    read_found_text(file).ok().map(|text| look(&text))
}

/// Opens `file` for reading without blocking (a FIFO opens at once, where it would wait for a
/// writer) and without making a terminal the process's own; `flags` (such as `O_NOFOLLOW`) are
/// added. Whether it is a regular file is for the caller to look at on the handle.
#[cfg(unix)]
fn open_without_blocking(file: &Path, flags: i32) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY | flags)
        .open(file)
}

#[cfg(not(unix))]
fn open_without_blocking(file: &Path, _flags: i32) -> std::io::Result<fs::File> {
    fs::File::open(file)
}

/// The checks and the reading that follow opening an input file.
fn read_open_text(file: &Path, handle: fs::File) -> Result<String, InputError> {
    let cannot_read = |e: std::io::Error| InputError::whole_file(file, format!("cannot read: {e}"));
    let meta = handle.metadata().map_err(cannot_read)?;
    if !meta.is_file() {
        return Err(InputError::whole_file(file, "not a regular file"));
    }
    if meta.len() > MAX_EVIDENCE_BYTES {
        return Err(InputError::whole_file(
            file,
            format!(
                "file is {} bytes, over the {} byte limit",
                meta.len(),
                MAX_EVIDENCE_BYTES
            ),
        ));
    }
    let bytes = read_capped(handle, meta.len(), MAX_EVIDENCE_BYTES).map_err(|e| match e {
        Capped::TooLong => {
            InputError::whole_file(file, "file grew past the size limit while being read")
        }
        Capped::Io(e) => cannot_read(e),
    })?;
    text_from_bytes(file, bytes)
}

/// Why [`read_capped`] stopped.
enum Capped {
    /// More than the limit could be read (the file grew after it was measured).
    TooLong,
    Io(std::io::Error),
}

/// Reads at most `limit` bytes, failing when there are more: the size measured before reading
/// does not bound what a growing file (or a special file in /proc) yields.
///
/// A file of the size measured is read in one call that asks for a byte more: a regular file
/// answers short of what was asked only at its end, so a read that stops exactly at the size
/// measured has found the end, without the further call that `read_to_end` makes to see it
/// (one call in ten of a portfolio run). Any other answer (more than measured, or less) is
/// read on to the end as before.
fn read_capped(mut reader: impl Read, expected: u64, limit: u64) -> Result<Vec<u8>, Capped> {
    let mut bytes = Vec::new();
    if expected > 0 && expected <= limit {
        let expected = expected as usize;
        bytes.resize(expected + 1, 0);
        let read = loop {
            match reader.read(&mut bytes) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                answer => break answer.map_err(Capped::Io)?,
            }
        };
        bytes.truncate(read);
        if read == expected {
            return Ok(bytes);
        }
    }
    let allowance = (limit + 1).saturating_sub(bytes.len() as u64);
    reader
        .take(allowance)
        .read_to_end(&mut bytes)
        .map_err(Capped::Io)?;
    if bytes.len() as u64 > limit {
        return Err(Capped::TooLong);
    }
    Ok(bytes)
}

/// The content checks of an input file read as `bytes`: no NUL byte, UTF-8, not blank.
pub fn text_from_bytes(file: &Path, bytes: Vec<u8>) -> Result<String, InputError> {
    if bytes.contains(&0) {
        return Err(InputError::whole_file(
            file,
            "binary file (contains NUL bytes), expected TOML or JSON text",
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        InputError::whole_file(
            file,
            format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    if text.trim().is_empty() {
        return Err(InputError::whole_file(file, "empty file"));
    }
    Ok(text)
}

/// Decodes the top level section by section, so a broken section does not hide the problems of
/// the others.
pub fn decode_evidence(root: &Node) -> Result<EvidenceFile, Vec<Diagnostic>> {
    let NodeKind::Table(entries) = &root.kind else {
        return Err(vec![Diagnostic::at(
            root.span.clone(),
            format!(
                "expected a table at the top level, found {}",
                root.kind.describe()
            ),
        )]);
    };
    let recorder = Recorder::default();
    for (key, _) in entries {
        if !TOP_LEVEL_KEYS.contains(&key.name.as_str()) {
            let diag = Diagnostic::at(key.span.clone(), format!("unknown field `{}`", key.name));
            recorder.record(
                match did_you_mean(&key.name, TOP_LEVEL_KEYS.iter().copied()) {
                    Some(best) => diag.with_help(format!("did you mean `{best}`?")),
                    None => diag.with_help(format!(
                        "top-level sections are {}",
                        TOP_LEVEL_KEYS.join(", ")
                    )),
                },
            );
        }
    }
    let file_start = 0..0;
    let schema = match root.get("schema") {
        Some(node) => match node.kind {
            NodeKind::Int(n) if n == i64::from(SCHEMA_VERSION) => Some(SCHEMA_VERSION),
            NodeKind::Int(n) => {
                recorder.record(
                    Diagnostic::at(node.span.clone(), format!("unsupported schema version {n}"))
                        .with_help(format!(
                            "this build of vendorcert reads schema = {SCHEMA_VERSION}"
                        )),
                );
                None
            }
            _ => {
                recorder.record(Diagnostic::at(
                    node.span.clone(),
                    format!("expected an integer, found {}", node.kind.describe()),
                ));
                None
            }
        },
        None => {
            recorder.record(
                Diagnostic::at(file_start.clone(), "missing field `schema`")
                    .with_help(format!("start the file with `schema = {SCHEMA_VERSION}`")),
            );
            None
        }
    };
    let vendor = match root.get("vendor") {
        Some(node) => decode::<Vendor>(node, &recorder),
        None => {
            recorder.record(
                Diagnostic::at(file_start, "missing section `vendor`")
                    .with_help("add a [vendor] table with id, name, services, ai_vendor, risk_tier and data_classes"),
            );
            None
        }
    };
    let evidence = EvidenceFile {
        schema: schema.unwrap_or(SCHEMA_VERSION),
        vendor: vendor.unwrap_or_else(placeholder_vendor),
        soc2: decode_list(root, "soc2", &recorder),
        iso: decode_list(root, "iso", &recorder),
        star: decode_list(root, "star", &recorder),
        // `null` (JSON) is an absent section, as it is an absent table further down.
        ai: root.get("ai").and_then(|n| decode(n, &recorder)).flatten(),
        contract: root
            .get("contract")
            .and_then(|n| decode(n, &recorder))
            .flatten(),
        sector: decode_list(root, "sector", &recorder),
        incidents: root
            .get("incidents")
            .and_then(|n| decode(n, &recorder))
            .flatten(),
    };
    if recorder.is_empty() {
        Ok(evidence)
    } else {
        Err(recorder.into_diagnostics())
    }
}

/// Stands in while the other sections are checked; never returned (the file has errors).
fn placeholder_vendor() -> Vendor {
    Vendor {
        id: String::new(),
        name: String::new(),
        country: None,
        services: Vec::new(),
        ai_vendor: false,
        risk_tier: RiskTier::High,
        data_classes: Vec::new(),
        contexts: Vec::new(),
        hosted_on: Vec::new(),
        last_review: None,
        reviewer: None,
    }
}

/// Decodes an array of tables element by element, so one broken element hides nothing else.
fn decode_list<T: serde::de::DeserializeOwned>(
    root: &Node,
    key: &str,
    recorder: &Recorder,
) -> Vec<T> {
    let Some(node) = root.get(key) else {
        return Vec::new();
    };
    match &node.kind {
        NodeKind::Array(items) => items
            .iter()
            .filter_map(|item| decode(item, recorder))
            .collect(),
        other => {
            recorder.record(
                Diagnostic::at(
                    node.span.clone(),
                    format!("expected an array of tables, found {}", other.describe()),
                )
                .with_help(format!(
                    "in TOML write each entry under its own [[{key}]] header"
                )),
            );
            Vec::new()
        }
    }
}

/// Semantic checks that types alone cannot express.
fn validate(ev: &EvidenceFile, root: &Node) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut at = |path: &str, message: String, help: Option<String>| {
        let mut d = Diagnostic::at(root.locate(path).span.clone(), message);
        d.help = help;
        diags.push(d);
    };
    let v = &ev.vendor;
    if !is_vendor_id(&v.id) {
        at(
            "vendor.id",
            format!("invalid vendor id `{}`", v.id),
            Some("use lowercase letters, digits and hyphens, e.g. `acme-ai`".into()),
        );
    }
    if v.name.trim().is_empty() {
        at("vendor.name", "vendor name is empty".into(), None);
    }
    if v.services.is_empty() {
        at(
            "vendor.services",
            "no services listed".into(),
            Some("list the services we use, by the names the vendor's documents give them".into()),
        );
    }
    // Folded once each, and compared through a set: a list of many long names is not compared
    // pair by pair.
    let mut folded_services = std::collections::HashSet::with_capacity(v.services.len());
    for (i, s) in v.services.iter().enumerate() {
        let first_time = folded_services.insert(super::scope::fold(s));
        if s.trim().is_empty() {
            at(
                &format!("vendor.services[{i}]"),
                "empty service name".into(),
                None,
            );
        } else if super::scope::is_generic_name(s) {
            at(
                &format!("vendor.services[{i}]"),
                format!("service name `{s}` is too generic to match a scope"),
                Some(
                    "name the service as the vendor's documents do, e.g. `Acme Inference API`"
                        .into(),
                ),
            );
        } else if !first_time {
            at(
                &format!("vendor.services[{i}]"),
                format!("service `{s}` is listed twice"),
                None,
            );
        }
    }
    for (i, h) in v.hosted_on.iter().enumerate() {
        if !is_vendor_id(&h.vendor) {
            at(
                &format!("vendor.hosted_on[{i}].vendor"),
                format!("invalid vendor id `{}`", h.vendor),
                None,
            );
        }
    }
    let known_service =
        |path: String, service: &str, at: &mut dyn FnMut(&str, String, Option<String>)| {
            if !v
                .services
                .iter()
                .any(|s| super::scope::fold(s) == super::scope::fold(service))
            {
                let help = did_you_mean(service, v.services.iter().map(String::as_str))
                    .map(|b| format!("did you mean `{b}`?"))
                    .or_else(|| Some("`covers` entries name one of vendor.services".into()));
                at(
                    &path,
                    format!("`{service}` is not one of vendor.services"),
                    help,
                );
            }
        };
    for (i, r) in ev.soc2.iter().enumerate() {
        if !(1..=2).contains(&r.report_type) {
            at(
                &format!("soc2[{i}].type"),
                format!("SOC 2 report type must be 1 or 2, found {}", r.report_type),
                None,
            );
        }
        if let (Some(start), Some(end)) = (r.period_start, r.period_end)
            && start > end
        {
            at(
                &format!("soc2[{i}].period_start"),
                format!("period starts ({start}) after it ends ({end})"),
                None,
            );
        }
        // Dates that cannot all be true: a report issued before its period ended, a bridge letter
        // that ends (or is dated) before the period it bridges.
        if let (Some(dated), Some(end)) = (r.report_date, r.period_end)
            && dated < end
        {
            at(
                &format!("soc2[{i}].report_date"),
                format!("report dated {dated}, before the end of the period it reports on ({end})"),
                Some("a SOC 2 report is issued after its period ends; check both dates".into()),
            );
        }
        if let (Some(letter), Some(end)) = (&r.bridge_letter, r.period_end) {
            if letter.through < end {
                at(
                    &format!("soc2[{i}].bridge_letter.through"),
                    format!(
                        "the bridge letter ends {}, before the period it bridges ends ({end})",
                        letter.through
                    ),
                    Some("a bridge letter covers the time after the report's period".into()),
                );
            }
            if let Some(dated) = letter.date.filter(|d| *d < end) {
                at(
                    &format!("soc2[{i}].bridge_letter.date"),
                    format!(
                        "the bridge letter is dated {dated}, before the period it bridges ends ({end})"
                    ),
                    None,
                );
            }
        }
        if r.report_type == 1 && r.period_start.is_some() {
            at(
                &format!("soc2[{i}].period_start"),
                "a Type 1 report has no review period".into(),
                Some("give its point-in-time date as period_end".into()),
            );
        }
        for (j, c) in r.covers.iter().enumerate() {
            known_service(
                format!("soc2[{i}].covers[{j}].service"),
                &c.service,
                &mut at,
            );
        }
    }
    for (i, c) in ev.iso.iter().enumerate() {
        if Standard::parse(&c.standard).is_none() {
            at(
                &format!("iso[{i}].standard"),
                format!("`{}` is not an ISO/IEC standard reference", c.standard),
                Some(format!(
                    "write it as printed; accepted forms: {}",
                    super::standard::ACCEPTED_FORMS
                )),
            );
        }
        if let (Some(issued), Some(expires)) = (c.issued, c.expires)
            && issued > expires
        {
            at(
                &format!("iso[{i}].issued"),
                format!("issued ({issued}) after it expires ({expires})"),
                None,
            );
        }
        for (j, q) in c.covers.iter().enumerate() {
            known_service(format!("iso[{i}].covers[{j}].service"), &q.service, &mut at);
        }
        if let Some(issued) = c.issued {
            for (j, a) in c.surveillance.iter().enumerate() {
                if a.date < issued {
                    at(
                        &format!("iso[{i}].surveillance[{j}].date"),
                        format!(
                            "surveillance audit dated {}, before the certificate was issued ({issued})",
                            a.date
                        ),
                        Some("list the audits of this certificate's cycle only".into()),
                    );
                }
            }
        }
    }
    for (i, s) in ev.sector.iter().enumerate() {
        if let (Some(date), Some(expires)) = (s.date, s.expires)
            && date > expires
        {
            at(
                &format!("sector[{i}].date"),
                format!("dated {date}, after it expires ({expires})"),
                None,
            );
        }
    }
    for (i, s) in ev.star.iter().enumerate() {
        let expected = star_level(s.assessment);
        if s.level != expected {
            at(
                &format!("star[{i}].level"),
                format!(
                    "a STAR {} is level {expected}, found level {}",
                    assessment_name(s.assessment),
                    s.level
                ),
                None,
            );
        }
    }
    diags
}

/// The STAR level an entry of this kind must have.
pub fn star_level(a: StarAssessment) -> u8 {
    match a {
        StarAssessment::SelfAssessment => 1,
        StarAssessment::Attestation | StarAssessment::Certification | StarAssessment::CStar => 2,
        StarAssessment::Continuous => 3,
    }
}

pub fn assessment_name(a: StarAssessment) -> &'static str {
    match a {
        StarAssessment::SelfAssessment => "self-assessment",
        StarAssessment::Attestation => "attestation",
        StarAssessment::Certification => "certification",
        StarAssessment::CStar => "C-STAR assessment",
        StarAssessment::Continuous => "continuous assessment",
    }
}

pub fn is_vendor_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Every `document` table in the evidence, with its evidence path.
pub fn cited_documents(ev: &EvidenceFile) -> Vec<(String, &DocumentRef)> {
    let mut docs = Vec::new();
    for (i, r) in ev.soc2.iter().enumerate() {
        if let Some(d) = &r.document {
            docs.push((format!("soc2[{i}].document"), d));
        }
        if let Some(d) = r.bridge_letter.as_ref().and_then(|b| b.document.as_ref()) {
            docs.push((format!("soc2[{i}].bridge_letter.document"), d));
        }
    }
    for (i, c) in ev.iso.iter().enumerate() {
        if let Some(d) = &c.document {
            docs.push((format!("iso[{i}].document"), d));
        }
    }
    if let Some(d) = ev
        .ai
        .as_ref()
        .and_then(|a| a.adversarial_testing.as_ref())
        .and_then(|t| t.document.as_ref())
    {
        docs.push(("ai.adversarial_testing.document".to_string(), d));
    }
    if let Some(d) = ev.contract.as_ref().and_then(|c| c.document.as_ref()) {
        docs.push(("contract.document".to_string(), d));
    }
    for (i, s) in ev.sector.iter().enumerate() {
        if let Some(d) = &s.document {
            docs.push((format!("sector[{i}].document"), d));
        }
    }
    docs
}

/// Checks each cited document. A path that leaves the vendor folder is an input error; a
/// missing or altered file is a finding (GEN-DOCUMENT), recorded as the outcome.
fn check_documents(
    ev: &EvidenceFile,
    root: &Node,
    dir: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Vec<DocumentCheck> {
    let mut checks = Vec::new();
    // The folders of this vendor seen to be folders, not links (documents share a folder).
    let mut real_dirs: Vec<PathBuf> = Vec::new();
    for (at, doc) in cited_documents(ev) {
        let span = |field: &str| root.locate(&format!("{at}.{field}")).span.clone();
        let sha_ok = doc.sha256.len() == 64 && doc.sha256.chars().all(|c| c.is_ascii_hexdigit());
        if !sha_ok {
            diags.push(
                Diagnostic::at(span("sha256"), "sha256 must be 64 hexadecimal digits")
                    .with_help("compute it with `sha256sum FILE`"),
            );
        }
        let outcome = match (&doc.path, &doc.url) {
            (None, None) => {
                diags.push(Diagnostic::at(
                    root.locate(&at).span.clone(),
                    "a document needs a `path` or a `url`",
                ));
                continue;
            }
            (None, Some(url)) => {
                checks.push(DocumentCheck {
                    at,
                    cited: url.clone(),
                    sha256: doc.sha256.clone(),
                    outcome: DocumentOutcome::NotFetched,
                });
                continue;
            }
            (Some(path), _)
                if let Some(outcome) = sha_ok
                    .then(|| hash_plainly_inside(dir, path, &doc.sha256, &mut real_dirs))
                    .flatten() =>
            {
                outcome
            }
            (Some(path), _) => match resolve_inside(dir, path) {
                Err(problem) => {
                    diags.push(
                        Diagnostic::at(span("path"), format!("document path `{path}` {problem}"))
                            .with_help(
                                "cite documents by a relative path inside the vendor folder",
                            ),
                    );
                    continue;
                }
                Ok(None) => DocumentOutcome::Missing,
                Ok(Some(file)) if sha_ok => hash_outcome(&file, &doc.sha256),
                Ok(Some(_)) => continue,
            },
        };
        checks.push(DocumentCheck {
            at,
            cited: doc.path.clone().unwrap_or_default(),
            sha256: doc.sha256.clone(),
            outcome,
        });
    }
    checks
}

/// Resolves a cited path inside `dir`: `Ok(None)` when it does not exist, `Err` when it would
/// leave the folder (`..`, an absolute path, or a symlink that points outside).
pub fn resolve_inside(dir: &Path, cited: &str) -> Result<Option<PathBuf>, String> {
    let rel = Path::new(cited);
    if cited.trim().is_empty() {
        return Err("is empty".into());
    }
    for component in rel.components() {
        match component {
            Component::ParentDir => return Err("leaves the vendor folder (`..`)".into()),
            Component::RootDir | Component::Prefix(_) => return Err("is absolute".into()),
            _ => {}
        }
    }
    // Without `..` and without a link below `dir`, the path cannot leave it: looking at each
    // component costs a few calls where resolving the whole path costs one per directory
    // from the root. Each is looked at as a clean path (a trailing `/` would make `lstat`
    // follow a link).
    let mut inside = dir.to_path_buf();
    let mut any_link = false;
    let mut last = None;
    for step in rel
        .components()
        .filter(|c| matches!(c, Component::Normal(_)))
    {
        inside.push(step);
        let Ok(meta) = fs::symlink_metadata(&inside) else {
            return Ok(None);
        };
        any_link |= meta.file_type().is_symlink();
        last = Some(meta);
    }
    // `report.pdf/` names a folder: a file of that name is not it.
    if cited.ends_with(std::path::is_separator) && last.is_some_and(|m| m.is_file()) {
        return Ok(None);
    }
    if !any_link {
        return Ok(Some(inside));
    }
    let joined = dir.join(rel);
    let real = fs::canonicalize(&joined).map_err(|_| "is a broken link".to_string())?;
    let base = fs::canonicalize(dir).map_err(|e| format!("cannot be checked: {e}"))?;
    if !real.starts_with(&base) {
        return Err("is a link that leaves the vendor folder".into());
    }
    Ok(Some(real))
}

/// The hash outcome of a document cited by a plain path inside `dir` (relative, no `..`, no
/// trailing `/`), reached through folders that are not links (remembered in `real_dirs`) and
/// opened without following a link: what [`resolve_inside`] then [`hash_outcome`] give, with
/// one look-up less per document and per shared folder. `None` hands every other case (a
/// link, a missing file, a file that cannot be opened) to them, for their answer.
#[cfg(unix)]
fn hash_plainly_inside(
    dir: &Path,
    cited: &str,
    expected: &str,
    real_dirs: &mut Vec<PathBuf>,
) -> Option<DocumentOutcome> {
    if cited.trim().is_empty() || cited.ends_with(std::path::is_separator) {
        return None;
    }
    let mut steps = Vec::new();
    for component in Path::new(cited).components() {
        match component {
            Component::Normal(step) => steps.push(step),
            Component::CurDir => {}
            _ => return None,
        }
    }
    let (name, folders) = steps.split_last()?;
    let mut inside = dir.to_path_buf();
    for step in folders {
        inside.push(step);
        if !real_dirs.contains(&inside) {
            let meta = fs::symlink_metadata(&inside).ok()?;
            if !meta.is_dir() {
                return None;
            }
            real_dirs.push(inside.clone());
        }
    }
    inside.push(name);
    let handle = open_without_blocking(&inside, libc::O_NOFOLLOW).ok()?;
    Some(outcome_of(sha256_open(handle), expected))
}

#[cfg(not(unix))]
fn hash_plainly_inside(
    _: &Path,
    _: &str,
    _: &str,
    _: &mut Vec<PathBuf>,
) -> Option<DocumentOutcome> {
    None
}

fn hash_outcome(file: &Path, expected: &str) -> DocumentOutcome {
    outcome_of(sha256_file(file), expected)
}

fn outcome_of(hashed: Result<String, DocumentReadError>, expected: &str) -> DocumentOutcome {
    match hashed {
        Ok(actual) if actual.eq_ignore_ascii_case(expected) => DocumentOutcome::Matches,
        Ok(actual) => DocumentOutcome::Mismatch { actual },
        Err(DocumentReadError::TooLarge(bytes)) => DocumentOutcome::TooLarge { bytes },
        Err(DocumentReadError::Unreadable(why)) => DocumentOutcome::Unreadable(why),
    }
}

/// Why a cited document could not be hashed.
#[derive(Debug, Clone, PartialEq)]
pub enum DocumentReadError {
    /// Over [`MAX_DOCUMENT_BYTES`] (the size measured, or at least the limit + 1 when the file
    /// grew while being read).
    TooLarge(u64),
    Unreadable(String),
}

/// Lowercase hexadecimal SHA-256 of a regular file of at most [`MAX_DOCUMENT_BYTES`], read in
/// blocks; a file that grows past the limit while being read is refused, never hashed in part.
pub fn sha256_file(file: &Path) -> Result<String, DocumentReadError> {
    let unreadable = |e: std::io::Error| DocumentReadError::Unreadable(e.to_string());
    // Opened without blocking (a FIFO opens at once, where it would wait for a writer), then
    // looked at on the open handle; elsewhere looked at before opening.
    #[cfg(not(unix))]
    if !fs::metadata(file).map_err(unreadable)?.is_file() {
        return Err(DocumentReadError::Unreadable("not a regular file".into()));
    }
    let handle = open_without_blocking(file, 0).map_err(unreadable)?;
    sha256_open(handle)
}

/// [`sha256_file`] of a file opened without blocking.
fn sha256_open(handle: fs::File) -> Result<String, DocumentReadError> {
    let unreadable = |e: std::io::Error| DocumentReadError::Unreadable(e.to_string());
    let not_regular = || DocumentReadError::Unreadable("not a regular file".into());
    let meta = handle.metadata().map_err(unreadable)?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    if meta.len() > MAX_DOCUMENT_BYTES {
        return Err(DocumentReadError::TooLarge(meta.len()));
    }
    let mut reader = handle.take(MAX_DOCUMENT_BYTES + 1);
    let mut hasher = Sha256::new();
    let mut buf = [0u8; 16 * 1024];
    let mut total = 0u64;
    loop {
        let n = reader.read(&mut buf).map_err(unreadable)?;
        if n == 0 {
            break;
        }
        total += n as u64;
        if total > MAX_DOCUMENT_BYTES {
            return Err(DocumentReadError::TooLarge(total));
        }
        hasher.update(&buf[..n]);
        // Short of what was asked, exactly at the size measured: the end of a regular file
        // (see `read_capped`), without a further call to see it.
        if n < buf.len() && total == meta.len() {
            break;
        }
    }
    Ok(to_hex(&hasher.finalize()))
}

pub fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 0xf) as usize] as char);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_stops_past_the_limit_whatever_size_was_measured() {
        // A file that measured small but keeps growing (or a special file with no size) yields
        // more than the limit: refused, never cut off and parsed.
        let endless = std::io::repeat(b'a');
        assert!(matches!(read_capped(endless, 10, 64), Err(Capped::TooLong)));
        assert_eq!(
            read_capped(&b"exactly"[..], 7, 7).ok(),
            Some(b"exactly".to_vec())
        );
    }

    /// A reader over `text` that counts the calls made to it.
    struct Counted<'a> {
        text: &'a [u8],
        calls: usize,
    }

    impl Read for Counted<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.calls += 1;
            self.text.read(buf)
        }
    }

    #[test]
    fn a_file_of_the_size_measured_is_read_in_one_call_and_any_other_is_read_to_its_end() {
        let read = |text: &[u8], measured: u64| {
            let mut reader = Counted { text, calls: 0 };
            let bytes = read_capped(&mut reader, measured, 64).ok();
            (bytes.map(|b| String::from_utf8(b).unwrap()), reader.calls)
        };
        // As measured: one call, which comes back short of the byte more it asked for.
        assert_eq!(read(b"exactly", 7), (Some("exactly".into()), 1));
        // Grown since it was measured, shrunk, or with no size: read until a call finds the end.
        for (text, measured) in [(&b"exactly so"[..], 7), (b"exact", 7), (b"exactly", 0)] {
            let (bytes, calls) = read(text, measured);
            assert_eq!(bytes.as_deref().map(str::as_bytes), Some(text));
            assert!(calls >= 2, "{calls} call(s) for {measured} measured");
        }
        // Grown past the limit: refused.
        assert!(read(&[b'a'; 70], 7).0.is_none());
    }

    #[test]
    fn a_document_hashes_whole_whatever_its_size_against_the_block() {
        let tmp = tempfile::TempDir::new().unwrap();
        for size in [0, 1, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 40 * 1024] {
            let bytes: Vec<u8> = (0..size).map(|i| (i * 7 % 251) as u8).collect();
            let file = tmp.path().join(format!("{size}.pdf"));
            fs::write(&file, &bytes).unwrap();
            assert_eq!(
                sha256_file(&file),
                Ok(to_hex(&Sha256::digest(&bytes))),
                "{size} bytes"
            );
        }
    }

    /// A vendor folder `v` with `docs/deep/a.pdf`, beside `outside/b.pdf`, and links: `out` to
    /// the outside folder, `in` to `docs/deep`, `docs/b.pdf` to the outside file and
    /// `docs/a-link.pdf` to `a.pdf`.
    #[cfg(unix)]
    fn linked_vendor_folder() -> (tempfile::TempDir, PathBuf) {
        use std::os::unix::fs::symlink;
        let tmp = tempfile::TempDir::new().unwrap();
        let dir = tmp.path().join("v");
        fs::create_dir_all(dir.join("docs/deep")).unwrap();
        fs::write(dir.join("docs/deep/a.pdf"), "a").unwrap();
        fs::create_dir_all(tmp.path().join("outside")).unwrap();
        fs::write(tmp.path().join("outside/b.pdf"), "b").unwrap();
        symlink(tmp.path().join("outside"), dir.join("out")).unwrap();
        symlink("docs/deep", dir.join("in")).unwrap();
        symlink("../../outside/b.pdf", dir.join("docs/b.pdf")).unwrap();
        symlink("deep/a.pdf", dir.join("docs/a-link.pdf")).unwrap();
        (tmp, dir)
    }

    #[cfg(unix)]
    #[test]
    fn cited_paths_resolve_inside_the_folder_or_are_refused() {
        let (_tmp, dir) = linked_vendor_folder();
        let real = |p: &str| Ok(Some(fs::canonicalize(dir.join(p)).unwrap()));
        // No link on the way: the joined path itself.
        assert_eq!(
            resolve_inside(&dir, "docs/deep/a.pdf"),
            Ok(Some(dir.join("docs/deep/a.pdf")))
        );
        assert_eq!(resolve_inside(&dir, "./docs/missing.pdf"), Ok(None));
        assert_eq!(resolve_inside(&dir, "docs/deep/a.pdf/"), Ok(None));
        assert_eq!(resolve_inside(&dir, "nowhere/x.pdf"), Ok(None));
        // Links that stay inside resolve to where they point.
        assert_eq!(resolve_inside(&dir, "in/a.pdf"), real("docs/deep/a.pdf"));
        assert_eq!(
            resolve_inside(&dir, "docs/a-link.pdf"),
            real("docs/deep/a.pdf")
        );
        // Links that leave, as the file or as a folder on the way, are refused, also when the
        // path ends with a separator (which makes `lstat` follow the link).
        let leaves = Err("is a link that leaves the vendor folder".to_string());
        assert_eq!(resolve_inside(&dir, "docs/b.pdf"), leaves);
        assert_eq!(resolve_inside(&dir, "out/b.pdf"), leaves);
        assert_eq!(resolve_inside(&dir, "out/"), leaves);
        assert_eq!(resolve_inside(&dir, "./out/./"), leaves);
        assert_eq!(
            resolve_inside(&dir, "docs/../../outside/b.pdf"),
            Err("leaves the vendor folder (`..`)".to_string())
        );
        assert_eq!(
            resolve_inside(&dir, "/etc/passwd"),
            Err("is absolute".to_string())
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_plain_path_to_a_document_hashes_as_the_general_one_or_hands_it_over() {
        let (_tmp, dir) = linked_vendor_folder();
        fs::write(dir.join("top.pdf"), "t").unwrap();
        let fifo = dir.join("docs/pipe.pdf");
        let c_path = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
        let hash_a = sha256_file(&dir.join("docs/deep/a.pdf")).unwrap();
        let general = |cited: &str, expected: &str| match resolve_inside(&dir, cited) {
            Ok(Some(file)) => Ok(Some(hash_outcome(&file, expected))),
            Ok(None) => Ok(None),
            Err(e) => Err(e),
        };
        let mut real_dirs = Vec::new();
        let mut plain = |cited: &str, expected: &str| {
            hash_plainly_inside(&dir, cited, expected, &mut real_dirs)
        };
        // Plain paths: the general answer, for a match, a mismatch, a folder and a FIFO.
        for cited in [
            "docs/deep/a.pdf",
            "./docs/deep/a.pdf",
            "top.pdf",
            "docs/deep",
            "docs/pipe.pdf",
        ] {
            for expected in [hash_a.as_str(), "0"] {
                let outcome = plain(cited, expected);
                assert!(outcome.is_some(), "{cited}");
                assert_eq!(Ok(outcome), general(cited, expected), "{cited}");
            }
        }
        assert_eq!(
            plain("docs/deep/a.pdf", &hash_a),
            Some(DocumentOutcome::Matches)
        );
        // Links (as the file or on the way), missing files, `..`, absolute paths and a trailing
        // separator are the general path's to answer.
        for cited in [
            "in/a.pdf",
            "docs/a-link.pdf",
            "docs/b.pdf",
            "out/b.pdf",
            "docs/missing.pdf",
            "nowhere/x.pdf",
            "docs/deep/a.pdf/",
            "docs/../docs/deep/a.pdf",
            "/etc/passwd",
            "",
            ".",
        ] {
            assert_eq!(plain(cited, &hash_a), None, "{cited}");
        }
        // A folder seen once is remembered, and only folders are.
        assert_eq!(real_dirs, [dir.join("docs"), dir.join("docs/deep")]);
    }

    #[cfg(unix)]
    #[test]
    fn a_quick_look_sees_the_text_a_full_read_gives_and_nothing_else() {
        let tmp = tempfile::TempDir::new().unwrap();
        let file = |name: &str, bytes: &[u8]| {
            let path = tmp.path().join(name);
            fs::write(&path, bytes).unwrap();
            path
        };
        let fifo = tmp.path().join("pipe.toml");
        let c_path = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
        let over = vec![b'a'; MAX_EVIDENCE_BYTES as usize + 1];
        let at_limit = vec![b'a'; MAX_EVIDENCE_BYTES as usize];
        let cases = [
            file("ok.toml", b"schema = 1\n"),
            file("nul.toml", b"schema = 1\0\n"),
            file("blank.toml", b" \n\t\n"),
            file("empty.toml", b""),
            file("latin1.toml", b"name = \"caf\xe9\"\n"),
            file("over.toml", &over),
            file("limit.toml", &at_limit),
            fifo,
            tmp.path().to_path_buf(),
            tmp.path().join("missing.toml"),
        ];
        for path in &cases {
            assert_eq!(
                look_at_found_text(path, str::to_string),
                read_found_text(path).ok(),
                "{}",
                path.display()
            );
        }
        assert_eq!(
            look_at_found_text(&cases[0], str::len),
            Some("schema = 1\n".len())
        );
    }

    #[test]
    fn text_checks_name_the_problem() {
        let file = Path::new("v/vendor.toml");
        let message = |bytes: &[u8]| text_from_bytes(file, bytes.to_vec()).unwrap_err().message;
        assert_eq!(message(b" \n\t\n"), "empty file");
        assert_eq!(
            message(b"a = 1\0"),
            "binary file (contains NUL bytes), expected TOML or JSON text"
        );
        assert_eq!(
            message(b"a = \"\xff\""),
            "not UTF-8 text (invalid byte at offset 5)"
        );
    }
}
