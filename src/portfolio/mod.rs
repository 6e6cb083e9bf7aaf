//! Finding vendor folders and evaluating a run.

use std::fs;
use std::path::{Path, PathBuf};

use crate::engine::{VendorResult, evaluate};
use crate::evidence::{Date, EVIDENCE_FILE_NAMES, InputError, load_vendor};
use crate::policy::{PolicyChoice, Waiver};
use crate::rules::{PortfolioEntry, PortfolioIndex};

/// Deepest folder level searched below a given path.
pub const MAX_DISCOVERY_DEPTH: usize = 16;

/// What became of one evidence file in a run.
#[derive(Debug, Clone)]
pub enum VendorOutcome {
    Evaluated(Box<VendorResult>),
    /// The evidence file could not be read or is invalid (exit code 2).
    Invalid {
        file: PathBuf,
        errors: Vec<InputError>,
    },
}

/// A whole run: every vendor, in path order.
#[derive(Debug, Clone)]
pub struct RunReport {
    pub as_of: Date,
    pub policy: String,
    pub vendors: Vec<VendorOutcome>,
    /// Problems with the paths given (nothing found, not readable).
    pub errors: Vec<InputError>,
}

impl RunReport {
    pub fn evaluated(&self) -> impl Iterator<Item = &VendorResult> {
        self.vendors.iter().filter_map(|v| match v {
            VendorOutcome::Evaluated(r) => Some(r.as_ref()),
            VendorOutcome::Invalid { .. } => None,
        })
    }

    pub fn invalid_count(&self) -> usize {
        self.vendors
            .iter()
            .filter(|v| matches!(v, VendorOutcome::Invalid { .. }))
            .count()
    }
}

/// Resolves the paths given on the command line to evidence files, sorted and de-duplicated.
/// A path is an evidence file, a vendor folder, or a folder searched for vendor folders.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                errors.push(InputError::whole_file(path, format!("cannot read: {e}")));
                continue;
            }
        };
        if meta.is_file() {
            files.push(path.clone());
            continue;
        }
        if !meta.is_dir() {
            errors.push(InputError::whole_file(
                path,
                "not a regular file or a folder",
            ));
            continue;
        }
        let before = files.len();
        walk(path, 0, &mut files, &mut errors);
        if files.len() == before && !errors.iter().any(|e| e.file.starts_with(path)) {
            errors.push(
                InputError::whole_file(path, "no vendor.toml or vendor.json found").with_help(
                    "point at a vendor folder, an evidence file, or a folder of vendor folders",
                ),
            );
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
}

/// The evidence file of a vendor folder, if it is one. Both formats at once is ambiguous.
fn evidence_file(dir: &Path) -> Result<Option<PathBuf>, InputError> {
    for name in EVIDENCE_FILE_NAMES {
        let path = dir.join(name);
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.file_type().is_symlink() {
            return Err(InputError::whole_file(
                &path,
                "evidence file is a symbolic link, which is not followed",
            )
            .with_help("put the evidence file itself in the vendor folder"));
        }
        // A vendor whose evidence file is a folder, a FIFO or a device is reported, never
        // silently left out of the run.
        if !meta.is_file() {
            return Err(InputError::whole_file(
                &path,
                "evidence file is not a regular file",
            ));
        }
    }
    let present: Vec<PathBuf> = EVIDENCE_FILE_NAMES
        .iter()
        .map(|n| dir.join(n))
        .filter(|p| fs::symlink_metadata(p).is_ok_and(|m| m.is_file()))
        .collect();
    match present.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one.clone())),
        _ => Err(
            InputError::whole_file(dir, "both vendor.toml and vendor.json are present")
                .with_help("keep one evidence file per vendor folder"),
        ),
    }
}

/// Walks folders without following symbolic links (so no loop and no escape from the tree).
fn walk(dir: &Path, depth: usize, files: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    match evidence_file(dir) {
        Ok(Some(file)) => {
            files.push(file);
            return;
        }
        Ok(None) => {}
        Err(e) => {
            errors.push(e);
            return;
        }
    }
    if depth >= MAX_DISCOVERY_DEPTH {
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(InputError::whole_file(
                dir,
                format!("cannot read folder: {e}"),
            ));
            return;
        }
    };
    let mut subdirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    subdirs.sort();
    for sub in subdirs {
        walk(&sub, depth + 1, files, errors);
    }
}

