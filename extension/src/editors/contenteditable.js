// Any other contenteditable (LinkedIn messages, plain rich-text boxes). With no editor model
// behind the DOM, the browser's own editing commands are right: select the span, then
// execCommand('insertText') (native undo); a paste event if the page handles its own editing.

import { flattenEditor, rangeForOffsets } from './text_leaves.js';
import { replaceByExecCommand, replaceByPaste } from './replace_text.js';

export default {
  id: 'contenteditable',
  paint: 'highlight',
  detect: (element) => element.isContentEditable,
  getText: (element) => flattenEditor(element).text,
  flatten: flattenEditor,
  rangeFor: (element, start, end, flat) => rangeForOffsets(element, start, end, flat),
  async replace(element, start, end, text) {
    if (await replaceByExecCommand(element, start, end, text)) return true;
    return replaceByPaste(element, start, end, text);
  },
};
