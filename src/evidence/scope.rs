//! Scope matching: does a scope statement or system description cover a service we use?
//!
//! Many verdicts hang on this, so it must never pass by accident. A service is covered when its
//! full name, case and whitespace folded, appears in the text as a whole phrase (not inside a
//! longer word), or when the analyst quotes text that appears verbatim (folded) in the scope and
//! says it covers the service. A shared word ("API", "platform") is never enough.

use super::ScopeQuote;

/// Lowercases and collapses every run of whitespace to one space.
pub fn fold(text: &str) -> String {
    // What `FoldData::new` keeps as its characters, without the origins or the cache: most
    // callers fold short names once.
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        lowercase(c, |l| out.push(l));
    }
    out
}

/// The lowercase of `c` (one character or more), an ASCII one without the Unicode tables.
fn lowercase(c: char, mut push: impl FnMut(char)) {
    if c.is_ascii() {
        push(c.to_ascii_lowercase());
    } else {
        c.to_lowercase().for_each(push);
    }
}

/// Folded text that remembers where each character came from in the original.
struct Folded<'a> {
    original: &'a str,
    data: std::rc::Rc<FoldData>,
}

/// The folded characters of a text, and for each the byte range of the original character (or
/// whitespace run) it stands for.
struct FoldData {
    chars: Vec<char>,
    origin: Vec<(usize, usize)>,
    /// Byte range of the first exclusion wording, computed once per text.
    exclusion: std::cell::OnceCell<Option<(usize, usize)>>,
    /// The corporate-IT phrasing, computed once per text.
    corporate: std::cell::OnceCell<Option<&'static str>>,
}

thread_local! {
    /// The same scope statements are matched against many services and phrasings; folding each
    /// once per thread is most of the cost of scope matching.
    static FOLDED: std::cell::RefCell<rustc_hash::FxHashMap<String, std::rc::Rc<FoldData>>> =
        std::cell::RefCell::new(rustc_hash::FxHashMap::default());
}

impl FoldData {
    fn new(original: &str) -> FoldData {
        let mut chars = Vec::with_capacity(original.len());
        let mut origin: Vec<(usize, usize)> = Vec::with_capacity(original.len());
        let mut in_space = false;
        for (i, c) in original.char_indices() {
            let end = i + c.len_utf8();
            if c.is_whitespace() {
                if in_space {
                    if let Some(last) = origin.last_mut() {
                        last.1 = end;
                    }
                } else {
                    chars.push(' ');
                    origin.push((i, end));
                    in_space = true;
                }
                continue;
            }
            in_space = false;
            lowercase(c, |lower| {
                chars.push(lower);
                origin.push((i, end));
            });
        }
        // Trim the folded text at both ends.
        while chars.last() == Some(&' ') {
            chars.pop();
            origin.pop();
        }
        if chars.first() == Some(&' ') {
            chars.remove(0);
            origin.remove(0);
        }
        FoldData {
            chars,
            origin,
            exclusion: std::cell::OnceCell::new(),
            corporate: std::cell::OnceCell::new(),
        }
    }
}

impl<'a> Folded<'a> {
    fn new(original: &'a str) -> Self {
        let data = FOLDED.with(|cache| {
            let mut cache = cache.borrow_mut();
            if let Some(data) = cache.get(original) {
                return std::rc::Rc::clone(data);
            }
            if cache.len() >= 512 {
                cache.clear();
            }
            let data = std::rc::Rc::new(FoldData::new(original));
            cache.insert(original.to_string(), std::rc::Rc::clone(&data));
            data
        });
        Folded { original, data }
    }

