//! What registries answered: certificate records and their status, STAR registry pages,
//! fetched documents and their hashes. Registry answers are evidence: `online/` asks the
//! registries (or its cache) and fills this model; rules read it like any other evidence, with
//! the name and page matching they need as pure functions beside it. Nothing here touches the
//! network.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::text::is_placeholder;
use super::{Date, IsoCertificate, Vendor};

/// Which API a registry speaks; it decides what a certificate is looked up by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RegistryKind {
    /// The IAF CertSearch verification API.
    IafCertsearch,
    /// The documented generic contract: `GET {base}/certificates/{number}`.
    Json,
}

/// What rules know of a configured registry: its name, its kind and the standards it is asked
/// about (never its address or its key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryScope {
    pub name: String,
    pub kind: RegistryKind,
    /// Standard families this registry is asked about (`27001`, `42001`…); empty: all.
    pub standards: Vec<String>,
}

impl RegistryScope {
    /// Whether this registry is asked about certificates of `standard`.
    pub fn serves(&self, standard: &str) -> bool {
        self.standards.is_empty() || self.standards.iter().any(|s| standard.contains(s.as_str()))
    }
}

/// Where answers come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Ask the registries (and keep their answers in the cache).
    Online,
    /// The cache only; an answer older than the maximum age is unavailable.
    Offline,
}

/// One look-up, identified so that the same certificate cited twice is asked once.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    /// A certificate asked for by the registry's own id (IAF) or by its number (JSON contract).
    Certificate {
        registry: String,
        id: String,
    },
    /// A company search: the certified entity's name and country.
    Company {
        registry: String,
        name: String,
        country: String,
    },
    Star {
        url: String,
    },
    Document {
        url: String,
        sha256: String,
    },
}

/// What a look-up found.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Certificate(CertRecord),
    /// The certified entities a company search matched, each with its certificates.
    Companies(Vec<CompanyRecord>),
    /// A STAR registry page, its text.
    Page(String),
    /// A document, with the SHA-256 of what was fetched.
    Document {
        sha256: String,
    },
    NotFound,
    Unavailable(String),
}

/// An answer, who gave it and when.
#[derive(Debug, Clone)]
pub struct Looked {
    /// The registry's name (or the host a page or document came from).
    pub registry: String,
    /// What was asked, without credentials or query.
    pub url: String,
    pub answer: Answer,
    pub fetched_at: DateTime<Utc>,
    pub from_cache: bool,
}

/// What a finding records of the registry answer it rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegistryNote {
    pub registry: String,
    pub url: String,
    /// `active`, `suspended`, `not found`, `unavailable: …`, `fetched`…
    pub answer: String,
    /// When the answer was fetched (RFC 3339, UTC).
    pub fetched_at: String,
    pub from_cache: bool,
    /// For a cached answer: whole days between its fetching and this run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache_age_days: Option<i64>,
    /// The registry's own id of the certificate, where a company search found it: record it in
    /// `verification.reference` so that the next run looks it up directly.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registry_id: Option<String>,
}

impl Looked {
    pub fn note(&self) -> RegistryNote {
        RegistryNote {
            registry: self.registry.clone(),
            url: self.url.clone(),
            answer: match &self.answer {
                Answer::Certificate(r) => r.status.describe(),
                Answer::Companies(found) => match found.len() {
                    1 => "1 certified entity found".into(),
                    n => format!("{n} certified entities found"),
                },
                Answer::Page(_) => "page found".into(),
                Answer::Document { .. } => "fetched".into(),
                Answer::NotFound => "not found".into(),
                Answer::Unavailable(why) => format!("unavailable: {why}"),
            },
            fetched_at: self.when(),
            from_cache: self.from_cache,
            cache_age_days: self
                .from_cache
                .then(|| (Utc::now() - self.fetched_at).num_days().max(0)),
            registry_id: None,
        }
    }

    /// The day the answer was fetched, in UTC.
    pub fn fetched_on(&self) -> Option<Date> {
        self.fetched_at.format("%Y-%m-%d").to_string().parse().ok()
    }

