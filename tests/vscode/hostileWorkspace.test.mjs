// A hostile folder opened in real VS Code with Workspace Trust on: first untrusted (Restricted Mode), every Foundry
// command tried from the palette; then trusted through the extension's own "Manage Workspace Trust" button.
// The folder's .vscode/settings.json points the cloud, ARM endpoint, authority host, Foundry suffix and tenant at an
// attacker's listener (127.0.0.2), asks for .env and ~/.claude/settings.json writes, and names another resource; its
// .env and .env.bak are symbolic links (to a file outside HOME and the folder, and to ~/.bashrc), and its Claude Code
// settings are /dev/zero and a FIFO. The user's own settings name the loopback emulator as a custom cloud.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import {
  clearToasts, endOfTest, newTerminal, openWorkbench, quickInput, repo, runCommand, screenshot, ServicePrincipal, startCodeServer,
  startEmulator, tempDir, teardown, toast, typeInTerminal, waitForTerminal,
} from './lib/harness.mjs';
import { hashTree, changedPaths, serverReadsHostileFilesSafely } from './lib/hostileFixture.mjs';

let dir, emulator, server, browser, attacker, home, workspace, outside, hardened;
const attackerHits = [];
const canary = 'canary-key-7Yq2pX9wLm4Rt8Zs';
const t = {};
// State under HOME that is not the folder's doing, listed one by one: code-server's and Chromium's (profile, logs,
// caches), and the Azure CLI's (~/.azure: the doctor probes AzureCliCredential with `az account get-access-token`,
// as Claude Code would). Everything else under HOME, the folder and the link targets is hashed before and after.
const ownState = ['.config/code-server', '.local/share/code-server', '.cache', '.pki', '.config/chromium', '.azure'];
const logFile = () => {
  const logs = path.join(server.userData, 'logs');
  for (const session of fs.readdirSync(logs)) {
    const f = path.join(logs, session, 'exthost1', 'foundryide.foundry-ide', 'FoundryIde.log');
    if (fs.existsSync(f)) return fs.readFileSync(f, 'utf8');
  }
  return '';
};
const statusBar = (page) => page.locator('#workbench\\.parts\\.statusbar');

before(async () => {
  dir = tempDir('hostile');
  emulator = await startEmulator(dir);
  attacker = net.createServer((socket) => {
    attackerHits.push(new Date().toISOString());
    socket.destroy();
  });
  await new Promise((resolve, reject) => attacker.once('error', reject).listen(0, '127.0.0.2', resolve));
  const attackerUrl = `https://127.0.0.2:${attacker.address().port}/`;
  home = path.join(dir, 'home');
  workspace = path.join(dir, 'workspace');
  outside = path.join(dir, 'outside');
  for (const d of [home, outside, path.join(workspace, '.vscode'), path.join(workspace, '.claude')]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(home, '.bashrc'), '# the user\'s own .bashrc\n');
  fs.writeFileSync(path.join(outside, 'victim.env'), 'VICTIM=untouched\n');
  fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify({
    'foundryIde.cloud': 'Custom',
    'foundryIde.armEndpoint': attackerUrl,
    'foundryIde.authorityHost': attackerUrl,
    'foundryIde.foundrySuffix': `127.0.0.2:${attacker.address().port}`,
    'foundryIde.tenant': '00000000-0000-0000-0000-00000000bad0',
    'foundryIde.writeTo': ['terminals', 'dotenv', 'userSettings'],
    'foundryIde.dotenvPath': '.env',
    'foundryIde.resource': 'contoso-ai-west',
    'foundryIde.auth': 'entra',
  }, null, 2));
  fs.symlinkSync(path.join(outside, 'victim.env'), path.join(workspace, '.env'));
  fs.symlinkSync(path.join(home, '.bashrc'), path.join(workspace, '.env.bak'));
  fs.symlinkSync('/dev/zero', path.join(workspace, '.claude', 'settings.local.json'));
  execFileSync('mkfifo', [path.join(workspace, '.claude', 'settings.json')]);
  fs.writeFileSync(path.join(workspace, 'README.md'), '# a repository cloned from a stranger\n');
  hardened = serverReadsHostileFilesSafely(path.join(repo, 'dist/server/foundry-ide'), workspace);
  console.log(`the sidecar reads /dev/zero and FIFO settings safely: ${hardened}`);

  server = await startCodeServer(dir, {
    workspaceTrust: true,
    settings: {
      'foundryIde.cloud': 'Custom',
      'foundryIde.armEndpoint': emulator.baseUri,
      'foundryIde.authorityHost': emulator.baseUri,
      'foundryIde.resource': 'contoso-foundry',
      'foundryIde.auth': 'key',
    },
    env: { ...ServicePrincipal, AZURE_AUTHORITY_HOST: emulator.baseUri, SSL_CERT_FILE: emulator.bundlePem, NODE_EXTRA_CA_CERTS: emulator.caPem },
  });
  browser = await openWorkbench(dir, server.url);
  await statusBar(browser.page).locator('.statusbar-item', { hasText: 'Foundry: contoso-foundry' }).first().waitFor({ timeout: 30_000 });
});

