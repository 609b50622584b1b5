// The Marketplace page as a user sees it: the README and CHANGELOG inside each package in dist/, whose relative links
// vsce made absolute (extension/scripts/package.mjs gives it the extension's folder in the repository). Every image
// must be a file of the package, at the repository path its URL names; every link into the repository must exist.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openVsix } from './vsix.mjs';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(repo, 'extension/package.json'), 'utf8'));
const github = manifest.repository.url.replace(/\.git$/, '');
const packages = existsSync(join(repo, 'dist'))
  ? readdirSync(join(repo, 'dist')).filter((f) => f.startsWith('foundry-ide-') && f.endsWith(`-${manifest.version}.vsix`))
  : [];

/** Each link of a Markdown text: { image, url }. */
function links(markdown) {
  const found = [...markdown.matchAll(/(!?)\[(?:[^\][]*|!\[[^\][]*\]\([^)]+\))\]\(([^)\s]+)[^)]*\)/g)].map((m) => ({ image: m[1] === '!', url: m[2] }));
  for (const m of markdown.matchAll(/<(?:img|video)[^>]+src=["']([^"']+)["']/g)) found.push({ image: true, url: m[1] });
  return found;
}

test('Marketplace README and CHANGELOG: every image is in the package at the path its URL names, every repository link exists', { skip: packages.length === 0 && 'no package in dist/ (npm run package:all)' }, () => {
  for (const file of packages) {
    const pkg = openVsix(join(repo, 'dist', file));
    for (const page of pkg.names.filter((n) => /^extension\/(readme|changelog)\.md$/i.test(n))) {
      const text = pkg.read(page).toString('utf8');
      const found = links(text);
      if (/readme/i.test(page)) assert.ok(found.filter((l) => l.image).length >= 1, `${file}: ${page} shows its screenshots`);
      for (const { image, url } of found) {
        assert.doesNotMatch(url, /^(?!\w+:|#)/, `${file}: ${page}: ${url} is still relative`);
        const kind = image ? 'raw' : 'blob';
        if (!image && !url.startsWith(`${github}/`)) continue; // a page elsewhere
        assert.ok(url.startsWith(`${github}/${kind}/HEAD/extension/`), `${file}: ${page}: ${url} is not under ${github}/${kind}/HEAD/extension/`);
        const path = url.slice(`${github}/${kind}/HEAD/`.length).split(/[?#]/)[0];
        assert.ok(existsSync(join(repo, path)), `${file}: ${page}: ${url}: no ${path} in the repository`);
        if (image) assert.ok(pkg.names.includes(path), `${file}: ${page}: ${url}: ${path} is not in the package`);
      }
    }
  }
});

test('Marketplace README: for users, without the developers\' sections', () => {
  const readme = readFileSync(join(repo, 'extension/README.md'), 'utf8');
  for (const heading of readme.matchAll(/^#+ (.*)$/gm)) {
    assert.doesNotMatch(heading[1], /develop|how the screenshots|contribut|building|tests?\b/i, `"${heading[1]}" is for developers (extension/DEVELOPMENT.md)`);
  }
  assert.doesNotMatch(readme, /tests\/vscode|FOUNDRYIDE_VSCODE_ARTIFACTS|npm ci/, 'developer instructions belong in extension/DEVELOPMENT.md');
});
