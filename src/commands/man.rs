//! `vendorcert man`: one man page for the program and one per subcommand (`vendorcert-check(1)`,
//! `vendorcert-policy-show(1)`, …), each with its options, exit status, examples and the pages
//! it refers to. Committed under docs/man/; a test fails when they drift from the arguments.

use std::io::Write;

use clap::CommandFactory;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};

use crate::cli::Cli;

/// The exit status every command shares with the others.
const USAGE: (&str, &str) = (
    "2",
    "the command line is invalid (an unknown option, a missing argument)",
);
const INTERRUPTED: (&str, &str) = ("130", "interrupted (Ctrl-C); no report is written");

/// Every page: its file name (`vendorcert-policy-show.1`) and its text (roff).
pub fn pages() -> anyhow::Result<Vec<(String, String)>> {
    let mut top = Cli::command().disable_help_subcommand(true);
    top.build();
    let mut out = Vec::new();
    collect(&top, &[], &mut out)?;
    Ok(out)
}

/// The page of the command named by `path` (empty: the program itself), e.g. `["policy", "show"]`.
pub fn page(path: &[String]) -> anyhow::Result<Option<String>> {
    let file = page_file(path);
    Ok(pages()?
        .into_iter()
        .find(|(name, _)| *name == file)
        .map(|(_, text)| text))
}

/// The file name of a command's page: `vendorcert.1`, `vendorcert-check.1`.
pub fn page_file(path: &[String]) -> String {
    std::iter::once("vendorcert")
        .chain(path.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("-")
        + ".1"
}

fn collect(
    cmd: &clap::Command,
    path: &[&str],
    out: &mut Vec<(String, String)>,
) -> anyhow::Result<()> {
    let owned: Vec<String> = path.iter().map(|s| s.to_string()).collect();
    out.push((page_file(&owned), render(cmd, path)?));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let mut sub_path = path.to_vec();
        sub_path.push(sub.get_name());
        collect(sub, &sub_path, out)?;
    }
    Ok(())
}

fn render(cmd: &clap::Command, path: &[&str]) -> anyhow::Result<String> {
    let man = Man::new(cmd.clone()).source(concat!("vendorcert ", env!("CARGO_PKG_VERSION")));
    let mut text = Vec::new();
    man.render_title(&mut text)?;
    append(&mut text, |w| man.render_name_section(w))?;
    append(&mut text, |w| man.render_synopsis_section(w))?;
    append(&mut text, |w| man.render_description_section(w))?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        append(&mut text, |w| man.render_options_section(w))?;
    }
    if cmd.has_subcommands() {
        append(&mut text, |w| man.render_subcommands_section(w))?;
    }
    let mut roff = Roff::new();
    roff.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in exit_status(path) {
        roff.control("TP", []);
        roff.text([bold(code)]);
        roff.text([roman(meaning)]);
    }
    roff.control("SH", ["EXAMPLES"]);
    for (what, line) in examples(path) {
        roff.text([roman(what)]);
        roff.control("PP", []);
        roff.control("RS", ["4"]);
        roff.text([bold(line)]);
        roff.control("RE", []);
        roff.control("PP", []);
    }
    roff.control("SH", ["SEE ALSO"]);
    let see_also = see_also(cmd, path);
    for (i, page) in see_also.iter().enumerate() {
        let comma = if i + 1 < see_also.len() { "," } else { "" };
        roff.text([bold(page.as_str()), roman(format!("(1){comma}"))]);
    }
    append(&mut text, |w| roff.to_writer(w))?;
    if cmd.get_version().is_some() {
        append(&mut text, |w| man.render_version_section(w))?;
    }
    Ok(String::from_utf8(text)?)
}

/// Appends a part of the page to `text`.
fn append(
    text: &mut Vec<u8>,
    part: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut buffer = Vec::new();
    part(&mut buffer)?;
    text.extend_from_slice(without_preamble(&buffer));
    Ok(())
}

/// Each roff part starts with the same two-line preamble; the page needs it once (the title
/// keeps it).
fn without_preamble(part: &[u8]) -> &[u8] {
    let mut rest = part;
    if rest.starts_with(b".ie ") {
        for _ in 0..2 {
            rest = rest
                .iter()
                .position(|b| *b == b'\n')
                .map_or(&[][..], |i| &rest[i + 1..]);
        }
    }
    rest
}

/// The pages a page refers to: the program's, its parent's and its subcommands'.
fn see_also(cmd: &clap::Command, path: &[&str]) -> Vec<String> {
    let name = |p: &[&str]| {
        std::iter::once("vendorcert")
            .chain(p.iter().copied())
            .collect::<Vec<_>>()
            .join("-")
    };
    let mut pages = Vec::new();
    if !path.is_empty() {
        pages.push(name(&path[..path.len() - 1]));
        if path.len() > 1 {
            pages.insert(0, "vendorcert".to_string());
        }
    }
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let mut p = path.to_vec();
        p.push(sub.get_name());
        pages.push(name(&p));
    }
    pages
}

