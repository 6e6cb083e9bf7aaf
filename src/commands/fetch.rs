//! `vendorcert fetch`: every look-up of a portfolio made online, the answers kept in the cache.

use std::io::Write;

use super::{emit, online_session, report_input_errors};
use crate::cli::FetchArgs;
use crate::portfolio;

/// `vendorcert fetch`: every look-up of a portfolio made online, answers kept in the cache.
pub fn fetch(args: FetchArgs) -> anyhow::Result<u8> {
    let session = match online_session(
        &args.registry,
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
        "{} look-ups: {} answered, {unavailable} unavailable; cache: {}",
        looked.len(),
        looked.len() - unavailable,
        session.cache.dir.display()
    )?;
    emit(&buffer)?;
    Ok(if unavailable > 0 { 1 } else { 0 })
}
