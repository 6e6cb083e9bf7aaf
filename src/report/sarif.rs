//! SARIF 2.1.0 report (OASIS errata01), for code-scanning dashboards.
//!
//! One run. `tool.driver.rules` declares every rule of the registry, in registry order, then
//! the `input-error` rule for evidence files that cannot be read or are invalid. Each
//! non-passing finding (fail, warn, unverified, and waived ones, which carry an external
//! suppression) is one result located at its line in the vendor's evidence file.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Component, Path};

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::engine::{Finding, Severity, VendorResult};
use crate::evidence::InputError;
use crate::evidence::load::to_hex;
use crate::policy::Waiver;
use crate::portfolio::{RunReport, VendorOutcome};
use crate::rules::{Level, RULES, Rule, Status};

use super::Render;
use super::json_out::Out;

/// The schema the output follows.
pub const SARIF_SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The id of the rule under which unreadable or invalid evidence files are reported.
pub const INPUT_ERROR_RULE: &str = "input-error";

/// Key of the fingerprint in `partialFingerprints` (bump the version if its input changes).
const FINGERPRINT_KEY: &str = "vendorcert/v1";

/// The base that relative artifact URIs are resolved against: the folder the run started in.
const SRCROOT: &str = "%SRCROOT%";

/// Where each rule's documentation is: its section of docs/rules.md in the repository, at the
/// tag of this version (`v0.1.0`), so a link never points at a rule as a later version words it.
pub const RULES_DOC_BASE: &str = concat!(
    env!("CARGO_PKG_REPOSITORY"),
    "/blob/v",
    env!("CARGO_PKG_VERSION"),
    "/docs/rules.md"
);

/// The `security-severity` GitHub code scanning ranks a rule's alerts by (0 to 10; 7.0 to 8.9 is
/// "high"): given to the rules whose default level is error, the ones that fail a vendor.
pub const ERROR_SECURITY_SEVERITY: &str = "7.0";

/// A rule's documentation: its section of docs/rules.md (the anchor GitHub and GitLab give the
/// `### RULE-ID` heading).
pub fn help_uri(rule: &Rule) -> String {
    format!("{RULES_DOC_BASE}#{}", rule.slug())
}

pub struct SarifReport;

impl Render for SarifReport {
    fn render(&self, report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
        super::render_streamed(self, report, out)
    }
}

/// Starts the next result of a vendor's: an element of `runs[0].results`, indented as the pretty
/// printer indents it there.
fn next_result(item: &mut Vec<u8>) {
    if !item.is_empty() {
        item.extend_from_slice(b",\n");
    }
    item.extend_from_slice(&[b' '; 2 * RESULT_DEPTH]);
}

/// A result given as a value (an input error's).
fn result_item(result: &Value, item: &mut Vec<u8>) -> io::Result<()> {
    next_result(item);
    Out::pretty_at(item, RESULT_DEPTH).serde(result)
}

/// Stands for the results in the log written around them.
const RESULTS_HERE: &str = "\u{1}results";

/// Each vendor's results are serialised on a worker thread and spooled; the log around them
/// (the exit code comes before the results) is written at the end.
impl super::Streamed for SarifReport {
    type Piece = io::Result<Vec<u8>>;
    type Sink = super::spool::Spool;

    fn sink(&self) -> Self::Sink {
        super::spool::Spool::new()
    }

    fn piece(
        &self,
        _position: usize,
        outcome: &VendorOutcome,
        _loaded: Option<crate::portfolio::Loaded<'_>>,
    ) -> Self::Piece {
        let mut item = Vec::new();
        match outcome {
            VendorOutcome::Evaluated(v) => {
                let mut seen = BTreeMap::new();
                let file = Artifact::of(&v.file);
                for f in v.findings.iter().filter(|f| reported(f)) {
                    next_result(&mut item);
                    let mut out = Out::pretty_at(&mut item, RESULT_DEPTH);
                    finding_result(&mut out, v, &file, f, &mut seen)?;
                }
            }
            VendorOutcome::Invalid { errors, .. } => {
                for e in errors {
                    result_item(&input_error_result(e), &mut item)?;
                }
            }
        }
        Ok(item)
    }

    fn take(
        &self,
        sink: &mut Self::Sink,
        piece: Self::Piece,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        let piece = piece?;
        if piece.is_empty() {
            return Ok(());
        }
        super::spool::push_item(sink, &piece)
    }

