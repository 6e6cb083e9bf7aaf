//! `vendorcert fetch`: every look-up of a portfolio made online, the answers kept in the cache.

use std::io::Write;

use super::{emit, online_session, report_input_errors};
use crate::cli::FetchArgs;
use crate::portfolio;

/// `vendorcert fetch`: every look-up of a portfolio made online, answers kept in the cache.
pub fn fetch(args: FetchArgs) -> anyhow::Result<u8> {
    // The registries file: --registries, else the portfolio settings' `registries`, as for
    // `check --online`.
    let mut registry = args.registry.clone();
    if registry.registries.is_none() {
        let config = match super::run_config(&args.paths, args.config.as_deref(), args.no_config)? {
            Ok(config) => config,
            Err(code) => return Ok(code),
        };
        registry.registries = config.and_then(|c| c.registries);
    }
    let session = match online_session(
        &registry,
        crate::online::Mode::Online,
        std::time::Duration::MAX,
    )? {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let (files, errors) = portfolio::discover(&args.paths);
    if !errors.is_empty() {
        return report_input_errors(&errors);
    }
    let facts = crate::online::answers_for(&files, &session);
    crate::interrupt::check()?;
    let mut looked: Vec<(&crate::online::Key, &crate::online::Looked)> =
        facts.answers.iter().collect();
    looked.sort_by(|a, b| a.0.cmp(b.0));
    let mut buffer = Vec::new();
    let mut unavailable = 0;
    for (key, l) in &looked {
        let what = match key {
            crate::online::Key::Certificate { id, .. } => format!("certificate {id}"),
            crate::online::Key::Company { name, country, .. } => {
                format!("company search `{name}` ({country})")
            }
            crate::online::Key::Star { url } => format!("STAR entry {url}"),
            crate::online::Key::Document { url, .. } => format!("document {url}"),
        };
        let note = l.note();
        if matches!(l.answer, crate::online::Answer::Unavailable(_)) {
            unavailable += 1;
        }
        writeln!(
            buffer,
            "{}\t{what}\t{}{}",
            l.registry,
            note.answer,
            if l.from_cache { " (cached)" } else { "" }
        )?;
    }
    writeln!(
        buffer,
        "{}: {} answered, {unavailable} unavailable; cache: {}",
        crate::rules::plural_pub(looked.len(), "look-up"),
        looked.len() - unavailable,
        session.cache.dir.display()
    )?;
    if args.write_ids {
        for file in &files {
            write_ids(file, &facts, &mut buffer)?;
        }
    }
    emit(&buffer)?;
    Ok(if unavailable > 0 { 1 } else { 0 })
}

/// `--write-ids`: for each certificate of `file` that a company search found unambiguously, its
/// IAF id goes into `verification.reference`. JSON evidence is not rewritten (its layout would
/// be lost): the id to add is printed instead.
fn write_ids(
    file: &std::path::Path,
    facts: &crate::online::Facts,
    out: &mut Vec<u8>,
) -> anyhow::Result<()> {
    use crate::evidence::edit::{Written, iaf_url, set_iaf_reference};
    use crate::evidence::registry::{CertLookup, CompanyMatch, match_company};
    let Ok(vendor) = crate::evidence::load_vendor(file) else {
        return Ok(());
    };
    let mut found: Vec<(usize, String)> = Vec::new();
    for (i, cert) in vendor.evidence.iso.iter().enumerate() {
        let answers = facts.certificate(cert, &vendor.evidence.vendor);
        for (how, l) in &answers.answers {
            if let (CertLookup::Company { name, .. }, crate::online::Answer::Companies(list)) =
                (how, &l.answer)
                && let CompanyMatch::Found { record, .. } = match_company(list, name, cert)
                && let Some(id) = &record.registry_id
            {
                found.push((i, id.clone()));
                break;
            }
        }
    }
    if found.is_empty() {
        return Ok(());
    }
    let is_toml = file.extension().is_some_and(|e| e == "toml");
    if !is_toml {
        for (i, id) in &found {
            writeln!(
                out,
                "{}: iso[{i}]: add {} to `verification.reference` (JSON evidence is not rewritten)",
                file.display(),
                iaf_url(id)
            )?;
        }
        return Ok(());
    }
    let mut text = vendor.text.clone();
    let mut changed = false;
    for (i, id) in &found {
        match set_iaf_reference(&text, *i, id) {
            Ok((edited, Written::Written(reference))) => {
                text = edited;
                changed = true;
                writeln!(
                    out,
                    "{}: iso[{i}]: verification.reference = \"{reference}\"",
                    file.display()
                )?;
            }
            Ok((_, Written::Already)) => {}
            Ok((_, Written::NoVerification)) => writeln!(
                out,
                "{}: iso[{i}]: no `verification` to hold the id; record one with reference = \"{}\"",
                file.display(),
                iaf_url(id)
            )?,
            Err(why) => writeln!(out, "{}: {why}", file.display())?,
        }
    }
    if changed {
        super::write_atomically(file, text.as_bytes())?;
    }
    Ok(())
}
