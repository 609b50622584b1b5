// The status bar item as a pure function of what the extension knows: the sidecar's state, the selected resource
// and the last health check. No `vscode` import: unit-tested with node's runner.
import { formatText, Translate } from './format';
import type { SidecarState } from './sidecar/client';
import { familyOrder } from './sidecar/rpc.generated';
import type { ApplyChoice, Family, FoundryResource } from './sidecar/protocol';

/** The families a deployment may be chosen for (the sidecar's, without `other`). */
export type ChosenFamily = Exclude<Family, 'other'>;

export interface Selection {
  resource: string;
  /** The resource's ARM id, when it was picked or resolved in a listing (the API key is stored under it). */
  id?: string;
  subscriptionId: string;
  resourceGroup?: string;
  location?: string | null;
  endpoint?: string | null;
  auth: 'entra' | 'key';
  /** Explicit choices per family (the rest: the sidecar's default). */
  deployments: Partial<Record<ChosenFamily, string>>;
}

/** What the sidecar chose for a resource when it was last applied (config/apply), per family. */
export interface Applied {
  resource: string;
  choices: readonly ApplyChoice[];
}

export interface Health {
  /** The credential Claude Code will use ("AzureCliCredential", "ApiKey" …), or null when none works. */
  selected: string | null;
  identity?: string | null;
  /** ok, missing, notFound or unknown; undefined when access was not checked. */
  access?: string;
  /** A key is chosen but none is stored in SecretStorage. */
  keyMissing?: boolean;
  checking?: boolean;
}

export interface StatusInputs {
  sidecar: SidecarState;
  selection?: Selection;
  /** The sidecar's choices at the last apply; shown only while they are for the selected resource. */
  applied?: Applied;
  health?: Health;
  /** An operation in progress ("Listing resources…"). */
  busy?: string;
  /** The folder is not trusted (Restricted Mode): nothing is applied, terminals get no variable. */
  restricted?: boolean;
}

export type Severity = 'normal' | 'warning' | 'error';

export interface StatusView {
  text: string;
  tooltip: string;
  severity: Severity;
  /** Which command a click runs. */
  command: 'foundryIde.selectResource' | 'foundryIde.restartSidecar' | 'foundryIde.diagnose';
}

export function statusView(inputs: StatusInputs, t: Translate = formatText): StatusView {
  const { selection, health } = inputs;
  const lines: string[] = [];
  let text: string;
  if (selection) {
    const deployments = deploymentsOf(selection, inputs.applied);
    // Claude Code's default alias is sonnet: its deployment names the selection in the status bar.
    const main = deployments.find(([family]) => family === 'sonnet')?.[1];
    text = main ? t('Foundry: {0} ({1})', selection.resource, main) : t('Foundry: {0}', selection.resource);
    lines.push(t('Resource: {0}', selection.resource));
    lines.push(t('Subscription: {0}', selection.subscriptionId));
    if (selection.location) {
      lines.push(t('Region: {0}', selection.location));
    }
    lines.push(t('Auth: {0}', selection.auth === 'key' ? t('API key (SecretStorage)') : t('Entra ID')));
    lines.push(t('Deployments: {0}', deployments.map(([family, name]) => `${family} ${name ?? '—'}`).join(', ') || '—'));
  } else {
    text = t('Foundry: select a resource');
    lines.push(t('No Foundry resource is selected. Click to choose one.'));
  }

  let severity: Severity = 'normal';
  let command: StatusView['command'] = 'foundryIde.selectResource';

  if (health) {
    if (health.checking) {
      lines.push(t('Checking credentials…'));
    } else if (health.selected) {
      lines.push(health.identity ? t('Claude Code authenticates with {0} as {1}', health.selected, health.identity) : t('Claude Code authenticates with {0}', health.selected));
    } else {
      severity = 'warning';
      command = 'foundryIde.diagnose';
      lines.push(t('No credential works: run "Foundry: Diagnose Credentials".'));
    }
    if (health.access && health.access !== 'ok' && health.access !== 'unknown') {
      severity = 'warning';
      command = 'foundryIde.diagnose';
      lines.push(health.access === 'notFound' ? t('The resource was not found by this identity.') : t('This identity may not call Claude on the resource (missing role).'));
    }
    if (health.keyMissing) {
      severity = 'warning';
      lines.push(t('API key auth is chosen but no key is stored: run "Foundry: Set API Key".'));
    }
  }

  if (inputs.restricted) {
    lines.push(t('Restricted Mode: this folder is not trusted. FoundryIde lists and diagnoses only: it writes no file, gives terminals no Foundry variable (not even the non-secret ones) and runs no command until you trust the folder.'));
  }

  switch (inputs.sidecar) {
    case 'failed':
      severity = 'error';
      command = 'foundryIde.restartSidecar';
      lines.push(t('The FoundryIde sidecar stopped. Click to restart it.'));
      break;
    case 'restarting':
      lines.push(t('The FoundryIde sidecar is restarting…'));
      break;
    case 'starting':
      lines.push(t('Starting the FoundryIde sidecar…'));
      break;
    default:
      break;
  }

  if (inputs.busy) {
    text = `$(sync~spin) ${text}`;
    lines.push(inputs.busy);
  } else if (severity === 'error') {
    text = `$(error) ${text}`;
  } else if (severity === 'warning') {
    text = `$(warning) ${text}`;
  } else {
    text = `$(azure) ${text}`;
  }
  return { text, tooltip: lines.join('\n'), severity, command };
}

