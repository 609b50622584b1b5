// scripts/package-all.sh and scripts/build.sh, run with a `dotnet` on PATH that only records where each publish ran and
// with what (and makes an empty binary), in a copy of the files they read. package-all.sh never restores against the
// committed server/packages.lock.json with anything but the RIDs it holds: a publish for another RID (the release
// workflow's NativeAOT builds on macOS and Windows, every single file) restores unlocked, which rewrites the lock file
// of the folder it runs in. The two scripts share their linux-x64 NativeAOT build through the sidecar cache.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const targets = { 'linux-x64': 'linux-x64', 'linux-arm64': 'linux-arm64', 'alpine-x64': 'linux-musl-x64', 'darwin-x64': 'osx-x64', 'darwin-arm64': 'osx-arm64', 'win32-x64': 'win-x64', 'win32-arm64': 'win-arm64' };
const lockedRids = Object.keys(JSON.parse(readFileSync(join(repo, 'server/packages.lock.json'), 'utf8')).dependencies)
  .filter((k) => k.includes('/')).map((k) => k.split('/')[1]);

/** A copy of the files the build scripts read, with a `dotnet` on PATH that logs each publish and makes its binary. */
function makeTree() {
  const tree = mkdtempSync(join(tmpdir(), 'foundryide-package-all-'));
  for (const file of ['scripts/package-all.sh', 'scripts/build.sh', 'scripts/sidecar-cache.sh', 'extension/package.json', 'server/FoundryIde.Server.csproj',
    'server/packages.lock.json', 'Directory.Build.props', 'Directory.Packages.props', 'global.json']) {
    mkdirSync(dirname(join(tree, file)), { recursive: true });
    copyFileSync(join(repo, file), join(tree, file));
  }
  mkdirSync(join(tree, 'fake-bin'));
  writeFileSync(join(tree, 'fake-bin', 'dotnet'), [
    '#!/bin/sh',
    '[ "$1" = --version ] && { echo 10.0.100; exit 0; }',
    'printf \'%s\\t%s\\n\' "$PWD" "$*" >>"$FAKE_DOTNET_LOG"',
    'while [ $# -gt 0 ]; do [ "$1" = -o ] && mkdir -p "$2" && : >"$2/foundry-ide" && chmod +x "$2/foundry-ide"; shift; done',
  ].join('\n') + '\n', { mode: 0o755 });
  writeFileSync(join(tree, 'dotnet.log'), '');
  return tree;
}

/** Runs SCRIPT of TREE with ENV; the `dotnet publish` runs it made: { cwd, rid, args }, cwd relative to the tree. */
function publishes(tree, script, env) {
  const log = join(tree, 'dotnet.log');
  const before = readFileSync(log, 'utf8').length;
  const result = spawnSync('bash', [join(tree, script)], {
    encoding: 'utf8',
    env: { ...process.env, ...env, PATH: `${join(tree, 'fake-bin')}:${process.env.PATH}`, FAKE_DOTNET_LOG: log, FOUNDRYIDE_SIDECAR_CACHE: join(tree, 'cache') },
  });
  assert.equal(result.status, 0, result.stdout + result.stderr);
  return readFileSync(log, 'utf8').slice(before).split('\n').filter(Boolean).map((line) => {
    const [cwd, args] = line.split('\t');
    return { cwd: cwd === tree ? '.' : cwd.slice(tree.length + 1), rid: /(?:^| )-r (\S+)/.exec(args)[1], args };
  });
}

for (const [name, env] of [['NativeAOT for every target (the release workflow)', { FOUNDRYIDE_NATIVE_AOT: '1' }], ['this machine\'s modes', {}]]) {
  test(`package-all.sh, ${name}: only the lock file's RIDs publish in the tree, locked; every other RID in a copy`, () => {
    const tree = makeTree();
    after(() => rmSync(tree, { recursive: true, force: true }));
    const runs = publishes(tree, 'scripts/package-all.sh', { ...env, FOUNDRYIDE_SIDECARS_ONLY: '1', FOUNDRYIDE_TARGETS: Object.keys(targets).join(' ') });
    if (env.FOUNDRYIDE_NATIVE_AOT) assert.deepEqual(runs.map((r) => r.rid).sort(), Object.values(targets).sort());
    for (const run of runs) {
      const target = Object.keys(targets).find((t) => targets[t] === run.rid);
      if (run.cwd === '.') {
        assert.ok(lockedRids.includes(run.rid), `${run.rid} is not in server/packages.lock.json (${lockedRids}) but published in the tree: ${run.args}`);
        assert.doesNotMatch(run.args, /RestoreLockedMode=false|RuntimeIdentifiers=/, run.args);
      } else {
        assert.equal(run.cwd, `dist/obj/src-${target}`, run.args);
      }
    }
    assert.ok(runs.some((r) => r.cwd === '.'), 'the lock file\'s own RIDs are built in the tree');
  });
}

// scripts/build.sh (npm run build, npm test) and package-all.sh make the same linux-x64 NativeAOT publish: one key in the
// cache, so whichever runs second takes the first one's binary.
for (const [first, second] of [['scripts/build.sh', 'scripts/package-all.sh'], ['scripts/package-all.sh', 'scripts/build.sh']]) {
  test(`the linux-x64 NativeAOT sidecar ${first} built is reused by ${second}, not built again`, () => {
    const tree = makeTree();
    after(() => rmSync(tree, { recursive: true, force: true }));
    const env = { FOUNDRYIDE_SIDECARS_ONLY: '1', FOUNDRYIDE_NATIVE_AOT: '1', FOUNDRYIDE_TARGETS: 'linux-x64' };
    assert.equal(publishes(tree, first, env).length, 1);
    assert.deepEqual(publishes(tree, second, env), [], `${second} published linux-x64 again`);
  });
}
