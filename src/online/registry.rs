//! Reading what registries answer about a certificate into one record (the evidence model's
//! [`CertRecord`]), whatever the registry.
//!
//! Answers are untrusted input: they are size-capped before they get here, parsed strictly
//! (a missing number or status makes the answer malformed), and a malformed answer is never
//! read as a pass.

use super::config::Registry;
use crate::evidence::Date;
use crate::evidence::registry::{CertLookup, CertRecord, CertStatus, CompanyRecord, RegistryKind};

/// The request that asks `registry` about a certificate: its URL, and for a company search the
/// JSON body to POST (IAF CertSearch "Retrieve Company & Certificates": `POST {base}/company`
/// with `company_name`, `company_country` and an exact `match_rate` of 100).
pub fn request(registry: &Registry, how: &CertLookup) -> (reqwest::Url, Option<Vec<u8>>) {
    match how {
        CertLookup::Id(id) | CertLookup::Number(id) => (certificate_url(registry, id), None),
        CertLookup::Company { name, country } => {
            let mut url = registry.base_url.clone();
            if let Ok(mut segments) = url.path_segments_mut() {
                segments.pop_if_empty();
                segments.push("company");
            }
            let body = serde_json::json!({
                "company_name": name,
                "company_country": country,
                "match_rate": 100,
            });
            (url, Some(body.to_string().into_bytes()))
        }
    }
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
        registry_id: None,
        accredited_mla: match v.get("accredited") {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::Bool(b)) => Some(*b),
            Some(other) => {
                return Err(format!(
                    "malformed answer (`accredited` is not true or false: `{other}`)"
                ));
            }
        },
        accreditation_listed: v.get("accreditation_body").is_some(),
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
    iaf_certificate(v)
}

/// One IAF certificate object.
fn iaf_certificate(v: &serde_json::Value) -> Result<CertRecord, String> {
    if !v.is_object() {
        return Err("malformed answer (a certificate is not a JSON object)".into());
    }
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
        registry_id: text(v, "cert_id"),
        accredited_mla: {
            let flags: Vec<Option<bool>> = v
                .get("certification_standards_scheme")
                .and_then(|x| x.as_array())
                .into_iter()
                .flatten()
                .map(|s| s.get("is_accredited_mla").and_then(|b| b.as_bool()))
                .collect();
            if flags.contains(&Some(false)) {
                Some(false)
            } else if !flags.is_empty() && flags.iter().all(|f| *f == Some(true)) {
                Some(true)
            } else {
                None
            }
        },
        // The documented record always carries `accreditation_bodies_name`: absent or empty, it
        // names no accreditation body.
        accreditation_listed: true,
    })
}

/// Reads a 2xx answer to a company search ("Retrieve Company & Certificates"): `{"data": entity}`
/// or `{"data": [entity, …]}` (or the bare entity or list), each entity with its `certificates`.
/// No entity (`[]`, `null`) is an empty list: the search found nothing.
pub fn parse_companies(kind: RegistryKind, body: &[u8]) -> Result<Vec<CompanyRecord>, String> {
    if kind != RegistryKind::IafCertsearch {
        return Err("this registry kind has no company search".into());
    }
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|e| format!("malformed answer (not JSON: {e})"))?;
    let data = value.get("data").unwrap_or(&value);
    let entities: Vec<&serde_json::Value> = match data {
        serde_json::Value::Null => Vec::new(),
        serde_json::Value::Array(items) => items.iter().collect(),
        serde_json::Value::Object(_) => vec![data],
        _ => return Err("malformed answer (no certified entity object)".into()),
    };
    entities
        .into_iter()
        .map(|e| {
            if !e.is_object() {
                return Err("malformed answer (a certified entity is not a JSON object)".into());
            }
            let mut names: Vec<String> = [
                "certified_entity_name",
                "certified_entity_english_name",
                "certified_entity_trading_name",
                "matched_certified_entity_name",
            ]
            .iter()
            .filter_map(|k| text(e, k))
            .collect();
            names.dedup();
            let certificates = e
                .get("certificates")
                .and_then(|c| c.as_array())
                .into_iter()
                .flatten()
                .map(iaf_certificate)
                .collect::<Result<Vec<_>, _>>()?;
            Ok(CompanyRecord {
                id: text(e, "ce_id"),
                names,
                country: text(e, "country"),
                certificates,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
