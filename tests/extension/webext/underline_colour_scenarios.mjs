// Issue 11, "straight underlines coloured by category": on a light and a dark fixture page of every
// editor, each underlined span is drawn in its category's colour (Sandra: identifier; 81 and
// Whitby: detail; …), the categories' colours differ, and each has at least 3:1 against the
// editor's computed background; each card of the findings view shows the same colour as its
// underline (edge and swatch, beside the category's name), and so does each group's legend. The severity highlights (phiguard-low|medium|high) still hold every
// underlined range exactly once.

import assert from 'node:assert/strict';
import { readFile, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, before, after } from 'node:test';
import { PHI_POST } from './editor_fixtures.mjs';
import { openFixture, waitForServerRisk } from './scenarios.mjs';
import { contrastRatio, parseColour } from './contrast_in_test.mjs';

const EXPECTED_GROUPS = { Sandra: 'identifier', 81: 'detail', Whitby: 'detail', 'My client': 'story' };

// ---- functions evaluated in the page (self-contained) ------------------------------------

/** What each underlined span is drawn in: [{text, group, colour, style, severity}], and the background. */
function pageUnderlineColours(selector) {
  const editor = document.querySelector(selector);
  const shadow = document.querySelector('phiguard-root').shadowRoot;
  let background = 'rgb(255, 255, 255)';
  for (let el = editor; el; el = el.parentElement) {
    const colour = getComputedStyle(el).backgroundColor;
    if (colour !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(colour)) {
      background = colour;
      break;
    }
  }
  const spans = [];
  const severityCount = {};
  if (editor instanceof HTMLTextAreaElement) {
    const mirrorText = shadow.querySelector('.mirror')?.textContent ?? '';
    for (const el of shadow.querySelectorAll('.underline')) {
      spans.push({ text: null, box: el.getBoundingClientRect().toJSON(), group: el.dataset.category, colour: getComputedStyle(el).borderBottomColor, severity: [...el.classList].find((c) => c !== 'underline') });
    }
    return { background, spans, severityCount, mirrorText, textarea: true };
  }
  const key = editor.getAttribute('data-phiguard-palette');
  const rules = {};
  for (const rule of document.getElementById('phiguard-highlight-colours')?.sheet?.cssRules ?? []) {
    const m = /::highlight\(([\w-]+)\)/.exec(rule.selectorText ?? '');
    if (m && rule.selectorText.includes(`"${key}"`)) rules[m[1]] = { colour: rule.style.textDecorationColor, style: rule.style.textDecorationStyle };
  }
  for (const [name, highlight] of CSS.highlights) {
    const severity = /^phiguard-(low|medium|high)$/.exec(name)?.[1];
    if (severity) for (const range of highlight) severityCount[range.toString()] = (severityCount[range.toString()] ?? 0) + 1;
    const group = /^cat-phiguard-(identifier|detail|topic|story)(-low)?$/.exec(name);
    if (!group) continue;
    for (const range of highlight) spans.push({ text: range.toString(), group: group[1], colour: rules[name]?.colour ?? null, style: rules[name]?.style ?? null, priority: highlight.priority });
  }
  return { background, spans, severityCount, textarea: false };
}

/** The client rect of `word` in the textarea's mirror (the overlay underlines are drawn under it). */
function pageMirrorWordRect(word) {
  const text = document.querySelector('phiguard-root').shadowRoot.querySelector('.mirror')?.firstChild;
  const at = text?.nodeValue.indexOf(word) ?? -1;
  if (at < 0) return null;
  const range = document.createRange();
  range.setStart(text, at);
  range.setEnd(text, at + word.length);
  return range.getClientRects()[0]?.toJSON() ?? null;
}

/**
 * The colours actually painted just under each word's underlined range, read back from a
 * screenshot (`png`, base64): what the reader sees, whichever highlight the browser paints on top.
 */
