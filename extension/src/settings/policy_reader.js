// The one reader of PHI Guard's settings: defaults, then the user's options (storage.local), then
// the organisation's managed policy (storage.managed), which overrides and locks. It never throws:
// a missing or broken source just leaves the previous layer in force.
//
// Chrome reads managed values from enterprise policy (on Linux /etc/chromium/policies/managed/*.json,
// {"3rdparty": {"extensions": {"<id>": {...}}}}); Firefox from policies.json
// 3rdparty.Extensions["phiguard@phiguard.org"]. Both arrive here through storage.managed.

import { browserApi } from '../browser_api.js';
import { DEFAULT_SETTINGS, MANAGED_KEYS, USER_KEYS, SITE_IDS, checkSetting, serverUrlProblem } from './defaults.js';
import { SALT_KEY, isAllowListSalt, hashAllowList, ensureAllowListSalt } from './allow_list.js';

const USER_AREA = 'local';

async function readArea(area, keys) {
  try {
    const storageArea = browserApi?.storage?.[area];
    if (!storageArea) return {};
    const values = await storageArea.get(keys);
    return values && typeof values === 'object' ? values : {};
  } catch {
    // Firefox rejects storage.managed.get() when no policy exists for the extension.
    return {};
  }
}

/**
 * Merge the three layers. Pure, so tests and the options page can reason about it.
 * @returns {{settings: object, locked: Object<string, boolean>, managed: object,
 *            refused: {serverUrl?: {source: 'user'|'managed', value: string, reason: string}}}}
 */
export function mergeSettings(userValues = {}, managedValues = {}) {
  const settings = { ...DEFAULT_SETTINGS, sites: [...DEFAULT_SETTINGS.sites], allowList: [] };
  const locked = {};
  const managed = {};
  // A server URL that was set but refused (see serverUrlProblem): {source, value, reason}, so the
  // options page can say why PHI Guard uses another.
  const refused = {};
  for (const key of USER_KEYS) {
    const value = checkSetting(key, userValues[key]);
    if (value !== undefined) settings[key] = value;
    else if (key === 'serverUrl' && typeof userValues.serverUrl === 'string') {
      refused.serverUrl = { source: 'user', value: userValues.serverUrl, reason: serverUrlProblem(userValues.serverUrl) };
    }
  }
  for (const key of MANAGED_KEYS) {
    if (!(key in managedValues)) continue;
    const value = checkSetting(key, managedValues[key]);
    if (value === undefined) {
      if (key === 'serverUrl' && typeof managedValues.serverUrl === 'string') {
        refused.serverUrl = { source: 'managed', value: managedValues.serverUrl, reason: serverUrlProblem(managedValues.serverUrl) };
      }
      continue;
    }
    settings[key] = value;
    managed[key] = value;
    locked[key] = true;
  }
  if (managed.allowUserDisable === false) {
    // The user may not switch PHI Guard off: every site the organisation wants stays on,
    // and the user cannot turn the pre-send guard off either.
    settings.sites = managed.sites ?? [...SITE_IDS];
    locked.sites = true;
    if (!locked.enforcement && settings.enforcement === 'off') settings.enforcement = DEFAULT_SETTINGS.enforcement;
    locked.enforcement = true;
  }
  // The allow-list is matched by salted hash (allow_list.js); plain terms an older version stored
  // count until the background hashes them in storage.
  settings.allowListSalt = isAllowListSalt(userValues[SALT_KEY]) ? userValues[SALT_KEY] : '';
  settings.allowList = hashAllowList(settings.allowList, settings.allowListSalt);
  if (managed.allowPersonalAllowList === false) {
    settings.allowList = [];
    locked.allowList = true;
  }
  if (refused.serverUrl?.source === 'user' && locked.serverUrl) delete refused.serverUrl; // policy decides anyway
  return { settings, locked, managed, refused };
}

/** The settings in force now. Never throws. */
export async function readSettings() {
  const [userValues, managedValues] = await Promise.all([
    readArea(USER_AREA, [...USER_KEYS, SALT_KEY]),
    readArea('managed', null),
  ]);
  return mergeSettings(userValues, managedValues);
}

/** What a content script may know: everything but the API token. */
export function publicSettings({ settings, locked }) {
  const { apiToken, ...rest } = settings;
  return { settings: { ...rest, hasApiToken: apiToken !== '' }, locked };
}

/**
 * Store the user's choices. Locked keys and values that fail their check are left out.
 * @returns {Promise<{saved: string[], rejected: string[], reasons: Object<string, string>}>}
 *   reasons: why a rejected key was refused, where there is more to say than "check the value"
 */
export async function saveUserSettings(values) {
  const { locked } = await readSettings();
  const toStore = {};
  const rejected = [];
  const reasons = {};
  for (const [key, raw] of Object.entries(values ?? {})) {
    let value = USER_KEYS.includes(key) && !locked[key] ? checkSetting(key, raw) : undefined;
    if (key === 'allowList' && value !== undefined) {
      try {
        value = hashAllowList(value, await ensureAllowListSalt()); // never the words themselves
      } catch {
        value = undefined;
      }
    }
    if (value === undefined) {
      rejected.push(key);
      if (key === 'serverUrl' && !locked.serverUrl && typeof raw === 'string') reasons.serverUrl = serverUrlProblem(raw);
    } else toStore[key] = value;
  }
  try {
    if (Object.keys(toStore).length) await browserApi.storage[USER_AREA].set(toStore);
  } catch {
    return { saved: [], rejected: Object.keys(values ?? {}), reasons };
  }
  return { saved: Object.keys(toStore), rejected, reasons };
}

/** Calls `listener()` whenever user options or managed policy change. Returns an unsubscribe. */
export function onSettingsChanged(listener) {
  const onChanged = (_changes, area) => {
    if (area === USER_AREA || area === 'managed') listener();
  };
  try {
    browserApi.storage.onChanged.addListener(onChanged);
  } catch {
    return () => {};
  }
  return () => {
    try {
      browserApi.storage.onChanged.removeListener(onChanged);
    } catch {
      // The extension context is gone; nothing to remove.
    }
  };
}
