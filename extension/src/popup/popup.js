// The toolbar popup: server status (with the server's active rule packs), per-site switches, sensitivity. Settings the organisation
// manages are shown locked ("Set by <organisationName>").

import { browserApi } from '../browser_api.js';
import { readSettings, saveUserSettings, onSettingsChanged } from '../settings/policy_reader.js';
import { sendToBackground } from '../messages.js';
import { describeStatus, describeRulePacks, showLocks } from '../settings/settings_view.js';

async function render() {
  const { settings, locked, managed } = await readSettings();
  for (const box of document.querySelectorAll('input[name="site"]')) {
    box.checked = settings.sites.includes(box.value);
    box.disabled = !!locked.sites;
  }
  const severity = document.getElementById('minimumSeverity');
  severity.value = settings.minimumSeverity;
  severity.disabled = !!locked.minimumSeverity;
  showLocks(document, locked, managed.organisationName);
  const organisation = document.getElementById('organisation');
  organisation.hidden = !managed.organisationName;
  organisation.textContent = managed.organisationName ? `Managed by ${managed.organisationName}` : '';
  const support = document.getElementById('support');
  support.hidden = !settings.supportUrl;
  if (settings.supportUrl) document.getElementById('support-link').href = settings.supportUrl;
}

async function renderStatus() {
  const status = await sendToBackground({ kind: 'getStatus', probe: true });
  const { state, text } = describeStatus(status);
  document.getElementById('status').dataset.state = state;
  document.getElementById('status-text').textContent = text;
  const rulePacks = document.getElementById('rule-packs');
  rulePacks.textContent = describeRulePacks(status);
  rulePacks.hidden = rulePacks.textContent === '';
}

document.getElementById('sites').addEventListener('change', () => {
  const sites = [...document.querySelectorAll('input[name="site"]:checked')].map((box) => box.value);
  saveUserSettings({ sites });
});
document.getElementById('minimumSeverity').addEventListener('change', (event) => {
  saveUserSettings({ minimumSeverity: event.target.value });
});
document.getElementById('open-options').addEventListener('click', (event) => {
  event.preventDefault();
  browserApi.runtime.openOptionsPage();
  window.close();
});

onSettingsChanged(render);
render();
renderStatus();
