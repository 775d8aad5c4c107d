// HTTP calls to the PHI Guard server. Only the background script calls the server: its origin
// (chrome-extension:// or moz-extension://) is the one the server's CORS policy admits, and the
// API token never reaches a page.

import { serverUrlProblem } from '../settings/defaults.js';

export class ServerError extends Error {
  /**
   * @param {'unreachable'|'timeout'|'http'|'bad_response'|'refused'} kind  refused: an http:// URL to a
   *   host that is not loopback (never called)
   */
  constructor(kind, message, { status = 0, code = '' } = {}) {
    super(message);
    this.name = 'ServerError';
    this.kind = kind;
    this.status = status;
    this.code = code;
  }

  /** True when the server could not be reached at all (down, wrong URL, timed out). */
  get unreachable() {
    return this.kind === 'unreachable' || this.kind === 'timeout';
  }
}

const TIMEOUTS_MS = { analyze: 15000, rewrite: 30000, probe: 3000 };

function anySignal(signals) {
  const present = signals.filter(Boolean);
  if (present.length <= 1) return present[0];
  return AbortSignal.any(present);
}

/**
 * @param {{serverUrl: string, apiToken: string}} settings
 * @param {string} path  e.g. '/v1/analyze'
 * @returns {Promise<object>} the JSON body of a 2xx answer
 * @throws {ServerError}
 */
export async function callServer(settings, path, { body, signal, timeoutMs = TIMEOUTS_MS.analyze } = {}) {
  // The settings reader never lets such a URL through; this keeps a post off the wire if one ever did.
  const problem = serverUrlProblem(settings.serverUrl);
  if (problem) throw new ServerError('refused', `PHI Guard will not send posts to ${settings.serverUrl}: ${problem}.`);
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (settings.apiToken) headers.Authorization = `Bearer ${settings.apiToken}`;
  const timeout = AbortSignal.timeout(timeoutMs);
  let response;
  try {
    response = await fetch(`${settings.serverUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: anySignal([signal, timeout]),
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
    });
  } catch (e) {
    if (signal?.aborted) throw e; // cancelled by the caller: not a server problem
    if (timeout.aborted) throw new ServerError('timeout', `The PHI Guard server did not answer within ${timeoutMs / 1000} s.`);
    throw new ServerError('unreachable', `Cannot reach the PHI Guard server at ${settings.serverUrl}.`);
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) {
    const error = data?.error ?? {};
    throw new ServerError('http', error.message || `The PHI Guard server answered ${response.status}.`, {
      status: response.status,
      code: error.code || String(response.status),
    });
  }
  if (!data || typeof data !== 'object') throw new ServerError('bad_response', 'The PHI Guard server sent an unreadable answer.');
  return data;
}

const RISKS = ['none', 'low', 'medium', 'high'];
const SEVERITIES = ['low', 'medium', 'high'];

/** Keep only well-formed findings from an analyze answer; throws when the answer is not one. */
export function checkAnalyzeResult(data, text) {
  if (!RISKS.includes(data.risk) || !Array.isArray(data.findings)) {
    throw new ServerError('bad_response', 'The PHI Guard server sent an analysis PHI Guard cannot read.');
  }
  const findings = data.findings
    .filter((f) => f && Number.isInteger(f.start) && Number.isInteger(f.end) && f.start >= 0 && f.end > f.start && f.end <= text.length)
    .map((f) => ({
      start: f.start,
      end: f.end,
      type: String(f.type ?? 'DETAIL'),
      severity: SEVERITIES.includes(f.severity) ? f.severity : 'medium',
      score: typeof f.score === 'number' ? f.score : null,
      explanation: String(f.explanation ?? ''),
      replacements: Array.isArray(f.replacements) ? f.replacements.filter((r) => typeof r === 'string') : [],
    }));
  return { risk: data.risk, findings, summary: String(data.summary ?? '') };
}

const MAX_RULE_PACKS = 50;

/** The active rule packs from a /v1/policy answer: [{name, version, description}]. */
export function checkPolicyResult(data) {
  if (!Array.isArray(data.rule_packs)) {
    throw new ServerError('bad_response', 'The PHI Guard server sent a policy PHI Guard cannot read.');
  }
  const rulePacks = data.rule_packs
    .filter((p) => p && typeof p.name === 'string' && p.name)
    .slice(0, MAX_RULE_PACKS)
    .map((p) => ({ name: p.name, version: typeof p.version === 'string' ? p.version : '', description: typeof p.description === 'string' ? p.description : '' }));
  return { rulePacks };
}

/**
 * The health check: GET /healthz, then GET /v1/policy for the active rule packs. Only /healthz
 * decides whether the server is up; a server that refuses /v1/policy (a wrong token) or is too
 * old to have it is still reachable, with `policy: null` and the reason in `policyError`.
 * @throws {ServerError} when /healthz fails
 */
export async function probeServer(settings) {
  const health = await callServer(settings, '/healthz', { timeoutMs: TIMEOUTS_MS.probe });
  try {
    const policy = checkPolicyResult(await callServer(settings, '/v1/policy', { timeoutMs: TIMEOUTS_MS.probe }));
    return { ...health, policy, policyError: null };
  } catch (error) {
    return { ...health, policy: null, policyError: String(error?.message ?? error) };
  }
}

export function checkRewriteResult(data) {
  if (!Array.isArray(data.suggestions)) {
    throw new ServerError('bad_response', 'The PHI Guard server sent suggestions PHI Guard cannot read.');
  }
  return data.suggestions
    .filter((s) => s && typeof s.text === 'string')
    .map((s) => ({ text: s.text, strategy: String(s.strategy ?? ''), explanation: String(s.explanation ?? '') }));
}

export { TIMEOUTS_MS };
