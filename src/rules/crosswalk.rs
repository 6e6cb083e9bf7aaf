//! The obligation crosswalk: for every rule, the obligations of the buyer's own frameworks that
//! its evidence helps meet (ISO/IEC 27001:2022 Annex A, SOC 2 trust services criteria, NIS2,
//! DORA, GDPR, the EU AI Act, NIST AI RMF 1.0), and for an AI gap the OWASP Top 10 for LLM
//! Applications 2025 entries and MITRE ATLAS techniques the gap leaves open.
//!
//! This file is the one reviewed table: each rule's declaration points at its entry here
//! (`obligations: &crosswalk::SOC2_TYPE`), the catalogue below gives every identifier its short
//! title once, and `docs/crosswalk.md` is generated from it. Identifiers and short titles only,
//! in our own words; never a standard's text. A mapping says a passing rule *helps evidence* the
//! obligation, never that it discharges it.
//!
//! Reviewed on 2026-12-07 against the frameworks' public texts; the sources and what the review
//! changed are in the "Review" section of `docs/crosswalk.md` (`CROSSWALK_REVIEW` in
//! `src/report/rules_doc.rs`).

use serde::Serialize;

/// A framework of obligations a rule can bear on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Regime {
    Iso27001,
    Soc2,
    Nis2,
    Dora,
    Gdpr,
    AiAct,
    AiRmf,
    OwaspLlm,
    Atlas,
}

impl Regime {
    /// Every framework, in the order reports list them.
    pub const ALL: &'static [Regime] = &[
        Regime::Iso27001,
        Regime::Soc2,
        Regime::Nis2,
        Regime::Dora,
        Regime::Gdpr,
        Regime::AiAct,
        Regime::AiRmf,
        Regime::OwaspLlm,
        Regime::Atlas,
    ];

    /// The name users type (`rules --maps-to nis2`, `check --obligation dora`) and JSON shows.
    pub fn key(self) -> &'static str {
        match self {
            Regime::Iso27001 => "iso27001",
            Regime::Soc2 => "soc2",
            Regime::Nis2 => "nis2",
            Regime::Dora => "dora",
            Regime::Gdpr => "gdpr",
            Regime::AiAct => "ai-act",
            Regime::AiRmf => "ai-rmf",
            Regime::OwaspLlm => "owasp-llm",
            Regime::Atlas => "atlas",
        }
    }

    /// A short name, as reports show it before an identifier ("NIS2 Art. 21(2)(d)").
    pub fn short(self) -> &'static str {
        match self {
            Regime::Iso27001 => "ISO 27001",
            Regime::Soc2 => "SOC 2",
            Regime::Nis2 => "NIS2",
            Regime::Dora => "DORA",
            Regime::Gdpr => "GDPR",
            Regime::AiAct => "EU AI Act",
            Regime::AiRmf => "NIST AI RMF",
            Regime::OwaspLlm => "OWASP LLM",
            Regime::Atlas => "MITRE ATLAS",
        }
    }

    /// The framework's full name and edition.
    pub fn title(self) -> &'static str {
        match self {
            Regime::Iso27001 => "ISO/IEC 27001:2022 Annex A",
            Regime::Soc2 => "AICPA Trust Services Criteria (2017, points of focus revised 2022)",
            Regime::Nis2 => "NIS2 Directive (EU) 2022/2555",
            Regime::Dora => "DORA, Regulation (EU) 2022/2554",
            Regime::Gdpr => "GDPR, Regulation (EU) 2016/679",
            Regime::AiAct => "EU AI Act, Regulation (EU) 2024/1689",
            Regime::AiRmf => "NIST AI RMF 1.0 (NIST AI 100-1)",
            Regime::OwaspLlm => "OWASP Top 10 for LLM Applications 2025",
            Regime::Atlas => "MITRE ATLAS",
        }
    }

    /// The public source the identifiers and titles can be looked up in.
    pub fn source(self) -> &'static str {
        match self {
            Regime::Iso27001 => {
                "ISO/IEC 27001:2022, Annex A control list (ISO Online Browsing Platform, \
                 https://www.iso.org/obp/ui/#iso:std:iso-iec:27001:ed-3:v1:en)"
            }
            Regime::Soc2 => {
                "AICPA, 2017 Trust Services Criteria for Security, Availability, Processing \
                 Integrity, Confidentiality, and Privacy (revised points of focus, 2022), \
                 https://www.aicpa-cima.com/resources/download/2017-trust-services-criteria-with-revised-points-of-focus-2022"
            }
            Regime::Nis2 => "https://eur-lex.europa.eu/eli/dir/2022/2555/oj",
            Regime::Dora => "https://eur-lex.europa.eu/eli/reg/2022/2554/oj",
            Regime::Gdpr => "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
            Regime::AiAct => "https://eur-lex.europa.eu/eli/reg/2024/1689/oj",
            Regime::AiRmf => {
                "NIST AI 100-1, https://doi.org/10.6028/NIST.AI.100-1 (subcategories in \
                 its Tables 1 to 4)"
            }
            Regime::OwaspLlm => "https://genai.owasp.org/llm-top-10/",
            Regime::Atlas => "https://atlas.mitre.org/techniques/",
        }
    }

    /// Looks a framework up by its key, case-insensitively.
    pub fn from_key(key: &str) -> Option<Regime> {
        Regime::ALL
            .iter()
            .copied()
            .find(|r| r.key().eq_ignore_ascii_case(key.trim()))
    }

    /// Whether `id` is a well-formed identifier of this framework (and, where the framework's
    /// numbering is closed, an existing one).
    pub fn well_formed(self, id: &str) -> bool {
        fn num(s: &str) -> Option<u32> {
            (!s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        }
        // "Art. 21", "Art. 21(2)", "Art. 21(2)(d)" with the article in 1..=max.
        let article = |max: u32| -> bool {
            let Some(rest) = id.strip_prefix("Art. ") else {
                return false;
            };
            let (number, mut tail) = rest.split_at(rest.find('(').unwrap_or(rest.len()));
            if !num(number).is_some_and(|n| (1..=max).contains(&n)) {
                return false;
            }
            let mut parts = 0;
            while let Some(t) = tail.strip_prefix('(') {
                let Some((inner, after)) = t.split_once(')') else {
                    return false;
                };
                let ok = match parts {
                    0 => num(inner).is_some_and(|n| n >= 1),
                    1 => inner.len() == 1 && inner.bytes().all(|b| b.is_ascii_lowercase()),
                    _ => false,
                };
                if !ok {
                    return false;
                }
                parts += 1;
                tail = after;
            }
            tail.is_empty()
        };
        // "X.Y" with X in the map and Y within its count.
        let numbered = |body: &str, counts: &[(u32, u32)]| -> bool {
            let Some((major, minor)) = body.split_once('.') else {
                return false;
            };
            match (num(major), num(minor)) {
                (Some(a), Some(b)) => counts.iter().any(|&(m, n)| m == a && (1..=n).contains(&b)),
                _ => false,
            }
        };
        match self {
            // Annex A: 37 organizational, 8 people, 14 physical, 34 technological controls.
            Regime::Iso27001 => id
                .strip_prefix("A.")
                .is_some_and(|b| numbered(b, &[(5, 37), (6, 8), (7, 14), (8, 34)])),
            Regime::Soc2 => {
                let cc = [
                    (1, 5),
                    (2, 3),
                    (3, 4),
                    (4, 2),
                    (5, 3),
                    (6, 8),
                    (7, 5),
                    (8, 1),
                    (9, 2),
                ];
                let privacy = [
                    (1, 1),
                    (2, 1),
                    (3, 2),
                    (4, 3),
                    (5, 2),
                    (6, 7),
                    (7, 1),
                    (8, 1),
                ];
                if let Some(b) = id.strip_prefix("CC") {
                    numbered(b, &cc)
                } else if let Some(b) = id.strip_prefix("PI") {
                    numbered(b, &[(1, 5)])
                } else if let Some(b) = id.strip_prefix('A') {
                    numbered(b, &[(1, 3)])
                } else if let Some(b) = id.strip_prefix('C') {
                    numbered(b, &[(1, 2)])
                } else if let Some(b) = id.strip_prefix('P') {
                    numbered(b, &privacy)
                } else {
                    false
                }
            }
            Regime::Nis2 => article(46),
            Regime::Dora => article(64),
            Regime::Gdpr => article(99),
            Regime::AiAct => article(113),
            Regime::AiRmf => {
                let Some((function, body)) = id.split_once(' ') else {
                    return false;
                };
                let counts: &[(u32, u32)] = match function {
                    "GOVERN" => &[(1, 7), (2, 3), (3, 2), (4, 3), (5, 2), (6, 2)],
                    "MAP" => &[(1, 6), (2, 3), (3, 5), (4, 2), (5, 2)],
                    "MEASURE" => &[(1, 3), (2, 13), (3, 3), (4, 3)],
                    "MANAGE" => &[(1, 4), (2, 4), (3, 2), (4, 3)],
                    _ => return false,
                };
                numbered(body, counts)
            }
            Regime::OwaspLlm => id
                .strip_prefix("LLM")
                .and_then(|b| b.strip_suffix(":2025"))
                .is_some_and(|n| n.len() == 2 && num(n).is_some_and(|n| (1..=10).contains(&n))),
            Regime::Atlas => {
                let Some(body) = id.strip_prefix("AML.T") else {
                    return false;
                };
                let (technique, sub) = match body.split_once('.') {
                    Some((t, s)) => (t, Some(s)),
                    None => (body, None),
                };
                technique.len() == 4
                    && technique.bytes().all(|b| b.is_ascii_digit())
                    && sub.is_none_or(|s| s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()))
            }
        }
    }
}

