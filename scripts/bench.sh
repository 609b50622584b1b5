#!/usr/bin/env bash
# The benchmark (bench/run.mjs: start, warm RPC, memory, discovery): builds what it needs, then runs inside a network namespace that has only
# loopback, so nothing but 127.0.0.1 is ever reached. Prints a markdown report and writes bench/results.md.
# FOUNDRYIDE_BENCH_SERVER=path (an executable, or a .dll for `dotnet`) benchmarks that sidecar instead of dist/server.
# BENCH_RUNS (default 5), BENCH_GRID ("S,A,L;S,A,L..."), BENCH_AZ_CELLS ("S,A,L;...") narrow it for quick checks.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

npm ci --no-audit --no-fund --silent

if [ -z "${FOUNDRYIDE_BENCH_SERVER:-}" ]; then
  # Build unless dist/server/foundry-ide exists and is newer than every source file of server/.
  stale=""
  if [ -x dist/server/foundry-ide ]; then
    stale=$(find server -path server/bin -prune -o -path server/obj -prune -o -type f -newer dist/server/foundry-ide -print -quit)
  fi
  if [ ! -x dist/server/foundry-ide ] || [ -n "$stale" ]; then
    echo "[bench] dist/server/foundry-ide is missing or older than server/: npm run build" >&2
    npm run build >&2
  fi
  if [ -f dist/server/foundry-ide.dll ]; then kind="framework-dependent JIT build (dist/server)"; else kind="NativeAOT (dist/server)"; fi
  # Run a private copy, so that a rebuild of dist/server during the benchmark cannot pull it away.
  copy=$(mktemp -d "${TMPDIR:-/tmp}/foundryide-bench-server.XXXXXX")
  trap 'rm -rf "$copy"' EXIT
  cp -a dist/server/. "$copy/"
  if [ -f "$copy/foundry-ide.dll" ]; then export FOUNDRYIDE_BENCH_SERVER="$copy/foundry-ide.dll"; else export FOUNDRYIDE_BENCH_SERVER="$copy/foundry-ide"; fi
  export FOUNDRYIDE_BENCH_SERVER_KIND="${FOUNDRYIDE_BENCH_SERVER_KIND:-$kind, commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$([ -n "$(git status --porcelain -- server 2>/dev/null)" ] && echo ' + uncommitted server/ changes')}"
fi

dotnet build tests/Emulator -c Release -nologo -v quiet >/dev/null

# The JIT build (framework-dependent, apphost) for the start comparison; a private copy, as for dist/server.
if [ -z "${FOUNDRYIDE_BENCH_JIT:-}" ]; then
  dotnet build server/FoundryIde.Server.csproj -c Release -nologo -v quiet >/dev/null
  jitcopy=$(mktemp -d "${TMPDIR:-/tmp}/foundryide-bench-jit.XXXXXX")
  trap 'rm -rf "${copy:-}" "$jitcopy"' EXIT
  cp -a server/bin/Release/net10.0/. "$jitcopy/"
  export FOUNDRYIDE_BENCH_JIT="$jitcopy/foundry-ide"
fi

# The floor: a NativeAOT hello-world answering one `initialize` (bench/floor), published once and cached in
# bench/floor/out until its sources change.
floor=bench/floor/out/floor
if [ ! -x "$floor" ] || [ -n "$(find bench/floor -maxdepth 1 -type f \( -name '*.cs' -o -name '*.csproj' \) -newer "$floor" -print -quit)" ]; then
  echo "[bench] publishing the NativeAOT floor (bench/floor)" >&2
  dotnet publish bench/floor/Floor.csproj -c Release -r linux-x64 -o bench/floor/out -nologo -v quiet >/dev/null
  rm -f bench/floor/out/*.dbg
fi
export FOUNDRYIDE_BENCH_FLOOR="${FOUNDRYIDE_BENCH_FLOOR:-$PWD/$floor}"

if [ "$(id -u)" = 0 ]; then ns=(unshare --net --pid --fork --mount-proc --kill-child)
else ns=(unshare --user --map-root-user --net --pid --fork --mount-proc --kill-child); fi
status=0
"${ns[@]}" bash -c 'ip link set lo up && exec node bench/run.mjs' || status=$?
# Part 5: the extension's activation time in real VS Code (code-server; bench/extension.mjs appends its section).
if [ "$status" = 0 ]; then
  { [ -x tests/vscode/node_modules/.bin/code-server ] && [ -x /usr/bin/chromium ]; } || bash tests/vscode/install.sh >&2
  vsix="dist/foundry-ide-$(node -p "require('./extension/package.json').version").vsix"
  if [ ! -f "$vsix" ] || [ -n "$(find extension/src extension/package.json -newer "$vsix" -print -quit)" ]; then npm run build:extension >&2; fi
  bash scripts/sandbox.sh node bench/extension.mjs --write || status=$?
  # Part 6: Select Resource, command to first item, warm and after a window reload (bench/picker.mjs).
  bash scripts/sandbox.sh node bench/picker.mjs --write --label "$(git rev-parse --short HEAD 2>/dev/null || echo this tree)" || status=$?
fi
echo "[bench] total $(( $(date +%s) - started )) s (builds included)" >&2
exit "$status"
