//! `vendorcert diff`: what changed between two JSON reports.

use std::io::Write;

use super::{emit, report_input_errors};
use crate::cli::{DiffArgs, RulesFormat};

pub fn diff(args: DiffArgs) -> anyhow::Result<u8> {
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
                "{} between {} and {}",
                match d.changes.len() {
                    1 => "1 vendor changed".to_string(),
                    n => format!("{n} vendors changed"),
                },
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
