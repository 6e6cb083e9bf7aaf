//! Verdict properties over generated vendors (proptest).
//!
//! A generated vendor is built from a string of "knob" bytes: each decision (how many reports,
//! whether a report is stale, which source it was seen in…) reads the next byte, and a byte of 0
//! always means the plain, good choice. Shrinking drives the bytes towards 0, so a failing case
//! shrinks to the fewest faults that still break the property. The shapes follow
//! `docs/evidence-format.md` and `bench/generate.py`: SOC 2 reports, ISO/IEC certificates (with
//! extensions and 42001), STAR entries, the AI section, the contract, sector evidence, incidents,
//! and cited documents (present and matching, altered, missing, or only a URL).
//!
//! The properties:
//!
//! 1. less evidence is never better: removing a piece of evidence the rules found nothing wrong
//!    with never improves the verdict, nor the worst status of any rule's other findings; and a
//!    vendor with no evidence at all fails, with no finding passing but GEN-REVIEW (the review
//!    date is in the `[vendor]` section);
//! 2. a later as-of date never turns a failure into a pass, nor a failing vendor into a passing
//!    one;
//! 3. the TOML and the JSON form of the same evidence give the same report (but for the file
//!    name and the line and column of each finding);
//! 4. a run gives the same bytes whatever the number of threads;
//! 5. any bytes as an evidence file give a report and exit 0, 1 or 2, never a panic, and never
//!    exit 0 when the file cannot be read as evidence.
//!
//! Status order, from best to worst, used by 1 and 2: `pass` = `n/a` = `waived` (nothing to
//! answer) < `warn` (a warning whatever the rule's level) < `unverified` (counts at the rule's
//! level, like a failure, but says evidence is missing) < `fail`. `n/a` ranks with `pass` so
//! that a rule that stops applying when evidence is removed is not mistaken for a regression,
//! while a `fail` turning `n/a` is caught as an improvement.
//!
//! Cases per property: 128 in process, 64 (any bytes) and 24 (thread counts) for the ones that
//! start the binary; `PROPTEST_CASES` sets them all.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{Value, json};
use tempfile::TempDir;

use vendorcert::engine::{VendorResult, Verdict, evaluate};
use vendorcert::evidence::load::{parse_vendor_text, text_from_bytes, to_hex};
use vendorcert::evidence::{Date, InputError};
use vendorcert::policy::Policy;
use vendorcert::portfolio::{RunReport, VendorOutcome};
use vendorcert::report::Render;
use vendorcert::report::json::JsonReport;
use vendorcert::rules::{PortfolioIndex, Status};

fn as_of() -> Date {
    Date::ymd(2026, 11, 23)
}

// --- knobs ---------------------------------------------------------------------------------

/// The decisions of one generated vendor; past the end, every decision is 0 (the good choice).
struct Knobs<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Knobs<'_> {
    fn next(&mut self) -> u8 {
        let b = self.bytes.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }

    /// One of `n` choices, 0 the usual one.
    fn pick(&mut self, n: usize) -> usize {
        self.next() as usize % n
    }

    /// A fault, about one time in five.
    fn fault(&mut self) -> bool {
        self.next() > 200
    }

    fn coin(&mut self) -> bool {
        self.next() % 2 == 1
    }

    /// `lo..=hi`, `lo` for 0.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + i64::from(self.next()) % (hi - lo + 1)
    }
}

fn knob_bytes() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..160)
}

// --- generated vendors ---------------------------------------------------------------------

const PRODUCTS: &[&str] = &[
    "Inference API",
    "Chat Assistant",
    "Embeddings API",
    "Search Console",
    "Document Vault",
];
const AUDITORS: &[&str] = &["Harbor & Vance LLP", "Ledger & Stone LLP", "TBD"];
const CLAIMS: &[&str] = &["trust_page", "summary", "questionnaire", "vendor_statement"];

/// A generated vendor: its evidence as a JSON value, and the documents it cites.
struct Generated {
    evidence: Value,
    /// (path inside the vendor folder, content)
    documents: Vec<(String, Vec<u8>)>,
}

struct Builder<'a> {
    k: Knobs<'a>,
    /// Whether dates of past events (issue, period end, review…) may lie after the as-of date.
    allow_future: bool,
    brand: String,
    services: Vec<String>,
    ai: bool,
    personal: bool,
    documents: Vec<(String, Vec<u8>)>,
}

fn date(d: Date) -> Value {
    Value::String(d.to_string())
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    to_hex(&sha2::Sha256::digest(bytes))
}

fn month_end(d: Date) -> Date {
    use chrono::Datelike;
    let first_next = d.plus_months(1);
    Date::ymd(first_next.0.year(), first_next.0.month(), 1).plus_days(-1)
}

