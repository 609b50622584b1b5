// The extension in real VS Code against the loopback Azure emulator (tests/Emulator): a service principal in
// code-server's environment, the emulator as a custom cloud. Run inside scripts/sandbox.sh.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { teardown, endOfTest, readSettings, startEmulator, startCodeServer, openWorkbench, runCommand, screenshot, tempDir, ServicePrincipal, clickRow } from './lib/harness.mjs';

let dir, emulator, server, browser;
const t = {};
const statusBar = (page) => page.locator('#workbench\\.parts\\.statusbar');

before(async () => {
  dir = tempDir('emulator');
  let s = Date.now();
  emulator = await startEmulator(dir);
  t.emulator = Date.now() - s;
  s = Date.now();
  server = await startCodeServer(dir, {
    // In the USER settings, as a person would set them (they are window-scoped: a remote window applies them too).
    settings: {
      'foundryIde.cloud': 'Custom',
      'foundryIde.armEndpoint': emulator.baseUri,
      'foundryIde.authorityHost': emulator.baseUri,
    },
    // The doctor probes Claude Code's chain as Claude Code would run it: from the environment (AZURE_AUTHORITY_HOST),
    // not from the foundryIde.* settings, which are for ARM discovery.
    env: { ...ServicePrincipal, AZURE_AUTHORITY_HOST: emulator.baseUri, SSL_CERT_FILE: emulator.bundlePem, NODE_EXTRA_CA_CERTS: emulator.caPem },
  });
  t.codeServer = Date.now() - s;
  s = Date.now();
  browser = await openWorkbench(dir, server.url);
  await statusBar(browser.page).getByText('Foundry: select a resource').waitFor({ timeout: 30_000 });
  t.workbenchActivated = Date.now() - s;
});

after(() => teardown({ browser, server, emulator, dir, timings: t }));

afterEach(async (c) => browser && endOfTest(browser.page, `end-${c.name}`));

test('"Foundry: Diagnose Credentials" shows the service principal found by EnvironmentCredential', { timeout: 60_000 }, async () => {
  const { page } = browser;
  const s = Date.now();
  await runCommand(page, 'Foundry: Diagnose Credentials');
  const widget = page.locator('.quick-input-widget');
  await widget.locator('.quick-input-title', { hasText: 'Foundry: credentials for Claude Code' }).waitFor({ timeout: 45_000 });
  const used = widget.locator('.monaco-list-row', { hasText: 'used by Claude Code' });
  await used.first().waitFor();
  t.diagnose = Date.now() - s;
  const usedText = await used.first().innerText();
  assert.match(usedText, /EnvironmentCredential/, usedText);
  await screenshot(page, 'diagnose');
  await page.keyboard.press('Escape');
  await widget.waitFor({ state: 'hidden' });
});

test('"Foundry: Select Resource" lists the emulator\'s Foundry resources through ARM (custom cloud settings)', { timeout: 60_000 }, async () => {
  const { page } = browser;
  const s = Date.now();
  await runCommand(page, 'Foundry: Select Resource');
  const widget = page.locator('.quick-input-widget');
  await widget.locator('.quick-input-title', { hasText: 'Foundry: select a resource' }).waitFor({ timeout: 15_000 });
  await widget.locator('.monaco-list-row', { hasText: 'contoso-foundry' }).first().waitFor({ timeout: 45_000 });
  t.selectResourceList = Date.now() - s;
  const rows = (await widget.locator('.monaco-list-row').allInnerTexts()).join('\n');
  assert.match(rows, /contoso-ai-west/, rows);
  assert.doesNotMatch(rows, /contoso-finance-ai/, rows); // the service principal may not list that subscription's accounts
  await screenshot(page, 'select-resource');
  await page.keyboard.press('Escape'); // nothing picked: the setting is written by the next test, by hand
  await widget.waitFor({ state: 'hidden' });
});

