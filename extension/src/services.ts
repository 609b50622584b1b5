import * as vscode from 'vscode';
import { SelectionStore } from './config';
import { describeError, SidecarClient } from './sidecar/client';
import { Reapplier } from './reapply';
import { StateModel } from './state';
import { TerminalEnvironment } from './terminals';

/** What the commands share; built once in `activate`. */
export interface Services {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  client: SidecarClient;
  selection: SelectionStore;
  /** Selection, health, sidecar, busy, Restricted Mode: commands change it, the status bar follows it. */
  state: StateModel;
  terminals: TerminalEnvironment;
  /** Re-applies the selection after settings changes (coalesced; skipped when nothing changed). */
  reapply: Reapplier;
}

/** Shows a sidecar error as a person reads it (its message; the code goes to the log). */
export async function showError(services: Services, what: string, error: unknown): Promise<void> {
  const e = describeError(error);
  if (error instanceof vscode.CancellationError) {
    return;
  }
  services.log.warn(`${what} failed${e.code ? ` (${e.code}${e.kind ? ` ${e.kind}` : ''})` : ''}: ${e.message}`);
  const diagnose = vscode.l10n.t('Diagnose Credentials');
  const logs = vscode.l10n.t('Show Logs');
  const actions = e.code === 1002 || e.code === 1003 ? [diagnose, logs] : [logs];
  const choice = await vscode.window.showErrorMessage(vscode.l10n.t('{0}: {1}', what, e.message), ...actions);
  if (choice === diagnose) {
    await vscode.commands.executeCommand('foundryIde.diagnose');
  } else if (choice === logs) {
    services.log.show();
  }
}

export function workspaceFolderPath(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}
