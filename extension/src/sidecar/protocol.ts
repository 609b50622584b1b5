// Mirrors server/Rpc/IFoundryRpc.cs and server/Rpc/*Contracts.cs (camelCase on the wire). Keep in step with them.

export interface CloudSettings {
  cloud?: string | null;
  armEndpoint?: string | null;
  authorityHost?: string | null;
  tenant?: string | null;
  /** A custom cloud's Foundry host suffix (`foundry.contoso.local`, optionally `:port`); only with a custom cloud. */
  foundrySuffix?: string | null;
}

export interface InitializeParams {
  clientName?: string;
  clientVersion?: string;
  settings?: CloudSettings;
}

export interface InitializeResult {
  serverName: string;
  serverVersion: string;
  capabilities: { methods: string[]; maxMessageBytes: number };
}

export interface PingResult {
  time: string;
}

export interface DoctorParams {
  probeTimeoutSeconds?: number;
  resource?: string;
  subscription?: string;
  workspaceFolder?: string;
  /** The shell fixes will run in, as VS Code names it (`vscode.env.shell`): the server quotes `run.commandLine` for it. */
  shell?: string;
}

/** A fix that may be run: a program and its arguments (no shell parses them); `commandLine` is for people to read. */
export interface FixCommand {
  program: string;
  arguments: string[];
  commandLine: string;
}

export type LinkStatus = 'ok' | 'unavailable' | 'failed';
export interface CredentialLinkReport {
  name: string;
  status: LinkStatus;
  detail: string;
  fix: string | null;
  /** Null (or absent from an older server) when nothing may be run. */
  run?: FixCommand | null;
}

export interface IdentityInfo {
  tenantId: string | null;
  objectId: string | null;
  name: string | null;
}

export type AccessStatus = 'ok' | 'missing' | 'notFound' | 'unknown';
export interface AccessReport {
  resource: string;
  resourceId: string | null;
  status: AccessStatus;
  detail: string;
  fix: string | null;
  warnings: string[];
  run?: FixCommand | null;
}

export interface DoctorReport {
  apiKey: { set: boolean };
  authToken: { set: boolean };
  links: CredentialLinkReport[];
  /** "AuthToken", "ApiKey", a link name, or null. */
  selected: string | null;
  identity: IdentityInfo | null;
  summary: string;
  problems: string[];
  access?: AccessReport | null;
  effective?: EffectiveConfig | null;
}

export interface ResourcesParams {
  tenant?: string;
  subscription?: string;
  refresh?: boolean;
  progressToken?: string;
}

export interface TenantInfo {
  tenantId: string;
  displayName: string | null;
  defaultDomain: string | null;
}
export interface TenantsResult {
  tenants: TenantInfo[];
  /** The tenant the settings pin, or null for the credential's own. */
  current: string | null;
}

export type Family = 'opus' | 'sonnet' | 'haiku' | 'other';
export interface ClaudeDeployment {
  name: string;
  model: string | null;
  version: string | null;
  family: Family;
  sku: string | null;
  capacity: number | null;
  state: string | null;
}

export interface FoundryResource {
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string | null;
  endpoint: string | null;
  deployments: ClaudeDeployment[];
  id: string;
  customSubDomainName: string | null;
  disableLocalAuth: boolean;
}

export interface DiscoveryError {
  scope: string;
  message: string;
}

export interface ResourcesResult {
  resources: FoundryResource[];
  errors: DiscoveryError[];
}

export type AuthMode = 'entra' | 'key';
export type EnvFormat = 'dotenv' | 'sh' | 'fish' | 'pwsh' | 'claude-settings' | 'vscode' | 'json';

/** env/generate: the resource, deployments and auth (as for connection/test), and how to render or write them. */
export interface EnvParams extends ConnectionTestParams {
  format?: EnvFormat;
  output?: string;
  /** Absolute: with the user's home it bounds where a symlinked `output` may lead. */
  workspaceFolder?: string;
  fetchKey?: boolean;
  revealSecrets?: boolean;
}

export interface EnvVariable {
  name: string;
  value: string;
  secret: boolean;
}

