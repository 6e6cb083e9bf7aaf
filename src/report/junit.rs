//! JUnit XML report.

use std::io::{self, Write};

use crate::portfolio::RunReport;

use super::Render;

pub struct JunitReport;

impl Render for JunitReport {
    fn render(&self, _report: &RunReport, _out: &mut dyn Write) -> io::Result<()> {
        Err(io::Error::other("the junit format is not implemented yet"))
    }
}
