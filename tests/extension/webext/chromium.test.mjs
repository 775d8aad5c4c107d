// The built extension in Debian's Chromium (playwright-core), on fixture pages served over HTTPS
// under the sites' real host names (--host-resolver-rules), pointed at the real PHI Guard server
// through MANAGED POLICY (/etc/chromium/policies/managed → storage.managed serverUrl), private to
// the test browser: a temporary directory bound over /etc/chromium/policies in its own mount
// namespace (helpers/private_policy.mjs). The scenarios are browser_suite.mjs's, the same as
// Firefox's; this file says how to start Chromium and which editor each single-editor scenario uses.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { launchChromium, chromeExtensionId, CHROMIUM_POLICY_DIR } from '../helpers/chromium.mjs';
import { wrapPage } from './page_driver.mjs';
import { describeBrowserSuite } from './browser_suite.mjs';

describeBrowserSuite({
  name: 'Chromium',
  policyName: 'managed policy',
  nativeBrowser: 'chromium',
  async launch({ extension, servers, policy, home }) {
    const chromium = await launchChromium({ extensionDir: extension.chrome, fixturePort: servers.fixtures.port, policy, home });
    return {
      extensionId: chromium.extensionId,
      newPage: async () => wrapPage(await chromium.context.newPage(), 'playwright'),
      extensionUrl: (path) => `chrome-extension://${chromium.extensionId}/${path}`,
      close: () => chromium.close(),
      log: () => chromium.backgroundLog,
    };
  },
  identity: {
    title: 'loads with the id fixed by the manifest key (the id managed policy is keyed on)',
    check(chromium, extension) {
      assert.equal(chromium.extensionId, chromeExtensionId(extension.chrome));
      assert.equal(chromium.extensionId, 'gfndljdmplkkpabcdkanfdchleockfhp');
    },
  },
  policyIsPrivate() {
    assert.ok(!existsSync(`${CHROMIUM_POLICY_DIR}/managed/phiguard-test.json`), 'the test policy is not in the machine\'s /etc/chromium/policies');
  },
  // Each browser runs each single-editor scenario on a different editor where it can, so that
  // between them more editors are covered.
  editors: {
    pageScripts: 'lexical',
    backToBack: ['quill', 'draft'],
    steadyView: ['lexical', 'draft'],
    offline: { fixture: 'draft', url: 'https://twitter.com/fixture/x.html' },
    limitedRewrite: 'quill',
    unchecked: 'lexical',
    faults: { htmlInStrings: 'contenteditable', slow: 'quill', garbage: 'lexical', killed: 'draft' },
    block: 'quill',
  },
});