after(async () => {
  await teardown({ browser, server, emulator, dir, timings: t });
  attacker?.close();
});

afterEach(async (c) => browser && endOfTest(browser.page, `hostile-${c.name}`));

/** No quick input left open (the palette's input is then found hidden by the next command). */
async function closeQuickInput(page) {
  const widget = quickInput(page);
  await page.keyboard.press('Escape');
  await widget.waitFor({ state: 'hidden' }).catch(() => undefined);
}

/** Runs a palette command and waits for the Restricted Mode warning naming what trust would allow. */
async function expectRestricted(page, command, action) {
  // VS Code shows at most three toasts in 800 ms (its NotificationsToasts rate limit) and puts the rest in the center
  // unseen: four of these in a row on an idle machine took 790 ms, and the fourth had no toast.
  await page.waitForTimeout(800);
  await clearToasts(page);
  await runCommand(page, command);
  const warning = await toast(page, 'This folder is not trusted', 45_000);
  const text = await warning.innerText();
  assert.match(text, new RegExp(`Trust it to ${action}`), text);
  assert.match(text, /Manage Workspace Trust/, text);
  return warning;
}

test('untrusted: every Foundry command lists, diagnoses or says it needs trust; nothing under HOME or the folder changes, nothing reaches the attacker, no terminal gets a variable', { timeout: 300_000 }, async () => {
  const { page } = browser;
  const before = hashTree([home, workspace, outside], { home, exclude: ownState });
  const widget = quickInput(page);

  // Listing goes through the USER's cloud (the emulator): the folder's endpoints are ignored.
  await runCommand(page, 'Foundry: Select Resource');
  await widget.locator('.monaco-list-row', { hasText: 'contoso-foundry' }).first().waitFor({ timeout: 45_000 });
  await closeQuickInput(page);
  await runCommand(page, 'Foundry: Diagnose Credentials');
  // The progress toast shows the command ran; the doctor's probes can take a minute on a loaded machine.
  await toast(page, 'Checking the credentials Claude Code will use', 30_000);
  await widget.locator('.quick-input-title', { hasText: 'Foundry: credentials for Claude Code' }).waitFor({ timeout: 120_000 });
  await closeQuickInput(page);
  await runCommand(page, 'Foundry: Choose Deployments');
  await widget.locator('.quick-input-title', { hasText: 'opus alias' }).waitFor({ timeout: 45_000 });
  await page.keyboard.press('Escape');

  await expectRestricted(page, 'Foundry: Configure Claude Code', 'configure Claude Code');
  await expectRestricted(page, 'Foundry: Test Connection', 'test the connection with the API key');
  await expectRestricted(page, 'Foundry: Open Claude Code Terminal', 'open a Claude Code terminal');
  await expectRestricted(page, 'Foundry: Deploy Claude Models', 'deploy Claude models');

  // Clear, then Set API Key: the key goes to SecretStorage (under the resource's ARM id); nothing is applied.
  await clearToasts(page);
  await runCommand(page, 'Foundry: Clear API Key');
  await toast(page, 'The API key of contoso-foundry was removed');
  await runCommand(page, 'Foundry: Set API Key');
  await widget.locator('.quick-input-title', { hasText: 'API key of contoso-foundry' }).waitFor({ timeout: 45_000 });
  await page.keyboard.type(canary);
  await page.keyboard.press('Enter');
  const useKey = await toast(page, 'Use the key instead?');
  await useKey.locator('.monaco-button', { hasText: 'Use the Key' }).click();
  await runCommand(page, 'Foundry: Restart Sidecar');

  await newTerminal(page);
  await typeInTerminal(page, 'echo "K=${ANTHROPIC_FOUNDRY_API_KEY:-none} F=${CLAUDE_CODE_USE_FOUNDRY:-none} R=${ANTHROPIC_FOUNDRY_RESOURCE:-none}"');
  await waitForTerminal(page, /^K=none F=none R=none\s*$/m, { shot: 'hostile-terminal' });
  await screenshot(page, 'hostile-untrusted');

  // The sidecar is up: a later command works.
  await closeQuickInput(page);
  await runCommand(page, 'Foundry: Diagnose Credentials');
  await widget.locator('.quick-input-title', { hasText: 'Foundry: credentials for Claude Code' }).waitFor({ timeout: 120_000 });
  await closeQuickInput(page);
  // Last: the output view takes the focus when it opens (a palette opened right after it would close).
  await runCommand(page, 'Foundry: Show Logs');
  await page.locator('.part.panel', { hasText: 'sidecar ready' }).first().waitFor({ timeout: 15_000 });

  const afterHashes = hashTree([home, workspace, outside], { home, exclude: ownState });
  assert.deepEqual(changedPaths(before, afterHashes), [], 'files changed in Restricted Mode');
  assert.deepEqual(attackerHits, [], 'requests reached the attacker\'s listener');
  const requests = await emulator.admin('GET', 'requests');
  assert.ok(requests.some((r) => /Microsoft\.CognitiveServices\/accounts/.test(r.path)), 'the listing went to the user\'s cloud');
  assert.deepEqual(requests.filter((r) => r.authKind === 'key'), [], 'a key was sent');
  const log = logFile();
  assert.match(log, /Restricted Mode: the selection is not applied until the folder is trusted/);
  assert.match(log, /API key stored for \/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.CognitiveServices\/accounts\/contoso-foundry/);
  assert.doesNotMatch(log, new RegExp(canary));
});

