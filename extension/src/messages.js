// Every message between the content script, the extension pages and the background script.
// One union of {kind: ...} shapes; the background has one handler per kind
// (background/message_handlers.js) and checks the sender before anything privileged.
//
// content → background
//   {kind: 'analyze', text, site, watcherId}
//       → {status: 'ok', mode: 'server'|'native'|'http'|'offline', result: {risk, findings, summary}, serverError?}
//       | {status: 'cancelled'}            a newer analyze for the same watcher replaced it
//       | {status: 'unavailable', message} server unreachable and offline fallback is off
//       | {status: 'tooLong', bytes, limitBytes} the request would exceed MAX_REQUEST_BYTES: not sent
//   {kind: 'rewrite', text}
//       → {status: 'ok', mode, suggestions: [{text, strategy, explanation}]} | {status: 'unavailable', message}
//       | {status: 'tooLong', bytes, limitBytes}
//   {kind: 'getSettings'}            → {settings (without apiToken), locked}
//   {kind: 'allowTerm', term}        → {status: 'ok'} | {status: 'refused'}
//   {kind: 'composeActive'}          → {status: 'ok'|'idle'}  a box holds a draft: keep the native host's port open (idle: none is)
// popup / options → background
//   {kind: 'getStatus', probe?: boolean} → {reachable, serverUrl, version?, model?, error?, mode,
//                                           rulePacks: [{name, version, description}] | null, policyError,
//                                           transport: 'server'|'native'|'http'|'starting'|'limited',
//                                           transportReason, nativeHost: {found, state, problem}}
//       probe: check /healthz and /v1/policy (the server's active rule packs) now
// Nothing here changes the server URL or the API token: only the options page writes them, to
// storage, and managed policy overrides them. A message of another kind, with a field of the wrong
// type or with a text over MAX_TEXT_CHARS is refused (acceptMessage in background/message_handlers.js).
// background → content (tabs.sendMessage)
//   {kind: 'serverRecovered'}        the server answers again: re-check with it
//   {kind: 'engineStarting'}         the native host is loading its engine for this tab's check
// popup → content (tabs.sendMessage; content/tab_status.js)
//   {kind: 'getTabStatus'}           → {site: 'facebook'|'linkedin'|'x'|null, host, watching, boxes,
//                                       post: {risk, findings, mode} | null}  (from the hooks, no text)

import { browserApi } from './browser_api.js';

export const MESSAGE_KINDS = Object.freeze(['analyze', 'rewrite', 'getSettings', 'allowTerm', 'composeActive', 'getStatus']);

/**
 * The largest request body the PHI Guard server accepts by default (its MAX_CONTENT_LENGTH,
 * 64 KiB): a post whose request would be larger is not sent, and is shown as too long to check.
 */
export const MAX_REQUEST_BYTES = 64 * 1024;

/**
 * The longest text the background accepts to check or rephrase (UTF-16 code units): no longer
 * text fits in MAX_REQUEST_BYTES, since every code unit is at least one byte of the JSON body.
 */
export const MAX_TEXT_CHARS = MAX_REQUEST_BYTES;

/** The size in bytes of the JSON body `{text, site}` the background sends to the server. */
export function requestBytes(text, site) {
  return new TextEncoder().encode(JSON.stringify(site === undefined ? { text } : { text, site })).length;
}

/**
 * Whether `text` can be checked by the server (its /v1/analyze body within MAX_REQUEST_BYTES).
 * Cheap for short texts: each UTF-16 unit takes 1 to 6 bytes of JSON ("\u0001").
 */
export function fitsServerLimit(text, site = 'linkedin') { // by default the longest site id
  if (text.length > MAX_REQUEST_BYTES) return false;
  if (text.length * 6 + 64 <= MAX_REQUEST_BYTES) return true;
  return requestBytes(text, site) <= MAX_REQUEST_BYTES;
}

/** Send a message to the background script. Resolves to null when the extension context is gone. */
export async function sendToBackground(message) {
  try {
    return (await browserApi.runtime.sendMessage(message)) ?? null;
  } catch {
    return null;
  }
}
