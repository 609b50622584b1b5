import * as vscode from 'vscode';
import { Rpc } from '../sidecar/protocol';
import type { DoctorReport, FixCommand } from '../sidecar/protocol';
import { Services, showError, workspaceFolderPath } from '../services';
import { healthFromReport } from '../health';
import { requireTrust } from '../trust';

interface ReportItem extends vscode.QuickPickItem {
  run?: FixCommand;
}

/** A fix the server gave as a program and its arguments (never one read out of the fix text). */
function runnable(run: FixCommand | null | undefined): FixCommand | undefined {
  return run && typeof run.program === 'string' && run.program && Array.isArray(run.arguments) && run.arguments.every((a) => typeof a === 'string') ? run : undefined;
}

/** Runs a fix in a terminal of its own: the program with its arguments, no shell parses anything. */
async function runFix(services: Services, run: FixCommand): Promise<void> {
  if (!(await requireTrust(services, vscode.l10n.t('run the fix')))) {
    return;
  }
  const ok = vscode.l10n.t('Run');
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Run "{0}" in a terminal?', run.commandLine), { modal: true }, ok);
  if (choice === ok) {
    services.log.info(`running the fix ${JSON.stringify([run.program, ...run.arguments])}`);
    const terminal = vscode.window.createTerminal({ name: vscode.l10n.t('Foundry fix'), shellPath: run.program, shellArgs: run.arguments });
    terminal.show();
  }
}

const icons: Record<string, string> = { ok: '$(pass)', unavailable: '$(circle-slash)', failed: '$(error)' };

export async function diagnose(services: Services): Promise<void> {
  const selection = services.selection.get();
  let report: DoctorReport;
  try {
    services.state.setHealth({ selected: null, checking: true });
    report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the credentials Claude Code will use…'), cancellable: true },
      (_progress, token) =>
        services.client.request(
          Rpc.doctorRun,
          {
            resource: selection?.resource,
            subscription: selection?.subscriptionId || undefined,
            // An untrusted folder's files are not read (its Claude Code settings are checked once it is trusted).
            workspaceFolder: vscode.workspace.isTrusted ? workspaceFolderPath() : undefined,
            shell: vscode.env.shell || undefined,
          },
          token,
        ),
    );
  } catch (error) {
    services.state.setHealth(undefined);
    await showError(services, vscode.l10n.t('Diagnose credentials'), error);
    return;
  }
  services.state.setHealth(healthFromReport(report));
  services.log.info(`doctor: ${report.summary}`);

  const items: ReportItem[] = [];
  items.push({ label: report.selected ? '$(pass) ' + report.summary : '$(error) ' + report.summary, alwaysShow: true });
  if (report.access) {
    items.push({ label: vscode.l10n.t('Access to {0}', report.access.resource), kind: vscode.QuickPickItemKind.Separator });
    items.push({
      label: `${report.access.status === 'ok' ? '$(pass)' : '$(error)'} ${report.access.status}`,
      detail: withCommand(report.access.fix ? `${report.access.detail} ${report.access.fix}` : report.access.detail, report.access.run),
      run: runnable(report.access.run),
    });
  }
  items.push({ label: vscode.l10n.t('Credential chain, in the order Claude Code tries it'), kind: vscode.QuickPickItemKind.Separator });
  for (const link of report.links) {
    items.push({
      label: `${icons[link.status] ?? ''} ${link.name}`,
      description: link.name === report.selected ? vscode.l10n.t('used by Claude Code') : link.status,
      detail: withCommand(link.fix ? `${link.detail} ${vscode.l10n.t('Fix: {0}', link.fix)}` : link.detail, link.run),
      run: runnable(link.run),
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
    await runFix(services, picked.run);
  }
}

/** The detail line, with the command a pick runs (as the server quoted it for this terminal's shell). */
function withCommand(detail: string, run: FixCommand | null | undefined): string {
  const command = runnable(run);
  return command ? `${detail} ${vscode.l10n.t('Runs: {0}', command.commandLine)}` : detail;
}
