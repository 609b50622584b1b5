// Azure from the editor, against the emulator (its seed with a second tenant, --seed-two-tenants) behind custom cloud
// settings, in one window (each workbench start costs ~25 CPU-s of the CI). Run inside scripts/sandbox.sh.
// - "Foundry: Deploy Claude Models": a resource that does not exist yet is created (create: yes) with its Claude
//   deployments through the guided flow, with access granted to the identity Claude Code uses; it becomes the
//   selection, and Claude answers there.
// - Several tenants (Fabrikam Research, where the service principal, a multi-tenant app, is consented with a
//   subscription and a Foundry account of its own): the user switches tenant from the resource picker's tenant button;
//   the picker then lists that tenant's resources, and what is applied (a new terminal's variables) is the resource
//   picked there, with its own deployments. Then back.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  teardown, endOfTest, waitFor, readSettings, startEmulator, startCodeServer, openWorkbench, runCommand, screenshot, tempDir, quickInput, ServicePrincipal,
  newTerminal, typeInTerminal, waitForTerminal, toast, clearToasts, clickRow, extensionLog, notice,
} from './lib/harness.mjs';
import { answer, pick, quickRow as row, statusBar } from './lib/workbench.mjs';

const Subscription = '2b9f6c1a-7d3e-4f5a-8b6c-9d0e1f2a3b4c'; // DefaultSeed.SubscriptionId
const SubscriptionName = 'Contoso AI Dev'; // DefaultSeed.SubscriptionName
const ServicePrincipalObjectId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const Resource = 'deployed-claude-ai';
// tests/Emulator/SecondTenantSeed.cs
const Fabrikam = {
  tenantId: '3f6e9a2b-8c1d-4e7f-a05b-6d2c9e8f1a3b', name: 'Fabrikam Research', domain: 'fabrikamresearch.onmicrosoft.com',
  account: 'fabrikam-foundry', subDomain: 'fabrikam-ai-5c1e',
};

let dir, emulator, server, browser;
const t = {};
const widget = quickInput;

before(async () => {
  dir = tempDir('deploy');
  // On 443: a resource created here gets Azure's public names (<name>.services.ai.azure.com), which the sandbox's
  // /etc/hosts sends to this emulator, so the access wait and Test Connection reach it as they would reach Azure.
  emulator = await startEmulator(dir, { port: 443, args: ['--seed-two-tenants'] });
  // The service principal may write in the subscription (Owner); long-running operations answer without waiting.
  const state = await emulator.admin('GET', 'state');
  state.roleGrants.push({ principalId: ServicePrincipalObjectId, scope: `/subscriptions/${Subscription}`, roleName: 'Owner', actions: ['*'], notActions: [], dataActions: [], notDataActions: [] });
  state.operationRetryAfterSeconds = 0;
  await emulator.admin('PUT', 'state', state);
  server = await startCodeServer(dir, {
    settings: { 'foundryIde.cloud': 'Custom', 'foundryIde.armEndpoint': emulator.baseUri, 'foundryIde.authorityHost': emulator.baseUri },
    env: { ...ServicePrincipal, AZURE_AUTHORITY_HOST: emulator.baseUri, SSL_CERT_FILE: emulator.bundlePem, NODE_EXTRA_CA_CERTS: emulator.caPem },
  });
  browser = await openWorkbench(dir, server.url);
  await statusBar(browser.page).getByText('Foundry: select a resource').waitFor({ timeout: 30_000 });
});

after(() => teardown({ browser, server, emulator, dir, timings: t }));

afterEach(async (c) => browser && endOfTest(browser.page, `end-${c.name}`));

