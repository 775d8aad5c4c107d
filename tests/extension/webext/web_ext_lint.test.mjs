// `web-ext lint` on the Firefox build: no errors, and no warnings but the one every dual-background
// manifest gets (Firefox ignores background.service_worker and uses background.scripts).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { builtExtension } from './suite_setup.mjs';

const EXPECTED_WARNINGS = new Set(['BACKGROUND_SERVICE_WORKER_IGNORED']);

test('web-ext lint is clean apart from the dual-background warning', { timeout: 180000 }, async () => {
  const { firefox } = await builtExtension();
  // web-ext's package exports hide its bin script from require.resolve.
  const webExt = fileURLToPath(new URL('../../../node_modules/web-ext/bin/web-ext.js', import.meta.url));
  assert.ok(existsSync(webExt), 'web-ext is installed (npm ci)');
  const { stdout } = await promisify(execFile)(process.execPath, [webExt, 'lint', '--source-dir', firefox, '--output', 'json', '--no-config-discovery'], {
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
  }).catch((error) => error); // web-ext exits non-zero on errors; the JSON says which
  const report = JSON.parse(stdout);
  const describe = (items) => items.map((m) => `${m.code}: ${m.message} (${m.file ?? ''})`).join('\n');
  assert.deepEqual(report.errors, [], describe(report.errors));
  const unexpected = report.warnings.filter((m) => !EXPECTED_WARNINGS.has(m.code));
  assert.deepEqual(unexpected, [], describe(unexpected));
  assert.deepEqual(report.notices, [], describe(report.notices));
});
