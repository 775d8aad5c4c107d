// Pure rules over a box's findings: which the user sees, which must be fixed (block mode), what
// data-phiguard-risk says, how adjacent spans of one detail become one, where an underline
// starts and ends on whole words, and how the findings group into sentences. No DOM, no state:
// the EditorWatcher passes in what it knows (settings, dismissals, the allow-list check).

import { SEVERITY_RANK, worstSeverity, categoryOf } from './finding_labels.js';

/**
 * Block mode (effective enforcement=block): a medium or high finding has to be fixed, or
 * allow-listed where the organisation allows a personal allow-list; "Ignore" does not resolve it.
 */
export function mustFix(finding, settings) {
  return settings.enforcement === 'block' && SEVERITY_RANK[finding.severity] >= SEVERITY_RANK.medium;
}

/**
 * Dismissed once, or allow-listed. A once-dismissal made before block mode came into force does
 * not count.
 * @param {{settings: object, dismissed: Set<string>, isAllowListed: (finding) => boolean}} context
 */
export function isSuppressed(finding, { settings, dismissed, isAllowListed }) {
  if (dismissed.has(finding.key) && !mustFix(finding, settings)) return true;
  return isAllowListed(finding);
}

/**
 * Findings the user sees: at or above the minimum severity, not dismissed or allow-listed. In
 * block mode every medium or high finding is shown, whatever the minimum severity: the user has
 * to fix it, so raising the minimum must not hide it.
 */
export function visibleFindings(findings, context) {
  const minimum = SEVERITY_RANK[context.settings.minimumSeverity] ?? 1;
  return findings.filter((f) => (SEVERITY_RANK[f.severity] >= minimum || mustFix(f, context.settings)) && !isSuppressed(f, context));
}

/** Findings that make the pre-send guard step in: medium or high among the visible ones. */
export function blockingFindings(visible) {
  return visible.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK.medium);
}

/**
 * The value of data-phiguard-risk: the analysis' own risk, unless the user dismissed or
 * allow-listed findings; then the worst of what is left.
 * @param {'empty'|'checking'|'offline'|'too-long'|'result'} state
 */
export function riskHook(state, result, findings, context) {
  if (state === 'empty') return 'none';
  if (state !== 'result') return state;
  if (!findings.some((f) => isSuppressed(f, context))) return result.risk;
  return worstSeverity(findings.filter((f) => !isSuppressed(f, context)));
}

// What may separate two spans that are one detail ("Asda" "Kirkstall Road" is not; "keeps"
// "falling" is): spaces and hyphens only.
const JOINER = /^[\s\-‐‑]*$/u;

/**
 * Merge findings of one type whose spans touch or are separated only by spaces or hyphens into one
 * finding: one underline, one card. The merged finding keeps the fixes every part offers (a fix
 * offered by one part only would leave the other's text in place); the worst severity; the first
 * explanation.
 * @param {object[]} findings  sorted or not; each with start, end, type, severity, replacements
 * @param {string} text  the text the findings were made for
 */
export function mergeAdjacentSpans(findings, text) {
  const sorted = [...findings].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged = [];
  for (const finding of sorted) {
    const last = merged[merged.length - 1];
    if (last && last.type === finding.type && finding.start >= last.end && JOINER.test(text.slice(last.end, finding.start))) {
      merged[merged.length - 1] = {
        ...last,
        end: Math.max(last.end, finding.end),
        severity: SEVERITY_RANK[finding.severity] > SEVERITY_RANK[last.severity] ? finding.severity : last.severity,
        score: Math.max(last.score ?? 0, finding.score ?? 0),
        replacements: (last.replacements ?? []).filter((r) => (finding.replacements ?? []).includes(r)),
      };
    } else {
      merged.push({ ...finding });
    }
  }
  return merged;
}

const WORD_PART = /[\p{L}\p{N}]/u;
const HYPHEN = /[-‐‑]/u;

/**
 * Where the underline of [start, end) starts and ends on whole words: a span that starts or
 * ends inside a word, or inside a hyphenated word ("ex-[soldier]"), is widened to the whole
 * word. Apostrophes end a word, so "Sandra's" stays underlined "Sandra". The fix still replaces
 * the span the server judged: this is what is drawn, not what is changed.
 * @returns {{start: number, end: number}}
 */
export function wordAlignedSpan(text, start, end) {
  let s = start;
  let e = end;
  const isPart = (i) => i >= 0 && i < text.length && WORD_PART.test(text.charAt(i));
  for (;;) {
    if (isPart(s - 1) && isPart(s)) s -= 1;
    else if (HYPHEN.test(text.charAt(s - 1)) && isPart(s - 2) && isPart(s)) s -= 2;
    else break;
  }
  for (;;) {
    if (isPart(e) && isPart(e - 1)) e += 1;
    else if (HYPHEN.test(text.charAt(e)) && isPart(e + 1) && isPart(e - 1)) e += 2;
    else break;
  }
  return { start: s, end: e };
}

/**
 * Health detail that is the clinical topic of the post: shown quietly as context, with "keep it,
 * remove the person instead", never as an error with only "Ignore".
 */
export function isTopicFinding(finding) {
  return categoryOf(finding.type) === 'condition';
}

/** Weak findings (story particulars, personal detail at low severity) are drawn much more quietly. */
export function isQuietFinding(finding) {
  return finding.severity === 'low' || finding.type === 'STORY_DETAIL';
}

const SENTENCE_END = /[.!?…]+["”’)]*\s+|\n+/gu;

/**
 * The findings grouped by the sentence they are in (a post tells of one person per sentence, near
 * enough), in text order. Each group: {start, end, findings}.
 */
export function groupBySentence(findings, text) {
  const bounds = [];
  let from = 0;
  for (const match of text.matchAll(SENTENCE_END)) {
    const to = match.index + match[0].length;
    bounds.push([from, to]);
    from = to;
  }
  if (from < text.length || !bounds.length) bounds.push([from, Math.max(from, text.length)]);
  const groups = [];
  for (const finding of [...findings].sort((a, b) => a.start - b.start)) {
    const [start, end] = bounds.find(([, to]) => finding.start < to) ?? bounds[bounds.length - 1];
    let group = groups[groups.length - 1];
    if (!group || group.start !== start) {
      group = { start, end, findings: [] };
      groups.push(group);
    }
    group.findings.push(finding);
  }
  return groups;
}

/** The finding whose span holds `offset` (inside it or at either edge), else the next after it, else the last. */
export function findingAtOffset(findings, offset) {
  const sorted = [...findings].sort((a, b) => a.start - b.start);
  return sorted.find((f) => offset >= f.start && offset <= f.end)
    ?? sorted.find((f) => f.start >= offset)
    ?? sorted[sorted.length - 1]
    ?? null;
}
