#!/usr/bin/env bash
# The main job: build the sidecar if needed, then run the credential doctor for this shell.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x dist/server/foundry-ide ] || bash scripts/build.sh
exec dist/server/foundry-ide doctor "$@"
