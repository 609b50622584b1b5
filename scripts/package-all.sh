#!/usr/bin/env bash
# npm run package:all: one platform-specific .vsix per VS Code target that this machine can build, each holding that
# platform's sidecar, plus a universal .vsix without a sidecar. Writes dist/foundry-ide-<target>-<version>.vsix,
# prints a table (target, how the sidecar was built, package size) and which targets were skipped and why.
#
#   FOUNDRYIDE_TARGETS="linux-x64 win32-x64"  only these (default: all, see below; "none": the universal one only)
#   FOUNDRYIDE_NATIVE_AOT=1                    every target as NativeAOT (the release workflow, on each target's own runner)
#   FOUNDRYIDE_REUSE_LINUX_X64=1               use dist/server (scripts/build.sh's NativeAOT build) for linux-x64
#   FOUNDRYIDE_SIDECAR_CACHE=DIR               where built sidecars are kept by sources hash (scripts/sidecar-cache.sh)
#   FOUNDRYIDE_SIDECARS_ONLY=1                 only build the sidecars into that cache (no extension, no package), so a
#                                              later run packages them at once (scripts/test.sh starts one early)
#
# Here (Linux x64): NativeAOT for linux-x64 and linux-arm64 (cross: clang, lld, Debian's arm64 sysroot);
# self-contained single-file for alpine-x64, darwin-*, win32-* (NativeAOT needs the target's own OS: the release
# workflow builds those there). win32-* are self-extracting single files: see README "Platforms" for why (Wine).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
version=$(node -p "require('./extension/package.json').version")
all="linux-x64 linux-arm64 alpine-x64 darwin-x64 darwin-arm64 win32-x64 win32-arm64"
targets="${FOUNDRYIDE_TARGETS:-$all}"
[ "$targets" = none ] && targets=""
nice=(); command -v nice >/dev/null && nice=(nice -n 5)  # builds share the machine (not on every Windows bash)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

rid_of() {
  case "$1" in
    linux-x64) echo linux-x64 ;; linux-arm64) echo linux-arm64 ;; alpine-x64) echo linux-musl-x64 ;;
    darwin-x64) echo osx-x64 ;; darwin-arm64) echo osx-arm64 ;; win32-x64) echo win-x64 ;; win32-arm64) echo win-arm64 ;;
    *) return 1 ;;
  esac
}

host_rid() {
  local os arch
  case "$(uname -s)" in Linux) os=linux ;; Darwin) os=osx ;; MINGW*|MSYS*|CYGWIN*) os=win ;; *) os=unknown ;; esac
  case "$(uname -m)" in x86_64|amd64) arch=x64 ;; aarch64|arm64) arch=arm64 ;; *) arch=unknown ;; esac
  if [ "$os" = linux ] && ldd --version 2>&1 | grep -qi musl; then os=linux-musl; fi
  echo "$os-$arch"
}

# How this machine builds a target's sidecar: aot, single-file, or "skip: reason".
mode_of() {
  local target=$1 rid here
  rid=$(rid_of "$target")
  here=$(host_rid)
  if [ "${FOUNDRYIDE_NATIVE_AOT:-0}" = 1 ]; then echo aot; return; fi
  case "$rid" in
    "$here") echo aot ;;
    linux-arm64)
      if [ "$here" = linux-x64 ] && command -v clang >/dev/null && command -v ld.lld >/dev/null && [ -d /usr/aarch64-linux-gnu/lib ]; then
        echo aot
      else
        echo "skip: NativeAOT cross-compiling to linux-arm64 needs clang, lld and the arm64 sysroot (apt-get install clang lld gcc-aarch64-linux-gnu libc6-dev-arm64-cross)"
      fi ;;
    *) echo single-file ;;
  esac
}