test('"Foundry: Select Resource" with no resource at all offers "Deploy Claude Models…", which starts the flow', { timeout: 90_000 }, async () => {
  const { page } = browser;
  const state = await emulator.admin('GET', 'state');
  const accounts = state.accounts;
  await emulator.admin('PUT', 'state', { ...state, accounts: [] });
  try {
    await runCommand(page, 'Foundry: Select Resource');
    const widget = quickInput(page);
    const offer = widget.locator('.monaco-list-row', { hasText: 'Deploy Claude Models…' });
    await offer.first().waitFor({ timeout: 45_000 });
    assert.match((await widget.locator('.monaco-list-row').allInnerTexts()).join('\n'), /No Foundry resource found/);
    await screenshot(page, 'select-resource-empty');
    await clickRow(page, offer.first());
    // The flow starts with the subscriptions the identity can use (subscriptions/list), by name.
    await widget.locator('.monaco-list-row', { hasText: SubscriptionName }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden' });
  } finally {
    await emulator.admin('PUT', 'state', { ...(await emulator.admin('GET', 'state')), accounts });
  }
});

test('a listed resource without Claude deployments: its rocket button in Select Resource starts Deploy for that resource (no subscription, name or create question); "Deploy Claude Models…" stays offered below the resources', { timeout: 90_000 }, async () => {
  const { page } = browser;
  const state = await emulator.admin('GET', 'state');
  const account = 'contoso-foundry'; // DefaultSeed.FoundryAccount: its Claude deployments are removed, gpt-4o stays
  await emulator.admin('PUT', 'state', {
    ...state,
    accounts: state.accounts.map((a) => (a.name === account ? { ...a, deployments: a.deployments.filter((d) => d.modelFormat !== 'Anthropic') } : a)),
  });
  try {
    await runCommand(page, 'Foundry: Select Resource');
    const widget = quickInput(page);
    // The sidecar keeps its listing (the last test's, with no account): the refresh button lists again.
    await widget.locator('.codicon-refresh').first().click();
    const item = widget.locator('.monaco-list-row', { hasText: account }).filter({ hasText: 'no Claude deployments' }).first();
    await item.waitFor({ timeout: 45_000 });
    await widget.locator('.monaco-list-row', { hasText: 'Deploy Claude Models…' }).first().waitFor({ timeout: 5_000 });
    await item.hover();
    await item.locator('.quick-input-list-entry-action-bar .codicon-rocket').first().click();
    await widget.locator(`input[placeholder*="Claude families to deploy to ${account}"]`).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden' });
    const writes = (await emulator.admin('GET', 'requests')).filter((r) => ['PUT', 'DELETE'].includes(r.method)).map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(writes, [], 'nothing is written before the flow is answered');
  } finally {
    await emulator.admin('PUT', 'state', { ...(await emulator.admin('GET', 'state')), accounts: state.accounts });
  }
});

test('"Foundry: Deploy Claude Models" creates a missing resource and its deployments, grants access, then selects it and Claude answers there', { timeout: 240_000 }, async () => {
  const { page } = browser;
  // The service principal's data access comes from Cognitive Services User on the subscription: lifted for this test,
  // so that the access it asks for is created (Azure AI User on the new resource), and applies after 3 s.
  const before = await emulator.admin('GET', 'state');
  const dataRole = (g) => g.principalId === ServicePrincipalObjectId && g.scope === `/subscriptions/${Subscription}` && g.roleName === 'Cognitive Services User';
  assert.ok(before.roleGrants.some(dataRole), 'the seed gives the service principal Cognitive Services User');
  await emulator.admin('PUT', 'state', { ...before, roleGrants: before.roleGrants.filter((g) => !dataRole(g)), roleAssignmentDelayMs: 3_000 });
  try {
    await deployWithAccess(page);
  } finally {
    const now = await emulator.admin('GET', 'state');
    await emulator.admin('PUT', 'state', { ...now, roleGrants: [...now.roleGrants, ...before.roleGrants.filter(dataRole)], roleAssignmentDelayMs: 0 });
  }
  // The same deployments answer Claude's Messages for the identity Claude Code uses, as Test Connection shows.
  await clearToasts(page);
  await runCommand(page, 'Foundry: Test Connection');
  // The answer, or the failure with its detail (connection.ts: "DEPLOYMENT (FAMILY): detail fix").
  const said = /Claude answered on|\((fable|opus|sonnet|haiku)\): |Nothing could be tested/;
  const answered = await notice(page, said, 30_000).catch(async (error) => {
    await screenshot(page, 'deploy-test-connection-missing');
    throw new Error(`${error.message}\nlog:\n${extensionLog(dir)}`);
  });
  await screenshot(page, 'deploy-test-connection');
  assert.match(answered, new RegExp(`Claude answered on ${Resource}`), answered);
  for (const family of ['opus', 'sonnet', 'haiku']) assert.match(answered, new RegExp(family), answered);
});

async function deployWithAccess(page) {
  const s = Date.now();
  await runCommand(page, 'Foundry: Deploy Claude Models');
  await pick(page, 'Subscription', SubscriptionName);
  await answer(page, 'Foundry resource name', Resource);
  await pick(page, `Create ${Resource} if missing`, 'Yes, create it');
  await answer(page, 'Resource group', 'rg-deployed');
  // Only the regions whose catalogue offers Claude (deploy/regions): eastus2 and swedencentral of the emulator's four.
  const regions = quickInput(page).locator('.monaco-list-row', { hasText: 'claude-' });
  await regions.first().waitFor({ timeout: 60_000 });
  assert.deepEqual((await regions.allInnerTexts()).map((t) => t.replace(/claude-.*$/s, '').trim()).sort(), ['eastus2', 'swedencentral']);
  await pick(page, 'Region', 'eastus2');
  await pick(page, 'Claude families to deploy'); // all picked by default
  await pick(page, 'Grant access', 'Yes, give Claude Code');
  await answer(page, 'Your organisation', 'Contoso');
  await answer(page, 'Your industry', 'technology');
  await answer(page, 'Your country', 'US');
  // The capacity is asked with the plan in hand: each deployment to create with its planned capacity, and the quota
  // the subscription has free for it (the sidecar's quota verdicts, from the usages API).
  const capacity = quickInput(page).locator('.quick-input-message', { hasText: 'Capacity' });
  await capacity.waitFor({ timeout: 90_000 });
  const question = await capacity.innerText();
  await screenshot(page, 'deploy-capacity');
  assert.match(question, /✓ claude-opus-\S+ \(claude-opus-\S+ \S+\): \d+ planned, \d+ of \d+ free/, question);
  await answer(page, 'Capacity', '10');
  // The preflight verdicts, none failing; the first row deploys.
  const widget = quickInput(page);
  await widget.locator('.quick-input-title', { hasText: `deploy to ${Resource}` }).waitFor({ timeout: 90_000 });
  const rows = await widget.locator('.monaco-list-row').allInnerTexts();
  // Each verdict row reads "<check><status>\n<detail>" (the list is virtual: the first ones only).
  assert.match(rows.join('\n'), /namepass\n/, rows.join(' | '));
  assert.match(rows.join('\n'), /regionpass\n/, rows.join(' | '));
  assert.doesNotMatch(rows.join('\n'), /fail\n/, rows.join(' | '));
  await screenshot(page, 'deploy-preflight');
  // Another model than the sidecar's pick: the region's other offers (deploy/plan's offers), by family; the plan is
  // made again with that one pinned, and the preflight shows it.
  await clickRow(page, row(page, 'Choose another model or version'));
  await pick(page, 'instead', 'claude-opus-4-1@20250805');
  await widget.locator('.monaco-list-row', { hasText: 'claude-opus-4-1 20250805' }).first().waitFor({ timeout: 90_000 });
  await widget.locator('.quick-input-box input').press('Enter');
  t.questions = Date.now() - s;
  await statusBar(page).getByText(Resource).first().waitFor({ timeout: 120_000 });
  t.deployed = Date.now() - s;
  // The flow's last words: what was created, then Configure's (the selection is applied): nothing of the flow is
  // left to pop up over what comes next.
  await toast(page, `${Resource} created`, 30_000);
  await toast(page, `Claude Code now uses ${Resource}`, 60_000);
  await screenshot(page, 'deploy-done');

  const state = await emulator.admin('GET', 'state');
  const account = state.accounts.find((a) => a.name === Resource);
  assert.ok(account, `${Resource} was not created; rows: ${rows.join(' | ')}`);
  assert.equal(account.subscriptionId, Subscription);
  assert.equal(account.resourceGroup, 'rg-deployed');
  assert.equal(account.location, 'eastus2');
  const deployments = account.deployments.map((d) => `${d.name}:${d.provisioningState ?? ''}`);
  assert.ok(account.deployments.length >= 3, deployments.join(', '));
  assert.deepEqual(account.deployments.filter((d) => /opus/.test(d.modelName)).map((d) => `${d.modelName}@${d.modelVersion}`), ['claude-opus-4-1@20250805'], deployments.join(', '));
  assert.ok(account.deployments.some((d) => /opus/.test(d.name)) && account.deployments.some((d) => /sonnet/.test(d.name)) && account.deployments.some((d) => /haiku/.test(d.name)), deployments.join(', '));
  const puts = (await emulator.admin('GET', 'requests')).filter((r) => r.method === 'PUT' && r.path.includes(`/accounts/${Resource}`));
  assert.ok(puts.some((r) => /\/accounts\/[^/]+(\?|$)/.test(r.path) && r.statusCode < 300), 'the account PUT');
  assert.ok(puts.filter((r) => r.path.includes('/deployments/') && r.statusCode < 300).length >= 3, 'the deployment PUTs');
  // The same path as Select Resource: saved in settings and shown in the status bar.
  const settings = await readSettings(server.settingsFile);
  assert.equal(settings['foundryIde.resource'], Resource);
  assert.equal(settings['foundryIde.subscription'], Subscription);
  // Access: Azure AI User on the new resource for the service principal, and the wait saw it refused, then applied.
  const assignments = state.roleAssignments.filter((a) => a.scope.endsWith(`/accounts/${Resource}`));
  assert.deepEqual(assignments.map((a) => `${a.principalId} ${a.roleDefinitionId.split('/').pop()}`), [`${ServicePrincipalObjectId} 53ca6127-db72-4b80-b1b0-d745d6d5456d`]);
  const messages = (await emulator.admin('GET', 'requests')).filter((r) => r.path.includes('/anthropic/v1/messages') && r.account === Resource);
  assert.ok(messages.some((r) => r.statusCode === 401 || r.statusCode === 403), `the wait saw the access not yet applied: ${messages.map((r) => r.statusCode)}`);
  assert.ok(messages.some((r) => r.statusCode === 200 && r.authKind === 'bearer'), `then Claude answered: ${messages.map((r) => r.statusCode)}`);
}

test('a failing preflight verdict (a resource that does not exist, create: no) shows its fix and writes nothing; the organisation is not asked again', { timeout: 120_000 }, async () => {
  const { page } = browser;
  await emulator.admin('DELETE', 'requests');
  await runCommand(page, 'Foundry: Deploy Claude Models');
  await pick(page, 'Subscription', SubscriptionName);
  await answer(page, 'Foundry resource name', 'missing-claude-ai');
  await pick(page, 'Create missing-claude-ai if missing', 'No, it exists');
  await pick(page, 'Claude families to deploy');
  await pick(page, 'Grant access', 'No, access is handled elsewhere');
  // The organisation details were kept from the deploy above: the preflight comes next (no capacity is asked: a
  // smaller one would not cure this failure).
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 60_000 });
  const text = await dialog.innerText();
  await screenshot(page, 'deploy-preflight-failed');
  assert.match(text, /missing-claude-ai cannot be deployed yet/, text);
  assert.match(text, /resource: No Foundry resource named missing-claude-ai.*\n→ \S/s, text);
  // The fix names the flow's own question, not the CLI's options.
  assert.match(text, /answer "Yes, create it"/, text);
  assert.doesNotMatch(text, /--create|--resource-group|--location/, text);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  const writes = (await emulator.admin('GET', 'requests')).filter((r) => r.method === 'PUT' || r.method === 'DELETE');
  assert.deepEqual(writes.map((r) => `${r.method} ${r.path}`), []);
  assert.equal((await readSettings(server.settingsFile))['foundryIde.resource'], Resource);
});

