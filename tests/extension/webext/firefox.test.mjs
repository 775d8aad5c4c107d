// The built extension in Firefox ESR (puppeteer-core over WebDriver BiDi, installed as a temporary
// add-on), on fixture pages served over HTTPS under the sites' real host names (an HTTPS proxy in
// the profile's prefs tunnels them to the fixture server), pointed at the real PHI Guard server
// through enterprise policy: policies.json 3rdparty.Extensions["phiguard@phiguard.org"], which
// Firefox hands to the extension as storage.managed. The policies.json is private to the test
// browser: a temporary directory bound over distribution/ in its own mount namespace
// (helpers/private_policy.mjs). The scenarios are browser_suite.mjs's, the same as Chromium's;
// this file says how to start Firefox and which editor each single-editor scenario uses.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { launchFirefox, firefoxDistributionDir, GECKO_ID, FIREFOX_EXTENSION_UUID } from '../helpers/firefox.mjs';
import { wrapPage } from './page_driver.mjs';
import { describeBrowserSuite } from './browser_suite.mjs';

describeBrowserSuite({
  name: 'Firefox',
  policyName: 'policies.json',
  nativeBrowser: 'firefox',
  async launch({ extension, servers, policy, home }) {
    const firefox = await launchFirefox({ extensionDir: extension.firefox, proxyPort: servers.fixtures.proxyPort, policy, home });
    return {
      extensionId: firefox.extensionId,
      newPage: async () => wrapPage(await firefox.browser.newPage(), 'puppeteer'),
      extensionUrl: (path) => `moz-extension://${FIREFOX_EXTENSION_UUID}/${path}`,
      close: () => firefox.close(),
    };
  },
  identity: {
    title: 'installs under its fixed gecko id',
    check(firefox) {
      assert.equal(firefox.extensionId, GECKO_ID);
    },
  },
  policyIsPrivate(organisationName) {
    const file = `${firefoxDistributionDir()}/policies.json`;
    assert.ok(!existsSync(file) || !readFileSync(file, 'utf8').includes(organisationName), `${file} is not the test policy`);
  },
  // Each browser runs each single-editor scenario on a different editor where it can, so that
  // between them more editors are covered.
  editors: {
    pageScripts: 'draft',
    backToBack: ['quill', 'lexical'],
    steadyView: ['lexical', 'quill'],
    offline: { fixture: 'lexical', url: 'https://facebook.com/fixture/facebook.html' },
    limitedRewrite: 'draft',
    unchecked: 'quill',
    faults: { htmlInStrings: 'quill', slow: 'lexical', garbage: 'draft', killed: 'quill' },
    block: 'draft',
  },
});
