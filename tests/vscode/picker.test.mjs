// The instant picker, in real VS Code: after a window reload (a new extension host, a new sidecar), "Foundry: Select
// Resource" shows the resources listed before the reload at once, marked as refreshing, while Azure is slow to
// answer; then the fresh listing replaces them in place (here with one more resource, created meanwhile).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { teardown, startEmulator, startCodeServer, openWorkbench, runCommand, screenshot, tempDir, ServicePrincipal, waitFor } from './lib/harness.mjs';

const AccountsDelayMs = 8_000;
let dir, emulator, server, browser;
const t = {};
const statusBar = (page) => page.locator('#workbench\\.parts\\.statusbar');
const widget = (page) => page.locator('.quick-input-widget');
const row = (page, name) => widget(page).locator('.monaco-list-row', { hasText: name }).first();
const placeholder = (page) => widget(page).locator('input.input').getAttribute('placeholder');

before(async () => {
  dir = tempDir('picker');
  emulator = await startEmulator(dir, { port: 443 });
  server = await startCodeServer(dir, { env: { ...ServicePrincipal, SSL_CERT_FILE: emulator.bundlePem, NODE_EXTRA_CA_CERTS: emulator.caPem } });
  browser = await openWorkbench(dir, server.url);
  await statusBar(browser.page).getByText('Foundry: select a resource').waitFor({ timeout: 30_000 });
});

after(() => teardown({ browser, server, emulator, dir, timings: t }));

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
