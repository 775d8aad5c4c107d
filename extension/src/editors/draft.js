// Draft.js (X's post, reply and message composers): the contenteditable is
// .public-DraftEditor-content; each block is div[data-block] holding span[data-text] leaves.
// Replace: select with a DOM Range (React's onSelect tells Draft on selectionchange), then paste.
// Draft's editOnPaste pushes an 'insert-fragment' EditorState, a single undo step. Draft ignores
// an empty paste, so deletions re-paste a neighbouring character (see replace_text.js).
// Never execCommand('insertText') (breaks Draft's undo in Chromium) nor textContent (Draft
// loses track of its DOM).

import { flattenEditor, rangeForOffsets } from './text_leaves.js';
import { replaceByPaste } from './replace_text.js';

export default {
  id: 'draft',
  paint: 'highlight',
  detect: (element) => element.matches('.public-DraftEditor-content[contenteditable="true"]'),
  getText: (element) => flattenEditor(element).text,
  flatten: flattenEditor,
  rangeFor: (element, start, end, flat) => rangeForOffsets(element, start, end, flat),
  replace: (element, start, end, text) => replaceByPaste(element, start, end, text),
};
