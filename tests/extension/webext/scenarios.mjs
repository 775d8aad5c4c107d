// The end-to-end scenarios, shared by the Chromium and Firefox suites. Every check reads the
// editor's OWN state (window.__fixture.getText(): Lexical's $getRoot().getTextContent(), Draft's
// getCurrentContent().getPlainText(), quill.getText(), textarea.value) or the stable test hooks.

import assert from 'node:assert/strict';
import { describe, it, before, after } from 'node:test';
import { PHI_POST, OFFLINE_POST } from './editor_fixtures.mjs';

// ---- functions evaluated in the page (self-contained) ------------------------------------

function pageHooks(selector) {
  const editor = document.querySelector(selector);
  return editor && {
    risk: editor.getAttribute('data-phiguard-risk'),
    findings: Number(editor.getAttribute('data-phiguard-findings')),
    mode: editor.getAttribute('data-phiguard-mode'),
  };
}

function pageFixtureText() {
  const text = window.__fixture.getText();
  return window.__fixture.editor === 'quill' ? text.replace(/\n$/, '') : text; // Quill keeps a final "\n"
}

function pageHighlightTexts() {
  if (!globalThis.CSS?.highlights) return null;
  const texts = [];
  for (const [name, highlight] of CSS.highlights) {
    if (name.startsWith('phiguard-')) for (const range of highlight) texts.push(range.toString());
  }
  return texts;
}

function pageUi() {
  const shadow = document.querySelector('phiguard-root')?.shadowRoot;
  if (!shadow) return null;
  const badge = shadow.querySelector('[data-phiguard-badge]');
  const dialog = shadow.querySelector('.dialog');
  return {
    badgeState: badge?.dataset.state ?? null,
    badgeText: badge?.textContent ?? null,
    badgeCount: badge ? Number(badge.dataset.count) : null,
    limited: badge?.dataset.limited === 'true',
    badgeLabel: badge?.getAttribute('aria-label') ?? null,
    dialogKind: dialog?.dataset.kind ?? null,
    dialogTitle: dialog?.querySelector('h2')?.textContent ?? null,
    panelOpen: !!shadow.querySelector('.panel'),
    underlines: shadow.querySelectorAll('.underline').length,
    actions: [...shadow.querySelectorAll('[data-action]')].filter((b) => !b.closest('[hidden]') && !b.hidden).map((b) => b.dataset.action),
  };
}

function pageShadowAction({ action, excerpt, scope, label, index = 0 }) {
  const shadow = document.querySelector('phiguard-root')?.shadowRoot;
  if (!shadow) return null;
  const selector = `[data-action="${action}"]${scope ? `[data-scope="${scope}"]` : ''}`;
  let button;
  if (excerpt) {
    const card = [...shadow.querySelectorAll('.panel .card')].find((c) => c.querySelector('.excerpt')?.textContent === `“${excerpt}”`);
    button = (label ? [...(card?.querySelectorAll(selector) ?? [])].find((b) => b.textContent === label) : card?.querySelector(selector)) ?? null;
  } else {
    button = [...shadow.querySelectorAll(selector)].filter((b) => !b.hidden && !b.closest('[hidden]'))[index] ?? null;
  }
  // The findings list scrolls; Firefox's WebDriver BiDi click does not scroll a button that the
  // list clips (but that is inside the viewport) into view.
  button?.scrollIntoView({ block: 'nearest' });
  return button;
}

// ---- helpers -----------------------------------------------------------------------------

export async function hooks(page, fixture) {
  return page.evaluate(pageHooks, fixture.editor);
}

export async function fixtureText(page) {
  return page.evaluate(pageFixtureText);
}

export async function ui(page) {
  return page.evaluate(pageUi);
}

export async function waitForText(page, expected, message) {
  try {
    await page.waitFor((want) => {
      const text = window.__fixture.getText();
      return (window.__fixture.editor === 'quill' ? text.replace(/\n$/, '') : text) === want;
    }, expected, { message: `${message}: editor text ${JSON.stringify(expected)}` });
  } catch (error) {
    // Say what the editor holds instead: a race shows in the difference.
    throw new Error(`${error.message}; the editor holds ${JSON.stringify(await fixtureText(page))}`, { cause: error });
  }
}

/** Wait until the server itself, not limited mode, has judged the editor's post `risk`. */
export async function waitForServerRisk(page, fixture, risk, message, options = {}) {
  await page.waitFor(({ selector, want }) => {
    const el = document.querySelector(selector);
    return el?.getAttribute('data-phiguard-risk') === want && el.getAttribute('data-phiguard-mode') === 'server';
  }, { selector: fixture.editor, want: risk }, { message, ...options });
}

async function waitForRisk(page, fixture, risk, message = `risk ${risk}`) {
  await page.waitFor(({ selector, want }) => document.querySelector(selector)?.getAttribute('data-phiguard-risk') === want, { selector: fixture.editor, want: risk }, { message });
}

async function waitForUi(page, predicateSource, arg, message) {
  return page.waitFor(predicateSource, arg, { message });
}

