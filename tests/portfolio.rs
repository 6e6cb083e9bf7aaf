//! Portfolio scale: stable order whatever the threads, a corrupt vendor does not stop a batch,
//! summary metrics, the expiry calendar (table, JSON, iCalendar), and diff between runs.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

const AS_OF: &str = "2026-11-23";

fn vendorcert() -> Command {
    let mut cmd = Command::cargo_bin("vendorcert").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn run(args: &[&str], threads: &str) -> (Option<i32>, Vec<u8>) {
    let out = vendorcert()
        .env("RAYON_NUM_THREADS", threads)
        .args(args)
        .output()
        .unwrap();
    (out.status.code(), out.stdout)
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    for format in ["json", "jsonl", "sarif", "junit", "markdown", "table"] {
        let args = [
            "check",
            "fixtures/portfolio",
            "--as-of",
            AS_OF,
            "--format",
            format,
        ];
        let one = run(&args, "1");
        let four = run(&args, "4");
        assert_eq!(one.0, Some(1), "{format}");
        assert_eq!(one, four, "{format} output differs between 1 and 4 threads");
    }
    let (_, jsonl) = run(
        &[
            "check",
            "fixtures/portfolio",
            "--as-of",
            AS_OF,
            "--format",
            "jsonl",
        ],
        "3",
    );
    let ids: Vec<String> = String::from_utf8(jsonl)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "vendors come in path order");
}

