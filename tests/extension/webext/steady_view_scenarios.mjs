// The findings view drawn again while the user is clicking in it (a fix landing, an answer
// arriving) never moves or replaces what is under the pointer, so a click lands on the button it
// was aimed at (steady_view.js, page_ui.js). Each case makes the redraw happen, on purpose, at the
// worst moment, and then clicks at the point where the button was: with the mouse resting on a
// scrolled view (it used to scroll back to its top: the click hit the title and the fix was lost,
// the CI failure of "fixes in quick succession" in Firefox), right after the card above is fixed
// (its card vanished and pulled the next one up: the click hit another card), and between
// mousedown and mouseup (a replaced button gets no click).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PHI_POST } from './editor_fixtures.mjs';
import { openFixture, waitForServerRisk, waitForText } from './scenarios.mjs';

const TYPED = ' Thanks.';

// ---- functions evaluated in the page (self-contained) ------------------------------------

/**
 * Every fix button of the findings view whose centre is in sight, in order, with its card's
 * excerpt, its label and where its centre is on screen. First the view is scrolled: `last`, the
 * last "Replace with" button to the view's bottom edge; `first`, the first card to its top edge.
 */
function pageFixButtons(scrollTo) {
  const view = document.querySelector('phiguard-root').shadowRoot.querySelector('.panel');
  if (scrollTo === 'last') {
    const buttons = [...view.querySelectorAll('.card [data-action="fix"]')].filter((b) => b.textContent.startsWith('Replace with'));
    buttons[buttons.length - 1]?.scrollIntoView({ block: 'end' });
  } else if (scrollTo === 'first') {
    view.querySelector('.card')?.scrollIntoView({ block: 'start' });
  }
  const box = view.getBoundingClientRect();
  const cards = [...view.querySelectorAll('.card')];
  const buttons = cards.flatMap((card, index) => [...card.querySelectorAll('[data-action="fix"]')].map((button) => {
    const rect = button.getBoundingClientRect();
    return { card: index, list: [...view.querySelectorAll('ul.cards')].indexOf(card.closest('ul.cards')), excerpt: card.querySelector('.excerpt').textContent.slice(1, -1), label: button.textContent, x: Math.round(rect.left + rect.width / 2), y: Math.round(rect.top + rect.height / 2) };
  }));
  return { scrollTop: view.scrollTop, buttons: buttons.filter((b) => b.y > box.top + 4 && b.y < box.bottom - 4) };
}

/** The caret at the end of the post, in the editor (set from the page, so the mouse stays where it is). */
function pageCaretAtEnd(selector) {
  const editor = document.querySelector(selector);
  editor.focus();
  if (editor.setSelectionRange) {
    editor.setSelectionRange(editor.value.length, editor.value.length);
    return;
  }
  // Inside the last text node: the editors map a caret there onto their own model (one after the
  // last block they may not).
  const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT, { acceptNode: (node) => (node.data.length ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP) });
  let last = null;
  while (walker.nextNode()) last = walker.currentNode;
  const range = document.createRange();
  range.setStart(last, last.data.length);
  range.collapse(true);
  const selection = document.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}

/** The fix button at a point of the screen: its card's excerpt and its label (null when none is there). */
function pageFixButtonAt({ x, y }) {
  const button = document.querySelector('phiguard-root').shadowRoot.elementFromPoint(x, y)?.closest('[data-action="fix"]');
  return button ? { excerpt: button.closest('.card').querySelector('.excerpt').textContent.slice(1, -1), label: button.textContent } : null;
}

/** Remember the drawing of the view shown now, to tell when it has been drawn again. */
function pageMarkView() {
  window.__phiguardDrawing = document.querySelector('phiguard-root').shadowRoot.querySelector('.panel');
}

