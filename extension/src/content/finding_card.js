// One finding, explained, with its fixes: used in the findings list and as the hover card.
// Server strings are only ever set as text (textContent), never parsed as HTML.

import { element } from './phiguard_root.js';
import { typeLabel, SEVERITY_LABELS } from './finding_labels.js';

function quote(text) {
  return `“${text.length > 60 ? `${text.slice(0, 57)}…` : text}”`;
}

/**
 * @param {{id: string, type: string, severity: string, explanation: string, replacements: string[], text: string}} finding
 * @param {{allowAlways: boolean, mustFix?: boolean, organisationName?: string, floating?: boolean}} options
 *   mustFix: block mode; the finding has to be fixed (or allow-listed), so there is no "Ignore".
 */
export function buildFindingCard(finding, { allowAlways, mustFix = false, organisationName = '', floating = false }) {
  const headingId = `phiguard-card-${finding.id}${floating ? '-floating' : ''}`;
  const heading = element('h3', { attrs: { id: headingId } }, [
    element('span', { text: typeLabel(finding.type) }),
    element('span', { className: `chip ${finding.severity}`, text: SEVERITY_LABELS[finding.severity] ?? finding.severity }),
  ]);
  const actions = element('div', { className: 'actions' });
  finding.replacements.forEach((replacement, index) => {
    const label = replacement === '' ? `Remove ${quote(finding.text)}` : `Replace with ${quote(replacement)}`;
    actions.append(element('button', {
      className: 'fix',
      text: label,
      attrs: { type: 'button', 'data-action': 'fix', 'data-finding-id': finding.id, 'data-replacement-index': index },
    }));
  });
  if (!mustFix) {
    actions.append(element('button', {
      className: 'secondary',
      text: 'Ignore',
      attrs: { type: 'button', 'data-action': 'dismiss', 'data-finding-id': finding.id, 'data-scope': 'once', 'aria-label': `Ignore ${quote(finding.text)} in this post` },
    }));
  }
  if (allowAlways) {
    actions.append(element('button', {
      className: 'secondary',
      text: `Always allow ${quote(finding.text)}`,
      attrs: { type: 'button', 'data-action': 'dismiss', 'data-finding-id': finding.id, 'data-scope': 'always', 'aria-label': `Don't flag ${quote(finding.text)} again` },
    }));
  }
  const card = element(floating ? 'div' : 'li', {
    className: `card ${finding.severity}${floating ? ' floating' : ''}`,
    attrs: { 'data-finding-id': finding.id, 'aria-labelledby': headingId, role: floating ? 'dialog' : undefined, tabindex: floating ? undefined : '-1' },
  }, [
    heading,
    element('p', { className: 'excerpt', text: quote(finding.text) }),
    element('p', { text: finding.explanation }),
    mustFix ? element('p', { className: 'required', text: `${organisationName || 'Your organisation'} requires this to be fixed before posting.` }) : null,
    actions,
  ]);
  return card;
}
