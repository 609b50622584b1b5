// Parts 1-3 of the benchmark (issue 6): start, warm RPC, memory. Measured before the discovery part, in the same run.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectedListing, startEmulator } from './emulator.mjs';
import { foundryEnv } from './foundry.mjs';
import { measureStart } from './start.mjs';
import { ms } from './stats.mjs';
import { measurePhases } from './phases.mjs';
import { measureRaw, measureWarm } from './warm.mjs';

const ROUNDS = Number(process.env.BENCH_START_ROUNDS ?? 20);
const CALLS = Number(process.env.BENCH_WARM_CALLS ?? 200);
const f1 = (v) => (v === undefined || v === null || Number.isNaN(v) ? '—' : v.toFixed(1));
const f2 = (v) => (v === undefined || v === null || Number.isNaN(v) ? '—' : v.toFixed(2));
const command = (path, args) => (path.endsWith('.dll') ? { command: 'dotnet', args: [path, ...args] } : { command: path, args });

function cleanEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env)
    .filter(([k]) => !/^(AZURE_|IDENTITY_|MSI_|ANTHROPIC_|FOUNDRYIDE_|SSL_CERT_|DOTNET_)/.test(k)));
  return { ...env, ...extra };
}

/** Part 1: spawn → `initialize` answer, interleaved; `az version` spawn → exit. */
export async function benchStart(server, log) {
  const env = cleanEnv();
  const azConfig = mkdtempSync(join(tmpdir(), 'foundry-bench-azver-'));
  writeFileSync(join(azConfig, 'versionCheck.json'),
    JSON.stringify({ check_time: new Date().toISOString().replace('T', ' ').replace('Z', '') }));
  const tinyStore = mkdtempSync(join(tmpdir(), 'foundry-bench-certs-'));
  writeFileSync(join(tinyStore, 'empty.pem'), '');
  const contestants = [
    { name: 'aot', label: `AOT sidecar (\`${server.path.split('/').pop()} serve\`)`, ...command(server.path, ['serve']), env },
    { name: 'jit', label: 'JIT build (apphost, `serve`)', ...command(process.env.FOUNDRYIDE_BENCH_JIT ?? 'server/bin/Release/net10.0/foundry-ide', ['serve']), env },
    { name: 'floor', label: 'floor: NativeAOT hello-world (bench/floor)', ...command(process.env.FOUNDRYIDE_BENCH_FLOOR ?? 'bench/floor/out/floor', []), env },
    { name: 'az', label: 'peer: `az version` (to exit)', kind: 'exit', command: 'az', args: ['version', '-o', 'json'],
      env: { ...env, AZURE_CONFIG_DIR: azConfig, AZURE_CORE_COLLECT_TELEMETRY: 'false' } },
    // Diagnostic, not judged: the same AOT binary with an empty trust store, which makes its trust-store warm-up
    // (TrustStoreWarmup: a nice-19 thread from the start of `serve`) nearly free; the difference is what it costs.
    { name: 'aotTiny', label: 'diagnostic: AOT sidecar, empty trust store (`SSL_CERT_FILE`=empty file, `SSL_CERT_DIR`=empty dir)',
      ...command(server.path, ['serve']), env: { ...env, SSL_CERT_FILE: join(tinyStore, 'empty.pem'), SSL_CERT_DIR: tinyStore } },
  ];
  log(`start: ${ROUNDS} interleaved rounds of ${contestants.map((c) => c.name).join(', ')}`);
  const results = await measureStart(contestants, ROUNDS, log);
  for (const c of contestants) results[c.name].label = c.label;
  const r = results;
  log(`  median ms: ${contestants.map((c) => `${c.name} ${f1(r[c.name].median)}`).join(', ')}`);
  let phases;
  try {
    phases = await measurePhases(contestants[0], env, ROUNDS);
  } catch (e) {
    phases = { error: String(e.message ?? e).replace(/\s+/g, ' ').slice(0, 300) };
  }
  return { rounds: ROUNDS, results, phases };
}