    /// Original text of the first whole-phrase occurrence of `needle` (already folded).
    fn find_phrase(&self, needle: &[char]) -> Option<&'a str> {
        let chars = &self.data.chars;
        if needle.is_empty() || needle.len() > chars.len() {
            return None;
        }
        let first = needle[0];
        (0..=chars.len() - needle.len())
            // Most positions fail on the first character; test it before comparing the slice.
            .filter(|&start| chars[start] == first)
            .find(|&start| self.fits(start, needle))
            .map(|start| self.original_of(start, needle.len()))
    }

    /// The first of `needles` (in their order) that occurs as a whole phrase, with the original
    /// text of its first occurrence: what [`Folded::find_phrase`] gives for each needle in turn,
    /// found in one pass over the text instead of one per needle.
    fn find_first_of(&self, needles: &[Vec<char>]) -> Option<(usize, &'a str)> {
        let chars = &self.data.chars;
        let is_word = |c: char| c.is_alphanumeric();
        let mut first_at: Vec<Option<usize>> = vec![None; needles.len()];
        // A needle that starts with a letter can only fit where a word starts.
        let word_starts_only = needles
            .iter()
            .all(|n| n.first().is_some_and(|c| is_word(*c)));
        for start in 0..chars.len() {
            if word_starts_only && start > 0 && is_word(chars[start - 1]) {
                continue;
            }
            for (n, needle) in needles.iter().enumerate() {
                if first_at[n].is_none()
                    && needle.first() == Some(&chars[start])
                    && start + needle.len() <= chars.len()
                    && self.fits(start, needle)
                {
                    first_at[n] = Some(start);
                }
            }
            // Nothing found later can come before a needle already found at every earlier one.
            if first_at.first().is_some_and(Option::is_some) {
                break;
            }
        }
        first_at
            .iter()
            .enumerate()
            .find_map(|(n, at)| at.map(|start| (n, self.original_of(start, needles[n].len()))))
    }

    /// Whether `needle` stands at `start` as a whole phrase (not inside a longer word).
    fn fits(&self, start: usize, needle: &[char]) -> bool {
        let chars = &self.data.chars;
        let is_word = |c: char| c.is_alphanumeric();
        let end = start + needle.len();
        chars[start..end] == *needle
            && (start == 0 || !is_word(chars[start - 1]) || !is_word(needle[0]))
            && (end == chars.len() || !is_word(chars[end]) || !is_word(needle[needle.len() - 1]))
    }

    /// The original text that `len` folded characters from `start` stand for.
    fn original_of(&self, start: usize, len: usize) -> &'a str {
        let origin = &self.data.origin;
        &self.original[origin[start].0..origin[start + len - 1].1]
    }
}

/// How a service was found to be covered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Coverage {
    /// The service's full name appears in the scope; the text as it stands there.
    Named(String),
    /// The analyst quoted this scope text as covering the service, and it is in the scope.
    Quoted(String),
}

impl Coverage {
    /// The scope text that matched, for the report.
    pub fn text(&self) -> &str {
        match self {
            Coverage::Named(t) | Coverage::Quoted(t) => t,
        }
    }
}

/// Why a service is not covered by a scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotCovered {
    /// The name is not in the scope text and no quote covers it.
    Absent,
    /// The analyst quoted text that is not in the scope text.
    QuoteNotFound(String),
    /// The analyst's quote is too short to show anything (under 8 letters or digits).
    QuoteTooShort(String),
}

impl NotCovered {
    /// Why a quote failed, for a message: `quoted "…" is not in the scope`.
    pub fn explain(&self, place: &str) -> String {
        match self {
            NotCovered::Absent => format!("not named in the {place}"),
            NotCovered::QuoteNotFound(q) => format!("quoted \"{q}\" is not in the {place}"),
            NotCovered::QuoteTooShort(q) => format!("quoted \"{q}\" is too short to show coverage"),
        }
    }
}

/// Whether `service` is covered by any of `texts` (scope statement, system description, listed
/// service names), directly or through an analyst's quote.
pub fn coverage(
    service: &str,
    texts: &[&str],
    quotes: &[ScopeQuote],
) -> Result<Coverage, NotCovered> {
    // A service name is folded on its own, not kept in the cache of scope texts.
    let needle = FoldData::new(service).chars;
    for text in texts {
        if let Some(found) = Folded::new(text).find_phrase(&needle) {
            return Ok(Coverage::Named(found.to_string()));
        }
    }
    let mut problem = NotCovered::Absent;
    for quote in quotes.iter().filter(|q| fold(&q.service) == fold(service)) {
        let quoted: Vec<char> = fold(&quote.quote).chars().collect();
        // A quote of a few characters could be found anywhere; it must say something.
        if quoted.iter().filter(|c| c.is_alphanumeric()).count() < 8 {
            problem = NotCovered::QuoteTooShort(quote.quote.clone());
            continue;
        }
        for text in texts {
            if let Some(found) = Folded::new(text).find_phrase(&quoted) {
                return Ok(Coverage::Quoted(found.to_string()));
            }
        }
        problem = NotCovered::QuoteNotFound(quote.quote.clone());
    }
    Err(problem)
}

