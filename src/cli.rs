//! Command-line interface: argument definitions and the glue from arguments to a run.

use std::fs;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};

use crate::evidence::Date;
use crate::policy::PolicyChoice;
use crate::portfolio;
use crate::report::json::JsonReport;
use crate::report::table::TableReport;
use crate::report::{self, Render};
use crate::rules::RULES;

/// Verify vendors' security and AI certifications from evidence files.
#[derive(Debug, Parser)]
#[command(name = "vendorcert", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check vendor evidence and report pass/fail per vendor.
    ///
    /// Exit codes: 0 every vendor passes, 1 at least one fails, 2 invalid input or usage.
    Check(CheckArgs),
    /// The portfolio metrics of seed 000: current certifications, scope verified, AI gap
    /// assessments, lapses, and vendors by verdict and risk tier.
    Summary(SummaryArgs),
    /// Every dated event ahead: certificate expiry, SOC 2 ageing, surveillance due, STAR lapse,
    /// waiver expiry, analyst review due.
    Expiring(ExpiringArgs),
    /// What changed between two JSON reports; exit 1 when any vendor got worse.
    Diff(DiffArgs),
    /// Ask the registries about every certificate, STAR entry and document URL of a portfolio
    /// and keep the answers in the cache, for a later `check --offline`.
    ///
    /// Exit codes: 0 every look-up answered, 1 some could not be made, 2 invalid input.
    Fetch(FetchArgs),
    /// Write the questions to send a vendor: every failure, warning and AI gap, by topic.
    Questions(QuestionsArgs),
    /// List the rules.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
        format: RulesFormat,
    },
    /// Explain a rule: what it checks, why, passing and failing evidence, its seed, the question.
    Explain {
        /// The rule id, e.g. SOC2-TYPE.
        rule: String,
    },
    /// Write a commented vendor.toml template into DIR (created if needed).
    Init {
        /// The vendor folder to create.
        dir: PathBuf,
        /// The vendor's name (default: the folder's name).
        #[arg(long)]
        name: Option<String>,
    },
    /// Print the JSON Schema of the evidence format.
    Schema,
    /// Print shell completions.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
    /// Inspect policies.
    #[command(subcommand)]
    Policy(PolicyCommand),
}

#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Print the effective policy (levels and thresholds) of a built-in name or a policy file.
    Show {
        /// A built-in policy (baseline, ai-vendor, strict, eu-ai-act-high-risk) or a policy file.
        #[arg(value_name = "NAME|FILE")]
        policy: String,
    },
}

/// What every portfolio command reads: the vendors, the as-of date, the policy and the waivers.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// Vendor folders, evidence files, or folders searched for vendor folders.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Evaluate as of this date (YYYY-MM-DD); default today.
    #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
    pub as_of: Option<Date>,
    /// Policy: a built-in name (baseline, ai-vendor, strict, eu-ai-act-high-risk) or a policy
    /// file. Default: each vendor's risk tier picks one (low: baseline, medium: ai-vendor,
    /// high: eu-ai-act-high-risk).
    #[arg(long, value_name = "NAME|FILE")]
    pub policy: Option<String>,
    /// Waivers file (TOML); a `waivers.toml` in a folder given as PATH is read too.
    #[arg(long, value_name = "FILE")]
    pub waivers: Option<PathBuf>,
}

/// Online verification: the only options that touch the network.
#[derive(Debug, clap::Args)]
pub struct OnlineArgs {
    /// Verify certificates with their registries, STAR entries with the CSA registry and
    /// documents given by URL. Nothing else touches the network.
    #[arg(long, conflicts_with = "offline", help_heading = "Online verification")]
    pub online: bool,
    /// Use only the answers cached by an earlier `--online` run or `vendorcert fetch`.
    #[arg(long, help_heading = "Online verification")]
    pub offline: bool,
    #[command(flatten)]
    pub registry: RegistryArgs,
    /// With --offline: a cached answer older than this leaves its check unverified.
    #[arg(long, value_name = "DURATION", default_value = "30d", value_parser = parse_duration_arg, help_heading = "Online verification")]
    pub max_age: std::time::Duration,
}

