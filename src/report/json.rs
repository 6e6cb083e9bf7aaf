//! The JSON report (docs/json-report.md). Field names are a public contract; `report_version`
//! changes when they do.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::value::RawValue;

use crate::engine::{Assurance, Finding, Severity, VendorResult, Verdict};
use crate::evidence::InputError;
use crate::policy::Waiver;
use crate::portfolio::{RunReport, VendorOutcome};
use crate::rules::{AiGap, Framework, Level, Status};

use super::Render;

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
        let pretty = serde_json::to_vec_pretty(&vendor(outcome, Layout::Pretty))?;
        let mut item = Vec::new();
        super::spool::indented(&pretty, 4, true, &mut item);
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

#[derive(Serialize)]
#[serde(untagged)]
enum JsonVendor<'a> {
    Evaluated(JsonEvaluated<'a>),
    Invalid {
        file: String,
        verdict: &'static str,
        input_errors: &'a [InputError],
    },
}

#[derive(Serialize)]
struct JsonEvaluated<'a> {
    id: &'a str,
    name: &'a str,
    file: String,
    policy: &'a str,
    verdict: Verdict,
    assurance: Assurance,
    errors: usize,
    warnings: usize,
    findings: JsonFindings<'a>,
}

/// A vendor's findings, each serialised as it is written, with the vendor's file name escaped
/// once for all of them.
struct JsonFindings<'a> {
    vendor: &'a VendorResult,
    layout: Layout,
    /// The file name as a JSON string.
    file: Box<RawValue>,
}

impl Serialize for JsonFindings<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let v = self.vendor;
        let mut seq = s.serialize_seq(Some(v.findings.len()))?;
        for f in &v.findings {
            seq.serialize_element(&finding(f, self.layout, &self.file))?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'static str,
    framework: Framework,
    title: &'static str,
    status: Status,
    level: Level,
    severity: Severity,
    #[serde(skip_serializing_if = "Option::is_none")]
    subject: Option<&'a str>,
    message: &'a str,
    location: Location<'a>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    matched: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    question: Option<&'static str>,
    /// The obligations the rule helps evidence (docs/crosswalk.md).
    obligations: &'static RawValue,
    /// For a non-passing AI gap rule: the risk left uncovered.
    #[serde(skip_serializing_if = "Option::is_none")]
    ai_gap: Option<AiGap>,
    /// The waiver that accepts this finding (status `waived`).
    #[serde(skip_serializing_if = "Option::is_none")]
    waiver: Option<&'a Waiver>,
    /// The registry answer it rests on (`--online` / `--offline`).
    #[serde(skip_serializing_if = "Option::is_none")]
    registry: Option<&'a crate::evidence::registry::RegistryNote>,
    /// The finding this one follows from (a rule and its subject), reported and not passing.
    #[serde(skip_serializing_if = "Option::is_none")]
    caused_by: Option<&'a crate::rules::Cause>,
}

#[derive(Serialize)]
struct Location<'a> {
    file: &'a RawValue,
    line: usize,
    column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
}

/// One line of `--format jsonl`: a vendor object as in the JSON report's `vendors`, with the
/// report version and as-of date so each line stands alone.
pub fn write_jsonl_line(
    out: &mut Vec<u8>,
    outcome: &VendorOutcome,
    as_of: crate::evidence::Date,
) -> io::Result<()> {
    // The two members first, then the vendor object's own members: written out rather than
    // through `#[serde(flatten)]`, which serialises every line through a generic map. The date
    // is `YYYY-MM-DD`, nothing to escape.
    write!(
        out,
        "{{\"report_version\":{REPORT_VERSION},\"as_of\":\"{as_of}\""
    )?;
    let object = out.len();
    serde_json::to_writer(&mut *out, &vendor(outcome, Layout::Compact))?;
    // The object's own `{` becomes the comma after the two members above (a vendor object is
    // never empty), so its members follow them without moving the line.
    debug_assert_eq!(out.get(object..object + 2), Some(&b"{\""[..]));
    out[object] = b',';
    out.push(b'\n');
    Ok(())
}

/// How a vendor object is laid out: the JSON report's indentation, or one line.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    Pretty,
    Compact,
}

/// Each rule's obligations as JSON text, in both layouts, rendered once: every finding carries
/// its rule's (a third of a JSON Lines report's bytes), and the text never changes. The pretty
/// text is indented for its place in a vendor object (a finding's member, three levels down).
fn rendered_obligations(rule: &crate::rules::Rule, layout: Layout) -> &'static RawValue {
    type Rendered = rustc_hash::FxHashMap<&'static str, [Box<RawValue>; 2]>;
    static RENDERED: std::sync::LazyLock<Rendered> = std::sync::LazyLock::new(|| {
        crate::rules::RULES
            .iter()
            .map(|rule| {
                let refs = crate::rules::crosswalk::ObligationRefs(rule.obligations);
                let compact = serde_json::to_string(&refs).expect("obligations serialise");
                let pretty = serde_json::to_string_pretty(&refs)
                    .expect("obligations serialise")
                    .replace('\n', "\n      ");
                let raw = |text: String| RawValue::from_string(text).expect("valid JSON");
                (rule.id, [raw(pretty), raw(compact)])
            })
            .collect()
    });
    let [pretty, compact] = &RENDERED[rule.id];
    match layout {
        Layout::Pretty => pretty,
        Layout::Compact => compact,
    }
}

fn vendor(outcome: &VendorOutcome, layout: Layout) -> JsonVendor<'_> {
    match outcome {
        VendorOutcome::Invalid { file, errors } => JsonVendor::Invalid {
            file: file.display().to_string(),
            verdict: "invalid",
            input_errors: errors,
        },
        VendorOutcome::Evaluated(v) => {
            let file = v.file.display().to_string();
            JsonVendor::Evaluated(JsonEvaluated {
                id: &v.id,
                name: &v.name,
                findings: JsonFindings {
                    vendor: v,
                    layout,
                    file: serde_json::value::to_raw_value(&file).expect("a string serialises"),
                },
                file,
                policy: &v.policy,
                verdict: v.verdict,
                assurance: v.assurance(),
                errors: v.count(Severity::Error),
                warnings: v.count(Severity::Warning),
            })
        }
    }
}

fn finding<'a>(f: &'a Finding, layout: Layout, file: &'a RawValue) -> JsonFinding<'a> {
    JsonFinding {
        rule: f.rule.id,
        framework: f.rule.framework,
        title: f.rule.title,
        status: f.status,
        level: f.level,
        severity: f.severity,
        subject: f.subject.as_deref(),
        message: &f.message,
        location: Location {
            file,
            line: f.line,
            column: f.column,
            path: f.at.as_deref(),
        },
        matched: &f.matched,
        question: f.needs_answer().then_some(f.rule.question),
        obligations: rendered_obligations(f.rule, layout),
        ai_gap: f.rule.gap.filter(|_| f.needs_answer()),
        waiver: f.waiver.as_deref(),
        registry: f.registry.as_deref(),
        caused_by: f.caused_by.as_ref(),
    }
}