# Why a target is built here as a single file, not NativeAOT (printed with the table).
single_file_why() {
  local rid os
  rid=$(rid_of "$1")
  case "$rid" in osx-*) os=macOS ;; win-*) os=Windows ;; *) os=${rid%%-*} ;; esac
  case "$rid" in
    linux-musl-*) echo "NativeAOT for musl needs an Alpine toolchain and sysroot, not set up here (the release workflow builds it as NativeAOT in an Alpine container)" ;;
    *) echo "NativeAOT cannot cross-compile from $(host_rid) to $os ($rid): it links with $os's own toolchain and SDK (the release workflow builds it as NativeAOT on a $os runner)" ;;
  esac
}

# Every publish compiles the sources again for its RID, without the analyzers: they ran on the same sources in the
# solution build (npm test; the release workflow's tests on each runner). No debug symbols: packages hold none.
# A sidecar built before from the same sources is taken from the cache (scripts/sidecar-cache.sh): npm test packages
# every run, and arm64 is built once per change of the sources.
. scripts/sidecar-cache.sh
cache=$sidecar_cache
# The RIDs the committed lock file holds (the project's RuntimeIdentifiers).
locked_rids=$(sed -n 's|^    "net10\.0/\(.*\)": {$|\1|p' server/packages.lock.json | tr '\n' ' ')