impl Builder<'_> {
    fn days_ago(&mut self, lo: i64, hi: i64) -> Date {
        let n = self.k.range(lo, hi);
        as_of().plus_days(-n)
    }

    /// A `document` table: filed and matching (0), none, only a URL, altered, or missing.
    fn document(&mut self, name: &str) -> Option<Value> {
        let path = format!("documents/{name}");
        let content = format!("stand-in for {name} of {}", self.brand).into_bytes();
        match self.k.pick(8) {
            0..=3 => {
                let doc = json!({ "path": path, "sha256": sha256(&content) });
                self.documents.push((path, content));
                Some(doc)
            }
            4 | 5 => None,
            6 => Some(
                json!({ "url": format!("https://example.invalid/{name}"), "sha256": sha256(&content) }),
            ),
            _ => {
                let doc = json!({ "path": path, "sha256": sha256(b"another version") });
                if self.k.coin() {
                    self.documents.push((path, content));
                }
                Some(doc)
            }
        }
    }

    fn scope_text(&mut self, lead: &str) -> String {
        let mut names = self.services.clone();
        if names.len() > 1 && self.k.fault() {
            names.pop();
        }
        if self.k.fault() {
            names = vec![format!("{}s", names[0])];
        }
        let listed = names
            .iter()
            .map(|n| format!("the {n}"))
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "{lead} {listed}, including production AI infrastructure, training pipelines, model \
             artifacts and inference logging."
        )
    }

    fn source(&mut self, independent: &[&str]) -> Value {
        if self.k.fault() {
            json!(CLAIMS[self.k.pick(CLAIMS.len())])
        } else {
            json!(independent[self.k.pick(independent.len())])
        }
    }

    fn soc2_report(&mut self, i: usize) -> Value {
        let mut r = serde_json::Map::new();
        let report_type = if self.k.fault() { 1 } else { 2 };
        r.insert("type".into(), json!(report_type));
        r.insert(
            "auditor".into(),
            json!(AUDITORS[self.k.pick(AUDITORS.len())]),
        );
        let months_ago = if self.k.fault() {
            self.k.range(12, 20)
        } else {
            self.k.range(1, 11)
        } as u32;
        let mut end = month_end(as_of().minus_months(months_ago + 12 * i as u32));
        if self.allow_future && self.k.fault() {
            end = month_end(as_of().plus_months(1));
        }
        if report_type == 2 {
            let months = if self.k.fault() { 2 } else { 12 };
            r.insert(
                "period_start".into(),
                date(end.plus_days(1).minus_months(months)),
            );
        }
        r.insert("period_end".into(), date(end));
        let report_date = end.plus_days(self.k.range(20, 60));
        if report_date <= as_of() {
            r.insert("report_date".into(), date(report_date));
        }
        let opinion = if self.k.fault() {
            ["qualified", "adverse", "disclaimer", ""][self.k.pick(4)]
        } else {
            "unqualified"
        };
        if !opinion.is_empty() {
            r.insert("opinion".into(), json!(opinion));
        }
        let mut categories = vec!["security", "availability"];
        if self.ai || self.k.coin() {
            categories.push("confidentiality");
        }
        if self.personal {
            categories.push("privacy");
        }
        if self.k.fault() {
            categories.remove(0);
        }
        r.insert("categories".into(), json!(categories));
        r.insert("services".into(), json!(self.services));
        let description = self.scope_text(&format!("{} provides", self.brand));
        r.insert("system_description".into(), json!(description));
        match self.k.pick(5) {
            0..=2 => {
                r.insert("exceptions".into(), json!([]));
            }
            3 => {
                r.insert(
                    "exceptions".into(),
                    json!([{ "control": "CC6.2", "text": "2 of 40 leavers kept access for a day", "material": self.k.coin() }]),
                );
            }
            _ => {}
        }
        match self.k.pick(4) {
            0 | 1 => {
                r.insert("cuecs".into(), json!([]));
            }
            2 => {
                let owner = if self.k.fault() {
                    json!({ "control": "User entities protect their API keys" })
                } else {
                    json!({ "control": "User entities protect their API keys", "owner": "Platform Engineering" })
                };
                r.insert("cuecs".into(), json!([owner]));
            }
            _ => {}
        }
        match self.k.pick(4) {
            0 | 1 => {
                r.insert("subservice".into(), json!([]));
            }
            2 => {
                r.insert(
                    "subservice".into(),
                    json!([{ "name": format!("{} Hosting", self.brand), "method": (["inclusive", "carve_out"][self.k.pick(2)]) }]),
                );
            }
            _ => {}
        }
        if end.plus_months(3) < as_of() && !self.k.fault() {
            let through = self.days_ago(0, 25);
            let mut letter = json!({ "through": date(through), "signed_by": "Chief Financial Officer", "date": date(through) });
            if let Some(doc) = self.document(&format!("bridge-{i}.pdf")) {
                letter["document"] = doc;
            }
            r.insert("bridge_letter".into(), letter);
        }
        r.insert("source".into(), self.source(&["document"]));
        if let Some(doc) = self.document(&format!("soc2-{i}.pdf")) {
            r.insert("document".into(), doc);
        }
        Value::Object(r)
    }

    fn iso_cert(&mut self, standard: &str, number: &str, extends: Option<&str>) -> Value {
        let mut c = serde_json::Map::new();
        c.insert("standard".into(), json!(standard));
        if self.k.fault() {
            c.insert(
                "certificate_number".into(),
                json!(["N/A", "TBD", "0000"][self.k.pick(3)]),
            );
        } else {
            c.insert("certificate_number".into(), json!(number));
        }
        c.insert(
            "certification_body".into(),
            json!("Harrowgate Certification Ltd"),
        );
        if self.k.fault() {
            c.insert(
                "accreditation_body".into(),
                json!("Global Certification Accreditation Forum"),
            );
        } else {
            c.insert("accreditation_body".into(), json!("UKAS"));
        }
        let mut issued = if self.k.fault() {
            self.days_ago(1100, 1400)
        } else {
            self.days_ago(5, 1000)
        };
        if self.allow_future && self.k.fault() {
            issued = as_of().plus_days(self.k.range(1, 30));
        }
        c.insert("issued".into(), date(issued));
        let expires = match self.k.pick(6) {
            5 => Some(issued.plus_months(60)),
            4 if self.k.coin() => None,
            _ => Some(issued.plus_months(36).plus_days(-1)),
        };
        if let Some(e) = expires {
            c.insert("expires".into(), date(e));
        }
        if self.k.fault() {
            c.insert(
                "scope".into(),
                json!("The information security management system for the corporate headquarters."),
            );
        } else {
            let scope = self.scope_text("The management system supporting");
            c.insert("scope".into(), json!(scope));
        }
        let mut audits = Vec::new();
        let mut year = 1;
        while issued.plus_months(12 * year) <= as_of() && year < 6 {
            audits.push(json!({ "date": date(issued.plus_months(12 * year).plus_days(-10)) }));
            year += 1;
        }
        if !audits.is_empty() && self.k.fault() {
            audits.pop();
        }
        c.insert("surveillance".into(), Value::Array(audits));
        if !self.k.fault() {
            let soa_date = self.days_ago(10, 200);
            c.insert(
                "soa".into(),
                json!({ "reviewed": true, "version": "3.1", "date": date(soa_date) }),
            );
        }
        if !self.k.fault() {
            let checked = self.days_ago(1, 60).max(issued.min(as_of()));
            let status = if self.k.fault() {
                ["suspended", "withdrawn", "not_found"][self.k.pick(3)]
            } else {
                "active"
            };
            c.insert(
                "verification".into(),
                json!({ "method": (["registry", "issuer"][self.k.pick(2)]), "date": date(checked), "status": status, "reference": "GRC ticket VR-0042" }),
            );
        }
        if let Some(base) = extends {
            c.insert("extends".into(), json!(base));
        }
        c.insert("source".into(), self.source(&["document", "registry"]));
        let file = format!("{}.pdf", standard.replace([' ', '/', ':'], "-"));
        if let Some(doc) = self.document(&file) {
            c.insert("document".into(), doc);
        }
        Value::Object(c)
    }

    fn ai_section(&mut self, has_42001: bool) -> Value {
        let ok = !self.k.fault();
        let mut ai = json!({
            "source": if ok { "document" } else { "questionnaire" },
            "training_on_customer_data": if ok { "no" } else { ["opt_out", "unknown", "yes"][self.k.pick(3)] },
            "training_terms": "MSA clause 9.3",
            "retention_days": if ok { 0 } else { 90 },
            "zero_data_retention": ok,
        });
        let risks = [
            "training_data_exposure",
            "prompt_injection",
            "model_inversion",
            "inference_data_leakage",
            "model_supply_chain",
            "output_manipulation",
        ];
        let named = if self.k.fault() { 3 } else { 6 };
        ai["risk_register"] = json!({ "risks": &risks[..named], "date": date(self.days_ago(10, 200)), "source": "document" });
        let mut testing = json!({
            "date": date(self.days_ago(10, 500)),
            "scenarios": ["prompt_injection", "indirect_prompt_injection", "jailbreak", "data_exfiltration"],
            "tester": "Greyfen Red Team Ltd",
            "independent": !self.k.fault(),
            "remediation_retested": !self.k.fault(),
            "source": "document",
        });
        if let Some(doc) = self.document("red-team.pdf") {
            testing["document"] = doc;
        }
        ai["adversarial_testing"] = testing;
        ai["model_security"] = json!({ "artifact_protection": true, "supply_chain": !self.k.fault(), "source": "document" });
        ai["output_monitoring"] = json!({ "in_place": !self.k.fault(), "description": "classifier on outputs", "source": "document" });
        ai["bias"] = json!({
            "date": date(self.days_ago(10, 500)),
            "characteristics": ["sex", "age"],
            "metrics": ["demographic parity difference <= 0.05"],
            "thresholds_defined": true,
            "mitigations": true,
            "monitoring_plan": !self.k.fault(),
            "source": "document",
        });
        ai["incident_response"] = json!({
            "plan": true, "severity_classes": true, "escalation": true,
            "last_tabletop": date(self.days_ago(10, 500)), "rollback": true,
            "kill_switch": !self.k.fault(), "regulatory_notification": true,
            "post_incident_review": true, "source": "document",
        });
        ai["rmf"] = json!({
            "functions": ["govern", "map", "measure", "manage"],
            "executive_attestation": !self.k.fault(),
            "version": "NIST AI RMF 1.0",
            "last_review": date(self.days_ago(10, 500)),
            "source": "document",
        });
        ai["inference_logs"] = json!({ "retention_days": 0, "access_controlled": true, "customer_can_disable": true, "source": "document" });
        if !has_42001 {
            ai["iso42001_readiness"] = json!({
                "status": (["in_progress", "planned", "audit_scheduled"][self.k.pick(3)]),
                "public_timeline": "https://example.invalid/iso-42001",
                "target_date": date(as_of().plus_days(self.k.range(60, 400))),
                "source": "trust_page",
            });
        }
        ai
    }

    fn build(mut self) -> Generated {
        let n_services = 1 + self.k.pick(3);
        let first = self.k.pick(PRODUCTS.len());
        self.services = (0..n_services)
            .map(|i| format!("{} {}", self.brand, PRODUCTS[(first + i) % PRODUCTS.len()]))
            .collect();
        self.ai = self.k.coin();
        let tier = ["medium", "low", "high"][self.k.pick(3)];
        self.personal = self.k.coin();
        let mut classes = vec!["confidential"];
        if self.personal {
            classes.insert(0, "personal_data");
        }
        let review = if self.k.fault() {
            self.days_ago(100, 400)
        } else {
            self.days_ago(1, 80)
        };
        let mut vendor = json!({
            "id": "gen-vendor",
            "name": format!("{} Ltd", self.brand),
            "services": self.services,
            "ai_vendor": self.ai,
            "risk_tier": tier,
            "data_classes": classes,
            "last_review": date(review),
            "reviewer": "A. Analyst (Vendor Risk)",
        });
        let eu = self.personal && self.k.coin();
        if eu {
            vendor["contexts"] = json!(["eu_personal_data"]);
        }
        let mut doc = json!({ "schema": 1, "vendor": vendor });

        let reports: Vec<Value> = (0..[1, 1, 0, 2][self.k.pick(4)])
            .map(|i| self.soc2_report(i))
            .collect();
        let has_soc2 = !reports.is_empty();
        if has_soc2 {
            doc["soc2"] = Value::Array(reports);
        }

        let mut certs = Vec::new();
        let mut standards = Vec::new();
        if !self.k.fault() {
            let edition = if self.k.fault() { 2013 } else { 2022 };
            let standard = format!("ISO/IEC 27001:{edition}");
            certs.push(self.iso_cert(&standard, "HCL-IS-0042", None));
            standards.push(standard);
            if tier == "high" || self.k.coin() {
                let extends = if self.k.fault() {
                    None
                } else {
                    Some("HCL-IS-0042")
                };
                certs.push(self.iso_cert("ISO/IEC 27017:2015", "HCL-EX-0042", extends));
                standards.push("ISO/IEC 27017:2015".to_string());
            }
        }
        let has_42001 = self.ai && self.k.coin();
        if has_42001 {
            certs.push(self.iso_cert("ISO/IEC 42001:2023", "HCL-AI-0042", None));
            standards.push("ISO/IEC 42001:2023".to_string());
        }
        if !certs.is_empty() {
            doc["iso"] = Value::Array(certs);
        }

        match self.k.pick(4) {
            1 => {
                doc["star"] = json!([{ "level": 2, "assessment": "attestation", "registry_url": "https://example.invalid/star/gen", "date": date(self.days_ago(30, 300)), "source": "registry" }]);
            }
            2 => {
                doc["star"] = json!([{ "level": 1, "assessment": "self_assessment", "registry_url": "https://example.invalid/star/gen", "caiq_version": "CCM v4.0.12", "date": date(self.days_ago(30, 300)), "source": (["registry", "trust_page"][self.k.pick(2)]) }]);
            }
            _ => {}
        }

        if self.ai && !self.k.fault() {
            doc["ai"] = self.ai_section(has_42001);
        }

        if !self.k.fault() {
            let mut names = standards.clone();
            if has_soc2 {
                names.insert(0, "SOC 2 Type 2".to_string());
            }
            if !names.is_empty() && self.k.fault() {
                names.pop();
            }
            let mut contract = json!({
                "names_certifications": names,
                "lapse_notice_days": 30,
                "termination_on_lapse": !self.k.fault(),
                "zdr_in_order_form": true,
                "zdr_retention_days": 0,
                "subprocessor_notice_days": 30,
                "subprocessor_objection": true,
                "source": "document",
            });
            if let Some(d) = self.document("msa-dpa.pdf") {
                contract["document"] = d;
            }
            doc["contract"] = contract;
        }

        if eu && !self.k.fault() {
            let mut gdpr = json!({
                "framework": "GDPR",
                "evidence": "Art. 28 DPA with standard contractual clauses",
                "date": date(self.days_ago(30, 300)),
                "expires": date(as_of().plus_days(self.k.range(200, 700))),
                "source": "document",
            });
            if let Some(d) = self.document("gdpr.pdf") {
                gdpr["document"] = d;
            }
            doc["sector"] = json!([gdpr]);
        }

        if !self.k.fault() {
            let reviewed = if self.k.fault() {
                self.days_ago(120, 300)
            } else {
                self.days_ago(1, 60)
            };
            let mut incidents = json!({ "reviewed_on": date(reviewed), "source": "vendor_statement", "disclosed": [] });
            if self.k.fault() {
                let mut incident = json!({ "date": date(self.days_ago(30, 600)), "summary": "credential-stuffing attack on the customer console" });
                if self.k.coin() {
                    incident["handling"] = json!("contained within 4 hours; customers notified");
                }
                incidents["disclosed"] = json!([incident]);
            }
            doc["incidents"] = incidents;
        }
        Generated {
            evidence: doc,
            documents: self.documents,
        }
    }
}

