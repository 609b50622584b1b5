// Bench part 5: the extension's activation time in real VS Code (code-server), as VS Code itself reports it in
// "Developer: Show Running Extensions" (code loading + the activate() call). Each run: a fresh code-server profile
// with the .vsix installed, nothing configured (what a new user has). Run inside scripts/sandbox.sh.
//   node bench/extension.mjs [RUNS]     prints a markdown section; with --write, appends it to bench/results.md
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCodeServer, openWorkbench, runCommand, tempDir, rmDir, repo } from '../tests/vscode/lib/harness.mjs';

const runs = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? process.env.BENCH_EXTENSION_RUNS ?? 5);
const write = process.argv.includes('--write');

/** One code-server session: VS Code's activation figures for foundryide.foundry-ide. */
async function once(i) {
  const dir = tempDir(`bench-ext-${i}`);
  let server, browser;
  try {
    server = await startCodeServer(dir);
    browser = await openWorkbench(dir, server.url);
    const { page } = browser;
    await page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: 'Foundry: select a resource' }).waitFor({ timeout: 60_000 });
    await runCommand(page, 'Developer: Show Running Extensions', { filter: 'Show Running Extensions' });
    const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'FoundryIde' }).first();
    await row.waitFor({ timeout: 30_000 });
    const text = await row.innerText();
    const m = /(\d+)\s*ms/.exec(text);
    if (!m) throw new Error(`no activation time in: ${text}`);
    return { ms: Number(m[1]), text: text.replace(/\s+/g, ' ').trim() };
  } finally {
    await browser?.close();
    await server?.stop();
    rmDir(dir);
  }
}

const results = [];
for (let i = 0; i < runs; i++) {
  const r = await once(i);
  results.push(r);
  console.error(`[bench] extension activation run ${i + 1}/${runs}: ${r.ms} ms (${r.text})`);
}
const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
const lines = [
  '',
  '## 5. Extension: activation time in code-server',
  '',
  `${runs} runs, each a fresh code-server 4.100.3 profile (VS Code 1.100.3) with dist/foundry-ide-0.1.0.vsix installed and nothing configured; the figure is VS Code's own, from "Developer: Show Running Extensions" (loading the bundle + the \`activate\` call; activation event \`onStartupFinished\`).`,
  '',
  '| median (ms) | all runs (ms) |',
  '| --- | --- |',
  `| ${median} | ${sorted.join(', ')} |`,
  '',
  `- ${median < 50 ? 'PASS' : 'MISS'}: extension activation < 50 ms: ${median} ms`,
  `- info: VS Code's row for the last run: "${results.at(-1).text}"`,
  '',
];
const section = lines.join('\n');
console.log(section);
if (write) fs.appendFileSync(path.join(repo, 'bench', 'results.md'), section);
