//! JSON written member by member into a buffer, byte for byte as serde_json writes it (compact,
//! or pretty at any depth), for the parts of a report written once per finding: naming each
//! member and escaping each string through serde's machinery was a sixth of a JSON Lines run.
//! Anything else is handed to serde_json at the depth it stands at ([`Out::serde`]).

use std::io;

use serde::Serialize;

/// A JSON writer over a buffer. The caller writes a member's name ([`Out::key`]) or an array's
/// element ([`Out::element`]), then its value; [`Out::open`] and [`Out::close`] nest.
pub struct Out<'b> {
    pub buf: &'b mut Vec<u8>,
    pretty: bool,
    /// How many containers are open (serde_json's `current_indent`, counted from the depth the
    /// writer started at).
    depth: usize,
    /// Whether the innermost open container has a value yet (serde_json's `has_value`).
    has_value: bool,
}

impl<'b> Out<'b> {
    /// One line, no spaces (`serde_json::to_writer`).
    pub fn compact(buf: &'b mut Vec<u8>) -> Out<'b> {
        Out {
            buf,
            pretty: false,
            depth: 0,
            has_value: false,
        }
    }

    /// Two spaces a level (`serde_json::to_writer_pretty`), the first value written as it
    /// reads `depth` levels down.
    pub fn pretty_at(buf: &'b mut Vec<u8>, depth: usize) -> Out<'b> {
        Out {
            buf,
            pretty: true,
            depth,
            has_value: false,
        }
    }

    pub fn depth(&self) -> usize {
        self.depth
    }

    pub fn is_pretty(&self) -> bool {
        self.pretty
    }

    #[inline]
    fn indent(&mut self) {
        self.buf.extend(std::iter::repeat_n(b' ', 2 * self.depth));
    }

    #[inline]
    fn separate(&mut self) {
        if self.pretty {
            self.buf
                .extend_from_slice(if self.has_value { b",\n" } else { b"\n" });
            self.indent();
        } else if self.has_value {
            self.buf.push(b',');
        }
    }

    /// The name of the next member; `name` needs no escaping (a field name of ours). Inlined,
    /// so that the name's length is known where it is copied: it is written for every member
    /// of every finding.
    #[inline(always)]
    pub fn key(&mut self, name: &str) {
        debug_assert!(!name.bytes().any(needs_escape), "{name}");
        if self.pretty {
            return self.pretty_key(name);
        }
        self.buf.reserve(name.len() + 4);
        if self.has_value {
            self.buf.push(b',');
        }
        self.buf.push(b'"');
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.extend_from_slice(b"\":");
    }

    #[inline(never)]
    fn pretty_key(&mut self, name: &str) {
        self.separate();
        self.buf.push(b'"');
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.extend_from_slice(b"\": ");
    }

    /// The start of the next element of an array.
    #[inline]
    pub fn element(&mut self) {
        self.separate();
    }

    /// Opens an object (`b'{'`) or an array (`b'['`).
    #[inline]
    pub fn open(&mut self, bracket: u8) {
        self.buf.push(bracket);
        self.depth += 1;
        self.has_value = false;
    }

    /// Closes what [`Out::open`] opened: `b'}'` or `b']'`.
    #[inline]
    pub fn close(&mut self, bracket: u8) {
        self.depth -= 1;
        if self.pretty && self.has_value {
            self.buf.push(b'\n');
            self.indent();
        }
        self.buf.push(bracket);
        self.has_value = true;
    }

    /// A string value.
    #[inline]
    pub fn str(&mut self, value: &str) {
        self.buf.push(b'"');
        escape_into(self.buf, value);
        self.buf.push(b'"');
        self.has_value = true;
    }

    /// A string value made of `parts`, one after the other.
    pub fn str_of(&mut self, parts: &[&str]) {
        self.buf.push(b'"');
        for part in parts {
            escape_into(self.buf, part);
        }
        self.buf.push(b'"');
        self.has_value = true;
    }

    /// A number.
    #[inline]
    pub fn uint(&mut self, value: usize) {
        self.buf
            .extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
        self.has_value = true;
    }

    /// A value already written as JSON for this place (and this depth, when pretty).
    #[inline]
    pub fn raw(&mut self, json: &[u8]) {
        self.buf.extend_from_slice(json);
        self.has_value = true;
    }

    /// Any value, through serde_json, laid out for where it stands.
    pub fn serde<T: Serialize + ?Sized>(&mut self, value: &T) -> io::Result<()> {
        if self.pretty {
            let formatter = PrettyAt {
                current_indent: self.depth,
                has_value: false,
            };
            value.serialize(&mut serde_json::Serializer::with_formatter(
                &mut *self.buf,
                formatter,
            ))?;
        } else {
            serde_json::to_writer(&mut *self.buf, value)?;
        }
        self.has_value = true;
        Ok(())
    }
}

/// A unit variant's JSON text (`"not_applicable"`), serialised once per variant: `index` is
/// the variant's place in its enum, below `memo`'s length.
pub fn variant<T: Serialize>(
    value: &T,
    index: usize,
    memo: &'static [std::sync::OnceLock<Box<[u8]>>],
) -> &'static [u8] {
    memo[index].get_or_init(|| {
        serde_json::to_vec(value)
            .expect("a unit variant serialises")
            .into()
    })
}

/// serde_json's `PrettyFormatter` (two spaces), starting `current_indent` levels down.
struct PrettyAt {
    current_indent: usize,
    has_value: bool,
}

impl PrettyAt {
    fn indent<W: ?Sized + io::Write>(&self, writer: &mut W) -> io::Result<()> {
        for _ in 0..self.current_indent {
            writer.write_all(b"  ")?;
        }
        Ok(())
    }
}

impl PrettyAt {
    fn open<W: ?Sized + io::Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.current_indent += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn close<W: ?Sized + io::Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.current_indent -= 1;
        if self.has_value {
            writer.write_all(b"\n")?;
            self.indent(writer)?;
        }
        writer.write_all(bracket)
    }

