#!/usr/bin/env bash
# vendorcert benchmark: wall time, CPU time and peak RSS of `check` in every format, `summary` and
# `expiring` on generated vendor sets, each also as a multiple of the floor measured in the same
# run (bench/floor.rs: walk, read and parse the same files and nothing else), a single-vendor
# check, and a comparison with the same SOC 2 / ISO checks written in Rego and run by regorus.
# See bench/README.md.
#
# Usage: bash bench/run.sh [--big] [--seed N] [--repeat N] [--keep]
#   --big       also run the 100,000-vendor set (about 15 minutes more on 2 cores)
#   --seed N    RNG seed for bench/generate.py (default 1)
#   --repeat N  runs per measurement on the 1,000 and 10,000 sets; the median is shown (default 3;
#               the 100,000 set is run once)
#   --keep      keep the generated sets and reports under target/bench/ (default: removed)
#
# Not part of `cargo test`. Exit code 0 when every measurement ran (missed targets are reported,
# not fatal); 1 when a measured command failed (vendorcert exit 2: input or usage error) or the
# summary of the generated 1,000-vendor set differs from bench/expected/summary-1000.json.
set -euo pipefail

AS_OF=2026-11-23
SEED=1
BIG=0
KEEP=0
REPEAT=3
while [ $# -gt 0 ]; do
  case "$1" in
    --big) BIG=1 ;;
    --seed) SEED="$2"; shift ;;
    --repeat) REPEAT="$2"; shift ;;
    --keep) KEEP=1 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mkdir -p target/bench
WORK="$(mktemp -d "$ROOT/target/bench/run.XXXXXX")"
cleanup() { if [ "$KEEP" = 0 ]; then rm -rf "$WORK"; else echo "kept: $WORK"; fi; }
trap cleanup EXIT

BIN="${BENCH_BIN:-$ROOT/target/release/vendorcert}"  # BENCH_BIN: another build, for testing
REGORUS_INSTALL="cargo install regorus --version 0.14.1 --locked --example regorus"

FLOOR="${BENCH_FLOOR:-$ROOT/target/release/examples/floor}"
echo "== build: cargo build --release --bin vendorcert --example floor"
cargo build --release --quiet --bin vendorcert --example floor
"$BIN" --version 2>/dev/null || true

# ------------------------------------------------------------------ measuring

# One run of a command records "wall_s peak_rss_kb cpu_s" (cpu = user + system).
if [ "${BENCH_TIMER:-}" != python ] && [ -x /usr/bin/time ] && /usr/bin/time -f "%e %M" true >/dev/null 2>&1; then
  TIMER=gnu
else
  TIMER=python
  echo "(GNU time not found at /usr/bin/time: measuring with python3's resource module)"
fi

run_once() { # run_once OUT STDOUT STDERR CMD... ; returns the command's exit code
  local out="$1" so="$2" se="$3"; shift 3
  local rc=0
  if [ "$TIMER" = gnu ]; then
    /usr/bin/time -f "%e %M %U %S" -o "$out" "$@" >"$so" 2>"$se" || rc=$?
    # GNU time writes "Command exited with non-zero status N" before the figures.
    tail -n 1 "$out" | awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' >"$out.tmp"
    mv "$out.tmp" "$out"
  else
    python3 - "$out" "$@" >"$so" 2>"$se" <<'PY' || rc=$?
import resource, subprocess, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
t = time.perf_counter()
rc = subprocess.call(cmd)
wall = time.perf_counter() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)  # ru_maxrss in KiB on Linux
open(out, "w").write(f"{wall:.2f} {ru.ru_maxrss} {ru.ru_utime + ru.ru_stime:.2f}\n")
sys.exit(rc)
PY
  fi
  return "$rc"
}

