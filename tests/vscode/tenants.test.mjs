// Several tenants in real VS Code: the emulator with a second tenant (--seed-two-tenants: Fabrikam Research, where the
// service principal, a multi-tenant app, is consented with a subscription and a Foundry account of its own). The user
// switches tenant from the resource picker's tenant button; the picker then lists that tenant's resources, and what
// is applied (a new terminal's variables) is the resource picked there, with its own deployments. Then back.
// Run inside scripts/sandbox.sh.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  teardown, endOfTest, readSettings, startEmulator, startCodeServer, openWorkbench, runCommand, screenshot, tempDir, ServicePrincipal,
  newTerminal, typeInTerminal, waitForTerminal, toast, clearToasts, clickRow,
} from './lib/harness.mjs';

// tests/Emulator/SecondTenantSeed.cs
const Fabrikam = {
  tenantId: '3f6e9a2b-8c1d-4e7f-a05b-6d2c9e8f1a3b', name: 'Fabrikam Research', domain: 'fabrikamresearch.onmicrosoft.com',
  account: 'fabrikam-foundry', subDomain: 'fabrikam-ai-5c1e',
};

let dir, emulator, server, browser;
const t = {};
const statusBar = (page) => page.locator('#workbench\\.parts\\.statusbar');
const widget = (page) => page.locator('.quick-input-widget');
const row = (page, text) => widget(page).locator('.monaco-list-row', { hasText: text }).first();

before(async () => {
  dir = tempDir('tenants');
  emulator = await startEmulator(dir, { args: ['--seed-two-tenants'] });
  server = await startCodeServer(dir, {
    settings: {
      'foundryIde.cloud': 'Custom',
      'foundryIde.armEndpoint': emulator.baseUri,
      'foundryIde.authorityHost': emulator.baseUri,
    },
    env: { ...ServicePrincipal, AZURE_AUTHORITY_HOST: emulator.baseUri, SSL_CERT_FILE: emulator.bundlePem, NODE_EXTRA_CA_CERTS: emulator.caPem },
  });
  browser = await openWorkbench(dir, server.url);
  await statusBar(browser.page).getByText('Foundry: select a resource').waitFor({ timeout: 30_000 });
});

after(() => teardown({ browser, server, emulator, dir, timings: t }));

afterEach(async (c) => browser && endOfTest(browser.page, `end-${c.name}`));

/** Select Resource, then the picker's tenant button, then the tenant named `tenant`; resolves when the picker is back. */
async function switchTenant(page, tenant) {
  await widget(page).locator('.quick-input-titlebar .action-label[aria-label="Switch Tenant"], .quick-input-titlebar a[title="Switch Tenant"]').first().click();
  await widget(page).locator('.quick-input-title', { hasText: 'Foundry: tenant' }).waitFor({ timeout: 15_000 });
  await row(page, 'Fabrikam Research').waitFor({ timeout: 30_000 });
  const rows = (await widget(page).locator('.monaco-list-row').allInnerTexts()).join('\n');
  assert.match(rows, /Contoso Test/, rows);
  assert.match(rows, /fabrikamresearch\.onmicrosoft\.com/, rows);
  await screenshot(page, `tenant-picker-${tenant.replace(/\W+/g, '-')}`);
  await clickRow(page, row(page, tenant));
  await widget(page).locator('.quick-input-title', { hasText: 'Foundry: select a resource' }).waitFor({ timeout: 15_000 });
}

/** A new terminal's Foundry variables, as one line. */
async function terminalVariables(page, expected) {
  await newTerminal(page);
  await typeInTerminal(page, 'echo "vars: $ANTHROPIC_FOUNDRY_RESOURCE $ANTHROPIC_DEFAULT_OPUS_MODEL $ANTHROPIC_DEFAULT_SONNET_MODEL $ANTHROPIC_DEFAULT_HAIKU_MODEL"');
  const text = await waitForTerminal(page, new RegExp(`^vars: ${expected}\\s*$`, 'm'), { timeout: 15_000, shot: 'tenants-terminal-failed' });
  return text;
}

test('switching tenant in the resource picker lists the other tenant\'s resources, and the one picked there is applied', { timeout: 120_000 }, async () => {
  const { page } = browser;
  let s = Date.now();
  await clearToasts(page); // before the picker opens: the command palette would close it
  await runCommand(page, 'Foundry: Select Resource');
  await row(page, 'contoso-foundry').waitFor({ timeout: 45_000 });
  let rows = (await widget(page).locator('.monaco-list-row').allInnerTexts()).join('\n');
  assert.doesNotMatch(rows, /fabrikam/, 'no tenant pinned: the service principal\'s home tenant only\n' + rows);
  t.homeListing = Date.now() - s;

  s = Date.now();
  await switchTenant(page, Fabrikam.name);
  await row(page, Fabrikam.account).waitFor({ timeout: 45_000 });
  t.otherTenantListing = Date.now() - s;
  rows = (await widget(page).locator('.monaco-list-row').allInnerTexts()).join('\n');
  assert.doesNotMatch(rows, /contoso-foundry|contoso-ai-west/, rows);
  assert.equal((await readSettings(server.settingsFile))['foundryIde.tenant'], Fabrikam.tenantId);
  await screenshot(page, 'tenants-fabrikam-resources');

  s = Date.now();
  await clickRow(page, row(page, Fabrikam.account));
  await toast(page, `Claude Code now uses ${Fabrikam.account}`, 45_000);
  t.apply = Date.now() - s;
  await statusBar(page).locator('.statusbar-item', { hasText: `Foundry: ${Fabrikam.account}` }).first().waitFor({ timeout: 15_000 });
  await terminalVariables(page, `${Fabrikam.subDomain} fab-opus fab-sonnet fab-haiku`);
  const settings = await readSettings(server.settingsFile);
  assert.equal(settings['foundryIde.resource'], Fabrikam.account);
  assert.equal(settings['foundryIde.subscription'], 'e1d2c3b4-a596-4877-8695-a4b3c2d1e0f9');
});

test('switching back to the home tenant lists its resources again, and its resource is applied', { timeout: 120_000 }, async () => {
  const { page } = browser;
  await clearToasts(page);
  await runCommand(page, 'Foundry: Select Resource');
  await row(page, Fabrikam.account).waitFor({ timeout: 45_000 });
  await switchTenant(page, 'Contoso Test');
  await row(page, 'contoso-ai-west').waitFor({ timeout: 45_000 });
  const rows = (await widget(page).locator('.monaco-list-row').allInnerTexts()).join('\n');
  assert.doesNotMatch(rows, /fabrikam/, rows);
  assert.equal((await readSettings(server.settingsFile))['foundryIde.tenant'], ServicePrincipal.AZURE_TENANT_ID);

  await clickRow(page, row(page, 'contoso-ai-west'));
  await toast(page, 'Claude Code now uses contoso-ai-west', 45_000);
  // contoso-ai-west has one healthy Claude deployment, a Sonnet named "sonnet" (its Opus failed to provision).
  await terminalVariables(page, 'contoso-west-7f3a  sonnet');
});
