// The whole browser suite, registered once for any browser: chromium.test.mjs and firefox.test.mjs
// each give it how to start their browser (with a managed policy, and a HOME for the native host),
// where the extension's pages are, and which fixture editor each single-editor scenario uses there,
// so the two run the same scenarios by construction. Order matters: the managed policy is read at
// start-up, so the parts that need another one (server faults, an http:// server URL, block mode,
// the native host) restart the browser, last.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { builtExtension, startServers, report } from './suite_setup.mjs';
import { startPhiguardServer } from '../helpers/python_server.mjs';
import { startFaultServer } from '../helpers/fault_server.mjs';
import { EDITOR_FIXTURES, PHI_POST } from './editor_fixtures.mjs';
import * as scenario from './scenarios.mjs';
import { describeInlineUxSuites } from './inline_ux_scenarios.mjs';
import { describeAfterRewriteSuites, limitedModeRewriteChecks } from './after_rewrite_scenarios.mjs';
import { describeUnderlineColourSuites } from './underline_colour_scenarios.mjs';
import { describePopupSuite } from './popup_scenarios.mjs';
import { describeNativeHost } from './native_scenarios.mjs';
import { describeSteadyViewSuites } from './steady_view_scenarios.mjs';
import { requestBytes, MAX_REQUEST_BYTES } from '../../../extension/src/messages.js';

const ORGANISATION = 'PHI Guard Test Org';
const BLOCKING_ORGANISATION = 'Northshire NHS Trust';
const byId = (id) => EDITOR_FIXTURES.find((f) => f.id === id);

/**
 * One describe for a freshly opened fixture page of one editor, closed after its tests.
 * @param {string} title
 * @param {object} fixture  from EDITOR_FIXTURES
 * @param {() => object} browser  the running browser (see describeBrowserSuite's launch)
 * @param {(page: () => object) => void} tests  registers the its, reading the page through page()
 */
function describeOnFixture(title, fixture, browser, tests, { url = fixture.url, setUp = async () => {} } = {}) {
  describe(title, () => {
    let page;
    before(async () => {
      page = await browser().newPage();
      await setUp();
      await scenario.openFixture(page, fixture, url);
    });
    after(() => page?.close());
    tests(() => page);
  });
}

/**
 * @param {object} spec
 * @param {string} spec.name  'Chromium' | 'Firefox'
 * @param {string} spec.policyName  how an organisation sets managed settings there ('managed policy', 'policies.json')
 * @param {'chromium'|'firefox'} spec.nativeBrowser  the native host's browser name
 * @param {(options: {extension: object, servers: object, policy: object, home?: string}) => Promise<{
 *   extensionId: string, newPage: () => Promise<object>, extensionUrl: (path: string) => string,
 *   close: () => Promise<void>, log?: () => string[]}>} spec.launch  start the browser with the built extension and this policy
 * @param {{title: string, check: (browser: object, extension: object) => void}} spec.identity  the extension's fixed id
 * @param {(organisationName: string) => void} spec.policyIsPrivate  asserts the test policy (naming that organisation) is not in the machine's own policy directory
 * @param {object} spec.editors  which fixture id each single-editor scenario uses in this browser
 */
