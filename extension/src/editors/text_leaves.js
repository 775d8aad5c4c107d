// Flatten a contenteditable editor into text leaves, and map UTF-16 offsets in its text back to
// DOM positions. The text is what the editor's own plain-text API returns: text nodes as they
// are, each <br> one "\n", each boundary between blocks (paragraphs, Draft.js blocks, Quill lines)
// one "\n". A <br> that ends a block is the browser's placeholder for an empty or trailing line
// and counts nothing. Offsets are UTF-16 code units end to end, like String.prototype.length.

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR',
  'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TH',
  'THEAD', 'TR', 'UL',
]);
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'IMG', 'svg', 'SVG']);

/**
 * @typedef {{kind: 'text'|'br'|'sep', node: Node, start: number, end: number}} Leaf
 *   'text': a text node; 'br': a counted <br>; 'sep': the "\n" between two blocks, anchored at
 *   the block element that follows it.
 * @returns {{text: string, leaves: Leaf[]}}
 */
export function flattenEditor(root) {
  const leaves = [];
  const parts = [];
  let length = 0;
  let hasLine = false; // some line, possibly empty, has been emitted
  let needSeparator = false; // a block boundary lies between the last line and what comes next
  let pendingBr = null; // a <br> that counts only if more content follows in its block
  let emitted = 0; // count of emitted lines and contents, to tell empty blocks

  function push(kind, node, text) {
    leaves.push({ kind, node, start: length, end: length + text.length });
    parts.push(text);
    length += text.length;
  }

  function beforeContent(anchor) {
    if (pendingBr) {
      push('br', pendingBr, '\n');
      pendingBr = null;
    } else if (needSeparator && hasLine) {
      push('sep', anchor, '\n');
    }
    needSeparator = false;
    hasLine = true;
    emitted += 1;
  }

  function walk(parent, blockAnchor) {
    for (let node = parent.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 3) {
        const value = node.nodeValue;
        if (!value) continue;
        beforeContent(blockAnchor ?? node);
        blockAnchor = null;
        push('text', node, value);
      } else if (node.nodeType === 1) {
        const tag = node.tagName;
        if (SKIPPED_TAGS.has(tag)) continue;
        if (tag === 'BR') {
          if (pendingBr) beforeContent(node);
          else if (needSeparator && hasLine) beforeContent(blockAnchor ?? node);
          else {
            hasLine = true;
            emitted += 1;
          }
          blockAnchor = null;
          pendingBr = node;
        } else if (BLOCK_TAGS.has(tag)) {
          pendingBr = null; // a <br> right before a block ends its line: placeholder
          if (hasLine) needSeparator = true;
          const before = emitted;
          walk(node, node);
          pendingBr = null; // a <br> that ends a block is a placeholder
          if (emitted === before) {
            // An empty block is an empty line.
            if (needSeparator && hasLine) push('sep', node, '\n');
            hasLine = true;
            emitted += 1;
          }
          needSeparator = true;
          blockAnchor = null;
        } else {
          walk(node, blockAnchor);
          blockAnchor = null;
        }
      }
    }
  }

  walk(root, null);
  return { text: parts.join(''), leaves };
}

function textLeafAt(leaves, offset, atEnd) {
  for (const leaf of leaves) {
    if (leaf.kind !== 'text') continue;
    if (atEnd ? leaf.start < offset && offset <= leaf.end : leaf.start <= offset && offset < leaf.end) return leaf;
  }
  return null;
}

function setBoundary(range, which, leaves, offset, root) {
  const atEnd = which === 'end';
  const leaf = textLeafAt(leaves, offset, atEnd);
  const set = atEnd ? range.setEnd.bind(range) : range.setStart.bind(range);
  if (leaf) {
    set(leaf.node, offset - leaf.start);
    return;
  }
  // The offset falls on a "\n" (a <br> or a block boundary) or at an end of the text.
  const next = leaves.find((l) => l.start >= offset);
  if (next) {
    if (next.kind === 'text') set(next.node, 0);
    else if (next.kind === 'br') (atEnd ? range.setEndBefore : range.setStartBefore).call(range, next.node);
    else if (atEnd) {
      const previous = [...leaves].reverse().find((l) => l.end <= offset && l.kind === 'text');
      if (previous) set(previous.node, previous.node.nodeValue.length);
      else range.setEndBefore(next.node);
    } else {
      const firstText = leaves.find((l) => l.start >= offset && l.kind === 'text');
      if (firstText) set(firstText.node, 0);
      else range.setStartBefore(next.node);
    }
    return;
  }
  const lastText = [...leaves].reverse().find((l) => l.kind === 'text');
  if (lastText) set(lastText.node, lastText.node.nodeValue.length);
  else set(root, root.childNodes.length);
}

/**
 * A DOM Range covering [start, end) of the flattened text, or null when out of bounds.
 * @param {{text: string, leaves: Leaf[]}} [flat]  reuse a flattening done for the same DOM
 */
export function rangeForOffsets(root, start, end, flat = flattenEditor(root)) {
  if (!(start >= 0 && end >= start && end <= flat.text.length)) return null;
  const range = root.ownerDocument.createRange();
  setBoundary(range, 'start', flat.leaves, start, root);
  setBoundary(range, 'end', flat.leaves, end, root);
  if (range.collapsed && end > start) return null;
  return range;
}

/** The offset in the flattened text of a DOM point (node, offset) inside root, or -1. */
export function offsetForPoint(root, node, offset, flat = flattenEditor(root)) {
  for (const leaf of flat.leaves) {
    if (leaf.kind === 'text' && leaf.node === node) return leaf.start + Math.min(offset, leaf.end - leaf.start);
  }
  if (!root.contains(node)) return -1;
  // A point between elements: the offset of the first leaf after it.
  const probe = root.ownerDocument.createRange();
  probe.setStart(node, offset);
  for (const leaf of flat.leaves) {
    // A separator is anchored at the block after it: a point there is after the "\n".
    if (probe.comparePoint(leaf.node, 0) >= 0) return leaf.kind === 'sep' ? leaf.end : leaf.start;
  }
  return flat.text.length;
}
