// Packages the extension as a .vsix with vsce.
//   node scripts/package.mjs                         ../dist/foundry-ide-<version>.vsix with the sidecar from ../dist/server
//                                                    (npm run build: the NativeAOT foundry-ide for this platform)
//   node scripts/package.mjs --target T --sidecar D  ../dist/foundry-ide-T-<version>.vsix for VS Code target T
//                                                    (vsce package --target) holding the sidecar built in D
//   node scripts/package.mjs --target universal      ../dist/foundry-ide-universal-<version>.vsix, no sidecar: the
//                                                    extension then says which package to install (serverPath.ts)
// --no-build skips esbuild (scripts/package-all.sh bundles once for every target).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('..', import.meta.url));
const repo = join(here, '..');
const { version, repository } = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
const arg = (name) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const target = arg('--target');
const sidecar = target === 'universal' ? undefined : (arg('--sidecar') ?? (target ? undefined : join(repo, 'dist', 'server')));
const staged = join(here, 'server');

if (!process.argv.includes('--no-build')) {
  execFileSync(process.execPath, [join(here, 'scripts/build.mjs'), '--production'], { stdio: 'inherit' });
}
rmSync(staged, { recursive: true, force: true });
const names = ['foundry-ide', 'foundry-ide.exe', 'foundry-ide.dll'];
if (sidecar && existsSync(sidecar) && readdirSync(sidecar).some((f) => names.includes(f))) {
  // Debug symbols stay out: they triple the size and the .vsix is for users.
  cpSync(sidecar, staged, { recursive: true, filter: (src) => !src.endsWith('.pdb') && !src.endsWith('.dbg') && !src.endsWith('.built-from') });
  const mode = arg('--mode');
  if (target && mode) writeFileSync(join(staged, 'build.json'), JSON.stringify({ target, sidecar: mode, version }) + '\n');
  console.log(`sidecar from ${sidecar}: ${readdirSync(staged).length} files`);
} else if (target && target !== 'universal') {
  throw new Error(`no sidecar in ${sidecar}: a package for ${target} must hold one`);
} else if (target !== 'universal') {
  console.warn(`no sidecar in ${sidecar} (npm run build makes it): the .vsix will need FOUNDRYIDE_SERVER_PATH`);
}
mkdirSync(join(repo, 'dist'), { recursive: true });
const out = join(repo, 'dist', target ? `foundry-ide-${target}-${version}.vsix` : `foundry-ide-${version}.vsix`);
const platform = target && target !== 'universal' ? ['--target', target] : [];
// vsce makes the README's relative links absolute from the repository's root; the extension is in a folder of it.
const github = /^https:\/\/github\.com\/([^/]+\/[^/]+?)(?:\.git)?$/.exec(repository.url);
if (!github) throw new Error(`package.json: repository.url ${repository.url} is not a GitHub repository`);
const folder = relative(repo, here).split(/[\\/]/).join('/');
const baseUrls = [
  '--baseContentUrl', `https://github.com/${github[1]}/blob/HEAD/${folder}`,
  '--baseImagesUrl', `https://github.com/${github[1]}/raw/HEAD/${folder}`,
];
try {
  execFileSync(
    process.execPath,
    [join(here, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', ...platform, ...baseUrls, '--out', out],
    { cwd: here, stdio: 'inherit' },
  );
} finally {
  rmSync(staged, { recursive: true, force: true });
}
console.log(out);
