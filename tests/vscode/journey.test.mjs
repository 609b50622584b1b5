// A new user's way through the extension in real VS Code, against the loopback emulator, ending in the REAL Claude
// Code: pick a resource and deployments from the palette, test the connection, run `claude -p` in a terminal the
// extension configured, switch resource from the status bar, edit the setting by hand, use an API key from
// SecretStorage, write the Claude Code extension's settings and a .env. No foundryIde.* setting is made in advance.
// Run inside scripts/sandbox.sh (loopback only).
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  teardown, endOfTest, readSettings, startEmulator, startCodeServer, openWorkbench, runCommand, screenshot, tempDir, ServicePrincipal, claudeBin,
  newTerminal, typeInTerminal, waitForTerminal, toast, clearToasts, clickRow, quickInput,
} from './lib/harness.mjs';
import { quickRow as row, statusItem } from './lib/workbench.mjs';

const FoundryKey = 'emukey1contosofoundry00000000000'; // DefaultSeed.FoundryKey1
let dir, emulator, server, browser;
const t = {};
const widget = quickInput;
const labelRow = (page, label) => widget(page).locator('.monaco-list-row')
  .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${label}\\s*$`) }) }).first();
const userSettings = () => readSettings(server.settingsFile);

before(async () => {
  dir = tempDir('journey');
  // Azure's public names, as a user has them: the sandbox's /etc/hosts sends them to this emulator on 443.
  emulator = await startEmulator(dir, { port: 443 });
  const home = path.join(dir, 'home');
  const workspace = path.join(dir, 'workspace');
  // Claude Code's own first-run screens (theme, folder trust) are not ours to test: mark them done.
  fs.mkdirSync(home, { recursive: true });
  // VS Code's remote server takes the terminal environment from a login shell, whose /etc/profile resets PATH: claude
  // goes on PATH the way a user's shell profile would put it there.
  fs.writeFileSync(path.join(home, '.bashrc'), `export PATH="${path.dirname(claudeBin)}:$PATH"\n`);
  fs.writeFileSync(path.join(home, '.claude.json'), JSON.stringify({
    hasCompletedOnboarding: true, theme: 'dark', projects: { [workspace]: { hasTrustDialogAccepted: true, hasCompletedProjectOnboarding: true } },
  }));
  // No foundryIde.* setting at all: the defaults (Azure public cloud) are what a new user starts with.
  server = await startCodeServer(dir, {
    // The real Claude Code extension cannot be installed here (no marketplace, no .vsix): this fixture only declares
    // its two settings that FoundryIde writes, as VS Code refuses to write undeclared ones.
    fixtures: ['claude-code-settings'],
    // Someone else's variable (kept) and a stale Foundry one (replaced) in the Claude Code extension's list.
    settings: { 'claudeCode.environmentVariables': [{ name: 'MY_PROXY', value: 'http://127.0.0.1:3128' }, { name: 'ANTHROPIC_FOUNDRY_BASE_URL', value: 'https://stale.example/anthropic' }] },
    env: {
      ...ServicePrincipal,
      SSL_CERT_FILE: emulator.bundlePem,
      NODE_EXTRA_CA_CERTS: emulator.caPem,
      PATH: `${path.dirname(claudeBin)}:${process.env.PATH}`,
      DISABLE_TELEMETRY: '1',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      DISABLE_AUTOUPDATER: '1',
      CLAUDE_CODE_MAX_RETRIES: '0', // a broken setup ends in Claude Code's own error, not in 10 retries
    },
  });
  browser = await openWorkbench(dir, server.url);
  await statusItem(browser.page, 'Foundry: select a resource').waitFor({ timeout: 30_000 });
});

after(() => teardown({ browser, server, emulator, dir, timings: t }));

afterEach(async (c) => browser && endOfTest(browser.page, `journey-end-${c.name}`));

/** Runs `claude -p` in a new terminal; returns the Messages requests the emulator saw for it. */
async function claudeInNewTerminal(page, shot) {
  const seen = (await emulator.messages()).length;
  await newTerminal(page);
  await typeInTerminal(page, 'claude -p "say ping" --output-format text; echo "claude exit $?"');
  const text = await waitForTerminal(page, /claude exit \d+/, { timeout: 90_000, shot: `${shot}-failed` });
  await screenshot(page, shot);
  assert.match(text, /^pong\s*$/m, text);
  assert.match(text, /claude exit 0/, text);
  return (await emulator.messages()).slice(seen);
}

test('Select Resource from the palette: the emulator\'s resources, then the status bar shows the pick', { timeout: 90_000 }, async () => {
  const { page } = browser;
  const s = Date.now();
  await runCommand(page, 'Foundry: Select Resource');
  await row(page, 'contoso-foundry').waitFor({ timeout: 45_000 });
  await screenshot(page, 'journey-1-resources');
  await clickRow(page, row(page, 'contoso-foundry'));
  await toast(page, 'Claude Code now uses contoso-foundry');
  await statusItem(page, 'Foundry: contoso-foundry (claude-sonnet-4-5)').waitFor({ timeout: 15_000 });
  t.selectResource = Date.now() - s;
  assert.equal((await userSettings())['foundryIde.resource'], 'contoso-foundry');
  await screenshot(page, 'journey-1-selected');
});

test('Choose Deployments: one pick per family, saved, and the status bar names the Sonnet one', { timeout: 60_000 }, async () => {
  const { page } = browser;
  await clearToasts(page);
  await runCommand(page, 'Foundry: Choose Deployments');
  // Every family the sidecar chooses for, fable first (this resource has none: Automatic keeps it unset).
  for (const [family, name] of [['fable', 'Automatic'], ['opus', 'claude-opus-4-1'], ['sonnet', 'claude-sonnet-4-5'], ['haiku', 'Automatic']]) {
    await widget(page).locator('.quick-input-title', { hasText: `${family} alias` }).waitFor({ timeout: 30_000 });
    if (family === 'opus') await screenshot(page, 'journey-2-deployments');
    // By its label: the Automatic row's description names the sidecar's current choice, which may be this name.
    await clickRow(page, labelRow(page, name));
  }
  await toast(page, 'Claude Code now uses contoso-foundry');
  const deployments = (await userSettings())['foundryIde.deployments'];
  assert.deepEqual(deployments, { opus: 'claude-opus-4-1', sonnet: 'claude-sonnet-4-5' });
  await statusItem(page, 'Foundry: contoso-foundry (claude-sonnet-4-5)').waitFor();
});

test('Test Connection: Claude answers on every chosen deployment', { timeout: 60_000 }, async () => {
  const { page } = browser;
  await clearToasts(page);
  await runCommand(page, 'Foundry: Test Connection');
  const result = await toast(page, 'Claude answered on contoso-foundry', 45_000);
  const text = await result.innerText();
  for (const family of ['opus', 'sonnet', 'haiku']) assert.match(text, new RegExp(family), text);
  await screenshot(page, 'journey-3-test-connection');
});

test('a new terminal runs the real claude -p on the picked resource with Entra ID', { timeout: 120_000 }, async () => {
  const s = Date.now();
  const requests = await claudeInNewTerminal(browser.page, 'journey-4-claude-p');
  t.claudeP = Date.now() - s;
  assert.ok(requests.length > 0, 'the emulator saw no Messages request');
  for (const r of requests) {
    assert.equal(r.account, 'contoso-foundry', JSON.stringify(r));
    assert.equal(r.authKind, 'bearer', JSON.stringify(r));
    assert.equal(r.statusCode, 200, JSON.stringify(r));
  }
  assert.ok(requests.some((r) => ['claude-sonnet-4-5', 'claude-opus-4-1', 'claude-haiku-4-5'].includes(r.deployment)), JSON.stringify(requests));
});

test('switching resource from the status bar updates the item and what new terminals get', { timeout: 120_000 }, async () => {
  const { page } = browser;
  await clearToasts(page);
  const s = Date.now();
  await statusItem(page, 'Foundry: contoso-foundry').click();
  await row(page, 'contoso-ai-west').waitFor({ timeout: 30_000 });
  await clickRow(page, row(page, 'contoso-ai-west'));
  await statusItem(page, 'Foundry: contoso-ai-west (sonnet)').waitFor({ timeout: 30_000 });
  await toast(page, 'Claude Code now uses contoso-ai-west');
  t.switch = Date.now() - s;
  await screenshot(page, 'journey-5-switched');
  // The deployments of the other resource do not exist here: the sidecar's defaults of this one apply, and none is
  // saved as an explicit choice (the status item shows the sidecar's Sonnet, from its answer).
  assert.deepEqual((await userSettings())['foundryIde.deployments'], {});
  const requests = await claudeInNewTerminal(page, 'journey-5-claude-p-west');
  assert.ok(requests.length > 0 && requests.every((r) => r.account === 'contoso-ai-west' && r.statusCode === 200), JSON.stringify(requests));
});

test('foundryIde.resource edited by hand in settings.json: the status bar and new terminals follow', { timeout: 90_000 }, async () => {
  const { page } = browser;
  const s = Date.now();
  // The remote (Machine) settings file: code-server watches it on the server; an outside edit of the User file is not
  // noticed by code-server's browser-side user data (an edit in VS Code's own editor would be).
  server.writeMachineSettings({ 'foundryIde.resource': 'contoso-foundry' });
  await statusItem(page, 'Foundry: contoso-foundry').waitFor({ timeout: 30_000 });
  await toast(page, 'Claude Code now uses contoso-foundry');
  t.handEdit = Date.now() - s;
  await newTerminal(page);
  await typeInTerminal(page, 'echo "url=$ANTHROPIC_FOUNDRY_BASE_URL$ANTHROPIC_FOUNDRY_RESOURCE sonnet=$ANTHROPIC_DEFAULT_SONNET_MODEL"');
  // The Sonnet deployment of contoso-ai-west ("sonnet") is not on contoso-foundry: its newest Sonnet applies.
  await waitForTerminal(page, /^url=\S*contoso-foundry\S* sonnet=claude-sonnet-4-5\s*$/m);
  await screenshot(page, 'journey-6-hand-edit');
});

test('"Foundry: Open Claude Code Terminal" starts the real claude in a terminal named for the resource, and it answers', { timeout: 120_000 }, async () => {
  const { page } = browser;
  const seen = (await emulator.messages()).length;
  await runCommand(page, 'Foundry: Open Claude Code Terminal');
  await page.locator('.tabs-list .monaco-list-row, .single-terminal-tab, .terminal-tabs-entry', { hasText: 'Claude Code · contoso-foundry' }).first()
    .waitFor({ timeout: 15_000 }).catch(async () => {
      // One terminal tab shows its name in the panel's title instead of a list.
      await page.locator('.part.panel', { hasText: 'Claude Code · contoso-foundry' }).first().waitFor({ timeout: 5_000 });
    });
  await waitForTerminal(page, /❯/, { timeout: 60_000, shot: 'journey-7-claude-ui-failed' });
  await screenshot(page, 'journey-7-claude-ui');
  await page.keyboard.type('say ping');
  await page.keyboard.press('Enter');
  await waitForTerminal(page, /pong/, { timeout: 60_000, shot: 'journey-7-claude-answer-failed' });
  await screenshot(page, 'journey-7-claude-answer');
  const requests = (await emulator.messages()).slice(seen);
  assert.ok(requests.some((r) => r.account === 'contoso-foundry' && r.statusCode === 200 && r.authKind === 'bearer'), JSON.stringify(requests));
  await page.keyboard.press('Control+C');
  await page.keyboard.press('Control+C');
});

test('Configure Claude Code: the Claude Code extension\'s settings (after consent) and a .env in the workspace', { timeout: 90_000 }, async () => {
  const { page } = browser;
  await clearToasts(page);
  await runCommand(page, 'Foundry: Configure Claude Code');
  await row(page, 'Claude Code extension settings').waitFor({ timeout: 15_000 });
  await clickRow(page, row(page, 'Claude Code extension settings'));
  await clickRow(page, row(page, '.env file in the workspace'));
  await clickRow(page, row(page, 'Claude Code user settings'));
  await screenshot(page, 'journey-8-targets');
  await page.keyboard.press('Enter');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 15_000 });
  assert.match(await dialog.innerText(), /claudeCode\.environmentVariables/);
  await screenshot(page, 'journey-8-consent');
  await dialog.locator('.monaco-button', { hasText: 'Allow' }).click();
  await toast(page, 'Claude Code now uses contoso-foundry');
  const settings = await userSettings();
  const list = settings['claudeCode.environmentVariables'];
  const vars = Object.fromEntries(list.map((v) => [v.name, v.value]));
  assert.equal(vars.CLAUDE_CODE_USE_FOUNDRY, '1', JSON.stringify(list));
  assert.equal(vars.MY_PROXY, 'http://127.0.0.1:3128', JSON.stringify(list));
  assert.equal(vars.ANTHROPIC_FOUNDRY_BASE_URL, undefined, JSON.stringify(list)); // stale, and Claude Code refuses both
  assert.equal(list.filter((v) => v.name === 'CLAUDE_CODE_USE_FOUNDRY').length, 1, JSON.stringify(list));
  assert.equal(vars.ANTHROPIC_FOUNDRY_RESOURCE, 'contoso-foundry', JSON.stringify(list));
  assert.equal(vars.ANTHROPIC_DEFAULT_SONNET_MODEL, 'claude-sonnet-4-5', JSON.stringify(list));
  assert.equal(settings['claudeCode.disableLoginPrompt'], true);
  const dotenv = fs.readFileSync(path.join(server.workspace, '.env'), 'utf8');
  assert.match(dotenv, /^CLAUDE_CODE_USE_FOUNDRY=1$/m, dotenv);
  assert.match(dotenv, /contoso-foundry/, dotenv);
  const claudeSettings = JSON.parse(fs.readFileSync(path.join(server.home, '.claude', 'settings.json'), 'utf8'));
  assert.equal(claudeSettings.env?.CLAUDE_CODE_USE_FOUNDRY, '1', JSON.stringify(claudeSettings));
  assert.equal(claudeSettings.env?.ANTHROPIC_FOUNDRY_RESOURCE, 'contoso-foundry', JSON.stringify(claudeSettings));
});

test('an API key from SecretStorage: new terminals get it, claude -p sends it, and no file or log holds it', { timeout: 120_000 }, async () => {
  const { page } = browser;
  await clearToasts(page);
  await runCommand(page, 'Foundry: Set API Key');
  const input = widget(page).locator('input.input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  assert.equal(await input.getAttribute('type'), 'password');
  await page.keyboard.type(FoundryKey);
  await screenshot(page, 'journey-9-key-input');
  await page.keyboard.press('Enter');
  const ask = await toast(page, 'Use the Key');
  await ask.locator('.monaco-button', { hasText: 'Use the Key' }).click();
  await toast(page, 'Claude Code now uses contoso-foundry');
  const requests = await claudeInNewTerminal(page, 'journey-9-claude-p-key');
  assert.ok(requests.length > 0 && requests.every((r) => r.account === 'contoso-foundry' && r.authKind === 'key' && r.statusCode === 200), JSON.stringify(requests));
  await typeInTerminal(page, 'echo "key length ${#ANTHROPIC_FOUNDRY_API_KEY}"');
  await waitForTerminal(page, new RegExp(`key length ${FoundryKey.length}`));
  // Nowhere on disk but in the files the user asked for (.env in a folder git does not track, ~/.claude/settings.json:
  // both 0600) and VS Code's own storage (the browser profile of code-server's window). No log, no settings.json.
  const asked = [path.join(server.workspace, '.env'), path.join(server.home, '.claude', 'settings.json')];
  const holders = grepFiles(dir, FoundryKey, [path.join(dir, 'chromium-profile'), ...asked]);
  assert.deepEqual(holders, [], `the key is in ${holders.join(', ')}`);
  for (const file of asked) {
    if (fs.readFileSync(file, 'utf8').includes(FoundryKey)) assert.equal(fs.statSync(file).mode & 0o777, 0o600, file);
  }
});

/** Files under `root` (but not under `except`) whose bytes contain `needle`. */
function grepFiles(root, needle, except) {
  const found = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (except.some((x) => p === x || p.startsWith(x + path.sep))) continue;
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && fs.statSync(p).size < 50_000_000 && fs.readFileSync(p).includes(needle)) found.push(p);
    }
  };
  walk(root);
  return found;
}
