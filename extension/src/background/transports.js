// The transport in use: the chooser's pick (transport_chooser.js) turned into a client, the one
// native client kept for the background's lifetime (its port and request ids outlive a request).
// When the pick changes (a policy or an option changed, the native host was found or lost), the
// reachability and backoff learnt about the previous one no longer apply.

import { chooseTransport } from './transport_chooser.js';
import { createHttpTransport } from './http_transport.js';

/**
 * @param {{native: ReturnType<import('./native_client.js').createNativeClient>,
 *          status: ReturnType<import('./server_status.js').createServerStatus>}} deps
 */
export function createTransports({ native, status }) {
  let lastKey = null;
  return {
    native,
    /** @returns {{choice: ReturnType<typeof chooseTransport>, transport: object}} */
    pick({ settings, managed }) {
      const choice = chooseTransport({ settings, managed, nativeFound: native.missing ? false : native.found });
      const key = `${choice.transport} ${choice.url ?? ''}`;
      if (lastKey !== null && key !== lastKey) {
        status.reset();
        if (choice.transport !== 'native') native.close();
      }
      lastKey = key;
      return { choice, transport: choice.transport === 'native' ? native : createHttpTransport(choice.transport, settings) };
    },
  };
}
