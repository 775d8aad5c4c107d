// Painting findings without touching the editor's DOM.
// - CSS Custom Highlight API: live DOM Ranges registered in CSS.highlights under one name per
//   severity (phiguard-low|medium|high), styled by ::highlight() in content.css, with colours
//   computed for the editor's own background (one rule per background, keyed by the editor's
//   data-phiguard-palette attribute, in one <style id="phiguard-highlight-colours">).
// - Overlay fallback (no CSS.highlights, or a textarea): thin boxes in <phiguard-root> under each
//   client rect of the span, repositioned on scroll and resize, coloured the same way.
// Underlines are straight, never wavy, and have no tinted background; low findings (story
// particulars) are thin and dotted so a long post is not a wall of red.
// Colour by category (issue 11): a ::highlight() rule styles every range of one name alike, so a
// range's colour can only come from the name it is registered under. The severity names stay (the
// documented hooks: every underlined range is in exactly one of them); each range is also
// registered under its category's name (CATEGORY_HIGHLIGHT_NAMES), whose higher priority paints
// its underline over the severity one at the same offset and weight. Those names do not start with
// "phiguard-", so code that collects the severity highlights' ranges sees each range once.

import { element } from './phiguard_root.js';
import { browserApi } from '../browser_api.js';
import { underlineColours, categoryColours, toHex } from './page_colours.js';
import { UNDERLINE_GROUPS, underlineGroupOf } from './finding_labels.js';

export const PALETTE_STYLE_ID = 'phiguard-highlight-colours';
const UNDERLINE_STYLES = {
  high: 'solid; text-decoration-thickness: 2px',
  medium: 'solid; text-decoration-thickness: 2px',
  low: 'dotted; text-decoration-thickness: 1px',
};

/** The underline's weight for a severity: low findings thin and dotted, others solid. */
const weightOf = (severity) => (severity === 'low' ? 'low' : 'strong');
const WEIGHT_STYLES = { strong: UNDERLINE_STYLES.high, low: UNDERLINE_STYLES.low };

/** The category highlight for a group and weight, e.g. "cat-phiguard-identifier" or "cat-phiguard-topic-low". */
export function categoryHighlightName(group, weight) {
  return `cat-phiguard-${group}${weight === 'low' ? '-low' : ''}`;
}

export const CATEGORY_HIGHLIGHT_NAMES = Object.freeze(Object.fromEntries(UNDERLINE_GROUPS.map((group) => [group, { strong: categoryHighlightName(group, 'strong'), low: categoryHighlightName(group, 'low') }])));

/**
 * Colour `editorElement`'s underlines for its background: returns the colours
 * ({low, medium, high, categories: {identifier, detail, topic, story}}) and makes sure the page has
 * the ::highlight rules for them.
 * @param {{r: number, g: number, b: number}} background  opaque
 */
export function usePalette(editorElement, background) {
  const key = toHex(background).slice(1);
  const severities = underlineColours(background);
  const categories = categoryColours(background);
  if (editorElement.getAttribute('data-phiguard-palette') !== key) editorElement.setAttribute('data-phiguard-palette', key);
  let style = document.getElementById(PALETTE_STYLE_ID);
  if (!style) {
    style = document.createElement('style');
    style.id = PALETTE_STYLE_ID;
    (document.head ?? document.documentElement).append(style);
  }
  if (!style.textContent.includes(`"${key}"`)) {
    const scope = `[data-phiguard-palette="${key}"]`;
    const rule = (name, colour, decoration) => `${scope}::highlight(${name}), ${scope} ::highlight(${name}) { text-decoration: underline ${colour}; text-decoration-style: ${decoration}; text-underline-offset: 3px; background-color: transparent; }`;
    const rules = Object.entries(severities).map(([severity, colour]) => rule(HIGHLIGHT_NAMES[severity], colour, UNDERLINE_STYLES[severity]));
    for (const [group, colour] of Object.entries(categories)) {
      for (const weight of ['strong', 'low']) rules.push(rule(CATEGORY_HIGHLIGHT_NAMES[group][weight], colour, WEIGHT_STYLES[weight]));
    }
    style.append(document.createTextNode(`${rules.join('\n')}\n`));
  }
  return { ...severities, categories };
}

export const HIGHLIGHT_NAMES = Object.freeze({ low: 'phiguard-low', medium: 'phiguard-medium', high: 'phiguard-high' });

export function highlightsSupported() {
  try {
    return typeof CSS !== 'undefined' && !!CSS.highlights && typeof Highlight === 'function';
  } catch {
    return false;
  }
}

/**
 * Whether the browser draws the text-decoration of ::highlight() rules. Firefox ESR 140 registers
 * the ranges and computes the rules' style but paints no underline (a screenshot shows only the
 * background under the word: underline_colour_scenarios.mjs), so there the ranges stay registered
 * (the hooks) and the overlay draws what the reader sees. Asked of the extension's own URL, which a
 * page cannot fake.
 */
export function highlightsPaintUnderlines() {
  try {
    return !browserApi.runtime.getURL('').startsWith('moz-extension:');
  } catch {
    return true;
  }
}

/** Both painters at once: the highlight one keeps the ranges registered, the overlay one draws. */
export function combinePainters(registry, drawing) {
  return {
    kind: 'highlight+overlay',
    paint(items) {
      registry.paint(items);
      drawing.paint(items);
    },
    reposition() {
      drawing.reposition();
    },
    clear() {
      registry.clear();
      drawing.clear();
    },
  };
}

/** Paints one editor's ranges into the page-wide highlight registry. */
export function createHighlightPainter() {
  let painted = []; // [{name, range}]
  function highlightFor(name, priority = 0) {
    let highlight = CSS.highlights.get(name);
    if (!highlight) {
      highlight = new Highlight();
      highlight.priority = priority; // category names paint over the severity ones
      CSS.highlights.set(name, highlight);
    }
    return highlight;
  }
  return {
    kind: 'highlight',
    /** @param {{range: Range, severity: string, finding?: {type: string}}[]} items */
    paint(items) {
      this.clear();
      for (const { range, severity, finding } of items) {
        const name = HIGHLIGHT_NAMES[severity] ?? HIGHLIGHT_NAMES.medium;
        highlightFor(name).add(range);
        painted.push({ name, range });
        const category = CATEGORY_HIGHLIGHT_NAMES[underlineGroupOf(finding?.type)][weightOf(severity)];
        highlightFor(category, 1).add(range);
        painted.push({ name: category, range });
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
    for (const { range, severity, finding } of items) {
      const group = underlineGroupOf(finding?.type);
      for (const rect of range.getClientRects()) {
        if (rect.width < 1 || rect.bottom < clip.top || rect.top > clip.bottom || rect.right < clip.left || rect.left > clip.right) continue;
        const box = element('div', { className: `underline ${severity}`, attrs: { 'data-category': group } });
        const colour = colours()?.categories?.[group] ?? colours()?.[severity];
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
