// Real VS Code (code-server 4.100.3 = VS Code 1.100.3) + headless Debian Chromium via playwright-core, on loopback.
// Run inside scripts/sandbox.sh (network namespace with loopback only). See tests/vscode/README.md.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { readFirstLine, startEmulator, stop } from '../../Emulator/start.mjs';

export { startEmulator };

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, '../../..');
const codeServerBin = path.join(repo, 'tests/vscode/node_modules/code-server/out/node/entry.js');
export const vsix = process.env.FOUNDRYIDE_VSIX || path.join(repo, 'dist/foundry-ide-0.1.0.vsix');
const emulatorDll = path.join(repo, 'tests/Emulator/bin/Release/net10.0/FoundryIde.Emulator.dll');
export const artifacts = process.env.FOUNDRYIDE_VSCODE_ARTIFACTS || path.join(os.tmpdir(), 'foundryide-vscode');

// The emulator's default seed service principal (tests/Emulator/DefaultSeed.cs).
export const ServicePrincipal = {
  AZURE_TENANT_ID: '8d2c1b7e-3f4a-4c5d-9e6f-0a1b2c3d4e5f',
  AZURE_CLIENT_ID: '4f1e2d3c-5b6a-4798-8a9b-0c1d2e3f4a5b',
  AZURE_CLIENT_SECRET: 'emu-secret-Xq7~pL3vN9rT2wZ5',
};

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}


/** The claude binary the tests run (FOUNDRYIDE_CLAUDE, else tests/e2e's pinned install). */
export const claudeBin = process.env.FOUNDRYIDE_CLAUDE || path.join(repo, 'tests/e2e/node_modules/.bin/claude');

/**
 * Starts code-server on 127.0.0.1 with everything (HOME, XDG_*, user data, extensions) under `dir`, after
 * installing the .vsix. `settings` goes to the user settings.json (USER-DATA/User/settings.json); `machineSettings`
 * to the remote ("Machine") settings, USER-DATA/Machine/settings.json. The foundryIde.* settings are scoped
 * `machine-overridable`, and code-server's window is a remote one: VS Code ignores such settings in the local user
 * settings there (as in any Remote window), so they go to the Machine file. `env` is added to code-server's
 * environment (the extension host and its sidecar inherit it). `workspaceTrust: true` turns Workspace Trust on (the
 * folder opens in Restricted Mode, without the startup prompt); by default it is off, as --disable-workspace-trust.
 */
let azureCliIndex;

/**
 * The Azure CLI's command index, built once per test file and copied into a new config dir, as every user's ~/.azure
 * holds it after their first az command: without it each az run (the doctor's AzureCliCredential, Claude Code's
 * credential chain) loads every command module to build it (1.3 s of CPU instead of 0.45 s). az rebuilds a stale one.
 */
function seedAzureCliIndex(configDir) {
  if (azureCliIndex === undefined) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foundryide-az-index-'));
    spawnSync('az', ['account', 'show'], { env: { ...process.env, AZURE_CONFIG_DIR: dir, AZURE_CORE_COLLECT_TELEMETRY: 'false' }, stdio: 'ignore', timeout: 60_000 });
    const index = path.join(dir, 'commandIndex.json');
    azureCliIndex = fs.existsSync(index) ? index : null; // "az account show" fails (no login) after it has built the index
  }
  if (!azureCliIndex) return;
  fs.mkdirSync(configDir, { recursive: true });
  fs.copyFileSync(azureCliIndex, path.join(configDir, 'commandIndex.json'));
}

