// The resource picker in real VS Code, in one window against the emulator behind the public Azure names (run inside
// scripts/sandbox.sh, loopback only), in this order:
// - Resilience: closing the picker during a listing cancels it (the sidecar drops its ARM calls); the sidecar
//   SIGKILLed in the middle of a listing: the UI says so, it is back within two seconds, the status bar recovers, and
//   the next listing is answered.
// - The instant picker: after a window reload (a new extension host, a new sidecar), "Foundry: Select Resource" shows
//   the resources listed before at once, marked as refreshing, while Azure is slow to answer; then the fresh listing
//   replaces them in place (here with one more resource, created meanwhile).
// - A window reload in the middle of a flow, against deployment names that sort differently from model age: Select
//   Resource picks contoso-foundry (which gets "a-sonnet-old", claude-sonnet-4, beside "claude-sonnet-4-5") and, while
//   the sidecar is applying it (Azure slow to list the deployments), the window reloads. The new extension host finds
//   the selection saved but never applied and applies it once on its own: the status item names the sidecar's Sonnet
//   (the newest model, not the first name), and a new terminal has the variables. After a second reload the applied
//   choice shows at once, from what was remembered.
// One window for all three (each workbench start costs ~25 CPU-s of the CI): none selects a resource before the last.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  teardown, endOfTest, readSettings, startEmulator, startCodeServer, openWorkbench, runCommand, screenshot, tempDir, ServicePrincipal,
  newTerminal, typeInTerminal, waitForTerminal, toast, clearToasts, clickRow, waitFor, quickInput,
} from './lib/harness.mjs';
import { quickRow as row, statusBar, statusItem } from './lib/workbench.mjs';

const AccountsDelayMs = 8_000;
const DeploymentsDelayMs = 10_000;
let dir, emulator, server, browser;
const t = {};
const widget = quickInput;
const placeholder = (page) => widget(page).locator('input.input').getAttribute('placeholder');

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
  dir = tempDir('picker');
  emulator = await startEmulator(dir, { port: 443 });
  server = await startCodeServer(dir, { env: { ...ServicePrincipal, SSL_CERT_FILE: emulator.bundlePem, NODE_EXTRA_CA_CERTS: emulator.caPem } });
  browser = await openWorkbench(dir, server.url);
  await statusItem(browser.page, 'Foundry: select a resource').waitFor({ timeout: 30_000 });
});

after(() => teardown({ browser, server, emulator, dir, timings: t }));

afterEach(async (c) => browser && endOfTest(browser.page, `picker-end-${c.name}`));

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

test('after a window reload the picker shows the last listing at once, marked refreshing, then the fresh one in place', { timeout: 180_000 }, async () => {
  const { page } = browser;
  // A first listing, kept on disk by the sidecar (0600, under the user's cache folder).
  await runCommand(page, 'Foundry: Select Resource');
  await row(page, 'contoso-foundry').waitFor({ timeout: 30_000 });
  await page.keyboard.press('Escape');
  await widget(page).waitFor({ state: 'hidden' });
  const cache = path.join(dir, 'home', '.cache', 'foundry-ide');
  await waitFor('the listing kept on disk', () => fs.existsSync(cache) && fs.readdirSync(cache).some((f) => /^resources-.*\.json$/.test(f)), 10_000);
  const kept = fs.readdirSync(cache).filter((f) => f.endsWith('.json')).map((f) => path.join(cache, f));
  assert.equal(fs.statSync(kept[0]).mode & 0o777, 0o600);
  assert.ok(!fs.readFileSync(kept[0], 'utf8').includes(ServicePrincipal.AZURE_CLIENT_SECRET), 'no secret in the kept listing');

  // Meanwhile a resource is created, and Azure becomes slow to list accounts.
  const state = await emulator.admin('GET', 'state');
  const template = state.accounts.find((a) => a.name === 'contoso-foundry');
  state.accounts.push({ ...template, name: 'contoso-created-later', customSubDomainName: 'contoso-created-later' });
  await emulator.admin('PUT', 'state', state);
  await emulator.admin('POST', 'faults', { pathContains: '/providers/Microsoft.CognitiveServices/accounts?', action: 'Latency', delayMs: AccountsDelayMs });

  await screenshot(page, 'picker-0-before-reload');
  const reloaded = page.waitForEvent('load', { timeout: 60_000 });
  await runCommand(page, 'Developer: Reload Window');
  await reloaded; // the new page: the old one's status item must not count
  await statusBar(page).getByText('Foundry: select a resource').waitFor({ timeout: 60_000 });
  await emulator.admin('DELETE', 'requests');

  const start = Date.now();
  await runCommand(page, 'Foundry: Select Resource');
  await row(page, 'contoso-foundry').waitFor({ timeout: AccountsDelayMs / 2 });
  t.staleItemsShown = Date.now() - start;
  const answered = (await emulator.admin('GET', 'requests')).filter((r) => r.path.includes('/accounts?') && r.statusCode !== 0);
  assert.deepEqual(answered, [], 'the kept items came before Azure answered the accounts listing');
  assert.match(await placeholder(page) ?? '', /Refreshing/);
  assert.equal(await widget(page).locator('.monaco-list-row', { hasText: 'contoso-created-later' }).count(), 0, 'the kept listing, not yet the fresh one');
  await screenshot(page, 'picker-1-kept-refreshing');

  // The fresh listing replaces the items in the same picker.
  await row(page, 'contoso-created-later').waitFor({ timeout: AccountsDelayMs + 30_000 });
  t.freshItemsShown = Date.now() - start;
  assert.ok(t.freshItemsShown >= AccountsDelayMs - 500, `fresh after ${t.freshItemsShown} ms`);
  await waitFor('the refreshing marker goes', async () => /Pick the Foundry resource/.test(await placeholder(page) ?? ''), 5_000);
  await screenshot(page, 'picker-2-fresh');
  await page.keyboard.press('Escape');
  await emulator.admin('DELETE', 'faults');
});

