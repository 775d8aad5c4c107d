// Offset mapping: flattening an editor's DOM into text the way the editor's own plain-text API
// does, and mapping UTF-16 offsets back to DOM Ranges. Runs against jsdom, with the DOM shapes
// Lexical, Draft.js, Quill and browsers' plain contenteditables render.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { flattenEditor, rangeForOffsets, offsetForPoint } from '../../../extension/src/editors/text_leaves.js';

function editor(html) {
  const { document } = new JSDOM('<!doctype html><body></body>').window;
  const root = document.createElement('div');
  root.setAttribute('contenteditable', 'true');
  root.innerHTML = html;
  document.body.append(root);
  return root;
}

/** Every span of every finding-like substring maps to a Range with exactly that text. */
function assertRangesMatch(root, text, spans) {
  for (const span of spans) {
    const start = text.indexOf(span);
    assert.ok(start >= 0, `${span} in ${JSON.stringify(text)}`);
    const range = rangeForOffsets(root, start, start + span.length);
    assert.ok(range, `range for ${span}`);
    assert.equal(range.toString(), span);
  }
}

const CASES = [
  {
    name: 'Lexical plain text: one paragraph, <br> line breaks, trailing placeholder <br>',
    html: '<p dir="ltr"><span data-lexical-text="true">Hi 😀 all</span><br><br><span data-lexical-text="true">My client Sandra</span><br><br></p>',
    text: 'Hi 😀 all\n\nMy client Sandra\n',
    spans: ['😀', 'all', 'Sandra', 'My client'],
  },
  {
    name: 'Lexical rich text: one <p> per paragraph, empty paragraph as <p><br></p>',
    html: '<p><span data-lexical-text="true">First</span></p><p><br></p><p><span data-lexical-text="true">Sandra, </span><strong data-lexical-text="true">81</strong></p>',
    text: 'First\n\nSandra, 81',
    spans: ['First', 'Sandra', '81', 'Sandra, 81'],
  },
  {
    name: 'Draft.js: nested block divs, data-text leaves, empty block with <br data-text>',
    html: [
      '<div data-contents="true">',
      '<div data-block="true" data-editor="e" data-offset-key="a-0-0"><div data-offset-key="a-0-0" class="public-DraftStyleDefault-block public-DraftStyleDefault-ltr"><span data-offset-key="a-0-0"><span data-text="true">Hi 👋🏽 team</span></span></div></div>',
      '<div data-block="true" data-editor="e" data-offset-key="b-0-0"><div data-offset-key="b-0-0" class="public-DraftStyleDefault-block"><span data-offset-key="b-0-0"><br data-text="true"></span></div></div>',
      '<div data-block="true" data-editor="e" data-offset-key="c-0-0"><div data-offset-key="c-0-0" class="public-DraftStyleDefault-block"><span data-offset-key="c-0-0"><span data-text="true">My client </span></span><span data-offset-key="c-0-1" style="font-weight:bold"><span data-text="true">Sandra</span></span></div></div>',
      '</div>',
    ].join(''),
    text: 'Hi 👋🏽 team\n\nMy client Sandra',
    spans: ['👋🏽', 'team', 'client Sandra', 'Sandra'],
  },
  {
    name: 'Quill: one <p> per line, <p><br></p> for an empty line',
    html: '<p>Line one 🙂</p><p><br></p><p>My client <strong>Sandra</strong>, 81</p><p><br></p>',
    text: 'Line one 🙂\n\nMy client Sandra, 81\n',
    spans: ['🙂', 'Sandra', '81', 'client Sandra'],
  },
  {
    name: 'Chrome plain contenteditable: text then <div> lines',
    html: 'Hi team<div><br></div><div>My client Sandra</div><div>lives in Whitby<br></div>',
    text: 'Hi team\n\nMy client Sandra\nlives in Whitby',
    spans: ['team', 'Sandra', 'Whitby'],
  },
  {
    name: 'Firefox-style <br> separated lines with inline formatting',
    html: 'a<b>b</b>c<br>d<i>e</i><br><br>f',
    text: 'abc\nde\n\nf',
    spans: ['abc', 'de', 'f'],
  },
  {
    name: 'empty editor',
    html: '<p><br></p>',
    text: '',
    spans: [],
  },
];

describe('flattenEditor', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const root = editor(c.html);
      assert.equal(flattenEditor(root).text, c.text);
    });
  }
});

describe('rangeForOffsets', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const root = editor(c.html);
      assertRangesMatch(root, c.text, c.spans);
    });
  }

  it('counts astral characters (emoji) as two UTF-16 code units', () => {
    const root = editor('<p>😀😀 Sandra</p>');
    const { text } = flattenEditor(root);
    assert.equal(text.indexOf('Sandra'), 5);
    assert.equal(rangeForOffsets(root, 5, 11).toString(), 'Sandra');
  });

  it('covers the whole text, across blocks', () => {
    const root = editor('<p>one</p><p>two</p><p>three</p>');
    const range = rangeForOffsets(root, 0, 'one\ntwo\nthree'.length);
    assert.equal(range.startContainer.nodeValue, 'one');
    assert.equal(range.endContainer.nodeValue, 'three');
    assert.equal(range.endOffset, 5);
  });

  it('spans a <br>: the range runs from one line into the next', () => {
    const root = editor('ab<br>cd');
    const range = rangeForOffsets(root, 1, 4); // "b\nc"
    assert.equal(range.toString(), 'bc'); // Range.toString() has no text for <br>
    assert.equal(range.startContainer.nodeValue, 'ab');
    assert.equal(range.endContainer.nodeValue, 'cd');
  });

  it('rejects offsets outside the text', () => {
    const root = editor('<p>abc</p>');
    assert.equal(rangeForOffsets(root, 2, 9), null);
    assert.equal(rangeForOffsets(root, -1, 2), null);
  });
});

describe('offsetForPoint', () => {
  it('maps a caret in a text node back to its offset', () => {
    const root = editor('<p>Hi 😀</p><p>My client Sandra</p>');
    const sandra = root.querySelectorAll('p')[1].firstChild;
    assert.equal(offsetForPoint(root, sandra, 10), 'Hi 😀\nMy client '.length);
  });

  it('maps a point between elements to the next leaf', () => {
    const root = editor('<p>one</p><p>two</p>');
    assert.equal(offsetForPoint(root, root, 1), 'one\n'.length);
  });
});
