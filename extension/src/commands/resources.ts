import * as vscode from 'vscode';
import { Rpc } from '../sidecar/protocol';
import type { ClaudeDeployment, FoundryResource, ResourcesResult } from '../sidecar/protocol';
import { familiesOf } from '../statusModel';
import type { ChosenFamily, Selection } from '../statusModel';
import { Services, showError } from '../services';
import { applyConfigured } from './configure';
import { pickTenant } from './tenants';

interface ResourceItem extends vscode.QuickPickItem {
  resource?: FoundryResource;
  error?: string;
  deploy?: boolean;
}

let progressCounter = 0;

/**
 * The listing, with `$/progress` shown in the QuickPick while it runs; rejects if the pick is closed. With `allowStale`
 * the sidecar may answer at once with the listing it kept from an earlier session (`stale`), while the fresh one runs:
 * `onStale` shows it, and the fresh listing (asked for again, joining the one the sidecar started) is returned.
 */
async function listInto(
  services: Services,
  pick: vscode.QuickPick<ResourceItem>,
  refresh: boolean,
  token: vscode.CancellationToken,
  onStale?: (result: ResourcesResult) => void,
): Promise<ResourcesResult> {
  const progressToken = `resources-${++progressCounter}`;
  let refreshing = '';
  pick.busy = true;
  const sub = services.client.onProgress((p) => {
    if (p.token === progressToken && p.value.kind !== 'end') {
      const pct = p.value.percentage != null ? ` (${p.value.percentage}%)` : '';
      pick.placeholder = `${refreshing}${p.value.message ?? p.value.title ?? ''}${pct}`;
    }
  });
  services.state.update({ busy: vscode.l10n.t('Listing Foundry resources…') });
  try {
    if (onStale && !refresh) {
      const first = await services.client.request(Rpc.resourcesList, { progressToken, allowStale: true }, token);
      if (!first.stale) {
        return first;
      }
      onStale(first);
      refreshing = `${vscode.l10n.t('Refreshing…')} `;
    }
    return await services.client.request(Rpc.resourcesList, { refresh, progressToken }, token);
  } finally {
    sub.dispose();
    pick.busy = false;
    services.state.update({ busy: undefined });
  }
}

const deployButton = (): vscode.QuickInputButton => ({ iconPath: new vscode.ThemeIcon('rocket'), tooltip: vscode.l10n.t('Deploy Claude models to this resource') });

function familySummary(deployments: ClaudeDeployment[]): string {
  if (deployments.length === 0) {
    return vscode.l10n.t('no Claude deployments: deploy them with the $(rocket) button');
  }
  return deployments.map((d) => `${d.name} (${d.model ?? d.family}${d.state && d.state !== 'Succeeded' ? `, ${d.state}` : ''})`).join(', ');
}

function toItems(result: ResourcesResult, current: string | undefined): ResourceItem[] {
  const items: ResourceItem[] = [];
  const bySub = new Map<string, FoundryResource[]>();
  for (const r of result.resources) {
    bySub.set(r.subscriptionId, [...(bySub.get(r.subscriptionId) ?? []), r]);
  }
  for (const [sub, resources] of bySub) {
    items.push({ label: vscode.l10n.t('Subscription {0}', sub), kind: vscode.QuickPickItemKind.Separator });
    for (const r of resources.sort((a, b) => a.name.localeCompare(b.name))) {
      items.push({
        label: `${r.name === current ? '$(check) ' : ''}${r.name}`,
        description: [r.location, r.resourceGroup].filter(Boolean).join(' · '),
        detail: familySummary(r.deployments),
        resource: r,
        buttons: r.problem ? [] : [deployButton()],
      });
    }
  }
  if (result.errors.length) {
    items.push({ label: vscode.l10n.t('Not everything could be listed'), kind: vscode.QuickPickItemKind.Separator });
    for (const e of result.errors) {
      items.push({ label: `$(warning) ${e.scope}`, detail: e.message, error: e.message });
    }
  }
  const deploy: ResourceItem = { label: vscode.l10n.t('$(rocket) Deploy Claude Models…'), detail: vscode.l10n.t('Create a Foundry resource and its Claude deployments'), deploy: true };
  if (result.resources.length === 0) {
    items.unshift(
      { label: vscode.l10n.t('$(info) No Foundry resource found for this identity'), error: vscode.l10n.t('No Foundry resource (kind AIServices) is visible to the credential Claude Code will use. Run "Foundry: Diagnose Credentials".') },
      deploy,
    );
  } else {
    items.push({ label: vscode.l10n.t('New'), kind: vscode.QuickPickItemKind.Separator }, deploy);
  }
  return items;
}

