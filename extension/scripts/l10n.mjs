// Extracts every `vscode.l10n.t('…')` / `t('…')` message of src/ into l10n/bundle.l10n.json (the English source
// bundle); l10n/bundle.l10n.zh-cn.json holds the translations (test/l10n.test.ts checks that none is missing).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function extractMessages(root) {
  const messages = new Set();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) {
        const text = readFileSync(full, 'utf8');
        for (const m of text.matchAll(/\b(?:l10n\.)?t\(\s*'((?:[^'\\]|\\.)*)'/g)) {
          messages.add(m[1].replace(/\\'/g, "'").replace(/\\\\/g, '\\'));
        }
      }
    }
  };
  walk(root);
  return [...messages].sort();
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const here = new URL('..', import.meta.url).pathname;
  const bundle = Object.fromEntries(extractMessages(join(here, 'src')).map((m) => [m, m]));
  writeFileSync(join(here, 'l10n', 'bundle.l10n.json'), JSON.stringify(bundle, null, 2) + '\n');
  console.log(`${Object.keys(bundle).length} messages`);
}