fn generate(knobs: &[u8], allow_future: bool) -> Generated {
    Builder {
        k: Knobs {
            bytes: knobs,
            at: 0,
        },
        allow_future,
        brand: "Quillon".to_string(),
        services: Vec::new(),
        ai: false,
        personal: false,
        documents: Vec::new(),
    }
    .build()
}

// --- text forms ----------------------------------------------------------------------------

fn is_date(s: &str) -> bool {
    vendorcert::evidence::date::parse_date(s).is_ok()
}

/// The TOML form: dates bare, as analysts write them.
fn to_toml_value(v: &Value) -> toml::Value {
    match v {
        Value::Null => unreachable!("generated evidence has no nulls"),
        Value::Bool(b) => toml::Value::Boolean(*b),
        Value::Number(n) => toml::Value::Integer(n.as_i64().expect("integers only")),
        Value::String(s) if is_date(s) => toml::Value::Datetime(s.parse().unwrap()),
        Value::String(s) => toml::Value::String(s.clone()),
        Value::Array(items) => toml::Value::Array(items.iter().map(to_toml_value).collect()),
        Value::Object(map) => toml::Value::Table(
            map.iter()
                .map(|(k, v)| (k.clone(), to_toml_value(v)))
                .collect(),
        ),
    }
}

fn toml_text(v: &Value) -> String {
    toml::to_string(&to_toml_value(v)).expect("TOML serializes")
}

