import * as vscode from 'vscode';
import { dotenvPath, selectionParams, updateSetting, writeTargets, WriteTarget } from '../config';
import { checkHealth } from '../healthCheck';
import { selectionSignature } from '../reapply';
import { Rpc } from '../sidecar/protocol';
import type { ApplyFile, ApplyParams, ApplyResult } from '../sidecar/protocol';
import { Services, showError, workspaceFolderPath } from '../services';
import type { Selection } from '../statusModel';
import { storableVariables } from '../terminalEnv';
import { ConsentPrompt, consentToWorkspaceTargets, readApiKey, requireTrust, TargetPaths } from '../trust';

const ConsentKey = 'foundryIde.consent.claudeCodeExtension';
const ClaudeCodeExtensionId = 'anthropic.claude-code';

/** What config/apply takes for this selection, before the targets: the sidecar decides everything else. */
function applyParams(selection: Selection, apiKey: string | undefined): Omit<ApplyParams, 'targets'> {
  return { selection: { ...selectionParams(selection, apiKey), workspaceFolder: workspaceFolderPath() }, dotenvPath: dotenvPath() };
}

/** A file as a person is asked about it: its path, and where a symbolic link on it leads (the sidecar resolved it). */
function describeFile(file: ApplyFile): string {
  return file.linksTo ? vscode.l10n.t('{0} (a symbolic link to {1})', file.path, file.linksTo) : file.path;
}

/** The files the targets would write, from a dry run (no Azure call, nothing written). */
async function planPaths(services: Services, selection: Selection, targets: WriteTarget[]): Promise<TargetPaths> {
  const paths: TargetPaths = { claudeCodeExtension: vscode.l10n.t('your VS Code user settings (claudeCode.environmentVariables)') };
  const files = targets.filter((t) => t === 'dotenv' || t === 'userSettings');
  if (files.length) {
    const plan = await services.client.request(Rpc.configApply, { ...applyParams(selection, undefined), targets: files, dryRun: true });
    for (const file of plan.files) {
      paths[file.target] = describeFile(file);
    }
  }
  return paths;
}

interface Applied {
  report: string[];
  /** Targets that failed (a refused symlink, a file that does not parse …): shown as an error. */
  errors: string[];
}

