// The settings as the content script sees them (no API token): asked of the background script,
// refreshed when user options or managed policy change.

import { sendToBackground } from '../messages.js';
import { onSettingsChanged } from '../settings/policy_reader.js';
import { DEFAULT_SETTINGS } from '../settings/defaults.js';

let current = { settings: { ...DEFAULT_SETTINGS, hasApiToken: false }, locked: {} };
const listeners = new Set();

export async function loadContentSettings() {
  const answer = await sendToBackground({ kind: 'getSettings' });
  if (answer?.settings) current = answer;
  return current;
}

export function contentSettings() {
  return current.settings;
}

export function onContentSettingsChanged(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

onSettingsChanged(async () => {
  await loadContentSettings();
  for (const listener of listeners) {
    try {
      listener(current.settings);
    } catch (error) {
      console.error('PHI Guard: settings listener failed', error);
    }
  }
});
