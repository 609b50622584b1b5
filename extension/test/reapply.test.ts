import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Reapplier, selectionSignature } from '../src/reapply';
import type { Selection } from '../src/statusModel';

const west: Selection = { resource: 'contoso-west-7f3a', subscriptionId: 's1', auth: 'entra', deployments: { sonnet: 'sonnet' } };

/** A Reapplier whose timers are run by hand; `applied` counts the applies. */
function harness(initial: Selection | undefined) {
  let current = initial;
  const timers: (() => void)[] = [];
  let applies = 0;
  const reapply = new Reapplier({
    current: () => selectionSignature(current),
    apply: async () => {
      applies++;
    },
    setTimer: (run) => timers.push(run) - 1,
    clearTimer: (h) => {
      timers[h as number] = () => {};
    },
  });
  return {
    reapply,
    set: (s: Selection | undefined) => (current = s),
    fire: async () => {
      const due = timers.splice(0);
      due.forEach((run) => { run(); });
      await reapply.idle();
      await new Promise((r) => setImmediate(r));
    },
    applies: () => applies,
  };
}

test('the signature follows what decides the variables, and ignores the case of the resource name', () => {
  assert.equal(selectionSignature(undefined), undefined);
  assert.equal(selectionSignature(west), selectionSignature({ ...west, resource: 'Contoso-West-7F3A', location: 'westus' }));
  assert.notEqual(selectionSignature(west), selectionSignature({ ...west, auth: 'key' }));
  assert.notEqual(selectionSignature(west), selectionSignature({ ...west, deployments: { sonnet: 'sonnet', haiku: 'haiku' } }));
  assert.notEqual(selectionSignature(west), selectionSignature({ ...west, resource: 'contoso-foundry' }));
});

test('a resource edited by hand is applied once, after the burst of change events', async () => {
  const h = harness(west);
  h.reapply.markApplied(selectionSignature(west));
  h.set({ ...west, resource: 'contoso-foundry' });
  h.reapply.schedule();
  h.reapply.schedule();
  h.reapply.schedule();
  await h.fire();
  assert.equal(h.applies(), 1);
  h.reapply.schedule(); // the same selection again: nothing to do
  await h.fire();
  assert.equal(h.applies(), 1);
});

test('change events caused by a command that already applied the selection do not apply it again', async () => {
  const h = harness(west);
  h.reapply.markApplied(selectionSignature(west));
  h.reapply.schedule();
  await h.fire();
  assert.equal(h.applies(), 0);
});

test('clearing the resource setting applies once (the apply removes the variables)', async () => {
  const h = harness(west);
  h.reapply.markApplied(selectionSignature(west));
  h.set(undefined);
  h.reapply.schedule();
  await h.fire();
  assert.equal(h.applies(), 1);
  h.reapply.schedule();
  await h.fire();
  assert.equal(h.applies(), 1);
});

test('after dispose a pending apply does not run', async () => {
  const h = harness(west);
  h.set({ ...west, auth: 'key' });
  h.reapply.schedule();
  h.reapply.dispose();
  await h.fire();
  assert.equal(h.applies(), 0);
});

test('settings written together under hold: no apply of half a selection, one apply after', async () => {
  const h = harness(west);
  h.reapply.markApplied(selectionSignature(west));
  let firedDuringHold = 0;
  await h.reapply.hold(async () => {
    h.set({ ...west, resource: 'contoso-foundry' }); // the resource is written, its deployments not yet
    h.reapply.schedule();
    await h.fire(); // a slow write: the quiet period passes before the next one
    firedDuringHold = h.applies();
    h.set({ ...west, resource: 'contoso-foundry', deployments: {} });
    h.reapply.schedule();
  });
  await h.fire();
  assert.equal(firedDuringHold, 0, 'nothing applied between the writes');
  assert.equal(h.applies(), 1, 'the whole selection applied once');
});
