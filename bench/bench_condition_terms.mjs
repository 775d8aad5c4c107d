// Time the health_condition.vocabulary terms rule alone, per post, in the extension's engine.
//
//   node bench/bench_condition_terms.mjs [--rounds N] [--json]
//
// The same posts and output as bench/bench_condition_terms.py (the server's engine).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import process from 'node:process';

import { collectPackFiles } from '../extension/scripts/collect_rules.mjs';
import { compileRuleSet, mergePacks } from '../extension/src/rules/offline_analyzer.js';
import { matchRule } from '../extension/src/rules/match_rules.js';

const CORPUS = fileURLToPath(new URL('../tests/corpus', import.meta.url));
const RULE_ID = 'health_condition.vocabulary';

function corpusPosts() {
  const posts = [];
  for (const name of readdirSync(CORPUS).filter((n) => n.endsWith('.txt')).sort()) {
    const safe = name.endsWith('_safe.txt');
    for (const line of readFileSync(join(CORPUS, name), 'utf8').split('\n')) {
      if (line.startsWith('text: ')) posts.push(line.slice(6).replaceAll('\\n', '\n'));
      else if (safe && line.trim() && !/^(#|flag: |keep: )/.test(line)) posts.push(line.replaceAll('\\n', '\n'));
    }
  }
  return posts;
}

const args = process.argv.slice(2);
const rounds = args.includes('--rounds') ? Number(args[args.indexOf('--rounds') + 1]) : 5;
const started = performance.now();
const ruleSet = compileRuleSet(mergePacks(collectPackFiles()));
const loadS = (performance.now() - started) / 1000;
const rule = ruleSet.rules.find((r) => r.id === RULE_ID);
const posts = corpusPosts();
const perRound = [];
let matches = 0;
for (let i = 0; i < rounds; i += 1) {
  const t0 = performance.now();
  matches = posts.reduce((n, text) => n + matchRule(rule, text).length, 0);
  perRound.push((performance.now() - t0) / posts.length);
}
perRound.sort((a, b) => a - b);
const result = {
  engine: 'javascript',
  terms: new Set(ruleSet.vocabularies.health_conditions).size,
  posts: posts.length,
  matches,
  load_s: Number(loadS.toFixed(3)),
  ms_per_post: Number(perRound[Math.floor(perRound.length / 2)].toFixed(4)),
};
console.log(args.includes('--json') ? JSON.stringify(result)
  : Object.entries(result).map(([k, v]) => `${k}: ${v}`).join('\n'));