/// What each exit code of a command means (src/main.rs and each command's module).
fn exit_status(path: &[&str]) -> Vec<(&'static str, &'static str)> {
    let mut codes = match path {
        [] => vec![
            ("0", "success: for check, every vendor passes its policy"),
            (
                "1",
                "check: at least one vendor fails; diff: a vendor got worse; fetch: a look-up \
                 could not be made",
            ),
            (
                "2",
                "invalid input (an unreadable or invalid evidence, policy or waivers file) or \
                 an invalid command line; invalid input is never a pass",
            ),
        ],
        ["check"] => vec![
            (
                "0",
                "every vendor passes its policy (with --exit-zero: the input is valid, whatever \
                 the verdicts)",
            ),
            (
                "1",
                "at least one vendor fails (with --fail-on warning: or has a warning)",
            ),
            (
                "2",
                "invalid input (an evidence, policy, waivers or registries file that cannot be \
                 read or is invalid) or an invalid command line; invalid input is never a pass",
            ),
        ],
        ["summary"] | ["expiring"] => vec![
            ("0", "every evidence file is valid, whatever the verdicts"),
            (
                "2",
                "invalid input (an evidence, policy or waivers file that cannot be read or is \
                 invalid) or an invalid command line",
            ),
        ],
        ["diff"] => vec![
            ("0", "no vendor got worse"),
            ("1", "at least one vendor got worse"),
            (
                "2",
                "a report that cannot be read or is not a vendorcert JSON report, or an invalid \
                 command line",
            ),
        ],
        ["fetch"] => vec![
            ("0", "every look-up was answered"),
            (
                "1",
                "some look-up could not be made (the registry was unavailable)",
            ),
            (
                "2",
                "invalid input (an evidence or registries file) or an invalid command line",
            ),
        ],
        ["questions"] => vec![
            ("0", "the questions were written"),
            (
                "2",
                "invalid evidence, a path that holds more than one vendor, or an invalid \
                 command line",
            ),
        ],
        ["explain"] => vec![
            ("0", "the rule was explained"),
            ("2", "no rule has that id, or the command line is invalid"),
        ],
        ["init"] => vec![
            ("0", "the template was written"),
            (
                "2",
                "the folder already holds an evidence file, it cannot be written, or the \
                 command line is invalid",
            ),
        ],
        ["policy"] | ["policy", "show"] => vec![
            ("0", "the policy was printed"),
            (
                "2",
                "no built-in policy has that name and no policy file is there, the file is \
                 invalid, or the command line is invalid",
            ),
        ],
        _ => vec![("0", "success"), USAGE],
    };
    codes.push(INTERRUPTED);
    codes
}

/// A few command lines, each with what it does.
fn examples(path: &[&str]) -> Vec<(&'static str, &'static str)> {
    match path {
        [] => vec![
            ("Check one vendor:", "vendorcert check vendors/acme-ai"),
            (
                "Gate CI on a portfolio, with SARIF results:",
                "vendorcert check vendors/ --format sarif --output results.sarif",
            ),
            (
                "List what lapses within 90 days:",
                "vendorcert expiring vendors/ --within 90d",
            ),
            (
                "Start the evidence of a new vendor:",
                "vendorcert init vendors/new-vendor",
            ),
        ],
        ["check"] => vec![
            ("Check one vendor:", "vendorcert check vendors/acme-ai"),
            (
                "Check a portfolio as of a date under a named policy:",
                "vendorcert check vendors/ --as-of 2026-09-30 --policy strict",
            ),
            (
                "Write SARIF for CI:",
                "vendorcert check vendors/ --format sarif --output results.sarif",
            ),
            (
                "Verify certificates with their registries:",
                "vendorcert check vendors/ --online",
            ),
        ],
        ["summary"] => vec![
            ("The portfolio metrics:", "vendorcert summary vendors/"),
            ("As JSON:", "vendorcert summary vendors/ --format json"),
        ],
        ["expiring"] => vec![
            (
                "What lapses within 90 days:",
                "vendorcert expiring vendors/ --within 90d",
            ),
            (
                "A calendar of the next six months to subscribe to:",
                "vendorcert expiring vendors/ --within 6m --format ics --output vendors.ics",
            ),
        ],
        ["diff"] => vec![
            (
                "What changed since last month's report:",
                "vendorcert diff last-month.json today.json",
            ),
            (
                "As JSON:",
                "vendorcert diff last-month.json today.json --format json",
            ),
        ],
        ["fetch"] => vec![
            (
                "Fill the cache for a later offline check:",
                "vendorcert fetch vendors/",
            ),
            ("Then check offline:", "vendorcert check vendors/ --offline"),
        ],
        ["questions"] => vec![
            (
                "The questions for one vendor, as Markdown:",
                "vendorcert questions vendors/acme-ai",
            ),
            (
                "As JSON, into a file:",
                "vendorcert questions vendors/acme-ai --format json --output questions.json",
            ),
        ],
        ["rules"] => vec![
            ("List the rules:", "vendorcert rules"),
            ("As JSON:", "vendorcert rules --format json"),
        ],
        ["explain"] => vec![("Explain a rule:", "vendorcert explain SOC2-TYPE")],
        ["init"] => vec![(
            "Start the evidence of a new vendor:",
            "vendorcert init vendors/acme-ai --name \"Acme AI\"",
        )],
        ["schema"] => vec![(
            "Write the JSON Schema for an editor:",
            "vendorcert schema > vendor.schema.json",
        )],
        ["completions"] => vec![(
            "Install bash completions:",
            "vendorcert completions bash > ~/.local/share/bash-completion/completions/vendorcert",
        )],
        ["man"] => vec![
            ("Read this page:", "vendorcert man man | man -l -"),
            ("Read the page of check:", "vendorcert man check | man -l -"),
            (
                "Write every page into a folder:",
                "vendorcert man --out-dir man1",
            ),
        ],
        ["policy"] | ["policy", "show"] => vec![
            (
                "Start a policy of your own from a built-in one:",
                "vendorcert policy show ai-vendor > my-policy.toml",
            ),
            (
                "Print a policy file as the complete policy it makes:",
                "vendorcert policy show my-policy.toml",
            ),
        ],
        _ => Vec::new(),
    }
}
