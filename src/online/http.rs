//! One HTTP client for every online look-up: HTTPS only (plain HTTP to loopback), redirects only
//! within the same origin, a timeout per request, retries with backoff on 429 and 5xx honouring
//! `Retry-After`, and a cap on the size of every answer. `HTTPS_PROXY` / `NO_PROXY` are honoured
//! (reqwest reads them).

use std::time::Duration;

use tokio::time::Instant;

use super::config::{Limits, Secret, allowed_url, redact};

/// An answer read in full, within the size cap.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
}

pub struct Http {
    client: reqwest::Client,
    limits: Limits,
}

/// Longest wait for one `Retry-After`; a registry asking for more is treated as unavailable.
const MAX_RETRY_WAIT: Duration = Duration::from_secs(30);

fn same_origin(a: &reqwest::Url, b: &reqwest::Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str() == b.host_str()
        && a.port_or_known_default() == b.port_or_known_default()
}

impl Http {
    pub fn new(limits: &Limits) -> Result<Http, String> {
        let policy = reqwest::redirect::Policy::custom(|attempt| {
            if attempt.previous().len() > 5 {
                return attempt.error("more than 5 redirects");
            }
            let same = attempt
                .previous()
                .first()
                .is_some_and(|first| same_origin(first, attempt.url()));
            if same && allowed_url(attempt.url()).is_ok() {
                attempt.follow()
            } else {
                // The 3xx answer itself comes back, and is refused below.
                attempt.stop()
            }
        });
        let client = reqwest::Client::builder()
            .redirect(policy)
            .timeout(limits.timeout)
            .connect_timeout(limits.timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("vendorcert/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("cannot start the HTTP client: {e}"))?;
        Ok(Http {
            client,
            limits: limits.clone(),
        })
    }

    /// GETs `url`, retrying 429, 5xx and connection failures while `deadline` allows. Any answer
    /// other than a final 2xx or 4xx is an error message saying what happened (never the key).
    pub async fn get(
        &self,
        url: &reqwest::Url,
        key: Option<&(String, Secret)>,
        max_bytes: u64,
        deadline: Instant,
    ) -> Result<Answer, String> {
        self.ask(url, None, key, max_bytes, deadline).await
    }

    /// As [`Http::get`], but POSTs the JSON `body` when one is given (a company search).
    pub async fn ask(
        &self,
        url: &reqwest::Url,
        body: Option<&[u8]>,
        key: Option<&(String, Secret)>,
        max_bytes: u64,
        deadline: Instant,
    ) -> Result<Answer, String> {
        allowed_url(url)?;
        let mut attempt = 0u32;
        loop {
            let (outcome, retry_after) = self.once(url, body, key, max_bytes).await;
            let retryable = match &outcome {
                Ok(a) => a.status == 429 || a.status >= 500,
                Err(Failure::Connect(_)) => true,
                Err(_) => false,
            };
            let wait = retry_after.unwrap_or_else(|| Duration::from_millis(250 << attempt.min(6)));
            if retryable
                && attempt < self.limits.retries
                && wait <= MAX_RETRY_WAIT
                && Instant::now() + wait < deadline
            {
                tokio::time::sleep(wait).await;
                attempt += 1;
                continue;
            }
            let tries = match attempt {
                0 => String::new(),
                1 => " after 1 retry".to_string(),
                n => format!(" after {n} retries"),
            };
            return match outcome {
                Ok(a) if a.status == 429 => Err(format!("rate limited (HTTP 429){tries}")),
                Ok(a) if a.status >= 500 => Err(format!("HTTP {}{tries}", a.status)),
                Ok(a) if (300..400).contains(&a.status) => Err(format!(
                    "redirected (HTTP {}) to another host or to plain HTTP: not followed",
                    a.status
                )),
                Ok(a) if a.status < 200 => Err(format!("unexpected HTTP {}", a.status)),
                Ok(a) => Ok(a),
                Err(Failure::Connect(e) | Failure::Other(e)) => Err(format!("{e}{tries}")),
            };
        }
    }

    async fn once(
        &self,
        url: &reqwest::Url,
        body: Option<&[u8]>,
        key: Option<&(String, Secret)>,
        max_bytes: u64,
    ) -> (Result<Answer, Failure>, Option<Duration>) {
        let request = match body {
            Some(body) => self
                .client
                .post(url.clone())
                .header("content-type", "application/json")
                .body(body.to_vec()),
            None => self.client.get(url.clone()),
        };
        let mut request = request.header("accept", "application/json, text/html;q=0.9, */*;q=0.8");
        if let Some((header, secret)) = key {
            let mut value = match reqwest::header::HeaderValue::from_str(secret.expose()) {
                Ok(v) => v,
                Err(_) => {
                    return (
                        Err(Failure::Other(
                            "the API key holds characters a header cannot carry".into(),
                        )),
                        None,
                    );
                }
            };
            value.set_sensitive(true);
            request = request.header(header.as_str(), value);
        }
        let mut response = match request.send().await {
            Ok(r) => r,
            Err(e) => return (Err(Failure::of(e, &self.limits, url)), None),
        };
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        if response.content_length().is_some_and(|n| n > max_bytes) {
            return (
                Err(Failure::Other(format!(
                    "answer larger than the {max_bytes}-byte limit"
                ))),
                None,
            );
        }
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() as u64 + chunk.len() as u64 > max_bytes {
                        return (
                            Err(Failure::Other(format!(
                                "answer larger than the {max_bytes}-byte limit"
                            ))),
                            None,
                        );
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => return (Err(Failure::of(e, &self.limits, url)), None),
            }
        }
        (Ok(Answer { status, body }), retry_after)
    }
}

enum Failure {
    /// No connection could be made: worth a retry.
    Connect(String),
    Other(String),
}

impl Failure {
    fn of(e: reqwest::Error, limits: &Limits, url: &reqwest::Url) -> Failure {
        let host = redact(url);
        if e.is_timeout() {
            Failure::Other(format!(
                "no complete answer from {host} within {}",
                super::describe_duration(limits.timeout)
            ))
        } else if e.is_connect() {
            Failure::Connect(format!("cannot connect to {host}"))
        } else if e.is_redirect() {
            Failure::Other(format!("too many redirects from {host}"))
        } else {
            Failure::Other(format!("request to {host} failed: {}", e.without_url()))
        }
    }
}
