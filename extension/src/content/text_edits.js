// Keeping findings in place while the user types: find what one edit changed, shift the findings
// after it, drop the ones it touched (their text is no longer what the server judged); and many
// fixes made as one edit ("Fix all": one undo step in every editor).

/**
 * The single changed region between two texts, by common prefix and suffix.
 * @returns {{start: number, oldEnd: number, newEnd: number} | null}  null when equal
 */
export function diffTexts(before, after) {
  if (before === after) return null;
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start += 1;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) {
    oldEnd -= 1;
    newEnd -= 1;
  }
  // Never split a surrogate pair.
  if (start > 0 && isLowSurrogate(after.charCodeAt(start)) && isHighSurrogate(after.charCodeAt(start - 1))) start -= 1;
  return { start, oldEnd, newEnd };
}

const isHighSurrogate = (c) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c) => c >= 0xdc00 && c <= 0xdfff;

/**
 * Findings still valid after `edit`: those before it unchanged, those after it shifted; a finding
 * the edit overlaps, or extends (typing right after "Sandra" makes "Sandras"), is dropped.
 * @param {string} [after]  the new text, to keep a finding when a space or punctuation is typed next to it
 */
export function shiftFindings(findings, edit, after = '') {
  if (!edit) return findings;
  const delta = edit.newEnd - edit.oldEnd;
  const inserted = edit.oldEnd === edit.start ? after.slice(edit.start, edit.newEnd) : '';
  const separatorAfter = inserted !== '' && !WORD_CHAR.test(inserted.charAt(0));
  const separatorBefore = inserted !== '' && !WORD_CHAR.test(inserted.charAt(inserted.length - 1));
  const kept = [];
  for (const finding of findings) {
    if (finding.end < edit.start || (finding.end === edit.start && separatorAfter)) kept.push(finding);
    else if (finding.start > edit.oldEnd || (finding.start === edit.oldEnd && separatorBefore)) {
      kept.push({ ...finding, start: finding.start + delta, end: finding.end + delta });
    }
    // else: touched by the edit, dropped
  }
  return kept;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/**
 * Whether `edit` typed a word boundary: text inserted (nothing removed) whose last character is a
 * space, a line break or punctuation ("Whitby" then "."). Deletions are not: someone deleting is
 * usually still correcting.
 */
export function typedWordEnd(edit, after) {
  if (!edit || edit.oldEnd !== edit.start || edit.newEnd === edit.start) return false;
  return !WORD_CHAR.test(after.charAt(edit.newEnd - 1));
}

/**
 * A removal takes one space beside the words with it, so "My client Sandra, 81" reads
 * "My client, 81", not "My client , 81": the space before, when punctuation, a space or the end
 * follows; else the space after.
 */
export function withOneSpace(text, start, end) {
  if (start > 0 && text[start - 1] === ' ' && (end === text.length || /[\s,.;:!?)]/.test(text[end]))) return [start - 1, end];
  if (text[end] === ' ') return [start, end + 1];
  return [start, end];
}

/**
 * Several fixes of `text` as ONE replacement, so that the editor records one undo step: the fixes
 * ({start, end, replacement}, offsets into `text`) applied together, then the smallest range of
 * `text` that differs from the result, and what replaces it. A fix that overlaps one before it is
 * left out. The replacement is never empty while the text changes (an editor may ignore, or widen,
 * an empty paste): a pure deletion takes one neighbouring character with it (both units of a
 * surrogate pair), and puts it back.
 * @returns {{start: number, end: number, replacement: string, result: string, applied: number} | null}
 *   null when nothing would change
 */
export function combineFixes(text, fixes) {
  const kept = [];
  for (const fix of [...fixes].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const previous = kept[kept.length - 1];
    if (fix.start < 0 || fix.end > text.length || fix.end < fix.start || (previous && fix.start < previous.end)) continue;
    kept.push(fix);
  }
  // Two details removed from one list ("Sandra, 81, keeps" less "Sandra" and "81") would leave the
  // comma between them beside the one after: the later removal takes the one between with it.
  for (let i = 1; i < kept.length; i += 1) {
    const between = /^\s*([,;])\s*$/.exec(text.slice(kept[i - 1].end, kept[i].start));
    if (kept[i].replacement === '' && between && text[kept[i].end] === between[1]) kept[i] = { ...kept[i], start: kept[i - 1].end };
  }
  let result = '';
  let at = 0;
  for (const fix of kept) {
    result += text.slice(at, fix.start) + fix.replacement;
    at = fix.end;
  }
  result += text.slice(at);
  const edit = diffTexts(text, result);
  if (!edit) return null;
  let { start, oldEnd: end } = edit;
  let replacement = result.slice(edit.start, edit.newEnd);
  if (replacement === '') {
    if (start > 0) {
      start -= isLowSurrogate(text.charCodeAt(start - 1)) && start > 1 && isHighSurrogate(text.charCodeAt(start - 2)) ? 2 : 1;
      replacement = text.slice(start, edit.start);
    } else if (end < text.length) {
      end += isHighSurrogate(text.charCodeAt(end)) && end + 1 < text.length ? 2 : 1;
      replacement = text.slice(edit.oldEnd, end);
    }
  }
  return { start, end, replacement, result, applied: kept.length };
}
