import * as vscode from 'vscode';
import { FoundryErrorCode, Rpc } from '../sidecar/protocol';
import type { DeployParams, DeployResult } from '../sidecar/protocol';
import { describeError } from '../sidecar/client';
import { Services, showError } from '../services';
import { requireTrust } from '../trust';
import { applyConfigured } from './configure';
import { askRegion, askSubscription, pickOffer } from './deployPickers';
import {
  DeployAnswers,
  DeployFamilies,
  DeployTarget,
  describeDeployments,
  describePlan,
  failedVerdicts,
  keepAfterPlan,
  KeptOrganisation,
  Organisation,
  otherOffers,
  parseCapacity,
  toDeployParams,
  verdictIcon,
} from './deployAnswers';

const OrganisationKey = 'foundryIde.deploy.organisation';
let progressCounter = 0;

const ask = (title: string, prompt: string, value = '', validateInput?: (v: string) => string | undefined) =>
  vscode.window.showInputBox({ title, prompt, value, ignoreFocusOut: true, validateInput });

async function askOrganisation(services: Services, title: string): Promise<Organisation | undefined> {
  const kept = services.context.globalState.get<KeptOrganisation>(OrganisationKey);
  if (kept?.organization && kept.industry && kept.country && kept.accepted !== false) {
    return { organization: kept.organization, industry: kept.industry, country: kept.country };
  }
  const organization = await ask(title, vscode.l10n.t('Your organisation, as Azure passes it to Anthropic'), kept?.organization);
  const industry = organization && (await ask(title, vscode.l10n.t('Your industry (technology, finance …)'), kept?.industry));
  const country = industry && (await ask(title, vscode.l10n.t('Your country (two-letter code)'), kept?.country));
  if (!organization || !industry || !country) {
    return undefined;
  }
  const organisation = { organization, industry, country };
  await services.context.globalState.update(OrganisationKey, organisation);
  return organisation;
}

const flowTitle = () => vscode.l10n.t('Foundry: deploy Claude models');

/** The guided questions (the capacity comes later, with the plan); undefined when one is dismissed. */
async function askAnswers(services: Services, target?: DeployTarget): Promise<DeployAnswers | undefined> {
  const title = flowTitle();
  const subscription = target?.subscriptionId ?? (await askSubscription(services, title, ask));
  const resource = target?.resource ?? (subscription && (await ask(title, vscode.l10n.t('Foundry resource name (an existing one, or the one to create)'))));
  if (!subscription || !resource) {
    return undefined;
  }
  const yes = vscode.l10n.t('Yes, create it if it does not exist');
  const no = vscode.l10n.t('No, it exists');
  const create = target ? no : await vscode.window.showQuickPick([yes, no], { title, placeHolder: vscode.l10n.t('Create {0} if missing?', resource), ignoreFocusOut: true });
  if (!create) {
    return undefined;
  }
  let resourceGroup = target?.resourceGroup;
  let location: string | undefined;
  if (create === yes) {
    resourceGroup = await ask(title, vscode.l10n.t('Resource group (created if missing)'));
    location = resourceGroup && (await askRegion(services, title, subscription, ask));
    if (!resourceGroup || !location) {
      return undefined;
    }
  }
  const families = await vscode.window.showQuickPick(
    DeployFamilies.map((f) => ({ label: f, picked: true })),
    { title, placeHolder: target ? vscode.l10n.t('Claude families to deploy to {0} (a family deployed there already is kept)', target.resource) : vscode.l10n.t('Claude families to deploy'), canPickMany: true, ignoreFocusOut: true },
  );
  if (!families || families.length === 0) {
    return undefined;
  }
  const grant = vscode.l10n.t('Yes, give Claude Code\'s identity access (Azure AI User on the resource)');
  const access = await vscode.window.showQuickPick([grant, vscode.l10n.t('No, access is handled elsewhere')],
    { title, placeHolder: vscode.l10n.t('Grant access to the resource?'), ignoreFocusOut: true });
  if (!access) {
    return undefined;
  }
  const organisation = await askOrganisation(services, title);
  if (!organisation) {
    return undefined;
  }
  return {
    subscription, resource, create: create === yes, resourceGroup, location,
    families: families.map((f) => f.label), pins: {}, capacity: undefined, grantAccess: access === grant, organisation,
  };
}

/** A request under a notification with `$/progress` messages; cancelling it sends `$/cancelRequest`. */
function run(services: Services, title: string, method: typeof Rpc.deployPlan, params: DeployParams): Thenable<DeployResult> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const sub = services.client.onProgress((p) => {
      if (p.token === params.progressToken && p.value.kind !== 'end' && (p.value.message ?? p.value.title)) {
        progress.report({ message: p.value.message ?? p.value.title ?? '' });
      }
    });
    try {
      return await services.client.request(method, params, token);
    } finally {
      sub.dispose();
    }
  });
}

