// For tests/server/test_terms_trie_parity.py: the raw matches of each terms rule, in the extension's
// engine, two ways: its TermMatcher (a trie walk) and the ordered alternation the rule compiled to
// before (a RegExp, longest term first), so the server's suite can compare both with Python's.
//
//   node tests/extension/helpers/terms_rule_spans.mjs IN.json OUT.json
//
// IN is {rule_id: [text, ...]}; OUT is {rule_id: {trie: [[[start, end], ...], ...], alternation: [...]}}
// with UTF-16 offsets.

import { readFileSync, writeFileSync } from 'node:fs';
import process from 'node:process';

import { collectPackFiles } from '../../../extension/scripts/collect_rules.mjs';
import { compileRuleSet, mergePacks } from '../../../extension/src/rules/offline_analyzer.js';
import { longestFirst, termRegex } from '../../../extension/src/rules/compile_rules.js';

const CAPITALS_ONLY = /^(?=(?:[^A-Z]*[A-Z]){2})[^a-z]*$/;

// What compile_rules.js built for a terms rule before it had TermMatcher.
function alternationRegexes(terms) {
  const hasNonAsciiCasedLetter = (t) => Array.from(t).some((c) => c > '\x7f' && c.toLowerCase() !== c.toUpperCase());
  const alternation = (list, caseless) => `(?:${longestFirst(list).map((t) => termRegex(t, false, caseless)).join('|')})`;
  const capitals = terms.filter((t) => CAPITALS_ONLY.test(t));
  const other = terms.filter((t) => !CAPITALS_ONLY.test(t));
  const caseless = other.some(hasNonAsciiCasedLetter);
  const out = [];
  if (other.length) out.push(new RegExp(`\\b${alternation(other, caseless)}(?!\\w)`, caseless ? 'dg' : 'dgi'));
  if (capitals.length) out.push(new RegExp(`\\b${alternation(capitals, false)}(?!\\w)`, 'dg'));
  return out;
}

function spans(regexes, text) {
  const found = [];
  for (const regex of regexes) {
    regex.lastIndex = 0;
    let m;
    while ((m = regex.exec(text)) !== null) {
      if (m[0] === '') regex.lastIndex = m.index + 1;
      found.push([m.index, m.index + m[0].length]);
    }
    regex.lastIndex = 0;
  }
  return found;
}

const [input, output] = process.argv.slice(2);
const files = collectPackFiles();
const merged = mergePacks(files);
const ruleSet = compileRuleSet(merged);
const textsByRule = JSON.parse(readFileSync(input, 'utf8'));
const result = {};
for (const [id, texts] of Object.entries(textsByRule)) {
  const raw = merged.rules.find((r) => r.id === id);
  const rule = ruleSet.rules.find((r) => r.id === id);
  const reference = alternationRegexes(merged.vocabularies[raw.terms]);
  result[id] = {
    trie: texts.map((text) => spans(rule.regexes, text)),
    alternation: texts.map((text) => spans(reference, text)),
  };
}
writeFileSync(output, JSON.stringify(result));
