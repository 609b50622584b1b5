// Packages ../dist/foundry-ide-<version>.vsix: the bundled extension, plus the sidecar from ../dist/server when it
// is there (the NativeAOT foundry-ide for this platform, or the framework-dependent foundry-ide.dll + its files).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const here = new URL('..', import.meta.url).pathname;
const repo = join(here, '..');
const { version } = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
const sidecar = join(repo, 'dist', 'server');
const staged = join(here, 'server');

execFileSync(process.execPath, [join(here, 'scripts/build.mjs'), '--production'], { stdio: 'inherit' });
rmSync(staged, { recursive: true, force: true });
if (existsSync(sidecar) && readdirSync(sidecar).some((f) => f === 'foundry-ide' || f === 'foundry-ide.exe' || f === 'foundry-ide.dll')) {
  // Debug symbols stay out: they triple the size and the .vsix is for users.
  cpSync(sidecar, staged, { recursive: true, filter: (src) => !src.endsWith('.pdb') && !src.endsWith('.dbg') });
  console.log(`sidecar from ${sidecar}: ${readdirSync(staged).length} files`);
} else {
  console.warn(`no sidecar in ${sidecar} (npm run build makes it): the .vsix will need FOUNDRYIDE_SERVER_PATH`);
}
mkdirSync(join(repo, 'dist'), { recursive: true });
const out = join(repo, 'dist', `foundry-ide-${version}.vsix`);
execFileSync(
  process.execPath,
  [join(here, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out],
  { cwd: here, stdio: 'inherit' },
);
console.log(out);
