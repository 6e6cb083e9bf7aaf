//! Accreditation bodies recognised by default: IAF MLA signatories (from 2026, the Global
//! Accreditation Cooperation MRA, under which IAF MLA recognitions stay valid).
//!
//! Source: domain-facts §3.3, confirmed as IAF MLA signatories (JAS-ANZ's MLA page, IAF news).
//! Bodies the sources did not confirm (SCC, IAS) are left out; a policy can add them. Whether a
//! body holds the ISMS sub-scope is not confirmed for every one; registry verification
//! (ISO-VERIFIED) covers that.

use serde::Serialize;

/// An accreditation body and the names it goes by on certificates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccreditationBody {
    /// Acronym, e.g. `UKAS`.
    pub acronym: String,
    pub name: String,
    pub country: String,
    /// Other spellings seen on certificates.
    pub aliases: Vec<String>,
    /// The normalised name, aliases and compound forms, computed once.
    #[serde(skip)]
    keys: Vec<String>,
}

impl AccreditationBody {
    pub fn new(acronym: &str, name: &str, country: &str, aliases: Vec<String>) -> Self {
        let mut keys: Vec<String> = std::iter::once(name.to_string())
            .chain(aliases.iter().cloned())
            .chain([format!("{name} ({acronym})"), format!("{acronym} ({name})")])
            .map(|k| normalise(&k))
            .collect();
        if acronym.chars().count() > 3 {
            keys.push(normalise(acronym));
        }
        AccreditationBody {
            acronym: acronym.to_string(),
            name: name.to_string(),
            country: country.to_string(),
            aliases,
            keys,
        }
    }

    /// Whether `written` (as on a certificate) names this body.
    pub fn matches(&self, written: &str) -> bool {
        self.matches_normalised(written, &normalise(written))
    }

    /// [`AccreditationBody::matches`] with `written` already normalised.
    fn matches_normalised(&self, written: &str, normalised: &str) -> bool {
        // Short acronyms only match as written: "N/A" must never read as NA (Norsk Akkreditering).
        if self.acronym.chars().count() <= 3 && written.trim() == self.acronym {
            return true;
        }
        !normalised.is_empty() && self.keys.iter().any(|k| k == normalised)
    }
}

/// The first of `bodies` that `written` names (the text normalised once, not once per body).
pub fn find_body<'b>(
    bodies: &'b [AccreditationBody],
    written: &str,
) -> Option<&'b AccreditationBody> {
    let normalised = normalise(written);
    bodies
        .iter()
        .find(|b| b.matches_normalised(written, &normalised))
}

