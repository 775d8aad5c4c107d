// The toolbar popup: this tab first (site, whether PHI Guard watches it, the post's risk, "Pause on
// this site"), then the server and its rule packs, the keyboard shortcut, every site's switch and
// the sensitivity, and the versions under "About". Settings the organisation manages are shown locked.

import { browserApi } from '../browser_api.js';
import { readSettings, saveUserSettings, onSettingsChanged } from '../settings/policy_reader.js';
import { sendToBackground } from '../messages.js';
import { describeStatus, describeRulePacks, describeAbout, showLocks } from '../settings/settings_view.js';
import { describeTab, sitesWith } from './tab_status_view.js';

// After a settings change the content script catches up asynchronously: ask it again a few times.
const CATCH_UP_TRIES = 10;
const CATCH_UP_MS = 150;

/**
 * The tab the popup reports on: `?tab=<id>` when the popup is opened as a page for a given tab
 * (tests do), else the active tab of the popup's window.
 */
async function targetTabId(search) {
  const requested = new URLSearchParams(search).get('tab');
  if (requested !== null && /^\d+$/.test(requested)) return Number(requested);
  try {
    const [tab] = await browserApi.tabs.query({ active: true, currentWindow: true });
    return tab?.id ?? null;
  } catch {
    return null;
  }
}

/** The content script's answer, or null when none runs in the tab (not a watched site, or not loaded). */
async function askTab(tabId) {
  if (tabId === null) return null;
  try {
    const answer = await browserApi.tabs.sendMessage(tabId, { kind: 'getTabStatus' });
    return answer && typeof answer === 'object' && 'site' in answer ? answer : null;
  } catch {
    return null;
  }
}

/** Wire the popup's document (`search` is its location.search); resolves once it has rendered. */
export async function startPopup(doc, search = '') {
  const $ = (id) => doc.getElementById(id);
  const tabId = await targetTabId(search);
  let current = null;
  let tab = null;
  let status = null;

  function renderTab() {
    if (!current) return;
    const view = describeTab({ tab, settings: current.settings, locked: current.locked, organisationName: current.managed.organisationName });
    $('tab').dataset.state = view.state;
    $('tab-title').textContent = view.title;
    $('tab-detail').textContent = view.detail;
    $('tab-detail').hidden = view.detail === '';
    $('pause').hidden = !view.pause;
    $('pause-site').checked = !!view.pause?.checked;
    $('pause-site').disabled = !view.pause || view.pause.disabled;
    $('pause-locked').hidden = !view.pause?.note;
    $('pause-locked').textContent = view.pause?.note ?? '';
  }

  function renderSettings() {
    const { settings, locked, managed } = current;
    for (const box of doc.querySelectorAll('input[name="site"]')) {
      box.checked = settings.sites.includes(box.value);
      box.disabled = !!locked.sites;
    }
    const severity = $('minimumSeverity');
    severity.value = settings.minimumSeverity;
    severity.disabled = !!locked.minimumSeverity;
    showLocks(doc, locked, managed.organisationName);
    $('organisation').hidden = !managed.organisationName;
    $('organisation').textContent = managed.organisationName ? `Managed by ${managed.organisationName}` : '';
    $('support').hidden = !settings.supportUrl;
    if (settings.supportUrl) $('support-link').href = settings.supportUrl;
  }

  function renderStatus() {
    const { state, text } = describeStatus(status);
    $('status').dataset.state = state;
    $('status-text').textContent = text;
    $('rule-packs').textContent = describeRulePacks(status);
    $('rule-packs').hidden = $('rule-packs').textContent === '';
    const about = $('about-lines');
    about.replaceChildren(...describeAbout(status, browserApi.runtime.getManifest?.().version).map((line) => {
      const item = doc.createElement('li');
      item.textContent = line;
      return item;
    }));
  }

  async function refreshSettings() {
    current = await readSettings();
    renderSettings();
    renderTab();
  }

  async function refreshTab() {
    tab = await askTab(tabId);
    renderTab();
  }

  async function refreshStatus() {
    $('status-text').textContent = 'Checking the server…';
    status = await sendToBackground({ kind: 'getStatus', probe: true });
    renderStatus();
  }

  async function catchUp() {
    for (let i = 0; i < CATCH_UP_TRIES; i += 1) {
      await refreshTab();
      if (!tab?.site || tab.watching === current.settings.sites.includes(tab.site)) return;
      await new Promise((resolve) => setTimeout(resolve, CATCH_UP_MS));
    }
  }

  $('pause-site').addEventListener('change', (event) => {
    if (!tab?.site) return;
    saveUserSettings({ sites: sitesWith(current.settings.sites, tab.site, !event.target.checked) });
  });
  $('sites').addEventListener('change', () => {
    saveUserSettings({ sites: [...doc.querySelectorAll('input[name="site"]:checked')].map((box) => box.value) });
  });
  $('minimumSeverity').addEventListener('change', (event) => {
    saveUserSettings({ minimumSeverity: event.target.value });
  });
  $('recheck').addEventListener('click', refreshStatus);
  $('open-options').addEventListener('click', (event) => {
    event.preventDefault();
    browserApi.runtime.openOptionsPage();
    doc.defaultView?.close();
  });
  onSettingsChanged(async () => {
    await refreshSettings();
    await catchUp();
  });

  await Promise.all([refreshSettings().then(refreshTab), refreshStatus()]);
}
