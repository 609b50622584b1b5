// The extension's settings (`foundryIde.*`) and what it remembers between sessions (globalState).
import * as vscode from 'vscode';
import type { CloudSettings, ConnectionTestParams, EnvVariable } from './sidecar/protocol';
import type { Selection } from './statusModel';

export const Section = 'foundryIde';

export type WriteTarget = 'terminals' | 'claudeCodeExtension' | 'dotenv' | 'userSettings';

export function cloudSettings(): CloudSettings {
  const c = vscode.workspace.getConfiguration(Section);
  const cloud = c.get<string>('cloud', 'AzureCloud');
  const tenant = c.get<string>('tenant', '').trim();
  const settings: CloudSettings = { tenant: tenant || null };
  if (cloud === 'Custom') {
    settings.armEndpoint = c.get<string>('armEndpoint', '').trim() || null;
    settings.authorityHost = c.get<string>('authorityHost', '').trim() || null;
  } else {
    settings.cloud = cloud;
  }
  return settings;
}

export function writeTargets(): WriteTarget[] {
  return vscode.workspace.getConfiguration(Section).get<WriteTarget[]>('writeTo', ['terminals']);
}

export function dotenvPath(): string {
  return vscode.workspace.getConfiguration(Section).get<string>('dotenvPath', '.env');
}

/** Writes a setting where it is already set (workspace or user), else for the user. */
export async function updateSetting(key: string, value: unknown): Promise<void> {
  const c = vscode.workspace.getConfiguration(Section);
  const inspected = c.inspect(key);
  const target =
    inspected?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : inspected?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  await c.update(key, value, target);
}

interface Remembered {
  resource: string;
  subscriptionId: string;
  resourceGroup?: string;
  location?: string | null;
  endpoint?: string | null;
  /** The last variables applied to terminals, secrets blanked. */
  variables?: EnvVariable[];
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
    const deployments = c.get<{ opus?: string; sonnet?: string; haiku?: string }>('deployments', {});
    return {
      resource,
      subscriptionId: c.get<string>('subscription', '').trim() || (same ? remembered.subscriptionId : ''),
      resourceGroup: same ? remembered.resourceGroup : undefined,
      location: same ? remembered.location : undefined,
      endpoint: same ? remembered.endpoint : undefined,
      auth: c.get<'entra' | 'key'>('auth', 'entra'),
      deployments: { ...deployments },
    };
  }

  remembered(): Remembered | undefined {
    return this.memento.get<Remembered>(RememberedKey);
  }

  async set(selection: Omit<Selection, 'auth'>): Promise<void> {
    await this.memento.update(RememberedKey, {
      resource: selection.resource,
      subscriptionId: selection.subscriptionId,
      resourceGroup: selection.resourceGroup,
      location: selection.location,
      endpoint: selection.endpoint,
    } satisfies Remembered);
    await updateSetting('resource', selection.resource);
    await updateSetting('subscription', selection.subscriptionId);
    await updateSetting('deployments', selection.deployments);
  }

  async rememberVariables(variables: EnvVariable[]): Promise<void> {
    const current = this.remembered();
    if (current) {
      await this.memento.update(RememberedKey, { ...current, variables });
    }
  }
}

export function apiKeySecretName(resource: string): string {
  return `foundryIde.apiKey/${resource.toLowerCase()}`;
}

/** The selection as the sidecar's env/generate and connection/test take it; the key only with key auth. */
export function selectionParams(selection: Selection, apiKey: string | undefined): ConnectionTestParams {
  return {
    resource: selection.resource,
    subscription: selection.subscriptionId || undefined,
    opus: selection.deployments.opus,
    sonnet: selection.deployments.sonnet,
    haiku: selection.deployments.haiku,
    auth: selection.auth,
    apiKey: selection.auth === 'key' ? apiKey : undefined,
  };
}
