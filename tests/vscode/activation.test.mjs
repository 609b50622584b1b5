// The .vsix in real VS Code: installed, activated, its commands in the palette, its log channel opens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCodeServer, openWorkbench, runCommand, screenshot, tempDir, teardown } from './lib/harness.mjs';

let dir, server, browser;
const t = {};

before(async () => {
  dir = tempDir('activation');
  let s = Date.now();
  server = await startCodeServer(dir);
  t.codeServer = Date.now() - s;
  s = Date.now();
  browser = await openWorkbench(dir, server.url);
  t.workbench = Date.now() - s;
});

after(() => teardown({ browser, server, dir, timings: { ...t, install: server?.installMs } }));

test('activates on startup: its status item appears and the Foundry commands are in the palette', { timeout: 60_000 }, async () => {
  const { page } = browser;
  const s = Date.now();
  // The status item is created by activate() (onStartupFinished), unlike the palette entries, which are static.
  const status = page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: 'Foundry: select a resource' });
  await status.waitFor({ timeout: 30_000 });
  t.activated = Date.now() - s;

  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill('>Foundry');
  const rows = page.locator('.quick-input-list .monaco-list-row');
  await rows.filter({ hasText: 'Foundry: Show Logs' }).first().waitFor();
  const labels = (await rows.allInnerTexts()).join('\n');
  for (const c of ['Foundry: Diagnose Credentials', 'Foundry: Select Resource', 'Foundry: Show Logs']) {
    assert.ok(labels.includes(c), `palette lacks ${c}:\n${labels}`);
  }
  await screenshot(page, 'palette');
  await page.keyboard.press('Escape');
});

test('"Foundry: Show Logs" opens the FoundryIde output channel', { timeout: 60_000 }, async () => {
  const { page } = browser;
  const s = Date.now();
  await runCommand(page, 'Foundry: Show Logs');
  // The Output view shows, with FoundryIde selected in its channel picker.
  await page.locator('.part.panel .output-view, .part.panel [id="workbench.panel.output"]').first().waitFor({ timeout: 15_000 });
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.part.panel select.monaco-select-box, .part.panel .monaco-select-box')].some((e) =>
      (e instanceof HTMLSelectElement ? e.options[e.selectedIndex]?.text : e.textContent)?.includes('FoundryIde')),
  undefined, { timeout: 15_000 });
  t.showLogs = Date.now() - s;
  await screenshot(page, 'show-logs');
});
