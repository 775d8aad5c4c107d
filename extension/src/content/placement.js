// Where PHI Guard's own boxes go, as plain rectangle arithmetic (no DOM): the badge beside the
// compose box's text, never on it; a card clear of the text it is about and of the site's send
// button; the findings view in the free space beside, below or above the composer. Rects are
// {left, top, right, bottom} in viewport pixels.

const MARGIN = 8;

export function rect(left, top, width, height) {
  return { left, top, right: left + width, bottom: top + height, width, height };
}

/** Do a and b overlap (by more than `gap` pixels' tolerance: touching edges do not count)? */
export function intersects(a, b, gap = 0) {
  return a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap;
}

function overlapArea(a, b) {
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

function inside(r, viewport) {
  return r.left >= 0 && r.top >= 0 && r.right <= viewport.width && r.bottom <= viewport.height;
}

/** The smallest rect holding every rect given (null for none). */
export function union(rects) {
  const list = rects.filter(Boolean);
  if (!list.length) return null;
  const left = Math.min(...list.map((r) => r.left));
  const top = Math.min(...list.map((r) => r.top));
  const right = Math.max(...list.map((r) => r.right));
  const bottom = Math.max(...list.map((r) => r.bottom));
  return { left, top, right, bottom, width: right - left, height: bottom - top };
}

/**
 * The first candidate inside the viewport that meets no obstacle; else the one that covers the
 * least of them (something must be shown).
 * @param {{left: number, top: number, width: number, height: number}[]} candidates
 */
export function firstClear(candidates, obstacles, viewport, gap = 2) {
  const rects = candidates.map((c) => rect(c.left, c.top, c.width, c.height));
  const clear = rects.find((r) => inside(r, viewport) && !obstacles.some((o) => intersects(r, o, gap)));
  if (clear) return clear;
  const cost = (r) => obstacles.reduce((sum, o) => sum + overlapArea(r, o), 0) + (inside(r, viewport) ? 0 : 1e7);
  return rects.reduce((best, r) => (cost(r) < cost(best) ? r : best), rects[0]);
}

/**
 * The badge (width × height) at a corner of the compose box: in its padding when no text is
 * there, else just outside it; never over the text or the send button.
 * @param box  the compose box's rect; textRects: its text's client rects; avoid: the send button etc.
 */
export function placeBadge({ width, height }, box, textRects, avoid, viewport) {
  const inset = 4;
  const candidates = [
    { left: box.right - width - inset, top: box.bottom - height - inset }, // bottom-right, in the padding
    { left: box.right - width - inset, top: box.top + inset }, // top-right, in the padding
    { left: box.right + inset, top: box.bottom - height }, // outside, right of the bottom corner
    { left: box.right + inset, top: box.top }, // outside, right of the top corner
    { left: box.right - width, top: box.bottom + inset }, // below, right-aligned
    { left: box.left, top: box.bottom + inset }, // below, left-aligned
    { left: box.right - width, top: box.top - height - inset }, // above, right-aligned
    { left: box.left, top: box.top - height - inset }, // above, left-aligned
  ].map((c) => ({ ...c, width, height }));
  return firstClear(candidates, [...textRects, ...avoid], viewport);
}

/**
 * A finding's card (width × height) next to the finding, clear of its text (`spanRects`) and the
 * send button: below the span, else above, else beside the compose box.
 */
export function placeCard({ width, height }, spanRects, box, avoid, viewport) {
  const span = union(spanRects) ?? box;
  const clampX = (x) => Math.max(MARGIN, Math.min(x, viewport.width - width - MARGIN));
  const xs = [clampX(span.left), clampX(span.right - width), clampX(box.right + MARGIN), clampX(box.left - width - MARGIN)];
  const candidates = [];
  for (const left of xs) candidates.push({ left, top: span.bottom + 6 }, { left, top: span.top - height - 6 });
  candidates.push({ left: box.right + MARGIN, top: Math.max(MARGIN, span.top) }, { left: box.left - width - MARGIN, top: Math.max(MARGIN, span.top) });
  candidates.push({ left: clampX(span.left), top: viewport.height - height - MARGIN }, { left: clampX(span.left), top: MARGIN });
  return firstClear(candidates.map((c) => ({ ...c, width, height })), [...spanRects, ...avoid], viewport);
}

/**
 * The findings view: a popover in the free space right of, below, left of or above the composer
 * (its box and text, and the send button), as tall as that space allows. Returns its rect and
 * the height it may take (it scrolls inside).
 * @param {{width: number, height: number}} size  the view's natural size
 * @param keepOut  the rects it must not cover (the composer's text, box and send button)
 */
export function placePanel({ width, height }, keepOut, viewport, { minHeight = 140 } = {}) {
  const k = union(keepOut) ?? rect(viewport.width / 2, viewport.height / 2, 0, 0);
  const w = Math.min(width, viewport.width - 2 * MARGIN);
  const regions = [
    { left: k.right + MARGIN, top: MARGIN, right: viewport.width - MARGIN, bottom: viewport.height - MARGIN, align: 'beside' },
    { left: MARGIN, top: k.bottom + MARGIN, right: viewport.width - MARGIN, bottom: viewport.height - MARGIN, align: 'below' },
    { left: MARGIN, top: MARGIN, right: k.left - MARGIN, bottom: viewport.height - MARGIN, align: 'beside' },
    { left: MARGIN, top: MARGIN, right: viewport.width - MARGIN, bottom: k.top - MARGIN, align: 'above' },
  ];
  const fits = (r) => r.right - r.left >= w && r.bottom - r.top >= Math.min(height, minHeight);
  const region = regions.find(fits)
    ?? regions.filter((r) => r.right - r.left >= w).sort((a, b) => (b.bottom - b.top) - (a.bottom - a.top))[0]
    ?? regions[1];
  const maxHeight = Math.max(0, Math.min(height, region.bottom - region.top));
  let left;
  let top;
  if (region.align === 'beside') {
    left = region.left === MARGIN ? region.right - w : region.left;
    top = Math.max(region.top, Math.min(k.top, region.bottom - maxHeight));
  } else {
    left = Math.max(region.left, Math.min(k.right - w, region.right - w));
    top = region.align === 'below' ? region.top : region.bottom - maxHeight;
  }
  return { ...rect(left, top, w, maxHeight), maxHeight };
}
