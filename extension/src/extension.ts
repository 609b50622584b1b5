import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { clearApiKey, setApiKey } from './commands/apiKey';
import { applyConfigured, configureClaudeCode } from './commands/configure';
import { testConnection } from './commands/connection';
import { deployClaudeModels } from './commands/deploy';
import { deployTargetOf } from './commands/deployAnswers';
import { diagnose } from './commands/diagnose';
import { chooseDeployments, selectResource } from './commands/resources';
import { openClaudeTerminal } from './commands/terminal';
import { cloudSettings, Section, SelectionStore, writeTargets } from './config';
import { checkHealth } from './healthCheck';
import { SidecarClient } from './sidecar/client';
import { Rpc } from './sidecar/protocol';
import { sidecarLogLevel } from './sidecar/logLines';
import { Reapplier, selectionSignature } from './reapply';
import { resolveServerCommand } from './sidecar/serverPath';
import { Services } from './services';
import { StateModel } from './state';
import { FoundryStatusBar } from './statusBar';
import { TerminalEnvironment } from './terminals';
import { readApiKey, warnIgnoredWorkspaceSettings } from './trust';
import { apiKeySecretName, legacyApiKeySecretName, UserOnlySettings } from './trustPolicy';

let client: SidecarClient | undefined;

/**
 * Cheap on purpose: no process starts here unless a resource is already configured (then the sidecar starts in
 * the background to check credentials for the status bar). Everything else waits for the first command.
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel(vscode.l10n.t('FoundryIde'), { log: true });
  // One state; the status bar follows it (no command touches the item).
  const state = new StateModel({ sidecar: 'stopped', restricted: !vscode.workspace.isTrusted });
  const statusBar = new FoundryStatusBar(state);
  const terminals = new TerminalEnvironment(context.environmentVariableCollection, log);
  const selection = new SelectionStore(context.globalState);
  const version = (context.extension.packageJSON as { version?: string }).version ?? '0.0.0';

  client = new SidecarClient({
    clientName: 'vscode',
    clientVersion: `${version} (VS Code ${vscode.version})`,
    command: () =>
      resolveServerCommand({ extensionPath: context.extensionPath, env: process.env, platform: process.platform, exists: fs.existsSync }),
    settings: cloudSettings,
    env: () => ({ ...process.env, FOUNDRYIDE_LOG_LEVEL: sidecarLogLevel(log.logLevel) }),
    log: (entry) => { log[entry.level](`[sidecar] ${entry.message}`); },
    askToRestart: async (reason) => {
      const restart = vscode.l10n.t('Restart');
      const logs = vscode.l10n.t('Show Logs');
      const choice = await vscode.window.showErrorMessage(
        vscode.l10n.t('The FoundryIde sidecar keeps stopping ({0}).', reason),
        restart,
        logs,
      );
      if (choice === logs) {
        log.show();
      }
      return choice === restart;
    },
  });
  // The sidecar logs at the output channel's level, changed live (a new sidecar takes it from FOUNDRYIDE_LOG_LEVEL).
  context.subscriptions.push(
    log.onDidChangeLogLevel((level) => {
      void client?.notify(Rpc.logSetLevel, { level: sidecarLogLevel(level) });
    }),
  );
  const reapply = new Reapplier({
    current: () => selectionSignature(selection.get()),
    apply: () => applyConfigured(services, { quiet: true }),
  });
  // What was configured in an earlier session counts as applied: activation restores it without re-running it.
  reapply.markApplied(selection.remembered()?.variables ? selectionSignature(selection.get()) : undefined);
  const services: Services = { context, log, client, selection, state, terminals, reapply };

  context.subscriptions.push(
    log,
    statusBar,
    state,
    client,
    reapply,
    client.onDidChangeState((sidecar) => { state.update({ sidecar }); }),
    register('foundryIde.diagnose', () => diagnose(services)),
    register('foundryIde.selectResource', () => selectResource(services)),
    register('foundryIde.chooseDeployments', () => chooseDeployments(services)),
    register('foundryIde.deployClaudeModels', (arg?: unknown) => deployClaudeModels(services, deployTargetOf(arg))),
    register('foundryIde.configureClaudeCode', () => configureClaudeCode(services)),
    register('foundryIde.testConnection', () => testConnection(services)),
    register('foundryIde.setApiKey', () => setApiKey(services)),
    register('foundryIde.clearApiKey', () => clearApiKey(services)),
    register('foundryIde.openTerminal', () => openClaudeTerminal(services)),
    register('foundryIde.showLogs', () => { log.show(); }),
    register('foundryIde.restartSidecar', async () => {
      try {
        await services.client.restart();
      } catch (error) {
        log.error(`restart failed: ${String(error)}`);
        void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
      }
    }),
    vscode.workspace.onDidChangeConfiguration((e) => { onConfigurationChanged(services, e); }),
    context.secrets.onDidChange((e) => {
      const current = selection.get();
      if (current && (e.key === legacyApiKeySecretName(current.resource) || (current.id && e.key === apiKeySecretName(current.id)))) {
        void restoreTerminalEnv(services);
      }
    }),
    // Trusted now: what Restricted Mode held back is restored as at activation (a folder's settings apply from here).
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      services.log.info('the folder is trusted now');
      const now = selection.get();
      state.update({ restricted: false, selection: now });
      if (now) {
        void restoreTerminalEnv(services);
        void checkHealth(services);
      }
    }),
  );

  const current = selection.get();
  const remembered = selection.remembered();
  const applied = current && remembered?.variables && remembered.resource === current.resource
    ? { resource: current.resource, choices: remembered.choices ?? [] } : undefined;
  // In Restricted Mode terminals get no Foundry variable at all (not even the non-secret ones) until trust is given.
  state.update({ selection: current, applied });
  void warnIgnoredWorkspaceSettings(services);
  if (current) {
    void restoreTerminalEnv(services);
    void checkHealth(services);
    if (vscode.workspace.isTrusted) {
      // A selection saved but never applied (the window reloaded while it was being applied): applied once now.
      reapply.schedule();
    }
  }
}

function register(id: string, run: (arg?: unknown) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, run);
}

/** The collection is not persistent (it may hold the key): put the remembered variables back at activation. */
async function restoreTerminalEnv(services: Services): Promise<void> {
  const current = services.selection.get();
  const remembered = services.selection.remembered();
  if (!vscode.workspace.isTrusted || !current || !remembered?.variables || remembered.resource !== current.resource || !writeTargets().includes('terminals')) {
    return;
  }
  const key = current.auth === 'key' ? await readApiKey(services.context.secrets, current) : undefined;
  const { missing } = services.terminals.apply(current.resource, remembered.variables, key);
  services.state.setKeyMissing(missing.length > 0);
}

function onConfigurationChanged(services: Services, e: vscode.ConfigurationChangeEvent): void {
  if (UserOnlySettings.some((k) => e.affectsConfiguration(`${Section}.${k}`))) {
    void warnIgnoredWorkspaceSettings(services);
    services.client.updateSettings().catch((error: unknown) => { services.log.warn(`settings/update: ${String(error)}`); });
  }
  if (['resource', 'subscription', 'deployments', 'auth'].some((k) => e.affectsConfiguration(`${Section}.${k}`))) {
    // Edited by hand, or written by a command (then already applied: the reapplier skips it).
    const current = services.selection.get();
    if (selectionSignature(current) !== services.reapply.lastApplied) {
      services.state.update({ selection: current });
    }
    services.reapply.schedule();
  }
  if (['writeTo', 'dotenvPath'].some((k) => e.affectsConfiguration(`${Section}.${k}`))) {
    services.reapply.markApplied(undefined);
    services.reapply.schedule();
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
