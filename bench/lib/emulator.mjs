// Starts the standalone emulator (tests/Emulator) with a large seed and ARM latency, and wraps its admin API.
import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { newAgent, requestJson } from './http.mjs';

export const EMULATOR_DLL = 'tests/Emulator/bin/Release/net10.0/FoundryIde.Emulator.dll';

export async function startEmulator({ subscriptions, accounts, latencyMs }) {
  const certDir = mkdtempSync(join(tmpdir(), 'foundry-bench-emu-'));
  const child = spawn('dotnet', [EMULATOR_DLL, '--port', '0', '--cert-dir', certDir,
    '--seed-large', `${subscriptions},${accounts}`, '--arm-latency-ms', String(latencyMs)],
  { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const firstLine = await Promise.race([
    new Promise((resolve) => createInterface({ input: child.stdout }).once('line', resolve)),
    exited.then((code) => { throw new Error(`emulator exited (${code}) before it was ready: ${stderr}`); }),
  ]);
  const ready = JSON.parse(firstLine);
  const ca = readFileSync(ready.caPem);
  const admin = newAgent(ca, false);
  const baseUri = ready.baseUri; // https://127.0.0.1:P/
  const adminCall = (method, path, body) => requestJson(`${baseUri}_emulator/${path}`, {
    method, agent: admin, body: body === undefined ? undefined : JSON.stringify(body),
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
  });
  return {
    baseUri,
    authorityHost: baseUri.replace(/\/$/, ''),
    ca,
    caPem: ready.caPem,
    bundlePem: ready.bundlePem,
    state: () => adminCall('GET', 'state'),
    requests: () => adminCall('GET', 'requests'),
    clearRequests: () => adminCall('DELETE', 'requests'),
    addFault: (rule) => adminCall('POST', 'faults', rule),
    clearFaults: () => adminCall('DELETE', 'faults'),
    async stop() {
      child.stdin.end(); // the emulator serves until its stdin closes
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** What the seed holds for the default service principal: the listing FoundryIde must return in full. */
export function expectedListing(state) {
  const sp = state.servicePrincipals[0];
  const visible = new Set(state.subscriptions.map((s) => s.id));
  const foundry = state.accounts.filter((a) => visible.has(a.subscriptionId) && a.kind === 'AIServices');
  const claude = foundry.reduce((n, a) => n + a.deployments.filter((d) => d.modelFormat === 'Anthropic').length, 0);
  return {
    tenantId: sp.tenantId,
    clientId: sp.appId,
    clientSecret: sp.secret,
    subscriptions: state.subscriptions.map((s) => s.id),
    accounts: state.accounts.length,
    foundry: foundry.map((a) => ({ subscriptionId: a.subscriptionId, resourceGroup: a.resourceGroup, name: a.name })),
    claudeDeployments: claude,
  };
}
