// Keeps the findings view still under the user's pointer when it is drawn again. The view is
// rebuilt whenever a fix lands, an answer arrives or a notice changes, often while the user is
// already reaching for the next button: a rebuilt view scrolled back to its top, and a fixed
// finding's card vanishing pulled the cards below it up, so a click aimed at one button landed on
// the title (a lost fix) or on another card's button (the wrong fix). So, while the pointer is over
// the view, a new drawing keeps the old one's box (place and size), a card that is gone leaves an
// empty slot of its size, and the element nearest the pointer (a card, a slot, the action buttons)
// keeps its place on screen, the rest scrolling around it; once the pointer leaves, the view is
// drawn at its natural size again. When the pointer is elsewhere only the reading position (the
// first card in sight) is kept.

import { element } from './phiguard_root.js';

let pointer = null; // {x, y}: where the user's mouse last was, in viewport coordinates

/**
 * Follow the user's own mouse over the page (trusted events only: see page_ui.js install). Only
 * where it moved or pressed: a mouseout says nothing reliable about leaving (a browser sends one
 * without a relatedTarget when the node under a resting mouse is replaced), and a view held a
 * little longer, until the mouse next moves, costs nothing.
 */
export function trackPointer(event) {
  pointer = { x: event.clientX, y: event.clientY };
}

export function pointerPosition() {
  return pointer;
}

/** True when `point` is inside `rect` (a DOMRect-like box). */
export function contains(rect, point) {
  return !!point && point.x >= rect.left && point.x <= rect.right && point.y >= rect.top && point.y <= rect.bottom;
}

/**
 * The identity of a card across drawings, and across analyses (whose finding ids are new): the
 * finding's type and normalised text, and which occurrence of it this is.
 * @param {{key?: string, type: string, text: string}} finding
 * @param {Map<string, number>} seen  occurrences so far in this drawing
 */
export function cardIdentity(finding, seen) {
  const key = finding.key ?? `${finding.type}:${finding.text}`;
  const n = seen.get(key) ?? 0;
  seen.set(key, n + 1);
  return `${key}#${n}`;
}

/**
 * Where the slots of cards that are gone go in the new drawing: each right after what preceded it
 * before (a kept card or a slot placed just before it), those that led the list before the first
 * kept card. Nothing when no card is kept (there is nothing to hold still).
 * @param {string[]} before  identities in the old drawing, in order (slots included)
 * @param {string[]} after  identities in the new drawing
 * @returns {{identity: string, after?: string, before?: string}[]}  in the order to insert them
 */
export function planSlots(before, after) {
  const present = new Set(after);
  const firstKept = before.find((identity) => present.has(identity));
  if (!firstKept) return [];
  const plan = [];
  let previous = null;
  for (const identity of before) {
    if (!present.has(identity)) plan.push(previous ? { identity, after: previous } : { identity, before: firstKept });
    previous = identity;
  }
  return plan;
}

/**
 * The element to hold still: the one under the pointer, else the nearest to it (vertically),
 * else the first one in sight.
 * @param {{identity: string, top: number, height: number}[]} items
 * @param {{x: number, y: number} | null} point  the pointer, when it is over the view
 * @param {number} viewTop  the top of the view's visible box
 */
export function chooseAnchor(items, point, viewTop) {
  if (!items.length) return null;
  if (point) {
    const distance = (item) => (point.y < item.top ? item.top - point.y : point.y > item.top + item.height ? point.y - item.top - item.height : 0);
    return [...items].sort((a, b) => distance(a) - distance(b))[0];
  }
  return items.find((item) => item.top + item.height > viewTop) ?? null;
}

const ANCHORS = '[data-identity]';

/** What a drawing of the view looks like now, to draw the next one the same. */
export function captureLayout(view) {
  const box = view.getBoundingClientRect();
  const point = contains(box, pointer) ? pointer : null;
  const items = [...view.querySelectorAll(ANCHORS)].map((el) => {
    const rect = el.getBoundingClientRect();
    return { identity: el.dataset.identity, top: rect.top, height: rect.height };
  });
  return {
    held: !!point,
    scrolled: view.scrollTop > 0,
    box: { left: view.style.left, top: view.style.top, width: view.style.width, height: `${box.height}px` },
    items,
    anchor: chooseAnchor(items, point, box.top),
  };
}

function byIdentity(view) {
  return new Map([...view.querySelectorAll(ANCHORS)].map((el) => [el.dataset.identity, el]));
}

function slotElement(identity, height, text) {
  const slot = element('li', { className: 'slot', text, attrs: { 'data-identity': identity, 'aria-hidden': 'true' } });
  slot.style.height = `${height}px`;
  return slot;
}

function spacer(height) {
  const el = element('div', { className: 'steady-spacer', attrs: { 'aria-hidden': 'true' } });
  el.style.height = `${height}px`;
  return el;
}

/**
 * Draw `view` (just built and placed) like the drawing `layout` captured: see the top of this file.
 * @returns {boolean} whether it is held (it must be drawn again once the pointer leaves it)
 */
export function restoreLayout(view, layout, { slotText = '' } = {}) {
  if (layout.held) {
    Object.assign(view.style, { left: layout.box.left, top: layout.box.top, width: layout.box.width, height: layout.box.height, maxHeight: layout.box.height });
    const heights = new Map(layout.items.map((item) => [item.identity, item.height]));
    const found = byIdentity(view);
    const cardsOnly = layout.items.filter((item) => item.identity !== ACTIONS_IDENTITY);
    for (const step of planSlots(cardsOnly.map((item) => item.identity), [...found.keys()])) {
      const slot = slotElement(step.identity, heights.get(step.identity), slotText);
      const next = found.get(step.after ?? step.before);
      if (!next?.matches('li')) continue; // only beside another card of a list
      if (step.after) next.after(slot);
      else next.before(slot);
      found.set(step.identity, slot);
    }
  }
  // A view read from its top stays at its top.
  const anchor = (layout.held || layout.scrolled) && layout.anchor && byIdentity(view).get(layout.anchor.identity);
  if (!anchor) return layout.held;
  const shift = () => anchor.getBoundingClientRect().top - layout.anchor.top;
  view.scrollTop += shift();
  if (layout.held) {
    // Scrolling alone cannot hold it when what is above it shrank more than the view was scrolled
    // (room above) or what is below is too short to scroll that far (room below).
    const left = shift();
    if (left < -0.5) anchor.closest('.group, .actions')?.before(spacer(-left));
    else if (left > 0.5) view.append(spacer(left));
    view.scrollTop += shift();
  }
  return layout.held;
}

/** The identity of the view's row of action buttons ("Use the safe rewrite", "Fix all", "Rephrase post"). */
export const ACTIONS_IDENTITY = 'panel-actions';
