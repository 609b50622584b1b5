import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(__dirname, '..', '..');
const json = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, string>;
const placeholders = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort().join();

test('every runtime message has a Simplified Chinese translation with the same placeholders', () => {
  const en = json('l10n/bundle.l10n.json');
  const zh = json('l10n/bundle.l10n.zh-cn.json');
  assert.ok(Object.keys(en).length > 50);
  for (const key of Object.keys(en)) {
    assert.ok(zh[key], `missing zh-cn: ${key}`);
    assert.equal(placeholders(zh[key]), placeholders(key), key);
  }
});

test('every %key% of the manifest is in package.nls.json and package.nls.zh-cn.json', () => {
  const manifest = readFileSync(join(root, 'package.json'), 'utf8');
  const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
  const en = json('package.nls.json');
  const zh = json('package.nls.zh-cn.json');
  assert.ok(keys.length > 20);
  for (const key of keys) {
    assert.ok(en[key], `package.nls.json: ${key}`);
    assert.ok(zh[key], `package.nls.zh-cn.json: ${key}`);
  }
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
});

test('eleven commands, all in the Foundry category', () => {
  const m = json('package.json') as unknown as { contributes: { commands: { command: string; category: string }[] }; activationEvents: string[] };
  assert.equal(m.contributes.commands.length, 11);
  assert.ok(m.contributes.commands.every((c) => c.category === 'Foundry'));
  assert.deepEqual(m.activationEvents, ['onStartupFinished']);
});
