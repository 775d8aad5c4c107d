// The built extension in Firefox ESR (puppeteer-core over WebDriver BiDi, installed as a temporary
// add-on), on fixture pages served over HTTPS under the sites' real host names (an HTTPS proxy in
// the profile's prefs tunnels them to the fixture server), pointed at the real PHI Guard server
// through enterprise policy: policies.json 3rdparty.Extensions["phiguard@phiguard.org"], which
// Firefox hands to the extension as storage.managed. The policies.json is private to the test
// browser: a temporary directory bound over distribution/ in its own mount namespace
// (helpers/private_policy.mjs).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { builtExtension, startServers, report } from './suite_setup.mjs';
import { launchFirefox, firefoxDistributionDir, GECKO_ID, FIREFOX_EXTENSION_UUID } from '../helpers/firefox.mjs';
import { startPhiguardServer } from '../helpers/python_server.mjs';
import { startFaultServer } from '../helpers/fault_server.mjs';
import { wrapPage } from './page_driver.mjs';
import { EDITOR_FIXTURES, PHI_POST } from './editor_fixtures.mjs';
import * as scenario from './scenarios.mjs';
import { describeInlineUxSuites } from './inline_ux_scenarios.mjs';
import { describeAfterRewriteSuites, limitedModeRewriteChecks } from './after_rewrite_scenarios.mjs';
import { describeUnderlineColourSuites } from './underline_colour_scenarios.mjs';
import { describePopupSuite } from './popup_scenarios.mjs';
import { describeNativeHost } from './native_scenarios.mjs';
import { requestBytes, MAX_REQUEST_BYTES } from '../../../extension/src/messages.js';

const ORGANISATION = 'PHI Guard Test Org';
const metrics = {};
let extension;
let servers;
let firefox;

async function newPage(browser = firefox) {
  return wrapPage(await browser.browser.newPage(), 'puppeteer');
}

