//! Whether a certificate's scope covers the services we use.

use crate::evidence::scope::{
    Coverage, NotCovered, corporate_phrase, coverage, excluded_services, exclusion_phrase,
    lookalike,
};

use super::per_cert;
use crate::rules::{Framework, Level, Outcome, Rule, all_of};

pub static SCOPE: Rule = Rule {
    id: "ISO-SCOPE",
    framework: Framework::Iso,
    title: "the certificate's scope covers every service we use",
    default_level: Level::Error,
    sources: &[
        "ISO/IEC 27001:2022 cl. 4.3 (scope of the ISMS)",
        "ISO/IEC 17021-1:2015 cl. 8.2.2",
    ],
    rationale: "A certificate covers only what its scope statement names. A scope of corporate or \
        headquarters IT does not cover the cloud platform that hosts our data or the AI product we \
        use; anything outside the scope is uncertified, whatever the marketing says.",
    question: "Does your certificate's scope statement include these services, and can you quote \
        the wording that covers them?",
    passes: "each of `vendor.services` named in `scope` (or covered by a verified `covers` quote)",
    fails: "a service the scope does not name (or names only through a look-alike character), a \
        service it excludes by name, a corporate-IT or headquarters scope, or no scope recorded; \
        other exclusion wording is unverified",
    gap: None,
    reads: &[
        "iso",
        "iso[].covers",
        "iso[].covers[].quote",
        "iso[].covers[].service",
        "iso[].expires",
        "iso[].scope",
        "iso[].source",
        "iso[].standard",
        "vendor.services",
    ],
    obligations: &crate::rules::crosswalk::ISO_SCOPE,
    check: |ctx| {
        per_cert(ctx, |i, c, _| {
            let at = format!("iso[{i}].scope");
            let Some(scope) = c.scope.as_deref().filter(|s| !s.trim().is_empty()) else {
                return Outcome::fail("no scope statement recorded").at(at);
            };
            let mut matched = Vec::new();
            let mut missing = Vec::new();
            let mut quoted = false;
            for service in &ctx.ev.vendor.services {
                match coverage(service, &[scope], &c.covers) {
                    Ok(cov) => {
                        quoted |= matches!(cov, Coverage::Quoted(_));
                        matched.push(format!("{service}: \"{}\"", cov.text()))
                    }
                    Err(NotCovered::Absent) => missing.push(match lookalike(service, &[scope]) {
                        Some(why) => format!("{service} ({why})"),
                        None => service.clone(),
                    }),
                    Err(bad) => missing.push(format!("{service} ({})", bad.explain("scope"))),
                }
            }
            if missing.is_empty() {
                let verb = if quoted { "covers" } else { "names" };
                let found = format!("scope {verb} {}", all_of(matched.len(), "service"));
                let Some(phrase) = exclusion_phrase(scope) else {
                    return Outcome::pass(found)
                        .matched(matched)
                        .resting_on(c.source)
                        .at(at);
                };
                if let Some(corporate) = corporate_phrase(scope) {
                    return Outcome::fail(format!(
                        "scope is limited to {corporate} and says \"{phrase}\": the services we use are not shown to be covered"
                    ))
                    .matched(matched)
                    .at(at);
                }
                // "The X API is excluded from the scope" names the service too.
                let excluded = excluded_services(scope, &ctx.ev.vendor.services);
                if !excluded.is_empty() {
                    return Outcome::fail(format!(
                        "scope excludes {} by name (\"{phrase}\")",
                        excluded.join(", ")
                    ))
                    .matched(matched)
                    .at(at);
                }
                return Outcome::unverified(format!(
                    "{found}, but it also says \"{phrase}\": confirm none of them is excluded"
                ))
                .matched(matched)
                .at(at);
            }
            let outcome = match corporate_phrase(scope) {
                Some(phrase) if matched.is_empty() => Outcome::fail(format!(
                    "scope is limited to {phrase}, not the services we use: {}",
                    missing.join(", ")
                )),
                _ => Outcome::fail(format!("scope does not cover: {}", missing.join(", "))),
            };
            outcome.matched(matched).at(at)
        })
    },
};
