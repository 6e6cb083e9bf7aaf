//! The floor under a portfolio run: find the evidence files as `check` finds them, read them,
//! and parse them, on the same thread pool, and do nothing else. `bench/run.sh` prints every
//! figure as a multiple of it, so that a busy machine, which slows both alike, cannot hide a
//! regression.
//!
//! ```sh
//! cargo build --release --example floor
//! target/release/examples/floor MODE PATH...
//! ```
//!
//! MODE is how far each file is taken:
//!
//! - `walk`: found and read, not parsed;
//! - `untyped`: parsed to untyped values (`toml::Table`, `serde_json::Value`), no positions;
//! - `typed`: parsed as the loader parses, keeping each value's position (vendorcert's `Node`
//!   tree), then decoded into the typed evidence model;
//! - `load`: the loader's whole work (`load_vendor`): `typed`, then validation and the cited
//!   documents' hashes.
//!
//! Prints the files found, those parsed, and the wall time in seconds.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use rayon::prelude::*;
use vendorcert::evidence::load::{decode_evidence, read_found_text};
use vendorcert::evidence::node::{parse_json, parse_toml};

fn is_json(file: &Path) -> bool {
    file.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

fn parsed(mode: &str, file: &Path) -> bool {
    let Ok(text) = read_found_text(file) else {
        return false;
    };
    match mode {
        "walk" => !text.is_empty(),
        "untyped" if is_json(file) => serde_json::from_str::<serde_json::Value>(&text).is_ok(),
        "untyped" => toml::from_str::<toml::Table>(&text).is_ok(),
        "typed" => {
            let root = if is_json(file) {
                parse_json(&text)
            } else {
                parse_toml(&text)
            };
            root.is_ok_and(|root| decode_evidence(&root).is_ok())
        }
        _ => vendorcert::evidence::load::parse_vendor_text(file, text).is_ok(),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((mode, paths)) = args.split_first() else {
        eprintln!("usage: floor walk|untyped|typed|load PATH...");
        return ExitCode::from(2);
    };
    if !["walk", "untyped", "typed", "load"].contains(&mode.as_str()) || paths.is_empty() {
        eprintln!("usage: floor walk|untyped|typed|load PATH...");
        return ExitCode::from(2);
    }
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let start = Instant::now();
    let (files, _) = vendorcert::portfolio::discover(&paths);
    let ok = files.par_iter().filter(|f| parsed(mode, f)).count();
    println!(
        "{mode}: {} files, {ok} parsed, {:.3} s",
        files.len(),
        start.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}