test('from a new subscription (Microsoft.CognitiveServices not registered): the region is typed, the preflight says Deploy registers it first, and it does so before anything else is written', { timeout: 240_000 }, async () => {
  const { page } = browser;
  const NewSubscription = '0c9e8d7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f';
  const state = await emulator.admin('GET', 'state');
  state.subscriptions.push({ id: NewSubscription, displayName: 'Contoso New', tenantId: '8d2c1b7e-3f4a-4c5d-9e6f-0a1b2c3d4e5f' });
  state.roleGrants.push({ principalId: ServicePrincipalObjectId, scope: `/subscriptions/${NewSubscription}`, roleName: 'Owner', actions: ['*'], notActions: [], dataActions: [], notDataActions: [] });
  state.cognitiveServicesUnregistered = [NewSubscription];
  // Global Standard quota is per subscription: the new one gets the default seed's limits.
  state.quotas.push(...state.quotas.filter((q) => q.subscriptionId === Subscription).map((q) => ({ ...q, subscriptionId: NewSubscription })));
  await emulator.admin('PUT', 'state', state);
  await emulator.admin('DELETE', 'requests');
  await runCommand(page, 'Foundry: Deploy Claude Models');
  await pick(page, 'Subscription', 'Contoso New');
  await answer(page, 'Foundry resource name', 'fresh-sub-ai');
  await pick(page, 'Create fresh-sub-ai if missing', 'Yes, create it');
  await answer(page, 'Resource group', 'rg-fresh');
  // No region's catalogue can be read there yet: the picker says why (deploy/regions' note), and the region is typed.
  await quickInput(page).locator('input[placeholder*="NotRegistered"]').waitFor({ timeout: 60_000 });
  await screenshot(page, 'deploy-new-subscription-regions');
  await clickRow(page, row(page, 'Enter a region'));
  await answer(page, 'Region (the preflight', 'eastus2');
  await pick(page, 'Claude families to deploy');
  await pick(page, 'Grant access', 'No, access is handled elsewhere');
  // The organisation details were kept (asked here when this test runs alone); nothing could be planned yet, so no
  // capacity is asked: the preflight.
  const organisation = quickInput(page).locator('.quick-input-message', { hasText: 'Your organisation' });
  const preflight = widget(page).locator('.quick-input-title', { hasText: 'deploy to fresh-sub-ai' });
  await organisation.or(preflight).first().waitFor({ timeout: 90_000 });
  if (await organisation.isVisible()) {
    await answer(page, 'Your organisation', 'Contoso');
    await answer(page, 'Your industry', 'technology');
    await answer(page, 'Your country', 'US');
  }
  await preflight.waitFor({ timeout: 90_000 });
  const rows = (await widget(page).locator('.monaco-list-row').allInnerTexts()).join(' | ');
  assert.match(rows, /providerwarn/, rows);
  assert.match(rows, /Deploy registers it first/, rows);
  assert.match(rows, /Deploy\s*register Microsoft\.CognitiveServices/, `the Deploy row names what it will do first: ${rows}`);
  await screenshot(page, 'deploy-new-subscription-preflight');
  await widget(page).locator('.quick-input-box input').press('Enter');
  await toast(page, 'fresh-sub-ai created', 120_000);
  const requests = (await emulator.admin('GET', 'requests')).filter((r) => r.path.startsWith(`/subscriptions/${NewSubscription}`));
  const registered = requests.findIndex((r) => r.method === 'POST' && r.path.includes('/providers/Microsoft.CognitiveServices/register'));
  const firstPut = requests.findIndex((r) => r.method === 'PUT');
  assert.ok(registered >= 0 && registered < firstPut, requests.map((r) => `${r.method} ${r.path.split('?')[0]}`).join('\n'));
  assert.deepEqual(requests.filter((r) => r.statusCode === 409).map((r) => r.path), [], 'nothing Azure refuses as MissingSubscriptionRegistration');
  const account = (await emulator.admin('GET', 'state')).accounts.find((a) => a.name === 'fresh-sub-ai');
  assert.ok(account?.deployments.length > 0 && account.deployments.every((d) => d.provisioningState === 'Succeeded'), JSON.stringify(account?.deployments));
});