# measure LABEL N -- CMD...: runs CMD N times; $WORK/LABEL.m gets the median wall time, the
# largest peak RSS and the median CPU time. vendorcert exits 1 when a vendor fails, which is
# expected here; anything above $MAX_OK_RC (2: input or usage error) aborts the benchmark.
# With FRESH=PATH, PATH (the report the command writes) is removed before each run, untimed:
# each run writes its report anew rather than replacing the one before (bench/README.md,
# "Reports written anew").
MAX_OK_RC=1
measure() {
  local label="$1" n="$2"; shift 2; [ "$1" = "--" ] && shift
  local i rc
  : >"$WORK/$label.all"
  for i in $(seq 1 "$n"); do
    [ -n "${FRESH:-}" ] && rm -f "$FRESH"
    rc=0
    run_once "$WORK/$label.one" "$WORK/$label.stdout" "$WORK/$label.err" "$@" || rc=$?
    if [ "$rc" -gt "$MAX_OK_RC" ]; then
      echo "error: '$*' exited with $rc:" >&2
      head -n 20 "$WORK/$label.err" >&2
      exit 1
    fi
    cat "$WORK/$label.one" >>"$WORK/$label.all"
  done
  local mid=$(( (n + 1) / 2 ))
  echo "$(cut -d' ' -f1 "$WORK/$label.all" | sort -n | sed -n "${mid}p")" \
    "$(cut -d' ' -f2 "$WORK/$label.all" | sort -n | tail -n 1)" \
    "$(cut -d' ' -f3 "$WORK/$label.all" | sort -n | sed -n "${mid}p")" >"$WORK/$label.m"
}

wall() { cut -d' ' -f1 "$WORK/$1.m"; }
cpu() { cut -d' ' -f3 "$WORK/$1.m"; }
rss_mb() { awk '{ printf "%.1f", $2 / 1024 }' "$WORK/$1.m"; }
per_sec() { awk -v n="$1" -v t="$2" 'BEGIN { if (t > 0) printf "%.0f", n / t; else print "-" }'; }
verdict() { awk -v v="$1" -v l="$2" 'BEGIN { print (v <= l) ? "ok" : "MISSED" }'; }
since() { awk -v s="$1" -v e="$EPOCHREALTIME" 'BEGIN { printf "%.1f", e - s }'; }

# ------------------------------------------------------------------ what the build supports

if "$BIN" check --help 2>/dev/null | grep -q jsonl; then
  JSONL_FORMAT=jsonl
  JSONL_NOTE=""
else
  JSONL_FORMAT=json
  JSONL_NOTE="note: --format jsonl is not in this build: the jsonl rows are measured with --format json"
  echo "$JSONL_NOTE"
fi
if "$BIN" summary --help >/dev/null 2>&1; then
  HAS_SUMMARY=1
else
  HAS_SUMMARY=0
  echo "note: this build has no 'summary' subcommand: skipping the summary measurements"
fi

# ------------------------------------------------------------------ sets

SIZES="1 1000 10000"
[ "$BIG" = 1 ] && SIZES="$SIZES 100000"
for n in $SIZES; do
  start=$EPOCHREALTIME
  python3 bench/generate.py "$WORK/set-$n" --count "$n" --seed "$SEED" --as-of "$AS_OF" 2>/dev/null
  echo "generated $n vendors in $(since "$start") s"
done
# The sets are written out before anything is timed: otherwise the kernel writes a freshly
# generated set back to disk (about 1.7 GB at 100,000) under the first measurements.
start=$EPOCHREALTIME
sync
echo "written out (sync) in $(since "$start") s"

# ------------------------------------------------------------------ runs

FORMATS="jsonl json sarif junit markdown table html"
echo "load average before measuring: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews the wall times; the multiples of the floor much less)"
for n in $SIZES; do
  [ "$n" = 1 ] && continue
  reps="$REPEAT"; [ "$n" -ge 100000 ] && reps=1
  dir="$WORK/set-$n"
  # The floor first: it also warms the page cache for the runs after it.
  for mode in untyped typed load; do
    measure "floor-$mode-$n" "$reps" -- "$FLOOR" "$mode" "$dir"
  done
  for f in $FORMATS; do
    [ "$f" = jsonl ] && f="$JSONL_FORMAT"
    FRESH="$WORK/report-$n.$f" measure "check-$f-$n" "$reps" -- "$BIN" check "$dir" --as-of "$AS_OF" --format "$f" --output "$WORK/report-$n.$f"
  done
  if [ "$HAS_SUMMARY" = 1 ]; then
    measure "summary-$n" "$reps" -- "$BIN" summary "$dir" --as-of "$AS_OF"
  fi
  FRESH="$WORK/expiring-$n.json" measure "expiring-$n" "$reps" -- "$BIN" expiring "$dir" --as-of "$AS_OF" --within 12m --format json --output "$WORK/expiring-$n.json"
