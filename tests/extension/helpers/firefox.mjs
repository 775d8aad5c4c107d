// Firefox ESR (/usr/bin/firefox-esr) driven by puppeteer-core over WebDriver BiDi (no
// geckodriver), the built extension installed as a temporary add-on. The sites' host names reach
// the local fixture server through an HTTPS proxy (CONNECT tunnel) set in the profile's prefs;
// the extension's own requests to 127.0.0.1 go direct.

import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import puppeteer from 'puppeteer-core';

export const FIREFOX_PATH = process.env.PHIGUARD_FIREFOX || '/usr/bin/firefox-esr';
export const GECKO_ID = 'phiguard@phiguard.org';
// Pinned so tests can open the extension's own pages at a known moz-extension:// address.
export const FIREFOX_EXTENSION_UUID = '6f0e7c1a-8f4e-4b6a-9d0b-2c5e1a7b3d91';

/** Firefox reads policies.json from <install dir>/distribution (unless /etc/<app>/policies has one). */
export function firefoxPolicyFile() {
  const installDir = dirname(realpathSync(FIREFOX_PATH));
  return join(installDir, 'distribution', 'policies.json');
}

const SYSTEM_POLICY_FILES = ['/etc/firefox-esr/policies/policies.json', '/etc/firefox/policies/policies.json'];

/** Managed storage for the extension: policies.json 3rdparty.Extensions.<gecko id>. */
export function writeFirefoxPolicy(values) {
  const system = SYSTEM_POLICY_FILES.find((file) => existsSync(file));
  if (system) throw new Error(`${system} exists and would hide the test policy; move it away to run the Firefox tests`);
  const file = firefoxPolicyFile();
  if (existsSync(file) && !readFileSync(file, 'utf8').includes('"phiguard-test"')) {
    throw new Error(`${file} exists; refusing to overwrite it`);
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ 'phiguard-test': true, policies: { '3rdparty': { Extensions: { [GECKO_ID]: values } } } }, null, 2));
  return file;
}

export function removeFirefoxPolicy() {
  const file = firefoxPolicyFile();
  if (existsSync(file) && readFileSync(file, 'utf8').includes('"phiguard-test"')) rmSync(file);
}

/**
 * @param {{extensionDir: string, proxyPort: number}} options
 */
export async function launchFirefox({ extensionDir, proxyPort }) {
  if (!existsSync(FIREFOX_PATH)) throw new Error(`${FIREFOX_PATH} not found: apt-get install firefox-esr`);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    acceptInsecureCerts: true,
    protocolTimeout: 120000,
    dumpio: !!process.env.PHIGUARD_FIREFOX_DUMPIO,
    timeout: 90000,
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
  });
  const extensionId = await browser.installExtension(extensionDir);
  return {
    browser,
    extensionId,
    async close() {
      await browser.close().catch(() => {});
    },
  };
}
