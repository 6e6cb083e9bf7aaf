//! `vendorcert init`: a commented evidence template for a new vendor.

use std::fs;
use std::path::Path;

use anyhow::Context;

use super::write_atomically;

pub fn init(dir: &Path, name: Option<&str>) -> anyhow::Result<u8> {
    let name = match name {
        Some(n) => n.to_string(),
        None => dir
            .file_name()
            .map(|n| {
                n.to_string_lossy()
                    .split(['-', '_', ' '])
                    .filter(|w| !w.is_empty())
                    .map(|w| w[..1].to_uppercase() + &w[1..])
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_else(|| "Vendor".to_string()),
    };
    for existing in crate::evidence::EVIDENCE_FILE_NAMES {
        if dir.join(existing).exists() {
            eprintln!(
                "error: {} already exists; not overwriting it",
                dir.join(existing).display()
            );
            return Ok(2);
        }
    }
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let file = dir.join("vendor.toml");
    write_atomically(&file, crate::template::vendor_template(&name).as_bytes())?;
    eprintln!(
        "wrote {} — fill it in from the vendor's documents, then run `vendorcert check {}`",
        file.display(),
        dir.display()
    );
    Ok(0)
}

/// `init --portfolio DIR`: writes a commented `vendorcert.toml` into DIR (created if needed),
/// which makes DIR a portfolio root.
pub fn init_portfolio(dir: &Path) -> anyhow::Result<u8> {
    let file = dir.join(super::config::FILE_NAME);
    if file.exists() {
        eprintln!(
            "error: {} already exists; not overwriting it",
            file.display()
        );
        return Ok(2);
    }
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    write_atomically(&file, super::config::template().as_bytes())?;
    eprintln!(
        "wrote {} — add vendor folders with `vendorcert init {}/VENDOR`, then run \
         `vendorcert check {}`",
        file.display(),
        dir.display(),
        dir.display()
    );
    Ok(0)
}
