// What the Deploy Claude Models flow asked, turned into deploy/plan and deploy/apply parameters, and what their answers
// mean for the flow. No vscode import: unit-tested. The sidecar decides defaults and validity; nothing is checked here.
import type { DeployParams, DeployResult, PreflightVerdict } from '../sidecar/protocol';
import { deployFamilies } from '../sidecar/rpc.generated';

/** The families the sidecar deploys (its contract's DeployParams.models), in its order. */
export const DeployFamilies = deployFamilies;
export type DeployFamily = (typeof DeployFamilies)[number];

/** Asked once and kept in globalState (not secrets): what Azure passes to Anthropic as modelProviderData. */
export interface Organisation {
  organization: string;
  industry: string;
  country: string;
}

export interface DeployAnswers {
  subscription: string;
  resource: string;
  create: boolean;
  resourceGroup?: string;
  location?: string;
  families: DeployFamily[];
  capacity?: number;
  /** Assign "Azure AI User" on the resource to the identity Claude Code will use, and wait until it applies. */
  grantAccess: boolean;
  organisation: Organisation;
}

/** Every family picked means "the sidecar's default" (every family the region offers): no list is sent. */
export function toDeployParams(a: DeployAnswers, progressToken?: string): DeployParams {
  const trimmed = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
  return {
    subscription: a.subscription.trim(),
    resource: a.resource.trim(),
    resourceGroup: trimmed(a.resourceGroup),
    location: a.create ? trimmed(a.location) : undefined,
    create: a.create,
    models: a.families.length === DeployFamilies.length ? undefined : [...a.families],
    capacity: a.capacity,
    organization: trimmed(a.organisation.organization),
    industry: trimmed(a.organisation.industry),
    country: trimmed(a.organisation.country),
    grantAccess: a.grantAccess,
    progressToken,
  };
}

/** Empty: the sidecar's default. Anything else is sent as typed when it is a whole number, else refused here. */
export function parseCapacity(text: string): number | undefined | 'invalid' {
  const t = text.trim();
  if (!t) {
    return undefined;
  }
  return /^\d+$/.test(t) ? Number(t) : 'invalid';
}

export const failedVerdicts = (r: DeployResult): PreflightVerdict[] => r.plan.preflight.filter((v) => v.status === 'fail');

/** The deployments the plan would create: the only ones a capacity applies to. */
export const plannedDeployments = (r: DeployResult): DeployResult['deployments'] => r.deployments.filter((d) => d.state === 'planned');

/** Failures a smaller capacity may cure (quota): the flow asks the capacity before it gives up on them. */
export const onlyQuotaFails = (r: DeployResult): boolean => failedVerdicts(r).every((v) => v.check === 'quota');

/**
 * What the capacity question shows under its prompt: each planned deployment with the capacity it would get, then the
 * sidecar's quota verdicts for those (asked, free, limit of the subscription's pool), as the sidecar wrote them.
 */
export function capacityContext(r: DeployResult): string[] {
  return [
    ...plannedDeployments(r).map((d) => `${d.name} (${d.model} ${d.version}): ${d.capacity}`),
    ...r.plan.preflight.filter((v) => v.check === 'quota').map((v) => `${v.status === 'fail' ? '✗' : v.status === 'pass' ? '✓' : '!'} ${v.detail}`),
  ];
}

const icon: Record<PreflightVerdict['status'], string> = { pass: '$(pass)', fail: '$(error)', warn: '$(warning)', info: '$(info)' };
export const verdictIcon = (v: PreflightVerdict): string => icon[v.status];

/** One line per deployment: name, model and version, state. */
export function describeDeployments(r: DeployResult): string[] {
  return r.deployments.map((d) => `${d.name} (${d.model} ${d.version}, ${d.sku} ${d.capacity}): ${d.created ? 'created' : d.state === 'Succeeded' ? 'reused' : d.state}`);
}
