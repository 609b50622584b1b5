// A window reload in the middle of a flow, against deployment names that sort differently from model age: Select
// Resource picks contoso-foundry (which has "a-sonnet-old", claude-sonnet-4, beside "claude-sonnet-4-5") and, while
// the sidecar is applying it (Azure slow to list the deployments), the window reloads. The new extension host finds
// the selection saved but never applied and applies it once on its own: the status item names the sidecar's Sonnet
// (the newest model, not the first name), and a new terminal has the variables. After a second reload the applied
// choice shows at once, from what was remembered. Run inside scripts/sandbox.sh (loopback only).
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  teardown, endOfTest, readSettings, startEmulator, startCodeServer, openWorkbench, runCommand, screenshot, tempDir, ServicePrincipal,
  newTerminal, typeInTerminal, waitForTerminal, toast, clearToasts, clickRow,
} from './lib/harness.mjs';

const DeploymentsDelayMs = 10_000;
let dir, emulator, server, browser;
const t = {};
const statusItem = (page, text) => page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: text }).first();
const widget = (page) => page.locator('.quick-input-widget');
const row = (page, text) => widget(page).locator('.monaco-list-row', { hasText: text }).first();

before(async () => {
  dir = tempDir('reload');
  emulator = await startEmulator(dir, { port: 443 });
  const state = await emulator.admin('GET', 'state');
  const account = state.accounts.find((a) => a.name === 'contoso-foundry');
  // First by name, older by model: the sidecar must choose claude-sonnet-4-5.
  account.deployments.push({ ...account.deployments.find((d) => d.modelName === 'claude-sonnet-4-5'), name: 'a-sonnet-old', modelName: 'claude-sonnet-4', modelVersion: '20250514' });
  await emulator.admin('PUT', 'state', state);
  server = await startCodeServer(dir, { env: { ...ServicePrincipal, SSL_CERT_FILE: emulator.bundlePem, NODE_EXTRA_CA_CERTS: emulator.caPem } });
  browser = await openWorkbench(dir, server.url);
  await statusItem(browser.page, 'Foundry: select a resource').waitFor({ timeout: 30_000 });
});

after(() => teardown({ browser, server, emulator, dir, timings: t }));

afterEach(async (c) => browser && endOfTest(browser.page, `reload-end-${c.name}`));

async function reload(page) {
  const reloaded = page.waitForEvent('load', { timeout: 60_000 });
  await runCommand(page, 'Developer: Reload Window');
  await reloaded; // the new page: the old one's status item must not count
}

test('a reload while the picked resource is being applied: the new window applies it once, with the newest Sonnet', { timeout: 180_000 }, async () => {
  const { page } = browser;
  await runCommand(page, 'Foundry: Select Resource');
  await row(page, 'contoso-foundry').waitFor({ timeout: 45_000 });
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