fn json_text(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap() + "\n"
}

/// A vendor folder holding the cited documents (the evidence file itself is parsed from text).
fn folder(generated: &Generated) -> TempDir {
    let tmp = TempDir::new().unwrap();
    for (path, content) in &generated.documents {
        let file = tmp.path().join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, content).unwrap();
    }
    tmp
}

fn policy_for(evidence: &Value, strict: bool) -> Arc<Policy> {
    if strict {
        return Arc::new(Policy::strict());
    }
    let tier = match evidence["vendor"]["risk_tier"].as_str() {
        Some("low") => vendorcert::evidence::RiskTier::Low,
        Some("high") => vendorcert::evidence::RiskTier::High,
        _ => vendorcert::evidence::RiskTier::Medium,
    };
    Arc::new(Policy::for_risk_tier(tier))
}

fn evaluate_text(
    dir: &Path,
    file_name: &str,
    text: &str,
    as_of: Date,
    policy: &Arc<Policy>,
) -> Result<VendorResult, Vec<InputError>> {
    let vendor = parse_vendor_text(&dir.join(file_name), text.to_string())?;
    Ok(evaluate(
        &vendor,
        as_of,
        policy,
        &PortfolioIndex::default(),
        &[],
    ))
}

// --- status order --------------------------------------------------------------------------

/// 0 best … 3 worst; see the module comment.
fn rank(status: Status) -> u8 {
    match status {
        Status::Pass | Status::NotApplicable | Status::Waived => 0,
        Status::Warn => 1,
        Status::Unverified => 2,
        Status::Fail => 3,
    }
}

fn describe(result: &VendorResult) -> String {
    let mut out = format!("verdict {:?}\n", result.verdict);
    for f in &result.findings {
        out.push_str(&format!(
            "  {} {} at {:?}: {}\n",
            f.rule.id, f.status, f.at, f.message
        ));
    }
    out
}

/// The cases of a property: `default_cases` of them (`PROPTEST_CASES` overrides), drawn from a
/// fixed seed so that a CI run is reproducible; `PROPTEST_RNG_SEED=N` draws from seed N, and any
/// other value (`PROPTEST_RNG_SEED=random`) from a fresh random seed, to search further.
fn config(default_cases: u32) -> Config {
    let mut config = Config {
        failure_persistence: None,
        ..Config::default()
    };
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = proptest::test_runner::RngSeed::Fixed(20_261_206);
    }
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = default_cases;
    }
    config
}

// --- 1. less evidence is never better ------------------------------------------------------

/// A removable piece: its path in the JSON value and as the evidence path findings use.
struct Piece {
    pointer: String,
    at: String,
}

/// Every piece of evidence that can be taken away: reports, certificates, STAR entries, sector
/// entries, documents, bridge letters, verifications, surveillance audits, SoA reviews, the AI
/// section and each of its fields, the contract, the incident history.
fn pieces(evidence: &Value) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut push = |pointer: String, at: String| out.push(Piece { pointer, at });
    for list in ["soc2", "iso", "star", "sector"] {
        for (i, item) in evidence[list].as_array().into_iter().flatten().enumerate() {
            push(format!("/{list}/{i}"), format!("{list}[{i}]"));
            for field in ["document", "bridge_letter", "verification", "soa"] {
                if item.get(field).is_some() {
                    push(
                        format!("/{list}/{i}/{field}"),
                        format!("{list}[{i}].{field}"),
                    );
                }
            }
            if item["bridge_letter"].get("document").is_some() {
                push(
                    format!("/{list}/{i}/bridge_letter/document"),
                    format!("{list}[{i}].bridge_letter.document"),
                );
            }
            for (j, _) in item["surveillance"]
                .as_array()
                .into_iter()
                .flatten()
                .enumerate()
            {
                push(
                    format!("/{list}/{i}/surveillance/{j}"),
                    format!("{list}[{i}].surveillance[{j}]"),
                );
            }
        }
    }
    for section in ["ai", "contract", "incidents"] {
        if evidence.get(section).is_some() {
            push(format!("/{section}"), section.to_string());
        }
    }
    if let Some(ai) = evidence["ai"].as_object() {
        for (field, value) in ai {
            if field != "source" {
                push(format!("/ai/{field}"), format!("ai.{field}"));
            }
            if value.get("document").is_some() {
                push(
                    format!("/ai/{field}/document"),
                    format!("ai.{field}.document"),
                );
            }
        }
    }
    if evidence["contract"].get("document").is_some() {
        push("/contract/document".into(), "contract.document".into());
    }
    out
}

fn without(evidence: &Value, pointer: &str) -> Value {
    let mut copy = evidence.clone();
    let (parent, last) = pointer.rsplit_once('/').unwrap();
    match copy.pointer_mut(parent).unwrap() {
        Value::Object(map) => {
            map.remove(last);
        }
        Value::Array(items) => {
            items.remove(last.parse::<usize>().unwrap());
        }
        _ => unreachable!(),
    }
    // An emptied list section is left out, as an analyst would.
    if let Some(map) = copy.as_object_mut() {
        map.retain(|_, v| !matches!(v, Value::Array(a) if a.is_empty()));
    }
    copy
}

/// Whether a finding is about `piece`: located inside it, or naming it (GEN-DOCUMENT lists the
/// reports read but not filed).
fn about(finding: &vendorcert::engine::Finding, piece: &str) -> bool {
    let inside = finding.at.as_deref().is_some_and(|at| {
        at == piece
            || at
                .strip_prefix(piece)
                .is_some_and(|rest| rest.starts_with(['.', '[']))
    });
    inside || finding.message.contains(piece)
}

/// Whether `finding` is CONTRACT-CERTS saying the contract does not name the certification
/// `piece` is (a whole SOC 2 report or ISO/IEC certificate). That rule measures the contract
/// against the certifications held, so the piece is found at fault there: with it removed, the
/// contract has one certification less to name.
fn unnamed_in_contract(
    finding: &vendorcert::engine::Finding,
    evidence: &Value,
    piece: &Piece,
) -> bool {
    if finding.rule.id != "CONTRACT-CERTS" {
        return false;
    }
    let mut parts = piece.pointer.trim_start_matches('/').split('/');
    let name = match (parts.next(), parts.next(), parts.next()) {
        (Some("soc2"), Some(_), None) => "SOC 2".to_string(),
        (Some("iso"), Some(i), None) => {
            let standard = evidence["iso"][i.parse::<usize>().unwrap_or(usize::MAX)]["standard"]
                .as_str()
                .unwrap_or("");
            match vendorcert::evidence::Standard::parse(standard) {
                Some(s) => format!("ISO/IEC {}", s.number),
                None => return false,
            }
        }
        _ => return false,
    };
    finding.message.contains(&name)
}

/// Worst status of each rule's findings that `keep`.
fn worst_by_rule(
    result: &VendorResult,
    keep: impl Fn(&vendorcert::engine::Finding) -> bool,
) -> BTreeMap<&'static str, u8> {
    let mut worst = BTreeMap::new();
    for f in result.findings.iter().filter(|f| keep(f)) {
        let w = worst.entry(f.rule.id).or_insert(0);
        *w = (*w).max(rank(f.status));
    }
    worst
}

