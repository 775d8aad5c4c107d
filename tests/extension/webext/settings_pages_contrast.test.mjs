// The popup and the options page in Debian's Chromium, light and dark: every visible text meets
// WCAG 4.5:1 and every control border and status dot 3:1, measured from computed styles; the
// popup's "Check again" stays on one line at the popup's width. The pages run their own scripts
// against a stand-in extension API (helpers/settings_page_states.mjs), so no server is needed.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { builtExtension } from './suite_setup.mjs';
import { CHROMIUM_PATH } from '../helpers/chromium.mjs';
import { PAGE_STATES, openPageState } from '../helpers/settings_page_states.mjs';
import { measureContrast, contrastFailures } from '../helpers/measure_contrast.mjs';

let browser;
let extension;

describe('popup and options contrast (Chromium, computed styles)', { timeout: 120000 }, () => {
  before(async () => {
    if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} not found: apt-get install chromium`);
    extension = await builtExtension();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'] });
  });
  after(() => browser?.close());

  for (const colorScheme of ['light', 'dark']) {
    for (const stateName of Object.keys(PAGE_STATES)) {
      it(`${stateName}, ${colorScheme}: text 4.5:1, controls 3:1`, async () => {
        const page = await openPageState(browser, extension.chrome, stateName, colorScheme);
        try {
          // Open the disclosure too: its text must pass as well.
          await page.evaluate(() => { for (const d of document.querySelectorAll('details')) d.open = true; });
          const measured = await page.evaluate(measureContrast);
          assert.deepEqual(measured.unparsed, [], 'every computed colour is rgb()/rgba()');
          assert.ok(measured.texts.length >= 10, `texts measured: ${measured.texts.length}`);
          assert.deepEqual(contrastFailures(measured), []);
          const scheme = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
          assert.equal(scheme, colorScheme === 'dark' ? 'rgb(28, 33, 40)' : 'rgb(255, 255, 255)', 'the page follows the colour scheme');
          if (PAGE_STATES[stateName].page === 'options') {
            const save = measured.texts.find((t) => t.what.startsWith('button.primary'));
            assert.ok(save && save.ratio >= 4.5, `Save button: ${JSON.stringify(save)}`);
          }
        } finally {
          await page.close();
        }
      });
    }

    it(`popup, ${colorScheme}: "Check again" and the tab's switch do not wrap`, async () => {
      const page = await openPageState(browser, extension.chrome, 'popup-watching', colorScheme);
      try {
        const lines = await page.evaluate(() => {
          // Lines of the element's text (its checkbox, a box of its own, is left out).
          const linesOf = (el) => {
            const tops = new Set();
            const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              if (!node.textContent.trim()) continue;
              const range = document.createRange();
              range.selectNodeContents(node);
              for (const rect of range.getClientRects()) tops.add(Math.round(rect.top));
            }
            return tops.size;
          };
          return {
            recheck: linesOf(document.getElementById('recheck')),
            pause: linesOf(document.querySelector('#pause label')),
            width: document.documentElement.scrollWidth,
          };
        });
        assert.deepEqual(lines, { recheck: 1, pause: 1, width: 340 });
      } finally {
        await page.close();
      }
    });
  }
});
