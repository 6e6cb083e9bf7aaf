//! The registries file (`--registries FILE`): which registries answer for which certificates,
//! where STAR entries and documents are fetched, and the limits of every request.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::evidence::load::load_config;
use crate::evidence::{Diagnostic, InputError};

/// Environment variable holding the IAF CertSearch API key, unless a registry names another.
pub const IAF_KEY_ENV: &str = "VENDORCERT_IAF_API_KEY";

/// The registries file as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistriesFile {
    #[serde(default)]
    pub limits: LimitsFile,
    #[serde(default)]
    pub registry: Vec<RegistryFile>,
    pub star: Option<StarFile>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsFile {
    /// Per request, body included (e.g. `10s`).
    pub timeout: Option<String>,
    /// For the whole run (e.g. `30s`).
    pub deadline: Option<String>,
    /// Retries on 429, 5xx and connection errors.
    pub retries: Option<u32>,
    /// Requests at once.
    pub jobs: Option<usize>,
    pub max_response_bytes: Option<u64>,
    pub max_document_bytes: Option<u64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistryFile {
    /// Shown in reports: which registry answered.
    pub name: String,
    pub kind: RegistryKind,
    /// API base URL (IAF CertSearch shows it in the account's API settings).
    pub base_url: String,
    /// Environment variable holding the API key (IAF: `VENDORCERT_IAF_API_KEY` by default).
    pub api_key_env: Option<String>,
    /// Header the key is sent in (IAF: `x-http-authorization`; JSON: `authorization`).
    pub api_key_header: Option<String>,
    /// Standard families this registry is asked about (`27001`, `42001`…); default all.
    #[serde(default)]
    pub standards: Vec<String>,
}

pub use crate::evidence::registry::RegistryKind;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StarFile {
    /// Where STAR registry entry URLs are fetched from instead of their own host (a mirror).
    pub mirror: Option<String>,
}

/// A secret read from the environment: never printed, logged, cached or reported.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// One registry, ready to be asked.
#[derive(Debug, Clone)]
pub struct Registry {
    pub name: String,
    pub kind: RegistryKind,
    pub base_url: reqwest::Url,
    /// The header name and key; `None` where no key is configured.
    pub key: Option<(String, Secret)>,
    /// Name of the variable the key should come from, for the message when it is missing.
    pub key_env: Option<String>,
    pub standards: Vec<String>,
}

impl Registry {
    /// Whether this registry is asked about certificates of `standard`.
    pub fn serves(&self, standard: &str) -> bool {
        self.scope().serves(standard)
    }

    /// What rules may know of this registry.
    pub fn scope(&self) -> crate::evidence::registry::RegistryScope {
        crate::evidence::registry::RegistryScope {
            name: self.name.clone(),
            kind: self.kind,
            standards: self.standards.clone(),
        }
    }
}

/// Limits of the online run.
#[derive(Debug, Clone)]
pub struct Limits {
    pub timeout: Duration,
    pub deadline: Duration,
    pub retries: u32,
    pub jobs: usize,
    pub max_response_bytes: u64,
    pub max_document_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(10),
            deadline: Duration::from_secs(30),
            retries: 2,
            jobs: 32,
            max_response_bytes: 1024 * 1024,
            max_document_bytes: 64 * 1024 * 1024,
        }
    }
}

/// The registries configuration, validated.
#[derive(Debug, Clone, Default)]
pub struct Registries {
    pub registries: Vec<Registry>,
    pub star_mirror: Option<reqwest::Url>,
    pub limits: Limits,
    /// The file it came from, if any.
    pub file: Option<PathBuf>,
}

/// `$XDG_CONFIG_HOME/vendorcert/registries.toml`, else `~/.config/vendorcert/registries.toml`.
pub fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("vendorcert").join("registries.toml"))
}

