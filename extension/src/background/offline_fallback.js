// Limited mode: the shared rules (shared_rules/, bundled at build time by build.mjs through the
// virtual module 'phiguard:rule-packs') checked in JavaScript when the server is unreachable.

import rulePackFiles from 'phiguard:rule-packs';
import { createOfflineAnalyzerFromFiles } from '../rules/offline_analyzer.js';

let analyzer = null;

function offlineAnalyzer() {
  analyzer ??= createOfflineAnalyzerFromFiles(rulePackFiles);
  return analyzer;
}

export function analyzeOffline(text) {
  return offlineAnalyzer().analyze(text);
}

/**
 * Without the server there is no rewriting model: offer the text with each finding's first
 * replacement applied (an empty replacement removes the detail).
 */
export function rewriteOffline(text) {
  const { findings } = analyzeOffline(text);
  let rewritten = '';
  let at = 0;
  for (const finding of findings) {
    if (!finding.replacements.length) continue;
    rewritten += text.slice(at, finding.start) + finding.replacements[0];
    at = finding.end;
  }
  rewritten += text.slice(at);
  rewritten = rewritten.replace(/[ \t]{2,}/g, ' ').replace(/ +([,.;:!?])/g, '$1').replace(/^[ ,]+/, '');
  if (rewritten === text) return [];
  return [{
    text: rewritten,
    strategy: 'offline_replacements',
    explanation: 'Limited mode: identifying details replaced by the offline rules. Read it through before posting.',
  }];
}