/// One obligation: a framework's identifier and its short title, in our own words.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Obligation {
    pub framework: Regime,
    pub id: &'static str,
    pub title: &'static str,
}

impl Obligation {
    /// "NIS2 Art. 21(2)(d)".
    pub fn label(&self) -> String {
        format!("{} {}", self.framework.short(), self.id)
    }
}

/// That a rule helps evidence an obligation, and why, in one line.
#[derive(Debug)]
pub struct Mapping {
    pub obligation: &'static Obligation,
    /// Lowercase, no trailing period.
    pub why: &'static str,
}

/// A rule's entry in the crosswalk.
#[derive(Debug)]
pub struct Crosswalk {
    pub mappings: &'static [Mapping],
    /// Why the rule runs whatever framework a run is restricted to (`check --obligation`):
    /// it decides whether the evidence or the waivers can be relied on at all. Required of a
    /// rule with no mapping.
    pub every_framework: Option<&'static str>,
}

impl Crosswalk {
    /// Whether the rule bears on `regime`.
    pub fn bears_on(&self, regime: Regime) -> bool {
        self.mappings
            .iter()
            .any(|m| m.obligation.framework == regime)
    }

    /// Whether the rule runs when a run is restricted to `regime`: it bears on it, or it runs
    /// under every framework.
    pub fn runs_under(&self, regime: Regime) -> bool {
        self.bears_on(regime) || self.every_framework.is_some()
    }

    /// The obligations, in catalogue order of frameworks (then as listed).
    pub fn obligations(&self) -> impl Iterator<Item = &'static Obligation> + '_ {
        Regime::ALL.iter().flat_map(move |r| {
            self.mappings
                .iter()
                .filter(move |m| m.obligation.framework == *r)
                .map(|m| m.obligation)
        })
    }
}

/// An obligation as reports carry it: framework and identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ObligationRef {
    pub framework: Regime,
    pub id: &'static str,
}

impl From<&Obligation> for ObligationRef {
    fn from(o: &Obligation) -> Self {
        ObligationRef {
            framework: o.framework,
            id: o.id,
        }
    }
}

/// A rule's obligations as reports carry them, `[{"framework": "nis2", "id": "Art. 21(2)(d)"},
/// …]` in framework order, serialised without allocating (every finding carries them).
#[derive(Debug, Clone, Copy)]
pub struct ObligationRefs(pub &'static Crosswalk);

impl Serialize for ObligationRefs {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.obligations().map(ObligationRef::from))
    }
}

macro_rules! catalogue {
    ($module:ident, $regime:ident, { $($name:ident = $id:literal, $title:literal;)* }) => {
        pub mod $module {
            use super::{Obligation, Regime};
            $(pub static $name: Obligation = Obligation {
                framework: Regime::$regime,
                id: $id,
                title: $title,
            };)*
            /// Every obligation of this framework the crosswalk names.
            pub static ALL: &[&Obligation] = &[$(&$name),*];
        }
    };
}

catalogue!(iso, Iso27001, {
    A5_15 = "A.5.15", "access control";
    A5_19 = "A.5.19", "information security in supplier relationships";
    A5_20 = "A.5.20", "information security in supplier agreements";
    A5_21 = "A.5.21", "information security in the ICT supply chain";
    A5_22 = "A.5.22", "monitoring and review of supplier services";
    A5_23 = "A.5.23", "information security for use of cloud services";
    A5_24 = "A.5.24", "incident management planning and preparation";
    A5_26 = "A.5.26", "response to information security incidents";
    A5_27 = "A.5.27", "learning from information security incidents";
    A5_31 = "A.5.31", "legal, statutory, regulatory and contractual requirements";
    A5_33 = "A.5.33", "protection of records";
    A5_34 = "A.5.34", "privacy and protection of PII";
    A8_10 = "A.8.10", "information deletion";
    A8_15 = "A.8.15", "logging";
    A8_16 = "A.8.16", "monitoring activities";
    A8_29 = "A.8.29", "security testing during development and acceptance";
});

catalogue!(tsc, Soc2, {
    CC4_1 = "CC4.1", "ongoing and separate evaluations of controls";
    CC7_2 = "CC7.2", "monitoring system components for anomalies";
    CC7_4 = "CC7.4", "responding to security incidents";
    CC7_5 = "CC7.5", "recovering from security incidents";
    CC9_2 = "CC9.2", "vendor and business partner risk management";
    C1_1 = "C1.1", "identifying and protecting confidential information";
    C1_2 = "C1.2", "disposing of confidential information";
});

catalogue!(nis2, Nis2, {
    ART20 = "Art. 20", "management bodies approve and oversee risk measures";
    ART21_2B = "Art. 21(2)(b)", "incident handling";
    ART21_2D = "Art. 21(2)(d)", "supply chain security";
    ART21_2E = "Art. 21(2)(e)", "secure acquisition, development, upkeep; vulnerability handling";
    ART21_3 = "Art. 21(3)", "suppliers' vulnerabilities and the quality of their practices";
    ART23 = "Art. 23", "reporting significant incidents";
});