/// Lowercase letters and digits only, accents removed: "TÜRKAK" and "Turkak" compare equal.
fn normalise(s: &str) -> String {
    // Nearly every body's names are ASCII, as are most names written on certificates.
    if s.is_ascii() {
        return s
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect();
    }
    s.chars()
        .map(|c| match c {
            'Ü' | 'ü' => 'u',
            'Ö' | 'ö' => 'o',
            'Ä' | 'ä' => 'a',
            'É' | 'é' | 'È' | 'è' => 'e',
            'Ç' | 'ç' => 'c',
            other => other,
        })
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The default list (built once: every policy starts from it).
pub fn recognised_bodies() -> Vec<AccreditationBody> {
    static BUILT: std::sync::LazyLock<Vec<AccreditationBody>> =
        std::sync::LazyLock::new(build_recognised_bodies);
    BUILT.clone()
}

fn build_recognised_bodies() -> Vec<AccreditationBody> {
    const BODIES: &[(&str, &str, &str, &[&str])] = &[
        (
            "UKAS",
            "United Kingdom Accreditation Service",
            "United Kingdom",
            &[],
        ),
        (
            "ANAB",
            "ANSI National Accreditation Board",
            "United States",
            &["ANSI-ASQ National Accreditation Board", "ANSI"],
        ),
        (
            "DAkkS",
            "Deutsche Akkreditierungsstelle",
            "Germany",
            &["Deutsche Akkreditierungsstelle GmbH"],
        ),
        (
            "COFRAC",
            "Comité français d'accréditation",
            "France",
            &["Comite francais d'accreditation"],
        ),
        (
            "ACCREDIA",
            "Italian Accreditation Body",
            "Italy",
            &["Ente Italiano di Accreditamento"],
        ),
        (
            "ENAC",
            "Entidad Nacional de Acreditación",
            "Spain",
            &["Entidad Nacional de Acreditacion"],
        ),
        (
            "RvA",
            "Raad voor Accreditatie",
            "Netherlands",
            &["Dutch Accreditation Council"],
        ),
        (
            "JAS-ANZ",
            "Joint Accreditation System of Australia and New Zealand",
            "Australia and New Zealand",
            &[],
        ),
        (
            "NABCB",
            "National Accreditation Board for Certification Bodies",
            "India",
            &[],
        ),
        (
            "CNAS",
            "China National Accreditation Service for Conformity Assessment",
            "China",
            &[],
        ),
        ("AA", "Akkreditierung Austria", "Austria", &[]),
        ("BELAC", "Belgian Accreditation Body", "Belgium", &[]),
        (
            "CAI",
            "Czech Accreditation Institute",
            "Czech Republic",
            &[],
        ),
        (
            "CGCRE",
            "Coordenação Geral de Acreditação",
            "Brazil",
            &["Cgcre/INMETRO"],
        ),
        ("DANAK", "Danish Accreditation", "Denmark", &[]),
        ("EMA", "Entidad Mexicana de Acreditación", "Mexico", &[]),
        ("ESYD", "Hellenic Accreditation System", "Greece", &[]),
        ("INAB", "Irish National Accreditation Board", "Ireland", &[]),
        (
            "IPAC",
            "Instituto Português de Acreditação",
            "Portugal",
            &[],
        ),
        ("NA", "Norsk Akkreditering", "Norway", &[]),
        (
            "OAA",
            "Organismo Argentino de Acreditación",
            "Argentina",
            &[],
        ),
        (
            "SANAS",
            "South African National Accreditation System",
            "South Africa",
            &[],
        ),
        ("SAS", "Swiss Accreditation Service", "Switzerland", &[]),
        (
            "SNAS",
            "Slovak National Accreditation Service",
            "Slovakia",
            &[],
        ),
        (
            "SWEDAC",
            "Swedish Board for Accreditation and Conformity Assessment",
            "Sweden",
            &[],
        ),
        ("TÜRKAK", "Turkish Accreditation Agency", "Türkiye", &[]),
        ("JAB", "Japan Accreditation Board", "Japan", &[]),
        (
            "TAF",
            "Taiwan Accreditation Foundation",
            "Chinese Taipei",
            &[],
        ),
        ("KAB", "Korea Accreditation Board", "Korea", &[]),
        ("SAC", "Singapore Accreditation Council", "Singapore", &[]),
        ("BoA", "Bureau of Accreditation", "Vietnam", &[]),
        ("KAN", "Komite Akreditasi Nasional", "Indonesia", &[]),
        ("SLAB", "Sri Lanka Accreditation Board", "Sri Lanka", &[]),
        ("FINAS", "Finnish Accreditation Service", "Finland", &[]),
        ("PCA", "Polish Centre for Accreditation", "Poland", &[]),
        (
            "RENAR",
            "Romanian Accreditation Association",
            "Romania",
            &[],
        ),
        ("EGAC", "Egyptian Accreditation Council", "Egypt", &[]),
        (
            "SADCAS",
            "Southern African Development Community Accreditation Service",
            "SADC region",
            &[],
        ),
        (
            "GAC",
            "GCC Accreditation Center",
            "Gulf Cooperation Council",
            &[],
        ),
    ];
    BODIES
        .iter()
        .map(|(acronym, name, country, aliases)| {
            AccreditationBody::new(
                acronym,
                name,
                country,
                aliases.iter().map(|a| a.to_string()).collect(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_names_normalise_as_the_general_reading_does() {
        let general = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let mut names: Vec<String> = recognised_bodies()
            .iter()
            .flat_map(|b| {
                [b.acronym.clone(), b.name.clone()]
                    .into_iter()
                    .chain(b.aliases.clone())
            })
            .collect();
        names.extend(
            [
                "",
                " - ",
                "A.B.C (d) 123",
                "\t~!@#$%^&*()_+`",
                "MiXeD CaSe 42",
            ]
            .map(String::from),
        );
        names.retain(|n| n.is_ascii());
        assert!(names.len() > 80, "{} ASCII names", names.len());
        for name in &names {
            assert_eq!(normalise(name), general(name), "{name:?}");
        }
        assert_eq!(normalise("DAkkS (Deutschland)"), "dakksdeutschland");
    }

    #[test]
    fn bodies_match_by_acronym_name_or_alias() {
        let bodies = recognised_bodies();
        let find = |w: &str| {
            let one_by_one = bodies.iter().find(|b| b.matches(w));
            assert_eq!(find_body(&bodies, w), one_by_one, "{w}");
            one_by_one.map(|b| b.acronym.as_str())
        };
        assert_eq!(find("UKAS"), Some("UKAS"));
        assert_eq!(find("ukas"), Some("UKAS"));
        assert_eq!(
            find("ANSI National Accreditation Board (ANAB)"),
            Some("ANAB")
        );
        assert_eq!(find("Turkak"), Some("TÜRKAK"));
        assert_eq!(find("JAS ANZ"), Some("JAS-ANZ"));
        assert_eq!(find("Global Certification Accreditation Forum"), None);
        assert_eq!(find(""), None);
        assert_eq!(find("N/A"), None);
        assert_eq!(find("n.a."), None);
        assert_eq!(find("NA"), Some("NA"));
    }
}
