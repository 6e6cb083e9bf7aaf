//! `vendorcert questions`: the questions to send one vendor.

use super::{emit, report_input_errors, write_atomically};
use crate::cli::{QuestionsArgs, QuestionsFormat};
use crate::evidence::Date;
use crate::policy::PolicyChoice;
use crate::portfolio;

pub fn questions(args: QuestionsArgs) -> anyhow::Result<u8> {
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
