// No shared rule may hang the extension's offline analyzer on hostile input. The same inputs, bounds
// and known-slow list as the server's tests/server/test_shared_rules_lint.py, all from
// shared_rules/vectors/hostile_inputs.json; here they run through V8's regular expressions.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { collectPackFiles } from '../../../extension/scripts/collect_rules.mjs';
import { compileRuleSet, mergePacks } from '../../../extension/src/rules/offline_analyzer.js';

const HOSTILE = JSON.parse(readFileSync(fileURLToPath(
  new URL('../../../shared_rules/vectors/hostile_inputs.json', import.meta.url)), 'utf8'));
const ruleSet = compileRuleSet(mergePacks(collectPackFiles()));

// [unit, ending] pairs, expanded as the server's test expands them.
function hostileUnits(spec = HOSTILE) {
  const units = [];
  for (const run of spec.runs) for (const end of spec.run_endings) units.push([run, end]);
  for (const w of spec.alternate.word) for (const o of spec.alternate.other) units.push([w + o, '']);
  for (const phrase of spec.phrases) units.push([phrase, '']);
  return units;
}

function secondsToRun(regexes, text) {
  const started = performance.now();
  // matchAll works on a copy of each regex, so the rule's own lastIndex is untouched.
  for (const regex of regexes) Array.from(text.matchAll(regex));
  return (performance.now() - started) / 1000;
}

// Why these regexes are too slow on this unit repeated (null if they are not).
function slowness(regexes, unit, ending, spec = HOSTILE) {
  const { length, seconds, growth } = spec;
  const tenth = unit.repeat(Math.floor(length / 10 / unit.length)) + ending;
  const small = secondsToRun(regexes, tenth);
  // A quadratic rule fails here in a second instead of a minute on the full text.
  if (small > seconds / 10) return `${small.toFixed(2)} s on ${tenth.length} characters`;
  const fullText = unit.repeat(Math.floor(length / unit.length)) + ending;
  const full = secondsToRun(regexes, fullText);
  if (full > seconds) return `${full.toFixed(2)} s on ${fullText.length} characters`;
  if (full > growth.above_seconds && full > growth.factor * small) {
    return `${(small * 1000).toFixed(1)} ms on ${tenth.length} characters but ${(full * 1000).toFixed(0)} ms on ${fullText.length}`;
  }
  return null;
}

test('the hostile inputs cover every character class and name only real rules', () => {
  const units = hostileUnits();
  assert.ok(units.length > 50 && HOSTILE.length >= 20000);
  for (const unit of ['\n', ' ', 'a', '7', '@', '.']) assert.ok(units.some(([u]) => u === unit), unit);
  const ids = new Set(ruleSet.rules.map((r) => r.id));
  assert.deepEqual(Object.keys(HOSTILE.known_slow).filter((id) => !ids.has(id)), []);
});

for (const rule of ruleSet.rules) {
  const knownSlow = HOSTILE.known_slow[rule.id];
  // A known-slow rule is a todo: reported, not failing the run, until it is fixed and leaves the list.
  test(`rule ${rule.id} runs in linear time on hostile input`, { todo: knownSlow ?? false }, () => {
    for (const [unit, ending] of hostileUnits()) {
      // Measured twice before failing, in case the machine was busy: a slow rule is slow both times.
      const why = slowness(rule.regexes, unit, ending) && slowness(rule.regexes, unit, ending);
      assert.equal(why, null, `${rule.id} is slow on ${JSON.stringify(unit)} repeated${ending ? ` + ${JSON.stringify(ending)}` : ''}: ${why}`);
    }
  });
}
