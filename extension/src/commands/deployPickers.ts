import * as vscode from 'vscode';
import { Rpc } from '../sidecar/protocol';
import type { DeployResult, OfferedModel } from '../sidecar/protocol';
import { otherOffers } from './deployAnswers';
import { Services } from '../services';

type Ask = (title: string, prompt: string, value?: string) => Thenable<string | undefined>;
interface Row extends vscode.QuickPickItem { value: string }

let regionsCounter = 0;

/**
 * A quick pick filled by the sidecar while it shows (busy until then), with a last row to type the value instead:
 * what is left when the list fails (the failure goes to the log) or has nothing.
 */
async function pickOrType(services: Services, title: string, placeholder: string, typeLabel: string,
  load: (token: vscode.CancellationToken, report: (message: string) => void) => Thenable<{ rows: Row[]; empty?: string }>,
  typeIt: () => Thenable<string | undefined>): Promise<string | undefined> {
  const typed: Row = { label: `$(edit) ${typeLabel}`, value: '' };
  const pick = vscode.window.createQuickPick<Row>();
  Object.assign(pick, { title, placeholder, ignoreFocusOut: true, busy: true, matchOnDescription: true, items: [typed] });
  const cts = new vscode.CancellationTokenSource();
  try {
    const chosen = new Promise<Row | undefined>((resolve) => {
      pick.onDidAccept(() => { resolve(pick.selectedItems[0]); });
      pick.onDidHide(() => { resolve(undefined); });
    });
    pick.show();
    load(cts.token, (message) => { pick.placeholder = message; }).then(
      ({ rows, empty }) => {
        Object.assign(pick, { items: [...rows, typed], busy: false, placeholder: rows.length === 0 && empty ? empty : placeholder });
      },
      (error: unknown) => {
        services.log.warn(`${title}: ${error instanceof Error ? error.message : String(error)}`);
        Object.assign(pick, { busy: false, placeholder: vscode.l10n.t('Could not list them (see the log): enter one') });
      },
    );
    const item = await chosen;
    return item && (item.value || (await typeIt()));
  } finally {
    cts.cancel();
    cts.dispose();
    pick.dispose();
  }
}

/** The subscription, from those the identity can use (`subscriptions/list`), the selected resource's first. */
export function askSubscription(services: Services, title: string, ask: Ask): Promise<string | undefined> {
  const current = services.selection.get()?.subscriptionId;
  return pickOrType(services, title, vscode.l10n.t('Subscription'), vscode.l10n.t('Enter a subscription id or name…'),
    async (token) => {
      const result = await services.client.request(Rpc.subscriptionsList, {}, token);
      const rows = result.subscriptions.map((s) => ({ label: s.name, value: s.id, detail: s.id, description: s.id === current ? vscode.l10n.t('selected resource') : undefined }));
      rows.sort((a, b) => Number(b.value === current) - Number(a.value === current));
      return { rows };
    },
    () => ask(title, vscode.l10n.t('Subscription (id or name)'), current));
}

/** The region of a new resource, from those whose catalogue offers Claude to the subscription (`deploy/regions`). */
export function askRegion(services: Services, title: string, subscription: string, ask: Ask): Promise<string | undefined> {
  return pickOrType(services, title, vscode.l10n.t('Region (only those whose catalogue offers Claude)'), vscode.l10n.t('Enter a region…'),
    async (token, report) => {
      const progressToken = `regions-${++regionsCounter}`;
      const sub = services.client.onProgress((p) => {
        if (p.token === progressToken && p.value.message) report(p.value.message);
      });
      try {
        const result = await services.client.request(Rpc.deployRegions, { subscription, progressToken }, token);
        if (result.unchecked.length > 0) services.log.warn(`deploy/regions: not read: ${result.unchecked.join(', ')}`);
        return {
          rows: result.regions.map((r) => ({ label: r.name, value: r.name, description: r.models.map((m) => `${m.model}@${m.version}`).join(' · ') })),
          empty: result.note ?? vscode.l10n.t('No region offers Claude to this subscription: enter one, or pick another subscription'),
        };
      } finally {
        sub.dispose();
      }
    },
    () => ask(title, vscode.l10n.t('Region (the preflight says whether it offers Claude)')));
}

/** Another model or version for one family, from the region's catalogue as the plan read it (grouped by family). */
export async function pickOffer(plan: DeployResult, families: readonly string[]): Promise<OfferedModel | undefined> {
  type OfferRow = vscode.QuickPickItem & { offer?: OfferedModel };
  const rows: OfferRow[] = [];
  for (const offer of otherOffers(plan, families)) {
    if (rows.every((r) => r.offer?.family !== offer.family)) {
      const chosen = plan.plan.offers.find((o) => o.chosen && o.family === offer.family);
      rows.push({ label: offer.family, kind: vscode.QuickPickItemKind.Separator, description: chosen && vscode.l10n.t('planned: {0}', `${chosen.model}@${chosen.version}`) });
    }
    const hosted = offer.hostedOn === 'anthropic' ? vscode.l10n.t('hosted on Anthropic') : offer.hostedOn === 'azure' ? vscode.l10n.t('hosted on Azure') : undefined;
    const notes = [offer.isDefaultVersion ? vscode.l10n.t('default version') : undefined, hosted, offer.lifecycle ?? undefined].filter(Boolean);
    rows.push({ label: `${offer.model}@${offer.version}`, description: notes.join(' · '), offer });
  }
  const picked = await vscode.window.showQuickPick(rows, { title: vscode.l10n.t('Foundry: deploy Claude models'), placeHolder: vscode.l10n.t('The model and version to deploy instead'), ignoreFocusOut: true });
  return picked?.offer;
}
