//! Finding vendor folders and evaluating a run.

use std::fs;
use std::path::{Path, PathBuf};

use crate::engine::VendorResult;
use crate::evidence::registry::Facts as RegistryFacts;
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
    let mut present = Vec::with_capacity(1);
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
        present.push(path);
    }
    match present.len() {
        0 => Ok(None),
        1 => Ok(present.pop()),
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
    // Folders are looked at in parallel (a folder of 10,000 vendors means 20,000 look-ups);
    // what they hold is gathered in order.
    use rayon::prelude::*;
    let found: Vec<(Vec<PathBuf>, Vec<InputError>)> = subdirs
        .par_iter()
        .map(|sub| {
            let (mut files, mut errors) = (Vec::new(), Vec::new());
            walk(sub, depth + 1, &mut files, &mut errors);
            (files, errors)
        })
        .collect();
    for (sub_files, sub_errors) in found {
        files.extend(sub_files);
        errors.extend(sub_errors);
    }
}

pub mod calendar;
pub mod diff;
pub mod matrix;
pub mod summary;

/// Loads every vendor under `paths` in parallel and maps it with `f` (under the policy `choice`
/// gives it), handing each result to `emit` in path order as soon as its chunk is done (only one
/// chunk of results is in memory); invalid evidence files come back as input errors. With
/// `index_root` (the portfolio root), the vendors others refer to are looked for in the whole
/// portfolio, not only under `paths`.
pub fn map_vendors<T: Send>(
    paths: &[PathBuf],
    index_root: Option<&Path>,
    choice: &PolicyChoice,
    as_of: Date,
    f: impl Fn(&crate::evidence::LoadedVendor, &crate::policy::Policy, &PortfolioIndex) -> T + Sync,
    mut emit: impl FnMut(T),
) -> Vec<InputError> {
    use rayon::prelude::*;
    let (files, mut errors) = discover(paths);
    let policies = choice.resolve();
    let referable = portfolio_index(&files, index_root, as_of, &policies);
    for chunk in files.chunks(CHUNK) {
        let results: Vec<Result<T, Vec<InputError>>> = chunk
            .par_iter()
            .filter(|_| !crate::interrupt::interrupted())
            .map(|file| {
                load_vendor(file).map(|v| {
                    let policy = policies.for_tier(v.evidence.vendor.risk_tier);
                    f(&v, policy, &referable.index_for(&v))
                })
            })
            .collect();
        for r in results {
            match r {
                Ok(v) => emit(v),
                Err(e) => errors.extend(e),
            }
        }
    }
    errors
}

/// Gives the registry answers of a run, given the vendor files it found.
pub type AnswersFor<'f> = dyn Fn(&[PathBuf]) -> RegistryFacts + Sync + 'f;

/// What a batch run evaluates, and how.
pub struct Run<'a> {
    pub paths: &'a [PathBuf],
    pub as_of: Date,
    pub choice: &'a PolicyChoice,
    pub waivers: &'a [Waiver],
    /// The portfolio root (the folder of its `vendorcert.toml`): the vendors others refer to
    /// are looked for in the whole portfolio, not only under `paths`.
    pub index_root: Option<&'a Path>,
    /// Where the registry answers of the run come from (`--online` / `--offline`): given the
    /// vendor files found, the command layer asks the registries or its cache.
    pub registry_answers: Option<&'a AnswersFor<'a>>,
    /// Whether the findings carry their place in the evidence file: a run that only tallies
    /// verdicts skips them. A run that keeps the vendors as judged (the HTML report's timeline)
    /// always carries them.
    pub positions: crate::engine::Positions,
}

/// Vendors evaluated at once; results are emitted in path order after each chunk, so memory
/// holds at most two chunks of results (one evaluated while the other is written) whatever the
/// portfolio's size. At 512, the JSON report's pieces (about 55 KB a vendor, pretty-printed) took
/// `--format json` at 100,000 vendors to 155–166 MB; at 256 it is 127 MB, and no run is slower
/// (bench/README.md, 2026-12-07).
const CHUNK: usize = 256;

