//! JUnit XML report, in the dialect GitHub Actions test reporters, GitLab and Jenkins read.
//!
//! - `<testsuites>` carries the totals; one `<testsuite>` per vendor (name and `classname` =
//!   vendor id); one `<testcase>` per finding, named by its rule id, plus the finding's subject
//!   when the rule gives the vendor several findings.
//! - A finding of severity error is a `<failure type="RULE-ID">`: exactly the findings that make
//!   the vendor fail (exit code 1), so the failure counts match the JSON report's `errors`.
//! - A finding of severity warning passes, with a `<system-out>` saying "warning: …": warnings
//!   do not fail a vendor, so they do not fail its test either (a policy with `warnings_fail`
//!   raises them to errors, and then they are failures).
//! - Times: `time="0"` on every test case and suite. vendorcert does not time its checks (each
//!   is a look at values already in memory, microseconds): a measured time would make the same
//!   evidence give different bytes from run to run, and a report be impossible to compare.
//!   `timestamp` on each suite is the as-of date at midnight (`2026-11-23T00:00:00`): the moment
//!   the evaluation speaks for, not when the process ran. `hostname` is the machine's name
//!   (`localhost` when it cannot be told), as Jenkins' schema requires.
//! - Not applicable and waived findings are `<skipped>`; passing findings are plain test cases.
//! - An invalid evidence file is a suite with one test case in `<error>` per input error (one
//!   each, because Jenkins reads only the first `<error>` of a test case); problems with the
//!   paths given go into a last suite, `vendorcert`.
//!
//! Text from evidence files is untrusted: it is escaped, and characters XML 1.0 cannot carry
//! (control characters other than tab and line breaks) are replaced by a visible `\u{..}`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

use crate::engine::{Finding, Severity, VendorResult};
use crate::evidence::InputError;
use crate::portfolio::{RunReport, VendorOutcome};
use crate::rules::Status;

use super::Render;

pub struct JunitReport;

/// The JUnit report of a run as of a date (each suite names it), written as vendors are
/// evaluated.
pub struct JunitStream {
    pub as_of: crate::evidence::Date,
    /// When and where the suites ran.
    stamp: SuiteStamp,
}

impl JunitStream {
    /// The report as of `as_of`, written on this machine.
    pub fn new(as_of: crate::evidence::Date) -> Self {
        Self::on(as_of, &hostname())
    }

    /// The report as of `as_of`, written on the machine `host`.
    pub fn on(as_of: crate::evidence::Date, host: &str) -> Self {
        let stamp = SuiteStamp {
            timestamp: format!("{as_of}T00:00:00"),
            hostname: attr(host),
        };
        JunitStream { as_of, stamp }
    }
}

impl Render for JunitReport {
    fn render(&self, report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
        let stream = JunitStream::new(report.as_of);
        super::render_streamed(&stream, report, out)
    }
}

/// The suites so far (spooled) and their counts.
#[derive(Default)]
pub struct Suites {
    spool: super::spool::Spool,
    total: Counts,
}

/// Each vendor's suite is written on a worker thread and spooled; the totals, which the
/// document's root element carries, are written before them at the end.
impl super::Streamed for JunitStream {
    type Piece = (Counts, String);
    type Sink = Suites;

    fn sink(&self) -> Suites {
        Suites::default()
    }

    fn piece(
        &self,
        _position: usize,
        outcome: &VendorOutcome,
        _loaded: Option<crate::portfolio::Loaded<'_>>,
    ) -> Self::Piece {
        match outcome {
            VendorOutcome::Evaluated(v) => vendor_suite(v, self.as_of, &self.stamp),
            VendorOutcome::Invalid { file, errors } => {
                invalid_suite(&suite_name(file), file, errors, &self.stamp)
            }
        }
    }

    fn take(
        &self,
        sink: &mut Suites,
        (counts, suite): Self::Piece,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        sink.total.add(counts);
        sink.spool.write_all(suite.as_bytes())
    }

