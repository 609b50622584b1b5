// What the Deploy Claude Models flow asked, turned into deploy/plan and deploy/apply parameters, and what their answers
// mean for the flow. No vscode import: unit-tested. The sidecar decides defaults and validity; nothing is checked here.
import type { DeployParams, DeployResult, OfferedModel, PreflightVerdict } from '../sidecar/protocol';
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

/** What is kept: the details, and whether a plan refused them as input (accepted false: asked again, prefilled). */
export interface KeptOrganisation extends Organisation {
  accepted?: boolean;
}

/**
 * What to keep after a plan: details a plan accepted are not asked again; details it refused as input (the sidecar's
 * InvalidInput, e.g. a country code that is none) are asked again next time, prefilled, instead of being sent again.
 * Any other failure leaves what was kept as it was.
 */
export function keepAfterPlan(organisation: Organisation, outcome: 'planned' | 'invalidInput' | 'failed', kept?: KeptOrganisation): KeptOrganisation | undefined {
  switch (outcome) {
    case 'planned': return { ...organisation, accepted: true };
    case 'invalidInput': return { ...organisation, accepted: false };
    default: return kept;
  }
}

export interface DeployAnswers {
  subscription: string;
  resource: string;
  create: boolean;
  resourceGroup?: string;
  location?: string;
  families: DeployFamily[];
  /** Per family, the offer chosen instead of the sidecar's pick, as the plan names it (OfferedModel.pin). */
  pins: Record<string, string>;
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
    pins: Object.keys(a.pins).length > 0 ? Object.values(a.pins) : undefined,
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

/** The catalogue's offers for the families asked that the plan did not choose, by family in the sidecar's order. */
export function otherOffers(r: DeployResult, families: readonly string[]): OfferedModel[] {
  return r.plan.offers.filter((o) => !o.chosen && families.includes(o.family))
    .sort((a, b) => families.indexOf(a.family) - families.indexOf(b.family));
}

const icon: Record<PreflightVerdict['status'], string> = { pass: '$(pass)', fail: '$(error)', warn: '$(warning)', info: '$(info)' };
export const verdictIcon = (v: PreflightVerdict): string => icon[v.status];

/** One line per deployment: name, model and version, state. */
export function describeDeployments(r: DeployResult): string[] {
  return r.deployments.map((d) => `${d.name} (${d.model} ${d.version}, ${d.sku} ${d.capacity}): ${d.created ? 'created' : d.state === 'Succeeded' ? 'reused' : d.state}`);
}

/** The Deploy row's words: the deployments, or while none could be planned yet, the writes the sidecar plans. */
export function describePlan(r: DeployResult): string {
  return r.deployments.length > 0
    ? describeDeployments(r).join(' · ')
    : r.plan.calls.filter((c) => !c.done).map((c) => c.purpose).join(' · ');
}

/** A resource listed by the sidecar that Claude models are to be deployed to (Select Resource's rocket button). */
export interface DeployTarget {
  subscriptionId: string;
  resource: string;
  /** Its group, so that one of the same name in another group is not in question. */
  resourceGroup?: string;
}

/** A command's argument is anything a caller passed: only strings are taken from it (the sidecar checks them). */
export function deployTargetOf(arg: unknown): DeployTarget | undefined {
  if (typeof arg !== 'object' || arg === null) {
    return undefined;
  }
  const { subscriptionId, resource, resourceGroup } = arg as Record<string, unknown>;
  if (typeof subscriptionId !== 'string' || typeof resource !== 'string' || !subscriptionId || !resource) {
    return undefined;
  }
  return typeof resourceGroup === 'string' && resourceGroup ? { subscriptionId, resource, resourceGroup } : { subscriptionId, resource };
}
