import * as vscode from 'vscode';
import { planTerminalEnv } from './terminalEnv';
import type { EnvVariable } from './sidecar/protocol';

/**
 * The Foundry variables for every new integrated terminal (the one the Claude Code extension opens included).
 * Non-persistent: the collection may hold the key, which must not be written to VS Code's storage; `restore`
 * re-applies it at activation from stored non-secret values and SecretStorage.
 */
export class TerminalEnvironment {
  constructor(
    private readonly collection: vscode.GlobalEnvironmentVariableCollection,
    private readonly log: vscode.LogOutputChannel,
  ) {
    collection.persistent = false;
  }

  apply(resource: string, variables: readonly EnvVariable[], apiKey: string | undefined): { missing: string[] } {
    const plan = planTerminalEnv(variables, apiKey);
    for (const operation of plan.operations) {
      if (operation.op === 'clear') {
        this.collection.clear();
      } else {
        this.collection.replace(operation.name, operation.value, { applyAtProcessCreation: true });
      }
    }
    this.collection.description = new vscode.MarkdownString(
      vscode.l10n.t('Claude Code on the Foundry resource **{0}** (FoundryIde)', resource),
    );
    const names = plan.operations.flatMap((o) => (o.op === 'replace' ? [o.name] : []));
    this.log.info(`terminal environment for ${resource}: ${names.join(', ')}${plan.secrets.length ? ' (key from SecretStorage)' : ''}`);
    return { missing: plan.missing };
  }

  clear(): void {
    this.collection.clear();
  }
}
