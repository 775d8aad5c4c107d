// The background's message gate (acceptMessage): only our own extension's contexts, only known
// kinds, only fields of the right type and size; nothing a content script sends can change the
// server URL or the API token.

import { describe, it, before, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { register } from 'node:module';

// The offline rules reach the background through the build's virtual module; these tests never
// fall back to them, so an empty one stands in.
register(`data:text/javascript,${encodeURIComponent(`
  export async function resolve(specifier, context, next) {
    if (specifier === 'phiguard:rule-packs') return { url: 'data:text/javascript,export default []', shortCircuit: true };
    return next(specifier, context);
  }`)}`);

// A fake extension API installed before the handlers are imported (browser_api.js reads it once).
const EXTENSION_ID = 'gfndljdmplkkpabcdkanfdchleockfhp';
const ORIGIN = `chrome-extension://${EXTENSION_ID}/`;
const areas = { local: {}, managed: {} };
globalThis.browser = {
  runtime: { id: EXTENSION_ID, getURL: (path) => `${ORIGIN}${path}` },
  storage: {
    local: { get: async () => structuredClone(areas.local), set: async (values) => Object.assign(areas.local, structuredClone(values)) },
    managed: { get: async () => structuredClone(areas.managed) },
    onChanged: { addListener: () => {}, removeListener: () => {} },
  },
};

const CONTENT = { id: EXTENSION_ID, url: 'https://www.facebook.com/', tab: { id: 7 }, frameId: 0 };
const OPTIONS_PAGE = { id: EXTENSION_ID, url: `${ORIGIN}options/options.html` };
const OTHER_EXTENSION = { id: 'abcdefghijklmnopabcdefghijklmnop', url: 'https://www.facebook.com/', tab: { id: 7 } };

let acceptMessage;
let createMessageHandlers;
let createServerStatus;
let createTransports;
let createNativeClient;
let MAX_TEXT_CHARS;
let handlers;
const realFetch = globalThis.fetch;
let fetched;

before(async () => {
  ({ acceptMessage, createMessageHandlers } = await import('../../../extension/src/background/message_handlers.js'));
  ({ createServerStatus } = await import('../../../extension/src/background/server_status.js'));
  ({ createTransports } = await import('../../../extension/src/background/transports.js'));
  ({ createNativeClient } = await import('../../../extension/src/background/native_client.js'));
  ({ MAX_TEXT_CHARS } = await import('../../../extension/src/messages.js'));
});

beforeEach(() => {
  areas.local = {};
  areas.managed = {};
  fetched = [];
  globalThis.fetch = async (url) => {
    fetched.push(String(url));
    return new Response(JSON.stringify({ risk: 'none', findings: [], summary: '' }), { status: 200 });
  };
  // No native host here (as on a computer without `phiguard install-native-host`): requests go to
  // the local HTTP server, the next transport in line.
  const status = createServerStatus();
  const native = createNativeClient({ connect: () => { throw new Error('Specified native messaging host not found.'); } });
  handlers = createMessageHandlers({ status, transports: createTransports({ native, status }), onRecovered: () => {}, onUnreachable: () => {} });
});

afterEach(() => {
  globalThis.fetch = realFetch;
});

const accepted = (message, sender = CONTENT) => acceptMessage(handlers, message, sender) !== null;

describe('acceptMessage', () => {
  it('accepts the messages the content script and pages really send', () => {
    assert.ok(accepted({ kind: 'analyze', text: 'My client Sandra', site: 'facebook', watcherId: 'w1' }));
    assert.ok(accepted({ kind: 'rewrite', text: 'My client Sandra' }));
    assert.ok(accepted({ kind: 'getSettings' }));
    assert.ok(accepted({ kind: 'allowTerm', term: 'Whitby' }));
    assert.ok(accepted({ kind: 'composeActive' }));
    assert.equal(accepted({ kind: 'composeActive' }, OPTIONS_PAGE), false, 'only a content script has compose boxes');
    assert.ok(accepted({ kind: 'getStatus', probe: true }, OPTIONS_PAGE));
    assert.ok(accepted({ kind: 'getSettings' }, OPTIONS_PAGE));
  });

  it('refuses unknown kinds, inherited names and non-objects', () => {
    for (const message of [
      { kind: 'setSettings', serverUrl: 'http://evil.example' },
      { kind: 'saveSettings', apiToken: 'stolen' },
      { kind: 'toString' },
      { kind: '__proto__' },
      { kind: 'constructor' },
      { kind: ['analyze'], text: 'x', watcherId: 'w1' },
      { text: 'x' },
      'analyze',
      ['analyze'],
      null,
      undefined,
      42,
    ]) {
      assert.equal(accepted(message), false, JSON.stringify(message));
      assert.equal(accepted(message, OPTIONS_PAGE), false, JSON.stringify(message));
    }
  });

  it('refuses fields of the wrong type', () => {
    for (const message of [
      { kind: 'analyze', text: 42, watcherId: 'w1' },
      { kind: 'analyze', text: { toString: () => 'x' }, watcherId: 'w1' },
      { kind: 'analyze', text: 'x', watcherId: { id: 1 } },
      { kind: 'analyze', text: 'x' },
      { kind: 'analyze', text: 'x', site: ['facebook'], watcherId: 'w1' },
      { kind: 'rewrite', text: null },
      { kind: 'allowTerm', term: ['Whitby'] },
      { kind: 'allowTerm' },
    ]) {
      assert.equal(accepted(message), false, JSON.stringify(message));
    }
    assert.equal(accepted({ kind: 'getStatus', probe: 'yes' }, OPTIONS_PAGE), false);
  });

  it('refuses oversized text', () => {
    const long = 'a'.repeat(MAX_TEXT_CHARS + 1);
    assert.equal(accepted({ kind: 'analyze', text: long, watcherId: 'w1' }), false);
    assert.equal(accepted({ kind: 'rewrite', text: long }), false);
    assert.equal(accepted({ kind: 'allowTerm', term: 'a'.repeat(201) }), false);
    assert.ok(accepted({ kind: 'analyze', text: 'a'.repeat(MAX_TEXT_CHARS), watcherId: 'w1' }));
  });

  it('checks the sender: content kinds only from a tab, page kinds only from extension pages, never another extension', () => {
    assert.equal(accepted({ kind: 'getStatus', probe: true }, CONTENT), false, 'a content script cannot probe');
    assert.equal(accepted({ kind: 'analyze', text: 'x', watcherId: 'w1' }, OPTIONS_PAGE), false);
    assert.equal(accepted({ kind: 'analyze', text: 'x', watcherId: 'w1' }, { id: EXTENSION_ID, url: 'https://x.com/' }), false, 'no tab');
    assert.equal(accepted({ kind: 'getSettings' }, OTHER_EXTENSION), false);
    assert.equal(accepted({ kind: 'analyze', text: 'x', watcherId: 'w1' }, OTHER_EXTENSION), false);
    assert.equal(accepted({ kind: 'getSettings' }, null), false, 'no sender');
  });
});

describe('no message changes the server URL or the API token', () => {
  it('extra serverUrl/apiToken fields on an accepted message are ignored', async () => {
    areas.local = { serverUrl: 'http://127.0.0.1:8765', allowList: [] };
    const smuggled = { serverUrl: 'http://evil.example', apiToken: 'stolen' };
    for (const message of [
      { kind: 'allowTerm', term: 'Whitby', ...smuggled },
      { kind: 'analyze', text: 'My client', watcherId: 'w1', ...smuggled },
      { kind: 'getSettings', ...smuggled },
    ]) {
      const handler = acceptMessage(handlers, message, CONTENT);
      assert.ok(handler, message.kind);
      await handler.handle(message, CONTENT);
    }
    assert.equal(areas.local.serverUrl, 'http://127.0.0.1:8765');
    assert.equal(areas.local.apiToken, undefined);
    assert.equal(areas.local.allowList.length, 1);
    assert.match(areas.local.allowList[0], /^sha256:[0-9a-f]{64}$/, 'the allow-list holds a salted hash, not the word');
    assert.ok(!JSON.stringify(areas.local).toLowerCase().includes('whitby'), 'the word is nowhere in storage');
    assert.ok(fetched.length > 0 && fetched.every((url) => url.startsWith('http://127.0.0.1:8765/')), `only the configured server was called: ${fetched}`);
  });

  it('getSettings never hands the API token to a content script', async () => {
    areas.local = { apiToken: 's3cret' };
    const answer = await acceptMessage(handlers, { kind: 'getSettings' }, CONTENT).handle({ kind: 'getSettings' }, CONTENT);
    assert.ok(!JSON.stringify(answer).includes('s3cret'));
  });
});

describe('the server\'s 64 KiB request limit', () => {
  let messages;
  before(async () => {
    messages = await import('../../../extension/src/messages.js');
  });

  it('fitsServerLimit measures the JSON body in UTF-8 bytes, as the server does', () => {
    const { fitsServerLimit, requestBytes, MAX_REQUEST_BYTES } = messages;
    const overhead = requestBytes('', 'facebook');
    assert.equal(fitsServerLimit('a'.repeat(MAX_REQUEST_BYTES - overhead), 'facebook'), true);
    assert.equal(fitsServerLimit('a'.repeat(MAX_REQUEST_BYTES - overhead + 1), 'facebook'), false);
    // An emoji is 2 UTF-16 units and 4 bytes; a control character is 6 bytes of JSON (\u0001).
    const emoji = Math.floor((MAX_REQUEST_BYTES - overhead) / 4);
    assert.equal(fitsServerLimit('😀'.repeat(emoji), 'facebook'), true);
    assert.equal(fitsServerLimit('😀'.repeat(emoji + 1), 'facebook'), false);
    assert.equal(fitsServerLimit('\u0001'.repeat(11000), 'facebook'), false);
    assert.equal(fitsServerLimit('a'.repeat(MAX_REQUEST_BYTES + 1)), false);
  });

  it('limited mode offers no whole-post rewrite; the server\'s comes back when it answers (issue 10 item 6)', async () => {
    const rewrite = { kind: 'rewrite', text: 'My client Sandra, 81, keeps falling in Whitby.' };
    globalThis.fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const offline = await acceptMessage(handlers, rewrite, CONTENT).handle(rewrite, CONTENT);
    assert.equal(offline.status, 'ok');
    assert.equal(offline.mode, 'offline');
    assert.deepEqual(offline.suggestions, [], 'no rewrite that nothing could check');
    globalThis.fetch = async () => new Response(JSON.stringify({ suggestions: [{ text: 'A client keeps falling.', strategy: 'generalize', risk_after: 'none' }] }), { status: 200 });
    const online = await acceptMessage(handlers, rewrite, CONTENT).handle(rewrite, CONTENT);
    assert.equal(online.mode, 'http');
    assert.deepEqual(online.suggestions.map((s) => s.text), ['A client keeps falling.']);
  });

  it('analyze and rewrite never send a body over the limit: the answer says it is too long', async () => {
    const { MAX_REQUEST_BYTES, requestBytes } = messages;
    const overhead = requestBytes('', 'facebook');
    const over = 'é'.repeat(Math.ceil((MAX_REQUEST_BYTES - overhead) / 2) + 1); // 2 bytes each
    const analyze = { kind: 'analyze', text: over, site: 'facebook', watcherId: 'w1' };
    const answer = await acceptMessage(handlers, analyze, CONTENT).handle(analyze, CONTENT);
    assert.equal(answer.status, 'tooLong');
    assert.equal(answer.limitBytes, MAX_REQUEST_BYTES);
    assert.ok(answer.bytes > MAX_REQUEST_BYTES);
    const rewrite = { kind: 'rewrite', text: `${over}${'é'.repeat(20)}` }; // a rewrite body has no site
    assert.equal((await acceptMessage(handlers, rewrite, CONTENT).handle(rewrite, CONTENT)).status, 'tooLong');
    assert.deepEqual(fetched, [], 'nothing was sent');
    const fits = { kind: 'analyze', text: 'a'.repeat(MAX_REQUEST_BYTES - overhead), site: 'facebook', watcherId: 'w1' };
    assert.equal((await acceptMessage(handlers, fits, CONTENT).handle(fits, CONTENT)).status, 'ok');
    assert.equal(fetched.length, 1, 'a body of exactly the limit is sent');
  });
});

describe('the transport in use (native host, then limited mode)', () => {
  let port;
  let native;
  let status;
  let started;
  let nativeHandlers;
  const ask = (message, sender = CONTENT) => acceptMessage(nativeHandlers, message, sender).handle(message, sender);

  beforeEach(() => {
    started = [];
    status = createServerStatus();
    native = createNativeClient({
      connect: () => {
        // A host that answers health with "starting", every analysis with a high risk, and policy
        // never (its engine is still loading).
        const listeners = { message: [], disconnect: [] };
        port = {
          postMessage: (frame) => frame.op !== 'policy' && queueMicrotask(() => {
            const result = frame.op === 'health' ? { status: 'ok', state: 'starting' } : { risk: 'high', summary: 's', findings: [{ start: 0, end: 2, type: 'PERSON', severity: 'high' }] };
            for (const fn of listeners.message) fn({ id: frame.id, result });
          }),
          onMessage: { addListener: (fn) => listeners.message.push(fn) },
          onDisconnect: { addListener: (fn) => listeners.disconnect.push(fn) },
          disconnect: () => {},
          die: () => { for (const fn of listeners.disconnect) fn({ error: { message: 'Native host has exited.' } }); },
        };
        return port;
      },
    });
    nativeHandlers = createMessageHandlers({ status, transports: createTransports({ native, status }), onRecovered: () => {}, onUnreachable: () => {}, onStarting: (tabId) => started.push(tabId) });
  });

  afterEach(() => native.close());

  it('answers from the native host, says so, and never calls HTTP', async () => {
    const answer = await ask({ kind: 'analyze', text: 'Sandra fell', site: 'facebook', watcherId: 'w1' });
    assert.equal(answer.status, 'ok');
    assert.equal(answer.mode, 'native');
    assert.equal(answer.result.risk, 'high');
    assert.deepEqual(started, [7], 'the tab was told the engine is starting');
    const view = await ask({ kind: 'getStatus' }, OPTIONS_PAGE);
    assert.equal(view.transport, 'native');
    assert.equal(view.nativeHost.found, true);
    assert.deepEqual(fetched, []);
  });

  it('falls back to limited mode when the host dies, and getStatus says "limited"', async () => {
    areas.local = { offlineFallback: false }; // the empty stand-in rules cannot check offline: "unavailable" says it fell back
    await ask({ kind: 'analyze', text: 'Sandra fell', watcherId: 'w1' });
    port.die();
    const answer = await ask({ kind: 'analyze', text: 'Sandra fell again', watcherId: 'w1' });
    assert.equal(answer.status, 'unavailable');
    assert.match(answer.serverError.message, /engine stopped/);
    const view = await ask({ kind: 'getStatus' }, OPTIONS_PAGE);
    assert.equal(view.transport, 'limited');
    assert.deepEqual(fetched, [], 'a dead native host is not replaced by HTTP: it is restarted');
  });

  it('getStatus says "starting" while the host loads its engine', async () => {
    const view = await ask({ kind: 'getStatus', probe: true }, OPTIONS_PAGE);
    assert.equal(view.transport, 'starting');
    assert.equal(view.reachable, true);
  });
});