# publish TARGET MODE OUT: the sidecar for TARGET into OUT.
publish() {
  local target=$1 mode=$2 out=$3 rid log stamp
  rid=$(rid_of "$target")
  log="$root/dist/obj/publish-$target.log"
  stamp="$(sources_hash "$target $mode")"
  local cached="$cache/$target-$stamp"
  rm -rf "$out"
  if [ "${FOUNDRYIDE_REUSE_LINUX_X64:-0}" != 1 ] || [ "$rid" != linux-x64 ]; then
    if [ "$cache" != 0 ] && [ -f "$cached/.built-from" ]; then
      echo "$target: sidecar built from these sources before, reused from $cached" >&2
      mkdir -p "$out" && cp -R "$cached/." "$out/"
      return
    fi
  fi
  if [ "$mode" = aot ] && [ "$rid" = linux-x64 ] && [ "${FOUNDRYIDE_REUSE_LINUX_X64:-0}" = 1 ] && [ -x dist/server/foundry-ide ]; then
    mkdir -p "$out" && cp dist/server/foundry-ide "$out/"
    return  # no stamp: dist/server is scripts/build.sh's, rebuilt by it
  fi
  if [ "$mode" = aot ] && [[ " $locked_rids " == *" $rid "* ]]; then
    # A RID of the project's RuntimeIdentifiers: the lock file holds its ILCompiler package, restored locked in place.
    ${nice[@]+"${nice[@]}"} dotnet publish server/FoundryIde.Server.csproj -c Release -r "$rid" -p:PublishAot=true -p:RunAnalyzers=false -p:DebugType=none -o "$out" -nologo >"$log" 2>&1 \
      || { tail -20 "$log" >&2; return 1; }
  else
    # Any other RID, or a single file: restored unlocked in a copy of the sources (dist/obj/src-TARGET), so that the
    # committed packages.lock.json and the project's obj/ stay those of the tested build (the tests restore locked).
    local src="$root/dist/obj/src-$target"
    rm -rf "$src" && mkdir -p "$src"
    cp Directory.Build.props Directory.Packages.props global.json "$src/"
    tar --exclude=server/bin --exclude=server/obj -cf - server | tar -C "$src" -xf -
    local how=(-p:PublishAot=true)
    # Windows: the single file extracts its assemblies on first start (%TEMP%\.net). Wine cannot map
    # System.Private.CoreLib from inside the bundle (HRESULT 0x80070057); extracted, it runs (README "Platforms").
    if [ "$mode" != aot ]; then
      how=(--self-contained -p:PublishAot=false -p:PublishSingleFile=true)
      case "$rid" in win-*) how+=(-p:IncludeAllContentForSelfExtract=true) ;; esac
    fi
    (cd "$src" && ${nice[@]+"${nice[@]}"} dotnet publish server/FoundryIde.Server.csproj -c Release -r "$rid" "${how[@]}" \
      -p:RunAnalyzers=false -p:DebugType=none -p:RuntimeIdentifiers="$rid" -p:RestoreLockedMode=false \
      -o "$out" -nologo >"$log" 2>&1) || { tail -20 "$log" >&2; return 1; }
  fi
  rm -f "$out"/*.pdb "$out"/*.dbg
  echo "$stamp" >"$out/.built-from"
  # Kept outside the tree for the next run, even from a fresh clone (CI); only the newest per target. Under a temporary
  # name, then renamed: scripts/build.sh takes linux-x64 from the same key, never a half copy.
  if [ "$cache" != 0 ]; then
    mkdir -p "$cache" && rm -rf "$cache/$target"-* \
      && staging=$(mktemp -d "$cache/.staging.XXXXXX") && cp -R "$out/." "$staging/" \
      && { mv -T "$staging" "$cached" 2>/dev/null || rm -rf "$staging"; } || true
  fi
}

mkdir -p dist/obj
if [ "${FOUNDRYIDE_SIDECARS_ONLY:-0}" = 1 ]; then
  [ "$cache" != 0 ] || { echo "FOUNDRYIDE_SIDECARS_ONLY needs the sidecar cache" >&2; exit 2; }
  rc=0
  for target in $targets; do
    [ "$target" = linux-x64 ] && [ "${FOUNDRYIDE_REUSE_LINUX_X64:-0}" = 1 ] && continue  # scripts/build.sh makes it
    mode=$(mode_of "$target") || continue
    [[ "$mode" == skip:* ]] && continue
    start=$SECONDS
    if publish "$target" "$mode" "$root/dist/obj/prebuilt-$target"; then echo "$target: $mode sidecar in the cache ($((SECONDS - start)) s)"; else rc=1; fi
    rm -rf "$root/dist/obj/prebuilt-$target"
  done
  exit $rc
fi
# The extension bundle once (esbuild), then one vsce package per target.
[ -d extension/node_modules ] || bash scripts/npm-ci.sh extension
node extension/scripts/build.mjs --production >/dev/null

built=(); skipped=(); failed=()
for target in $targets; do
  if ! rid_of "$target" >/dev/null; then skipped+=("$target: not a target (use: $all)"); continue; fi
  mode=$(mode_of "$target")
  if [[ "$mode" == skip:* ]]; then skipped+=("$target: ${mode#skip: }"); continue; fi
  out="$root/dist/sidecars/$target"
  start=$SECONDS
  if ! publish "$target" "$mode" "$out"; then
    failed+=("$target: the $mode build failed (log: dist/obj/publish-$target.log)")
    continue
  fi
  node extension/scripts/package.mjs --no-build --target "$target" --sidecar "$out" --mode "$mode" >/dev/null
  built+=("$target $mode $((SECONDS - start))")
done
node extension/scripts/package.mjs --no-build --target universal >/dev/null

printf '\n%-14s %-12s %10s %8s  %s\n' target sidecar size build package
for line in ${built[@]+"${built[@]}"} "universal none 0"; do
  read -r target mode secs <<<"$line"
  file="dist/foundry-ide-$target-$version.vsix"
  printf '%-14s %-12s %8s MB %7ss  %s\n' "$target" "$mode" "$(awk -v b="$(wc -c <"$file")" 'BEGIN{printf "%.2f", b/1048576}')" "$secs" "$file"
done
single=()
for line in ${built[@]+"${built[@]}"}; do
  read -r target mode _ <<<"$line"
  [ "$mode" = single-file ] && single+=("$target: $(single_file_why "$target")")
done
if [ ${#single[@]} -gt 0 ]; then
  echo "single files, not NativeAOT:"
  printf '  %s\n' "${single[@]}"
fi
if [ ${#skipped[@]} -gt 0 ]; then
  echo "skipped (this machine cannot build them):"
  printf '  %s\n' "${skipped[@]}"
fi
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED:"
  printf '  %s\n' "${failed[@]}"
  exit 1
fi
