// Painting findings without touching the editor's DOM.
// - CSS Custom Highlight API: live DOM Ranges registered in CSS.highlights under one name per
//   severity (phiguard-low|medium|high), styled by ::highlight() in content.css.
// - Overlay fallback (no CSS.highlights, or a textarea): thin boxes in <phiguard-root> under each
//   client rect of the span, repositioned on scroll and resize.

import { element } from './phiguard_root.js';

export const HIGHLIGHT_NAMES = Object.freeze({ low: 'phiguard-low', medium: 'phiguard-medium', high: 'phiguard-high' });

export function highlightsSupported() {
  try {
    return typeof CSS !== 'undefined' && !!CSS.highlights && typeof Highlight === 'function';
  } catch {
    return false;
  }
}

/** Paints one editor's ranges into the page-wide highlight registry. */
export function createHighlightPainter() {
  let painted = []; // [{name, range}]
  function highlightFor(name) {
    let highlight = CSS.highlights.get(name);
    if (!highlight) {
      highlight = new Highlight();
      CSS.highlights.set(name, highlight);
    }
    return highlight;
  }
  return {
    kind: 'highlight',
    /** @param {{range: Range, severity: string}[]} items */
    paint(items) {
      this.clear();
      for (const { range, severity } of items) {
        const name = HIGHLIGHT_NAMES[severity] ?? HIGHLIGHT_NAMES.medium;
        highlightFor(name).add(range);
        painted.push({ name, range });
      }
    },
    reposition() {},
    clear() {
      for (const { name, range } of painted) CSS.highlights.get(name)?.delete(range);
      painted = [];
    },
  };
}

/**
 * Paints underline boxes in our own layer.
 * @param {HTMLElement} layer  the shadow root's layer
 * @param {() => DOMRect | null} clipRect  the editor's box: underlines outside it are hidden
 */
export function createOverlayPainter(layer, clipRect) {
  let items = [];
  let boxes = [];
  function draw() {
    for (const box of boxes) box.remove();
    boxes = [];
    const clip = clipRect();
    if (!clip) return;
    for (const { range, severity } of items) {
      for (const rect of range.getClientRects()) {
        if (rect.width < 1 || rect.bottom < clip.top || rect.top > clip.bottom || rect.right < clip.left || rect.left > clip.right) continue;
        const box = element('div', { className: `underline ${severity}` });
        box.style.left = `${Math.max(rect.left, clip.left)}px`;
        box.style.top = `${rect.bottom - 1}px`;
        box.style.width = `${Math.min(rect.right, clip.right) - Math.max(rect.left, clip.left)}px`;
        layer.append(box);
        boxes.push(box);
      }
    }
  }
  return {
    kind: 'overlay',
    paint(newItems) {
      items = newItems;
      draw();
    },
    reposition: draw,
    clear() {
      items = [];
      draw();
    },
  };
}
