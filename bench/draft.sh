#!/usr/bin/env bash
# `vendorcert draft`: the time to draft a 100-page SOC 2 report (PDF), and the field-level
# precision and recall over the corpus of tests/data/draft/, per field kind, with every miss
# and every wrong value; then the same figures over the held-out corpus of
# tests/data/draft/heldout/. Run from anywhere: bash bench/draft.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
out=target/bench-draft
mkdir -p "$out"
python3 tests/data/draft/generate.py --big "$out/soc2-100-pages.pdf"
python3 - "$out/soc2-100-pages.pdf" <<'PY'
import statistics, subprocess, sys, time
pdf = sys.argv[1]
times = []
for _ in range(11):
    t = time.perf_counter()
    r = subprocess.run(["target/release/vendorcert", "draft", pdf], capture_output=True)
    times.append(time.perf_counter() - t)
    if r.returncode != 0:
        sys.exit(r.stderr.decode())
print(f"draft of a 100-page SOC 2 report (PDF): median {statistics.median(times) * 1000:.0f} ms, "
      f"min {min(times) * 1000:.0f} ms over {len(times)} runs")
PY
cargo test --release --quiet --test draft -- --nocapture drafts_are_precise 2>&1 \
  | sed -n '/^field /,/^test result/p' | grep -v '^test '
echo
echo "held-out corpus (tests/data/draft/heldout/, written apart from the recognisers; not a gate):"
cargo test --release --quiet --test draft -- --ignored --nocapture heldout_accuracy 2>&1 \
  | sed -n '/^field /,/^test result/p' | grep -v '^test '
