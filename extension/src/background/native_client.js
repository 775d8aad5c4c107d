// PHI Guard's engine through native messaging: the browser starts `phiguard native-host` (registered
// by `phiguard install-native-host` as org.phiguard.engine) and talks to it over its stdin/stdout. No
// port is opened on the computer. Frames are the host's (README "Native messaging"):
//   {id, op: 'analyze'|'rewrite'|'policy'|'health', text?, site?} → {id, result} | {id, error: {code, message}}
//
// The same interface as the HTTP transport (http_transport.js): analyze, rewrite, probe, each
// throwing ServerError. The port is opened on first need and closed after IDLE_MS without a request,
// so the host (and, in Chrome, the service worker a connected native port keeps alive) does not run
// for nothing. While it is open a health request every HEARTBEAT_MS is port activity, which keeps
// Firefox's event page from being unloaded under a compose box that is being written in.

import { ServerError, checkPolicyResult } from './server_client.js';
import { nextBackoff } from './backoff.js';

export const NATIVE_HOST_NAME = 'org.phiguard.engine';

export const NATIVE_TIMEOUTS_MS = {
  analyze: 15000,
  rewrite: 30000,
  probe: 3000,
  // The first answer after the host starts waits for spaCy to load: seconds, more on a busy computer.
  coldStart: 90000,
};
const IDLE_MS = 5 * 60 * 1000;
const HEARTBEAT_MS = 20000;
// After the host dies it is started again on the next request, but not sooner than its backoff (backoff.js).
// A host that is not installed is looked for again after this long (the user may install it now).
const MISSING_RECHECK_MS = 60000;

/** Why the browser could not start the host: not registered, or not allowed for this extension. */
const NOT_INSTALLED = /not found|no such native application|forbidden|not allowed|permission/i;

/**
 * @param {{connect: () => object, now?: () => number, timers?: {setTimeout, clearTimeout, setInterval, clearInterval},
 *          onStateChange?: (state: string) => void, idleMs?: number, heartbeatMs?: number}} deps
 *   connect: `() => browserApi.runtime.connectNative(NATIVE_HOST_NAME)`; a fake port in tests
 */
