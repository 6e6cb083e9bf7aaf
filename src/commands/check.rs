//! `vendorcert check`: evaluates vendors and writes the report in the chosen format as they are
//! evaluated: every format streams.

use std::fs;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context;

use super::{online_session, registry_answers, report_input_errors, run_inputs, terminal_width};
use crate::cli::{CheckArgs, ColorChoice, FailOn, Format};
use crate::evidence::Date;
use crate::portfolio;
use crate::report::html::HtmlReport;
use crate::report::json::{JsonReport, JsonlReport};
use crate::report::junit::JunitStream;
use crate::report::markdown::MarkdownReport;
use crate::report::oscal::OscalReport;
use crate::report::sarif::SarifReport;
use crate::report::table::TableReport;
use crate::report::{self, Streamed};

pub fn check(args: CheckArgs) -> anyhow::Result<u8> {
    let as_of = args.run.as_of.unwrap_or_else(Date::today);
    let mut inputs = match run_inputs(&args.run)? {
        Ok(inputs) => inputs,
        Err(code) => return Ok(code),
    };
    if let Some(regime) = args.obligation {
        inputs.choice = inputs.choice.bearing_on(regime);
    }
    let mode = match (args.online.online, args.online.offline) {
        (true, _) => Some(crate::online::Mode::Online),
        (_, true) => Some(crate::online::Mode::Offline),
        _ => None,
    };
    let mut registry = args.online.registry.clone();
    if registry.registries.is_none() && mode.is_some() {
        registry.registries = inputs.config.as_ref().and_then(|c| c.registries.clone());
    }
    let session = match mode {
        None if args.online.registry.registries.is_some() => {
            anyhow::bail!("--registries is read only with --online or --offline");
        }
        None => None,
        Some(mode) => match online_session(&registry, mode, args.online.max_age)? {
            Ok(session) => Some(session),
            Err(code) => return Ok(code),
        },
    };
    let to_terminal = args.output.is_none() && io::stdout().is_terminal();
    let session = session.as_ref();
    match args.format {
        Format::Jsonl => {
            check_streamed(&args, as_of, &inputs, session, |_, _| JsonlReport { as_of })
        }
        Format::Json => check_streamed(&args, as_of, &inputs, session, |vendors, file| {
            JsonReport::into_file(file, vendors, as_of, inputs.choice.describe())
        }),
        Format::Sarif => check_streamed(&args, as_of, &inputs, session, |_, _| SarifReport),
        Format::Junit => check_streamed(&args, as_of, &inputs, session, |_, _| {
            JunitStream::new(as_of)
        }),
        Format::Oscal => {
            check_streamed(&args, as_of, &inputs, session, |_, _| OscalReport { as_of })
        }
        Format::Markdown => check_streamed(&args, as_of, &inputs, session, |_, _| MarkdownReport),
        Format::Html => check_streamed(&args, as_of, &inputs, session, |_, _| {
            HtmlReport::new(as_of)
        }),
        Format::Table => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            };
            let width = terminal_width(to_terminal);
            check_streamed(&args, as_of, &inputs, session, |vendors, _| TableReport {
                color,
                width,
                verbose: args.verbose,
                show_passes: args.show_passes,
                // Concise for a run of several vendors (counted before the first is read).
                concise: args.concise || (!args.full && vendors > 1),
            })
        }
    }
}

/// A progress bar on stderr for long runs, shown only when stderr is a terminal.
#[derive(Default)]
struct Progress(std::cell::RefCell<Option<indicatif::ProgressBar>>);

impl Progress {
    fn start(&self, total: usize) {
        if total >= 500 && io::stderr().is_terminal() {
            let bar = indicatif::ProgressBar::new(total as u64);
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} vendors {elapsed}")
            {
                bar.set_style(style);
            }
            *self.0.borrow_mut() = Some(bar);
        }
    }

    fn tick(&self) {
        if let Some(bar) = self.0.borrow().as_ref() {
            bar.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(bar) = self.0.borrow_mut().take() {
            bar.finish_and_clear();
        }
    }
}

