import * as vscode from 'vscode';
import { Rpc } from '../sidecar/protocol';
import type { DoctorReport } from '../sidecar/protocol';
import { Services, showError, workspaceFolderPath } from '../services';
import { healthFromReport } from '../health';

/** A command line inside a fix text (`az login`, `az role assignment create …`) that a terminal can run. */
export function runnableFix(fix: string | null | undefined): string | undefined {
  if (!fix) {
    return undefined;
  }
  const quoted = /`((?:az|azd|Connect-AzAccount)\b[^`]*)`/.exec(fix);
  return quoted?.[1];
}

interface ReportItem extends vscode.QuickPickItem {
  run?: string;
}

const icons: Record<string, string> = { ok: '$(pass)', unavailable: '$(circle-slash)', failed: '$(error)' };

export async function diagnose(services: Services): Promise<void> {
  const selection = services.selection.get();
  let report: DoctorReport;
  try {
    services.statusBar.update({ health: { ...services.statusBar.current.health, selected: null, checking: true } });
    report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the credentials Claude Code will use…'), cancellable: true },
      (_progress, token) =>
        services.client.request(
          Rpc.doctorRun,
          { resource: selection?.resource, subscription: selection?.subscriptionId || undefined, workspaceFolder: workspaceFolderPath() },
          token,
        ),
    );
  } catch (error) {
    services.statusBar.update({ health: undefined });
    await showError(services, vscode.l10n.t('Diagnose credentials'), error);
    return;
  }
  services.statusBar.update({ health: healthFromReport(report, services.statusBar.current.health?.keyMissing) });
  services.log.info(`doctor: ${report.summary}`);

  const items: ReportItem[] = [];
  items.push({ label: report.selected ? '$(pass) ' + report.summary : '$(error) ' + report.summary, alwaysShow: true });
  if (report.access) {
    items.push({ label: vscode.l10n.t('Access to {0}', report.access.resource), kind: vscode.QuickPickItemKind.Separator });
    items.push({
      label: `${report.access.status === 'ok' ? '$(pass)' : '$(error)'} ${report.access.status}`,
      detail: report.access.fix ? `${report.access.detail} ${report.access.fix}` : report.access.detail,
      run: runnableFix(report.access.fix),
    });
  }
  items.push({ label: vscode.l10n.t('Credential chain, in the order Claude Code tries it'), kind: vscode.QuickPickItemKind.Separator });
  for (const link of report.links) {
    const run = runnableFix(link.fix);
    items.push({
      label: `${icons[link.status] ?? ''} ${link.name}`,
      description: link.name === report.selected ? vscode.l10n.t('used by Claude Code') : link.status,
      detail: link.fix ? `${link.detail} ${vscode.l10n.t('Fix: {0}', link.fix)}` : link.detail,
      run,
    });
  }
  if (report.effective?.conflicts.length) {
    items.push({ label: vscode.l10n.t('Configuration conflicts'), kind: vscode.QuickPickItemKind.Separator });
    for (const c of report.effective.conflicts) {
      items.push({ label: `${c.severity === 'error' ? '$(error)' : '$(warning)'} ${c.code}`, detail: `${c.message} ${c.fix}` });
    }
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Foundry: credentials for Claude Code'),
    placeHolder: vscode.l10n.t('Pick an entry with a command to run its fix in a terminal'),
    matchOnDetail: true,
  });
  if (picked?.run) {
    const run = vscode.l10n.t('Run');
    const ok = await vscode.window.showInformationMessage(vscode.l10n.t('Run "{0}" in a terminal?', picked.run), { modal: true }, run);
    if (ok === run) {
      const terminal = vscode.window.createTerminal({ name: vscode.l10n.t('Foundry fix') });
      terminal.show();
      terminal.sendText(picked.run);
    }
  }
}