function pageRedrawn({ selector, text }) {
  const view = document.querySelector('phiguard-root').shadowRoot.querySelector('.panel');
  const risk = document.querySelector(selector).getAttribute('data-phiguard-risk');
  const now = window.__fixture.getText();
  return (window.__fixture.editor === 'quill' ? now.replace(/\n$/, '') : now) === text && risk !== 'checking' && !!view && view !== window.__phiguardDrawing;
}

function pageErrorNotice() {
  return document.querySelector('phiguard-root').shadowRoot.querySelector('.panel .notice.error')?.textContent ?? null;
}

// ---- helpers -----------------------------------------------------------------------------

/** The post once a fix button labelled `label` on the card of `excerpt` is applied. */
function textAfterFix(text, excerpt, label) {
  const replaced = /^Replace with “(.*)”$/.exec(label);
  if (replaced) return text.replace(excerpt, replaced[1]);
  assert.match(label, /^Remove /, `a fix is a replacement or a removal: ${label}`);
  return text.replace(excerpt, '').replace(/ +([,.;:!?])/g, '$1').replace(/ {2,}/g, ' ');
}


/** The PHI post typed and checked by the server, and its findings view open. */
async function openFindings(page, fixture) {
  await page.type(PHI_POST);
  await waitForServerRisk(page, fixture, 'high', 'checked by the server: high');
  // The badge is a button: clicking it keeps the caret at the end of the post.
  await page.clickHandle(() => document.querySelector('phiguard-root')?.shadowRoot?.querySelector('[data-phiguard-badge]'), undefined, 'PHI Guard badge');
  await page.waitFor(() => !!document.querySelector('phiguard-root')?.shadowRoot?.querySelector('.panel .card'), undefined, { message: 'findings view' });
}

async function typeAtEnd(page, fixture) {
  await page.evaluate(pageCaretAtEnd, fixture.editor);
  await new Promise((resolve) => setTimeout(resolve, 100)); // editors take in the selection on selectionchange
  await page.type(TYPED);
}

/** Type at the caret (the post's end) and wait for the view to be drawn again with the answer for the new text. */
async function redrawByTyping(page, fixture, expected) {
  await page.evaluate(pageMarkView);
  await typeAtEnd(page, fixture);
  await page.waitFor(pageRedrawn, { selector: fixture.editor, text: expected }, { message: 'the view drawn again with the answer for the new text' });
}

async function assertNoErrorNotice(page) {
  assert.equal(await page.evaluate(pageErrorNotice), null, 'no fix was refused');
}

// ---- the cases ---------------------------------------------------------------------------

/** The mouse rests on a fix button of a scrolled view; an answer redraws the view; the click still hits that button. */
export async function clickLandsAfterRedrawOfScrolledView(page, fixture) {
  await openFindings(page, fixture);
  const { scrollTop, buttons } = await page.evaluate(pageFixButtons, 'last');
  assert.ok(scrollTop > 0, `the view scrolls (the case needs a scrolled view): scrollTop ${scrollTop}`);
  const target = buttons.filter((b) => b.label.startsWith('Replace with')).at(-1);
  assert.ok(target, `a "Replace with" fix in sight: ${JSON.stringify(buttons)}`);
  await page.hover(target.x, target.y);
  await redrawByTyping(page, fixture, PHI_POST + TYPED);
  assert.deepEqual(await page.evaluate(pageFixButtonAt, target), { excerpt: target.excerpt, label: target.label }, 'the same button under the mouse after the redraw');
  await page.mouseDown();
  await page.mouseUp();
  await waitForText(page, textAfterFix(PHI_POST + TYPED, target.excerpt, target.label), `“${target.excerpt}” fixed by a click after the redraw`);
  await assertNoErrorNotice(page);
}