/// Loads and evaluates every vendor under `paths` in parallel, each under the policy `choice`
/// gives it, and hands each outcome to `emit` in path order as soon as its chunk is done.
/// Returns the problems with the paths themselves (nothing found, duplicate vendor ids).
///
/// Each vendor is loaded once to be evaluated. The vendors that others rely on (a `hosted_on`
/// platform, a carved-out subservice organisation) are loaded once more, to index what they
/// attest, when the first vendor that refers to them is evaluated: a quick scan of every file
/// beforehand finds whether any vendor may refer to another ([`may_refer`]) and, if one may,
/// which file holds which id ([`scan_id`]). Only the ids, the entries looked up and one chunk of
/// results are ever in memory.
pub fn for_each_vendor<T: Send>(
    run: &Run,
    on_total: impl FnOnce(usize),
    map: impl Fn(VendorOutcome) -> T + Sync,
    emit: impl FnMut(T),
) -> Vec<InputError> {
    for_each_vendor_at(run, false, on_total, |_, outcome, _| map(outcome), emit)
}

/// A vendor as loaded for its evaluation, with the policy that judged it and the portfolio
/// index: for what a report reads from the evidence itself (the HTML report's matrix facts and
/// timeline), while the vendor is in memory anyway.
pub struct Loaded<'a> {
    pub vendor: &'a crate::evidence::LoadedVendor,
    pub policy: &'a crate::policy::Policy,
    pub index: &'a PortfolioIndex,
    /// With `keep_judged`, the vendor as judged on the as-of date (its verdict and findings
    /// taken into the result), to be brought forward.
    pub judged: Option<crate::engine::Judged<'a>>,
}

/// As [`for_each_vendor`], and `map` is also given the vendor's position in the run (from 0, in
/// path order) and, for a vendor that loaded, the vendor itself (with `keep_judged`, also as
/// judged, which costs a copy of its findings).
pub fn for_each_vendor_at<T: Send>(
    run: &Run,
    keep_judged: bool,
    on_total: impl FnOnce(usize),
    map: impl Fn(usize, VendorOutcome, Option<Loaded<'_>>) -> T + Sync,
    mut emit: impl FnMut(T),
) -> Vec<InputError> {
    use rayon::prelude::*;
    let &Run {
        paths,
        as_of,
        choice,
        waivers,
        index_root,
        registry_answers,
        positions,
    } = run;
    let (files, mut errors) = discover(paths);
    on_total(files.len());
    let policies = choice.resolve();
    let mut referable = portfolio_index(&files, index_root, as_of, &policies);
    if let Some(answers_for) = registry_answers {
        referable.base.online = Some(std::sync::Arc::new(answers_for(&files)));
    }
    let evaluate_one = |position: usize, file: &PathBuf| -> (Option<String>, T) {
        match load_vendor(file) {
            // Interrupted: the rest of the chunk is skipped; it is never emitted.
            _ if crate::interrupt::interrupted() => (
                None,
                map(
                    position,
                    VendorOutcome::Invalid {
                        file: file.clone(),
                        errors: Vec::new(),
                    },
                    None,
                ),
            ),
            Ok(vendor) => {
                let policy = policies.for_tier(vendor.evidence.vendor.risk_tier);
                let index = referable.index_for(&vendor);
                // Judged as `evaluate` judges; kept, what the calendar needs to bring the
                // vendor forward (the HTML report's timeline).
                let (result, judged) = if keep_judged {
                    let mut judged =
                        crate::engine::Judged::new(&vendor, as_of, policy, &index, waivers);
                    let today = std::mem::replace(
                        &mut judged.settled,
                        (crate::engine::Verdict::Pass, Vec::new()),
                    );
                    let result = crate::engine::result_of(&vendor, policy, today);
                    (result, Some(judged))
                } else {
                    let result = crate::engine::evaluate_with(
                        &vendor, as_of, policy, &index, waivers, positions,
                    );
                    (result, None)
                };
                let loaded = Loaded {
                    vendor: &vendor,
                    policy,
                    index: &index,
                    judged,
                };
                (
                    Some(result.id.clone()),
                    map(
                        position,
                        VendorOutcome::Evaluated(Box::new(result)),
                        Some(loaded),
                    ),
                )
            }
            Err(errors) => (
                None,
                map(
                    position,
                    VendorOutcome::Invalid {
                        file: file.clone(),
                        errors,
                    },
                    None,
                ),
            ),
        }
    };
    // A run of one vendor never starts the thread pool.
    let evaluate_chunk = |start: usize, chunk: &[PathBuf]| -> Vec<(Option<String>, T)> {
        if chunk.len() < 2 {
            return chunk.iter().map(|file| evaluate_one(start, file)).collect();
        }
        chunk
            .par_iter()
            .enumerate()
            .map(|(k, file)| evaluate_one(start + k, file))
            .collect()
    };
    // Cross-vendor references (subservice, hosting) name vendors by id, so ids must be unique.
    let mut first_file: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut take = |position: usize, outcomes: Vec<(Option<String>, T)>| {
        for (k, (id, value)) in outcomes.into_iter().enumerate() {
            if let Some(id) = id {
                match first_file.get(id.as_str()) {
                    Some(&first) => errors.push(
                        InputError::whole_file(
                            &files[position + k],
                            format!(
                                "vendor id `{id}` is already used by {}",
                                files[first].display()
                            ),
                        )
                        .with_help("give each vendor its own id"),
                    ),
                    None => {
                        first_file.insert(id, position + k);
                    }
                }
            }
            emit(value);
        }
    };
    // While one chunk's outcomes are emitted on this thread, the next is evaluated.
    let chunks: Vec<&[PathBuf]> = files.chunks(CHUNK).collect();
    let mut pending = chunks.first().map(|c| evaluate_chunk(0, c));
    for (c, _) in chunks.iter().enumerate() {
        if crate::interrupt::interrupted() {
            break;
        }
        let done = pending.take().unwrap_or_default();
        std::thread::scope(|scope| {
            let next = chunks
                .get(c + 1)
                .map(|chunk| scope.spawn(|| evaluate_chunk((c + 1) * CHUNK, chunk)));
            take(c * CHUNK, done);
            pending = next.map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        });
    }
    errors
}

/// The portfolio index of a run over `files`: the ids of the vendors found, scanned only when
/// one of the run's files may refer to another vendor, since only those vendors look it up (a run
/// of one vendor that names no platform and no carved-out organisation does not read the rest of
/// the portfolio).
fn portfolio_index<'f>(
    files: &'f [PathBuf],
    index_root: Option<&Path>,
    as_of: Date,
    policies: &'f crate::policy::ResolvedPolicies,
) -> Referable<'f> {
    use rayon::prelude::*;
    // A file that cannot be read now is loaded (and reported) by the run itself.
    let refers =
        |file: &PathBuf| crate::evidence::load::look_at_found_text(file, may_refer).unwrap_or(true);
    let any_refers = if files.len() < 2 {
        files.iter().any(refers)
    } else {
        files.par_iter().any(refers)
    };
    let mut referable = Referable {
        files: std::borrow::Cow::Borrowed(files),
        by_id: std::collections::HashMap::new(),
        as_of,
        policies,
        base: PortfolioIndex::default(),
    };
    if any_refers {
        if let Some(root) = index_root {
            referable.files = std::borrow::Cow::Owned(index_files(files, root));
        }
        referable.by_id = ids_of(&referable.files);
    }
    referable
}

