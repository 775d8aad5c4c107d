// The page's shared UI in <phiguard-root>: the findings view (one at a time, grouped by sentence,
// placed beside the composer, never on its text), the card of one finding (on hover, or at the
// caret with the keyboard) and the pre-send confirm dialog. Buttons carry the stable data-action
// hooks (rephrase | apply-suggestion | fix | dismiss | post-anyway | review, and use-rewrite |
// fix-all | keep-topic | show-more | close); one delegated listener
// routes them to the compose box they belong to. Only the user's own input acts: untrusted events
// (a site's script calling el.click() or dispatching events) are ignored, and a button does what
// PHI Guard made it for (actionOf), whatever the page has since done to its attributes.

import { phiguardRoot, element, actionOf, onlyTrusted } from './phiguard_root.js';
import { buildFindingCard, categoryTag } from './finding_card.js';
import { SEVERITY_LABELS, UNDERLINE_GROUPS, underlineGroupOf } from './finding_labels.js';
import { placeCard, placePanel } from './placement.js';
import { STRINGS } from './ui_strings.js';
import { trackPointer, pointerPosition, contains, cardIdentity, captureLayout, restoreLayout, ACTIONS_IDENTITY } from './steady_view.js';

const DIALOG_SHOWN = 5; // findings the pre-send dialog lists before "+N more"

let panel = null; // {watcher, element, restoreTo, active, held}
let card = null; // {watcher, findingId, element, keyboard}
let dialog = null; // {watcher, element, backdrop, onPostAnyway, onReview, restoreFocus}
let installed = false;
// A press on the findings view, and the drawing asked for meanwhile: a button replaced between
// mousedown and mouseup gets no click (the click would be lost), so the view is drawn again only
// once the press is over.
let pressing = false;
let drawAfterPress = null; // {watcher, focus}
let hideCardTimer = null;

function install() {
  if (installed && phiguardRoot().layer.isConnected) return;
  installed = true;
  const { layer } = phiguardRoot();
  layer.addEventListener('mousedown', (event) => {
    // Clicking our buttons must not take the caret out of the editor.
    if (event.target.closest?.('button') && !dialog) event.preventDefault();
    if (event.isTrusted && panel?.element.contains(event.target)) pressing = true;
  });
  layer.addEventListener('click', onlyTrusted(onAction));
  for (const type of ['mousemove', 'mousedown']) document.addEventListener(type, onlyTrusted(onPointer), { capture: true, passive: true });
  document.addEventListener('mouseup', onlyTrusted(endPress), { capture: true, passive: true });
  layer.addEventListener('keydown', onlyTrusted(onKeydown));
  layer.addEventListener('focusin', onlyTrusted(onFocusIn));
  layer.addEventListener('mouseover', onlyTrusted((event) => {
    if (card && card.element.contains(event.target)) clearTimeout(hideCardTimer);
  }));
  layer.addEventListener('mouseout', onlyTrusted((event) => {
    if (card && !card.keyboard && card.element.contains(event.target) && !card.element.contains(event.relatedTarget)) scheduleHideCard();
  }));
}

/** The view held still under the pointer (steady_view.js) is drawn at its natural size once the pointer leaves it. */
function onPointer(event) {
  trackPointer(event);
  if (pressing && event.type === 'mousemove' && !event.buttons) endPress(); // released where no mouseup reached us
  if (!pressing && panel?.held && !contains(panel.element.getBoundingClientRect(), pointerPosition())) openPanel(panel.watcher);
}

/** The press is over: once its click has been handled (same task, after mouseup), draw what was asked for meanwhile. */
function endPress() {
  if (!pressing) return;
  pressing = false;
  setTimeout(() => {
    const pending = drawAfterPress;
    drawAfterPress = null;
    if (pending && panel && !pressing) openPanel(pending.watcher, { focus: pending.focus });
  }, 0);
}

