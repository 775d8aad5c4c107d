// The pre-send dialog lists every finding (five shown, "+N more" for the rest) and offers the
// safe rewrite directly when the server can write one; block mode has no "Post anyway".

import { describe, it, before, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';

let ui;
before(async () => {
  const { window } = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
  globalThis.document ??= window.document;
  globalThis.window ??= window;
  globalThis.CSSStyleSheet ??= window.CSSStyleSheet;
  ui = await import('../../../extension/src/content/page_ui.js');
});
afterEach(() => ui.closeSendDialog());

const watcher = { id: 'w1', theme: () => 'light', categoryColours: () => ({ identifier: '#c4231c' }), element: null };
const findings = Array.from({ length: 8 }, (_, i) => ({ label: 'Name', text: `Person${i}`, severity: 'high' }));

function shown(dialog) {
  const items = [...dialog.element.querySelectorAll('ul.findings li')];
  return { all: items.length, visible: items.filter((li) => !li.hidden).length, actions: [...dialog.element.querySelectorAll('[data-action]')].map((b) => b.dataset.action) };
}

describe('showSendDialog', () => {
  it('lists every finding, folds all but five under "+N more", and offers the rewrite', () => {
    const dialog = ui.showSendDialog(watcher, { kind: 'warn', findings, canRewrite: true, onPostAnyway() {}, onReview() {} });
    const view = shown(dialog);
    assert.deepEqual([view.all, view.visible], [8, 5]);
    assert.equal(dialog.element.querySelector('[data-action="show-more"]').textContent, '+3 more');
    assert.deepEqual(view.actions, ['show-more', 'use-rewrite', 'review', 'post-anyway']);
    assert.equal(dialog.element.dataset.theme, 'light');
    assert.equal(dialog.element.style.getPropertyValue('--cat-identifier'), '#c4231c', 'the editor\'s category colours, for swatches');
  });

  it('has no "+N more" for five findings or fewer, and no rewrite when the server cannot write one', () => {
    const dialog = ui.showSendDialog(watcher, { kind: 'warn', findings: findings.slice(0, 5), canRewrite: false, onPostAnyway() {}, onReview() {} });
    assert.deepEqual(shown(dialog).actions, ['review', 'post-anyway']);
  });

  it('in block mode offers the rewrite and Review, never "Post anyway"', () => {
    const dialog = ui.showSendDialog(watcher, { kind: 'block', findings, canRewrite: true, organisationName: 'Northshire NHS Trust', onPostAnyway() {}, onReview() {} });
    assert.deepEqual(shown(dialog).actions, ['show-more', 'use-rewrite', 'review']);
    assert.match(dialog.element.textContent, /Northshire NHS Trust requires these details/);
  });
});
