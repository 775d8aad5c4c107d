// PHI Guard's content script: starts the adapter of the site this page belongs to. Each site
// adapter registers {id, matches, init(signal)} and cleans up through its one AbortSignal; a
// failure in one never breaks the others.

import { browserApi } from '../browser_api.js';
import { loadContentSettings, contentSettings, onContentSettingsChanged } from './content_settings.js';
import { installPreSendGuard } from './pre_send_guard.js';
import { keepEngineWhileWriting } from './keep_engine.js';
import { allWatchers } from './watcher_registry.js';
import { removePhiguardRoot } from './phiguard_root.js';
import { matchesPattern } from './match_pattern.js';
import { answerTabStatus } from './tab_status.js';
import facebook from '../sites/facebook.js';
import linkedin from '../sites/linkedin.js';
import x from '../sites/x.js';

export const SITES = Object.freeze([facebook, linkedin, x]);

const running = new Map(); // site id → AbortController

function applySites() {
  const settings = contentSettings();
  const url = new URL(location.href);
  for (const site of SITES) {
    const wanted = settings.sites.includes(site.id) && site.matches.some((pattern) => matchesPattern(pattern, url));
    if (wanted && !running.has(site.id)) {
      const controller = new AbortController();
      running.set(site.id, controller);
      try {
        site.init(controller.signal);
      } catch (error) {
        console.error(`PHI Guard: the ${site.id} adapter failed to start`, error);
      }
    } else if (!wanted && running.has(site.id)) {
      running.get(site.id).abort();
      running.delete(site.id);
    }
  }
  if (running.size === 0) removePhiguardRoot();
}

async function start() {
  await loadContentSettings();
  installPreSendGuard();
  answerTabStatus(SITES, () => running.keys());
  keepEngineWhileWriting();
  applySites();
  onContentSettingsChanged(() => {
    applySites();
    for (const watcher of allWatchers()) watcher.onSettingsChanged();
  });
  browserApi.runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== browserApi.runtime.id) return;
    if (message?.kind === 'serverRecovered') for (const watcher of allWatchers()) watcher.onServerRecovered();
    else if (message?.kind === 'engineStarting') for (const watcher of allWatchers()) watcher.onEngineStarting();
  });
}

start().catch((error) => console.error('PHI Guard failed to start', error));
