# Sourced by scripts/build.sh and scripts/package-all.sh: where built sidecars are kept, and what one is built from.
# A sidecar built from the same sources, build settings, SDK and mode is taken from the cache instead of being built
# again (NativeAOT takes a minute here; arm64 more): npm test builds every run, often from unchanged sources.
#   FOUNDRYIDE_SIDECAR_CACHE=DIR  (default ~/.cache/foundryide/sidecars); 0: never reuse.
sidecar_cache="${FOUNDRYIDE_SIDECAR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/foundryide/sidecars}"

# sources_hash WHAT: a hash of server/ (without bin/ and obj/), the build settings, the SDK's version and WHAT.
sources_hash() {
  { find server -type f -not -path '*/bin/*' -not -path '*/obj/*' -print0 | LC_ALL=C sort -z | xargs -0 cat
    cat Directory.Build.props Directory.Packages.props global.json; dotnet --version; echo "$1"; } | cksum | cut -d' ' -f1
}
