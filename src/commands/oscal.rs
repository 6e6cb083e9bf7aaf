//! `vendorcert check --format oscal`: OSCAL 1.1.2 assessment results, vendor by vendor
//! (docs/oscal.md). Each evaluated vendor's evidence is read again for what OSCAL records that the
//! findings do not carry (the pieces of evidence, their expiry, the documents' SHA-256), turned
//! into OSCAL and dropped.

use std::io::{self, Write};

use super::{emit, registry_answers, report_input_errors, write_atomically};
use crate::cli::{CheckArgs, FailOn};
use crate::evidence::Date;
use crate::portfolio::{self, VendorOutcome};
use crate::report::oscal::OscalWriter;

pub fn check_oscal(
    args: &CheckArgs,
    as_of: Date,
    inputs: &super::RunInputs,
    session: Option<&crate::online::Session>,
) -> anyhow::Result<u8> {
    let (choice, waivers) = (&inputs.choice, inputs.waivers.as_slice());
    let mut writer = OscalWriter::new(as_of, &choice.describe());
    let (mut failed, mut warned, mut invalid) = (false, false, false);
    let mut ids = std::collections::BTreeSet::new();
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
        |_| {},
        |v| {
            // Read on the worker threads, with the evaluation.
            let loaded = match &v {
                VendorOutcome::Evaluated(r) => Some(crate::evidence::load::load_vendor(&r.file)),
                VendorOutcome::Invalid { .. } => None,
            };
            (v, loaded)
        },
        |(v, loaded)| {
            let mut err = io::stderr().lock();
            match (&v, loaded) {
                (VendorOutcome::Evaluated(r), Some(Ok(loaded))) => {
                    ids.insert(r.id.clone());
                    failed |= r.verdict == crate::engine::Verdict::Fail;
                    warned |= r.count(crate::engine::Severity::Warning) > 0;
                    writer.vendor(&loaded, r);
                }
                // The file changed between the two reads: it cannot be reported on.
                (VendorOutcome::Evaluated(_), Some(Err(errors))) => {
                    invalid = true;
                    for e in &errors {
                        let _ = write!(err, "{}", crate::report::diagnostic::input_error(e));
                    }
                }
                (VendorOutcome::Invalid { errors, .. }, _) => {
                    invalid = true;
                    for e in errors {
                        let _ = write!(err, "{}", crate::report::diagnostic::input_error(e));
                    }
                }
                (VendorOutcome::Evaluated(_), None) => {}
            }
        },
    );
    crate::interrupt::check()?;
    let mut buffer = Vec::new();
    writer.finish(&mut buffer)?;
    match &args.output {
        Some(path) => write_atomically(path, &buffer)?,
        None => emit(&buffer)?,
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