/// Where registries are and how they are asked (`check --online`, `fetch`).
#[derive(Debug, clap::Args)]
pub struct RegistryArgs {
    /// Registries file (TOML; see docs/online.md). Default:
    /// $XDG_CONFIG_HOME/vendorcert/registries.toml (~/.config/…) when it exists.
    #[arg(long, value_name = "FILE", help_heading = "Online verification")]
    pub registries: Option<PathBuf>,
    /// Cache folder. Default: $XDG_CACHE_HOME/vendorcert (~/.cache/vendorcert).
    #[arg(long, value_name = "DIR", help_heading = "Online verification")]
    pub cache_dir: Option<PathBuf>,
    /// Look-ups at once (default 32).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256), help_heading = "Online verification")]
    pub jobs: Option<u16>,
    /// Timeout of one request, answer included (default 10s).
    #[arg(long, value_name = "DURATION", value_parser = parse_duration_arg, help_heading = "Online verification")]
    pub timeout: Option<std::time::Duration>,
    /// Deadline of all look-ups together (default 30s): look-ups still open then are unverified.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration_arg, help_heading = "Online verification")]
    pub deadline: Option<std::time::Duration>,
}

#[derive(Debug, clap::Args)]
pub struct FetchArgs {
    /// Vendor folders, evidence files, or folders searched for vendor folders.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub registry: RegistryArgs,
}

fn parse_duration_arg(s: &str) -> Result<std::time::Duration, String> {
    match crate::online::config::parse_duration(s)? {
        d if d.is_zero() => Err("must be more than zero".into()),
        d => Ok(d),
    }
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub run: RunArgs,
    #[command(flatten)]
    pub online: OnlineArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Fail (exit 1) on findings of this severity or worse.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// In the terminal report, show each failure's evidence line and the waiver or policy line
    /// that decided its outcome.
    #[arg(long, short)]
    pub verbose: bool,
    /// Always exit 0 when the input is valid (report-only runs); invalid input still exits 2.
    #[arg(long)]
    pub exit_zero: bool,
    /// When to colour the terminal report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, clap::Args)]
pub struct SummaryArgs {
    #[command(flatten)]
    pub run: RunArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,
}

#[derive(Debug, clap::Args)]
pub struct ExpiringArgs {
    #[command(flatten)]
    pub run: RunArgs,
    /// How far ahead: days (`90d` or `90`), weeks (`12w`) or months (`6m`).
    #[arg(long, value_name = "SPAN", default_value = "90d", value_parser = parse_span)]
    pub within: Span,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CalendarFormat::Table)]
    pub format: CalendarFormat,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CalendarFormat {
    Table,
    Json,
    /// iCalendar, for subscribing a calendar to the deadlines.
    Ics,
}

/// A span of time ahead of the as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Days(u32),
    Months(u32),
}