/// Phrasings of a scope limited to corporate IT or a head office.
const CORPORATE_ONLY: &[&str] = &[
    "corporate it",
    "corporate information technology",
    "corporate office",
    "corporate headquarters",
    "headquarters",
    "head office",
    "internal it",
    "office it",
];

/// Single words that name a kind of service, not a service: "API" would match any scope.
pub(crate) const GENERIC: &[&str] = &[
    "api",
    "apis",
    "app",
    "apps",
    "application",
    "platform",
    "cloud",
    "service",
    "services",
    "portal",
    "console",
    "dashboard",
    "storage",
    "compute",
    "analytics",
    "data",
    "ai",
    "model",
    "models",
    "chat",
    "search",
    "saas",
    "software",
    "system",
    "product",
    "hosting",
    "infrastructure",
    "website",
    "web",
];

/// Whether a service name is a generic word rather than a name.
pub fn is_generic_name(name: &str) -> bool {
    let folded = fold(name);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.len() <= 1
        && words
            .first()
            .is_none_or(|w| GENERIC.contains(w) || w.chars().count() < 3)
}

/// Wording that carves something out of a scope.
const EXCLUSIONS: &[&str] = &[
    "excluded",
    "excludes",
    "excluding",
    "exclusion",
    "except",
    "with the exception of",
    "not in scope",
    "out of scope",
    "outside the scope",
    "outside of the scope",
    "not covered",
    "not included",
    "not part of",
    "does not cover",
    "do not cover",
    "outside scope",
    "carved out",
    "not within",
];

/// The exclusion wording a scope uses, if any, as it stands in the scope.
pub fn exclusion_phrase(scope: &str) -> Option<&str> {
    static PHRASES: std::sync::LazyLock<Vec<Vec<char>>> =
        std::sync::LazyLock::new(|| EXCLUSIONS.iter().map(|p| p.chars().collect()).collect());
    let folded = Folded::new(scope);
    let range = *folded.data.exclusion.get_or_init(|| {
        folded.find_first_of(&PHRASES).map(|(_, found)| {
            let start = found.as_ptr() as usize - scope.as_ptr() as usize;
            (start, start + found.len())
        })
    });
    range.map(|(a, b)| &scope[a..b])
}

/// The corporate-IT phrasing a scope uses, if any.
pub fn corporate_phrase(scope: &str) -> Option<&'static str> {
    static PHRASES: std::sync::LazyLock<Vec<Vec<char>>> =
        std::sync::LazyLock::new(|| CORPORATE_ONLY.iter().map(|p| p.chars().collect()).collect());
    let folded = Folded::new(scope);
    *folded.data.corporate.get_or_init(|| {
        folded
            .find_first_of(&PHRASES)
            .map(|(n, _)| CORPORATE_ONLY[n])
    })
}

