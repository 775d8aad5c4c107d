// When a compose box is checked, and which answer counts: a 250 ms pause after the last edit
// starts a check (150 ms when the user has just finished a word: a space or punctuation typed,
// where people pause anyway and a check of the finished word is worth having sooner); a newer check replaces the one in flight (its answer is dropped by sequence
// number, and the background aborts its fetch); an answer for text that has changed meanwhile is
// stale and dropped; in limited mode the server is tried again with backoff, so the box recovers
// by itself. It knows nothing of findings or the page: the EditorWatcher gives it a request and
// takes the answers.

export const DEBOUNCE_MS = 250;
export const WORD_END_DEBOUNCE_MS = 150;
const FIRST_RETRY_MS = 2000;
const MAX_RETRY_MS = 30000;

export class AnalysisController {
  /**
   * @param {{request: (text: string) => Promise<object|null>, isCurrent: (text: string) => boolean,
   *   onAnswer: (text: string, answer: object|null) => void, onRetry: () => void, signal: AbortSignal}} options
   *   request: ask for an analysis; isCurrent: is this still the editor's text; onAnswer: a fresh
   *   answer (null when the background script is gone); onRetry: time to try the server again.
   */
  constructor({ request, isCurrent, onAnswer, onRetry, signal }) {
    this.request = request;
    this.isCurrent = isCurrent;
    this.onAnswer = onAnswer;
    this.onRetry = onRetry;
    this.signal = signal;
    this.seq = 0;
    this.debounceTimer = 0;
    this.retryTimer = 0;
    this.retryDelay = FIRST_RETRY_MS;
  }

  /**
   * Check `run` after the debounce pause; a new edit restarts the pause.
   * @param {{wordEnd?: boolean}} [options]  wordEnd: the user's last edit typed a word boundary (shorter pause)
   */
  schedule(run, { wordEnd = false } = {}) {
    clearTimeout(this.debounceTimer);
    clearTimeout(this.retryTimer);
    this.debounceTimer = setTimeout(run, wordEnd ? WORD_END_DEBOUNCE_MS : DEBOUNCE_MS);
  }

  /** Nothing is due to start (fixes are waiting; the last one done schedules the check). */
  cancelTimers() {
    clearTimeout(this.debounceTimer);
    clearTimeout(this.retryTimer);
  }

  /** No answer for older text may come back (the text is empty, or will not be sent). */
  invalidate() {
    this.seq += 1;
    clearTimeout(this.debounceTimer);
    clearTimeout(this.retryTimer);
  }

  /** Ask now; older requests are superseded. Resolves when this request's answer is delivered or dropped. */
  async run(text) {
    clearTimeout(this.debounceTimer);
    clearTimeout(this.retryTimer);
    const seq = ++this.seq;
    const answer = await this.request(text);
    if (seq !== this.seq || this.signal.aborted) return; // a newer request replaced it
    if (answer?.status === 'cancelled') return;
    if (answer && !this.isCurrent(text)) return; // stale: the text changed
    this.onAnswer(text, answer ?? null);
  }

  /** Limited mode: try the server again later, with backoff (at least `hintMs`). */
  scheduleRetry(hintMs = 0) {
    clearTimeout(this.retryTimer);
    const delay = Math.max(this.retryDelay, hintMs || 0);
    this.retryDelay = Math.min(this.retryDelay * 2, MAX_RETRY_MS);
    this.retryTimer = setTimeout(() => this.onRetry(), delay);
  }

  /** The server answered: the next outage starts its backoff from the beginning. */
  resetBackoff() {
    this.retryDelay = FIRST_RETRY_MS;
  }

  dispose() {
    this.invalidate();
  }
}
