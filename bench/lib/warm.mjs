// Warm RPC and memory: one `foundry-ide serve` kept up, initialized against the emulator as the discovery part does,
// then cached `resources/list` and `ping` latencies (vscode-jsonrpc, request → result, as the extension will see
// them), and the process's resident size (VmRSS, /proc/PID/status) idle and after a large listing.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
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

/**
 * A raw Content-Length client on a fresh sidecar (no vscode-jsonrpc): per call, the ms from writing the request to
 * the first byte of the answer (the sidecar's share, plus one pipe hop), to the whole frame, and to JSON.parse done
 * (the client's share). Separates who owns a slow call.
 */
export async function measureRaw(server, env, settings, calls) {
  const child = spawn(server.command, [...server.args, 'serve'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
  let chunks = [];
  let size = 0;
  let need = -1; // bytes of the frame being read (header included), once its header is in
  let pending = null;
  let id = 0;
  child.stdout.on('data', (d) => {
    if (pending && pending.first === undefined) pending.first = performance.now();
    chunks.push(d);
    size += d.length;
    for (;;) {
      if (need < 0) {
        const head = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
        chunks = [head];
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        need = end + 4 + Number(/Content-Length:\s*(\d+)/i.exec(head.subarray(0, end).toString('ascii'))?.[1]);
      }
      if (size < need) return; // concatenated once, when the whole frame is in: not per chunk
      const all = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
      const frame = all.subarray(0, need);
      const rest = all.subarray(need);
      chunks = rest.length ? [rest] : [];
      size = rest.length;
      need = -1;
      const whole = performance.now();
      const message = JSON.parse(frame.subarray(frame.indexOf('\r\n\r\n') + 4).toString('utf8'));
      const parsed = performance.now();
      if (message.id === undefined || !pending) continue;
      const p = pending;
      pending = null;
      p.resolve({ first: p.first - p.sent, whole: whole - p.sent, parsed: parsed - p.sent, message });
    }
  });
  const call = (method, params) => new Promise((resolve) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }));
    pending = { resolve, sent: performance.now() };
    child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  });
  try {
    await call('initialize', { clientName: 'foundry-bench-raw', settings });
    await call('resources/list', { refresh: true });
    await call('resources/list', {});
    const first = [];
    const parsed = [];
    for (let i = 0; i < calls; i++) {
      const t = await call('resources/list', {});
      first.push(t.first);
      parsed.push(t.parsed);
    }
    const stats = (v) => ({ p50: median(v), p99: percentile(v, 99) });
    return { firstByte: stats(first), parsed: stats(parsed) };
  } finally {
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await new Promise((resolve) => child.on('close', resolve));
    clearTimeout(timer);
  }
}

/** Starts and initializes one sidecar; returns {pid, call(method, params), memory(), stop()}. */
export async function startSidecar(server, emu, env) {
  const child = spawn(server.command, [...server.args, 'serve'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? signal)));
  // A call fails when the sidecar dies. Not Promise.race([request, died]): every race leaves a reaction on the
  // long-lived `died` promise that keeps its result reachable, so the harness itself would hold every answer
  // (≈30 MiB of parsed listings over 400 calls) and its own growing heap would slow its GCs, inside the timed calls.
  const pending = new Set();
  let death;
  exited.then((code) => {
    death = new Error(`foundry-ide serve exited (${code}): ${stderr}`);
    for (const reject of pending) reject(death);
  });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  conn.listen();
  const call = (method, params) => new Promise((resolve, reject) => {
    if (death) { reject(death); return; }
    pending.add(reject);
    (params === undefined ? conn.sendRequest(method) : conn.sendRequest(method, params))
      .then(resolve, reject)
      .finally(() => pending.delete(reject));
  });
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

/** Times n calls one after another; also counts the calls over 5 ms during which this Node process ran a GC. */
async function timeCalls(n, fn) {
  const samples = [];
  const spans = [];
  const gcs = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcs.push([e.startTime, e.startTime + e.duration]);
  });
  observer.observe({ entryTypes: ['gc'] });
  try {
    for (let i = 0; i < n; i++) {
      const started = performance.now();
      await fn();
      const ended = performance.now();
      samples.push(ended - started);
      spans.push([started, ended]);
    }
    await new Promise((resolve) => setImmediate(resolve)); // let the observer deliver the last entries
  } finally {
    observer.disconnect();
  }
  const slow = spans.filter(([a, b]) => b - a > 5);
  const slowWithGc = slow.filter(([a, b]) => gcs.some(([g0, g1]) => g1 > a && g0 < b)).length;
  return { p50: median(samples), p90: percentile(samples, 90), p99: percentile(samples, 99), max: Math.max(...samples),
    over5: slow.length, over5WithClientGc: slowWithGc, n };
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