    fn finish(&self, mut sink: Suites, end: &super::RunEnd, out: &mut dyn Write) -> io::Result<()> {
        let last = (!end.errors.is_empty()).then(|| {
            invalid_suite(
                env!("CARGO_PKG_NAME"),
                Path::new(""),
                end.errors,
                &self.stamp,
            )
        });
        if let Some((counts, _)) = &last {
            sink.total.add(*counts);
        }
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(
            out,
            r#"<testsuites name="{}" {} time="0" timestamp="{}">"#,
            env!("CARGO_PKG_NAME"),
            sink.total.attributes(),
            self.stamp.timestamp
        )?;
        sink.spool.copy_to(0, out)?;
        if let Some((_, suite)) = last {
            out.write_all(suite.as_bytes())?;
        }
        out.write_all(b"</testsuites>\n")
    }
}

/// Test counts of a suite, or of the whole run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    tests: usize,
    failures: usize,
    errors: usize,
    skipped: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.tests += other.tests;
        self.failures += other.failures;
        self.errors += other.errors;
        self.skipped += other.skipped;
    }

    fn attributes(&self) -> String {
        format!(
            r#"tests="{}" failures="{}" errors="{}" skipped="{}""#,
            self.tests, self.failures, self.errors, self.skipped
        )
    }
}

/// What every suite says about when and where it ran (see the module documentation).
struct SuiteStamp {
    /// The as-of date at midnight, `YYYY-MM-DDT00:00:00`.
    timestamp: String,
    /// The machine's name, escaped for an attribute.
    hostname: String,
}

impl SuiteStamp {
    fn attributes(&self) -> String {
        format!(
            r#"time="0" timestamp="{}" hostname="{}""#,
            self.timestamp, self.hostname
        )
    }
}

/// The machine's host name (the node name `uname` gives); `localhost` when it cannot be told.
fn hostname() -> String {
    #[cfg(unix)]
    {
        let uname = rustix::system::uname();
        let name = uname.nodename().to_string_lossy();
        let name = name.trim();
        if !name.is_empty() {
            return name.to_string();
        }
    }
    "localhost".to_string()
}

/// The name of an invalid vendor's suite: its folder's name (its id, by convention), since the
/// file could not be read for the id.
fn suite_name(file: &Path) -> String {
    file.parent()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.display().to_string())
}