function onAction(event) {
  const button = event.target.closest?.('[data-action]');
  const spec = button && actionOf(button);
  if (!spec) return;
  const owner = dialog?.element.contains(button) ? dialog : panel?.element.contains(button) ? panel : card?.element.contains(button) ? card : null;
  if (!owner) return;
  const { watcher } = owner;
  const fromKeyboardCard = owner === card && card.keyboard;
  switch (spec.action) {
    case 'fix':
      hideCard();
      watcher.applyFix(spec.findingId, spec.replacementIndex);
      if (fromKeyboardCard) watcher.returnToEditor();
      break;
    case 'dismiss':
      hideCard();
      watcher.dismiss(spec.findingId, spec.scope === 'always');
      if (fromKeyboardCard) watcher.returnToEditor();
      break;
    case 'keep-topic':
      hideCard();
      watcher.keepTopic(spec.findingId);
      if (fromKeyboardCard) watcher.returnToEditor();
      break;
    case 'fix-all':
      watcher.fixAll();
      break;
    case 'use-rewrite':
      if (owner === dialog) closeSendDialog();
      watcher.useSafeRewrite();
      break;
    case 'rephrase':
      watcher.rephrase();
      break;
    case 'apply-suggestion':
      watcher.applySuggestion(spec.suggestionIndex);
      break;
    case 'post-anyway':
      dialog.onPostAnyway();
      break;
    case 'review':
      dialog.onReview();
      break;
    case 'show-more':
      showAllDialogFindings(button);
      break;
    case 'close':
      if (owner === panel) closePanel({ restoreFocus: true });
      break;
    default:
  }
}

/** Keep Tab inside `container` (the modal dialog, the findings view, the keyboard card). */
function trapTab(event, container) {
  const buttons = [...container.querySelectorAll('button')].filter((b) => !b.hidden && !b.closest('[hidden]') && b.tabIndex >= 0 && !b.disabled);
  if (!buttons.length) return;
  const index = buttons.indexOf(phiguardRoot().shadow.activeElement);
  const next = event.shiftKey ? (index <= 0 ? buttons.length - 1 : index - 1) : (index + 1) % buttons.length;
  event.preventDefault();
  buttons[next]?.focus();
}

const NEXT_KEYS = new Set(['ArrowDown', 'ArrowRight']);
const PREVIOUS_KEYS = new Set(['ArrowUp', 'ArrowLeft']);

function onKeydown(event) {
  if (dialog && event.key === 'Escape') {
    event.preventDefault();
    dialog.onReview();
  } else if (dialog && event.key === 'Tab') {
    trapTab(event, dialog.element);
  } else if (card?.keyboard && card.element.contains(event.target)) {
    if (event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyP') {
      // The shortcut again: from one finding to all of them.
      event.preventDefault();
      const { watcher } = card;
      hideCard();
      openPanel(watcher, { focus: true });
    } else if (event.key === 'Escape') {
      event.preventDefault();
      const { watcher } = card;
      hideCard();
      watcher.returnToEditor();
    } else if (NEXT_KEYS.has(event.key) || PREVIOUS_KEYS.has(event.key)) {
      event.preventDefault();
      card.watcher.stepCard(card.findingId, NEXT_KEYS.has(event.key) ? 1 : -1);
    } else if (event.key === 'Tab') {
      trapTab(event, card.element);
    }
  } else if (panel && panel.element.contains(event.target)) {
    if (event.key === 'Escape') {
      event.preventDefault();
      closePanel({ restoreFocus: true });
    } else if ((NEXT_KEYS.has(event.key) || PREVIOUS_KEYS.has(event.key)) && event.target.closest?.('.card')) {
      event.preventDefault();
      moveInPanel(NEXT_KEYS.has(event.key) ? 1 : -1);
    } else if (event.key === 'Tab') {
      trapTab(event, panel.element);
    }
  } else if (card && event.key === 'Escape') {
    hideCard();
  }
}

/** A card in the findings view got focus: it becomes the active one, and its text is marked in the editor. */
function onFocusIn(event) {
  if (!panel || !panel.element.contains(event.target)) return;
  const cardEl = event.target.closest?.('.card');
  if (!cardEl) {
    panel.watcher.markFinding(null);
    return;
  }
  const cards = [...panel.element.querySelectorAll('.card')];
  setActiveCard(cards.indexOf(cardEl), { focus: false });
}

/** Roving focus: only the active card's buttons are Tab stops; arrows move between cards. */
function setActiveCard(index, { focus = true } = {}) {
  const cards = [...panel.element.querySelectorAll('.card')];
  if (!cards.length) return;
  const active = Math.max(0, Math.min(index, cards.length - 1));
  panel.active = active;
  cards.forEach((el, i) => {
    for (const button of el.querySelectorAll('button')) button.tabIndex = i === active ? 0 : -1;
  });
  const el = cards[active];
  if (focus) {
    (el.querySelector('button') ?? el).focus();
    el.scrollIntoView({ block: 'nearest' });
  }
  panel.watcher.markFinding(el.dataset.findingId);
}

function moveInPanel(step) {
  const cards = [...panel.element.querySelectorAll('.card')];
  if (!cards.length) return;
  setActiveCard((panel.active + step + cards.length) % cards.length);
}

function viewport() {
  return { width: document.documentElement.clientWidth || window.innerWidth, height: window.innerHeight };
}