/// The evidence files the portfolio index is built from when the run has a portfolio root:
/// every vendor of the portfolio and the run's own (the same index, whichever of its vendors a
/// run checks).
fn index_files(files: &[PathBuf], root: &Path) -> Vec<PathBuf> {
    // Problems in the rest of the portfolio are its own runs' to report.
    let (mut all, _) = discover(&[root.to_path_buf()]);
    all.extend(files.iter().cloned());
    all.sort();
    all.dedup();
    all
}

/// The vendor ids of the portfolio under `root`, read by the quick id scan (a full load only
/// where the scan cannot tell).
pub fn known_ids(root: &Path) -> std::collections::BTreeSet<String> {
    use rayon::prelude::*;
    let (files, _) = discover(&[root.to_path_buf()]);
    files
        .par_iter()
        .filter_map(|file| {
            let text = crate::evidence::load::read_found_text(file).ok()?;
            scan_id(file, &text)
                .or_else(|| load_vendor(file).ok().map(|v| v.evidence.vendor.id.clone()))
        })
        .collect()
}

/// Whether the vendor folder `root/id` holds the evidence of vendor `id` (read as
/// [`known_ids`] reads it). `false` says only that it is not there.
pub fn folder_holds_id(root: &Path, id: &str) -> bool {
    if !crate::evidence::load::is_vendor_id(id) {
        return false;
    }
    let Ok(Some(file)) = evidence_file(&root.join(id)) else {
        return false;
    };
    let Ok(text) = crate::evidence::load::read_found_text(&file) else {
        return false;
    };
    let found = scan_id(&file, &text).or_else(|| {
        load_vendor(&file)
            .ok()
            .map(|v| v.evidence.vendor.id.clone())
    });
    found.as_deref() == Some(id)
}

