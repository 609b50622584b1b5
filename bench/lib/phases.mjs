// Where the start time goes: the sidecar run with FOUNDRYIDE_STARTUP_TRACE=1 notes the wall clock at each start-up
// phase (server/Hosting/StartupTrace.cs) and prints the marks once its first answer is out; this harness notes
// the wall clock at spawn() (performance.timeOrigin + performance.now(), CLOCK_REALTIME like the server's) and
// subtracts. Run after the interleaved start rounds, on its own: the trace itself costs a few microseconds.
import { spawn } from 'node:child_process';
import { median } from './stats.mjs';

const INITIALIZE = Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { clientName: 'foundry-bench' } }));
const FRAME = Buffer.concat([Buffer.from(`Content-Length: ${INITIALIZE.length}\r\n\r\n`), INITIALIZE]);
const wallNow = () => performance.timeOrigin + performance.now();

function traceOnce({ command, args }, env) {
  return new Promise((resolve, reject) => {
    const spawnedAt = wallNow();
    const child = spawn(command, args, { env: { ...env, FOUNDRYIDE_STARTUP_TRACE: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    let out = Buffer.alloc(0);
    let answeredAt;
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stderr.on('data', (d) => { stderr += d; });
    child.stdout.on('data', (d) => {
      out = Buffer.concat([out, d]);
      const end = out.indexOf('\r\n\r\n');
      if (end < 0 || answeredAt) return;
      const length = Number(/Content-Length:\s*(\d+)/i.exec(out.subarray(0, end).toString('ascii'))?.[1]);
      if (out.length < end + 4 + length) return;
      answeredAt = wallNow();
      setTimeout(() => child.stdin.end(), 100); // let the marks reach stderr first
    });
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      const marks = {};
      for (const m of stderr.matchAll(/^startup-trace (\S+) ([\d.]+)$/gm)) marks[m[1]] = Number(m[2]) - spawnedAt;
      if (!answeredAt || !Object.keys(marks).length) reject(new Error(`no start-up trace: ${stderr.slice(-300)}`));
      else resolve({ ...marks, 'answer received by the client': answeredAt - spawnedAt });
    });
    child.stdin.write(FRAME);
  });
}

/** Median ms since spawn() of every phase mark, in the order the phases happen. */
export async function measurePhases(server, env, rounds) {
  const runs = [];
  for (let i = 0; i <= rounds; i++) {
    const marks = await traceOnce(server, env);
    if (i > 0) runs.push(marks);
  }
  const names = Object.keys(runs[0]).sort((a, b) => median(runs.map((r) => r[a])) - median(runs.map((r) => r[b])));
  return names.map((name) => ({ name, ms: median(runs.filter((r) => name in r).map((r) => r[name])) }));
}
