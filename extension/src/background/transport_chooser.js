// Which of PHI Guard's engines the background asks (issue 13), in this order:
//   1. a server address set by managed policy (the organisation's central server), or typed by the
//      user on the options page: 'server';
//   2. the native host (`phiguard install-native-host`), unless the browser could not start it: 'native';
//   3. `phiguard serve` on this computer at the default address: 'http';
// and limited mode (the built-in rules, message_handlers.js) when the one chosen does not answer.
// A managed `transport` forces one: 'native' (never HTTP) or 'http' (never the native host).
// `phiguard doctor` (server/phiguard/doctor.py pick_transport) makes the same choice from outside
// the browser, where only managed settings can be read.

import { DEFAULT_SERVER_URL } from '../settings/defaults.js';

/**
 * @param {{settings: {serverUrl: string, transport?: string}, managed: object, nativeFound: boolean|null}} input
 *   nativeFound: false once the browser said the host is not installed (null: not tried yet)
 * @returns {{transport: 'server'|'native'|'http', url?: string, reason: string}}
 */
export function chooseTransport({ settings, managed = {}, nativeFound = null }) {
  const forced = settings.transport ?? 'auto';
  if (forced === 'native') return { transport: 'native', reason: 'transport forced to native by policy' };
  if (managed.serverUrl) return { transport: 'server', url: settings.serverUrl, reason: 'serverUrl set by policy' };
  if (settings.serverUrl !== DEFAULT_SERVER_URL) return { transport: 'server', url: settings.serverUrl, reason: 'server address set in the options' };
  if (forced === 'auto' && nativeFound !== false) return { transport: 'native', reason: nativeFound ? 'the native host answers' : 'looking for the native host' };
  return {
    transport: 'http',
    url: settings.serverUrl,
    reason: forced === 'http' ? 'transport forced to http by policy' : 'the native host is not installed',
  };
}
