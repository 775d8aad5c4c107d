// When a box is checked and which answer counts (content/analysis_controller.js): a newer request
// supersedes an older one, an answer for text that changed is dropped, "cancelled" is dropped,
// a gone background (null) is delivered, the debounce restarts on each edit, retries back off.

import { describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { AnalysisController, DEBOUNCE_MS, WORD_END_DEBOUNCE_MS } from '../../../extension/src/content/analysis_controller.js';

function controller({ current = () => true } = {}) {
  const pending = [];
  const delivered = [];
  const retries = [];
  const c = new AnalysisController({
    signal: new AbortController().signal,
    request: (text) => new Promise((resolve) => pending.push({ text, resolve })),
    isCurrent: (text) => current(text),
    onAnswer: (text, answer) => delivered.push([text, answer?.status ?? null]),
    onRetry: () => retries.push(Date.now()),
  });
  return { c, pending, delivered, retries };
}

describe('AnalysisController', () => {
  it('delivers only the newest request\'s answer', async () => {
    const { c, pending, delivered } = controller();
    const first = c.run('a');
    const second = c.run('ab');
    pending[1].resolve({ status: 'ok' });
    pending[0].resolve({ status: 'ok' });
    await Promise.all([first, second]);
    assert.deepEqual(delivered, [['ab', 'ok']]);
  });

  it('drops an answer for text that has changed, and a cancelled one', async () => {
    const { c, pending, delivered } = controller({ current: (text) => text === 'now' });
    const stale = c.run('before');
    pending[0].resolve({ status: 'ok' });
    await stale;
    const cancelled = c.run('now');
    pending[1].resolve({ status: 'cancelled' });
    await cancelled;
    assert.deepEqual(delivered, []);
  });

  it('delivers null when the background script is gone', async () => {
    const { c, pending, delivered } = controller();
    const run = c.run('a');
    pending[0].resolve(undefined);
    await run;
    assert.deepEqual(delivered, [['a', null]]);
  });

  it('invalidate() drops the answer in flight', async () => {
    const { c, pending, delivered } = controller();
    const run = c.run('a');
    c.invalidate();
    pending[0].resolve({ status: 'ok' });
    await run;
    assert.deepEqual(delivered, []);
  });

  it('debounces: each schedule() restarts the pause', () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const { c } = controller();
      let runs = 0;
      c.schedule(() => { runs += 1; });
      mock.timers.tick(DEBOUNCE_MS - 1);
      c.schedule(() => { runs += 1; });
      mock.timers.tick(DEBOUNCE_MS - 1);
      assert.equal(runs, 0);
      mock.timers.tick(1);
      assert.equal(runs, 1);
    } finally {
      mock.timers.reset();
    }
  });

  it('waits less after a word boundary is typed, and the full pause after a later edit inside a word', () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const { c } = controller();
      let runs = 0;
      assert.ok(WORD_END_DEBOUNCE_MS < DEBOUNCE_MS);
      c.schedule(() => { runs += 1; }, { wordEnd: true });
      mock.timers.tick(WORD_END_DEBOUNCE_MS - 1);
      assert.equal(runs, 0);
      mock.timers.tick(1);
      assert.equal(runs, 1);
      c.schedule(() => { runs += 1; }, { wordEnd: true });
      mock.timers.tick(WORD_END_DEBOUNCE_MS - 1);
      c.schedule(() => { runs += 1; }); // a letter typed: the boundary's shorter pause no longer holds
      mock.timers.tick(DEBOUNCE_MS - 1);
      assert.equal(runs, 1);
      mock.timers.tick(1);
      assert.equal(runs, 2);
    } finally {
      mock.timers.reset();
    }
  });

  it('backs off retries (2 s, 4 s, …) and starts again after resetBackoff()', () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const { c, retries } = controller();
      c.scheduleRetry();
      mock.timers.tick(1999);
      assert.equal(retries.length, 0);
      mock.timers.tick(1);
      assert.equal(retries.length, 1);
      c.scheduleRetry();
      mock.timers.tick(3999);
      assert.equal(retries.length, 1);
      mock.timers.tick(1);
      assert.equal(retries.length, 2);
      c.resetBackoff();
      c.scheduleRetry();
      mock.timers.tick(2000);
      assert.equal(retries.length, 3);
    } finally {
      mock.timers.reset();
    }
  });
});
