import * as vscode from 'vscode';
import { selectionParams } from '../config';
import { Rpc } from '../sidecar/protocol';
import { Services, showError } from '../services';
import { readApiKey, requireTrust } from '../trust';
import { withId } from './apiKey';

export async function testConnection(services: Services): Promise<void> {
  const current = services.selection.get();
  if (!current) {
    await vscode.commands.executeCommand('foundryIde.selectResource');
    return;
  }
  let apiKey: string | undefined;
  let selection = current;
  if (current.auth === 'key') {
    // A key is sent only from a trusted folder, and only to the resource it was stored for (its ARM id).
    const resolved = (await requireTrust(services, vscode.l10n.t('test the connection with the API key'))) ? await withId(services, current) : undefined;
    if (!resolved) {
      return;
    }
    selection = resolved;
    apiKey = await readApiKey(services.context.secrets, selection);
  }
  try {
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Asking Claude on {0}…', selection.resource), cancellable: true },
      (_p, token) =>
        services.client.request(Rpc.connectionTest, selectionParams(selection, apiKey), token),
    );
    for (const r of report.results) {
      services.log.info(`test ${r.family} ${r.deployment}: ${r.status} ${r.httpStatus ?? ''} ${r.detail}`);
    }
    const failed = report.results.filter((r) => r.status !== 'ok');
    if (report.results.length > 0 && failed.length === 0) {
      const lines = report.results.map((r) => `${r.family} ${r.deployment} ${r.latencyMs ?? '?'} ms`);
      void vscode.window.showInformationMessage(vscode.l10n.t('Claude answered on {0} with {1}: {2}', report.resource, report.auth, lines.join(', ')));
      return;
    }
    const first = failed[0];
    const message = first
      ? vscode.l10n.t('{0} ({1}): {2} {3}', first.deployment, first.family, first.detail, first.fix ?? '')
      : vscode.l10n.t('Nothing could be tested on {0}. {1}', report.resource, report.warnings.join(' '));
    const diagnose = vscode.l10n.t('Diagnose Credentials');
    const logs = vscode.l10n.t('Show Logs');
    const choice = await vscode.window.showErrorMessage(message, diagnose, logs);
    if (choice === diagnose) {
      await vscode.commands.executeCommand('foundryIde.diagnose');
    } else if (choice === logs) {
      services.log.show();
    }
  } catch (error) {
    await showError(services, vscode.l10n.t('Test connection'), error);
  }
}
