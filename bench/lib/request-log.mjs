// Reading the emulator's request log: which path a listing took, and where its time went.
const GRAPH_PATH = /Microsoft\.ResourceGraph/i;
const SUBSCRIPTION_ACCOUNTS = /^\/subscriptions\/[^/]+\/providers\/Microsoft\.CognitiveServices\/accounts\?/i;

/**
 * Where one `resources/list` spent its time, from the emulator's request log (same clock): request sent → first
 * Azure request received, first request → last response, last response → result received.
 */
export function breakdown(run, requests) {
  if (!requests.length) return null;
  const first = Math.min(...requests.map((r) => Date.parse(r.timestamp)));
  const last = Math.max(...requests.map((r) => Date.parse(r.timestamp) + r.durationMs));
  return { before: first - run.sentAt, azure: last - first, after: run.doneAt - last, requests: requests.length };
}

/** Which path a listing took, from the emulator's request log. */
export function pathTaken(requests) {
  const graphOk = requests.some((r) => GRAPH_PATH.test(r.path) && r.statusCode === 200);
  const perSubscription = requests.filter((r) => SUBSCRIPTION_ACCOUNTS.test(r.path)).length;
  return graphOk ? 'graph' : perSubscription > 0 ? 'per-subscription' : 'none';
}
