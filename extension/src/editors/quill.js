// Quill (LinkedIn's post and comment boxes): the contenteditable is .ql-editor, one <p> per line.
// quill.getText() is our text plus the trailing "\n" Quill always keeps. Replace: select with a DOM
// Range, then paste: Quill's clipboard module reads text/plain from the event and applies a Delta
// through its history module, so Ctrl+Z undoes it in one step. Quill's history merges changes
// made within `delay` (1 s by default) of each other, so a fix waits until the user's last
// keystroke is that old: otherwise one Ctrl+Z would undo the fix and the typing before it.

import { flattenEditor, rangeForOffsets } from './text_leaves.js';
import { replaceByPaste } from './replace_text.js';

export default {
  id: 'quill',
  paint: 'highlight',
  undoGroupMs: 1000,
  detect: (element) => element.matches('.ql-editor[contenteditable="true"]'),
  getText: (element) => flattenEditor(element).text,
  flatten: flattenEditor,
  rangeFor: (element, start, end, flat) => rangeForOffsets(element, start, end, flat),
  replace: (element, start, end, text) => replaceByPaste(element, start, end, text),
};
