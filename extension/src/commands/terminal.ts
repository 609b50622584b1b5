import * as vscode from 'vscode';
import { Services } from '../services';
import { planTerminalEnv } from '../terminalEnv';
import { readApiKey, requireTrust } from '../trust';

/** A terminal named for the resource that starts `claude`, with the variables in its own env too. */
export async function openClaudeTerminal(services: Services): Promise<void> {
  if (!(await requireTrust(services, vscode.l10n.t('open a Claude Code terminal')))) {
    return;
  }
  const selection = services.selection.get();
  if (!selection) {
    await vscode.commands.executeCommand('foundryIde.selectResource');
    if (!services.selection.get()) {
      return;
    }
    return openClaudeTerminal(services);
  }
  const remembered = services.selection.remembered();
  // The variables applied last, if they were for this resource (the key only with them: it goes to that resource).
  const variables = remembered?.resource.toLowerCase() === selection.resource.toLowerCase() ? (remembered.variables ?? []) : [];
  const apiKey = selection.auth === 'key' && variables.length ? await readApiKey(services.context.secrets, selection) : undefined;
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
