//! `vendorcert draft`: read documents, draft their evidence, print it or add it to a vendor's
//! evidence file (`--into`, keeping everything the analyst wrote).

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::Context;
use sha2::{Digest, Sha256};

use crate::cli::{DraftArgs, DraftFormat};
use crate::draft::{self, Draft, DraftError, Pin};
use crate::evidence::load::{MAX_DOCUMENT_BYTES, MAX_EVIDENCE_BYTES, to_hex};

/// One document read and drafted.
struct Drafted {
    file: PathBuf,
    /// Its path in the vendor folder, `documents/NAME`.
    vendor_path: String,
    bytes: Vec<u8>,
    sha256: String,
    draft: Draft,
}

/// Reads at most [`MAX_DOCUMENT_BYTES`] of a regular file.
fn read_document(file: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(file).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    if meta.len() > MAX_DOCUMENT_BYTES {
        return Err(DraftError::TooLarge(meta.len(), MAX_DOCUMENT_BYTES).to_string());
    }
    let handle = std::fs::File::open(file).map_err(|e| e.to_string())?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    handle
        .take(MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(DraftError::TooLarge(bytes.len() as u64, MAX_DOCUMENT_BYTES).to_string());
    }
    Ok(bytes)
}

fn draft_one(file: &Path) -> Result<Drafted, String> {
    let bytes = read_document(file)?;
    let sha256 = to_hex(&Sha256::digest(&bytes));
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or("has no file name")?;
    let pin = Pin {
        path: format!("documents/{name}"),
        sha256: sha256.clone(),
    };
    let text =
        draft::extract(bytes.clone(), draft::EXTRACTION_DEADLINE).map_err(|e| e.to_string())?;
    let drafted = draft::draft_text(&text, &pin).map_err(|e| e.to_string())?;
    Ok(Drafted {
        file: file.to_path_buf(),
        vendor_path: pin.path,
        bytes,
        sha256,
        draft: drafted,
    })
}

/// What was drafted, for the analyst (standard error).
fn summary(d: &Drafted) -> String {
    let fields = draft::fields(&d.draft).len();
    let todos: usize = d
        .draft
        .sections
        .iter()
        .map(|s| {
            s.table
                .items
                .iter()
                .filter(|i| matches!(i, draft::Item::Comment(c) if c.starts_with("TODO")))
                .count()
        })
        .sum();
    let mut line = format!(
        "{}: {}, {fields} values drafted, {todos} left to you (TODO)",
        d.file.display(),
        d.draft.kind.describe()
    );
    if d.draft.kind == draft::Kind::Claim {
        line.push_str("; drafted as a claim with source = \"marketing\", never as a certificate");
    }
    line
}

pub fn draft(args: DraftArgs) -> anyhow::Result<u8> {
    let mut drafted = Vec::new();
    let mut failed = false;
    for file in &args.files {
        match draft_one(file) {
            Ok(d) => drafted.push(d),
            Err(why) => {
                eprintln!("error: {}: {why}", file.display());
                failed = true;
            }
        }
    }
    if failed {
        eprintln!("nothing drafted: fix or leave out the documents above");
        return Ok(2);
    }
    let mut names = std::collections::BTreeMap::new();
    for d in &drafted {
        if let Some(other) = names.insert(d.vendor_path.clone(), d.file.clone()) {
            eprintln!(
                "error: {} and {} would both be {}: rename one",
                other.display(),
                d.file.display(),
                d.vendor_path
            );
            return Ok(2);
        }
    }
    // SOC 2 reports before bridge letters, so that a letter follows the report it bridges.
    drafted.sort_by_key(|d| d.draft.kind == draft::Kind::BridgeLetter);
    for d in &drafted {
        eprintln!("{}", summary(d));
    }
    if let Some(dir) = &args.into {
        return into(dir, &drafted);
    }
    match args.format {
        DraftFormat::Toml => {
            let mut out = String::new();
            for d in &drafted {
                out.push_str(&draft::render::toml(
                    &d.file.display().to_string(),
                    &d.draft,
                ));
            }
            super::emit(out.as_bytes())?;
        }
        DraftFormat::Json => {
            let all: Vec<serde_json::Value> = drafted
                .iter()
                .map(|d| draft::render::json(&d.file.display().to_string(), &d.draft))
                .collect();
            let mut out = serde_json::to_string_pretty(&serde_json::json!({ "drafts": all }))?;
            out.push('\n');
            super::emit(out.as_bytes())?;
        }
    }
    Ok(0)
}

