// Which engine the extension asks (issue 13): a server set by policy or the user, else the native
// host unless the browser said it is missing, else the local HTTP server; a managed `transport`
// forces one. The same order as `phiguard doctor` (server/phiguard/doctor.py pick_transport).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chooseTransport } from '../../../extension/src/background/transport_chooser.js';
import { mergeSettings } from '../../../extension/src/settings/policy_reader.js';

const CENTRAL = 'https://phiguard.northshire.nhs.uk';

/** The chooser's input as the background builds it: settings merged from user values and policy. */
function choose({ user = {}, managed = {}, nativeFound = null }) {
  const merged = mergeSettings(user, managed);
  return chooseTransport({ settings: merged.settings, managed: merged.managed, nativeFound });
}

describe('chooseTransport', () => {
  const cases = [
    ['nothing set, host not tried yet', {}, 'native'],
    ['nothing set, host answers', { nativeFound: true }, 'native'],
    ['nothing set, host missing', { nativeFound: false }, 'http'],
    ['serverUrl by policy beats the native host', { managed: { serverUrl: CENTRAL }, nativeFound: true }, 'server'],
    ['a server address the user typed beats the native host', { user: { serverUrl: 'http://127.0.0.1:9000' }, nativeFound: true }, 'server'],
    ['the default address typed by the user is the local server, after the native host', { user: { serverUrl: 'http://127.0.0.1:8765' }, nativeFound: true }, 'native'],
    ['transport=native beats serverUrl', { managed: { transport: 'native', serverUrl: CENTRAL } }, 'native'],
    ['transport=native with the host missing stays native (then limited mode)', { managed: { transport: 'native' }, nativeFound: false }, 'native'],
    ['transport=http never uses the native host', { managed: { transport: 'http' }, nativeFound: true }, 'http'],
    ['transport=http with serverUrl', { managed: { transport: 'http', serverUrl: CENTRAL }, nativeFound: true }, 'server'],
    ['an unknown transport is ignored (auto)', { managed: { transport: 'carrier-pigeon' }, nativeFound: true }, 'native'],
    ['a refused http:// serverUrl from policy does not count', { managed: { serverUrl: 'http://phiguard.example.org' }, nativeFound: false }, 'http'],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.equal(choose(input).transport, expected));
  }

  it('names the server address it picked and why', () => {
    assert.deepEqual(choose({ managed: { serverUrl: `${CENTRAL}/` } }), { transport: 'server', url: CENTRAL, reason: 'serverUrl set by policy' });
    assert.deepEqual(choose({ nativeFound: false }), { transport: 'http', url: 'http://127.0.0.1:8765', reason: 'the native host is not installed' });
  });
});
