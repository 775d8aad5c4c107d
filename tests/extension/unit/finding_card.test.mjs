// The finding card: in block mode (mustFix) a medium or high finding offers no "Ignore" and says
// why; "Always allow" only where the organisation allows a personal allow-list.

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';

let buildFindingCard;
before(async () => {
  globalThis.document ??= new JSDOM('<!doctype html><body></body>').window.document;
  ({ buildFindingCard } = await import('../../../extension/src/content/finding_card.js'));
});

const FINDING = { id: 'f1', type: 'PERSON', severity: 'high', explanation: 'A name.', replacements: ['someone'], text: 'Sandra' };

function offered(card) {
  return [...card.querySelectorAll('[data-action]')].map((b) => `${b.dataset.action}${b.dataset.scope ? `:${b.dataset.scope}` : ''}`);
}

describe('buildFindingCard', () => {
  it('offers fix, Ignore and Always allow outside block mode', () => {
    const card = buildFindingCard(FINDING, { allowAlways: true });
    assert.deepEqual(offered(card), ['fix', 'dismiss:once', 'dismiss:always']);
    assert.equal(card.querySelector('.required'), null);
  });

  it('offers no Ignore when the finding must be fixed, and says who requires it', () => {
    const card = buildFindingCard(FINDING, { allowAlways: true, mustFix: true, organisationName: 'Northshire NHS Trust' });
    assert.deepEqual(offered(card), ['fix', 'dismiss:always']);
    assert.equal(card.querySelector('.required').textContent, 'Northshire NHS Trust requires this to be fixed before posting.');
  });

  it('offers only the fixes when the personal allow-list is not allowed either', () => {
    const card = buildFindingCard(FINDING, { allowAlways: false, mustFix: true });
    assert.deepEqual(offered(card), ['fix']);
    assert.equal(card.querySelector('.required').textContent, 'Your organisation requires this to be fixed before posting.');
  });
});
