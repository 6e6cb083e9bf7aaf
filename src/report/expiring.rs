//! The `expiring` calendar (JSON, iCalendar or a table), ordered by date across vendors without
//! holding every event: each vendor's events are rendered on the thread that judged it, their
//! text waits in the spool, and only a small ordering key per event is kept in memory.

use std::io::{self, Write};

use comfy_table::{Cell, Table, presets};

use super::fixed_table::content_width;
use super::spool::{self, Spool};
use crate::evidence::Date;
use crate::portfolio::calendar::{self, Event, EventKind};

/// How the calendar is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarFormat {
    Table,
    Json,
    /// iCalendar.
    Ics,
}

/// One vendor's events, rendered for the calendar's format, in calendar order.
pub struct VendorEvents {
    events: Vec<RenderedEvent>,
}

struct RenderedEvent {
    date: Date,
    kind: EventKind,
    vendor: String,
    /// The event as the format writes it (for the table, its five cells, each as its length in
    /// four bytes, little-endian, and its UTF-8 bytes).
    text: Vec<u8>,
    /// What happens: the last key of the order, read back only for vendors that share an id.
    what: String,
    /// The table's cells' widths.
    widths: [usize; 5],
}

/// Where an event's text waits, and what orders it: about 32 bytes an event.
struct EventKey {
    date: Date,
    kind: EventKind,
    /// The vendor's place in [`Calendar::ids`].
    vendor: u32,
    /// The text's place in the spool; its `what` follows it.
    at: u64,
    len: u32,
    what_len: u32,
}

/// The calendar being gathered.
pub struct Calendar {
    format: CalendarFormat,
    as_of: Date,
    until: Date,
    spool: Spool,
    keys: Vec<EventKey>,
    /// The id of each vendor with events, in path order.
    ids: Vec<String>,
    /// The table's widest cells, header included.
    widths: [usize; 5],
}

const TABLE_HEADER: [&str; 5] = ["date", "vendor", "event", "what", "where"];

/// Renders one vendor's events for `format` (on the thread that judged the vendor).
pub fn render(
    format: CalendarFormat,
    as_of: Date,
    mut events: Vec<Event>,
) -> io::Result<VendorEvents> {
    calendar::sort(&mut events);
    let mut rendered = Vec::with_capacity(events.len());
    for e in events {
        let mut widths = [0; 5];
        let text = match format {
            CalendarFormat::Json => {
                let pretty = serde_json::to_vec_pretty(&e).map_err(io::Error::other)?;
                let mut text = Vec::new();
                spool::indented(&pretty, 4, true, &mut text);
                text
            }
            CalendarFormat::Ics => calendar::ics_event(&e, as_of).into_bytes(),
            CalendarFormat::Table => {
                let mut text = Vec::new();
                for (i, cell) in table_cells(&e).iter().enumerate() {
                    widths[i] = content_width(cell);
                    text.extend_from_slice(&(cell.len() as u32).to_le_bytes());
                    text.extend_from_slice(cell.as_bytes());
                }
                text
            }
        };
        rendered.push(RenderedEvent {
            date: e.date,
            kind: e.kind,
            vendor: e.vendor,
            text,
            what: e.what,
            widths,
        });
    }
    Ok(VendorEvents { events: rendered })
}

/// An event's row of the table.
fn table_cells(e: &Event) -> [String; 5] {
    [
        e.date.to_string(),
        e.vendor.clone(),
        e.kind.label().to_string(),
        match e.question {
            Some(q) => format!("{}\nask now: {q}", e.what),
            None => e.what.clone(),
        },
        e.location.clone(),
    ]
}

impl Calendar {
    pub fn new(format: CalendarFormat, as_of: Date, until: Date) -> Calendar {
        Calendar {
            format,
            as_of,
            until,
            spool: Spool::new(),
            keys: Vec::new(),
            ids: Vec::new(),
            widths: TABLE_HEADER.map(content_width),
        }
    }

    /// Takes one vendor's events, in path order.
    pub fn take(&mut self, vendor: VendorEvents) -> io::Result<()> {
        let Some(first) = vendor.events.first() else {
            return Ok(());
        };
        let index = u32::try_from(self.ids.len()).map_err(io::Error::other)?;
        self.ids.push(first.vendor.clone());
        for e in vendor.events {
            let len = |n: usize| u32::try_from(n).map_err(io::Error::other);
            self.keys.push(EventKey {
                date: e.date,
                kind: e.kind,
                vendor: index,
                at: self.spool.len,
                len: len(e.text.len())?,
                what_len: len(e.what.len())?,
            });
            self.spool.write_all(&e.text)?;
            self.spool.write_all(e.what.as_bytes())?;
            for (w, e) in self.widths.iter_mut().zip(e.widths) {
                *w = (*w).max(e);
            }
        }
        Ok(())
    }