export interface FamilyChoice {
  family: Family;
  deployment: ClaudeDeployment | null;
  explicit: boolean;
}

export interface FileWriteResult {
  path: string;
  changed: boolean;
  backupPath: string | null;
  note: string | null;
}

export interface EnvResult {
  resource: string;
  format: EnvFormat;
  auth: AuthMode;
  variables: EnvVariable[];
  content: string;
  choices: FamilyChoice[];
  warnings: string[];
  file: FileWriteResult | null;
}

export interface ConnectionTestParams {
  resource: string;
  subscription?: string;
  opus?: string;
  sonnet?: string;
  haiku?: string;
  auth?: AuthMode;
  apiKey?: string;
}

export interface DeploymentTestResult {
  family: Family;
  deployment: string;
  status: 'ok' | 'failed';
  latencyMs: number | null;
  firstByteMs: number | null;
  httpStatus: number | null;
  detail: string;
  fix: string | null;
}

export interface ConnectionTestReport {
  resource: string;
  endpoint: string;
  auth: string;
  results: DeploymentTestResult[];
  warnings: string[];
}

export interface EffectiveConfigParams {
  workspaceFolder?: string;
  knownDeployments?: string[];
}

export interface EffectiveVariable {
  name: string;
  value: string | null;
  secret: boolean;
  source: string;
  path: string | null;
  overridden: { source: string; path: string | null }[];
}

export interface ConfigConflict {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  fix: string;
  source: string;
  path: string | null;
  variable: string | null;
}

export interface EffectiveConfig {
  variables: EffectiveVariable[];
  provider: 'foundry' | 'bedrock' | 'vertex' | 'anthropic';
  conflicts: ConfigConflict[];
  files: { source: string; path: string; exists: boolean; error: string | null }[];
  workspaceFolder: string | null;
}

export interface ProgressParams {
  token: string;
  value: { kind: 'begin' | 'report' | 'end'; title?: string; message?: string; percentage?: number };
}

/** server/Rpc/FoundryErrorCode.cs: stable codes of expected failures. */
export const FoundryErrorCode = {
  InvalidInput: 1001,
  NoCredential: 1002,
  AccessDenied: 1003,
  NotFound: 1004,
  Throttled: 1005,
  AzureUnavailable: 1006,
  Timeout: 1007,
  ShuttingDown: 1008,
  MessageTooLarge: 1009,
  FileConflict: 1010,
} as const;

/**
 * A request and its types. Plain data on purpose: this module must not load vscode-jsonrpc, so that activating the
 * extension stays cheap (the client loads it when the sidecar first starts).
 */
export interface Request<P, R> {
  readonly kind: 'request';
  readonly method: string;
  /** For the compiler only. */
  readonly types?: { params: P; result: R };
}
export interface Request0<R> {
  readonly kind: 'request0';
  readonly method: string;
  readonly types?: { result: R };
}
export interface Notification<P> {
  readonly kind: 'notification';
  readonly method: string;
  readonly types?: { params: P };
}
export const request = <P, R>(method: string): Request<P, R> => ({ kind: 'request', method });
export const request0 = <R>(method: string): Request0<R> => ({ kind: 'request0', method });
const notification = <P>(method: string): Notification<P> => ({ kind: 'notification', method });

export const Rpc = {
  initialize: request<InitializeParams, InitializeResult>('initialize'),
  ping: request0<PingResult>('ping'),
  shutdown: request0<null>('shutdown'),
  exit: notification<void>('exit'),
  doctorRun: request<DoctorParams, DoctorReport>('doctor/run'),
  settingsUpdate: request<CloudSettings, null>('settings/update'),
  resourcesList: request<ResourcesParams, ResourcesResult>('resources/list'),
  tenantsList: request<Record<string, never>, TenantsResult>('tenants/list'),
  envGenerate: request<EnvParams, EnvResult>('env/generate'),
  connectionTest: request<ConnectionTestParams, ConnectionTestReport>('connection/test'),
  configEffective: request<EffectiveConfigParams, EffectiveConfig>('config/effective'),
  progress: notification<ProgressParams>('$/progress'),
} as const;
