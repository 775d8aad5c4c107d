// The extension's analyzer for when the local server is unreachable: the shared rules alone.
// Pure ES module (no DOM, no Node, no dependencies) so esbuild can bundle it into any script.
//
// Its results have the server's shape: {risk, findings: [{start, end, type, severity, score,
// explanation, replacements}], summary}, offsets in UTF-16 code units. The server finds more (spaCy
// names and places); for text the rules cover, both give the same answer (shared_rules/vectors).

import { mergePacks } from './merge_packs.js';
import { compileRuleSet } from './compile_rules.js';
import { matchRules } from './match_rules.js';
import { assessRisk } from './assess_risk.js';

/**
 * @param ruleSet  a compiled rule set: compileRuleSet(mergePacks(files))
 * @returns {{analyze(text: string): {risk: string, findings: object[], summary: string},
 *            packs: {name: string, version: string, description: string, path: string}[]}}
 */
export function createOfflineAnalyzer(ruleSet) {
  return Object.freeze({
    packs: ruleSet.packs,
    analyze(text) {
      if (typeof text !== 'string') throw new TypeError('analyze() needs the text as a string');
      return assessRisk(ruleSet, text, matchRules(ruleSet.rules, text, ruleSet.allow));
    },
  });
}

/**
 * @param files  [{path, data}] as collect_rules.mjs gathers them: core pack first, each pack's
 *   files in sorted path order. Throws RulePackError when the packs cannot be used.
 */
export function createOfflineAnalyzerFromFiles(files) {
  return createOfflineAnalyzer(compileRuleSet(mergePacks(files)));
}

export { mergePacks, RulePackError } from './merge_packs.js';
export { compileRuleSet } from './compile_rules.js';
