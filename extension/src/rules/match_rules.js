// Run compiled rules over a text: the extension's copy of server/phiguard/rules/match_rules.py.
// Offsets are native string indices, i.e. UTF-16 code units, the unit the SPEC and the editors use.

import { VALIDATORS } from './validators.js';

const NOTHING_ALLOWED = new Set();

/**
 * Every match of one rule: {start, end, entity, rule, outerStart, outerEnd}. Drops empty spans,
 * spans whose text is an excluded vocabulary term or allow-listed, and spans the validator rejects.
 */
export function matchRule(rule, text, allow = NOTHING_ALLOWED) {
  const found = [];
  const check = rule.validator ? VALIDATORS[rule.validator] : null;
  for (const regex of rule.regexes) {
    // Compiled regexes are shared between calls; a 'g' regex carries its position in lastIndex.
    regex.lastIndex = 0;
    let m;
    while ((m = regex.exec(text)) !== null) {
      // Step past an empty match, as matchAll does, or exec() returns it forever. (Python's finditer
      // retries the same place for a non-empty match; no core rule can match '' at all.)
      if (m[0] === '') regex.lastIndex = m.index + 1;
      const span = m.indices[rule.group];
      if (span === undefined || span[0] === span[1]) continue; // the group did not take part, or is empty
      const [start, end] = span;
      const spanText = text.slice(start, end);
      const key = spanText.trim().toLowerCase();
      if (rule.excludeTerms.has(key) || allow.has(key)) continue;
      if (check !== null && !check(spanText)) continue;
      // outerStart/outerEnd: the whole match, e.g. "MRN 4459921" around the finding "4459921".
      found.push({ start, end, entity: rule.entity, rule, outerStart: m.index, outerEnd: m.index + m[0].length });
    }
    regex.lastIndex = 0;
  }
  return found;
}

/** Matches of all `rules`, by start, the longer first where two start together. */
export function matchRules(rules, text, allow = NOTHING_ALLOWED) {
  const found = rules.flatMap((rule) => matchRule(rule, text, allow));
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}
