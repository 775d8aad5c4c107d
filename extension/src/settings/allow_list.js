// The personal allow-list ("Always allow") is stored as salted hashes, never as the words: the
// words are often a client's name or home town, and storage.local is plain files in the browser
// profile (and its backups). Each entry is "sha256:" + SHA-256(salt, NUL, normalised term); the
// salt is random per browser profile (storage.local allowListSalt). Matching hashes each finding's
// text the same way.
//
// What this does and does not protect: nobody reading the profile sees the words, and the same
// word gives different entries in different profiles. But a name is easy to guess: whoever has
// the profile (salt and hashes) can test candidate names one by one. Treat the allow-list as
// sensitive anyway. And PHI Guard itself can no longer show the words: the options page lists
// entries without them, and finds or removes a word the user types.

import { browserApi } from '../browser_api.js';
import { sha256Hex } from './sha256.js';
import { normaliseAllowTerm } from './defaults.js';

export const ALLOW_HASH_PREFIX = 'sha256:';
const HASH_PATTERN = /^sha256:[0-9a-f]{64}$/;
const SALT_PATTERN = /^[0-9a-f]{32,128}$/;
export const SALT_KEY = 'allowListSalt';

export const isAllowHash = (value) => typeof value === 'string' && HASH_PATTERN.test(value);
export const isAllowListSalt = (value) => typeof value === 'string' && SALT_PATTERN.test(value);

/** The stored form of `term` (normalised: case and spacing do not matter). */
export function hashAllowTerm(term, salt) {
  return `${ALLOW_HASH_PREFIX}${sha256Hex(`${salt}\u0000${normaliseAllowTerm(term)}`)}`;
}

/** Entries as stored: hashes kept, plain terms (typed now, or stored by an older version) hashed. */
export function hashAllowList(entries, salt) {
  const hashed = entries.map((entry) => (isAllowHash(entry) ? entry : hashAllowTerm(entry, salt)));
  return [...new Set(hashed)];
}

function newSalt() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

let saltPromise = null; // while one is being read or made: two first saves share one salt

/** This profile's salt, created (and stored) on first use. */
export function ensureAllowListSalt() {
  saltPromise ??= (async () => {
    const stored = (await browserApi.storage.local.get(SALT_KEY))?.[SALT_KEY];
    if (isAllowListSalt(stored)) return stored;
    const salt = newSalt();
    await browserApi.storage.local.set({ [SALT_KEY]: salt });
    return salt;
  })().finally(() => {
    saltPromise = null;
  });
  return saltPromise;
}

/**
 * Replace plain words an older version stored by their hashes (run by the background at start).
 * @returns {Promise<number>} how many entries were hashed
 */
export async function migrateAllowList() {
  try {
    const { allowList } = await browserApi.storage.local.get('allowList');
    if (!Array.isArray(allowList) || allowList.every(isAllowHash)) return 0;
    const salt = await ensureAllowListSalt();
    const plain = allowList.filter((entry) => typeof entry === 'string' && !isAllowHash(entry) && normaliseAllowTerm(entry));
    await browserApi.storage.local.set({ allowList: hashAllowList(allowList.filter((entry) => isAllowHash(entry) || plain.includes(entry)), salt) });
    return plain.length;
  } catch {
    return 0; // storage unavailable: try again next start
  }
}
