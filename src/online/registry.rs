//! What registries answer about a certificate, read into one record whatever the registry.
//!
//! Answers are untrusted input: they are size-capped before they get here, parsed strictly
//! (a missing number or status makes the answer malformed), and a malformed answer is never
//! read as a pass.

use serde::{Deserialize, Serialize};

use super::config::{Registry, RegistryKind};
use crate::evidence::{Date, IsoCertificate};

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
    fn parse(s: &str) -> CertStatus {
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
pub fn lookup_id(registry: &Registry, cert: &IsoCertificate) -> Result<String, String> {
    match registry.kind {
        RegistryKind::Json => cert
            .certificate_number
            .as_deref()
            .map(str::trim)
            .filter(|n| !crate::rules::is_placeholder(n))
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

/// The URL a registry is asked at for `id` (the id is one percent-encoded path segment).
pub fn certificate_url(registry: &Registry, id: &str) -> reqwest::Url {
    let mut url = registry.base_url.clone();
    if let Ok(mut segments) = url.path_segments_mut() {
        segments.pop_if_empty();
        segments.push(match registry.kind {
            RegistryKind::IafCertsearch => "certificate",
            RegistryKind::Json => "certificates",
        });
        segments.push(id);
    }
    url
}

/// Reads a 2xx answer of `kind`.
pub fn parse_certificate(kind: RegistryKind, body: &[u8]) -> Result<CertRecord, String> {
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|e| format!("malformed answer (not JSON: {e})"))?;
    match kind {
        RegistryKind::Json => parse_json_contract(&value),
        RegistryKind::IafCertsearch => parse_iaf(&value),
    }
}

fn text(v: &serde_json::Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(|x| x.as_str())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
}

fn date(v: &serde_json::Value, key: &str) -> Result<Option<Date>, String> {
    let Some(raw) = text(v, key) else {
        return Ok(None);
    };
    // ISO dates, or IAF's YYYYMMDD.
    let iso = if raw.len() == 8 && raw.chars().all(|c| c.is_ascii_digit()) {
        format!("{}-{}-{}", &raw[..4], &raw[4..6], &raw[6..])
    } else {
        raw.get(..10).unwrap_or(&raw).to_string()
    };
    iso.parse::<Date>()
        .map(Some)
        .map_err(|_| format!("malformed answer (`{key}` is not a date: `{raw}`)"))
}

fn required(v: &serde_json::Value, key: &str) -> Result<String, String> {
    text(v, key).ok_or_else(|| format!("malformed answer (no `{key}`)"))
}

/// The generic contract (docs/online.md): `{certificate_number, status, standard,
/// certification_body, accreditation_body, scope, certified_entity, issued, expires}`.
fn parse_json_contract(v: &serde_json::Value) -> Result<CertRecord, String> {
    if !v.is_object() {
        return Err("malformed answer (not a JSON object)".into());
    }
    Ok(CertRecord {
        number: required(v, "certificate_number")?,
        status: CertStatus::parse(&required(v, "status")?),
        standards: text(v, "standard").into_iter().collect(),
        certification_body: text(v, "certification_body"),
        accreditation_body: text(v, "accreditation_body"),
        scope: text(v, "scope"),
        entities: text(v, "certified_entity").into_iter().collect(),
        issued: date(v, "issued")?,
        expires: date(v, "expires")?,
    })
}

/// IAF CertSearch "Retrieve Certificate by IAF ID": `{"data": {...}}` (or the bare object).
/// Date fields are not in the documented base answer; when present they are read under the
/// names the certification-body upload API uses.
fn parse_iaf(v: &serde_json::Value) -> Result<CertRecord, String> {
    let v = v.get("data").unwrap_or(v);
    let v = match v {
        serde_json::Value::Array(items) if items.len() == 1 => &items[0],
        serde_json::Value::Object(_) => v,
        _ => return Err("malformed answer (no certificate object)".into()),
    };
    let list = |key: &str, field: &[&str]| -> Vec<String> {
        v.get(key)
            .and_then(|x| x.as_array())
            .into_iter()
            .flatten()
            .flat_map(|item| field.iter().filter_map(|f| text(item, f)))
            .collect()
    };
    let mut entities = list(
        "certified_entities",
        &[
            "certified_entity_name",
            "certified_entity_english_name",
            "certified_entity_trading_name",
        ],
    );
    entities.dedup();
    Ok(CertRecord {
        number: required(v, "certification_number")?,
        status: CertStatus::parse(&required(v, "certification_status")?),
        standards: list("certification_standards_scheme", &["standard_name"]),
        certification_body: text(v, "certification_bodies_name"),
        accreditation_body: text(v, "accreditation_bodies_name"),
        scope: text(v, "certification_scope"),
        entities,
        issued: date(v, "certification_issue_date")?,
        expires: date(v, "certification_expiry_date")?,
    })
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
    fn iaf_answers_are_read_under_their_documented_names() {
        let body = br#"{"data": {"cert_id": "cert_1", "certification_number": "IS 1",
            "certification_status": "Suspended", "certification_scope": "Cloud hosting",
            "certification_bodies_name": "BSI", "accreditation_bodies_name": "UKAS",
            "certification_standards_scheme": [{"standard_name": "ISO/IEC 27001:2022", "scheme_name": "ISMS", "is_accredited_mla": true}],
            "certified_entities": [{"ce_id": "ce_1", "certified_entity_name": "Nimbus Ltd"}],
            "certification_expiry_date": "20270131", "updated_at": 1700000000}}"#;
        let r = parse_certificate(RegistryKind::IafCertsearch, body).unwrap();
        assert_eq!(r.number, "IS 1");
        assert_eq!(r.status, CertStatus::Suspended);
        assert_eq!(r.standards, ["ISO/IEC 27001:2022"]);
        assert_eq!(r.entities, ["Nimbus Ltd"]);
        assert_eq!(r.expires.unwrap().to_string(), "2027-01-31");
    }

    #[test]
    fn malformed_answers_are_errors() {
        for body in [&b"<html>"[..], b"[]", b"{}", br#"{"status": "active"}"#] {
            assert!(parse_certificate(RegistryKind::Json, body).is_err());
        }
        let bad_date = br#"{"certificate_number": "1", "status": "active", "expires": "soon"}"#;
        assert!(parse_certificate(RegistryKind::Json, bad_date).is_err());
        let unknown = br#"{"certificate_number": "1", "status": "Cancelled"}"#;
        assert_eq!(
            parse_certificate(RegistryKind::Json, unknown)
                .unwrap()
                .status,
            CertStatus::Other("Cancelled".into())
        );
    }
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
mod name_tests {
    use super::*;

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
