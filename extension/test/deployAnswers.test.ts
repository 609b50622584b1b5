import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeployAnswers, DeployFamilies, deployTargetOf, describePlan, failedVerdicts, keepAfterPlan, otherOffers, parseCapacity, toDeployParams } from '../src/commands/deployAnswers';
import type { DeployResult } from '../src/sidecar/protocol';

const answers: DeployAnswers = {
  subscription: ' sub-1 ', resource: 'new-ai ', create: true, resourceGroup: 'rg', location: 'eastus2',
  families: [...DeployFamilies], pins: {}, capacity: undefined, grantAccess: true, organisation: { organization: 'Contoso', industry: 'technology', country: 'US' },
};

test('every family picked sends no list (the sidecar chooses what the region offers); a subset is sent as picked', () => {
  const all = toDeployParams(answers, 'deploy-1');
  assert.equal(all.models, undefined);
  assert.equal(all.subscription, 'sub-1');
  assert.equal(all.resource, 'new-ai');
  assert.equal(all.progressToken, 'deploy-1');
  assert.equal(all.organization, 'Contoso');
  assert.equal(all.grantAccess, true);
  assert.equal(toDeployParams({ ...answers, grantAccess: false }).grantAccess, false);
  assert.deepEqual(toDeployParams({ ...answers, families: ['opus', 'haiku'] }).models, ['opus', 'haiku']);
  assert.equal(all.pins, undefined);
  assert.deepEqual(toDeployParams({ ...answers, pins: { opus: 'opus=claude-opus-4-1@20250805' } }).pins, ['opus=claude-opus-4-1@20250805']);
});

test('a region is sent only with create', () => {
  assert.equal(toDeployParams(answers).location, 'eastus2');
  assert.equal(toDeployParams({ ...answers, create: false }).location, undefined);
  assert.equal(toDeployParams({ ...answers, create: false }).create, false);
});

test('capacity: empty is the sidecar\'s default, a whole number is sent, anything else is refused', () => {
  assert.equal(parseCapacity('  '), undefined);
  assert.equal(parseCapacity(' 20 '), 20);
  assert.equal(parseCapacity('2.5'), 'invalid');
  assert.equal(parseCapacity('-1'), 'invalid');
});

test('failedVerdicts keeps only the failing preflight verdicts', () => {
  const result = {
    resource: null, deployments: [], roleAssignment: null, warnings: [], errors: [], dryRun: true,
    plan: { calls: [], offers: [], capacity: null, preflight: [
      { check: 'name', status: 'pass', detail: 'ok', fix: null },
      { check: 'quota', status: 'fail', detail: 'no quota', fix: 'ask for more' },
      { check: 'marketplace', status: 'warn', detail: 'none yet', fix: null },
    ] },
  } as DeployResult;
  assert.deepEqual(failedVerdicts(result).map((v) => v.check), ['quota']);
});

test('another model: the catalogue offers the plan did not choose, for the families asked, in their order', () => {
  const offer = (family: string, model: string, version: string, chosen: boolean) =>
    ({ family, model, version, isDefaultVersion: chosen, lifecycle: null, chosen, pin: `${family}=${model}@${version}` });
  const result = {
    resource: null, roleAssignment: null, warnings: [], errors: [], dryRun: true, deployments: [],
    plan: { calls: [], preflight: [], capacity: null, offers: [
      offer('sonnet', 'claude-sonnet-4-5', '20250929', true), offer('sonnet', 'claude-sonnet-4-5', '20250801', false),
      offer('opus', 'claude-opus-4-5', '20251101', true), offer('opus', 'claude-opus-4-1', '20250805', false),
      offer('haiku', 'claude-haiku-4-5', '20251001', true), offer('haiku', 'claude-haiku-3-5', '1', false),
    ] },
  } as unknown as DeployResult;
  assert.deepEqual(otherOffers(result, ['opus', 'sonnet']).map((o) => o.pin), ['opus=claude-opus-4-1@20250805', 'sonnet=claude-sonnet-4-5@20250801']);
  assert.deepEqual(otherOffers(result, ['haiku']).map((o) => o.pin), ['haiku=claude-haiku-3-5@1']);
});

test('the Deploy row: the planned deployments, or while none could be planned (a provider to register first), the planned writes', () => {
  const call = (purpose: string, done: boolean) => ({ method: 'POST', path: '/x', body: null, purpose, done });
  const result = {
    resource: null, roleAssignment: null, warnings: [], errors: [], dryRun: true, deployments: [],
    plan: { preflight: [], offers: [], capacity: null, calls: [call('read the provider', true), call('register Microsoft.CognitiveServices', false)] },
  } as unknown as DeployResult;
  assert.equal(describePlan(result), 'register Microsoft.CognitiveServices');
  result.deployments.push({ name: 'claude-haiku-4-5', model: 'claude-haiku-4-5', version: '1', family: 'haiku', sku: 'GlobalStandard', capacity: 10, state: 'planned', created: false, hosting: '' });
  assert.equal(describePlan(result), 'claude-haiku-4-5 (claude-haiku-4-5 1, GlobalStandard 10): planned');
});

test('the deploy command takes a target from its argument only as non-empty strings (any caller may pass anything)', () => {
  assert.deepEqual(deployTargetOf({ subscriptionId: 's', resource: 'r', extra: 1 }), { subscriptionId: 's', resource: 'r' });
  assert.deepEqual(deployTargetOf({ subscriptionId: 's', resource: 'r', resourceGroup: 'rg' }), { subscriptionId: 's', resource: 'r', resourceGroup: 'rg' });
  assert.deepEqual(deployTargetOf({ subscriptionId: 's', resource: 'r', resourceGroup: 7 }), { subscriptionId: 's', resource: 'r' });
  for (const arg of [undefined, null, 'r', 42, [], {}, { subscriptionId: 's' }, { subscriptionId: 's', resource: 7 }, { subscriptionId: '', resource: 'r' }]) {
    assert.equal(deployTargetOf(arg), undefined, JSON.stringify(arg));
  }
});

test('organisation details are kept as accepted once a plan took them; refused as input, they are asked again (prefilled)', () => {
  const org = { organization: 'Contoso', industry: 'technology', country: 'UK' };
  const before = { organization: 'Old', industry: 'finance', country: 'US', accepted: true };
  assert.deepEqual(keepAfterPlan(org, 'planned'), { ...org, accepted: true });
  assert.deepEqual(keepAfterPlan(org, 'invalidInput', before), { ...org, accepted: false }, 'a code that is none is not sent again unasked');
  assert.equal(keepAfterPlan(org, 'failed', before), before, 'Azure unreachable says nothing about the details');
  assert.equal(keepAfterPlan(org, 'failed'), undefined);
});
