#!/usr/bin/env python3
"""Helpers for the Rego comparison of bench/run.sh (Python 3.11+ standard library only).

  compare.py input SET_DIR AS_OF OUT.json
      Gathers every vendor.toml / vendor.json under SET_DIR into one regorus input document,
      {"as_of": ..., "vendors": [{"key": vendor id, "evidence": {...}}]}. TOML is read with
      tomllib; dates become "YYYY-MM-DD" strings, as in vendor.json.

  compare.py verdicts VENDORCERT_REPORT REGORUS_OUTPUT [--show N]
      Compares the per-check outcomes of the Rego policy with vendorcert's findings for the same
      rules, subject by subject, as pass / n/a / non-pass, and prints the agreement rate. The
      report may be `--format json` or `--format jsonl`. Exits 0 even when they disagree (the
      benchmark reports the rate); 2 when a file cannot be read.
"""

import datetime as dt
import json
import os
import sys
import tomllib

RULES = [
    "SOC2-TYPE", "SOC2-AGE", "SOC2-OPINION", "SOC2-EXCEPTIONS", "SOC2-SCOPE",
    "SOC2-FULL-REPORT", "ISO-CURRENT", "ISO-ACCREDITED", "ISO-NUMBER", "ISO-SCOPE",
    "ISO-SURVEILLANCE",
]


def plain(v):
    if isinstance(v, (dt.date, dt.datetime, dt.time)):
        return v.isoformat()
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [plain(x) for x in v]
    return v


def build_input(set_dir, as_of, out_path):
    vendors = []
    for root, dirs, files in os.walk(set_dir):
        dirs.sort()
        for name in ("vendor.toml", "vendor.json"):
            if name in files:
                path = os.path.join(root, name)
                if name.endswith(".json"):
                    with open(path, encoding="utf-8") as f:
                        ev = json.load(f)
                else:
                    with open(path, "rb") as f:
                        ev = plain(tomllib.load(f))
                vendors.append({"key": ev["vendor"]["id"], "evidence": ev})
                dirs[:] = []  # vendorcert stops at the first folder holding an evidence file
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump({"as_of": as_of, "vendors": vendors}, f)
    print(f"{len(vendors)} vendors -> {out_path}", file=sys.stderr)


def bucket(status):
    if status == "pass":
        return "pass"
    if status == "not_applicable":
        return "n/a"
    return "non-pass"  # fail, warn, unverified (waived cannot occur: no waivers in the sets)


def read_report(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        vendors = json.loads(text)["vendors"]  # --format json: one document
    except json.JSONDecodeError:
        vendors = [json.loads(line) for line in text.splitlines() if line.strip()]  # jsonl
    out = {}
    for v in vendors:
        if v.get("verdict") == "invalid":
            continue
        per_rule = {r: [] for r in RULES}
        for f in v["findings"]:
            if f["rule"] in per_rule:
                per_rule[f["rule"]].append(bucket(f["status"]))
        out[v["id"]] = per_rule
    return out


def read_regorus(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    return doc["result"][0]["expressions"][0]["value"]


def compare(report_path, rego_path, show=5):
    vc = read_report(report_path)
    rg = read_regorus(rego_path)
    outcomes = agree_outcomes = 0
    checks = agree_checks = 0
    vendors_all_agree = 0
    by_rule = {r: [0, 0] for r in RULES}
    examples = []
    missing = sorted(set(vc) ^ set(rg))
    for vid in sorted(set(vc) & set(rg)):
        all_ok = True
        for rule in RULES:
            a = vc[vid][rule]
            b = rg[vid].get(rule, [])
            n = max(len(a), len(b))
            same = sum(1 for x, y in zip(a, b) if x == y)
            outcomes += n
            agree_outcomes += same
            checks += 1
            by_rule[rule][1] += 1
            if a == b:
                agree_checks += 1
                by_rule[rule][0] += 1
            else:
                all_ok = False
                if len(examples) < show:
                    examples.append(f"  {vid} {rule}: vendorcert {a}, rego {b}")
        vendors_all_agree += all_ok
    n_vendors = len(set(vc) & set(rg))
    pct = lambda a, b: (100.0 * a / b) if b else 100.0
    print(f"verdict agreement over {n_vendors} vendors and {len(RULES)} checks:")
    print(f"  outcomes (one per report or certificate): {agree_outcomes}/{outcomes} "
          f"= {pct(agree_outcomes, outcomes):.2f}%")
    print(f"  checks (vendor x rule, all outcomes equal): {agree_checks}/{checks} "
          f"= {pct(agree_checks, checks):.2f}%")
    print(f"  vendors agreeing on every check: {vendors_all_agree}/{n_vendors} "
          f"= {pct(vendors_all_agree, n_vendors):.2f}%")
    worst = [(r, a, b) for r, (a, b) in by_rule.items() if a != b]
    if worst:
        print("  per rule (checks agreeing): " + ", ".join(
            f"{r} {a}/{b}" for r, a, b in worst))
    if missing:
        print(f"  vendors in only one of the two: {len(missing)} (e.g. {missing[:3]})")
    if examples:
        print("  first disagreements:")
        print("\n".join(examples))
    # Machine-readable last line for run.sh.
    print(f"AGREEMENT {pct(agree_outcomes, outcomes):.2f} {pct(agree_checks, checks):.2f}")


def main(argv):
    if len(argv) >= 4 and argv[0] == "input":
        build_input(argv[1], argv[2], argv[3])
    elif len(argv) >= 3 and argv[0] == "verdicts":
        show = 5
        if "--show" in argv:
            show = int(argv[argv.index("--show") + 1])
        compare(argv[1], argv[2], show)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except (OSError, ValueError, KeyError) as e:
        print(f"compare.py: {e}", file=sys.stderr)
        sys.exit(2)
