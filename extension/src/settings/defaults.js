// Every setting PHI Guard has, with its default and the check a stored or managed value must pass.
// Managed (organisation) policy uses the same keys: see ../../managed_schema.json.

export const SITE_IDS = Object.freeze(['facebook', 'linkedin', 'x']);
export const SEVERITIES = Object.freeze(['low', 'medium', 'high']);
export const ENFORCEMENTS = Object.freeze(['off', 'warn', 'block']);
/** auto: a server set by policy or the user, else the native host, else the local HTTP server (background/transport_chooser.js). */
export const TRANSPORT_CHOICES = Object.freeze(['auto', 'native', 'http']);
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8765';

export const DEFAULT_SETTINGS = Object.freeze({
  serverUrl: DEFAULT_SERVER_URL,
  apiToken: '',
  enforcement: 'warn',
  sites: SITE_IDS,
  minimumSeverity: 'low',
  allowUserDisable: true,
  allowPersonalAllowList: true,
  offlineFallback: true,
  organisationName: '',
  supportUrl: '',
  guidanceUrl: '',
  guidanceName: '',
  transport: 'auto',
  allowList: Object.freeze([]),
});

/** Keys an organisation may set through managed storage (managed_schema.json lists the same). */
export const MANAGED_KEYS = Object.freeze([
  'serverUrl', 'apiToken', 'enforcement', 'sites', 'minimumSeverity', 'allowUserDisable',
  'allowPersonalAllowList', 'offlineFallback', 'organisationName', 'supportUrl', 'guidanceUrl', 'guidanceName', 'transport',
]);

/** Keys the user may set on the options page or in the popup (unless managed policy locks them). */
export const USER_KEYS = Object.freeze([
  'serverUrl', 'apiToken', 'enforcement', 'sites', 'minimumSeverity', 'offlineFallback', 'allowList',
]);

const MAX_ALLOW_LIST = 500;
const MAX_TERM_LENGTH = 100; // a stored hash entry is 71 characters

/**
 * Why a server URL is refused, or '' when it is fine. Posts and the API token go to this URL, so
 * anything that leaves this computer must be https:; plain http: only to a loopback address
 * (127.0.0.0/8, ::1, localhost), where nothing crosses a network.
 */
export function serverUrlProblem(value) {
  let url;
  try {
    url = new URL(String(value).trim());
  } catch {
    return 'not a web address (it should look like https://phiguard.example.org)';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'only https:// (or http:// to this computer) can be used';
  if (url.username || url.password) return 'a user name or password in the address would be sent in clear; use the API token instead';
  if (url.search || url.hash) return 'the address must not have a ?query or #fragment';
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return 'http:// is only allowed for a server on this computer (127.0.0.1, ::1, localhost): to any other host, posts and the API token would cross the network unencrypted, so use https://';
  }
  return '';
}

/** 127.0.0.0/8, ::1 and localhost, as the URL parser normalises them ("127.1" is 127.0.0.1). */
export function isLoopbackHost(hostname) {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]') return true;
  const octets = host.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

function isHttpUrl(value) {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function normaliseAllowTerm(term) {
  return typeof term === 'string' ? term.trim().replace(/\s+/g, ' ').toLowerCase() : '';
}

// Each check returns the value to use, or undefined when the value is unusable (then the default,
// or the less authoritative source, stays in force).
const CHECKS = {
  serverUrl: (v) => (typeof v === 'string' && v.length <= 2048 && !serverUrlProblem(v) ? v.trim().replace(/\/+$/, '') : undefined),
  apiToken: (v) => (typeof v === 'string' && v.length <= 4096 ? v.trim() : undefined),
  enforcement: (v) => (ENFORCEMENTS.includes(v) ? v : undefined),
  sites: (v) => (Array.isArray(v) && v.every((s) => SITE_IDS.includes(s)) ? SITE_IDS.filter((s) => v.includes(s)) : undefined),
  minimumSeverity: (v) => (SEVERITIES.includes(v) ? v : undefined),
  allowUserDisable: (v) => (typeof v === 'boolean' ? v : undefined),
  allowPersonalAllowList: (v) => (typeof v === 'boolean' ? v : undefined),
  offlineFallback: (v) => (typeof v === 'boolean' ? v : undefined),
  organisationName: (v) => (typeof v === 'string' && v.length <= 200 ? v.trim() : undefined),
  supportUrl: (v) => (typeof v === 'string' && (v === '' || isHttpUrl(v)) ? v : undefined),
  // The professional body's social-media guidance the organisation points its staff to (RCOT, HCPC, NMC, NASW, AOTA…).
  guidanceUrl: (v) => (typeof v === 'string' && (v === '' || /^https:\/\//.test(v)) && v.length <= 2048 ? v : undefined),
  guidanceName: (v) => (typeof v === 'string' && v.length <= 120 ? v.trim() : undefined),
  transport: (v) => (TRANSPORT_CHOICES.includes(v) ? v : undefined),
  // Entries are salted hashes ("sha256:<hex>", see allow_list.js); a plain term (typed now, or
  // stored by an older version) is kept normalised here, and hashed before use and storage.
  allowList: (v) => {
    if (!Array.isArray(v) || !v.every((t) => typeof t === 'string')) return undefined;
    const terms = [...new Set(v.map((t) => (/^sha256:[0-9a-f]{64}$/.test(t) ? t : normaliseAllowTerm(t))))].filter((t) => t && t.length <= MAX_TERM_LENGTH);
    return terms.slice(0, MAX_ALLOW_LIST);
  },
};

/** The value to use for `key`, or undefined when `value` does not have the default's type and shape. */
export function checkSetting(key, value) {
  const check = CHECKS[key];
  return check ? check(value) : undefined;
}
