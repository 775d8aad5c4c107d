// Browser policy for the tests without touching the machine's own: each browser starts through a
// small launcher script that enters a private mount namespace (`unshare --mount`, propagation
// private) and bind-mounts a temporary directory over the browser's policy directory before it
// execs the browser. The browser, and only it, sees the test policy; the machine's
// /etc/chromium/policies or Firefox's distribution/ directory never change, so two test runs on one
// machine, or a person's own browser, never see each other's policies. Needs root (as the
// policy paths always did), `unshare` and `mount` (util-linux).
//
// The one thing done outside the namespace: a missing mount point (e.g. /etc/chromium/policies on
// a machine that never had a policy) is created, empty, because a bind mount needs a directory to
// cover. An empty directory holds no policy.

import { chmodSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

const UNSHARE = '/usr/bin/unshare';

function shellQuote(value) {
  return `'${String(value).replace(/'/g, `'\\''`)}'`;
}

/** Why private policy directories cannot work here, or null when they can. */
export function privatePolicyUnavailable() {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'the browser tests need root (mount namespaces for the test policy)';
  if (!existsSync(UNSHARE)) return `${UNSHARE} not found (apt-get install util-linux)`;
  try {
    execFileSync(UNSHARE, ['--mount', '--propagation', 'private', 'true'], { stdio: 'ignore' });
  } catch {
    return 'cannot create a mount namespace here (unshare --mount failed)';
  }
  return null;
}

/**
 * A launcher for `executable` that shows it `mounts` instead of the real directories.
 * @param {string} executable  the real browser binary or wrapper (e.g. /usr/bin/chromium)
 * @param {Array<{target: string, files: Object<string, string>}>} mounts  for each directory the
 *   browser reads policy from, the files (relative path → content) it should see there instead
 * @returns {{executablePath: string, dir: string, sources: string[], cleanup: () => void}}
 */
export function createPrivatePolicyLauncher(executable, mounts) {
  const unavailable = privatePolicyUnavailable();
  if (unavailable) throw new Error(`cannot keep the test policy private: ${unavailable}`);
  const dir = mkdtempSync(join(tmpdir(), 'phiguard-policy-'));
  const lines = ['#!/bin/sh', 'set -e'];
  const sources = [];
  mounts.forEach(({ target, files }, index) => {
    const source = join(dir, `mount-${index}`);
    mkdirSync(source, { recursive: true });
    for (const [name, content] of Object.entries(files ?? {})) {
      const file = join(source, name);
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, content);
    }
    if (!existsSync(target)) mkdirSync(target, { recursive: true, mode: 0o755 });
    // mount follows symlinks (Debian's /usr/lib/firefox-esr/distribution is one): cover the real directory.
    lines.push(`mount --bind ${shellQuote(source)} ${shellQuote(realpathSync(target))}`);
    sources.push(source);
  });
  lines.push(`exec ${shellQuote(executable)} "$@"`);
  const inside = join(dir, 'inside.sh');
  writeFileSync(inside, `${lines.join('\n')}\n`);
  const launcher = join(dir, 'launch.sh');
  // exec all the way down: the process the driver started is the browser itself.
  writeFileSync(launcher, `#!/bin/sh\nexec ${UNSHARE} --mount --propagation private /bin/sh ${shellQuote(inside)} "$@"\n`);
  chmodSync(launcher, 0o755);
  return {
    executablePath: launcher,
    dir,
    sources,
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
