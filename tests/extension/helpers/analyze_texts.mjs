// For tests/server/test_engine_parity_on_corpora.py: the extension's offline analysis of many texts,
// so the server's suite can compare both engines' rule paths on every corpus post.
//
//   node tests/extension/helpers/analyze_texts.mjs IN.json OUT.json
//
// IN is [text, ...]; OUT is [[risk, [[start, end, type, severity], ...]], ...] with UTF-16 offsets.

import { readFileSync, writeFileSync } from 'node:fs';
import process from 'node:process';

import { collectPackFiles } from '../../../extension/scripts/collect_rules.mjs';
import { createOfflineAnalyzerFromFiles } from '../../../extension/src/rules/offline_analyzer.js';

const [input, output] = process.argv.slice(2);
const analyzer = createOfflineAnalyzerFromFiles(collectPackFiles());
const texts = JSON.parse(readFileSync(input, 'utf8'));
const results = texts.map((text) => {
  const { risk, findings } = analyzer.analyze(text);
  return [risk, findings.map((f) => [f.start, f.end, f.type, f.severity])];
});
writeFileSync(output, JSON.stringify(results));
