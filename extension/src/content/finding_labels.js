// Words the UI uses for finding types and severities.

// Labels come from the core pack's entities (shared_rules/core/entities.json), the same words the
// server's explanations use; Presidio's own types, which the core pack does not define, have theirs here.
import core from '../../../shared_rules/core/entities.json' with { type: 'json' };

const TYPE_LABELS = {
  DATE_TIME: 'Date',
  PLACE: 'Place',
  ...Object.fromEntries(Object.entries(core.entities).map(([type, entity]) => [type, entity.label])),
};

// Categories of Presidio's own types, which the core pack does not define.
const TYPE_CATEGORIES = {
  DATE_TIME: 'quasi',
  PLACE: 'quasi',
  ...Object.fromEntries(Object.entries(core.entities).map(([type, entity]) => [type, entity.category])),
};

/** The core pack's category of a type (direct, contact, name, quasi, condition, context, mention). */
export function categoryOf(type) {
  return TYPE_CATEGORIES[type] ?? 'quasi';
}

// The colour group of an underline by category, when the entity names none (shared_rules/SPEC.md,
// "Underline colours").
const CATEGORY_UNDERLINES = { direct: 'identifier', contact: 'identifier', name: 'identifier', quasi: 'detail', condition: 'topic', context: 'story', mention: 'story', self: 'story', organisation: 'story' };
const TYPE_UNDERLINES = Object.fromEntries(Object.entries(core.entities).filter(([, entity]) => entity.underline).map(([type, entity]) => [type, entity.underline]));

export const UNDERLINE_GROUPS = Object.freeze(['identifier', 'detail', 'topic', 'story']);

/** Which colour a finding of `type` is underlined in: identifier, detail, topic or story. */
export function underlineGroupOf(type) {
  return TYPE_UNDERLINES[type] ?? CATEGORY_UNDERLINES[categoryOf(type)] ?? 'detail';
}

export function typeLabel(type) {
  if (TYPE_LABELS[type]) return TYPE_LABELS[type];
  const words = String(type).toLowerCase().split('_').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const SEVERITY_RANK = Object.freeze({ none: 0, low: 1, medium: 2, high: 3 });
export const SEVERITY_LABELS = Object.freeze({ none: 'No risk', low: 'Low risk', medium: 'Medium risk', high: 'High risk' });

export function worstSeverity(findings) {
  let worst = 'none';
  for (const f of findings) if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst]) worst = f.severity;
  return worst;
}
