// While a compose box on this page holds a draft, tell the background once a minute, so the native
// host stays started (its port is closed after minutes without a request: background/native_client.js)
// and the next pause in typing is not a cold start. A box that is gone or empty does not count.

import { allWatchers } from './watcher_registry.js';
import { sendToBackground } from '../messages.js';

const EVERY_MS = 60000;

export function keepEngineWhileWriting() {
  setInterval(() => {
    if (allWatchers().some((w) => w.element.isConnected && w.text.trim())) sendToBackground({ kind: 'composeActive' });
  }, EVERY_MS);
}