fn vendor_suite(
    v: &VendorResult,
    as_of: crate::evidence::Date,
    stamp: &SuiteStamp,
) -> (Counts, String) {
    let file = v.file.display().to_string();
    let mut per_rule: rustc_hash::FxHashMap<&str, usize> = Default::default();
    let mut counts = Counts::default();
    for f in &v.findings {
        *per_rule.entry(f.rule.id).or_default() += 1;
        counts.tests += 1;
        match Body::of(f) {
            Body::Failure => counts.failures += 1,
            Body::Skipped => counts.skipped += 1,
            Body::Pass | Body::Warning => {}
        }
    }
    let mut suite = String::with_capacity(1024 + 512 * v.findings.len());
    let _ = writeln!(
        suite,
        r#"  <testsuite name="{}" {} {} file="{}">"#,
        attr(&v.id),
        counts.attributes(),
        stamp.attributes(),
        attr(&file)
    );
    suite.push_str("    <properties>\n");
    for (name, value) in [
        ("vendor.name", v.name.as_str()),
        ("policy", v.policy.as_str()),
        ("verdict", verdict(v)),
        ("as_of", &as_of.to_string()),
    ] {
        let _ = writeln!(
            suite,
            r#"      <property name="{}" value="{}"/>"#,
            attr(name),
            attr(value)
        );
    }
    suite.push_str("    </properties>\n");
    let id = attr(&v.id);
    let file_attr = attr(&file);
    let mut names: rustc_hash::FxHashMap<String, usize> = Default::default();
    for (i, f) in v.findings.iter().enumerate() {
        let mut name = match (&f.subject, per_rule[f.rule.id] > 1) {
            (Some(subject), true) => format!("{} ({subject})", f.rule.id),
            (None, true) => format!("{} #{}", f.rule.id, i + 1),
            (_, false) => f.rule.id.to_string(),
        };
        // Reporters key test cases by class and name: keep names unique within the suite.
        let seen = names.entry(name.clone()).or_default();
        *seen += 1;
        if *seen > 1 {
            let _ = write!(name, " #{seen}");
        }
        suite.push_str(r#"    <testcase classname=""#);
        suite.push_str(&id);
        suite.push_str(r#"" name=""#);
        push_escaped(&mut suite, &name, ATTRIBUTE);
        suite.push_str(r#"" file=""#);
        suite.push_str(&file_attr);
        suite.push_str(r#"" line=""#);
        suite.push_str(itoa::Buffer::new().format(f.line.max(1)));
        suite.push_str(r#"" time="0""#);
        case_body(&mut suite, f, &file);
    }
    suite.push_str("  </testsuite>\n");
    (counts, suite)
}

fn verdict(v: &VendorResult) -> &'static str {
    match v.verdict {
        crate::engine::Verdict::Pass => "pass",
        crate::engine::Verdict::Fail => "fail",
    }
}

/// What a finding's test case holds.
enum Body {
    Pass,
    Failure,
    Warning,
    Skipped,
}

impl Body {
    fn of(f: &Finding) -> Body {
        match (f.status, f.severity) {
            (Status::Waived | Status::NotApplicable, _) => Body::Skipped,
            (_, Severity::Error) => Body::Failure,
            (_, Severity::Warning) => Body::Warning,
            // A pass, or a rule switched off (which produces no finding today).
            (_, Severity::None) => Body::Pass,
        }
    }
}

/// Escaping for an attribute value ([`attr`]) or for element text ([`text_content`]).
const ATTRIBUTE: bool = true;
const TEXT: bool = false;

/// The rest of a finding's test case, after its attributes. Each text is escaped piece by piece
/// (escaping works character by character, so the pieces escape as their concatenation).
fn case_body(out: &mut String, f: &Finding, file: &str) {
    let message = |out: &mut String, escaping: bool| {
        if let Some(subject) = &f.subject {
            push_escaped(out, subject, escaping);
            out.push_str(": ");
        }
        push_escaped(out, &f.message, escaping);
    };
    let details = |out: &mut String, prefix: &str| {
        out.push_str(prefix);
        message(out, TEXT);
        out.push_str("\nat ");
        push_escaped(out, file, TEXT);
        out.push(':');
        out.push_str(itoa::Buffer::new().format(f.line.max(1)));
        if f.column >= 1 {
            out.push(':');
            out.push_str(itoa::Buffer::new().format(f.column));
        }
        if let Some(path) = &f.at {
            out.push_str(" (");
            push_escaped(out, path, TEXT);
            out.push(')');
        }
        if f.needs_answer() {
            out.push_str("\nask the vendor: ");
            push_escaped(out, f.rule.question, TEXT);
        }
        if let Some(gap) = f.rule.gap.filter(|_| f.needs_answer()) {
            out.push_str("\nAI risk left uncovered: ");
            push_escaped(out, gap.risk, TEXT);
            if let Some(owasp) = gap.owasp {
                out.push_str(" (");
                push_escaped(out, owasp, TEXT);
                out.push(')');
            }
        }
        out.push('\n');
    };
    match Body::of(f) {
        Body::Pass => out.push_str("/>\n"),
        Body::Failure => {
            out.push_str(">\n      <failure message=\"");
            message(out, ATTRIBUTE);
            out.push_str("\" type=\"");
            push_escaped(out, f.rule.id, ATTRIBUTE);
            out.push_str("\">");
            details(out, "");
            out.push_str("</failure>\n    </testcase>\n");
        }
        Body::Warning => {
            out.push_str(">\n      <system-out>");
            details(out, "warning: ");
            out.push_str("</system-out>\n    </testcase>\n");
        }
        Body::Skipped => {
            out.push_str(">\n      <skipped message=\"");
            if f.status == Status::Waived {
                out.push_str("waived");
                if let Some(w) = &f.waiver {
                    let why = format!(
                        ": {} (accepted by {} on {}, until {})",
                        w.reason, w.approver, w.approved, w.expires
                    );
                    push_escaped(out, &why, ATTRIBUTE);
                }
                out.push_str(" [");
                message(out, ATTRIBUTE);
                out.push(']');
            } else {
                out.push_str("not applicable: ");
                message(out, ATTRIBUTE);
            }
            out.push_str("\"/>\n    </testcase>\n");
        }
    }
}

/// A suite for input errors (an invalid evidence file, or the paths given): one test case in
/// error per input error.
fn invalid_suite(
    name: &str,
    file: &Path,
    errors: &[InputError],
    stamp: &SuiteStamp,
) -> (Counts, String) {
    let counts = Counts {
        tests: errors.len(),
        errors: errors.len(),
        ..Counts::default()
    };
    let mut suite = String::new();
    let _ = write!(
        suite,
        r#"  <testsuite name="{}" {} {}"#,
        attr(name),
        counts.attributes(),
        stamp.attributes()
    );
    if !file.as_os_str().is_empty() {
        let _ = write!(suite, r#" file="{}""#, attr(&file.display().to_string()));
    }
    suite.push_str(">\n");
    let mut names: BTreeMap<String, usize> = BTreeMap::new();
    for e in errors {
        let location = super::location_of(&e.file, e.line);
        let mut case_name = format!("input-error ({location})");
        let seen = names.entry(case_name.clone()).or_default();
        *seen += 1;
        if *seen > 1 {
            let _ = write!(case_name, " #{seen}");
        }
        let mut text = format!("{}\nat {location}", e.message);
        if e.line > 0 && e.column > 0 {
            let _ = write!(text, ":{}", e.column);
        }
        if let Some(help) = &e.help {
            let _ = write!(text, "\nhelp: {help}");
        }
        text.push('\n');
        let _ = write!(
            suite,
            "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\" line=\"{}\" time=\"0\">\n      \
             <error message=\"{}\" type=\"input-error\">{}</error>\n    </testcase>\n",
            attr(name),
            attr(&case_name),
            attr(&e.file.display().to_string()),
            e.line.max(1),
            attr(&e.message),
            text_content(&text)
        );
    }
    suite.push_str("  </testsuite>\n");
    (counts, suite)
}

/// Escapes an attribute value. Tab and line breaks become character references, so that
/// attribute-value normalization keeps them.
pub fn attr(s: &str) -> String {
    escape(s, true)
}

/// Escapes element text.
pub fn text_content(s: &str) -> String {
    escape(s, false)
}

fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s, attribute);
    out
}

/// Appends `s` escaped (see [`escape`]).
fn push_escaped(out: &mut String, s: &str, attribute: bool) {
    // Most text is printable ASCII with nothing to escape: copied as it is.
    if s.bytes()
        .all(|b| (0x20..0x7f).contains(&b) && !matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
    {
        out.push_str(s);
        return;
    }
    out.reserve(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            // Not allowed in XML 1.0 (C0 controls, U+FFFE, U+FFFF) or discouraged (DEL, C1
            // controls): shown, not passed through.
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_controls() {
        assert_eq!(
            attr("<script>&\"x\"'\n\u{1b}"),
            "&lt;script&gt;&amp;&quot;x&quot;&apos;&#10;\\u{1b}"
        );
        assert_eq!(
            text_content("a\tb\n\"c\"\u{0}\u{FFFF}"),
            "a\tb\n\"c\"\\u{0}\\u{ffff}"
        );
    }
}
