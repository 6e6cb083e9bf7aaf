//! Each rule declares the evidence fields it reads (`Rule::reads`), and the evidence format
//! reference lists them under each field. This checks the declarations against what the rules do:
//!
//! - every declared path is a field of the model, and every field of the model is read by some
//!   rule or listed in `RECORDED_ONLY`;
//! - a declared read is shown: on some base vendor (every rule fixture and the complete example),
//!   changing that field (leaving it out, flipping it, shifting a date, another enum value,
//!   another value seen in the fixtures, dropping a list entry…) changes that rule's findings
//!   (status, message, location or subject); the reads this cannot show are listed in
//!   `UNPROVEN`, each with the reason;
//! - no read is undeclared: whenever such a change alters a rule's findings, the rule declares
//!   the field (or, for a table or list left out as a whole, a field inside it).
//!
//! `FIELD_READS_PRINT=1 cargo test --test field_reads -- --nocapture` prints what was shown,
//! rule by rule, with one witness per read.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde_json::Value;
use vendorcert::engine::evaluate;
use vendorcert::evidence::load::parse_vendor_text;
use vendorcert::evidence::waiver::Waiver;
use vendorcert::evidence::{Date, EVIDENCE_FILE_NAMES, LoadedVendor, load_vendor};
use vendorcert::policy::Policy;
use vendorcert::report::fields_doc::{Field, Kind, fields};
use vendorcert::rules::{PortfolioEntry, PortfolioIndex, RECORDED_ONLY, RULES};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Declared reads no change of a base vendor shows, and why they are declared anyway.
const UNPROVEN: &[(&str, &str, &str)] = &[
    (
        "STAR-LEVEL",
        "star[].level",
        "`level` must agree with `assessment`, so no change of `level` alone loads",
    ),
    (
        "ISO-VERIFIED",
        "vendor.country",
        "read only with `--online`, by the registry look-up (tests/online_iaf.rs)",
    ),
    (
        "ISO-VERIFIED",
        "iso[].certified_entity",
        "read only with `--online`, by the registry look-up (tests/online_iaf.rs)",
    ),
    (
        "ISO-VERIFIED",
        "iso[].certificate_number",
        "read only with `--online`, by the registry look-up (tests/online_iaf.rs)",
    ),
    (
        "ISO-VERIFIED",
        "iso[].verification.reference",
        "read only with `--online`, by the registry look-up (tests/online_iaf.rs)",
    ),
    (
        "GEN-DOCUMENT",
        "soc2[].document.url",
        "a URL is fetched only with `--online`; offline a URL-only document is unverified \
         whatever the URL, and leaving the URL out of it does not load",
    ),
    (
        "GEN-DOCUMENT",
        "iso[].document.url",
        "a URL is fetched only with `--online`; offline a URL-only document is unverified \
         whatever the URL, and leaving the URL out of it does not load",
    ),
    (
        "SOC2-SCOPE",
        "soc2[].covers[].service",
        "it must name one of `vendor.services`; the changes tried (placeholders, values of \
         other fixtures) do not load",
    ),
    (
        "ISO-SCOPE",
        "iso[].covers[].service",
        "it must name one of `vendor.services`; the changes tried do not load",
    ),
    (
        "GEN-COVERAGE",
        "soc2[].covers[].service",
        "it must name one of `vendor.services`; the changes tried do not load",
    ),
    (
        "GEN-COVERAGE",
        "iso[].covers[].service",
        "it must name one of `vendor.services`; the changes tried do not load",
    ),
];

/// A vendor to change fields of, with what its run needs.
struct Base {
    name: String,
    dir: PathBuf,
    evidence: Value,
    as_of: Date,
    policy: Arc<Policy>,
    others: Vec<LoadedVendor>,
    known: Vec<String>,
    waivers: Vec<Waiver>,
}

#[derive(serde::Deserialize)]
struct Expect {
    as_of: toml::value::Datetime,
    #[serde(default)]
    portfolio: Vec<String>,
    policy: Option<String>,
}

fn every_rule_policy() -> Policy {
    let mut policy = Policy::baseline();
    policy.levels.clear();
    policy
}

