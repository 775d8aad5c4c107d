// What keeps the findings view still under the pointer when it is drawn again (steady_view.js):
// which cards leave a slot and where it goes, which element is held in place, how a card is
// recognised across drawings and analyses. The geometry itself is measured in the browsers
// (webext/steady_view_scenarios.mjs).

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';

let steady;
before(async () => {
  const { window } = new JSDOM('<!doctype html><body></body>');
  globalThis.document ??= window.document;
  steady = await import('../../../extension/src/content/steady_view.js');
});

describe('planSlots', () => {
  it('puts the slot of a gone card right after what preceded it', () => {
    assert.deepEqual(steady.planSlots(['a', 'b', 'c'], ['a', 'c']), [{ identity: 'b', after: 'a' }]);
  });
  it('chains several gone in a row, in their order', () => {
    assert.deepEqual(steady.planSlots(['a', 'b', 'c', 'd'], ['a', 'd']), [{ identity: 'b', after: 'a' }, { identity: 'c', after: 'b' }]);
  });
  it('puts the one that led the list before the first kept card, and the next after it', () => {
    assert.deepEqual(steady.planSlots(['a', 'b', 'c'], ['c']), [{ identity: 'a', before: 'c' }, { identity: 'b', after: 'a' }]);
  });
  it('leaves no slot for a card that is back, and none when nothing is kept', () => {
    assert.deepEqual(steady.planSlots(['a', 'b'], ['b', 'a', 'n']), []);
    assert.deepEqual(steady.planSlots(['a', 'b'], ['x']), []);
  });
});

describe('chooseAnchor', () => {
  const items = [{ identity: 'actions', top: 100, height: 30 }, { identity: 'a', top: 140, height: 80 }, { identity: 'b', top: 230, height: 80 }];
  it('holds the element under the pointer', () => {
    assert.equal(steady.chooseAnchor(items, { x: 10, y: 250 }, 90).identity, 'b');
    assert.equal(steady.chooseAnchor(items, { x: 10, y: 110 }, 90).identity, 'actions');
  });
  it('else the nearest to the pointer (between two cards, over the header)', () => {
    assert.equal(steady.chooseAnchor(items, { x: 10, y: 226 }, 90).identity, 'b');
    assert.equal(steady.chooseAnchor(items, { x: 10, y: 60 }, 50).identity, 'actions');
  });
  it('without a pointer over the view, the first element in sight', () => {
    assert.equal(steady.chooseAnchor(items, null, 150).identity, 'a');
    assert.equal(steady.chooseAnchor(items, null, 400), null);
    assert.equal(steady.chooseAnchor([], { x: 0, y: 0 }, 0), null);
  });
});

describe('cardIdentity', () => {
  it('is the finding\'s key and occurrence, so a fresh analysis (new ids) keeps it', () => {
    const seen = new Map();
    assert.equal(steady.cardIdentity({ id: 'f1', key: 'PERSON:sandra', type: 'PERSON', text: 'Sandra' }, seen), 'PERSON:sandra#0');
    assert.equal(steady.cardIdentity({ id: 'f9', key: 'PERSON:sandra', type: 'PERSON', text: 'Sandra' }, seen), 'PERSON:sandra#1');
    assert.equal(steady.cardIdentity({ id: 'f2', type: 'AGE', text: '81' }, seen), 'AGE:81#0');
    assert.equal(steady.cardIdentity({ id: 'f12', key: 'PERSON:sandra', type: 'PERSON', text: 'Sandra' }, new Map()), 'PERSON:sandra#0');
  });
});

describe('trackPointer and contains', () => {
  it('follows the mouse and tells inside from outside (no pointer: outside)', () => {
    const box = { left: 10, top: 10, right: 110, bottom: 60 };
    steady.trackPointer({ type: 'mousemove', clientX: 50, clientY: 20 });
    assert.equal(steady.contains(box, steady.pointerPosition()), true);
    steady.trackPointer({ type: 'mousedown', clientX: 50, clientY: 70 });
    assert.deepEqual(steady.pointerPosition(), { x: 50, y: 70 });
    assert.equal(steady.contains(box, steady.pointerPosition()), false);
    assert.equal(steady.contains(box, null), false);
  });
});
