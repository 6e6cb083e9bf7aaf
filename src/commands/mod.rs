//! The body of each subcommand, one module per command: each turns parsed arguments
//! ([`crate::cli`]) into a run and an exit code. This and `online/` are the only layers that
//! know the network exists; the rest of the crate sees registry answers as evidence.

pub mod check;
pub mod config;
pub mod diff;
pub mod draft;
pub mod expiring;
pub mod fetch;
pub mod init;
pub mod man;
pub mod policy;
pub mod questions;
pub mod summary;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::cli::{Cli, Command, PolicyCommand, RegistryArgs, RulesFormat, RunArgs};
use crate::policy::PolicyChoice;
use crate::rules::RULES;

/// Runs a command; the result is the process exit code.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Check(args) => check::check(args),
        Command::Rules { format, maps_to } => {
            let mut buffer = Vec::new();
            match format {
                RulesFormat::Table => crate::report::rules_doc::rules_table(&mut buffer, maps_to)?,
                RulesFormat::Json => crate::report::rules_doc::rules_json(&mut buffer, maps_to)?,
            }
            emit(&buffer)?;
            Ok(0)
        }
        Command::Explain { rule } => {
            let Some(found) = crate::rules::find(&rule) else {
                let mut err = io::stderr().lock();
                writeln!(err, "error: no rule `{rule}`")?;
                let mut near: Vec<(f64, &str)> = RULES
                    .iter()
                    .map(|r| (strsim::jaro_winkler(&rule.to_uppercase(), r.id), r.id))
                    .collect();
                near.sort_by(|a, b| b.0.total_cmp(&a.0));
                let near: Vec<&str> = near.iter().take(3).map(|(_, id)| *id).collect();
                writeln!(
                    err,
                    "  help: the nearest rule ids are {}; `vendorcert rules` lists them all",
                    near.join(", ")
                )?;
                return Ok(2);
            };
            let mut buffer = Vec::new();
            crate::report::rules_doc::explain(found, &mut buffer)?;
            emit(&buffer)?;
            Ok(0)
        }
        Command::Policy(PolicyCommand::Show { policy }) => policy::policy_show(&policy),
        Command::Init {
            dir,
            portfolio: true,
            ..
        } => init::init_portfolio(&dir),
        Command::Init {
            dir,
            name,
            ai,
            schema,
            ..
        } => init::init(&dir, name.as_deref(), ai, schema.as_deref()),
        Command::Schema { output } => {
            match output {
                Some(file) => write_atomically(&file, evidence_schema().as_bytes())?,
                None => emit(evidence_schema().as_bytes())?,
            }
            Ok(0)
        }
        Command::Completions { shell } => {
            emit(completions(shell).as_bytes())?;
            Ok(0)
        }
        Command::Man { command, out_dir } => {
            if let Some(dir) = out_dir {
                std::fs::create_dir_all(&dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
                for (file, text) in man::pages()? {
                    write_atomically(&dir.join(file), text.as_bytes())?;
                }
                return Ok(0);
            }
            match man::page(&command)? {
                Some(text) => {
                    emit(text.as_bytes())?;
                    Ok(0)
                }
                None => {
                    eprintln!(
                        "error: no subcommand `{}`; `vendorcert --help` lists them",
                        command.join(" ")
                    );
                    Ok(2)
                }
            }
        }
        Command::Questions(args) => questions::questions(args),
        Command::Summary(args) => summary::summary(args),
        Command::Expiring(args) => expiring::expiring(args),
        Command::Diff(args) => diff::diff(args),
        Command::Fetch(args) => fetch::fetch(args),
        Command::Draft(args) => draft::draft(args),
    }
}

/// Prints input errors to stderr; the exit code for them is 2.
pub fn report_input_errors(errors: &[crate::evidence::InputError]) -> anyhow::Result<u8> {
    let mut err = io::stderr().lock();
    for e in errors {
        write!(err, "{}", crate::report::diagnostic::input_error(e))?;
    }
    Ok(2)
}

