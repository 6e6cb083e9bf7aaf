//! The JSON report (docs/json-report.md). Field names are a public contract; `report_version`
//! changes when they do.

use std::io::{self, Write};

use serde::Serialize;

use crate::engine::{Finding, Severity};
use crate::portfolio::{RunReport, VendorOutcome};

use std::sync::OnceLock;

use super::json_out::{Out, variant};
use super::spool::{write_all_at, write_item};
use super::{Render, Totals};

/// Version of the JSON report layout.
pub const REPORT_VERSION: u32 = 1;

/// `--format json`. Each vendor is serialised on a worker thread, indented as a member of
/// `vendors`; the totals, known only at the end, come before the vendors. Written to a stream,
/// the vendors wait in a spool until the totals are known. Written to a file of its own
/// (`--output`), they go straight into it, after room kept for the opening ([`InPlace`]).
#[derive(Default)]
pub struct JsonReport {
    place: Option<InPlace>,
}

/// The file a JSON report is written into (`--output`): a second handle on the new file the
/// report is written through, which shares its offset. The first vendors are held until the
/// share of them that pass, fail and are invalid gives the digits of the run's totals, and so
/// the length of the opening; that much room is left at the start of the file, the vendors
/// follow, and the opening is written into the room at the end. Where the totals turn out to
/// need another length, the vendors are moved to fit it (one more copy of them: what the spool
/// costs every time).
pub struct InPlace {
    file: std::fs::File,
    /// The run's vendors (counted before the first is evaluated).
    vendors: usize,
    as_of: crate::evidence::Date,
    policy: String,
    /// Vendors held before the room is kept (see [`HOLD_BYTES`]).
    hold: usize,
    /// How the last opening was placed, for the tests.
    #[cfg(test)]
    placed: std::sync::Mutex<Option<Placed>>,
}

/// Vendors held, at most, to count the first of a run.
const HOLD_VENDORS: usize = 64;
/// Bytes of vendors held, at most (64 vendors are about 3.5 MB at the generated set's size).
const HOLD_BYTES: usize = 8 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Placed {
    /// Every vendor was held: the opening was written first.
    Whole,
    /// The room kept fitted the opening.
    Fitted,
    /// The vendors were moved by this many bytes to fit the opening.
    Moved(i64),
}

impl JsonReport {
    /// A JSON report written into `file` (the new file the report goes to, through another
    /// handle), for a run of `vendors` vendors at `as_of` under `policy`; without a handle on the
    /// file, it is spooled.
    pub fn into_file(
        file: Option<std::fs::File>,
        vendors: usize,
        as_of: crate::evidence::Date,
        policy: String,
    ) -> JsonReport {
        let place = file.map(|file| InPlace {
            file,
            vendors,
            as_of,
            policy,
            hold: HOLD_VENDORS,
            #[cfg(test)]
            placed: std::sync::Mutex::new(None),
        });
        JsonReport { place }
    }
}

impl Render for JsonReport {
    fn render(&self, report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
        super::render_streamed(self, report, out)
    }
}

/// The members before `vendors`: what the streamed report writes last and puts first.
#[derive(Serialize)]
struct JsonHead<'a> {
    report_version: u32,
    tool: Tool,
    as_of: String,
    policy: &'a str,
    summary: Summary,
}

/// Where the vendors of a JSON report wait for the totals.
pub enum JsonSink {
    Spool(super::spool::Spool),
    InPlace {
        /// The first vendors, not yet written.
        held: Vec<Vec<u8>>,
        held_bytes: usize,
        /// The counts of the vendors taken so far.
        seen: Totals,
        /// The length of the room kept for the opening, once vendors are written.
        room: Option<usize>,
    },
}

impl super::Streamed for JsonReport {
    type Piece = (Totals, io::Result<Vec<u8>>);
    type Sink = JsonSink;

    fn sink(&self) -> Self::Sink {
        match self.place {
            None => JsonSink::Spool(super::spool::Spool::new()),
            Some(_) => JsonSink::InPlace {
                held: Vec::new(),
                held_bytes: 0,
                seen: Totals::default(),
                room: None,
            },
        }
    }