describe('PHI Guard in Firefox', { timeout: 600000 }, () => {
  before(async () => {
    extension = await builtExtension();
    servers = await startServers();
    firefox = await launchFirefox({ extensionDir: extension.firefox, proxyPort: servers.fixtures.proxyPort, policy: { serverUrl: servers.server.url, organisationName: ORGANISATION } });
  });

  after(async () => {
    await firefox?.close();
    await servers?.server.stop();
    await servers?.fixtures.stop();
    report('Firefox', metrics);
  });

  it('installs under its fixed gecko id', () => {
    assert.equal(firefox.extensionId, GECKO_ID);
  });

  it('keeps its policies.json out of the Firefox installation (private to this browser)', () => {
    const file = `${firefoxDistributionDir()}/policies.json`;
    assert.ok(!existsSync(file) || !readFileSync(file, 'utf8').includes(ORGANISATION), `${file} is not the test policy`);
  });

  scenario.describeEditorSuites(EDITOR_FIXTURES, newPage, metrics);

  // Issue 11: geometry, contrast (light and dark pages) and the keyboard, on every editor.
  describeInlineUxSuites(EDITOR_FIXTURES, () => newPage());

  // Issue 10: after a suggestion is applied the badge shows the new text's real analysis.
  describeAfterRewriteSuites(EDITOR_FIXTURES, () => newPage(), () => servers.server.url);

  // Issue 11: straight underlines coloured by category, light and dark pages.
  describeUnderlineColourSuites(EDITOR_FIXTURES, () => newPage());

  describe('the watched page\'s own scripts', () => {
    const fixture = EDITOR_FIXTURES.find((f) => f.id === 'draft');
    let page;
    before(async () => {
      page = await newPage();
      await scenario.openFixture(page, fixture);
    });
    after(() => page?.close());

    it('cannot act on PHI Guard\'s UI with synthetic clicks and keys', () => scenario.ignoresPageScriptClicks(page, fixture));
  });

  describePopupSuite(newPage, (path) => `moz-extension://${FIREFOX_EXTENSION_UUID}/${path}`);

  for (const id of ['quill', 'lexical']) {
    describe(`fixes in quick succession (${id})`, () => {
      const fixture = EDITOR_FIXTURES.find((f) => f.id === id);
      let page;
      before(async () => {
        page = await newPage();
        await scenario.openFixture(page, fixture);
      });
      after(() => page?.close());

      it('each lands on its own span; the post is not corrupted', () => scenario.appliesFixesBackToBack(page, fixture));
    });
  }

  describe('a post longer than the server checks (64 KiB)', () => {
    const fixture = EDITOR_FIXTURES.find((f) => f.id === 'textarea');
    let page;
    before(async () => {
      page = await newPage();
      await scenario.openFixture(page, fixture);
    });
    after(() => page?.close());

    it('is not sent, and the box says it is too long to check', () => scenario.showsTooLongPost(page, fixture, { site: 'linkedin', requestBytes, maxBytes: MAX_REQUEST_BYTES }));
  });

  describe('server offline', () => {
    const fixture = EDITOR_FIXTURES.find((f) => f.id === 'lexical');
    let page;
    before(async () => {
      page = await newPage();
      await servers.server.stop();
      await scenario.openFixture(page, fixture, 'https://facebook.com/fixture/facebook.html');
    });
    after(() => page?.close());

    it('flags an NHS number, an e-mail and a phone with the offline rules (limited mode)', () => scenario.flagsOffline(page, fixture));
    const limitedRewrite = limitedModeRewriteChecks(() => newPage(), EDITOR_FIXTURES.find((f) => f.id === 'draft'));
    it('offers per-span fixes only, never a whole-post rewrite, in limited mode', () => limitedRewrite.offline());
    it('block mode holds a post it could not check, until the user explicitly confirms', async () => {
      const options = await newPage();
      const optionsUrl = `moz-extension://${FIREFOX_EXTENSION_UUID}/options/options.html`;
      const unchecked = await newPage();
      try {
        await scenario.setUserOptions(options, optionsUrl, { offlineFallback: false, enforcement: 'block' });
        const quill = EDITOR_FIXTURES.find((f) => f.id === 'quill');
        await scenario.openFixture(unchecked, quill);
        await scenario.holdsUncheckedPostInBlockMode(unchecked, quill);
      } finally {
        await scenario.setUserOptions(options, optionsUrl, { offlineFallback: true, enforcement: 'warn' });
        await unchecked.close();
        await options.close();
      }
    });

    it('recovers by itself when the server is back', async () => {
      servers.server = await startPhiguardServer({ port: servers.server.port });
      await scenario.recoversFromOffline(page, fixture);
    });
    it('offers the whole-post rewrite again once the server answers', () => limitedRewrite.online());
  });

  // Firefox reads policies.json at start-up: this part restarts it pointed at a fault-injecting
  // server (serverUrl from policy), switched between faults per test.
  describe('server faults', () => {
    let fault;
    let page;
    const byId = (id) => EDITOR_FIXTURES.find((f) => f.id === id);
    before(async () => {
      fault = await startFaultServer();
      await firefox.close();
      firefox = null;
      firefox = await launchFirefox({ extensionDir: extension.firefox, proxyPort: servers.fixtures.proxyPort, policy: { serverUrl: fault.url, organisationName: ORGANISATION } });
    });
    after(async () => {
      await page?.close();
      await fault?.stop();
    });
    const open = async (fixture, mode) => {
      await page?.close();
      fault.setMode(mode);
      page = await newPage();
      await scenario.openFixture(page, fixture);
    };

    it('slow server (3 s): typing goes on, the stale answer is discarded', async () => {
      await open(byId('lexical'), 'slow');
      await scenario.discardsStaleSlowAnswer(page, byId('lexical'), fault);
    });
    it('garbage answers: offline rules, then recovers by itself', async () => {
      await open(byId('draft'), 'garbage');
      await scenario.fallsBackOnServerFault(page, byId('draft'), { heal: () => fault.setMode('ok') });
    });
    it('server killed mid-request: offline rules, then recovers by itself', async () => {
      await open(byId('quill'), 'hang-then-close');
      await scenario.fallsBackOnServerFault(page, byId('quill'), { heal: () => fault.setMode('ok') });
    });
    it('renders HTML in server strings as text only', async () => {
      await open(byId('quill'), 'html-in-strings');
      await scenario.rendersServerStringsAsText(page, byId('quill'));
    });
  });

  describe('policies.json with an http:// server URL to another host', () => {
    const policyUrl = 'http://phiguard.example.org:8765';
    before(async () => {
      await firefox.close();
      firefox = null;
      firefox = await launchFirefox({ extensionDir: extension.firefox, proxyPort: servers.fixtures.proxyPort, policy: { serverUrl: policyUrl, organisationName: ORGANISATION } });
    });

    it('is refused (posts would cross the network in clear); the options page says why', async () => {
      const page = await newPage();
      try {
        await scenario.refusesPlainHttpServer(page, `moz-extension://${FIREFOX_EXTENSION_UUID}/options/options.html`, { policyUrl, defaultUrl: 'http://127.0.0.1:8765' });
      } finally {
        await page.close();
      }
    });
  });

  describe('organisation policy enforcement=block (policies.json)', () => {
    const fixture = EDITOR_FIXTURES.find((f) => f.id === 'draft');
    let blocking;
    let page;
    before(async () => {
      await firefox.close();
      firefox = null;
      blocking = await launchFirefox({ extensionDir: extension.firefox, proxyPort: servers.fixtures.proxyPort, policy: { serverUrl: servers.server.url, organisationName: ORGANISATION, enforcement: 'block', allowPersonalAllowList: true } });
      page = await newPage(blocking);
      await scenario.openFixture(page, fixture);
    });
    after(async () => {
      await page?.close();
      await blocking?.close();
    });

    it('blocks posting until every medium/high finding is fixed or allow-listed', async () => {
      await page.type(PHI_POST);
      await scenario.blocksUntilResolved(page, fixture, { organisationName: ORGANISATION });
    });

    it('keeps "always allow" words as salted hashes; the options page finds and removes them', () => scenario.keepsAllowListAsHashes(page, `moz-extension://${FIREFOX_EXTENSION_UUID}/options/options.html`));
  });

  // Last: no serverUrl policy and the suite's HTTP server stopped; the native host in a temporary HOME.
  describeNativeHost({
    browser: 'firefox',
    beforeLaunch: async () => {
      await firefox?.close();
      firefox = null;
      await servers.server.stop();
    },
    launch: async (home, policy = {}) => {
      firefox = await launchFirefox({ extensionDir: extension.firefox, proxyPort: servers.fixtures.proxyPort, policy: { organisationName: ORGANISATION, ...policy }, home });
      return { newPage, popupUrl: `moz-extension://${FIREFOX_EXTENSION_UUID}/popup/popup.html`, close: async () => { await firefox?.close(); firefox = null; } };
    },
  });
});
