// Machine description and the markdown report.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { ms, ratio } from './stats.mjs';

export function machine() {
  let distro = os.type();
  try {
    distro = /PRETTY_NAME="?([^"\n]*)/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? distro;
  } catch { /* not Linux */ }
  return {
    nproc: os.availableParallelism(),
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    cpu: os.cpus()[0]?.model?.trim() ?? 'unknown',
    os: `${distro}, kernel ${os.release()}`,
    node: process.version,
    load: os.loadavg()[0],
  };
}

const HEADER = ['S', 'A', 'L (ms)', 'Foundry resources', 'Claude deployments', 'critical path (ms)',
  '`resources/list` (ms)', 'ratio', 'CLI (ms)', 'accounts via', 'RG off (ms)', 'RG on (ms)', 'az CLI (s)', 'az / FoundryIde', 'status'];

function row(c) {
  const rg = (m) => (m ? (m.ms === null ? `n/a: ${m.how}` : `${ms(m.ms)}${m.how.startsWith('emulator') ? ' ¹' : ''}`) : '—');
  return [c.S, c.A, c.L, c.expected?.foundry.length ?? '—', c.expected?.claudeDeployments ?? '—', ms(c.critical?.ms),
    ms(c.serve?.ms), ratio(c.ratio), ms(c.cli?.ms), c.path ?? '—', rg(c.rgOff), rg(c.rgOn),
    c.az ? (c.az.ms / 1000).toFixed(1) : '—', ratio(c.azRatio), c.status];
}

export function table(cells) {
  const lines = [HEADER, HEADER.map(() => '---'), ...cells.map(row)];
  return lines.map((cols) => `| ${cols.join(' | ')} |`).join('\n');
}

export function targets(cells) {
  const lines = [];
  for (const c of cells.filter((x) => x.L > 0 && x.S <= 50 && x.A <= 10)) {
    const verdict = c.status === 'FAILED' || c.ratio === undefined ? 'MISS (cell failed)' : c.ratio <= 1.3 ? 'PASS' : 'MISS';
    lines.push(`- ${verdict}: wall ≤ 1.3x critical path at S=${c.S}, A=${c.A}, L=${c.L}: ` +
      `${ms(c.serve?.ms)} ms / ${ms(c.critical?.ms)} ms = ${ratio(c.ratio)}`);
  }
  for (const c of cells.filter((x) => x.az)) {
    const target = c.S === 20 && c.A === 5 && c.L === 100;
    const verdict = c.status !== 'ok' ? `MISS (${c.status})` : c.azRatio >= 10 ? 'PASS' : 'MISS';
    lines.push(`- ${target ? verdict : 'info'}: ≥ 10x faster than az at S=${c.S}, A=${c.A}, L=${c.L}: ` +
      `az ${(c.az.ms / 1000).toFixed(1)} s (${c.az.calls} commands) / FoundryIde ${ms(c.serve?.ms)} ms = ${ratio(c.azRatio)}`);
  }
  return lines.join('\n');
}

export function details(cells) {
  return cells.map((c) => {
    const steps = c.critical ? Object.entries(c.critical.steps).map(([k, v]) => `${k} ${ms(v)}`).join(', ') : '—';
    const samples = c.serve?.samples ? c.serve.samples.map(ms).join(', ') : '—';
    const cli = c.cli?.samples ? c.cli.samples.map(ms).join(', ') : '—';
    const b = c.breakdown;
    const timeline = b ? `; one more resources/list: ${ms(b.before)} ms from request to its first Azure call (token), ` +
      `${ms(b.azure)} ms of Azure calls (${b.requests} requests), ${ms(b.after)} ms from last response to result` : '';
    return `- S=${c.S}, A=${c.A}, L=${c.L}: critical path steps (median ms) ${steps}; resources/list runs ${samples}; ` +
      `CLI runs ${cli}${timeline}${c.error ? `; error: ${c.error}` : ''}`;
  }).join('\n');
}
