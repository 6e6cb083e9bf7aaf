//! `vendorcert summary`: the portfolio metrics.

use std::io::{self, Write};

use super::{emit, report_input_errors, run_inputs};
use crate::cli::{RulesFormat, SummaryArgs};
use crate::evidence::Date;
use crate::portfolio;
use crate::portfolio::summary::Tally;

pub fn summary(args: SummaryArgs) -> anyhow::Result<u8> {
    let as_of = args.run.as_of.unwrap_or_else(Date::today);
    let inputs = match run_inputs(&args.run)? {
        Ok(inputs) => inputs,
        Err(code) => return Ok(code),
    };
    let (choice, waivers) = (&inputs.choice, &inputs.waivers);
    let mut summary = crate::portfolio::summary::Summary::default();
    let mut invalid_errors = Vec::new();
    let path_errors = portfolio::for_each_vendor(
        &portfolio::Run {
            paths: &args.run.paths,
            as_of,
            choice,
            waivers,
            index_root: inputs.root(),
            registry_answers: None,
            positions: crate::engine::Positions::Skipped,
        },
        |_| {},
        // Tallied, and its findings dropped, where it was evaluated.
        |v| {
            let tally = Tally::of(&v);
            match v {
                portfolio::VendorOutcome::Invalid { errors, .. } => (tally, errors),
                portfolio::VendorOutcome::Evaluated(_) => (tally, Vec::new()),
            }
        },
        |(tally, errors)| {
            summary.count(tally);
            invalid_errors.extend(errors);
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
    table.set_header(vec!["metric", "value", "target"]);
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
        "{}: {} pass, {} fail, {} invalid · as of {as_of} · policy {policy}",
        crate::rules::plural_pub(s.vendors, "vendor"),
        s.passed,
        s.failed,
        s.invalid
    )?;
    writeln!(out, "{table}")?;
    let mut tiers = Table::new();
    tiers.load_style(presets::UTF8_FULL_CONDENSED);
    tiers.force_no_tty();
    tiers.set_header(vec!["risk tier", "pass", "fail"]);
    for (tier, counts) in &s.by_risk_tier {
        let n = |k: &str| counts.get(k).copied().unwrap_or(0).to_string();
        tiers.add_row(vec![tier.as_str().to_string(), n("pass"), n("fail")]);
    }
    writeln!(out, "{tiers}")
}
