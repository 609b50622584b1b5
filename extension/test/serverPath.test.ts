import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { resolveServerCommand, ServerNotFoundError } from '../src/sidecar/serverPath';

const ext = '/ext';
const inputs = (files: string[], env: Record<string, string> = {}, platform: NodeJS.Platform = 'linux') => ({
  extensionPath: ext,
  env,
  platform,
  exists: (f: string) => files.includes(f),
});

test('the env var wins over the packaged sidecar', () => {
  const r = resolveServerCommand(inputs(['/dev/foundry-ide', path.join(ext, 'server/foundry-ide')], { FOUNDRYIDE_SERVER_PATH: '/dev/foundry-ide' }));
  assert.deepEqual(r, { command: '/dev/foundry-ide', args: ['serve'], source: 'env' });
});

test('a .dll from the env var runs with dotnet', () => {
  const r = resolveServerCommand(inputs(['/b/foundry-ide.dll'], { FOUNDRYIDE_SERVER_PATH: '/b/foundry-ide.dll' }));
  assert.deepEqual(r, { command: 'dotnet', args: ['/b/foundry-ide.dll', 'serve'], source: 'env' });
});

test('an env var that points nowhere is an error, not a silent fallback', () => {
  assert.throws(
    () => resolveServerCommand(inputs([path.join(ext, 'server/foundry-ide')], { FOUNDRYIDE_SERVER_PATH: '/nope' })),
    (e: unknown) => e instanceof ServerNotFoundError && /FOUNDRYIDE_SERVER_PATH=\/nope/.test(e.message),
  );
});

test('the packaged native binary comes before the framework-dependent build', () => {
  const r = resolveServerCommand(inputs([path.join(ext, 'server/foundry-ide'), path.join(ext, 'server/foundry-ide.dll')]));
  assert.equal(r.source, 'native');
  assert.equal(r.command, path.join(ext, 'server/foundry-ide'));
});

test('on Windows the native binary is foundry-ide.exe', () => {
  const r = resolveServerCommand(inputs([path.join(ext, 'server/foundry-ide.exe')], {}, 'win32'));
  assert.equal(r.source, 'native');
});

test('without a native binary the dll runs with dotnet', () => {
  const r = resolveServerCommand(inputs([path.join(ext, 'server/foundry-ide.dll')]));
  assert.deepEqual(r, { command: 'dotnet', args: [path.join(ext, 'server/foundry-ide.dll'), 'serve'], source: 'dotnet' });
});

test('nothing packaged: a clear error naming every place looked at', () => {
  assert.throws(() => resolveServerCommand(inputs([])), (e: unknown) => {
    assert.ok(e instanceof ServerNotFoundError);
    assert.deepEqual(e.looked, [path.join(ext, 'server/foundry-ide'), path.join(ext, 'server/foundry-ide.dll')]);
    assert.match(e.message, /FOUNDRYIDE_SERVER_PATH/);
    // The universal package (no sidecar) says which platform package to install.
    assert.match(e.message, /universal package has no sidecar: install the package for your platform \(linux-x64, linux-arm64, alpine-x64, darwin-x64, darwin-arm64, win32-x64, win32-arm64/);
    return true;
  });
});
