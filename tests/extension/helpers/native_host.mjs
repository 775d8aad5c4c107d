// The native host as a clinician would have it: a temporary HOME in which the real
// `phiguard install-native-host` registered org.phiguard.engine for one browser, and a look at the
// host processes the browser started from it (by their HOME) and at their sockets.
//
// Where each browser looks under that HOME: Chromium in <user data dir>/NativeMessagingHosts, so the
// test browser's user data dir is $HOME/.config/chromium (where install-native-host writes for
// chromium); Firefox in $HOME/.mozilla/native-messaging-hosts, so it is started with that HOME.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HOST_NAME = 'org.phiguard.engine';

/** The Python with phiguard installed: PHIGUARD_PYTHON, else the repository's .venv, else python3. */
export function phiguardPython() {
  if (process.env.PHIGUARD_PYTHON) return process.env.PHIGUARD_PYTHON;
  const venv = join(REPO_ROOT, '.venv/bin/python');
  return existsSync(venv) ? venv : 'python3';
}

/**
 * A temporary HOME with the host registered for `browser` ('chromium' or 'firefox') by
 * `python -m phiguard install-native-host --browser <browser>`.
 * @returns {{home: string, manifest: string, output: string, cleanup: () => void}}
 */
export function registerNativeHost(browser) {
  const home = mkdtempSync(join(tmpdir(), `phiguard-home-${browser}-`));
  const env = { ...process.env, HOME: home };
  delete env.XDG_CONFIG_HOME; // install-native-host would write there for Chromium
  const output = execFileSync(phiguardPython(), ['-m', 'phiguard', 'install-native-host', '--browser', browser], { cwd: REPO_ROOT, env, encoding: 'utf8' });
  const manifest = browser === 'firefox'
    ? join(home, '.mozilla/native-messaging-hosts', `${HOST_NAME}.json`)
    : join(home, '.config/chromium/NativeMessagingHosts', `${HOST_NAME}.json`);
  if (!existsSync(manifest)) throw new Error(`install-native-host did not write ${manifest}:\n${output}`);
  return { home, manifest, output, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

function readProc(path) {
  try {
    return readFileSync(path);
  } catch {
    return null; // the process has gone, or is not ours to read
  }
}

/** The pids of running `phiguard native-host` processes started with HOME=`home` (by a test browser). */
export function nativeHostPids(home) {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = readProc(`/proc/${entry}/cmdline`)?.toString('utf8').split('\0') ?? [];
    if (!cmdline.includes('phiguard') || !cmdline.includes('native-host')) continue;
    const environ = readProc(`/proc/${entry}/environ`)?.toString('utf8').split('\0') ?? [];
    if (environ.includes(`HOME=${home}`)) pids.push(Number(entry));
  }
  return pids;
}

/** Local addresses the process listens on over TCP ("127.0.0.1:8765" style, hex as the kernel writes them). */
export function listeningTcpSockets(pid) {
  const inodes = new Set();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    let target = '';
    try {
      target = readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue;
    }
    const match = /^socket:\[(\d+)\]$/.exec(target);
    if (match) inodes.add(match[1]);
  }
  const listening = [];
  for (const table of ['tcp', 'tcp6']) {
    const rows = readProc(`/proc/${pid}/net/${table}`)?.toString('utf8').trim().split('\n').slice(1) ?? [];
    for (const row of rows) {
      const cols = row.trim().split(/\s+/);
      // local_address rem_address st ... inode (10th column); st 0A is LISTEN
      if (cols[3] === '0A' && inodes.has(cols[9])) listening.push(`${table} ${cols[1]}`);
    }
  }
  return { sockets: inodes.size, listening };
}

/** `ss` agrees, where it is installed: no listening socket owned by the pid. */
export function ssListeningLines(pid) {
  try {
    return execFileSync('ss', ['-Hltnp'], { encoding: 'utf8' }).split('\n').filter((line) => line.includes(`pid=${pid},`));
  } catch {
    return null;
  }
}
