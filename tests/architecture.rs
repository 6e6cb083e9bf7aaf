//! The direction of the house: files → evidence → rules × policy × as-of → findings → reports.
//!
//! Reads `src/**/*.rs` and fails when a room names a room it must not depend on, or when the
//! rooms' dependencies form a circle. A room is a top-level module: `src/rules/` and
//! `src/rules.rs` are both `rules`. A dependency is any `crate::room` path in the file's text
//! (imports, paths in code, doc links), `use crate::{room, …}` groups included; test modules
//! count too, since a test that needs the network's types in a rule is a sign the types live in
//! the wrong room.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// (from, to, why): `from` must never name `to`.
const FORBIDDEN: &[(&str, &str, &str)] = &[
    (
        "rules",
        "online",
        "registry answers are evidence: rules read them from `evidence::registry`, never from the \
         module that fetched them",
    ),
    (
        "engine",
        "online",
        "evaluation is pure; online results arrive as evidence before it starts",
    ),
    (
        "evidence",
        "online",
        "the evidence model is filled by `online/`, it does not call it",
    ),
    (
        "report",
        "online",
        "a report shows the registry notes findings carry, whatever fetched them",
    ),
    (
        "portfolio",
        "online",
        "a batch run is handed its registry answers by the command layer; only the command layer \
         decides to touch the network",
    ),
    (
        "policy",
        "online",
        "policies set levels and thresholds; they never ask a registry",
    ),
    (
        "evidence",
        "rules",
        "the evidence model is what rules read; it cannot depend on them",
    ),
    (
        "evidence",
        "policy",
        "evidence is the same whatever policy judges it",
    ),
    (
        "evidence",
        "engine",
        "evidence exists before any evaluation",
    ),
    (
        "evidence",
        "report",
        "evidence never knows how it will be shown",
    ),
    ("rules", "report", "a rule never knows the output format"),
    (
        "rules",
        "policy",
        "rules read the thresholds they are handed (`rules::Thresholds`) and waivers as evidence; \
         `policy` builds on the rule registry, so the other way would be a circle",
    ),
    (
        "rules",
        "engine",
        "the engine runs the rules; rules do not run the engine",
    ),
    (
        "rules",
        "portfolio",
        "a rule sees the portfolio only through the index it is handed",
    ),
    (
        "online",
        "rules",
        "fetching does not depend on how answers are judged",
    ),
    (
        "online",
        "policy",
        "fetching does not depend on how answers are judged",
    ),
    ("online", "engine", "fetching does not depend on evaluation"),
    (
        "online",
        "report",
        "fetching does not depend on how results are shown",
    ),
    (
        "engine",
        "report",
        "evaluation produces findings; reports come after",
    ),
    ("policy", "report", "policies are read before reports exist"),
];

/// Rooms only the binary's front may name: the argument definitions and the command bodies.
const FRONT: &[&str] = &["cli", "commands"];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a source file belongs to (`src/rules/iso/mod.rs` → `rules`).
fn room_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("under src");
    let first = rel.components().next().expect("a component");
    first
        .as_os_str()
        .to_string_lossy()
        .trim_end_matches(".rs")
        .to_string()
}

/// Every room a text names through `crate::`.
fn named_rooms(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::{a, b::c, d}`: the first segment of each item.
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name = ident(item.trim());
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

/// room → the rooms it names, with the first file naming each.
fn graph() -> BTreeMap<String, BTreeMap<String, PathBuf>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    files.sort();
    assert!(
        files.len() > 20,
        "src holds the crate ({} files)",
        files.len()
    );
    let mut graph: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    for file in files {
        let room = room_of(&src, &file);
        let text = std::fs::read_to_string(&file).expect("a source file is text");
        let edges = graph.entry(room.clone()).or_default();
        for named in named_rooms(&text) {
            if named != room {
                edges.entry(named).or_insert_with(|| file.clone());
            }
        }
    }
    graph
}

#[test]
fn the_scan_sees_grouped_and_plain_paths() {
    let found = named_rooms(
        "use crate::{evidence::Date, rules};\nlet x = crate::online::run();\n// crate::report",
    );
    let found: Vec<&str> = found.iter().map(String::as_str).collect();
    assert_eq!(found, ["evidence", "online", "report", "rules"]);
}

#[test]
fn no_room_names_a_room_it_must_not_depend_on() {
    let graph = graph();
    for room in ["rules", "engine", "evidence", "report", "online", "policy"] {
        assert!(graph.contains_key(room), "no room `{room}` under src/");
    }
    let mut broken = Vec::new();
    for (from, to, why) in FORBIDDEN {
        if let Some(file) = graph.get(*from).and_then(|edges| edges.get(*to)) {
            broken.push(format!("{from} -> {to} ({}): {why}", file.display()));
        }
    }
    for (from, edges) in &graph {
        for front in FRONT {
            if !FRONT.contains(&from.as_str())
                && from != "main"
                && from != "lib"
                && let Some(file) = edges.get(*front)
            {
                broken.push(format!(
                    "{from} -> {front} ({}): only the binary's front names the command layer",
                    file.display()
                ));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "forbidden dependencies:\n{}",
        broken.join("\n")
    );
}

#[test]
fn the_rooms_form_no_circle() {
    let graph = graph();
    // Depth-first search for a back edge; `main` and `lib` declare every room, so they are left out.
    fn visit<'g>(
        room: &'g str,
        graph: &'g BTreeMap<String, BTreeMap<String, PathBuf>>,
        path: &mut Vec<&'g str>,
        done: &mut BTreeSet<&'g str>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|r| *r == room) {
            let mut circle: Vec<String> = path[at..].iter().map(|s| s.to_string()).collect();
            circle.push(room.to_string());
            return Some(circle);
        }
        if !done.insert(room) {
            return None;
        }
        path.push(room);
        for next in graph.get(room).into_iter().flat_map(|e| e.keys()) {
            if let Some(circle) = visit(next, graph, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for room in graph.keys().filter(|r| *r != "main" && *r != "lib") {
        let mut path = Vec::new();
        if let Some(circle) = visit(room, &graph, &mut path, &mut done) {
            panic!("the rooms form a circle: {}", circle.join(" -> "));
        }
    }
}

#[test]
fn the_argument_definitions_hold_no_command_body() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let cli = std::fs::read_to_string(src.join("cli.rs")).expect("src/cli.rs");
    let main = std::fs::read_to_string(src.join("main.rs")).expect("src/main.rs");
    for body in [
        "fn check(",
        "fn summary(",
        "fn expiring(",
        "fn fetch(",
        "fn run(",
    ] {
        assert!(
            !cli.contains(body),
            "src/cli.rs holds `{body}`: it belongs in src/commands/"
        );
    }
    assert!(
        main.lines().count() <= 40,
        "src/main.rs stays a few lines ({} now)",
        main.lines().count()
    );
}
