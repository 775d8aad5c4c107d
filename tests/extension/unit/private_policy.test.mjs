// The browser tests' policy stays private to the browser they start (helpers/private_policy.mjs):
// the launcher binds a temporary directory over the policy directory in a mount namespace of its
// own, so the machine's directory, and any other run's, never change or show through.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrivatePolicyLauncher, privatePolicyUnavailable } from '../helpers/private_policy.mjs';

const unavailable = privatePolicyUnavailable();

test('a launched program sees only the private policy; the machine\'s directory is untouched', { skip: unavailable ?? false }, () => {
  const machine = mkdtempSync(join(tmpdir(), 'phiguard-machine-policy-'));
  const policyDir = join(machine, 'policies');
  mkdirSync(join(policyDir, 'managed'), { recursive: true });
  writeFileSync(join(policyDir, 'managed', 'site.json'), '{"machine": true}');
  const launch = (content) => createPrivatePolicyLauncher('/bin/sh', [{ target: policyDir, files: { 'managed/phiguard-test.json': content } }]);
  const first = launch('{"run": 1}');
  const second = launch('{"run": 2}');
  try {
    const show = (launcher) => execFileSync(launcher.executablePath, ['-c', `ls "${policyDir}/managed"; cat "${policyDir}/managed/phiguard-test.json"`], { encoding: 'utf8' });
    assert.equal(show(first), 'phiguard-test.json\n{"run": 1}');
    assert.equal(show(second), 'phiguard-test.json\n{"run": 2}');
    assert.deepEqual(readdirSync(join(policyDir, 'managed')), ['site.json']);
    assert.equal(readFileSync(join(policyDir, 'managed', 'site.json'), 'utf8'), '{"machine": true}');
  } finally {
    first.cleanup();
    second.cleanup();
    rmSync(machine, { recursive: true, force: true });
  }
});

test('a missing policy directory is covered too (created empty, nothing written into it)', { skip: unavailable ?? false }, () => {
  const machine = mkdtempSync(join(tmpdir(), 'phiguard-machine-policy-'));
  const policyDir = join(machine, 'etc', 'chromium', 'policies');
  const launcher = createPrivatePolicyLauncher('/bin/sh', [{ target: policyDir, files: { 'managed/p.json': '{}' } }]);
  try {
    assert.equal(execFileSync(launcher.executablePath, ['-c', `ls "${policyDir}/managed"`], { encoding: 'utf8' }), 'p.json\n');
    assert.deepEqual(readdirSync(policyDir), []);
  } finally {
    launcher.cleanup();
    rmSync(machine, { recursive: true, force: true });
  }
});
