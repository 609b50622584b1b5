import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

// src/sidecar/protocol.generated.ts, protocol/*.generated.ts and rpc.generated.ts must be exactly what the committed contract
// (server/Rpc/rpc-schema.json, itself checked against the C# records by the server's RpcSchema tests) generates.
test('the generated protocol files are what server/Rpc/rpc-schema.json generates', () => {
  assert.doesNotThrow(() => execFileSync(process.execPath, ['scripts/protocol.mjs', '--check'], { stdio: 'pipe' }));
});
