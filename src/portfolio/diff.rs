//! What changed between two JSON reports: verdicts, and findings that appeared or cleared. A
//! weekly CI job runs it to alert on regressions.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use crate::evidence::InputError;

/// A report's vendors, by id (or file, for an invalid one).
struct ReportVendors(BTreeMap<String, (String, BTreeSet<FindingKey>)>);

/// A non-passing finding, identified across runs by rule, subject and evidence path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct FindingKey {
    pub rule: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    pub status: String,
    pub severity: String,
    pub message: String,
}

impl FindingKey {
    fn identity(&self) -> (&str, Option<&str>, Option<&str>, &str) {
        (
            &self.rule,
            self.subject.as_deref(),
            self.path.as_deref(),
            &self.status,
        )
    }
}

/// One vendor's changes.
#[derive(Debug, Clone, Serialize)]
pub struct VendorChange {
    pub vendor: String,
    /// `pass`, `fail`, `invalid`, or `absent` when the vendor is in only one report.
    pub old_verdict: String,
    pub new_verdict: String,
    pub appeared: Vec<FindingKey>,
    pub cleared: Vec<FindingKey>,
    /// The verdict got worse, or a finding of severity error appeared.
    pub worse: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub old_as_of: String,
    pub new_as_of: String,
    pub changes: Vec<VendorChange>,
}

impl Diff {
    pub fn any_worse(&self) -> bool {
        self.changes.iter().any(|c| c.worse)
    }
}

fn rank(verdict: &str) -> u8 {
    match verdict {
        "pass" => 0,
        "absent" => 1,
        "fail" => 2,
        _ => 3,
    }
}

/// Reads a JSON report written by `vendorcert check --format json`.
fn read_report(path: &Path) -> Result<(String, ReportVendors), InputError> {
    let text = crate::evidence::load::read_text(path)?;
    let value: Value = serde_json::from_str(&text).map_err(|e| InputError {
        line: e.line(),
        column: e.column(),
        ..InputError::whole_file(path, format!("not a JSON report: {e}"))
    })?;
    if value["report_version"] != 1 {
        return Err(InputError::whole_file(
            path,
            "not a vendorcert JSON report (report_version 1)",
        )
        .with_help("write reports with `vendorcert check --format json`"));
    }
    let str_of = |v: &Value| v.as_str().map(str::to_string);
    let mut vendors = BTreeMap::new();
    for v in value["vendors"].as_array().into_iter().flatten() {
        let key = str_of(&v["id"])
            .or_else(|| str_of(&v["file"]))
            .unwrap_or_default();
        let verdict = str_of(&v["verdict"]).unwrap_or_default();
        let findings = v["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|f| matches!(f["status"].as_str(), Some("fail" | "warn" | "unverified")))
            .map(|f| FindingKey {
                rule: str_of(&f["rule"]).unwrap_or_default(),
                subject: str_of(&f["subject"]),
                path: str_of(&f["location"]["path"]),
                status: str_of(&f["status"]).unwrap_or_default(),
                severity: str_of(&f["severity"]).unwrap_or_default(),
                message: str_of(&f["message"]).unwrap_or_default(),
            })
            .collect();
        vendors.insert(key, (verdict, findings));
    }
    Ok((
        str_of(&value["as_of"]).unwrap_or_default(),
        ReportVendors(vendors),
    ))
}

/// Compares two JSON reports.
pub fn diff(old: &Path, new: &Path) -> Result<Diff, Vec<InputError>> {
    let (old, new) = match (read_report(old), read_report(new)) {
        (Ok(o), Ok(n)) => (o, n),
        (o, n) => return Err(o.err().into_iter().chain(n.err()).collect()),
    };
    let ids: BTreeSet<&String> = old.1.0.keys().chain(new.1.0.keys()).collect();
    let absent = ("absent".to_string(), BTreeSet::new());
    let mut changes = Vec::new();
    for id in ids {
        let (ov, of) = old.1.0.get(id).unwrap_or(&absent);
        let (nv, nf) = new.1.0.get(id).unwrap_or(&absent);
        let has = |set: &BTreeSet<FindingKey>, k: &FindingKey| {
            set.iter().any(|x| x.identity() == k.identity())
        };
        let appeared: Vec<FindingKey> = nf.iter().filter(|k| !has(of, k)).cloned().collect();
        let cleared: Vec<FindingKey> = of.iter().filter(|k| !has(nf, k)).cloned().collect();
        if ov == nv && appeared.is_empty() && cleared.is_empty() {
            continue;
        }
        let worse = rank(nv) > rank(ov) || appeared.iter().any(|k| k.severity == "error");
        changes.push(VendorChange {
            vendor: id.clone(),
            old_verdict: ov.clone(),
            new_verdict: nv.clone(),
            appeared,
            cleared,
            worse,
        });
    }
    Ok(Diff {
        old_as_of: old.0,
        new_as_of: new.0,
        changes,
    })
}
