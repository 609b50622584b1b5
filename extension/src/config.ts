// The extension's settings (`foundryIde.*`) and what it remembers between sessions (globalState).
import * as vscode from 'vscode';
import type { ApplyChoice, CloudSettings, ConnectionTestParams, EnvVariable } from './sidecar/protocol';
import { chosenDeployments } from './statusModel';
import type { Selection } from './statusModel';
import { cloudSettingsFrom, foundryAccountId, isAccountId, UserOnlySettings, WriteTarget } from './trustPolicy';

export const Section = 'foundryIde';

export type { WriteTarget };

/** Cloud, endpoints, tenant and Foundry suffix from the user's settings only (a workspace's are ignored). */
export function cloudSettings(): CloudSettings {
  const c = vscode.workspace.getConfiguration(Section, vscode.workspace.workspaceFolders?.[0]?.uri);
  return cloudSettingsFrom((key) => c.inspect<string>(key));
}

export function writeTargets(): WriteTarget[] {
  return vscode.workspace.getConfiguration(Section).get<WriteTarget[]>('writeTo', ['terminals']);
}

export function dotenvPath(): string {
  return vscode.workspace.getConfiguration(Section).get<string>('dotenvPath', '.env');
}

/**
 * Writes a setting where it is already set (workspace or user), else for the user. The user-only settings, and every
 * setting in Restricted Mode (no file of an untrusted folder is written), go to the user's settings.
 */
export async function updateSetting(key: string, value: unknown): Promise<void> {
  const c = vscode.workspace.getConfiguration(Section);
  const inspected = c.inspect(key);
  const userOnly = !vscode.workspace.isTrusted || (UserOnlySettings as readonly string[]).includes(key);
  const target = userOnly
    ? vscode.ConfigurationTarget.Global
    : inspected?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : inspected?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  await c.update(key, value, target);
}

interface Remembered {
  resource: string;
  /** The resource's ARM id (the key's SecretStorage entry); absent in what earlier versions remembered. */
  id?: string;
  subscriptionId: string;
  resourceGroup?: string;
  location?: string | null;
  endpoint?: string | null;
  /** The last variables applied to terminals, secrets blanked. */
  variables?: EnvVariable[];
  /** The sidecar's choice per family at that apply (the status bar shows them after a restart). */
  choices?: ApplyChoice[];
}

const RememberedKey = 'foundryIde.selection';

/** The selection: resource, subscription, deployments and auth from the settings; region and endpoint remembered. */
export class SelectionStore {
  constructor(private readonly memento: vscode.Memento) {}

  get(): Selection | undefined {
    const c = vscode.workspace.getConfiguration(Section);
    const resource = c.get<string>('resource', '').trim();
    if (!resource) {
      return undefined;
    }
    const remembered = this.remembered();
    const same = remembered?.resource === resource;
    const deployments = chosenDeployments(c.get<unknown>('deployments', {}));
    const subscriptionId = c.get<string>('subscription', '').trim() || (same ? remembered.subscriptionId : '');
    // The id is known when this resource was picked or resolved here (not for a name typed into settings.json).
    const id = same && (!subscriptionId || remembered.subscriptionId === subscriptionId)
      ? (isAccountId(remembered.id, resource) ? remembered.id : foundryAccountId(remembered.subscriptionId, remembered.resourceGroup, remembered.resource))
      : undefined;
    return {
      resource,
      id,
      subscriptionId,
      resourceGroup: same ? remembered.resourceGroup : undefined,
      location: same ? remembered.location : undefined,
      endpoint: same ? remembered.endpoint : undefined,
      auth: c.get<'entra' | 'key'>('auth', 'entra'),
      deployments,
    };
  }

  remembered(): Remembered | undefined {
    return this.memento.get<Remembered>(RememberedKey);
  }

  async set(selection: Omit<Selection, 'auth'>): Promise<void> {
    await this.memento.update(RememberedKey, {
      resource: selection.resource,
      id: selection.id,
      subscriptionId: selection.subscriptionId,
      resourceGroup: selection.resourceGroup,
      location: selection.location,
      endpoint: selection.endpoint,
    } satisfies Remembered);
    await updateSetting('resource', selection.resource);
    await updateSetting('subscription', selection.subscriptionId);
    await updateSetting('deployments', selection.deployments);
  }

  /** What the last apply of the remembered resource gave: present only once an apply of the current selection ended. */
  async rememberApplied(variables: EnvVariable[], choices: ApplyChoice[]): Promise<void> {
    const current = this.remembered();
    if (current) {
      await this.memento.update(RememberedKey, { ...current, variables, choices });
    }
  }
}

/** The selection as the sidecar's config/apply and connection/test take it; the key only with key auth. */
export function selectionParams(selection: Selection, apiKey: string | undefined): ConnectionTestParams {
  return {
    ...selection.deployments,
    resource: selection.resource,
    subscription: selection.subscriptionId || undefined,
    auth: selection.auth,
    apiKey: selection.auth === 'key' ? apiKey : undefined,
  };
}
