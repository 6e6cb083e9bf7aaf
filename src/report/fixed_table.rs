//! A comfy-table table written a batch of rows at a time. comfy-table lays a table out from
//! every cell; once the column widths its arrangement would give are known (from the cells'
//! widths, gathered beforehand), the rows can be laid out at those fixed widths in batches and
//! give the same lines, without holding every row.

use std::io::{self, Write};

use comfy_table::{Cell, ColumnConstraint, Table, Width};

/// Rows laid out at a time.
const BATCH: usize = 1024;

/// Writes the lines of the table `table(true)` (with its header; `table(false)` is the same
/// without) holding the rows `next_row` gives, its columns `widths` wide (content, without
/// padding): top border, header, rows, bottom border, each line ended by a line break.
pub fn write(
    table: &dyn Fn(bool) -> Table,
    widths: &[usize],
    next_row: &mut dyn FnMut() -> io::Result<Option<Vec<Cell>>>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let fixed = |t: &mut Table| {
        // The width given includes the padding, one space each side.
        t.set_constraints(widths.iter().map(|&w| {
            ColumnConstraint::Absolute(Width::Fixed(u16::try_from(w + 2).unwrap_or(u16::MAX)))
        }));
    };
    let Some(first) = next_row()? else {
        for line in table(true).lines() {
            writeln!(out, "{line}")?;
        }
        return Ok(());
    };
    // The top border, the header and the line under it: the lines of a table of the header and
    // the first row, less that row's lines and the bottom border.
    let mut alone = table(false);
    alone.add_row(first.clone());
    fixed(&mut alone);
    let row_lines = alone.lines().count().saturating_sub(2);
    let mut headed = table(true);
    headed.add_row(first.clone());
    fixed(&mut headed);
    let lines: Vec<String> = headed.lines().collect();
    for line in &lines[..lines.len().saturating_sub(1 + row_lines)] {
        writeln!(out, "{line}")?;
    }
    let bottom = lines.last().cloned().unwrap_or_default();
    let mut batch = table(false);
    batch.add_row(first);
    let flush = |batch: &mut Table, out: &mut dyn Write| -> io::Result<()> {
        fixed(batch);
        let lines: Vec<String> = batch.lines().collect();
        for line in &lines[1..lines.len() - 1] {
            writeln!(out, "{line}")?;
        }
        *batch = table(false);
        Ok(())
    };
    while let Some(row) = next_row()? {
        batch.add_row(row);
        if batch.row_count() == BATCH {
            flush(&mut batch, out)?;
        }
    }
    if batch.row_count() > 0 {
        flush(&mut batch, out)?;
    }
    writeln!(out, "{bottom}")
}

/// A cell's width as comfy-table measures it: its widest line, at least 1.
pub fn content_width(text: &str) -> usize {
    text.split('\n')
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
        .max(1)
}

#[cfg(test)]
mod tests {
    use comfy_table::{Cell, ContentArrangement, Table, presets};

    fn table(header: bool, width: Option<u16>) -> Table {
        let mut table = Table::new();
        table.load_style(presets::UTF8_FULL_CONDENSED);
        table.force_no_tty();
        if let Some(width) = width {
            table.set_content_arrangement(ContentArrangement::Dynamic);
            table.set_width(width);
        }
        if header {
            table.set_header(vec!["date", "vendor", "what"]);
        }
        table
    }

    #[test]
    fn batches_at_the_widest_cells_widths_give_the_whole_tables_lines() {
        let rows: Vec<[String; 3]> = (0..2500)
            .map(|i| {
                [
                    format!("2026-12-{:02}", i % 28 + 1),
                    "v".repeat(i % 17 + 1),
                    format!("event {i}\nask now: {}", "é".repeat(i % 23)),
                ]
            })
            .collect();
        let mut whole = table(true, None);
        let mut widths = ["date", "vendor", "what"].map(super::content_width);
        for row in &rows {
            whole.add_row(row.to_vec());
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(super::content_width(cell));
            }
        }
        let mut expected = whole.to_string();
        expected.push('\n');
        let mut next = rows.iter();
        let mut out = Vec::new();
        super::write(
            &|header| table(header, None),
            &widths,
            &mut || Ok(next.next().map(|r| r.iter().map(Cell::new).collect())),
            &mut out,
        )
        .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }
}