/// Characters that look like another or like nothing: zero-width and invisible characters, and
/// Cyrillic and Greek letters drawn like Latin ones. A service name that matches only once these
/// are read as what they look like never matches; the finding names the character.
const LOOKALIKES: &[(char, &str, &str)] = &[
    ('\u{200B}', "", "ZERO WIDTH SPACE"),
    ('\u{200C}', "", "ZERO WIDTH NON-JOINER"),
    ('\u{200D}', "", "ZERO WIDTH JOINER"),
    ('\u{2060}', "", "WORD JOINER"),
    ('\u{FEFF}', "", "ZERO WIDTH NO-BREAK SPACE"),
    ('\u{00AD}', "", "SOFT HYPHEN"),
    ('\u{0410}', "A", "CYRILLIC CAPITAL LETTER A"),
    ('\u{0412}', "B", "CYRILLIC CAPITAL LETTER VE"),
    ('\u{0415}', "E", "CYRILLIC CAPITAL LETTER IE"),
    ('\u{041A}', "K", "CYRILLIC CAPITAL LETTER KA"),
    ('\u{041C}', "M", "CYRILLIC CAPITAL LETTER EM"),
    ('\u{041D}', "H", "CYRILLIC CAPITAL LETTER EN"),
    ('\u{041E}', "O", "CYRILLIC CAPITAL LETTER O"),
    ('\u{0420}', "P", "CYRILLIC CAPITAL LETTER ER"),
    ('\u{0421}', "C", "CYRILLIC CAPITAL LETTER ES"),
    ('\u{0422}', "T", "CYRILLIC CAPITAL LETTER TE"),
    ('\u{0425}', "X", "CYRILLIC CAPITAL LETTER HA"),
    (
        '\u{0406}',
        "I",
        "CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I",
    ),
    ('\u{0430}', "a", "CYRILLIC SMALL LETTER A"),
    ('\u{0435}', "e", "CYRILLIC SMALL LETTER IE"),
    ('\u{043E}', "o", "CYRILLIC SMALL LETTER O"),
    ('\u{0440}', "p", "CYRILLIC SMALL LETTER ER"),
    ('\u{0441}', "c", "CYRILLIC SMALL LETTER ES"),
    ('\u{0443}', "y", "CYRILLIC SMALL LETTER U"),
    ('\u{0445}', "x", "CYRILLIC SMALL LETTER HA"),
    (
        '\u{0456}',
        "i",
        "CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I",
    ),
    ('\u{0391}', "A", "GREEK CAPITAL LETTER ALPHA"),
    ('\u{0392}', "B", "GREEK CAPITAL LETTER BETA"),
    ('\u{0395}', "E", "GREEK CAPITAL LETTER EPSILON"),
    ('\u{0397}', "H", "GREEK CAPITAL LETTER ETA"),
    ('\u{0399}', "I", "GREEK CAPITAL LETTER IOTA"),
    ('\u{039A}', "K", "GREEK CAPITAL LETTER KAPPA"),
    ('\u{039C}', "M", "GREEK CAPITAL LETTER MU"),
    ('\u{039D}', "N", "GREEK CAPITAL LETTER NU"),
    ('\u{039F}', "O", "GREEK CAPITAL LETTER OMICRON"),
    ('\u{03A1}', "P", "GREEK CAPITAL LETTER RHO"),
    ('\u{03A4}', "T", "GREEK CAPITAL LETTER TAU"),
    ('\u{03A7}', "X", "GREEK CAPITAL LETTER CHI"),
    ('\u{03BF}', "o", "GREEK SMALL LETTER OMICRON"),
];

/// `text` with each look-alike read as what it looks like.
fn skeleton(text: &str) -> String {
    text.chars()
        .map(|c| match LOOKALIKES.iter().find(|(l, _, _)| *l == c) {
            Some((_, like, _)) => like.to_string(),
            None => c.to_string(),
        })
        .collect()
}

/// Where `service` is named in one of `texts` only through a look-alike character (in the text
/// or in the service name itself): which character, its code point and what it looks like.
/// `None` when no look-alike explains a miss.
pub fn lookalike(service: &str, texts: &[&str]) -> Option<String> {
    let wanted = fold(&skeleton(service));
    let describe = |c: char| {
        LOOKALIKES
            .iter()
            .find(|(l, _, _)| *l == c)
            .map(|(_, like, name)| {
                let looks = if like.is_empty() {
                    "which is invisible".to_string()
                } else {
                    format!("which looks like `{like}`")
                };
                format!("U+{:04X} {name}, {looks}", c as u32)
            })
    };
    if let Some(c) = service
        .chars()
        .find(|c| LOOKALIKES.iter().any(|(l, _, _)| l == c))
    {
        return describe(c).map(|d| format!("the service name itself holds {d}"));
    }
    texts.iter().find_map(|text| {
        let folded = fold(&skeleton(text));
        if wanted.is_empty() || !folded.contains(&wanted) {
            return None;
        }
        text.chars()
            .find(|c| LOOKALIKES.iter().any(|(l, _, _)| l == c))
            .and_then(describe)
            .map(|d| format!("named only with {d}"))
    })
}

