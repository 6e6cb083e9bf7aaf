//! `vendorcert questions`: the questions to send one vendor.

use super::{emit, report_input_errors, write_atomically};
use crate::cli::{QuestionsArgs, QuestionsFormat};
use crate::evidence::Date;
use crate::portfolio;

pub fn questions(args: QuestionsArgs) -> anyhow::Result<u8> {
    let as_of = args.as_of.unwrap_or_else(Date::today);
    // Judged as `check` judges it: the portfolio settings above the vendor (policy, waivers)
    // apply, and its hosting and subservice vendors are resolved from the whole portfolio.
    let run = crate::cli::RunArgs {
        paths: vec![args.vendor.clone()],
        as_of: Some(as_of),
        policy: args.policy.clone(),
        waivers: args.waivers.clone(),
        config: args.config.clone(),
        no_config: args.no_config,
    };
    let inputs = match super::run_inputs(&run)? {
        Ok(inputs) => inputs,
        Err(code) => return Ok(code),
    };
    let mut vendors = Vec::new();
    let errors = portfolio::for_each_vendor(
        &portfolio::Run {
            paths: &run.paths,
            as_of,
            choice: &inputs.choice,
            waivers: &inputs.waivers,
            index_root: inputs.root(),
            registry_answers: None,
            positions: crate::engine::Positions::Found,
        },
        |_| {},
        |v| v,
        |v| vendors.push(v),
    );
    let report = portfolio::RunReport {
        as_of,
        policy: inputs.choice.describe(),
        vendors,
        errors,
    };
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