async function clickUi(page, query, description) {
  await page.waitFor((q) => {
    const shadow = document.querySelector('phiguard-root')?.shadowRoot;
    if (!shadow) return false;
    const selector = `[data-action="${q.action}"]${q.scope ? `[data-scope="${q.scope}"]` : ''}`;
    if (q.excerpt) {
      const card = [...shadow.querySelectorAll('.panel .card')].find((c) => c.querySelector('.excerpt')?.textContent === `“${q.excerpt}”`);
      return q.label ? [...(card?.querySelectorAll(selector) ?? [])].some((b) => b.textContent === q.label) : !!card?.querySelector(selector);
    }
    return [...shadow.querySelectorAll(selector)].some((b) => !b.hidden && !b.closest('[hidden]'));
  }, query, { message: `waiting for ${description}` });
  // The findings list re-renders when a finding changes (fixes landing one after another): a
  // button found a moment ago may be replaced by its twin before the click lands (puppeteer then
  // says "not clickable", Playwright "detached"). Find it again.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await page.clickHandle(pageShadowAction, query, description);
      return;
    } catch (error) {
      if (attempt >= 5 || !/attached|detached|no such (node|element)|stale|not found|not clickable/i.test(error.message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/**
 * Click the first fix a card offers for `excerpt`, and return the text the post should then read:
 * the card's own replacement ("Replace with “someone”"), or the excerpt removed ("Remove “Sandra”",
 * offered when the words around it already say who: "My client Sandra," → "My client,").
 */
async function clickFirstFix(page, excerpt, description) {
  const label = await page.waitFor((want) => {
    const shadow = document.querySelector('phiguard-root')?.shadowRoot;
    const card = [...(shadow?.querySelectorAll('.panel .card') ?? [])].find((c) => c.querySelector('.excerpt')?.textContent === `“${want}”`);
    return card?.querySelector('[data-action="fix"]')?.textContent || false;
  }, excerpt, { message: `waiting for ${description}` });
  assert.ok(label, `a fix for “${excerpt}”`);
  await clickUi(page, { action: 'fix', excerpt, label }, description);
  return label;
}

function textAfterFix(text, excerpt, label) {
  const replaced = /^Replace with “(.*)”$/.exec(label);
  if (replaced) return text.replace(excerpt, replaced[1]);
  assert.match(label, /^Remove /, `a fix is a replacement or a removal: ${label}`);
  return text.replace(excerpt, '').replace(/ +([,.;:!?])/g, '$1').replace(/ {2,}/g, ' ');
}

async function clickBadge(page) {
  await page.clickHandle(() => document.querySelector('phiguard-root')?.shadowRoot?.querySelector('[data-phiguard-badge]'), undefined, 'PHI Guard badge');
  await waitForUi(page, () => !!document.querySelector('phiguard-root')?.shadowRoot?.querySelector('.panel .card'), undefined, 'findings list');
}

/** Open a fixture page, focus its editor, and wait until PHI Guard watches it. */
export async function openFixture(page, fixture, url = fixture.url) {
  await page.goto(url);
  await page.waitFor(() => window.__fixture?.ready === true, undefined, { message: 'fixture ready' });
  await page.click(fixture.editor);
  await page.waitFor((selector) => document.querySelector(selector)?.hasAttribute('data-phiguard-risk'), fixture.editor, { message: 'PHI Guard watching the editor' });
}

/** Select everything in the editor and delete it, through the keyboard. */
export async function clearEditor(page, fixture) {
  await page.click(fixture.editor);
  await page.press('a', ['Control']);
  await page.press('Backspace');
  await waitForText(page, '', 'cleared');
}

export function summarise(durations) {
  if (!durations.length) return { count: 0 };
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return {
    count: sorted.length,
    meanMs: Number((sorted.reduce((s, d) => s + d, 0) / sorted.length).toFixed(3)),
    p95Ms: Number(at(0.95).toFixed(3)),
    maxMs: Number(sorted[sorted.length - 1].toFixed(3)),
  };
}

// ---- scenarios ---------------------------------------------------------------------------

/**
 * A clock in the page: the last keydown, the moment data-phiguard-risk turns high after it, and
 * the next animation frame (the frame that draws the underlines), all on the page's
 * performance.now() timeline, which PHI Guard's own measures (phiguard:request) share. Timing
 * from Node instead would add the driver's polling interval (100 ms) to every figure.
 */
function pageStartUnderlineClock(selector) {
  const editor = document.querySelector(selector);
  const clock = { lastKey: 0, high: 0, drawn: 0 };
  window.__phiguardClock = clock;
  document.addEventListener('keydown', () => {
    clock.lastKey = performance.now();
    clock.high = 0;
    clock.drawn = 0;
  }, true);
  new MutationObserver(() => {
    if (clock.high || !clock.lastKey || editor.getAttribute('data-phiguard-risk') !== 'high') return;
    clock.high = performance.now();
    requestAnimationFrame(() => {
      clock.drawn = performance.now();
    });
  }).observe(editor, { attributes: true, attributeFilter: ['data-phiguard-risk'] });
}

/** Where the time from the last keystroke to the underline went: pause, request, drawing. */
function pageUnderlineTiming() {
  const clock = window.__phiguardClock;
  const requests = performance.getEntriesByName('phiguard:request');
  const last = requests.filter((r) => r.startTime >= clock.lastKey).pop() ?? null;
  return {
    timeToUnderlineMs: Math.round(clock.drawn - clock.lastKey),
    pauseMs: last && Math.round(last.startTime - clock.lastKey),
    requestMs: last && Math.round(last.duration),
    drawMs: last && Math.round(clock.drawn - (last.startTime + last.duration)),
    requests: requests.length,
    drawn: clock.drawn > clock.lastKey && clock.lastKey > 0,
  };
}

/** Type a PHI post: underline, badge and hooks appear with the right risk. */
export async function flagsPhiPost(page, fixture, metrics) {
  await page.evaluate(() => performance.clearMeasures('phiguard:request'));
  await page.evaluate(pageStartUnderlineClock, fixture.editor);
  await page.type(PHI_POST);
  await waitForRisk(page, fixture, 'high');
  if (fixture.highlights) {
    await page.waitFor(() => (CSS.highlights.get('phiguard-high')?.size ?? 0) > 0, undefined, { message: 'high-severity highlight ranges' });
  } else {
    await page.waitFor(() => (document.querySelector('phiguard-root')?.shadowRoot?.querySelectorAll('.underline').length ?? 0) > 0, undefined, { message: 'mirror underlines' });
  }
  await page.waitFor(() => window.__phiguardClock.drawn > 0, undefined, { message: 'the frame that draws the underlines' });
  const timing = await page.evaluate(pageUnderlineTiming);
  assert.ok(timing.drawn, `the page's clock saw the last keystroke and the underlines drawn after it: ${JSON.stringify(timing)}`);
  Object.assign(metrics, timing);
  assert.equal(await fixtureText(page), PHI_POST, "the editor's own state holds what was typed");
  // The server answered (after a transient failure the box retries it by itself).
  await page.waitFor((selector) => document.querySelector(selector)?.getAttribute('data-phiguard-mode') === 'server', fixture.editor, { message: 'checked by the server' });
  await waitForRisk(page, fixture, 'high');
  const state = await hooks(page, fixture);
  assert.ok(state.findings >= 3, `at least 3 findings, got ${state.findings}`);
  assert.equal(state.mode, 'server');
  if (fixture.highlights) {
    const texts = await page.evaluate(pageHighlightTexts);
    assert.ok(texts.includes('Sandra'), `the name is underlined exactly: ${JSON.stringify(texts)}`);
    assert.ok(texts.includes('Whitby'), `the place is underlined exactly: ${JSON.stringify(texts)}`);
  }
  const view = await ui(page);
  assert.equal(view.badgeState, 'high');
  assert.equal(view.badgeCount, state.findings, 'badge count matches data-phiguard-findings');
  assert.match(view.badgeLabel, /findings, high risk/);
  assert.ok(view.actions.includes('rephrase'), 'a one-click Rephrase button is offered');
  metrics.inputEvent = summarise(await page.evaluate(() => performance.getEntriesByName('phiguard:input').map((e) => e.duration)));
  assert.ok(metrics.inputEvent.count >= 10, `phiguard:input measured per input event (${metrics.inputEvent.count})`);
}

/** Hovering a flagged span shows its card, with the explanation and the fixes. */
export async function showsCardOnHover(page, fixture) {
  await waitForRisk(page, fixture, 'high');
  const point = await page.evaluate((word) => {
    let range = null;
    for (const [name, highlight] of globalThis.CSS?.highlights ?? []) {
      if (name.startsWith('phiguard-')) for (const r of highlight) if (r.toString() === word) range = r;
    }
    if (!range) {
      // A textarea is measured through PHI Guard's mirror element.
      const text = document.querySelector('phiguard-root').shadowRoot.querySelector('.mirror')?.firstChild;
      if (!text) return null;
      range = document.createRange();
      range.setStart(text, text.nodeValue.indexOf(word));
      range.setEnd(text, text.nodeValue.indexOf(word) + word.length);
    }
    const rect = range.getClientRects()[0];
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  }, 'Sandra');
  assert.ok(point, 'the span to hover');
  await page.hover(point.x - 3, point.y);
  await page.hover(point.x, point.y);
  const card = await page.waitFor(() => {
    const el = document.querySelector('phiguard-root')?.shadowRoot?.querySelector('.card.floating');
    return el && { excerpt: el.querySelector('.excerpt').textContent, role: el.getAttribute('role'), label: !!el.getAttribute('aria-labelledby'), fixes: el.querySelectorAll('[data-action="fix"]').length, dismiss: el.querySelectorAll('[data-action="dismiss"]').length };
  }, undefined, { message: 'hover card' });
  assert.equal(card.excerpt, '“Sandra”');
  assert.equal(card.role, 'dialog');
  assert.ok(card.label && card.fixes >= 1 && card.dismiss >= 1);
  await page.hover(2, 2);
  await page.waitFor(() => !document.querySelector('phiguard-root')?.shadowRoot?.querySelector('.card.floating'), undefined, { message: 'card hidden after the pointer leaves' });
}

/** Per-span fix from the findings list; one Ctrl+Z restores the original. */
export async function fixesOneSpan(page, fixture) {
  await waitForRisk(page, fixture, 'high');
  await clickBadge(page);
  const label = await clickFirstFix(page, 'Sandra', 'fix for “Sandra”');
  await waitForText(page, textAfterFix(PHI_POST, 'Sandra', label), 'per-span fix');
  await page.press('z', ['Control']);
  await waitForText(page, PHI_POST, 'undo of the fix');
  await page.press('Escape');
}

/** "Rephrase post": suggestions from the server; choosing one updates the editor's state; undo. */
export async function rephrasesPost(page, fixture) {
  await waitForRisk(page, fixture, 'high');
  await clickUi(page, { action: 'rephrase' }, 'Rephrase button');
  await waitForUi(page, () => !!document.querySelector('phiguard-root')?.shadowRoot?.querySelector('[data-action="apply-suggestion"]'), undefined, 'suggestions');
  const suggestion = await page.evaluate(() => document.querySelector('phiguard-root').shadowRoot.querySelector('.suggestion p').textContent);
  assert.ok(suggestion && suggestion !== PHI_POST && !suggestion.includes('Sandra'), `an anonymised suggestion: ${suggestion}`);
  await clickUi(page, { action: 'apply-suggestion' }, 'first suggestion');
  await waitForText(page, suggestion, 'applied suggestion');
  await page.waitFor((selector) => !['high', 'checking'].includes(document.querySelector(selector)?.getAttribute('data-phiguard-risk')), fixture.editor, { message: 'rephrased post re-checked below high' });
  await page.press('z', ['Control']);
  await waitForText(page, PHI_POST, 'undo of the rephrasing');
}

/** Pre-send guard: Post is intercepted until "post anyway"; the text is never lost. */
export async function guardsPost(page, fixture) {
  await waitForRisk(page, fixture, 'high');
  await page.click(fixture.postButton);
  await waitForUi(page, () => document.querySelector('phiguard-root')?.shadowRoot?.querySelector('.dialog')?.dataset.kind === 'warn', undefined, 'confirm dialog');
  let view = await ui(page);
  assert.equal(view.dialogTitle, 'This post may identify a client');
  assert.ok(view.actions.includes('post-anyway') && view.actions.includes('review'));
  assert.deepEqual(await page.evaluate(() => window.__fixture.posted), [], 'the post was held back');
  await clickUi(page, { action: 'review' }, 'Review');
  await waitForUi(page, () => {
    const shadow = document.querySelector('phiguard-root')?.shadowRoot;
    return !shadow.querySelector('.dialog') && !!shadow.querySelector('.panel');
  }, undefined, 'review opens the findings list');
  assert.deepEqual(await page.evaluate(() => window.__fixture.posted), []);
  await page.press('Escape'); // close the list (focus is in it)
  await waitForUi(page, () => !document.querySelector('phiguard-root')?.shadowRoot?.querySelector('.panel'), undefined, 'list closed');
  await page.click(fixture.postButton);
  await clickUi(page, { action: 'post-anyway' }, 'Post anyway');
  await page.waitFor(() => window.__fixture.posted.length === 1, undefined, { message: 'posted once' });
  const posted = await page.evaluate(() => window.__fixture.posted[0]);
  assert.equal(fixture.id === 'quill' ? posted.replace(/\n$/, '') : posted, PHI_POST);
  assert.equal(await fixtureText(page), PHI_POST, 'what the user typed is still there');
  assert.equal((await ui(page)).dialogKind, null);
}

/** The keyboard shortcut (Ctrl+Enter) is guarded too; Escape means "review". */
export async function guardsShortcut(page, fixture) {
  await waitForRisk(page, fixture, 'high');
  await page.click(fixture.editor);
  const postedBefore = await page.evaluate(() => window.__fixture.posted.length);
  await page.press('Enter', ['Control']);
  await waitForUi(page, () => !!document.querySelector('phiguard-root')?.shadowRoot?.querySelector('.dialog'), undefined, 'confirm dialog from Ctrl+Enter');
  await page.press('Escape');
  await waitForUi(page, () => !document.querySelector('phiguard-root')?.shadowRoot?.querySelector('.dialog'), undefined, 'dialog closed');
  assert.equal(await page.evaluate(() => window.__fixture.posted.length), postedBefore);
  assert.equal(await fixtureText(page), PHI_POST, 'Ctrl+Enter changed nothing in the text');
  await page.press('Escape');
}

/** Emoji and line breaks: offsets stay right (UTF-16 end to end). */
export async function mapsOffsetsAcrossLinesAndEmoji(page, fixture) {
  await clearEditor(page, fixture);
  await page.type('Hi team 😀 quick one');
  await page.press('Enter', fixture.newlineModifiers);
  await page.press('Enter', fixture.newlineModifiers);
  await page.type('My client Sandra, 81, lives in Whitby.');
  const expected = 'Hi team 😀 quick one\n\nMy client Sandra, 81, lives in Whitby.';
  await waitForText(page, expected, 'typed over two paragraphs');
  await waitForRisk(page, fixture, 'high');
  if (fixture.highlights) {
    await page.waitFor(() => (CSS.highlights.get('phiguard-high')?.size ?? 0) > 0, undefined, { message: 'highlights' });
    const texts = await page.evaluate(pageHighlightTexts);
    assert.ok(texts.includes('Sandra'), `“Sandra” underlined exactly after an emoji and a blank line: ${JSON.stringify(texts)}`);
    assert.ok(texts.includes('Whitby'), `“Whitby” underlined exactly: ${JSON.stringify(texts)}`);
  } else {
    await clickBadge(page);
    const excerpts = await page.evaluate(() => [...document.querySelector('phiguard-root').shadowRoot.querySelectorAll('.panel .excerpt')].map((e) => e.textContent));
    assert.ok(excerpts.includes('“Sandra”'), JSON.stringify(excerpts));
    await page.press('Escape');
  }
}

/** Server down: the offline rules still flag an NHS number, an e-mail and a phone number. */
export async function flagsOffline(page, fixture) {
  await page.type(OFFLINE_POST);
  await page.waitFor((selector) => {
    const editor = document.querySelector(selector);
    return editor?.getAttribute('data-phiguard-mode') === 'offline' && !['checking', 'none'].includes(editor.getAttribute('data-phiguard-risk'));
  }, fixture.editor, { message: 'offline result' });
  const state = await hooks(page, fixture);
  assert.equal(state.risk, 'high', 'an NHS number is high risk even offline');
  assert.ok(state.findings >= 3, `NHS number, e-mail and phone flagged (${state.findings})`);
  if (fixture.highlights) {
    const texts = await page.evaluate(pageHighlightTexts);
    for (const detail of ['401 023 2137', 'jo.bloggs@example.com', '07700 900123']) {
      assert.ok(texts.includes(detail), `${detail} underlined offline: ${JSON.stringify(texts)}`);
    }
  }
  const view = await ui(page);
  assert.equal(view.limited, true, 'the badge says limited mode');
  assert.match(view.badgeLabel, /limited mode/);
}

/** The server is back: the box recovers by itself (backoff retry), without any typing. */
export async function recoversFromOffline(page, fixture) {
  await page.waitFor((selector) => document.querySelector(selector)?.getAttribute('data-phiguard-mode') === 'server', fixture.editor, { message: 'back to server mode', timeout: 90000 });
  const view = await ui(page);
  assert.equal(view.limited, false);
}

/** Clicks the post button and checks that block mode holds the post back. */
async function postIsBlocked(page, fixture, message) {
  await page.click(fixture.postButton);
  await waitForUi(page, () => document.querySelector('phiguard-root')?.shadowRoot?.querySelector('.dialog')?.dataset.kind === 'block', undefined, `block dialog: ${message}`);
  const view = await ui(page);
  assert.ok(!view.actions.includes('post-anyway'), `no post-anyway in block mode: ${message}`);
  assert.ok(view.actions.includes('review'));
  assert.deepEqual(await page.evaluate(() => window.__fixture.posted), [], `held back: ${message}`);
}

/** What the findings list offers for each card: [{excerpt, severity, once, always, required}]. */
function pageCards() {
  const shadow = document.querySelector('phiguard-root').shadowRoot;
  return [...shadow.querySelectorAll('.panel .card')].map((card) => ({
    excerpt: card.querySelector('.excerpt').textContent,
    severity: ['low', 'medium', 'high'].find((s) => card.classList.contains(s)),
    once: !!card.querySelector('[data-action="dismiss"][data-scope="once"]'),
    always: !!card.querySelector('[data-action="dismiss"][data-scope="always"]'),
    required: card.querySelector('.required')?.textContent ?? null,
  }));
}

/**
 * Block mode: no "post anyway", and no "Ignore" on medium or high findings. Posting stays blocked
 * until they are fixed (a per-span fix, then the rephrasing) or allow-listed ("Always allow",
 * offered because allowPersonalAllowList is on); then the post goes through.
 */
export async function blocksUntilResolved(page, fixture, { organisationName }) {
  await waitForRisk(page, fixture, 'high');
  await postIsBlocked(page, fixture, 'PHI post');
  await clickUi(page, { action: 'review' }, 'Review');
  await waitForUi(page, () => !!document.querySelector('phiguard-root')?.shadowRoot?.querySelector('.panel .card'), undefined, 'findings list');
  const cards = await page.evaluate(pageCards);
  const mustFix = cards.filter((c) => c.severity !== 'low');
  assert.ok(mustFix.length >= 3, `medium/high findings listed: ${JSON.stringify(cards)}`);
  for (const card of mustFix) {
    assert.equal(card.once, false, `no "Ignore" for ${card.excerpt} in block mode`);
    assert.equal(card.always, true, `"Always allow" for ${card.excerpt} (allowPersonalAllowList)`);
    assert.equal(card.required, `${organisationName} requires this to be fixed before posting.`);
  }
  // "Always allow" (the organisation-sanctioned allow-list) resolves Whitby.
  const before = (await hooks(page, fixture)).findings;
  await clickUi(page, { action: 'dismiss', excerpt: 'Whitby', scope: 'always' }, 'always allow Whitby');
  await page.waitFor(({ selector, want }) => Number(document.querySelector(selector).getAttribute('data-phiguard-findings')) === want, { selector: fixture.editor, want: before - 1 }, { message: 'Whitby allow-listed' });
  // A per-span fix resolves Sandra; the rest still blocks.
  const sandraFix = await clickFirstFix(page, 'Sandra', 'fix for “Sandra”');
  await waitForText(page, textAfterFix(PHI_POST, 'Sandra', sandraFix), 'per-span fix');
  await page.waitFor((selector) => ['medium', 'high'].includes(document.querySelector(selector).getAttribute('data-phiguard-risk')), fixture.editor, { message: 're-checked after the fix: medium or high findings left' });
  // The fix put the caret back in the editor, so close the list with its own button.
  await clickUi(page, { action: 'close' }, 'close the findings list');
  await waitForUi(page, () => !document.querySelector('phiguard-root')?.shadowRoot?.querySelector('.panel'), undefined, 'list closed');
  await postIsBlocked(page, fixture, 'findings left after one fix');
  // The rephrasing fixes the rest; the post goes through without "post anyway".
  await clickUi(page, { action: 'review' }, 'Review');
  await clickUi(page, { action: 'rephrase' }, 'Rephrase button');
  await waitForUi(page, () => !!document.querySelector('phiguard-root')?.shadowRoot?.querySelector('[data-action="apply-suggestion"]'), undefined, 'suggestions');
  // The last suggestion is the general question, without the person.
  const suggestions = await page.evaluate(() => [...document.querySelector('phiguard-root').shadowRoot.querySelectorAll('.suggestion > p:first-child')].map((p) => p.textContent));
  const index = suggestions.length - 1;
  await clickUi(page, { action: 'apply-suggestion', index }, 'the general-question suggestion');
  const suggestion = suggestions[index];
  await waitForText(page, suggestion, 'applied suggestion');
  await page.waitFor((selector) => ['none', 'low'].includes(document.querySelector(selector).getAttribute('data-phiguard-risk')), fixture.editor, { message: 'rephrased post re-checked: nothing that blocks' });
  await page.click(fixture.postButton);
  await page.waitFor(() => window.__fixture.posted.length === 1, undefined, { message: 'posted once fixed' });
  const posted = await page.evaluate(() => window.__fixture.posted[0]);
  assert.equal(fixture.id === 'quill' ? posted.replace(/\n$/, '') : posted, suggestion);
}

// ---- server faults (tests/extension/helpers/fault_server.mjs) --------------------------------

export const FAULT_POST = 'Her NHS number is 401 023 2137.';
const FAULT_POST_MORE = ' Her sister is 943 476 5919.';

function pageShadowMarkup() {
  const shadow = document.querySelector('phiguard-root')?.shadowRoot;
  return {
    text: shadow?.textContent ?? '',
    elements: shadow ? shadow.querySelectorAll('b, img').length : -1,
    pwned: typeof window.__pwned,
  };
}

async function waitUntil(predicate, timeoutMs, message) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Type a post; the editor holds exactly what was typed, whatever the server does. */
async function typeUnblocked(page, text, expected) {
  await page.type(text);
  assert.equal(await fixtureText(page), expected, "typing is never blocked: the editor's own state holds what was typed at once");
}

/**
 * The server fails (garbage answers, or a connection dropped mid-request): the offline rules flag
 * the NHS number (limited mode), no text is lost; once the server is healthy again
 * (`heal()`), the box returns to server mode by itself, without typing.
 */
export async function fallsBackOnServerFault(page, fixture, { heal }) {
  await typeUnblocked(page, FAULT_POST, FAULT_POST);
  await page.waitFor((selector) => {
    const editor = document.querySelector(selector);
    return editor?.getAttribute('data-phiguard-mode') === 'offline' && Number(editor.getAttribute('data-phiguard-findings')) >= 1;
  }, fixture.editor, { message: 'limited mode flags the NHS number' });
  const state = await hooks(page, fixture);
  assert.equal(state.risk, 'high', 'an NHS number is high risk offline');
  const view = await ui(page);
  assert.equal(view.limited, true, 'the badge says limited mode');
  if (fixture.highlights) assert.ok((await page.evaluate(pageHighlightTexts)).includes('401 023 2137'), 'the NHS number is underlined offline');
  assert.equal(await fixtureText(page), FAULT_POST, 'no text lost');
  heal();
  await recoversFromOffline(page, fixture);
  await waitForRisk(page, fixture, 'high', 'the server flags the NHS number after recovery');
  assert.equal(await fixtureText(page), FAULT_POST, 'no text lost after recovery');
}

/**
 * A slow server (answers after 3 s): typing goes on while a check is in flight; the answer for
 * the older text is discarded (the newer request cancels it), and the findings shown are those
 * of the final text: two NHS numbers, never the stale one.
 */
export async function discardsStaleSlowAnswer(page, fixture, server) {
  await page.evaluate((selector) => {
    const editor = document.querySelector(selector);
    window.__phiguardStates = [];
    new MutationObserver(() => window.__phiguardStates.push({
      mode: editor.getAttribute('data-phiguard-mode'),
      findings: editor.getAttribute('data-phiguard-findings'),
    })).observe(editor, { attributes: true, attributeFilter: ['data-phiguard-mode', 'data-phiguard-findings', 'data-phiguard-risk'] });
  }, fixture.editor);
  const since = server.requests.length;
  const analyzed = (text) => server.requests.slice(since).some((r) => r.path === '/v1/analyze' && r.text === text);
  await typeUnblocked(page, FAULT_POST, FAULT_POST);
  await waitUntil(() => analyzed(FAULT_POST), 10000, 'the slow server received the first text');
  const finalText = FAULT_POST + FAULT_POST_MORE;
  await typeUnblocked(page, FAULT_POST_MORE, finalText);
  assert.equal((await hooks(page, fixture)).risk, 'checking', 'the box says "checking" while the slow server works');
  await page.waitFor((selector) => {
    const editor = document.querySelector(selector);
    return editor.getAttribute('data-phiguard-mode') === 'server' && editor.getAttribute('data-phiguard-risk') === 'high';
  }, fixture.editor, { message: 'the slow answer for the final text' });
  assert.ok(analyzed(finalText), 'the final text was sent');
  const state = await hooks(page, fixture);
  assert.equal(state.findings, 2, 'both NHS numbers of the final text are flagged');
  if (fixture.highlights) {
    const texts = await page.evaluate(pageHighlightTexts);
    for (const number of ['401 023 2137', '943 476 5919']) assert.ok(texts.includes(number), `${number} underlined: ${JSON.stringify(texts)}`);
  }
  const states = await page.evaluate(() => window.__phiguardStates);
  assert.ok(!states.some((s) => s.mode === 'server' && s.findings === '1'), `the stale answer (one finding) was never shown: ${JSON.stringify(states)}`);
  assert.equal(await fixtureText(page), finalText, 'no text lost');
}

/**
 * Server strings holding HTML (explanation, replacement, suggestion) are shown as text: the card
 * shows "<b>bold</b>" literally, no <b> or <img> element is created, and the page's onerror
 * handler never runs.
 */
export async function rendersServerStringsAsText(page, fixture) {
  await typeUnblocked(page, FAULT_POST, FAULT_POST);
  await page.waitFor((selector) => {
    const editor = document.querySelector(selector);
    return editor.getAttribute('data-phiguard-mode') === 'server' && Number(editor.getAttribute('data-phiguard-findings')) >= 1;
  }, fixture.editor, { message: 'server findings' });
  await clickBadge(page);
  let view = await page.evaluate(pageShadowMarkup);
  assert.ok(view.text.includes('<b>bold</b>'), 'the explanation shows the markup as text');
  assert.ok(view.text.includes('<img src=x onerror=window.__pwned=1>'), 'the replacement shows the markup as text');
  assert.equal(view.elements, 0, 'no <b> or <img> element in the shadow root');
  await clickUi(page, { action: 'rephrase' }, 'Rephrase button');
  await waitForUi(page, () => !!document.querySelector('phiguard-root')?.shadowRoot?.querySelector('[data-action="apply-suggestion"]'), undefined, 'suggestions');
  await new Promise((resolve) => setTimeout(resolve, 300)); // an <img onerror> would have fired by now
  view = await page.evaluate(pageShadowMarkup);
  assert.ok(view.text.includes('Rephrased <img src=x onerror=window.__pwned=1> <b>bold</b>'), 'the suggestion explanation shows the markup as text');
  assert.equal(view.elements, 0, 'no <b> or <img> element in the shadow root');
  assert.equal(view.pwned, 'undefined', 'window.__pwned never set');
  await page.press('Escape');
  assert.equal(await fixtureText(page), FAULT_POST, 'no text lost');
}

/**
 * A web page cannot reach the extension: messages, DOM events and runtime calls from the page's
 * own world asking to change the server URL change nothing; the page's text is still analysed.
 */
export async function ignoresPageMessages(page, fixture) {
  const attempts = await page.evaluate(async () => {
    const evil = { kind: 'setSettings', serverUrl: 'http://evil.example', apiToken: 'stolen' };
    window.postMessage(evil, '*');
    window.postMessage(JSON.stringify(evil), '*');
    for (const type of ['phiguard', 'phiguard:setSettings', 'message']) document.dispatchEvent(new CustomEvent(type, { detail: evil, bubbles: true }));
    let runtime = 'no runtime';
    try {
      if (globalThis.chrome?.runtime?.sendMessage) {
        await chrome.runtime.sendMessage('gfndljdmplkkpabcdkanfdchleockfhp', evil);
        runtime = 'delivered';
      }
    } catch (error) {
      runtime = `refused: ${error.message}`;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    return { runtime };
  });
  assert.notEqual(attempts.runtime, 'delivered', 'the page has no channel to the extension');
  await typeUnblocked(page, FAULT_POST, FAULT_POST);
  await page.waitFor((selector) => {
    const editor = document.querySelector(selector);
    return editor.getAttribute('data-phiguard-mode') === 'server' && editor.getAttribute('data-phiguard-risk') === 'high';
  }, fixture.editor, { message: 'still checked by the configured server' });
}

/**
 * The per-editor tests every browser runs: one describe per fixture, same steps, same names.
 * newPage opens a page in the suite's browser; metrics collects each editor's typing figures.
 */
export function describeEditorSuites(fixtures, newPage, metrics) {
  for (const fixture of fixtures) {
    describe(fixture.name, () => {
      let page;
      metrics[fixture.id] = {};
      before(async () => {
        page = await newPage();
        await openFixture(page, fixture);
      });
      after(() => page?.close());

      it('underlines a PHI post and shows the badge and hooks', () => flagsPhiPost(page, fixture, metrics[fixture.id]));
      it('shows a card with explanation and fixes on hover', () => showsCardOnHover(page, fixture));
      it('fixes one span in the editor state; Ctrl+Z restores', () => fixesOneSpan(page, fixture));
      it('rephrases the post in the editor state; Ctrl+Z restores', () => rephrasesPost(page, fixture));
      it('holds back Post until "post anyway"', () => guardsPost(page, fixture));
      it('guards the Ctrl+Enter shortcut too', () => guardsShortcut(page, fixture));
      it('maps offsets across emoji and paragraphs', () => mapsOffsetsAcrossLinesAndEmoji(page, fixture));
    });
  }
}

// ---- the watched page's own scripts (security) -----------------------------------------------

/**
 * Clicks and keys the page's own scripts dispatch on PHI Guard's UI, in the page's world: every
 * `data-action` button clicked with el.click() and with a dispatched MouseEvent, the badge, the
 * Alt+Shift+P shortcut, Escape. Returns what was tried.
 */
function pageSyntheticInput({ selector, tamper }) {
  const shadow = document.querySelector('phiguard-root').shadowRoot;
  const tried = [];
  const poke = (el) => {
    el.click();
    el.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
    el.dispatchEvent(new PointerEvent('click', { bubbles: true, composed: true, cancelable: true }));
  };
  for (const button of shadow.querySelectorAll('[data-action], [data-phiguard-badge]')) {
    tried.push(button.dataset.action ? `${button.dataset.action}${button.dataset.scope ? `:${button.dataset.scope}` : ''}` : 'badge');
    poke(button);
  }
  if (tamper) {
    // A button the page made to look like PHI Guard's own, and an "Ignore" turned into "Always allow".
    const forged = document.createElement('button');
    forged.dataset.action = 'dismiss';
    forged.dataset.scope = 'always';
    forged.dataset.findingId = shadow.querySelector('[data-action="fix"]')?.dataset.findingId ?? '';
    shadow.querySelector('.panel .card .actions')?.append(forged);
    poke(forged);
    tried.push('forged');
    for (const ignore of shadow.querySelectorAll('[data-action="dismiss"][data-scope="once"]')) ignore.dataset.scope = 'always';
  }
  const editor = document.querySelector(selector);
  for (const init of [{ key: 'P', code: 'KeyP', altKey: true, shiftKey: true }, { key: 'Escape', code: 'Escape' }]) {
    editor.dispatchEvent(new KeyboardEvent('keydown', { ...init, bubbles: true, composed: true, cancelable: true }));
    shadow.querySelector('.layer')?.dispatchEvent(new KeyboardEvent('keydown', { ...init, bubbles: true, composed: true, cancelable: true }));
  }
  return tried;
}

function pageSuggestionsShown() {
  return !!document.querySelector('phiguard-root')?.shadowRoot?.querySelector('[data-action="apply-suggestion"]');
}

const settle = (ms = 1200) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Security: a watched site's scripts cannot act on PHI Guard's UI. Synthetic clicks on every
 * button (fix, Ignore, Always allow, Rephrase, the badge, Post anyway), a forged button and
 * buttons whose data-* the page rewrote change nothing: the text, the findings, the allow-list
 * and the held post stay as they were; the user's own (trusted) clicks still work.
 */
export async function ignoresPageScriptClicks(page, fixture) {
  await page.type(PHI_POST);
  await waitForRisk(page, fixture, 'high');
  await page.waitFor((selector) => document.querySelector(selector)?.getAttribute('data-phiguard-mode') === 'server', fixture.editor, { message: 'checked by the server' });
  const before = await hooks(page, fixture);
  // Badge and shortcut from the page: the findings list stays closed.
  await page.evaluate(pageSyntheticInput, { selector: fixture.editor, tamper: false });
  await settle(500);
  assert.equal((await ui(page)).panelOpen, false, 'a synthetic click on the badge or Alt+Shift+P opens nothing');
  // The user opens the list; the page then clicks everything in it.
  await clickBadge(page);
  const tried = await page.evaluate(pageSyntheticInput, { selector: fixture.editor, tamper: true });
  for (const action of ['fix', 'dismiss:always', 'rephrase', 'badge', 'forged']) assert.ok(tried.includes(action), `the page tried ${action}: ${tried}`);
  await settle();
  assert.equal(await fixtureText(page), PHI_POST, 'no fix was applied');
  assert.deepEqual(await hooks(page, fixture), before, 'no finding ignored or allow-listed');
  assert.equal(await page.evaluate(pageSuggestionsShown), false, 'no rephrasing asked for');
  assert.equal((await ui(page)).panelOpen, true, 'the list is still open (Escape from the page did nothing)');
  // The user's own click on an Ignore whose data-scope the page set to "always" ignores it once,
  // in this post only: the button does what PHI Guard made it for.
  await clickUi(page, { action: 'dismiss', excerpt: 'Whitby', scope: 'always' }, 'the tampered Ignore of Whitby');
  await page.waitFor(({ selector, want }) => Number(document.querySelector(selector).getAttribute('data-phiguard-findings')) === want, { selector: fixture.editor, want: before.findings - 1 }, { message: 'Whitby ignored by the user' });
  await page.press('Escape');
  // The held post: "Post anyway" clicked by the page posts nothing.
  await page.click(fixture.postButton);
  await waitForUi(page, () => document.querySelector('phiguard-root')?.shadowRoot?.querySelector('.dialog')?.dataset.kind === 'warn', undefined, 'confirm dialog');
  await page.evaluate(pageSyntheticInput, { selector: fixture.editor, tamper: false });
  await settle(500);
  assert.deepEqual(await page.evaluate(() => window.__fixture.posted), [], 'a synthetic "Post anyway" posts nothing');
  assert.equal((await ui(page)).dialogKind, 'warn', 'the dialog is still asking');
  await page.press('Escape');
  await waitForUi(page, () => !document.querySelector('phiguard-root')?.shadowRoot?.querySelector('.dialog'), undefined, 'dialog closed by the user');
  await page.press('Escape');
  // A fresh page with the same post: nothing was allow-listed ("Whitby" is flagged again).
  await openFixture(page, fixture);
  await page.type(PHI_POST);
  await waitForRisk(page, fixture, 'high');
  await page.waitFor((selector) => document.querySelector(selector)?.getAttribute('data-phiguard-mode') === 'server', fixture.editor, { message: 'checked by the server again' });
  assert.equal((await hooks(page, fixture)).findings, before.findings, 'the allow-list is unchanged');
  // The user's own click on a fix still works.
  await clickBadge(page);
  const trusted = await clickFirstFix(page, 'Sandra', 'fix for “Sandra”');
  await waitForText(page, textAfterFix(PHI_POST, 'Sandra', trusted), 'a trusted fix');
}

// ---- server URL: https unless loopback (security) --------------------------------------------

/**
 * Managed policy set an http:// server URL to another host: PHI Guard does not use it, keeps the
 * default loopback server and says why on the options page; the user cannot save one either.
 */
export async function refusesPlainHttpServer(page, optionsUrl, { policyUrl, defaultUrl }) {
  await page.goto(optionsUrl);
  await page.waitFor(() => document.getElementById('serverUrl').value !== '', undefined, { message: 'options loaded' });
  const view = await page.evaluate(() => ({
    serverUrl: document.getElementById('serverUrl').value,
    disabled: document.getElementById('serverUrl').disabled,
    refused: document.querySelector('[data-refused-note="serverUrl"]').hidden ? null : document.querySelector('[data-refused-note="serverUrl"]').textContent,
    hint: document.getElementById('serverUrl-hint').textContent,
  }));
  assert.equal(view.serverUrl, defaultUrl, 'the policy\'s http:// URL is not used');
  assert.equal(view.disabled, false, 'a refused policy value locks nothing');
  assert.ok(view.refused?.includes(policyUrl), `the options page names the refused URL: ${view.refused}`);
  assert.match(view.refused, /https:\/\//);
  assert.match(view.hint, /https:\/\/.*anyone on the network/s, 'the options page says why');
  // The user tries one too.
  await page.evaluate(() => {
    const input = document.getElementById('serverUrl');
    input.value = 'http://192.168.1.20:8765';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  const problem = await page.evaluate(() => !document.getElementById('serverUrl-problem').hidden && document.getElementById('serverUrl-problem').textContent);
  assert.match(problem || '', /unencrypted/, 'the problem shows as the address is typed');
  await page.clickHandle(() => document.querySelector('#settings button[type="submit"]'), undefined, 'Save');
  const saved = await page.waitFor(() => document.getElementById('saved').textContent, undefined, { message: 'save answered' });
  assert.match(saved, /^Not saved: serverUrl: http:\/\/ is only allowed for a server on this computer/);
  const stored = await page.evaluate(async () => (await (globalThis.browser ?? globalThis.chrome).storage.local.get(null)).serverUrl ?? null);
  assert.equal(stored, null, 'no http:// URL to another host was stored');
}

// ---- block mode never fails open (security) ---------------------------------------------------

async function closePanelIfOpen(page) {
  if (!(await ui(page)).panelOpen) return;
  await clickUi(page, { action: 'close' }, 'close the findings list');
  await waitForUi(page, () => !document.querySelector('phiguard-root')?.shadowRoot?.querySelector('.panel'), undefined, 'list closed');
}

/** Set the user's options through the options page (a separate page of the same browser). */
export async function setUserOptions(optionsPage, optionsUrl, values) {
  await optionsPage.goto(optionsUrl);
  await optionsPage.waitFor(() => document.getElementById('serverUrl').value !== '', undefined, { message: 'options loaded' });
  await optionsPage.evaluate((v) => {
    if ('offlineFallback' in v) document.getElementById('offlineFallback').checked = v.offlineFallback;
    if ('enforcement' in v) document.getElementById('enforcement').value = v.enforcement;
    document.getElementById('saved').textContent = '';
    document.querySelector('#settings button[type="submit"]').click();
  }, values);
  await optionsPage.waitFor(() => document.getElementById('saved').textContent === 'Saved.', undefined, { message: 'options saved' });
}

/**
 * Block mode, server unreachable, offline fallback off: the post has no check at all. It is held
 * (Post button and Ctrl+Enter) with a dialog that says so; only the explicit "Post without
 * checking" sends it.
 */
export async function holdsUncheckedPostInBlockMode(page, fixture) {
  await page.type(PHI_POST);
  await waitForRisk(page, fixture, 'offline', 'no check at all (server down, fallback off)');
  await page.click(fixture.postButton);
  await waitForUi(page, () => document.querySelector('phiguard-root')?.shadowRoot?.querySelector('.dialog')?.dataset.kind === 'unchecked', undefined, 'the "not checked" dialog');
  const dialog = await page.evaluate(() => {
    const el = document.querySelector('phiguard-root').shadowRoot.querySelector('.dialog');
    return { title: el.querySelector('h2').textContent, text: el.querySelector('p').textContent, confirm: el.querySelector('[data-action="post-anyway"]')?.textContent ?? null };
  });
  assert.equal(dialog.title, 'PHI Guard could not check this post');
  assert.match(dialog.text, /not been checked/);
  assert.match(dialog.text, /held/);
  assert.equal(dialog.confirm, 'Post without checking', 'an explicit confirm');
  assert.deepEqual(await page.evaluate(() => window.__fixture.posted), [], 'held back: block mode does not fail open');
  await clickUi(page, { action: 'review' }, 'Review');
  await waitForUi(page, () => !document.querySelector('phiguard-root')?.shadowRoot?.querySelector('.dialog'), undefined, 'dialog closed');
  assert.deepEqual(await page.evaluate(() => window.__fixture.posted), [], 'still held after Review');
  await closePanelIfOpen(page);
  await page.click(fixture.editor);
  await page.press('Enter', ['Control']);
  await waitForUi(page, () => document.querySelector('phiguard-root')?.shadowRoot?.querySelector('.dialog')?.dataset.kind === 'unchecked', undefined, 'Ctrl+Enter held too');
  await page.press('Escape');
  await waitForUi(page, () => !document.querySelector('phiguard-root')?.shadowRoot?.querySelector('.dialog'), undefined, 'dialog closed by Escape');
  assert.deepEqual(await page.evaluate(() => window.__fixture.posted), [], 'still held after Ctrl+Enter');
  await closePanelIfOpen(page); // Escape means "review": it opened the list
  await page.click(fixture.postButton);
  await clickUi(page, { action: 'post-anyway' }, 'Post without checking');
  await page.waitFor(() => window.__fixture.posted.length === 1, undefined, { message: 'posted once confirmed' });
  const posted = await page.evaluate(() => window.__fixture.posted[0]);
  assert.equal(fixture.id === 'quill' ? posted.replace(/\n$/, '') : posted, PHI_POST);
}

// ---- fixes in quick succession (security: no corrupted post) ----------------------------------

/**
 * Four fixes clicked back to back, each while the one before is still being applied (Quill waits
 * out its 1 s undo window first): every fix lands on its own span, and the post reads exactly as
 * the four replacements make it. Each is its own undo step.
 */
export async function appliesFixesBackToBack(page, fixture) {
  await page.type(PHI_POST);
  await waitForRisk(page, fixture, 'high');
  await page.waitFor((selector) => document.querySelector(selector)?.getAttribute('data-phiguard-mode') === 'server', fixture.editor, { message: 'checked by the server' });
  await clickBadge(page);
  // What each fix button offers, from the findings list itself.
  const offered = await page.evaluate(() => [...document.querySelector('phiguard-root').shadowRoot.querySelectorAll('.panel .card')].map((card) => ({
    excerpt: card.querySelector('.excerpt').textContent.slice(1, -1),
    labels: [...card.querySelectorAll('[data-action="fix"]')].map((b) => b.textContent),
  })));
  const picks = [];
  for (const excerpt of ['Sandra', '81', 'Whitby', 'My client']) {
    const card = offered.find((c) => c.excerpt === excerpt);
    const label = card?.labels.find((l) => l.startsWith('Replace with'));
    if (label) picks.push({ excerpt, label, replacement: label.slice('Replace with “'.length, -1) });
  }
  assert.ok(picks.length >= 3, `at least three fixes with a replacement: ${JSON.stringify(offered)}`);
  const clickedAt = Date.now();
  for (const pick of picks) await clickUi(page, { action: 'fix', excerpt: pick.excerpt, label: pick.label }, `fix “${pick.excerpt}” → “${pick.replacement}”`);
  const clicking = Date.now() - clickedAt;
  let expected = PHI_POST;
  for (const pick of picks) expected = expected.replace(pick.excerpt, pick.replacement);
  await waitForText(page, expected, `${picks.length} fixes clicked within ${clicking} ms`);
  await page.waitFor((selector) => !['checking'].includes(document.querySelector(selector)?.getAttribute('data-phiguard-risk')), fixture.editor, { message: 're-checked after the fixes' });
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(await fixtureText(page), expected, 'the post is exactly the four fixes, nothing corrupted');
  const notice = await page.evaluate(() => document.querySelector('phiguard-root').shadowRoot.querySelector('.panel .notice.error')?.textContent ?? null);
  assert.equal(notice, null, 'no fix was refused');
}

// ---- the server's 64 KiB limit ----------------------------------------------------------------

function pageSetTextarea({ selector, text }) {
  const textarea = document.querySelector(selector);
  textarea.focus();
  textarea.value = text;
  textarea.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * A post whose request would be one byte over the server's 64 KiB is not sent: the box says
 * "too long" (data-phiguard-risk="too-long") and the list says what that means. One character
 * less, the real server checks it (the limits agree).
 */
export async function showsTooLongPost(page, fixture, { site, requestBytes, maxBytes }) {
  const head = 'Her NHS number is 401 023 2137. ';
  const atLimit = head + 'x'.repeat(maxBytes - requestBytes(head, site));
  assert.equal(requestBytes(atLimit, site), maxBytes);
  await page.evaluate(pageSetTextarea, { selector: fixture.editor, text: `${atLimit}x` });
  await waitForRisk(page, fixture, 'too-long', 'one byte over the limit: too long to check');
  const view = await ui(page);
  assert.equal(view.badgeText, 'too long');
  assert.equal(view.badgeState, 'too-long');
  assert.match(view.badgeLabel, /too long to check \(over 64 KB\)/);
  assert.equal((await hooks(page, fixture)).findings, 0);
  await page.clickHandle(() => document.querySelector('phiguard-root')?.shadowRoot?.querySelector('[data-phiguard-badge]'), undefined, 'PHI Guard badge');
  const status = await page.waitFor(() => document.querySelector('phiguard-root')?.shadowRoot?.querySelector('.panel .status')?.textContent, undefined, { message: 'findings list status' });
  assert.match(status, /too long to check: about 65 KB, and PHI Guard checks posts of up to 64 KB, so none of it has been checked\. Shorten it/);
  await page.press('Escape');
  await page.evaluate(pageSetTextarea, { selector: fixture.editor, text: atLimit });
  await page.waitFor((selector) => {
    const editor = document.querySelector(selector);
    return editor.getAttribute('data-phiguard-mode') === 'server' && editor.getAttribute('data-phiguard-risk') === 'high';
  }, fixture.editor, { message: 'exactly at the limit, the server checks it (and flags the NHS number)', timeout: 90000 });
}

// ---- the allow-list keeps no words (privacy) -----------------------------------------------------

/**
 * After "Always allow" on "Whitby": storage holds a salted hash, not the word; the options page
 * lists the entry without it, finds it when the word is typed, and removes it.
 */
export async function keepsAllowListAsHashes(page, optionsUrl, word = 'Whitby') {
  await page.goto(optionsUrl);
  await page.waitFor(() => document.querySelectorAll('#allow-list li').length === 1, undefined, { message: 'one allow-list entry' });
  const stored = await page.evaluate(async () => JSON.stringify(await (globalThis.browser ?? globalThis.chrome).storage.local.get(null)));
  assert.ok(!stored.toLowerCase().includes(word.toLowerCase()), `the word is not in storage: ${stored}`);
  assert.match(stored, /"allowList":\["sha256:[0-9a-f]{64}"\]/);
  const listed = await page.evaluate(() => document.getElementById('allow-list').textContent);
  assert.ok(!listed.toLowerCase().includes(word.toLowerCase()), 'the page cannot show the word');
  assert.match(await page.evaluate(() => document.getElementById('allow-privacy').textContent), /salted hash/);
  const ask = async (action, term) => {
    await page.evaluate((t) => {
      document.getElementById('allow-term').value = t;
      document.getElementById('allow-result').textContent = '';
    }, term);
    await page.clickHandle((a) => document.querySelector(`#allow-form [data-allow-action="${a}"]`), action, `${action} button`);
    return page.waitFor(() => document.getElementById('allow-result').textContent, undefined, { message: `${action} answered` });
  };
  assert.match(await ask('find', word.toUpperCase()), /is on the list \(entry 1\)/);
  assert.match(await ask('find', 'Scarborough'), /is not on the list/);
  assert.match(await ask('remove', word.toLowerCase()), /^Removed/);
  await page.waitFor(() => document.querySelectorAll('#allow-list li').length === 0, undefined, { message: 'allow-list emptied' });
}
