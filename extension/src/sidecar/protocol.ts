// The wire types are generated from the sidecar's contract (server/Rpc/rpc-schema.json, exported from the C# records
// and checked by the server's RpcSchema tests) into protocol/*.generated.ts (records, a file per concern, all exported
// by protocol.generated.ts) and rpc.generated.ts (methods, families, error codes): change server/Rpc, never these types.
import type {
  AccessReport,
  ClaudeDeployment,
  ConnectionTestParams,
  CredentialLinkReport,
  EnvParams,
} from './protocol.generated';
import type { RpcNotifications, RpcRequests } from './rpc.generated';

export * from './protocol.generated';
export * from './rpc.generated';

export type Family = ClaudeDeployment['family'];
export type AuthMode = NonNullable<ConnectionTestParams['auth']>;
export type EnvFormat = NonNullable<EnvParams['format']>;
export type LinkStatus = CredentialLinkReport['status'];
export type AccessStatus = AccessReport['status'];

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
type Params<M extends keyof RpcRequests> = RpcRequests[M]['params'];
type Result<M extends keyof RpcRequests> = RpcRequests[M]['result'];
export const request = <M extends keyof RpcRequests>(method: M): Request<Params<M>, Result<M>> => ({ kind: 'request', method });
export const request0 = <M extends keyof RpcRequests>(method: M): Request0<Result<M>> => ({ kind: 'request0', method });
const notification = <M extends keyof RpcNotifications>(method: M): Notification<RpcNotifications[M]> => ({ kind: 'notification', method });

export const Rpc = {
  initialize: request('initialize'),
  ping: request0('ping'),
  shutdown: request0('shutdown'),
  exit: notification('exit'),
  logSetLevel: notification('log/setLevel'),
  doctorRun: request('doctor/run'),
  settingsUpdate: request('settings/update'),
  resourcesList: request('resources/list'),
  tenantsList: request('tenants/list'),
  subscriptionsList: request('subscriptions/list'),
  deployRegions: request('deploy/regions'),
  configApply: request('config/apply'),
  connectionTest: request('connection/test'),
  configEffective: request('config/effective'),
  deployPlan: request('deploy/plan'),
  deployApply: request('deploy/apply'),
  progress: notification('$/progress'),
} as const;