/// A duration such as `500ms`, `10s`, `2m`, `1h` or `30d`.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (digits, unit) = s.split_at(split);
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("`{s}` is not a duration such as 500ms, 10s, 2m, 1h or 30d"))?;
    let secs = |k: u64| Duration::from_secs(n.saturating_mul(k));
    match unit {
        "ms" => Ok(Duration::from_millis(n)),
        "s" | "" => Ok(secs(1)),
        "m" => Ok(secs(60)),
        "h" => Ok(secs(3600)),
        "d" => Ok(secs(86_400)),
        _ => Err(format!(
            "`{s}` is not a duration such as 500ms, 10s, 2m, 1h or 30d"
        )),
    }
}

/// Whether `url` may be fetched: HTTPS anywhere, plain HTTP only to a loopback host.
pub fn allowed_url(url: &reqwest::Url) -> Result<(), String> {
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(url) => Ok(()),
        "http" => Err(format!(
            "{} uses plain HTTP, allowed only to loopback (use HTTPS)",
            redact(url)
        )),
        other => Err(format!(
            "{} uses `{other}`: only HTTPS is fetched",
            redact(url)
        )),
    }
}

fn is_loopback(url: &reqwest::Url) -> bool {
    url.host_str().is_some_and(|h| {
        h.eq_ignore_ascii_case("localhost")
            || h.trim_start_matches('[')
                .trim_end_matches(']')
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    })
}

/// A URL as it may be shown: without user information or query (which may carry tokens).
pub fn redact(url: &reqwest::Url) -> String {
    let mut shown = url.clone();
    let _ = shown.set_username("");
    let _ = shown.set_password(None);
    shown.set_query(None);
    shown.set_fragment(None);
    shown.to_string()
}

impl Registries {
    /// What rules may know of the configured registries.
    pub fn scopes(&self) -> Vec<crate::evidence::registry::RegistryScope> {
        self.registries.iter().map(Registry::scope).collect()
    }

