//! The on-disk cache of registry answers and fetched documents.
//!
//! Answers are kept per look-up with their fetch time, in files written atomically (a temporary
//! file renamed into place). A file that cannot be read, does not parse, or is not the answer to
//! the look-up it is named after is ignored (and refetched online), never trusted. Documents are
//! kept under their SHA-256 and re-hashed whenever they are used. No API key is ever written.

use std::fs;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::evidence::load::to_hex;

const VERSION: u32 = 1;

/// Largest cache file read back.
const MAX_ENTRY_BYTES: u64 = 8 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct Cache {
    pub dir: PathBuf,
}

/// One cached answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub version: u32,
    /// The look-up it answers (see [`super::Key::describe`]).
    pub key: String,
    pub fetched_at: DateTime<Utc>,
    pub status: u16,
    pub body: String,
}

/// `$XDG_CACHE_HOME/vendorcert`, else `~/.cache/vendorcert`.
pub fn default_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("vendorcert"))
}

fn digest(text: &str) -> String {
    to_hex(&Sha256::digest(text.as_bytes()))
}

impl Cache {
    fn answer_path(&self, key: &str) -> PathBuf {
        self.dir
            .join("answers")
            .join(format!("{}.json", digest(key)))
    }

    pub fn document_path(&self, sha256: &str) -> PathBuf {
        self.dir.join("documents").join(sha256)
    }

    /// The cached answer to `key`, if there is a sound one.
    pub fn get(&self, key: &str) -> Option<Entry> {
        let path = self.answer_path(key);
        let file = fs::File::open(&path).ok()?;
        let mut text = String::new();
        use std::io::Read;
        file.take(MAX_ENTRY_BYTES).read_to_string(&mut text).ok()?;
        let entry: Entry = serde_json::from_str(&text).ok()?;
        (entry.version == VERSION && entry.key == key && entry.fetched_at <= Utc::now())
            .then_some(entry)
    }

    /// Stores an answer atomically.
    pub fn put(
        &self,
        key: &str,
        status: u16,
        body: &str,
        fetched_at: DateTime<Utc>,
    ) -> std::io::Result<()> {
        let entry = Entry {
            version: VERSION,
            key: key.to_string(),
            fetched_at,
            status,
            body: body.to_string(),
        };
        let bytes = serde_json::to_vec_pretty(&entry).map_err(std::io::Error::other)?;
        crate::atomic::write(&self.answer_path(key), &bytes)
    }

    /// Stores a document under its hash.
    pub fn put_document(&self, sha256: &str, bytes: &[u8]) -> std::io::Result<()> {
        crate::atomic::write(&self.document_path(sha256), bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_corrupt_or_foreign_entry_is_not_trusted() {
        let dir = tempfile::TempDir::new().unwrap();
        let cache = Cache {
            dir: dir.path().to_path_buf(),
        };
        let now = Utc::now();
        cache.put("k1", 200, "{}", now).unwrap();
        assert_eq!(cache.get("k1").unwrap().body, "{}");
        assert!(cache.get("k2").is_none());
        // Corrupt: truncated JSON.
        fs::write(cache.answer_path("k1"), "{\"version\": 1, \"key\"").unwrap();
        assert!(cache.get("k1").is_none());
        // Another look-up's answer under this one's name.
        let other = fs::read(cache.answer_path("k1")).unwrap_or_default();
        drop(other);
        cache.put("k3", 200, "{}", now).unwrap();
        fs::copy(cache.answer_path("k3"), cache.answer_path("k1")).unwrap();
        assert!(cache.get("k1").is_none());
        // From the future.
        cache
            .put("k4", 200, "{}", now + chrono::Duration::days(2))
            .unwrap();
        assert!(cache.get("k4").is_none());
    }
}