#[test]
fn a_corrupt_vendor_does_not_stop_the_batch() {
    let tmp = TempDir::new().unwrap();
    for entry in
        fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/portfolio")).unwrap()
    {
        let entry = entry.unwrap();
        if entry.path().is_dir() {
            let dest = tmp.path().join(entry.file_name());
            fs::create_dir_all(&dest).unwrap();
            for f in fs::read_dir(entry.path()).unwrap() {
                let f = f.unwrap();
                fs::copy(f.path(), dest.join(f.file_name())).unwrap();
            }
        }
    }
    let broken = tmp.path().join("m-broken");
    fs::create_dir_all(&broken).unwrap();
    fs::write(broken.join("vendor.toml"), "schema = 1\n[vendor\n").unwrap();
    let out = vendorcert()
        .args(["check", "--as-of", AS_OF, "--format", "jsonl"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 10);
    assert_eq!(
        lines.iter().filter(|l| l["verdict"] == "invalid").count(),
        1
    );
    assert_eq!(
        lines
            .iter()
            .filter(|l| l["verdict"] == "pass" || l["verdict"] == "fail")
            .count(),
        9
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("m-broken/vendor.toml:2:"));

    // Each line is the JSON report's vendor object, with the report version and the as-of date
    // in front of its own members.
    let out = vendorcert()
        .args(["check", "--as-of", AS_OF, "--format", "json"])
        .arg(tmp.path())
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let vendors = report["vendors"].as_array().unwrap();
    assert_eq!(vendors.len(), lines.len());
    for (line, vendor) in lines.iter().zip(vendors) {
        let mut members = line.as_object().unwrap().clone();
        let keys: Vec<&String> = members.keys().take(2).collect();
        assert_eq!(keys, ["report_version", "as_of"], "{line}");
        assert_eq!(members.shift_remove("report_version"), Some(1.into()));
        assert_eq!(members.shift_remove("as_of"), Some(AS_OF.into()));
        assert_eq!(&serde_json::Value::Object(members), vendor);
    }
}

#[test]
fn the_summary_gives_the_portfolio_metrics() {
    let (code, out) = run(
        &[
            "summary",
            "fixtures/portfolio",
            "--as-of",
            AS_OF,
            "--format",
            "json",
        ],
        "2",
    );
    assert_eq!(code, Some(0));
    let s: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(s["vendors"], 9);
    assert_eq!(s["passed"], 1);
    assert_eq!(s["failed"], 8);
    assert_eq!(s["invalid"], 0);
    assert_eq!(
        s["current_certifications"],
        serde_json::json!({"count": 5, "of": 9})
    );
    assert_eq!(
        s["scope_verified"],
        serde_json::json!({"count": 5, "of": 9})
    );
    assert_eq!(
        s["ai_gap_assessments"],
        serde_json::json!({"count": 1, "of": 9})
    );
    // sablewood-vision's expired certificate and tessellate-hub's expired waiver.
    assert_eq!(s["lapses"], 2);
    assert_eq!(
        s["by_risk_tier"]["high"],
        serde_json::json!({"fail": 2, "pass": 1})
    );
    let (_, table) = run(&["summary", "fixtures/portfolio", "--as-of", AS_OF], "2");
    let table = String::from_utf8(table).unwrap();
    assert!(
        table.contains("vendors with current certifications ┆ 56% (5 of 9)"),
        "{table}"
    );
    // Risk tiers in order of severity (the JSON too), not of the alphabet.
    assert!(
        table.ends_with(
            "\
┌───────────┬──────┬──────┐
│ risk tier ┆ pass ┆ fail │
╞═══════════╪══════╪══════╡
│ low       ┆ 0    ┆ 2    │
│ medium    ┆ 0    ┆ 4    │
│ high      ┆ 1    ┆ 2    │
└───────────┴──────┴──────┘
"
        ),
        "{table}"
    );
    let tiers: Vec<&String> = s["by_risk_tier"].as_object().unwrap().keys().collect();
    assert_eq!(tiers, ["low", "medium", "high"]);
}

#[test]
fn expiring_lists_the_events_in_date_order() {
    let (code, out) = run(
        &[
            "expiring",
            "fixtures/portfolio",
            "--as-of",
            AS_OF,
            "--within",
            "6m",
            "--format",
            "json",
        ],
        "2",
    );
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["until"], "2027-05-23");
    let events = v["events"].as_array().unwrap();
    assert!(events.len() >= 10);
    let dates: Vec<&str> = events.iter().map(|e| e["date"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    assert!(dates.iter().all(|d| *d >= AS_OF && *d <= "2027-05-23"));
    let kinds: Vec<&str> = events.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    for kind in ["review", "surveillance", "waiver", "soc2_report", "verdict"] {
        assert!(kinds.contains(&kind), "no {kind} event in {kinds:?}");
    }
    // A waiver expiring on 2027-03-31 stops accepting the finding on the next day, and the event
    // points at the waiver.
    let waiver = events
        .iter()
        .find(|e| e["kind"] == "waiver" && e["rule"] == "SOC2-SCOPE")
        .unwrap();
    assert_eq!(waiver["vendor"], "corvid-models");
    assert_eq!(waiver["date"], "2027-04-01");
    assert_eq!(
        (&waiver["from"], &waiver["to"]),
        (&"waived".into(), &"fail".into())
    );
    assert_eq!(waiver["location"], "fixtures/portfolio/waivers.toml:7");
    assert!(
        waiver["what"]
            .as_str()
            .unwrap()
            .starts_with("the waiver approved by Dana Whitlock, CISO ends: fails SOC2-SCOPE: "),
        "{waiver}"
    );
    // 90 days is the default window.
    let (_, short) = run(
        &[
            "expiring",
            "fixtures/portfolio",
            "--as-of",
            AS_OF,
            "--format",
            "json",
        ],
        "2",
    );
    let short: serde_json::Value = serde_json::from_slice(&short).unwrap();
    assert_eq!(short["until"], "2027-02-21");
}

/// The only vendor passing on the as-of date turns FAIL on 2026-12-31, three months after its SOC 2
/// period ended with no bridge letter: within the default 90 days, the calendar says so on that
/// day, with the question to send now.
#[test]
fn expiring_announces_the_day_a_passing_vendor_turns_fail() {
    let (code, out) = run(
        &[
            "expiring",
            "fixtures/portfolio",
            "--as-of",
            AS_OF,
            "--format",
            "json",
        ],
        "2",
    );
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let aldermoor: Vec<&serde_json::Value> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["vendor"] == "aldermoor-ai" && e["date"] == "2026-12-31")
        .collect();
    let verdict = aldermoor
        .iter()
        .find(|e| e["kind"] == "verdict")
        .expect("a verdict event");
    assert_eq!(verdict["what"], "verdict turns FAIL");
    let bridge = aldermoor
        .iter()
        .find(|e| e["rule"] == "SOC2-BRIDGE")
        .expect("a bridge-letter event");
    assert_eq!(bridge["kind"], "soc2_report");
    assert_eq!(bridge["from"], "n/a");
    assert_eq!(bridge["to"], "warn");
    assert_eq!(
        bridge["what"],
        "warns on SOC2-BRIDGE: no bridge letter covers 2026-09-30 to 2026-12-31"
    );
    assert!(
        bridge["question"]
            .as_str()
            .unwrap()
            .contains("bridge letter"),
        "{bridge}"
    );
    // Nothing is announced for the vendor before that day: nothing changes before it.
    assert!(
        !v["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["vendor"] == "aldermoor-ai" && e["date"].as_str().unwrap() < "2026-12-31")
    );
}

#[test]
fn the_ics_calendar_parses_as_icalendar() {
    let (code, out) = run(
        &[
            "expiring",
            "fixtures/portfolio",
            "--as-of",
            AS_OF,
            "--within",
            "6m",
            "--format",
            "ics",
        ],
        "2",
    );
    assert_eq!(code, Some(0));
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("\r\n") && !text.replace("\r\n", "").contains('\n'),
        "lines end in CRLF"
    );
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(
        lines.iter().all(|l| l.len() <= 75),
        "lines fold at 75 octets"
    );
    // Unfold continuation lines, then check the structure.
    let mut unfolded: Vec<String> = Vec::new();
    for l in &lines {
        match l.strip_prefix(' ') {
            Some(rest) => unfolded.last_mut().unwrap().push_str(rest),
            None => unfolded.push(l.to_string()),
        }
    }
    assert_eq!(
        unfolded.first().map(String::as_str),
        Some("BEGIN:VCALENDAR")
    );
    assert_eq!(unfolded.last().map(String::as_str), Some("END:VCALENDAR"));
    assert!(unfolded.contains(&"VERSION:2.0".to_string()));
    let begins = unfolded.iter().filter(|l| *l == "BEGIN:VEVENT").count();
    let ends = unfolded.iter().filter(|l| *l == "END:VEVENT").count();
    assert!(begins >= 10 && begins == ends);
    let starts: Vec<&String> = unfolded
        .iter()
        .filter(|l| l.starts_with("DTSTART"))
        .collect();
    assert_eq!(starts.len(), begins);
    for s in starts {
        let date = s
            .strip_prefix("DTSTART;VALUE=DATE:")
            .expect("an all-day DATE start");
        assert!(
            date.len() == 8 && date.chars().all(|c| c.is_ascii_digit()),
            "{s}"
        );
    }
    assert_eq!(
        unfolded.iter().filter(|l| l.starts_with("UID:")).count(),
        begins
    );
    assert!(
        unfolded
            .iter()
            .any(|l| l.starts_with("SUMMARY:Corvid Language Models Ltd: waiver expires")),
        "{unfolded:#?}"
    );
}

#[test]
fn diff_detects_a_regression() {
    let tmp = TempDir::new().unwrap();
    let old = tmp.path().join("old.json");
    let new = tmp.path().join("new.json");
    let report = |as_of: &str, out: &Path| {
        vendorcert()
            .args([
                "check",
                "fixtures/portfolio",
                "--format",
                "json",
                "--as-of",
                as_of,
                "--output",
            ])
            .arg(out)
            .output()
            .unwrap();
    };
    report(AS_OF, &old);
    report(AS_OF, &new);
    let same = vendorcert()
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .output()
        .unwrap();
    assert_eq!(same.status.code(), Some(0), "no change, no alert");
    assert!(String::from_utf8_lossy(&same.stdout).starts_with("0 vendors changed"));
    // Seven months on, reviews and audits fall due: the frontier lab gets worse.
    report("2027-06-30", &new);
    let out = vendorcert()
        .args(["diff", "--format", "json"])
        .arg(&old)
        .arg(&new)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let d: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let lab = d["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["vendor"] == "aldermoor-ai")
        .unwrap();
    assert_eq!(lab["old_verdict"], "pass");
    assert_eq!(lab["new_verdict"], "fail");
    assert_eq!(lab["worse"], true);
    assert!(
        lab["appeared"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "GEN-REVIEW" && f["severity"] == "error")
    );
    // A report that is not one is exit 2.
    fs::write(&new, "{not json").unwrap();
    let bad = vendorcert()
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

/// Copies a fixture vendor folder into `into`, renamed `as_name`.
fn copy_vendor(from: &str, into: &Path, as_name: &str) -> std::path::PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/portfolio")
        .join(from);
    let dest = into.join(as_name);
    fs::create_dir_all(&dest).unwrap();
    for entry in fs::read_dir(&src).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), dest.join(entry.file_name())).unwrap();
    }
    dest
}