fn base(name: String, dir: &Path) -> Option<Base> {
    let file = EVIDENCE_FILE_NAMES
        .iter()
        .map(|n| dir.join(n))
        .find(|p| p.exists())?;
    let vendor = load_vendor(&file).ok()?;
    let (as_of, known, policy) = match fs::read_to_string(dir.join("expect.toml")) {
        Ok(text) => {
            let expect: Expect = toml::from_str(&text).unwrap();
            let policy = match &expect.policy {
                Some(p) => Policy::built_in(p).unwrap(),
                None => every_rule_policy(),
            };
            (
                expect.as_of.to_string().parse().unwrap(),
                expect.portfolio,
                policy,
            )
        }
        Err(_) => (Date::ymd(2026, 11, 23), Vec::new(), every_rule_policy()),
    };
    let others = if dir.join("others").is_dir() {
        let (files, _) = vendorcert::portfolio::discover(&[dir.join("others")]);
        files.iter().filter_map(|f| load_vendor(f).ok()).collect()
    } else {
        Vec::new()
    };
    let waivers_file = dir.strip_prefix(ROOT).unwrap_or(dir).join("waivers.toml");
    let waivers = if dir.join("waivers.toml").exists() {
        vendorcert::policy::load_waivers(&waivers_file, 12).unwrap_or_default()
    } else {
        Vec::new()
    };
    Some(Base {
        name,
        dir: dir.to_path_buf(),
        evidence: without_nulls(serde_json::to_value(&vendor.evidence).unwrap()),
        as_of,
        policy: Arc::new(policy),
        others,
        known,
        waivers,
    })
}

/// The evidence as an analyst writes it: absent fields left out rather than `null`.
fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

/// Rule fixtures taken as base vendors besides each rule's first passing and first other case:
/// the ones that show a read those do not.
const EXTRA_BASES: &[&str] = &[
    "fixtures/rules/AI-INCIDENT-RESPONSE/fail-tabletop-in-future",
    "fixtures/rules/AI-RMF/fail-review-in-future",
    "fixtures/rules/CONTRACT-CERTS/fail-number-inside-token",
    "fixtures/rules/CONTRACT-CERTS/fail-soc-23",
    "fixtures/rules/GEN-COVERAGE/fail-iso-2022-issued-before-publication",
    "fixtures/rules/GEN-COVERAGE/pass-iso-2013-last-valid-day",
    "fixtures/rules/GEN-COVERAGE/pass-two-certificates",
    "fixtures/rules/GEN-DOCUMENT/fail-unfiled-strict",
    "fixtures/rules/GEN-DOCUMENT/warn-unfiled-several",
    "fixtures/rules/GEN-EXPIRY/pass-sector-only",
    "fixtures/rules/GEN-EXPIRY/warn-soc2",
    "fixtures/rules/GEN-INCIDENTS/fail-unhandled",
    "fixtures/rules/GEN-LAYERS/fail-self",
    "fixtures/rules/GEN-SECTOR/fail-expired",
    "fixtures/rules/GEN-WAIVER/pass-tied-to-report",
    "fixtures/rules/ISO-AI-SCOPE/fail-suspended",
    "fixtures/rules/ISO-CURRENT/fail-issued-future",
    "fixtures/rules/ISO-CURRENT/pass-renewed",
    "fixtures/rules/ISO-SCOPE/fail-quote-not-in-scope",
    "fixtures/rules/ISO-SCOPE/pass-quoted-covers",
    "fixtures/rules/ISO-SURVEILLANCE/fail-audit-dated-in-future",
    "fixtures/rules/ISO-SURVEILLANCE/fail-waiver-names-the-other-certificate",
    "fixtures/rules/ISO-SURVEILLANCE/pass-27701-2019-inherits",
    "fixtures/rules/ISO-VERIFIED/fail-verification-in-future",
    "fixtures/rules/SOC2-AGE/pass-superseded",
    "fixtures/rules/SOC2-AUDITOR/fail-internal-audit",
    "fixtures/rules/SOC2-SCOPE/fail-shared-word",
    "fixtures/rules/SOC2-SCOPE/fail-short-quote",
    "fixtures/rules/SOC2-SCOPE/pass-quoted",
    "fixtures/rules/SOC2-SUBSERVICE/fail-carves-out-itself",
    "fixtures/rules/STAR-CURRENT/fail-dated-in-future",
    "fixtures/rules/STAR-CURRENT/fail-iso-withdrawn",
];

