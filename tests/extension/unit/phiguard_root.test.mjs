// PHI Guard's page UI acts on the user's own input only: onlyTrusted drops events a page's script
// made, and actionOf routes a button by what PHI Guard recorded when it made it, whatever the
// page later writes into its data-* attributes (the shadow root is open).

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';

let root;
let window;
before(async () => {
  ({ window } = new JSDOM('<!doctype html><body></body>'));
  globalThis.document ??= window.document;
  root = await import('../../../extension/src/content/phiguard_root.js');
});

describe('onlyTrusted', () => {
  it('runs the handler for trusted events only', () => {
    const seen = [];
    const handler = root.onlyTrusted((event) => seen.push(event.type));
    handler(new window.MouseEvent('click')); // made by a script: isTrusted false
    handler({ type: 'click', isTrusted: true });
    handler({ type: 'click' });
    assert.deepEqual(seen, ['click']);
  });
});

describe('actionOf', () => {
  it('keeps what a button was made for, whatever the page does to its attributes', () => {
    const button = root.element('button', { attrs: { 'data-action': 'dismiss', 'data-finding-id': 'f7', 'data-scope': 'once' } });
    button.dataset.scope = 'always';
    button.dataset.findingId = 'f1';
    assert.deepEqual({ ...root.actionOf(button) }, { action: 'dismiss', findingId: 'f7', replacementIndex: undefined, suggestionIndex: undefined, scope: 'once' });
    const fix = root.element('button', { attrs: { 'data-action': 'fix', 'data-finding-id': 'f2', 'data-replacement-index': 1 } });
    assert.equal(root.actionOf(fix).replacementIndex, 1);
  });

  it('knows nothing of a button the page made', () => {
    const forged = document.createElement('button');
    forged.dataset.action = 'dismiss';
    forged.dataset.scope = 'always';
    assert.equal(root.actionOf(forged), null);
  });
});
