//! OSCAL 1.1.2 assessment results (docs/oscal.md), for GRC platforms and compliance-trestle.
//!
//! Streamed like the other formats: each vendor's evidence (as the run loaded it: the file is
//! read once) and findings are turned into OSCAL objects on the worker thread that evaluated it
//! ([`vendor_part`]), and nothing of the vendor is kept but that text. OSCAL keeps each kind of
//! object in its own list (parties, components, observations, risks, findings, back-matter
//! resources), so each list goes to its own spool (an unnamed temporary file) and the lists are
//! joined at the end: memory does not grow with the portfolio (only the set of waiver approvers
//! and of rules run does).
//!
//! Every UUID is a version 5 UUID of a stable name (the vendor id, the evidence path, the rule
//! and the finding's place), so the same evidence, policy and as-of date give the same bytes.
//! Every date-time is a calendar date at midnight UTC: the evaluation speaks for its as-of date.

use std::collections::BTreeSet;
use std::io::{self, Write};

use super::spool::Spool;
use crate::portfolio::{Loaded, VendorOutcome};

use base64::Engine as _;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::engine::{Finding, Severity, VendorResult};
use crate::evidence::load::to_hex;
use crate::evidence::{Date, LoadedVendor};
use crate::rules::crosswalk::Regime;
use crate::rules::{RULES, Rule, Status};

/// The OSCAL version written.
pub const OSCAL_VERSION: &str = "1.1.2";

/// The namespace of vendorcert's own `props` (status, severity, obligation, …).
pub const NS: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/ns/oscal");

/// A version 5 UUID of `name` in vendorcert's namespace.
fn uuid(name: &str) -> String {
    static NAMESPACE: std::sync::LazyLock<Uuid> =
        std::sync::LazyLock::new(|| Uuid::new_v5(&Uuid::NAMESPACE_URL, NS.as_bytes()));
    Uuid::new_v5(&NAMESPACE, name.as_bytes()).to_string()
}

/// A date as an OSCAL date-time: midnight UTC.
fn at(date: Date) -> String {
    format!("{date}T00:00:00Z")
}

fn prop(name: &str, value: impl Into<String>) -> Value {
    json!({ "name": name, "ns": NS, "value": value.into() })
}

/// The tool that made every observation, finding and risk.
fn tool_origin() -> Value {
    json!([{ "actors": [{ "type": "tool", "actor-uuid": uuid("tool") }] }])
}

/// One list of the document, as JSON text with its items separated by commas.
#[derive(Default)]
struct List {
    text: Vec<u8>,
    len: usize,
}

impl List {
    fn push(&mut self, item: &Value) {
        if self.len > 0 {
            self.text.push(b',');
        }
        // Serialising a `Value` into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut self.text, item);
        self.len += 1;
    }
}

/// One list of the whole document, spooled: the vendors' items as they come.
#[derive(Default)]
struct SpooledList {
    spool: Spool,
    len: usize,
}

impl SpooledList {
    fn append(&mut self, list: &List) -> io::Result<()> {
        if list.len == 0 {
            return Ok(());
        }
        if self.len > 0 {
            self.spool.write_all(b",")?;
        }
        self.spool.write_all(&list.text)?;
        self.len += list.len;
        Ok(())
    }

    /// `"key":[…]`, after `first` (OSCAL wants no empty list: nothing when there is no item).
    fn write_member(
        &mut self,
        out: &mut dyn Write,
        key: &str,
        first: Option<&List>,
        comma: &mut bool,
    ) -> io::Result<()> {
        let first = first.filter(|l| l.len > 0);
        if self.len == 0 && first.is_none() {
            return Ok(());
        }
        if *comma {
            out.write_all(b",")?;
        }
        write!(out, "\"{key}\":[")?;
        if let Some(first) = first {
            out.write_all(&first.text)?;
            if self.len > 0 {
                out.write_all(b",")?;
            }
        }
        self.spool.copy_to(0, out)?;
        out.write_all(b"]")?;
        *comma = true;
        Ok(())
    }
}

/// `check --format oscal`: the OSCAL assessment results of a run as of a date.
pub struct OscalReport {
    pub as_of: Date,
}

