import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextBackoff } from '../../../extension/src/background/backoff.js';
import { createServerStatus } from '../../../extension/src/background/server_status.js';

test('the wait doubles after each failure in a row, from 1 s up to 30 s', () => {
  const waits = [];
  let wait = 0;
  for (let i = 0; i < 7; i += 1) waits.push(wait = nextBackoff(wait));
  assert.deepEqual(waits, [1000, 2000, 4000, 8000, 16000, 30000, 30000]);
});

test('the server status waits out the same backoff, and starts it again after a recovery', () => {
  let clock = 0;
  const status = createServerStatus({ now: () => clock });
  assert.deepEqual([1, 2, 3].map(() => status.markUnreachable(new Error('down'))), [1000, 2000, 4000]);
  assert.equal(status.shouldTryServer(), false);
  clock = 4000;
  assert.equal(status.shouldTryServer(), true);
  status.markReachable();
  assert.equal(status.markUnreachable(new Error('down')), 1000);
});
