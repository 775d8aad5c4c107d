// The popup, opened as a page for a tab on a fixture site (popup.html?tab=<id>): it shows that
// tab's site, that PHI Guard watches it and the post's risk and findings; "Pause on this site"
// takes every underline and badge off that site's page until it is switched back.

import assert from 'node:assert/strict';
import { describe, it, before, after } from 'node:test';
import { EDITOR_FIXTURES, PHI_POST } from './editor_fixtures.mjs';
import { openFixture } from './scenarios.mjs';

// In the popup page: the id of the tab whose content script reports `host` with a high-risk post.
async function pageFindTab(host) {
  const api = globalThis.browser ?? globalThis.chrome;
  const found = [];
  for (const tab of await api.tabs.query({})) {
    const answer = await api.tabs.sendMessage(tab.id, { kind: 'getTabStatus' }).catch(() => null);
    if (answer?.host === host && answer.post?.risk === 'high') found.push(tab.id);
  }
  return found;
}

function pagePopupView() {
  const $ = (id) => document.getElementById(id);
  return {
    state: $('tab').dataset.state,
    title: $('tab-title').textContent,
    detail: $('tab-detail').hidden ? null : $('tab-detail').textContent,
    paused: $('pause-site').checked,
    pauseDisabled: $('pause-site').disabled,
  };
}

// In the fixture page: every trace of PHI Guard on the editor (hooks, highlights, badge, underlines).
function pageMarks(selector) {
  const editor = document.querySelector(selector);
  let ranges = 0;
  for (const [name, highlight] of globalThis.CSS?.highlights ?? []) if (name.startsWith('phiguard-')) ranges += highlight.size;
  const shadow = document.querySelector('phiguard-root')?.shadowRoot;
  return {
    risk: editor?.getAttribute('data-phiguard-risk') ?? null,
    ranges,
    badge: !!shadow?.querySelector('[data-phiguard-badge]'),
    underlines: shadow?.querySelectorAll('.underline').length ?? 0,
  };
}

/** Poll `fn(arg)` in the page until `predicate` holds for its value; returns that value. */
async function until(page, fn, arg, predicate, message, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await page.evaluate(fn, arg).catch(() => undefined);
    if (last !== undefined && predicate(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`${message}: last ${JSON.stringify(last)}`);
}

/**
 * @param {() => Promise<object>} newPage a wrapped page (page_driver.mjs)
 * @param {(path: string) => string} extensionUrl the URL of one of the extension's pages
 */
export function describePopupSuite(newPage, extensionUrl) {
  describe('popup for a tab on a watched site', () => {
    const fixture = EDITOR_FIXTURES.find((f) => f.id === 'lexical');
    const host = new URL(fixture.url).hostname;
    let page;
    let popup;
    let popupUrl;
    before(async () => {
      page = await newPage();
      await openFixture(page, fixture);
      await page.type(PHI_POST);
      await page.waitFor((selector) => document.querySelector(selector)?.getAttribute('data-phiguard-risk') === 'high', fixture.editor, { message: 'risk high' });
      popup = await newPage();
      await popup.goto(extensionUrl('popup/popup.html'));
      const tabs = await popup.evaluate(pageFindTab, host);
      assert.equal(tabs.length, 1, `one ${host} tab with a high-risk post: ${JSON.stringify(tabs)}`);
      popupUrl = extensionUrl(`popup/popup.html?tab=${tabs[0]}`);
    });
    after(async () => {
      // The suites after this one expect every site watched, even when this one failed paused.
      await popup?.evaluate(() => (globalThis.browser ?? globalThis.chrome).storage.local.remove('sites')).catch(() => {});
      await popup?.close();
      await page?.close();
    });

    it('shows the tab\'s site, that it is watched, and the post\'s risk and number of findings', async () => {
      await popup.goto(popupUrl);
      const view = await until(popup, pagePopupView, undefined, (v) => v.state === 'watching' && v.detail?.startsWith('This post: High'), 'popup: this tab watched, high risk');
      const findings = await page.evaluate((selector) => Number(document.querySelector(selector).getAttribute('data-phiguard-findings')), fixture.editor);
      assert.equal(view.title, `Watching Facebook (${host})`);
      assert.equal(view.detail, `This post: High risk, ${findings} findings.`);
      assert.deepEqual([view.paused, view.pauseDisabled], [false, false]);
      await popup.waitFor(() => document.getElementById('status').dataset.state === 'online', undefined, { message: 'popup: server online' });
      assert.doesNotMatch(await popup.evaluate(() => document.getElementById('status-text').textContent), /en_core_web/, 'the model is under About only');
    });

    it('"Pause on this site" takes every underline off the page until it is switched back', async () => {
      await popup.click('#pause-site');
      await popup.waitFor(() => document.getElementById('tab').dataset.state === 'paused', undefined, { message: 'popup: paused' });
      assert.equal((await popup.evaluate(pagePopupView)).title, `Paused on Facebook (${host})`);
      await until(page, pageMarks, fixture.editor, (m) => m.risk === null && m.ranges === 0 && !m.badge && m.underlines === 0, 'no PHI Guard marks left on the paused site');
      // Typing on a paused site brings nothing back.
      await page.evaluate((selector) => {
        // The caret to the end of the post (a click would land in its middle).
        const editor = document.querySelector(selector);
        editor.focus();
        const range = document.createRange();
        range.selectNodeContents(editor);
        range.collapse(false);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
      }, fixture.editor);
      await page.type(' She is 81.');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.deepEqual(await page.evaluate(pageMarks, fixture.editor), { risk: null, ranges: 0, badge: false, underlines: 0 });
      assert.equal(await page.evaluate(() => window.__fixture.getText()), `${PHI_POST} She is 81.`, 'what the user typed is untouched');

      await popup.click('#pause-site');
      await popup.waitFor(() => document.getElementById('tab').dataset.state === 'watching', undefined, { message: 'popup: watching again' });
      await page.waitFor((selector) => document.querySelector(selector)?.getAttribute('data-phiguard-risk') === 'high', fixture.editor, { message: 'underlines back after resuming' });
      const marks = await page.evaluate(pageMarks, fixture.editor);
      assert.ok(marks.ranges > 0 && marks.badge, `underlined again: ${JSON.stringify(marks)}`);
    });
  });
}
