#!/usr/bin/env bash
# Builds the sidecar into dist/server/foundry-ide: NativeAOT on linux-x64 (FOUNDRYIDE_BUILD=jit for the
# framework-dependent build, which runs anywhere .NET 10 does).
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${FOUNDRYIDE_BUILD:-aot}"
rm -rf dist/server
log=$(mktemp)
trap 'rm -f "$log"' EXIT
case "$mode" in
  aot)
    dotnet publish server/FoundryIde.Server.csproj -c Release -r linux-x64 -p:PublishAot=true -o dist/server -nologo | tee "$log"
    # The only trim/AOT warnings allowed are Azure.ResourceManager's, understood and documented in the README.
    if grep -E 'warning IL[0-9]+' "$log" | grep -vE "Azure.ResourceManager.dll : warning IL(2104|3053)" | grep -q .; then
      echo "unexpected trim/AOT warnings (see above): fix them, or understand and document them" >&2
      exit 1
    fi ;;
  jit) dotnet publish server/FoundryIde.Server.csproj -c Release -p:PublishAot=false -o dist/server -nologo ;;
  *) echo "FOUNDRYIDE_BUILD must be aot or jit, not '$mode'" >&2; exit 2 ;;
esac
rm -f dist/server/*.dbg dist/server/*.pdb
echo "built dist/server/foundry-ide ($mode)"
