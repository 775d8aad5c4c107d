// Which editor drives a compose box: the most specific marker wins.

import lexical from './lexical.js';
import draft from './draft.js';
import quill from './quill.js';
import textarea from './textarea.js';
import contenteditable from './contenteditable.js';

export const EDITORS = Object.freeze([lexical, draft, quill, textarea, contenteditable]);

/** @returns the editor module for `element`, or null when it is not an editable text box. */
export function detectEditor(element) {
  for (const editor of EDITORS) {
    try {
      if (editor.detect(element)) return editor;
    } catch {
      // A detect() that fails on an odd element just does not match.
    }
  }
  return null;
}
