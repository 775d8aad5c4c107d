// The popup and the options page in Debian's Chromium and Firefox ESR, light and dark: every
// visible text meets WCAG 4.5:1 and every control border, checkbox and status dot 3:1, measured
// from computed styles; the popup's "Check again" and its pause switch stay on one line. The pages
// run their own scripts against a stand-in extension API (helpers/settings_page_states.mjs), so
// no server, extension install or policy is needed.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { builtExtension } from './suite_setup.mjs';
import { CHROMIUM_PATH } from '../helpers/chromium.mjs';
import { FIREFOX_PATH } from '../helpers/firefox.mjs';
import { PAGE_STATES, openPageState, openPageStateInFirefox, FIREFOX_SCHEME_PREFS } from '../helpers/settings_page_states.mjs';
import { measureContrast, contrastFailures } from '../helpers/measure_contrast.mjs';

const BACKGROUNDS = { light: 'rgb(255, 255, 255)', dark: 'rgb(28, 33, 40)' };

async function checkContrast(page, stateName, colorScheme) {
  // Open the disclosures too: their text must pass as well.
  await page.evaluate(() => { for (const d of document.querySelectorAll('details')) d.open = true; });
  const measured = await page.evaluate(measureContrast);
  assert.deepEqual(measured.unparsed, [], 'every computed colour is rgb()/rgba()');
  assert.ok(measured.texts.length >= 20, `texts measured: ${measured.texts.length}`);
  assert.deepEqual(contrastFailures(measured), []);
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), BACKGROUNDS[colorScheme], 'the page follows the colour scheme');
  if (PAGE_STATES[stateName].page === 'options') {
    const save = measured.texts.find((t) => t.what.startsWith('button.primary'));
    assert.ok(save && save.ratio >= 4.5, `Save button: ${JSON.stringify(save)}`);
  }
}

// In the popup: on how many lines "Check again" and the pause switch's label are laid out.
function pageLines() {
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
  return { recheck: linesOf(document.getElementById('recheck')), pause: linesOf(document.querySelector('#pause label')), width: document.body.getBoundingClientRect().width };
}

describe('popup and options contrast in Chromium (computed styles)', { timeout: 120000 }, () => {
  let browser;
  let extension;
  before(async () => {
    if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} not found: apt-get install chromium`);
    extension = await builtExtension();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu'] });
  });
  after(() => browser?.close());

  for (const colorScheme of ['light', 'dark']) {
    for (const stateName of Object.keys(PAGE_STATES)) {
      it(`${stateName}, ${colorScheme}: text 4.5:1, controls 3:1`, async () => {
        const page = await openPageState(browser, extension.chrome, stateName, colorScheme);
        try {
          await checkContrast(page, stateName, colorScheme);
        } finally {
          await page.close();
        }
      });
    }

    it(`popup, ${colorScheme}: "Check again" and the pause switch do not wrap`, async () => {
      const page = await openPageState(browser, extension.chrome, 'popup-watching', colorScheme);
      try {
        assert.deepEqual(await page.evaluate(pageLines), { recheck: 1, pause: 1, width: 340 });
      } finally {
        await page.close();
      }
    });
  }
});

for (const colorScheme of ['light', 'dark']) {
  describe(`popup and options contrast in Firefox, ${colorScheme} (computed styles)`, { timeout: 120000 }, () => {
    let browser;
    let extension;
    before(async () => {
      if (!existsSync(FIREFOX_PATH)) throw new Error(`${FIREFOX_PATH} not found: apt-get install firefox-esr`);
      extension = await builtExtension();
      browser = await puppeteer.launch({
        browser: 'firefox', executablePath: FIREFOX_PATH, headless: true, timeout: 90000,
        defaultViewport: { width: 900, height: 1100 }, extraPrefsFirefox: FIREFOX_SCHEME_PREFS[colorScheme],
      });
    });
    after(() => browser?.close());

    for (const stateName of Object.keys(PAGE_STATES)) {
      it(`${stateName}: text 4.5:1, controls 3:1`, async () => {
        const page = await openPageStateInFirefox(browser, extension.firefox, stateName);
        try {
          await checkContrast(page, stateName, colorScheme);
        } finally {
          await page.close();
        }
      });
    }

    it('popup: "Check again" and the pause switch do not wrap', async () => {
      const page = await openPageStateInFirefox(browser, extension.firefox, 'popup-watching');
      try {
        assert.deepEqual(await page.evaluate(pageLines), { recheck: 1, pause: 1, width: 340 });
      } finally {
        await page.close();
      }
    });
  });
}