fn layers_of(report: &serde_json::Value, vendor: &str) -> (String, String) {
    let v = report["vendors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == vendor)
        .unwrap_or_else(|| panic!("{vendor} not in the report"));
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "GEN-LAYERS")
        .unwrap();
    (
        f["status"].as_str().unwrap().to_string(),
        f["message"].as_str().unwrap().to_string(),
    )
}

fn check_json(dir: &Path) -> serde_json::Value {
    let out = vendorcert()
        .args(["check", "--as-of", AS_OF, "--format", "json"])
        .arg(dir)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_platform_later_in_path_order_is_found_whatever_the_way_its_id_is_written() {
    // The hosted vendor sorts first; the platform's id is written in forms the quick id scan
    // does not read (a literal string, a dotted key, a JSON escape): each vendor is still
    // indexed from its full load, so the layer is found.
    let nimbus = "fixtures/portfolio/nimbus-cloud/vendor.toml";
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(nimbus)).unwrap();
    assert!(text.contains("[vendor]\nid = \"nimbus-cloud\"\n"));
    let variants = [
        text.replace("id = \"nimbus-cloud\"", "id = 'nimbus-cloud'"),
        text.replace("id = \"nimbus-cloud\"", "\"id\" = \"nimbus-cloud\""),
        text.replace("id = \"nimbus-cloud\"", "id = \"nimbus\\u002dcloud\""),
        text.replace(
            "id = \"nimbus-cloud\"",
            "id = \"nimbus-cloud\" # the platform",
        ),
    ];
    for variant in variants {
        let tmp = TempDir::new().unwrap();
        copy_vendor("corvid-models", tmp.path(), "a-corvid");
        let platform = copy_vendor("nimbus-cloud", tmp.path(), "z-nimbus");
        fs::write(platform.join("vendor.toml"), &variant).unwrap();
        let report = check_json(tmp.path());
        let (status, message) = layers_of(&report, "corvid-models");
        assert_eq!(status, "pass", "{message}\n{variant}");
        assert!(message.contains("Nimbus Model Garden"), "{message}");
    }
}