export async function startCodeServer(dir, { settings = {}, machineSettings = {}, env = {}, fixtures = [], args = [], languagePacks, workspaceTrust = false } = {}) {
  const home = path.join(dir, 'home');
  const userData = path.join(dir, 'user-data');
  const extensions = path.join(dir, 'extensions');
  const workspace = path.join(dir, 'workspace');
  for (const d of [home, userData, extensions, workspace, path.join(userData, 'User'), path.join(home, '.config'), path.join(home, '.cache'), path.join(home, '.local/share'), path.join(dir, 'tmp')]) {
    fs.mkdirSync(d, { recursive: true });
  }
  const settingsFile = path.join(userData, 'User', 'settings.json');
  const machineSettingsFile = path.join(userData, 'Machine', 'settings.json');
  fs.mkdirSync(path.dirname(machineSettingsFile), { recursive: true });
  fs.writeFileSync(machineSettingsFile, JSON.stringify(machineSettings, null, 2));
  fs.writeFileSync(settingsFile, JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'security.workspace.trust.enabled': workspaceTrust,
    'security.workspace.trust.startupPrompt': 'never',
    'terminal.integrated.gpuAcceleration': 'off',
    'terminal.integrated.defaultProfile.linux': 'bash',
    'terminal.integrated.shellIntegration.enabled': false,
    ...settings,
  }, null, 2));
  const gallery = 'http://127.0.0.1:9';
  const childEnv = {
    PATH: process.env.PATH,
    LANG: 'C.UTF-8',
    HOME: home,
    TMPDIR: path.join(dir, 'tmp'),
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_DATA_HOME: path.join(home, '.local/share'),
    SHELL: '/bin/bash',
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: `${gallery}/gallery`, itemUrl: `${gallery}/item`, resourceUrlTemplate: `${gallery}/{publisher}/{name}/{version}/{path}` }),
    DOTNET_CLI_TELEMETRY_OPTOUT: '1',
    ...env,
  };
  seedAzureCliIndex(childEnv.AZURE_CONFIG_DIR ?? path.join(home, '.azure'));
  const common = ['--user-data-dir', userData, '--extensions-dir', extensions, '--disable-telemetry', '--disable-update-check', ...(workspaceTrust ? [] : ['--disable-workspace-trust'])];
  const t0 = Date.now();
  execFileSync(process.execPath, [codeServerBin, ...common, '--install-extension', vsix], { env: childEnv, stdio: 'pipe', timeout: 60_000 });
  const installMs = Date.now() - t0;
  // Fixture extensions (tests/vscode/fixtures/NAME), packaged with the extension's own vsce, then installed.
  for (const name of fixtures) {
    const out = path.join(dir, `${name}.vsix`);
    execFileSync(process.execPath, [path.join(repo, 'extension/node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', out],
      { cwd: path.join(here, '..', 'fixtures', name), stdio: 'pipe', timeout: 60_000 });
    execFileSync(process.execPath, [codeServerBin, ...common, '--install-extension', out], { env: childEnv, stdio: 'pipe', timeout: 60_000 });
  }
  if (languagePacks) {
    // The cache VS Code's server reads to resolve --locale (it writes it itself when a pack is installed from the UI).
    fs.writeFileSync(path.join(userData, 'languagepacks.json'), JSON.stringify(languagePacks(extensions)));
  }
  const port = await freePort();
  const logFile = path.join(dir, 'code-server.log');
  const log = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [codeServerBin, ...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-getting-started-override', ...args, workspace], {
    env: childEnv, stdio: ['ignore', log, log], detached: true,
  });
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const r = await fetch(url + 'healthz');
      if (r.ok) break;
    } catch { /* not yet */ }
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}); see ${logFile}`);
    if (Date.now() > deadline) throw new Error(`code-server did not answer /healthz; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `${url}?folder=${encodeURIComponent(workspace)}`, port, userData, settingsFile, machineSettingsFile, workspace, home, logFile, installMs,
    /** Merges `extra` into the Machine (remote) settings file, as an edit of "Preferences: Open Remote Settings (JSON)" would. */
    writeMachineSettings(extra) {
      const current = JSON.parse(fs.readFileSync(machineSettingsFile, 'utf8'));
      fs.writeFileSync(machineSettingsFile, JSON.stringify({ ...current, ...extra }, null, 2));
    },
    stop: () => stop(child),
  };
}

export async function openWorkbench(dir, url) {
  const profile = path.join(dir, 'chromium-profile');
  fs.mkdirSync(profile, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    env: { ...process.env, HOME: path.join(dir, 'home'), XDG_CONFIG_HOME: path.join(dir, 'home/.config'), XDG_CACHE_HOME: path.join(dir, 'home/.cache') },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
  await page.locator('#workbench\\.parts\\.statusbar').waitFor({ timeout: 30_000 });
  return { context, page, close: () => context.close() };
}

export const quickInput = (page) => page.locator('.quick-input-widget');

/** F1, `>text`, waits for the row whose label is `label`, Enter. */
export async function runCommand(page, label, { filter = label } = {}) {
  const input = page.locator('.quick-input-widget input.input');
  // A quick input seen open may be closing (the previous command's): then it is opened again.
  for (let attempt = 1; ; attempt++) {
    if (!(await input.isVisible())) await page.keyboard.press('F1');
    const filled = await input.fill('>' + filter, { timeout: 10_000 }).then(() => true, (error) => {
      if (attempt >= 3) throw error;
      return false;
    });
    if (filled) break;
  }
  // Enter runs the FOCUSED row: on a loaded machine the list can show the command before the filter has moved the
  // focus to it (Enter then ran nothing, or the row focused before).
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: label }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

/**
 * Clicks a quick-pick row. The mouse leaves first: VS Code's hover over the row under a resting mouse (the one the
 * previous pick clicked) can cover the next list's rows and take the click.
 */
export async function clickRow(page, row, options) {
  await page.mouse.move(0, 0);
  await page.locator('.context-view .hover-contents').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
  await row.click(options);
}

export async function screenshot(page, name) {
  fs.mkdirSync(artifacts, { recursive: true });
  const file = path.join(artifacts, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

export function tempDir(name) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `foundryide-vscode-${name}-`));
}

export function rmDir(dir) {
  if (!process.env.FOUNDRYIDE_VSCODE_KEEP) fs.rmSync(dir, { recursive: true, force: true });
}

/** The text of the active integrated terminal (DOM renderer: terminal.integrated.gpuAcceleration off). */
export function terminalText(page) {
  return page.evaluate(() => {
    const rows = document.querySelector('.terminal-wrapper.active .xterm-rows') ?? [...document.querySelectorAll('.xterm-rows')].at(-1);
    return rows?.innerText ?? '';
  });
}