done

# One vendor: the median of 20 runs, timed by the shell ($EPOCHREALTIME, microseconds; GNU
# time's %e has only 10 ms resolution), process start included. Peak RSS from one more run.
one="$(ls -d "$WORK"/set-1/*/ | head -n 1)"
: >"$WORK/one.times"
for i in $(seq 1 20); do
  start=$EPOCHREALTIME
  rc=0; "$BIN" check "$one" --as-of "$AS_OF" --format json --output "$WORK/one.json" 2>/dev/null || rc=$?
  end=$EPOCHREALTIME
  [ "$rc" -le 1 ] || { echo "error: the single-vendor check exited with $rc" >&2; exit 1; }
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f\n", (e - s) * 1000 }' >>"$WORK/one.times"
done
ONE_MS=$(sort -n "$WORK/one.times" | awk '{ a[NR] = $1 } END { printf "%.1f", (a[10] + a[11]) / 2 }')
ONE_MIN=$(sort -n "$WORK/one.times" | head -n 1)
measure one 1 -- "$BIN" check "$one" --as-of "$AS_OF" --format json --output "$WORK/one.json"

# ------------------------------------------------------------------ table

# times_floor LABEL N: wall time as a multiple of the untyped floor of the same set
times_floor() { awk -v a="$(wall "$1")" -v b="$(wall "floor-untyped-$2")" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "-" }'; }
# per_vendor LABEL N: microseconds of wall time per vendor
per_vendor() { awk -v t="$(wall "$1")" -v n="$2" 'BEGIN { printf "%.0f", t / n * 1e6 }'; }
target_for() { # target_for LABEL N -> the target column
  local limit=""
  case "$1-$2" in
    check-jsonl-10000) limit=0.75 ;;
    summary-10000) limit=0.6 ;;
    check-html-10000) limit=1.5 ;;
    check-*-10000) limit=1.0 ;;
  esac
  if [ -n "$limit" ]; then
    echo "wall <= $limit s: $(verdict "$(wall "$1-$2")" "$limit")"
  elif [ "$2" = 100000 ]; then
    case "$1" in
      check-html) limit=300 ;;
      check-*|summary) limit=150 ;;
    esac
    [ -n "$limit" ] && echo "peak <= $limit MB: $(verdict "$(rss_mb "$1-$2")" "$limit")"
  fi
}

ROWS=()
row() { ROWS+=("$(printf "%-24s %8s %8s %8s %9s %8s %9s  %s" "$@")"); }
echo
echo "== vendorcert $(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo '?') on $(nproc) cores, as of $AS_OF, seed $SEED, median of $REPEAT runs (1 at 100,000)"
[ -n "$JSONL_NOTE" ] && echo "$JSONL_NOTE"
row "run" "vendors" "wall s" "cpu s" "x floor" "us/vendor" "peak MB" "target"
for n in $SIZES; do
  [ "$n" = 1 ] && continue
  for mode in untyped typed load; do
    row "floor: $mode" "$n" "$(wall "floor-$mode-$n")" "$(cpu "floor-$mode-$n")" "$(times_floor "floor-$mode-$n" "$n")" "$(per_vendor "floor-$mode-$n" "$n")" "$(rss_mb "floor-$mode-$n")" ""
  done
  for f in $FORMATS; do
    [ "$f" = jsonl ] && f="$JSONL_FORMAT"
    row "check --format $f" "$n" "$(wall "check-$f-$n")" "$(cpu "check-$f-$n")" "$(times_floor "check-$f-$n" "$n")" "$(per_vendor "check-$f-$n" "$n")" "$(rss_mb "check-$f-$n")" "$(target_for "check-$f" "$n")"
  done
  if [ "$HAS_SUMMARY" = 1 ]; then
    row "summary" "$n" "$(wall "summary-$n")" "$(cpu "summary-$n")" "$(times_floor "summary-$n" "$n")" "$(per_vendor "summary-$n" "$n")" "$(rss_mb "summary-$n")" "$(target_for summary "$n")"
  fi
  row "expiring --within 12m" "$n" "$(wall "expiring-$n")" "$(cpu "expiring-$n")" "$(times_floor "expiring-$n" "$n")" "$(per_vendor "expiring-$n" "$n")" "$(rss_mb "expiring-$n")" ""