/// The completion script for `shell`. Rule ids complete after `explain`, built-in policy names
/// after `--policy` and `policy show`; there bash and fish offer files too, since a policy file
/// is as good as a name (clap's static scripts offer either the values or files, not both).
pub fn completions(shell: clap_complete::Shell) -> String {
    let mut buffer = Vec::new();
    clap_complete::generate(
        shell,
        &mut <Cli as clap::CommandFactory>::command(),
        "vendorcert",
        &mut buffer,
    );
    let script = String::from_utf8_lossy(&buffer).into_owned();
    let names = crate::policy::BUILT_IN.join(" ");
    match shell {
        clap_complete::Shell::Bash => {
            let names_only = format!("COMPREPLY=($(compgen -W \"{names}\" -- \"${{cur}}\"))");
            // The script sets IFS to a newline around a file argument's completion, so the
            // names are separated by newlines.
            let names_and_files = format!(
                "COMPREPLY=($(compgen -W \"{}\" -- \"${{cur}}\") $(compgen -f -- \"${{cur}}\"))",
                crate::policy::BUILT_IN.join("\n")
            );
            script.replace(&names_only, &names_and_files)
        }
        clap_complete::Shell::Fish => {
            let first = crate::policy::BUILT_IN[0];
            script.replace(
                &format!(" -r -f -a \"{first}"),
                &format!(" -r -F -a \"{first}"),
            )
        }
        _ => script,
    }
}

/// The JSON Schema of the evidence format (committed as docs/evidence.schema.json).
pub fn evidence_schema() -> String {
    let schema = crate::evidence::schema::evidence_schema();
    serde_json::to_string_pretty(&schema).expect("a schema serializes") + "\n"
}

/// What a run reads besides its vendors: the policy, the waivers, and the portfolio settings.
pub struct RunInputs {
    pub choice: PolicyChoice,
    pub waivers: Vec<crate::policy::Waiver>,
    /// The `vendorcert.toml` of the run, if any.
    pub config: Option<config::Config>,
}

impl RunInputs {
    /// The portfolio root, against which hosting and subservice vendors are resolved.
    pub fn root(&self) -> Option<&Path> {
        self.config.as_ref().map(|c| c.root.as_path())
    }

    /// The vendor ids a waiver of `waivers` may name without a warning: the vendors of the run,
    /// `ids`, and those of the portfolio. The rest of the portfolio is read only for a waiver
    /// naming a vendor outside the run, and then first in the folder of that name: the whole
    /// portfolio only when the id is not there (a typo, for the nearest id).
    pub fn known_ids(
        &self,
        mut ids: std::collections::BTreeSet<String>,
        waivers: &[crate::policy::Waiver],
    ) -> std::collections::BTreeSet<String> {
        let Some(root) = self.root() else {
            return ids;
        };
        let outside: std::collections::BTreeSet<&str> = waivers
            .iter()
            .map(|w| w.vendor.as_str())
            .filter(|id| !ids.contains(*id))
            .collect();
        if outside
            .iter()
            .all(|id| crate::portfolio::folder_holds_id(root, id))
        {
            ids.extend(outside.into_iter().map(str::to_string));
        } else {
            ids.extend(crate::portfolio::known_ids(root));
        }
        ids
    }
}

/// The portfolio settings of a run (`--config`, `--no-config`, else found above the PATHs);
/// `Err` holds the exit code after the error is reported.
pub fn run_config(
    paths: &[PathBuf],
    explicit: Option<&Path>,
    disabled: bool,
) -> anyhow::Result<Result<Option<config::Config>, u8>> {
    let file = match config::discover(paths, explicit, disabled) {
        Ok(file) => file,
        Err(message) => {
            eprintln!("error: {message}");
            return Ok(Err(2));
        }
    };
    match file.map(|f| config::Config::load(&f)).transpose() {
        Ok(config) => Ok(Ok(config)),
        Err(errors) => Ok(Err(report_input_errors(&errors)?)),
    }
}