/// One vendor's objects, made on the worker thread that evaluated it.
#[derive(Default)]
pub struct VendorPart {
    id: String,
    parties: List,
    components: List,
    observations: List,
    risks: List,
    findings: List,
    resources: List,
    /// The approvers of the vendor's waivers in force, with their party (given once per run).
    approvers: Vec<(String, Value)>,
    /// The rules the vendor's policy ran.
    reviewed: BTreeSet<usize>,
}

/// The document's lists so far.
#[derive(Default)]
pub struct Lists {
    parties: SpooledList,
    components: SpooledList,
    observations: SpooledList,
    risks: SpooledList,
    findings: SpooledList,
    resources: SpooledList,
    /// Approvers of waivers already given a party.
    approvers: BTreeSet<String>,
    /// The rules any vendor's policy ran (the result's reviewed controls).
    reviewed: BTreeSet<usize>,
    /// What the document's UUID is made from: the run's vendors, in order.
    identity: Sha256,
}

impl super::Streamed for OscalReport {
    type Piece = Option<VendorPart>;
    type Sink = Lists;

    fn sink(&self) -> Lists {
        Lists::default()
    }

    fn piece(
        &self,
        _position: usize,
        outcome: &VendorOutcome,
        loaded: Option<Loaded<'_>>,
    ) -> Option<VendorPart> {
        match outcome {
            VendorOutcome::Evaluated(result) => {
                Some(vendor_part(self.as_of, loaded.map(|l| l.vendor), result))
            }
            // An invalid file is listed on stderr and makes the exit code 2; OSCAL has no
            // object for it.
            VendorOutcome::Invalid { .. } => None,
        }
    }

    fn take(
        &self,
        lists: &mut Lists,
        part: Option<VendorPart>,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        let Some(part) = part else {
            return Ok(());
        };
        lists.identity.update(format!("{}\0", part.id).as_bytes());
        lists.parties.append(&part.parties)?;
        let mut people = List::default();
        for (name, person) in &part.approvers {
            if lists.approvers.insert(name.clone()) {
                people.push(person);
            }
        }
        lists.parties.append(&people)?;
        lists.components.append(&part.components)?;
        lists.observations.append(&part.observations)?;
        lists.risks.append(&part.risks)?;
        lists.findings.append(&part.findings)?;
        lists.resources.append(&part.resources)?;
        lists.reviewed.extend(part.reviewed);
        Ok(())
    }

    fn finish(&self, lists: Lists, end: &super::RunEnd, out: &mut dyn Write) -> io::Result<()> {
        finish(self.as_of, end.policy, lists, out)
    }
}

