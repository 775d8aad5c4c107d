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
 * Without the server there is no rewrite that can be checked for grammar and gender, so limited mode
 * offers none: the per-phrase fixes on each finding stay, and the whole-post rewrite appears when the
 * server answers again (issue 10: a broken "someone someone,, keeps falling…" is worse than none).
 */
export function rewriteOffline() {
  return [];
}
