#!/usr/bin/env bash
# Runs every tests/vscode/*.test.mjs, FOUNDRYIDE_VSCODE_JOBS (default 2) files at a time, each file in its own
# scripts/sandbox.sh: its own loopback, so each may put the emulator on 127.0.0.1:443. Each file starts its own
# emulator, code-server and Chromium under its own temp folder. The slowest files start first. Prints each file's
# output when it ends, then the totals as node's test runner does ("ℹ pass N", "ℹ fail N"); fails when any failed.
# Expects the .vsix and the emulator built (scripts/test.sh, or tests/vscode/run.sh).
set -uo pipefail
cd "$(dirname "$0")/../.."
jobs="${FOUNDRYIDE_VSCODE_JOBS:-2}"
# Longest first (measured in CI: deploy 80 s, picker 51, journey 39, hostileWorkspace 37, firstRun 32, emulator 21), so
# that the two workers end together; then any other file.
slow=(deploy picker journey hostileWorkspace firstRun emulator)
files=()
for name in "${slow[@]}"; do [ -f "tests/vscode/$name.test.mjs" ] && files+=("tests/vscode/$name.test.mjs"); done
for f in tests/vscode/*.test.mjs; do [[ " ${files[*]} " == *" $f "* ]] || files+=("$f"); done

work=$(mktemp -d "${TMPDIR:-/tmp}/foundryide-vscode-run.XXXXXX")
trap 'rm -rf "$work"' EXIT
worker() {
  local f name
  for f in "${files[@]}"; do
    name=$(basename "$f" .test.mjs)
    mkdir "$work/$name.claimed" 2>/dev/null || continue  # another worker has it
    bash scripts/sandbox.sh node --test --test-concurrency=1 --test-reporter=spec "$f" >"$work/$name.log" 2>&1
    echo $? >"$work/$name.rc"
    cat "$work/$name.log"
  done
}
for _ in $(seq "$jobs"); do worker & done
wait

pass=0; fail=0; skipped=0; rc=0
for f in "${files[@]}"; do
  name=$(basename "$f" .test.mjs)
  log="$work/$name.log"
  p=$(grep -aE '^[^ ]+ pass [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
  x=$(grep -aE '^[^ ]+ fail [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
  s=$(grep -aE '^[^ ]+ skipped [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
  if [ -z "$p$x" ]; then echo "$f: no summary (exit $(cat "$work/$name.rc" 2>/dev/null))"; x=1; fi
  pass=$((pass + ${p:-0})); fail=$((fail + ${x:-0})); skipped=$((skipped + ${s:-0}))
  [ "$(cat "$work/$name.rc" 2>/dev/null)" = 0 ] || rc=1
done
echo "ℹ files ${#files[@]}"
echo "ℹ pass $pass"
echo "ℹ fail $fail"
echo "ℹ skipped $skipped"
exit $rc