    /// When, for messages: `2026-11-23T10:00:00Z`; a cached answer adds its age
    /// (`2026-11-20T10:00:00Z, cached 3 days ago`), and an answer fetched after the as-of date
    /// says so, since an evaluation "as of" a past date then rests on a later answer.
    pub fn when_for(&self, as_of: Date) -> String {
        let mut out = self.when();
        if self.from_cache {
            let days = (Utc::now() - self.fetched_at).num_days().max(0);
            out.push_str(&match days {
                0 => ", cached today".to_string(),
                1 => ", cached 1 day ago".to_string(),
                n => format!(", cached {n} days ago"),
            });
        }
        if let Some(day) = self.fetched_on().filter(|d| *d > as_of) {
            out.push_str(&format!(
                ", after the as-of date {as_of}: this evaluation rests on an answer of {day}"
            ));
        }
        out
    }

    /// When, for messages: `2026-11-23T10:00:00Z`, and `(cached)` for a cached answer.
    pub fn when(&self) -> String {
        self.fetched_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    }
}

/// The answers of one run, shared by every vendor's evaluation.
#[derive(Debug, Clone)]
pub struct Facts {
    pub answers: HashMap<Key, Looked>,
    /// The registries of the run, as far as rules need to know them.
    pub registries: Vec<RegistryScope>,
    pub mode: Mode,
}

/// The registry answers about one certificate.
pub struct CertificateAnswers<'a> {
    /// Each answer with how it was asked.
    pub answers: Vec<(CertLookup, &'a Looked)>,
    /// Registries that serve this standard but could not be asked about this certificate, each
    /// with why (no number, no IAF id and no way to search).
    pub not_asked: Vec<(String, String)>,
}

impl Facts {
    /// What the registries serving `cert`'s standard answered about it (`vendor` names the
    /// certified entity a company search looks for).
    pub fn certificate(&self, cert: &IsoCertificate, vendor: &Vendor) -> CertificateAnswers<'_> {
        let mut out = CertificateAnswers {
            answers: Vec::new(),
            not_asked: Vec::new(),
        };
        for r in self.registries.iter().filter(|r| r.serves(&cert.standard)) {
            match lookup_of(r.kind, cert, vendor) {
                Ok(how) => {
                    if let Some(l) = self.answers.get(&how.key(&r.name)) {
                        out.answers.push((how, l));
                    }
                }
                Err(why) => out.not_asked.push((r.name.clone(), why)),
            }
        }
        out
    }

    pub fn star(&self, url: &str) -> Option<&Looked> {
        self.answers.get(&Key::Star {
            url: url.to_string(),
        })
    }

    pub fn document(&self, url: &str, sha256: &str) -> Option<&Looked> {
        self.answers.get(&Key::Document {
            url: url.to_string(),
            sha256: sha256.to_ascii_lowercase(),
        })
    }
}

/// A certificate as a registry describes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CertRecord {
    pub number: String,
    pub status: CertStatus,
    /// The standards it certifies against, as the registry prints them.
    pub standards: Vec<String>,
    pub certification_body: Option<String>,
    pub accreditation_body: Option<String>,
    pub scope: Option<String>,
    /// Names of the certified entity (legal, English, trading).
    pub entities: Vec<String>,
    pub issued: Option<Date>,
    pub expires: Option<Date>,
    /// The registry's own id of the record (IAF: `cert_…`), where it gives one.
    #[serde(default)]
    pub registry_id: Option<String>,
    /// Whether the registry says the certification is under an accreditation recognised by the
    /// IAF MLA (IAF: every `certification_standards_scheme[].is_accredited_mla`; the JSON
    /// contract: `accredited`). `None`: the answer does not say.
    #[serde(default)]
    pub accredited_mla: Option<bool>,
    /// Whether the answer carries an accreditation-body field at all, so that an empty one reads
    /// as "no accreditation body", not as "not said".
    #[serde(default)]
    pub accreditation_listed: bool,
}

/// A certified entity a company search found, with its certificates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompanyRecord {
    /// The registry's id of the entity (IAF: `ce_…`).
    pub id: Option<String>,
    /// Its names (legal, English, trading; IAF: also the name it was matched under).
    pub names: Vec<String>,
    pub country: Option<String>,
    pub certificates: Vec<CertRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertStatus {
    Active,
    Suspended,
    Withdrawn,
    Expired,
    /// A status this tool does not know (e.g. `Cancelled`): never read as active.
    Other(String),
}

