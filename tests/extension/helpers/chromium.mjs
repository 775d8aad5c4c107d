// Debian's Chromium (/usr/bin/chromium) driven by playwright-core, with the built extension
// loaded unpacked and the sites' host names mapped to the local fixture server. Its managed policy
// is private to it (see private_policy.mjs): /etc/chromium/policies is never written.

import { mkdtempSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { SITE_HOSTS } from './certificate.mjs';
import { createPrivatePolicyLauncher } from './private_policy.mjs';

export const CHROMIUM_PATH = process.env.PHIGUARD_CHROMIUM || '/usr/bin/chromium';
/** Where Debian's Chromium reads enterprise policy (managed/*.json); the tests cover it privately. */
export const CHROMIUM_POLICY_DIR = '/etc/chromium/policies';

/** The extension id Chrome derives from the manifest key (chrome_key.json). */
export function chromeExtensionId(extensionDir) {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8'));
  if (!manifest.key) throw new Error('the Chrome build has no manifest key');
  return JSON.parse(readFileSync(new URL('../../../extension/chrome_key.json', import.meta.url), 'utf8')).id;
}

/** The policy directory's files for the extension's managed storage (Chromium reads them at start-up). */
export function chromiumPolicyFiles(extensionId, values) {
  if (!values) return {};
  return { 'managed/phiguard-test.json': JSON.stringify({ '3rdparty': { extensions: { [extensionId]: values } } }, null, 2) };
}

/**
 * @param {{extensionDir: string, fixturePort: number, policy?: object, home?: string}} options
 *   policy: the extension's managed storage (serverUrl, enforcement, ...), seen by this browser only
 *   home: a HOME to run in (native_host.mjs); the user data dir is then its .config/chromium, where
 *   Chromium looks for native messaging hosts (<user data dir>/NativeMessagingHosts)
 * @returns {Promise<{context: import('playwright-core').BrowserContext, extensionId: string, close: () => Promise<void>}>}
 */
export async function launchChromium({ extensionDir, fixturePort, policy, home }) {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} not found: apt-get install chromium`);
  const launcher = createPrivatePolicyLauncher(CHROMIUM_PATH, [
    { target: CHROMIUM_POLICY_DIR, files: chromiumPolicyFiles(chromeExtensionId(extensionDir), policy) },
  ]);
  const userDataDir = home ? join(home, '.config/chromium') : mkdtempSync(join(tmpdir(), 'phiguard-chromium-'));
  const rules = SITE_HOSTS.flatMap((host) => [`MAP *.${host} 127.0.0.1:${fixturePort}`, `MAP ${host} 127.0.0.1:${fixturePort}`]).join(', ');
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: launcher.executablePath,
      headless: false, // '--headless=new' below: the old headless mode cannot run extensions
      ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages', '--headless'],
      args: [
        '--headless=new',
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        `--host-resolver-rules=${rules}`,
        '--ignore-certificate-errors',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
      viewport: { width: 1200, height: 900 },
      ...(home ? { env: { ...process.env, HOME: home } } : {}),
      ignoreHTTPSErrors: true,
      timeout: 60000,
    });
  } catch (error) {
    launcher.cleanup();
    if (!home) rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
  let worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  worker ??= await context.waitForEvent('serviceworker', { timeout: 30000 });
  const extensionId = new URL(worker.url()).host;
  // The background script's console, for diagnosing failures.
  const backgroundLog = [];
  const listen = (serviceWorker) => serviceWorker.on('console', (message) => {
    backgroundLog.push(`${new Date().toISOString()} ${message.type()}: ${message.text()}`);
  });
  listen(worker);
  context.on('serviceworker', listen);
  return {
    context,
    worker,
    extensionId,
    backgroundLog,
    async close() {
      await context.close().catch(() => {});
      if (!home) rmSync(userDataDir, { recursive: true, force: true });
      launcher.cleanup();
    },
  };
}
