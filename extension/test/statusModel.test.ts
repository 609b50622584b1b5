import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Selection, statusView } from '../src/statusModel';

const selection: Selection = {
  resource: 'contoso-ai-west',
  subscriptionId: '00000000-0000-0000-0000-000000000001',
  location: 'westus',
  auth: 'entra',
  deployments: { opus: 'opus-4-1', sonnet: 'sonnet-4-5' },
};

test('no selection: a prompt to pick one; click opens the switcher', () => {
  const v = statusView({ sidecar: 'stopped' });
  assert.equal(v.text, '$(azure) Foundry: select a resource');
  assert.equal(v.command, 'foundryIde.selectResource');
  assert.equal(v.severity, 'normal');
});

test('resource and Sonnet deployment in the text; subscription, region, auth, identity, deployments in the tooltip', () => {
  const v = statusView({ sidecar: 'ready', selection, health: { selected: 'AzureCliCredential', identity: 'alice@contoso.com', access: 'ok' } });
  assert.equal(v.text, '$(azure) Foundry: contoso-ai-west (sonnet-4-5)');
  assert.equal(v.severity, 'normal');
  assert.equal(v.command, 'foundryIde.selectResource');
  for (const part of ['00000000-0000-0000-0000-000000000001', 'westus', 'Entra ID', 'alice@contoso.com', 'AzureCliCredential', 'opus opus-4-1, sonnet sonnet-4-5']) {
    assert.ok(v.tooltip.includes(part), `${part} in ${v.tooltip}`);
  }
});

test('no credential: warning, click diagnoses', () => {
  const v = statusView({ sidecar: 'ready', selection, health: { selected: null } });
  assert.equal(v.severity, 'warning');
  assert.equal(v.command, 'foundryIde.diagnose');
  assert.ok(v.text.startsWith('$(warning) '));
});

test('missing role: warning; unknown access is not a warning', () => {
  assert.equal(statusView({ sidecar: 'ready', selection, health: { selected: 'AzureCliCredential', access: 'missing' } }).severity, 'warning');
  assert.equal(statusView({ sidecar: 'ready', selection, health: { selected: 'AzureCliCredential', access: 'unknown' } }).severity, 'normal');
});

test('key auth without a stored key: warning', () => {
  const v = statusView({ sidecar: 'ready', selection: { ...selection, auth: 'key' }, health: { selected: 'ApiKey', keyMissing: true } });
  assert.equal(v.severity, 'warning');
  assert.match(v.tooltip, /API key \(SecretStorage\)/);
});

test('sidecar gave up: error, click restarts it', () => {
  const v = statusView({ sidecar: 'failed', selection });
  assert.equal(v.severity, 'error');
  assert.equal(v.command, 'foundryIde.restartSidecar');
  assert.ok(v.text.startsWith('$(error) '));
});

test('busy: a spinner and the operation in the tooltip', () => {
  const v = statusView({ sidecar: 'ready', selection, busy: 'Listing Foundry resources…' });
  assert.ok(v.text.startsWith('$(sync~spin) '));
  assert.match(v.tooltip, /Listing Foundry resources…/);
});

test('texts go through the translation function', () => {
  const v = statusView({ sidecar: 'stopped' }, (m, ...a) => `«${m}»${a.join(',')}`);
  assert.equal(v.text, '$(azure) «Foundry: select a resource»');
});
