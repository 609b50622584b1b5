import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  apiKeySecretName,
  cloudSettingsFrom,
  consentDecision,
  consentedTargets,
  consentSignature,
  foundryAccountId,
  ignoredWorkspaceSettings,
  Inspected,
  isAccountId,
  legacyApiKeySecretName,
  readApiKey,
  targetsNeedingConsent,
  userValue,
  WriteTarget,
} from '../src/trustPolicy';
import { statusView } from '../src/statusModel';

const attacker = 'https://127.0.0.2:8443/';
const defaults: Record<string, string> = { cloud: 'AzureCloud', armEndpoint: '', authorityHost: '', tenant: '', foundrySuffix: '' };
/** What inspect() gives when the user set `user` and the workspace (or a folder) set `workspace`. */
const inspector = (user: Record<string, string>, workspace: Record<string, string>, where: 'workspaceValue' | 'workspaceFolderValue' = 'workspaceValue') =>
  (key: string): Inspected<string> => ({ defaultValue: defaults[key], globalValue: user[key], [where]: workspace[key] });

test('a workspace that sets a Custom cloud with its own endpoints, tenant and suffix changes nothing: the user\'s cloud is used', () => {
  const hostile = { cloud: 'Custom', armEndpoint: attacker, authorityHost: attacker, tenant: 'evil-tenant', foundrySuffix: '127.0.0.2:8443' };
  for (const where of ['workspaceValue', 'workspaceFolderValue'] as const) {
    assert.deepEqual(cloudSettingsFrom(inspector({}, hostile, where)), { cloud: 'AzureCloud', tenant: null });
  }
});

test('with the user\'s Custom cloud, the workspace\'s endpoints are still ignored: the user\'s are sent', () => {
  const user = { cloud: 'Custom', armEndpoint: 'https://arm.contoso.local/', authorityHost: 'https://login.contoso.local/', foundrySuffix: 'foundry.contoso.local' };
  const settings = cloudSettingsFrom(inspector(user, { armEndpoint: attacker, authorityHost: attacker, foundrySuffix: '127.0.0.2', tenant: 'evil' }));
  assert.deepEqual(settings, { tenant: null, armEndpoint: user.armEndpoint, authorityHost: user.authorityHost, foundrySuffix: user.foundrySuffix });
});

test('the user\'s own values are taken (trimmed); the Foundry suffix only goes with a custom cloud', () => {
  assert.deepEqual(cloudSettingsFrom(inspector({ cloud: 'AzureUSGovernment', tenant: ' t1 ', foundrySuffix: 'x.local' }, {})), { cloud: 'AzureUSGovernment', tenant: 't1' });
});

test('userValue: global, else the default; never the workspace or folder value', () => {
  assert.equal(userValue({ defaultValue: 'd', workspaceValue: 'w', workspaceFolderValue: 'f' }, 'x'), 'd');
  assert.equal(userValue({ defaultValue: 'd', globalValue: 'g', workspaceValue: 'w' }, 'x'), 'g');
  assert.equal(userValue(undefined, 'x'), 'x');
});

test('the ignored settings are named (to warn once); none when the workspace sets none', () => {
  assert.deepEqual(ignoredWorkspaceSettings(inspector({}, { armEndpoint: attacker, tenant: 't' })), ['armEndpoint', 'tenant']);
  assert.deepEqual(ignoredWorkspaceSettings(inspector({ cloud: 'Custom', armEndpoint: attacker }, {})), []);
});

const writeTo = (user: WriteTarget[] | undefined, workspace?: WriteTarget[]): Inspected<WriteTarget[]> => ({ defaultValue: ['terminals'], globalValue: user, workspaceValue: workspace });

test('file targets that only the workspace adds need consent; targets the user chose do not', () => {
  const effective: WriteTarget[] = ['terminals', 'dotenv', 'userSettings'];
  assert.deepEqual(targetsNeedingConsent(writeTo(undefined, effective), { defaultValue: '.env' }, effective), ['dotenv', 'userSettings']);
  assert.deepEqual(targetsNeedingConsent(writeTo(['dotenv'], effective), { defaultValue: '.env' }, effective), ['userSettings']);
  assert.deepEqual(targetsNeedingConsent(writeTo(effective), { defaultValue: '.env' }, effective), []);
  // terminals write no file
  assert.deepEqual(targetsNeedingConsent(writeTo(undefined, ['terminals']), { defaultValue: '.env' }, ['terminals']), []);
});