/** QuickPick over every resource, grouped by subscription, with a refresh button; resolves to the picked one. */
export async function pickResource(services: Services): Promise<FoundryResource | undefined> {
  const pick = vscode.window.createQuickPick<ResourceItem>();
  pick.title = vscode.l10n.t('Foundry: select a resource');
  pick.placeholder = vscode.l10n.t('Listing Foundry resources…');
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  const refresh: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('refresh'), tooltip: vscode.l10n.t('Refresh') };
  const tenant: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('organization'), tooltip: vscode.l10n.t('Switch Tenant') };
  pick.buttons = [tenant, refresh];
  let switchTenant = false;
  const cts = new vscode.CancellationTokenSource();
  const current = services.selection.get()?.resource;
  // Items are replaced in place: the one under the cursor stays active when the fresh listing still has it.
  const show = (result: ResourcesResult) => {
    const active = pick.activeItems[0]?.resource?.id;
    pick.items = toItems(result, current);
    const again = pick.items.find((i) => i.resource && i.resource.id === active);
    if (again) {
      pick.activeItems = [again];
    }
  };
  const load = async (again: boolean) => {
    try {
      const result = await listInto(services, pick, again, cts.token, (stale) => {
        show(stale);
        pick.placeholder = vscode.l10n.t('Refreshing… (these are the resources listed {0})', stale.listedAt ? new Date(stale.listedAt).toLocaleString() : vscode.l10n.t('earlier'));
      });
      show(result);
      pick.placeholder = vscode.l10n.t('Pick the Foundry resource Claude Code should use');
    } catch (error) {
      if (!cts.token.isCancellationRequested) {
        pick.hide();
        await showError(services, vscode.l10n.t('List resources'), error);
      }
    }
  };
  try {
    const picked = await new Promise<FoundryResource | undefined>((resolve) => {
      pick.onDidTriggerButton((button) => {
        if (button === tenant) {
          switchTenant = true;
          pick.hide();
        } else {
          void load(true);
        }
      });
      pick.onDidTriggerItemButton((e) => {
        const r = e.item.resource;
        if (r) {
          pick.hide();
          void vscode.commands.executeCommand('foundryIde.deployClaudeModels', { subscriptionId: r.subscriptionId, resource: r.name, resourceGroup: r.resourceGroup });
        }
      });
      pick.onDidAccept(() => {
        const item = pick.selectedItems[0];
        if (item?.resource) {
          resolve(item.resource);
          pick.hide();
        } else if (item?.deploy) {
          pick.hide();
          void vscode.commands.executeCommand('foundryIde.deployClaudeModels');
        } else if (item?.error) {
          void vscode.window.showWarningMessage(item.error);
        }
      });
      pick.onDidHide(() => {
        cts.cancel();
        resolve(undefined);
      });
      pick.show();
      void load(false);
    });
    if (switchTenant) {
      // Another tenant lists other resources: the picker comes back with them (the same one if nothing changed).
      await pickTenant(services);
      return await pickResource(services);
    }
    return picked;
  } finally {
    cts.dispose();
    pick.dispose();
  }
}

export async function selectResource(services: Services): Promise<void> {
  const resource = await pickResource(services);
  if (!resource) {
    return;
  }
  const previous = services.selection.get();
  // A deployment chosen before is kept when this resource has one of that name; the rest is the sidecar's default.
  const deployments: Selection['deployments'] = {};
  for (const [family, name] of Object.entries(previous?.deployments ?? {}) as [ChosenFamily, string | undefined][]) {
    if (name && resource.deployments.some((d) => d.name === name)) {
      deployments[family] = name;
    }
  }
  await services.reapply.hold(() => services.selection.set({
    resource: resource.name,
    subscriptionId: resource.subscriptionId,
    resourceGroup: resource.resourceGroup,
    location: resource.location,
    endpoint: resource.endpoint,
    deployments,
  }));
  services.log.info(`selected ${resource.name} (${resource.subscriptionId})`);
  await applyConfigured(services);
}

interface DeploymentItem extends vscode.QuickPickItem {
  name?: string;
}

export async function chooseDeployments(services: Services): Promise<void> {
  let selection = services.selection.get();
  if (!selection) {
    await selectResource(services);
    selection = services.selection.get();
    if (!selection) {
      return;
    }
  }
  let result: ResourcesResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading deployments of {0}…', selection.resource), cancellable: true },
      (_p, token) => services.client.request(Rpc.resourcesList, {}, token),
    );
  } catch (error) {
    await showError(services, vscode.l10n.t('Choose deployments'), error);
    return;
  }
  const resource = result.resources.find((r) => r.name === selection.resource && (!selection.subscriptionId || r.subscriptionId === selection.subscriptionId));
  if (!resource) {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} is no longer listed. Select a resource again.', selection.resource));
    return;
  }
  const chosen = { ...selection.deployments };
  for (const family of familiesOf(resource, services.state.current.applied)) {
    const items: DeploymentItem[] = [
      {
        label: vscode.l10n.t('$(sparkle) Automatic'),
        description: ((d) => (d ? vscode.l10n.t('the newest healthy {0} deployment, now {1}', family, d.name) : vscode.l10n.t('the newest healthy {0} deployment', family)))(
          resource.deployments.find((d) => d.family === family && d.isDefault),
        ),
      },
      ...resource.deployments
        .filter((d) => d.family === family)
        .map((d) => ({
          label: `${d.name === chosen[family] ? '$(check) ' : ''}${d.name}`,
          description: [d.model, d.version].filter(Boolean).join(' '),
          detail: [d.sku, d.capacity !== null ? `capacity ${d.capacity}` : undefined, d.state].filter(Boolean).join(' · '),
          name: d.name,
        })),
      { label: vscode.l10n.t('Other deployments'), kind: vscode.QuickPickItemKind.Separator },
      ...resource.deployments.filter((d) => d.family !== family).map((d) => ({ label: d.name, description: d.model ?? '', name: d.name })),
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Deployment for Claude Code\'s {0} alias ({1})', family, resource.name),
      placeHolder: vscode.l10n.t('Claude Code sends this deployment name as the model'),
    });
    if (!picked) {
      return;
    }
    chosen[family] = picked.name;
  }
  await services.reapply.hold(() => services.selection.set({ ...selection, deployments: chosen }));
  await applyConfigured(services);
}

