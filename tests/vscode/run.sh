#!/usr/bin/env bash
# The FoundryIde extension in real VS Code (code-server) driven by headless Chromium, against the loopback emulator.
#   bash tests/vscode/run.sh            # installs if needed (outside the sandbox), builds what is missing, runs
# The tests themselves run inside scripts/sandbox.sh (loopback only). Screenshots: $TMPDIR/foundryide-vscode/.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x tests/vscode/node_modules/.bin/code-server ] && [ -x /usr/bin/chromium ] || bash tests/vscode/install.sh
if [ ! -f dist/foundry-ide-0.1.0.vsix ]; then
  [ -x dist/server/foundry-ide ] || npm run build
  npm run build:extension
fi
[ -f tests/Emulator/bin/Release/net10.0/FoundryIde.Emulator.dll ] || dotnet build tests/Emulator -c Release --nologo -v q
exec bash scripts/sandbox.sh node --test --test-concurrency=1 --test-reporter=spec "$@" tests/vscode/