export function describeBrowserSuite(spec) {
  const { editors } = spec;
  const metrics = {};
  let extension;
  let servers;
  let running = null;
  const browser = () => running;
  const newPage = () => running.newPage();
  const url = (path) => running.extensionUrl(path);
  const relaunch = async (policy, home) => {
    await running?.close();
    running = null;
    running = await spec.launch({ extension, servers, policy, home });
    return running;
  };

  describe(`PHI Guard in ${spec.name}`, { timeout: 600000 }, () => {
    before(async () => {
      extension = await builtExtension();
      servers = await startServers();
      await relaunch({ serverUrl: servers.server.url, organisationName: ORGANISATION });
    });

    after(async () => {
      const log = running?.log?.() ?? [];
      await running?.close();
      await servers?.server.stop();
      await servers?.fixtures.stop();
      report(spec.name, metrics);
      if (log.length) console.log(`background script console:\n  ${log.slice(-30).join('\n  ')}`);
    });

    it(spec.identity.title, () => spec.identity.check(running, extension));

    it('keeps its test policy out of the machine\'s own policy directory (private to this browser)', () => spec.policyIsPrivate(ORGANISATION));

    it('takes its server URL from managed policy and shows it locked', async () => {
      const page = await newPage();
      try {
        await page.goto(url('options/options.html'));
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
        await page.goto(url('popup/popup.html'));
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
    describeInlineUxSuites(EDITOR_FIXTURES, newPage);

    // Issue 10: after a suggestion is applied the badge shows the new text's real analysis.
    describeAfterRewriteSuites(EDITOR_FIXTURES, newPage, () => servers.server.url);

    // Issue 11: straight underlines coloured by category, light and dark pages.
    describeUnderlineColourSuites(EDITOR_FIXTURES, newPage);

    describeOnFixture('the watched page\'s own scripts', byId(editors.pageScripts), browser, (page) => {
      it('cannot act on PHI Guard\'s UI with synthetic clicks and keys', () => scenario.ignoresPageScriptClicks(page(), byId(editors.pageScripts)));
    });

    describePopupSuite(newPage, url);

    for (const id of editors.backToBack) {
      describeOnFixture(`fixes in quick succession (${id})`, byId(id), browser, (page) => {
        it('each lands on its own span; the post is not corrupted', () => scenario.appliesFixesBackToBack(page(), byId(id)));
      });
    }

    // A redraw of the findings view at the worst moment of a click (what dropped one of those fixes
    // in CI). The view does not depend on the editor; the editor only applies the fix.
    describeSteadyViewSuites(editors.steadyView.map(byId), newPage);

    describeOnFixture('a post longer than the server checks (64 KiB)', byId('textarea'), browser, (page) => {
      it('is not sent, and the box says it is too long to check', () => scenario.showsTooLongPost(page(), byId('textarea'), { site: 'linkedin', requestBytes, maxBytes: MAX_REQUEST_BYTES }));
    });

    const offline = byId(editors.offline.fixture);
    describeOnFixture('server offline', offline, browser, (page) => {
      it('flags an NHS number, an e-mail and a phone with the offline rules (limited mode)', () => scenario.flagsOffline(page(), offline));
      const limitedRewrite = limitedModeRewriteChecks(newPage, byId(editors.limitedRewrite));
      it('offers per-span fixes only, never a whole-post rewrite, in limited mode', () => limitedRewrite.offline());

      it('says "offline" (no result at all) when offline fallback is switched off', async () => {
        const options = await newPage();
        try {
          await scenario.setUserOptions(options, url('options/options.html'), { offlineFallback: false });
          await page().click(offline.editor);
          await page().type(' Thanks!');
          await page().waitFor((selector) => document.querySelector(selector).getAttribute('data-phiguard-risk') === 'offline', offline.editor, { message: 'risk offline' });
          const view = await scenario.ui(page());
          assert.equal(view.badgeText, 'server offline');
          assert.equal(view.badgeState, 'offline');
          await scenario.setUserOptions(options, url('options/options.html'), { offlineFallback: true });
          await page().type(' Bye');
          await page().waitFor((selector) => document.querySelector(selector).getAttribute('data-phiguard-mode') === 'offline' && document.querySelector(selector).getAttribute('data-phiguard-risk') === 'high', offline.editor, { message: 'limited mode again' });
        } finally {
          await options.close();
        }
      });

      it('block mode holds a post it could not check, until the user explicitly confirms', async () => {
        const options = await newPage();
        const unchecked = await newPage();
        try {
          await scenario.setUserOptions(options, url('options/options.html'), { offlineFallback: false, enforcement: 'block' });
          await scenario.openFixture(unchecked, byId(editors.unchecked));
          await scenario.holdsUncheckedPostInBlockMode(unchecked, byId(editors.unchecked));
        } finally {
          await scenario.setUserOptions(options, url('options/options.html'), { offlineFallback: true, enforcement: 'warn' });
          await unchecked.close();
          await options.close();
        }
      });

      it('recovers by itself when the server is back', async () => {
        servers.server = await startPhiguardServer({ port: servers.server.port });
        await scenario.recoversFromOffline(page(), offline);
      });
      it('offers the whole-post rewrite again once the server answers', () => limitedRewrite.online());
    }, { url: editors.offline.url, setUp: () => servers.server.stop() });

    // The browser restarted pointed at a fault-injecting server (serverUrl from managed policy),
    // switched between faults per test.
    describe('server faults', () => {
      let fault;
      let page;
      before(async () => {
        fault = await startFaultServer();
        await relaunch({ serverUrl: fault.url, organisationName: ORGANISATION });
      });
      after(async () => {
        await page?.close();
        await fault?.stop();
      });
      // Each test opens its own page first: `page` is the new one only once open() is done.
      const open = async (id, mode) => {
        await page?.close();
        fault.setMode(mode);
        page = await newPage();
        await scenario.openFixture(page, byId(id));
        return byId(id);
      };
      const faults = editors.faults;
      it('renders HTML in server strings as text only', async () => {
        const fixture = await open(faults.htmlInStrings, 'html-in-strings');
        await scenario.rendersServerStringsAsText(page, fixture);
      });
      it('slow server (3 s): typing goes on, the stale answer is discarded', async () => {
        const fixture = await open(faults.slow, 'slow');
        await scenario.discardsStaleSlowAnswer(page, fixture, fault);
      });
      it('garbage answers: offline rules, then recovers by itself', async () => {
        const fixture = await open(faults.garbage, 'garbage');
        await scenario.fallsBackOnServerFault(page, fixture, { heal: () => fault.setMode('ok') });
      });
      it('server killed mid-request: offline rules, then recovers by itself', async () => {
        const fixture = await open(faults.killed, 'hang-then-close');
        await scenario.fallsBackOnServerFault(page, fixture, { heal: () => fault.setMode('ok') });
      });
      it('a web page cannot change the server URL', async () => {
        const fixture = await open('textarea', 'ok');
        await scenario.ignoresPageMessages(page, fixture);
        await page.goto(url('options/options.html'));
        await page.waitFor(() => document.getElementById('serverUrl').value !== '', undefined, { message: 'options loaded' });
        const view = await page.evaluate(async () => ({ serverUrl: document.getElementById('serverUrl').value, stored: await (globalThis.browser ?? globalThis.chrome).storage.local.get(null) }));
        assert.equal(view.serverUrl, fault.url);
        assert.equal(view.stored.serverUrl, undefined, 'no server URL written to storage');
        assert.equal(view.stored.apiToken, undefined, 'no API token written to storage');
      });
    });

    describe(`${spec.policyName} with an http:// server URL to another host`, () => {
      const policyUrl = 'http://phiguard.example.org:8765';
      before(() => relaunch({ serverUrl: policyUrl, organisationName: ORGANISATION }));

      it('is refused (posts would cross the network in clear); the options page says why', async () => {
        const page = await newPage();
        try {
          await scenario.refusesPlainHttpServer(page, url('options/options.html'), { policyUrl, defaultUrl: 'http://127.0.0.1:8765' });
        } finally {
          await page.close();
        }
      });
    });

    // The browser restarted with a policy that sets enforcement=block, as an organisation would deploy it.
    describe(`organisation policy enforcement=block (${spec.policyName})`, () => {
      const fixture = byId(editors.block);
      let page;
      before(async () => {
        await relaunch({ serverUrl: servers.server.url, enforcement: 'block', organisationName: BLOCKING_ORGANISATION, allowPersonalAllowList: true });
        page = await newPage();
      });
      after(() => page?.close());

      it('shows the organisation\'s settings locked on the options page', async () => {
        await page.goto(url('options/options.html'));
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

      it('keeps "always allow" words as salted hashes; the options page finds and removes them', () => scenario.keepsAllowListAsHashes(page, url('options/options.html')));
    });

    // Last: no serverUrl policy and the suite's HTTP server stopped; the native host in a temporary HOME.
    describeNativeHost({
      browser: spec.nativeBrowser,
      beforeLaunch: async () => {
        await running?.close();
        running = null;
        await servers.server.stop();
      },
      launch: async (home, policy = {}) => {
        await relaunch({ organisationName: ORGANISATION, ...policy }, home);
        return { newPage, popupUrl: url('popup/popup.html'), close: async () => { await running?.close(); running = null; } };
      },
    });
  });
}