fn removal_never_helps(knobs: &[u8], json: bool, strict: bool) -> Result<(), TestCaseError> {
    let generated = generate(knobs, true);
    let tmp = folder(&generated);
    let (name, render): (&str, fn(&Value) -> String) = if json {
        ("vendor.json", json_text)
    } else {
        ("vendor.toml", toml_text)
    };
    let evidence = &generated.evidence;
    let policy = policy_for(evidence, strict);
    let full = evaluate_text(tmp.path(), name, &render(evidence), as_of(), &policy)
        .map_err(|e| TestCaseError::fail(format!("generated evidence is invalid: {e:?}")))?;
    for piece in pieces(evidence) {
        // Only evidence the rules found nothing wrong with: a report with an adverse opinion is
        // evidence against the vendor, and hiding it is a matter for the analyst, not the rules.
        if full.findings.iter().any(|f| {
            (about(f, &piece.at) || unnamed_in_contract(f, evidence, &piece)) && rank(f.status) > 0
        }) {
            continue;
        }
        let less = without(evidence, &piece.pointer);
        let Ok(reduced) = evaluate_text(tmp.path(), name, &render(&less), as_of(), &policy) else {
            continue; // invalid without it (a required section): never a pass
        };
        prop_assert!(
            !(full.verdict == Verdict::Fail && reduced.verdict == Verdict::Pass),
            "removing {} turned a failing vendor into a passing one\nbefore: {}\nafter: {}",
            piece.at,
            describe(&full),
            describe(&reduced)
        );
        let before = worst_by_rule(&full, |f| !about(f, &piece.at));
        let after = worst_by_rule(&reduced, |_| true);
        for (rule, was) in before {
            let now = after.get(rule).copied().unwrap_or(0);
            prop_assert!(
                now >= was,
                "removing {} improved {rule} (rank {was} → {now})\nbefore: {}\nafter: {}",
                piece.at,
                describe(&full),
                describe(&reduced)
            );
        }
    }
    // No evidence at all never passes, and nothing in it passes but GEN-REVIEW, which rests on
    // the analyst's review date in the [vendor] section that is kept, and GEN-DATES, which only
    // says that date is possible.
    let bare = json!({ "schema": 1, "vendor": evidence["vendor"].clone() });
    let result = evaluate_text(tmp.path(), name, &render(&bare), as_of(), &policy)
        .map_err(|e| TestCaseError::fail(format!("bare vendor invalid: {e:?}")))?;
    prop_assert_eq!(result.verdict, Verdict::Fail, "{}", describe(&result));
    for f in &result.findings {
        prop_assert!(
            f.status != Status::Pass || matches!(f.rule.id, "GEN-REVIEW" | "GEN-DATES"),
            "{} passes with no evidence: {}",
            f.rule.id,
            f.message
        );
    }
    Ok(())
}

#[test]
fn removing_evidence_never_improves_a_verdict_or_a_finding() {
    let mut runner = TestRunner::new(config(128));
    runner
        .run(
            &(knob_bytes(), any::<bool>(), any::<bool>()),
            |(knobs, json, strict)| removal_never_helps(&knobs, json, strict),
        )
        .unwrap();
}

// --- 1b. weak is not adverse ----------------------------------------------------------------

/// Each way a vendor gets a built-in policy: by its risk tier, or each one by name.
fn any_policy() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("risk-tier"),
        Just("baseline"),
        Just("ai-vendor"),
        Just("strict"),
        Just("eu-ai-act-high-risk"),
    ]
}

/// The policy `any_policy` names, for `evidence`.
fn policy_named(name: &str, evidence: &Value) -> Arc<Policy> {
    match name {
        "risk-tier" => policy_for(evidence, false),
        name => Arc::new(Policy::built_in(name).expect("a built-in policy")),
    }
}

/// Every piece `pieces` lists, and besides each single field of each report, certificate and
/// STAR entry, each entry of their lists, and each field of each AI assurance area: what an
/// analyst could leave out.
fn all_pieces(evidence: &Value) -> Vec<Piece> {
    let mut out = pieces(evidence);
    for list in ["soc2", "iso", "star"] {
        for (i, item) in evidence[list].as_array().into_iter().flatten().enumerate() {
            for (field, value) in item.as_object().into_iter().flatten() {
                if !["document", "bridge_letter", "verification", "soa"].contains(&field.as_str()) {
                    out.push(Piece {
                        pointer: format!("/{list}/{i}/{field}"),
                        at: format!("{list}[{i}].{field}"),
                    });
                }
                for (j, _) in value.as_array().into_iter().flatten().enumerate() {
                    if field != "surveillance" {
                        out.push(Piece {
                            pointer: format!("/{list}/{i}/{field}/{j}"),
                            at: format!("{list}[{i}].{field}[{j}]"),
                        });
                    }
                }
            }
        }
    }
    for (area, value) in evidence["ai"].as_object().into_iter().flatten() {
        for (field, _) in value.as_object().into_iter().flatten() {
            if field != "source" && field != "document" {
                out.push(Piece {
                    pointer: format!("/ai/{area}/{field}"),
                    at: format!("ai.{area}.{field}"),
                });
            }
        }
    }
    out
}

/// Whether the JSON value at `pointer` of the generated evidence holds a fact that shows
/// something is wrong: a qualified, adverse or disclaimed opinion, a material exception, a
/// complementary control without an owner, a carve-out, a certificate reported suspended,
/// withdrawn or not found, a date after the as-of date, a validity beyond the certification
/// cycle, or a cited document that is missing or does not match its hash (`documents` holds the
/// files written). Deleting such a piece may change a verdict: no checker can stop an analyst
/// from hiding what they read.
fn holds_adverse_fact(value: &Value, documents: &[(String, Vec<u8>)]) -> bool {
    match value {
        Value::Object(map) => {
            let text = |k: &str| map.get(k).and_then(Value::as_str).unwrap_or("");
            if ["qualified", "adverse", "disclaimer"].contains(&text("opinion"))
                || ["suspended", "withdrawn", "not_found", "expired"].contains(&text("status"))
                || text("method") == "carve_out"
                || map.get("material") == Some(&Value::Bool(true))
                // Any exception the auditor found, or a complementary control nobody owns.
                || (map.contains_key("control") && map.contains_key("text"))
                || (map.contains_key("control") && !map.contains_key("owner") && !map.contains_key("text"))
            {
                return true;
            }
            if let (Some(path), Some(sha)) = (map.get("path"), map.get("sha256")) {
                let filed = documents
                    .iter()
                    .find(|(p, _)| Some(p.as_str()) == path.as_str());
                if filed.is_none_or(|(_, content)| sha256(content) != sha.as_str().unwrap_or("")) {
                    return true;
                }
            }
            if let (Some(issued), Some(expires)) = (
                map.get("issued").and_then(Value::as_str),
                map.get("expires").and_then(Value::as_str),
            ) && let (Ok(i), Ok(e)) = (issued.parse::<Date>(), expires.parse::<Date>())
                && e > i.plus_months(36).plus_days(7)
            {
                return true;
            }
            map.values().any(|v| holds_adverse_fact(v, documents))
        }
        Value::Array(items) => items.iter().any(|v| holds_adverse_fact(v, documents)),
        Value::String(s) => s.parse::<Date>().is_ok_and(|d| d > as_of()),
        _ => false,
    }
}

