// Answers the popup's {kind: 'getTabStatus'} (tabs.sendMessage): which site this page is, whether
// PHI Guard watches it now, and the risk of the post being written. The popup has no other way to
// know: it holds no "tabs" permission, so it cannot even read the tab's address.

import { browserApi } from '../browser_api.js';
import { allWatchers } from './watcher_registry.js';
import { matchesPattern } from './match_pattern.js';

const RISK_RANK = { none: 0, low: 1, medium: 2, high: 3 };

/** The box whose post the popup reports: the one with focus, else the riskiest one with text. */
function currentWatcher(watchers, active) {
  const focused = watchers.find((w) => w.element === active || w.element.contains?.(active));
  if (focused) return focused;
  const risk = (w) => RISK_RANK[w.element.getAttribute('data-phiguard-risk')] ?? -1;
  return [...watchers].sort((a, b) => risk(b) - risk(a))[0] ?? null;
}

/**
 * What this page tells the popup. The post is read from the editor's own test hooks
 * (data-phiguard-*), the same values a site's page could see, never its text.
 * @param {Array<{id: string, matches: string[]}>} sites
 * @param {Set<string>} runningSiteIds
 */
export function tabStatus(sites, runningSiteIds, href = location.href, activeElement = document.activeElement) {
  const url = new URL(href);
  const site = sites.find((s) => s.matches.some((pattern) => matchesPattern(pattern, url)))?.id ?? null;
  const watchers = allWatchers().filter((w) => w.element.isConnected);
  const current = currentWatcher(watchers, activeElement);
  return {
    site,
    host: url.hostname,
    watching: site !== null && runningSiteIds.has(site),
    boxes: watchers.length,
    post: current && current.element.hasAttribute('data-phiguard-risk')
      ? {
        risk: current.element.getAttribute('data-phiguard-risk'),
        findings: Number(current.element.getAttribute('data-phiguard-findings') ?? 0),
        mode: current.element.getAttribute('data-phiguard-mode') ?? null,
      }
      : null,
  };
}

/** Register the answer to the popup's question; `runningSiteIds()` is the set of adapters running. */
export function answerTabStatus(sites, runningSiteIds) {
  browserApi.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== browserApi.runtime.id || message?.kind !== 'getTabStatus') return undefined;
    sendResponse(tabStatus(sites, new Set(runningSiteIds())));
    return undefined;
  });
}
