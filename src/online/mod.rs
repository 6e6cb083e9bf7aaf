//! Online verification (`--online`, `--offline`, `vendorcert fetch`): certificates asked of
//! their registries, STAR entries of the CSA registry, documents fetched by URL. The only part
//! of vendorcert that touches the network, and only when asked.
//!
//! Every look-up ends in an answer: found (with what the registry says), not found, or
//! unavailable with the reason (unreachable, timeout, HTTP 5xx, 429 after retries, malformed or
//! oversized answer, redirect elsewhere, deadline). Rules read an unavailable answer as
//! unverified, never as a pass.

pub mod cache;
pub mod config;
pub mod http;
pub mod registry;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::evidence::registry::lookup_of;
pub use crate::evidence::registry::{
    Answer, CertRecord, CertStatus, CertificateAnswers, Facts, Key, Looked, Mode, RegistryKind,
    RegistryNote, RegistryScope,
};
use crate::evidence::{DocumentOutcome, LoadedVendor};
pub use cache::Cache;
pub use config::Registries;

/// Everything an online or offline run needs.
#[derive(Debug, Clone)]
pub struct Session {
    pub mode: Mode,
    pub registries: Registries,
    pub cache: Cache,
    /// `--offline`: cached answers older than this are not used.
    pub max_age: Duration,
}

/// Asks the registries (or the cache) everything the valid vendors among `files` call for.
pub fn answers_for(files: &[PathBuf], session: &Session) -> Facts {
    use rayon::prelude::*;
    let lookups: Vec<Lookup> = files
        .par_iter()
        .filter(|_| !crate::interrupt::interrupted())
        .filter_map(|f| crate::evidence::load_vendor(f).ok())
        .flat_map_iter(|v| lookups(&v, &session.registries))
        .collect();
    run(session, lookups)
}

/// A look-up to make.
#[derive(Debug, Clone)]
pub struct Lookup {
    pub key: Key,
    pub url: reqwest::Url,
    pub registry: String,
    pub what: What,
}

#[derive(Debug, Clone)]
pub enum What {
    Certificate {
        kind: RegistryKind,
        key: Option<(String, config::Secret)>,
        key_env: Option<String>,
        /// For a company search: the JSON body POSTed; the answer lists certified entities.
        search: Option<Vec<u8>>,
    },
    Star,
    Document,
}

/// The look-ups one vendor's evidence calls for.
pub fn lookups(vendor: &LoadedVendor, registries: &Registries) -> Vec<Lookup> {
    let ev = &vendor.evidence;
    let mut out = Vec::new();
    for cert in &ev.iso {
        for r in registries
            .registries
            .iter()
            .filter(|r| r.serves(&cert.standard))
        {
            let Ok(how) = lookup_of(r.kind, cert, &ev.vendor) else {
                continue;
            };
            let (url, body) = registry::request(r, &how);
            out.push(Lookup {
                key: how.key(&r.name),
                url,
                registry: r.name.clone(),
                what: What::Certificate {
                    kind: r.kind,
                    key: r.key.clone(),
                    key_env: r.key_env.clone(),
                    search: body,
                },
            });
        }
    }
    for entry in &ev.star {
        let Some(raw) = entry.registry_url.as_deref().map(str::trim) else {
            continue;
        };
        let Ok(mut url) = reqwest::Url::parse(raw) else {
            continue;
        };
        if let Some(mirror) = &registries.star_mirror {
            let mut m = mirror.clone();
            m.set_path(&format!(
                "{}{}",
                mirror.path().trim_end_matches('/'),
                url.path()
            ));
            m.set_query(url.query());
            url = m;
        }
        out.push(Lookup {
            key: Key::Star {
                url: raw.to_string(),
            },
            registry: "CSA STAR registry".into(),
            url,
            what: What::Star,
        });
    }
    for doc in &vendor.documents {
        if doc.outcome != DocumentOutcome::NotFetched {
            continue;
        }
        let Ok(url) = reqwest::Url::parse(&doc.cited) else {
            continue;
        };
        out.push(Lookup {
            key: Key::Document {
                url: doc.cited.clone(),
                sha256: doc.sha256.to_ascii_lowercase(),
            },
            registry: url.host_str().unwrap_or("").to_string(),
            url,
            what: What::Document,
        });
    }
    out
}

