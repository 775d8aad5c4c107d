// The pre-send guard. When the user clicks a watched compose box's Post/Reply/Send button, or
// presses its keyboard shortcut, while the box has unresolved medium or high findings, PHI Guard
// stops the event in the capture phase (before the site's own handlers) and asks first.
// "Post anyway" re-dispatches the click once. In block mode (organisation policy
// enforcement=block) there is no "post anyway": posting waits until every medium or high finding
// is fixed, or allow-listed where the organisation allows that ("Ignore" does not count; see
// EditorWatcher.mustFix). Low findings never block. Nor does block mode fail open: a post that
// could not be checked at all is held until the user explicitly confirms it ("Post without
// checking").
// Nothing here ever touches what the user typed.

import { allWatchers } from './watcher_registry.js';
import { contentSettings } from './content_settings.js';
import { showSendDialog, sendDialogFor, openSendDialog, openPanel } from './page_ui.js';

const SETTLE_TIMEOUT_MS = 8000;

let installed = false;

function stop(event) {
  event.preventDefault();
  event.stopImmediatePropagation();
}

/** The watched box whose send button is on the event's path, with that button. */
function sendTargetOf(event) {
  const path = event.composedPath();
  for (const watcher of allWatchers()) {
    let button = null;
    try {
      button = watcher.site.findSendButton(watcher.element);
    } catch {
      button = null;
    }
    if (button && path.includes(button)) return { watcher, button };
  }
  return null;
}

/**
 * 'allow' | 'warn' (confirm) | 'block' | 'wait' | 'unchecked' for a send from this box now.
 * 'unchecked': block mode, and the text has no answer at all (server unreachable with offline
 * fallback off, the check failed, or the post is too long to check). Block mode must not fail
 * open: the post is held with a clear message, and goes only on the user's explicit confirm.
 */
function verdictFor(watcher) {
  const { enforcement } = contentSettings();
  if (enforcement === 'off') return 'allow';
  if (watcher.pending) return 'wait';
  if (watcher.unchecked) return enforcement === 'block' ? 'unchecked' : 'allow';
  if (!watcher.blockingFindings().length) return 'allow';
  return enforcement === 'block' ? 'block' : 'warn';
}

function resend(watcher, button, originalEvent) {
  watcher.bypassOnce = true;
  const target = button?.isConnected ? button : watcher.site.findSendButton(watcher.element);
  if (target) {
    target.click();
  } else if (originalEvent?.type === 'keydown') {
    watcher.element.dispatchEvent(new KeyboardEvent('keydown', originalEvent));
  }
  watcher.bypassOnce = false;
}

function review(watcher) {
  watcher.element.focus({ preventScroll: true });
  openPanel(watcher, { focus: true });
}

async function intercept(watcher, button, event) {
  const verdict = verdictFor(watcher);
  if (verdict === 'allow') return;
  stop(event);
  if (sendDialogFor(watcher)) return; // already asking
  const settings = contentSettings();
  const ask = (kind) => showSendDialog(watcher, {
    kind,
    findings: watcher.blockingFindings(),
    uncheckedReason: watcher.uncheckedReason,
    organisationName: settings.organisationName,
    canRewrite: watcher.canRewrite,
    onPostAnyway: () => resend(watcher, button, event),
    onReview: () => review(watcher),
  });
  if (verdict !== 'wait') {
    ask(verdict);
    return;
  }
  // The text has no answer yet: check now, then post if clean or ask.
  const waiting = ask(settings.enforcement === 'block' ? 'block' : 'checking');
  watcher.analyzeNow();
  await watcher.whenSettled(SETTLE_TIMEOUT_MS);
  if (sendDialogFor(watcher) !== waiting) return; // the user already chose
  const next = verdictFor(watcher);
  if (next === 'allow') {
    waiting.onPostAnyway(); // closes the dialog and sends once
  } else if (next !== 'wait') {
    ask(next);
  }
}

function onClick(event) {
  const target = sendTargetOf(event);
  if (!target) return;
  if (target.watcher.bypassOnce) return; // "post anyway": let this one through
  intercept(target.watcher, target.button, event);
}

function onKeydown(event) {
  const open = openSendDialog();
  if (open && event.key === 'Escape' && event.isTrusted) {
    // Escape means "review", wherever the focus is.
    stop(event);
    open.onReview();
    return;
  }
  if (event.key !== 'Enter' && event.key !== ' ') return;
  // Enter or Space on a focused send button.
  const target = sendTargetOf(event);
  if (target && !target.watcher.bypassOnce) {
    intercept(target.watcher, target.button, event);
    return;
  }
  // The site's send shortcut inside a compose box (Ctrl/Cmd+Enter, or Enter in message boxes).
  if (event.key !== 'Enter' || event.isComposing) return;
  const path = event.composedPath();
  for (const watcher of allWatchers()) {
    if (!path.includes(watcher.element) || watcher.bypassOnce) continue;
    let isSend = false;
    try {
      isSend = watcher.site.isSendShortcut(event, watcher.element);
    } catch {
      isSend = false;
    }
    if (isSend) intercept(watcher, null, event);
    return;
  }
}

export function installPreSendGuard() {
  if (installed) return;
  installed = true;
  // Capture on window: earlier than any listener the site puts on document or its app root.
  window.addEventListener('click', onClick, true);
  window.addEventListener('keydown', onKeydown, true);
}
