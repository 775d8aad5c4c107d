// What the badge says for each state of a box (content/watcher_views.js).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { badgeView } from '../../../extension/src/content/watcher_views.js';

const high = { start: 0, end: 3, type: 'AGE', severity: 'high' };

describe('badgeView', () => {
  it('says checking while a check runs', () => {
    const view = badgeView({ state: 'checking', visible: [], limited: false });
    assert.equal(view.text, 'checking…');
  });

  it('says starting while the native host loads its engine, not offline', () => {
    const view = badgeView({ state: 'checking', visible: [], limited: false, engineStarting: true });
    assert.equal(view.text, 'starting…');
    assert.match(view.ariaLabel, /starting its engine/);
  });

  it('counts findings and names the worst severity', () => {
    const view = badgeView({ state: 'result', visible: [high], limited: false });
    assert.equal(view.text, '1');
    assert.equal(view.state, 'high');
  });
});