/// One evaluated vendor's objects: `loaded` is its evidence as the run loaded it (absent when a
/// whole report is rendered after the run: then only its party, findings and risks are written),
/// `result` its evaluation.
fn vendor_part(as_of: Date, loaded: Option<&LoadedVendor>, result: &VendorResult) -> VendorPart {
    let id = &result.id;
    let mut part = VendorPart {
        id: id.clone(),
        ..VendorPart::default()
    };
    let party = uuid(&format!("party/{id}"));
    part.parties.push(&json!({
        "uuid": party,
        "type": "organization",
        "name": result.name,
        "short-name": id,
        "props": [prop("vendor-id", id.as_str())],
    }));
    for (rule, level) in result.policy_detail.active_rules() {
        let _ = level;
        if let Some(i) = RULES.iter().position(|r| std::ptr::eq(*r, rule)) {
            part.reviewed.insert(i);
        }
    }

    let mut pieces: Vec<Piece> = Vec::new();
    if let Some(loaded) = loaded {
        let ev = &loaded.evidence;
        for service in &ev.vendor.services {
            part.components.push(&json!({
                "uuid": uuid(&format!("component/{id}/{service}")),
                "type": "service",
                "title": service,
                "description": format!("{service}, a service of {} that we use", result.name),
                "props": [prop("vendor-id", id.as_str())],
                "status": { "state": "operational" },
            }));
        }
        // The evidence file and each cited document, with their SHA-256.
        let file_resource = uuid(&format!("resource/{id}/evidence-file"));
        part.resources.push(&json!({
            "uuid": file_resource,
            "title": format!("evidence file of {}", result.name),
            "rlinks": [{
                "href": super::sarif::uri_of(&result.file),
                "hashes": [{
                    "algorithm": "SHA-256",
                    "value": to_hex(&Sha256::digest(loaded.text.as_bytes())),
                }],
            }],
        }));
        let document = |resources: &mut List, path: &str, doc: &crate::evidence::DocumentRef| {
            let uuid = uuid(&format!("resource/{id}/{path}"));
            let href = match (&doc.path, &doc.url) {
                (Some(p), _) => super::sarif::uri_of(&loaded.dir.join(p)),
                (None, Some(url)) => url.clone(),
                (None, None) => return None,
            };
            resources.push(&json!({
                "uuid": uuid,
                "title": format!("document cited at {path}"),
                "rlinks": [{
                    "href": href,
                    "hashes": [{ "algorithm": "SHA-256", "value": doc.sha256.to_ascii_lowercase() }],
                }],
            }));
            Some(uuid)
        };

        // One observation per piece of evidence: what was examined, until when it counts.
        let thresholds = &result.policy_detail.thresholds;
        let collected = at(ev.vendor.last_review.unwrap_or(as_of));
        for (i, r) in ev.soc2.iter().enumerate() {
            let path = format!("soc2[{i}]");
            let doc = r
                .document
                .as_ref()
                .and_then(|d| document(&mut part.resources, &path, d));
            pieces.push(Piece {
                title: format!(
                    "SOC 2 Type {} report{}",
                    r.report_type,
                    r.auditor
                        .as_deref()
                        .map(|a| format!(" by {a}"))
                        .unwrap_or_default()
                ),
                expires: r
                    .period_end
                    .map(|end| end.plus_months(thresholds.soc2_max_age_months)),
                expires_why: "the report's age limit under the policy",
                document: doc,
                path,
            });
            if let Some(bridge) = &r.bridge_letter {
                let path = format!("soc2[{i}].bridge_letter");
                let doc = bridge
                    .document
                    .as_ref()
                    .and_then(|d| document(&mut part.resources, &path, d));
                pieces.push(Piece {
                    title: format!("bridge letter through {}", bridge.through),
                    expires: Some(bridge.through),
                    expires_why: "the end of the period the bridge letter covers",
                    document: doc,
                    path,
                });
            }
        }
        for (i, c) in ev.iso.iter().enumerate() {
            let path = format!("iso[{i}]");
            let doc = c
                .document
                .as_ref()
                .and_then(|d| document(&mut part.resources, &path, d));
            pieces.push(Piece {
                title: format!(
                    "{} certificate{}",
                    c.standard,
                    c.certificate_number
                        .as_deref()
                        .map(|n| format!(" {n}"))
                        .unwrap_or_default()
                ),
                expires: c.expires,
                expires_why: "the certificate's expiry date",
                document: doc,
                path,
            });
        }
        for (i, s) in ev.star.iter().enumerate() {
            pieces.push(Piece {
                title: format!("CSA STAR Level {} entry", s.level),
                expires: s.date.map(|d| d.plus_months(12)),
                expires_why: "a year after the entry's date",
                document: None,
                path: format!("star[{i}]"),
            });
        }
        // The evidence that is not an attestation: the AI assurance answers, the contract
        // terms, sector evidence and the incident history.
        if let Some(ai) = &ev.ai {
            let path = "ai".to_string();
            let doc = ai
                .adversarial_testing
                .as_ref()
                .and_then(|t| t.document.as_ref())
                .and_then(|d| document(&mut part.resources, "ai.adversarial_testing", d));
            pieces.push(Piece {
                title: "AI assurance answers".to_string(),
                expires: None,
                expires_why: "",
                document: doc,
                path,
            });
        }
        if let Some(contract) = &ev.contract {
            let path = "contract".to_string();
            let doc = contract
                .document
                .as_ref()
                .and_then(|d| document(&mut part.resources, &path, d));
            pieces.push(Piece {
                title: "contract terms".to_string(),
                expires: None,
                expires_why: "",
                document: doc,
                path,
            });
        }
        for (i, s) in ev.sector.iter().enumerate() {
            let path = format!("sector[{i}]");
            let doc = s
                .document
                .as_ref()
                .and_then(|d| document(&mut part.resources, &path, d));
            pieces.push(Piece {
                title: match s.evidence.as_deref() {
                    Some(what) => format!("{} evidence ({what})", s.framework),
                    None => format!("{} evidence", s.framework),
                },
                expires: s.expires,
                expires_why: "the evidence's expiry date",
                document: doc,
                path,
            });
        }
        if ev.incidents.is_some() {
            pieces.push(Piece {
                title: "incident history".to_string(),
                expires: None,
                expires_why: "",
                document: None,
                path: "incidents".to_string(),
            });
        }
        for piece in &pieces {
            // A registry look-up is a test; reading the document an examination.
            let tested = result.findings.iter().any(|f| {
                f.registry.is_some() && f.at.as_deref().is_some_and(|a| about(a, &piece.path))
            });
            let mut evidence = vec![json!({
                "href": format!("#{file_resource}"),
                "description": format!("the evidence file, at {}", piece.path),
            })];
            if let Some(doc) = &piece.document {
                evidence.push(json!({
                    "href": format!("#{doc}"),
                    "description": format!("the document {} cites", piece.path),
                }));
            }
            let mut observation = json!({
                "uuid": uuid(&format!("observation/{id}/{}", piece.path)),
                "title": piece.title,
                "description": format!("{} of {}, recorded at {}", piece.title, result.name, piece.path),
                "props": [prop("evidence-path", piece.path.as_str())],
                "methods": [if tested { "TEST" } else { "EXAMINE" }],
                "origins": tool_origin(),
                "subjects": [{ "subject-uuid": party, "type": "party" }],
                "relevant-evidence": evidence,
                "collected": collected,
            });
            if let Some(expires) = piece.expires {
                observation["expires"] = at(expires).into();
                observation["remarks"] = format!("expires: {}", piece.expires_why).into();
            }
            part.observations.push(&observation);
        }
    }
    // One finding per rule outcome; a risk for each failure and each waived one.
    let mut seen = std::collections::BTreeMap::<&str, usize>::new();
    for f in &result.findings {
        let n = seen.entry(f.rule.id).or_default();
        *n += 1;
        let key = format!("{id}/{}/{n}", f.rule.id);
        let observations: Vec<Value> = pieces
            .iter()
            .filter(|p| f.at.as_deref().is_some_and(|a| about(a, &p.path)))
            .map(|p| json!({ "observation-uuid": uuid(&format!("observation/{id}/{}", p.path)) }))
            .collect();
        let text = match &f.subject {
            Some(subject) => format!("{subject}: {}", f.message),
            None => f.message.clone(),
        };
        let risky = f.severity == Severity::Error || f.status == Status::Waived;
        let risk_uuid = uuid(&format!("risk/{key}"));
        let mut finding = json!({
            "uuid": uuid(&format!("finding/{key}")),
            "title": format!("{}: {}", f.rule.id, f.rule.title),
            "description": text,
            "props": finding_props(f, id),
            "origins": tool_origin(),
            "target": {
                "type": "objective-id",
                "target-id": f.rule.slug(),
                "status": {
                    // Only a pass satisfies: unverified, not applicable and waived do not.
                    "state": if f.status == Status::Pass { "satisfied" } else { "not-satisfied" },
                    "reason": match f.status {
                        Status::Pass => "pass",
                        Status::Fail => "fail",
                        _ => "other",
                    },
                },
            },
        });
        if !observations.is_empty() {
            finding["related-observations"] = observations.clone().into();
        }
        if risky {
            finding["related-risks"] = json!([{ "risk-uuid": risk_uuid }]);
            risk(&mut part, f, &text, &risk_uuid, &key, observations);
        }
        part.findings.push(&finding);
    }
    part
}

