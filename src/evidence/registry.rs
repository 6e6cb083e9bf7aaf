//! What registries answered: certificate records and their status, STAR registry pages,
//! fetched documents and their hashes. Registry answers are evidence: `online/` asks the
//! registries (or its cache) and fills this model; rules read it like any other evidence, with
//! the name and page matching they need as pure functions beside it. Nothing here touches the
//! network.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::text::is_placeholder;
use super::{Date, IsoCertificate};

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
    Certificate { registry: String, id: String },
    Star { url: String },
    Document { url: String, sha256: String },
}

/// What a look-up found.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Certificate(CertRecord),
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
}

impl Looked {
    pub fn note(&self) -> RegistryNote {
        RegistryNote {
            registry: self.registry.clone(),
            url: self.url.clone(),
            answer: match &self.answer {
                Answer::Certificate(r) => r.status.describe(),
                Answer::Page(_) => "page found".into(),
                Answer::Document { .. } => "fetched".into(),
                Answer::NotFound => "not found".into(),
                Answer::Unavailable(why) => format!("unavailable: {why}"),
            },
            fetched_at: self.when(),
            from_cache: self.from_cache,
        }
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
    pub answers: Vec<&'a Looked>,
    /// Why registries that serve this standard could not look it up (no number, no IAF id).
    pub not_asked: Vec<String>,
}

impl Facts {
    pub fn certificate(&self, cert: &IsoCertificate) -> CertificateAnswers<'_> {
        let mut out = CertificateAnswers {
            answers: Vec::new(),
            not_asked: Vec::new(),
        };
        for r in self.registries.iter().filter(|r| r.serves(&cert.standard)) {
            match lookup_id(r.kind, cert) {
                Ok(id) => {
                    let key = Key::Certificate {
                        registry: r.name.clone(),
                        id,
                    };
                    if let Some(l) = self.answers.get(&key) {
                        out.answers.push(l);
                    }
                }
                Err(why) => out.not_asked.push(format!("{}: {why}", r.name)),
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
