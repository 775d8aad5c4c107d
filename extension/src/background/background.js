// PHI Guard's background script (a service worker in Chrome, an event page in Firefox).
// It alone talks to the PHI Guard server; content scripts ask it through runtime messages.

import { browserApi } from '../browser_api.js';
import { readSettings, onSettingsChanged } from '../settings/policy_reader.js';
import { probeServer } from './server_client.js';
import { createServerStatus } from './server_status.js';
import { createMessageHandlers, acceptMessage } from './message_handlers.js';
import { migrateAllowList } from '../settings/allow_list.js';

const status = createServerStatus();
const tabsToNotify = new Set(); // tabs whose content script asked for a check
let probeTimer = null;

function notifyRecovered(tabIds) {
  for (const tabId of tabIds) {
    browserApi.tabs.sendMessage(tabId, { kind: 'serverRecovered' }).catch(() => tabIds.delete(tabId));
  }
}

// While the server is unreachable, probe it (/healthz, then /v1/policy) with backoff so limited mode ends by itself
// even when nobody types. (Content scripts also retry; whichever comes first wins.)
function scheduleProbe() {
  clearTimeout(probeTimer);
  probeTimer = setTimeout(async () => {
    const { settings } = await readSettings();
    try {
      const info = await probeServer(settings);
      if (status.markReachable(info)) notifyRecovered(tabsToNotify);
    } catch (error) {
      status.markUnreachable(error);
      scheduleProbe();
    }
  }, Math.max(status.retryInMs, 500));
}

const handlers = createMessageHandlers({
  status,
  onRecovered: () => notifyRecovered(tabsToNotify),
  onUnreachable: scheduleProbe,
});

browserApi.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const handler = acceptMessage(handlers, message, sender);
  if (!handler) return false;
  if (handler.from === 'content' && sender.tab?.id !== undefined) tabsToNotify.add(sender.tab.id);
  handler.handle(message, sender).then(sendResponse, (error) => sendResponse({ status: 'unavailable', message: String(error?.message ?? error) }));
  return true; // answer asynchronously (works in Chrome and Firefox alike)
});

onSettingsChanged(() => {
  // A new server URL or token deserves a fresh try.
  status.reset();
});

// An allow-list an older version stored as plain words is hashed in place (settings/allow_list.js).
migrateAllowList();