impl CertStatus {
    pub fn parse(s: &str) -> CertStatus {
        match s.trim().to_ascii_lowercase().as_str() {
            "active" | "valid" => CertStatus::Active,
            "suspended" => CertStatus::Suspended,
            "withdrawn" | "cbwithdrawn" => CertStatus::Withdrawn,
            "expired" => CertStatus::Expired,
            _ => CertStatus::Other(s.trim().to_string()),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            CertStatus::Active => "active".into(),
            CertStatus::Suspended => "suspended".into(),
            CertStatus::Withdrawn => "withdrawn".into(),
            CertStatus::Expired => "expired".into(),
            CertStatus::Other(s) => format!("`{s}`"),
        }
    }
}

/// Whether two certificate numbers are the same once case, spaces and punctuation are set aside
/// (`FX-ISMS-40127` and `fx isms 40127`).
pub fn same_number(a: &str, b: &str) -> bool {
    let plain = |n: &str| -> String {
        n.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_uppercase)
            .collect()
    };
    plain(a) == plain(b)
}

/// What a company search's answer holds about one certificate.
#[derive(Debug, PartialEq)]
pub enum CompanyMatch<'a> {
    /// The one certified entity named so, and among its certificates the one that is this one.
    Found {
        entity: &'a CompanyRecord,
        record: &'a CertRecord,
    },
    /// The search found no entity.
    NoEntity,
    /// It found entities, none of them named so.
    NoneNamed(Vec<&'a CompanyRecord>),
    /// Several entities are named so.
    SeveralEntities(Vec<&'a CompanyRecord>),
    /// The entity named so, without this certificate among its certificates.
    NoCertificate(&'a CompanyRecord),
    /// The entity named so, with several certificates that could be this one.
    SeveralCertificates(&'a CompanyRecord, Vec<&'a CertRecord>),
}

/// Finds `cert` in a company search's answer: the one entity named `name` (legal forms, case and
/// punctuation aside), then among its certificates the one with `cert`'s number, or, when no
/// number is recorded, the one of the same standard from the same certification body. Anything
/// short of exactly one of each is reported as what it is, never as found.
pub fn match_company<'a>(
    entities: &'a [CompanyRecord],
    name: &str,
    cert: &IsoCertificate,
) -> CompanyMatch<'a> {
    if entities.is_empty() {
        return CompanyMatch::NoEntity;
    }
    let named: Vec<&CompanyRecord> = entities
        .iter()
        .filter(|e| e.names.iter().any(|n| names_match(n, name)))
        .collect();
    let entity = match named.as_slice() {
        [one] => *one,
        [] => return CompanyMatch::NoneNamed(entities.iter().collect()),
        _ => return CompanyMatch::SeveralEntities(named),
    };
    let number = cert
        .certificate_number
        .as_deref()
        .filter(|n| !is_placeholder(n));
    let standard = super::Standard::parse(&cert.standard).map(|s| s.number);
    let candidates: Vec<&CertRecord> = entity
        .certificates
        .iter()
        .filter(|r| match number {
            Some(n) => same_number(&r.number, n),
            None => {
                r.standards
                    .iter()
                    .filter_map(|s| super::Standard::parse(s))
                    .any(|s| Some(s.number) == standard)
                    && match (&r.certification_body, &cert.certification_body) {
                        (Some(theirs), Some(ours)) => names_match(theirs, ours),
                        _ => true,
                    }
            }
        })
        .collect();
    match candidates.as_slice() {
        [record] => CompanyMatch::Found { entity, record },
        [] => CompanyMatch::NoCertificate(entity),
        _ => CompanyMatch::SeveralCertificates(entity, candidates),
    }
}

/// How a registry is asked about a certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CertLookup {
    /// By the registry's own id (IAF CertSearch `cert_…`): not found means the id is wrong or the
    /// record was removed.
    Id(String),
    /// By the certificate number (the JSON contract): not found may mean the registry does not
    /// hold it, since a registry holds only part of the accredited certificates.
    Number(String),
    /// By the certified entity's name and country, then the number, standard and certification
    /// body among its certificates (IAF CertSearch "Retrieve Company & Certificates").
    Company { name: String, country: String },
}

impl CertLookup {
    /// The key its answer is kept under.
    pub fn key(&self, registry: &str) -> Key {
        match self {
            CertLookup::Id(id) | CertLookup::Number(id) => Key::Certificate {
                registry: registry.to_string(),
                id: id.clone(),
            },
            CertLookup::Company { name, country } => Key::Company {
                registry: registry.to_string(),
                name: name.clone(),
                country: country.clone(),
            },
        }
    }
}