/** Two neighbouring cards' fixes clicked where they were: the first card's going does not pull the second under the pointer away. */
export async function clickLandsAfterCardAboveIsFixed(page, fixture) {
  await openFindings(page, fixture);
  const { buttons } = await page.evaluate(pageFixButtons, 'first');
  const firstOfCard = buttons.filter((b, i) => i === 0 || buttons[i - 1].card !== b.card);
  const pairs = firstOfCard.slice(1).map((b, i) => [firstOfCard[i], b]).filter(([a, b]) => a.list === b.list && b.card === a.card + 1 && a.excerpt !== b.excerpt);
  const pair = pairs.find(([a, b]) => a.label.startsWith('Replace with') && b.label.startsWith('Replace with')) ?? pairs[0];
  assert.ok(pair, `two neighbouring cards with a fix, in sight: ${JSON.stringify(buttons)}`);
  const [first, second] = pair;
  await page.hover(first.x, first.y);
  await page.evaluate(pageMarkView);
  await page.mouseDown();
  await page.mouseUp();
  const afterFirst = textAfterFix(PHI_POST, first.excerpt, first.label);
  await waitForText(page, afterFirst, `“${first.excerpt}” fixed`);
  await page.waitFor(pageRedrawn, { selector: fixture.editor, text: afterFirst }, { message: 'the view drawn again with the answer for the fixed text' });
  // The fixes offered are worked out in context, so the label may now differ; the card may not.
  const there = await page.evaluate(pageFixButtonAt, second);
  assert.equal(there?.excerpt, second.excerpt, `the fix button of “${second.excerpt}” is still where it was: ${JSON.stringify(there)}`);
  await page.hover(second.x, second.y);
  await page.mouseDown();
  await page.mouseUp();
  await waitForText(page, textAfterFix(afterFirst, second.excerpt, there.label), `then “${second.excerpt}”, clicked where its button was`);
  await assertNoErrorNotice(page);
}

/** The view is drawn again (twice) between mousedown and mouseup on a fix button: the click still applies that fix. */
export async function clickLandsWhenRedrawnDuringPress(page, fixture) {
  await openFindings(page, fixture);
  const { buttons } = await page.evaluate(pageFixButtons, null);
  const target = buttons.find((b) => b.label.startsWith('Replace with')) ?? buttons[0];
  assert.ok(target, `a fix in sight: ${JSON.stringify(buttons)}`);
  await page.hover(target.x, target.y);
  await page.mouseDown();
  // Two answers come in (the hook says so) while the button is still held down: its finding is
  // then two answers old.
  let text = PHI_POST;
  for (let i = 0; i < 2; i += 1) {
    await typeAtEnd(page, fixture);
    text += TYPED;
    await page.waitFor(({ selector, want }) => {
      const now = window.__fixture.getText();
      return (window.__fixture.editor === 'quill' ? now.replace(/\n$/, '') : now) === want && document.querySelector(selector).getAttribute('data-phiguard-risk') === 'high';
    }, { selector: fixture.editor, want: text }, { message: `answer ${i + 1} for the new text, mid-press` });
  }
  await page.mouseUp();
  await waitForText(page, textAfterFix(text, target.excerpt, target.label), `“${target.excerpt}” fixed by the press`);
  await assertNoErrorNotice(page);
}

/** One describe per editor, each case on a fresh page. */
export function describeSteadyViewSuites(fixtures, newPage) {
  for (const fixture of fixtures) {
    describe(`the findings view holds still under the pointer (${fixture.id})`, () => {
      const onFreshPage = (run) => async () => {
        const page = await newPage();
        try {
          await openFixture(page, fixture);
          await run(page, fixture);
        } finally {
          await page.close();
        }
      };
      it('a redraw of a scrolled view under the resting mouse: the click lands on its button', onFreshPage(clickLandsAfterRedrawOfScrolledView));
      it('the card above fixed: the next card\'s button stays where it was clicked', onFreshPage(clickLandsAfterCardAboveIsFixed));
      it('redraws between mousedown and mouseup: the click still applies its fix', onFreshPage(clickLandsWhenRedrawnDuringPress));
    });
  }
}
