// PHI Guard's engine over HTTP: the organisation's server (transport 'server') or `phiguard serve`
// on this computer at the default address (transport 'http'). The same interface as the native
// client (native_client.js): analyze, rewrite, probe, each throwing ServerError.

import { callServer, probeServer, TIMEOUTS_MS } from './server_client.js';

/**
 * @param {'server'|'http'} name
 * @param {{serverUrl: string, apiToken: string}} settings
 */
export function createHttpTransport(name, settings) {
  return {
    name,
    url: settings.serverUrl,
    analyze: (body, { signal, timeoutMs = TIMEOUTS_MS.analyze } = {}) => callServer(settings, '/v1/analyze', { body, signal, timeoutMs }),
    rewrite: (body, { signal, timeoutMs = TIMEOUTS_MS.rewrite } = {}) => callServer(settings, '/v1/rewrite', { body, signal, timeoutMs }),
    probe: () => probeServer(settings),
  };
}
