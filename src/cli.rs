//! Command-line interface: the argument definitions only. Each command's body is a module of
//! `src/commands/`, named for it.

use std::path::PathBuf;

use std::ffi::OsStr;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum, ValueHint};

use crate::evidence::Date;
use crate::rules::crosswalk::Regime;

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
    /// The portfolio metrics: current certifications, scope verified, AI gap assessments, lapses,
    /// and vendors by verdict and risk tier.
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
        /// Only the rules bearing on this framework's obligations (docs/crosswalk.md), each with
        /// the identifiers it maps to.
        #[arg(long, value_name = "FRAMEWORK", value_parser = regime_parser())]
        maps_to: Option<Regime>,
    },
    /// Explain a rule: what it checks, why, passing and failing evidence, its sources, the
    /// question.
    Explain {
        /// The rule id, e.g. SOC2-TYPE (`vendorcert rules` lists them).
        #[arg(value_name = "RULE", value_parser = Offered(rule_ids), hide_possible_values = true)]
        rule: String,
    },
    /// Write a commented vendor.toml template into DIR (created if needed).
    Init {
        /// The vendor folder to create.
        dir: PathBuf,
        /// The vendor's name (default: the folder's name).
        #[arg(long)]
        name: Option<String>,
        /// Set DIR up as a portfolio instead: write a commented vendorcert.toml (the portfolio's
        /// settings) into it.
        #[arg(long, conflicts_with_all = ["name", "ai", "schema"])]
        portfolio: bool,
        /// The vendor is an AI vendor: write every section and field a rule reads (SOC 2, ISO,
        /// STAR, [ai] with all its tables, [contract], [[sector]], [incidents]), each value a
        /// `"<…>"` placeholder that `check` reports as not filled in.
        #[arg(long)]
        ai: bool,
        /// Where to write the JSON Schema the template's `#:schema` line points at (default:
        /// evidence.schema.json beside DIR, in its parent folder).
        #[arg(long, value_name = "PATH")]
        schema: Option<PathBuf>,
    },
    /// Print the JSON Schema of the evidence format.
    Schema {
        /// Write it to FILE instead of standard output (a `#:schema FILE` line at the top of a
        /// vendor.toml lets taplo-based editors complete and validate it).
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Print shell completions.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print a man page (roff): the program's, or a subcommand's.
    Man {
        /// The subcommand whose page to print, e.g. `check` or `policy show`.
        #[arg(value_name = "COMMAND")]
        command: Vec<String>,
        /// Write every page (vendorcert.1, vendorcert-check.1 and so on) into DIR instead.
        #[arg(long, value_name = "DIR", conflicts_with = "command")]
        out_dir: Option<PathBuf>,
    },
    /// Inspect policies.
    #[command(subcommand)]
    Policy(PolicyCommand),
    /// Draft evidence from a vendor's certificates and reports (PDFs with a text layer, or
    /// text), on this machine: every value with the page and line it was read from, nothing it
    /// is unsure of, nothing marked verified.
    ///
    /// Exit codes: 0 drafted, 2 a document could not be read or recognised (nothing is written).
    Draft(DraftArgs),
}