test('a dotenvPath from the workspace needs consent even when the user chose the .env target', () => {
  const path = { defaultValue: '.env', workspaceFolderValue: '/home/u/.bashrc' };
  assert.deepEqual(targetsNeedingConsent(writeTo(['dotenv']), path, ['dotenv']), ['dotenv']);
  assert.deepEqual(targetsNeedingConsent(writeTo(['terminals']), path, ['terminals']), []);
});

test('consent is asked once per request: the same paths reuse the answer, other paths ask again', () => {
  const request = { targets: ['dotenv'] as WriteTarget[], paths: ['/w/.env'] };
  assert.equal(consentDecision(undefined, request), 'ask');
  assert.equal(consentDecision({ request: consentSignature(request), allowed: true }, request), 'allowed');
  assert.equal(consentDecision({ request: consentSignature(request), allowed: false }, request), 'denied');
  assert.equal(consentDecision({ request: consentSignature(request), allowed: true }, { ...request, paths: ['/home/u/.bashrc'] }), 'ask');
  assert.equal(consentDecision(undefined, { targets: [], paths: [] }), 'allowed');
});

test('"no" skips exactly the targets the workspace asked for', () => {
  assert.deepEqual(consentedTargets(['terminals', 'dotenv', 'userSettings'], ['dotenv'], false), ['terminals', 'userSettings']);
  assert.deepEqual(consentedTargets(['terminals', 'dotenv'], ['dotenv'], true), ['terminals', 'dotenv']);
});

const id = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-AI/providers/Microsoft.CognitiveServices/accounts/Contoso-Foundry';

test('the API key is stored under the ARM id, lower-cased; two resources of one name have two entries', () => {
  assert.equal(apiKeySecretName(id), `foundryIde.apiKey/${id.toLowerCase()}`);
  const other = id.replace('00000001', '00000002');
  assert.notEqual(apiKeySecretName(id), apiKeySecretName(other));
  assert.notEqual(apiKeySecretName(id), legacyApiKeySecretName('Contoso-Foundry'));
  assert.equal(legacyApiKeySecretName('Contoso-Foundry'), 'foundryIde.apiKey/contoso-foundry');
});

class Secrets {
  readonly entries = new Map<string, string>();
  async get(key: string) { return this.entries.get(key); }
  async store(key: string, value: string) { this.entries.set(key, value); }
  async delete(key: string) { this.entries.delete(key); }
}

test('a key stored by name moves once to the ARM id\'s entry; the name entry is deleted', async () => {
  const secrets = new Secrets();
  secrets.entries.set(legacyApiKeySecretName('Contoso-Foundry'), 'old-key');
  assert.equal(await readApiKey(secrets, { resource: 'contoso-foundry', id }), 'old-key');
  assert.deepEqual([...secrets.entries], [[apiKeySecretName(id), 'old-key']]);
  assert.equal(await readApiKey(secrets, { resource: 'contoso-foundry', id }), 'old-key');
});

test('no key without an ARM id, and none for another resource of the same name', async () => {
  const secrets = new Secrets();
  secrets.entries.set(apiKeySecretName(id), 'k1');
  assert.equal(await readApiKey(secrets, { resource: 'Contoso-Foundry' }), undefined);
  assert.equal(await readApiKey(secrets, { resource: 'Contoso-Foundry', id: id.replace('00000001', '00000002') }), undefined);
  assert.equal(await readApiKey(secrets, { resource: 'contoso-foundry', id: id.toUpperCase() }), 'k1');
});

test('an ARM id is composed only from known single segments, and accepted only as a path naming the account', () => {
  assert.equal(foundryAccountId('00000000-0000-0000-0000-000000000001', 'rg-AI', 'Contoso-Foundry'), id);
  assert.equal(foundryAccountId(undefined, 'rg', 'a'), undefined);
  assert.equal(foundryAccountId('s', 'rg/../x', 'a'), undefined);
  assert.ok(isAccountId(id, 'contoso-foundry'));
  assert.ok(!isAccountId(`https://evil.example${id}`, 'Contoso-Foundry'));
  assert.ok(!isAccountId(`${id}/deployments/x`, 'Contoso-Foundry'));
  assert.ok(!isAccountId(id, 'other')); // last: a type guard's false branch narrows id to never
  assert.ok(!isAccountId(undefined, 'x'));
});

test('the status tooltip says Restricted Mode gives terminals no variable', () => {
  const view = statusView({ sidecar: 'stopped', restricted: true });
  assert.match(view.tooltip, /Restricted Mode.*no Foundry variable/);
  assert.doesNotMatch(statusView({ sidecar: 'stopped' }).tooltip, /Restricted Mode/);
});