/** The findings view in the free space beside, below or above the composer: never on its text. */
function placePanelElement(el, watcher) {
  el.style.maxHeight = '';
  const natural = { width: el.offsetWidth || 360, height: el.offsetHeight || 300 };
  const spot = placePanel(natural, watcher.keepOutRects(), viewport());
  el.style.left = `${spot.left}px`;
  el.style.top = `${spot.top}px`;
  el.style.width = `${spot.width}px`;
  el.style.maxHeight = `${spot.maxHeight}px`;
}

function placeCardElement(el, watcher, findingId) {
  const geometry = watcher.cardGeometry(findingId);
  if (!geometry) return;
  const size = { width: el.offsetWidth || 320, height: el.offsetHeight || 160 };
  const spot = placeCard(size, geometry.spanRects, geometry.box, geometry.avoid, viewport());
  el.style.left = `${spot.left}px`;
  el.style.top = `${spot.top}px`;
}

/** Light or dark from the editor's background, and its category colours (the underlines') for edges and swatches. */
function themed(el, watcher) {
  el.dataset.theme = watcher.theme();
  for (const [group, colour] of Object.entries(watcher.categoryColours())) el.style.setProperty(`--cat-${group}`, colour);
  return el;
}

/**
 * Open (or re-render) the findings view of one compose box.
 * @param watcher  an EditorWatcher
 * @param {{focus?: boolean}} options
 */
export function openPanel(watcher, { focus = false } = {}) {
  install();
  if (pressing && panel) {
    drawAfterPress = { watcher, focus: focus || (drawAfterPress?.focus ?? false) };
    return;
  }
  hideCard();
  const { layer } = phiguardRoot();
  if (panel && panel.watcher !== watcher) closePanel();
  const view = watcher.panelView();
  const s = STRINGS.panel;
  const titleId = `phiguard-panel-title-${watcher.id}`;
  const header = element('header', {}, [
    element('h2', { text: s.title, attrs: { id: titleId } }),
    element('button', { className: 'close', text: '×', attrs: { type: 'button', 'data-action': 'close', 'aria-label': s.close } }),
  ]);
  const body = [header];
  body.push(element('p', { className: 'status', text: view.status }));
  if (view.summary) body.push(element('p', { className: 'summary', text: view.summary }));
  const actions = element('div', { className: 'actions', attrs: { 'data-identity': ACTIONS_IDENTITY } });
  if (view.canRephrase && view.findings.length) {
    actions.append(element('button', {
      className: 'primary',
      text: s.useRewrite,
      attrs: { type: 'button', 'data-action': 'use-rewrite', 'aria-label': s.useRewriteLabel, disabled: view.rephrasing },
    }));
  }
  if (view.fixable > 1) {
    actions.append(element('button', { className: 'secondary', text: s.fixAll(view.fixable), attrs: { type: 'button', 'data-action': 'fix-all', 'aria-label': s.fixAllLabel(view.fixable) } }));
  }
  if (view.canRephrase) {
    actions.append(element('button', {
      className: 'secondary',
      text: view.rephrasing ? s.rephrasing : s.rephrase,
      attrs: { type: 'button', 'data-action': 'rephrase', 'aria-busy': view.rephrasing ? 'true' : undefined, disabled: view.rephrasing },
    }));
  }
  body.push(actions);
  if (view.notice) body.push(element('p', { className: `notice${view.noticeIsError ? ' error' : ''}`, text: view.notice, attrs: { role: 'alert' } }));
  if (view.suggestions?.length) {
    const list = element('ul', { className: 'suggestions', attrs: { 'aria-label': s.suggestions } });
    view.suggestions.forEach((suggestion, index) => {
      list.append(element('li', { className: 'suggestion' }, [
        element('p', { text: suggestion.text }),
        suggestion.explanation ? element('p', { className: 'why', text: suggestion.explanation }) : null,
        element('button', {
          className: 'primary',
          text: s.useSuggestion,
          attrs: { type: 'button', 'data-action': 'apply-suggestion', 'data-suggestion-index': index, 'aria-label': `Use suggestion ${index + 1}` },
        }),
      ]));
    });
    body.push(list);
  }
  if (view.groups.length) {
    const total = view.findings.length;
    let position = 0;
    const seen = new Map();
    for (const group of view.groups) {
      const list = element('ul', { className: 'cards', attrs: { 'aria-label': group.label } });
      for (const finding of group.findings) {
        position += 1;
        const cardEl = buildFindingCard(finding, { allowAlways: view.allowAlways, mustFix: finding.mustFix, organisationName: view.organisationName, guidance: view.guidance, position, total });
        cardEl.dataset.identity = cardIdentity(finding, seen);
        list.append(cardEl);
      }
      const present = new Set(group.findings.map((finding) => underlineGroupOf(finding.type)));
      const legend = element('p', { className: 'group-categories', attrs: { 'aria-label': s.groupCategories } }, UNDERLINE_GROUPS.filter((g) => present.has(g)).map(categoryTag));
      body.push(element('section', { className: 'group' }, [element('h3', { className: 'group-title', text: group.label }), legend, list]));
    }
    body.push(element('p', { className: 'keys', text: s.keys }));
  } else {
    body.push(element('p', { className: 'notice', text: view.emptyText }));
  }
  const el = themed(element('section', { className: 'panel', attrs: { role: 'dialog', 'aria-labelledby': titleId, 'data-watcher': watcher.id } }, body), watcher);
  const previous = panel?.element;
  const layout = previous?.isConnected ? captureLayout(previous) : null;
  const hadFocus = previous && phiguardRoot().shadow.activeElement && previous.contains(phiguardRoot().shadow.activeElement);
  if (previous) previous.replaceWith(el);
  else layer.append(el);
  panel = { watcher, element: el, restoreTo: panel?.restoreTo ?? null, active: panel?.active ?? 0, held: false };
  placePanelElement(el, watcher);
  if (layout) panel.held = restoreLayout(el, layout, { slotText: s.noLongerFlagged });
  const cards = el.querySelectorAll('.card');
  if (cards.length) setActiveCard(panel.active, { focus: false });
  if (focus || hadFocus) {
    panel.restoreTo ??= watcher.element;
    const target = el.querySelector('[data-action="apply-suggestion"]') ?? (cards.length ? cards[panel.active].querySelector('button') : null) ?? el.querySelector('[data-action="rephrase"]') ?? el.querySelector('button');
    target?.focus({ preventScroll: panel.held }); // held: focus must not scroll it away from the pointer
  }
}

