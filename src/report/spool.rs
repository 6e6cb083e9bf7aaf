//! A spool: the part of a report that is written before what must precede it is known (a JSON
//! report's totals come before its vendors, a JUnit document's counts before its suites). The
//! part goes to an unnamed temporary file as vendors are evaluated and is copied into the report
//! at the end, so memory does not grow with the portfolio.

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};

/// An unnamed temporary file (removed by the system when closed) written through a buffer.
pub struct Spool {
    file: Option<BufWriter<File>>,
    /// Bytes written so far.
    pub len: u64,
}

impl Spool {
    /// A spool that creates its file on the first write (most runs leave some spools empty).
    pub fn new() -> Spool {
        Spool { file: None, len: 0 }
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Copies everything written, from byte `from` on, to `out`.
    pub fn copy_to(&mut self, from: u64, out: &mut dyn Write) -> io::Result<()> {
        let Some(file) = self.file.as_mut() else {
            return Ok(());
        };
        file.flush()?;
        let file = file.get_mut();
        file.seek(SeekFrom::Start(from))?;
        let mut buffer = vec![0u8; 256 * 1024];
        loop {
            let n = match file.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            out.write_all(&buffer[..n])?;
        }
        file.seek(SeekFrom::End(0))?;
        Ok(())
    }
}

impl Spool {
    /// Reads everything written, from the start, through `read` (the next writes still append).
    pub fn read_all(
        &mut self,
        read: &mut dyn FnMut(&mut dyn Read) -> io::Result<()>,
    ) -> io::Result<()> {
        let Some(file) = self.file.as_mut() else {
            return read(&mut io::empty());
        };
        file.flush()?;
        let file = file.get_mut();
        file.seek(SeekFrom::Start(0))?;
        let result = read(&mut io::BufReader::with_capacity(256 * 1024, &mut *file));
        file.seek(SeekFrom::End(0))?;
        result
    }

    /// Reads `len` bytes written at `at` into `into` (replacing what it held).
    pub fn read_at(&mut self, at: u64, len: u32, into: &mut Vec<u8>) -> io::Result<()> {
        into.clear();
        into.resize(len as usize, 0);
        if len == 0 {
            return Ok(());
        }
        let Some(file) = self.file.as_mut() else {
            return Err(io::Error::other("nothing was written to the spool"));
        };
        file.flush()?;
        let file = file.get_mut();
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileExt;
            file.read_exact_at(into, at)
        }
        #[cfg(not(unix))]
        {
            file.seek(SeekFrom::Start(at))?;
            file.read_exact(into)?;
            file.seek(SeekFrom::End(0))?;
            Ok(())
        }
    }
}

impl Default for Spool {
    fn default() -> Spool {
        Spool::new()
    }
}

impl Write for Spool {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if bytes.is_empty() {
            return Ok(0);
        }
        let file = match &mut self.file {
            Some(file) => file,
            None => self
                .file
                .insert(BufWriter::with_capacity(256 * 1024, tempfile::tempfile()?)),
        };
        let n = file.write(bytes)?;
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.as_mut().map_or(Ok(()), Write::flush)
    }
}

/// Writes `pretty` (a value serialised by serde_json's pretty printer at depth 0) as it reads
/// `indent` spaces deeper, its first line included when `first` is set. The pretty printer's
/// line breaks are all structural (a string's line break is escaped), so indenting each line
/// reproduces the printer's own output at that depth.
pub fn indented(pretty: &[u8], indent: usize, first: bool, out: &mut Vec<u8>) {
    out.reserve(pretty.len() + pretty.len() / 4);
    if first {
        out.extend(std::iter::repeat_n(b' ', indent));
    }
    let mut rest = pretty;
    while let Some(at) = memchr::memchr(b'\n', rest) {
        out.extend_from_slice(&rest[..=at]);
        out.extend(std::iter::repeat_n(b' ', indent));
        rest = &rest[at + 1..];
    }
    out.extend_from_slice(rest);
}

