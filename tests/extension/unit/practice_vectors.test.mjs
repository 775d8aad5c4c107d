// shared_rules/vectors/practice_context.json: the practice model's feature extraction and its
// probabilities. The server runs the same file (tests/server/test_practice_model.py), so both
// engines must read every text the same way, to the sixth decimal.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { collectPackFiles } from '../../../extension/scripts/collect_rules.mjs';
import { compileRuleSet, mergePacks } from '../../../extension/src/rules/offline_analyzer.js';

const VECTORS = JSON.parse(readFileSync(fileURLToPath(new URL('../../../shared_rules/vectors/practice_context.json', import.meta.url)), 'utf8'));
const model = compileRuleSet(mergePacks(collectPackFiles())).practice;

test('the core pack ships a practice model with a detail part', () => {
  assert.ok(model, 'ruleSet.practice');
  assert.ok(model.detail && model.weights.size > 0);
});

for (const vector of VECTORS.features) {
  test(`features of ${JSON.stringify(vector.text)}`, () => {
    const features = model.features(vector.text);
    for (const f of vector.include) assert.ok(features.has(f), `missing ${f}`);
    for (const f of vector.exclude ?? []) assert.ok(!features.has(f), `unexpected ${f}`);
  });
}

for (const vector of VECTORS.scores) {
  test(`probability of ${JSON.stringify(vector.text).slice(0, 60)}`, () => {
    assert.equal(Math.round(model.probability(vector.text) * 1e6) / 1e6, vector.probability);
    assert.equal(model.tellsOfPractice(vector.text), vector.tells_of_practice);
  });
}