catalogue!(dora, Dora, {
    ART5_2 = "Art. 5(2)", "management body's responsibility for ICT risk";
    ART28_1 = "Art. 28(1)", "ICT third-party risk within the ICT risk framework";
    ART28_2 = "Art. 28(2)", "third-party risk strategy, its risks reviewed regularly";
    ART28_4 = "Art. 28(4)", "assessment before entering an ICT services contract";
    ART28_5 = "Art. 28(5)", "providers that meet appropriate information security standards";
    ART28_6 = "Art. 28(6)", "risk-based frequency of audits and inspections";
    ART28_7 = "Art. 28(7)", "termination rights";
    ART28_8 = "Art. 28(8)", "exit strategies";
    ART29 = "Art. 29", "ICT concentration risk and sub-outsourcing";
    ART30_2A = "Art. 30(2)(a)", "description of services and subcontracting conditions";
    ART30_2C = "Art. 30(2)(c)", "data availability, integrity and confidentiality provisions";
    ART30_2F = "Art. 30(2)(f)", "assistance when an ICT incident occurs";
    ART30_2H = "Art. 30(2)(h)", "termination rights and notice periods";
    ART30_3B = "Art. 30(3)(b)", "notice of developments affecting the service";
});

catalogue!(gdpr, Gdpr, {
    ART5_1B = "Art. 5(1)(b)", "purpose limitation";
    ART5_1E = "Art. 5(1)(e)", "storage limitation";
    ART28_1 = "Art. 28(1)", "processors providing sufficient guarantees";
    ART28_2 = "Art. 28(2)", "authorisation of sub-processors";
    ART28_3A = "Art. 28(3)(a)", "processing only on documented instructions";
    ART28_3G = "Art. 28(3)(g)", "deletion or return of data when the services end";
    ART28_3H = "Art. 28(3)(h)", "information to demonstrate compliance";
    ART28_4 = "Art. 28(4)", "obligations flowing down to sub-processors";
    ART32_1 = "Art. 32(1)", "security of processing";
    ART32_1D = "Art. 32(1)(d)", "regular testing of security measures";
    ART33_2 = "Art. 33(2)", "processor notifies the controller of personal data breaches";
});

catalogue!(ai_act, AiAct, {
    ART9 = "Art. 9", "risk management system";
    ART10_2F = "Art. 10(2)(f)", "examination for possible biases";
    ART10_2G = "Art. 10(2)(g)", "measures to detect, prevent and mitigate those biases";
    ART12 = "Art. 12", "record-keeping";
    ART14_4E = "Art. 14(4)(e)", "ability to interrupt the system";
    ART15_5 = "Art. 15(5)", "cybersecurity: resilience against attempts to alter use or output";
    ART17 = "Art. 17", "quality management system";
    ART19 = "Art. 19", "providers keep automatically generated logs";
    ART26_5 = "Art. 26(5)", "deployers monitor operation";
    ART26_6 = "Art. 26(6)", "deployers keep logs";
    ART55_1A = "Art. 55(1)(a)", "systemic-risk GPAI models: evaluation and adversarial testing";
    ART55_1C = "Art. 55(1)(c)", "systemic-risk GPAI models: serious incident reporting";
    ART55_1D = "Art. 55(1)(d)", "systemic-risk GPAI models: cybersecurity protection";
    ART72 = "Art. 72", "post-market monitoring by providers";
    ART73 = "Art. 73", "reporting of serious incidents";
});

catalogue!(rmf, AiRmf, {
    GOVERN_1_5 = "GOVERN 1.5", "ongoing monitoring and periodic review of risk management";
    GOVERN_2_3 = "GOVERN 2.3", "executive leadership responsible for AI risk decisions";
    GOVERN_6_1 = "GOVERN 6.1", "policies for third-party AI risks";
    GOVERN_6_2 = "GOVERN 6.2", "contingency for third-party AI failures and incidents";
    MAP_4_1 = "MAP 4.1", "legal and technology risks of components mapped";
    MAP_4_2 = "MAP 4.2", "internal risk controls for third-party components";
    MAP_5_1 = "MAP 5.1", "likelihood and magnitude of impacts identified";
    MEASURE_1_3 = "MEASURE 1.3", "assessors independent of the developers in regular assessments";
    MEASURE_2_4 = "MEASURE 2.4", "behaviour monitored in production";
    MEASURE_2_7 = "MEASURE 2.7", "security and resilience evaluated";
    MEASURE_2_10 = "MEASURE 2.10", "privacy risk examined";
    MEASURE_2_11 = "MEASURE 2.11", "fairness and bias evaluated";
    MEASURE_3_1 = "MEASURE 3.1", "existing and emergent risks tracked";
    MANAGE_2_4 = "MANAGE 2.4", "mechanisms to disengage or deactivate the system";
    MANAGE_3_1 = "MANAGE 3.1", "third-party AI risks monitored";
    MANAGE_3_2 = "MANAGE 3.2", "pre-trained models monitored";
    MANAGE_4_1 = "MANAGE 4.1", "post-deployment monitoring plans";
    MANAGE_4_3 = "MANAGE 4.3", "incidents communicated, tracked and recovered from";
});

catalogue!(owasp, OwaspLlm, {
    LLM01 = "LLM01:2025", "prompt injection";
    LLM02 = "LLM02:2025", "sensitive information disclosure";
    LLM03 = "LLM03:2025", "supply chain";
    LLM04 = "LLM04:2025", "data and model poisoning";
    LLM05 = "LLM05:2025", "improper output handling";
    LLM06 = "LLM06:2025", "excessive agency";
    LLM07 = "LLM07:2025", "system prompt leakage";
    LLM09 = "LLM09:2025", "misinformation";
});

catalogue!(atlas, Atlas, {
    T0010 = "AML.T0010", "AI supply chain compromise";
    T0018 = "AML.T0018", "manipulate AI model";
    T0020 = "AML.T0020", "poison training data";
    T0024 = "AML.T0024", "exfiltration via AI inference API";
    T0025 = "AML.T0025", "exfiltration via cyber means";
    T0048 = "AML.T0048", "external harms";
    T0051 = "AML.T0051", "LLM prompt injection";
    T0054 = "AML.T0054", "LLM jailbreak";
    T0056 = "AML.T0056", "extract LLM system prompt";
    T0057 = "AML.T0057", "LLM data leakage";
});

/// Every obligation the crosswalk can name, framework by framework.
pub fn catalogue() -> impl Iterator<Item = &'static Obligation> {
    [
        iso::ALL,
        tsc::ALL,
        nis2::ALL,
        dora::ALL,
        gdpr::ALL,
        ai_act::ALL,
        rmf::ALL,
        owasp::ALL,
        atlas::ALL,
    ]
    .into_iter()
    .flatten()
    .copied()
}

const fn m(obligation: &'static Obligation, why: &'static str) -> Mapping {
    Mapping { obligation, why }
}

const fn maps(mappings: &'static [Mapping]) -> Crosswalk {
    Crosswalk {
        mappings,
        every_framework: None,
    }
}

// SOC 2 ----------------------------------------------------------------------------------------

