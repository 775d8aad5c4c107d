// shared_rules/vectors/risk.json: whole-post expectations for the rules alone. The server runs the
// same file through its rule-only path, so both sides must give each text the same risk.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { collectPackFiles } from '../../../extension/scripts/collect_rules.mjs';
import { createOfflineAnalyzerFromFiles } from '../../../extension/src/rules/offline_analyzer.js';

const VECTORS = fileURLToPath(new URL('../../../shared_rules/vectors/risk.json', import.meta.url));

// {description, vectors: [...]}, or the bare array.
function readVectors() {
  const data = JSON.parse(readFileSync(VECTORS, 'utf8'));
  return Array.isArray(data) ? data : data.vectors;
}

test('shared_rules/vectors/risk.json exists and lists vectors', () => {
  assert.ok(existsSync(VECTORS), `missing ${VECTORS}: the shared risk vectors must be committed with the rules`);
  const vectors = readVectors();
  assert.ok(Array.isArray(vectors) && vectors.length > 0, 'risk.json must hold a non-empty array of vectors');
});

if (existsSync(VECTORS)) {
  const analyzer = createOfflineAnalyzerFromFiles(collectPackFiles());
  const vectors = readVectors();
  for (const [i, vector] of (Array.isArray(vectors) ? vectors : []).entries()) {
    test(`risk vector ${i}: ${JSON.stringify(vector.text).slice(0, 70)}`, () => {
      const result = analyzer.analyze(vector.text);
      const types = result.findings.map((f) => `${f.type} ${JSON.stringify(vector.text.slice(f.start, f.end))}`);
      const found = new Set(result.findings.map((f) => f.type));
      assert.equal(result.risk, vector.risk, `risk; findings: ${types.join(', ') || 'none'}`);
      for (const entity of vector.entities ?? []) {
        assert.ok(found.has(entity), `${entity} should be found; findings: ${types.join(', ') || 'none'}`);
      }
      for (const entity of vector.absent ?? []) {
        assert.ok(!found.has(entity), `${entity} should not be found; findings: ${types.join(', ')}`);
      }
      // `explains`: the finding on a text begins its explanation so (a clinician's name is not "your client's name").
      for (const [covered, opening] of Object.entries(vector.explains ?? {})) {
        const start = vector.text.indexOf(covered);
        const said = result.findings.filter((f) => f.start <= start && start < f.end).map((f) => f.explanation);
        assert.ok(said.length && said[0].startsWith(opening), `${covered}: ${JSON.stringify(said)}`);
      }
    });
  }
}