    fn finish(
        &self,
        mut sink: Self::Sink,
        end: &super::RunEnd,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let mut item = Vec::new();
        for e in end.errors {
            result_item(&input_error_result(e), &mut item)?;
        }
        if !item.is_empty() {
            super::spool::push_item(&mut sink, &item)?;
        }
        let log = sarif_log(
            end.as_of,
            end.policy,
            end.totals.exit_code(end.errors.len()),
        );
        let text = serde_json::to_vec_pretty(&log)?;
        let marker = serde_json::to_vec(RESULTS_HERE)?;
        let at = memchr::memmem::find(&text, &marker)
            .ok_or_else(|| io::Error::other("the SARIF log lost the place of its results"))?;
        out.write_all(&text[..at])?;
        super::spool::array(&mut sink, 6, out)?;
        out.write_all(&text[at + marker.len()..])?;
        writeln!(out)
    }
}

/// The SARIF log of a run, with [`RESULTS_HERE`] where its results go.
fn sarif_log(as_of: crate::evidence::Date, policy: &str, exit_code: u8) -> Value {
    let mut rules: Vec<Value> = RULES.iter().map(|r| rule_descriptor(r)).collect();
    rules.push(input_error_descriptor());

    json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": env!("CARGO_PKG_NAME"),
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": rules,
                }
            },
            "invocations": [{
                // The run completed: invalid evidence files are reported as results.
                "executionSuccessful": true,
                "exitCode": exit_code,
            }],
            "originalUriBaseIds": { SRCROOT: srcroot() },
            "columnKind": "unicodeCodePoints",
            "results": RESULTS_HERE,
            "properties": {
                "asOf": as_of.to_string(),
                "policy": policy,
            },
        }],
    })
}

/// Whether a finding becomes a result: everything the vendor should be asked about, and what
/// a waiver accepted (as a suppressed result).
fn reported(f: &Finding) -> bool {
    f.needs_answer() || f.status == Status::Waived
}

fn level_of_rule(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Off => "none",
    }
}

/// A result's level: the finding's severity. A waived finding has no severity left, so it
/// keeps the level its rule has under the policy (the result is suppressed anyway).
fn level_of_finding(f: &Finding) -> &'static str {
    match (f.status, f.severity) {
        (Status::Waived, _) => match f.level {
            Level::Off => "note",
            level => level_of_rule(level),
        },
        (_, Severity::Error) => "error",
        (_, Severity::Warning) => "warning",
        (_, Severity::None) => "note",
    }
}

