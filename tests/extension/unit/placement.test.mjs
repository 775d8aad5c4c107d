// The rectangle arithmetic of content/placement.js: the badge never on the text or the send
// button, a card clear of its span, the findings view in the free space beside the composer.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rect, intersects, placeBadge, placeCard, placePanel } from '../../../extension/src/content/placement.js';

const viewport = { width: 1280, height: 900 };
const box = rect(400, 100, 500, 120); // the compose box
const badge = { width: 110, height: 22 };

describe('placeBadge', () => {
  it('goes in the bottom-right padding when the text leaves it free', () => {
    const spot = placeBadge(badge, box, [rect(408, 108, 300, 24)], [], viewport);
    assert.deepEqual([spot.right, spot.bottom], [896, 216]);
  });
  it('moves off the text when the text reaches the corner', () => {
    const text = [rect(408, 108, 484, 24), rect(408, 132, 484, 24), rect(408, 156, 484, 24), rect(408, 180, 484, 36)];
    const spot = placeBadge(badge, box, text, [], viewport);
    for (const line of text) assert.equal(intersects(spot, line), false);
  });
  it('never sits on the send button', () => {
    const text = [rect(400, 100, 500, 120)]; // the text fills the box
    const send = rect(820, 224, 80, 32); // right below it, right-aligned
    const spot = placeBadge(badge, box, text, [send], viewport);
    assert.equal(intersects(spot, send), false);
    assert.equal(intersects(spot, text[0]), false);
  });
});

describe('placeCard', () => {
  it('goes below the span, clear of it and of the send button', () => {
    const span = [rect(500, 130, 60, 22)];
    const send = rect(820, 224, 80, 32);
    const spot = placeCard({ width: 320, height: 160 }, span, box, [send], viewport);
    assert.equal(intersects(spot, span[0]), false);
    assert.equal(intersects(spot, send), false);
    assert.ok(spot.top >= 152, 'below the span');
  });
  it('goes above when there is no room below', () => {
    const span = [rect(500, 820, 60, 22)];
    const spot = placeCard({ width: 320, height: 160 }, span, rect(400, 700, 500, 150), [], viewport);
    assert.ok(spot.bottom <= 820 && spot.top >= 0);
  });
});

describe('placePanel', () => {
  it('goes beside the composer when there is room', () => {
    const spot = placePanel({ width: 360, height: 500 }, [box], viewport);
    assert.equal(intersects(spot, box), false);
    assert.ok(spot.left >= box.right);
  });
  it('goes below on a narrow screen, as tall as the room there', () => {
    const narrow = { width: 360, height: 900 };
    const composer = rect(16, 60, 328, 400);
    const spot = placePanel({ width: 360, height: 560 }, [composer], narrow);
    assert.equal(intersects(spot, composer), false);
    assert.ok(spot.bottom <= 900 && spot.maxHeight >= 140);
  });
});