pub static SOC2_TYPE: Crosswalk = maps(&[
    m(
        &iso::A5_22,
        "a Type 2 report tests the supplier's controls over a period, which a review can rely on",
    ),
    m(
        &tsc::CC9_2,
        "assessing a vendor needs evidence that its controls operated, not only their design",
    ),
    m(
        &nis2::ART21_2D,
        "supply chain security rests on evidence that the supplier's controls work",
    ),
    m(
        &dora::ART28_4,
        "the pre-contract assessment of a provider weighs tested controls",
    ),
    m(
        &gdpr::ART28_1,
        "operating-effectiveness testing supports the processor's guarantees",
    ),
]);

pub static SOC2_AGE: Crosswalk = maps(&[
    m(
        &iso::A5_22,
        "supplier monitoring relies on current assurance, not a lapsed report",
    ),
    m(
        &tsc::CC9_2,
        "vendor assessments use the latest period's report",
    ),
    m(
        &dora::ART28_6,
        "audit evidence about the provider is renewed at a frequency set by the risk",
    ),
]);

pub static SOC2_BRIDGE: Crosswalk = maps(&[
    m(
        &iso::A5_22,
        "a bridge letter covers the gap between the period's end and today",
    ),
    m(
        &tsc::CC9_2,
        "vendor monitoring covers the time no report covers yet",
    ),
]);

pub static SOC2_PERIOD: Crosswalk = maps(&[
    m(
        &iso::A5_22,
        "a short review window says little about how controls operate over time",
    ),
    m(
        &tsc::CC9_2,
        "a vendor assessment weighs how long the controls were observed",
    ),
]);

pub static SOC2_OPINION: Crosswalk = maps(&[
    m(
        &iso::A5_22,
        "a modified opinion is a supplier control failure to follow up",
    ),
    m(
        &tsc::CC9_2,
        "a vendor whose auditor qualified the opinion carries unmitigated risk",
    ),
    m(
        &nis2::ART21_3,
        "the opinion is direct evidence of the quality of the supplier's practices",
    ),
    m(
        &dora::ART28_5,
        "a qualified opinion shows the provider short of the security standard relied on",
    ),
    m(
        &gdpr::ART28_1,
        "the processor's guarantees are undermined by a modified opinion",
    ),
]);

pub static SOC2_EXCEPTIONS: Crosswalk = maps(&[
    m(
        &iso::A5_22,
        "exceptions found by the auditor are supplier issues to track",
    ),
    m(
        &tsc::CC9_2,
        "vendor risk management follows up on the vendor's control deviations",
    ),
    m(
        &nis2::ART21_3,
        "exceptions show where the supplier's practices fall short",
    ),
    m(
        &dora::ART28_5,
        "material exceptions weigh against the security standard relied on",
    ),
]);

pub static SOC2_SCOPE: Crosswalk = maps(&[
    m(
        &iso::A5_19,
        "supplier assurance counts only for the services inside its scope",
    ),
    m(
        &iso::A5_23,
        "a cloud service we use must be in the report's system description",
    ),
    m(
        &tsc::CC9_2,
        "the vendor assessment must cover the services actually bought",
    ),
    m(
        &nis2::ART21_2D,
        "supply chain security is judged for the services we depend on",
    ),
    m(
        &dora::ART28_4,
        "the pre-contract assessment concerns the ICT services to be provided",
    ),
]);

pub static SOC2_CATEGORIES: Crosswalk = maps(&[
    m(
        &tsc::CC9_2,
        "the categories in the report must fit what the vendor does for us",
    ),
    m(
        &tsc::C1_1,
        "the Confidentiality category evidences how confidential data is protected",
    ),
    m(
        &iso::A5_34,
        "the Privacy category evidences the vendor's handling of personal data",
    ),
    m(
        &gdpr::ART28_1,
        "privacy criteria support the processor's guarantees for personal data",
    ),
    m(
        &gdpr::ART32_1,
        "the security and confidentiality criteria bear on security of processing",
    ),
]);

pub static SOC2_FULL_REPORT: Crosswalk = maps(&[
    m(
        &iso::A5_22,
        "reviewing supplier assurance means reading the report, not a summary",
    ),
    m(
        &tsc::CC9_2,
        "exceptions, carve-outs and user entity controls appear only in the full report",
    ),
    m(
        &nis2::ART21_2D,
        "a marketing summary is no basis for judging a supplier's security",
    ),
]);

pub static SOC2_CUECS: Crosswalk = maps(&[
    m(
        &iso::A5_19,
        "controls split between us and the supplier must each be assigned",
    ),
    m(
        &tsc::CC9_2,
        "the vendor's assurance depends on the user entity controls we run",
    ),
    m(
        &nis2::ART21_2D,
        "supply chain security includes our side of shared controls",
    ),
    m(
        &dora::ART28_1,
        "third-party risk is managed within our own ICT risk framework",
    ),
    m(
        &gdpr::ART32_1,
        "security of processing includes the controller's complementary controls",
    ),
]);

pub static SOC2_SUBSERVICE: Crosswalk = maps(&[
    m(
        &iso::A5_21,
        "a carved-out subservice organisation is part of the ICT supply chain",
    ),
    m(
        &tsc::CC9_2,
        "vendor risk extends to the vendor's own carved-out vendors",
    ),
    m(
        &nis2::ART21_2D,
        "a direct supplier's security rests on the subservice organisations it carves out",
    ),
    m(
        &dora::ART29,
        "sub-outsourcing chains are part of the concentration risk assessment",
    ),
    m(
        &gdpr::ART28_4,
        "sub-processors must carry the same protection obligations",
    ),
]);

pub static SOC2_AUDITOR: Crosswalk = maps(&[
    m(
        &iso::A5_22,
        "a named, licensed firm makes the report a reliable basis for supplier review",
    ),
    m(&tsc::CC9_2, "the vendor assessment depends on who attested"),
    m(
        &dora::ART28_5,
        "an attestation by an identifiable auditor evidences the standard relied on",
    ),
]);

// ISO -----------------------------------------------------------------------------------------

pub static ISO_CURRENT: Crosswalk = maps(&[
    m(
        &iso::A5_22,
        "supplier monitoring relies on a certificate within its validity",
    ),
    m(
        &tsc::CC9_2,
        "an expired certificate gives no current assurance about the vendor",
    ),
    m(
        &nis2::ART21_2D,
        "supply chain security rests on the supplier's current certification",
    ),
    m(
        &dora::ART28_5,
        "the security standard relied on must hold when it is relied on",
    ),
    m(
        &gdpr::ART28_1,
        "a current certification supports the processor's guarantees",
    ),
]);

pub static ISO_VERSION: Crosswalk = maps(&[
    m(
        &iso::A5_22,
        "a certificate to a withdrawn edition, or with impossible dates, assures nothing",
    ),
    m(
        &dora::ART28_5,
        "the standard relied on must be the one in force",
    ),
]);

pub static ISO_ACCREDITED: Crosswalk = maps(&[
    m(
        &iso::A5_22,
        "only accredited certification is independent assurance about a supplier",
    ),
    m(
        &tsc::CC9_2,
        "the vendor assessment weighs who certified the vendor",
    ),
    m(
        &nis2::ART21_3,
        "accredited certification speaks to the quality of the supplier's practices",
    ),
    m(
        &dora::ART28_5,
        "an appropriate standard is one certified by an accredited body",
    ),
]);

