// The critical path of a listing: one token request, one subscriptions list, one accounts list and one deployments
// list, sent one after another on one kept-alive connection (so one TLS handshake, as any client needs).
import { newAgent, requestJson } from './http.mjs';
import { median } from './stats.mjs';

export const SUBSCRIPTIONS_API = '2022-12-01';
export const COGNITIVE_API = '2025-06-01';

async function once(emu, seed) {
  const agent = newAgent(emu.ca, true);
  const steps = {};
  const started = performance.now();
  let mark = started;
  const lap = (name) => { const now = performance.now(); steps[name] = now - mark; mark = now; };

  const form = new URLSearchParams({
    grant_type: 'client_credentials', client_id: seed.clientId, client_secret: seed.clientSecret,
    scope: `${emu.baseUri}/.default`, // a custom cloud's ARM audience is its endpoint, as FoundryIde asks for it
  }).toString();
  const token = await requestJson(`${emu.baseUri}${seed.tenantId}/oauth2/v2.0/token`, {
    method: 'POST', agent, body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  lap('token');
  const auth = { agent, headers: { authorization: `Bearer ${token.access_token}` } };

  const subs = await requestJson(`${emu.baseUri}subscriptions?api-version=${SUBSCRIPTIONS_API}`, auth);
  lap('subscriptions');
  const sub = subs.value[0].subscriptionId;
  const accounts = await requestJson(
    `${emu.baseUri}subscriptions/${sub}/providers/Microsoft.CognitiveServices/accounts?api-version=${COGNITIVE_API}`, auth);
  lap('accounts');
  const account = accounts.value.find((a) => a.kind === 'AIServices') ?? accounts.value[0];
  const deployments = await requestJson(
    `${emu.baseUri}${account.id.replace(/^\//, '')}/deployments?api-version=${COGNITIVE_API}`, auth);
  lap('deployments');
  if (!Array.isArray(deployments.value)) throw new Error('deployments list without value');
  agent.destroy();
  return { total: performance.now() - started, steps };
}

/** Median of `runs` sequential measurements (after one untimed warm-up), with the median of each step. */
export async function measureCriticalPath(emu, seed, runs) {
  await once(emu, seed);
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await once(emu, seed));
  const steps = Object.fromEntries(Object.keys(samples[0].steps).map((k) => [k, median(samples.map((s) => s.steps[k]))]));
  return { ms: median(samples.map((s) => s.total)), steps, samples: samples.map((s) => s.total) };
}