export function panelOpenFor(watcher) {
  return panel?.watcher === watcher;
}

export function closePanel({ restoreFocus = false } = {}) {
  if (!panel) return;
  const { element: el, restoreTo, watcher } = panel;
  panel = null;
  drawAfterPress = null;
  el.remove();
  watcher.markFinding(null);
  if (restoreFocus && restoreTo?.isConnected) watcher.returnToEditor();
}

/** Scrolling, resizing, a new line: everything follows its anchor. */
export function repositionUi() {
  if (panel && !panel.held) placePanelElement(panel.element, panel.watcher); // held: placed again once the pointer leaves
  if (card) placeCardElement(card.element, card.watcher, card.findingId);
}

/**
 * Show the card of one finding, clear of its text and of the send button. With `focus` (the
 * keyboard shortcut, or arrows from another card) its first button takes the focus: Enter
 * applies the first fix, arrows move to the next finding, Escape returns to the editor.
 */
export function showCard(watcher, finding, { focus = false } = {}) {
  install();
  clearTimeout(hideCardTimer);
  if (!focus && card?.keyboard && card.watcher === watcher) {
    // The keyboard's card stays until Escape or an action (as scheduleHideCard): the caret or the mouse
    // does not replace it. A re-check that renews its finding (same text, new id) renews it in place,
    // with the focus, which would otherwise fall to the page.
    if (card.start !== finding.start || card.end !== finding.end || card.findingId === finding.id) return;
    focus = true;
  }
  if (card?.watcher === watcher && card.findingId === finding.id && !focus) return;
  hideCard();
  if (panel?.watcher === watcher) return; // the list already shows it
  const position = watcher.positionOf(finding.id);
  const el = themed(buildFindingCard(finding, { ...watcher.cardOptions(finding), floating: true, ...position }), watcher);
  phiguardRoot().layer.append(el);
  card = { watcher, findingId: finding.id, start: finding.start, end: finding.end, element: el, keyboard: focus };
  placeCardElement(el, watcher, finding.id);
  if (focus) {
    watcher.markFinding(finding.id);
    (el.querySelector('[data-action="fix"]') ?? el.querySelector('button'))?.focus({ preventScroll: true });
  }
}

export function scheduleHideCard(delay = 300) {
  clearTimeout(hideCardTimer);
  if (card?.keyboard) return; // the keyboard's card stays until Escape or an action
  hideCardTimer = setTimeout(hideCard, delay);
}

export function hideCard() {
  clearTimeout(hideCardTimer);
  if (card?.keyboard) card.watcher.markFinding(null);
  card?.element.remove();
  card = null;
}

export function cardShownFor(watcher) {
  return card?.watcher === watcher ? card.findingId : null;
}