/// Evaluates the run and writes the report as vendors are evaluated, in path order: nothing
/// grows with the portfolio but what the format itself must gather (see [`Streamed`]). With
/// `--output`, the report goes to a temporary file renamed into place at the end. The format is
/// made by `format` once the run's vendors are counted (before the first is evaluated), given
/// their number and, with `--output`, a second handle on the new file the report is written
/// through (a format may write into it where it has written before: see [`JsonReport`]).
fn check_streamed<S: Streamed + Send>(
    args: &CheckArgs,
    as_of: Date,
    inputs: &super::RunInputs,
    session: Option<&crate::online::Session>,
    format: impl FnOnce(usize, Option<fs::File>) -> S,
) -> anyhow::Result<u8> {
    let make = format;
    let format: std::sync::OnceLock<S> = std::sync::OnceLock::new();
    let made = || {
        format
            .get()
            .expect("the vendors are counted before the first is evaluated")
    };
    let (choice, waivers) = (&inputs.choice, inputs.waivers.as_slice());
    let (mut out, tmp, report_file): (Box<dyn Write>, Option<PathBuf>, Option<fs::File>) =
        match &args.output {
            Some(path) => {
                let (tmp, file) = crate::atomic::temporary(path)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                let again = file.try_clone().ok();
                (
                    Box::new(io::BufWriter::with_capacity(256 * 1024, file)),
                    Some(tmp),
                    again,
                )
            }
            None => (
                Box::new(io::BufWriter::with_capacity(
                    256 * 1024,
                    io::stdout().lock(),
                )),
                None,
                None,
            ),
        };
    // `jsonl` reports an invalid evidence file on stderr as soon as it is read; the other
    // formats list input errors on stderr before the report, the problems with the paths
    // first (the terminal report lists them itself, unless it goes to a file).
    let jsonl = args.format == Format::Jsonl;
    let errors_to_stderr = args.format != Format::Table || args.output.is_some();
    let mut invalid_diagnostics = String::new();
    let mut totals = report::Totals::default();
    let mut warned = false;
    let mut write_error: Option<io::Error> = None;
    let mut sink: Option<S::Sink> = None;
    let mut ids = std::collections::BTreeSet::new();
    let progress = Progress::default();
    let answers = registry_answers(session);
    let path_errors = portfolio::for_each_vendor_at(
        &portfolio::Run {
            paths: &args.run.paths,
            as_of,
            choice,
            waivers,
            index_root: inputs.root(),
            registry_answers: answers.as_deref(),
            positions: crate::engine::Positions::Found,
        },
        S::KEEPS_JUDGED,
        |n| {
            progress.start(n);
            let _ = format.set(make(n, report_file));
        },
        |position, v, loaded| {
            // Rendered on the worker threads, where the vendor's findings are also dropped:
            // only the piece and what the run counts cross to the writing thread, in order.
            let piece = made().piece(position, &v, loaded);
            let totals = report::Totals::of(&v);
            let seen = match v {
                portfolio::VendorOutcome::Evaluated(r) => Seen {
                    totals,
                    warned: r.count(crate::engine::Severity::Warning) > 0,
                    id: Some(r.id),
                    errors: Vec::new(),
                },
                portfolio::VendorOutcome::Invalid { errors, .. } => Seen {
                    totals,
                    id: None,
                    warned: false,
                    errors,
                },
            };
            (seen, piece)
        },
        |(seen, piece)| {
            progress.tick();
            totals.merge(seen.totals);
            ids.extend(seen.id);
            warned |= seen.warned;
            if jsonl {
                let mut err = io::stderr().lock();
                for e in &seen.errors {
                    let _ = write!(err, "{}", crate::report::diagnostic::input_error(e));
                }
            } else if errors_to_stderr {
                for e in &seen.errors {
                    invalid_diagnostics
                        .push_str(&crate::report::diagnostic::input_error(e).to_string());
                }
            }
            if write_error.is_none()
                && let Err(e) =
                    made().take(sink.get_or_insert_with(|| made().sink()), piece, &mut out)
            {
                write_error = Some(e);
            }
        },
    );
    progress.finish();
    let discard = |tmp: &Option<PathBuf>| {
        if let Some(tmp) = tmp {
            let _ = fs::remove_file(tmp);
        }
    };
    if crate::interrupt::interrupted() {
        drop(out);
        discard(&tmp);
        return Err(crate::interrupt::Interrupted.into());
    }
    if !jsonl && errors_to_stderr {
        let mut err = io::stderr().lock();
        for e in &path_errors {
            write!(err, "{}", crate::report::diagnostic::input_error(e))?;
        }
        err.write_all(invalid_diagnostics.as_bytes())?;
    }
    let end = report::RunEnd {
        as_of,
        policy: &choice.describe(),
        totals,
        errors: &path_errors,
    };
    let written = match write_error {
        Some(e) => Err(e),
        None => made()
            .finish(sink.unwrap_or_else(|| made().sink()), &end, &mut out)
            .and_then(|()| out.flush()),
    };
    drop(out);
    match written {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe && tmp.is_none() => {}
        Err(e) => {
            discard(&tmp);
            return Err(e).context("cannot write the report");
        }
        Ok(()) => {}
    }
    if let (Some(tmp), Some(path)) = (&tmp, &args.output) {
        fs::rename(tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
    }
    super::warn_unmatched_waivers(waivers, &inputs.known_ids(ids, waivers))?;
    if jsonl {
        report_input_errors(&path_errors)?;
    }
    let code = totals.exit_code(path_errors.len());
    Ok(match (code, args.fail_on, args.exit_zero) {
        (2, _, _) => 2,
        (_, _, true) => 0,
        (0, FailOn::Warning, false) if warned => 1,
        (code, _, false) => code,
    })
}

/// What `check` keeps of a vendor once its piece of the report is rendered: the counts, its id
/// (for the waivers that match no vendor), whether it warned, and its input errors.
struct Seen {
    totals: report::Totals,
    id: Option<String>,
    warned: bool,
    errors: Vec<crate::evidence::InputError>,
}
