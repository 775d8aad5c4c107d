// Painting findings without touching the editor's DOM.
// - CSS Custom Highlight API: live DOM Ranges registered in CSS.highlights under one name per
//   severity (phiguard-low|medium|high), styled by ::highlight() in content.css, with colours
//   computed for the editor's own background (one rule per background, keyed by the editor's
//   data-phiguard-palette attribute, in one <style id="phiguard-highlight-colours">).
// - Overlay fallback (no CSS.highlights, or a textarea): thin boxes in <phiguard-root> under each
//   client rect of the span, repositioned on scroll and resize, coloured the same way.
// Underlines are straight, never wavy, and have no tinted background; low findings (story
// particulars) are thin and dotted so a long post is not a wall of red.

import { element } from './phiguard_root.js';
import { underlineColours, toHex } from './page_colours.js';

export const PALETTE_STYLE_ID = 'phiguard-highlight-colours';
const UNDERLINE_STYLES = {
  high: 'solid; text-decoration-thickness: 2px',
  medium: 'solid; text-decoration-thickness: 2px',
  low: 'dotted; text-decoration-thickness: 1px',
};

/**
 * Colour `editorElement`'s underlines for its background: returns the colours
 * ({low, medium, high}) and makes sure the page has the ::highlight rules for them.
 * @param {{r: number, g: number, b: number}} background  opaque
 */
export function usePalette(editorElement, background) {
  const key = toHex(background).slice(1);
  const colours = underlineColours(background);
  if (editorElement.getAttribute('data-phiguard-palette') !== key) editorElement.setAttribute('data-phiguard-palette', key);
  let style = document.getElementById(PALETTE_STYLE_ID);
  if (!style) {
    style = document.createElement('style');
    style.id = PALETTE_STYLE_ID;
    (document.head ?? document.documentElement).append(style);
  }
  if (!style.textContent.includes(`"${key}"`)) {
    const rules = Object.entries(colours).map(([severity, colour]) => {
      const scope = `[data-phiguard-palette="${key}"]`;
      return `${scope}::highlight(${HIGHLIGHT_NAMES[severity]}), ${scope} ::highlight(${HIGHLIGHT_NAMES[severity]}) { text-decoration: underline ${colour}; text-decoration-style: ${UNDERLINE_STYLES[severity]}; text-underline-offset: 3px; background-color: transparent; }`;
    });
    style.append(document.createTextNode(`${rules.join('\n')}\n`));
  }
  return colours;
}

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
export function createOverlayPainter(layer, clipRect, colours = () => null) {
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
        const colour = colours()?.[severity];
        if (colour) box.style.borderColor = colour;
        box.style.left = `${Math.max(rect.left, clip.left)}px`;
        box.style.top = `${rect.bottom}px`; // just under the line box: never over the glyphs
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

/**
 * The outline round the text of the finding the keyboard is on (its card focused): drawn in
 * PHI Guard's layer round each client rect, never in the editor.
 */
export function createSpanMarker(layer) {
  let boxes = [];
  return {
    /** @param {DOMRect[]} rects  the span's client rects; none clears it */
    mark(rects = []) {
      for (const box of boxes) box.remove();
      boxes = [];
      for (const rect of rects) {
        if (rect.width < 1) continue;
        const box = element('div', { className: 'span-marker', attrs: { 'aria-hidden': 'true' } });
        box.style.left = `${rect.left - 2}px`;
        box.style.top = `${rect.top - 1}px`;
        box.style.width = `${rect.width + 4}px`;
        box.style.height = `${rect.height + 2}px`;
        layer.append(box);
        boxes.push(box);
      }
    },
    clear() {
      this.mark([]);
    },
  };
}
