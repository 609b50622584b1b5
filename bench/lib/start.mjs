// Start time: spawn → the answer to `initialize` over stdio (Content-Length framing, as vscode-jsonrpc sends it),
// for several sidecar-like programs measured interleaved, and `az version` (spawn → exit) as the peer.
// A raw framing client (no vscode-jsonrpc) keeps the harness's own cost per sample small and equal for all.
import { spawn } from 'node:child_process';
import { median, percentile } from './stats.mjs';

const TIMEOUT_MS = 30_000;
const INITIALIZE = Buffer.from(JSON.stringify({
  jsonrpc: '2.0', id: 0, method: 'initialize', params: { clientName: 'foundry-bench' },
}));
const FRAME = Buffer.concat([Buffer.from(`Content-Length: ${INITIALIZE.length}\r\n\r\n`), INITIALIZE]);

/** Spawns `command args`, writes one `initialize` frame, resolves the ms until a full response frame is read. */
export function timeInitialize({ command, args }, env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    let buf = Buffer.alloc(0);
    let done = false;
    const finish = (error, ms, body) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.stdin.end(); // the sidecar (and the floor) end when stdin closes
      const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.on('close', () => {
        clearTimeout(kill);
        if (error) reject(error); else resolve({ ms, body });
      });
    };
    const timer = setTimeout(() => { finish(new Error(`${command}: no initialize answer in ${TIMEOUT_MS} ms: ${stderr}`)); child.kill('SIGKILL'); }, TIMEOUT_MS);
    child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-2000); });
    child.stdin.on('error', () => {}); // EPIPE if it died
    child.on('error', (e) => finish(e));
    child.on('exit', (code) => { if (!done) finish(new Error(`${command} exited (${code}) before answering: ${stderr}`)); });
    child.stdout.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length:\s*(\d+)/i.exec(buf.subarray(0, end).toString('ascii'))?.[1]);
      if (buf.length < end + 4 + length) return;
      const ms = performance.now() - started;
      const body = JSON.parse(buf.subarray(end + 4, end + 4 + length).toString('utf8'));
      if (body.id !== 0 || !body.result) finish(new Error(`${command}: bad initialize answer ${JSON.stringify(body).slice(0, 200)}`));
      else finish(null, ms, body);
    });
    child.stdin.write(FRAME);
  });
}

/** Spawns `command args` with stdin closed and resolves the ms until it exits (code 0 required). */
export function timeExit({ command, args }, env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out = (out + d).slice(-4000); });
    child.stderr.on('data', (d) => { out = (out + d).slice(-4000); });
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      clearTimeout(timer);
      if (code === 0) resolve({ ms, out }); else reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${out}`));
    });
  });
}

/**
 * `rounds` rounds, each running every contestant once in the same order (A,B,C,D,A,B,...), after one untimed
 * warm-up round (page cache, az's first-run files). Returns {name: {median, p90, samples}}.
 */
export async function measureStart(contestants, rounds, log) {
  const samples = Object.fromEntries(contestants.map((c) => [c.name, []]));
  const errors = {};
  for (let round = 0; round <= rounds; round++) {
    for (const c of contestants) {
      if (errors[c.name]) continue;
      try {
        const { ms } = await (c.kind === 'exit' ? timeExit(c, c.env) : timeInitialize(c, c.env));
        if (round > 0) samples[c.name].push(ms);
      } catch (e) {
        errors[c.name] = String(e.message ?? e).replace(/\s+/g, ' ').slice(0, 300);
        log(`  start: ${c.name} FAILED: ${errors[c.name]}`);
      }
    }
  }
  return Object.fromEntries(contestants.map((c) => [c.name, errors[c.name]
    ? { error: errors[c.name] }
    : { median: median(samples[c.name]), p90: percentile(samples[c.name], 90), samples: samples[c.name] }]));
}