/** Applies the selection to each target with one config/apply; the editor does what only it can do. */
async function applyTo(services: Services, selection: Selection, requested: WriteTarget[], prompt: ConsentPrompt): Promise<Applied> {
  if (!vscode.workspace.isTrusted) {
    // Every caller checks first; this keeps an untrusted folder from ever reaching a write, a key or git.
    throw new Error(vscode.l10n.t('This folder is not trusted: nothing was written.'));
  }
  const apiKey = selection.auth === 'key' ? await readApiKey(services.context.secrets, selection) : undefined;
  if (selection.auth === 'key' && !apiKey) {
    services.state.setKeyMissing(true);
    throw new Error(vscode.l10n.t('API key auth is chosen for {0}, but no key is stored. Run "Foundry: Set API Key" first.', selection.resource));
  }
  const { targets, paths } = await consentToWorkspaceTargets(
    services, vscode.workspace.workspaceFolders?.[0]?.uri, requested, (needing) => planPaths(services, selection, needing), prompt);
  const report: string[] = [];
  for (const skipped of requested.filter((t) => !targets.includes(t))) {
    report.push(vscode.l10n.t('Not written (this folder\'s settings asked for it, without your consent): {0}.', paths[skipped] ?? skipped));
  }
  let claudeCode = targets.includes('claudeCodeExtension');
  if (claudeCode && !vscode.extensions.getExtension(ClaudeCodeExtensionId)) {
    // VS Code refuses to write settings that no installed extension declares.
    report.push(vscode.l10n.t('The Claude Code extension ({0}) is not installed here: its settings were not written.', ClaudeCodeExtensionId));
    claudeCode = false;
  } else if (claudeCode) {
    claudeCode = await consentToClaudeCodeSettings(services);
  }
  const claude = vscode.workspace.getConfiguration('claudeCode');
  // One call: the variables for terminals, the merged list for the Claude Code extension, the files written.
  const result: ApplyResult = await services.client.request(Rpc.configApply, {
    ...applyParams(selection, apiKey),
    targets: targets.filter((t) => t !== 'claudeCodeExtension' || claudeCode),
    // The user's own list (where it is written back), never a folder's.
    claudeCodeEnvironmentVariables: claudeCode ? (claude.inspect<unknown>('environmentVariables')?.globalValue ?? []) : undefined,
  });
  report.push(...result.warnings);
  services.state.update({ selection, applied: { resource: selection.resource, choices: result.choices } });

  if (!targets.includes('terminals')) {
    services.terminals.clear();
  } else {
    services.terminals.apply(selection.resource, result.variables, apiKey);
    await services.selection.rememberApplied(storableVariables(result.variables), result.choices);
    report.push(vscode.l10n.t('New terminals get the Foundry variables.'));
  }
  if (claudeCode && result.claudeCodeEnvironmentVariables) {
    await claude.update('environmentVariables', result.claudeCodeEnvironmentVariables, vscode.ConfigurationTarget.Global);
    await claude.update('disableLoginPrompt', true, vscode.ConfigurationTarget.Global);
    report.push(vscode.l10n.t('The Claude Code extension\'s settings were updated (claudeCode.environmentVariables, claudeCode.disableLoginPrompt).'));
    if (selection.auth === 'key') {
      report.push(vscode.l10n.t('The key is not written to VS Code settings: the Claude Code panel uses Entra ID or a key from its own environment.'));
    }
  }
  const errors: string[] = [];
  for (const file of result.files) {
    if (file.error) {
      errors.push(file.error);
    } else {
      report.push(file.changed ? vscode.l10n.t('Wrote {0}.', file.path) : vscode.l10n.t('{0} was already up to date.', file.path));
    }
  }
  services.log.info(`applied ${selection.resource} to ${targets.join(', ')}: ${result.choices.map((c) => `${c.family} ${c.deployment?.name ?? '-'} (${c.reason})`).join(', ')}`);
  return { report, errors };
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
  const result = await services.client.request(Rpc.resourcesList, {});
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
  for (const [family, name] of Object.entries(deployments) as [keyof Selection['deployments'], string | undefined][]) {
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
    services.state.update({ selection });
    if (quiet) {
      services.log.info('Restricted Mode: the selection is not applied until the folder is trusted');
    } else {
      await requireTrust(services, vscode.l10n.t('configure Claude Code'));
    }
    return;
  }
  services.reapply.markApplied(selectionSignature(selection));
  if (!selection) {
    services.state.update({ selection: undefined, applied: undefined, health: undefined });
    services.terminals.clear();
    services.log.info('no resource selected: the terminal variables were removed');
    return;
  }
  services.state.update({ selection });
  try {
    if (!(await resolveHandEdited(services, selection))) {
      return;
    }
    selection = services.selection.get() ?? selection;
    services.reapply.markApplied(selectionSignature(selection));
    const applying = selection;
    const { report, errors } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Configuring Claude Code for {0}…', applying.resource) },
      () => applyTo(services, applying, writeTargets(), quiet ? 'never' : reconsider ? 'always' : 'unanswered'),
    );
    void vscode.window.showInformationMessage(vscode.l10n.t('Claude Code now uses {0}. {1}', selection.resource, report.join(' ')));
    if (errors.length) {
      void showError(services, vscode.l10n.t('Configure Claude Code'), new Error(errors.join(' ')));
    }
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
  const selection = services.selection.get();
  // Where the files are is the sidecar's to say (CLAUDE_CONFIG_DIR, the .env path): a dry run, nothing written.
  const paths = selection ? await planPaths(services, selection, ['dotenv', 'userSettings']).catch((): TargetPaths => ({})) : {};
  const items: TargetItem[] = [
    { target: 'terminals', label: vscode.l10n.t('Integrated terminals'), detail: vscode.l10n.t('New terminals (and the one Claude Code opens) get the variables; nothing is written to disk.') },
    {
      target: 'claudeCodeExtension',
      label: vscode.l10n.t('Claude Code extension settings'),
      description: vscode.extensions.getExtension(ClaudeCodeExtensionId) ? undefined : vscode.l10n.t('not installed'),
      detail: vscode.l10n.t('claudeCode.environmentVariables and claudeCode.disableLoginPrompt in your user settings.'),
    },
    { target: 'dotenv', label: vscode.l10n.t('.env file in the workspace'), detail: vscode.l10n.t('Merged into {0}; a key is never written to a file git tracks.', paths.dotenv ?? dotenvPath()) },
    { target: 'userSettings', label: vscode.l10n.t('Claude Code user settings'), detail: paths.userSettings ?? vscode.l10n.t('Claude Code user settings') },
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
