// The options page: server URL and token, sites, sensitivity, pre-send behaviour, offline mode and
// the personal allow-list. Managed settings are shown disabled with "Set by <organisationName>".

import { readSettings, saveUserSettings, onSettingsChanged } from '../settings/policy_reader.js';
import { serverUrlProblem } from '../settings/defaults.js';
import { hashAllowTerm } from '../settings/allow_list.js';
import { sendToBackground } from '../messages.js';
import { browserApi } from '../browser_api.js';
import { describeStatus, describeAbout, showLocks } from '../settings/settings_view.js';

const $ = (id) => document.getElementById(id);
let current = null;

// The allow-list holds salted hashes, not words (settings/allow_list.js): entries are listed by
// number, and a typed word can be looked up or removed.
function renderAllowList({ settings, locked }) {
  const list = $('allow-list');
  list.replaceChildren();
  const disabled = !!locked.allowList || !settings.allowPersonalAllowList;
  $('allow-term').disabled = disabled;
  for (const button of $('allow-form').querySelectorAll('button')) button.disabled = disabled;
  const count = settings.allowList.length;
  $('allow-count').textContent = count ? `${count} ${count === 1 ? 'entry' : 'entries'}.` : 'No entries.';
  settings.allowList.forEach((hash, index) => {
    const item = document.createElement('li');
    item.dataset.entry = hash;
    const text = document.createElement('span');
    text.textContent = `Entry ${index + 1}`;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = 'Remove';
    remove.setAttribute('aria-label', `Remove entry ${index + 1} from the allow-list`);
    remove.disabled = disabled;
    remove.addEventListener('click', () => saveUserSettings({ allowList: current.settings.allowList.filter((t) => t !== hash) }));
    item.append(text, remove);
    list.append(item);
  });
}

/** The entry a typed word is stored as, or null when it is not on the list. */
function entryFor(term) {
  const hash = hashAllowTerm(term, current.settings.allowListSalt);
  return current.settings.allowList.includes(hash) ? hash : null;
}

function showAllowResult(text) {
  $('allow-result').textContent = text;
}

/** Why a server URL from the user or the organisation is not in use (an http:// URL off this computer). */
function renderRefused({ settings, refused }) {
  const note = document.querySelector('[data-refused-note="serverUrl"]');
  const entry = refused.serverUrl;
  note.hidden = !entry;
  if (!entry) {
    note.textContent = '';
    return;
  }
  const whose = entry.source === 'managed' ? 'Your organisation’s server address' : 'Your saved server address';
  note.textContent = `${whose} ${entry.value} is not used: ${entry.reason}. PHI Guard sends posts to ${settings.serverUrl} instead.`;
}

function showServerUrlProblem() {
  const value = $('serverUrl').value;
  const problem = value.trim() && !$('serverUrl').disabled ? serverUrlProblem(value) : '';
  $('serverUrl-problem').hidden = !problem;
  $('serverUrl-problem').textContent = problem ? `This address cannot be used: ${problem}.` : '';
  $('serverUrl').setAttribute('aria-invalid', problem ? 'true' : 'false');
}

async function render() {
  current = await readSettings();
  const { settings, locked, managed } = current;
  renderRefused(current);
  $('serverUrl').value = settings.serverUrl;
  $('serverUrl').disabled = !!locked.serverUrl;
  $('apiToken').value = locked.apiToken ? '' : settings.apiToken;
  $('apiToken').placeholder = locked.apiToken ? '(set by your organisation)' : '';
  $('apiToken').disabled = !!locked.apiToken;
  $('offlineFallback').checked = settings.offlineFallback;
  $('offlineFallback').disabled = !!locked.offlineFallback;
  for (const box of document.querySelectorAll('input[name="site"]')) {
    box.checked = settings.sites.includes(box.value);
    box.disabled = !!locked.sites;
  }
  $('minimumSeverity').value = settings.minimumSeverity;
  $('minimumSeverity').disabled = !!locked.minimumSeverity;
  $('enforcement').value = settings.enforcement;
  $('enforcement').disabled = !!locked.enforcement;
  // Without allowUserDisable the user may not choose "don't ask".
  $('enforcement').querySelector('option[value="off"]').disabled = managed.allowUserDisable === false;
  showLocks(document, locked, managed.organisationName);
  $('organisation').hidden = !managed.organisationName;
  $('organisation').textContent = managed.organisationName ? `Some settings are managed by ${managed.organisationName}.` : '';
  $('support').hidden = !settings.supportUrl;
  if (settings.supportUrl) $('support-link').href = settings.supportUrl;
  renderAllowList(current);
}

async function renderStatus() {
  const status = await sendToBackground({ kind: 'getStatus', probe: true });
  const { state, text } = describeStatus(status);
  $('status').dataset.state = state;
  $('status-text').textContent = text;
  $('about-lines').replaceChildren(...describeAbout(status, browserApi.runtime.getManifest?.().version).map((line) => {
    const item = document.createElement('li');
    item.textContent = line;
    return item;
  }));
}

$('settings').addEventListener('submit', async (event) => {
  event.preventDefault();
  const values = {
    serverUrl: $('serverUrl').value,
    apiToken: $('apiToken').value,
    offlineFallback: $('offlineFallback').checked,
    sites: [...document.querySelectorAll('input[name="site"]:checked')].map((box) => box.value),
    minimumSeverity: $('minimumSeverity').value,
    enforcement: $('enforcement').value,
  };
  for (const key of Object.keys(values)) if (current.locked[key]) delete values[key];
  const { rejected, reasons } = await saveUserSettings(values);
  const why = rejected.map((key) => (reasons[key] ? `${key}: ${reasons[key]}` : key));
  $('saved').textContent = rejected.length ? `Not saved: ${why.join('; ')}${Object.keys(reasons).length ? '.' : ' (check the value).'}` : 'Saved.';
  $('saved').classList.toggle('error', rejected.length > 0);
  renderStatus();
});

$('allow-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const term = $('allow-term').value;
  if (!term.trim()) return;
  const action = event.submitter?.dataset.allowAction ?? 'add';
  const entry = entryFor(term);
  if (action === 'find') {
    showAllowResult(entry ? `“${term.trim()}” is on the list (entry ${current.settings.allowList.indexOf(entry) + 1}).` : `“${term.trim()}” is not on the list.`);
    return;
  }
  if (action === 'remove') {
    if (!entry) {
      showAllowResult(`“${term.trim()}” is not on the list.`);
      return;
    }
    await saveUserSettings({ allowList: current.settings.allowList.filter((t) => t !== entry) });
    showAllowResult(`Removed “${term.trim()}”.`);
  } else {
    await saveUserSettings({ allowList: [...current.settings.allowList, term] });
    showAllowResult(entry ? `“${term.trim()}” was already on the list.` : `Added “${term.trim()}”.`);
  }
  $('allow-term').value = '';
});

$('recheck').addEventListener('click', renderStatus);
$('serverUrl').addEventListener('input', showServerUrlProblem);
onSettingsChanged(render);
render();
renderStatus();