/// The services of `services` a scope excludes by name: named in the clause of an exclusion
/// wording, after "excluding", "except", "with the exception of", or before "is excluded",
/// "is out of scope", "is not covered" and the like. A clause ends at `.`, `;` or `:`.
pub fn excluded_services<'s>(scope: &str, services: &'s [String]) -> Vec<&'s str> {
    const FOLLOWED: &[&str] = &[
        "excluding",
        "excludes",
        "except",
        "with the exception of",
        "other than",
    ];
    let mut out = Vec::new();
    for clause in scope.split(['.', ';', ':']) {
        let folded = fold(clause);
        let Some(phrase) = exclusion_phrase(clause) else {
            continue;
        };
        let phrase = fold(phrase);
        let Some(at) = folded.find(&phrase) else {
            continue;
        };
        let (before, after) = (&folded[..at], &folded[at + phrase.len()..]);
        let region = if FOLLOWED.contains(&phrase.as_str()) {
            after
        } else {
            // "the D API is excluded": the subject since the last comma.
            before.rsplit(',').next().unwrap_or(before)
        };
        for service in services {
            let name = fold(service);
            if !name.is_empty() && region.contains(&name) && !out.contains(&service.as_str()) {
                out.push(service.as_str());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every string of up to four characters from an alphabet of ASCII, non-ASCII letters whose
    /// lowercase is longer than themselves, and several kinds of whitespace.
    fn short_strings() -> Vec<String> {
        let alphabet = [
            ' ', '\t', '\n', 'A', 'b', '-', '\u{130}', '\u{1E9E}', '\u{2003}', '\u{C9}', '\u{3A3}',
        ];
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..4 {
            last = last
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    #[test]
    fn folding_fast_paths_read_as_the_general_folding() {
        // The general folding, character by character, with the origin of each folded character.
        let general = |text: &str| -> (Vec<char>, Vec<(usize, usize)>) {
            let (mut chars, mut origin) = (Vec::new(), Vec::<(usize, usize)>::new());
            let mut in_space = false;
            for (i, c) in text.char_indices() {
                let end = i + c.len_utf8();
                if c.is_whitespace() {
                    if in_space {
                        origin.last_mut().unwrap().1 = end;
                    } else {
                        chars.push(' ');
                        origin.push((i, end));
                        in_space = true;
                    }
                    continue;
                }
                in_space = false;
                for lower in c.to_lowercase() {
                    chars.push(lower);
                    origin.push((i, end));
                }
            }
            while chars.last() == Some(&' ') {
                chars.pop();
                origin.pop();
            }
            if chars.first() == Some(&' ') {
                chars.remove(0);
                origin.remove(0);
            }
            (chars, origin)
        };
        let strings = short_strings();
        assert_eq!(strings.len(), 1 + 11 + 121 + 1331 + 14641);
        for text in &strings {
            let (chars, origin) = general(text);
            let data = FoldData::new(text);
            assert_eq!((&data.chars, &data.origin), (&chars, &origin), "{text:?}");
            assert_eq!(fold(text), chars.iter().collect::<String>(), "{text:?}");
        }
    }

    #[test]
    fn lookalikes_are_named_with_their_code_point() {
        let scope = "Development of the \u{0410}cme Inference API and the Acme\u{200B}Console.";
        assert_eq!(
            lookalike("Acme Inference API", &[scope]).as_deref(),
            Some("named only with U+0410 CYRILLIC CAPITAL LETTER A, which looks like `A`")
        );
        assert_eq!(
            lookalike("\u{0410}cme Chat", &["Acme Chat"]).as_deref(),
            Some(
                "the service name itself holds U+0410 CYRILLIC CAPITAL LETTER A, which looks like `A`"
            )
        );
        assert!(lookalike("Acme Search", &[scope]).is_none());
        assert!(coverage("Acme Inference API", &[scope], &[]).is_err());
    }

    #[test]
    fn services_excluded_by_name_are_found_in_their_clause() {
        let services = vec![
            "Acme Inference API".to_string(),
            "Northwind API".to_string(),
        ];
        assert_eq!(
            excluded_services(
                "Operation of the Acme Inference API and the Northwind API, excluding the Northwind API.",
                &services
            ),
            ["Northwind API"]
        );
        assert_eq!(
            excluded_services(
                "Operation of the Acme Inference API; the Northwind API is excluded from the scope.",
                &services
            ),
            ["Northwind API"]
        );
        assert!(
            excluded_services(
                "Operation of the Acme Inference API and the Northwind API, excluding physical offices.",
                &services
            )
            .is_empty()
        );
    }

    proptest::proptest! {
        /// The one-pass search finds what searching for each phrase in turn finds.
        #[test]
        fn one_pass_search_agrees_with_one_search_per_phrase(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "excluded", "not", "in", "scope", "out", "of", "corporate", "IT", "headquarters",
                    "except", "Excluding", "covered", "carved", "the", "Acme", "API,", "(out", "x",
                    "head", "office", "with", "exception", "  ", "\n", "é", "outside",
                ]),
                0..24,
            )
        ) {
            let text = words.join(" ");
            let folded = Folded::new(&text);
            for list in [EXCLUSIONS, CORPORATE_ONLY] {
                let needles: Vec<Vec<char>> = list.iter().map(|p| p.chars().collect()).collect();
                let one_by_one = needles
                    .iter()
                    .enumerate()
                    .find_map(|(n, needle)| folded.find_phrase(needle).map(|found| (n, found)));
                let found = folded.find_first_of(&needles);
                proptest::prop_assert_eq!(found, one_by_one);
                // The same text, not only the same words.
                if let (Some((_, a)), Some((_, b))) = (found, one_by_one) {
                    proptest::prop_assert_eq!(a.as_ptr(), b.as_ptr());
                }
            }
        }
    }

    fn quote(service: &str, quote: &str) -> ScopeQuote {
        ScopeQuote {
            service: service.into(),
            quote: quote.into(),
        }
    }

    #[test]
    fn full_name_matches_case_and_whitespace_folded() {
        let scope = "The ISMS covers the Acme  Inference\nAPI and supporting infrastructure.";
        assert_eq!(
            coverage("acme inference api", &[scope], &[]),
            Ok(Coverage::Named("Acme  Inference\nAPI".into()))
        );
    }

    #[test]
    fn a_shared_word_is_not_a_match() {
        let scope = "Acme platform API and corporate IT";
        assert_eq!(
            coverage("Acme Inference API", &[scope], &[]),
            Err(NotCovered::Absent)
        );
        assert_eq!(
            coverage("API", &["APIs for partners"], &[]),
            Err(NotCovered::Absent)
        );
    }

    #[test]
    fn names_inside_longer_words_do_not_match() {
        assert_eq!(
            coverage("Acme Chat", &["the Acme Chatbot service"], &[]),
            Err(NotCovered::Absent)
        );
    }

    #[test]
    fn a_quote_must_appear_in_the_scope() {
        let scope = "Production inference platform for all hosted models";
        let ok = [quote("Acme Inference API", "production inference platform")];
        assert_eq!(
            coverage("Acme Inference API", &[scope], &ok),
            Ok(Coverage::Quoted("Production inference platform".into()))
        );
        let bad = [quote("Acme Inference API", "all Acme services")];
        assert_eq!(
            coverage("Acme Inference API", &[scope], &bad),
            Err(NotCovered::QuoteNotFound("all Acme services".into()))
        );
        let short = [quote("Acme Inference API", "for")];
        assert_eq!(
            coverage("Acme Inference API", &[scope], &short),
            Err(NotCovered::QuoteTooShort("for".into()))
        );
    }

    #[test]
    fn generic_names_are_recognised() {
        assert!(is_generic_name("API"));
        assert!(is_generic_name(" platform "));
        assert!(!is_generic_name("Acme API"));
        assert!(!is_generic_name("Slackware"));
    }

    #[test]
    fn exclusions_are_recognised() {
        assert_eq!(
            exclusion_phrase("The Acme API is Excluded from the scope."),
            Some("Excluded")
        );
        assert_eq!(
            exclusion_phrase("Design and operation of the Acme API"),
            None
        );
    }

    #[test]
    fn corporate_scopes_are_recognised() {
        assert_eq!(
            corporate_phrase("Corporate IT operations at the London headquarters"),
            Some("corporate it")
        );
        assert_eq!(corporate_phrase("Acme Inference API"), None);
    }
}
