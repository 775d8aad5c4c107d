// One finding, explained, with its fixes: used in the findings view and as the floating card.
// The explanation is the server's own (it names the real combination); server strings are only
// ever set as text (textContent), never parsed as HTML. Health detail that is the clinical topic
// is shown quietly, with "keep, remove the person instead" rather than a dead end.

import { element } from './phiguard_root.js';
import { typeLabel, SEVERITY_LABELS, underlineGroupOf } from './finding_labels.js';
import { isTopicFinding } from './finding_filters.js';
import { STRINGS } from './ui_strings.js';

/**
 * The name of a category group beside a swatch in its colour (the underline's): colour is never the
 * only cue. Used on each card and under each group heading of the findings view.
 */
export function categoryTag(group) {
  return element('span', { className: 'category', attrs: { 'data-category': group } }, [
    element('span', { className: 'swatch', attrs: { 'aria-hidden': 'true' } }),
    element('span', { className: 'category-name', text: STRINGS.card.categories[group] }),
  ]);
}

function quote(text) {
  return `“${text.length > 60 ? `${text.slice(0, 57)}…` : text}”`;
}

/**
 * @param {{id: string, type: string, severity: string, explanation: string, replacements: string[], text: string}} finding
 * @param {{allowAlways: boolean, mustFix?: boolean, organisationName?: string, guidance?: {url: string, name: string}, floating?: boolean, position?: number, total?: number}} options
 *   guidance: the professional body's guidance the organisation chose in policy (guidanceUrl, guidanceName).
 *   mustFix: block mode; the finding has to be fixed (or allow-listed), so there is no "Ignore".
 *   position/total: where it is among the box's findings (said to screen readers and shown on the floating card).
 */
export function buildFindingCard(finding, { allowAlways, mustFix = false, organisationName = '', guidance = null, floating = false, position = 0, total = 0 }) {
  const s = STRINGS.card;
  const headingId = `phiguard-card-${finding.id}${floating ? '-floating' : ''}`;
  const topic = isTopicFinding(finding);
  const group = underlineGroupOf(finding.type);
  const heading = element('h3', { attrs: { id: headingId } }, [
    element('span', { text: typeLabel(finding.type) }),
    categoryTag(group),
    element('span', { className: `chip ${finding.severity}`, text: SEVERITY_LABELS[finding.severity] ?? finding.severity }),
    floating && total > 1 ? element('span', { className: 'position', text: s.position(position, total) }) : null,
  ]);
  const actions = element('div', { className: 'actions' });
  finding.replacements.forEach((replacement, index) => {
    const label = replacement === '' ? s.remove(quote(finding.text)) : s.replace(quote(replacement));
    actions.append(element('button', {
      className: 'fix',
      text: label,
      attrs: { type: 'button', 'data-action': 'fix', 'data-finding-id': finding.id, 'data-replacement-index': index },
    }));
  });
  if (topic) {
    actions.append(element('button', {
      className: 'fix',
      text: s.keepTopic,
      attrs: { type: 'button', 'data-action': 'keep-topic', 'data-finding-id': finding.id, 'aria-label': s.keepTopicLabel(quote(finding.text)) },
    }));
  }
  if (!mustFix) {
    actions.append(element('button', {
      className: 'secondary',
      text: s.ignore,
      attrs: { type: 'button', 'data-action': 'dismiss', 'data-finding-id': finding.id, 'data-scope': 'once', 'aria-label': s.ignoreLabel(quote(finding.text)) },
    }));
  }
  if (allowAlways) {
    actions.append(element('button', {
      className: 'secondary',
      text: s.always(quote(finding.text)),
      attrs: { type: 'button', 'data-action': 'dismiss', 'data-finding-id': finding.id, 'data-scope': 'always', 'aria-label': s.alwaysLabel(quote(finding.text)) },
    }));
  }
  const card = element(floating ? 'div' : 'li', {
    className: `card ${finding.severity}${topic ? ' topic' : ''}${floating ? ' floating' : ''}`,
    attrs: {
      'data-finding-id': finding.id,
      'data-category': group,
      'aria-labelledby': headingId,
      'aria-describedby': `${headingId}-why`,
      role: floating ? 'dialog' : undefined,
      tabindex: floating ? undefined : '-1',
      'aria-posinset': !floating && position ? position : undefined,
      'aria-setsize': !floating && total ? total : undefined,
    },
  }, [
    heading,
    element('p', { className: 'excerpt', text: quote(finding.text) }),
    element('p', { className: 'why', text: finding.explanation, attrs: { id: `${headingId}-why` } }),
    topic ? element('p', { className: 'topic-note', text: s.topic }) : null,
    mustFix ? element('p', { className: 'required', text: s.required(organisationName) }) : null,
    guidance?.url ? element('p', { className: 'guidance' }, [
      element('a', { text: guidance.name || s.guidance, attrs: { href: guidance.url, target: '_blank', rel: 'noopener noreferrer' } }),
    ]) : null,
    actions,
  ]);
  return card;
}
