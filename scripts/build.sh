#!/usr/bin/env bash
# Builds the sidecar into dist/server/foundry-ide: NativeAOT on linux-x64 (FOUNDRYIDE_BUILD=jit for the
# framework-dependent build, which runs anywhere .NET 10 does).
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${FOUNDRYIDE_BUILD:-aot}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
case "$mode" in
  aot)
    # Built before from these sources (and checked below): taken from the cache (scripts/sidecar-cache.sh). One build
    # at a time: a second one (.ci/run starts one early, scripts/test.sh another) waits here, then takes the first's.
    . scripts/sidecar-cache.sh
    if [ "$sidecar_cache" != 0 ] && command -v flock >/dev/null; then
      mkdir -p "$sidecar_cache" && exec 9>"$sidecar_cache/.build-linux-x64.lock" && flock 9
    fi
    rm -rf dist/server
    # The same key as scripts/package-all.sh's linux-x64 NativeAOT build (the same publish): either one reuses the other's.
    stamp=$(sources_hash "linux-x64 aot")
    cached="$sidecar_cache/linux-x64-$stamp"
    if [ "$sidecar_cache" != 0 ] && [ -x "$cached/foundry-ide" ]; then
      mkdir -p dist/server && cp "$cached/foundry-ide" dist/server/
      echo "built dist/server/foundry-ide ($mode): the same sources were built before, reused from $cached"
      exit 0
    fi
    # The publish compiles the sources again for the RID; the analyzers (code style, AOT compatibility) ran on the same
    # sources in the solution build (npm test, the release workflow's tests) and are skipped here (14 s of a minute);
    # no native debug symbols either (7 s): the .dbg file was deleted after the build.
    dotnet publish server/FoundryIde.Server.csproj -c Release -r linux-x64 -p:PublishAot=true -p:RunAnalyzers=false -p:DebugType=none -o dist/server -nologo | tee "$log"
    # The only trim/AOT warnings allowed are Azure.ResourceManager's, understood and documented in the README.
    if grep -E 'warning IL[0-9]+' "$log" | grep -vE "Azure.ResourceManager.dll : warning IL(2104|3053)" | grep -q .; then
      echo "unexpected trim/AOT warnings (see above): fix them, or understand and document them" >&2
      exit 1
    fi ;;
  jit) rm -rf dist/server; dotnet publish server/FoundryIde.Server.csproj -c Release -p:PublishAot=false -o dist/server -nologo ;;
  *) echo "FOUNDRYIDE_BUILD must be aot or jit, not '$mode'" >&2; exit 2 ;;
esac
rm -f dist/server/*.dbg dist/server/*.pdb
if [ "$mode" = aot ] && [ "$sidecar_cache" != 0 ]; then
  # Only the newest per target; under a temporary name, then renamed (a run stopped half-way leaves no half copy).
  mkdir -p "$sidecar_cache" && rm -rf "$sidecar_cache"/linux-x64-* "$sidecar_cache"/server-linux-x64-* \
    && staging=$(mktemp -d "$sidecar_cache/.staging.XXXXXX") && cp dist/server/foundry-ide "$staging/" && echo "$stamp" >"$staging/.built-from" \
    && { mv -T "$staging" "$cached" 2>/dev/null || rm -rf "$staging"; } || true
fi
echo "built dist/server/foundry-ide ($mode)"
