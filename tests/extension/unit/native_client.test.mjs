// The native-messaging client against a fake port and a fake clock: replies matched to requests by
// id whatever their order, the long wait for the first answer while the engine loads, a host that
// dies (pending requests fail, restart with backoff), one that hangs (timeout, restarted), one that
// is not installed (looked for again later), and the idle close.

import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createNativeClient, NATIVE_TIMEOUTS_MS } from '../../../extension/src/background/native_client.js';
import { ServerError } from '../../../extension/src/background/server_client.js';

function fakeClock() {
  let time = 1_000_000;
  let nextId = 1;
  const timers = new Map(); // id → {at, fn, every}
  const clock = {
    now: () => time,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.set(id, { at: time + ms, fn });
      return id;
    },
    setInterval: (fn, ms) => {
      const id = nextId++;
      timers.set(id, { at: time + ms, fn, every: ms });
      return id;
    },
    clearTimeout: (id) => timers.delete(id),
    clearInterval: (id) => timers.delete(id),
    /** Move time on by `ms`, running what falls due, in order. */
    advance(ms) {
      const end = time + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        const [id, timer] = due;
        time = timer.at;
        if (timer.every) timer.at += timer.every;
        else timers.delete(id);
        timer.fn();
      }
      time = end;
    },
  };
  return clock;
}

/** A runtime.Port as connectNative returns it; `die(message)` is the host exiting (Firefox's port.error). */
function fakePort() {
  const messageListeners = [];
  const disconnectListeners = [];
  const port = {
    sent: [],
    disconnected: false,
    error: null,
    postMessage(frame) {
      if (port.disconnected) throw new Error('Attempt to postMessage on disconnected port');
      port.sent.push(frame);
    },
    onMessage: { addListener: (fn) => messageListeners.push(fn) },
    onDisconnect: { addListener: (fn) => disconnectListeners.push(fn) },
    disconnect() {
      port.disconnected = true;
    },
    reply(message) {
      for (const fn of messageListeners) fn(message);
    },
    die(message) {
      port.disconnected = true;
      port.error = message ? { message } : null;
      for (const fn of disconnectListeners) fn(port);
    },
    requests: (op) => port.sent.filter((f) => f.op === op),
    /** Answer the host's way: health at once with its state. */
    answerHealth(state = 'starting') {
      for (const f of port.requests('health')) port.reply({ id: f.id, result: { status: 'ok', version: '0.1.0', model: state === 'ready' ? 'en_core_web_sm' : null, state } });
    },
  };
  return port;
}

const ANALYSIS = (risk) => ({ risk, summary: '', findings: [] });

let clock;
let ports;
let client;

function connect() {
  const port = fakePort();
  ports.push(port);
  return port;
}

beforeEach(() => {
  clock = fakeClock();
  ports = [];
  client = createNativeClient({ connect, now: clock.now, timers: clock });
});

