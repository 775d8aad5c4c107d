// The content script's answer to the popup: the site of the page, whether its adapter runs, and the
// risk and findings of the post being written, read from the editor's data-phiguard-* hooks.

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';

const SITES = [
  { id: 'facebook', matches: ['https://*.facebook.com/*'] },
  { id: 'x', matches: ['https://*.x.com/*', 'https://*.twitter.com/*'] },
];

let tabStatus;
let registerWatcher;
let doc;
before(async () => {
  doc = new JSDOM('<!doctype html><body></body>').window.document;
  globalThis.document ??= doc;
  ({ tabStatus } = await import('../../../extension/src/content/tab_status.js'));
  ({ registerWatcher } = await import('../../../extension/src/content/watcher_registry.js'));
});

function box(hooks) {
  const element = doc.createElement('div');
  element.setAttribute('contenteditable', 'true');
  for (const [name, value] of Object.entries(hooks)) element.setAttribute(`data-phiguard-${name}`, value);
  doc.body.append(element);
  const unregister = registerWatcher({ element });
  return { element, remove: () => { unregister(); element.remove(); } };
}

describe('tabStatus', () => {
  it('names the site and host, and says whether its adapter runs', () => {
    assert.deepEqual(tabStatus(SITES, new Set(['facebook']), 'https://www.facebook.com/groups/ot', doc.body),
      { site: 'facebook', host: 'www.facebook.com', watching: true, boxes: 0, post: null });
    assert.equal(tabStatus(SITES, new Set(), 'https://twitter.com/home', doc.body).watching, false);
    assert.equal(tabStatus(SITES, new Set(['facebook']), 'https://example.org/', doc.body).site, null);
  });

  it('reports the focused box, else the riskiest', () => {
    const calm = box({ risk: 'none', findings: '0', mode: 'server' });
    const risky = box({ risk: 'high', findings: '4', mode: 'offline' });
    try {
      const running = new Set(['x']);
      assert.deepEqual(tabStatus(SITES, running, 'https://x.com/compose', doc.body).post, { risk: 'high', findings: 4, mode: 'offline' });
      assert.deepEqual(tabStatus(SITES, running, 'https://x.com/compose', calm.element).post, { risk: 'none', findings: 0, mode: 'server' });
      assert.equal(tabStatus(SITES, running, 'https://x.com/compose', calm.element).boxes, 2);
    } finally {
      calm.remove();
      risky.remove();
    }
  });

  it('has no post while the only box has not been checked yet, and ignores boxes gone from the page', () => {
    const fresh = box({});
    const gone = box({ risk: 'high', findings: '1' });
    gone.element.remove();
    try {
      const status = tabStatus(SITES, new Set(['facebook']), 'https://www.facebook.com/', doc.body);
      assert.equal(status.boxes, 1);
      assert.equal(status.post, null);
    } finally {
      fresh.remove();
      gone.remove();
    }
  });
});