test('trusted: the folder\'s endpoints stay ignored; its .env and ~/.claude/settings.json targets ask for consent ("no": nothing written); its resource never gets the other resource\'s key', { timeout: 300_000 }, async () => {
  const { page } = browser;
  if (!hardened) {
    // This branch's sidecar has no cap on settings files: it would read /dev/zero until memory runs out once the
    // folder's files are read (after trust). The untrusted test above ran with them; the merged product reads them.
    fs.unlinkSync(path.join(workspace, '.claude', 'settings.local.json'));
    fs.unlinkSync(path.join(workspace, '.claude', 'settings.json'));
  }
  const before = hashTree([home, outside], { home, exclude: ownState });
  const warning = await expectRestricted(page, 'Foundry: Configure Claude Code', 'configure Claude Code');
  await warning.locator('.monaco-button', { hasText: 'Manage Workspace Trust' }).click();
  const trustButton = page.locator('.workspace-trust-editor .workspace-trust-buttons-row .monaco-button').filter({ hasText: /^Trust$/ });
  await trustButton.first().click({ timeout: 15_000 });
  for (const deadline = Date.now() + 15_000; !/the folder is trusted now/.test(logFile()); ) {
    if (Date.now() > deadline) throw new Error('the extension did not see trust granted');
    await new Promise((r) => setTimeout(r, 200));
  }
  await screenshot(page, 'hostile-trusted');
  // Trusted, the folder's cloud settings are visible to VS Code, and still ignored: said in the log and once on screen.
  await toast(page, 'FoundryIde ignores them and uses your user settings', 30_000);
  assert.match(logFile(), /ignored in the workspace settings.*foundryIde\.cloud, foundryIde\.armEndpoint, foundryIde\.authorityHost, foundryIde\.tenant, foundryIde\.foundrySuffix/);

  // Configure: the folder's resource (contoso-ai-west, Entra ID) through the user's cloud; consent refused.
  await clearToasts(page);
  const widget = quickInput(page);
  const configure = async (answer) => {
    await runCommand(page, 'Foundry: Configure Claude Code');
    await widget.locator('.quick-input-title', { hasText: 'Foundry: configure Claude Code' }).waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 45_000 });
    const text = await dialog.innerText();
    assert.match(text, /ask FoundryIde to write/, text);
    assert.match(text, new RegExp(`${path.join(workspace, '.env').replace(/[.]/g, '\\.')} \\(a symbolic link to ${path.join(outside, 'victim.env').replace(/[.]/g, '\\.')}\\)`), text);
    assert.match(text, new RegExp(path.join(home, '.claude', 'settings.json').replace(/[.]/g, '\\.')), text);
    await dialog.locator('.monaco-button').filter({ hasText: new RegExp(`^${answer}$`) }).first().click();
  };
  await configure('Don\'t Allow');
  const done = await toast(page, 'Claude Code now uses contoso-ai-west', 60_000);
  assert.match(await done.innerText(), /Not written/);
  assert.deepEqual(changedPaths(before, hashTree([home, outside], { home, exclude: ownState })), [], 'files changed after "Don\'t Allow"');

  await newTerminal(page);
  await typeInTerminal(page, 'echo "K=${ANTHROPIC_FOUNDRY_API_KEY:-none} R=${ANTHROPIC_FOUNDRY_RESOURCE:-none}"');
  // contoso-ai-west's subdomain (emulator seed); no key: the one stored is contoso-foundry's (its ARM id).
  await waitForTerminal(page, /^K=none R=contoso-west-7f3a\s*$/m, { shot: 'hostile-trusted-terminal' });

  // Consent given: the server writes only the asked files and never through the .env/.env.bak links (files branch).
  await clearToasts(page);
  await configure('Allow');
  if (hardened) {
    const refused = await toast(page, 'Configure Claude Code', 60_000);
    assert.match(await refused.innerText(), /victim\.env|symbolic link|symlink/i);
    const changed = changedPaths(before, hashTree([home, outside], { home, exclude: ownState }));
    assert.deepEqual(changed.filter((p) => p !== path.join(home, '.claude/settings.json') && p !== path.join(home, '.claude')), [], 'files outside the asked ones changed');
  } else {
    console.log('symlink refusal not checked: this branch\'s sidecar predates it (the lead checks it after merging)');
    await toast(page, 'Claude Code', 60_000);
  }

  assert.deepEqual(attackerHits, [], 'requests reached the attacker\'s listener');
  const requests = await emulator.admin('GET', 'requests');
  assert.deepEqual(requests.filter((r) => r.authKind === 'key'), [], 'a key was sent');
  assert.doesNotMatch(logFile(), new RegExp(canary));
  await closeQuickInput(page);
  await runCommand(page, 'Foundry: Diagnose Credentials');
  await widget.locator('.quick-input-title', { hasText: 'Foundry: credentials for Claude Code' }).waitFor({ timeout: 120_000 });
  await page.keyboard.press('Escape');
});
