// Whether the server is reachable, and when to try it again. After a failure PHI Guard works in
// limited (offline) mode and retries with exponential backoff: 1 s, 2 s, 4 s … up to 30 s.

import { nextBackoff } from './backoff.js';

export function createServerStatus({ now = () => Date.now() } = {}) {
  let reachable = null; // null: not tried yet
  let backoffMs = 0;
  let retryAt = 0;
  let lastError = null;
  let info = {};

  return {
    get reachable() {
      return reachable;
    },
    get lastError() {
      return lastError;
    },
    get info() {
      return info;
    },
    get retryInMs() {
      return Math.max(0, retryAt - now());
    },
    /** True when a request should go to the server rather than straight to the offline rules. */
    shouldTryServer() {
      return reachable !== false || now() >= retryAt;
    },
    /** @returns {boolean} true when this is a recovery from unreachable */
    markReachable(serverInfo) {
      const recovered = reachable === false;
      reachable = true;
      backoffMs = 0;
      retryAt = 0;
      lastError = null;
      if (serverInfo) info = serverInfo;
      return recovered;
    },
    markUnreachable(error) {
      reachable = false;
      backoffMs = nextBackoff(backoffMs);
      retryAt = now() + backoffMs;
      lastError = { kind: error?.kind ?? 'unreachable', message: error?.message ?? String(error) };
      return backoffMs;
    },
    /** Forget everything, e.g. after the server URL changed. */
    reset() {
      reachable = null;
      backoffMs = 0;
      retryAt = 0;
      lastError = null;
      info = {};
    },
  };
}
