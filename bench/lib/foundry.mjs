// Runs FoundryIde against the emulator: `foundry-ide serve` over JSON-RPC (vscode-jsonrpc, as the extension will)
// and the `foundry-ide resources --json` CLI. Each run is a fresh process.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const RUN_TIMEOUT_MS = 120_000;
const INITIALIZE_TIMEOUT_MS = 20_000;

/** The environment of a run: the emulator's service principal for EnvironmentCredential, and nothing else of Azure's. */
export function foundryEnv(emu, seed, extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env)
    .filter(([k]) => !/^(AZURE_|IDENTITY_|MSI_|ANTHROPIC_|FOUNDRYIDE_|SSL_CERT_)/.test(k)));
  return {
    ...env,
    AZURE_TENANT_ID: seed.tenantId,
    AZURE_CLIENT_ID: seed.clientId,
    AZURE_CLIENT_SECRET: seed.clientSecret,
    AZURE_AUTHORITY_HOST: emu.authorityHost,
    AZURE_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'foundry-bench-noaz-')), // no az login to fall back on
    SSL_CERT_FILE: emu.bundlePem,
    ...extra,
  };
}

function launch(server, args, env) {
  const child = spawn(server.command, [...server.args, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? signal)));
  return { child, exited, stderr: () => stderr };
}

function deadline(ms, what) {
  let timer;
  const promise = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} timed out`)), ms); });
  return { promise, cancel: () => clearTimeout(timer) };
}

/**
 * Spawns `foundry-ide serve`, initializes it with the emulator's settings (untimed), then times
 * `resources/list {refresh:true}` from request to result. Ends the process with shutdown + exit.
 */
export async function timeServeList(server, emu, env) {
  const proc = launch(server, ['serve'], env);
  const conn = createMessageConnection(new StreamMessageReader(proc.child.stdout), new StreamMessageWriter(proc.child.stdin));
  conn.listen();
  const limit = deadline(RUN_TIMEOUT_MS, 'foundry-ide serve');
  // vscode-jsonrpc never settles pending requests when the connection closes: race them with the process's end.
  const died = proc.exited.then((code) => { throw new Error(`foundry-ide serve exited (${code}): ${proc.stderr()}`); });
  died.catch(() => {}); // observed through guard(); a normal exit after `exit` is not an error
  const guard = (p) => Promise.race([p, died, limit.promise]);
  try {
    const init = deadline(INITIALIZE_TIMEOUT_MS, 'initialize');
    try {
      await Promise.race([guard(conn.sendRequest('initialize', {
        clientName: 'foundry-bench', settings: { armEndpoint: emu.baseUri, authorityHost: emu.authorityHost },
      })), init.promise]);
    } finally {
      init.cancel();
    }
    const sentAt = Date.now();
    const started = performance.now();
    const result = await guard(conn.sendRequest('resources/list', { refresh: true }));
    const elapsed = performance.now() - started;
    const doneAt = Date.now();
    await guard(conn.sendRequest('shutdown'));
    conn.sendNotification('exit');
    await Promise.race([proc.exited, limit.promise]);
    return { ms: elapsed, result, sentAt, doneAt };
  } finally {
    limit.cancel();
    conn.dispose();
    if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGKILL');
  }
}

/** Times `foundry-ide resources --json` from spawn to exit. */
export async function timeCliList(server, emu, env) {
  const started = performance.now();
  const proc = launch(server, ['resources', '--json', '--arm-endpoint', emu.baseUri, '--authority-host', emu.authorityHost], env);
  let stdout = '';
  proc.child.stdout.on('data', (d) => { stdout += d; });
  proc.child.stdin.end();
  const limit = deadline(RUN_TIMEOUT_MS, 'foundry-ide resources');
  let code;
  try {
    code = await Promise.race([proc.exited, limit.promise]);
  } finally {
    limit.cancel();
    if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGKILL');
  }
  const elapsed = performance.now() - started;
  if (code !== 0 && code !== 3) throw new Error(`foundry-ide resources exited ${code}: ${proc.stderr()}`);
  return { ms: elapsed, result: JSON.parse(stdout), exitCode: code };
}

/** Problems with a listing compared with what the seed holds; empty when it is complete. */
export function checkListing(result, expected) {
  const problems = [];
  const resources = result?.resources ?? [];
  const claude = resources.reduce((n, r) => n + (r.deployments?.length ?? 0), 0);
  const ids = new Set(resources.map((r) => r.id?.toLowerCase()));
  if (resources.length !== expected.foundry.length) problems.push(`${resources.length}/${expected.foundry.length} resources`);
  if (ids.size !== resources.length) problems.push('duplicate resources');
  if (claude !== expected.claudeDeployments) problems.push(`${claude}/${expected.claudeDeployments} Claude deployments`);
  if ((result?.errors ?? []).length) problems.push(`errors: ${result.errors.map((e) => e.message).join('; ').slice(0, 300)}`);
  return problems;
}
