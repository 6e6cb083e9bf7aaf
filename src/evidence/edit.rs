//! Edits of an evidence file that keep the analyst's text: comments, order, layout and every
//! value not edited stay as they were (TOML through `toml_edit`). Pure: text in, text out; the
//! command layer reads and writes the file.

/// The reference a look-up by IAF id uses.
pub fn iaf_url(id: &str) -> String {
    format!("https://www.iafcertsearch.org/certification/{id}")
}

/// What became of one certificate's reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// `verification.reference` now ends with the IAF URL (any earlier note is kept before it).
    Written(String),
    /// It already held this id: nothing to change.
    Already,
    /// The certificate has no `verification` table to hold a reference.
    NoVerification,
}

/// Sets the IAF id `id` in `iso[index].verification.reference` of the TOML evidence `text`,
/// keeping what the reference said before it (`"ticket VR-1; https://…/cert_…"`) so that the
/// analyst's note is not lost and the look-up finds the id at the end.
pub fn set_iaf_reference(text: &str, index: usize, id: &str) -> Result<(String, Written), String> {
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| format!("cannot be edited: {}", e.message()))?;
    let url = iaf_url(id);
    let cert = doc
        .get_mut("iso")
        .and_then(|iso| match iso {
            toml_edit::Item::ArrayOfTables(tables) => tables
                .get_mut(index)
                .map(|t| t as &mut dyn toml_edit::TableLike),
            toml_edit::Item::Value(toml_edit::Value::Array(items)) => items
                .get_mut(index)
                .and_then(|v| v.as_inline_table_mut())
                .map(|t| t as &mut dyn toml_edit::TableLike),
            _ => None,
        })
        .ok_or_else(|| format!("has no `iso[{index}]`"))?;
    let Some(verification) = cert
        .get_mut("verification")
        .and_then(|v| v.as_table_like_mut())
    else {
        return Ok((text.to_string(), Written::NoVerification));
    };
    let before = verification
        .get("reference")
        .and_then(|r| r.as_str())
        .map(str::trim)
        .unwrap_or("")
        .to_string();
    if before.ends_with(&url) {
        return Ok((text.to_string(), Written::Already));
    }
    let reference = if before.is_empty() {
        url
    } else {
        format!("{before}; {url}")
    };
    match verification.get_mut("reference") {
        Some(item) => {
            // Keep the value's own decoration (the spacing around it, a trailing comment).
            let decor = item.as_value().map(|v| v.decor().clone());
            let mut value = toml_edit::Value::from(reference.clone());
            if let Some(decor) = decor {
                *value.decor_mut() = decor;
            }
            *item = toml_edit::Item::Value(value);
        }
        None => {
            verification.insert("reference", toml_edit::value(reference.clone()));
        }
    }
    Ok((doc.to_string(), Written::Written(reference)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# the analyst's notes\nschema = 1\n\n[vendor]\nid = \"x\"\n\n[[iso]]\nstandard = \"ISO/IEC 27001:2022\" # as printed\n\n[iso.verification]\nmethod = \"registry\"\nreference = \"ticket VR-1\"  # the GRC ticket\n\n[[iso]]\nstandard = \"ISO/IEC 27701:2019\"\nverification = { method = \"registry\", status = \"active\" }\n\n[[iso]]\nstandard = \"ISO/IEC 42001:2023\"\n";

    #[test]
    fn the_id_is_added_after_the_note_and_nothing_else_moves() {
        let (out, written) = set_iaf_reference(FILE, 0, "cert_Ab12").unwrap();
        assert_eq!(
            written,
            Written::Written(
                "ticket VR-1; https://www.iafcertsearch.org/certification/cert_Ab12".into()
            )
        );
        assert_eq!(
            out,
            FILE.replace(
                "reference = \"ticket VR-1\"  # the GRC ticket",
                "reference = \"ticket VR-1; https://www.iafcertsearch.org/certification/cert_Ab12\"  # the GRC ticket"
            )
        );
        // Again: nothing to change.
        let (again, written) = set_iaf_reference(&out, 0, "cert_Ab12").unwrap();
        assert_eq!((again.as_str(), written), (out.as_str(), Written::Already));
    }

    #[test]
    fn an_inline_verification_gets_a_reference() {
        let (out, written) = set_iaf_reference(FILE, 1, "cert_Cd34").unwrap();
        assert_eq!(
            written,
            Written::Written("https://www.iafcertsearch.org/certification/cert_Cd34".into())
        );
        let line = out
            .lines()
            .find(|l| l.starts_with("verification = {"))
            .unwrap();
        assert!(line.starts_with("verification = { method = \"registry\", status = \"active\""));
        assert!(
            line.ends_with(
                "reference = \"https://www.iafcertsearch.org/certification/cert_Cd34\" }"
            )
        );
        assert!(out.starts_with("# the analyst's notes\n"));
    }

    #[test]
    fn no_verification_and_no_certificate_are_said() {
        let (out, written) = set_iaf_reference(FILE, 2, "cert_Ef56").unwrap();
        assert_eq!((out.as_str(), written), (FILE, Written::NoVerification));
        assert_eq!(
            set_iaf_reference(FILE, 3, "cert_Ef56").unwrap_err(),
            "has no `iso[3]`"
        );
        assert!(set_iaf_reference("[[iso]\n", 0, "x").is_err());
    }
}