/// The base vendors: every rule fixture with `FIELD_READS_ALL=1` (slow); otherwise each rule's
/// first passing and first other case, the [`EXTRA_BASES`] and the complete example.
fn bases() -> Vec<Base> {
    let all = std::env::var_os("FIELD_READS_ALL").is_some();
    let mut out = Vec::new();
    let rules = Path::new(ROOT).join("fixtures/rules");
    let mut dirs: Vec<PathBuf> = Vec::new();
    let mut rule_dirs: Vec<PathBuf> = fs::read_dir(&rules)
        .unwrap()
        .map(|d| d.unwrap().path())
        .collect();
    rule_dirs.sort();
    for rule in rule_dirs {
        let mut cases: Vec<PathBuf> = fs::read_dir(&rule)
            .unwrap()
            .map(|c| c.unwrap().path())
            .filter(|c| c.is_dir())
            .collect();
        cases.sort();
        let is_pass = |c: &PathBuf| c.file_name().unwrap().to_string_lossy().starts_with("pass");
        for (i, case) in cases.iter().enumerate() {
            let first_of_kind = !cases[..i].iter().any(|c| is_pass(c) == is_pass(case));
            let name = case
                .strip_prefix(ROOT)
                .unwrap()
                .to_string_lossy()
                .to_string();
            if all || first_of_kind || EXTRA_BASES.contains(&name.as_str()) {
                dirs.push(case.clone());
            }
        }
    }
    dirs.push(Path::new(ROOT).join("docs/examples/complete"));
    for dir in dirs {
        let name = dir
            .strip_prefix(ROOT)
            .unwrap()
            .to_string_lossy()
            .to_string();
        out.extend(base(name, &dir));
    }
    out
}

/// Each rule's findings: status and location, sorted. The message and the subject are left out:
/// they name the piece judged (a report's auditor and period, a certificate's number) and quote
/// values, which is showing a field, not deciding on it.
type Findings = BTreeMap<&'static str, Vec<String>>;

fn run(base: &Base, evidence: &Value) -> Option<Findings> {
    let text = serde_json::to_string_pretty(evidence).unwrap();
    let vendor = match parse_vendor_text(&base.dir.join("vendor.json"), text) {
        Ok(v) => v,
        Err(e) if std::env::var_os("FIELD_READS_DEBUG").is_some() => {
            eprintln!(
                "{}: {:?}",
                base.name,
                e.iter().map(|e| e.to_string()).collect::<Vec<_>>()
            );
            return None;
        }
        Err(_) => return None,
    };
    let mut portfolio = PortfolioIndex::build(
        std::iter::once(&vendor).chain(base.others.iter()),
        base.as_of,
        |_| Policy::baseline().thresholds,
    );
    for id in &base.known {
        portfolio.vendors.insert(
            id.clone(),
            PortfolioEntry {
                name: id.clone(),
                attested_scopes: Vec::new(),
            },
        );
    }
    let result = evaluate(&vendor, base.as_of, &base.policy, &portfolio, &base.waivers);
    let mut out: Findings = RULES.iter().map(|r| (r.id, Vec::new())).collect();
    for f in &result.findings {
        out.entry(f.rule.id)
            .or_default()
            .push(format!("{} at {:?}", f.status, f.at));
    }
    for findings in out.values_mut() {
        findings.sort();
    }
    Some(out)
}

/// A change of one field: the field's path (`[]` for list entries) and the JSON pointer of the
/// value, and the new value (`None`: left out).
struct Change {
    path: String,
    pointer: String,
    value: Option<Value>,
    what: String,
}

fn shift(date: &str, days: i64) -> Option<String> {
    let d: Date = date.parse().ok()?;
    Some(d.plus_days(days).to_string())
}

/// Every value a field has in some base, to try in the others.
fn seen_values(bases: &[Base], by_path: &BTreeMap<String, &Field>) -> BTreeMap<String, Vec<Value>> {
    let mut seen: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for base in bases {
        visit(&base.evidence, "", "", by_path, &mut |path, _, value| {
            let values = seen.entry(path.to_string()).or_default();
            if !value.is_null() && !values.contains(value) && values.len() < 4 {
                values.push(value.clone());
            }
        });
    }
    seen
}

/// Calls `f(path, pointer, value)` for every field present in `value`.
fn visit(
    value: &Value,
    path: &str,
    pointer: &str,
    by_path: &BTreeMap<String, &Field>,
    f: &mut dyn FnMut(&str, &str, &Value),
) {
    let Some(object) = value.as_object() else {
        return;
    };
    for (key, child) in object {
        let child_path = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        let child_pointer = format!("{pointer}/{key}");
        let Some(field) = by_path.get(&child_path) else {
            panic!("{child_path} is not a field of the model");
        };
        f(&child_path, &child_pointer, child);
        match (&field.kind, child) {
            (Kind::Table, v) => visit(v, &child_path, &child_pointer, by_path, f),
            (Kind::List(item), Value::Array(items)) if **item == Kind::Table => {
                for (i, item) in items.iter().enumerate().take(3) {
                    visit(
                        item,
                        &format!("{child_path}[]"),
                        &format!("{child_pointer}/{i}"),
                        by_path,
                        f,
                    );
                }
            }
            _ => {}
        }
    }
}