function showAllDialogFindings(button) {
  const list = button.closest('.dialog')?.querySelector('ul.findings');
  if (!list) return;
  for (const item of list.querySelectorAll('li[hidden]')) item.hidden = false;
  const first = list.querySelector('li.folded');
  button.remove();
  first?.setAttribute('tabindex', '-1');
  first?.focus();
}

/**
 * The pre-send confirm. kind: 'warn' (review / post anyway), 'block' (review only),
 * 'checking' (result pending; post anyway allowed unless blocking), 'unchecked' (block mode, no
 * answer at all: review, or the explicit "Post without checking").
 */
export function showSendDialog(watcher, { kind, findings, organisationName, uncheckedReason = '', canRewrite = false, onPostAnyway, onReview }) {
  install();
  closeSendDialog();
  hideCard();
  const { layer } = phiguardRoot();
  const titleId = `phiguard-dialog-title-${watcher.id}`;
  const descId = `phiguard-dialog-desc-${watcher.id}`;
  const d = STRINGS.dialog;
  const organisation = organisationName || '';
  const title = kind === 'checking' ? d.checkingTitle
    : kind === 'block' ? d.blockTitle
      : kind === 'unchecked' ? d.uncheckedTitle
        : d.warnTitle;
  const lines = [];
  if (kind === 'checking') lines.push(d.checking);
  else if (kind === 'block') lines.push(d.block(organisation));
  else if (kind === 'unchecked') {
    lines.push(uncheckedReason || d.uncheckedNone);
    lines.push(d.uncheckedRequired(organisation));
    lines.push(d.uncheckedReadAgain);
  } else lines.push(d.warn);
  let detailList = null;
  let more = null;
  if (findings?.length) {
    detailList = element('ul', { className: 'findings' }, findings.map((f, index) => {
      const item = element('li', { className: index === DIALOG_SHOWN ? 'folded' : undefined, text: `${f.label}: “${f.text}” (${SEVERITY_LABELS[f.severity]})` });
      item.hidden = index >= DIALOG_SHOWN;
      return item;
    }));
    const hidden = findings.length - DIALOG_SHOWN;
    if (hidden > 0) more = element('button', { className: 'link', text: d.more(hidden), attrs: { type: 'button', 'data-action': 'show-more', 'aria-label': d.moreLabel(hidden) } });
  }
  const offerRewrite = canRewrite && (kind === 'warn' || kind === 'block');
  const buttons = element('div', { className: 'actions' }, [
    offerRewrite ? element('button', { className: 'primary', text: d.useRewrite, attrs: { type: 'button', 'data-action': 'use-rewrite' } }) : null,
    element('button', { className: offerRewrite ? 'secondary' : 'primary', text: kind === 'block' ? d.reviewFix : d.review, attrs: { type: 'button', 'data-action': 'review' } }),
    kind !== 'block' ? element('button', {
      className: 'secondary',
      text: kind === 'unchecked' ? d.postUnchecked : d.postAnyway,
      attrs: { type: 'button', 'data-action': 'post-anyway', 'aria-label': kind === 'unchecked' ? d.postUncheckedLabel : undefined },
    }) : null,
  ]);
  const el = element('div', {
    className: 'dialog',
    attrs: { role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': titleId, 'aria-describedby': descId, 'data-watcher': watcher.id, 'data-kind': kind },
  }, [
    element('h2', { text: title, attrs: { id: titleId } }),
    element('p', { text: lines.join(' '), attrs: { id: descId } }),
    detailList,
    more,
    buttons,
  ]);
  themed(el, watcher);
  const backdrop = element('div', { className: 'backdrop' });
  layer.append(backdrop, el);
  const restoreFocus = document.activeElement;
  dialog = {
    watcher,
    element: el,
    backdrop,
    kind,
    onPostAnyway: () => {
      closeSendDialog();
      onPostAnyway();
    },
    onReview: () => {
      closeSendDialog();
      onReview();
    },
    restoreFocus,
  };
  el.querySelector('[data-action="review"]').focus();
  return dialog;
}

export function openSendDialog() {
  return dialog;
}

export function sendDialogFor(watcher) {
  return dialog?.watcher === watcher ? dialog : null;
}

export function closeSendDialog() {
  if (!dialog) return;
  dialog.element.remove();
  dialog.backdrop.remove();
  dialog = null;
}

/** Forget everything that belongs to a compose box that is going away. */
export function forgetWatcher(watcher) {
  if (panel?.watcher === watcher) closePanel();
  if (card?.watcher === watcher) hideCard();
  if (dialog?.watcher === watcher) closeSendDialog();
}
