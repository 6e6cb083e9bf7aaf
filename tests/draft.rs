//! `vendorcert draft`: accuracy over the corpus of `tests/data/draft/` (field-level precision and
//! recall against each document's truth file), the documents it must refuse, and the command's
//! exit codes, messages and `--into`.
//!
//! The corpus is fictional: certificates, SOC 2 and SOC 3 reports, a bridge letter, a STAR
//! certificate and a flyer, as text and as PDFs written by `tests/data/draft/generate.py` (the
//! PDFs are committed; the tests do not run the script). `NAME.truth.toml` beside each document
//! holds what a careful analyst records from it (written by `truths.py`).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use vendorcert::draft::{self, DraftError, Pin};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/draft");

fn vendorcert() -> Command {
    Command::cargo_bin("vendorcert").unwrap()
}

fn corpus(name: &str) -> PathBuf {
    Path::new(CORPUS).join(name)
}

/// Whitespace folded, so a value read across lines compares with the truth's one line.
fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `soc2.exceptions[1].control` → `soc2.exceptions.control`: the kind of field it is.
fn field_kind(path: &str) -> String {
    let mut out = String::new();
    let mut skip = false;
    for c in path.chars() {
        match c {
            '[' => skip = true,
            ']' => skip = false,
            c if !skip => out.push(c),
            _ => {}
        }
    }
    out
}

fn draft_file(file: &Path) -> Result<draft::Draft, DraftError> {
    let bytes = fs::read(file).unwrap();
    let text = draft::extract(bytes, draft::EXTRACTION_DEADLINE)?;
    let pin = Pin {
        path: format!("documents/{}", file.file_name().unwrap().to_string_lossy()),
        sha256: "0".repeat(64),
    };
    draft::draft_text(&text, &pin)
}

#[derive(Default)]
struct Tally {
    drafted: usize,
    truth: usize,
    correct: usize,
}

#[test]
fn drafts_are_precise_and_find_most_fields_over_the_corpus() {
    let mut truths: Vec<PathBuf> = fs::read_dir(CORPUS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".truth.toml"))
        .collect();
    truths.sort();
    assert!(truths.len() >= 16, "{} truth files", truths.len());
    let mut by_kind: BTreeMap<String, Tally> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut formats = std::collections::BTreeSet::new();
    for truth_file in &truths {
        let truth: toml::Table = toml::from_str(&fs::read_to_string(truth_file).unwrap()).unwrap();
        let document = truth["document"].as_str().unwrap();
        formats.insert(document.rsplit('.').next().unwrap().to_string());
        let drafted = draft_file(&corpus(document)).unwrap_or_else(|e| panic!("{document}: {e}"));
        assert_eq!(
            drafted.kind.name(),
            truth["kind"].as_str().unwrap(),
            "{document}: kind"
        );
        let expected: BTreeMap<String, String> = truth["fields"]
            .as_table()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), norm(v.as_str().unwrap())))
            .collect();
        let got: BTreeMap<String, String> = draft::fields(&drafted)
            .into_iter()
            .map(|(k, v)| (k, norm(&v)))
            .filter(|(k, _)| !k.ends_with(".reviewed"))
            .collect();
        for (path, value) in &got {
            let tally = by_kind.entry(field_kind(path)).or_default();
            tally.drafted += 1;
            match expected.get(path) {
                Some(want) if want == value => tally.correct += 1,
                Some(want) => problems.push(format!(
                    "WRONG  {document}: {path} = {value:?}, the analyst recorded {want:?}"
                )),
                None => problems.push(format!(
                    "EXTRA  {document}: {path} = {value:?}, the analyst recorded nothing"
                )),
            }
        }
        for (path, want) in &expected {
            by_kind.entry(field_kind(path)).or_default().truth += 1;
            if !got.contains_key(path) {
                problems.push(format!("MISSED {document}: {path} = {want:?}"));
            }
        }
    }
    assert!(formats.contains("pdf") && formats.contains("txt"));
    let mut total = Tally::default();
    eprintln!(
        "{:<32} {:>8} {:>8} {:>9} {:>7}",
        "field", "drafted", "truth", "precision", "recall"
    );
    for (kind, t) in &by_kind {
        let p = if t.drafted == 0 {
            1.0
        } else {
            t.correct as f64 / t.drafted as f64
        };
        let r = if t.truth == 0 {
            1.0
        } else {
            t.correct as f64 / t.truth as f64
        };
        eprintln!(
            "{kind:<32} {:>8} {:>8} {:>8.1}% {:>6.1}%",
            t.drafted,
            t.truth,
            p * 100.0,
            r * 100.0
        );
        total.drafted += t.drafted;
        total.truth += t.truth;
        total.correct += t.correct;
    }
    let precision = total.correct as f64 / total.drafted as f64;
    let recall = total.correct as f64 / total.truth as f64;
    eprintln!(
        "all fields: {} drafted, {} recorded, {} right: precision {:.1}%, recall {:.1}%",
        total.drafted,
        total.truth,
        total.correct,
        precision * 100.0,
        recall * 100.0
    );
    for p in &problems {
        eprintln!("{p}");
    }
    assert!(precision >= 0.98, "precision {:.3} under 0.98", precision);
    assert!(recall >= 0.85, "recall {:.3} under 0.85", recall);
}

#[test]
fn documents_that_are_not_what_they_seem_are_refused() {
    assert_eq!(
        draft_file(&corpus("scan-image-only.pdf")).unwrap_err(),
        DraftError::NoTextLayer
    );
    assert_eq!(
        draft_file(&corpus("bad/encrypted.pdf")).unwrap_err(),
        DraftError::Encrypted
    );
    assert!(matches!(
        draft_file(&corpus("bad/corrupt.pdf")).unwrap_err(),
        DraftError::Corrupt(_)
    ));
    assert!(matches!(
        draft_file(&corpus("bad/loop.pdf")).unwrap_err(),
        DraftError::Corrupt(_)
    ));
    // Text that is none of the kinds drafted.
    let text = draft::extract(
        b"Minutes of the board meeting\nNothing to see".to_vec(),
        draft::EXTRACTION_DEADLINE,
    )
    .unwrap();
    let pin = Pin {
        path: "documents/x.txt".into(),
        sha256: "0".repeat(64),
    };
    assert_eq!(
        draft::draft_text(&text, &pin).unwrap_err(),
        DraftError::Unrecognised
    );
}
