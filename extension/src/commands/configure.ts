import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { cloudSettings, dotenvPath, selectionParams, updateSetting, writeTargets, WriteTarget } from '../config';
import { checkHealth } from '../healthCheck';
import { selectionSignature } from '../reapply';
import { Rpc } from '../sidecar/protocol';
import type { EnvFormat, EnvParams, EnvResult } from '../sidecar/protocol';
import { Services, showError, workspaceFolderPath } from '../services';
import type { Selection } from '../statusModel';
import { ManagedVariables, mergeClaudeCodeList, storableVariables } from '../terminalEnv';
import { ConsentPrompt, consentToWorkspaceTargets, readApiKey, requireTrust, TargetPaths } from '../trust';

const ConsentKey = 'foundryIde.consent.claudeCodeExtension';
const ClaudeCodeExtensionId = 'anthropic.claude-code';

function envParams(selection: Selection, format: EnvFormat, apiKey: string | undefined, output?: string): EnvParams {
  return { ...selectionParams(selection, apiKey), format, output, workspaceFolder: output ? workspaceFolderPath() : undefined };
}

/** The .env the settings name, or undefined with no folder open. */
function dotenvFile(): string | undefined {
  const folder = workspaceFolderPath();
  return folder ? path.resolve(folder, dotenvPath()) : undefined;
}

/** A path as the consent dialog shows it: where a symbolic link leads, too. */
function describePath(file: string): string {
  try {
    if (fs.lstatSync(file).isSymbolicLink()) {
      return vscode.l10n.t('{0} (a symbolic link to {1})', file, path.resolve(path.dirname(file), fs.readlinkSync(file)));
    }
  } catch {
    // Not there yet: the path as it is.
  }
  return file;
}

export function claudeUserSettingsPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.CLAUDE_CONFIG_DIR || path.join(os.homedir(), '.claude'), 'settings.json');
}

/** Applies the selection to each target; returns the lines to report. Throws the sidecar's error. */
async function applyTo(services: Services, selection: Selection, requested: WriteTarget[], prompt: ConsentPrompt): Promise<string[]> {
  if (!vscode.workspace.isTrusted) {
    // Every caller checks first; this keeps an untrusted folder from ever reaching a write, a key or git.
    throw new Error(vscode.l10n.t('This folder is not trusted: nothing was written.'));
  }
  const apiKey = selection.auth === 'key' ? await readApiKey(services.context.secrets, selection) : undefined;
  if (selection.auth === 'key' && !apiKey) {
    services.statusBar.update({ health: { ...(services.statusBar.current.health ?? { selected: null }), keyMissing: true } });
    throw new Error(vscode.l10n.t('API key auth is chosen for {0}, but no key is stored. Run "Foundry: Set API Key" first.', selection.resource));
  }
  const dotenv = dotenvFile();
  const paths: TargetPaths = {
    dotenv: dotenv && describePath(dotenv),
    userSettings: describePath(claudeUserSettingsPath()),
    claudeCodeExtension: vscode.l10n.t('your VS Code user settings (claudeCode.environmentVariables)'),
  };
  const targets = await consentToWorkspaceTargets(services, vscode.workspace.workspaceFolders?.[0]?.uri, requested, paths, prompt);
  const report: string[] = [];
  for (const skipped of requested.filter((t) => !targets.includes(t))) {
    report.push(vscode.l10n.t('Not written (this folder\'s settings asked for it, without your consent): {0}.', paths[skipped] ?? skipped));
  }
  // One listing of the variables for terminals and the Claude Code extension; files are merged by the sidecar.
  const env: EnvResult = await services.client.request(Rpc.envGenerate, envParams(selection, 'json', apiKey));
  report.push(...env.warnings);
  const sonnet = env.choices.find((c) => c.family === 'sonnet')?.deployment?.name;
  services.statusBar.update({ selection: { ...selection, deployments: { ...selection.deployments, sonnet: selection.deployments.sonnet ?? sonnet } } });

  if (!targets.includes('terminals')) {
    services.terminals.clear();
  } else {
    services.terminals.apply(selection.resource, env.variables, apiKey);
    await services.selection.rememberVariables(storableVariables(env.variables));
    report.push(vscode.l10n.t('New terminals get the Foundry variables.'));
  }
  if (targets.includes('claudeCodeExtension')) {
    if (!vscode.extensions.getExtension(ClaudeCodeExtensionId)) {
      // VS Code refuses to write settings that no installed extension declares.
      report.push(vscode.l10n.t('The Claude Code extension ({0}) is not installed here: its settings were not written.', ClaudeCodeExtensionId));
    } else if (await consentToClaudeCodeSettings(services)) {
      const claude = vscode.workspace.getConfiguration('claudeCode');
      const list = mergeClaudeCodeList(claude.get<{ name: string; value: string }[]>('environmentVariables'), env.variables, ManagedVariables);
      await claude.update('environmentVariables', list, vscode.ConfigurationTarget.Global);
      await claude.update('disableLoginPrompt', true, vscode.ConfigurationTarget.Global);
      report.push(vscode.l10n.t('The Claude Code extension\'s settings were updated (claudeCode.environmentVariables, claudeCode.disableLoginPrompt).'));
      if (selection.auth === 'key') {
        report.push(vscode.l10n.t('The key is not written to VS Code settings: the Claude Code panel uses Entra ID or a key from its own environment.'));
      }
    }
  }
  if (targets.includes('dotenv')) {
    if (!dotenv) {
      report.push(vscode.l10n.t('No folder is open: the .env file was not written.'));
    } else {
      const file = dotenv;
      const r = await services.client.request(Rpc.envGenerate, envParams(selection, 'dotenv', apiKey, file));
      report.push(r.file?.changed ? vscode.l10n.t('Wrote {0}.', r.file.path) : vscode.l10n.t('{0} was already up to date.', file));
    }
  }
  if (targets.includes('userSettings')) {
    const file = claudeUserSettingsPath();
    const r = await services.client.request(Rpc.envGenerate, envParams(selection, 'claude-settings', apiKey, file));
    report.push(r.file?.changed ? vscode.l10n.t('Wrote {0}.', r.file.path) : vscode.l10n.t('{0} was already up to date.', file));
  }
  services.log.info(`applied ${selection.resource} to ${targets.join(', ')}`);
  return report;
}

