// The background's server client: the health check fetches /healthz and then /v1/policy (the
// server's active rule packs, with the Bearer token like every /v1 call); a policy it cannot get
// never makes a healthy server look down.

import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { probeServer, checkPolicyResult, ServerError } from '../../../extension/src/background/server_client.js';
import { describeRulePacks } from '../../../extension/src/settings/settings_view.js';

const realFetch = globalThis.fetch;
const SETTINGS = { serverUrl: 'http://127.0.0.1:8765', apiToken: 's3cret' };
const POLICY = {
  version: '0.1.0',
  enforcement: 'warn',
  auth_required: true,
  rule_packs: [
    { name: 'phiguard-core', version: '1.0.0', description: 'Built-in rules.' },
    { name: 'northshire-local', version: '2.1.0', description: 'Local places.' },
  ],
  context_scope: 'paragraph',
  model: 'en_core_web_sm',
};

/** A fake fetch answering per path; records the requests. */
function fakeFetch(answers) {
  const requests = [];
  globalThis.fetch = async (url, init) => {
    const path = new URL(url).pathname;
    requests.push({ path, headers: init.headers });
    const answer = answers[path];
    if (answer instanceof Error) throw answer;
    if (!answer) return new Response(JSON.stringify({ error: { message: 'Not found' } }), { status: 404 });
    return new Response(JSON.stringify(answer.body), { status: answer.status ?? 200 });
  };
  return requests;
}

afterEach(() => {
  globalThis.fetch = realFetch;
});

describe('probeServer', () => {
  it('returns the health answer with the active rule packs, asked for with the token', async () => {
    const requests = fakeFetch({ '/healthz': { body: { status: 'ok', version: '0.1.0' } }, '/v1/policy': { body: POLICY } });
    const info = await probeServer(SETTINGS);
    assert.equal(info.version, '0.1.0');
    assert.deepEqual(info.policy.rulePacks.map((p) => `${p.name} ${p.version}`), ['phiguard-core 1.0.0', 'northshire-local 2.1.0']);
    assert.equal(info.policyError, null);
    assert.deepEqual(requests.map((r) => r.path), ['/healthz', '/v1/policy']);
    assert.equal(requests[1].headers.Authorization, 'Bearer s3cret');
  });

  it('still reports a healthy server when /v1/policy is refused', async () => {
    fakeFetch({ '/healthz': { body: { status: 'ok' } }, '/v1/policy': { status: 401, body: { error: { message: 'A valid API token is required.' } } } });
    const info = await probeServer(SETTINGS);
    assert.equal(info.status, 'ok');
    assert.equal(info.policy, null);
    assert.match(info.policyError, /API token/);
  });

  it('throws when /healthz cannot be reached (the server is down)', async () => {
    fakeFetch({ '/healthz': new TypeError('connection refused') });
    await assert.rejects(probeServer(SETTINGS), (error) => error instanceof ServerError && error.unreachable);
  });
});

describe('checkPolicyResult', () => {
  it('keeps well-formed packs only', () => {
    const { rulePacks } = checkPolicyResult({ rule_packs: [{ name: 'a', version: 1 }, null, { version: '1' }, { name: 'b', version: '2', description: 'd' }] });
    assert.deepEqual(rulePacks, [{ name: 'a', version: '', description: '' }, { name: 'b', version: '2', description: 'd' }]);
  });

  it('rejects an answer without rule_packs', () => {
    assert.throws(() => checkPolicyResult({ version: '1' }), ServerError);
  });
});

describe('describeRulePacks (popup)', () => {
  it('lists name and version of each pack', () => {
    const status = { reachable: true, rulePacks: [{ name: 'phiguard-core', version: '1.0.0' }, { name: 'local', version: '' }] };
    assert.equal(describeRulePacks(status), 'Rule packs: phiguard-core 1.0.0, local');
  });

  it('says why when the server would not tell, and nothing when it is offline', () => {
    assert.equal(describeRulePacks({ reachable: true, rulePacks: null, policyError: 'Unauthorised.' }), 'Rule packs: not available (Unauthorised.)');
    assert.equal(describeRulePacks({ reachable: false, rulePacks: null }), '');
    assert.equal(describeRulePacks(null), '');
  });
});

describe('callServer and the server URL', () => {
  it('never sends a post over http:// to a host that is not loopback', async () => {
    const requests = fakeFetch({ '/v1/analyze': { body: { risk: 'none', findings: [] } } });
    const { callServer } = await import('../../../extension/src/background/server_client.js');
    await assert.rejects(
      callServer({ serverUrl: 'http://phiguard.example.org', apiToken: 's3cret' }, '/v1/analyze', { body: { text: 'My client Sandra' } }),
      (error) => error instanceof ServerError && error.kind === 'refused' && /https/.test(error.message),
    );
    assert.deepEqual(requests, [], 'nothing was sent');
    await callServer({ serverUrl: 'https://phiguard.example.org', apiToken: '' }, '/v1/analyze', { body: { text: 'hi' } });
    assert.equal(requests.length, 1);
  });
});
