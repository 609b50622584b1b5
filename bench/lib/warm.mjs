// Warm RPC and memory: one `foundry-ide serve` kept up, initialized against the emulator as the discovery part does,
// then cached `resources/list` and `ping` latencies (vscode-jsonrpc, request → result, as the extension will see
// them), and the process's resident size (VmRSS, /proc/PID/status) idle and after a large listing.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { checkListing } from './foundry.mjs';
import { median, percentile } from './stats.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** VmRSS and VmHWM of a process, in MiB. */
export function residentMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) / 1024;
  return { rss: kib('VmRSS'), hwm: kib('VmHWM') };
}

/** Starts and initializes one sidecar; returns {pid, call(method, params), memory(), stop()}. */
export async function startSidecar(server, emu, env) {
  const child = spawn(server.command, [...server.args, 'serve'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? signal)));
  const died = exited.then((code) => { throw new Error(`foundry-ide serve exited (${code}): ${stderr}`); });
  died.catch(() => {});
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  conn.listen();
  const call = (method, params) => Promise.race([params === undefined ? conn.sendRequest(method) : conn.sendRequest(method, params), died]);
  await call('initialize', { clientName: 'foundry-bench', settings: { armEndpoint: emu.baseUri, authorityHost: emu.authorityHost } });
  return {
    pid: child.pid,
    call,
    memory: () => residentMiB(child.pid),
    async stop() {
      try {
        await call('shutdown');
        conn.sendNotification('exit');
        await Promise.race([exited, sleep(5_000)]);
      } finally {
        conn.dispose();
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    },
  };
}

async function timeCalls(n, fn) {
  const samples = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return { p50: median(samples), p90: percentile(samples, 90), p99: percentile(samples, 99), max: Math.max(...samples),
    over5: samples.filter((v) => v > 5).length, n };
}

/**
 * On one sidecar: idle RSS 1 s after `initialize`; one `resources/list {refresh:true}` (fills the cache, checked
 * complete); RSS 1 s after it; then `calls` cached `resources/list` and `calls` `ping`, one at a time.
 */
export async function measureWarm(server, emu, env, expected, { calls = 200, memory = false } = {}) {
  const sidecar = await startSidecar(server, emu, env);
  try {
    const out = {};
    if (memory) { await sleep(1_000); out.idle = sidecar.memory(); }
    const started = performance.now();
    const first = await sidecar.call('resources/list', { refresh: true });
    out.firstListMs = performance.now() - started;
    const problems = checkListing(first, expected);
    if (problems.length) throw new Error(`warm-up listing incomplete: ${problems.join(', ')}`);
    out.bytes = Buffer.byteLength(JSON.stringify(first));
    if (memory) { await sleep(1_000); out.listed = sidecar.memory(); }
    await sidecar.call('resources/list', {}); // the first cached call (JIT-free in AOT, but first-use paths)
    out.cached = await timeCalls(calls, async () => {
      const r = await sidecar.call('resources/list', {});
      if ((r?.resources?.length ?? 0) !== expected.foundry.length) throw new Error('cached listing incomplete');
    });
    out.ping = await timeCalls(calls, () => sidecar.call('ping'));
    if (memory) out.end = sidecar.memory();
    return out;
  } finally {
    await sidecar.stop();
  }
}
