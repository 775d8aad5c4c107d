// How a deletion becomes a paste (Draft.js ignores an empty paste) without leaving double spaces, and
// how an edit the editor garbled is never reported as done.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pasteableEdit, expectedText, readsAs, replaceByExecCommand } from '../../../extension/src/editors/replace_text.js';

function apply(text, edit) {
  return expectedText(text, edit.start, edit.end, edit.text);
}

describe('pasteableEdit', () => {
  const text = 'My client Sandra, 81, keeps falling';

  it('passes a non-empty replacement through', () => {
    assert.deepEqual(pasteableEdit(text, 10, 16, 'someone'), { start: 10, end: 16, text: 'someone' });
  });

  it('deletes a word with the space before it, by re-pasting a neighbouring character', () => {
    const edit = pasteableEdit(text, 10, 16, '');
    assert.notEqual(edit.text, '');
    assert.equal(apply(text, edit), 'My client, 81, keeps falling');
  });

  it('deletes a parenthetical age with its commas', () => {
    assert.equal(apply(text, pasteableEdit(text, 18, 20, '')), 'My client Sandra, keeps falling');
  });

  it('deletes a first word with the space after it', () => {
    assert.equal(apply(text, pasteableEdit(text, 0, 2, '')), 'client Sandra, 81, keeps falling');
  });

  it('keeps surrogate pairs whole', () => {
    const emoji = 'a 😀Sandra';
    const edit = pasteableEdit(emoji, 4, 10, '');
    assert.equal(edit.text, '😀');
    assert.equal(apply(emoji, edit), 'a 😀');
  });

  it('falls back to an empty paste only when the whole text goes', () => {
    assert.deepEqual(pasteableEdit('Sandra', 0, 6, ''), { start: 0, end: 6, text: '' });
  });
});

describe('the browser-command fallback', () => {
  const before = 'We met in Leeds today';
  // A stand-in editor: the document's execCommand leaves `after` as the editor's text.
  function editorLeaving(after) {
    const state = { text: before };
    const element = { ownerDocument: { execCommand: () => { state.text = after; return true; } } };
    return { element, getText: () => state.text };
  }

  it('is done when the editor reads exactly the offered text', async () => {
    const { element, getText } = editorLeaving('We met locally today');
    assert.equal(await replaceByExecCommand(element, 7, 15, 'locally', getText, { selected: { start: 7, end: 15 } }), true);
  });

  it('is not done when the editor took the text twice (a late paste as well)', async () => {
    const { element, getText } = editorLeaving('We met locallylocally today');
    assert.equal(await replaceByExecCommand(element, 7, 15, 'locally', getText, { selected: { start: 7, end: 15 } }), false);
  });

  it('is not done when nothing changed', async () => {
    const { element, getText } = editorLeaving(before);
    assert.equal(await replaceByExecCommand(element, 7, 15, 'locally', getText, { selected: { start: 7, end: 15 } }), false);
  });
});

describe('readsAs', () => {
  it('reads a non-breaking space as a space', () => {
    assert.equal(readsAs('met\u00a0locally', 'met locally'), true);
  });

  it('tells other text apart', () => {
    assert.equal(readsAs('met locallylocally', 'met locally'), false);
  });
});