/**
 * Each family and its deployment: the sidecar's choices from the last apply of this resource, in its order (none: '—'),
 * else the explicit choices of the selection. The extension lists no family itself.
 */
export function deploymentsOf(selection: Selection, applied: Applied | undefined): [string, string | undefined][] {
  if (applied && applied.resource.toLowerCase() === selection.resource.toLowerCase()) {
    return applied.choices.filter((c) => c.family !== 'other').map((c) => [c.family, c.deployment?.name]);
  }
  return Object.entries(selection.deployments).filter((e): e is [string, string] => typeof e[1] === 'string');
}

/** The status item follows the state: `show` gets a new view whenever the state changes (and once at once). */
export function followState(
  state: { subscribe(listener: (inputs: StatusInputs) => void): { dispose(): void } },
  show: (view: StatusView) => void,
  t: Translate = formatText,
): { dispose(): void } {
  return state.subscribe((inputs) => { show(statusView(inputs, t)); });
}

/**
 * The families to choose a deployment for, all from the sidecar: those of its last choices for this resource and those
 * the resource's deployments have, in the contract's order (`familyOrder`). The extension lists none itself.
 */
export function familiesOf(resource: FoundryResource, applied: Applied | undefined): ChosenFamily[] {
  const families: ChosenFamily[] = [];
  const add = (family: Family) => {
    if (family !== 'other' && !families.includes(family)) {
      families.push(family);
    }
  };
  if (applied && applied.resource.toLowerCase() === resource.name.toLowerCase()) {
    applied.choices.forEach((c) => { add(c.family); });
  }
  resource.deployments.forEach((d) => { add(d.family); });
  const rank = (f: string) => ((i) => (i < 0 ? familyOrder.length : i))((familyOrder as readonly string[]).indexOf(f));
  return families.sort((a, b) => rank(a) - rank(b));
}

/** The other lower-case members of the selection's params: a family of that name would overwrite them. */
const NotFamilies = new Set(['other', 'resource', 'subscription', 'auth', 'format', 'output']);

/**
 * `foundryIde.deployments` as settings.json holds it (any JSON): the family → deployment name entries with a string
 * value. Which families exist is the sidecar's business: a name it does not know is ignored there.
 */
export function chosenDeployments(value: unknown): Selection['deployments'] {
  const chosen: Partial<Record<string, string>> = {};
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [family, name] of Object.entries(value as Record<string, unknown>)) {
      if (/^[a-z]{1,32}$/.test(family) && !NotFamilies.has(family) && typeof name === 'string' && name.trim()) {
        chosen[family] = name.trim();
      }
    }
  }
  return chosen;
}
