//! `vendorcert.toml`: a portfolio's settings, set once. A portfolio root declares itself with the
//! file; each run finds it by walking up from its PATHs, as cargo and ruff find theirs
//! (`--config FILE` names one, `--no-config` reads none). Its folder is the portfolio root: a
//! vendor folder checked on its own resolves hosting and subservice vendors against the whole
//! portfolio, and gets the portfolio's waivers, so its verdict does not depend on how it was
//! invoked.
//!
//! ```toml
//! policy = "ai-vendor"            # a built-in name or a policy file (relative to this file)
//! waivers = ["waivers.toml"]      # relative to this file
//! registries = "registries.toml"  # check --online/--offline
//! within = "90d"                  # expiring's horizon
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::cli::Span;
use crate::evidence::InputError;
use crate::evidence::error::Diagnostic;

/// The file's name.
pub const FILE_NAME: &str = "vendorcert.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    policy: Option<String>,
    #[serde(default)]
    waivers: Vec<String>,
    registries: Option<String>,
    within: Option<String>,
}

/// A loaded `vendorcert.toml`, paths resolved against its folder.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file itself.
    pub file: PathBuf,
    /// Its folder: the portfolio root.
    pub root: PathBuf,
    /// A built-in policy name or a policy file's path.
    pub policy: Option<String>,
    pub waivers: Vec<PathBuf>,
    pub registries: Option<PathBuf>,
    pub within: Option<Span>,
}

impl Config {
    pub fn load(file: &Path) -> Result<Config, Vec<InputError>> {
        let text = crate::evidence::load::read_text(file).map_err(|e| vec![e])?;
        let config = crate::evidence::load::parse_config::<ConfigFile>(file, text, |_| Vec::new())?;
        let root = match file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let value = &config.value;
        let mut diags = Vec::new();
        let within = match &value.within {
            Some(s) => match crate::cli::parse_span(s) {
                Ok(span) => Some(span),
                Err(e) => {
                    diags.push(Diagnostic::at(config.root.locate("within").span.clone(), e));
                    None
                }
            },
            None => None,
        };
        if !diags.is_empty() {
            return Err(config.locate(diags));
        }
        let policy = value.policy.as_ref().map(|p| {
            if crate::policy::BUILT_IN.contains(&p.as_str()) {
                p.clone()
            } else {
                root.join(p).to_string_lossy().into_owned()
            }
        });
        Ok(Config {
            file: file.to_path_buf(),
            policy,
            waivers: value.waivers.iter().map(|w| root.join(w)).collect(),
            registries: value.registries.as_ref().map(|r| root.join(r)),
            within,
            root,
        })
    }
}

/// The `vendorcert.toml` nearest above `path` (its own folder first), shown relative to the
/// current folder when it lies below it.
pub fn find(path: &Path) -> Option<PathBuf> {
    let start = if path.is_dir() {
        path.to_path_buf()
    } else {
        match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    };
    let start = std::fs::canonicalize(&start).ok()?;
    let found = start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())?;
    let cwd = std::env::current_dir().and_then(std::fs::canonicalize).ok();
    Some(
        match cwd.as_deref().and_then(|cwd| found.strip_prefix(cwd).ok()) {
            Some(relative) => relative.to_path_buf(),
            None => found,
        },
    )
}

/// The configuration of a run: `--config FILE`, none with `--no-config`, else the one found
/// above the PATHs. `Err` is the message when the PATHs lie in different portfolios.
pub fn discover(
    paths: &[PathBuf],
    explicit: Option<&Path>,
    disabled: bool,
) -> Result<Option<PathBuf>, String> {
    if disabled {
        return Ok(None);
    }
    if let Some(file) = explicit {
        return Ok(Some(file.to_path_buf()));
    }
    let found: Vec<(&PathBuf, Option<PathBuf>)> = paths.iter().map(|p| (p, find(p))).collect();
    let Some((first_path, Some(first))) = found.iter().find(|(_, f)| f.is_some()) else {
        return Ok(None);
    };
    for (path, file) in &found {
        let message = match file {
            Some(f) if same_file(f, first) => continue,
            Some(f) => format!("{} and {}", first.display(), f.display()),
            None => format!("{} and none", first.display()),
        };
        return Err(format!(
            "{} and {} belong to different portfolios ({message}); check them separately, or \
             give --config FILE or --no-config",
            first_path.display(),
            path.display(),
        ));
    }
    Ok(Some(first.clone()))
}

/// Whether two paths name the same file (by their canonical paths, when they exist).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The commented `vendorcert.toml` that `init --portfolio` writes.
pub fn template() -> &'static str {
    r#"# vendorcert portfolio settings. Every vendorcert run finds this file by walking up from the
# paths it is given (as cargo finds Cargo.toml), so checking one vendor folder gives the same
# verdict as checking the whole portfolio: hosting and subservice vendors are resolved from the
# whole portfolio, and its waivers apply. `--config FILE` names another file, `--no-config`
# reads none; command-line options override what is set here. Paths are relative to this file.

# The policy: a built-in name (baseline, ai-vendor, strict, eu-ai-act-high-risk) or a policy
# file. Left out, each vendor's risk tier picks one (low: baseline, medium: ai-vendor,
# high: eu-ai-act-high-risk).
# policy = "ai-vendor"

# Waivers files (documented executive risk acceptances).
waivers = ["waivers.toml"]

# The registries file for `check --online` / `--offline` (see docs/online.md).
# registries = "registries.toml"

# How far ahead `vendorcert expiring` looks: days (90d), weeks (12w) or months (6m).
# within = "90d"
"#
}