test('cancelling the progress notification while Azure creates the resource sends $/cancelRequest: no call follows, nothing is selected', { timeout: 150_000 }, async () => {
  const { page } = browser;
  const selected = (await readSettings(server.settingsFile))['foundryIde.resource'];
  const state = await emulator.admin('GET', 'state');
  await emulator.admin('PUT', 'state', { ...state, operationPolls: 1000, operationRetryAfterSeconds: 1 });
  await emulator.admin('DELETE', 'requests');
  await runCommand(page, 'Foundry: Deploy Claude Models');
  await pick(page, 'Subscription', SubscriptionName);
  await answer(page, 'Foundry resource name', 'cancelled-claude-ai');
  await pick(page, 'Create cancelled-claude-ai if missing', 'Yes, create it');
  await answer(page, 'Resource group', 'rg-cancelled');
  await pick(page, 'Region', 'eastus2');
  await pick(page, 'Claude families to deploy');
  await pick(page, 'Grant access', 'No, access is handled elsewhere');
  await answer(page, 'Capacity', '10');
  await quickInput(page).locator('.quick-input-title', { hasText: 'deploy to cancelled-claude-ai' }).waitFor({ timeout: 90_000 });
  await quickInput(page).locator('.quick-input-box input').press('Enter');
  const accountPut = (r) => r.method === 'PUT' && /\/accounts\/cancelled-claude-ai(\?|$)/.test(r.path);
  await waitFor('the account PUT', async () => (await emulator.admin('GET', 'requests')).some(accountPut), 60_000, 200);
  // Cancelled while Azure's operation is being polled (every second: operationRetryAfterSeconds).
  await waitFor('a poll of the account operation', async () => (await emulator.admin('GET', 'requests')).some((r) => /\/operationResults\//.test(r.path)), 30_000, 200);
  const toastWithCancel = page.locator('.notification-toast', { hasText: 'Deploying Claude models to cancelled-claude-ai' });
  await toastWithCancel.locator('.monaco-button', { hasText: 'Cancel' }).click();
  const cancelledAt = Date.now();
  await new Promise((r) => setTimeout(r, 4_000));
  // The deploy's own calls are writes and polls of Azure's operation; after a cancellation it reads back what exists
  // (GETs), and the editor may run its read-only health check: reads are not the deploy going on.
  const deployCall = (r) => r.method !== 'GET' || /\/operationResults\//.test(r.path);
  const requests = await emulator.admin('GET', 'requests');
  assert.ok(requests.some((r) => deployCall(r) && /\/operationResults\//.test(r.path) && Date.parse(r.timestamp) < cancelledAt),
    'the account operation was being polled before the cancellation');
  // Two seconds for $/cancelRequest to reach the sidecar on a loaded machine (a poll follows every second).
  const after = requests.filter((r) => Date.parse(r.timestamp) > cancelledAt + 2_000);
  console.log(`reads after the cancellation: ${after.filter((r) => !deployCall(r)).map((r) => r.path.split('?')[0]).join(', ') || 'none'}`);
  assert.deepEqual(after.filter(deployCall).map((r) => `${r.method} ${r.path}`), [], 'no write and no poll two seconds after the cancellation');
  const all = await emulator.admin('GET', 'requests');
  assert.ok(all.length > 0 && all.every((r) => Number.isFinite(Date.parse(r.timestamp))), 'every logged request has its time');
  assert.ok(!all.some((r) => r.method === 'PUT' && r.path.includes('/accounts/cancelled-claude-ai/deployments/')), 'no deployment PUT');
  await screenshot(page, 'deploy-cancelled');
  assert.equal((await readSettings(server.settingsFile))['foundryIde.resource'], selected, 'the selection is what it was');
  // The modal names what was cancelled once (the error's code, then its message), with the fix and what exists.
  const dialog = page.locator('.monaco-dialog-box', { hasText: 'Deploying to cancelled-claude-ai did not finish' });
  await dialog.waitFor({ timeout: 15_000 });
  const text = await dialog.innerText();
  assert.match(text, /Cancelled: No further call was made/, text);
  assert.doesNotMatch(text, /Cancelled: Cancelled/, text);
  await dialog.locator('.monaco-button', { hasText: 'OK' }).click();
  await dialog.waitFor({ state: 'hidden' });
});

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