pub static ISO_NUMBER: Crosswalk = maps(&[
    m(
        &iso::A5_22,
        "the registration number is what lets a review check the certificate",
    ),
    m(
        &tsc::CC9_2,
        "a certificate that cannot be looked up cannot be relied on",
    ),
]);

pub static ISO_SCOPE: Crosswalk = maps(&[
    m(
        &iso::A5_19,
        "supplier assurance counts only for the services inside the certified scope",
    ),
    m(
        &iso::A5_23,
        "the cloud service we use must be in the certificate's scope",
    ),
    m(
        &tsc::CC9_2,
        "the vendor assessment must cover the services actually bought",
    ),
    m(
        &nis2::ART21_2D,
        "supply chain security is judged for the services we depend on",
    ),
    m(
        &dora::ART28_4,
        "the pre-contract assessment concerns the ICT services to be provided",
    ),
]);

pub static ISO_SURVEILLANCE: Crosswalk = maps(&[
    m(
        &iso::A5_22,
        "a missed surveillance audit means the certificate is no longer monitored",
    ),
    m(
        &tsc::CC9_2,
        "vendor monitoring checks the certification is being maintained",
    ),
    m(
        &dora::ART28_6,
        "audit evidence about the provider is renewed at a frequency set by the risk",
    ),
]);

pub static ISO_SOA: Crosswalk = maps(&[
    m(
        &iso::A5_19,
        "the Statement of Applicability shows which controls the supplier applies",
    ),
    m(
        &iso::A5_23,
        "cloud controls excluded from the SoA are not covered by the certificate",
    ),
    m(
        &tsc::CC9_2,
        "the vendor assessment needs to know which controls are in and out",
    ),
]);

pub static ISO_VERIFIED: Crosswalk = maps(&[
    m(
        &iso::A5_22,
        "supplier review verifies certificates with their issuer, not a copy",
    ),
    m(
        &tsc::CC9_2,
        "a certificate the vendor sent may be forged or withdrawn",
    ),
    m(
        &nis2::ART21_2D,
        "supply chain security rests on verified, not claimed, certification",
    ),
    m(
        &dora::ART28_4,
        "the pre-contract assessment checks the provider's claims",
    ),
]);

pub static ISO_FAMILY: Crosswalk = maps(&[
    m(
        &iso::A5_23,
        "ISO/IEC 27017 evidences cloud-specific security controls",
    ),
    m(
        &iso::A5_34,
        "ISO/IEC 27018 and 27701 evidence protection of PII",
    ),
    m(
        &gdpr::ART28_1,
        "privacy extensions support the processor's guarantees",
    ),
    m(
        &gdpr::ART32_1,
        "cloud and PII controls bear on security of processing",
    ),
    m(
        &dora::ART28_5,
        "the standards the use requires are those the policy names",
    ),
]);

// CSA STAR ------------------------------------------------------------------------------------

pub static STAR_LEVEL: Crosswalk = maps(&[
    m(
        &iso::A5_22,
        "a self-assessment is the supplier's word, not an independent review",
    ),
    m(
        &tsc::CC9_2,
        "vendor assurance weighs third-party assessment over self-assessment",
    ),
    m(
        &dora::ART28_5,
        "a standard is evidenced by a third-party assessment",
    ),
]);

pub static STAR_REGISTRY: Crosswalk = maps(&[
    m(
        &iso::A5_22,
        "the registry entry is what makes the STAR claim checkable",
    ),
    m(
        &tsc::CC9_2,
        "a STAR claim absent from the registry cannot be relied on",
    ),
]);

pub static STAR_CURRENT: Crosswalk = maps(&[
    m(
        &iso::A5_22,
        "supplier monitoring relies on an entry within its validity",
    ),
    m(&iso::A5_23, "the STAR entry is cloud-specific assurance"),
    m(&tsc::CC9_2, "a lapsed entry gives no current assurance"),
]);

pub static STAR_AI: Crosswalk = maps(&[
    m(
        &iso::A5_23,
        "a STAR for AI entry is cloud and AI assurance about the service",
    ),
    m(
        &tsc::CC9_2,
        "AI assurance counts only when backed as its level requires",
    ),
    m(
        &rmf::GOVERN_6_1,
        "third-party AI policies accept AI evidence only when it is backed",
    ),
]);

// Across frameworks ---------------------------------------------------------------------------

pub static GEN_INDEPENDENT: Crosswalk = maps(&[
    m(
        &iso::A5_22,
        "a supplier review relies on independent evidence, not the supplier's word",
    ),
    m(
        &tsc::CC9_2,
        "marketing pages and self-attestations are not vendor assurance",
    ),
    m(
        &nis2::ART21_3,
        "the quality of a supplier's practices is shown by independent evidence",
    ),
    m(
        &dora::ART28_4,
        "the pre-contract assessment cannot rest on the provider's own claims",
    ),
    m(
        &gdpr::ART28_1,
        "a processor's own statement is not a sufficient guarantee",
    ),
]);

pub static GEN_COVERAGE: Crosswalk = maps(&[
    m(
        &iso::A5_19,
        "every supplier service we use is covered by some assurance",
    ),
    m(
        &iso::A5_23,
        "every cloud service we use is covered by current independent evidence",
    ),
    m(
        &tsc::CC9_2,
        "the vendor assessment covers every service bought",
    ),
    m(
        &nis2::ART21_2D,
        "supply chain security covers every service we depend on",
    ),
    m(
        &dora::ART28_4,
        "the pre-contract assessment covers every ICT service provided",
    ),
    m(
        &dora::ART28_5,
        "each service relies on a provider that meets a security standard",
    ),
    m(
        &gdpr::ART28_1,
        "guarantees must cover every service that processes personal data",
    ),
    m(
        &gdpr::ART32_1,
        "security of processing holds only where the service is covered",
    ),
]);

pub static GEN_EXPIRY: Crosswalk = maps(&[
    m(
        &iso::A5_22,
        "supplier monitoring plans for evidence about to lapse",
    ),
    m(
        &tsc::CC9_2,
        "vendor monitoring renews assurance before it lapses",
    ),
    m(
        &dora::ART28_6,
        "audit evidence about the provider is renewed at a frequency set by the risk",
    ),
]);

pub static GEN_FILLED: Crosswalk = Crosswalk {
    mappings: &[],
    every_framework: Some(
        "a template placeholder left in the evidence makes every rule reading it unreliable",
    ),
};

pub static GEN_REVIEW: Crosswalk = maps(&[
    m(
        &iso::A5_22,
        "supplier services are reviewed at planned intervals",
    ),
    m(
        &tsc::CC4_1,
        "ongoing evaluation of the controls we rely on, vendors' included",
    ),
    m(&tsc::CC9_2, "vendor risk is reassessed, not assessed once"),
    m(&nis2::ART21_2D, "supply chain security is kept up to date"),
    m(
        &dora::ART28_2,
        "the analyst review feeds the regular review of third-party risks",
    ),
]);

pub static GEN_DOCUMENT: Crosswalk = maps(&[
    m(
        &iso::A5_33,
        "the evidence a decision rests on is kept and protected from alteration",
    ),
    m(
        &tsc::CC9_2,
        "a vendor assessment rests on documents that exist and are unchanged",
    ),
]);

