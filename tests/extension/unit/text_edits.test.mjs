// Keeping findings in step with edits: shift what follows an edit, drop what it touched.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diffTexts, shiftFindings, withOneSpace, typedWordEnd, combineFixes } from '../../../extension/src/content/text_edits.js';

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

describe('typedWordEnd', () => {
  const typed = (before, after) => typedWordEnd(diffTexts(before, after), after);

  it('is true when a space, punctuation or a line break is typed', () => {
    assert.equal(typed('in Whitby', 'in Whitby.'), true);
    assert.equal(typed('in Whitby.', 'in Whitby. '), true);
    assert.equal(typed('in Whitby', 'in Whitby\n'), true);
  });

  it('is false inside a word, for a deletion, and for a replacement', () => {
    assert.equal(typed('in Whit', 'in Whitb'), false);
    assert.equal(typed('in Whitby.', 'in Whitby'), false);
    assert.equal(typed('in Whitby', 'in York.'), false);
    assert.equal(typedWordEnd(null, 'same'), false);
  });
});

describe('combineFixes', () => {
  const POST = 'My client Sandra, 81, keeps falling in Whitby. Grab rails?';
  const fixOf = (text, word, replacement) => {
    const start = text.indexOf(word);
    return { start, end: start + word.length, replacement };
  };
  const applied = (text, edit) => text.slice(0, edit.start) + edit.replacement + text.slice(edit.end);

  it('makes every fix in one replacement of the smallest range that covers them', () => {
    const edit = combineFixes(POST, [fixOf(POST, 'Whitby', 'a small town'), fixOf(POST, '81', 'in her 80s'), fixOf(POST, 'Sandra', 'someone')]);
    assert.equal(edit.result, 'My client someone, in her 80s, keeps falling in a small town. Grab rails?');
    assert.equal(applied(POST, edit), edit.result);
    assert.equal(edit.applied, 3);
    // Nothing outside the first and last fix is replaced.
    assert.equal(POST.slice(0, edit.start), 'My client ');
    assert.equal(POST.slice(edit.end), '. Grab rails?');
  });

  it('gives the same text as the fixes made one after the other', () => {
    const one = fixOf(POST, 'Sandra', 'someone');
    let sequential = POST.slice(0, one.start) + one.replacement + POST.slice(one.end);
    const two = fixOf(sequential, 'Whitby', 'a small town');
    sequential = sequential.slice(0, two.start) + two.replacement + sequential.slice(two.end);
    assert.equal(combineFixes(POST, [fixOf(POST, 'Sandra', 'someone'), fixOf(POST, 'Whitby', 'a small town')]).result, sequential);
  });

  it('leaves one comma where two details of a list are removed', () => {
    const text = 'My client Sandra, 81, keeps falling';
    const removal = (word) => {
      const start = text.indexOf(word);
      const [a, b] = withOneSpace(text, start, start + word.length);
      return { start: a, end: b, replacement: '' };
    };
    assert.equal(combineFixes(text, [removal('Sandra'), removal('81')]).result, 'My client, keeps falling');
    assert.equal(combineFixes(text, [fixOf(text, 'My client', 'Someone'), removal('Sandra'), removal('81')]).result, 'Someone, keeps falling');
    // A replacement keeps its commas.
    assert.equal(combineFixes(text, [removal('Sandra'), fixOf(text, '81', 'in her 80s')]).result, 'My client, in her 80s, keeps falling');
  });

  it('leaves out a fix that overlaps one before it', () => {
    const edit = combineFixes(POST, [fixOf(POST, 'My client Sandra', 'Someone'), fixOf(POST, 'Sandra', 'someone')]);
    assert.equal(edit.result, 'Someone, 81, keeps falling in Whitby. Grab rails?');
    assert.equal(edit.applied, 1);
  });

  it('never replaces with nothing: a deletion takes a neighbouring character and puts it back', () => {
    const text = 'Hi 😀 Sandra';
    const start = text.indexOf(' Sandra');
    const edit = combineFixes(text, [{ start, end: text.length, replacement: '' }]);
    assert.equal(edit.result, 'Hi 😀');
    assert.equal(edit.replacement, '😀', 'both UTF-16 units of the emoji');
    assert.equal(applied(text, edit), 'Hi 😀');
    const first = combineFixes('Sandra keeps', [{ start: 0, end: 7, replacement: '' }]);
    assert.deepEqual([first.start, first.end, first.replacement], [0, 8, 'k']);
  });

  it('is null when nothing changes', () => {
    assert.equal(combineFixes(POST, [fixOf(POST, 'Sandra', 'Sandra')]), null);
    assert.equal(combineFixes(POST, []), null);
  });
});