/// The report, certificate or STAR entry a piece is part of (`iso[2]` for `iso[2].issued`).
fn entry_of(at: &str) -> &str {
    match at.find(']') {
        Some(end) if ["soc2[", "iso[", "star["].iter().any(|p| at.starts_with(p)) => &at[..=end],
        _ => at,
    }
}

/// The errors of `before` that `after` no longer has, and those it gained: what a removal
/// changed, for a failure message.
fn severity_changes(before: &VendorResult, after: &VendorResult) -> String {
    let errors = |r: &VendorResult| -> Vec<String> {
        r.findings
            .iter()
            .filter(|f| f.severity == vendorcert::engine::Severity::Error)
            .map(|f| format!("{} {} at {:?}: {}", f.rule.id, f.status, f.at, f.message))
            .collect()
    };
    let (b, a) = (errors(before), errors(after));
    let mut out = format!("verdict {:?} -> {:?}\n", before.verdict, after.verdict);
    for e in b.iter().filter(|e| !a.contains(e)) {
        out.push_str(&format!("  - {e}\n"));
    }
    for e in a.iter().filter(|e| !b.contains(e)) {
        out.push_str(&format!("  + {e}\n"));
    }
    out
}

fn weak_never_scores_worse(knobs: &[u8], policy_name: &str) -> Result<(), TestCaseError> {
    let generated = generate(knobs, true);
    let tmp = folder(&generated);
    let evidence = &generated.evidence;
    let policy = policy_named(policy_name, evidence);
    // Under strict and the EU AI Act policy a document pin is part of what a report must have:
    // deleting it never helps, mismatching or not.
    let pins_required = matches!(policy_name, "strict" | "eu-ai-act-high-risk");
    let full = evaluate_text(
        tmp.path(),
        "vendor.toml",
        &toml_text(evidence),
        as_of(),
        &policy,
    )
    .map_err(|e| TestCaseError::fail(format!("generated evidence is invalid: {e:?}")))?;
    for piece in all_pieces(evidence) {
        let value = evidence
            .pointer(&piece.pointer)
            .cloned()
            .unwrap_or(Value::Null);
        let is_pin = piece.at.ends_with(".document");
        // A field of an entry with an adverse finding may be what that finding rests on (the
        // issue date of a certificate dated before its edition existed); the entry itself is the
        // adverse entry, whose deletion may change the verdict.
        let entry = entry_of(&piece.at);
        let records_adverse = full
            .findings
            .iter()
            .any(|f| f.adverse && f.at.as_deref().is_some_and(|at| entry_of(at) == entry));
        if (holds_adverse_fact(&value, &generated.documents) || records_adverse)
            && !(pins_required && is_pin)
        {
            continue;
        }
        let less = without(evidence, &piece.pointer);
        let Ok(reduced) = evaluate_text(
            tmp.path(),
            "vendor.toml",
            &toml_text(&less),
            as_of(),
            &policy,
        ) else {
            continue; // invalid without it (a required field): never a pass
        };
        prop_assert!(
            !(full.verdict == Verdict::Fail && reduced.verdict == Verdict::Pass),
            "under {policy_name}, removing {} turned a failing vendor into a passing one\n{}",
            piece.at,
            severity_changes(&full, &reduced)
        );
        // Errors elsewhere may move from one rule to another (another report becomes the
        // current one), but they never become fewer.
        let errors = |r: &VendorResult, keep: &dyn Fn(&vendorcert::engine::Finding) -> bool| {
            r.findings
                .iter()
                .filter(|f| f.severity == vendorcert::engine::Severity::Error && keep(f))
                .count()
        };
        // CONTRACT-CERTS measures the contract against the certifications held: a certificate
        // the contract does not name is found at fault there, as in property 1.
        let (was, now) = (
            errors(&full, &|f| {
                !about(f, &piece.at) && !unnamed_in_contract(f, evidence, &piece)
            }),
            errors(&reduced, &|_| true),
        );
        prop_assert!(
            now >= was,
            "under {policy_name}, removing {} cleared errors ({was} -> {now})\n{}",
            piece.at,
            severity_changes(&full, &reduced)
        );
    }
    Ok(())
}

#[test]
fn weaker_evidence_never_scores_worse_than_none_under_any_built_in_policy() {
    let mut runner = TestRunner::new(config(96));
    runner
        .run(&(knob_bytes(), any_policy()), |(knobs, policy)| {
            weak_never_scores_worse(&knobs, policy)
        })
        .unwrap();
}

// --- 1c. dates that cannot all be true never pass ------------------------------------------

/// One contradiction among the evidence's dates, written into `evidence` with `days` (1..=400)
/// setting how far off it is. `false` when the vendor has no piece to hold it.
fn contradict(evidence: &mut Value, which: usize, days: i64) -> bool {
    let before = |d: &Value, n: i64| -> Value {
        let day: Date = d.as_str().unwrap().parse().unwrap();
        date(day.plus_days(-n))
    };
    let after_as_of = date(as_of().plus_days(days));
    let soc2 = evidence["soc2"].get(0).is_some();
    let iso = evidence["iso"].get(0).is_some();
    match which {
        // A report dated before its period ended.
        0 if soc2 => {
            let end = evidence["soc2"][0]["period_end"].clone();
            evidence["soc2"][0]["report_date"] = before(&end, days);
        }
        // A bridge letter that ends before the period it bridges.
        1 if soc2 => {
            let end = evidence["soc2"][0]["period_end"].clone();
            evidence["soc2"][0]["bridge_letter"] =
                json!({ "through": before(&end, days), "signed_by": "Chief Financial Officer" });
        }
        // A period that starts after it ends.
        2 if soc2 => {
            let end = evidence["soc2"][0]["period_end"].clone();
            let end_day: Date = end.as_str().unwrap().parse().unwrap();
            evidence["soc2"][0]["period_start"] = date(end_day.plus_days(days));
        }
        // A period that ends after the as-of date.
        3 if soc2 => evidence["soc2"][0]["period_end"] = after_as_of,
        // A certificate issued after it expires.
        4 if iso => {
            let expires = evidence["iso"][0]["expires"].clone();
            if expires.is_null() {
                return false;
            }
            let day: Date = expires.as_str().unwrap().parse().unwrap();
            evidence["iso"][0]["issued"] = date(day.plus_days(days));
        }
        // A certificate issued after the as-of date.
        5 if iso => evidence["iso"][0]["issued"] = after_as_of,
        // A surveillance audit before the certificate's issue.
        6 if iso => {
            let issued = evidence["iso"][0]["issued"].clone();
            evidence["iso"][0]["surveillance"] = json!([{ "date": before(&issued, days) }]);
        }
        // A surveillance audit after the as-of date.
        7 if iso => evidence["iso"][0]["surveillance"] = json!([{ "date": after_as_of }]),
        // A verification after the as-of date.
        8 if iso => {
            evidence["iso"][0]["verification"] =
                json!({ "method": "registry", "date": after_as_of, "status": "active" })
        }
        // Red team and tabletop exercises after the as-of date.
        9 if evidence["ai"]["adversarial_testing"].is_object() => {
            evidence["ai"]["adversarial_testing"]["date"] = after_as_of
        }
        10 if evidence["ai"]["incident_response"].is_object() => {
            evidence["ai"]["incident_response"]["last_tabletop"] = after_as_of
        }
        _ => return false,
    }
    true
}

