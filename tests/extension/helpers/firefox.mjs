// Firefox ESR (/usr/bin/firefox-esr) driven by puppeteer-core over WebDriver BiDi (no
// geckodriver), the built extension installed as a temporary add-on. The sites' host names reach
// the local fixture server through an HTTPS proxy (CONNECT tunnel) set in the profile's prefs;
// the extension's own requests to 127.0.0.1 go direct.

import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { createPrivatePolicyLauncher } from './private_policy.mjs';

export const FIREFOX_PATH = process.env.PHIGUARD_FIREFOX || '/usr/bin/firefox-esr';
const FIREFOX_ARGS = ['--remote-allow-system-access'];
export const GECKO_ID = 'phiguard@phiguard.org';
// Pinned so tests can open the extension's own pages at a known moz-extension:// address.
export const FIREFOX_EXTENSION_UUID = '6f0e7c1a-8f4e-4b6a-9d0b-2c5e1a7b3d91';

/** Firefox reads policies.json from <install dir>/distribution (unless /etc/<app>/policies has one). */
export function firefoxDistributionDir() {
  return join(dirname(realpathSync(FIREFOX_PATH)), 'distribution');
}

// System policy directories win over distribution/: where one exists, the test browser sees the
// test policy there too, never the machine's.
const SYSTEM_POLICY_DIRS = ['/etc/firefox-esr/policies', '/etc/firefox/policies'];

/** policies.json for the extension's managed storage: 3rdparty.Extensions.<gecko id>. */
export function firefoxPolicyJson(values) {
  return JSON.stringify({ policies: values ? { '3rdparty': { Extensions: { [GECKO_ID]: values } } } : {} }, null, 2);
}

/**
 * @param {{extensionDir: string, proxyPort: number, policy?: object, home?: string}} options
 *   home: a HOME to run in, where Firefox looks for native messaging hosts
 *   ($HOME/.mozilla/native-messaging-hosts; native_host.mjs)
 *   policy: the extension's managed storage (serverUrl, enforcement, ...), seen by this browser
 *   only (private_policy.mjs: the installation's distribution/ directory is never written)
 */
export async function launchFirefox({ extensionDir, proxyPort, policy, home }) {
  if (!existsSync(FIREFOX_PATH)) throw new Error(`${FIREFOX_PATH} not found: apt-get install firefox-esr`);
  const files = { 'policies.json': firefoxPolicyJson(policy) };
  const launcher = createPrivatePolicyLauncher(FIREFOX_PATH, [
    { target: firefoxDistributionDir(), files },
    ...SYSTEM_POLICY_DIRS.filter((dir) => existsSync(dir)).map((target) => ({ target, files })),
  ]);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: launcher.executablePath,
    headless: true,
    acceptInsecureCerts: true,
    protocolTimeout: 120000,
    dumpio: !!process.env.PHIGUARD_FIREFOX_DUMPIO,
    ...(home ? { env: { ...process.env, HOME: home } } : {}),
    timeout: 90000,
    // Firefox 153 lets WebDriver navigate only to http(s), file, blob and about:blank unless started with system
    // access: the tests open the extension's own pages (options, popup) by their moz-extension:// URL.
    args: FIREFOX_ARGS,
    defaultViewport: { width: 1200, height: 900 },
    extraPrefsFirefox: {
      // Only the sites' host names go through the fixture proxy; everything else (the PHI Guard
      // server on 127.0.0.1) is direct.
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxyPort,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxyPort,
      'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
      'network.proxy.allow_hijacking_localhost': false,
      'network.dns.disablePrefetch': true,
      'network.http.http3.enable': false,
      'extensions.webextensions.restrictedDomains': '',
      'xpinstall.signatures.required': false,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.reportingpolicy.firstRun': false,
      'app.update.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      // MV3 host permissions are granted at install (temporary add-ons included), but be explicit.
      'extensions.originControls.grantByDefault': true,
      ...(process.env.PHIGUARD_FIREFOX_DUMPIO ? { 'devtools.console.stdout.content': true, 'devtools.console.stdout.chrome': true } : {}),
    },
  }).catch((error) => {
    launcher.cleanup();
    throw error;
  });
  const extensionId = await browser.installExtension(extensionDir);
  return {
    browser,
    extensionId,
    async close() {
      await browser.close().catch(() => {});
      launcher.cleanup();
    },
  };
}
