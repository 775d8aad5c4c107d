// A textarea cannot hold DOM Ranges, so PHI Guard measures its text in a mirror: a hidden <div> in
// <phiguard-root> laid over the textarea with the textarea's computed text styles, holding the
// same text in one text node. Ranges in the mirror give the client rects to underline.

import { element } from './phiguard_root.js';

const COPIED_STYLES = [
  'boxSizing', 'width', 'height', 'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft',
  'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth', 'borderStyle',
  'fontFamily', 'fontSize', 'fontWeight', 'fontStyle', 'fontVariant', 'fontStretch', 'letterSpacing',
  'wordSpacing', 'lineHeight', 'textTransform', 'textIndent', 'textAlign', 'tabSize', 'direction',
];

export function createTextareaMirror(textarea, layer) {
  const mirror = element('div', { className: 'mirror', attrs: { 'aria-hidden': 'true' } });
  const textNode = document.createTextNode('');
  mirror.append(textNode);
  layer.append(mirror);

  function sync(text) {
    const style = window.getComputedStyle(textarea);
    for (const property of COPIED_STYLES) mirror.style[property] = style[property];
    mirror.style.borderColor = 'transparent';
    mirror.style.whiteSpace = textarea instanceof HTMLTextAreaElement ? 'pre-wrap' : 'pre';
    const rect = textarea.getBoundingClientRect();
    mirror.style.left = `${rect.left}px`;
    mirror.style.top = `${rect.top}px`;
    mirror.style.width = `${rect.width}px`;
    mirror.style.height = `${rect.height}px`;
    // A trailing newline needs a character after it to take up a line, as in the textarea.
    const value = text ?? textarea.value;
    if (textNode.nodeValue !== `${value} `) textNode.nodeValue = `${value} `;
    mirror.scrollTop = textarea.scrollTop;
    mirror.scrollLeft = textarea.scrollLeft;
  }

  return {
    sync,
    rangeFor(start, end) {
      if (end > textNode.nodeValue.length) return null;
      const range = document.createRange();
      range.setStart(textNode, start);
      range.setEnd(textNode, end);
      return range;
    },
    dispose() {
      mirror.remove();
    },
  };
}