    fn piece(
        &self,
        _position: usize,
        outcome: &VendorOutcome,
        _loaded: Option<crate::portfolio::Loaded<'_>>,
    ) -> Self::Piece {
        let mut item = Vec::with_capacity(64 * 1024);
        item.extend_from_slice(&[b' '; 2 * VENDOR_DEPTH]);
        let mut out = Out::pretty_at(&mut item, VENDOR_DEPTH);
        out.open(b'{');
        let written = vendor_members(&mut out, outcome);
        out.close(b'}');
        (Totals::of(outcome), written.map(|()| item))
    }

    fn take(
        &self,
        sink: &mut Self::Sink,
        (counts, piece): Self::Piece,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let piece = piece?;
        let (held, held_bytes, seen, room) = match sink {
            JsonSink::Spool(spool) => return super::spool::push_item(spool, &piece),
            JsonSink::InPlace {
                held,
                held_bytes,
                seen,
                room,
            } => (held, held_bytes, seen, room),
        };
        let place = self.place()?;
        seen.merge(counts);
        if room.is_some() {
            return write_item(out, &piece, false);
        }
        *held_bytes += piece.len();
        held.push(piece);
        if held.len() < place.hold && *held_bytes < HOLD_BYTES {
            return Ok(());
        }
        let kept = opening(place.as_of, &place.policy, &estimate(seen, place.vendors))?.len();
        out.write_all(&vec![b' '; kept])?;
        for (k, piece) in held.drain(..).enumerate() {
            write_item(out, &piece, k == 0)?;
        }
        *held = Vec::new();
        *room = Some(kept);
        Ok(())
    }

    fn finish(&self, sink: Self::Sink, end: &super::RunEnd, out: &mut dyn Write) -> io::Result<()> {
        let opening = opening(end.as_of, end.policy, &end.totals)?;
        let any = match sink {
            JsonSink::Spool(mut spool) => {
                out.write_all(&opening)?;
                spool.copy_to(0, out)?;
                !spool.is_empty()
            }
            JsonSink::InPlace {
                held, room: None, ..
            } => {
                self.note(|| Placed::Whole);
                out.write_all(&opening)?;
                for (k, piece) in held.iter().enumerate() {
                    write_item(out, piece, k == 0)?;
                }
                !held.is_empty()
            }
            JsonSink::InPlace {
                room: Some(room), ..
            } => {
                let file = &self.place()?.file;
                out.flush()?;
                if opening.len() != room {
                    self.note(|| Placed::Moved(opening.len() as i64 - room as i64));
                    super::spool::shift_tail(file, room as u64, opening.len() as u64, 1 << 20)?;
                } else {
                    self.note(|| Placed::Fitted);
                }
                write_all_at(file, &opening, 0)?;
                io::Seek::seek(&mut &*file, io::SeekFrom::End(0))?;
                true
            }
        };
        out.write_all(if any { b"\n  ]" } else { b"]" })?;
        out.write_all(b",\n  \"input_errors\": ")?;
        let mut errors = Vec::new();
        super::spool::indented(
            &serde_json::to_vec_pretty(end.errors)?,
            2,
            false,
            &mut errors,
        );
        out.write_all(&errors)?;
        out.write_all(b"\n}\n")
    }
}

impl JsonReport {
    /// The file it is written into (an in-place sink is made only with one).
    fn place(&self) -> io::Result<&InPlace> {
        self.place
            .as_ref()
            .ok_or_else(|| io::Error::other("a JSON report has no file to be placed in"))
    }

    /// Records how the opening was placed (for the tests).
    fn note(&self, _placed: impl FnOnce() -> Placed) {
        #[cfg(test)]
        if let Some(place) = &self.place {
            *place.placed.lock().unwrap() = Some(_placed());
        }
    }
}

/// The report up to its vendors: the members before `vendors`, then `"vendors": [`.
fn opening(as_of: crate::evidence::Date, policy: &str, totals: &Totals) -> io::Result<Vec<u8>> {
    let mut head = serde_json::to_vec_pretty(&JsonHead {
        report_version: REPORT_VERSION,
        tool: Tool {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        },
        as_of: as_of.to_string(),
        policy,
        summary: Summary {
            vendors: totals.vendors,
            passed: totals.passed,
            failed: totals.failed,
            invalid: totals.invalid,
        },
    })?;
    // Without the closing `\n}`.
    head.truncate(head.len() - 2);
    head.extend_from_slice(b",\n  \"vendors\": [");
    Ok(head)
}

