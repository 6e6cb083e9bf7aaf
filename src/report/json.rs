//! The JSON report (docs/json-report.md). Field names are a public contract; `report_version`
//! changes when they do.

use std::io::{self, Write};

use serde::Serialize;

use crate::engine::{Finding, Severity};
use crate::portfolio::{RunReport, VendorOutcome};

use std::sync::OnceLock;

use super::Render;
use super::json_out::{Out, variant};

/// Version of the JSON report layout.
pub const REPORT_VERSION: u32 = 1;

pub struct JsonReport;

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

/// Each vendor is serialised on a worker thread, indented as a member of `vendors`, and
/// spooled; the summary, known at the end, is written before them.
impl super::Streamed for JsonReport {
    type Piece = io::Result<Vec<u8>>;
    type Sink = super::spool::Spool;

    fn sink(&self) -> Self::Sink {
        super::spool::Spool::new()
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
        vendor_members(&mut out, outcome)?;
        out.close(b'}');
        Ok(item)
    }

    fn take(
        &self,
        sink: &mut Self::Sink,
        piece: Self::Piece,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        super::spool::push_item(sink, &piece?)
    }

    fn finish(
        &self,
        mut sink: Self::Sink,
        end: &super::RunEnd,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let head = serde_json::to_vec_pretty(&JsonHead {
            report_version: REPORT_VERSION,
            tool: Tool {
                name: env!("CARGO_PKG_NAME"),
                version: env!("CARGO_PKG_VERSION"),
            },
            as_of: end.as_of.to_string(),
            policy: end.policy,
            summary: Summary {
                vendors: end.totals.vendors,
                passed: end.totals.passed,
                failed: end.totals.failed,
                invalid: end.totals.invalid,
            },
        })?;
        // Without the closing `\n}`.
        out.write_all(&head[..head.len() - 2])?;
        out.write_all(b",\n  \"vendors\": ")?;
        super::spool::array(&mut sink, 2, out)?;
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