/** Parts 2 and 3: one AOT sidecar per seed, initialized against the emulator (ARM latency 0). */
export async function benchWarm(server, log) {
  const out = [];
  for (const [S, A, memory] of [[20, 5, false], [100, 14, true]]) {
    log(`warm RPC${memory ? ' + memory' : ''}: emulator S=${S} A=${A} L=0`);
    const emu = await startEmulator({ subscriptions: S, accounts: A, latencyMs: 0 });
    try {
      const expected = expectedListing(await emu.state());
      const cell = { S, A, resources: expected.foundry.length, deployments: expected.claudeDeployments,
        ...(await measureWarm(server, emu, foundryEnv(emu, expected), expected, { calls: CALLS, memory })) };
      cell.raw = await measureRaw(server, foundryEnv(emu, expected), { armEndpoint: emu.baseUri, authorityHost: emu.authorityHost }, CALLS);
      log(`  ${cell.resources} resources: cached p50 ${f2(cell.cached.p50)} p99 ${f2(cell.cached.p99)} ms; ping p50 ${f2(cell.ping.p50)} p99 ${f2(cell.ping.p99)} ms` +
        (memory ? `; RSS idle ${f1(cell.idle.rss)} MiB, after listing ${f1(cell.listed.rss)} MiB` : ''));
      out.push(cell);
    } catch (e) {
      const error = String(e.message ?? e).replace(/\s+/g, ' ').slice(0, 400);
      log(`  FAILED: ${error}`);
      out.push({ S, A, error });
    } finally {
      await emu.stop();
    }
  }
  return out;
}

const verdict = (ok) => (ok === undefined ? 'MISS (not measured)' : ok ? 'PASS' : 'MISS');