    /// Reads and validates a registries file; the keys come from the environment.
    pub fn load(path: &Path) -> Result<Registries, Vec<InputError>> {
        let config = load_config::<RegistriesFile>(path, |_| Vec::new())?;
        let file = &config.value;
        let root = &config.root;
        let mut diags = Vec::new();
        let span = |p: &str| root.locate(p).span.clone();
        let mut limits = Limits::default();
        for (key, value, slot) in [
            ("timeout", &file.limits.timeout, &mut limits.timeout),
            ("deadline", &file.limits.deadline, &mut limits.deadline),
        ] {
            if let Some(v) = value {
                match parse_duration(v) {
                    Ok(d) if !d.is_zero() => *slot = d,
                    Ok(_) => diags.push(Diagnostic::at(
                        span(&format!("limits.{key}")),
                        format!("`limits.{key}` must be more than zero"),
                    )),
                    Err(e) => diags.push(Diagnostic::at(span(&format!("limits.{key}")), e)),
                }
            }
        }
        if let Some(r) = file.limits.retries {
            if r > 10 {
                diags.push(Diagnostic::at(
                    span("limits.retries"),
                    "`limits.retries` is at most 10",
                ));
            }
            limits.retries = r;
        }
        if let Some(j) = file.limits.jobs {
            if !(1..=256).contains(&j) {
                diags.push(Diagnostic::at(
                    span("limits.jobs"),
                    "`limits.jobs` is between 1 and 256",
                ));
            }
            limits.jobs = j;
        }
        for (key, value, slot) in [
            (
                "max_response_bytes",
                file.limits.max_response_bytes,
                &mut limits.max_response_bytes,
            ),
            (
                "max_document_bytes",
                file.limits.max_document_bytes,
                &mut limits.max_document_bytes,
            ),
        ] {
            if let Some(v) = value {
                if v == 0 {
                    diags.push(Diagnostic::at(
                        span(&format!("limits.{key}")),
                        format!("`limits.{key}` must be more than zero"),
                    ));
                }
                *slot = v;
            }
        }
        let mut registries = Vec::new();
        for (i, r) in file.registry.iter().enumerate() {
            if crate::evidence::text::is_placeholder(&r.name) {
                let message = if r.name.trim().is_empty() {
                    "a registry needs a name (it is shown in reports)".to_string()
                } else {
                    format!(
                        "`{}` reads as a placeholder, not a name: a registry's name is shown in \
                         every finding that rests on its answers, so it must say which registry \
                         answered",
                        r.name.trim()
                    )
                };
                diags.push(
                    Diagnostic::at(span(&format!("registry[{i}].name")), message)
                        .with_help("name it as your team knows it, e.g. `IAF CertSearch`"),
                );
            }
            if registries.iter().any(|o: &Registry| o.name == r.name) {
                diags.push(Diagnostic::at(
                    span(&format!("registry[{i}].name")),
                    format!("registry name `{}` is used twice", r.name),
                ));
            }
            let base_url = match reqwest::Url::parse(r.base_url.trim_end_matches('/')) {
                Ok(u) => match allowed_url(&u) {
                    Ok(()) => Some(u),
                    Err(e) => {
                        diags.push(Diagnostic::at(span(&format!("registry[{i}].base_url")), e));
                        None
                    }
                },
                Err(e) => {
                    diags.push(Diagnostic::at(
                        span(&format!("registry[{i}].base_url")),
                        format!("`{}` is not a URL: {e}", r.base_url),
                    ));
                    None
                }
            };
            let (default_env, default_header) = match r.kind {
                RegistryKind::IafCertsearch => (Some(IAF_KEY_ENV), "x-http-authorization"),
                RegistryKind::Json => (None, "authorization"),
            };
            let key_env = r.api_key_env.clone().or(default_env.map(String::from));
            let header = r
                .api_key_header
                .clone()
                .unwrap_or_else(|| default_header.to_string());
            if reqwest::header::HeaderName::from_bytes(header.as_bytes()).is_err() {
                diags.push(Diagnostic::at(
                    span(&format!("registry[{i}].api_key_header")),
                    format!("`{header}` is not a header name"),
                ));
            }
            let key = key_env
                .as_deref()
                .and_then(|env| std::env::var(env).ok())
                .filter(|k| !k.trim().is_empty())
                .map(|k| (header.clone(), Secret(k.trim().to_string())));
            if let Some(base_url) = base_url {
                registries.push(Registry {
                    name: r.name.clone(),
                    kind: r.kind,
                    base_url,
                    key,
                    key_env,
                    standards: r.standards.clone(),
                });
            }
        }
        let star_mirror = match file.star.as_ref().and_then(|s| s.mirror.as_deref()) {
            None => None,
            Some(m) => match reqwest::Url::parse(m)
                .map_err(|e| e.to_string())
                .and_then(|u| {
                    allowed_url(&u)?;
                    Ok(u)
                }) {
                Ok(u) => Some(u),
                Err(e) => {
                    diags.push(Diagnostic::at(span("star.mirror"), e));
                    None
                }
            },
        };
        if !diags.is_empty() {
            return Err(config.locate(diags));
        }
        Ok(Registries {
            registries,
            star_mirror,
            limits,
            file: Some(path.to_path_buf()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("10s"), Ok(Duration::from_secs(10)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("30d"), Ok(Duration::from_secs(30 * 86_400)));
        assert!(parse_duration("ten").is_err());
        assert!(parse_duration("5y").is_err());
    }

    #[test]
    fn only_https_or_loopback_http() {
        let ok = |u: &str| allowed_url(&reqwest::Url::parse(u).unwrap());
        assert!(ok("https://registry.example/api").is_ok());
        assert!(ok("http://127.0.0.1:8080/").is_ok());
        assert!(ok("http://localhost/").is_ok());
        assert!(ok("http://[::1]:9/").is_ok());
        assert!(ok("http://registry.example/").is_err());
        assert!(ok("ftp://registry.example/").is_err());
    }

    #[test]
    fn secrets_do_not_print() {
        let s = Secret("hunter2".into());
        assert_eq!(format!("{s:?}"), "Secret(***)");
        let url = reqwest::Url::parse("https://u:p@r.example/x?key=abc#f").unwrap();
        assert_eq!(redact(&url), "https://r.example/x");
    }
}
