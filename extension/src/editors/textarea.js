// <textarea> (and text <input>): its value is the text. It cannot hold a DOM Range, so it is
// painted through a mirror element (../content/textarea_mirror.js). Replace: select with
// setSelectionRange, then execCommand('insertText'), which keeps the browser's undo and fires the
// input events frameworks (React) listen to; setRangeText plus an input event if that fails.

export default {
  id: 'textarea',
  paint: 'mirror',
  detect: (element) => element instanceof HTMLTextAreaElement || (element instanceof HTMLInputElement && element.type === 'text'),
  getText: (element) => element.value,
  flatten: (element) => ({ text: element.value, leaves: [] }),
  rangeFor: () => null,
  async replace(element, start, end, text) {
    const before = element.value;
    const expected = before.slice(0, start) + text + before.slice(end);
    element.focus({ preventScroll: true });
    element.setSelectionRange(start, end);
    const doc = element.ownerDocument;
    try {
      if (text === '') doc.execCommand('delete', false);
      else doc.execCommand('insertText', false, text);
    } catch {
      // fall through to setRangeText
    }
    if (element.value === expected) return true;
    if (element.value !== before) return true;
    element.setRangeText(text, start, end, 'end');
    element.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: text }));
    return element.value !== before;
  },
};