async function reload(page) {
  const reloaded = page.waitForEvent('load', { timeout: 60_000 });
  await runCommand(page, 'Developer: Reload Window');
  await reloaded; // the new page: the old one's status item must not count
}

test('a reload while the picked resource is being applied: the new window applies it once, with the newest Sonnet', { timeout: 180_000 }, async () => {
  const { page } = browser;
  const state = await emulator.admin('GET', 'state');
  const account = state.accounts.find((a) => a.name === 'contoso-foundry');
  // First by name, older by model: the sidecar must choose claude-sonnet-4-5.
  account.deployments.push({ ...account.deployments.find((d) => d.modelName === 'claude-sonnet-4-5'), name: 'a-sonnet-old', modelName: 'claude-sonnet-4', modelVersion: '20250514' });
  await emulator.admin('PUT', 'state', state);
  await runCommand(page, 'Foundry: Select Resource');
  await row(page, 'contoso-foundry').waitFor({ timeout: 45_000 });
  // The kept listing shows first (the tests above listed): wait for the fresh one before Azure slows down.
  await waitFor('the fresh listing', async () => /Pick the Foundry resource/.test(await placeholder(page) ?? ''), 30_000);
  // The listing is there; now Azure is slow: the apply's lookup of the resource waits on its deployments.
  await emulator.admin('POST', 'faults', { pathContains: '/deployments', action: 'Latency', delayMs: DeploymentsDelayMs });
  await clickRow(page, row(page, 'contoso-foundry'));
  await statusItem(page, 'Foundry: contoso-foundry').waitFor({ timeout: 15_000 });
  assert.equal((await readSettings(server.settingsFile))['foundryIde.resource'], 'contoso-foundry');
  assert.equal(await page.locator('.notifications-toasts', { hasText: 'Claude Code now uses' }).count(), 0, 'applied before the reload');
  await screenshot(page, 'reload-1-applying');
  const s = Date.now();
  await reload(page);
  await emulator.admin('DELETE', 'faults');
  await toast(page, 'Claude Code now uses contoso-foundry', 60_000);
  await statusItem(page, 'Foundry: contoso-foundry (claude-sonnet-4-5)').waitFor({ timeout: 15_000 });
  t.appliedAfterReload = Date.now() - s;
  await screenshot(page, 'reload-2-applied');
  assert.equal((await readSettings(server.settingsFile))['foundryIde.deployments']?.sonnet, undefined, 'the default is not saved as a choice');
  await newTerminal(page);
  await typeInTerminal(page, 'echo "r=$ANTHROPIC_FOUNDRY_RESOURCE s=$ANTHROPIC_DEFAULT_SONNET_MODEL"');
  await waitForTerminal(page, /^r=contoso-foundry s=claude-sonnet-4-5\s*$/m, { shot: 'reload-2-terminal-failed' });
});

test('after another reload the applied Sonnet shows at once (remembered) and is not applied again', { timeout: 120_000 }, async () => {
  const { page } = browser;
  await clearToasts(page);
  await reload(page);
  await statusItem(page, 'Foundry: contoso-foundry (claude-sonnet-4-5)').waitFor({ timeout: 30_000 });
  await newTerminal(page);
  await typeInTerminal(page, 'echo "r=$ANTHROPIC_FOUNDRY_RESOURCE s=$ANTHROPIC_DEFAULT_SONNET_MODEL"');
  await waitForTerminal(page, /^r=contoso-foundry s=claude-sonnet-4-5\s*$/m, { shot: 'reload-3-terminal-failed' });
  await new Promise((r) => setTimeout(r, 2_000));
  assert.equal(await page.locator('.notifications-toasts', { hasText: 'Claude Code now uses' }).count(), 0, 'applied again after a reload');
  await screenshot(page, 'reload-3-remembered');
});
