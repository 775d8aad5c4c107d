// How long to wait before trying again after the engine failed: 1 s, then twice as long after each
// failure in a row, up to 30 s. The HTTP server's status and the native host's restarts share it,
// so both transports give a person the same rhythm of retries.

const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 30000;

/** The wait after one more failure, given the wait after the one before it (0: no failure yet). */
export function nextBackoff(previousMs) {
  return previousMs ? Math.min(previousMs * 2, MAX_BACKOFF_MS) : FIRST_BACKOFF_MS;
}
