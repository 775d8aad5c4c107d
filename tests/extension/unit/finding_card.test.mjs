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

  it('names its category beside a swatch of the underline\'s colour (colour is never the only cue)', () => {
    const cases = [['PERSON', 'identifier', 'Identifies them'], ['AGE', 'detail', 'Narrows it down'], ['HEALTH_CONDITION', 'topic', 'Clinical topic'], ['CLIENT_REFERENCE', 'story', 'Their story']];
    for (const [type, group, label] of cases) {
      const card = buildFindingCard({ ...FINDING, type }, { allowAlways: false });
      assert.equal(card.dataset.category, group, type);
      const tag = card.querySelector('h3 .category');
      assert.equal(tag.dataset.category, group);
      assert.equal(tag.textContent, label);
      assert.equal(tag.querySelector('.swatch').getAttribute('aria-hidden'), 'true');
    }
  });

  it('shows the server\'s own explanation, not a generic sentence', () => {
    const card = buildFindingCard({ ...FINDING, explanation: "'81' and 'Whitby' together could let a neighbour recognise your client." }, { allowAlways: false });
    assert.equal(card.querySelector('.why').textContent, "'81' and 'Whitby' together could let a neighbour recognise your client.");
  });

  it('shows health detail (the topic) quietly, with "keep, remove the person instead" rather than a dead end', () => {
    const card = buildFindingCard({ ...FINDING, type: 'HEALTH_CONDITION', text: 'PTSD', replacements: [] }, { allowAlways: false });
    assert.ok(card.classList.contains('topic'));
    assert.deepEqual(offered(card), ['keep-topic', 'dismiss:once']);
    assert.equal(card.querySelector('[data-action="keep-topic"]').textContent, 'Keep, remove the person instead');
  });

  it('links the professional body’s guidance the organisation chose in policy, and nothing when none', () => {
    const url = 'https://www.hcpc-uk.org/standards/meeting-our-standards/communication-and-using-social-media/';
    const card = buildFindingCard(FINDING, { allowAlways: false, guidance: { url, name: 'HCPC guidance on social media' } });
    const link = card.querySelector('.guidance a');
    assert.equal(link.getAttribute('href'), url);
    assert.equal(link.textContent, 'HCPC guidance on social media');
    assert.equal(link.getAttribute('rel'), 'noopener noreferrer');
    assert.equal(buildFindingCard(FINDING, { allowAlways: false }).querySelector('.guidance'), null);
  });

  it('says where a floating card is among the findings', () => {
    const card = buildFindingCard(FINDING, { allowAlways: false, floating: true, position: 2, total: 7 });
    assert.equal(card.querySelector('.position').textContent, 'Finding 2 of 7');
  });
});

