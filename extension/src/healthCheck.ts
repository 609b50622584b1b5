import * as vscode from 'vscode';
import { healthFromReport } from './health';
import { Rpc } from './sidecar/protocol';
import { Services, workspaceFolderPath } from './services';

/** The status bar's warning state: which credential Claude Code will use, and whether it may call the resource. */
export async function checkHealth(services: Services): Promise<void> {
  const current = services.selection.get();
  if (!current) {
    return;
  }
  services.state.setHealth({ selected: null, checking: true });
  try {
    const report = await services.client.request(Rpc.doctorRun, {
      resource: current.resource,
      subscription: current.subscriptionId || undefined,
      // An untrusted folder's files are not read.
      workspaceFolder: vscode.workspace.isTrusted ? workspaceFolderPath() : undefined,
      shell: vscode.env.shell || undefined,
      probeTimeoutSeconds: 15,
    });
    services.state.setHealth(healthFromReport(report));
  } catch (error) {
    services.log.warn(`health check failed: ${error instanceof Error ? error.message : String(error)}`);
    services.state.setHealth(undefined);
  }
}
