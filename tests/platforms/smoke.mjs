// Smoke test of one foundry-ide binary, on its own platform or through an emulator: `--version`, `doctor --json`,
// `config --json`, and a JSON-RPC session over stdio (initialize, ping, shutdown, exit).
//
//   node tests/platforms/smoke.mjs BINARY [--runner native|qemu|wine]   (wine: FOUNDRYIDE_WINE, else /usr/lib/wine/wine64)
//
// Used by tests/platforms (qemu-aarch64 for linux-arm64, Wine for win32-x64) and by .github/workflows/release.yml on
// each native runner. Prints each step's result as JSON lines; exits 1 when a step fails.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Wine's program: FOUNDRYIDE_WINE, else Debian's (the wine64 package installs it there, not on PATH), else wine64. */
export const wineProgram = () => process.env.FOUNDRYIDE_WINE ?? (existsSync('/usr/lib/wine/wine64') ? '/usr/lib/wine/wine64' : 'wine64');

/**
 * The command that runs BINARY with ARGS through RUNNER. A path is made absolute from this process's folder, because the
 * program runs in its own temporary home; a bare name is left to PATH.
 */
export function commandFor(binary, runner, args) {
  if (/[\\/]/.test(binary)) binary = resolve(binary);
  switch (runner) {
    case 'qemu': return { command: 'qemu-aarch64', args: ['-L', process.env.QEMU_LD_PREFIX ?? '/', binary, ...args] };
    case 'wine': return { command: wineProgram(), args: [binary, ...args] };
    default: return { command: binary, args };
  }
}

/**
 * A clean environment: its own home (a Windows program under Wine gets USERPROFILE from the Wine prefix, and HOME is
 * removed so that the Windows rules apply), no Azure variables, SHELL unset under Wine (a Windows user has none).
 */
export function cleanEnv(runner, home) {
  const env = { PATH: process.env.PATH, LANG: 'C.UTF-8', TMPDIR: home, DOTNET_CLI_TELEMETRY_OPTOUT: '1' };
  if (runner === 'wine') {
    Object.assign(env, { WINEDEBUG: '-all', WINEPREFIX: process.env.WINEPREFIX ?? join(home, 'wine'), DISPLAY: '' });
  } else {
    Object.assign(env, { HOME: home, XDG_CACHE_HOME: join(home, '.cache') });
  }
  if (runner !== 'wine' && process.env.SHELL) env.SHELL = process.env.SHELL;
  // Windows runners need these for any process to start.
  for (const name of ['SystemRoot', 'SYSTEMROOT', 'windir', 'USERPROFILE', 'APPDATA', 'LOCALAPPDATA', 'TEMP', 'TMP', 'PATHEXT', 'ComSpec']) {
    if (process.env[name] !== undefined && runner !== 'wine') env[name] = process.env[name];
  }
  return env;
}

/** Runs to the end; { code, stdout, stderr, ms, stdoutBytes } (the text decoded as UTF-8 once, at the end). */
export function run(binary, runner, args, env, timeoutMs = 120_000) {
  const { command, args: full } = commandFor(binary, runner, args);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, full, { env, cwd: env.TMPDIR, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [], err = [];
    child.stdout.on('data', (d) => { out.push(d); });
    child.stderr.on('data', (d) => { err.push(d); });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const stdoutBytes = Buffer.concat(out);
      resolve({ code, stdout: stdoutBytes.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: Date.now() - started, stdoutBytes });
    });
  });
}

