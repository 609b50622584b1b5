import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planTerminalEnv, storableVariables } from '../src/terminalEnv';

const entra = [
  { name: 'CLAUDE_CODE_USE_FOUNDRY', value: '1', secret: false },
  { name: 'ANTHROPIC_FOUNDRY_RESOURCE', value: 'contoso-west-7f3a', secret: false },
  { name: 'ANTHROPIC_DEFAULT_SONNET_MODEL', value: 'sonnet', secret: false },
];
const key = [...entra, { name: 'ANTHROPIC_FOUNDRY_API_KEY', value: '***', secret: true }];

test('clear first, then one replace per variable', () => {
  const plan = planTerminalEnv(entra, undefined);
  assert.deepEqual(plan.operations, [
    { op: 'clear' },
    { op: 'replace', name: 'CLAUDE_CODE_USE_FOUNDRY', value: '1' },
    { op: 'replace', name: 'ANTHROPIC_FOUNDRY_RESOURCE', value: 'contoso-west-7f3a' },
    { op: 'replace', name: 'ANTHROPIC_DEFAULT_SONNET_MODEL', value: 'sonnet' },
  ]);
  assert.deepEqual(plan.missing, []);
});

test('the key comes from SecretStorage, never the masked value', () => {
  const plan = planTerminalEnv(key, 'k-123');
  assert.deepEqual(plan.operations.at(-1), { op: 'replace', name: 'ANTHROPIC_FOUNDRY_API_KEY', value: 'k-123' });
  assert.deepEqual(plan.secrets, ['ANTHROPIC_FOUNDRY_API_KEY']);
  assert.ok(!plan.operations.some((o) => o.op === 'replace' && o.value === '***'));
});

test('key auth without a stored key: the key is reported missing, not set to "***"', () => {
  const plan = planTerminalEnv(key, undefined);
  assert.deepEqual(plan.missing, ['ANTHROPIC_FOUNDRY_API_KEY']);
  assert.equal(plan.operations.length, 4);
});

test('what is remembered between sessions holds no secret value', () => {
  const stored = storableVariables(key.map((v) => (v.secret ? { ...v, value: 'k-123' } : v)));
  assert.equal(stored.find((v) => v.secret)?.value, '');
});
