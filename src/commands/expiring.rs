//! `vendorcert expiring`: the dated events ahead, as a table, JSON or iCalendar.

use super::{report_input_errors, run_inputs, write_output};
use crate::cli::{CalendarFormat, ExpiringArgs, Span};
use crate::evidence::Date;
use crate::portfolio;

pub fn expiring(args: ExpiringArgs) -> anyhow::Result<u8> {
    let as_of = args.run.as_of.unwrap_or_else(Date::today);
    let inputs = match run_inputs(&args.run)? {
        Ok(inputs) => inputs,
        Err(code) => return Ok(code),
    };
    let within = args
        .within
        .or_else(|| inputs.config.as_ref().and_then(|c| c.within))
        .unwrap_or(Span::Days(90));
    let until = match within {
        Span::Days(d) => as_of.plus_days(i64::from(d)),
        Span::Months(m) => as_of.plus_months(m),
    };
    let waivers = &inputs.waivers;
    let (events, errors) = portfolio::map_vendors(
        &args.run.paths,
        inputs.root(),
        &inputs.choice,
        as_of,
        |v, policy, index| {
            crate::portfolio::calendar::vendor_events(v, policy, index, waivers, as_of, until)
        },
    );
    crate::interrupt::check()?;
    let events: Vec<_> = events.into_iter().flatten().collect();
    let events = crate::portfolio::calendar::sorted(&events);
    write_output(args.output.as_deref(), |out| match args.format {
        CalendarFormat::Json => {
            #[derive(serde::Serialize)]
            struct Calendar<'e> {
                as_of: String,
                until: String,
                events: &'e [&'e crate::portfolio::calendar::Event],
            }
            serde_json::to_writer_pretty(
                &mut *out,
                &Calendar {
                    as_of: as_of.to_string(),
                    until: until.to_string(),
                    events: &events,
                },
            )?;
            writeln!(out)
        }
        CalendarFormat::Ics => {
            crate::portfolio::calendar::write_ics(events.iter().copied(), as_of, out)
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
                    match e.question {
                        Some(q) => format!("{}\nask now: {q}", e.what),
                        None => e.what.clone(),
                    },
                    e.location.clone(),
                ]);
            }
            writeln!(
                out,
                "{} from {as_of} to {until}",
                crate::rules::plural_pub(events.len(), "event")
            )?;
            writeln!(out, "{table}")
        }
    })?;
    report_input_errors(&errors)?;
    Ok(if errors.is_empty() { 0 } else { 2 })
}
