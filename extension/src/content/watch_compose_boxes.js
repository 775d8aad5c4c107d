// Finds a site's compose boxes as they appear (social sites render them late and re-render them
// often) and gives each its EditorWatcher; disposes watchers whose box left the page.

import { detectEditor } from '../editors/detect_editor.js';
import { EditorWatcher } from './editor_watcher.js';
import { registerWatcher } from './watcher_registry.js';

const RESCAN_MS = 300;

/** The first visible, enabled element matching `selector` in the nearest ancestor that has one. */
export function nearestSendButton(editorElement, selector, { maxDepth = 12 } = {}) {
  let ancestor = editorElement.parentElement;
  for (let depth = 0; ancestor && depth < maxDepth; depth += 1, ancestor = ancestor.parentElement) {
    for (const candidate of ancestor.querySelectorAll(selector)) {
      if (candidate.contains(editorElement)) continue;
      if (candidate.disabled || candidate.getAttribute('aria-disabled') === 'true') continue;
      if (candidate.getClientRects().length === 0) continue;
      return candidate;
    }
  }
  return null;
}

/** Is this keydown Ctrl+Enter (Cmd+Enter on macOS), the usual "send" shortcut? */
export function isModEnter(event) {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey;
}

/**
 * @param {{signal: AbortSignal, site: {id: string, editorSelector: string, findSendButton: Function, isSendShortcut: Function}}} options
 */
export function watchComposeBoxes({ signal, site }) {
  const watchers = new Map(); // element → {watcher, unregister}
  let timer = 0;

  function watch(element) {
    if (watchers.has(element) || !element.isConnected) return;
    const editor = detectEditor(element);
    if (!editor) return;
    const watcher = new EditorWatcher({ element, editor, site });
    const unregister = registerWatcher(watcher);
    watchers.set(element, { watcher, unregister });
    try {
      watcher.start();
    } catch (error) {
      console.error(`PHI Guard: cannot watch this ${editor.id} editor on ${site.id}`, error);
      unregister();
      watcher.dispose();
    }
  }

  function unwatch(element) {
    const entry = watchers.get(element);
    if (!entry) return;
    watchers.delete(element);
    entry.unregister();
    entry.watcher.dispose();
  }

  function scan() {
    timer = 0;
    if (signal.aborted) return;
    for (const [element, { watcher }] of [...watchers]) {
      // Gone, or taken over by an editor library after we first saw it (Lexical marks its root
      // with data-lexical-editor only once it is set up): start again with the right editor.
      if (!element.isConnected || (watcher.editor.id === 'contenteditable' && detectEditor(element)?.id !== 'contenteditable')) unwatch(element);
    }
    for (const element of document.querySelectorAll(site.editorSelector)) {
      // The outermost match is the editor root (a nested contenteditable belongs to it).
      if (element.parentElement?.closest(site.editorSelector)) continue;
      watch(element);
    }
  }

  function scheduleScan() {
    if (!timer) timer = setTimeout(scan, RESCAN_MS);
  }

  const observer = new MutationObserver(scheduleScan);
  observer.observe(document.documentElement, { childList: true, subtree: true });
  // A box the user focuses is watched at once, without waiting for the next scan.
  document.addEventListener('focusin', (event) => {
    const element = event.target.closest?.(site.editorSelector);
    if (element) {
      const root = element.parentElement?.closest(site.editorSelector) ?? element;
      watch(root);
    }
  }, { signal, capture: true });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(timer);
    for (const element of [...watchers.keys()]) unwatch(element);
  });
  scan();
}