pub static GEN_INCIDENTS: Crosswalk = maps(&[
    m(
        &iso::A5_22,
        "supplier incidents are part of monitoring a supplier",
    ),
    m(
        &iso::A5_24,
        "incident planning covers incidents at suppliers",
    ),
    m(
        &tsc::CC9_2,
        "a vendor's incidents and their handling change its risk",
    ),
    m(
        &nis2::ART21_2B,
        "incident handling includes incidents arising at suppliers",
    ),
    m(
        &nis2::ART23,
        "a supplier's incident can trigger our own reporting",
    ),
    m(
        &dora::ART30_2F,
        "how the provider handled its incidents shows the assistance it can give in ours",
    ),
    m(
        &gdpr::ART33_2,
        "a vendor that discloses its incidents shows it will notify us of breaches",
    ),
]);

pub static GEN_DATES: Crosswalk = Crosswalk {
    mappings: &[],
    every_framework: Some(
        "a past event dated after the as-of date means the evidence file cannot be relied on",
    ),
};

pub static GEN_WAIVER: Crosswalk = Crosswalk {
    mappings: &[
        m(
            &nis2::ART20,
            "accepting a residual risk is a management decision",
        ),
        m(
            &dora::ART5_2,
            "the management body answers for the ICT risk it accepts",
        ),
    ],
    every_framework: Some(
        "waivers decide whether any other finding counts, so they are judged under every \
         framework",
    ),
};

pub static GEN_SECTOR: Crosswalk = maps(&[
    m(
        &iso::A5_31,
        "the legal and sector requirements of the use are identified and met",
    ),
    m(
        &tsc::CC9_2,
        "vendor risk includes the regulatory frameworks the data brings",
    ),
    m(
        &dora::ART28_4,
        "the pre-contract assessment checks the provider meets sector rules",
    ),
    m(
        &gdpr::ART28_1,
        "personal data needs a processor with GDPR guarantees",
    ),
]);

pub static GEN_LAYERS: Crosswalk = maps(&[
    m(
        &iso::A5_21,
        "the hosting provider under a service is part of the ICT supply chain",
    ),
    m(
        &iso::A5_23,
        "a service on a cloud platform needs assurance for the platform too",
    ),
    m(
        &tsc::CC9_2,
        "vendor risk includes the vendor's hosting provider",
    ),
    m(
        &nis2::ART21_2D,
        "a direct supplier's security rests on the layer its service runs on",
    ),
    m(
        &dora::ART29,
        "chains of providers are part of the concentration risk assessment",
    ),
]);

// Contract ------------------------------------------------------------------------------------

pub static CONTRACT_CERTS: Crosswalk = maps(&[
    m(
        &iso::A5_20,
        "the supplier agreement names the security the supplier must maintain",
    ),
    m(
        &tsc::CC9_2,
        "vendor commitments are written into the contract",
    ),
    m(
        &nis2::ART21_2D,
        "supplier security requirements are contractual",
    ),
    m(
        &dora::ART28_5,
        "the contract holds the provider to the standard relied on",
    ),
    m(
        &dora::ART30_2C,
        "the contract carries the provider's data protection and security provisions",
    ),
    m(
        &gdpr::ART28_3H,
        "the processor makes available the information that demonstrates compliance",
    ),
]);

pub static CONTRACT_LAPSE_NOTICE: Crosswalk = maps(&[
    m(
        &iso::A5_20,
        "the agreement makes the supplier report changes in its assurance",
    ),
    m(
        &tsc::CC9_2,
        "vendor monitoring depends on being told when assurance lapses",
    ),
    m(
        &nis2::ART21_2D,
        "supply chain security needs notice of the supplier's changes",
    ),
    m(
        &dora::ART30_3B,
        "the provider notifies developments that affect the service",
    ),
]);

pub static CONTRACT_TERMINATION: Crosswalk = maps(&[
    m(
        &iso::A5_20,
        "the agreement gives a way out when the supplier stops meeting it",
    ),
    m(
        &tsc::CC9_2,
        "vendor risk management keeps the option to exit",
    ),
    m(
        &dora::ART28_7,
        "the contract can be terminated when the provider fails its obligations",
    ),
    m(
        &dora::ART28_8,
        "an exit strategy needs a contractual right to leave",
    ),
    m(
        &dora::ART30_2H,
        "termination rights are a key contractual provision",
    ),
]);

pub static CONTRACT_SUBPROCESSORS: Crosswalk = maps(&[
    m(
        &iso::A5_20,
        "the agreement governs the supplier's own subcontracting",
    ),
    m(&iso::A5_21, "sub-processors extend the ICT supply chain"),
    m(
        &nis2::ART21_2D,
        "a direct supplier's new subcontractors bear on its security",
    ),
    m(
        &dora::ART29,
        "sub-outsourcing is weighed in the concentration risk assessment",
    ),
    m(
        &dora::ART30_2A,
        "the contract states the conditions for subcontracting",
    ),
    m(
        &gdpr::ART28_2,
        "a change of sub-processor is notified with a chance to object",
    ),
]);

pub static CONTRACT_ZDR: Crosswalk = maps(&[
    m(
        &iso::A5_20,
        "the retention commitment is in the supplier agreement",
    ),
    m(
        &iso::A8_10,
        "data no longer needed is deleted, within a stated window",
    ),
    m(
        &tsc::C1_2,
        "confidential prompts and outputs are disposed of",
    ),
    m(
        &gdpr::ART5_1E,
        "personal data in prompts is kept no longer than needed",
    ),
    m(
        &gdpr::ART28_3G,
        "the agreed retention window says when the processor deletes the data",
    ),
    m(
        &dora::ART30_2C,
        "the contract carries the data protection provisions",
    ),
    m(
        &owasp::LLM02,
        "retained prompts and outputs are data that can be disclosed",
    ),
]);

// AI-specific gaps ----------------------------------------------------------------------------

pub static AI_RISK_REGISTER: Crosswalk = maps(&[
    m(
        &tsc::CC9_2,
        "assessing an AI vendor includes its analysis of AI-specific risks",
    ),
    m(
        &nis2::ART21_3,
        "the supplier's risk practices include the risks its AI product faces",
    ),
    m(
        &ai_act::ART9,
        "a risk management system identifies the known and foreseeable AI risks",
    ),
    m(
        &rmf::MAP_5_1,
        "impacts of the AI risks are identified and rated",
    ),
    m(
        &rmf::MEASURE_3_1,
        "the AI-specific risks are tracked, emergent ones included",
    ),
    m(
        &rmf::GOVERN_6_1,
        "third-party AI policies ask what AI risks the vendor assessed",
    ),
]);

pub static AI_TRAINING_DATA: Crosswalk = maps(&[
    m(
        &iso::A5_34,
        "personal data sent to the vendor is not repurposed as training data",
    ),
    m(
        &tsc::C1_1,
        "confidential data does not enter a model others use",
    ),
    m(
        &gdpr::ART28_3A,
        "training on our data would be processing beyond our instructions",
    ),
    m(
        &gdpr::ART5_1B,
        "training is a purpose other than the one the data was given for",
    ),
    m(
        &rmf::MEASURE_2_10,
        "privacy risk of the training data is examined",
    ),
    m(
        &rmf::GOVERN_6_1,
        "third-party AI policies settle the use of our data",
    ),
    m(
        &owasp::LLM02,
        "data that trained a model can resurface in its output",
    ),
    m(
        &atlas::T0057,
        "a model trained on our data can leak it to other users",
    ),
    m(
        &atlas::T0024,
        "inference-API attacks can recover training data membership or content",
    ),
]);