async function pagePaintedUnder({ png, words }) {
  const image = new Image();
  image.src = `data:image/png;base64,${png}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const scale = image.width / window.innerWidth;
  const painted = {};
  for (const word of words) {
    let rect = null;
    for (const [name, highlight] of CSS.highlights) {
      if (name.startsWith('phiguard-')) for (const range of highlight) if (range.toString() === word) rect = range.getClientRects()[0];
    }
    if (!rect) continue;
    const colours = [];
    for (let y = rect.bottom - 2; y <= rect.bottom + 8; y += 0.5) {
      for (const x of [rect.left + rect.width * 0.3, rect.left + rect.width * 0.5, rect.left + rect.width * 0.7]) {
        const [r, g, b] = context.getImageData(Math.round(x * scale), Math.round(y * scale), 1, 1).data;
        colours.push([r, g, b]);
      }
    }
    painted[word] = colours;
  }
  return painted;
}

async function assertPaintedInCategoryColours(page, measured) {
  const dir = await mkdtemp(join(tmpdir(), 'phiguard-underlines-'));
  const path = join(dir, 'page.png');
  try {
    await page.screenshot(path);
    const png = (await readFile(path)).toString('base64');
    const painted = await page.evaluate(pagePaintedUnder, { png, words: Object.keys(EXPECTED_GROUPS) });
    for (const [word, group] of Object.entries(EXPECTED_GROUPS)) {
      const want = parseColour(measured.spans.find((s) => s.text === word).colour);
      const near = (painted[word] ?? []).some(([r, g, b]) => Math.max(Math.abs(r - want.r), Math.abs(g - want.g), Math.abs(b - want.b)) <= 24);
      assert.ok(near, `“${word}” is painted in the ${group} colour ${measured.spans.find((s) => s.text === word).colour}: saw ${JSON.stringify([...new Set((painted[word] ?? []).map((c) => c.join(',')))])}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Each card of the findings view and each group's legend: category, edge and swatch colours, label and its colours. */
function pageCardColours() {
  const panel = document.querySelector('phiguard-root').shadowRoot.querySelector('.panel');
  const tag = (el) => {
    const name = el.querySelector('.category-name');
    return { category: el.dataset.category, swatch: getComputedStyle(el.querySelector('.swatch')).backgroundColor, label: name.textContent, labelColour: getComputedStyle(name).color };
  };
  return {
    cards: [...panel.querySelectorAll('.card')].map((card) => ({
      excerpt: card.querySelector('.excerpt').textContent.slice(1, -1),
      category: card.dataset.category,
      edge: getComputedStyle(card).borderLeftColor,
      edgeWidth: parseFloat(getComputedStyle(card).borderLeftWidth),
      background: getComputedStyle(card).backgroundColor,
      tag: tag(card.querySelector('h3 .category')),
    })),
    groups: [...panel.querySelectorAll('.group')].map((group) => ({
      cards: [...group.querySelectorAll('.card')].map((card) => card.dataset.category),
      legend: [...group.querySelectorAll('.group-categories .category')].map(tag),
    })),
  };
}

const sameColour = (a, b) => {
  const [x, y] = [parseColour(a), parseColour(b)];
  return !!x && !!y && x.r === y.r && x.g === y.g && x.b === y.b;
};

/**
 * The findings view shows each card's category in the colour of its underline: the card's left
 * edge and a swatch beside the category's name, on every card and in each sentence group's legend.
 * The swatch has at least 3:1 against the card, the name 4.5:1.
 */
async function assertCardsInUnderlineColours(page, underlineColour) {
  await page.clickHandle(() => document.querySelector('phiguard-root')?.shadowRoot?.querySelector('[data-phiguard-badge]'), undefined, 'PHI Guard badge');
  await page.waitFor(() => !!document.querySelector('phiguard-root')?.shadowRoot?.querySelector('.panel .card'), undefined, { message: 'findings view' });
  const view = await page.evaluate(pageCardColours);
  assert.ok(view.cards.length >= 3, `cards to measure: ${JSON.stringify(view.cards)}`);
  for (const [word, group] of Object.entries(EXPECTED_GROUPS)) {
    assert.equal(view.cards.find((c) => c.excerpt === word)?.category, group, `the card of “${word}” is a ${group} card, as its underline`);
  }
  for (const card of view.cards) {
    const want = underlineColour[card.category];
    assert.ok(want, `“${card.excerpt}” (${card.category}) is underlined: ${JSON.stringify(underlineColour)}`);
    assert.ok(sameColour(card.edge, want), `the card of “${card.excerpt}” has its underline's colour on its edge: ${card.edge}, underline ${want}`);
    assert.ok(card.edgeWidth >= 3, `a visible edge (${card.edgeWidth} px)`);
    assert.ok(sameColour(card.tag.swatch, want), `the swatch of “${card.excerpt}” is its underline's colour: ${card.tag.swatch}, underline ${want}`);
    assert.equal(card.tag.category, card.category);
    assert.ok(card.tag.label.trim(), `the card of “${card.excerpt}” names its category`);
    const background = parseColour(card.background);
    const swatch = contrastRatio(parseColour(card.tag.swatch), background);
    assert.ok(swatch >= 3, `the ${card.category} swatch ${card.tag.swatch} on the card ${card.background}: ${swatch.toFixed(2)}:1 (at least 3:1)`);
    const label = contrastRatio(parseColour(card.tag.labelColour), background);
    assert.ok(label >= 4.5, `“${card.tag.label}” ${card.tag.labelColour} on ${card.background}: ${label.toFixed(2)}:1 (at least 4.5:1)`);
  }
  const labels = new Map(view.cards.map((c) => [c.category, c.tag.label]));
  assert.ok(view.groups.length >= 1, 'sentence groups');
  for (const group of view.groups) {
    assert.deepEqual(group.legend.map((t) => t.category).sort(), [...new Set(group.cards)].sort(), 'each group names the categories of its cards');
    for (const tag of group.legend) {
      assert.ok(sameColour(tag.swatch, underlineColour[tag.category]), `the ${tag.category} swatch of a group heading is its underline's colour: ${tag.swatch}`);
      assert.equal(tag.label, labels.get(tag.category), 'the same name as on its cards');
    }
  }
}

// ---- scenario ----------------------------------------------------------------------------

export async function coloursUnderlinesByCategory(page, fixture, { dark }) {
  await page.type(PHI_POST);
  await waitForServerRisk(page, fixture, 'high', 'risk high, from the server');
  // Underlines are drawn a frame after the answer.
  await page.waitFor(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)))), undefined, { message: 'a frame' });
  const measured = await page.evaluate(pageUnderlineColours, fixture.editor);
  const background = parseColour(measured.background);
  assert.ok(background, `the editor's background: ${measured.background}`);
  assert.equal(background.r + background.g + background.b < 3 * 128, dark, `the fixture page is ${dark ? 'dark' : 'light'}: ${measured.background}`);
  assert.ok(measured.spans.length >= 3, `underlines measured: ${JSON.stringify(measured.spans)}`);

  if (measured.textarea) {
    // The overlay's underline boxes: the one under each word is in that word's category colour.
    for (const [word, group] of Object.entries(EXPECTED_GROUPS)) {
      const rect = await page.evaluate(pageMirrorWordRect, word);
      assert.ok(rect, `“${word}” is in the mirror`);
      const under = measured.spans.find((s) => s.box.left <= rect.left + rect.width / 2 && s.box.right >= rect.left + rect.width / 2 && Math.abs(s.box.top - rect.bottom) < 6);
      assert.ok(under, `an underline under “${word}”: ${JSON.stringify(measured.spans.map((s) => s.box))}`);
      assert.equal(under.group, group, `“${word}” is underlined as ${group}`);
    }
  } else {
    for (const [word, group] of Object.entries(EXPECTED_GROUPS)) {
      const spans = measured.spans.filter((s) => s.text === word);
      assert.equal(spans.length, 1, `“${word}” is in exactly one category highlight: ${JSON.stringify(measured.spans)}`);
      assert.equal(spans[0].group, group, `“${word}” is underlined as ${group}`);
      assert.ok(spans[0].priority > 0, 'the category highlight paints over the severity one');
    }
    // Every span of a category highlight is also in exactly one severity highlight (the hooks).
    for (const span of measured.spans) assert.equal(measured.severityCount[span.text], 1, `“${span.text}” is in one phiguard-low|medium|high highlight`);
    for (const span of measured.spans) assert.match(span.style ?? '', /^(solid|dotted)$/, `straight underlines (${span.text}: ${span.style})`);
    await assertPaintedInCategoryColours(page, measured);
  }

  const byGroup = {};
  for (const span of measured.spans) {
    assert.ok(span.colour, `“${span.text ?? span.group}” has a colour`);
    const colour = parseColour(span.colour);
    const ratio = contrastRatio(colour, background);
    assert.ok(ratio >= 3, `${span.group} underline ${span.colour} on ${measured.background}: ${ratio.toFixed(2)}:1 (at least 3:1)`);
    (byGroup[span.group] ??= new Set()).add(span.colour);
  }
  const groups = Object.keys(byGroup);
  assert.ok(groups.length >= 2, `at least two categories in the post: ${JSON.stringify(groups)}`);
  for (const group of groups) assert.equal(byGroup[group].size, 1, `one colour per category (${group}: ${[...byGroup[group]]})`);
  const colours = groups.map((group) => [...byGroup[group]][0]);
  assert.equal(new Set(colours).size, colours.length, `each category its own colour: ${JSON.stringify(byGroup, (k, v) => (v instanceof Set ? [...v] : v))}`);
  await assertCardsInUnderlineColours(page, Object.fromEntries(groups.map((group) => [group, [...byGroup[group]][0]])));
}

/** Light and dark page of every fixture editor. */
export function describeUnderlineColourSuites(fixtures, newPage, { darkUrl = (url) => `${url}?theme=dark` } = {}) {
  for (const fixture of fixtures) {
    describe(`underline colours by category on ${fixture.name}`, () => {
      let page;
      before(async () => {
        page = await newPage();
      });
      after(() => page?.close());

      it('one colour per category, each ≥ 3:1, on a light page; the cards in the same colours', async () => {
        await openFixture(page, fixture);
        await coloursUnderlinesByCategory(page, fixture, { dark: false });
      });
      it('one colour per category, each ≥ 3:1, on a dark page; the cards in the same colours', async () => {
        await openFixture(page, fixture, darkUrl(fixture.url));
        await coloursUnderlinesByCategory(page, fixture, { dark: true });
      });
    });
  }
}