/** Waits until the active terminal's text matches `pattern`; the error carries the text and a screenshot. */
export async function waitForTerminal(page, pattern, { timeout = 15_000, shot = 'terminal-failed' } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = await terminalText(page);
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) {
      await screenshot(page, shot);
      throw new Error(`the terminal did not show ${pattern} within ${timeout} ms:\n${text}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** "Terminal: Create New Terminal" from the palette; resolves when its bash prompt shows. */
export async function newTerminal(page) {
  const before = await page.locator('.terminal-wrapper').count();
  await runCommand(page, 'Terminal: Create New Terminal', { filter: 'Terminal: Create New Terminal' });
  await page.waitForFunction((n) => document.querySelectorAll('.terminal-wrapper').length > n, before, { timeout: 15_000 });
  await waitForTerminal(page, /[$#]\s*$/m);
}

/** Types a command line into the active terminal and presses Enter. */
export async function typeInTerminal(page, line) {
  await page.locator('.terminal-wrapper.active .xterm-helper-textarea, .terminal-wrapper.active textarea').first().focus().catch(() => undefined);
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** A notification toast whose text matches; resolves to its locator. */
export async function toast(page, text, timeout = 30_000) {
  const t = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  await t.waitFor({ timeout });
  return t;
}

/**
 * The text of a notification that matches: its toast, else the notification center's item, read with the center opened
 * and then closed again. A toast can be missed: it hides itself after a while, none shows while the center is open, and
 * the workbench shows at most 3 toasts per 800 ms (the others go to the center only). So the toast is waited for in
 * rounds of a few seconds, each followed by a look in the center, until `timeout`.
 */
export async function notice(page, text, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  const shown = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  for (;;) {
    const round = Math.max(1, Math.min(deadline - Date.now(), 6_000));
    if (await shown.waitFor({ timeout: round }).then(() => true, () => false)) return shown.innerText();
    await runCommand(page, 'Notifications: Show Notifications', { filter: 'Show Notifications' });
    try {
      const kept = page.locator('.notifications-center .notification-list-item', { hasText: text }).first();
      if (await kept.waitFor({ timeout: 1_000 }).then(() => true, () => false)) return await kept.innerText();
      if (Date.now() >= deadline) {
        const all = await page.locator('.notifications-center .notification-list-item').allInnerTexts();
        throw new Error(`no notification says ${text}; the center holds: ${all.join(' | ') || 'nothing'}`);
      }
    } finally {
      await runCommand(page, 'Notifications: Hide Notifications', { filter: 'Hide Notifications' }).catch(() => undefined);
    }
  }
}

/**
 * Closes every notification toast (so that the next `toast` wait sees a new one), and waits until they are gone: the
 * palette returns before the command has run, and a clear that lands after the next command would take its toast.
 */
export async function clearToasts(page) {
  await runCommand(page, 'Notifications: Clear All Notifications', { filter: 'Clear All Notifications' }).catch(() => undefined);
  await page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
  await page.locator('.quick-input-widget input.input').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
}

/** Polls `predicate` until it is truthy; resolves to the milliseconds it took, or throws after `timeoutMs`. */
export async function waitFor(what, predicate, timeoutMs, stepMs = 25) {
  const start = Date.now();
  for (;;) {
    const value = await predicate();
    if (value) return Date.now() - start;
    if (Date.now() - start > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/**
 * A settings.json as VS Code last wrote it. VS Code truncates the file before writing it, so a read can see it empty
 * or half written: read again until it parses.
 */
export async function readSettings(file, timeoutMs = 5_000) {
  let settings;
  await waitFor(`${file} parses`, () => {
    try {
      settings = JSON.parse(fs.readFileSync(file, 'utf8'));
      return true;
    } catch {
      return false;
    }
  }, timeoutMs, 50);
  return settings;
}

/** The last lines of the extension's log channel ("FoundryIde") in a code-server started in `dir`: for failure messages. */
export function extensionLog(dir, lines = 40) {
  const found = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name === 'FoundryIde.log') found.push(full);
    }
  };
  try {
    walk(path.join(dir, 'user-data', 'logs'));
  } catch {
    return '(no logs)';
  }
  return found.map((f) => fs.readFileSync(f, 'utf8').split('\n').slice(-lines).join('\n')).join('\n') || '(no FoundryIde.log)';
}

/** Closes what a test file started (any may be missing after a failed start), removes its folder, prints timings. */
export async function teardown({ browser, server, emulator, dir, timings }) {
  await browser?.close();
  await server?.stop();
  await emulator?.stop();
  if (dir) rmDir(dir);
  if (timings) console.log(`timings (ms): ${JSON.stringify(timings)}`);
}

/** After each test: a screenshot of how it ended, and no quick input left open for the next one. */
export async function endOfTest(page, name) {
  await screenshot(page, name.replace(/\W+/g, '_').slice(0, 60));
  const widget = page.locator('.quick-input-widget');
  if (await widget.isVisible()) {
    await page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden' });
  }
}
