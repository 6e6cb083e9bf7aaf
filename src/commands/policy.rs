//! `vendorcert policy show`: a policy written out as a complete, commented policy file.

use std::io::{self, Write};

use super::report_input_errors;
use crate::policy::{PolicyChoice, policy_file_text};

pub fn policy_show(arg: &str) -> anyhow::Result<u8> {
    let policy = match PolicyChoice::from_arg(Some(arg)) {
        Ok(PolicyChoice::Fixed(p)) => p,
        Ok(PolicyChoice::ByRiskTier | PolicyChoice::Bearing { .. }) => {
            unreachable!("a name was given")
        }
        Err(errors) => return report_input_errors(&errors),
    };
    let mut out = io::stdout().lock();
    out.write_all(policy_file_text(&policy).as_bytes())?;
    Ok(0)
}
