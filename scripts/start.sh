#!/usr/bin/env bash
# The main job from a fresh clone: build the sidecar (NativeAOT) and the VS Code extension (.vsix) if they are
# missing, then run the credential doctor for this shell.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(node -p "require('./extension/package.json').version")
vsix="dist/foundry-ide-$version.vsix"
if [ ! -x dist/server/foundry-ide ] || [ ! -f "$vsix" ]; then
  npm run build >&2
fi
echo "VS Code extension: $vsix (install: code --install-extension $vsix)" >&2
exec dist/server/foundry-ide doctor "$@"
