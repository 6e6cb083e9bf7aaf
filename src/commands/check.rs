//! `vendorcert check`: evaluates vendors and writes the report in the chosen format; `--format jsonl` streams.

use std::fs;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context;

use super::{
    emit, online_session, registry_answers, report_input_errors, run_inputs, terminal_width,
    write_atomically,
};
use crate::cli::{CheckArgs, ColorChoice, FailOn, Format};
use crate::evidence::Date;
use crate::portfolio;
use crate::report::json::JsonReport;
use crate::report::table::TableReport;
use crate::report::{self, Render};

pub fn check(args: CheckArgs) -> anyhow::Result<u8> {
    let as_of = args.run.as_of.unwrap_or_else(Date::today);
    let mut inputs = match run_inputs(&args.run)? {
        Ok(inputs) => inputs,
        Err(code) => return Ok(code),
    };
    if let Some(regime) = args.obligation {
        inputs.choice = inputs.choice.bearing_on(regime);
    }
    let (choice, waivers) = (&inputs.choice, &inputs.waivers);
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
    if args.format == Format::Jsonl {
        return check_streaming(&args, as_of, &inputs, session.as_ref());
    }
    if args.format == Format::Oscal {
        return super::oscal::check_oscal(&args, as_of, &inputs, session.as_ref());
    }
    let progress = Progress::default();
    let mut vendors = Vec::new();
    let answers = registry_answers(session.as_ref());
    let errors = portfolio::for_each_vendor(
        &portfolio::Run {
            paths: &args.run.paths,
            as_of,
            choice,
            waivers,
            index_root: inputs.root(),
            registry_answers: answers.as_deref(),
        },
        |n| progress.start(n),
        |v| v,
        |v| {
            progress.tick();
            vendors.push(v)
        },
    );
    progress.finish();
    crate::interrupt::check()?;
    let report = portfolio::RunReport {
        as_of,
        policy: choice.describe(),
        vendors,
        errors,
    };
    let to_terminal = args.output.is_none() && io::stdout().is_terminal();
    let renderer: Box<dyn Render> = match args.format {
        Format::Json | Format::Jsonl | Format::Oscal => Box::new(JsonReport),
        Format::Sarif => Box::new(crate::report::sarif::SarifReport),
        Format::Junit => Box::new(crate::report::junit::JunitReport),
        Format::Markdown => Box::new(crate::report::markdown::MarkdownReport),
        Format::Html => Box::new(crate::report::html::HtmlReport {
            facts: portfolio::matrix::gather(
                &args.run.paths,
                inputs.root(),
                choice,
                waivers,
                as_of,
            ),
        }),
        Format::Table => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            };
            Box::new(TableReport {
                color,
                width: terminal_width(to_terminal),
                verbose: args.verbose,
                show_passes: args.show_passes,
            })
        }
    };
    // The terminal report lists input errors itself; elsewhere they also go to stderr, so a CI
    // log shows file:line whatever the format.
    if args.format != Format::Table || args.output.is_some() {
        let mut err = io::stderr().lock();
        for e in report
            .errors
            .iter()
            .chain(report.vendors.iter().flat_map(|v| match v {
                portfolio::VendorOutcome::Invalid { errors, .. } => errors.as_slice(),
                _ => &[],
            }))
        {
            write!(err, "{}", crate::report::diagnostic::input_error(e))?;
        }
    }
    let mut buffer = Vec::new();
    renderer.render(&report, &mut buffer)?;
    match &args.output {
        Some(path) => write_atomically(path, &buffer)?,
        None => emit(&buffer)?,
    }
    let ids: std::collections::BTreeSet<String> =
        report.evaluated().map(|v| v.id.clone()).collect();
    super::warn_unmatched_waivers(waivers, &inputs.known_ids(ids))?;
    let code = report::exit_code(&report);
    let warned = report
        .evaluated()
        .any(|v| v.count(crate::engine::Severity::Warning) > 0);
    Ok(match (code, args.fail_on, args.exit_zero) {
        (2, _, _) => 2,
        (_, _, true) => 0,
        (0, FailOn::Warning, false) if warned => 1,
        (code, _, false) => code,
    })
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

/// `--format jsonl`: each vendor's line is written as soon as its chunk is evaluated, so memory
/// does not grow with the portfolio. With `--output`, the lines go to a temporary file renamed
/// into place at the end.
fn check_streaming(
    args: &CheckArgs,
    as_of: Date,
    inputs: &super::RunInputs,
    session: Option<&crate::online::Session>,
) -> anyhow::Result<u8> {
    let (choice, waivers) = (&inputs.choice, inputs.waivers.as_slice());
    let (mut out, tmp): (Box<dyn Write>, Option<PathBuf>) = match &args.output {
        Some(path) => {
            let (tmp, file) = crate::atomic::temporary(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            (Box::new(io::BufWriter::new(file)), Some(tmp))
        }
        None => (Box::new(io::BufWriter::new(io::stdout().lock())), None),
    };
    let (mut failed, mut warned, mut invalid) = (false, false, false);
    let mut write_error = None;
    let mut ids = std::collections::BTreeSet::new();
    let progress = Progress::default();
    let answers = registry_answers(session);
    let path_errors = portfolio::for_each_vendor(
        &portfolio::Run {
            paths: &args.run.paths,
            as_of,
            choice,
            waivers,
            index_root: inputs.root(),
            registry_answers: answers.as_deref(),
        },
        |n| progress.start(n),
        |v| {
            // Serialised on the worker threads; only the writing is in order.
            let mut line = Vec::with_capacity(16 * 1024);
            let written = crate::report::json::write_jsonl_line(&mut line, &v, as_of);
            (v, written.map(|()| line))
        },
        |(v, line)| {
            progress.tick();
            match &v {
                portfolio::VendorOutcome::Evaluated(r) => {
                    ids.insert(r.id.clone());
                    failed |= r.verdict == crate::engine::Verdict::Fail;
                    warned |= r.count(crate::engine::Severity::Warning) > 0;
                }
                portfolio::VendorOutcome::Invalid { errors, .. } => {
                    invalid = true;
                    let mut err = io::stderr().lock();
                    for e in errors {
                        let _ = write!(err, "{}", crate::report::diagnostic::input_error(e));
                    }
                }
            }
            if write_error.is_none()
                && let Err(e) = line.and_then(|line| out.write_all(&line))
            {
                write_error = Some(e);
            }
        },
    );
    progress.finish();
    if crate::interrupt::interrupted() {
        drop(out);
        if let Some(tmp) = &tmp {
            let _ = fs::remove_file(tmp);
        }
        return Err(crate::interrupt::Interrupted.into());
    }
    let flushed = out.flush();
    drop(out);
    match write_error.map_or(flushed, Err) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe && tmp.is_none() => {}
        Err(e) => {
            if let Some(tmp) = &tmp {
                let _ = fs::remove_file(tmp);
            }
            return Err(e).context("cannot write the report");
        }
        Ok(()) => {}
    }
    if let (Some(tmp), Some(path)) = (&tmp, &args.output) {
        fs::rename(tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
    }
    super::warn_unmatched_waivers(waivers, &inputs.known_ids(ids))?;
    report_input_errors(&path_errors)?;
    Ok(
        match (
            invalid || !path_errors.is_empty(),
            args.exit_zero,
            failed,
            args.fail_on,
        ) {
            (true, _, _, _) => 2,
            (false, true, _, _) => 0,
            (false, false, true, _) => 1,
            (false, false, false, FailOn::Warning) if warned => 1,
            _ => 0,
        },
    )
}
