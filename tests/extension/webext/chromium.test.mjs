// The built extension in Debian's Chromium (playwright-core), on fixture pages served over HTTPS
// under the sites' real host names (--host-resolver-rules), pointed at the real PHI Guard server
// through MANAGED POLICY (/etc/chromium/policies/managed → storage.managed serverUrl), private to
// the test browser: a temporary directory bound over /etc/chromium/policies in its own mount
// namespace (helpers/private_policy.mjs). Block mode
// comes last, from managed policy too (enforcement=block), in a freshly started browser.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { builtExtension, startServers, report } from './suite_setup.mjs';
import { launchChromium, chromeExtensionId, CHROMIUM_POLICY_DIR } from '../helpers/chromium.mjs';
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
const BLOCKING_ORGANISATION = 'Northshire NHS Trust';
const metrics = {};
let servers;
let chromium;
let extension;

async function newPage() {
  return wrapPage(await chromium.context.newPage(), 'playwright');
}

describe('PHI Guard in Chromium', { timeout: 600000 }, () => {
  before(async () => {
    extension = await builtExtension();
    servers = await startServers();
    chromium = await launchChromium({ extensionDir: extension.chrome, fixturePort: servers.fixtures.port, policy: { serverUrl: servers.server.url, organisationName: ORGANISATION } });
  });

  after(async () => {
    await chromium?.close();
    await servers?.server.stop();
    await servers?.fixtures.stop();
    report('Chromium', metrics);
    if (chromium?.backgroundLog.length) console.log(`background script console:\n  ${chromium.backgroundLog.slice(-30).join('\n  ')}`);
  });

  it('loads with the id fixed by the manifest key (the id managed policy is keyed on)', () => {
    assert.equal(chromium.extensionId, chromeExtensionId(extension.chrome));
    assert.equal(chromium.extensionId, 'gfndljdmplkkpabcdkanfdchleockfhp');
  });

  it('takes its server URL from managed policy and shows it locked', async () => {
    const page = await newPage();
    try {
      await page.goto(`chrome-extension://${chromium.extensionId}/options/options.html`);
      await page.waitFor(() => document.getElementById('status').dataset.state === 'online', undefined, { message: 'options page: server online' });
      const view = await page.evaluate(() => ({
        serverUrl: document.getElementById('serverUrl').value,
        disabled: document.getElementById('serverUrl').disabled,
        note: document.querySelector('[data-locked-note="serverUrl"]').textContent,
        status: document.getElementById('status-text').textContent,
      }));
      assert.equal(view.serverUrl, servers.server.url);
      assert.equal(view.disabled, true);
      assert.equal(view.note, `Set by ${ORGANISATION}`);
      assert.match(view.status, /Server online/);
      // ...a policy only this browser sees: the machine's policy directory never had it.
      assert.ok(!existsSync(`${CHROMIUM_POLICY_DIR}/managed/phiguard-test.json`), 'the test policy is not in the machine\'s /etc/chromium/policies');
      await page.goto(`chrome-extension://${chromium.extensionId}/popup/popup.html`);
      await page.waitFor(() => document.getElementById('status').dataset.state === 'online', undefined, { message: 'popup: server online' });
      assert.match(await page.evaluate(() => document.getElementById('organisation').textContent), new RegExp(ORGANISATION));
      // The server's active rule packs (GET /v1/policy, fetched by the background script).
      const rulePacks = await page.waitFor(() => {
        const el = document.getElementById('rule-packs');
        return !el.hidden && el.textContent;
      }, undefined, { message: 'popup: rule packs' });
      assert.match(rulePacks, /^Rule packs: .*phiguard-core \d+\.\d+\.\d+/);
    } finally {
      await page.close();
    }
  });

  scenario.describeEditorSuites(EDITOR_FIXTURES, newPage, metrics);

  // Issue 11: geometry, contrast (light and dark pages) and the keyboard, on every editor.
  describeInlineUxSuites(EDITOR_FIXTURES, () => newPage());

  // Issue 10: after a suggestion is applied the badge shows the new text's real analysis.
  describeAfterRewriteSuites(EDITOR_FIXTURES, () => newPage(), () => servers.server.url);

  // Issue 11: straight underlines coloured by category, light and dark pages.
  describeUnderlineColourSuites(EDITOR_FIXTURES, () => newPage());

  describe('the watched page\'s own scripts', () => {
    const fixture = EDITOR_FIXTURES.find((f) => f.id === 'lexical');
    let page;
    before(async () => {
      page = await newPage();
      await scenario.openFixture(page, fixture);
    });
    after(() => page?.close());

    it('cannot act on PHI Guard\'s UI with synthetic clicks and keys', () => scenario.ignoresPageScriptClicks(page, fixture));
  });

  describePopupSuite(newPage, (path) => `chrome-extension://${chromium.extensionId}/${path}`);

  for (const id of ['quill', 'draft']) {
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
    const fixture = EDITOR_FIXTURES.find((f) => f.id === 'draft');
    let page;
    before(async () => {
      page = await newPage();
      await servers.server.stop();
      await scenario.openFixture(page, fixture, 'https://twitter.com/fixture/x.html');
    });
    after(() => page?.close());

    it('flags an NHS number, an e-mail and a phone with the offline rules (limited mode)', () => scenario.flagsOffline(page, fixture));
    const limitedRewrite = limitedModeRewriteChecks(() => newPage(), EDITOR_FIXTURES.find((f) => f.id === 'quill'));
    it('offers per-span fixes only, never a whole-post rewrite, in limited mode', () => limitedRewrite.offline());

    it('says "offline" (no result at all) when offline fallback is switched off', async () => {
      const options = await newPage();
      const setFallback = async (on) => {
        await options.goto(`chrome-extension://${chromium.extensionId}/options/options.html`);
        await options.waitFor(() => document.getElementById('serverUrl').value !== '', undefined, { message: 'options loaded' });
        await options.evaluate((value) => {
          document.getElementById('offlineFallback').checked = value;
          document.querySelector('#settings button[type="submit"]').click();
        }, on);
        await options.waitFor(() => document.getElementById('saved').textContent === 'Saved.', undefined, { message: 'saved' });
      };
      try {
        await setFallback(false);
        await page.click(fixture.editor);
        await page.type(' Thanks!');
        await page.waitFor((selector) => document.querySelector(selector).getAttribute('data-phiguard-risk') === 'offline', fixture.editor, { message: 'risk offline' });
        const view = await scenario.ui(page);
        assert.equal(view.badgeText, 'server offline');
        assert.equal(view.badgeState, 'offline');
        await setFallback(true);
        await page.type(' Bye');
        await page.waitFor((selector) => document.querySelector(selector).getAttribute('data-phiguard-mode') === 'offline' && document.querySelector(selector).getAttribute('data-phiguard-risk') === 'high', fixture.editor, { message: 'limited mode again' });
      } finally {
        await options.close();
      }
    });

    it('block mode holds a post it could not check, until the user explicitly confirms', async () => {
      const options = await newPage();
      const optionsUrl = `chrome-extension://${chromium.extensionId}/options/options.html`;
      const unchecked = await newPage();
      try {
        await scenario.setUserOptions(options, optionsUrl, { offlineFallback: false, enforcement: 'block' });
        const lexical = EDITOR_FIXTURES.find((f) => f.id === 'lexical');
        await scenario.openFixture(unchecked, lexical);
        await scenario.holdsUncheckedPostInBlockMode(unchecked, lexical);
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

  // Chromium reads managed policy at start-up: this part restarts the browser pointed at a
  // fault-injecting server (serverUrl from managed policy), switched between faults per test.
  describe('server faults', () => {
    let fault;
    let page;
    const byId = (id) => EDITOR_FIXTURES.find((f) => f.id === id);
    before(async () => {
      fault = await startFaultServer();
      await chromium.close();
      chromium = null;
      chromium = await launchChromium({ extensionDir: extension.chrome, fixturePort: servers.fixtures.port, policy: { serverUrl: fault.url, organisationName: ORGANISATION } });
    });
    after(() => fault?.stop());
    const open = async (fixture, mode) => {
      await page?.close();
      fault.setMode(mode);
      page = await newPage();
      await scenario.openFixture(page, fixture);
    };

    it('renders HTML in server strings as text only', async () => {
      await open(byId('contenteditable'), 'html-in-strings');
      await scenario.rendersServerStringsAsText(page, byId('contenteditable'));
    });
    it('slow server (3 s): typing goes on, the stale answer is discarded', async () => {
      await open(byId('quill'), 'slow');
      await scenario.discardsStaleSlowAnswer(page, byId('quill'), fault);
    });
    it('garbage answers: offline rules, then recovers by itself', async () => {
      await open(byId('lexical'), 'garbage');
      await scenario.fallsBackOnServerFault(page, byId('lexical'), { heal: () => fault.setMode('ok') });
    });
    it('server killed mid-request: offline rules, then recovers by itself', async () => {
      await open(byId('draft'), 'hang-then-close');
      await scenario.fallsBackOnServerFault(page, byId('draft'), { heal: () => fault.setMode('ok') });
    });
    it('a web page cannot change the server URL', async () => {
      await open(byId('textarea'), 'ok');
      await scenario.ignoresPageMessages(page, byId('textarea'));
      await page.goto(`chrome-extension://${chromium.extensionId}/options/options.html`);
      await page.waitFor(() => document.getElementById('serverUrl').value !== '', undefined, { message: 'options loaded' });
      const view = await page.evaluate(async () => ({ serverUrl: document.getElementById('serverUrl').value, stored: await chrome.storage.local.get(null) }));
      assert.equal(view.serverUrl, fault.url);
      assert.equal(view.stored.serverUrl, undefined, 'no server URL written to storage');
      assert.equal(view.stored.apiToken, undefined, 'no API token written to storage');
      await page.close();
      page = null;
    });
  });

  describe('managed policy with an http:// server URL to another host', () => {
    const policyUrl = 'http://phiguard.example.org:8765';
    before(async () => {
      await chromium.close();
      chromium = null;
      chromium = await launchChromium({ extensionDir: extension.chrome, fixturePort: servers.fixtures.port, policy: { serverUrl: policyUrl, organisationName: ORGANISATION } });
    });

    it('is refused (posts would cross the network in clear); the options page says why', async () => {
      const page = await newPage();
      try {
        await scenario.refusesPlainHttpServer(page, `chrome-extension://${chromium.extensionId}/options/options.html`, { policyUrl, defaultUrl: 'http://127.0.0.1:8765' });
      } finally {
        await page.close();
      }
    });
  });

  // Last, because Chromium reads managed policy at start-up: this part restarts the browser with
  // a policy that sets enforcement=block, as an organisation would deploy it.
  describe('organisation policy enforcement=block (managed policy)', () => {
    const fixture = EDITOR_FIXTURES.find((f) => f.id === 'quill');
    let page;
    before(async () => {
      await chromium.close();
      chromium = null;
      chromium = await launchChromium({ extensionDir: extension.chrome, fixturePort: servers.fixtures.port, policy: { serverUrl: servers.server.url, enforcement: 'block', organisationName: BLOCKING_ORGANISATION } });
      page = await newPage();
    });
    after(() => page?.close());

    it('shows the organisation\'s settings locked on the options page', async () => {
      await page.goto(`chrome-extension://${chromium.extensionId}/options/options.html`);
      await page.waitFor(() => document.getElementById('enforcement').value === 'block', undefined, { message: 'options page: enforcement from policy' });
      const view = await page.evaluate(() => ({
        enforcementDisabled: document.getElementById('enforcement').disabled,
        enforcementNote: document.querySelector('[data-locked-note="enforcement"]').textContent,
        serverUrl: document.getElementById('serverUrl').value,
        serverUrlDisabled: document.getElementById('serverUrl').disabled,
        serverUrlNote: document.querySelector('[data-locked-note="serverUrl"]').textContent,
        organisation: document.getElementById('organisation').textContent,
      }));
      assert.equal(view.enforcementDisabled, true);
      assert.equal(view.enforcementNote, `Set by ${BLOCKING_ORGANISATION}`);
      assert.equal(view.serverUrl, servers.server.url);
      assert.equal(view.serverUrlDisabled, true);
      assert.equal(view.serverUrlNote, `Set by ${BLOCKING_ORGANISATION}`);
      assert.match(view.organisation, new RegExp(BLOCKING_ORGANISATION));
    });

    it('blocks posting until every medium/high finding is fixed or allow-listed', async () => {
      await scenario.openFixture(page, fixture);
      await page.type(PHI_POST);
      await scenario.blocksUntilResolved(page, fixture, { organisationName: BLOCKING_ORGANISATION });
    });

    it('keeps "always allow" words as salted hashes; the options page finds and removes them', () => scenario.keepsAllowListAsHashes(page, `chrome-extension://${chromium.extensionId}/options/options.html`));
  });

  // Last: no serverUrl policy and the suite's HTTP server stopped; the native host in a temporary HOME.
  describeNativeHost({
    browser: 'chromium',
    beforeLaunch: async () => {
      await chromium?.close();
      chromium = null;
      await servers.server.stop();
    },
    launch: async (home, policy = {}) => {
      chromium = await launchChromium({ extensionDir: extension.chrome, fixturePort: servers.fixtures.port, policy: { organisationName: ORGANISATION, ...policy }, home });
      return { newPage, popupUrl: `chrome-extension://${chromium.extensionId}/popup/popup.html`, close: async () => { await chromium?.close(); chromium = null; } };
    },
  });
});
