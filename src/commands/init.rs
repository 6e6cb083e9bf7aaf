//! `vendorcert init`: a commented evidence template for a new vendor.

use std::fs;
use std::path::Path;

use anyhow::Context;

use super::write_atomically;

pub fn init(dir: &Path, name: Option<&str>, ai: bool, schema: Option<&Path>) -> anyhow::Result<u8> {
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
    // The schema goes beside the vendor folder (one for the portfolio), unless a path is given.
    let schema_file = match schema {
        Some(path) => path.to_path_buf(),
        None => std::path::absolute(dir)
            .with_context(|| format!("cannot resolve {}", dir.display()))?
            .parent()
            .map(|p| p.join(SCHEMA_FILE))
            .unwrap_or_else(|| dir.join(SCHEMA_FILE)),
    };
    write_atomically(&schema_file, super::evidence_schema().as_bytes())?;
    let reference = relative_reference(dir, &schema_file)?;
    write_atomically(
        &file,
        crate::template::vendor_template(&name, &reference, ai).as_bytes(),
    )?;
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

/// The schema file `init` writes beside the vendor folder.
pub const SCHEMA_FILE: &str = "evidence.schema.json";

/// `target` as a `#:schema` reference from inside `dir`: a relative path with `/` separators
/// (`../evidence.schema.json`), or the absolute path where no relative one exists.
fn relative_reference(dir: &Path, target: &Path) -> anyhow::Result<String> {
    use std::path::Component;
    let from = std::path::absolute(dir)?;
    let to = std::path::absolute(target)?;
    fn norm(p: &Path) -> Vec<Component<'_>> {
        let mut out: Vec<Component<'_>> = Vec::new();
        for c in p.components() {
            match c {
                Component::CurDir => {}
                Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                    out.pop();
                }
                other => out.push(other),
            }
        }
        out
    }
    let (from, to) = (norm(&from), norm(&to));
    if from.first() != to.first() {
        return Ok(to_slashes(target));
    }
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    if parts.is_empty() {
        parts.push(".".to_string());
    }
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    Ok(parts.join("/"))
}

fn to_slashes(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}
