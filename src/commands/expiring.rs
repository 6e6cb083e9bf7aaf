//! `vendorcert expiring`: the dated events ahead, as a table, JSON or iCalendar.

use super::{report_input_errors, run_inputs, write_output};
use crate::cli::{ExpiringArgs, Span};
use crate::evidence::Date;
use crate::portfolio;
use crate::report::{self, expiring::Calendar};

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
    let format = match args.format {
        crate::cli::CalendarFormat::Table => report::expiring::CalendarFormat::Table,
        crate::cli::CalendarFormat::Json => report::expiring::CalendarFormat::Json,
        crate::cli::CalendarFormat::Ics => report::expiring::CalendarFormat::Ics,
    };
    let mut calendar = Calendar::new(format, as_of, until);
    let mut taken = Ok(());
    let errors = portfolio::map_vendors(
        &args.run.paths,
        inputs.root(),
        &inputs.choice,
        as_of,
        |v, policy, index| {
            let events =
                crate::portfolio::calendar::vendor_events(v, policy, index, waivers, as_of, until);
            report::expiring::render(format, as_of, events)
        },
        |vendor| {
            if taken.is_ok() {
                taken = vendor.and_then(|vendor| calendar.take(vendor));
            }
        },
    );
    crate::interrupt::check()?;
    taken?;
    write_output(args.output.as_deref(), |out| calendar.finish(out))?;
    report_input_errors(&errors)?;
    Ok(if errors.is_empty() { 0 } else { 2 })
}