#[test]
fn a_decoy_id_in_a_multi_line_string_does_not_stand_for_the_platform() {
    // A vendor whose text holds lines that look like `[vendor]` / `id = "nimbus-cloud"` inside a
    // multi-line string is not the platform: its real id decides, and the hosted vendor's layer
    // rests on the real platform, not on the decoy.
    let tmp = TempDir::new().unwrap();
    copy_vendor("corvid-models", tmp.path(), "a-corvid");
    let decoy = copy_vendor("quillfeather", tmp.path(), "b-decoy");
    let text = fs::read_to_string(decoy.join("vendor.toml")).unwrap();
    assert!(text.contains("\nnotes = \"uses third-party"));
    let text = text.replacen(
        "\nnotes = \"uses third-party",
        "\nnotes = \"\"\"\n[vendor]\nid = \"nimbus-cloud\"\n\"\"\"\n# uses third-party",
        1,
    );
    fs::write(decoy.join("vendor.toml"), text).unwrap();
    let report = check_json(tmp.path());
    let (status, message) = layers_of(&report, "corvid-models");
    assert_ne!(status, "pass", "{message}");
    assert!(message.contains("nimbus-cloud"), "{message}");
}

#[test]
fn the_quick_id_scan_never_disagrees_with_the_full_load() {
    // Every evidence file of the fixtures: the scan gives the loaded id, or nothing.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (files, _) =
        vendorcert::portfolio::discover(&[root.join("fixtures"), root.join("docs/examples")]);
    assert!(files.len() > 300, "{} evidence files", files.len());
    let (mut scanned, mut unknown) = (0, 0);
    for file in &files {
        let Ok(text) = fs::read_to_string(file) else {
            continue;
        };
        let scan = vendorcert::portfolio::scan_id(file, &text);
        match (scan, vendorcert::evidence::load_vendor(file)) {
            (Some(id), Ok(v)) => {
                assert_eq!(id, v.evidence.vendor.id, "{}", file.display());
                scanned += 1;
            }
            (None, _) => unknown += 1,
            (Some(_), Err(_)) => {}
        }
    }
    assert!(scanned > 300, "scanned {scanned}, unknown {unknown}");
}