pub static AI_RETENTION: Crosswalk = maps(&[
    m(
        &iso::A8_10,
        "prompts and outputs are deleted when no longer needed",
    ),
    m(
        &tsc::C1_2,
        "confidential prompts and outputs are disposed of",
    ),
    m(
        &gdpr::ART5_1E,
        "personal data in prompts is kept no longer than needed",
    ),
    m(
        &gdpr::ART28_3G,
        "prompts and outputs never retained leave nothing to delete when the services end",
    ),
    m(
        &rmf::MEASURE_2_10,
        "privacy risk of retained inference data is examined",
    ),
    m(
        &owasp::LLM02,
        "retained prompts and outputs can be disclosed",
    ),
    m(
        &atlas::T0025,
        "a store of retained prompts is a target for exfiltration",
    ),
]);

pub static AI_ADVERSARIAL: Crosswalk = maps(&[
    m(
        &iso::A8_29,
        "security testing includes attacks specific to the model",
    ),
    m(
        &nis2::ART21_2E,
        "acquiring an AI product includes handling its model-specific vulnerabilities",
    ),
    m(&gdpr::ART32_1D, "security measures are tested regularly"),
    m(
        &ai_act::ART15_5,
        "adversarial testing shows whether the system resists attempts to alter its output",
    ),
    m(
        &ai_act::ART55_1A,
        "general-purpose models with systemic risk are adversarially tested",
    ),
    m(&rmf::MEASURE_2_7, "security and resilience are evaluated"),
    m(
        &rmf::MEASURE_1_3,
        "assessment by testers independent of the developers",
    ),
    m(&owasp::LLM01, "untested, prompt injection stays open"),
    m(
        &owasp::LLM07,
        "prompt attacks also extract system prompts and the secrets in them",
    ),
    m(
        &atlas::T0051,
        "an untested model is open to prompt injection",
    ),
    m(
        &atlas::T0054,
        "jailbreaks go unfound without adversarial testing",
    ),
    m(
        &atlas::T0056,
        "system prompt extraction goes unfound without adversarial testing",
    ),
    m(
        &atlas::T0057,
        "data exfiltration through the model goes unfound without testing",
    ),
]);

pub static AI_MODEL_SECURITY: Crosswalk = maps(&[
    m(
        &iso::A5_21,
        "the model and its components come through an ICT supply chain",
    ),
    m(
        &ai_act::ART15_5,
        "resilience against model poisoning and confidentiality attacks",
    ),
    m(
        &ai_act::ART55_1D,
        "general-purpose models with systemic risk protect the model itself",
    ),
    m(
        &rmf::MAP_4_2,
        "controls for third-party model components are identified",
    ),
    m(&rmf::MANAGE_3_2, "pre-trained models are monitored"),
    m(
        &owasp::LLM03,
        "an unprotected model supply chain is open to compromise",
    ),
    m(
        &owasp::LLM04,
        "unprotected training data and weights can be poisoned",
    ),
    m(
        &atlas::T0010,
        "models, data or software can be compromised in the AI supply chain",
    ),
    m(
        &atlas::T0018,
        "an unprotected model can be manipulated or backdoored",
    ),
    m(
        &atlas::T0020,
        "an unprotected training pipeline can be poisoned",
    ),
    m(
        &atlas::T0024,
        "an exposed inference API allows model extraction",
    ),
]);

pub static AI_OUTPUT_MONITORING: Crosswalk = maps(&[
    m(
        &iso::A8_16,
        "the AI service's outputs are monitored for anomalous behaviour",
    ),
    m(&tsc::CC7_2, "system components are monitored for anomalies"),
    m(
        &ai_act::ART72,
        "post-market monitoring of the AI system in use",
    ),
    m(
        &ai_act::ART26_5,
        "a deployer monitors the operation of a high-risk system",
    ),
    m(&rmf::MEASURE_2_4, "behaviour in production is monitored"),
    m(
        &rmf::MANAGE_4_1,
        "post-deployment monitoring is planned and run",
    ),
    m(
        &owasp::LLM05,
        "unmonitored output reaches downstream systems unchecked",
    ),
    m(&owasp::LLM09, "misinformation in output goes unnoticed"),
    m(
        &atlas::T0048,
        "harmful outputs reach users before anyone notices",
    ),
]);

pub static AI_BIAS: Crosswalk = maps(&[
    m(
        &ai_act::ART10_2F,
        "training data is examined for possible biases",
    ),
    m(
        &ai_act::ART10_2G,
        "the biases found are mitigated, with thresholds and monitoring",
    ),
    m(
        &rmf::MEASURE_2_11,
        "fairness and bias are evaluated and documented",
    ),
    m(
        &rmf::MAP_5_1,
        "impacts on groups of people are identified and rated",
    ),
]);

pub static AI_INCIDENT_RESPONSE: Crosswalk = maps(&[
    m(
        &iso::A5_24,
        "incident management plans cover model incidents",
    ),
    m(
        &iso::A5_26,
        "model incidents are responded to by a rehearsed plan",
    ),
    m(&iso::A5_27, "post-incident review feeds lessons back"),
    m(
        &tsc::CC7_4,
        "incidents are responded to by a defined programme",
    ),
    m(&tsc::CC7_5, "recovery (rollback) from incidents is planned"),
    m(
        &nis2::ART21_2B,
        "incident handling covers incidents in AI services we use",
    ),
    m(
        &dora::ART30_2F,
        "the provider assists when an ICT incident occurs",
    ),
    m(
        &ai_act::ART73,
        "serious incidents are reported to the authorities",
    ),
    m(
        &ai_act::ART55_1C,
        "general-purpose models with systemic risk report serious incidents",
    ),
    m(
        &ai_act::ART14_4E,
        "a stop (kill switch) lets the system be interrupted",
    ),
    m(
        &rmf::MANAGE_2_4,
        "mechanisms to disengage or deactivate a misbehaving system",
    ),
    m(
        &rmf::MANAGE_4_3,
        "incidents are communicated, tracked and recovered from",
    ),
    m(
        &rmf::GOVERN_6_2,
        "contingency for failures of a third-party AI system",
    ),
    m(
        &owasp::LLM06,
        "an agent acting beyond its remit needs a way to stop it",
    ),
]);

pub static AI_RMF: Crosswalk = maps(&[
    m(
        &tsc::CC9_2,
        "an AI RMF assessment is evidence about the AI vendor's risk management",
    ),
    m(
        &ai_act::ART9,
        "an assessment across the four functions supports a risk management system",
    ),
    m(&rmf::GOVERN_1_5, "the assessment is reviewed periodically"),
    m(
        &rmf::GOVERN_2_3,
        "an executive attests the assessment and answers for it",
    ),
    m(
        &rmf::GOVERN_6_1,
        "third-party AI policies ask for the vendor's AI risk management",
    ),
]);

