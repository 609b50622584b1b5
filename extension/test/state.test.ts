import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApplyChoice, ClaudeDeployment, FoundryResource } from '../src/sidecar/protocol';
import { StateModel } from '../src/state';
import { chosenDeployments, deploymentsOf, familiesOf, followState, Selection, StatusView } from '../src/statusModel';

const selection: Selection = { resource: 'contoso-foundry', subscriptionId: 'sub-1', auth: 'entra', deployments: {} };
const deployment = (name: string, family: ClaudeDeployment['family']): ClaudeDeployment =>
  ({ name, model: `claude-${family}-4-5`, version: '1', family, sku: 'GlobalStandard', capacity: 1, state: 'Succeeded' });
const choice = (family: ApplyChoice['family'], name: string | null, reason: ApplyChoice['reason'] = 'default'): ApplyChoice =>
  ({ family, deployment: name ? deployment(name, family) : null, reason });

test('the state model tells its listeners of a change, once, and not of an update that changes nothing', () => {
  const state = new StateModel();
  const seen: string[] = [];
  const sub = state.onDidChange((now, before) => { seen.push(`${before.sidecar}->${now.sidecar}`); });
  state.update({ sidecar: 'starting' });
  state.update({ sidecar: 'starting' });
  state.update({ sidecar: 'ready', busy: undefined });
  sub.dispose();
  state.update({ sidecar: 'failed' });
  assert.deepEqual(seen, ['stopped->starting', 'starting->ready']);
  assert.equal(state.current.sidecar, 'failed');
});

test('key presence survives a health check, and a failed check keeps only it', () => {
  const state = new StateModel({ sidecar: 'ready', selection: { ...selection, auth: 'key' } });
  const health = () => state.current.health;
  state.setKeyMissing(true);
  state.setHealth({ selected: null, checking: true });
  assert.equal(health()?.keyMissing, true);
  state.setHealth({ selected: 'ApiKey', identity: null });
  assert.deepEqual(health(), { selected: 'ApiKey', identity: null, keyMissing: true });
  state.setHealth(undefined);
  assert.deepEqual(health(), { selected: null, keyMissing: true });
  state.setKeyMissing(false);
  assert.equal(health()?.keyMissing, undefined);
});

test('the status item follows the state: a view at once and one per change, none after dispose', () => {
  const state = new StateModel();
  const views: StatusView[] = [];
  const follow = followState(state, (v) => views.push(v));
  assert.equal(views.length, 1);
  assert.equal(views[0].text, '$(azure) Foundry: select a resource');
  state.update({ selection });
  state.update({ busy: 'Listing Foundry resources…' });
  state.update({ busy: undefined, applied: { resource: 'contoso-foundry', choices: [choice('opus', 'o'), choice('sonnet', 'Sonnet45')] } });
  assert.deepEqual(views.map((v) => v.text), [
    '$(azure) Foundry: select a resource',
    '$(azure) Foundry: contoso-foundry',
    '$(sync~spin) Foundry: contoso-foundry',
    '$(azure) Foundry: contoso-foundry (Sonnet45)',
  ]);
  follow.dispose();
  state.update({ sidecar: 'failed' });
  assert.equal(views.length, 4);
});

test('the tooltip lists the sidecar\'s families in its order, a family without a deployment as —; another resource\'s choices are not shown', () => {
  const applied = { resource: 'CONTOSO-foundry', choices: [choice('fable', 'ink'), choice('opus', null, 'none'), choice('sonnet', 's', 'explicit'), choice('other', 'gpt')] };
  assert.deepEqual(deploymentsOf(selection, applied), [['fable', 'ink'], ['opus', undefined], ['sonnet', 's']]);
  assert.deepEqual(deploymentsOf({ ...selection, deployments: { haiku: 'h' } }, { ...applied, resource: 'contoso-ai-west' }), [['haiku', 'h']]);
  const state = new StateModel({ sidecar: 'ready', selection, applied });
  const views: StatusView[] = [];
  followState(state, (v) => views.push(v)).dispose();
  assert.match(views[0].tooltip, /Deployments: fable ink, opus —, sonnet s/);
});

test('Choose Deployments asks for the sidecar\'s families in the contract\'s order, whatever the listing\'s order, never "other"', () => {
  const resource = { name: 'contoso-foundry', deployments: [deployment('h', 'haiku'), deployment('g', 'other'), deployment('n', 'fable'), deployment('s', 'sonnet')] } as FoundryResource;
  assert.deepEqual(familiesOf(resource, undefined), ['fable', 'sonnet', 'haiku']);
  assert.deepEqual(familiesOf(resource, { resource: 'contoso-foundry', choices: [choice('haiku', 'h'), choice('opus', null, 'none'), choice('sonnet', 's')] }),
    ['fable', 'opus', 'sonnet', 'haiku']);
});

test('foundryIde.deployments from settings.json: string values of family-like keys only', () => {
  assert.deepEqual(chosenDeployments({ opus: 'o', sonnet: 5, haiku: ' h ', fable: '', other: 'x', resource: 'evil', output: '/etc/passwd', 'Bad-Key': 'y' }), { opus: 'o', haiku: 'h' });
  assert.deepEqual(chosenDeployments({ fable: 'ink' }), { fable: 'ink' });
  assert.deepEqual(chosenDeployments(['opus']), {});
  assert.deepEqual(chosenDeployments(null), {});
  assert.deepEqual(chosenDeployments('sonnet'), {});
});
