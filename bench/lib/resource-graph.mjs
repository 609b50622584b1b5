// FoundryIde with Resource Graph forced off or on. The sidecar picks Resource Graph by subscription count
// (AccountFinder.ResourceGraphThreshold) unless FOUNDRYIDE_RESOURCE_GRAPH=always|never says otherwise
// (ResourceDiscovery.ResourceGraphVariable). Each mode is set through that variable, and the emulator's request log
// tells which path was really taken. A sidecar without the variable: "off" is then forced by making the emulator
// answer 403 to Resource Graph (FoundryIde falls back to one list per subscription; the refused call costs one
// loopback round trip, without ARM latency), and "on" below the threshold is reported as not forceable.
import { checkListing, foundryEnv, timeServeList } from './foundry.mjs';
import { median } from './stats.mjs';
import { pathTaken } from './request-log.mjs';

export const KNOB = 'FOUNDRYIDE_RESOURCE_GRAPH';

async function probe(emu, server, env) {
  await emu.clearRequests();
  const run = await timeServeList(server, emu, env);
  return { run, path: pathTaken(await emu.requests()) };
}

/** Median `resources/list` time with Resource Graph forced `want` ('off' | 'on'), or {ms: null, how: why not}. */
export async function timeForcedMode(emu, server, seed, expected, want, runs, autoPath) {
  const wanted = want === 'on' ? 'graph' : 'per-subscription';
  const env = foundryEnv(emu, seed, { [KNOB]: want === 'on' ? 'always' : 'never' });
  let how = `${KNOB}=${env[KNOB]}`;
  try {
    let first = await probe(emu, server, env);
    if (first.path === wanted && autoPath === wanted) how = 'auto mode takes this path here';
    if (first.path !== wanted) {
      if (want === 'on') return { ms: null, how: `not forceable (${KNOB} not honoured)` };
      await emu.addFault({ action: 'status', statusCode: 403, pathContains: 'Microsoft.ResourceGraph' });
      how = 'emulator 403 on Resource Graph';
      first = await probe(emu, server, env);
      if (first.path !== wanted) return { ms: null, how: `could not force (took ${first.path})` };
    }
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const { ms, result } = await timeServeList(server, emu, env);
      const problems = checkListing(result, expected);
      if (problems.length) return { ms: null, how: `FAILED: ${problems.join(', ')}` };
      samples.push(ms);
    }
    return { ms: median(samples), how, samples };
  } finally {
    await emu.clearFaults();
  }
}