/** Let the promise callbacks of answered requests run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('native client: requests and replies', () => {
  it('opens the port on first need only, and matches replies to requests by id, in any order', async () => {
    assert.equal(ports.length, 0, 'nothing started before a request');
    assert.equal(client.state, 'idle');
    const first = client.analyze({ text: 'one', site: 'facebook' });
    const second = client.analyze({ text: 'two' });
    const rewrite = client.rewrite({ text: 'three' });
    assert.equal(ports.length, 1, 'one port for all requests');
    const [port] = ports;
    const [a, b] = port.requests('analyze');
    assert.deepEqual({ op: a.op, text: a.text, site: a.site }, { op: 'analyze', text: 'one', site: 'facebook' });
    assert.notEqual(a.id, b.id);
    port.reply({ id: port.requests('rewrite')[0].id, result: { suggestions: [{ text: 'r' }] } });
    port.reply({ id: b.id, result: ANALYSIS('low') });
    port.reply({ id: a.id, result: ANALYSIS('high') });
    assert.equal((await first).risk, 'high');
    assert.equal((await second).risk, 'low');
    assert.equal((await rewrite).suggestions[0].text, 'r');
    assert.equal(client.state, 'ready');
    assert.equal(client.found, true);
  });

  it('turns an error frame into a ServerError with the host\'s code', async () => {
    const pending = client.analyze({ text: 'x' });
    const [port] = ports;
    port.reply({ id: port.requests('analyze')[0].id, error: { code: 'invalid_text', message: '"text" must be a string.' } });
    await assert.rejects(pending, (error) => error instanceof ServerError && error.kind === 'http' && error.code === 'invalid_text' && !error.unreachable);
  });

  it('drops an answer whose request was aborted, and still answers the others', async () => {
    const controller = new AbortController();
    const dropped = client.analyze({ text: 'old' }, { signal: controller.signal });
    const kept = client.analyze({ text: 'new' });
    controller.abort();
    await assert.rejects(dropped, { name: 'AbortError' });
    const [port] = ports;
    for (const f of port.requests('analyze')) port.reply({ id: f.id, result: ANALYSIS(f.text === 'new' ? 'medium' : 'high') });
    assert.equal((await kept).risk, 'medium');
  });
});

describe('native client: cold start', () => {
  it('says "starting" until the engine answers, and waits for it longer than for later answers', async () => {
    const states = [];
    client = createNativeClient({ connect, now: clock.now, timers: clock, onStateChange: (s) => states.push(s) });
    const first = client.analyze({ text: 'first' });
    const [port] = ports;
    assert.equal(port.requests('health').length, 1, 'a health request says at once whether the engine loads');
    port.answerHealth('starting');
    assert.equal(client.state, 'starting');
    clock.advance(NATIVE_TIMEOUTS_MS.analyze + 5000); // past a warm request's limit: still waiting
    assert.equal(port.disconnected, false);
    port.reply({ id: port.requests('analyze')[0].id, result: ANALYSIS('high') });
    assert.equal((await first).risk, 'high');
    assert.deepEqual(states, ['starting', 'ready']);
    // Warm now: a request that gets no answer in the usual time is a stuck host.
    const second = client.analyze({ text: 'second' });
    clock.advance(NATIVE_TIMEOUTS_MS.analyze + 1);
    await assert.rejects(second, { name: 'ServerError', kind: 'timeout' });
  });

  it('gives up on a cold start after the cold-start limit', async () => {
    const first = client.analyze({ text: 'first' });
    clock.advance(NATIVE_TIMEOUTS_MS.coldStart + 1);
    await assert.rejects(first, { kind: 'timeout' });
    assert.equal(ports[0].disconnected, true, 'the stuck host is closed');
  });

  it('probe answers with the health while starting, and asks the engine to load', async () => {
    const probe = client.probe();
    const [port] = ports;
    port.answerHealth('starting');
    const info = await probe;
    assert.equal(info.state, 'starting');
    assert.equal(info.policy, null);
    assert.equal(port.requests('policy').length, 1, 'policy is asked, which loads the engine');
  });

  it('probe gives the rule packs once the engine is ready', async () => {
    const probe = client.probe();
    const [port] = ports;
    port.answerHealth('ready');
    await settle();
    const policy = port.requests('policy')[0];
    port.reply({ id: policy.id, result: { rule_packs: [{ name: 'phiguard-core', version: '1.0.0' }] } });
    const info = await probe;
    assert.deepEqual(info.policy.rulePacks.map((p) => p.name), ['phiguard-core']);
  });
});

describe('native client: a host that dies or hangs', () => {
  it('fails the pending requests as unreachable, then restarts with a growing backoff', async () => {
    const pending = [client.analyze({ text: 'a' }), client.analyze({ text: 'b' })];
    ports[0].answerHealth('ready');
    ports[0].die('Native host has exited.');
    for (const p of pending) await assert.rejects(p, (e) => e instanceof ServerError && e.unreachable && e.code === 'native_host_stopped');
    assert.equal(client.state, 'restarting');
    assert.equal(client.found, true);
    // Within the backoff nothing is started: the caller falls back to limited mode at once.
    await assert.rejects(client.analyze({ text: 'c' }), { code: 'native_host_stopped' });
    assert.equal(ports.length, 1);
    clock.advance(1000);
    client.analyze({ text: 'd' }).catch(() => {});
    assert.equal(ports.length, 2, 'started again after 1 s');
    ports[1].die('Native host has exited.');
    clock.advance(1000);
    await assert.rejects(client.analyze({ text: 'e' }), { code: 'native_host_stopped' });
    assert.equal(ports.length, 2, 'the second backoff is longer than 1 s');
    clock.advance(1000);
    const recovered = client.analyze({ text: 'f' });
    assert.equal(ports.length, 3);
    ports[2].reply({ id: ports[2].requests('analyze')[0].id, result: ANALYSIS('none') });
    assert.equal((await recovered).risk, 'none');
    assert.equal(client.state, 'ready');
    // A host that worked again starts the backoff from the beginning.
    ports[2].die('Native host has exited.');
    assert.equal(client.restartInMs, 1000);
  });

  it('restarts a host that does not answer in time (timeout), rather than waiting on it', async () => {
    client.probe().catch(() => {});
    ports[0].answerHealth('ready');
    const stuck = client.analyze({ text: 'x' });
    clock.advance(NATIVE_TIMEOUTS_MS.analyze + 1);
    await assert.rejects(stuck, { kind: 'timeout' });
    assert.equal(ports[0].disconnected, true);
    assert.equal(client.state, 'restarting');
    clock.advance(1000);
    client.analyze({ text: 'y' }).catch(() => {});
    assert.equal(ports.length, 2);
  });

  it('treats a port that throws on postMessage as a dead host', async () => {
    const pending = client.analyze({ text: 'a' });
    ports[0].disconnected = true; // gone without onDisconnect having fired yet
    await assert.rejects(client.analyze({ text: 'b' }), { code: 'native_host_stopped' });
    await assert.rejects(pending, { code: 'native_host_stopped' });
  });
});

describe('native client: not installed', () => {
  it('says the host is missing (not "stopped"), and looks for it again a minute later', async () => {
    const pending = client.analyze({ text: 'a' });
    ports[0].die('No such native application org.phiguard.engine');
    await assert.rejects(pending, (e) => e.code === 'native_host_missing' && /phiguard install-native-host/.test(e.message));
    assert.equal(client.found, false);
    assert.equal(client.state, 'missing');
    assert.equal(client.missing, true);
    clock.advance(59000);
    assert.equal(client.missing, true);
    clock.advance(1000);
    assert.equal(client.missing, false, 'looked for again after a minute');
    client.analyze({ text: 'b' }).catch(() => {});
    assert.equal(ports.length, 2);
  });

  it('recheck() looks again at once (the popup asks after the user installed it)', () => {
    client.analyze({ text: 'a' }).catch(() => {});
    ports[0].die('Specified native messaging host not found.');
    client.recheck();
    client.analyze({ text: 'b' }).catch(() => {});
    assert.equal(ports.length, 2);
  });

  it('counts a host uninstalled after it answered as missing, not as a crash to restart', async () => {
    const first = client.analyze({ text: 'a' });
    ports[0].reply({ id: ports[0].requests('analyze')[0].id, result: ANALYSIS('none') });
    await first;
    ports[0].die('Specified native messaging host not found.');
    assert.equal(client.state, 'missing');
    assert.equal(client.missing, true);
  });

  it('counts a browser that refuses connectNative (no permission) as missing', async () => {
    client = createNativeClient({ connect: () => { throw new Error('browser.runtime.connectNative is not a function'); }, now: clock.now, timers: clock });
    await assert.rejects(client.analyze({ text: 'a' }), { code: 'native_host_missing' });
    assert.equal(client.found, false);
  });
});

describe('native client: lifetime', () => {
  it('keeps the port with heartbeats while in use, and closes it after 5 minutes without a request', async () => {
    const first = client.analyze({ text: 'a' });
    const [port] = ports;
    port.reply({ id: port.requests('analyze')[0].id, result: ANALYSIS('none') });
    await first;
    clock.advance(60000);
    assert.ok(port.requests('health').length >= 3, 'heartbeats while the port is open keep an event page alive');
    assert.equal(port.disconnected, false);
    clock.advance(4 * 60000);
    assert.equal(port.disconnected, true, 'closed when idle: the host exits, the service worker may sleep');
    assert.equal(client.state, 'idle');
    const heartbeats = port.requests('health').length;
    clock.advance(60000);
    assert.equal(port.requests('health').length, heartbeats, 'no heartbeat after closing');
    client.analyze({ text: 'b' }).catch(() => {});
    assert.equal(ports.length, 2, 'the next request opens a new port');
  });

  it('stays open while a compose box holds a draft (keepAlive), and keepAlive never opens a port', async () => {
    assert.equal(client.keepAlive(), false);
    assert.equal(ports.length, 0, 'no port opened for a draft alone');
    const first = client.analyze({ text: 'a' });
    ports[0].reply({ id: ports[0].requests('analyze')[0].id, result: ANALYSIS('none') });
    await first;
    for (let minute = 0; minute < 12; minute += 1) {
      clock.advance(60000);
      assert.equal(client.keepAlive(), true);
    }
    assert.equal(ports[0].disconnected, false, 'twelve minutes of drafting without a pause long enough to check');
    clock.advance(5 * 60000);
    assert.equal(ports[0].disconnected, true, 'closed 5 minutes after the last draft went');
  });
});
