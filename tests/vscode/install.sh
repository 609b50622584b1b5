#!/usr/bin/env bash
# Installs what the real-VS-Code tests need (outside the sandbox: it needs the network). Run as root.
#   apt: chromium (the browser), ripgrep (code-server's @vscode/ripgrep otherwise downloads rg from GitHub),
#        libkrb5-dev (code-server's kerberos module builds against it), fonts-wqy-microhei (CJK glyphs for the
#        zh-cn screenshots; without a CJK font Chromium draws boxes).
#   npm: code-server 4.100.3 (VS Code 1.100.3, the newest that runs on Node 20) and playwright-core (package-lock.json).
set -euo pipefail
cd "$(dirname "$0")"
need=()
for p in chromium ripgrep libkrb5-dev fonts-wqy-microhei; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
# FOUNDRYIDE_SKIP_APT=1: the caller installs them (.ci/run, side by side with this npm install).
if [ ${#need[@]} -gt 0 ] && [ "${FOUNDRYIDE_SKIP_APT:-0}" != 1 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
# @vscode/ripgrep 1.15.11 looks for this archive in $TMPDIR before downloading: give it Debian's rg.
cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
archive="$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -s "$archive" ]; then
  mkdir -p "$cache"
  stage=$(mktemp -d)
  cp /usr/bin/rg "$stage/rg"
  tar czf "$archive" -C "$stage" rg
  rm -rf "$stage"
fi
# unsafe_perm: postinstall scripts as root; yes: node-pty's build runs `npx node-gyp`. scripts/npm-ci.sh keeps a copy of
# node_modules per package-lock.json outside the tree: the next clone copies it instead of building again.
npm_config_unsafe_perm=true npm_config_yes=true bash ../../scripts/npm-ci.sh .
