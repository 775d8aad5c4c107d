// Replacing text inside a rich editor so that the editor's own state and undo stack stay right.
//
// Measured in Chromium and Firefox ESR: selecting the span with a DOM Range and then dispatching a
// synthetic `paste` ClipboardEvent whose text is both in `clipboardData` (a DataTransfer, Chrome)
// and in Firefox's `{dataType: 'text/plain', data}` init updates the real state of Lexical,
// Draft.js and Quill in both browsers, and one Ctrl+Z restores the original.
// execCommand('insertText') breaks Draft.js undo in Chromium; setting textContent breaks Draft.js.
// Plain contenteditables and textareas have no model of their own: execCommand keeps the
// browser's native undo.

import { flattenEditor, rangeForOffsets } from './text_leaves.js';

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once the page has seen a `selectionchange` (editors sync their model from it), or after
 * a short time when the selection was already there.
 */
function selectionSettled(doc) {
  return new Promise((resolve) => {
    const done = () => {
      doc.removeEventListener('selectionchange', done);
      clearTimeout(timer);
      // Quill reads the new selection one timer tick after selectionchange.
      setTimeout(resolve, 5);
    };
    const timer = setTimeout(done, 120);
    doc.addEventListener('selectionchange', done);
  });
}

/** Focus the editor and select `range` in it, letting the editor learn the new selection. */
export async function selectRange(editorElement, range) {
  const doc = editorElement.ownerDocument;
  const selection = doc.getSelection();
  if (doc.activeElement !== editorElement && !editorElement.contains(doc.activeElement)) {
    editorElement.focus({ preventScroll: true });
    await selectionSettled(doc);
  }
  const settled = selectionSettled(doc);
  selection.removeAllRanges();
  selection.addRange(range);
  await settled;
}

/** A synthetic paste carrying `text` as plain text, readable in Chrome and Firefox alike. */
export function createPasteEvent(text) {
  let clipboardData = null;
  try {
    clipboardData = new DataTransfer();
    clipboardData.setData('text/plain', text);
  } catch {
    clipboardData = null;
  }
  return new ClipboardEvent('paste', {
    bubbles: true,
    cancelable: true,
    composed: true,
    clipboardData,
    dataType: 'text/plain', // Firefox's own init members: it ignores clipboardData in the constructor
    data: text,
  });
}

/**
 * Widen a deletion so it can be done as a paste (Draft.js ignores an empty paste) and so it does
 * not leave two spaces behind: "with Sandra, in" less "Sandra" pastes " " over " Sandra".
 * @returns {{start: number, end: number, text: string}}
 */
export function pasteableEdit(current, start, end, replacement) {
  if (replacement !== '') return { start, end, text: replacement };
  if (start > 0 && /\s/.test(current[start - 1]) && (end === current.length || /[\s,.;:!?)]/.test(current[end]))) {
    start -= 1; // take the space before the deleted span with it
    if (start > 0 && current[start - 1] === ',' && current[end] === ',') start -= 1; // "Sandra, 81, keeps"
  } else if (start === 0 && /\s/.test(current[end] ?? '')) {
    end += 1; // a deleted first word takes its space
  }
  // Re-paste one neighbouring character (both UTF-16 units of a surrogate pair).
  if (start > 0) {
    const width = start > 1 && /[\uDC00-\uDFFF]/.test(current[start - 1]) && /[\uD800-\uDBFF]/.test(current[start - 2]) ? 2 : 1;
    return { start: start - width, end, text: current.slice(start - width, start) };
  }
  if (end < current.length) {
    const width = /[\uD800-\uDBFF]/.test(current[end]) && end + 1 < current.length ? 2 : 1;
    return { start, end: end + width, text: current.slice(end, end + width) };
  }
  return { start, end, text: '' };
}

/** The text after replacing [start, end) of `current` by `replacement`. */
export function expectedText(current, start, end, replacement) {
  return current.slice(0, start) + replacement + current.slice(end);
}

/**
 * Whether the editor's text reads as `wanted`. A non-breaking space reads as a space: a
 * contenteditable keeps one where a pasted run ends in a space.
 */
export function readsAs(actual, wanted) {
  const plain = (text) => text.replace(/\u00a0/g, ' ');
  return plain(actual) === plain(wanted);
}

/** Whether `holds()` comes true within about 100 ms: editors re-render an edit a tick or a timer later. */
async function soon(holds) {
  for (let i = 0; i < 10; i += 1) {
    if (holds()) return true;
    await wait(i < 3 ? 0 : 10);
  }
  return holds();
}

const textChanged = (getText, before) => soon(() => getText() !== before);
const textReads = (getText, wanted) => soon(() => readsAs(getText(), wanted));

/**
 * Replace [start, end) of the editor's flattened text by pasting.
 * @returns {Promise<boolean>} whether the editor's text changed
 */
export async function replaceByPaste(editorElement, start, end, replacement, getText = () => flattenEditor(editorElement).text) {
  const before = getText();
  const edit = pasteableEdit(before, start, end, replacement);
  const range = rangeForOffsets(editorElement, edit.start, edit.end);
  if (!range) return false;
  await selectRange(editorElement, range);
  const target = editorElement.ownerDocument.getSelection().anchorNode?.parentElement?.closest('[contenteditable]') ?? editorElement;
  target.dispatchEvent(createPasteEvent(edit.text));
  if (await textChanged(getText, before)) return true;
  // The editor did not take the paste: let the browser edit the DOM (native undo still works).
  return replaceByExecCommand(editorElement, start, end, replacement, getText, { selected: edit });
}

/**
 * Replace [start, end) with the browser's editing commands: native undo, no editor model involved.
 * @returns {Promise<boolean>}
 */
export async function replaceByExecCommand(editorElement, start, end, replacement, getText = () => flattenEditor(editorElement).text, { selected = null } = {}) {
  const before = getText();
  if (!selected || selected.start !== start || selected.end !== end) {
    const range = rangeForOffsets(editorElement, start, end);
    if (!range) return false;
    await selectRange(editorElement, range);
  }
  const doc = editorElement.ownerDocument;
  const done = replacement === '' ? doc.execCommand('delete', false) : doc.execCommand('insertText', false, replacement);
  // The browser edits the DOM under an editor that has a model of its own (the fallback after a
  // paste it did not take): it may re-render, or take a late paste too ("locallylocally" in Draft.js
  // on Firefox). Only the exact text counts as done, so a garbled one is never reported as fixed.
  return done && (await textChanged(getText, before)) && (await textReads(getText, expectedText(before, start, end, replacement)));
}