/// One vendor, one event, one change: counts of one are singular in every command's output.
/// (Judged alone, `--no-config`: in its portfolio the lab passes and has a second event.)
#[test]
fn counts_of_one_are_singular() {
    let vendor = "fixtures/portfolio/aldermoor-ai";
    let (code, summary) = run(&["summary", vendor, "--no-config", "--as-of", AS_OF], "2");
    assert_eq!(code, Some(0));
    assert!(
        String::from_utf8_lossy(&summary).starts_with(
            "1 vendor: 0 pass, 1 fail, 0 invalid · as of 2026-11-23 · policy by risk tier\n"
        ),
        "{}",
        String::from_utf8_lossy(&summary)
    );
    let (_, markdown) = run(
        &[
            "check",
            vendor,
            "--no-config",
            "--as-of",
            AS_OF,
            "--format",
            "markdown",
        ],
        "2",
    );
    assert!(
        String::from_utf8_lossy(&markdown).starts_with(
            "## vendorcert report\n\n**1 vendor: 0 pass, 1 fail, 0 invalid** · as of 2026-11-23 · policy by risk tier\n"
        ),
        "{}",
        String::from_utf8_lossy(&markdown)
    );
    let (code, expiring) = run(
        &[
            "expiring",
            vendor,
            "--no-config",
            "--as-of",
            AS_OF,
            "--within",
            "60d",
        ],
        "2",
    );
    assert_eq!(code, Some(0));
    assert!(
        String::from_utf8_lossy(&expiring).starts_with("1 event from 2026-11-23 to 2027-01-22\n"),
        "{}",
        String::from_utf8_lossy(&expiring)
    );
    let tmp = TempDir::new().unwrap();
    let (old, new) = (tmp.path().join("old.json"), tmp.path().join("new.json"));
    for (as_of, out) in [(AS_OF, &old), ("2027-06-30", &new)] {
        vendorcert()
            .args([
                "check",
                "--no-config",
                vendor,
                "--format",
                "json",
                "--as-of",
                as_of,
                "--output",
            ])
            .arg(out)
            .output()
            .unwrap();
    }
    let diff = vendorcert()
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&diff.stdout)
            .starts_with("1 vendor changed between 2026-11-23 and 2027-06-30\n"),
        "{}",
        String::from_utf8_lossy(&diff.stdout)
    );
}