fn risk(
    part: &mut VendorPart,
    f: &Finding,
    text: &str,
    risk_uuid: &str,
    key: &str,
    observations: Vec<Value>,
) {
    let mut risk = json!({
        "uuid": risk_uuid,
        "title": format!("{}: {}", f.rule.id, f.rule.title),
        "description": text,
        "statement": f.rule.rationale,
        "status": "open",
        "origins": tool_origin(),
    });
    let threats = threat_ids(f.rule);
    if !threats.is_empty() {
        risk["threat-ids"] = threats.into();
    }
    if !observations.is_empty() {
        risk["related-observations"] = observations.into();
    }
    if let (Status::Waived, Some(w)) = (f.status, &f.waiver) {
        // Accepted by a waiver in force; an expired waiver leaves the finding failing, and the
        // risk open.
        let approver = uuid(&format!("party/approver/{}", w.approver));
        if !part.approvers.iter().any(|(name, _)| *name == w.approver) {
            let person = json!({
                "uuid": approver,
                "type": "person",
                "name": w.approver,
            });
            part.approvers.push((w.approver.clone(), person));
        }
        risk["status"] = "deviation-approved".into();
        risk["deadline"] = at(w.expires).into();
        risk["risk-log"] = json!({
            "entries": [{
                "uuid": uuid(&format!("risk-log/{key}")),
                "title": "risk accepted by waiver",
                "description": format!(
                    "{} (approved by {} on {}, until {}; {})",
                    w.reason, w.approver, w.approved, w.expires, w.origin
                ),
                "start": at(w.approved),
                "logged-by": [{ "party-uuid": approver }],
                "status-change": "deviation-approved",
            }],
        });
    }
    part.risks.push(&risk);
}