/// How a registry of `kind` can be asked about `cert` of `vendor`, or why it cannot.
pub fn lookup_of(
    kind: RegistryKind,
    cert: &IsoCertificate,
    vendor: &Vendor,
) -> Result<CertLookup, String> {
    match kind {
        RegistryKind::Json => lookup_id(kind, cert).map(CertLookup::Number),
        RegistryKind::IafCertsearch => {
            if let Ok(id) = lookup_id(kind, cert) {
                return Ok(CertLookup::Id(id));
            }
            let name = cert
                .certified_entity
                .as_deref()
                .unwrap_or(&vendor.name)
                .trim();
            let country = vendor.country.as_deref().map(str::trim).unwrap_or("");
            if is_placeholder(name) || is_placeholder(country) {
                return Err(
                    "IAF CertSearch finds a certificate by its IAF id, or by the certified \
                     entity's name and country: record the id (or its iafcertsearch.org URL) in \
                     `verification.reference`, or the vendor's `country`"
                        .to_string(),
                );
            }
            Ok(CertLookup::Company {
                name: name.to_string(),
                country: country.to_string(),
            })
        }
    }
}

/// The identifier a registry looks `cert` up by, or why it cannot.
pub fn lookup_id(kind: RegistryKind, cert: &IsoCertificate) -> Result<String, String> {
    match kind {
        RegistryKind::Json => cert
            .certificate_number
            .as_deref()
            .map(str::trim)
            .filter(|n| !is_placeholder(n))
            .map(String::from)
            .ok_or_else(|| "the certificate has no number to look up".to_string()),
        RegistryKind::IafCertsearch => cert
            .verification
            .as_ref()
            .and_then(|v| v.reference.as_deref())
            .and_then(iaf_id)
            .ok_or_else(|| {
                "IAF CertSearch looks certificates up by their IAF id: record it (or the \
                 iafcertsearch.org/certification/… URL) in `verification.reference`"
                    .to_string()
            }),
    }
}

/// The IAF certificate id in a reference: `cert_…` / `mdbcert_…`, or the last segment of an
/// `iafcertsearch.org/certification/{id}` URL.
fn iaf_id(reference: &str) -> Option<String> {
    let r = reference.trim();
    let candidate = match r.find("iafcertsearch.org/certification/") {
        Some(at) => r[at + "iafcertsearch.org/certification/".len()..]
            .split(['/', '?', '#'])
            .next()
            .unwrap_or(""),
        None => r,
    };
    let ok = !candidate.is_empty()
        && candidate.len() <= 128
        && candidate
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    (ok && (candidate.starts_with("cert_")
        || candidate.starts_with("mdbcert_")
        || r.contains("iafcertsearch.org/certification/")))
    .then(|| candidate.to_string())
}

/// Legal-form words left out when names are compared.
const LEGAL_FORMS: &[&str] = &[
    "ltd",
    "limited",
    "inc",
    "incorporated",
    "llc",
    "llp",
    "plc",
    "corp",
    "corporation",
    "co",
    "company",
    "gmbh",
    "ag",
    "bv",
    "nv",
    "sa",
    "sas",
    "sarl",
    "spa",
    "srl",
    "ab",
    "as",
    "oy",
    "kk",
    "pty",
    "pte",
    "the",
];

fn name_words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !LEGAL_FORMS.contains(&w.as_str()))
        .collect()
}

