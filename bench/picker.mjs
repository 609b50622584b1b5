// Bench part 6: how soon "Foundry: Select Resource" shows items in real VS Code (code-server), from the Enter that runs
// the command to the first resource row visible: on a warm sidecar (a listing already made in this session) and right
// after "Developer: Reload Window" (a new extension host and sidecar; the command is run as soon as the status item
// is back). The emulator behind the public Azure names (scripts/sandbox.sh), every ARM call delayed by ARM_LATENCY_MS
// (default 100) as a rough stand-in for Azure's own latency. Run inside scripts/sandbox.sh.
//   node bench/picker.mjs [RUNS] [--write] [--label TEXT]   FOUNDRYIDE_VSIX=... measures another build (e.g. main's)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startEmulator, startCodeServer, openWorkbench, tempDir, rmDir, repo, vsix, ServicePrincipal } from '../tests/vscode/lib/harness.mjs';

const runs = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? process.env.BENCH_PICKER_RUNS ?? 5);
const write = process.argv.includes('--write');
const label = process.argv.includes('--label') ? process.argv[process.argv.indexOf('--label') + 1] : path.basename(vsix);
const latencyMs = Number(process.env.ARM_LATENCY_MS ?? 100);
const log = (text) => process.stderr.write(`[bench] ${text}\n`);
const statusItem = (page) => page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: 'Foundry' }).first();

/** Runs the command from the palette; ms from its Enter to the first resource row visible. */
async function timeSelect(page) {
  const input = page.locator('.quick-input-widget input.input');
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible' });
  await input.fill('>Foundry: Select Resource');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Foundry: Select Resource' }).first().waitFor({ timeout: 15_000 });
  const start = Date.now();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'contoso-foundry' }).first().waitFor({ timeout: 60_000 });
  const ms = Date.now() - start;
  await page.keyboard.press('Escape');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  return ms;
}

const dir = tempDir('bench-picker');
const samples = { first: [], warm: [], reload: [] };
let emulator, server, browser;
try {
  emulator = await startEmulator(dir, { port: 443 });
  await emulator.admin('POST', 'faults', { pathContains: '/subscriptions', action: 'Latency', delayMs: latencyMs });
  server = await startCodeServer(dir, { env: { ...ServicePrincipal, SSL_CERT_FILE: emulator.bundlePem, NODE_EXTRA_CA_CERTS: emulator.caPem } });
  browser = await openWorkbench(dir, server.url);
  const { page } = browser;
  await statusItem(page).waitFor({ timeout: 60_000 });
  samples.first.push(await timeSelect(page));
  for (let i = 0; i < runs; i++) {
    samples.warm.push(await timeSelect(page));
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input.input').fill('>Developer: Reload Window');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Developer: Reload Window' }).first().waitFor({ timeout: 15_000 });
    const reloaded = page.waitForEvent('load', { timeout: 60_000 });
    await page.keyboard.press('Enter');
    await reloaded; // the new page: the old one's status item must not count
    await statusItem(page).waitFor({ timeout: 60_000 });
    samples.reload.push(await timeSelect(page));
    log(`picker run ${i + 1}/${runs}: warm ${samples.warm.at(-1)} ms, after reload ${samples.reload.at(-1)} ms`);
  }
} finally {
  await browser?.close();
  await server?.stop();
  await emulator?.stop?.();
  rmDir(dir);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const row = (what, xs, target) => `| ${what} | ${median(xs)} | ${xs.join(', ')} | ${target ? `${median(xs) <= target ? 'PASS' : 'MISS'} (≤ ${target})` : ''} |`;
const section = [
  '',
  `## 6. Extension: Select Resource, command to first item (${label})`,
  '',
  `One code-server 4.100.3 session with ${path.basename(vsix)} installed, a service principal, the emulator behind the public Azure names with every ARM call delayed ${latencyMs} ms. From the Enter that runs "Foundry: Select Resource" to the first resource row visible; "after reload": right after "Developer: Reload Window", as soon as the status item is back.`,
  '',
  '| case | median (ms) | all runs (ms) | target |',
  '| --- | --- | --- | --- |',
  row('first listing in a new profile', samples.first),
  row('warm sidecar', samples.warm, 150),
  row('after a window reload', samples.reload, 400),
  '',
].join('\n');
console.log(section);
if (write) fs.appendFileSync(path.join(repo, 'bench', 'results.md'), section);
