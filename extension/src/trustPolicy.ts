// What a folder's settings may decide, and what needs the person's consent. Pure (no `vscode` import): the
// extension passes in what `WorkspaceConfiguration.inspect()` returned; unit-tested with node's runner.

/** The parts of `inspect()` this module reads. `globalValue` is the user's (and, in a remote window, the remote user's). */
export interface Inspected<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/** Settings that steer where credentials go: taken from the user's settings only, never from a workspace or folder. */
export const UserOnlySettings = ['cloud', 'armEndpoint', 'authorityHost', 'tenant', 'foundrySuffix'] as const;
export type UserOnlySetting = (typeof UserOnlySettings)[number];

export function setByWorkspace(inspected: Inspected<unknown> | undefined): boolean {
  return inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined;
}

/** The user's value (or the default), whatever a workspace or folder says. */
export function userValue<T>(inspected: Inspected<T> | undefined, fallback: T): T {
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}

export interface CloudSettingsShape {
  cloud?: string | null;
  armEndpoint?: string | null;
  authorityHost?: string | null;
  tenant?: string | null;
  foundrySuffix?: string | null;
}

/** The sidecar's CloudSettings from the user's values only. A custom cloud names its endpoints and Foundry suffix. */
export function cloudSettingsFrom(inspect: (key: UserOnlySetting) => Inspected<string> | undefined): CloudSettingsShape {
  // settings.json may hold any JSON value where a string is declared: String() and ?? are for that, not for the types.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-conversion
  const read = (key: UserOnlySetting, fallback: string) => String(userValue(inspect(key), fallback) ?? '').trim();
  const cloud = read('cloud', 'AzureCloud') || 'AzureCloud';
  const settings: CloudSettingsShape = { tenant: read('tenant', '') || null };
  if (cloud === 'Custom') {
    settings.armEndpoint = read('armEndpoint', '') || null;
    settings.authorityHost = read('authorityHost', '') || null;
    settings.foundrySuffix = read('foundrySuffix', '') || null;
  } else {
    settings.cloud = cloud;
  }
  return settings;
}

/** The user-only settings a workspace or folder tries to set (they are ignored; the person is told once). */
export function ignoredWorkspaceSettings(inspect: (key: UserOnlySetting) => Inspected<unknown> | undefined): UserOnlySetting[] {
  return UserOnlySettings.filter((key) => setByWorkspace(inspect(key)));
}

export type WriteTarget = 'terminals' | 'claudeCodeExtension' | 'dotenv' | 'userSettings';

/** Targets that write a file (the .env, ~/.claude/settings.json, the VS Code user settings). */
const FileTargets: readonly WriteTarget[] = ['dotenv', 'userSettings', 'claudeCodeExtension'];

/**
 * The file targets that only the workspace asked for: a target the folder's `writeTo` adds to the user's own, and
 * the .env when the folder's settings name its path (`dotenvPath`). Each needs the person's consent for this folder.
 */
export function targetsNeedingConsent(writeTo: Inspected<WriteTarget[]>, dotenvPath: Inspected<string>, effective: readonly WriteTarget[]): WriteTarget[] {
  const user = new Set(userValue(writeTo, ['terminals'] as WriteTarget[]));
  const needing = new Set<WriteTarget>();
  if (setByWorkspace(writeTo)) {
    for (const target of effective) {
      if (FileTargets.includes(target) && !user.has(target)) {
        needing.add(target);
      }
    }
  }
  if (effective.includes('dotenv') && setByWorkspace(dotenvPath)) {
    needing.add('dotenv');
  }
  return FileTargets.filter((t) => needing.has(t));
}

/** What the person is asked about: the targets and their exact paths. A changed request is asked again. */
export interface ConsentRequest {
  targets: WriteTarget[];
  paths: string[];
}

export interface StoredConsent {
  request: string;
  allowed: boolean;
}

export function consentSignature(request: ConsentRequest): string {
  return JSON.stringify([[...request.targets].sort(), [...request.paths].sort()]);
}

/** Asked before for exactly this request: the stored answer; otherwise ask. */
export function consentDecision(stored: StoredConsent | undefined, request: ConsentRequest): 'allowed' | 'denied' | 'ask' {
  if (request.targets.length === 0) {
    return 'allowed';
  }
  if (!stored || stored.request !== consentSignature(request)) {
    return 'ask';
  }
  return stored.allowed ? 'allowed' : 'denied';
}

/** The targets applied: all, or without the ones the person did not consent to. */
export function consentedTargets(effective: readonly WriteTarget[], needing: readonly WriteTarget[], allowed: boolean): WriteTarget[] {
  return allowed ? [...effective] : effective.filter((t) => !needing.includes(t));
}

/** The SecretStorage entry of a resource's API key: its ARM id, lower-cased (ARM ids are case-insensitive). */
export function apiKeySecretName(resourceId: string): string {
  return `foundryIde.apiKey/${resourceId.toLowerCase()}`;
}

/** The entry of earlier versions, keyed by the resource's name: migrated once to the id, then deleted. */
export function legacyApiKeySecretName(resourceName: string): string {
  return `foundryIde.apiKey/${resourceName.toLowerCase()}`;
}

/** The part of VS Code's SecretStorage the key needs. */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

/**
 * The API key of the selected resource, from its ARM id's entry. A key stored by an earlier version under the
 * resource's name moves to the id's entry once (the old entry is deleted). No id known: no key (a key is never sent
 * to a resource other than the one it was stored for).
 */
export async function readApiKey(secrets: SecretStore, selection: { resource: string; id?: string }): Promise<string | undefined> {
  if (!selection.id) {
    return undefined;
  }
  const name = apiKeySecretName(selection.id);
  const key = await secrets.get(name);
  if (key) {
    return key;
  }
  const legacy = legacyApiKeySecretName(selection.resource);
  const old = await secrets.get(legacy);
  if (old) {
    await secrets.store(name, old);
    await secrets.delete(legacy);
  }
  return old;
}

const ArmSegment = /^[^/?#\s]+$/;

/** The ARM id of a Foundry account from its parts, when every part is known and is one path segment. */
export function foundryAccountId(subscriptionId: string | undefined, resourceGroup: string | undefined, name: string): string | undefined {
  if (!subscriptionId || !resourceGroup || ![subscriptionId, resourceGroup, name].every((p) => ArmSegment.test(p))) {
    return undefined;
  }
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.CognitiveServices/accounts/${name}`;
}

/** An id as ARM gives it: a path under /subscriptions/ naming this account (not a URL, not another account). */
export function isAccountId(id: string | undefined | null, name: string): id is string {
  if (!id) {
    return false;
  }
  const m = /^\/subscriptions\/[^/?#\s]+\/resourceGroups\/[^/?#\s]+\/providers\/Microsoft\.CognitiveServices\/accounts\/([^/?#\s]+)$/i.exec(id);
  return m !== null && m[1].toLowerCase() === name.toLowerCase();
}