export function createNativeClient({ connect, now = () => Date.now(), timers = globalThis, onStateChange = () => {}, idleMs = IDLE_MS, heartbeatMs = HEARTBEAT_MS }) {
  let port = null;
  let nextId = 1;
  const pending = new Map(); // id → {resolve, reject, timer}
  // 'idle' (no port), 'starting' (port open, engine loading), 'ready', 'missing' (not installed),
  // 'restarting' (the host died; waiting out the backoff)
  let state = 'idle';
  let found = null; // null: never tried; true: it answered once; false: the browser could not start it
  let lastProblem = '';
  let restartMs = 0;
  let retryAt = 0;
  let idleTimer = null;
  let heartbeat = null;
  let info = {};

  function setState(next) {
    if (next === state) return;
    state = next;
    onStateChange(next);
  }

  function stopTimers() {
    timers.clearTimeout(idleTimer);
    timers.clearInterval(heartbeat);
    idleTimer = null;
    heartbeat = null;
  }

  function failAll(error) {
    for (const { reject, timer } of pending.values()) {
      timers.clearTimeout(timer);
      reject(error);
    }
    pending.clear();
  }

  function onMessage(message) {
    found = true;
    if (!message || typeof message !== 'object') return;
    if (message.result && typeof message.result.state === 'string') {
      info = message.result;
      if (message.result.state === 'ready') setState('ready');
    }
    const request = pending.get(message.id);
    if (!request) return; // a heartbeat's answer, or one whose request timed out
    pending.delete(message.id);
    timers.clearTimeout(request.timer);
    if (message.error && typeof message.error === 'object') {
      const { code = '', message: text = '' } = message.error;
      // The host answers with the HTTP API's codes: treated like an HTTP error (the host works).
      request.reject(new ServerError(code === 'engine_unavailable' ? 'unreachable' : 'http', String(text || code), { code: String(code) }));
    } else if (message.result && typeof message.result === 'object') {
      if (request.op !== 'health') {
        setState('ready');
        restartMs = 0; // it works: a later crash starts the backoff from the beginning
      }
      request.resolve(message.result);
    } else {
      request.reject(new ServerError('bad_response', 'PHI Guard’s engine sent an answer PHI Guard cannot read.'));
    }
  }

  function onDisconnect(gone, reason) {
    if (gone !== port) return;
    port = null;
    stopTimers();
    const message = String(reason || 'it stopped');
    if (NOT_INSTALLED.test(message)) { // also after it answered once: it may have been uninstalled since
      found = false;
      lastProblem = message;
      retryAt = now() + MISSING_RECHECK_MS;
      setState('missing');
      failAll(new ServerError('unreachable', `PHI Guard’s engine is not installed for this browser (${message}). Run \`phiguard install-native-host\`.`, { code: 'native_host_missing' }));
      return;
    }
    lastProblem = message;
    restartMs = nextBackoff(restartMs);
    retryAt = now() + restartMs;
    setState('restarting');
    failAll(new ServerError('unreachable', `PHI Guard’s engine stopped (${message}); it is started again in ${Math.ceil(restartMs / 1000)} s.`, { code: 'native_host_stopped' }));
  }

  function open() {
    if (port) return port;
    if (now() < retryAt) {
      throw new ServerError('unreachable', state === 'missing'
        ? 'PHI Guard’s engine is not installed for this browser. Run `phiguard install-native-host`.'
        : `PHI Guard’s engine stopped (${lastProblem}); it is started again in ${Math.ceil((retryAt - now()) / 1000)} s.`, { code: state === 'missing' ? 'native_host_missing' : 'native_host_stopped' });
    }
    let opened;
    try {
      opened = connect();
    } catch (error) {
      // No nativeMessaging permission, or a browser without it: as good as not installed.
      found = false;
      lastProblem = String(error?.message ?? error);
      retryAt = now() + MISSING_RECHECK_MS;
      setState('missing');
      throw new ServerError('unreachable', `PHI Guard cannot start its engine: ${lastProblem}`, { code: 'native_host_missing' });
    }
    port = opened;
    // Chrome reports why in runtime.lastError, Firefox in port.error.
    opened.onDisconnect.addListener((p) => onDisconnect(opened, p?.error?.message ?? globalThis.chrome?.runtime?.lastError?.message ?? ''));
    opened.onMessage.addListener(onMessage);
    setState('starting');
    heartbeat = timers.setInterval(() => post({ id: `heartbeat-${nextId++}`, op: 'health' }), heartbeatMs);
    post({ id: `heartbeat-${nextId++}`, op: 'health' }); // says at once whether the engine is loading
    return opened;
  }

  function post(frame) {
    try {
      port?.postMessage(frame);
    } catch (error) {
      onDisconnect(port, error?.message ?? String(error));
    }
  }

  function touch() {
    timers.clearTimeout(idleTimer);
    idleTimer = timers.setTimeout(() => {
      if (pending.size) return touch();
      close();
    }, idleMs);
  }

  /** One request; resolves to the result body (the HTTP API's 200 body), or throws ServerError. */
  function request(op, fields = {}, { signal, timeoutMs } = {}) {
    try {
      open();
    } catch (error) {
      return Promise.reject(error);
    }
    touch();
    const id = nextId++;
    const limitMs = timeoutMs ?? (state === 'ready' ? NATIVE_TIMEOUTS_MS[op] ?? NATIVE_TIMEOUTS_MS.analyze : NATIVE_TIMEOUTS_MS.coldStart);
    return new Promise((resolve, reject) => {
      const timer = timers.setTimeout(() => {
        pending.delete(id);
        // A host that does not answer in time is stuck: restart it (with backoff) rather than wait on it.
        const stuck = port;
        stuck?.disconnect();
        onDisconnect(stuck, `no answer within ${limitMs / 1000} s`);
        reject(new ServerError('timeout', `PHI Guard’s engine did not answer within ${limitMs / 1000} s.`));
      }, limitMs);
      pending.set(id, { resolve, reject, timer, op });
      signal?.addEventListener('abort', () => {
        // The host answers anyway; its answer is dropped when it arrives.
        if (!pending.delete(id)) return;
        timers.clearTimeout(timer);
        reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
      }, { once: true });
      post({ id, op, ...fields });
    });
  }

  /** Close the port (the host exits when its stdin closes). The next request opens a new one. */
  function close() {
    stopTimers();
    const open = port;
    port = null;
    failAll(new ServerError('unreachable', 'PHI Guard closed its engine.'));
    open?.disconnect();
    if (state === 'starting' || state === 'ready') setState('idle');
  }

  return {
    name: 'native',
    get state() {
      return state;
    },
    /** The browser said lately that the host is not installed (it is looked for again after a minute). */
    get missing() {
      return state === 'missing' && now() < retryAt;
    },
    /** null: not tried yet; true: the host answered; false: the browser could not start it. */
    get found() {
      return found;
    },
    get problem() {
      return lastProblem;
    },
    get restartInMs() {
      return Math.max(0, retryAt - now());
    },
    get info() {
      return info;
    },
    analyze: (body, options) => request('analyze', body, options),
    rewrite: (body, options) => request('rewrite', body, options),
    /**
     * Health, and the active rule packs once the engine is ready (what probeServer gives over HTTP).
     * While the engine loads, policy would wait for it: only health is asked then.
     */
    async probe({ timeoutMs = NATIVE_TIMEOUTS_MS.probe } = {}) {
      const health = await request('health', {}, { timeoutMs });
      if (health.state === 'failed') throw new ServerError('unreachable', health.error?.message ?? 'PHI Guard’s engine cannot start.', { code: 'engine_unavailable' });
      if (health.state !== 'ready') {
        // Whoever asks for the status is about to write: the engine starts loading now, not on the first post.
        request('policy').catch(() => {});
        return { ...health, policy: null, policyError: null };
      }
      try {
        return { ...health, policy: checkPolicyResult(await request('policy', {}, { timeoutMs })), policyError: null };
      } catch (error) {
        return { ...health, policy: null, policyError: String(error?.message ?? error) };
      }
    },
    /** A compose box is in use: keep an open port (never opens one). @returns {boolean} whether one is open */
    keepAlive() {
      if (port) touch();
      return !!port;
    },
    /** Look for a missing or stopped host again now (the popup asks; the user may just have installed it). */
    recheck() {
      if (!port) retryAt = 0;
    },
    close,
  };
}
