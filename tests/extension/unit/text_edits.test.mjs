// Keeping findings in step with edits: shift what follows an edit, drop what it touched.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diffTexts, shiftFindings, withOneSpace } from '../../../extension/src/content/text_edits.js';

const finding = (text, span, from = 0) => {
  const start = text.indexOf(span, from);
  return { start, end: start + span.length, span };
};

describe('diffTexts', () => {
  it('finds an insertion', () => {
    assert.deepEqual(diffTexts('My client Sandra', 'My new client Sandra'), { start: 3, oldEnd: 3, newEnd: 7 });
  });
  it('finds a deletion and a replacement', () => {
    assert.deepEqual(diffTexts('abcdef', 'abef'), { start: 2, oldEnd: 4, newEnd: 2 });
    assert.deepEqual(diffTexts('abcdef', 'abXYef'), { start: 2, oldEnd: 4, newEnd: 4 });
  });
  it('is null for equal texts', () => {
    assert.equal(diffTexts('same', 'same'), null);
  });
  it('never splits a surrogate pair', () => {
    const edit = diffTexts('a😀b', 'a😃b'); // same high surrogate, different low one
    assert.equal(edit.start, 1);
  });
});

describe('shiftFindings', () => {
  const before = 'My client Sandra lives in Whitby';
  const findings = [finding(before, 'Sandra'), finding(before, 'Whitby')];

  it('shifts findings after an edit and keeps those before it', () => {
    const after = 'My lovely client Sandra lives in Whitby';
    const shifted = shiftFindings(findings, diffTexts(before, after), after);
    assert.deepEqual(shifted.map((f) => after.slice(f.start, f.end)), ['Sandra', 'Whitby']);
  });

  it('drops a finding the edit overlaps', () => {
    const after = 'My client Sandy lives in Whitby';
    const shifted = shiftFindings(findings, diffTexts(before, after), after);
    assert.deepEqual(shifted.map((f) => f.span), ['Whitby']);
    assert.equal(after.slice(shifted[0].start, shifted[0].end), 'Whitby');
  });

  it('drops a finding a word character is typed against, keeps it for a space or punctuation', () => {
    const extended = 'My client Sandras lives in Whitby';
    assert.deepEqual(shiftFindings(findings, diffTexts(before, extended), extended).map((f) => f.span), ['Whitby']);
    const punctuated = 'My client Sandra, lives in Whitby';
    assert.deepEqual(shiftFindings(findings, diffTexts(before, punctuated), punctuated).map((f) => punctuated.slice(f.start, f.end)), ['Sandra', 'Whitby']);
  });
});

describe('withOneSpace', () => {
  const removeAt = (text, word) => {
    const start = text.indexOf(word);
    const [a, b] = withOneSpace(text, start, start + word.length);
    return text.slice(0, a) + text.slice(b);
  };

  it('takes the space before a removed word that punctuation follows', () => {
    assert.equal(removeAt('My client Sandra, 81, keeps falling.', 'Sandra'), 'My client, 81, keeps falling.');
  });

  it('takes the space after a word at the start, and the one before a word at the end', () => {
    assert.equal(removeAt('Sandra keeps falling', 'Sandra'), 'keeps falling');
    assert.equal(removeAt('She lives in Whitby', 'Whitby'), 'She lives in');
  });

  it('takes one of two spaces between words, never both', () => {
    assert.equal(removeAt('my client Sandra who', 'Sandra'), 'my client who');
  });
});
