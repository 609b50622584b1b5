import assert from 'node:assert/strict';
import { test } from 'node:test';
import { capacityContext, DeployAnswers, DeployFamilies, failedVerdicts, onlyQuotaFails, parseCapacity, plannedDeployments, toDeployParams } from '../src/commands/deployAnswers';
import type { DeployResult } from '../src/sidecar/protocol';

const answers: DeployAnswers = {
  subscription: ' sub-1 ', resource: 'new-ai ', create: true, resourceGroup: 'rg', location: 'eastus2',
  families: [...DeployFamilies], capacity: undefined, grantAccess: true, organisation: { organization: 'Contoso', industry: 'technology', country: 'US' },
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
    plan: { calls: [], preflight: [
      { check: 'name', status: 'pass', detail: 'ok', fix: null },
      { check: 'quota', status: 'fail', detail: 'no quota', fix: 'ask for more' },
      { check: 'marketplace', status: 'warn', detail: 'none yet', fix: null },
    ] },
  } as DeployResult;
  assert.deepEqual(failedVerdicts(result).map((v) => v.check), ['quota']);
});

test('the capacity question: only the deployments to create, with their planned capacity, then the quota verdicts as the sidecar wrote them', () => {
  const deployment = (name: string, state: string, capacity: number) =>
    ({ name, model: `claude-${name}`, version: '1', family: 'sonnet', sku: 'GlobalStandard', capacity, state, created: false });
  const result = {
    resource: null, roleAssignment: null, warnings: [], errors: [], dryRun: true,
    deployments: [deployment('opus-4-5', 'planned', 20), deployment('sonnet-4-5', 'Succeeded', 50)],
    plan: { calls: [], preflight: [
      { check: 'name', status: 'pass', detail: 'ok', fix: null },
      { check: 'quota', status: 'fail', detail: 'claude-opus-4-5: 20 asked but only 5 free of 100', fix: 'Use a capacity of 5 or less' },
    ] },
  } as unknown as DeployResult;
  assert.deepEqual(plannedDeployments(result).map((d) => d.name), ['opus-4-5']);
  assert.deepEqual(capacityContext(result), ['opus-4-5 (claude-opus-4-5 1): 20', '✗ claude-opus-4-5: 20 asked but only 5 free of 100']);
  assert.equal(onlyQuotaFails(result), true, 'a smaller capacity may cure it: the flow asks');
  result.plan.preflight.push({ check: 'region', status: 'fail', detail: 'not offered', fix: null });
  assert.equal(onlyQuotaFails(result), false, 'another failure: the flow shows it and stops');
});
