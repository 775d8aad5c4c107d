// The page's shared UI in <phiguard-root>: the findings list (one at a time), the hover card and
// the pre-send confirm dialog. Buttons carry the stable data-action hooks
// (rephrase | apply-suggestion | fix | dismiss | post-anyway | review); one delegated listener
// routes them to the compose box they belong to. Only the user's own input acts: untrusted events
// (a site's script calling el.click() or dispatching events) are ignored, and a button does what
// PHI Guard made it for (actionOf), whatever the page has since done to its attributes.

import { phiguardRoot, element, actionOf, onlyTrusted } from './phiguard_root.js';
import { buildFindingCard } from './finding_card.js';
import { SEVERITY_LABELS } from './finding_labels.js';

let panel = null; // {watcher, element}
let card = null; // {watcher, findingId, element}
let dialog = null; // {watcher, element, backdrop, onPostAnyway, onReview, restoreFocus}
let installed = false;
let hideCardTimer = null;

function install() {
  if (installed && phiguardRoot().layer.isConnected) return;
  installed = true;
  const { layer } = phiguardRoot();
  layer.addEventListener('mousedown', (event) => {
    // Clicking our buttons must not take the caret out of the editor.
    if (event.target.closest?.('button') && !dialog) event.preventDefault();
  });
  layer.addEventListener('click', onlyTrusted(onAction));
  layer.addEventListener('keydown', onlyTrusted(onKeydown));
  layer.addEventListener('mouseover', onlyTrusted((event) => {
    if (card && card.element.contains(event.target)) clearTimeout(hideCardTimer);
  }));
  layer.addEventListener('mouseout', onlyTrusted((event) => {
    if (card && card.element.contains(event.target) && !card.element.contains(event.relatedTarget)) scheduleHideCard();
  }));
}

function onAction(event) {
  const button = event.target.closest?.('[data-action]');
  const spec = button && actionOf(button);
  if (!spec) return;
  const owner = dialog?.element.contains(button) ? dialog : panel?.element.contains(button) ? panel : card?.element.contains(button) ? card : null;
  if (!owner) return;
  const { watcher } = owner;
  switch (spec.action) {
    case 'fix':
      hideCard();
      watcher.applyFix(spec.findingId, spec.replacementIndex);
      break;
    case 'dismiss':
      hideCard();
      watcher.dismiss(spec.findingId, spec.scope === 'always');
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
    case 'close':
      if (owner === panel) closePanel({ restoreFocus: true });
      break;
    default:
  }
}

function onKeydown(event) {
  if (dialog && event.key === 'Escape') {
    event.preventDefault();
    dialog.onReview();
  } else if (dialog && event.key === 'Tab') {
    // Keep focus inside the modal dialog.
    const buttons = [...dialog.element.querySelectorAll('button')];
    const index = buttons.indexOf(phiguardRoot().shadow.activeElement);
    const next = event.shiftKey ? (index <= 0 ? buttons.length - 1 : index - 1) : (index + 1) % buttons.length;
    event.preventDefault();
    buttons[next]?.focus();
  } else if (panel && event.key === 'Escape') {
    event.preventDefault();
    closePanel({ restoreFocus: true });
  } else if (card && event.key === 'Escape') {
    hideCard();
  }
}

function placeNear(el, anchorRect, { width = 360 } = {}) {
  const margin = 8;
  const height = el.offsetHeight || 200;
  let left = Math.min(anchorRect.left, window.innerWidth - width - margin);
  let top = anchorRect.bottom + 6;
  if (top + height > window.innerHeight - margin) top = Math.max(margin, anchorRect.top - height - 6);
  left = Math.max(margin, left);
  el.style.left = `${left}px`;
  el.style.top = `${top}px`;
}

/**
 * Open (or re-render) the findings list of one compose box.
 * @param watcher  an EditorWatcher
 * @param {{focus?: boolean, notice?: string}} options
 */
export function openPanel(watcher, { focus = false } = {}) {
  install();
  hideCard();
  const { layer } = phiguardRoot();
  if (panel && panel.watcher !== watcher) closePanel();
  const view = watcher.panelView();
  const titleId = `phiguard-panel-title-${watcher.id}`;
  const header = element('header', {}, [
    element('h2', { text: 'PHI Guard', attrs: { id: titleId } }),
    element('button', { className: 'close', text: '×', attrs: { type: 'button', 'data-action': 'close', 'aria-label': 'Close PHI Guard findings' } }),
  ]);
  const body = [header];
  body.push(element('p', { className: 'status', text: view.status }));
  if (view.summary) body.push(element('p', { className: 'summary', text: view.summary }));
  const actions = element('div', { className: 'actions' });
  if (view.canRephrase) {
    actions.append(element('button', {
      className: 'primary',
      text: view.rephrasing ? 'Rephrasing…' : 'Rephrase post',
      attrs: { type: 'button', 'data-action': 'rephrase', 'aria-busy': view.rephrasing ? 'true' : undefined, disabled: view.rephrasing },
    }));
  }
  body.push(actions);
  if (view.notice) body.push(element('p', { className: `notice${view.noticeIsError ? ' error' : ''}`, text: view.notice, attrs: { role: 'alert' } }));
  if (view.suggestions?.length) {
    const list = element('ul', { className: 'suggestions', attrs: { 'aria-label': 'Suggested rephrasings' } });
    view.suggestions.forEach((suggestion, index) => {
      list.append(element('li', { className: 'suggestion' }, [
        element('p', { text: suggestion.text }),
        suggestion.explanation ? element('p', { className: 'why', text: suggestion.explanation }) : null,
        element('button', {
          className: 'primary',
          text: 'Use this',
          attrs: { type: 'button', 'data-action': 'apply-suggestion', 'data-suggestion-index': index, 'aria-label': `Use suggestion ${index + 1}` },
        }),
      ]));
    });
    body.push(list);
  }
  if (view.findings.length) {
    const list = element('ul', { className: 'cards', attrs: { 'aria-label': `${view.findings.length} findings` } });
    for (const finding of view.findings) {
      list.append(buildFindingCard(finding, { allowAlways: view.allowAlways, mustFix: finding.mustFix, organisationName: view.organisationName }));
    }
    body.push(list);
  } else {
    body.push(element('p', { className: 'notice', text: view.emptyText }));
  }
  const el = element('section', { className: 'panel', attrs: { role: 'dialog', 'aria-labelledby': titleId, 'data-watcher': watcher.id } }, body);
  const previous = panel?.element;
  const hadFocus = previous && phiguardRoot().shadow.activeElement && previous.contains(phiguardRoot().shadow.activeElement);
  if (previous) previous.replaceWith(el);
  else layer.append(el);
  panel = { watcher, element: el, restoreTo: panel?.restoreTo ?? null };
  placeNear(el, watcher.anchorRect());
  if (focus || hadFocus) {
    panel.restoreTo ??= watcher.element;
    const target = el.querySelector('[data-action="apply-suggestion"]') ?? el.querySelector('.card button') ?? el.querySelector('[data-action="rephrase"]') ?? el.querySelector('button');
    target?.focus();
  }
}

