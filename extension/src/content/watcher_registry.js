// The compose boxes PHI Guard watches on this page, for the pre-send guard and for messages
// from the background script.

const watchers = new Set();

export function registerWatcher(watcher) {
  watchers.add(watcher);
  return () => watchers.delete(watcher);
}

export function allWatchers() {
  return [...watchers];
}

export function watcherForElement(element) {
  for (const watcher of watchers) if (watcher.element === element) return watcher;
  return null;
}