/// `500ms`, `10s`, `2m`, `30d`: how a duration is shown.
pub fn describe_duration(d: Duration) -> String {
    let ms = d.as_millis();
    let s = d.as_secs();
    if !ms.is_multiple_of(1000) || s == 0 {
        format!("{ms}ms")
    } else if s.is_multiple_of(86_400) {
        format!("{}d", s / 86_400)
    } else if s.is_multiple_of(3600) {
        format!("{}h", s / 3600)
    } else if s.is_multiple_of(60) {
        format!("{}m", s / 60)
    } else {
        format!("{s}s")
    }
}

/// Makes every look-up (each key once), concurrently within the limits, and returns the
/// answers. The run ends by its deadline: look-ups still open then are unavailable.
pub fn run(session: &Session, lookups: Vec<Lookup>) -> Facts {
    let mut unique: Vec<Lookup> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for l in lookups {
        if seen.insert(l.key.clone()) {
            unique.push(l);
        }
    }
    let answers = if unique.is_empty() {
        HashMap::new()
    } else {
        match tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
        {
            Ok(rt) => rt.block_on(run_all(session, unique)),
            Err(e) => unique
                .into_iter()
                .map(|l| {
                    let looked = unavailable(&l, format!("cannot start the runtime: {e}"));
                    (l.key, looked)
                })
                .collect(),
        }
    };
    Facts {
        answers,
        registries: session.registries.scopes(),
        mode: session.mode,
    }
}

fn unavailable(l: &Lookup, why: String) -> Looked {
    Looked {
        registry: l.registry.clone(),
        url: config::redact(&l.url),
        answer: Answer::Unavailable(why),
        fetched_at: Utc::now(),
        from_cache: false,
    }
}

async fn run_all(session: &Session, lookups: Vec<Lookup>) -> HashMap<Key, Looked> {
    let limits = &session.registries.limits;
    let deadline = tokio::time::Instant::now() + limits.deadline;
    let http = match http::Http::new(limits) {
        Ok(h) => Arc::new(h),
        Err(e) => {
            return lookups
                .into_iter()
                .map(|l| {
                    let looked = unavailable(&l, e.clone());
                    (l.key, looked)
                })
                .collect();
        }
    };
    let permits = Arc::new(tokio::sync::Semaphore::new(limits.jobs.max(1)));
    let session = Arc::new(session.clone());
    let mut tasks = tokio::task::JoinSet::new();
    for l in lookups {
        let (http, permits, session) = (http.clone(), permits.clone(), session.clone());
        tasks.spawn(async move {
            let work = async {
                let _permit = permits.acquire().await.ok();
                look(&http, &session, &l, deadline).await
            };
            let looked = match tokio::time::timeout_at(deadline, work).await {
                Ok(looked) => looked,
                Err(_) => unavailable(
                    &l,
                    format!(
                        "no answer before the run's deadline ({})",
                        describe_duration(session.registries.limits.deadline)
                    ),
                ),
            };
            (l.key, looked)
        });
    }
    let mut answers = HashMap::new();
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    loop {
        tokio::select! {
            done = tasks.join_next() => match done {
                Some(Ok((key, looked))) => {
                    answers.insert(key, looked);
                }
                Some(Err(_)) => {}
                None => break,
            },
            _ = tick.tick() => {
                if crate::interrupt::interrupted() {
                    // Ctrl-C: stop asking; the run ends without a report.
                    tasks.abort_all();
                    break;
                }
            }
        }
    }
    answers
}

fn cache_key(l: &Lookup) -> String {
    let kind = match &l.what {
        What::Certificate {
            search: Some(body), ..
        } => format!("company {}", String::from_utf8_lossy(body)),
        What::Certificate { .. } => "certificate".to_string(),
        What::Star => "star".to_string(),
        What::Document => "document".to_string(),
    };
    format!("{kind}\n{}\n{}", l.registry, config::redact(&l.url))
}