/// The vendors of a run that others may refer to, found by id. A vendor's index entry (what it
/// attests, judged under its own policy at the as-of date) is loaded the first time a vendor
/// that refers to it is evaluated, and kept; the vendors no one refers to are never loaded for it.
struct Referable<'f> {
    /// The files the ids were read from, in path order.
    files: std::borrow::Cow<'f, [PathBuf]>,
    /// The files that hold each vendor id, by their place in `files`; empty where no file of the
    /// run may refer to another vendor.
    by_id: std::collections::HashMap<Box<str>, Holders>,
    as_of: Date,
    policies: &'f crate::policy::ResolvedPolicies,
    /// What a vendor that refers to no other is evaluated with: the run's registry answers.
    base: PortfolioIndex,
}

/// The files that hold one vendor id, in path order, and the index entry of the first of them
/// that loads, once asked for.
#[derive(Default)]
struct Holders {
    files: Vec<u32>,
    entry: std::sync::OnceLock<Option<PortfolioEntry>>,
}

/// The vendor id of each file, by the quick scan (a full load where the scan cannot tell), and
/// the files that hold each id in path order. A file that cannot be read or loaded holds none.
fn ids_of(files: &[PathBuf]) -> std::collections::HashMap<Box<str>, Holders> {
    use rayon::prelude::*;
    let ids: Vec<Option<String>> = files
        .par_iter()
        .map(|file| {
            if crate::interrupt::interrupted() {
                return None;
            }
            match crate::evidence::load::look_at_found_text(file, |text| scan_id(file, text))? {
                Some(id) => Some(id),
                None => load_vendor(file).ok().map(|v| v.evidence.vendor.id.clone()),
            }
        })
        .collect();
    let mut by_id: std::collections::HashMap<Box<str>, Holders> =
        std::collections::HashMap::with_capacity(ids.len());
    for (i, id) in ids.into_iter().enumerate() {
        if let (Some(id), Ok(i)) = (id, u32::try_from(i)) {
            by_id.entry(id.into_boxed_str()).or_default().files.push(i);
        }
    }
    by_id
}

impl Referable<'_> {
    /// The portfolio index `vendor` is evaluated with: the run's registry answers and the
    /// entries of the vendors it refers to (its hosting platforms and subservice organisations),
    /// those of them that are in the portfolio and load.
    fn index_for(
        &self,
        vendor: &crate::evidence::LoadedVendor,
    ) -> std::borrow::Cow<'_, PortfolioIndex> {
        if self.by_id.is_empty() {
            return std::borrow::Cow::Borrowed(&self.base);
        }
        let referred = references(vendor);
        if referred.is_empty() {
            return std::borrow::Cow::Borrowed(&self.base);
        }
        let mut index = PortfolioIndex {
            vendors: Default::default(),
            online: self.base.online.clone(),
        };
        for id in referred {
            if let Some(entry) = self.entry(&id) {
                index.vendors.insert(id, entry.clone());
            }
        }
        std::borrow::Cow::Owned(index)
    }

    /// The index entry of vendor `id`: where several files hold the id, the first in path order
    /// that loads counts. A worker that finds another loading it waits; loading uses no thread
    /// pool, so the waiting worker is never asked to load it too.
    fn entry(&self, id: &str) -> Option<&PortfolioEntry> {
        let holders = self.by_id.get(id)?;
        holders
            .entry
            .get_or_init(|| {
                holders.files.iter().find_map(|&i| {
                    let vendor = load_vendor(self.files.get(i as usize)?).ok()?;
                    let policy = self.policies.for_tier(vendor.evidence.vendor.risk_tier);
                    (vendor.evidence.vendor.id == id)
                        .then(|| PortfolioEntry::of(&vendor, self.as_of, &policy.thresholds))
                })
            })
            .as_ref()
    }
}

/// The vendor ids `vendor` refers to: its hosting platforms and subservice organisations.
fn references(vendor: &crate::evidence::LoadedVendor) -> Vec<String> {
    let ev = &vendor.evidence;
    let hosts = ev.vendor.hosted_on.iter().map(|h| h.vendor.clone());
    let subservice = ev
        .soc2
        .iter()
        .flat_map(|r| r.subservice.iter().flatten())
        .filter_map(|s| s.vendor.clone());
    hosts.chain(subservice).collect()
}