done
row "check, 1 vendor" "1" "${ONE_MS}ms" "-" "-" "-" "$(rss_mb one)" "wall <= 5 ms: $(verdict "$ONE_MS" 5) (median of 20; fastest ${ONE_MIN} ms)"
printf "%s\n" "${ROWS[@]}"
echo "(wall: elapsed time of the whole process, start-up and report writing included; cpu: user +"
echo " system time over all threads; x floor: wall time over the wall time of 'floor: untyped' on the"
echo " same set (walk, read, parse to untyped values on the same thread pool); us/vendor: wall time per"
echo " vendor; peak MB: maximum resident set size; 1 vendor: process start included)"

invalid=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["invalid"])' "$WORK/report-1000.json")
passed=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; print(s["passed"], "passed,", s["failed"], "failed")' "$WORK/report-1000.json")
echo "generated set of 1000: $passed, $invalid invalid"
[ "$invalid" = 0 ] || echo "warning: the generator wrote vendors vendorcert rejects; see $WORK/report-1000.json (--keep)" >&2
# The metrics of the 1,000-vendor set are part of what the benchmark checks: a faster run that
# judges differently is not faster.
EXPECTED="$ROOT/bench/expected/summary-1000.json"
if [ "$SEED" = 1 ] && [ "$HAS_SUMMARY" = 1 ]; then
  "$BIN" summary "$WORK/set-1000" --as-of "$AS_OF" --format json >"$WORK/summary-1000.json" || true
  if cmp -s "$WORK/summary-1000.json" "$EXPECTED"; then
    echo "summary of the generated set of 1000: unchanged (bench/expected/summary-1000.json)"
  else
    echo "error: the summary of the generated set of 1000 differs from bench/expected/summary-1000.json:" >&2
    diff "$EXPECTED" "$WORK/summary-1000.json" | head -n 20 >&2 || true
    exit 1
  fi
else
  echo "(summary of the generated set not compared: bench/expected/summary-1000.json is for seed 1)"
fi

# ------------------------------------------------------------------ Rego comparison

echo
echo "== Rego comparison (bench/rego/vendorcert.rego: 11 SOC 2 / ISO checks)"
if ! command -v regorus >/dev/null 2>&1; then
  echo "regorus not found; skipping the Rego comparison (install: $REGORUS_INSTALL)"
  exit 0
fi
# 1,000 and 10,000 vendors, also with --big (regorus holds the whole input in memory and runs
# at about 230 vendors/s: 100,000 would take 7 minutes). One run each.
REGO_SIZES="1000 10000"
MAX_OK_RC=0
ROWS=()
row() { ROWS+=("$(printf "%-24s %8s %8s %8s %10s %9s  %s" "$@")"); }
row "run" "vendors" "wall s" "cpu s" "vendors/s" "peak MB" "vs check --format json"
for n in $REGO_SIZES; do
  start=$EPOCHREALTIME
  python3 bench/rego/compare.py input "$WORK/set-$n" "$AS_OF" "$WORK/rego-input-$n.json" 2>/dev/null
  echo "converted $n vendors to one JSON input in $(since "$start") s (tomllib; not part of the timing)"
  measure "rego-$n" 1 -- regorus eval -d bench/rego/vendorcert.rego -i "$WORK/rego-input-$n.json" data.vendorcert.bench.results
  ratio=$(awk -v a="$(wall "rego-$n")" -v b="$(wall "check-json-$n")" 'BEGIN { if (b > 0) printf "%.1fx the wall time", a / b; else print "-" }')
  row "regorus eval" "$n" "$(wall "rego-$n")" "$(cpu "rego-$n")" "$(per_sec "$n" "$(wall "rego-$n")")" "$(rss_mb "rego-$n")" "$ratio"
done
printf "%s\n" "${ROWS[@]}"
echo "(vendorcert runs all its rules on 2 threads, parses TOML and hashes cited documents; regorus"
echo " runs 11 checks on one thread over evidence already converted to one JSON document)"
for n in $REGO_SIZES; do
  echo
  echo "-- $n vendors: Rego outcomes vs vendorcert findings (pass / n/a / non-pass)"
  python3 bench/rego/compare.py verdicts "$WORK/report-$n.json" "$WORK/rego-$n.stdout" --show 5 | grep -v '^AGREEMENT'
done
