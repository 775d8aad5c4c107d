// A stand-in for the extension API that the popup and options pages use (storage, runtime, tabs),
// driven by a plain state object: the background's getStatus reply, the tab's getTabStatus reply,
// stored options and managed policy. The jsdom unit tests install it as globalThis.chrome; the
// contrast test and the screenshot script inject the same function into a real browser page
// (it is self-contained, so its source can be sent as an init script).

/**
 * @param {object} target where to define `chrome` (globalThis, or a page's window)
 * @param {{local?: object, managed?: object, status?: object|null, tab?: object|null,
 *          tabId?: number, version?: string}} initial
 * @returns the API, with `reset(state)` to start over and `log` of what the page did
 */
export function installExtensionApiStub(target, initial = {}) {
  const changeListeners = new Set();
  let state;
  const api = {
    log: [],
    reset(next) {
      state = { local: {}, managed: {}, status: null, tab: null, tabId: 7, version: '0.1.0', ...structuredClone(next) };
      api.log = [];
      changeListeners.clear();
    },
    runtime: {
      id: 'phiguard-test',
      getManifest: () => ({ version: state.version }),
      getURL: (path) => `chrome-extension://phiguard-test/${path}`,
      openOptionsPage: async () => { api.log.push({ openOptionsPage: true }); },
      async sendMessage(message) {
        api.log.push({ sendMessage: message });
        if (message.kind === 'getStatus') return state.status;
        return null;
      },
      onMessage: { addListener() {}, removeListener() {} },
    },
    tabs: {
      async query() {
        return [{ id: state.tabId, active: true }];
      },
      async sendMessage(tabId, message) {
        api.log.push({ tabMessage: message, tabId });
        if (tabId !== state.tabId || !state.tab) throw new Error('Could not establish connection. Receiving end does not exist.');
        // As the content script does: an adapter runs only on a site the settings switch on.
        const all = ['facebook', 'linkedin', 'x'];
        const sites = state.managed.sites ?? (state.managed.allowUserDisable === false ? all : state.local.sites ?? all);
        return { ...state.tab, watching: !!state.tab.watching && sites.includes(state.tab.site) };
      },
    },
    storage: {
      local: {
        async get(keys) {
          const wanted = keys === null || keys === undefined ? Object.keys(state.local) : [].concat(keys);
          return Object.fromEntries(wanted.filter((k) => k in state.local).map((k) => [k, state.local[k]]));
        },
        async set(values) {
          api.log.push({ set: values });
          Object.assign(state.local, structuredClone(values));
          const changes = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { newValue: v }]));
          setTimeout(() => { for (const listener of changeListeners) listener(changes, 'local'); }, 0);
        },
      },
      managed: {
        async get() {
          return structuredClone(state.managed);
        },
      },
      onChanged: {
        addListener: (listener) => changeListeners.add(listener),
        removeListener: (listener) => changeListeners.delete(listener),
      },
    },
  };
  api.reset(initial);
  target.chrome = api;
  return api;
}
