#!/usr/bin/env bash
# Runs the `vendorcert-system` hook of .pre-commit-hooks.yaml through pre-commit itself (from
# PyPI, in a throwaway virtualenv), in a git repository holding a copy of the example portfolio:
# a commit touching a vendor that passes is let through (exit 0), one touching a vendor that
# fails is refused (exit 1). The hook under test is the one committed at HEAD of this repository.
# Not part of `cargo test`: it needs PyPI. Usage: bash bench/pre-commit.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
as_of=2026-11-23
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
export PATH="$root/target/release:$PATH"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet "pre-commit>=4,<5"
pre_commit="$work/venv/bin/pre-commit"
export PRE_COMMIT_HOME="$work/cache"

cp -r "$root/fixtures/portfolio" "$work/repo"
cd "$work/repo"
git init --quiet
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $root
    rev: $(git -C "$root" rev-parse HEAD)
    hooks:
      - id: vendorcert-system
        args: [--as-of, "$as_of"]
YAML
git add -A
git -c user.name=bench -c user.email=bench@example.invalid commit --quiet -m portfolio

# One vendor that passes and one that fails, as vendorcert judges them.
verdicts=$(vendorcert check . --as-of "$as_of" --format json --exit-zero | python3 -c '
import json, sys
report = json.load(sys.stdin)
for v in report["vendors"]:
    if v.get("id"):
        print(v["verdict"], v["file"])
')
passing=$(awk '$1 == "pass" { print $2; exit }' <<<"$verdicts")
failing=$(awk '$1 == "fail" { print $2; exit }' <<<"$verdicts")
echo "passing vendor: $passing; failing vendor: $failing"

status=0
run() {
    local want=$1 file=$2 code=0
    "$pre_commit" run vendorcert-system --files "$file" >"$work/out.txt" 2>&1 || code=$?
    if [ "$code" -ne "$want" ]; then
        echo "FAIL: pre-commit on $file exited $code, want $want"
        cat "$work/out.txt"
        status=1
    else
        echo "ok: pre-commit on $file exited $code"
    fi
}
run 0 "$passing"
run 1 "$failing"
# A change that touches no evidence file runs nothing and passes.
run 0 vendorcert.toml
exit $status