/// Writes the whole document.
fn finish(as_of: Date, policy: &str, mut lists: Lists, out: &mut dyn Write) -> io::Result<()> {
    let mut identity = Sha256::new();
    identity.update(format!("{as_of}\0{policy}\0").as_bytes());
    identity.update(lists.identity.finalize());
    let document = uuid(&format!(
        "assessment-results/{}",
        to_hex(&identity.finalize())
    ));
    let plan = uuid(&format!("assessment-plan/{document}"));
    let stamp = at(as_of);
    let controls: Vec<Value> = lists
        .reviewed
        .iter()
        .map(|&i| json!({ "control-id": RULES[i].slug() }))
        .collect();
    let metadata = json!({
        "title": format!("vendorcert assessment as of {}", as_of),
        "last-modified": stamp,
        "version": env!("CARGO_PKG_VERSION"),
        "oscal-version": OSCAL_VERSION,
        "props": [prop("policy", policy)],
    });
    let mut result = json!({
        "uuid": uuid(&format!("result/{document}")),
        "title": format!("vendor review as of {}", as_of),
        "description": format!(
            "vendorcert {} checked each vendor's evidence under the policy {} as of {}",
            env!("CARGO_PKG_VERSION"),
            policy,
            as_of
        ),
        "start": stamp,
        "end": stamp,
    });
    if !controls.is_empty() {
        result["reviewed-controls"] = json!({
            "description": "the rules the vendors' policies ran (docs/rules.md)",
            "control-selections": [{ "include-controls": controls }],
        });
    } else {
        result["reviewed-controls"] = json!({ "control-selections": [{ "include-all": {} }] });
    }
    // `{"assessment-results":{ … }}`, the lists spliced in as they were written.
    write!(out, "{{\"assessment-results\":{{\"uuid\":\"{document}\",")?;
    let mut metadata_text = serde_json::to_vec(&metadata)?;
    metadata_text.pop(); // the closing brace: parties follow
    out.write_all(b"\"metadata\":")?;
    out.write_all(&metadata_text)?;
    let mut comma = true;
    lists
        .parties
        .write_member(out, "parties", None, &mut comma)?;
    out.write_all(b"},")?;
    write!(
        out,
        "\"import-ap\":{{\"href\":\"#{plan}\",\"remarks\":\"the plan is the policy: its rules are the reviewed controls\"}},"
    )?;
    out.write_all(b"\"results\":[")?;
    let mut result_text = serde_json::to_vec(&result)?;
    result_text.pop();
    out.write_all(&result_text)?;
    let mut comma = true;
    out.write_all(b",\"local-definitions\":{")?;
    let mut inner = false;
    let mut tool = List::default();
    tool.push(&json!({
        "uuid": uuid("tool"),
        "type": "software",
        "title": env!("CARGO_PKG_NAME"),
        "description": env!("CARGO_PKG_DESCRIPTION"),
        "props": [prop("version", env!("CARGO_PKG_VERSION"))],
        "status": { "state": "operational" },
    }));
    lists
        .components
        .write_member(out, "components", Some(&tool), &mut inner)?;
    out.write_all(b"}")?;
    lists
        .observations
        .write_member(out, "observations", None, &mut comma)?;
    lists.risks.write_member(out, "risks", None, &mut comma)?;
    lists
        .findings
        .write_member(out, "findings", None, &mut comma)?;
    out.write_all(b"}],")?;
    // The assessment plan the results import, embedded in the back matter (base64): the policy's
    // rules as its reviewed controls. OSCAL requires a plan to import a system security plan;
    // a vendor review has none, so the plan's own back matter says so.
    let ssp = uuid(&format!("system-security-plan/{document}"));
    let plan_document = json!({
        "assessment-plan": {
            "uuid": plan,
            "metadata": {
                "title": format!("vendorcert assessment plan: the policy {policy} as of {as_of}"),
                "last-modified": stamp,
                "version": env!("CARGO_PKG_VERSION"),
                "oscal-version": OSCAL_VERSION,
                "props": [prop("policy", policy)],
            },
            "import-ssp": { "href": format!("#{ssp}") },
            "reviewed-controls": result["reviewed-controls"],
            "back-matter": { "resources": [{
                "uuid": ssp,
                "title": "no system security plan",
                "description": "a vendor review assesses each vendor's certifications and \
                    evidence against the buyer's policy; there is no system security plan",
            }]},
        }
    });
    let mut plan_resource = List::default();
    plan_resource.push(&json!({
        "uuid": plan,
        "title": "assessment plan",
        "description": format!(
            "the rules of the policy {} as of {}: the result's reviewed controls",
            policy, as_of
        ),
        "base64": {
            "filename": "assessment-plan.json",
            "media-type": "application/json",
            "value": base64::engine::general_purpose::STANDARD
                .encode(serde_json::to_vec(&plan_document)?),
        },
    }));
    out.write_all(b"\"back-matter\":{")?;
    lists
        .resources
        .write_member(out, "resources", Some(&plan_resource), &mut false)?;
    out.write_all(b"}}}\n")
}