/// Writes the items of a JSON array whose elements were spooled (each already indented, the
/// ones after the first preceded by `,`), as serde_json's pretty printer closes an array at
/// `indent` spaces: `[]` when there is none.
pub fn array(items: &mut Spool, indent: usize, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"[")?;
    if !items.is_empty() {
        items.copy_to(0, out)?;
        out.write_all(b"\n")?;
        out.write_all(&b" ".repeat(indent))?;
    }
    out.write_all(b"]")
}

/// Appends one element to a spooled JSON array (see [`array`]).
pub fn push_item(items: &mut Spool, item: &[u8]) -> io::Result<()> {
    let first = items.is_empty();
    write_item(items, item, first)
}

/// Writes one element of a JSON array of pretty-printed elements, as serde_json's pretty
/// printer does: a line of its own, after a comma unless it is the `first`.
pub fn write_item(out: &mut dyn Write, item: &[u8], first: bool) -> io::Result<()> {
    out.write_all(if first { b"\n" } else { b",\n" })?;
    out.write_all(item)
}

/// Moves the bytes of `file` from offset `from` to its end so that they start at `to`, in
/// blocks of `block` bytes: the file grows or shrinks by the difference, and what lies before
/// the lesser of the two is left as it was.
pub fn shift_tail(file: &File, from: u64, to: u64, block: usize) -> io::Result<()> {
    let len = file.metadata()?.len().saturating_sub(from);
    let block = block.max(1) as u64;
    let mut buffer = vec![0u8; block as usize];
    // Moves the `n` bytes at `at` (from the start of the tail).
    let mut step = |at: u64, n: u64| -> io::Result<()> {
        let piece = &mut buffer[..n as usize];
        read_exact_at(file, piece, from + at)?;
        write_all_at(file, piece, to + at)
    };
    if to < from {
        // Towards the start: front first, so nothing is overwritten before it is moved.
        let mut done = 0;
        while done < len {
            let n = (len - done).min(block);
            step(done, n)?;
            done += n;
        }
    } else if to > from {
        // Towards the end: back first.
        let mut left = len;
        while left > 0 {
            let at = left.saturating_sub(block);
            step(at, left - at)?;
            left = at;
        }
    }
    if to != from {
        file.set_len(to + len)?;
    }
    Ok(())
}

#[cfg(unix)]
fn read_exact_at(file: &File, into: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, into, at)
}

#[cfg(unix)]
pub(super) fn write_all_at(file: &File, bytes: &[u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, at)
}

#[cfg(not(unix))]
fn read_exact_at(mut file: &File, into: &mut [u8], at: u64) -> io::Result<()> {
    file.seek(SeekFrom::Start(at))?;
    file.read_exact(into)
}

#[cfg(not(unix))]
pub(super) fn write_all_at(mut file: &File, bytes: &[u8], at: u64) -> io::Result<()> {
    file.seek(SeekFrom::Start(at))?;
    file.write_all(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tail_moves_either_way_whatever_the_block() {
        let text: Vec<u8> = (0..40u8).map(|i| b'a' + i % 26).collect();
        for len in [0usize, 1, 7, 40] {
            for (from, to) in [(3u64, 0u64), (3, 5), (10, 3), (0, 9), (4, 4)] {
                for block in [1, 3, 8, 1 << 20] {
                    let mut file = tempfile::tempfile().unwrap();
                    let original = &text[..len.max(from as usize)];
                    file.write_all(original).unwrap();
                    shift_tail(&file, from, to, block).unwrap();
                    let mut after = Vec::new();
                    file.seek(SeekFrom::Start(0)).unwrap();
                    file.read_to_end(&mut after).unwrap();
                    let tail = &original[from as usize..];
                    let case = format!("len {len}, {from} → {to}, block {block}");
                    assert_eq!(after.len(), to as usize + tail.len(), "{case}");
                    assert_eq!(&after[to as usize..], tail, "{case}");
                    let kept = from.min(to) as usize;
                    assert_eq!(&after[..kept], &original[..kept], "{case}");
                }
            }
        }
    }
}