/// The totals of a run of `vendors` vendors, guessed from the counts of its first vendors.
fn estimate(seen: &Totals, vendors: usize) -> Totals {
    let scale = |n: usize| (n as u128 * vendors as u128 / seen.vendors.max(1) as u128) as usize;
    Totals {
        vendors,
        passed: scale(seen.passed),
        failed: scale(seen.failed),
        invalid: scale(seen.invalid),
    }
}

/// `--format jsonl`: each vendor's line is serialised on a worker thread and written as soon as
/// its turn comes.
pub struct JsonlReport {
    pub as_of: crate::evidence::Date,
}

impl super::Streamed for JsonlReport {
    type Piece = io::Result<Vec<u8>>;
    type Sink = ();

    fn sink(&self) {}

    fn piece(
        &self,
        _position: usize,
        outcome: &VendorOutcome,
        _loaded: Option<crate::portfolio::Loaded<'_>>,
    ) -> Self::Piece {
        let mut line = Vec::with_capacity(32 * 1024);
        write_jsonl_line(&mut line, outcome, self.as_of)?;
        Ok(line)
    }

    fn take(&self, _sink: &mut (), piece: Self::Piece, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(&piece?)
    }

    fn finish(&self, _sink: (), _end: &super::RunEnd, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Summary {
    vendors: usize,
    passed: usize,
    failed: usize,
    invalid: usize,
}

/// One line of `--format jsonl`: a vendor object as in the JSON report's `vendors`, with the
/// report version and as-of date first so each line stands alone.
pub fn write_jsonl_line(
    line: &mut Vec<u8>,
    outcome: &VendorOutcome,
    as_of: crate::evidence::Date,
) -> io::Result<()> {
    let mut out = Out::compact(line);
    out.open(b'{');
    out.key("report_version");
    out.uint(REPORT_VERSION as usize);
    out.key("as_of");
    out.str(&as_of.to_string());
    vendor_members(&mut out, outcome)?;
    out.close(b'}');
    line.push(b'\n');
    Ok(())
}

/// The depth of a vendor object in the JSON report: an element of `vendors`, a member of the
/// report.
const VENDOR_DEPTH: usize = 2;

/// The members of a vendor object, after any the caller wrote. Written member by member (see
/// `json_out`): the field names are the report's contract, docs/json-report.md.
fn vendor_members(out: &mut Out<'_>, outcome: &VendorOutcome) -> io::Result<()> {
    match outcome {
        VendorOutcome::Invalid { file, errors } => {
            out.key("file");
            out.str(&file.display().to_string());
            out.key("verdict");
            out.str("invalid");
            out.key("input_errors");
            out.serde(errors)?;
        }
        VendorOutcome::Evaluated(v) => {
            let file = v.file.display().to_string();
            out.key("id");
            out.str(&v.id);
            out.key("name");
            out.str(&v.name);
            out.key("file");
            out.str(&file);
            out.key("policy");
            out.str(&v.policy);
            out.key("verdict");
            out.serde(&v.verdict)?;
            out.key("assurance");
            out.serde(&v.assurance())?;
            out.key("errors");
            out.uint(v.count(Severity::Error));
            out.key("warnings");
            out.uint(v.count(Severity::Warning));
            out.key("findings");
            out.open(b'[');
            // The file name, escaped once for every finding's location.
            let mut quoted = Vec::with_capacity(file.len() + 2);
            Out::compact(&mut quoted).str(&file);
            for f in &v.findings {
                out.element();
                finding(out, f, &quoted)?;
            }
            out.close(b']');
        }
    }
    Ok(())
}

/// The depth of a finding's members in the JSON report (vendor, `findings`, the finding).
const FINDING_MEMBER_DEPTH: usize = VENDOR_DEPTH + 3;

/// What a finding repeats from its rule, as JSON, rendered once per rule: the title, the
/// question, the obligations (a third of a JSON Lines report's bytes) and the AI gap. The
/// pretty texts are laid out for a finding's members in the JSON report.
struct RuleJson {
    framework: Box<[u8]>,
    title: Box<[u8]>,
    question: Box<[u8]>,
    obligations: [Box<[u8]>; 2],
    ai_gap: Option<[Box<[u8]>; 2]>,
}

impl RuleJson {
    fn of(rule: &'static crate::rules::Rule) -> &'static RuleJson {
        type Rendered = rustc_hash::FxHashMap<&'static str, RuleJson>;
        static RENDERED: std::sync::LazyLock<Rendered> = std::sync::LazyLock::new(|| {
            fn both<T: Serialize + ?Sized>(value: &T) -> [Box<[u8]>; 2] {
                let mut pretty = Vec::new();
                let mut compact = Vec::new();
                let rendered = Out::pretty_at(&mut pretty, FINDING_MEMBER_DEPTH)
                    .serde(value)
                    .and_then(|()| Out::compact(&mut compact).serde(value));
                rendered.expect("a rule's texts serialise");
                [pretty.into(), compact.into()]
            }
            let quoted = |text: &str| -> Box<[u8]> {
                let mut buf = Vec::new();
                Out::compact(&mut buf).str(text);
                buf.into()
            };
            crate::rules::RULES
                .iter()
                .map(|rule| {
                    let obligations = crate::rules::crosswalk::ObligationRefs(rule.obligations);
                    let rendered = RuleJson {
                        framework: serde_json::to_vec(&rule.framework)
                            .expect("a unit variant serialises")
                            .into(),
                        title: quoted(rule.title),
                        question: quoted(rule.question),
                        obligations: both(&obligations),
                        ai_gap: rule.gap.as_ref().map(both),
                    };
                    (rule.id, rendered)
                })
                .collect()
        });
        &RENDERED[rule.id]
    }
}

/// A value rendered once per rule ([`RuleJson`]), written for this place: the compact text, or
/// the pretty one where it was laid out (a finding's member in the JSON report); anywhere else
/// `value` is serialised afresh.
fn rendered<T: Serialize + ?Sized>(
    out: &mut Out<'_>,
    texts: &[Box<[u8]>; 2],
    value: &T,
) -> io::Result<()> {
    let [pretty, compact] = texts;
    match (out.is_pretty(), out.depth() == FINDING_MEMBER_DEPTH) {
        (false, _) => out.raw(compact),
        (true, true) => out.raw(pretty),
        (true, false) => return out.serde(value),
    }
    Ok(())
}

/// One finding, as an element of a vendor's `findings`.
fn finding(out: &mut Out<'_>, f: &Finding, quoted_file: &[u8]) -> io::Result<()> {
    let rule = RuleJson::of(f.rule);
    out.open(b'{');
    out.key("rule");
    out.str(f.rule.id);
    out.key("framework");
    out.raw(&rule.framework);
    out.key("title");
    out.raw(&rule.title);
    type Memo = [OnceLock<Box<[u8]>>; 8];
    static STATUS: Memo = [const { OnceLock::new() }; 8];
    static LEVEL: Memo = [const { OnceLock::new() }; 8];
    static SEVERITY: Memo = [const { OnceLock::new() }; 8];
    out.key("status");
    out.raw(variant(&f.status, f.status as usize, &STATUS));
    out.key("level");
    out.raw(variant(&f.level, f.level as usize, &LEVEL));
    out.key("severity");
    out.raw(variant(&f.severity, f.severity as usize, &SEVERITY));
    if let Some(subject) = &f.subject {
        out.key("subject");
        out.str(subject);
    }
    out.key("message");
    out.str(&f.message);
    out.key("location");
    out.open(b'{');
    out.key("file");
    out.raw(quoted_file);
    out.key("line");
    out.uint(f.line);
    out.key("column");
    out.uint(f.column);
    if let Some(path) = &f.at {
        out.key("path");
        out.str(path);
    }
    out.close(b'}');
    if !f.matched.is_empty() {
        out.key("matched");
        out.open(b'[');
        for text in &f.matched {
            out.element();
            out.str(text);
        }
        out.close(b']');
    }
    let asked = f.needs_answer();
    if asked {
        out.key("question");
        out.raw(&rule.question);
    }
    out.key("obligations");
    rendered(
        out,
        &rule.obligations,
        &crate::rules::crosswalk::ObligationRefs(f.rule.obligations),
    )?;
    if let (true, Some(texts), Some(gap)) = (asked, &rule.ai_gap, &f.rule.gap) {
        out.key("ai_gap");
        rendered(out, texts, gap)?;
    }
    if let Some(waiver) = &f.waiver {
        out.key("waiver");
        out.serde(waiver)?;
    }
    if let Some(registry) = &f.registry {
        out.key("registry");
        out.serde(registry)?;
    }
    if let Some(cause) = &f.caused_by {
        out.key("caused_by");
        out.serde(cause)?;
    }
    out.close(b'}');
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Seek};

    /// The example portfolio's outcomes (under the built-in policies, without its waivers) and
    /// an invalid file.
    fn outcomes() -> (Vec<VendorOutcome>, crate::evidence::Date, String) {
        let as_of = crate::evidence::Date::ymd(2026, 11, 23);
        let choice = crate::policy::PolicyChoice::ByRiskTier;
        let run = crate::portfolio::check(
            &[std::path::PathBuf::from("fixtures/portfolio")],
            as_of,
            &choice,
            &[],
        );
        let mut outcomes = run.vendors;
        outcomes.push(VendorOutcome::Invalid {
            file: "broken/vendor.toml".into(),
            errors: Vec::new(),
        });
        (outcomes, as_of, choice.describe())
    }

    /// The report of `vendors`, through the spool and written into a file holding `hold` of
    /// them first, with how the second placed its opening.
    fn both_ways(
        vendors: Vec<VendorOutcome>,
        as_of: crate::evidence::Date,
        policy: &str,
        hold: usize,
    ) -> (String, String, Option<Placed>) {
        let run = RunReport {
            as_of,
            policy: policy.to_string(),
            vendors,
            errors: Vec::new(),
        };
        let mut spooled = Vec::new();
        JsonReport::default().render(&run, &mut spooled).unwrap();
        let mut file = tempfile::tempfile().unwrap();
        let mut report = JsonReport::into_file(
            Some(file.try_clone().unwrap()),
            run.vendors.len(),
            as_of,
            run.policy.clone(),
        );
        report.place.as_mut().unwrap().hold = hold;
        {
            let mut out = io::BufWriter::with_capacity(64, file.try_clone().unwrap());
            super::super::render_streamed(&report, &run, &mut out).unwrap();
            out.flush().unwrap();
        }
        let mut placed = Vec::new();
        file.seek(io::SeekFrom::Start(0)).unwrap();
        file.read_to_end(&mut placed).unwrap();
        let how = *report.place.as_ref().unwrap().placed.lock().unwrap();
        (
            String::from_utf8(spooled).unwrap(),
            String::from_utf8(placed).unwrap(),
            how,
        )
    }

    #[test]
    fn a_report_written_into_its_file_is_the_spooled_one_however_its_opening_is_placed() {
        let (outcomes, as_of, policy) = outcomes();
        let (fail, invalid) = (&outcomes[1], &outcomes[9]);
        let mut pass = fail.clone();
        if let VendorOutcome::Evaluated(v) = &mut pass {
            v.verdict = crate::engine::Verdict::Pass;
        }
        let run_of = |kinds: &[(&VendorOutcome, usize)]| -> Vec<VendorOutcome> {
            kinds
                .iter()
                .flat_map(|&(v, n)| std::iter::repeat_n(v.clone(), n))
                .collect()
        };
        for (vendors, hold, expected) in [
            // All held: the opening is written first.
            (outcomes.clone(), 64, Placed::Whole),
            (Vec::new(), 64, Placed::Whole),
            // After 1 passed and 2 failed of 10, the guess is 3 passed, 6 failed, 0 invalid:
            // as long as 1, 8 and 1.
            (
                run_of(&[(&pass, 1), (fail, 8), (invalid, 1)]),
                3,
                Placed::Fitted,
            ),
            // 12 passed, 0 failed against 1 and 11: as long.
            (run_of(&[(&pass, 1), (fail, 11)]), 1, Placed::Fitted),
            // 12 passed, 12 failed against 1 and 23: a byte longer than the totals need, so the
            // vendors move towards the start.
            (run_of(&[(&pass, 1), (fail, 23)]), 2, Placed::Moved(-1)),
            // 24 passed, 0 failed, 0 invalid against 1, 12 and 11: a byte shorter.
            (
                run_of(&[(&pass, 1), (fail, 12), (invalid, 11)]),
                1,
                Placed::Moved(1),
            ),
        ] {
            let n = vendors.len();
            let (spooled, placed, how) = both_ways(vendors, as_of, &policy, hold);
            assert_eq!(placed, spooled, "{n} vendors, {hold} held");
            assert_eq!(how, Some(expected), "{n} vendors, {hold} held");
            serde_json::from_str::<serde_json::Value>(&placed).unwrap();
        }
    }
}
