import * as vscode from 'vscode';
import { cloudSettings, updateSetting } from '../config';
import { Rpc } from '../sidecar/protocol';
import { Services, showError } from '../services';

interface TenantItem extends vscode.QuickPickItem {
  tenantId: string;
}

/**
 * QuickPick over the tenants the credential can see (`tenants/list`), plus "every tenant". Writes foundryIde.tenant;
 * resolves to true when the tenant changed.
 */
export async function pickTenant(services: Services): Promise<boolean> {
  const pick = vscode.window.createQuickPick<TenantItem>();
  pick.title = vscode.l10n.t('Foundry: tenant');
  pick.placeholder = vscode.l10n.t('Listing tenants…');
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.busy = true;
  const cts = new vscode.CancellationTokenSource();
  const pinned = cloudSettings().tenant ?? '';
  const mark = (id: string) => (id.toLowerCase() === pinned.toLowerCase() ? '$(check) ' : '');
  try {
    const chosen = new Promise<TenantItem | undefined>((resolve) => {
      pick.onDidAccept(() => { resolve(pick.selectedItems[0]); });
      pick.onDidHide(() => { resolve(undefined); });
    });
    pick.show();
    services.client.request(Rpc.tenantsList, {}, cts.token).then(
      (result) => {
        pick.items = [
          { tenantId: '', label: `${mark('')}${vscode.l10n.t('Every tenant the credential signs in to')}`, detail: vscode.l10n.t('No tenant pinned (foundryIde.tenant empty)') },
          ...result.tenants.map((t) => ({ tenantId: t.tenantId, label: `${mark(t.tenantId)}${t.displayName ?? t.tenantId}`, description: t.defaultDomain ?? undefined, detail: t.tenantId })),
        ];
        pick.placeholder = vscode.l10n.t('Pick the tenant to list Foundry resources in');
        pick.busy = false;
      },
      async (error: unknown) => {
        if (!cts.token.isCancellationRequested) {
          pick.hide();
          await showError(services, vscode.l10n.t('List tenants'), error);
        }
      },
    );
    const item = await chosen;
    if (!item || item.tenantId.toLowerCase() === pinned.toLowerCase()) {
      return false;
    }
    await updateSetting('tenant', item.tenantId);
    // The sidecar lists in the new tenant from the next request on: the settings go now, not only through the
    // configuration listener, which may run after the picker's next listing (a repeat of the same settings is a no-op).
    await services.client.updateSettings();
    services.log.info(`tenant set to ${item.tenantId || '(none pinned)'}`);
    return true;
  } finally {
    cts.cancel();
    cts.dispose();
    pick.dispose();
  }
}