export async function deployClaudeModels(services: Services, target?: DeployTarget): Promise<void> {
  if (!(await requireTrust(services, vscode.l10n.t('deploy Claude models')))) {
    return;
  }
  const answers = await askAnswers(services, target);
  if (!answers) {
    return;
  }
  const params = () => toDeployParams(answers, `deploy-${++progressCounter}`);
  const keep = (outcome: 'planned' | 'invalidInput' | 'failed') => services.context.globalState.update(OrganisationKey,
    keepAfterPlan(answers.organisation, outcome, services.context.globalState.get<KeptOrganisation>(OrganisationKey)));
  const plan = async (): Promise<DeployResult | undefined> => {
    try {
      const result = await run(services, vscode.l10n.t('Checking what deploying {0} needs…', answers.resource), Rpc.deployPlan, params());
      await keep('planned');
      return result;
    } catch (error) {
      await keep(describeError(error).code === FoundryErrorCode.InvalidInput ? 'invalidInput' : 'failed');
      await showError(services, vscode.l10n.t('Deploy Claude models'), error);
      return undefined;
    }
  };
  let planned = await plan();
  let capacityAsked = false;
  for (;;) {
    if (!planned) {
      return;
    }
    // The capacity is asked once the plan says what would be created and what quota is free (the sidecar offers the
    // question only then), and again while a smaller one may cure a quota failure.
    const question = planned.plan.capacity;
    if (question && (!capacityAsked || question.quotaFails)) {
      capacityAsked = true;
      const text = await ask(flowTitle(), vscode.l10n.t('Capacity of each new deployment, thousands of tokens per minute (empty: as planned). {0}', question.context.join(' · ')), '', (v) =>
        parseCapacity(v) === 'invalid' ? vscode.l10n.t('A whole number, or empty') : undefined);
      if (text === undefined) {
        return;
      }
      const capacity = parseCapacity(text);
      if (capacity !== undefined && capacity !== 'invalid' && capacity !== answers.capacity) {
        answers.capacity = capacity;
        planned = await plan();
        continue;
      }
    }
    const failed = failedVerdicts(planned);
    if (failed.length > 0) {
      services.log.warn(`deploy/plan: ${failed.map((v) => `${v.check}: ${v.detail}`).join('; ')}`);
      await vscode.window.showErrorMessage(vscode.l10n.t('{0} cannot be deployed yet', answers.resource), {
        modal: true,
        detail: failed.map((v) => `${v.check}: ${v.detail}${v.fix ? `\n→ ${v.fix}` : ''}`).join('\n\n'),
      });
      return;
    }
    const others = otherOffers(planned, answers.families);
    const deploy = vscode.l10n.t('Deploy');
    const picked = await vscode.window.showQuickPick(
      [
        { label: `$(rocket) ${deploy}`, description: describePlan(planned), action: 'deploy' as const },
        ...(others.length > 0 ? [{ label: `$(versions) ${vscode.l10n.t('Choose another model or version…')}`, description: vscode.l10n.t('{0} more in {1}', others.length, planned.resource?.location ?? ''), action: 'models' as const }] : []),
        ...planned.plan.preflight.map((v) => ({ label: `${verdictIcon(v)} ${v.check}`, description: v.status, detail: v.fix ? `${v.detail} → ${v.fix}` : v.detail, action: undefined })),
      ],
      { title: vscode.l10n.t('Foundry: deploy to {0}? (preflight)', answers.resource), ignoreFocusOut: true, matchOnDetail: true },
    );
    if (picked?.action === 'deploy') {
      break;
    }
    if (picked?.action !== 'models') {
      return;
    }
    const offer = await pickOffer(planned, answers.families);
    if (offer === undefined) {
      return;
    }
    answers.pins[offer.family] = offer.pin;
    planned = await plan();
  }
  let result: DeployResult;
  try {
    result = await run(services, vscode.l10n.t('Deploying Claude models to {0}…', answers.resource), Rpc.deployApply, params());
  } catch (error) {
    await showError(services, vscode.l10n.t('Deploy Claude models'), error);
    return;
  }
  const lines = describeDeployments(result);
  const role = result.roleAssignment;
  services.log.info(`deploy/apply ${answers.resource}: ${lines.join('; ')}${role ? `; access: ${role.state}` : ''}${result.errors.length ? `; errors: ${result.errors.map((e) => e.code).join(', ')}` : ''}`);
  if (role && (role.state === 'notAllowed' || role.state === 'failed')) {
    void vscode.window.showWarningMessage(role.fix ? `${role.detail} ${role.fix}` : role.detail);
  }
  const resource = result.resource;
  if (result.errors.length > 0 || !resource?.exists) {
    await vscode.window.showErrorMessage(vscode.l10n.t('Deploying to {0} did not finish', answers.resource), {
      modal: true,
      detail: [...result.errors.map((e) => `${e.code}: ${e.message}${e.fix ? `\n→ ${e.fix}` : ''}`), '', ...lines].join('\n'),
    });
    return;
  }
  // The same path as Select Resource: the selection, then Configure applies it.
  await services.reapply.hold(() => services.selection.set({
    resource: resource.name,
    id: resource.id ?? undefined,
    subscriptionId: resource.subscriptionId,
    resourceGroup: resource.resourceGroup ?? undefined,
    location: resource.location,
    endpoint: resource.endpoint,
    deployments: {},
  }));
  void vscode.window.showInformationMessage(
    resource.created
      ? vscode.l10n.t('{0} created: {1}', resource.name, lines.join(', '))
      : vscode.l10n.t('{0} ready: {1}', resource.name, lines.join(', ')),
  );
  await applyConfigured(services);
}
