//! Reading what registries answer about a certificate into one record (the evidence model's
//! [`CertRecord`]), whatever the registry.
//!
//! Answers are untrusted input: they are size-capped before they get here, parsed strictly
//! (a missing number or status makes the answer malformed), and a malformed answer is never
//! read as a pass.

use super::config::Registry;
use crate::evidence::Date;
use crate::evidence::registry::{CertRecord, CertStatus, RegistryKind};

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
