#!/usr/bin/env bash
# npm-ci.sh DIR: `npm ci` in DIR, its node_modules kept outside the tree for the next clone. The copy is keyed by
# what decides its contents (DIR's package-lock.json, node's version, the machine), so a clone with the same lock file
# gets a copy of what `npm ci` made (seconds) instead of a fresh install (code-server's takes two minutes: it builds
# native modules). A plain copy, not links: nothing a run does to its node_modules reaches the cache.
#   FOUNDRYIDE_NPM_CACHE=DIR  where the copies are kept (default ~/.cache/foundryide/node_modules); 0: no cache.
set -euo pipefail
cd "$1"
install() { npm ci --no-audit --no-fund --loglevel=error; }
root="${FOUNDRYIDE_NPM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/foundryide/node_modules}"
[ "$root" = 0 ] && { install; exit; }

key=$({ cat package-lock.json; node --version; uname -m; } | sha256sum | cut -c1-16)
name=$(basename "$PWD")-$key
kept="$root/$name"
if [ -d "$kept/node_modules" ]; then
  rm -rf node_modules
  cp -a "$kept/node_modules" node_modules
  echo "$PWD: node_modules copied from $kept (same package-lock.json)"
  exit 0
fi
install
# Kept under a temporary name, then renamed: a run that stops half-way, or two runs at once, leave no half copy.
mkdir -p "$root"
staging=$(mktemp -d "$root/.staging.XXXXXX")
if cp -a node_modules "$staging/node_modules"; then
  rm -rf "${root:?}/$(basename "$PWD")"-*  # only the newest lock file's copy per folder
  mv -T "$staging" "$kept" 2>/dev/null || true
fi
rm -rf "$staging"
