// PHI Guard's background script (a service worker in Chrome, an event page in Firefox).
// It alone talks to PHI Guard's engine (a server over HTTP, or the native host); content scripts
// ask it through runtime messages. Either browser may end it when idle: its state (the native
// port, reachability) is rebuilt on the next message, and the native host exits when its port closes.

import { browserApi } from '../browser_api.js';
import { readSettings, onSettingsChanged } from '../settings/policy_reader.js';
import { createServerStatus } from './server_status.js';
import { createNativeClient, NATIVE_HOST_NAME } from './native_client.js';
import { createTransports } from './transports.js';
import { createMessageHandlers, acceptMessage } from './message_handlers.js';
import { migrateAllowList } from '../settings/allow_list.js';

const status = createServerStatus();
const native = createNativeClient({ connect: () => browserApi.runtime.connectNative(NATIVE_HOST_NAME), onStateChange: onNativeState });
const transports = createTransports({ native, status });
const tabsToNotify = new Set(); // tabs whose content script asked for a check
let probeTimer = null;

function notifyRecovered(tabIds) {
  for (const tabId of tabIds) {
    browserApi.tabs.sendMessage(tabId, { kind: 'serverRecovered' }).catch(() => tabIds.delete(tabId));
  }
}

// A native host that dies puts every box in limited mode until the host, started again with backoff
// (scheduleProbe), has its engine ready; then the boxes check again with it.
function onNativeState(state) {
  if (state === 'restarting' && status.reachable !== false) {
    status.markUnreachable({ kind: 'unreachable', message: `PHI Guard’s engine stopped (${native.problem}).` });
    scheduleProbe();
  } else if (state === 'ready' && status.markReachable(native.info)) {
    notifyRecovered(tabsToNotify);
  }
}

// While the engine is unreachable, probe it (/healthz then /v1/policy, or the native host's health,
// which starts it again) with backoff so limited mode ends by itself even when nobody types.
// (Content scripts also retry; whichever comes first wins.)
function scheduleProbe() {
  clearTimeout(probeTimer);
  probeTimer = setTimeout(async () => {
    const read = await readSettings();
    try {
      const { transport } = transports.pick(read);
      const info = await transport.probe();
      // The native host's probe starts its engine loading: onNativeState('ready') ends limited mode.
      if (transport === native && info.state !== 'ready') return;
      if (status.markReachable(info)) notifyRecovered(tabsToNotify);
    } catch (error) {
      status.markUnreachable(error);
      scheduleProbe();
    }
  }, Math.max(status.retryInMs, 500));
}

const handlers = createMessageHandlers({
  status,
  transports,
  onRecovered: () => notifyRecovered(tabsToNotify),
  onUnreachable: scheduleProbe,
  onStarting: (tabId) => browserApi.tabs.sendMessage(tabId, { kind: 'engineStarting' }).catch(() => {}),
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
