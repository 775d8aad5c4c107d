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

// The fastest of `runs` runs: load on the machine only ever adds time.
function secondsToRun(regexes, text, runs = 1) {
  let fastest = Infinity;
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    // matchAll works on a copy of each regex, so the rule's own lastIndex is untouched.
    for (const regex of regexes) Array.from(text.matchAll(regex));
    fastest = Math.min(fastest, (performance.now() - started) / 1000);
  }
  return fastest;
}

// Why these regexes are too slow on this unit repeated (null if they are not). What this guards is
// complexity, not speed (speed targets are bench/'s): a rule retried from every position of a long run
// takes time quadratic in its length, and a page can paste such a run. The test is how the time grows
// from a tenth of the text to all of it, the same on a fast or a busy machine; hang_seconds is only a
// stop for a rule that would freeze a compose box.
function slowness(regexes, unit, ending, runs = 1, spec = HOSTILE) {
  const { length, hang_seconds: hang, growth } = spec;
  const tenth = unit.repeat(Math.floor(length / 10 / unit.length)) + ending;
  const small = secondsToRun(regexes, tenth, runs);
  // Fails in seconds a rule that would take minutes on the whole text.
  if (small > hang / 10) return `${small.toFixed(2)} s on ${tenth.length} characters`;
  const fullText = unit.repeat(Math.floor(length / unit.length)) + ending;
  const full = secondsToRun(regexes, fullText, runs);
  if (full > hang) return `${full.toFixed(2)} s on ${fullText.length} characters`;
  if (full > growth.above_seconds && full > growth.factor * small) {
    return `${(small * 1000).toFixed(1)} ms on ${tenth.length} characters but ${(full * 1000).toFixed(0)} ms on ${fullText.length}`;
  }
  return null;
}

// Timed once, and when that finds something, again on the fastest of confirm_runs runs each: a slow
// rule is slow every time, a busy machine only some of the time.
function confirmedSlowness(regexes, unit, ending, spec = HOSTILE) {
  return slowness(regexes, unit, ending, 1, spec) && slowness(regexes, unit, ending, spec.confirm_runs, spec);
}

for (const [pattern, unit, slow] of [
  [String.raw`[\w.-]+@\w`, '1-', true], // the e-mail rule's old shape: every start in "1-1-1-..." scans to the end
  [String.raw`\d+x`, '7', true],
  [String.raw`[\w.-]{1,64}@\w`, '1-', false], // bounded, as SPEC.md advises: linear
  [String.raw`\d{1,12}x`, '7', false],
]) {
  test(`the growth check calls ${pattern} ${slow ? 'quadratic' : 'linear'}`, () => {
    const why = slowness([new RegExp(pattern, 'dg')], unit, '!', HOSTILE.confirm_runs);
    assert.equal(why !== null, slow, why);
  });
}

test('the hostile inputs cover every character class and name only real rules', () => {
  const units = hostileUnits();
  assert.ok(units.length > 50 && HOSTILE.length >= 20000 && HOSTILE.confirm_runs >= 2);
  for (const unit of ['\n', ' ', 'a', '7', '@', '.']) assert.ok(units.some(([u]) => u === unit), unit);
  const ids = new Set(ruleSet.rules.map((r) => r.id));
  assert.deepEqual(Object.keys(HOSTILE.known_slow).filter((id) => !ids.has(id)), []);
});

for (const rule of ruleSet.rules) {
  const knownSlow = HOSTILE.known_slow[rule.id];
  // A known-slow rule is a todo: reported, not failing the run, until it is fixed and leaves the list.
  test(`rule ${rule.id} runs in linear time on hostile input`, { todo: knownSlow ?? false }, () => {
    for (const [unit, ending] of hostileUnits()) {
      const why = confirmedSlowness(rule.regexes, unit, ending);
      assert.equal(why, null, `${rule.id} is slow on ${JSON.stringify(unit)} repeated${ending ? ` + ${JSON.stringify(ending)}` : ''}: ${why}`);
    }
  });
}