fn changes(
    base: &Base,
    by_path: &BTreeMap<String, &Field>,
    seen: &BTreeMap<String, Vec<Value>>,
) -> Vec<Change> {
    let mut out = Vec::new();
    visit(
        &base.evidence,
        "",
        "",
        by_path,
        &mut |path, pointer, value| {
            let field = by_path[path];
            let mut push = |value: Option<Value>, what: String| {
                out.push(Change {
                    path: path.to_string(),
                    pointer: pointer.to_string(),
                    value,
                    what,
                })
            };
            if value.is_null() {
                return;
            }
            if !field.required {
                push(None, "left out".into());
            }
            match (&field.kind, value) {
                (Kind::Boolean, Value::Bool(b)) => push(Some(Value::Bool(!b)), format!("{}", !b)),
                (Kind::Integer, Value::Number(n)) => {
                    let n = n.as_i64().unwrap_or(0);
                    for m in [n - 1, n + 1, 0, 31, 400] {
                        if m >= 0 && m != n {
                            push(Some(m.into()), m.to_string());
                        }
                    }
                }
                (Kind::Date, Value::String(d)) => {
                    for days in [-1200, -400, -60, 60, 400] {
                        if let Some(s) = shift(d, days) {
                            push(Some(Value::String(s)), format!("{days:+} days"));
                        }
                    }
                }
                (Kind::Enum { values, .. }, Value::String(v)) => {
                    for other in values.iter().filter(|o| *o != v) {
                        push(Some(Value::String(other.clone())), format!("`{other}`"));
                    }
                }
                (Kind::String, Value::String(v)) => {
                    push(Some(Value::String("TBD".into())), "TBD".into());
                    push(Some(Value::String(" ".into())), "blank".into());
                    if v.len() == 64 && v.chars().all(|c| c.is_ascii_hexdigit()) {
                        let other = if v.starts_with('0') { "1" } else { "0" };
                        push(
                            Some(Value::String(format!("{other}{}", &v[1..]))),
                            "another sha256".into(),
                        );
                    }
                    push(
                        Some(Value::String(format!("{v} zq"))),
                        "a word appended".into(),
                    );
                }
                (Kind::List(item), Value::Array(items)) => {
                    if !items.is_empty() {
                        push(Some(Value::Array(Vec::new())), "[]".into());
                    }
                    for i in 0..items.len().min(4) {
                        let mut fewer = items.clone();
                        fewer.remove(i);
                        push(Some(Value::Array(fewer)), format!("without entry {i}"));
                    }
                    if let Some(values) = item.values() {
                        for v in values {
                            let v = Value::String(v.clone());
                            if !items.contains(&v) {
                                let mut more = items.clone();
                                more.push(v.clone());
                                push(Some(Value::Array(more)), format!("with {v}"));
                            }
                        }
                    } else if **item == Kind::String {
                        let mut more = items.clone();
                        more.push(Value::String("Zq Other Service".into()));
                        push(Some(Value::Array(more)), "with another entry".into());
                    }
                }
                _ => {}
            }
            if matches!(field.kind, Kind::String) {
                for other in seen.get(path).into_iter().flatten() {
                    if other != value {
                        push(Some(other.clone()), format!("{other} (seen elsewhere)"));
                    }
                }
            }
        },
    );
    out
}

fn apply(evidence: &Value, change: &Change) -> Value {
    let mut copy = evidence.clone();
    let (parent, last) = change.pointer.rsplit_once('/').unwrap();
    let Some(Value::Object(map)) = copy.pointer_mut(parent) else {
        unreachable!()
    };
    match &change.value {
        Some(v) => {
            map.insert(last.to_string(), v.clone());
        }
        None => {
            map.remove(last);
        }
    }
    copy
}

