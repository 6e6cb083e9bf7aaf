//! The HTML report (`check --format html`): an insta snapshot of the example portfolio's matrix,
//! and the page's invariants: one matrix row per vendor, the timeline drawn as inline SVG,
//! headings in order, a print stylesheet, evidence text escaped, and nothing that runs a script
//! or fetches anything (no `<script`, no event-handler attribute, no link or source outside the
//! page). `tests/browser.rs` opens the same pages in headless Chromium.
//!
//! Regenerate the snapshot with `INSTA_UPDATE=always cargo test --test html` (then review
//! `tests/snapshots/`).

use std::fs;

use assert_cmd::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const HOSTILE_NAME: &str = "<img src=x onerror=alert(1)>";

/// Runs `vendorcert check PATH --format html` from the repository root (relative paths in the
/// output), expecting `code`.
fn html_report(path: &str, code: i32) -> String {
    let out = Command::cargo_bin("vendorcert")
        .unwrap()
        .current_dir(ROOT)
        .args(["check", path, "--as-of", "2026-11-23", "--format", "html"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A start tag of the page: its name and attributes (values unescaped only as far as the
/// tests need: they compare against plain text).
#[derive(Debug)]
struct Tag {
    name: String,
    attributes: Vec<(String, String)>,
}

/// The start tags of a page, read the way an HTML parser reads them. Text and attribute values
/// from maud never hold a raw `<`, `>` or `"` (they are escaped), so every `<` followed by a
/// letter opens a tag; the stylesheet's text is skipped.
fn start_tags(page: &str) -> Vec<Tag> {
    let mut tags = Vec::new();
    let mut rest = page;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let close = rest.find('>').expect("a tag is closed");
        let inside = &rest[..close];
        rest = &rest[close + 1..];
        let name_end = inside
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(inside.len());
        let name = inside[..name_end].to_ascii_lowercase();
        let mut attributes = Vec::new();
        let mut attrs = inside[name_end..].trim();
        while !attrs.is_empty() {
            let key_end = attrs
                .find(|c: char| c == '=' || c.is_whitespace())
                .unwrap_or(attrs.len());
            let key = attrs[..key_end].to_ascii_lowercase();
            attrs = attrs[key_end..].trim_start();
            let value = if let Some(v) = attrs.strip_prefix('=') {
                let v = v.trim_start();
                let v = v.strip_prefix('"').expect("attribute values are quoted");
                let end = v.find('"').expect("a quoted value ends");
                attrs = v[end + 1..].trim_start();
                v[..end].to_string()
            } else {
                String::new()
            };
            attributes.push((key, value));
        }
        if name == "style" {
            let end = rest.find("</style>").expect("the stylesheet ends");
            rest = &rest[end..];
        }
        tags.push(Tag { name, attributes });
    }
    tags
}

/// The elements the report is made of; anything else (script, img, iframe, object, link,
/// form, base, …) would be a hole.
const ALLOWED_ELEMENTS: &[&str] = &[
    "html", "head", "meta", "title", "style", "body", "header", "nav", "main", "footer", "section",
    "article", "figure", "h1", "h2", "h3", "h4", "p", "a", "span", "strong", "small", "code", "q",
    "time", "br", "ul", "ol", "li", "div", "table", "caption", "thead", "tbody", "tr", "th", "td",
    "details", "summary", "svg", "desc", "g", "rect", "circle", "polygon", "line", "text",
];

/// Asserts that `page` can neither run a script nor fetch anything.
fn assert_inert(page: &str) {
    assert!(
        !page.to_ascii_lowercase().contains("<script"),
        "no <script in the output at all"
    );
    let tags = start_tags(page);
    assert!(tags.len() > 50, "the page was read: {} tags", tags.len());
    for tag in &tags {
        assert!(
            ALLOWED_ELEMENTS.contains(&tag.name.as_str()),
            "unexpected element <{}>",
            tag.name
        );
        for (key, value) in &tag.attributes {
            assert!(!key.starts_with("on"), "event handler {key}={value:?}");
            assert!(
                !matches!(
                    key.as_str(),
                    "src" | "srcset" | "style" | "xmlns" | "action"
                ),
                "attribute {key}={value:?} on <{}>",
                tag.name
            );
            if key == "href" {
                assert!(value.starts_with('#'), "a link leaves the page: {value:?}");
            }
            // A tooltip is text (evidence messages may quote a URL); any other attribute
            // holding a URL could be fetched or followed.
            if !matches!(key.as_str(), "title" | "content") {
                assert!(
                    !value.contains("://") && !value.to_ascii_lowercase().contains("javascript:"),
                    "a URL in {key}={value:?} on <{}>",
                    tag.name
                );
            }
        }
    }
    let style_start = page.find("<style>").expect("an inline stylesheet");
    let style = &page[style_start..page.find("</style>").unwrap()];
    assert!(
        !style.contains("url(") && !style.contains("@import") && !style.contains("@font-face"),
        "the stylesheet fetches nothing"
    );
    // A second line of defence: the page forbids scripts and fetches itself.
    let csp = tags
        .iter()
        .find(|t| {
            t.attributes
                .iter()
                .any(|(k, v)| k == "http-equiv" && v == "Content-Security-Policy")
        })
        .expect("a Content-Security-Policy");
    let content = &csp
        .attributes
        .iter()
        .find(|(k, _)| k == "content")
        .unwrap()
        .1;
    assert!(content.starts_with("default-src 'none'"), "{content}");
    assert!(!content.contains("script-src"), "{content}");
}

fn matrix_of(page: &str) -> &str {
    let start = page
        .find("<table class=\"matrix\">")
        .expect("a matrix table");
    let end = start + page[start..].find("</table>").unwrap() + "</table>".len();
    &page[start..end]
}

#[test]
fn matrix_of_the_portfolio() {
    let page = html_report("fixtures/portfolio", 1);
    insta::assert_snapshot!("portfolio_html_matrix", matrix_of(&page));
}

#[test]
fn the_portfolio_page_has_one_row_per_vendor_and_a_timeline() {
    let page = html_report("fixtures/portfolio", 1);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(!page.contains(ROOT), "no machine-dependent path");
    assert_inert(&page);

    // The matrix: one row per vendor, in path order, each linking to the vendor's section.
    let matrix = matrix_of(&page);
    let vendors = [
        "Aldermoor AI Labs, Inc.",
        "Aurore Intelligence SAS",
        "Corvid Language Models Ltd",
        "Nimbus Cloud Services",
        "Orchid Search Labs",
        "Quillfeather Writing AI Ltd",
        "Sablewood Vision GmbH",
        "Tessellate Hub, Inc.",
        "Wrenfield Voice Inc.",
    ];
    assert_eq!(
        matrix.matches("<tr class=\"vendor\">").count(),
        vendors.len()
    );
    for (i, name) in vendors.iter().enumerate() {
        let name = name.replace('&', "&amp;");
        assert!(
            matrix.contains(&format!("<a href=\"#v{i}\">{name}</a>")),
            "row {i}: {name}"
        );
        assert!(page.contains(&format!(
            "<article class=\"vendor\" id=\"v{i}\"><h3>{name} "
        )));
    }
    // 17 status cells a row: SOC 2, five ISO standards, CSA STAR and ten AI areas; the verdict
    // is spelt out.
    let cells = matrix.matches("\n<td class=").count();
    assert_eq!(cells, vendors.len() * 17);
    assert_eq!(
        matrix
            .matches("<td class=\"verdict pass\">PASS</td>")
            .count(),
        1
    );
    assert_eq!(
        matrix
            .matches("<td class=\"verdict fail\">FAIL</td>")
            .count(),
        8
    );
    // Key facts and reasons: the expired certificate says so, with its date. The issuer reporting
    // it expired is an adverse fact (an error) and comes first; the printed expiry alone is
    // weaker evidence than required, and baseline does not require the certificate: a warning.
    assert!(matrix.contains(
        "<td class=\"fai\" title=\"[fail (error)] ISO/IEC 27001:2022 certificate KZ-ISMS-23-7731: the certification body reported the certificate expired on"
    ));
    assert!(matrix.contains(
        "[fail (warning)] ISO/IEC 27001:2022 certificate KZ-ISMS-23-7731: expired on 2026-08-13"
    ));
    assert!(matrix.contains("failing<small>27001:2022</small><small>expired 2026-08-13</small>"));
    // The waived SOC 2 exception of Aldermoor shows as waived, not as current or failing.
    assert!(matrix.contains(
        "<td class=\"wai\" title=\"[waived] SOC 2 Type 2 report by Ledger &amp; Stone LLP"
    ));

    // The summary metrics (as `vendorcert summary` computes them) and the run's facts.
    assert!(page.contains("As of <time datetime=\"2026-11-23\">2026-11-23</time> · policy <strong>by risk tier</strong> · vendorcert "));
    assert!(page.contains("<div class=\"v\">9</div><div>1 pass · 8 fail · 0 invalid</div>"));
    assert!(page.contains(
        "<div class=\"name\">Vendors with current certifications</div><div class=\"v\">56%</div>"
    ));
    assert!(page.contains("<div class=\"name\">Lapses</div><div class=\"v\">2</div>"));
    // Risk tiers in order of severity, as everywhere else, not of the alphabet.
    assert!(page.contains(
        "<tbody><tr><th scope=\"row\">low</th><td>0</td><td>2</td></tr><tr><th scope=\"row\">medium</th><td>0</td><td>4</td></tr><tr><th scope=\"row\">high</th><td>1</td><td>2</td></tr></tbody>"
    ));

    // The timeline: inline SVG with a lane per kind of event and the events listed as text.
    let svg_start = page.find("<svg viewBox=").expect("an inline SVG timeline");
    let svg = &page[svg_start..svg_start + page[svg_start..].find("</svg>").unwrap()];
    assert!(svg.contains("role=\"img\""));
    assert_eq!(svg.matches("<rect class=\"lane").count(), 9);
    assert!(svg.contains(">surveillance audit due (14)</text>"));
    assert!(svg.contains(">verdict changes (1)</text>"));
    assert!(svg.contains("<text class=\"month\""));
    assert!(svg.contains("as of 2026-11-23"));
    assert!(svg.matches("<g class=\"mark").count() >= 10);
    assert!(page.contains("78 dated events from 2026-11-23 to 2027-11-23"));
    let events = &page[page.find("<details class=\"events\">").unwrap()..];
    let events = &events[..events.find("</details>").unwrap()];
    assert_eq!(events.matches("<td class=\"date\">").count(), 78);
    // The same events as `vendorcert expiring --within 12m`.
    let expiring = Command::cargo_bin("vendorcert")
        .unwrap()
        .current_dir(ROOT)
        .args(["expiring", "fixtures/portfolio", "--as-of", "2026-11-23"])
        .args(["--within", "12m", "--format", "json"])
        .output()
        .unwrap();
    let expiring: serde_json::Value = serde_json::from_slice(&expiring.stdout).unwrap();
    let listed = expiring["events"].as_array().unwrap();
    assert_eq!(listed.len(), 78);
    for e in listed {
        let row = format!(
            "<td class=\"date\">{}</td><td>{}</td>",
            e["date"].as_str().unwrap(),
            e["vendor_name"].as_str().unwrap().replace('&', "&amp;")
        );
        assert!(events.contains(&row), "{row}");
    }

    // Per vendor: findings, AI gaps and the questions to send, collapsible.
    assert!(page.contains("<summary>Questions to send ("));
    assert!(page.contains("<summary>AI gaps ("));
    assert!(page.contains("<summary>Findings to answer ("));
    assert!(page.contains(
        "Can you share your most recent SOC 2 Type 2 report, or the date your Type 2 observation period ends?"
    ));

    // Accessible: one h1, headings never skip a level, a print stylesheet, the language set.
    assert!(page.contains("<html lang=\"en\">"));
    let levels: Vec<u8> = start_tags(&page)
        .iter()
        .filter_map(|t| match t.name.as_str() {
            "h1" => Some(1),
            "h2" => Some(2),
            "h3" => Some(3),
            "h4" => Some(4),
            "h5" | "h6" => Some(9),
            _ => None,
        })
        .collect();
    assert_eq!(levels[0], 1);
    assert_eq!(levels.iter().filter(|l| **l == 1).count(), 1);
    for pair in levels.windows(2) {
        assert!(
            pair[1] <= pair[0] + 1,
            "a heading skips a level: {levels:?}"
        );
    }
    assert!(page.contains("@media print{"));
    // Colour is never the only signal: every status cell holds its word.
    for status in ["current", "failing", "missing", "waived", "n/a"] {
        assert!(matrix.contains(&format!(">{status}<")), "{status}");
    }
}

#[test]
fn certificates_lapsing_within_the_horizon_are_expiring() {
    // A year on, Aldermoor's ISO certificates expire within the 90-day horizon and its SOC 2
    // report has aged out.
    let out = Command::cargo_bin("vendorcert")
        .unwrap()
        .current_dir(ROOT)
        .args([
            "check",
            "fixtures/portfolio/aldermoor-ai",
            "--as-of",
            "2027-10-01",
        ])
        .args(["--format", "html"])
        .output()
        .unwrap();
    let page = String::from_utf8(out.stdout).unwrap();
    let matrix = matrix_of(&page);
    assert!(matrix.contains(
        "<td class=\"exp\" title=\"[warn (warning)] ISO/IEC 27001:2022 certificate MCL-ISMS-24-0711 expires 2027-12-15, within 90 days\">expiring<small>27001:2022</small><small>expires 2027-12-15</small></td>"
    ));
    assert_eq!(matrix.matches("<td class=\"exp\"").count(), 4);
    assert!(matrix.contains("failing<small>Type 2</small><small>aged out 2027-09-30</small>"));
}

#[test]
fn evidence_text_is_escaped() {
    let page = html_report("fixtures/html/hostile", 1);
    assert_inert(&page);
    // The hostile vendor's name is text, in the matrix, its section and the timeline.
    let escaped = "&lt;img src=x onerror=alert(1)&gt;";
    assert!(!page.contains(HOSTILE_NAME));
    let matrix = matrix_of(&page);
    assert_eq!(matrix.matches("<tr class=\"vendor\">").count(), 3);
    assert!(matrix.contains(&format!("<a href=\"#v0\">{escaped}</a>")));
    assert!(page.contains(&format!("<h3>{escaped} <span class=\"verdict fail\">")));
    let svg = &page[page.find("<svg").unwrap()..page.find("</svg>").unwrap()];
    assert!(
        svg.contains(escaped),
        "the timeline names the vendor as text"
    );
    // Every other field of the hostile evidence, escaped wherever it shows.
    for raw in [
        "<script>alert(2)</script>",
        "<svg onload=alert(3)>",
        "<b onmouseover=alert(4)>",
        "</td></tr></table><script>alert(5)</script>",
        "\"><img src=x onerror=alert(6)>",
        "</style></head><body><script>alert(10)</script>",
        "<img src=https://attacker.example/pixel.gif>",
    ] {
        assert!(!page.contains(raw), "{raw} left raw");
    }
    assert!(page.contains("X-1&quot;&gt;&lt;img src=x onerror=alert(6)&gt;"));
    assert!(
        page.contains("&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;alert(5)&lt;/script&gt;")
    );
    // The waiver's texts are in the vendor's section and the timeline.
    assert!(page.contains("approved by &lt;img src=https://attacker.example/pixel.gif&gt; CISO"));
    assert!(
        page.contains(
            "&lt;/style&gt;&lt;/head&gt;&lt;body&gt;&lt;script&gt;alert(10)&lt;/script&gt;"
        )
    );
    // Text that was already escaped in the evidence is escaped again, not trusted.
    assert!(!page.contains("<marquee"));
}

#[test]
fn invalid_evidence_gets_a_row_and_is_listed() {
    let tmp = tempfile::tempdir().unwrap();
    let good = tmp.path().join("a-good");
    fs::create_dir(&good).unwrap();
    fs::copy(
        format!("{ROOT}/fixtures/html/hostile/hostile-vendor/vendor.toml"),
        good.join("vendor.toml"),
    )
    .unwrap();
    let bad = tmp.path().join("b-bad");
    fs::create_dir(&bad).unwrap();
    fs::write(bad.join("vendor.toml"), "schema = 1\n[vendor]\nid = 3\n").unwrap();
    let out = Command::cargo_bin("vendorcert")
        .unwrap()
        .arg("check")
        .arg(tmp.path())
        .args(["--as-of", "2026-11-23", "--format", "html"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "invalid input exits 2");
    let page = String::from_utf8(out.stdout).unwrap();
    assert_inert(&page);
    let matrix = matrix_of(&page);
    assert_eq!(matrix.matches("<tr class=\"vendor\">").count(), 2);
    assert!(matrix.contains("<td class=\"verdict inv\">invalid</td>"));
    assert!(page.contains("<h2 id=\"input-errors-h\">Input errors</h2>"));
    assert!(page.contains("b-bad/vendor.toml:3:"));
}

#[test]
fn html_writes_to_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("report.html");
    Command::cargo_bin("vendorcert")
        .unwrap()
        .current_dir(ROOT)
        .args(["check", "fixtures/portfolio", "--as-of", "2026-11-23"])
        .args(["--format", "html", "--output"])
        .arg(&file)
        .assert()
        .code(1)
        .stdout("");
    let page = fs::read_to_string(&file).unwrap();
    assert!(page.trim_end().ends_with("</html>"));
}