/// A piece of evidence an observation is about.
struct Piece {
    title: String,
    path: String,
    expires: Option<Date>,
    expires_why: &'static str,
    /// The back-matter resource of its document.
    document: Option<String>,
}

/// Whether the evidence path `at` is inside the piece at `path` (`iso[1].expires` in `iso[1]`).
fn about(at: &str, path: &str) -> bool {
    at.strip_prefix(path)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
}

fn finding_props(f: &Finding, vendor: &str) -> Vec<Value> {
    let mut props = vec![
        prop("vendor-id", vendor),
        prop("rule", f.rule.id),
        prop("status", f.status.as_str()),
        prop("severity", format!("{:?}", f.severity).to_lowercase()),
    ];
    if let Some(at) = &f.at {
        props.push(prop("evidence-path", at.as_str()));
    }
    for o in f.rule.obligations.obligations() {
        let mut p = prop("obligation", o.label());
        p["class"] = o.framework.key().into();
        props.push(p);
    }
    props
}

/// The OWASP LLM Top 10 entries and MITRE ATLAS techniques an AI gap leaves open.
fn threat_ids(rule: &Rule) -> Vec<Value> {
    rule.obligations
        .obligations()
        .filter_map(|o| match o.framework {
            Regime::Atlas => Some(json!({
                "system": "https://atlas.mitre.org",
                "id": format!("https://atlas.mitre.org/techniques/{}", o.id),
            })),
            Regime::OwaspLlm => Some(json!({
                "system": "https://genai.owasp.org/llm-top-10/",
                "id": format!("https://genai.owasp.org/llm-top-10/#{}", o.id.replace(':', "-")),
            })),
            _ => None,
        })
        .collect()
}
