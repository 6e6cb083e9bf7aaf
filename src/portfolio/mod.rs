//! Finding vendor folders and evaluating a run.

use std::fs;
use std::path::{Path, PathBuf};

use crate::engine::{VendorResult, evaluate};
use crate::evidence::{Date, EVIDENCE_FILE_NAMES, InputError, LoadedVendor, load_vendor};
use crate::policy::{PolicyChoice, Waiver};
use crate::rules::PortfolioIndex;

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
        if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(InputError::whole_file(
                &path,
                "evidence file is a symbolic link, which is not followed",
            )
            .with_help("put the evidence file itself in the vendor folder"));
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

/// Loads and evaluates every vendor under `paths`, each under the policy `choice` gives it.
pub fn check(
    paths: &[PathBuf],
    as_of: Date,
    choice: &PolicyChoice,
    waivers: &[Waiver],
) -> RunReport {
    let (files, errors) = discover(paths);
    let loaded: Vec<(PathBuf, Result<LoadedVendor, Vec<InputError>>)> = files
        .into_iter()
        .map(|f| {
            let r = load_vendor(&f);
            (f, r)
        })
        .collect();
    let mut errors = errors;
    // Cross-vendor references (subservice, hosting) name vendors by id, so ids must be unique.
    let mut seen: std::collections::BTreeMap<&str, &Path> = std::collections::BTreeMap::new();
    for (file, vendor) in loaded
        .iter()
        .filter_map(|(f, r)| r.as_ref().ok().map(|v| (f, v)))
    {
        let id = vendor.evidence.vendor.id.as_str();
        match seen.get(id) {
            Some(first) => errors.push(
                InputError::whole_file(
                    file,
                    format!("vendor id `{id}` is already used by {}", first.display()),
                )
                .with_help("give each vendor its own id"),
            ),
            None => {
                seen.insert(id, file);
            }
        }
    }
    let index = PortfolioIndex::build(
        loaded.iter().filter_map(|(_, r)| r.as_ref().ok()),
        as_of,
        |v| choice.for_vendor(v.evidence.vendor.risk_tier),
    );
    let vendors = loaded
        .into_iter()
        .map(|(file, result)| match result {
            Ok(vendor) => {
                let policy = choice.for_vendor(vendor.evidence.vendor.risk_tier);
                VendorOutcome::Evaluated(Box::new(evaluate(
                    &vendor, as_of, &policy, &index, waivers,
                )))
            }
            Err(errors) => VendorOutcome::Invalid { file, errors },
        })
        .collect();
    RunReport {
        as_of,
        policy: choice.describe(),
        vendors,
        errors,
    }
}
