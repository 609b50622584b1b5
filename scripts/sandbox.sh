#!/usr/bin/env bash
# Runs a command inside the test sandbox: a network namespace with only loopback (nothing can reach Azure or any
# other address; managed-identity probes of 169.254.169.254 fail at once) and a mount namespace whose private
# /etc/hosts maps the public Azure host names the tests use to 127.0.0.1.
#   scripts/sandbox.sh dotnet test --project tests/FoundryIde.Tests --no-build
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: scripts/sandbox.sh COMMAND [ARGS...]" >&2; exit 2; }
hosts=$(mktemp "${TMPDIR:-/tmp}/foundryide-hosts.XXXXXX")
trap 'rm -f "$hosts"' EXIT
{
  echo "127.0.0.1 localhost"
  echo "::1 localhost"
  echo "127.0.0.1 management.azure.com login.microsoftonline.com"
  # A foreign host for the hostile-ARM tests (tests/Emulator/HostileSeed.cs): a second loopback address whose
  # listeners record every connection, so a key or token sent there would show.
  echo "127.0.0.2 evil.example hostile-http.services.ai.azure.com hostile-port.services.ai.azure.com"
  # The Foundry resources of the emulator's default seed (tests/Emulator/DefaultSeed.cs), and the one the real-VS-Code
  # deploy test creates (tests/vscode/deploy.test.mjs).
  for name in contoso-foundry contoso-west-7f3a contoso-openai contoso-finance-ai deployed-claude-ai; do
    echo "127.0.0.1 $name.services.ai.azure.com $name.cognitiveservices.azure.com"
  done
} > "$hosts"
if [ "$(id -u)" = 0 ]; then ns=(unshare --net --mount --fork --kill-child); else ns=(unshare --user --map-root-user --net --mount --fork --kill-child); fi
"${ns[@]}" bash -c 'ip link set lo up && mount --bind "$0" /etc/hosts && exec "$@"' "$hosts" "$@"