export function panelOpenFor(watcher) {
  return panel?.watcher === watcher;
}

export function closePanel({ restoreFocus = false } = {}) {
  if (!panel) return;
  const { element: el, restoreTo } = panel;
  panel = null;
  el.remove();
  if (restoreFocus && restoreTo?.isConnected) restoreTo.focus({ preventScroll: true });
}

export function repositionUi() {
  if (panel) placeNear(panel.element, panel.watcher.anchorRect());
}

/** Show the hover card for one finding under `rect`. */
export function showCard(watcher, finding, rect, { allowAlways, mustFix = false, organisationName = '' }) {
  install();
  clearTimeout(hideCardTimer);
  if (card?.watcher === watcher && card.findingId === finding.id) return;
  hideCard();
  if (panel?.watcher === watcher) return; // the list already shows it
  const el = buildFindingCard(finding, { allowAlways, mustFix, organisationName, floating: true });
  phiguardRoot().layer.append(el);
  card = { watcher, findingId: finding.id, element: el };
  placeNear(el, rect, { width: 320 });
}

export function scheduleHideCard(delay = 300) {
  clearTimeout(hideCardTimer);
  hideCardTimer = setTimeout(hideCard, delay);
}

export function hideCard() {
  clearTimeout(hideCardTimer);
  card?.element.remove();
  card = null;
}

export function cardShownFor(watcher) {
  return card?.watcher === watcher ? card.findingId : null;
}

/**
 * The pre-send confirm. kind: 'warn' (review / post anyway), 'block' (review only),
 * 'checking' (result pending; post anyway allowed unless blocking), 'unchecked' (block mode, no
 * answer at all: review, or the explicit "Post without checking").
 */
export function showSendDialog(watcher, { kind, findings, organisationName, uncheckedReason = '', onPostAnyway, onReview }) {
  install();
  closeSendDialog();
  hideCard();
  const { layer } = phiguardRoot();
  const titleId = `phiguard-dialog-title-${watcher.id}`;
  const descId = `phiguard-dialog-desc-${watcher.id}`;
  const title = kind === 'checking' ? 'Checking your post…'
    : kind === 'block' ? 'Remove identifying details before posting'
      : kind === 'unchecked' ? 'PHI Guard could not check this post'
        : 'This post may identify a client';
  const lines = [];
  if (kind === 'checking') lines.push('PHI Guard is still checking what you wrote. It will post as soon as the check is clean.');
  else if (kind === 'block') lines.push(`${organisationName || 'Your organisation'} requires these details to be fixed or removed before you post.`);
  else if (kind === 'unchecked') {
    lines.push(uncheckedReason || 'PHI Guard has no result for this post.');
    lines.push(`${organisationName || 'Your organisation'} requires posts to be checked before they go out, so it has been held.`);
    lines.push('Read it again yourself: post it only if it names or describes no one in your care.');
  } else lines.push('It contains details that could identify someone in your care. Review them, or post anyway.');
  const detailList = findings?.length ? element('ul', {}, findings.slice(0, 5).map((f) => element('li', { text: `${f.label}: “${f.text}” (${SEVERITY_LABELS[f.severity]})` }))) : null;
  const buttons = element('div', { className: 'actions' }, [
    element('button', { className: 'primary', text: kind === 'block' ? 'Review and fix' : 'Review', attrs: { type: 'button', 'data-action': 'review' } }),
    kind !== 'block' ? element('button', {
      className: 'secondary',
      text: kind === 'unchecked' ? 'Post without checking' : 'Post anyway',
      attrs: { type: 'button', 'data-action': 'post-anyway', 'aria-label': kind === 'unchecked' ? 'I have read it myself: post without a PHI Guard check' : undefined },
    }) : null,
  ]);
  const el = element('div', {
    className: 'dialog',
    attrs: { role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': titleId, 'aria-describedby': descId, 'data-watcher': watcher.id, 'data-kind': kind },
  }, [
    element('h2', { text: title, attrs: { id: titleId } }),
    element('p', { text: lines.join(' '), attrs: { id: descId } }),
    detailList,
    buttons,
  ]);
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