test('the resource picker\'s tenant button lists the tenants (tenants/list) and pins the one picked', { timeout: 60_000 }, async () => {
  const { page } = browser;
  await runCommand(page, 'Foundry: Select Resource');
  const widget = page.locator('.quick-input-widget');
  await widget.locator('.monaco-list-row', { hasText: 'contoso-foundry' }).first().waitFor({ timeout: 45_000 });
  await widget.locator('.quick-input-titlebar .action-label[aria-label="Switch Tenant"], .quick-input-titlebar a[title="Switch Tenant"]').first().click();
  await widget.locator('.quick-input-title', { hasText: 'Foundry: tenant' }).waitFor({ timeout: 15_000 });
  const tenant = widget.locator('.monaco-list-row', { hasText: 'Contoso Test' }).first();
  await tenant.waitFor({ timeout: 30_000 });
  assert.match(await tenant.innerText(), /contosotest\.onmicrosoft\.com/);
  await screenshot(page, 'tenant-picker');
  await clickRow(page, tenant);
  // The resource picker comes back, listing in the pinned tenant.
  await widget.locator('.quick-input-title', { hasText: 'Foundry: select a resource' }).waitFor({ timeout: 15_000 });
  await widget.locator('.monaco-list-row', { hasText: 'contoso-foundry' }).first().waitFor({ timeout: 45_000 });
  const settings = await readSettings(server.settingsFile);
  assert.equal(settings['foundryIde.tenant'], ServicePrincipal.AZURE_TENANT_ID);
  await page.keyboard.press('Escape');
  await widget.waitFor({ state: 'hidden' });
});

test('foundryIde.resource in the (remote) settings.json shows in the status bar', { timeout: 60_000 }, async () => {
  const { page } = browser;
  const s = Date.now();
  server.writeMachineSettings({ 'foundryIde.resource': 'contoso-foundry' });
  await statusBar(page).locator('.statusbar-item', { hasText: 'Foundry: contoso-foundry' }).first().waitFor({ timeout: 30_000 });
  t.statusBar = Date.now() - s;
  await screenshot(page, 'status-bar');
});

test('after "Foundry: Configure Claude Code", a new terminal has the Foundry variables', { timeout: 60_000 }, async () => {
  const { page } = browser;
  let s = Date.now();
  await runCommand(page, 'Foundry: Configure Claude Code');
  const widget = page.locator('.quick-input-widget');
  await widget.locator('.quick-input-title', { hasText: 'Foundry: configure Claude Code' }).waitFor({ timeout: 15_000 });
  await widget.locator('.monaco-list-row', { hasText: 'Integrated terminals' }).waitFor();
  await page.keyboard.press('Enter'); // accept the pre-picked targets (the default: terminals)
  await page.locator('.notifications-toasts', { hasText: 'Claude Code now uses contoso-foundry' }).waitFor({ timeout: 30_000 });
  t.configure = Date.now() - s;

  s = Date.now();
  await runCommand(page, 'Terminal: Create New Terminal', { filter: 'Terminal: Create New Terminal' });
  const rows = page.locator('.terminal-wrapper.active .xterm-rows, .xterm-rows').last();
  await rows.waitFor({ timeout: 15_000 });
  await page.waitForFunction(() => /[$#]\s*$/m.test(document.querySelector('.xterm-rows')?.innerText ?? ''), undefined, { timeout: 15_000 });
  await page.keyboard.type('echo $CLAUDE_CODE_USE_FOUNDRY $ANTHROPIC_FOUNDRY_RESOURCE');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /^1 contoso-foundry\s*$/m.test(document.querySelector('.xterm-rows')?.innerText ?? ''), undefined, { timeout: 15_000 })
    .catch(async (e) => { await screenshot(page, 'terminal-failed'); throw new Error(`${e.message}\n${await rows.innerText()}`); });
  t.terminal = Date.now() - s;
  await screenshot(page, 'terminal');
});
