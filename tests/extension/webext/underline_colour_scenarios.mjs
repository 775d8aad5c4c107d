// Issue 11, "straight underlines coloured by category": on a light and a dark fixture page of every
// editor, each underlined span is drawn in its category's colour (Sandra: identifier; 81 and
// Whitby: detail; …), the categories' colours differ, and each has at least 3:1 against the
// editor's computed background. The severity highlights (phiguard-low|medium|high) still hold every
// underlined range exactly once.

import assert from 'node:assert/strict';
import { readFile, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, before, after } from 'node:test';
import { PHI_POST } from './editor_fixtures.mjs';
import { openFixture } from './scenarios.mjs';
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

// ---- scenario ----------------------------------------------------------------------------

export async function coloursUnderlinesByCategory(page, fixture, { dark }) {
  await page.type(PHI_POST);
  await page.waitFor((selector) => {
    const el = document.querySelector(selector);
    return el?.getAttribute('data-phiguard-risk') === 'high' && el.getAttribute('data-phiguard-mode') === 'server';
  }, fixture.editor, { message: 'risk high, from the server' });
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

      it('one colour per category, each ≥ 3:1, on a light page', async () => {
        await openFixture(page, fixture);
        await coloursUnderlinesByCategory(page, fixture, { dark: false });
      });
      it('one colour per category, each ≥ 3:1, on a dark page', async () => {
        await openFixture(page, fixture, darkUrl(fixture.url));
        await coloursUnderlinesByCategory(page, fixture, { dark: true });
      });
    });
  }
}