export function nativeReport(start, warm) {
  const r = start.results;
  const startRows = Object.values(r).map((x) => `| ${x.label} | ${f1(x.median)} | ${f1(x.p90)} | ${x.median && r.floor.median ? f2(x.median / r.floor.median) + 'x' : '—'} | ${x.error ?? ''} |`);
  const aot = r.aot.median;
  const startTargets = [
    `- ${verdict(aot && r.floor.median ? aot <= 2 * r.floor.median : undefined)}: AOT start ≤ 2x the floor: ${f1(aot)} ms / ${f1(r.floor.median)} ms = ${aot && r.floor.median ? f2(aot / r.floor.median) : '—'}x`,
    `- ${verdict(aot && r.az.median ? r.az.median / aot >= 10 : undefined)}: AOT start ≥ 10x faster than \`az version\`: ${f1(r.az.median)} ms / ${f1(aot)} ms = ${aot && r.az.median ? f2(r.az.median / aot) : '—'}x`,
    `- info: JIT / AOT = ${r.jit.median && aot ? f2(r.jit.median / aot) : '—'}x; with an empty trust store the AOT sidecar answers in ${f1(r.aotTiny.median)} ms (${r.aotTiny.median && r.floor.median ? f2(r.aotTiny.median / r.floor.median) : '—'}x the floor, ${r.aotTiny.median && r.az.median ? f2(r.az.median / r.aotTiny.median) : '—'}x faster than az): the trust-store warm-up accounts for ${aot && r.aotTiny.median ? f1(aot - r.aotTiny.median) : '—'} ms of the median.`,
  ];
  const phaseRows = start.phases?.error ? [`| (trace failed: ${start.phases.error}) | — | — |`]
    : (start.phases ?? []).map((p, i, all) => `| ${p.name} | ${f1(p.ms)} | ${i ? f1(p.ms - all[i - 1].ms) : f1(p.ms)} |`);
  const rawCell = (c) => (c.raw ? `${f2(c.raw.firstByte.p50)} / ${f2(c.raw.firstByte.p99)} | ${f2(c.raw.parsed.p50)} / ${f2(c.raw.parsed.p99)}` : '— | —');
  const warmRows = warm.map((c) => (c.error ? `| ${c.S} × ${c.A} | — | — | — | — | — | — | — | FAILED: ${c.error} | — | — |`
    : `| ${c.S} × ${c.A} | ${c.resources} (${c.deployments} Claude deployments, ${(c.bytes / 1024).toFixed(0)} KiB JSON) | ${ms(c.firstListMs)} | ${f2(c.cached.p50)} | ${f2(c.cached.p90)} | ${f2(c.cached.p99)} | ${f2(c.cached.max)} | ${c.cached.over5}${c.cached.over5 ? ` (${c.cached.over5WithClientGc} during a client GC)` : ''} | ${f2(c.ping.p50)} / ${f2(c.ping.p90)} / ${f2(c.ping.p99)} / ${f2(c.ping.max)} | ${rawCell(c)} |`));
  const small = warm.find((c) => c.S === 20 && !c.error);
  const big = warm.find((c) => c.S === 100 && !c.error);
  const warmTargets = [
    `- ${verdict(small ? small.cached.p99 <= 5 : undefined)}: cached \`resources/list\` p99 ≤ 5 ms (${small?.resources ?? '—'} resources): ${f2(small?.cached.p99)} ms`,
    `- info: at ${big?.resources ?? '—'} resources the cached p99 is ${f2(big?.cached.p99)} ms (p50 ${f2(big?.cached.p50)} ms).`,
  ];
  const memRow = big ? `| ${f1(big.idle.rss)} | ${f1(big.listed.rss)} | ${f1(big.end.rss)} | ${f1(big.end.hwm)} |` : '| — | — | — | — |';
  const memTargets = [`- ${verdict(big ? big.idle.rss <= 35 : undefined)}: idle RSS ≤ 35 MB: ${f1(big?.idle.rss)} MiB (VmRSS)`];
  return { markdown: `## 1. Start: spawn → \`initialize\` answer over stdio

${start.rounds} rounds, each running every row once in this order (A,B,C,D,E,A,B,...), after one untimed warm-up round. Time from \`spawn()\` in Node to the complete \`initialize\` response frame (raw Content-Length client, one frame written at spawn); for \`az version\`, \`spawn()\` to exit.

| program | median (ms) | p90 (ms) | / floor | error |
| --- | --- | --- | --- | --- |
${startRows.join('\n')}

${startTargets.join('\n')}

Where the AOT sidecar's start goes: the same binary with \`FOUNDRYIDE_STARTUP_TRACE=1\` (server/Hosting/StartupTrace.cs), ${start.rounds} more runs after the interleaved rounds, median ms from \`spawn()\` to each phase (wall clock on both sides). "main" is the first line of Program.cs: everything before it is the kernel's exec, the loader and the NativeAOT runtime's start (rehydrating the binary's data, the GC heap).

| phase (reached) | ms since spawn (median) | since the previous phase |
| --- | --- | --- |
${phaseRows.join('\n')}

## 2. Warm RPC: one AOT sidecar, initialized against the emulator (ARM latency 0)

After one \`resources/list {"refresh":true}\` (timed: "first listing") that fills the cache and one untimed cached call: ${warm[0]?.cached?.n ?? CALLS} cached \`resources/list {}\`, then ${warm[0]?.ping?.n ?? CALLS} \`ping\`, one at a time, request → result through vscode-jsonrpc (Node's JSON parse of the answer included): these columns are judged. The two "raw" columns are a diagnostic on a second, fresh sidecar of the same seed: a plain Content-Length client times ${CALLS} cached calls from writing the request to the first byte of the answer (the sidecar's share plus one pipe hop) and to \`JSON.parse\` done (adds the client's read and parse).

| S × A | Foundry resources | first listing (ms) | cached p50 (ms) | p90 | p99 | max | cached calls > 5 ms | ping p50 / p90 / p99 / max (ms) | raw: first byte p50 / p99 | raw: parsed p50 / p99 |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${warmRows.join('\n')}

${warmTargets.join('\n')}

## 3. Memory: AOT sidecar resident size (VmRSS, /proc/PID/status)

Seed S=100 × A=14 (${big?.resources ?? '—'} AIServices accounts, ${big?.deployments ?? '—'} Claude deployments). Idle: 1 s after \`initialize\`. After listing: 1 s after the \`resources/list {"refresh":true}\` answer. End: after the warm-RPC calls of part 2 on the same process.

| idle (MiB) | after listing (MiB) | end (MiB) | peak VmHWM (MiB) |
| --- | --- | --- | --- |
${memRow}

${memTargets.join('\n')}
`, pass: { startFloor: aot <= 2 * r.floor.median, startAz: r.az.median / aot >= 10, cachedP99: small?.cached.p99 <= 5, idleRss: big?.idle.rss <= 35 } };
}