fn contradictions_never_pass(
    knobs: &[u8],
    which: usize,
    days: i64,
    policy_name: &str,
) -> Result<(), TestCaseError> {
    let generated = generate(knobs, false);
    let tmp = folder(&generated);
    let mut evidence = generated.evidence.clone();
    if !contradict(&mut evidence, which, days) {
        return Ok(());
    }
    let policy = policy_named(policy_name, &evidence);
    // Only a vendor that passes without the contradiction says anything about it.
    let clean = evaluate_text(
        tmp.path(),
        "vendor.toml",
        &toml_text(&generated.evidence),
        as_of(),
        &policy,
    )
    .map_err(|e| TestCaseError::fail(format!("generated evidence is invalid: {e:?}")))?;
    if clean.verdict != Verdict::Pass {
        return Ok(());
    }
    MEANINGFUL.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let Ok(result) = evaluate_text(
        tmp.path(),
        "vendor.toml",
        &toml_text(&evidence),
        as_of(),
        &policy,
    ) else {
        return Ok(()); // an input error: never a pass
    };
    prop_assert_eq!(
        result.verdict,
        Verdict::Fail,
        "contradiction {} ({} days) passed under {}:\n{}",
        which,
        days,
        policy_name,
        describe(&result)
    );
    Ok(())
}

/// Cases of `dates_that_cannot_all_be_true_never_pass` whose vendor passes without the
/// contradiction: the property says nothing about the others.
static MEANINGFUL: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

#[test]
fn dates_that_cannot_all_be_true_never_pass() {
    let mut runner = TestRunner::new(config(256));
    // Mostly good vendors (few knob bytes, most of them 0), so that most cases pass without the
    // contradiction and the property is not vacuous.
    let knobs = proptest::collection::vec(prop_oneof![8 => Just(0u8), 1 => any::<u8>()], 0..40);
    runner
        .run(
            &(knobs, 0usize..11, 1i64..400, any_policy()),
            |(knobs, which, days, policy)| contradictions_never_pass(&knobs, which, days, policy),
        )
        .unwrap();
    let meaningful = MEANINGFUL.load(std::sync::atomic::Ordering::Relaxed);
    assert!(
        meaningful >= 10,
        "only {meaningful} cases had a vendor that passes without the contradiction"
    );
}

// --- the calendar announces every change, and only changes --------------------------------

/// Judges a random vendor on every day from the as-of date to the horizon: each day on which a
/// finding's status or the verdict differs from the day before carries exactly the events of that
/// day in the calendar, and no other day carries any.
fn calendar_is_complete(
    knobs: &[u8],
    policy: &str,
    waive: Option<(usize, i64)>,
) -> Result<(), TestCaseError> {
    use vendorcert::engine::judge;
    use vendorcert::portfolio::calendar::{changes, vendor_events};
    let generated = generate(knobs, false);
    let tmp = folder(&generated);
    let text = toml_text(&generated.evidence);
    let policy = policy_named(policy, &generated.evidence);
    let vendor = parse_vendor_text(&tmp.path().join("vendor.toml"), text)
        .map_err(|e| TestCaseError::fail(format!("generated evidence is invalid: {e:?}")))?;
    let index = PortfolioIndex::default();
    let start = as_of();
    let until = start.plus_days(400);
    // A waiver of one of the rules that do not pass today, ending within the horizon.
    let mut waivers = Vec::new();
    if let Some((pick, days)) = waive {
        let ((_, today), _) = judge(&vendor, start, &policy, &index, &[]);
        let failing: Vec<&str> = today
            .iter()
            .filter(|f| matches!(f.status, Status::Fail | Status::Unverified))
            .map(|f| f.rule.id)
            .collect();
        if !failing.is_empty() {
            waivers.push(vendorcert::policy::Waiver {
                vendor: vendor.evidence.vendor.id.clone(),
                rule: failing[pick % failing.len()].to_string(),
                reason: "accepted while the vendor remediates".into(),
                approver: "A. Approver, CISO".into(),
                approved: start.plus_days(-10),
                expires: start.plus_days(days),
                certificate: None,
                soc2_period_end: None,
                origin: "waivers.toml:1".into(),
                origin_source: None,
            });
        }
    }
    let events = vendor_events(&vendor, &policy, &index, &waivers, start, until);
    let mut before = judge(&vendor, start, &policy, &index, &waivers).0;
    let mut day = start;
    while day < until {
        day = day.plus_days(1);
        let after = judge(&vendor, day, &policy, &index, &waivers).0;
        let expected: Vec<String> = changes(&vendor, day, &before, &after)
            .iter()
            .map(|e| {
                format!(
                    "{:?} {:?} {} -> {}: {}",
                    e.kind, e.rule, e.from, e.to, e.what
                )
            })
            .collect();
        let announced: Vec<String> = events
            .iter()
            .filter(|e| e.date == day)
            .map(|e| {
                format!(
                    "{:?} {:?} {} -> {}: {}",
                    e.kind, e.rule, e.from, e.to, e.what
                )
            })
            .collect();
        prop_assert_eq!(
            &announced,
            &expected,
            "on {} the calendar announces {:?} but the findings change by {:?}",
            day,
            announced,
            expected
        );
        before = after;
    }
    if !events.is_empty() {
        CALENDAR_EVENTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
    Ok(())
}

static CALENDAR_EVENTS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

#[test]
fn the_calendar_announces_every_change_on_its_day_and_nothing_else() {
    let mut runner = TestRunner::new(config(24));
    let waive = proptest::option::of((0usize..8, 1i64..400));
    runner
        .run(
            &(knob_bytes(), any_policy(), waive),
            |(knobs, policy, waive)| calendar_is_complete(&knobs, policy, waive),
        )
        .unwrap();
    let with_events = CALENDAR_EVENTS.load(std::sync::atomic::Ordering::Relaxed);
    assert!(
        with_events >= 12,
        "only {with_events} cases had any event ahead: the property is nearly vacuous"
    );
}

// --- 2. a later as-of date never turns a failure into a pass -------------------------------

fn later_never_better(knobs: &[u8], days_later: i64, strict: bool) -> Result<(), TestCaseError> {
    // No dates of past events after the as-of date: those fail for being in the future, and
    // rightly stop failing once the date is reached.
    let generated = generate(knobs, false);
    let tmp = folder(&generated);
    let text = toml_text(&generated.evidence);
    let policy = policy_for(&generated.evidence, strict);
    let then = as_of().plus_days(days_later);
    let now_result = evaluate_text(tmp.path(), "vendor.toml", &text, as_of(), &policy)
        .map_err(|e| TestCaseError::fail(format!("generated evidence is invalid: {e:?}")))?;
    let later = evaluate_text(tmp.path(), "vendor.toml", &text, then, &policy).unwrap();
    let key = |f: &vendorcert::engine::Finding| (f.rule.id, f.at.clone(), f.subject.clone());
    let later_status: BTreeMap<_, _> = later.findings.iter().map(|f| (key(f), f.status)).collect();
    for f in &now_result.findings {
        if f.status == Status::Fail {
            prop_assert_ne!(
                later_status.get(&key(f)).copied(),
                Some(Status::Pass),
                "{} failed at {} but passes at {}: {}\nlater: {}",
                f.rule.id,
                as_of(),
                then,
                f.message,
                describe(&later)
            );
        }
    }
    // The verdict, leaving out GEN-INCIDENTS: a disclosed incident rightly leaves the window
    // it is judged in.
    let fails = |r: &VendorResult| {
        r.findings.iter().any(|f| {
            f.rule.id != "GEN-INCIDENTS" && f.severity == vendorcert::engine::Severity::Error
        })
    };
    prop_assert!(
        !fails(&now_result) || fails(&later),
        "failing at {} but passing at {}\nnow: {}\nlater: {}",
        as_of(),
        then,
        describe(&now_result),
        describe(&later)
    );
    Ok(())
}

#[test]
fn a_later_as_of_date_never_turns_a_failure_into_a_pass() {
    let mut runner = TestRunner::new(config(128));
    runner
        .run(
            &(knob_bytes(), 1i64..900, any::<bool>()),
            |(knobs, days, strict)| later_never_better(&knobs, days, strict),
        )
        .unwrap();
}

// --- 3. TOML and JSON give the same report -------------------------------------------------

/// The JSON report of one evaluated vendor, without the file name and the positions.
fn report_without_positions(result: VendorResult) -> Value {
    let run = RunReport {
        as_of: as_of(),
        policy: result.policy.clone(),
        vendors: vec![VendorOutcome::Evaluated(Box::new(result))],
        errors: Vec::new(),
    };
    let mut bytes = Vec::new();
    JsonReport::default().render(&run, &mut bytes).unwrap();
    let mut v: Value = serde_json::from_slice(&bytes).unwrap();
    let vendor = &mut v["vendors"][0];
    vendor.as_object_mut().unwrap().remove("file");
    for f in vendor["findings"].as_array_mut().unwrap() {
        f.as_object_mut().unwrap().remove("location");
    }
    v
}

#[test]
fn toml_and_json_forms_give_the_same_report() {
    let mut runner = TestRunner::new(config(128));
    runner
        .run(&(knob_bytes(), any::<bool>()), |(knobs, strict)| {
            let generated = generate(&knobs, true);
            let tmp = folder(&generated);
            let policy = policy_for(&generated.evidence, strict);
            let toml = toml_text(&generated.evidence);
            let json = json_text(&generated.evidence);
            let from_toml =
                evaluate_text(tmp.path(), "vendor.toml", &toml, as_of(), &policy).unwrap();
            let from_json =
                evaluate_text(tmp.path(), "vendor.json", &json, as_of(), &policy).unwrap();
            let from_toml = report_without_positions(from_toml);
            let from_json = report_without_positions(from_json);
            prop_assert_eq!(&from_toml, &from_json, "TOML:\n{}\nJSON:\n{}", toml, json);
            // And the report has findings at all (not two empty reports agreeing).
            prop_assert!(
                from_toml["vendors"][0]["findings"]
                    .as_array()
                    .is_some_and(|f| !f.is_empty())
            );
            Ok(())
        })
        .unwrap();
}

// --- 4. the same bytes whatever the thread count -------------------------------------------

fn vendorcert() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("vendorcert").unwrap();
    cmd.timeout(std::time::Duration::from_secs(60));
    cmd
}