pub static AI_INFERENCE_LOGS: Crosswalk = maps(&[
    m(
        &iso::A8_15,
        "logs are produced, protected and kept for a known time",
    ),
    m(
        &iso::A5_15,
        "access to logs holding prompts and outputs is restricted",
    ),
    m(&gdpr::ART32_1, "logs of personal data are secured"),
    m(
        &gdpr::ART5_1E,
        "personal data in logs is kept no longer than needed",
    ),
    m(&ai_act::ART12, "the AI system keeps logs of its operation"),
    m(
        &ai_act::ART19,
        "providers keep the logs their systems generate",
    ),
    m(&ai_act::ART26_6, "deployers keep logs under their control"),
    m(
        &owasp::LLM02,
        "logs of prompts and outputs can disclose sensitive data",
    ),
    m(
        &atlas::T0025,
        "inference logs open to many are a store to exfiltrate",
    ),
]);

pub static ISO_AI_SCOPE: Crosswalk = maps(&[
    m(
        &iso::A5_19,
        "supplier assurance counts only for the AI estate inside the scope",
    ),
    m(
        &iso::A5_23,
        "the AI cloud service must be in the certificate's scope",
    ),
    m(
        &tsc::CC9_2,
        "the vendor assessment must cover the AI estate actually used",
    ),
    m(
        &nis2::ART21_2D,
        "supply chain security is judged for the AI service we depend on",
    ),
    m(
        &rmf::MAP_4_1,
        "the AI components, training pipelines included, are mapped",
    ),
    m(
        &rmf::GOVERN_6_1,
        "third-party AI policies check what the assurance covers",
    ),
]);

pub static ISO_42001: Crosswalk = maps(&[
    m(
        &iso::A5_22,
        "a current, accredited AI management system certificate is supplier assurance",
    ),
    m(
        &tsc::CC9_2,
        "the vendor assessment weighs certified AI governance",
    ),
    m(
        &ai_act::ART17,
        "a certified AI management system supports, not proves, a quality management system",
    ),
    m(
        &rmf::GOVERN_6_1,
        "third-party AI policies ask for certified AI governance",
    ),
    m(
        &rmf::MANAGE_3_1,
        "third-party AI risks are monitored through the vendor's certification",
    ),
]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_checked_by_framework() {
        let cases = [
            (Regime::Iso27001, "A.5.19", true),
            (Regime::Iso27001, "A.5.38", false),
            (Regime::Iso27001, "5.19", false),
            (Regime::Soc2, "CC9.2", true),
            (Regime::Soc2, "CC9.3", false),
            (Regime::Soc2, "C1.2", true),
            (Regime::Soc2, "P4.3", true),
            (Regime::Nis2, "Art. 21(2)(d)", true),
            (Regime::Nis2, "Art. 21(2)(D)", false),
            (Regime::Nis2, "Art. 47", false),
            (Regime::Dora, "Art. 30(3)(b)", true),
            (Regime::Dora, "Art 30", false),
            (Regime::Gdpr, "Art. 28(3)(a)", true),
            (Regime::AiAct, "Art. 113", true),
            (Regime::AiAct, "Art. 114", false),
            (Regime::AiRmf, "GOVERN 6.1", true),
            (Regime::AiRmf, "MEASURE 2.13", true),
            (Regime::AiRmf, "MAP 4.3", false),
            (Regime::AiRmf, "Govern 6.1", false),
            (Regime::OwaspLlm, "LLM01:2025", true),
            (Regime::OwaspLlm, "LLM11:2025", false),
            (Regime::OwaspLlm, "LLM01", false),
            (Regime::Atlas, "AML.T0051", true),
            (Regime::Atlas, "AML.T0051.001", true),
            (Regime::Atlas, "AML.T51", false),
        ];
        for (regime, id, ok) in cases {
            assert_eq!(regime.well_formed(id), ok, "{regime:?} {id}");
        }
    }

    #[test]
    fn every_rule_is_mapped_well_or_says_why_not() {
        use crate::rules::{Framework, RULES};
        use std::collections::{BTreeMap, BTreeSet};
        let mut used = BTreeSet::new();
        for rule in RULES {
            let walk = rule.obligations;
            assert!(
                !walk.mappings.is_empty() || walk.every_framework.is_some(),
                "{} is mapped to nothing and says not why",
                rule.id
            );
            let mut seen = BTreeSet::new();
            for mapping in walk.mappings {
                let o = mapping.obligation;
                assert!(
                    o.framework.well_formed(o.id),
                    "{}: `{}` is not a well-formed {} identifier",
                    rule.id,
                    o.id,
                    o.framework.title()
                );
                assert!(
                    seen.insert((o.framework, o.id)),
                    "{}: {} twice",
                    rule.id,
                    o.label()
                );
                let why = mapping.why;
                // Lowercase, an acronym ("ISO/IEC 27017 …") aside.
                let first_word = why.split_whitespace().next().unwrap_or("");
                let acronym = !first_word.chars().any(|c| c.is_lowercase());
                assert!(
                    !why.trim().is_empty()
                        && !why.ends_with('.')
                        && (acronym || !why.starts_with(char::is_uppercase))
                        && !why.contains('\n'),
                    "{}: the why of {} is one lowercase line with no trailing period",
                    rule.id,
                    o.label()
                );
                assert!(!why.to_lowercase().contains("seed"), "{}: {why}", rule.id);
                used.insert((o.framework, o.id));
            }
            if let Some(reason) = walk.every_framework {
                assert!(!reason.trim().is_empty() && !reason.ends_with('.'));
            }
            // Every AI rule bears on the AI frameworks, and the OWASP entry its gap names is in
            // the crosswalk too.
            if rule.framework == Framework::Ai || rule.gap.is_some() {
                assert!(
                    walk.bears_on(Regime::AiAct) || walk.bears_on(Regime::AiRmf),
                    "{} is an AI rule mapped to neither the EU AI Act nor the NIST AI RMF",
                    rule.id
                );
            }
            if let Some(entry) = rule.gap.and_then(|g| g.owasp) {
                let id = entry.split_whitespace().next().unwrap_or("");
                assert!(
                    walk.mappings.iter().any(
                        |m| m.obligation.framework == Regime::OwaspLlm && m.obligation.id == id
                    ),
                    "{}: its AI gap names {entry}, the crosswalk does not",
                    rule.id
                );
            }
        }
        // The catalogue: one title per identifier, each in use, each well-formed.
        let mut titles = BTreeMap::new();
        for o in catalogue() {
            assert!(
                o.framework.well_formed(o.id),
                "{} is not well-formed",
                o.label()
            );
            assert!(
                titles.insert((o.framework, o.id), o.title).is_none(),
                "{} is catalogued twice",
                o.label()
            );
            assert!(
                !o.title.ends_with('.') && !o.title.is_empty(),
                "{}: a short title with no trailing period",
                o.label()
            );
            assert!(
                used.contains(&(o.framework, o.id)),
                "{} is mapped by no rule",
                o.label()
            );
        }
        for key in &used {
            assert!(titles.contains_key(key), "{key:?} is not in the catalogue");
        }
        // Every framework has rules bearing on it, so `--obligation` never selects nothing.
        for regime in Regime::ALL {
            assert!(
                RULES.iter().any(|r| r.obligations.bears_on(*regime)),
                "no rule bears on {}",
                regime.title()
            );
        }
    }

    #[test]
    fn keys_round_trip() {
        for regime in Regime::ALL {
            assert_eq!(Regime::from_key(regime.key()), Some(*regime));
        }
        assert_eq!(Regime::from_key("NIS2"), Some(Regime::Nis2));
        assert_eq!(Regime::from_key("nist"), None);
    }
}
