// What a compose box's badge and findings view say, from the box's state: pure, so the wording
// of each state can be tested without a page.

import { MAX_REQUEST_BYTES } from '../messages.js';
import { SEVERITY_LABELS, worstSeverity } from './finding_labels.js';
import { STRINGS } from './ui_strings.js';

const KB = MAX_REQUEST_BYTES / 1024;

/**
 * @param {{state: string, visible: object[], limited: boolean, engineStarting?: boolean}} box
 * @returns {{state: string, count: number, limited: boolean, text: string, ariaLabel: string}}
 */
export function badgeView({ state, visible, limited, engineStarting = false }) {
  const s = STRINGS.badge;
  const prefix = limited ? s.limitedPrefix : s.prefix;
  if (state === 'checking' && engineStarting) {
    // The native host loads its language model once: seconds, so say so rather than "checking…".
    return { state, count: visible.length, limited, text: s.starting, ariaLabel: `${prefix} ${s.startingLabel}` };
  }
  if (state === 'checking') return { state, count: visible.length, limited, text: s.checking, ariaLabel: `${prefix} ${s.checking}` };
  if (state === 'offline') return { state, count: 0, limited: false, text: s.offline, ariaLabel: s.offlineLabel };
  if (state === 'too-long') return { state, count: 0, limited: false, text: s.tooLong, ariaLabel: s.tooLongLabel(KB) };
  if (state === 'empty' || !visible.length) return { state: 'none', count: 0, limited, text: s.clean, ariaLabel: `${prefix} ${s.nothing}` };
  const worst = worstSeverity(visible);
  const noun = visible.length === 1 ? 'finding' : 'findings';
  return { state: worst, count: visible.length, limited, text: `${visible.length}`, ariaLabel: `${prefix} ${visible.length} ${noun}, ${SEVERITY_LABELS[worst].toLowerCase()}.` };
}

/** The findings view's status line. */
export function panelStatus({ state, result, offlineMessage, tooLongText }) {
  const s = STRINGS.panel;
  if (state === 'checking') return s.checking;
  if (state === 'offline') return s.offline(offlineMessage ?? '');
  if (state === 'too-long') return tooLongText;
  if (result?.mode === 'offline' && result.serverError?.kind === 'http') return s.refused(result.serverError.message);
  if (result?.mode === 'offline') return s.limited;
  return result ? s.checked : '';
}

export function tooLongText(bytes) {
  return STRINGS.notices.tooLong(Math.ceil((bytes ?? 0) / 1024), KB);
}
