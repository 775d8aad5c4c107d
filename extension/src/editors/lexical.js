// Lexical (Facebook's composer and comment boxes): the root carries data-lexical-editor="true".
// Lexical owns its DOM and re-renders it from its EditorState, so PHI Guard never writes to it.
// Replace: select the span with a DOM Range (Lexical syncs its RangeSelection on selectionchange),
// then dispatch a synthetic paste; Lexical's PASTE_COMMAND handler inserts the plain text through
// its own update, which @lexical/history records as one undoable step.

import { flattenEditor, rangeForOffsets } from './text_leaves.js';
import { replaceByPaste } from './replace_text.js';

export default {
  id: 'lexical',
  paint: 'highlight',
  detect: (element) => element.matches('[data-lexical-editor="true"]'),
  getText: (element) => flattenEditor(element).text,
  flatten: flattenEditor,
  rangeFor: (element, start, end, flat) => rangeForOffsets(element, start, end, flat),
  replace: (element, start, end, text) => replaceByPaste(element, start, end, text),
};
