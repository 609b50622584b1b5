import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { describeError, SidecarClient, SidecarExitedError, SidecarHost, SidecarState } from '../src/sidecar/client';
import type { LogEntry } from '../src/sidecar/logLines';
import { Rpc } from '../src/sidecar/protocol';
import type { Request, Request0 } from '../src/sidecar/protocol';
import { RestartPolicy } from '../src/sidecar/restartPolicy';

const root = join(__dirname, '..', '..');
const fake = join(root, 'test', 'fixtures', 'fakeSidecar.js');

function host(overrides: Partial<SidecarHost> = {}): SidecarHost & { logs: LogEntry[]; asked: number } {
  const h = {
    logs: [] as LogEntry[],
    asked: 0,
    clientName: 'test',
    clientVersion: '0',
    command: () => ({ command: process.execPath, args: [fake], source: 'env' as const }),
    settings: () => ({ cloud: 'AzureCloud', tenant: 't1' }),
    env: () => process.env,
    log(entry: LogEntry) {
      h.logs.push(entry);
    },
    askToRestart: async () => {
      h.asked++;
      return false;
    },
    ...overrides,
  };
  return h;
}

// Methods of the test's fake sidecar, outside the contract: descriptors written out.
const hang: Request0<unknown> = { kind: 'request0', method: 'test/hang' };
const die: Request0<unknown> = { kind: 'request0', method: 'test/die' };
const waitFor = async (condition: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

test('starts lazily on the first request, sends settings in initialize, routes stderr by level', async () => {
  const h = host();
  const client = new SidecarClient(h);
  assert.equal(client.state, 'stopped');
  const pong = await client.request(Rpc.ping);
  assert.ok(pong.time);
  assert.equal(client.state, 'ready');
  assert.equal(client.serverInfo?.serverName, 'fake');
  await waitFor(() => h.logs.some((l) => l.level === 'debug' && l.message.includes('"tenant":"t1"')));
  assert.ok(h.logs.some((l) => l.level === 'info' && l.message === 'Fake.Sidecar[0] fake sidecar serving JSON-RPC on stdio'));
  await client.stop();
  assert.equal(client.state, 'stopped');
});

test('settings/update reaches a running sidecar', async () => {
  let tenant = 't1';
  const h = host({ settings: () => ({ tenant }) });
  const client = new SidecarClient(h);
  await client.start();
  tenant = 't2';
  await client.updateSettings();
  await waitFor(() => h.logs.some((l) => l.message.includes('settings/update {"tenant":"t2"}')));
  await client.stop();
});

test('a request sends exactly its params object (named), with or without a cancellation token', async () => {
  const echo: Request<{ a: number }, { params: unknown }> = { kind: 'request', method: 'test/echo' };
  const echo0: Request0<{ params: unknown }> = { kind: 'request0', method: 'test/echo' };
  const client = new SidecarClient(host());
  assert.deepEqual((await client.request(echo, { a: 1 })).params, { a: 1 });
  assert.deepEqual((await client.request(echo, { a: 2 }, undefined)).params, { a: 2 });
  const { CancellationTokenSource } = await import('vscode-jsonrpc/node');
  assert.deepEqual((await client.request(echo, { a: 3 }, new CancellationTokenSource().token)).params, { a: 3 });
  assert.equal((await client.request(echo0)).params, null);
  await client.stop();
});

test('errors keep their stable code and kind', async () => {
  const client = new SidecarClient(host());
  await assert.rejects(client.request(Rpc.resourcesList, {}), (e: unknown) => {
    assert.deepEqual(describeError(e), { message: 'No credential works here.', code: 1002, kind: 'NoCredential' });
    return true;
  });
  await client.stop();
});

test('requests in flight fail with a clear error when the sidecar dies, and it is restarted', async () => {
  const h = host();
  const states: SidecarState[] = [];
  const client = new SidecarClient(h, new RestartPolicy({ initialDelayMs: 10, maxDelayMs: 10, maxRestarts: 3, windowMs: 60_000 }));
  client.onDidChangeState((s) => states.push(s));
  await client.start();
  const pending = client.request(hang);
  const dying = client.request(die);
  await assert.rejects(pending, (e: unknown) => e instanceof SidecarExitedError && e.method === 'test/hang' && /exit code 3/.test(e.message));
  await assert.rejects(dying, SidecarExitedError);
  assert.ok(h.logs.some((l) => l.level === 'error' && l.message === 'Fake.Sidecar[0] dying'));
  await waitFor(() => client.state === 'ready');
  assert.deepEqual(states, ['starting', 'ready', 'restarting', 'starting', 'ready']);
  assert.ok((await client.request(Rpc.ping)).time);
  await client.stop();
});

test('after too many crashes the person is asked, and the state is failed', async () => {
  const h = host();
  const client = new SidecarClient(h, new RestartPolicy({ initialDelayMs: 5, maxDelayMs: 5, maxRestarts: 1, windowMs: 60_000 }));
  await client.start();
  await client.request(die).catch(() => undefined);
  await waitFor(() => client.state === 'ready');
  await client.request(die).catch(() => undefined);
  await waitFor(() => h.asked === 1);
  assert.equal(client.state, 'failed');
  await client.restart();
  assert.equal(client.state, 'ready');
  await client.stop();
});

test('a sidecar that cannot be found fails the request with the resolver\'s message', async () => {
  const client = new SidecarClient(host({ command: () => { throw new Error('The FoundryIde sidecar was not found.'); } }));
  await assert.rejects(client.request(Rpc.ping), /not found/);
  assert.equal(client.state, 'failed');
});

// The real sidecar, when it is built (FOUNDRYIDE_SERVER_PATH, or the repository's JIT build): initialize and ping.
const real = process.env.FOUNDRYIDE_SERVER_PATH ?? join(root, '..', 'server', 'bin', 'Release', 'net10.0', 'foundry-ide.dll');
test('the real foundry-ide serve answers initialize and ping', { skip: !existsSync(real) && `no sidecar at ${real}` }, async () => {
  const h = host({ command: () => (real.endsWith('.dll') ? { command: 'dotnet', args: [real, 'serve'], source: 'env' } : { command: real, args: ['serve'], source: 'env' }) });
  const client = new SidecarClient(h);
  assert.ok((await client.request(Rpc.ping)).time);
  assert.equal(client.serverInfo?.serverName, 'foundry-ide');
  assert.ok(client.serverInfo?.capabilities.methods.includes('resources/list'));
  await client.stop();
  assert.ok(h.logs.some((l) => l.level === 'info' && /serving JSON-RPC on stdio/.test(l.message)), JSON.stringify(h.logs));
});