fn contains_words(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// Whether two names of an organisation (a certified entity, a certification body) name the
/// same one: the same words once case, punctuation and legal forms are set aside, or one name
/// whole within the other ("BSI" and "BSI Group The Netherlands B.V.").
pub fn names_match(a: &str, b: &str) -> bool {
    let (a, b) = (name_words(a), name_words(b));
    !a.is_empty() && !b.is_empty() && (a == b || contains_words(&a, &b) || contains_words(&b, &a))
}

/// Whether a page's text (HTML tags set aside) names the organisation `name`.
pub fn page_names(page: &str, name: &str) -> bool {
    let mut text = String::with_capacity(page.len());
    let mut in_tag = false;
    for c in page.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text.replace("&amp;", "&");
    contains_words(&name_words(&text), &name_words(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cert(number: Option<&str>, body: &str) -> IsoCertificate {
        let text = format!(
            "standard = \"ISO/IEC 27001:2022\"\ncertification_body = \"{body}\"\nsource = \"document\"\n{}",
            number
                .map(|n| format!("certificate_number = \"{n}\"\n"))
                .unwrap_or_default()
        );
        toml::from_str(&text).expect("a certificate")
    }

    fn record(number: &str, id: &str, standard: &str, body: &str) -> CertRecord {
        CertRecord {
            number: number.into(),
            status: CertStatus::Active,
            standards: vec![standard.into()],
            certification_body: Some(body.into()),
            accreditation_body: None,
            scope: None,
            entities: Vec::new(),
            issued: None,
            expires: None,
            registry_id: Some(id.into()),
            accredited_mla: None,
            accreditation_listed: false,
        }
    }

    fn entity(id: &str, name: &str, certificates: Vec<CertRecord>) -> CompanyRecord {
        CompanyRecord {
            id: Some(id.into()),
            names: vec![name.into()],
            country: Some("GB".into()),
            certificates,
        }
    }

    #[test]
    fn a_company_search_finds_exactly_one_certificate_or_says_what_it_found() {
        let ours = record("IS 771234", "cert_1", "ISO/IEC 27001:2022", "BSI");
        let qms = record("FS 1", "cert_2", "ISO 9001:2015", "BSI");
        let one = [entity(
            "ce_1",
            "Acme AI Ltd",
            vec![ours.clone(), qms.clone()],
        )];
        let numbered = cert(Some("is-771234"), "BSI Group");
        assert!(matches!(
            match_company(&one, "Acme AI", &numbered),
            CompanyMatch::Found { record, .. } if record.registry_id.as_deref() == Some("cert_1")
        ));
        // Without a number: the one certificate of the standard from the same body.
        assert!(matches!(
            match_company(&one, "Acme AI", &cert(None, "BSI")),
            CompanyMatch::Found { record, .. } if record.number == "IS 771234"
        ));
        assert!(matches!(
            match_company(&one, "Acme AI", &cert(None, "Another Body")),
            CompanyMatch::NoCertificate(_)
        ));
        assert_eq!(
            match_company(&[], "Acme AI", &numbered),
            CompanyMatch::NoEntity
        );
        assert!(matches!(
            match_company(&one, "Other Co", &numbered),
            CompanyMatch::NoneNamed(seen) if seen.len() == 1
        ));
        let twice = [
            entity("ce_1", "Acme AI Ltd", vec![ours.clone()]),
            entity("ce_2", "ACME AI Limited", vec![ours.clone()]),
        ];
        assert!(matches!(
            match_company(&twice, "Acme AI", &numbered),
            CompanyMatch::SeveralEntities(found) if found.len() == 2
        ));
        let doubled = [entity("ce_1", "Acme AI Ltd", vec![ours.clone(), ours])];
        assert!(matches!(
            match_company(&doubled, "Acme AI", &numbered),
            CompanyMatch::SeveralCertificates(_, found) if found.len() == 2
        ));
        assert!(matches!(
            match_company(&one, "Acme AI", &cert(Some("IS 999"), "BSI")),
            CompanyMatch::NoCertificate(_)
        ));
    }

    #[test]
    fn numbers_compare_without_case_spaces_or_punctuation() {
        assert!(same_number("FX-ISMS-40127", "fx isms 40127"));
        assert!(!same_number("FX-ISMS-40127", "FX-ISMS-40128"));
    }

    #[test]
    fn iaf_ids_come_from_the_reference() {
        assert_eq!(iaf_id("cert_AB12cd").as_deref(), Some("cert_AB12cd"));
        assert_eq!(
            iaf_id("https://www.iafcertsearch.org/certification/xYz123?x=1").as_deref(),
            Some("xYz123")
        );
        assert_eq!(iaf_id("ticket SEC-1234"), None);
        assert_eq!(iaf_id("cert_../../admin"), None);
    }

    #[test]
    fn names_compare_without_case_punctuation_or_legal_form() {
        assert!(names_match(
            "Nimbus Cloud Services Ltd",
            "NIMBUS CLOUD SERVICES LIMITED"
        ));
        assert!(names_match("BSI", "BSI Group The Netherlands B.V."));
        assert!(!names_match("Nimbus Cloud", "Cirrus Cloud"));
        assert!(!names_match("Ltd", "Ltd"));
        assert!(page_names(
            "<h1>Nimbus&nbsp;</h1><td>Nimbus Cloud Services</td>",
            "Nimbus Cloud Services Ltd"
        ));
        assert!(!page_names(
            "<title>Nimbus</title>",
            "Nimbus Cloud Services Ltd"
        ));
    }
}
