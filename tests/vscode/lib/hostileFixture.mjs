// Helpers of the hostile-folder test: a hash of every file under some roots (links and FIFOs by what they are, never
// followed or opened), and a probe of whether the sidecar reads /dev/zero and FIFO settings files safely.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * path -> what it is: a regular file's sha256, a link's target, 'fifo', 'dir'. `exclude` are paths relative to
 * `home` (code-server's and Chromium's own state), skipped with everything below them.
 */
export function hashTree(roots, { home, exclude = [] } = {}) {
  const skip = new Set(exclude.map((e) => path.join(home, e)));
  const out = new Map();
  const walk = (p) => {
    if (skip.has(p)) return;
    const st = fs.lstatSync(p);
    if (st.isSymbolicLink()) out.set(p, `link:${fs.readlinkSync(p)}`);
    else if (st.isFIFO()) out.set(p, 'fifo');
    else if (st.isFile()) out.set(p, `file:${createHash('sha256').update(fs.readFileSync(p)).digest('hex')}`);
    else if (st.isDirectory()) {
      out.set(p, 'dir');
      for (const entry of fs.readdirSync(p)) walk(path.join(p, entry));
    } else out.set(p, `other:${st.mode}`);
  };
  for (const root of roots) walk(root);
  return out;
}

/** Paths added, removed or changed between two hashTree results, sorted. */
export function changedPaths(before, after) {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

/**
 * Whether `foundry-ide config` finishes on a folder whose Claude Code settings are /dev/zero and a FIFO (a sidecar
 * with the settings-file cap and regular-file check), under a 2 GB address-space limit and a 20 s deadline.
 */
export function serverReadsHostileFilesSafely(binary, workspace) {
  const r = spawnSync('bash', ['-c', 'ulimit -v 2000000; exec "$@"', 'probe', binary, 'config', '--workspace', workspace, '--json'], {
    cwd: workspace, timeout: 20_000, killSignal: 'SIGKILL', encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    return r.status !== null && JSON.parse(r.stdout) !== null;
  } catch {
    return false;
  }
}