/// Whether an evidence text may refer to another vendor of the portfolio. Errs towards yes: any
/// text naming `hosted_on` or a carve-out, or with an escape that could spell either, may.
pub fn may_refer(text: &str) -> bool {
    use memchr::memmem::Finder;
    static WORDS: std::sync::LazyLock<[Finder<'static>; 2]> =
        std::sync::LazyLock::new(|| [Finder::new("hosted_on"), Finder::new("carve_out")]);
    let bytes = text.as_bytes();
    WORDS.iter().any(|w| w.find(bytes).is_some())
        || memchr::memchr_iter(b'\\', bytes).any(|i| matches!(bytes.get(i + 1), Some(b'u' | b'U')))
}

/// The vendor id of an evidence text, read without parsing it, or `None` where the text is not
/// in the plain form the scan understands (`[vendor]` with `id = "…"` in TOML; any valid JSON).
/// It never guesses: a `Some` is the id the full parse would give, should the file be valid.
pub fn scan_id(file: &Path, text: &str) -> Option<String> {
    let is_json = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if is_json {
        #[derive(serde::Deserialize)]
        struct Probe {
            vendor: ProbeVendor,
        }
        #[derive(serde::Deserialize)]
        struct ProbeVendor {
            id: String,
        }
        return serde_json::from_str::<Probe>(text)
            .ok()
            .map(|p| p.vendor.id);
    }
    // Multi-line strings could hold lines that look like a table header or a key.
    if memchr::memmem::find(text.as_bytes(), b"\"\"\"").is_some()
        || memchr::memmem::find(text.as_bytes(), b"'''").is_some()
    {
        return None;
    }
    let mut in_vendor = false;
    let mut found = None;
    for line in crate::evidence::load::lines(text) {
        let line = line.trim();
        if line.starts_with('[') {
            in_vendor = line == "[vendor]";
            continue;
        }
        if !in_vendor {
            continue;
        }
        let Some(rest) = line.strip_prefix("id") else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(value) = rest.strip_prefix('=') else {
            // `identifier = …`, `id.x = …`: not the plain form.
            if rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
                continue;
            }
            return None;
        };
        let value = value.trim().strip_prefix('"')?;
        let end = value.find('"')?;
        let (id, tail) = (&value[..end], value[end + 1..].trim());
        if id.contains('\\') || !(tail.is_empty() || tail.starts_with('#')) || found.is_some() {
            return None;
        }
        found = Some(id.to_string());
    }
    found
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
    let errors = for_each_vendor(
        &Run {
            paths,
            as_of,
            choice,
            waivers,
            index_root: None,
            registry_answers: None,
            positions: crate::engine::Positions::Found,
        },
        |_| {},
        |v| v,
        |v| vendors.push(v),
    );
    RunReport {
        as_of,
        policy: choice.describe(),
        vendors,
        errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toml(text: &str) -> Option<String> {
        scan_id(Path::new("vendor.toml"), text)
    }

    #[test]
    fn the_id_scan_reads_only_the_plain_form() {
        let plain = "schema = 1\n\n[vendor]\nid = \"acme\"\nname = \"Acme\"\n";
        assert_eq!(toml(plain).as_deref(), Some("acme"));
        assert_eq!(
            toml("[vendor]\r\n  id   =  \"acme\"  # ours\r\n").as_deref(),
            Some("acme")
        );
        assert_eq!(
            toml("[vendor]\nidentifier = \"x\"\nid = \"acme\"\n").as_deref(),
            Some("acme")
        );
        // Forms it does not read: it says nothing rather than guess.
        for text in [
            "[vendor]\nid = 'acme'\n",
            "[vendor]\nid = \"ac\\u006de\"\n",
            "vendor.id = \"acme\"\n",
            "vendor = { id = \"acme\" }\n",
            "[vendor] # x\nid = \"acme\"\n",
            "[vendor]\nid = \"acme\", \n",
            "[vendor]\nid.x = \"acme\"\n",
            "[vendor]\nid = \"acme\"\nid = \"other\"\n",
            "[vendor]\nnotes = \"\"\"\n[vendor]\nid = \"decoy\"\n\"\"\"\nid = \"acme\"\n",
            "[soc2]\nid = \"acme\"\n",
            "",
        ] {
            assert_eq!(toml(text), None, "{text}");
        }
    }

    #[test]
    fn the_id_scan_of_json_is_a_real_parse() {
        let json = |t: &str| scan_id(Path::new("v.json"), t);
        assert_eq!(
            json(r#"{"schema":1,"vendor":{"name":"A","id":"ac\u006de"}}"#).as_deref(),
            Some("acme")
        );
        assert_eq!(json(r#"{"vendor":{"id":"a"},"vendor":{"id":"b"}}"#), None);
        assert_eq!(json(r#"{"vendor":{"id":"a"}"#), None);
    }

    #[test]
    fn references_may_hide_behind_escapes() {
        assert!(may_refer("hosted_on = []"));
        assert!(may_refer("method = \"carve_out\""));
        assert!(may_refer("method = \"carve\\u005fout\""));
        assert!(!may_refer("method = \"inclusive\""));
    }
}