async fn look(
    http: &http::Http,
    session: &Session,
    l: &Lookup,
    deadline: tokio::time::Instant,
) -> Looked {
    let limits = &session.registries.limits;
    let made = |answer: Answer, fetched_at: DateTime<Utc>, from_cache: bool| Looked {
        registry: l.registry.clone(),
        url: config::redact(&l.url),
        answer,
        fetched_at,
        from_cache,
    };
    if let (What::Document, Key::Document { sha256, .. }) = (&l.what, &l.key) {
        // Documents are kept under their hash: a cached copy that still hashes right is the
        // document, whatever its age.
        let path = session.cache.document_path(sha256);
        if let Ok(actual) = crate::evidence::load::sha256_file(&path)
            && actual == *sha256
        {
            let when = std::fs::metadata(&path)
                .and_then(|m| m.modified())
                .map(DateTime::<Utc>::from)
                .unwrap_or_else(|_| Utc::now());
            return made(Answer::Document { sha256: actual }, when, true);
        }
        if session.mode == Mode::Offline {
            return made(
                Answer::Unavailable(
                    "not in the cache (run `vendorcert fetch` online first)".into(),
                ),
                Utc::now(),
                false,
            );
        }
        let fetched_at = Utc::now();
        return match http
            .get(&l.url, None, limits.max_document_bytes, deadline)
            .await
        {
            Ok(a) if a.status == 404 || a.status == 410 => {
                made(Answer::NotFound, fetched_at, false)
            }
            Ok(a) if !(200..300).contains(&a.status) => made(
                Answer::Unavailable(format!("HTTP {}", a.status)),
                fetched_at,
                false,
            ),
            Ok(a) => {
                use sha2::Digest;
                let actual = crate::evidence::load::to_hex(&sha2::Sha256::digest(&a.body));
                if actual == *sha256 {
                    let _ = session.cache.put_document(&actual, &a.body);
                }
                made(Answer::Document { sha256: actual }, fetched_at, false)
            }
            Err(why) => made(Answer::Unavailable(why), fetched_at, false),
        };
    }
    let key = cache_key(l);
    if session.mode == Mode::Offline {
        return match session.cache.get(&key) {
            None => made(
                Answer::Unavailable(
                    "no cached answer (run `vendorcert fetch` online first)".into(),
                ),
                Utc::now(),
                false,
            ),
            Some(e) => {
                let age = (Utc::now() - e.fetched_at).to_std().unwrap_or_default();
                if age > session.max_age {
                    made(
                        Answer::Unavailable(format!(
                            "the cached answer of {} is older than the maximum age {}",
                            e.fetched_at.format("%Y-%m-%d"),
                            describe_duration(session.max_age)
                        )),
                        e.fetched_at,
                        true,
                    )
                } else {
                    made(
                        interpret(&l.what, e.status, e.body.as_bytes()),
                        e.fetched_at,
                        true,
                    )
                }
            }
        };
    }
    let (auth, body) = match &l.what {
        What::Certificate {
            key: None,
            key_env: Some(env),
            ..
        } => {
            return made(
                Answer::Unavailable(format!("no API key: set {env}")),
                Utc::now(),
                false,
            );
        }
        What::Certificate { key, search, .. } => (key.as_ref(), search.as_deref()),
        _ => (None, None),
    };
    let fetched_at = Utc::now();
    match http
        .ask(&l.url, body, auth, limits.max_response_bytes, deadline)
        .await
    {
        Ok(a) => {
            let answer = interpret(&l.what, a.status, &a.body);
            let definitive = matches!(
                answer,
                Answer::Certificate(_) | Answer::Companies(_) | Answer::Page(_) | Answer::NotFound
            );
            if definitive && let Ok(body) = std::str::from_utf8(&a.body) {
                let _ = session.cache.put(&key, a.status, body, fetched_at);
            }
            made(answer, fetched_at, false)
        }
        Err(why) => made(Answer::Unavailable(why), fetched_at, false),
    }
}

/// Reads an HTTP answer to a certificate or STAR look-up.
fn interpret(what: &What, status: u16, body: &[u8]) -> Answer {
    match status {
        404 | 410 => Answer::NotFound,
        401 | 403 => Answer::Unavailable(format!(
            "the registry refused the request (HTTP {status}): check the API key and its credit"
        )),
        200..=299 => match what {
            What::Certificate {
                kind,
                search: Some(_),
                ..
            } => match registry::parse_companies(*kind, body) {
                Ok(found) => Answer::Companies(found),
                Err(why) => Answer::Unavailable(why),
            },
            What::Certificate { kind, .. } => match registry::parse_certificate(*kind, body) {
                Ok(record) => Answer::Certificate(record),
                Err(why) => Answer::Unavailable(why),
            },
            What::Star => Answer::Page(String::from_utf8_lossy(body).into_owned()),
            What::Document => Answer::Unavailable("not a page".into()),
        },
        _ => Answer::Unavailable(format!("HTTP {status}")),
    }
}
