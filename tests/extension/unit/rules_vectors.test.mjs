// Every rule's own test vectors (shared_rules/SPEC.md, "Rules"), run through the extension's engine.
// The server's suite runs the same vectors through Python's; a rule that passes there and fails
// here is a parity bug.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { collectPackFiles } from '../../../extension/scripts/collect_rules.mjs';
import { compileRuleSet, mergePacks } from '../../../extension/src/rules/offline_analyzer.js';
import { matchRule } from '../../../extension/src/rules/match_rules.js';
import { TermMatcher } from '../../../extension/src/rules/compile_rules.js';

const ruleSet = compileRuleSet(mergePacks(collectPackFiles()));

function spansOf(rule, text) {
  return matchRule(rule, text)
    .sort((a, b) => a.start - b.start || b.end - a.end)
    .map((m) => text.slice(m.start, m.end));
}

test('the core pack has rules, each with at least one match vector', () => {
  assert.ok(ruleSet.rules.length > 0);
  const without = ruleSet.rules.filter((r) => !(r.vectors.match ?? []).length).map((r) => r.id);
  assert.deepEqual(without, []);
});

for (const rule of ruleSet.rules) {
  test(`rule ${rule.id}`, () => {
    for (const { text, spans } of rule.vectors.match ?? []) {
      assert.deepEqual(spansOf(rule, text), spans, `${rule.id} on ${JSON.stringify(text)}`);
    }
    for (const text of rule.vectors.no_match ?? []) {
      assert.deepEqual(spansOf(rule, text), [], `${rule.id} must not match ${JSON.stringify(text)}`);
    }
  });
}

// A terms rule is a TermMatcher (a trie walk), not a RegExp; tests/server/test_terms_trie_parity.py
// compares it with the alternation it replaces, and with Python, over generated texts.
test('a terms rule takes the longest term at each word start that ends before a non-word character', () => {
  const matcher = new TermMatcher(['melanoma', 'malignant melanoma', 'mal', 'Guillain-Barré', 'a.b.'], true);
  const spans = (text) => {
    const out = [];
    matcher.lastIndex = 0;
    for (let m = matcher.exec(text); m !== null; m = matcher.exec(text)) out.push(m[0]);
    return out;
  };
  assert.deepEqual(spans('MALIGNANT \n MELANOMA, melanomas, mal-, malignant melanomas'), ['MALIGNANT \n MELANOMA', 'mal']);
  assert.deepEqual(spans('GUILLAIN-BARRé and GUILLAIN-BARRÉ'), ['GUILLAIN-BARRé']);
  assert.deepEqual(spans('xa.b. a.b.c a.b.'), ['a.b.']);
});