    fn next<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        writer.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(writer)
    }
}

impl serde_json::ser::Formatter for PrettyAt {
    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.next(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.next(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Whether serde_json escapes this byte in a string: `"`, `\` and the control characters
/// below U+0020 (not U+007F, and nothing outside ASCII).
fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// Appends `text` escaped as serde_json escapes a string's contents. Eight bytes are looked at
/// at a time; most text has nothing to escape and is copied in one piece.
pub fn escape_into(buf: &mut Vec<u8>, text: &str) {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    /// Whether a byte of `word` is below `n` (n ≤ 128): exact as a yes/no for the word.
    fn has_below(word: u64, n: u8) -> bool {
        word.wrapping_sub(ONES * u64::from(n)) & !word & HIGHS != 0
    }
    fn has_byte(word: u64, byte: u8) -> bool {
        has_below(word ^ (ONES * u64::from(byte)), 1)
    }
    let bytes = text.as_bytes();
    // Whole words with nothing to escape are copied together.
    let mut clean = 0;
    while let Some(chunk) = bytes.get(clean..clean + 8) {
        let word = u64::from_ne_bytes(chunk.try_into().expect("eight bytes"));
        if has_below(word, 0x20) || has_byte(word, b'"') || has_byte(word, b'\\') {
            break;
        }
        clean += 8;
    }
    buf.extend_from_slice(&bytes[..clean]);
    let rest = &bytes[clean..];
    let mut start = 0;
    for (i, &byte) in rest.iter().enumerate() {
        if !needs_escape(byte) {
            continue;
        }
        buf.extend_from_slice(&rest[start..i]);
        start = i + 1;
        match byte {
            b'"' => buf.extend_from_slice(b"\\\""),
            b'\\' => buf.extend_from_slice(b"\\\\"),
            b'\x08' => buf.extend_from_slice(b"\\b"),
            b'\x0c' => buf.extend_from_slice(b"\\f"),
            b'\n' => buf.extend_from_slice(b"\\n"),
            b'\r' => buf.extend_from_slice(b"\\r"),
            b'\t' => buf.extend_from_slice(b"\\t"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                buf.extend_from_slice(b"\\u00");
                buf.push(HEX[usize::from(byte >> 4)]);
                buf.push(HEX[usize::from(byte & 0xf)]);
            }
        }
    }
    buf.extend_from_slice(&rest[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut buf = vec![b'"'];
        escape_into(&mut buf, text);
        buf.push(b'"');
        String::from_utf8(buf).expect("escaping keeps UTF-8")
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        // Every ASCII character and a few beyond, at every offset within and across a word.
        let mut specials: Vec<String> = (0u8..=0x7f).map(|b| char::from(b).to_string()).collect();
        specials.extend(["é", "€", "😀", "\u{2028}", "\u{ffff}"].map(String::from));
        for special in &specials {
            for before in 0..17 {
                for after in [0, 1, 7, 8, 9] {
                    let text = format!("{}{special}{}", "a".repeat(before), "z".repeat(after));
                    assert_eq!(
                        escaped(&text),
                        serde_json::to_string(&text).unwrap(),
                        "{text:?}"
                    );
                }
            }
        }
        let mixed = "line one\nline \"two\"\t\\ three\u{1}\u{1f}é end of the text";
        assert_eq!(escaped(mixed), serde_json::to_string(mixed).unwrap());
        assert_eq!(escaped(""), "\"\"");
    }

    proptest::proptest! {
        #[test]
        fn any_string_is_escaped_as_serde_json_escapes_it(text in ".*", ascii in "[\\x00-\\x7f]*") {
            proptest::prop_assert_eq!(escaped(&text), serde_json::to_string(&text).unwrap());
            proptest::prop_assert_eq!(escaped(&ascii), serde_json::to_string(&ascii).unwrap());
        }
    }

    #[derive(Serialize)]
    struct Inner {
        list: Vec<u32>,
        empty: Vec<u32>,
        object: std::collections::BTreeMap<&'static str, &'static str>,
    }

    /// The same document written member by member and by serde_json, compact and pretty, at
    /// the top and nested.
    #[test]
    fn members_written_one_by_one_are_serde_jsons_document() {
        #[derive(Serialize)]
        struct Whole<'a> {
            name: &'a str,
            count: usize,
            items: Vec<Inner>,
            none: Vec<Inner>,
        }
        let inner = || Inner {
            list: vec![1, 2],
            empty: vec![],
            object: [("a", "b\"c")].into_iter().collect(),
        };
        let whole = Whole {
            name: "x\ny",
            count: 42,
            items: vec![inner(), inner()],
            none: vec![],
        };
        let write = |out: &mut Out| {
            out.open(b'{');
            out.key("name");
            out.str(whole.name);
            out.key("count");
            out.uint(whole.count);
            out.key("items");
            out.open(b'[');
            for item in &whole.items {
                out.element();
                out.serde(item).unwrap();
            }
            out.close(b']');
            out.key("none");
            out.open(b'[');
            out.close(b']');
            out.close(b'}');
        };
        let mut compact = Vec::new();
        write(&mut Out::compact(&mut compact));
        assert_eq!(
            String::from_utf8(compact).unwrap(),
            serde_json::to_string(&whole).unwrap()
        );
        let mut pretty = Vec::new();
        write(&mut Out::pretty_at(&mut pretty, 0));
        assert_eq!(
            String::from_utf8(pretty).unwrap(),
            serde_json::to_string_pretty(&whole).unwrap()
        );
        // Two levels down: serde_json's text with two more indents on each line after the first.
        let mut deep = Vec::new();
        write(&mut Out::pretty_at(&mut deep, 2));
        assert_eq!(
            String::from_utf8(deep).unwrap(),
            serde_json::to_string_pretty(&whole)
                .unwrap()
                .replace('\n', "\n    ")
        );
    }
}
