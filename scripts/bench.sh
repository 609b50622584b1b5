#!/usr/bin/env bash
# The discovery benchmark (bench/run.mjs): builds what it needs, then runs inside a network namespace that has only
# loopback, so nothing but 127.0.0.1 is ever reached. Prints a markdown report and writes bench/results.md.
# FOUNDRYIDE_BENCH_SERVER=path (an executable, or a .dll for `dotnet`) benchmarks that sidecar instead.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

npm ci --no-audit --no-fund --silent

# newer_sources BINARY: prints a server source file newer than BINARY, if any.
newer_sources() { find server -path server/bin -prune -o -path server/obj -prune -o -type f -newer "$1" -print -quit; }

if [ -n "${FOUNDRYIDE_BENCH_SERVER:-}" ]; then
  kind="${FOUNDRYIDE_BENCH_SERVER_KIND:-given by FOUNDRYIDE_BENCH_SERVER}"
else
  server=dist/server/foundry-ide
  if [ ! -x "$server" ] || [ -n "$(newer_sources "$server")" ]; then
    echo "[bench] dist/server/foundry-ide is missing or older than server/: npm run build" >&2
    build_log="${TMPDIR:-/tmp}/foundryide-bench-build-$$.log"
    if npm run build >"$build_log" 2>&1; then
      kind="NativeAOT, npm run build"
    else
      # Measure the same NativeAOT program anyway, and say so in the report.
      first_error=$(grep -m1 -oE 'error [A-Z]+[0-9]+: [^[]*' "$build_log" || echo "see $build_log")
      echo "[bench] npm run build FAILED ($first_error); log: $build_log" >&2
      server=bench/.build/server/foundry-ide
      if [ ! -x "$server" ] || [ -n "$(newer_sources "$server")" ]; then
        echo "[bench] publishing NativeAOT into bench/.build/server with warnings not treated as errors" >&2
        rm -rf bench/.build/server
        dotnet publish server/FoundryIde.Server.csproj -c Release -r linux-x64 -p:PublishAot=true \
          -p:TreatWarningsAsErrors=false -o bench/.build/server -nologo -v quiet >>"$build_log" 2>&1
      fi
      kind="NativeAOT built by scripts/bench.sh with trim/AOT warnings NOT treated as errors, because \`npm run build\` failed: ${first_error% }"
    fi
  elif [ -f dist/server/foundry-ide.dll ]; then
    kind="framework-dependent JIT build in dist/server"
  else
    kind="NativeAOT, dist/server (up to date)"
  fi
  export FOUNDRYIDE_BENCH_SERVER="$server"
fi
export FOUNDRYIDE_BENCH_SERVER_KIND="$kind"

dotnet build tests/Emulator -c Release -nologo -v quiet >/dev/null

if [ "$(id -u)" = 0 ]; then ns=(unshare --net --pid --fork --mount-proc --kill-child)
else ns=(unshare --user --map-root-user --net --pid --fork --mount-proc --kill-child); fi
status=0
"${ns[@]}" bash -c 'ip link set lo up && exec node bench/run.mjs' || status=$?
echo "[bench] total $(( $(date +%s) - started )) s (builds included)" >&2
exit "$status"