/// The rule's name in SARIF: its id in PascalCase (`SOC2-FULL-REPORT` → `Soc2FullReport`).
pub fn pascal_name(id: &str) -> String {
    id.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(|part| {
            let lower = part.to_ascii_lowercase();
            let mut chars = lower.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// What `%SRCROOT%` stands for: the folder the run started in, as a `file:` URI ending in `/`.
fn srcroot() -> Value {
    let description = json!({ "text": "the folder vendorcert ran in" });
    match std::env::current_dir() {
        Ok(dir) if dir.has_root() => {
            let mut uri = uri_of(&dir);
            if !uri.ends_with('/') {
                uri.push('/');
            }
            json!({ "uri": uri, "description": description })
        }
        _ => json!({ "description": description }),
    }
}

fn rule_descriptor(rule: &Rule) -> Value {
    let framework = serde_json::to_value(rule.framework).unwrap_or(Value::Null);
    // The schema wants tags unique (the AI framework's name is already "ai").
    let mut tags = vec![Value::from("vendor-risk"), framework.clone()];
    let mut tag = |t: Value| {
        if !tags.contains(&t) {
            tags.push(t);
        }
    };
    if rule.gap.is_some() {
        tag("ai".into());
    }
    // GitHub shows `security-severity` only on rules tagged "security".
    if rule.default_level == Level::Error {
        tag("security".into());
    }
    // The frameworks the rule bears on, then each obligation ("NIS2 Art. 21(2)(d)").
    for regime in crate::rules::crosswalk::Regime::ALL {
        if rule.obligations.bears_on(*regime) {
            tag(regime.key().into());
        }
    }
    for obligation in rule.obligations.obligations() {
        tag(obligation.label().into());
    }
    let mut properties = json!({
        "framework": framework,
        "frameworkTitle": rule.framework.title(),
        "sources": rule.sources,
        "tags": tags,
        "obligations": crate::rules::crosswalk::ObligationRefs(rule.obligations),
    });
    if rule.default_level == Level::Error {
        properties["security-severity"] = ERROR_SECURITY_SEVERITY.into();
    }
    if let Some(gap) = rule.gap {
        properties["aiGap"] = json!(gap);
    }
    let obligations: Vec<String> = rule.obligations.obligations().map(|o| o.label()).collect();
    let obligations = match obligations.as_slice() {
        [] => String::new(),
        labels => format!("\nHelps evidence: {}.", labels.join("; ")),
    };
    json!({
        "id": rule.id,
        "name": pascal_name(rule.id),
        "shortDescription": { "text": rule.title },
        "fullDescription": { "text": rule.rationale },
        "helpUri": help_uri(rule),
        "help": {
            "text": format!(
                "Passes: {}.\nFails: {}.\nAsk the vendor: {}\nSources: {}.{obligations}",
                rule.passes,
                rule.fails,
                rule.question,
                rule.sources.join("; ")
            ),
            "markdown": format!(
                "**Passes:** {}.\n\n**Fails:** {}.\n\n**Ask the vendor:** {}\n\n**Sources:** {}.{}",
                rule.passes,
                rule.fails,
                rule.question,
                rule.sources.join("; "),
                obligations.replace("\nHelps evidence:", "\n\n**Helps evidence:**")
            ),
        },
        "defaultConfiguration": { "level": level_of_rule(rule.default_level) },
        "properties": properties,
    })
}

fn input_error_descriptor() -> Value {
    let passes = "an evidence file that can be read and follows the evidence format";
    let fails = "an unreadable, empty, binary or oversized file, a syntax error, an unknown or \
        missing field, a value of the wrong type";
    let fix = "Correct the file at the reported line (the message says what is wrong), then run \
        vendorcert again.";
    json!({
        "id": INPUT_ERROR_RULE,
        "name": pascal_name(INPUT_ERROR_RULE),
        "shortDescription": { "text": "the evidence file is readable and valid" },
        "fullDescription": {
            "text": "An evidence file that cannot be read or is invalid is never a pass: the \
                vendor it describes is not evaluated until the file is corrected."
        },
        "help": {
            "text": format!("Passes: {passes}.\nFails: {fails}.\n{fix}"),
            "markdown": format!("**Passes:** {passes}.\n\n**Fails:** {fails}.\n\n{fix}"),
        },
        "defaultConfiguration": { "level": "error" },
        "properties": { "tags": ["input"] },
    })
}

fn rule_index(id: &str) -> usize {
    RULES.iter().position(|r| r.id == id).unwrap_or(RULES.len())
}

/// Where a vendor's results stand in the log: elements of `runs[0].results`.
const RESULT_DEPTH: usize = 4;

/// A vendor's evidence file as its results locate it.
struct Artifact {
    uri: String,
    relative: bool,
}

impl Artifact {
    fn of(file: &Path) -> Artifact {
        Artifact {
            uri: uri_of(file),
            relative: !file.has_root(),
        }
    }
}

/// A finding's result, written member by member (see `json_out`) as serde_json would lay out
/// the object in its place. `seen` counts the fingerprints already given for the vendor, so
/// that two findings with the same vendor, rule and evidence path still get distinct
/// fingerprints.
fn finding_result(
    out: &mut Out<'_>,
    v: &VendorResult,
    file: &Artifact,
    f: &Finding,
    seen: &mut BTreeMap<String, usize>,
) -> io::Result<()> {
    let at = f.at.as_deref().unwrap_or("");
    let base = fingerprint(&[&v.id, f.rule.id, at]);
    let n = seen.entry(base.clone()).or_insert(0);
    *n += 1;
    let print = if *n == 1 {
        base
    } else {
        fingerprint(&[&v.id, f.rule.id, at, &n.to_string()])
    };
    out.open(b'{');
    out.key("ruleId");
    out.str(f.rule.id);
    out.key("ruleIndex");
    out.uint(rule_index(f.rule.id));
    out.key("level");
    out.str(level_of_finding(f));
    out.key("message");
    out.open(b'{');
    out.key("text");
    match &f.subject {
        Some(subject) => out.str_of(&[subject, ": ", &f.message]),
        None => out.str(&f.message),
    }
    out.close(b'}');
    out.key("locations");
    out.open(b'[');
    out.element();
    location_into(out, file, f.line, f.column);
    out.close(b']');
    out.key("partialFingerprints");
    out.open(b'{');
    out.key(FINGERPRINT_KEY);
    out.str(&print);
    out.close(b'}');
    out.key("properties");
    out.open(b'{');
    out.key("vendor");
    out.str(&v.id);
    out.key("vendorName");
    out.str(&v.name);
    out.key("status");
    out.serde(&f.status)?;
    if let Some(at) = &f.at {
        out.key("evidencePath");
        out.str(at);
    }
    if let Some(gap) = f.rule.gap.filter(|_| f.needs_answer()) {
        out.key("aiGap");
        out.serde(&gap)?;
    }
    if f.needs_answer() {
        out.key("question");
        out.str(f.rule.question);
    }
    if !f.matched.is_empty() {
        out.key("matched");
        out.serde(&f.matched)?;
    }
    out.close(b'}');
    if let Some(w) = &f.waiver {
        out.key("suppressions");
        out.serde(&[suppression(w)])?;
    }
    out.close(b'}');
    Ok(())
}

/// A location in the vendor's evidence file, as [`location`] makes it.
fn location_into(out: &mut Out<'_>, file: &Artifact, line: usize, column: usize) {
    out.open(b'{');
    out.key("physicalLocation");
    out.open(b'{');
    out.key("artifactLocation");
    out.open(b'{');
    out.key("uri");
    out.str(&file.uri);
    if file.relative {
        out.key("uriBaseId");
        out.str(SRCROOT);
    }
    out.close(b'}');
    out.key("region");
    out.open(b'{');
    out.key("startLine");
    out.uint(line.max(1));
    if column >= 1 {
        out.key("startColumn");
        out.uint(column);
    }
    out.close(b'}');
    out.close(b'}');
    out.close(b'}');
}

fn input_error_result(e: &InputError) -> Value {
    let text = match &e.help {
        Some(help) => format!("{}\nhelp: {help}", e.message),
        None => e.message.clone(),
    };
    let file = uri_of(&e.file);
    json!({
        "ruleId": INPUT_ERROR_RULE,
        "ruleIndex": RULES.len(),
        "level": "error",
        "message": { "text": text },
        "locations": [location(&e.file, e.line, e.column)],
        "partialFingerprints": {
            FINGERPRINT_KEY: fingerprint(&[&file, INPUT_ERROR_RULE, &e.message]),
        },
        "properties": { "status": "invalid" },
    })
}

fn suppression(w: &Waiver) -> Value {
    let mut s = json!({
        "kind": "external",
        "status": "accepted",
        "justification": format!(
            "{} (accepted by {} on {}, until {})",
            w.reason, w.approver, w.approved, w.expires
        ),
        "properties": {
            "approver": w.approver,
            "approved": w.approved.to_string(),
            "expires": w.expires.to_string(),
            "origin": w.origin,
        },
    });
    // `origin` is "file:line".
    if let Some((file, line)) = w.origin.rsplit_once(':')
        && let Ok(line) = line.parse::<usize>()
    {
        s["location"] = location(Path::new(file), line, 0);
    }
    s
}

/// A location in a file; the whole file (line 0) is reported at its first line.
fn location(file: &Path, line: usize, column: usize) -> Value {
    let mut artifact = json!({ "uri": uri_of(file) });
    if !file.has_root() {
        artifact["uriBaseId"] = SRCROOT.into();
    }
    let mut region = json!({ "startLine": line.max(1) });
    if column >= 1 {
        region["startColumn"] = column.into();
    }
    json!({ "physicalLocation": { "artifactLocation": artifact, "region": region } })
}

/// A stable, opaque fingerprint: SHA-256 of the parts, each followed by a NUL byte.
fn fingerprint(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    to_hex(&hasher.finalize())
}

/// A path as a URI reference: relative paths stay relative (forward slashes, no `./`),
/// absolute paths become `file:` URIs; anything outside the unreserved characters is
/// percent-encoded.
pub fn uri_of(path: &Path) -> String {
    let mut segments: Vec<String> = Vec::new();
    let mut absolute = false;
    for component in path.components() {
        match component {
            Component::Prefix(p) => {
                absolute = true;
                segments.push(p.as_os_str().to_string_lossy().replace('\\', "/"));
            }
            Component::RootDir => absolute = true,
            Component::CurDir => {}
            Component::ParentDir => segments.push("..".into()),
            Component::Normal(s) => segments.push(s.to_string_lossy().into_owned()),
        }
    }
    let encoded: Vec<String> = segments
        .iter()
        .enumerate()
        .map(|(i, s)| encode_segment(s, absolute && i == 0))
        .collect();
    if absolute {
        format!("file:///{}", encoded.join("/"))
    } else if encoded.is_empty() {
        ".".into()
    } else {
        encoded.join("/")
    }
}

fn encode_segment(segment: &str, keep_colon: bool) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        let keep = b.is_ascii_alphanumeric()
            || b"-._~!$&'()*+,;=@".contains(&b)
            || (keep_colon && b == b':');
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_pascal_case() {
        assert_eq!(pascal_name("SOC2-FULL-REPORT"), "Soc2FullReport");
        assert_eq!(pascal_name("input-error"), "InputError");
    }

    #[test]
    fn uris_are_relative_with_forward_slashes() {
        assert_eq!(
            uri_of(Path::new("./vendors/acme ai/vendor.toml")),
            "vendors/acme%20ai/vendor.toml"
        );
        assert_eq!(uri_of(Path::new("a#b/c:d")), "a%23b/c%3Ad");
        assert_eq!(
            uri_of(Path::new("/tmp/x/vendor.toml")),
            "file:///tmp/x/vendor.toml"
        );
    }
}