async function consentToClaudeCodeSettings(services: Services): Promise<boolean> {
  if (services.context.globalState.get<boolean>(ConsentKey)) {
    return true;
  }
  const allow = vscode.l10n.t('Allow');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('Update the Claude Code extension\'s user settings (claudeCode.environmentVariables) with the Foundry variables, and turn off its Anthropic login prompt?'),
    { modal: true },
    allow,
  );
  if (choice === allow) {
    await services.context.globalState.update(ConsentKey, true);
    return true;
  }
  return false;
}

/**
 * A resource named by hand in settings.json (not picked): find it in the listing (the sidecar's cache) to learn its
 * subscription, region and endpoint. Returns false, after saying why, when it is not there.
 */
export async function resolveHandEdited(services: Services, selection: Selection): Promise<boolean> {
  const remembered = services.selection.remembered();
  if (selection.id && remembered && remembered.resource.toLowerCase() === selection.resource.toLowerCase()) {
    return true;
  }
  const result = await services.client.request(Rpc.resourcesList, { tenant: cloudSettings().tenant ?? undefined });
  const named = result.resources.filter((r) => r.name.toLowerCase() === selection.resource.toLowerCase());
  const found = named.find((r) => r.subscriptionId === selection.subscriptionId) ?? (named.length === 1 ? named[0] : undefined);
  if (!found) {
    const pick = vscode.l10n.t('Select Resource');
    const message = named.length > 1
      ? vscode.l10n.t('{0} exists in {1} subscriptions: set foundryIde.subscription, or pick it with "Foundry: Select Resource".', selection.resource, named.length)
      : vscode.l10n.t('{0} (foundryIde.resource) is not among the Foundry resources this identity can list.', selection.resource);
    services.log.warn(message);
    if ((await vscode.window.showWarningMessage(message, pick)) === pick) {
      await vscode.commands.executeCommand('foundryIde.selectResource');
    }
    return false;
  }
  // Deployment names chosen for another resource rarely exist on this one: those fall back to the default.
  const deployments = { ...selection.deployments };
  for (const family of ['opus', 'sonnet', 'haiku'] as const) {
    const name = deployments[family];
    if (name && !found.deployments.some((d) => d.name === name)) {
      services.log.warn(`${found.name} has no deployment named ${name} (${family}): the newest healthy ${family} deployment is used`);
      deployments[family] = undefined;
    }
  }
  await services.reapply.hold(() => services.selection.set({
    resource: found.name,
    id: found.id,
    subscriptionId: found.subscriptionId,
    resourceGroup: found.resourceGroup,
    location: found.location,
    endpoint: found.endpoint,
    deployments,
  }));
  services.log.info(`foundryIde.resource set to ${found.name}: found in subscription ${found.subscriptionId}`);
  return true;
}