    /// Orders the events as [`calendar::sort`] does: by date, vendor id, kind and text. Each
    /// vendor's events were taken in that order, and the sort is stable; only vendors that share
    /// an id (an input error) need their texts compared.
    fn order(&mut self) -> io::Result<()> {
        let mut positions: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
        let mut shared = std::collections::HashSet::new();
        for (i, id) in self.ids.iter().enumerate() {
            if let Some(first) = positions.insert(id, i as u32) {
                shared.insert(first);
                shared.insert(i as u32);
            }
        }
        drop(positions);
        let mut whats: std::collections::HashMap<u64, String> = std::collections::HashMap::new();
        if !shared.is_empty() {
            let mut bytes = Vec::new();
            for k in self.keys.iter().filter(|k| shared.contains(&k.vendor)) {
                self.spool
                    .read_at(k.at + u64::from(k.len), k.what_len, &mut bytes)?;
                whats.insert(k.at, String::from_utf8_lossy(&bytes).into_owned());
            }
        }
        let ids = &self.ids;
        self.keys.sort_by(|x, y| {
            x.date
                .cmp(&y.date)
                .then_with(|| ids[x.vendor as usize].cmp(&ids[y.vendor as usize]))
                .then_with(|| x.kind.cmp(&y.kind))
                // Known only for vendors that share an id (and so for both, when the ids are
                // the same); a vendor's own events are already in order.
                .then_with(|| match (whats.get(&x.at), whats.get(&y.at)) {
                    (Some(a), Some(b)) => a.cmp(b),
                    _ => std::cmp::Ordering::Equal,
                })
        });
        Ok(())
    }

    /// Writes the calendar, its events in order.
    pub fn finish(mut self, out: &mut dyn Write) -> io::Result<()> {
        self.order()?;
        let keys = std::mem::take(&mut self.keys);
        let mut bytes = Vec::new();
        match self.format {
            CalendarFormat::Json => {
                let string = |d: Date| serde_json::to_string(&d.to_string());
                write!(
                    out,
                    "{{\n  \"as_of\": {},\n  \"until\": {},\n  \"events\": ",
                    string(self.as_of).map_err(io::Error::other)?,
                    string(self.until).map_err(io::Error::other)?,
                )?;
                if keys.is_empty() {
                    out.write_all(b"[]")?;
                } else {
                    out.write_all(b"[")?;
                    for (i, k) in keys.iter().enumerate() {
                        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
                        self.spool.read_at(k.at, k.len, &mut bytes)?;
                        out.write_all(&bytes)?;
                    }
                    out.write_all(b"\n  ]")?;
                }
                out.write_all(b"\n}\n")
            }
            CalendarFormat::Ics => {
                out.write_all(calendar::ics_head().as_bytes())?;
                for k in &keys {
                    self.spool.read_at(k.at, k.len, &mut bytes)?;
                    out.write_all(&bytes)?;
                }
                out.write_all(calendar::ics_tail().as_bytes())
            }
            CalendarFormat::Table => {
                writeln!(
                    out,
                    "{} from {} to {}",
                    crate::rules::plural_pub(keys.len(), "event"),
                    self.as_of,
                    self.until
                )?;
                let table = |header: bool| {
                    let mut table = Table::new();
                    table.load_style(presets::UTF8_FULL_CONDENSED);
                    table.force_no_tty();
                    if header {
                        table.set_header(TABLE_HEADER.to_vec());
                    }
                    table
                };
                let mut next = keys.iter();
                let spool = &mut self.spool;
                super::fixed_table::write(
                    &table,
                    &self.widths,
                    &mut || {
                        let Some(k) = next.next() else {
                            return Ok(None);
                        };
                        spool.read_at(k.at, k.len, &mut bytes)?;
                        Ok(Some(cells(&bytes)?))
                    },
                    out,
                )
            }
        }
    }
}

/// A table row as rendered by [`render`].
fn cells(mut bytes: &[u8]) -> io::Result<Vec<Cell>> {
    let mut cells = Vec::with_capacity(5);
    while bytes.len() >= 4 {
        let len = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize;
        let text = bytes
            .get(4..4 + len)
            .ok_or_else(|| io::Error::other("a spooled row is cut short"))?;
        cells.push(Cell::new(
            std::str::from_utf8(text).map_err(io::Error::other)?,
        ));
        bytes = &bytes[4 + len..];
    }
    Ok(cells)
}
