// One handler per message kind (see ../messages.js). Every handler gets the checked sender.

import { browserApi } from '../browser_api.js';
import { readSettings, publicSettings, saveUserSettings } from '../settings/policy_reader.js';
import { normaliseAllowTerm } from '../settings/defaults.js';
import { callServer, checkAnalyzeResult, checkRewriteResult, probeServer, ServerError, TIMEOUTS_MS } from './server_client.js';
import { analyzeOffline, rewriteOffline } from './offline_fallback.js';
import { MAX_TEXT_CHARS, MAX_REQUEST_BYTES, requestBytes } from '../messages.js';

const MAX_TERM_CHARS = 200;
const isText = (value) => typeof value === 'string' && value.length <= MAX_TEXT_CHARS;
const isOptional = (value, type) => value === undefined || typeof value === type;

/**
 * @param {{status: ReturnType<import('./server_status.js').createServerStatus>,
 *          onRecovered: () => void, onUnreachable: () => void}} deps
 */
export function createMessageHandlers({ status, onRecovered, onUnreachable }) {
  // One in-flight analysis per compose box: a newer one aborts the older.
  const inFlight = new Map();

  function noteServerError(error) {
    console.warn(`PHI Guard: server request failed (${error?.kind ?? error?.name}): ${error?.message}`);
    if (error instanceof ServerError && error.unreachable) {
      status.markUnreachable(error);
      onUnreachable();
    }
  }

  function noteServerAnswer() {
    if (status.markReachable()) onRecovered();
  }

  /** A body the server would refuse (413) is not sent at all, nor checked offline: the user is told. */
  function tooLong(body) {
    const bytes = requestBytes(body.text, body.site);
    return bytes > MAX_REQUEST_BYTES ? { status: 'tooLong', bytes, limitBytes: MAX_REQUEST_BYTES } : null;
  }

  async function analyze({ text, site, watcherId }, sender) {
    if (typeof text !== 'string') return { status: 'unavailable', message: 'Nothing to check.' };
    const oversized = tooLong({ text, site: typeof site === 'string' ? site : undefined });
    if (oversized) return oversized;
    const key = `${sender.tab?.id}:${sender.frameId ?? 0}:${watcherId}`;
    inFlight.get(key)?.abort();
    const controller = new AbortController();
    inFlight.set(key, controller);
    const { settings } = await readSettings();
    let serverError = null;
    try {
      if (status.shouldTryServer()) {
        const data = await callServer(settings, '/v1/analyze', {
          body: { text, site: typeof site === 'string' ? site : undefined },
          signal: controller.signal,
          timeoutMs: status.reachable === false ? TIMEOUTS_MS.probe : TIMEOUTS_MS.analyze,
        });
        noteServerAnswer();
        return { status: 'ok', mode: 'server', result: checkAnalyzeResult(data, text) };
      }
      serverError = status.lastError;
    } catch (error) {
      if (controller.signal.aborted) return { status: 'cancelled' };
      noteServerError(error);
      serverError = { kind: error.kind ?? 'unreachable', message: error.message, code: error.code };
    } finally {
      if (inFlight.get(key) === controller) inFlight.delete(key);
    }
    if (!settings.offlineFallback) return { status: 'unavailable', message: serverError?.message ?? 'The PHI Guard server is offline.', serverError };
    try {
      return { status: 'ok', mode: 'offline', result: analyzeOffline(text), serverError, retryInMs: status.retryInMs };
    } catch (error) {
      return { status: 'unavailable', message: `Offline check failed: ${error.message}`, serverError };
    }
  }

  async function rewrite({ text }) {
    if (typeof text !== 'string' || !text.trim()) return { status: 'unavailable', message: 'Nothing to rephrase.' };
    const oversized = tooLong({ text });
    if (oversized) return oversized;
    const { settings } = await readSettings();
    let serverError = null;
    try {
      const data = await callServer(settings, '/v1/rewrite', { body: { text }, timeoutMs: TIMEOUTS_MS.rewrite });
      noteServerAnswer();
      return { status: 'ok', mode: 'server', suggestions: checkRewriteResult(data) };
    } catch (error) {
      noteServerError(error);
      serverError = { kind: error.kind ?? 'unreachable', message: error.message, code: error.code };
    }
    if (!settings.offlineFallback) return { status: 'unavailable', message: serverError.message, serverError };
    return { status: 'ok', mode: 'offline', suggestions: rewriteOffline(text), serverError };
  }

  async function getSettings() {
    return publicSettings(await readSettings());
  }

  async function allowTerm({ term }) {
    const { settings, locked } = await readSettings();
    const normalised = normaliseAllowTerm(term);
    if (!normalised || locked.allowList || !settings.allowPersonalAllowList) return { status: 'refused' };
    // saveUserSettings stores the term's salted hash, never the term (settings/allow_list.js).
    const result = await saveUserSettings({ allowList: [...settings.allowList, normalised] });
    return { status: result.saved.includes('allowList') ? 'ok' : 'refused' };
  }

  async function getStatus({ probe }) {
    const { settings, locked, managed } = await readSettings();
    if (probe) {
      try {
        const info = await probeServer(settings);
        if (status.markReachable(info)) onRecovered();
      } catch (error) {
        noteServerError(error);
        if (!(error instanceof ServerError && error.unreachable)) {
          return { reachable: false, serverUrl: settings.serverUrl, error: error.message, mode: 'error', locked, organisationName: managed.organisationName ?? '' };
        }
      }
    }
    return {
      reachable: status.reachable,
      serverUrl: settings.serverUrl,
      version: status.info.version ?? null,
      model: status.info.model ?? null,
      rulePacks: status.info.policy?.rulePacks ?? null,
      policyError: status.info.policyError ?? null,
      error: status.lastError?.message ?? null,
      mode: status.reachable === false ? (settings.offlineFallback ? 'offline' : 'unavailable') : 'server',
      locked,
      organisationName: managed.organisationName ?? '',
    };
  }

  return {
    analyze: {
      from: 'content',
      valid: (m) => isText(m.text) && isOptional(m.site, 'string') && ['string', 'number'].includes(typeof m.watcherId),
      handle: analyze,
    },
    rewrite: { from: 'content', valid: (m) => isText(m.text), handle: rewrite },
    getSettings: { from: 'any', valid: () => true, handle: getSettings },
    allowTerm: { from: 'content', valid: (m) => typeof m.term === 'string' && m.term.length <= MAX_TERM_CHARS, handle: allowTerm },
    getStatus: { from: 'page', valid: (m) => isOptional(m.probe, 'boolean'), handle: getStatus },
  };
}

/**
 * The handler for a message, or null when it is refused: not a plain {kind} object, a kind with
 * no handler, a sender of the wrong kind, or fields of the wrong type or size.
 */
export function acceptMessage(handlers, message, sender) {
  if (!message || typeof message !== 'object' || Array.isArray(message) || typeof message.kind !== 'string') return null;
  const handler = Object.hasOwn(handlers, message.kind) ? handlers[message.kind] : null;
  if (!handler?.handle || !senderAllowed(sender, handler.from) || !handler.valid(message)) return null;
  return handler;
}

/** Is this message from our own extension, and from the kind of context the handler expects? */
export function senderAllowed(sender, from) {
  if (!sender || sender.id !== browserApi.runtime.id) return false;
  const extensionOrigin = browserApi.runtime.getURL('');
  const fromExtensionPage = typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
  if (from === 'page') return fromExtensionPage;
  if (from === 'content') return !fromExtensionPage && sender.tab !== undefined;
  return true;
}