/// Resolves the portfolio settings, `--policy` and the waivers of a run; `Err` holds the exit
/// code after input errors. Command-line options override the settings file.
pub fn run_inputs(run: &RunArgs) -> anyhow::Result<Result<RunInputs, u8>> {
    let config = match run_config(&run.paths, run.config.as_deref(), run.no_config)? {
        Ok(config) => config,
        Err(code) => return Ok(Err(code)),
    };
    let policy = run
        .policy
        .clone()
        .or_else(|| config.as_ref().and_then(|c| c.policy.clone()));
    let choice = match PolicyChoice::from_arg(policy.as_deref()) {
        Ok(choice) => choice,
        Err(errors) => return Ok(Err(report_input_errors(&errors)?)),
    };
    let max_months = match &choice {
        PolicyChoice::Fixed(p) => p.thresholds.max_waiver_months,
        PolicyChoice::ByRiskTier | PolicyChoice::Bearing { .. } => {
            crate::policy::Thresholds::default().max_waiver_months
        }
    };
    let mut files: Vec<PathBuf> = match (&run.waivers, &config) {
        (Some(_), _) | (None, None) => Vec::new(),
        (None, Some(c)) => c.waivers.clone(),
    };
    for file in crate::policy::waiver_files(&run.paths, run.waivers.as_deref()) {
        if !files.iter().any(|f| config::same_file(f, &file)) {
            files.push(file);
        }
    }
    let mut waivers = Vec::new();
    let mut errors = Vec::new();
    for file in files {
        match crate::policy::load_waivers(&file, max_months) {
            Ok(w) => waivers.extend(w),
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        return Ok(Err(report_input_errors(&errors)?));
    }
    Ok(Ok(RunInputs {
        choice,
        waivers,
        config,
    }))
}

/// Writes a finished report to standard output. A reader that stops early (`| head`) is not an
/// error: the run's verdict, not the pipe, decides the exit code.
pub fn emit(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// The width to lay the terminal report out in: `COLUMNS` when set, else the terminal's width
/// when writing to one, else `None` (the report's default, 80 columns).
pub fn terminal_width(to_terminal: bool) -> Option<u16> {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .filter(|&c: &u16| c > 0)
        .or_else(|| {
            to_terminal
                .then(|| comfy_table::Table::new().width())
                .flatten()
        })
}

/// A temporary file beside `path`, to be renamed onto it.
/// Writes through a temporary file in the same folder, renamed into place, so an interrupted
/// run never leaves a half-written report.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    crate::atomic::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}

/// Writes a report as `write` produces it, to standard output or, with `path`, to a temporary
/// file renamed onto `path` once complete (removed if writing fails); nothing is held whole.
pub fn write_output(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> anyhow::Result<()> {
    match path {
        Some(path) => {
            let (tmp, file) = crate::atomic::temporary(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            let mut out = io::BufWriter::with_capacity(256 * 1024, file);
            let written = write(&mut out).and_then(|()| out.flush());
            drop(out);
            if let Err(e) = written {
                let _ = std::fs::remove_file(&tmp);
                return Err(e).with_context(|| format!("cannot write {}", path.display()));
            }
            std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))
        }
        None => {
            let mut out = io::BufWriter::with_capacity(256 * 1024, io::stdout().lock());
            match write(&mut out).and_then(|()| out.flush()) {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                other => Ok(other?),
            }
        }
    }
}

/// Where a run's registry answers come from: the registries (or the cache) of `session`.
pub type AnswersFor<'a> = Box<crate::portfolio::AnswersFor<'a>>;

pub fn registry_answers(session: Option<&crate::online::Session>) -> Option<AnswersFor<'_>> {
    session.map(|s| Box::new(move |files: &[PathBuf]| crate::online::answers_for(files, s)) as _)
}

/// The online session the options describe; `Err(2)` after reporting a bad registries file.
pub fn online_session(
    args: &RegistryArgs,
    mode: crate::online::Mode,
    max_age: std::time::Duration,
) -> anyhow::Result<Result<crate::online::Session, u8>> {
    use crate::online::config::{Registries, default_path};
    let file = match &args.registries {
        Some(path) => Some(path.clone()),
        None => default_path().filter(|p| p.is_file()),
    };
    let mut registries = match &file {
        Some(path) => match Registries::load(path) {
            Ok(r) => r,
            Err(errors) => return Ok(Err(report_input_errors(&errors)?)),
        },
        None => Registries::default(),
    };
    if let Some(jobs) = args.jobs {
        registries.limits.jobs = usize::from(jobs);
    }
    if let Some(t) = args.timeout {
        registries.limits.timeout = t;
    }
    if let Some(d) = args.deadline {
        registries.limits.deadline = d;
    }
    let dir = match args
        .cache_dir
        .clone()
        .or_else(crate::online::cache::default_dir)
    {
        Some(dir) => dir,
        None => anyhow::bail!("no cache folder: HOME is not set; give --cache-dir"),
    };
    Ok(Ok(crate::online::Session {
        mode,
        registries,
        cache: crate::online::Cache { dir },
        max_age,
    }))
}

/// Warns about each waiver whose vendor is not among `ids`, the vendors of the run, with the
/// nearest id: a typo must not silently drop an executive risk acceptance. A warning, not an
/// error: checking one vendor with a portfolio's waivers file is ordinary.
pub fn warn_unmatched_waivers(
    waivers: &[crate::policy::Waiver],
    ids: &std::collections::BTreeSet<String>,
) -> io::Result<()> {
    let mut err = io::stderr().lock();
    for w in waivers.iter().filter(|w| !ids.contains(&w.vendor)) {
        let near = crate::evidence::error::did_you_mean(&w.vendor, ids.iter().map(String::as_str))
            .map(|id| format!(" (did you mean `{id}`?)"))
            .unwrap_or_default();
        writeln!(
            err,
            "warning: {}: the waiver of {} names vendor `{}`, which is not among the vendors \
             checked in this run{near}; it accepts nothing",
            w.origin, w.rule, w.vendor
        )?;
    }
    Ok(())
}
