// The status bar item as a pure function of what the extension knows: the sidecar's state, the selected resource
// and the last health check. No `vscode` import: unit-tested with node's runner.
import { formatText, Translate } from './format';
import type { SidecarState } from './sidecar/client';

export interface Selection {
  resource: string;
  /** The resource's ARM id, when it was picked or resolved in a listing (the API key is stored under it). */
  id?: string;
  subscriptionId: string;
  resourceGroup?: string;
  location?: string | null;
  endpoint?: string | null;
  auth: 'entra' | 'key';
  deployments: { opus?: string; sonnet?: string; haiku?: string };
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
    text = selection.deployments.sonnet
      ? t('Foundry: {0} ({1})', selection.resource, selection.deployments.sonnet)
      : t('Foundry: {0}', selection.resource);
    lines.push(t('Resource: {0}', selection.resource));
    lines.push(t('Subscription: {0}', selection.subscriptionId));
    if (selection.location) {
      lines.push(t('Region: {0}', selection.location));
    }
    lines.push(t('Auth: {0}', selection.auth === 'key' ? t('API key (SecretStorage)') : t('Entra ID')));
    const d = selection.deployments;
    lines.push(t('Deployments: opus {0}, sonnet {1}, haiku {2}', d.opus ?? '—', d.sonnet ?? '—', d.haiku ?? '—'));
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