#[test]
fn a_run_gives_the_same_bytes_whatever_the_thread_count() {
    let mut runner = TestRunner::new(config(24));
    let portfolio = proptest::collection::vec((knob_bytes(), any::<bool>()), 2..7);
    runner
        .run(&portfolio, |vendors| {
            let tmp = TempDir::new().unwrap();
            for (i, (knobs, json)) in vendors.iter().enumerate() {
                let generated = generate(knobs, true);
                let dir = tmp.path().join(format!("vendor-{i:02}"));
                std::fs::create_dir_all(&dir).unwrap();
                for (path, content) in &generated.documents {
                    let file = dir.join(path);
                    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
                    std::fs::write(file, content).unwrap();
                }
                let mut evidence = generated.evidence;
                evidence["vendor"]["id"] = json!(format!("gen-vendor-{i:02}"));
                let (name, text) = if *json {
                    ("vendor.json", json_text(&evidence))
                } else {
                    ("vendor.toml", toml_text(&evidence))
                };
                std::fs::write(dir.join(name), text).unwrap();
            }
            for format in ["json", "table", "sarif"] {
                let run = |threads: &str| {
                    let out = vendorcert()
                        .env("RAYON_NUM_THREADS", threads)
                        .args(["check", "--as-of", "2026-11-23", "--format", format])
                        .arg(tmp.path())
                        .output()
                        .unwrap();
                    (out.status.code(), out.stdout, out.stderr)
                };
                let one = run("1");
                let two = run("2");
                prop_assert!(matches!(one.0, Some(0 | 1)), "{format}: {:?}", one.0);
                prop_assert!(
                    one == two,
                    "{format} output differs between 1 and 2 threads"
                );
            }
            Ok(())
        })
        .unwrap();
}

// --- 5. any bytes: a report and exit 0, 1 or 2, never a panic ------------------------------

/// Bytes for an evidence file: anything at all, or a generated vendor's text cut, spliced or
/// with bytes changed.
fn hostile_bytes() -> impl Strategy<Value = (Vec<u8>, bool)> {
    let arbitrary = proptest::collection::vec(any::<u8>(), 0..400);
    let mutated = (
        knob_bytes(),
        any::<bool>(),
        proptest::collection::vec((any::<u16>(), any::<u8>(), 0u8..3), 1..6),
    )
        .prop_map(|(knobs, json, edits)| {
            let generated = generate(&knobs, true);
            let mut bytes = if json {
                json_text(&generated.evidence)
            } else {
                toml_text(&generated.evidence)
            }
            .into_bytes();
            for (at, byte, how) in edits {
                let at = usize::from(at) % (bytes.len() + 1);
                match how {
                    0 => bytes.insert(at, byte),
                    1 if at < bytes.len() => bytes[at] = byte,
                    _ => bytes.truncate(at),
                }
            }
            (bytes, json)
        });
    prop_oneof![(arbitrary, any::<bool>()), mutated,]
}

#[test]
fn any_bytes_give_a_report_and_never_a_panic() {
    let mut runner = TestRunner::new(config(64));
    runner
        .run(&hostile_bytes(), |(bytes, json)| {
            let tmp = TempDir::new().unwrap();
            let dir = tmp.path().join("v");
            std::fs::create_dir_all(&dir).unwrap();
            let name = if json { "vendor.json" } else { "vendor.toml" };
            std::fs::write(dir.join(name), &bytes).unwrap();
            let out = vendorcert()
                .args(["check", "--as-of", "2026-11-23", "--format", "json"])
                .arg(&dir)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            prop_assert!(!stderr.contains("panicked"), "{stderr}");
            let code = out.status.code();
            prop_assert!(matches!(code, Some(0..=2)), "exit {code:?}: {stderr}");
            let report: Value = serde_json::from_slice(&out.stdout)
                .map_err(|e| TestCaseError::fail(format!("not a JSON report: {e}")))?;
            prop_assert_eq!(&report["summary"]["vendors"], &json!(1));
            let readable = text_from_bytes(Path::new(name), bytes.clone()).is_ok();
            if !readable {
                prop_assert_eq!(code, Some(2));
                prop_assert_eq!(&report["vendors"][0]["verdict"], &json!("invalid"));
            }
            if code == Some(0) {
                prop_assert!(readable);
                prop_assert_eq!(&report["summary"]["passed"], &json!(1));
            }
            // In process too: the same bytes never panic the loader.
            if let Ok(text) = text_from_bytes(Path::new(name), bytes) {
                let _ = parse_vendor_text(&dir.join(name), text);
            }
            Ok(())
        })
        .unwrap();
}
