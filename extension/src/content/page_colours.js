// Colours from the page, not the OS: the editor's actual background (the first non-transparent
// background up its ancestors) decides whether cards are light or dark, and each underline colour
// is pushed until it has at least 3:1 contrast against that background (WCAG 1.4.11, non-text
// marks). The contrast maths is pure (WCAG 2 relative luminance), so it is unit-tested.

/** '#rgb', '#rrggbb', 'rgb(r, g, b)', 'rgba(r, g, b, a)' or 'rgb(r g b / a)' → {r, g, b, a} (0–255, a 0–1), or null. */
export function parseColour(text) {
  const value = String(text).trim().toLowerCase();
  let m = /^#([0-9a-f]{3})$/.exec(value);
  if (m) return { r: parseInt(m[1][0].repeat(2), 16), g: parseInt(m[1][1].repeat(2), 16), b: parseInt(m[1][2].repeat(2), 16), a: 1 };
  m = /^#([0-9a-f]{6})$/.exec(value);
  if (m) return { r: parseInt(m[1].slice(0, 2), 16), g: parseInt(m[1].slice(2, 4), 16), b: parseInt(m[1].slice(4, 6), 16), a: 1 };
  m = /^rgba?\(([^)]*)\)$/.exec(value);
  if (!m) return null;
  const parts = m[1].split(/[\s,/]+/).filter(Boolean);
  if (parts.length < 3) return null;
  const channel = (p) => (p.endsWith('%') ? (parseFloat(p) * 255) / 100 : parseFloat(p));
  const alpha = parts[3] === undefined ? 1 : parts[3].endsWith('%') ? parseFloat(parts[3]) / 100 : parseFloat(parts[3]);
  const colour = { r: channel(parts[0]), g: channel(parts[1]), b: channel(parts[2]), a: alpha };
  return Object.values(colour).some(Number.isNaN) ? null : colour;
}

export function toHex({ r, g, b }) {
  return `#${[r, g, b].map((c) => Math.round(Math.max(0, Math.min(255, c))).toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG 2 relative luminance of an opaque colour. */
export function luminance({ r, g, b }) {
  const linear = (c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2 contrast ratio of two opaque colours (1–21). */
export function contrastRatio(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** `top` (possibly translucent) painted over the opaque `bottom`. */
export function composite(top, bottom) {
  const a = top.a ?? 1;
  return { r: top.r * a + bottom.r * (1 - a), g: top.g * a + bottom.g * (1 - a), b: top.b * a + bottom.b * (1 - a), a: 1 };
}

function mix(a, b, t) {
  return { r: a.r + (b.r - a.r) * t, g: a.g + (b.g - a.g) * t, b: a.b + (b.b - a.b) * t, a: 1 };
}

const BLACK = { r: 0, g: 0, b: 0, a: 1 };
const WHITE = { r: 255, g: 255, b: 255, a: 1 };

/** Dark backgrounds (luminance below the point where white and black text contrast equally). */
export function isDark(background) {
  return luminance(background) < 0.179;
}

/**
 * `colour`, mixed toward black (on a light background) or white (on a dark one) by the least
 * amount that gives at least `ratio` against `background`.
 */
export function ensureContrast(colour, background, ratio) {
  if (contrastRatio(colour, background) >= ratio) return { ...colour, a: 1 };
  const target = isDark(background) ? WHITE : BLACK;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 20; i += 1) {
    const mid = (lo + hi) / 2;
    if (contrastRatio(mix(colour, target, mid), background) >= ratio) hi = mid;
    else lo = mid;
  }
  return mix(colour, target, hi);
}

// Starting hues per severity, for light and dark pages; ensureContrast settles the exact colour.
const UNDERLINE_HUES = {
  light: { high: '#c4231c', medium: '#a15c00', low: '#5e6a78' },
  dark: { high: '#ff8a80', medium: '#f2c14e', low: '#a3adba' },
};

// Starting hues per finding category (finding_labels.js underlineGroupOf): the colour a reader sees.
const CATEGORY_HUES = {
  light: { identifier: '#c4231c', detail: '#a15c00', topic: '#1d63b8', story: '#7b3fb5' },
  dark: { identifier: '#ff8a80', detail: '#f2c14e', topic: '#7cb7ff', story: '#d0a8ff' },
};

// What PHI Guard's cards and findings view are painted on, per theme (ui_styles.js uses these).
export const PANEL_BACKGROUNDS = Object.freeze({ light: '#ffffff', dark: '#1c2128' });

/** The background of PHI Guard's cards on a page whose editor is drawn on `background`. */
export function panelBackground(background) {
  return parseColour(PANEL_BACKGROUNDS[isDark(background) ? 'dark' : 'light']);
}

function settle(hues, ...backgrounds) {
  // Aim a little above 3:1 so that rounding to whole hex channels cannot drop below it. Each
  // further background only pushes the colour further the same way (both are light, or both
  // dark), so it keeps its contrast with the ones before.
  const settled = (hex) => backgrounds.reduce((colour, background) => ensureContrast(colour, background, 3.05), parseColour(hex));
  return Object.fromEntries(Object.entries(hues).map(([name, hex]) => [name, toHex(settled(hex))]));
}

/** The underline colours (hex) per severity for an opaque background: at least 3:1 each. */
export function underlineColours(background) {
  return settle(UNDERLINE_HUES[isDark(background) ? 'dark' : 'light'], background);
}

/**
 * The colours (hex) per category group (identifier, detail, topic, story): of the underlines and of
 * the cards' swatches and edges, so at least 3:1 against the editor's background and against the
 * cards' own.
 */
export function categoryColours(background) {
  return settle(CATEGORY_HUES[isDark(background) ? 'dark' : 'light'], background, panelBackground(background));
}

/**
 * The background the editor's text is drawn on: its own, or the first non-transparent one up its
 * ancestors (translucent ones composited), white when there is none (the browser's canvas).
 */
export function effectiveBackground(el) {
  const layers = [];
  for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
    const colour = parseColour(getComputedStyle(node).backgroundColor);
    if (colour && colour.a > 0) {
      layers.push(colour);
      if (colour.a >= 1) break;
    }
  }
  let result = WHITE;
  if (layers.length && layers[layers.length - 1].a >= 1) result = { ...layers.pop() };
  for (const layer of layers.reverse()) result = composite(layer, result);
  return result;
}