pub mod calendar;
pub mod diff;
pub mod summary;

/// Loads every vendor under `paths` in parallel and maps it with `f` (under the policy `choice`
/// gives it); invalid evidence files come back as input errors. Results are in path order.
pub fn map_vendors<T: Send>(
    paths: &[PathBuf],
    choice: &PolicyChoice,
    f: impl Fn(&crate::evidence::LoadedVendor, &crate::policy::Policy) -> T + Sync,
) -> (Vec<T>, Vec<InputError>) {
    use rayon::prelude::*;
    let (files, mut errors) = discover(paths);
    let policies = choice.resolve();
    let results: Vec<Result<T, Vec<InputError>>> = files
        .par_iter()
        .map(|file| {
            load_vendor(file).map(|v| f(&v, policies.for_tier(v.evidence.vendor.risk_tier)))
        })
        .collect();
    let mut values = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(v) => values.push(v),
            Err(e) => errors.extend(e),
        }
    }
    (values, errors)
}

/// Vendors evaluated at once; results are emitted in path order after each chunk, so memory
/// holds at most this many results whatever the portfolio's size.
const CHUNK: usize = 512;

/// Loads and evaluates every vendor under `paths` in parallel, each under the policy `choice`
/// gives it, and hands each outcome to `emit` in path order as soon as its chunk is done.
/// Returns the problems with the paths themselves (nothing found, duplicate vendor ids).
///
/// Two passes: the first loads every vendor to index what others may rely on (ids, names,
/// attested scopes) and drops it; the second loads again and evaluates. Only the index and one
/// chunk of results are ever in memory.
pub fn for_each_vendor(
    paths: &[PathBuf],
    as_of: Date,
    choice: &PolicyChoice,
    waivers: &[Waiver],
    on_total: impl FnOnce(usize),
    mut emit: impl FnMut(VendorOutcome),
) -> Vec<InputError> {
    use rayon::prelude::*;
    let (files, mut errors) = discover(paths);
    on_total(files.len());
    let policies = choice.resolve();
    let entries: Vec<Option<(String, PortfolioEntry)>> = files
        .par_iter()
        .map(|f| {
            load_vendor(f).ok().map(|v| {
                let policy = policies.for_tier(v.evidence.vendor.risk_tier);
                (
                    v.evidence.vendor.id.clone(),
                    PortfolioEntry::of(&v, as_of, policy),
                )
            })
        })
        .collect();
    let mut index = PortfolioIndex::default();
    let mut first_file: std::collections::BTreeMap<&str, &Path> = std::collections::BTreeMap::new();
    for (file, entry) in files.iter().zip(&entries) {
        let Some((id, entry)) = entry else { continue };
        // Cross-vendor references (subservice, hosting) name vendors by id, so ids must be unique.
        match first_file.get(id.as_str()) {
            Some(first) => errors.push(
                InputError::whole_file(
                    file,
                    format!("vendor id `{id}` is already used by {}", first.display()),
                )
                .with_help("give each vendor its own id"),
            ),
            None => {
                first_file.insert(id, file);
                index.vendors.insert(id.clone(), entry.clone());
            }
        }
    }
    drop(first_file);
    drop(entries);
    for chunk in files.chunks(CHUNK) {
        let outcomes: Vec<VendorOutcome> = chunk
            .par_iter()
            .map(|file| match load_vendor(file) {
                Ok(vendor) => {
                    let policy = policies.for_tier(vendor.evidence.vendor.risk_tier);
                    VendorOutcome::Evaluated(Box::new(evaluate(
                        &vendor, as_of, policy, &index, waivers,
                    )))
                }
                Err(errors) => VendorOutcome::Invalid {
                    file: file.clone(),
                    errors,
                },
            })
            .collect();
        outcomes.into_iter().for_each(&mut emit);
    }
    errors
}

/// Loads and evaluates every vendor under `paths`, keeping every outcome (for the formats that
/// render a whole run at once).
pub fn check(
    paths: &[PathBuf],
    as_of: Date,
    choice: &PolicyChoice,
    waivers: &[Waiver],
) -> RunReport {
    let mut vendors = Vec::new();
    let errors = for_each_vendor(paths, as_of, choice, waivers, |_| {}, |v| vendors.push(v));
    RunReport {
        as_of,
        policy: choice.describe(),
        vendors,
        errors,
    }
}
