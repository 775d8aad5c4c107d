// WCAG 2.x contrast measured in the page from computed styles: every visible text against the
// background it is painted on (ancestors' backgrounds composited), and form controls' borders.
// measureContrast is handed to page.evaluate(), so it is self-contained.

/** @returns {{texts: Array<{what, text, fg, bg, ratio}>, controls: Array<{what, border, bg, ratio}>, unparsed: string[]}} */
export function measureContrast() {
  const unparsed = [];
  const parse = (value) => {
    const m = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(value);
    if (!m) {
      unparsed.push(value);
      return null;
    }
    return { r: +m[1], g: +m[2], b: +m[3], a: m[4] === undefined ? 1 : +m[4] };
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  const channel = (c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const luminance = (c) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
  };
  const hex = (c) => `#${[c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
  // The colour an element is painted on: its own and its ancestors' backgrounds, top one last.
  const backgroundOf = (element) => {
    const layers = [];
    for (let el = element; el; el = el.parentElement) {
      const colour = parse(getComputedStyle(el).backgroundColor);
      if (colour && colour.a > 0) layers.push(colour);
      if (colour && colour.a === 1) break;
    }
    const canvas = parse(getComputedStyle(document.documentElement).backgroundColor);
    let result = canvas && canvas.a === 1 ? canvas : { r: 255, g: 255, b: 255, a: 1 };
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  };
  const visible = (el) => {
    const style = getComputedStyle(el);
    return el.getClientRects().length > 0 && style.visibility === 'visible' && !el.closest('[hidden]');
  };
  const describe = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''}`;
  const texts = [];
  const controls = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || seen.has(el) || !visible(el) || el.closest('option, script, style')) continue;
    seen.add(el);
    // Inactive controls are exempt from WCAG 1.4.3; the text beside them is not.
    if (el.closest(':disabled')) continue;
    const bg = backgroundOf(el);
    const fg = parse(getComputedStyle(el).color);
    if (!fg) continue;
    const painted = over(fg, bg);
    texts.push({ what: describe(el), text: node.textContent.trim().slice(0, 40), fg: hex(painted), bg: hex(bg), ratio: ratio(painted, bg) });
  }
  for (const el of document.querySelectorAll('input:not([type="checkbox"]), select, button, input[type="checkbox"]')) {
    if (!visible(el) || el.disabled) continue;
    const style = getComputedStyle(el);
    const bg = backgroundOf(el.parentElement);
    if (el.matches('input:not([type="checkbox"]), select')) {
      const fg = parse(style.color);
      const own = backgroundOf(el);
      if (fg) texts.push({ what: describe(el), text: '(value)', fg: hex(fg), bg: hex(own), ratio: ratio(over(fg, own), own) });
      const placeholder = el.placeholder ? parse(getComputedStyle(el, '::placeholder').color) : null;
      if (placeholder) texts.push({ what: `${describe(el)}::placeholder`, text: el.placeholder, fg: hex(over(placeholder, own)), bg: hex(own), ratio: ratio(over(placeholder, own), own) });
    }
    if (el.type === 'checkbox') {
      const accent = style.accentColor === 'auto' ? null : parse(style.accentColor); // auto: the browser's own
      if (accent) controls.push({ what: describe(el), border: hex(accent), bg: hex(bg), ratio: ratio(accent, bg) });
      continue;
    }
    const border = parse(style.borderTopColor);
    if (border) controls.push({ what: describe(el), border: hex(over(border, bg)), bg: hex(bg), ratio: ratio(over(border, bg), bg) });
  }
  for (const dot of document.querySelectorAll('.status .dot')) {
    if (!visible(dot)) continue;
    const fill = parse(getComputedStyle(dot).backgroundColor);
    const bg = backgroundOf(dot.parentElement);
    if (fill) controls.push({ what: `${describe(dot)} (status ${dot.parentElement.dataset.state})`, border: hex(fill), bg: hex(bg), ratio: ratio(fill, bg) });
  }
  return { texts, controls, unparsed };
}

/** One line per value below its minimum, for an assertion message. */
export function contrastFailures({ texts, controls }, { text = 4.5, nonText = 3 } = {}) {
  return [
    ...texts.filter((t) => t.ratio < text).map((t) => `text ${t.what} "${t.text}": ${t.fg} on ${t.bg} = ${t.ratio}:1 < ${text}:1`),
    ...controls.filter((c) => c.ratio < nonText).map((c) => `control ${c.what}: ${c.border} on ${c.bg} = ${c.ratio}:1 < ${nonText}:1`),
  ];
}