/// (rule, path) → a witness: the base and the change that altered the rule's findings.
type Shown = BTreeMap<(&'static str, String), String>;

fn shown() -> &'static Shown {
    static SHOWN: std::sync::OnceLock<Shown> = std::sync::OnceLock::new();
    SHOWN.get_or_init(|| {
        let model = fields();
        let by_path: BTreeMap<String, &Field> = model.iter().map(|f| (f.path.clone(), f)).collect();
        let bases = bases();
        assert!(bases.len() > 100, "only {} base vendors load", bases.len());
        let seen = seen_values(&bases, &by_path);
        let shown = Mutex::new(Shown::new());
        let next = std::sync::atomic::AtomicUsize::new(0);
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
        std::thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(base) = bases.get(i) else { break };
                        let before = run(base, &base.evidence)
                            .unwrap_or_else(|| panic!("{} does not load as JSON", base.name));
                        let mut local = Shown::new();
                        for change in changes(base, &by_path, &seen) {
                            let Some(after) = run(base, &apply(&base.evidence, &change)) else {
                                continue;
                            };
                            // Waivers are applied by the engine to any rule's findings; where a base
                            // has some, only GEN-WAIVER, which judges them, is compared.
                            for rule in RULES {
                                if !base.waivers.is_empty() && rule.id != "GEN-WAIVER" {
                                    continue;
                                }
                                if before[rule.id] != after[rule.id] {
                                    local.entry((rule.id, change.path.clone())).or_insert_with(
                                        || {
                                            format!(
                                                "{}: {} {}",
                                                base.name, change.path, change.what
                                            )
                                        },
                                    );
                                }
                            }
                        }
                        let mut all = shown.lock().unwrap();
                        for (k, v) in local {
                            all.entry(k).or_insert(v);
                        }
                    }
                });
            }
        });
        let shown = shown.into_inner().unwrap();
        if std::env::var_os("FIELD_READS_PRINT").is_some() {
            for rule in RULES {
                let paths: Vec<String> = shown
                    .keys()
                    .filter(|(r, _)| *r == rule.id)
                    .map(|(_, p)| format!("\"{p}\""))
                    .collect();
                println!("{} reads: &[{}],", rule.id, paths.join(", "));
            }
            for ((rule, path), witness) in &shown {
                println!("{rule} {path}: {witness}");
            }
        }
        shown
    })
}

#[test]
fn declared_reads_are_fields_and_every_field_is_read_or_recorded_only() {
    let model: BTreeSet<String> = fields().into_iter().map(|f| f.path).collect();
    for rule in RULES {
        for path in rule.reads {
            assert!(
                model.contains(*path),
                "{} reads {path}, not a field",
                rule.id
            );
        }
    }
    for path in RECORDED_ONLY {
        assert!(
            model.contains(*path),
            "RECORDED_ONLY lists {path}, not a field"
        );
        let readers: Vec<&str> = RULES
            .iter()
            .filter(|r| r.reads.contains(path))
            .map(|r| r.id)
            .collect();
        assert!(
            readers.is_empty(),
            "{path} is listed as recorded only, but {readers:?} read it"
        );
    }
    let unread: Vec<&String> = model
        .iter()
        .filter(|p| {
            !RECORDED_ONLY.contains(&p.as_str())
                && !RULES.iter().any(|r| {
                    r.reads.iter().any(|read| {
                        *read == p.as_str()
                            || read.starts_with(&format!("{p}."))
                            || read.starts_with(&format!("{p}[]."))
                    })
                })
        })
        .collect();
    assert!(
        unread.is_empty(),
        "fields no rule reads and not listed in RECORDED_ONLY: {unread:?}"
    );
}

#[test]
fn every_declared_read_changes_the_rule_when_the_field_changes() {
    let shown = shown();
    let mut missing = Vec::new();
    for rule in RULES {
        for path in rule.reads {
            let key = (rule.id, path.to_string());
            let unproven = UNPROVEN.iter().any(|(r, p, _)| *r == rule.id && p == path);
            match (shown.contains_key(&key), unproven) {
                (true, true) => missing.push(format!(
                    "{} {path} is listed in UNPROVEN but is shown: remove it from UNPROVEN",
                    rule.id
                )),
                (false, false) => missing.push(format!(
                    "{} declares it reads {path}, but no change of it alters its findings",
                    rule.id
                )),
                _ => {}
            }
        }
    }
    for (rule, path, _) in UNPROVEN {
        assert!(
            vendorcert::rules::find(rule).is_some_and(|r| r.reads.contains(path)),
            "UNPROVEN lists {rule} {path}, which {rule} does not declare"
        );
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn no_rule_reads_a_field_it_does_not_declare() {
    let shown = shown();
    let mut undeclared = Vec::new();
    for ((rule, path), witness) in shown {
        let declared = vendorcert::rules::find(rule).unwrap().reads;
        let covered = declared.iter().any(|read| {
            *read == path.as_str()
                || read.starts_with(&format!("{path}."))
                || read.starts_with(&format!("{path}[]."))
        });
        if !covered {
            undeclared.push(format!("{rule} reads {path} (witness: {witness})"));
        }
    }
    assert!(
        undeclared.is_empty(),
        "rules read fields they do not declare:\n{}",
        undeclared.join("\n")
    );
}
