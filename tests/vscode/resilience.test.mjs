// The sidecar killed (SIGKILL) in the middle of a resource listing, in real VS Code: the UI says so, the sidecar is
// back within two seconds, the status bar recovers, and no request is left hanging (the next listing is answered).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { teardown, startEmulator, startCodeServer, openWorkbench, runCommand, screenshot, tempDir, ServicePrincipal, toast, waitFor } from './lib/harness.mjs';

let dir, emulator, server, browser;
const t = {};
const statusBar = (page) => page.locator('#workbench\\.parts\\.statusbar');
const widget = (page) => page.locator('.quick-input-widget');

/** PIDs of this code-server's sidecars (other test runs on the machine have their own). */
function sidecarPids() {
  const ours = path.join(dir, 'extensions');
  return fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((pid) => {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return cmd[0].startsWith(ours) && cmd[0].endsWith('/foundry-ide') && cmd[1] === 'serve';
    } catch {
      return false; // gone
    }
  }).map(Number);
}

before(async () => {
  dir = tempDir('resilience');
  emulator = await startEmulator(dir, { port: 443 });
  server = await startCodeServer(dir, { env: { ...ServicePrincipal, SSL_CERT_FILE: emulator.bundlePem, NODE_EXTRA_CA_CERTS: emulator.caPem } });
  browser = await openWorkbench(dir, server.url);
  await statusBar(browser.page).getByText('Foundry: select a resource').waitFor({ timeout: 30_000 });
});

after(() => teardown({ browser, server, emulator, dir, timings: t }));

test('closing the resource picker cancels the listing: the sidecar drops its ARM calls within a second', { timeout: 90_000 }, async () => {
  const { page } = browser;
  await emulator.admin('POST', 'faults', { pathContains: '/deployments', action: 'Latency', delayMs: 20_000 });
  await emulator.admin('DELETE', 'requests');
  await runCommand(page, 'Foundry: Select Resource');
  // Wait until the deployments calls are waiting at the emulator (the accounts calls before them are answered).
  await waitFor('accounts listed', async () => (await emulator.admin('GET', 'requests')).some((r) => /\/accounts\?/.test(r.path)), 20_000);
  await new Promise((r) => setTimeout(r, 500));
  const closedAt = Date.now();
  await page.keyboard.press('Escape');
  t.cancelDropped = await waitFor('the deployments calls dropped', async () =>
    (await emulator.admin('GET', 'requests')).some((r) => r.path.includes('/deployments') && r.statusCode === 0), 5_000);
  const dropped = (await emulator.admin('GET', 'requests')).filter((r) => r.path.includes('/deployments'));
  assert.ok(Date.now() - closedAt <= 1_500, `dropped after ${Date.now() - closedAt} ms`);
  assert.ok(dropped.every((r) => r.statusCode === 0 && r.durationMs < 10_000), JSON.stringify(dropped));
  // The status item stops spinning.
  await waitFor('the status item stops spinning', async () => !(await statusBar(page).locator('.codicon-sync').count()), 2_000);
  await emulator.admin('DELETE', 'faults');
});

test('the sidecar killed mid-listing: the error is shown, it is back within 2 s, the status bar recovers, the next listing is answered', { timeout: 120_000 }, async () => {
  const { page } = browser;
  // Every ARM deployment listing takes 20 s: the listing is still running when the sidecar is killed.
  await emulator.admin('POST', 'faults', { pathContains: '/deployments', action: 'Latency', delayMs: 20_000 });
  await runCommand(page, 'Foundry: Select Resource');
  await statusBar(page).locator('.statusbar-item', { hasText: 'Foundry' }).locator('.codicon-sync').first().waitFor({ timeout: 15_000 });
  await widget(page).locator('.quick-input-title', { hasText: 'Foundry: select a resource' }).waitFor();
  const [victim] = sidecarPids();
  assert.ok(victim, 'no sidecar process found');
  await new Promise((r) => setTimeout(r, 500)); // well inside the listing
  await screenshot(page, 'resilience-1-listing');

  const killedAt = Date.now();
  process.kill(victim, 'SIGKILL');
  const message = await toast(page, 'sidecar stopped', 5_000);
  t.errorShown = Date.now() - killedAt;
  assert.match(await message.innerText(), /killed by SIGKILL/);
  await screenshot(page, 'resilience-2-error');

  t.back = await waitFor('a new sidecar', () => sidecarPids().some((p) => p !== victim), 2_000);
  // Back means answering: the status item is neither spinning nor in the error state.
  t.statusRecovered = await waitFor('the status bar recovers', async () => {
    const item = statusBar(page).locator('.statusbar-item', { hasText: 'Foundry: select a resource' }).first();
    const html = (await item.count()) ? await item.innerHTML() : '';
    return html && !html.includes('codicon-sync') && !html.includes('codicon-error');
  }, 2_000);
  t.recovered = Date.now() - killedAt;
  assert.ok(t.recovered <= 2_500, `recovered after ${t.recovered} ms`);
  await screenshot(page, 'resilience-3-recovered');

  // Nothing hangs: the same command on the new sidecar is answered (the fault is gone).
  await emulator.admin('DELETE', 'faults');
  if (await widget(page).isVisible()) await page.keyboard.press('Escape');
  await runCommand(page, 'Foundry: Select Resource');
  await widget(page).locator('.monaco-list-row', { hasText: 'contoso-foundry' }).first().waitFor({ timeout: 30_000 });
  await screenshot(page, 'resilience-4-listed-again');
  await page.keyboard.press('Escape');
  const log = fs.readFileSync(findLog(), 'utf8');
  assert.match(log, /restarting the sidecar in \d+ ms \(attempt 1\)/, log);
});

function findLog() {
  const found = execFileSync('find', [path.join(dir, 'user-data', 'logs'), '-name', 'FoundryIde.log'], { encoding: 'utf8' }).trim().split('\n')[0];
  assert.ok(found, 'no FoundryIde.log');
  return found;
}
