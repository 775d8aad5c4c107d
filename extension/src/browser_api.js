// The one place that knows the extension API has two names: Firefox's promise-based `browser`
// and Chrome's `chrome` (promise-based too in MV3). No polyfill: every call we make exists in both.
export const browserApi = globalThis.browser ?? globalThis.chrome;