/** A JSON-RPC session with `serve`: initialize, ping, shutdown, exit. Resolves with the answers and the exit code. */
export function rpcSession(binary, runner, env, timeoutMs = 120_000) {
  const { command, args } = commandFor(binary, runner, ['serve']);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd: env.TMPDIR, stdio: ['pipe', 'pipe', 'pipe'] });
    const answers = {};
    let buffer = Buffer.alloc(0), stderr = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`no answer within ${timeoutMs} ms; stderr: ${stderr}`)); }, timeoutMs);
    const send = (message) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
      child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
      child.stdin.write(body);
    };
    child.stderr.on('data', (d) => { stderr += d; });
    child.stdout.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/Content-Length: *(\d+)/i.exec(buffer.subarray(0, end).toString('ascii'))?.[1]);
        if (buffer.length < end + 4 + length) return;
        const message = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString('utf8'));
        buffer = buffer.subarray(end + 4 + length);
        if (message.id === 1) { answers.initialize = message; send({ id: 2, method: 'ping' }); }
        if (message.id === 2) { answers.ping = message; answers.pingMs = Date.now() - started; send({ id: 3, method: 'shutdown' }); }
        if (message.id === 3) { answers.shutdown = message; send({ method: 'exit' }); child.stdin.end(); }
      }
    });
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve({ ...answers, code, stderr, ms: Date.now() - started }); });
    send({ id: 1, method: 'initialize', params: { clientName: 'smoke', clientVersion: '1' } });
  });
}

/** Every step; each { step, ok, detail }. */
export async function smoke(binary, runner = 'native') {
  const home = mkdtempSync(join(tmpdir(), 'foundryide-smoke-'));
  const env = cleanEnv(runner, home);
  const steps = [];
  const step = (name, ok, detail) => steps.push({ step: name, ok: Boolean(ok), detail });
  try {
    const version = await run(binary, runner, ['--version'], env);
    step('--version', version.code === 0 && /^\d+\.\d+\.\d+/.test(version.stdout), { out: version.stdout.trim(), ms: version.ms, stderr: version.stderr.slice(0, 400) });

    const doctor = await run(binary, runner, ['doctor', '--json', '--timeout', '5'], env);
    let report;
    try { report = JSON.parse(doctor.stdout); } catch { report = undefined; }
    const links = report?.links?.map((l) => `${l.name}:${l.status}`) ?? [];
    const link = (name) => report?.links?.find((l) => l.name === name);
    step('doctor --json', (doctor.code === 0 || doctor.code === 1) && links.length === 6,
      { code: doctor.code, ms: doctor.ms, links, selected: report?.selected ?? null, cli: link('AzureCliCredential'), pwsh: link('AzurePowerShellCredential'), azd: link('AzureDeveloperCliCredential'), stderr: doctor.stderr.slice(0, 400) });

    const config = await run(binary, runner, ['config', '--json'], env);
    let effective;
    try { effective = JSON.parse(config.stdout); } catch { effective = undefined; }
    step('config --json', (config.code === 0 || config.code === 1) && Array.isArray(effective?.files), { code: config.code, ms: config.ms, files: effective?.files?.map((f) => f.path) ?? effective, stderr: config.stderr.slice(0, 400) });

    const rpc = await rpcSession(binary, runner, env);
    step('serve: initialize, ping, shutdown', rpc.initialize?.result?.serverName && rpc.ping?.result?.time && rpc.shutdown && !rpc.shutdown.error && rpc.code === 0,
      { server: rpc.initialize?.result?.serverVersion, ping: rpc.ping?.result, pingMs: rpc.pingMs, code: rpc.code, stderr: rpc.stderr.slice(0, 400) });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  return steps;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [binary, ...rest] = process.argv.slice(2);
  const at = rest.indexOf('--runner');
  const runner = at >= 0 ? rest[at + 1] : 'native';
  if (!binary) {
    console.error('usage: node tests/platforms/smoke.mjs BINARY [--runner native|qemu|wine]');
    process.exit(2);
  }
  const steps = await smoke(binary, runner);
  for (const s of steps) console.log(JSON.stringify(s));
  const failed = steps.filter((s) => !s.ok);
  console.log(failed.length ? `smoke: ${failed.length} step(s) failed: ${failed.map((s) => s.step).join(', ')}` : `smoke: ${steps.length} steps passed`);
  process.exit(failed.length ? 1 : 0);
}
