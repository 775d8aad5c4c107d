// One handler per message kind (see ../messages.js). Every handler gets the checked sender.

import { browserApi } from '../browser_api.js';
import { readSettings, publicSettings, saveUserSettings } from '../settings/policy_reader.js';
import { normaliseAllowTerm } from '../settings/defaults.js';
import { checkAnalyzeResult, checkRewriteResult, ServerError, TIMEOUTS_MS } from './server_client.js';
import { analyzeOffline, rewriteOffline } from './offline_fallback.js';
import { MAX_TEXT_CHARS, MAX_REQUEST_BYTES, requestBytes } from '../messages.js';

const MAX_TERM_CHARS = 200;
const isText = (value) => typeof value === 'string' && value.length <= MAX_TEXT_CHARS;
const isOptional = (value, type) => value === undefined || typeof value === type;

/**
 * @param {{status: ReturnType<import('./server_status.js').createServerStatus>,
 *          transports: ReturnType<import('./transports.js').createTransports>,
 *          onRecovered: () => void, onUnreachable: () => void, onStarting?: (tabId: number) => void}} deps
 *   onStarting: the native host is loading its engine while this tab waits (the badge says "starting…")
 */
export function createMessageHandlers({ status, transports, onRecovered, onUnreachable, onStarting = () => {} }) {
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

  /**
   * `call(transport)` on the transport in use. When the native host turns out not to be installed
   * and nothing forces it, the next choice (the local HTTP server) is asked at once instead.
   */
  async function ask(read, call) {
    let picked = transports.pick(read);
    try {
      return { picked, data: await call(picked.transport) };
    } catch (error) {
      if (error?.code !== 'native_host_missing' || picked.choice.transport !== 'native' || read.settings.transport === 'native') throw error;
      picked = transports.pick(read);
      if (picked.transport === transports.native) throw error;
      return { picked, data: await call(picked.transport) };
    }
  }

  /**
   * The native host died and is being started again: until its engine is ready, posts are checked
   * in limited mode at once rather than waiting seconds for the model (background.js says when it
   * is ready, and the boxes check again).
   */
  function nativeRestarting(read) {
    const { transport } = transports.pick(read);
    return transport === transports.native && status.reachable === false && transport.state !== 'ready';
  }

  function timeoutFor(transport, op) {
    // A native host that is starting again waits for its engine (native_client.js chooses the wait).
    if (transport === transports.native) return undefined;
    return status.reachable === false ? TIMEOUTS_MS.probe : TIMEOUTS_MS[op];
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
    const read = await readSettings();
    const { settings } = read;
    let serverError = null;
    try {
      if (status.shouldTryServer() && !nativeRestarting(read)) {
        const body = { text, site: typeof site === 'string' ? site : undefined };
        const { picked, data } = await ask(read, (transport) => {
          // Not yet running, or loading its engine: this check waits seconds for spaCy.
          if (transport === transports.native && ['idle', 'starting'].includes(transport.state) && sender.tab?.id !== undefined) onStarting(sender.tab.id);
          return transport.analyze(body, { signal: controller.signal, timeoutMs: timeoutFor(transport, 'analyze') });
        });
        noteServerAnswer();
        return { status: 'ok', mode: picked.transport.name, result: checkAnalyzeResult(data, text) };
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
    const read = await readSettings();
    const { settings } = read;
    let serverError = null;
    try {
      if (nativeRestarting(read)) throw Object.assign(new ServerError('unreachable', status.lastError?.message ?? 'PHI Guard’s engine is starting again.'), { noted: true });
      const { picked, data } = await ask(read, (transport) => transport.rewrite({ text }, { timeoutMs: timeoutFor(transport, 'rewrite') }));
      noteServerAnswer();
      return { status: 'ok', mode: picked.transport.name, suggestions: checkRewriteResult(data) };
    } catch (error) {
      if (!error.noted) noteServerError(error);
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
    const read = await readSettings();
    const { settings, locked, managed } = read;
    if (probe) {
      transports.native.recheck(); // the user may have just run `phiguard install-native-host`
      try {
        const { picked, data } = await ask(read, (transport) => transport.probe());
        // A native host still loading its engine is not "back" yet: background.js says when it is.
        if (!(picked.transport === transports.native && data.state !== 'ready' && status.reachable === false) && status.markReachable(data)) onRecovered();
      } catch (error) {
        noteServerError(error);
        if (!(error instanceof ServerError && error.unreachable)) {
          return { reachable: false, serverUrl: settings.serverUrl, error: error.message, mode: 'error', locked, organisationName: managed.organisationName ?? '', ...transportStatus(read) };
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
      ...transportStatus(read),
    };
  }

  /**
   * transport: what answers posts now ('server', 'native', 'http'; 'starting' while the native host
   * loads its engine; 'limited' when none answers), and whether the native host was found.
   */
  function transportStatus(read) {
    const { choice, transport } = transports.pick(read);
    const native = transports.native;
    let now = choice.transport;
    if (status.reachable === false) now = 'limited';
    else if (transport === native && native.state !== 'ready' && native.state !== 'idle' && native.found) now = 'starting';
    return {
      transport: now,
      transportReason: choice.reason,
      nativeHost: { found: native.found, state: native.state, problem: native.problem || null },
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
    composeActive: { from: 'content', valid: () => true, handle: async () => ({ status: transports.native.keepAlive() ? 'ok' : 'idle' }) },
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