fn parse_span(s: &str) -> Result<Span, String> {
    let (digits, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: u32 = digits
        .parse()
        .map_err(|_| format!("`{s}` is not a span such as 90d, 12w or 6m"))?;
    match unit {
        "" | "d" => Ok(Span::Days(n)),
        "w" => Ok(Span::Days(n * 7)),
        "m" => Ok(Span::Months(n)),
        _ => Err(format!("`{s}` is not a span such as 90d, 12w or 6m")),
    }
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The earlier JSON report.
    pub old: PathBuf,
    /// The later JSON report.
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,
}

#[derive(Debug, clap::Args)]
pub struct QuestionsArgs {
    /// The vendor folder or evidence file.
    #[arg(value_name = "VENDOR")]
    pub vendor: PathBuf,
    /// Evaluate as of this date (YYYY-MM-DD); default today.
    #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
    pub as_of: Option<Date>,
    /// Policy (as for `check`); default by the vendor's risk tier.
    #[arg(long, value_name = "NAME|FILE")]
    pub policy: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = QuestionsFormat::Markdown)]
    pub format: QuestionsFormat,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// A vendor with an error-severity finding fails the run (the default).
    Error,
    /// Warnings fail the run too.
    Warning,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QuestionsFormat {
    Markdown,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    /// JSON Lines: one vendor per line, streamed as vendors are evaluated.
    Jsonl,
    Sarif,
    Junit,
    Markdown,
    /// One self-contained HTML page (no script, nothing fetched): summary metrics, the
    /// certification matrix, a 12-month timeline, and per vendor its findings and questions.
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_as_of(s: &str) -> Result<Date, String> {
    s.parse()
}

/// Runs a command; the result is the process exit code.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Rules { format } => {
            let mut buffer = Vec::new();
            match format {
                RulesFormat::Table => crate::report::rules_doc::rules_table(&mut buffer)?,
                RulesFormat::Json => crate::report::rules_doc::rules_json(&mut buffer)?,
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
        Command::Policy(PolicyCommand::Show { policy }) => policy_show(&policy),
        Command::Init { dir, name } => init(&dir, name.as_deref()),
        Command::Schema => {
            emit(evidence_schema().as_bytes())?;
            Ok(0)
        }
        Command::Completions { shell } => {
            let mut buffer = Vec::new();
            clap_complete::generate(
                shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "vendorcert",
                &mut buffer,
            );
            emit(&buffer)?;
            Ok(0)
        }
        Command::Man => {
            emit(man_page()?.as_bytes())?;
            Ok(0)
        }
        Command::Questions(args) => questions(args),
        Command::Summary(args) => summary(args),
        Command::Expiring(args) => expiring(args),
        Command::Diff(args) => diff(args),
        Command::Fetch(args) => fetch(args),
    }
}

/// Prints input errors to stderr; the exit code for them is 2.
fn report_input_errors(errors: &[crate::evidence::InputError]) -> anyhow::Result<u8> {
    let mut err = io::stderr().lock();
    for e in errors {
        write!(err, "{}", crate::report::diagnostic::input_error(e))?;
    }
    Ok(2)
}

/// The JSON Schema of the evidence format (committed as docs/evidence.schema.json).
pub fn evidence_schema() -> String {
    let schema = schemars::schema_for!(crate::evidence::EvidenceFile);
    serde_json::to_string_pretty(&schema).expect("a schema serializes") + "\n"
}

/// The man page, generated from the argument definitions (committed as docs/vendorcert.1).
pub fn man_page() -> anyhow::Result<String> {
    let mut buffer = Vec::new();
    clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut buffer)?;
    Ok(String::from_utf8(buffer)?)
}