/// Copies the folder `from` to `to`, files and folders.
fn copy_folder(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn a_json_report_written_to_a_file_is_the_one_written_to_stdout() {
    // 82 vendors: more than the JSON report holds (64) before it keeps room for its opening in
    // the file it is written into, so the room is guessed from the first vendors. How the
    // opening is placed is tested in `report::json`; this checks the bytes, end to end.
    let tmp = TempDir::new().unwrap();
    let portfolio = tmp.path().join("portfolio");
    for copy in 0..8 {
        for vendor in fs::read_dir("fixtures/portfolio").unwrap() {
            let vendor = vendor.unwrap();
            if !vendor.file_type().unwrap().is_dir() {
                continue;
            }
            let name = vendor.file_name().to_string_lossy().into_owned();
            let id = format!("{name}-{copy}");
            let dir = portfolio.join(&id);
            copy_folder(&vendor.path(), &dir);
            for file in ["vendor.toml", "vendor.json"] {
                let path = dir.join(file);
                if let Ok(text) = fs::read_to_string(&path) {
                    let text = text
                        .replacen(&format!("id = \"{name}\""), &format!("id = \"{id}\""), 1)
                        .replacen(
                            &format!("\"id\": \"{name}\""),
                            &format!("\"id\": \"{id}\""),
                            1,
                        );
                    fs::write(&path, text).unwrap();
                }
            }
        }
    }
    // Ten invalid files last: none among the first 64, so the guess of the totals has one
    // digit too few for `invalid`, and the vendors are moved to fit the opening.
    for k in 0..10 {
        let dir = portfolio.join(format!("zz-broken-{k}"));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("vendor.toml"), "[vendor\n").unwrap();
    }
    let check = || {
        let mut cmd = vendorcert();
        cmd.args(["check", "--format", "json", "--as-of", AS_OF])
            .arg(&portfolio);
        cmd
    };
    let streamed = check().output().unwrap();
    let file = tmp.path().join("report.json");
    let written = check().arg("--output").arg(&file).output().unwrap();
    assert_eq!(written.status.code(), streamed.status.code());
    assert!(written.stdout.is_empty());
    let report = fs::read(&file).unwrap();
    assert!(report == streamed.stdout, "the two reports differ");
    let v: serde_json::Value = serde_json::from_slice(&report).unwrap();
    assert_eq!(v["summary"]["vendors"], 82);
    assert_eq!(v["summary"]["invalid"], 10);
    assert_eq!(v["vendors"].as_array().unwrap().len(), 82);
    assert_eq!(
        v["input_errors"].as_array().unwrap().len(),
        0,
        "{}",
        v["input_errors"]
    );
}

#[test]
fn where_two_files_hold_the_platform_id_the_first_in_path_order_that_loads_counts() {
    // Duplicate ids are an input error, and the run still says which file the hosted vendor's
    // layer rests on: the first in path order, unless it does not load.
    let tmp = TempDir::new().unwrap();
    copy_vendor("corvid-models", tmp.path(), "a-corvid");
    let first = copy_vendor("nimbus-cloud", tmp.path(), "b-nimbus");
    copy_vendor("nimbus-cloud", tmp.path(), "z-nimbus");
    let text = fs::read_to_string(first.join("vendor.toml")).unwrap();
    // Both load: the first, which does not attest the hosted service, counts.
    fs::write(first.join("vendor.toml"), text.replace("Garden", "Queue")).unwrap();
    let (status, message) = layers_of(&check_json(tmp.path()), "corvid-models");
    assert_eq!(status, "fail", "{message}");
    assert!(message.contains("Nimbus Model Garden"), "{message}");
    // The first does not load (an unknown field): the second counts.
    let broken = text.replace(
        "name = \"Nimbus Cloud Services\"",
        "name = \"Nimbus Cloud Services\"\ncolour = \"blue\"",
    );
    assert_ne!(broken, text);
    fs::write(first.join("vendor.toml"), broken).unwrap();
    let (status, message) = layers_of(&check_json(tmp.path()), "corvid-models");
    assert_eq!(status, "pass", "{message}");
    assert!(message.contains("Nimbus Model Garden"), "{message}");
}

#[test]
fn a_vendor_checked_alone_finds_its_platform_elsewhere_in_its_portfolio() {
    // The portfolio's `vendorcert.toml` makes its folder the root: the platform is looked for
    // in the whole portfolio, though only the hosted vendor is checked. Without the
    // configuration the run holds only the hosted vendor, and the layer is unverified.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let layers = |extra: &[&str]| {
        let out = vendorcert()
            .current_dir(root)
            .args([
                "check",
                "fixtures/portfolio/corvid-models",
                "--as-of",
                AS_OF,
            ])
            .args(["--format", "json"])
            .args(extra)
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["vendors"].as_array().unwrap().len(), 1);
        layers_of(&report, "corvid-models")
    };
    let (status, message) = layers(&[]);
    assert_eq!(status, "pass", "{message}");
    assert!(message.contains("Nimbus Model Garden"), "{message}");
    let (status, message) = layers(&["--no-config"]);
    assert_eq!(status, "unverified", "{message}");
    assert!(
        message.contains("which is not among the vendors checked in this run"),
        "{message}"
    );
}