#[derive(Debug, clap::Args)]
pub struct DraftArgs {
    /// The documents: ISO/IEC certificates, SOC 2 or SOC 3 reports, bridge letters, CSA STAR
    /// certificates or attestations, as PDFs with a text layer or as text files.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Copy each document into VENDOR_DIR/documents/ and add the drafted sections to the end of
    /// VENDOR_DIR/vendor.toml, keeping its content, comments and order.
    #[arg(long, value_name = "VENDOR_DIR")]
    pub into: Option<PathBuf>,
    /// Output format when writing to standard output.
    #[arg(long, value_enum, default_value_t = DraftFormat::Toml, conflicts_with = "into")]
    pub format: DraftFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DraftFormat {
    /// Evidence sections to paste into vendor.toml, each value followed by a comment citing
    /// its page, line and text.
    Toml,
    /// The drafted values with their provenance, one object per document.
    Json,
}

#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Print a policy as a complete policy file: every rule level and threshold, commented.
    ///
    /// `vendorcert policy show ai-vendor > my.toml` gives a file to edit; `--policy my.toml`
    /// loads it as the same policy until it is changed (then give it its own `name`).
    Show {
        /// A built-in policy (baseline, ai-vendor, strict, eu-ai-act-high-risk) or a policy file.
        #[arg(value_name = "NAME|FILE", value_parser = Offered(policy_names), value_hint = ValueHint::FilePath, hide_possible_values = true)]
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
    #[arg(long, value_name = "NAME|FILE", value_parser = Offered(policy_names), value_hint = ValueHint::FilePath, hide_possible_values = true)]
    pub policy: Option<String>,
    /// Waivers file (TOML), instead of the portfolio settings' `waivers`; a `waivers.toml` in a
    /// folder given as PATH is read too.
    #[arg(long, value_name = "FILE")]
    pub waivers: Option<PathBuf>,
    /// Portfolio settings file. Default: the `vendorcert.toml` nearest above the PATHs; its
    /// folder is the portfolio root, against which hosting and subservice vendors are resolved.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Read no portfolio settings file.
    #[arg(long)]
    pub no_config: bool,
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
#[derive(Debug, Clone, clap::Args)]
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
    /// Portfolio settings file, whose `registries` is used when --registries is not given
    /// (default: the nearest `vendorcert.toml` above the PATHs).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Read no portfolio settings file.
    #[arg(long)]
    pub no_config: bool,
    /// Write the IAF ids a company search found into each certificate's
    /// `verification.reference` (TOML evidence files; comments, order and layout kept), so that
    /// the next run looks them up directly.
    #[arg(long)]
    pub write_ids: bool,
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
    /// In the terminal report, list every finding (as --show-passes) and show each failure's
    /// evidence line and the waiver or policy line that decided its outcome.
    #[arg(long, short)]
    pub verbose: bool,
    /// In the terminal report, list passing and n/a findings too (by default they are counted,
    /// and only the findings that need attention are listed).
    #[arg(long)]
    pub show_passes: bool,
    /// In the terminal report, one line per finding that needs attention, cut to the width,
    /// without the questions to send: the default when the run checks more than one vendor.
    #[arg(long, conflicts_with = "full")]
    pub concise: bool,
    /// In the terminal report, each finding's full reason, causes, waiver and the question to
    /// send: the default when the run checks one vendor.
    #[arg(long)]
    pub full: bool,
    /// Always exit 0 when the input is valid (report-only runs); invalid input still exits 2.
    #[arg(long)]
    pub exit_zero: bool,
    /// When to colour the terminal report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Judge only what bears on this framework's obligations (docs/crosswalk.md): the rules
    /// mapped to it, plus those that run under every framework (filled-in evidence, possible
    /// dates, waivers). The other rules are off: they are neither reported nor counted.
    #[arg(long, value_name = "FRAMEWORK", value_parser = regime_parser())]
    pub obligation: Option<Regime>,
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
    /// How far ahead: days (`90d` or `90`), weeks (`12w`) or months (`6m`). Default: the
    /// portfolio settings' `within`, else 90d.
    #[arg(long, value_name = "SPAN", value_parser = parse_span)]
    pub within: Option<Span>,
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

pub(crate) fn parse_span(s: &str) -> Result<Span, String> {
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
    /// Policy (as for `check`); default the portfolio settings' `policy`, else by the vendor's
    /// risk tier.
    #[arg(long, value_name = "NAME|FILE", value_parser = Offered(policy_names), value_hint = ValueHint::FilePath, hide_possible_values = true)]
    pub policy: Option<String>,
    /// Waivers file (as for `check`); default the portfolio settings' `waivers`, plus any
    /// `waivers.toml` beside the vendor.
    #[arg(long, value_name = "FILE")]
    pub waivers: Option<PathBuf>,
    /// Portfolio settings file (default: the nearest `vendorcert.toml` above the vendor).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Read no portfolio settings file: judge the vendor alone.
    #[arg(long)]
    pub no_config: bool,
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
    /// OSCAL 1.1.2 assessment results (docs/oscal.md): vendors as parties, each piece of
    /// evidence an observation, each rule outcome a finding, each failure a risk.
    Oscal,
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

/// Accepts any text, and offers the values `.0` lists to shell completion. For arguments whose
/// command judges the value itself: `explain` answers an unknown rule id with the nearest ones,
/// and `--policy` takes a policy file as well as a built-in name.
#[derive(Clone, Copy)]
struct Offered(fn() -> Vec<&'static str>);

impl TypedValueParser for Offered {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new((self.0)().into_iter().map(PossibleValue::new)))
    }
}

/// The frameworks of the crosswalk, by key (`nis2`, `dora`, `ai-act`, …).
fn regime_parser() -> impl TypedValueParser<Value = Regime> {
    clap::builder::PossibleValuesParser::new(
        Regime::ALL
            .iter()
            .map(|r| PossibleValue::new(r.key()).help(r.title())),
    )
    .map(|key| Regime::from_key(&key).expect("a possible value is a framework key"))
}

fn rule_ids() -> Vec<&'static str> {
    crate::rules::RULES.iter().map(|r| r.id).collect()
}

fn policy_names() -> Vec<&'static str> {
    crate::policy::BUILT_IN.to_vec()
}
