// The peer: the real Azure CLI listing the same Foundry resources as a user's script would, one command at a time.
// Login follows tests/Emulator/README.md (custom ADFS-style cloud + service principal, fresh AZURE_CONFIG_DIR).
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function az(args, env) {
  return new Promise((resolve, reject) => {
    execFile('az', [...args, '--only-show-errors'], { env, maxBuffer: 64 << 20, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`az ${args.slice(0, 4).join(' ')} failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}

/** Logs the real az in to the emulator (untimed); returns the environment its later commands need. */
export async function azLogin(emu, seed) {
  const configDir = mkdtempSync(join(tmpdir(), 'foundry-bench-az-'));
  writeFileSync(join(configDir, 'versionCheck.json'),
    JSON.stringify({ check_time: new Date().toISOString().replace('T', ' ').replace('Z', '') }));
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(AZURE_|IDENTITY_|MSI_)/.test(k)));
  Object.assign(env, { AZURE_CONFIG_DIR: configDir, AZURE_CORE_COLLECT_TELEMETRY: 'false', REQUESTS_CA_BUNDLE: emu.bundlePem });
  const base = emu.baseUri;
  await az(['cloud', 'register', '-n', 'Emu', '--endpoint-resource-manager', base,
    '--endpoint-active-directory', `${base}adfs`, '--endpoint-active-directory-resource-id', base,
    '--endpoint-active-directory-graph-resource-id', `${base}graph/`, '--endpoint-management', base], env);
  await az(['cloud', 'set', '-n', 'Emu'], env);
  await az(['login', '--service-principal', '-u', seed.clientId, '-p', seed.clientSecret, '--tenant', seed.tenantId, '-o', 'none'], env);
  return env;
}

/**
 * `az cognitiveservices account list --subscription S` for every subscription, then
 * `az cognitiveservices account deployment list -g RG -n NAME --subscription S` for every Foundry (AIServices)
 * account it returned, sequentially. Returns the wall time and what az found.
 */
export async function timeAzListing(env, subscriptions) {
  const started = performance.now();
  let calls = 0;
  let foundry = 0;
  let claude = 0;
  for (const sub of subscriptions) {
    const accounts = JSON.parse(await az(['cognitiveservices', 'account', 'list', '--subscription', sub, '-o', 'json'], env));
    calls++;
    for (const account of accounts.filter((a) => a.kind === 'AIServices')) {
      const deployments = JSON.parse(await az(['cognitiveservices', 'account', 'deployment', 'list',
        '-g', account.resourceGroup, '-n', account.name, '--subscription', sub, '-o', 'json'], env));
      calls++;
      foundry++;
      claude += deployments.filter((d) => d.properties?.model?.format === 'Anthropic').length;
    }
  }
  return { ms: performance.now() - started, calls, foundry, claude };
}