/// Where each drafted section must go in the existing file, and whether it can.
fn fits(doc: &toml_edit::DocumentMut, drafted: &[Drafted]) -> Result<(), String> {
    let mut sections: Vec<&str> = drafted
        .iter()
        .flat_map(|d| d.draft.sections.iter())
        .filter(|s| draft::render::missing_required(s).is_none())
        .map(|s| s.section)
        .collect();
    sections.dedup();
    for section in &sections {
        let top = section.split('.').next().unwrap_or(section);
        match doc.get(top) {
            None | Some(toml_edit::Item::ArrayOfTables(_)) => {}
            Some(_) => {
                return Err(format!(
                    "its `{top}` is not written as [[{top}]] tables, so drafted [[{top}]] entries cannot follow it: add them by hand"
                ));
            }
        }
    }
    if sections.contains(&"soc2.bridge_letter") && !sections.contains(&"soc2") {
        let last = match doc.get("soc2") {
            Some(toml_edit::Item::ArrayOfTables(reports)) => reports.iter().last(),
            _ => None,
        };
        match last {
            None => {
                return Err(
                    "a bridge letter belongs to a SOC 2 report, and the file has no [[soc2]] report: draft the report with it".into(),
                );
            }
            Some(report) if report.contains_key("bridge_letter") => {
                return Err(
                    "its last [[soc2]] report already has a bridge letter: replace it by hand"
                        .into(),
                );
            }
            Some(_) => {}
        }
    }
    Ok(())
}

fn into(dir: &Path, drafted: &[Drafted]) -> anyhow::Result<u8> {
    let evidence = dir.join("vendor.toml");
    if dir.join("vendor.json").exists() && !evidence.exists() {
        eprintln!(
            "error: {}: --into adds to vendor.toml; this vendor's evidence is vendor.json: use --format json and add the values by hand",
            dir.display()
        );
        return Ok(2);
    }
    if !evidence.is_file() {
        eprintln!(
            "error: {}: no vendor.toml: create the vendor first (`vendorcert init {}`)",
            dir.display(),
            dir.display()
        );
        return Ok(2);
    }
    let meta = std::fs::metadata(&evidence)?;
    if meta.len() > MAX_EVIDENCE_BYTES {
        eprintln!(
            "error: {}: file is {} bytes, over the {MAX_EVIDENCE_BYTES} byte limit",
            evidence.display(),
            meta.len()
        );
        return Ok(2);
    }
    let before = std::fs::read_to_string(&evidence)
        .with_context(|| format!("cannot read {}", evidence.display()))?;
    let doc: toml_edit::DocumentMut = match before.parse() {
        Ok(doc) => doc,
        Err(e) => {
            let e: toml_edit::TomlError = e;
            eprintln!(
                "error: {}: not valid TOML: {}",
                evidence.display(),
                e.message()
            );
            return Ok(2);
        }
    };
    // Drafting the same document twice would list its evidence twice.
    for d in drafted {
        if before.contains(&d.sha256) {
            eprintln!(
                "error: {}: {} is already cited there (sha256 {}): edit its section instead",
                evidence.display(),
                d.file.display(),
                d.sha256
            );
            return Ok(2);
        }
    }
    if let Err(why) = fits(&doc, drafted) {
        eprintln!("error: {}: {why}", evidence.display());
        return Ok(2);
    }
    // The documents: copied unless the same file is there already.
    let mut copies = Vec::new();
    for d in drafted {
        let target = dir.join(&d.vendor_path);
        if target.exists() {
            match crate::evidence::load::sha256_file(&target) {
                Ok(sha) if sha == d.sha256 => continue,
                _ => {
                    eprintln!(
                        "error: {} exists with other content: rename {} or move the old file away",
                        target.display(),
                        d.file.display()
                    );
                    return Ok(2);
                }
            }
        }
        copies.push((target, &d.bytes));
    }
    let mut after = before.clone();
    if !after.is_empty() && !after.ends_with('\n') {
        after.push('\n');
    }
    for d in drafted {
        after.push('\n');
        after.push_str(&draft::render::toml(&d.vendor_path, &d.draft));
    }
    let after = after.trim_end().to_string() + "\n";
    // The result must still be an evidence file the loader accepts, or nothing is written.
    if let Err(errors) = crate::evidence::load::parse_vendor_text(&evidence, after.clone()) {
        eprintln!(
            "error: {}: with the draft added the file would not load; nothing written:",
            evidence.display()
        );
        super::report_input_errors(&errors)?;
        return Ok(2);
    }
    let documents = dir.join("documents");
    std::fs::create_dir_all(&documents)
        .with_context(|| format!("cannot create {}", documents.display()))?;
    for (target, bytes) in copies {
        super::write_atomically(&target, bytes)?;
    }
    super::write_atomically(&evidence, after.as_bytes())?;
    eprintln!(
        "added {} drafted section(s) to {}; run `vendorcert check {}` and read every TODO",
        drafted
            .iter()
            .map(|d| d.draft.sections.len())
            .sum::<usize>(),
        evidence.display(),
        dir.display()
    );
    Ok(0)
}
