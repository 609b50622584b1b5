import * as vscode from 'vscode';
import { apiKeySecretName } from '../config';
import { Services } from '../services';
import { planTerminalEnv } from '../terminalEnv';

/** A terminal named for the resource that starts `claude`, with the variables in its own env too. */
export async function openClaudeTerminal(services: Services): Promise<void> {
  const selection = services.selection.get();
  if (!selection) {
    await vscode.commands.executeCommand('foundryIde.selectResource');
    if (!services.selection.get()) {
      return;
    }
    return openClaudeTerminal(services);
  }
  const variables = services.selection.remembered()?.variables ?? [];
  const apiKey = selection.auth === 'key' ? await services.context.secrets.get(apiKeySecretName(selection.resource)) : undefined;
  const env: Record<string, string> = {};
  for (const op of planTerminalEnv(variables, apiKey).operations) {
    if (op.op === 'replace') {
      env[op.name] = op.value;
    }
  }
  const terminal = vscode.window.createTerminal({ name: vscode.l10n.t('Claude Code · {0}', selection.resource), env });
  terminal.show();
  terminal.sendText('claude');
}