fn init(dir: &Path, name: Option<&str>) -> anyhow::Result<u8> {
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

/// Resolves `--policy` and the waivers of a run; `Err` holds the exit code after input errors.
fn run_inputs(
    run: &RunArgs,
) -> anyhow::Result<Result<(PolicyChoice, Vec<crate::policy::Waiver>), u8>> {
    let choice = match PolicyChoice::from_arg(run.policy.as_deref()) {
        Ok(choice) => choice,
        Err(errors) => return Ok(Err(report_input_errors(&errors)?)),
    };
    let max_months = match &choice {
        PolicyChoice::Fixed(p) => p.thresholds.max_waiver_months,
        PolicyChoice::ByRiskTier => crate::policy::Thresholds::default().max_waiver_months,
    };
    let mut waivers = Vec::new();
    let mut errors = Vec::new();
    for file in crate::policy::waiver_files(&run.paths, run.waivers.as_deref()) {
        match crate::policy::load_waivers(&file, max_months) {
            Ok(w) => waivers.extend(w),
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        return Ok(Err(report_input_errors(&errors)?));
    }
    Ok(Ok((choice, waivers)))
}

fn summary(args: SummaryArgs) -> anyhow::Result<u8> {
    let as_of = args.run.as_of.unwrap_or_else(Date::today);
    let (choice, waivers) = match run_inputs(&args.run)? {
        Ok(inputs) => inputs,
        Err(code) => return Ok(code),
    };
    let mut summary = crate::portfolio::summary::Summary::default();
    let mut invalid_errors = Vec::new();
    let path_errors = portfolio::for_each_vendor(
        &portfolio::Run {
            paths: &args.run.paths,
            as_of,
            choice: &choice,
            waivers: &waivers,
            online: None,
        },
        |_| {},
        |v| v,
        |v| {
            summary.add(&v);
            if let portfolio::VendorOutcome::Invalid { errors, .. } = v {
                invalid_errors.extend(errors);
            }
        },
    );
    crate::interrupt::check()?;
    let mut buffer = Vec::new();
    match args.format {
        RulesFormat::Json => {
            serde_json::to_writer_pretty(&mut buffer, &summary)?;
            writeln!(buffer)?;
        }
        RulesFormat::Table => {
            write_summary_table(&summary, as_of, &choice.describe(), &mut buffer)?
        }
    }
    emit(&buffer)?;
    report_input_errors(&invalid_errors)?;
    report_input_errors(&path_errors)?;
    Ok(if invalid_errors.is_empty() && path_errors.is_empty() {
        0
    } else {
        2
    })
}

fn write_summary_table(
    s: &crate::portfolio::summary::Summary,
    as_of: Date,
    policy: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    use comfy_table::{Table, presets};
    let share = |x: &crate::portfolio::summary::Share| match x.percent() {
        Some(p) => format!("{p}% ({} of {})", x.count, x.of),
        None => "n/a (none to measure)".to_string(),
    };
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    table.force_no_tty();
    table.set_header(vec!["metric (seed 000)", "value", "target"]);
    table.add_row(vec![
        "vendors with current certifications".to_string(),
        share(&s.current_certifications),
        "100%".into(),
    ]);
    table.add_row(vec![
        "certification scope verified".to_string(),
        share(&s.scope_verified),
        "100%".into(),
    ]);
    table.add_row(vec![
        "AI-specific gap assessments".to_string(),
        share(&s.ai_gap_assessments),
        "100%".into(),
    ]);
    table.add_row(vec!["lapses".to_string(), s.lapses.to_string(), "0".into()]);
    writeln!(
        out,
        "{} vendors: {} pass, {} fail, {} invalid · as of {as_of} · policy {policy}",
        s.vendors, s.passed, s.failed, s.invalid
    )?;
    writeln!(out, "{table}")?;
    let mut tiers = Table::new();
    tiers.load_style(presets::UTF8_FULL_CONDENSED);
    tiers.force_no_tty();
    tiers.set_header(vec!["risk tier", "pass", "fail"]);
    for (tier, counts) in &s.by_risk_tier {
        let n = |k: &str| counts.get(k).copied().unwrap_or(0).to_string();
        tiers.add_row(vec![tier.clone(), n("pass"), n("fail")]);
    }
    writeln!(out, "{tiers}")
}

fn expiring(args: ExpiringArgs) -> anyhow::Result<u8> {
    let as_of = args.run.as_of.unwrap_or_else(Date::today);
    let until = match args.within {
        Span::Days(d) => as_of.plus_days(i64::from(d)),
        Span::Months(m) => as_of.plus_months(m),
    };
    let (choice, waivers) = match run_inputs(&args.run)? {
        Ok(inputs) => inputs,
        Err(code) => return Ok(code),
    };
    let (events, errors) = portfolio::map_vendors(&args.run.paths, &choice, |v, policy| {
        crate::portfolio::calendar::vendor_events(v, policy, &waivers, as_of, until)
    });
    crate::interrupt::check()?;
    let mut events: Vec<_> = events.into_iter().flatten().collect();
    crate::portfolio::calendar::sort(&mut events);
    let mut buffer = Vec::new();
    match args.format {
        CalendarFormat::Json => {
            serde_json::to_writer_pretty(
                &mut buffer,
                &serde_json::json!({
                    "as_of": as_of.to_string(), "until": until.to_string(), "events": events
                }),
            )?;
            writeln!(buffer)?;
        }
        CalendarFormat::Ics => {
            buffer.extend(crate::portfolio::calendar::to_ics(&events, as_of).into_bytes())
        }
        CalendarFormat::Table => {
            let mut table = comfy_table::Table::new();
            table.load_style(comfy_table::presets::UTF8_FULL_CONDENSED);
            table.force_no_tty();
            table.set_header(vec!["date", "vendor", "event", "what", "where"]);
            for e in &events {
                table.add_row(vec![
                    e.date.to_string(),
                    e.vendor.clone(),
                    e.kind.label().to_string(),
                    e.what.clone(),
                    e.location.clone(),
                ]);
            }
            writeln!(buffer, "{} events from {as_of} to {until}", events.len())?;
            writeln!(buffer, "{table}")?;
        }
    }
    match &args.output {
        Some(path) => write_atomically(path, &buffer)?,
        None => emit(&buffer)?,
    }
    report_input_errors(&errors)?;
    Ok(if errors.is_empty() { 0 } else { 2 })
}

fn diff(args: DiffArgs) -> anyhow::Result<u8> {
    let d = match crate::portfolio::diff::diff(&args.old, &args.new) {
        Ok(d) => d,
        Err(errors) => return report_input_errors(&errors),
    };
    let mut buffer = Vec::new();
    match args.format {
        RulesFormat::Json => {
            serde_json::to_writer_pretty(&mut buffer, &d)?;
            writeln!(buffer)?;
        }
        RulesFormat::Table => {
            writeln!(
                buffer,
                "{} vendors changed between {} and {}",
                d.changes.len(),
                d.old_as_of,
                d.new_as_of
            )?;
            for c in &d.changes {
                let mark = if c.worse { "WORSE" } else { "changed" };
                writeln!(
                    buffer,
                    "{mark} {}: {} → {}",
                    c.vendor, c.old_verdict, c.new_verdict
                )?;
                for k in &c.appeared {
                    writeln!(
                        buffer,
                        "  + {} {} ({}): {}",
                        k.status, k.rule, k.severity, k.message
                    )?;
                }
                for k in &c.cleared {
                    writeln!(buffer, "  - {} {}: {}", k.status, k.rule, k.message)?;
                }
            }
        }
    }
    emit(&buffer)?;
    Ok(u8::from(d.any_worse()))
}

fn questions(args: QuestionsArgs) -> anyhow::Result<u8> {
    let as_of = args.as_of.unwrap_or_else(Date::today);
    let choice = match PolicyChoice::from_arg(args.policy.as_deref()) {
        Ok(choice) => choice,
        Err(errors) => return report_input_errors(&errors),
    };
    let report = portfolio::check(std::slice::from_ref(&args.vendor), as_of, &choice, &[]);
    if !report.errors.is_empty() {
        return report_input_errors(&report.errors);
    }
    let vendor = match report.vendors.as_slice() {
        [portfolio::VendorOutcome::Evaluated(v)] => v,
        [portfolio::VendorOutcome::Invalid { errors, .. }] => return report_input_errors(errors),
        _ => {
            eprintln!(
                "error: {} holds more than one vendor; name one vendor folder",
                args.vendor.display()
            );
            return Ok(2);
        }
    };
    let questionnaire = crate::report::questions::Questionnaire::new(vendor, as_of);
    let mut buffer = Vec::new();
    match args.format {
        QuestionsFormat::Markdown => questionnaire.write_markdown(&mut buffer)?,
        QuestionsFormat::Json => questionnaire.write_json(&mut buffer)?,
    }
    match &args.output {
        Some(path) => write_atomically(path, &buffer)?,
        None => emit(&buffer)?,
    }
    Ok(0)
}

fn policy_show(arg: &str) -> anyhow::Result<u8> {
    let policy = match PolicyChoice::from_arg(Some(arg)) {
        Ok(PolicyChoice::Fixed(p)) => p,
        Ok(PolicyChoice::ByRiskTier) => unreachable!("a name was given"),
        Err(errors) => return report_input_errors(&errors),
    };
    let mut out = io::stdout().lock();
    writeln!(out, "policy {}", policy.name)?;
    if let Some(file) = &policy.file {
        writeln!(out, "file   {}", file.display())?;
    }
    writeln!(out, "\n[rules]")?;
    for rule in RULES {
        let level = policy.level(rule);
        let note = if level == rule.default_level {
            ""
        } else {
            "  # changed from the rule's default"
        };
        writeln!(
            out,
            "{:<22} = {:<9}{note}",
            rule.id,
            format!("\"{}\"", level.as_str())
        )?;
    }
    writeln!(out, "\n[thresholds]")?;
    let thresholds = serde_json::to_value(&policy.thresholds)?;
    for (key, value) in thresholds.as_object().into_iter().flatten() {
        let shown = match key.as_str() {
            "accreditation_bodies" => serde_json::Value::from(
                policy
                    .thresholds
                    .accreditation_bodies
                    .iter()
                    .map(|b| b.acronym.clone())
                    .collect::<Vec<_>>(),
            ),
            _ => value.clone(),
        };
        writeln!(out, "{key} = {shown}")?;
    }
    Ok(0)
}

fn check(args: CheckArgs) -> anyhow::Result<u8> {
    let as_of = args.run.as_of.unwrap_or_else(Date::today);
    let (choice, waivers) = match run_inputs(&args.run)? {
        Ok(inputs) => inputs,
        Err(code) => return Ok(code),
    };
    let mode = match (args.online.online, args.online.offline) {
        (true, _) => Some(crate::online::Mode::Online),
        (_, true) => Some(crate::online::Mode::Offline),
        _ => None,
    };
    let session = match mode {
        None if args.online.registry.registries.is_some() => {
            anyhow::bail!("--registries is read only with --online or --offline");
        }
        None => None,
        Some(mode) => match online_session(&args.online.registry, mode, args.online.max_age)? {
            Ok(session) => Some(session),
            Err(code) => return Ok(code),
        },
    };
    if args.format == Format::Jsonl {
        return check_streaming(&args, as_of, &choice, &waivers, session.as_ref());
    }
    let progress = Progress::default();
    let mut vendors = Vec::new();
    let errors = portfolio::for_each_vendor(
        &portfolio::Run {
            paths: &args.run.paths,
            as_of,
            choice: &choice,
            waivers: &waivers,
            online: session.as_ref(),
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
        Format::Json | Format::Jsonl => Box::new(JsonReport),
        Format::Sarif => Box::new(crate::report::sarif::SarifReport),
        Format::Junit => Box::new(crate::report::junit::JunitReport),
        Format::Markdown => Box::new(crate::report::markdown::MarkdownReport),
        Format::Html => Box::new(crate::report::html::HtmlReport {
            facts: portfolio::matrix::gather(&args.run.paths, &choice, &waivers, as_of),
        }),
        Format::Table => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            };
            let width = to_terminal.then(terminal_width).flatten();
            Box::new(TableReport {
                color,
                width,
                verbose: args.verbose,
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
    choice: &PolicyChoice,
    waivers: &[crate::policy::Waiver],
    session: Option<&crate::online::Session>,
) -> anyhow::Result<u8> {
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
    let progress = Progress::default();
    let path_errors = portfolio::for_each_vendor(
        &portfolio::Run {
            paths: &args.run.paths,
            as_of,
            choice,
            waivers,
            online: session,
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

/// Writes a finished report to standard output. A reader that stops early (`| head`) is not an
/// error: the run's verdict, not the pipe, decides the exit code.
fn emit(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

fn terminal_width() -> Option<u16> {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .or(Some(120))
}

/// A temporary file beside `path`, to be renamed onto it.
/// Writes through a temporary file in the same folder, renamed into place, so an interrupted
/// run never leaves a half-written report.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    crate::atomic::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}

/// The online session the options describe; `Err(2)` after reporting a bad registries file.
fn online_session(
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

/// `vendorcert fetch`: every look-up of a portfolio made online, answers kept in the cache.
fn fetch(args: FetchArgs) -> anyhow::Result<u8> {
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
    let facts = portfolio::online_facts(&files, &session);
    crate::interrupt::check()?;
    let mut looked: Vec<(&crate::online::Key, &crate::online::Looked)> =
        facts.answers.iter().collect();
    looked.sort_by(|a, b| a.0.cmp(b.0));
    let mut buffer = Vec::new();
    let mut unavailable = 0;
    for (key, l) in &looked {
        let what = match key {
            crate::online::Key::Certificate { id, .. } => format!("certificate {id}"),
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
