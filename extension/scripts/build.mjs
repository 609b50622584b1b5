// esbuild: src/extension.ts → dist/extension.js (CommonJS, Node 20, `vscode` external). With --tests, also every
// test/*.test.ts → out/test/*.test.js for `node --test`. Type-checks first (tsc --noEmit), so a type error fails.
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = fileURLToPath(new URL('..', import.meta.url));
const tests = process.argv.includes('--tests');
const production = process.argv.includes('--production');

execFileSync(process.execPath, [join(here, 'node_modules/typescript/bin/tsc'), '-p', here, '--noEmit'], { stdio: 'inherit' });
execFileSync(process.execPath, [join(here, 'scripts/l10n.mjs')], { stdio: 'inherit' });

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: !production, logLevel: 'warning' };
await esbuild.build({
  ...common,
  entryPoints: [join(here, 'src/extension.ts')],
  outfile: join(here, 'dist/extension.js'),
  external: ['vscode'],
  minify: production,
});
if (tests) {
  rmSync(join(here, 'out'), { recursive: true, force: true });
  const entryPoints = readdirSync(join(here, 'test')).filter((f) => f.endsWith('.test.ts')).map((f) => join(here, 'test', f));
  // Unit tests cover the modules that do not import `vscode`; one that does fails the bundle here, not at runtime.
  await esbuild.build({ ...common, entryPoints, outdir: join(here, 'out/test'), external: [] });
}
