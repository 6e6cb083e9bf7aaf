//! Waivers: no exception without a documented risk acceptance by someone entitled to give it.
//!
//! ```toml
//! [[waiver]]
//! vendor = "corvid-models"
//! rule = "SOC2-SCOPE"
//! reason = "Rerank API launched after the SOC 2 period; the 2027 report will cover it"
//! approver = "Dana Whitlock, CISO"
//! approved = 2026-10-01
//! expires = 2027-03-31
//! certificate = "MC-2024-0042"     # optional: lapses with this ISO certificate
//! soc2_period_end = 2026-06-30     # optional: lapses when this SOC 2 report ages out
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::evidence::error::{Diagnostic, InputError, did_you_mean};
use crate::evidence::load::{is_vendor_id, parse_config, read_text};
use crate::rules::RULES;

pub use crate::evidence::waiver::Waiver;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WaiverFile {
    #[serde(default)]
    waiver: Vec<Waiver>,
}

/// Reads a waivers file; every problem is reported with its line, at once. A waiver may run at
/// most `max_months` past its approval.
pub fn load_waivers(path: &Path, max_months: u32) -> Result<Vec<Waiver>, Vec<InputError>> {
    let text = read_text(path).map_err(|e| vec![e])?;
    parse_waivers(path, text, max_months)
}

/// A waivers file's text read from `path`, checked: what [`load_waivers`] does once the file is
/// read.
pub fn parse_waivers(
    path: &Path,
    text: String,
    max_months: u32,
) -> Result<Vec<Waiver>, Vec<InputError>> {
    let config = parse_config::<WaiverFile>(path, text, |_| Vec::new())?;
    let root = &config.root;
    let mut diags = Vec::new();
    let mut waivers = config.value.waiver.clone();
    for (i, w) in waivers.iter_mut().enumerate() {
        let at = |field: &str| root.locate(&format!("waiver[{i}].{field}")).span.clone();
        if !is_vendor_id(&w.vendor) {
            diags.push(Diagnostic::at(
                at("vendor"),
                format!("invalid vendor id `{}`", w.vendor),
            ));
        }
        if !RULES.iter().any(|r| r.id == w.rule) {
            let d = Diagnostic::at(at("rule"), format!("unknown rule id `{}`", w.rule));
            diags.push(match did_you_mean(&w.rule, RULES.iter().map(|r| r.id)) {
                Some(best) => d.with_help(format!("did you mean `{best}`?")),
                None => d.with_help("`vendorcert rules` lists the rule ids"),
            });
        }
        for (field, value) in [("reason", &w.reason), ("approver", &w.approver)] {
            if crate::rules::is_placeholder(value) {
                diags.push(
                    Diagnostic::at(
                        at(field),
                        format!("the waiver's {field} is empty or a placeholder"),
                    )
                    .with_help("a waiver documents who accepted which risk, and why"),
                );
            }
        }
        if w.expires <= w.approved {
            diags.push(Diagnostic::at(
                at("expires"),
                format!(
                    "expires ({}) on or before its approval ({})",
                    w.expires, w.approved
                ),
            ));
        } else if w.expires > w.approved.plus_months(max_months) {
            diags.push(
                Diagnostic::at(
                    at("expires"),
                    format!(
                        "expires {}, more than {max_months} months after its approval on {}",
                        w.expires, w.approved
                    ),
                )
                .with_help("the policy's `max_waiver_months` sets the longest waiver"),
            );
        }
        w.origin = format!(
            "{}:{}",
            path.display(),
            config.line_of(&format!("waiver[{i}]"))
        );
        let span = root.locate(&format!("waiver[{i}].rule")).span.clone();
        w.origin_source = Some((config.source(), span));
    }
    if diags.is_empty() {
        Ok(waivers)
    } else {
        Err(config.locate(diags))
    }
}

/// The waivers files of a run: `--waivers FILE`, and `waivers.toml` beside each folder given.
pub fn waiver_files(paths: &[PathBuf], explicit: Option<&Path>) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = explicit.map(Path::to_path_buf).into_iter().collect();
    for p in paths.iter().filter(|p| p.is_dir()) {
        let candidate = p.join("waivers.toml");
        if candidate.is_file() && !files.contains(&candidate) {
            files.push(candidate);
        }
    }
    files
}