export interface ApplyOptions {
  /** The automatic re-apply after a settings change: no dialog (Restricted Mode is logged, consent is not asked). */
  quiet?: boolean;
  /** "Configure Claude Code" itself: a folder's targets refused earlier are asked about again. */
  reconsider?: boolean;
}

/**
 * After a switch of resource or deployments: everything that is configured follows at once. In Restricted Mode
 * nothing is applied.
 */
export async function applyConfigured(services: Services, { quiet = false, reconsider = false }: ApplyOptions = {}): Promise<void> {
  let selection = services.selection.get();
  if (!vscode.workspace.isTrusted) {
    services.statusBar.update({ selection });
    if (quiet) {
      services.log.info('Restricted Mode: the selection is not applied until the folder is trusted');
    } else {
      await requireTrust(services, vscode.l10n.t('configure Claude Code'));
    }
    return;
  }
  services.reapply.markApplied(selectionSignature(selection));
  if (!selection) {
    services.statusBar.update({ selection: undefined, health: undefined });
    services.terminals.clear();
    services.log.info('no resource selected: the terminal variables were removed');
    return;
  }
  services.statusBar.update({ selection });
  try {
    if (!(await resolveHandEdited(services, selection))) {
      return;
    }
    selection = services.selection.get() ?? selection;
    services.reapply.markApplied(selectionSignature(selection));
    const applying = selection;
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Configuring Claude Code for {0}…', applying.resource) },
      () => applyTo(services, applying, writeTargets(), quiet ? 'never' : reconsider ? 'always' : 'unanswered'),
    );
    void vscode.window.showInformationMessage(vscode.l10n.t('Claude Code now uses {0}. {1}', selection.resource, report.join(' ')));
    void checkHealth(services);
  } catch (error) {
    await showError(services, vscode.l10n.t('Configure Claude Code'), error);
  }
}

interface TargetItem extends vscode.QuickPickItem {
  target: WriteTarget;
}

export async function configureClaudeCode(services: Services): Promise<void> {
  if (!(await requireTrust(services, vscode.l10n.t('configure Claude Code')))) {
    return;
  }
  if (!services.selection.get()) {
    await vscode.commands.executeCommand('foundryIde.selectResource');
    if (!services.selection.get()) {
      return;
    }
  }
  const current = new Set(writeTargets());
  const items: TargetItem[] = [
    { target: 'terminals', label: vscode.l10n.t('Integrated terminals'), detail: vscode.l10n.t('New terminals (and the one Claude Code opens) get the variables; nothing is written to disk.') },
    {
      target: 'claudeCodeExtension',
      label: vscode.l10n.t('Claude Code extension settings'),
      description: vscode.extensions.getExtension(ClaudeCodeExtensionId) ? undefined : vscode.l10n.t('not installed'),
      detail: vscode.l10n.t('claudeCode.environmentVariables and claudeCode.disableLoginPrompt in your user settings.'),
    },
    { target: 'dotenv', label: vscode.l10n.t('.env file in the workspace'), detail: vscode.l10n.t('Merged into {0}; a key is never written to a file git tracks.', dotenvPath()) },
    { target: 'userSettings', label: vscode.l10n.t('Claude Code user settings'), detail: claudeUserSettingsPath() },
  ].map((i) => ({ ...i, picked: current.has(i.target as WriteTarget) }) as TargetItem);
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: vscode.l10n.t('Foundry: configure Claude Code'),
    placeHolder: vscode.l10n.t('Where should the Foundry settings go?'),
  });
  if (!picked || picked.length === 0) {
    return;
  }
  const targets = picked.map((p) => p.target);
  if (targets.length !== current.size || targets.some((t) => !current.has(t))) {
    await updateSetting('writeTo', targets);
  }
  await applyConfigured(services, { reconsider: true });
}
