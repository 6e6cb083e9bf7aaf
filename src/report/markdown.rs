//! Markdown report for a pull-request comment.

use std::io::{self, Write};

use crate::portfolio::RunReport;

use super::Render;

pub struct MarkdownReport;

impl Render for MarkdownReport {
    fn render(&self, _report: &RunReport, _out: &mut dyn Write) -> io::Result<()> {
        Err(io::Error::other(
            "the markdown format is not implemented yet",
        ))
    }
}