/**
 * What was measured while cutting start and the cached-listing tail (perf, strace, the trace above), and what remains.
 * Fixed text: the tables above are per run.
 */
export const WHY = `## What start and the warm tail were made of, what was cut, what remains (measured while writing issue 6)

Method: \`perf record -g -F 20000\` over 30 starts of the AOT binary answering one \`initialize\` (empty trust store),
stacks folded per phase; \`perf stat -e task-clock,page-faults\` over 15 interleaved starts per variant (CPU time and
page faults per start: less sensitive than wall time to the other work on this shared 2-CPU machine); wall time with
20 interleaved spawn → answer rounds; the phase table above (\`FOUNDRYIDE_STARTUP_TRACE=1\`).

**Start, before (commit 6bb4907, 19.6-23 ms):** the main thread spent ~37% of its samples in Microsoft.Extensions.
DependencyInjection resolving open generics, i.e. the NativeAOT type loader building generic types at run time
(\`TypeBuilder.BuildType\`: the options, monitors and formatters of the console logger; the host's \`HostOptions\`,
\`ConsoleLifetimeOptions\`, logger filter options; the metrics subscription manager started by the host's start-up
options validator), ~25% rehydrating the binary's data before \`main\`, and the rest in host start, StreamJsonRpc's
first use (reflection over the contract, first JSON) and GC allocation. The trust-store warm-up thread, started
before the RPC loop, took ~60% of all CPU samples of the process while the answer was pending (2 CPUs).

**What each change bought** (CPU ms / page faults per start, perf stat medians; wall medians where measured):
- console logger → a small stderr logger (same line format), trust store loaded after the first answer is flushed,
  RPC warm-up on a second thread: 25.0 → 17.6 ms CPU, 3,074 → 2,495 faults; in the phase trace, host started →
  answer received went from 7.3 ms (StreamJsonRpc attach alone 4.5 ms) to 1.2 ms.
- the trust store then moved back to the start of \`serve\`, on a thread at nice 19: loading it only after the first
  answer made the first \`resources/list\` sent right after \`initialize\` wait for it (S=20 × A=5, L=0, fresh
  sidecar, 10 interleaved rounds, twice: 127.9 / 127.4 ms vs 113.5 / 113.0 ms at nice 19 from the start), while the
  nice-19 load costs the start 1.3-2.1 ms (11.4 → 13.5 and 14.7 → 16.0 ms, 20 interleaved rounds each): -14 ms on
  spawn → first listing for +2 ms on spawn → \`initialize\`. The "empty trust store" row above measures that cost in
  this run. (At normal priority, as before, the load took ~60% of the process's CPU samples during the start.)
- the host's \`IStartupValidator\` removed (it only started the unused metrics subscription manager):
  17.3 → 15.1 ms CPU, 2,496 → 2,251 faults.
- \`StartPathGenerics.rd.xml\` (NativeAOT compiles ahead of time the 12 generic option/logger types the host's DI
  builds at start, listed from DI's \`CallSiteBuilt\` events): 17.5 → 14.3 ms CPU, 2,269 → 2,082 faults.
  All of the above together, wall: 23.2 → 12.4 ms median (20 interleaved rounds, load 2.8; floor 3.1 ms).
- tried, no gain, not kept: \`IlcDehydrate=false\` (30 MB binary, 3,155 faults vs 3,085, wall not better);
  \`OptimizationPreference=Size\`, \`IlcFoldIdenticalMethodBodies\` (-0.5 MB, same faults, same hydrated data);
  \`ConcurrentGarbageCollection=false\` (same CPU and faults); \`StackTraceSupport=false\` (-1.3 MB, no measurable
  start gain, and unreadable stack traces in the sidecar log). \`InvariantGlobalization\` was already on and
  \`UseSystemResourceKeys\` stays false (readable error messages).

**What remains** (phase table above): about 8 ms pass before \`main\`, which alone is more than twice the floor's
whole spawn → answer. perf puts ~46% of the main thread's CPU of a start in \`StartupCodeHelpers.RehydrateData\`,
mostly page faults: NativeAOT rebuilds the binary's 5.3 MB of type data (\`.hydrated\`; the floor has 0.12 MB) in
fresh memory at every start. That size follows from what the sidecar links (Azure.Identity and MSAL, Azure.Core,
System.Net.Http and TLS, System.Text.Json, StreamJsonRpc, the Generic Host; 8.2 MB of code) and none of the build
switches above moved it. After \`main\`, parse, host build and start, attach, reading the request and writing the
answer take ~4-5 ms together, no phase above ~1 ms; a fast path around System.CommandLine for \`serve\` would save
its ~0.4 ms and was not judged worth a second entry point. So "≤ 2x the floor" is not reachable with this binary:
the start now costs ~4x the floor, ~2.5x of it before the first line of our code runs.

**Cached \`resources/list\` tail.** The sidecar now serializes a cached listing once and answers it from those bytes
(\`SerializedOnceConverter\`), through one reused frame buffer, in one \`write\` (it was 16 writes of 4 KiB, through
StreamJsonRpc's stream-to-pipe copy task, i.e. one more thread hop); the raw client's "first byte" column is the
sidecar's share. The judged p99 is request → result through vscode-jsonrpc: with Node's \`PerformanceObserver('gc')\`
every call over 5 ms overlapped a scavenge of 4-17 ms in the client, and \`node --trace-gc\` showed its heap
growing to ~35 MB over 400 calls. The cause was in this harness: \`call()\` raced each request against one
long-lived "sidecar died" promise, and every race left a reaction on that promise that kept its answer reachable, so
the harness held every parsed listing. It now rejects pending calls itself when the sidecar exits; with that, the
same 400 calls ran with scavenges of 0.2-0.6 ms and a worst call of 3.3 ms. Before that fix, with the product
changes above, this bench measured p50 0.49 ms, p99 6.58 ms (commit 0823e58, load 6.1); the table above is with
the fix. At 1,050 resources (873 KiB per answer) most of a call is the client receiving and parsing the answer (raw
columns: first byte → parsed), and about half of its calls over 5 ms overlap a GC of the client.

**Memory.** Idle RSS went from 31.2 MiB (commit c8fee6c's run) to ~28 MiB (no console-logger queue thread, no
metrics subscription, fewer run-time generic types). A cached listing now also keeps its serialized bytes for as long
as it is cached (62 KiB at 75 resources, 873 KiB at 1,050), and the frame buffer is kept up to 1 MiB; the peak
(VmHWM ~77 MiB at 1,050 resources) is unchanged. "End" RSS is higher than before (59.6 → 66-77 MiB): the cached calls
no longer allocate enough to make the GC shrink the heap after the listing; not investigated further.
`;
