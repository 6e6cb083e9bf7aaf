//! SARIF 2.1.0 report.

use std::io::{self, Write};

use crate::portfolio::RunReport;

use super::Render;

pub struct SarifReport;

impl Render for SarifReport {
    fn render(&self, _report: &RunReport, _out: &mut dyn Write) -> io::Result<()> {
        Err(io::Error::other("the sarif format is not implemented yet"))
    }
}
