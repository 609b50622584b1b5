// The emulator (tests/Emulator) as a child process, for the node tests (tests/vscode, tests/platforms): it prints one
// JSON line {baseUri, caPem, bundlePem, identityHeader}, then serves until stopped.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const emulatorDll = fileURLToPath(new URL('./bin/Release/net10.0/FoundryIde.Emulator.dll', import.meta.url));

/** The first line a child prints; an error when it prints none within `timeoutMs` or exits first. */
export function readFirstLine(child, what, timeoutMs) {
  return new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`${what}: no output within ${timeoutMs} ms`)), timeoutMs);
    child.stdout.on('data', (d) => {
      buf += d;
      const i = buf.indexOf('\n');
      if (i >= 0) {
        clearTimeout(timer);
        resolve(buf.slice(0, i));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}) before printing`));
    });
  });
}

/** Kills a child and its process group (they are started detached), waits for it. */
export async function stop(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  try { process.kill(-child.pid, 'SIGTERM'); } catch { try { child.kill('SIGTERM'); } catch { /* gone */ } }
  const t = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 3000);
  await exited;
  clearTimeout(t);
}

/**
 * The emulator (tests/Emulator) on 127.0.0.1: a free port, or `port` 443, where the sandbox's /etc/hosts sends the
 * public Azure names (management.azure.com, login.microsoftonline.com, *.services.ai.azure.com of the default seed).
 * `args` are more of its options (e.g. --loopback-endpoints).
 */
export async function startEmulator(dir, { port = 0, args = [] } = {}) {
  const certDir = path.join(dir, 'emulator-certs');
  fs.mkdirSync(certDir, { recursive: true });
  const child = spawn('dotnet', [emulatorDll, '--port', String(port), '--cert-dir', certDir, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'], detached: true,
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' },
  });
  child.stderr.on('data', () => {});
  const info = JSON.parse(await readFirstLine(child, 'emulator', 30_000));
  const ca = fs.readFileSync(info.caPem);
  /** The emulator's admin API (`/_emulator/...`): faults, the request log. */
  const admin = (method, route, body) => new Promise((resolve, reject) => {
    const url = new URL(`_emulator/${route}`, info.baseUri);
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = https.request(url, { method, ca, headers: data ? { 'content-type': 'application/json' } : {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => (res.statusCode >= 300 ? reject(new Error(`${method} ${route}: ${res.statusCode} ${text}`)) : resolve(text ? JSON.parse(text) : undefined)));
    });
    req.on('error', reject);
    req.end(data);
  });
  return {
    ...info,
    admin,
    /** The data-plane (Messages) requests the emulator saw, oldest first. */
    messages: async () => (await admin('GET', 'requests')).filter((r) => /\/v1\/messages(\?|$)/.test(r.path)),
    stop: () => stop(child),
  };
}
