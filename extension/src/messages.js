// Every message between the content script, the extension pages and the background script.
// One union of {kind: ...} shapes; the background has one handler per kind
// (background/message_handlers.js) and checks the sender before anything privileged.
//
// content → background
//   {kind: 'analyze', text, site, watcherId}
//       → {status: 'ok', mode: 'server'|'offline', result: {risk, findings, summary}, serverError?}
//       | {status: 'cancelled'}            a newer analyze for the same watcher replaced it
//       | {status: 'unavailable', message} server unreachable and offline fallback is off
//   {kind: 'rewrite', text}
//       → {status: 'ok', mode, suggestions: [{text, strategy, explanation}]} | {status: 'unavailable', message}
//   {kind: 'getSettings'}            → {settings (without apiToken), locked}
//   {kind: 'allowTerm', term}        → {status: 'ok'} | {status: 'refused'}
// popup / options → background
//   {kind: 'getStatus', probe?: boolean} → {reachable, serverUrl, version?, model?, error?, mode,
//                                           rulePacks: [{name, version, description}] | null, policyError}
//       probe: check /healthz and /v1/policy (the server's active rule packs) now
// Nothing here changes the server URL or the API token: only the options page writes them, to
// storage, and managed policy overrides them. A message of another kind, with a field of the wrong
// type or with a text over MAX_TEXT_CHARS is refused (acceptMessage in background/message_handlers.js).
// background → content (tabs.sendMessage)
//   {kind: 'serverRecovered'}        the server answers again: re-check with it

import { browserApi } from './browser_api.js';

export const MESSAGE_KINDS = Object.freeze(['analyze', 'rewrite', 'getSettings', 'allowTerm', 'getStatus']);

/** The longest text the background accepts to check or rephrase (UTF-16 code units). */
export const MAX_TEXT_CHARS = 100000;

/** Send a message to the background script. Resolves to null when the extension context is gone. */
export async function sendToBackground(message) {
  try {
    return (await browserApi.runtime.sendMessage(message)) ?? null;
  } catch {
    return null;
  }
}
