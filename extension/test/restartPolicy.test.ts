import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RestartPolicy } from '../src/sidecar/restartPolicy';

const options = { initialDelayMs: 500, maxDelayMs: 4_000, maxRestarts: 5, windowMs: 60_000 };

test('delays double up to the cap, then the person is asked', () => {
  const p = new RestartPolicy(options);
  const delays = [0, 1, 2, 3, 4].map((i) => p.onCrash(i * 1000));
  assert.deepEqual(delays.map((d) => (d.action === 'restart' ? d.delayMs : -1)), [500, 1000, 2000, 4000, 4000]);
  assert.deepEqual(p.onCrash(5000), { action: 'prompt' });
});

test('crashes older than the window are forgotten', () => {
  const p = new RestartPolicy(options);
  for (let i = 0; i < 5; i++) p.onCrash(i);
  assert.deepEqual(p.onCrash(10 * 60_000), { action: 'restart', delayMs: 500, attempt: 1 });
});

test('reset after a restart the person asked for', () => {
  const p = new RestartPolicy(options);
  for (let i = 0; i < 6; i++) p.onCrash(i);
  p.reset();
  assert.equal(p.onCrash(10).action, 'restart');
});
