import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { apiKeySecretName, dotenvPath, updateSetting, writeTargets, WriteTarget } from '../config';
import { Rpc } from '../sidecar/protocol';
import type { EnvFormat, EnvParams, EnvResult } from '../sidecar/protocol';
import { Services, showError, workspaceFolderPath } from '../services';
import type { Selection } from '../statusModel';
import { ManagedVariables, mergeClaudeCodeList, storableVariables } from '../terminalEnv';

const ConsentKey = 'foundryIde.consent.claudeCodeExtension';

function envParams(selection: Selection, format: EnvFormat, apiKey: string | undefined, output?: string): EnvParams {
  return {
    resource: selection.resource,
    subscription: selection.subscriptionId || undefined,
    opus: selection.deployments.opus,
    sonnet: selection.deployments.sonnet,
    haiku: selection.deployments.haiku,
    auth: selection.auth,
    format,
    apiKey: selection.auth === 'key' ? apiKey : undefined,
    output,
  };
}

export function claudeUserSettingsPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.CLAUDE_CONFIG_DIR || path.join(os.homedir(), '.claude'), 'settings.json');
}

/** Applies the selection to each target; returns the lines to report. Throws the sidecar's error. */
async function applyTo(services: Services, selection: Selection, targets: WriteTarget[], token?: vscode.CancellationToken): Promise<string[]> {
  const apiKey = await services.context.secrets.get(apiKeySecretName(selection.resource));
  if (selection.auth === 'key' && !apiKey) {
    services.statusBar.update({ health: { ...(services.statusBar.current.health ?? { selected: null }), keyMissing: true } });
    throw new Error(vscode.l10n.t('API key auth is chosen for {0}, but no key is stored. Run "Foundry: Set API Key" first.', selection.resource));
  }
  const report: string[] = [];
  // One listing of the variables for terminals and the Claude Code extension; files are merged by the sidecar.
  const env: EnvResult = await services.client.request(Rpc.envGenerate, envParams(selection, 'json', apiKey), token);
  report.push(...env.warnings);
  const sonnet = env.choices.find((c) => c.family === 'sonnet')?.deployment?.name;
  services.statusBar.update({ selection: { ...selection, deployments: { ...selection.deployments, sonnet: selection.deployments.sonnet ?? sonnet } } });

  if (targets.includes('terminals')) {
    services.terminals.apply(selection.resource, env.variables, apiKey);
    await services.selection.rememberVariables(storableVariables(env.variables));
    report.push(vscode.l10n.t('New terminals get the Foundry variables.'));
  }
  if (targets.includes('claudeCodeExtension')) {
    if (await consentToClaudeCodeSettings(services)) {
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
    const folder = workspaceFolderPath();
    if (!folder) {
      report.push(vscode.l10n.t('No folder is open: the .env file was not written.'));
    } else {
      const file = path.resolve(folder, dotenvPath());
      const r = await services.client.request(Rpc.envGenerate, envParams(selection, 'dotenv', apiKey, file), token);
      report.push(r.file?.changed ? vscode.l10n.t('Wrote {0}.', r.file.path) : vscode.l10n.t('{0} was already up to date.', file));
    }
  }
  if (targets.includes('userSettings')) {
    const file = claudeUserSettingsPath();
    const r = await services.client.request(Rpc.envGenerate, envParams(selection, 'claude-settings', apiKey, file), token);
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

/** After a switch of resource or deployments: everything that is configured follows at once. */
export async function applyConfigured(services: Services): Promise<void> {
  const selection = services.selection.get();
  if (!selection) {
    return;
  }
  services.statusBar.update({ selection });
  try {
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Configuring Claude Code for {0}…', selection.resource) },
      () => applyTo(services, selection, writeTargets()),
    );
    void vscode.window.showInformationMessage(vscode.l10n.t('Claude Code now uses {0}. {1}', selection.resource, report.join(' ')));
  } catch (error) {
    await showError(services, vscode.l10n.t('Configure Claude Code'), error);
  }
}

interface TargetItem extends vscode.QuickPickItem {
  target: WriteTarget;
}

export async function configureClaudeCode(services: Services): Promise<void> {
  if (!services.selection.get()) {
    await vscode.commands.executeCommand('foundryIde.selectResource');
    if (!services.selection.get()) {
      return;
    }
  }
  const current = new Set(writeTargets());
  const items: TargetItem[] = [
    { target: 'terminals', label: vscode.l10n.t('Integrated terminals'), detail: vscode.l10n.t('New terminals (and the one Claude Code opens) get the variables; nothing is written to disk.') },
    { target: 'claudeCodeExtension', label: vscode.l10n.t('Claude Code extension settings'), detail: vscode.l10n.t('claudeCode.environmentVariables and claudeCode.disableLoginPrompt in your user settings.') },
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
  await updateSetting('writeTo', targets);
  if (!targets.includes('terminals')) {
    services.terminals.clear();
  }
  await applyConfigured(services);
}
