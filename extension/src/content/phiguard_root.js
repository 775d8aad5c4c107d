// The single <phiguard-root> element that holds all of PHI Guard's page UI in an open shadow root,
// so the site's styles cannot reach it and the site's DOM is never restructured. It is appended to
// <html>, outside the site's app root, and created only when first needed.

import { UI_STYLES } from './ui_styles.js';

let root = null;

function adoptStyles(shadow) {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(UI_STYLES);
    shadow.adoptedStyleSheets = [sheet];
    return;
  } catch {
    // Firefox content scripts cannot always adopt a sheet built in their sandbox.
  }
  const style = document.createElement('style');
  style.textContent = UI_STYLES;
  shadow.append(style);
}

/** @returns {{host: HTMLElement, shadow: ShadowRoot, layer: HTMLElement, live: HTMLElement}} */
export function phiguardRoot() {
  if (root && root.host.isConnected) return root;
  const host = document.createElement('phiguard-root');
  host.style.setProperty('all', 'initial', 'important');
  host.style.setProperty('position', 'fixed', 'important');
  host.style.setProperty('top', '0', 'important');
  host.style.setProperty('left', '0', 'important');
  host.style.setProperty('width', '0', 'important');
  host.style.setProperty('height', '0', 'important');
  host.style.setProperty('z-index', '2147483647', 'important');
  const shadow = host.attachShadow({ mode: 'open' });
  adoptStyles(shadow);
  const layer = document.createElement('div');
  layer.className = 'layer';
  // Screen readers hear risk changes through this polite live region.
  const live = document.createElement('div');
  live.className = 'visually-hidden';
  live.setAttribute('role', 'status');
  live.setAttribute('aria-live', 'polite');
  layer.append(live);
  shadow.append(layer);
  document.documentElement.append(host);
  root = { host, shadow, layer, live };
  return root;
}

export function announce(message) {
  const { live } = phiguardRoot();
  live.textContent = '';
  // A fresh text node is announced even when the message repeats.
  setTimeout(() => {
    live.textContent = message;
  }, 50);
}

/** Remove the root (when PHI Guard is switched off for this site). */
export function removePhiguardRoot() {
  root?.host.remove();
  root = null;
}

// What each of PHI Guard's own action buttons does, recorded when the button is made. The shadow
// root is open (tests and diagnostics read it), so the page can read and change its DOM: routing
// reads this map, never the button's data-* attributes, so a page that edits data-scope or
// data-finding-id, or adds a button of its own, changes nothing.
const ACTIONS = new WeakMap();

/**
 * What `button` does ({action, findingId, replacementIndex, suggestionIndex, scope}), or null
 * when PHI Guard did not make it.
 */
export function actionOf(button) {
  return ACTIONS.get(button) ?? null;
}

/**
 * Wrap an event handler so it only runs for events the user caused. A watched site's scripts can
 * dispatch clicks and key presses on PHI Guard's UI (`el.click()`, `dispatchEvent`): those are
 * untrusted (`isTrusted === false`) and do nothing. A test driver's clicks are real input, trusted.
 */
export function onlyTrusted(handler) {
  return (event) => {
    if (event.isTrusted !== true) return undefined;
    return handler(event);
  };
}

/** Create an element with a class and text content; never parses HTML. */
export function element(tag, { className, text, attrs } = {}, children = []) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value !== undefined && value !== null && value !== false) el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child) el.append(child);
  if (attrs?.['data-action']) {
    ACTIONS.set(el, Object.freeze({
      action: String(attrs['data-action']),
      findingId: attrs['data-finding-id'] === undefined ? undefined : String(attrs['data-finding-id']),
      replacementIndex: attrs['data-replacement-index'] === undefined ? undefined : Number(attrs['data-replacement-index']),
      suggestionIndex: attrs['data-suggestion-index'] === undefined ? undefined : Number(attrs['data-suggestion-index']),
      scope: attrs['data-scope'] === undefined ? undefined : String(attrs['data-scope']),
    }));
  }
  return el;
}
