// Turn rule matches into findings and a risk level: shared_rules/SPEC.md, "From matches to findings
// and risk". The server applies the same steps to its rule and spaCy/Presidio findings; offline,
// the extension has only the rules.

const SEVERITY_RANK = { low: 1, medium: 2, high: 3 };
// On overlap, after severity: what identifies a person outright beats what only narrows them down.
const CATEGORY_RANK = { direct: 6, contact: 5, name: 4, quasi: 3, condition: 2, context: 1, mention: 0.5, self: 0, organisation: 0 };
// Model classes that name "who" a story is about, for a finding when no rule marked the person.
const WHO_CLASSES = new Set(['@person_noun', '@he_she', '@you']);
const DEFAULT_SETTINGS = {
  context_scope: 'post',
  combination_threshold: 3,
  story_outweighs_own_life: 1,
  combination_explanation: '{texts} together ({details}) could let someone who knows them recognise your client.',
};

function entityInfo(ruleSet, entity) {
  return ruleSet.entities[entity] ?? {};
}

function categoryOf(ruleSet, entity) {
  return entityInfo(ruleSet, entity).category ?? 'quasi';
}

// As RuleSet.label() on the server: "FOO_BAR" without a label reads "Foo bar".
function labelOf(ruleSet, entity) {
  const label = entityInfo(ruleSet, entity).label;
  if (label) return label;
  const words = entity.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

/** "Age", "Age and Place", "Age, Place and Health detail". */
export function joinLabels(labels) {
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

// Where each scope starts and ends, as the server's _scopes(): one scope for `post`; for
// `paragraph`, a new one after every run of "\n", so each run of text between line breaks is its own.
function scopeBounds(text, contextScope) {
  const starts = contextScope === 'paragraph'
    ? [0, ...Array.from(text.matchAll(/\n+/g), (m) => m.index + m[0].length)]
    : [0];
  return starts.map((start, i) => [start, i + 1 < starts.length ? starts[i + 1] : text.length]);
}

// A finding belongs to the scope it starts in.
function scopeFinder(bounds) {
  const starts = bounds.map(([start]) => start);
  return (offset) => {
    let lo = 0; // the last start at or before offset
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
}

// The severity table: severity and explanation of one match, or null when it is dropped.
function severityOf(m, category, entity, inContext, detailed, storyExplanation, ownLife) {
  const explanation = m.rule.explanation || (entity.explanation ?? ''); // a rule may say more than its entity
  const alone = entity.explanation_alone ?? explanation;
  switch (category) {
    case 'self':
      return null; // the writer's own life only cancels implied context
    case 'direct':
      return { severity: 'high', explanation };
    case 'contact':
      return inContext ? { severity: 'high', explanation } : { severity: 'low', explanation: alone };
    case 'name':
      return inContext ? { severity: 'high', explanation } : null;
    case 'mention':
      if (!inContext) return null;
      // falls through: a mention in context is judged as a client reference
    case 'context':
      if (!detailed) return { severity: 'low', explanation: alone };
      return { severity: 'medium', explanation: storyExplanation ?? explanation };
    default: // quasi and condition
      if (inContext) return { severity: m.rule.strength === 'weak' ? 'low' : 'medium', explanation };
      if (m.rule.standaloneSeverity && !ownLife) { // "my nan, 96": the writer's family
        return { severity: m.rule.standaloneSeverity, explanation: m.rule.explanation || explanation };
      }
      return null;
  }
}

// Scopes the model finds only fairly likely to be a story but that hold many narrowing details.
// k-anonymity's view: "exactly one patient in Moose Jaw on Strensiq" needs less narrative to be
// one person. `rule` is settings.story_with_details: {probability, details, not_counting}.
function detailedScopes(storyP, matches, scope, category, ownLife, rule) {
  const found = new Set();
  if (!storyP.length || !rule) return found;
  const ignored = new Set(rule.not_counting ?? []);
  const entities = new Map();
  matches.forEach((m, i) => {
    if ((category[i] === 'quasi' || category[i] === 'condition') && m.rule.strength !== 'weak' && !ignored.has(m.entity)) {
      if (!entities.has(scope[i])) entities.set(scope[i], new Set());
      entities.get(scope[i]).add(m.entity);
    }
  });
  for (const [s, kinds] of entities) {
    if (!ownLife.has(s) && kinds.size >= rule.details && storyP[s] >= rule.probability) found.add(s);
  }
  return found;
}

// One match hiding another, by its entity's `hides` (SPEC, "Entities that hide others"): "call me on
// 0161 496 0772" is the writer's own number; "our Patient Advice and Liaison Service" names no patient.
// As visible_candidates() in server/phiguard/detection/hidden_candidates.py.
function hides(spec, entity, category) {
  return (spec.entities ?? []).includes(entity) || (spec.categories ?? []).includes(category);
}

// The matches no overlapping match hides, without organisation names: those only hide.
function visibleMatches(ruleSet, matches) {
  const hiders = matches.filter((m) => entityInfo(ruleSet, m.entity).hides);
  return matches.filter((m) => {
    const category = categoryOf(ruleSet, m.entity);
    if (category === 'organisation') return false;
    return !hiders.some((h) => h !== m && h.start < m.end && m.start < h.end
      && hides(entityInfo(ruleSet, h.entity).hides, m.entity, category));
  });
}

// Every `context` and `mention` match in a scope holding a match of an entity with
// `cancels_people_in_scope` goes: teaching material names no one from practice anywhere in it ("Kid was
// SO sick in sim today": the kid is the manikin), where `hides` only reaches the words it overlaps.
function withoutCancelledPeople(ruleSet, matches, category, scope) {
  const cancelling = new Set(scope.filter((_, i) => entityInfo(ruleSet, matches[i].entity).cancels_people_in_scope));
  if (cancelling.size === 0) return { matches, category, scope };
  const keep = matches.map((_, i) => i)
    .filter((i) => !(cancelling.has(scope[i]) && (category[i] === 'context' || category[i] === 'mention')));
  return { matches: keep.map((i) => matches[i]), category: keep.map((i) => category[i]), scope: keep.map((i) => scope[i]) };
}

// Keep the best of each overlapping set: the best candidate first, then each next-best that
// overlaps nothing kept so far. Spans that only touch do not overlap.
function resolveOverlaps(candidates) {
  const best = [...candidates].sort((a, b) => (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]
    || CATEGORY_RANK[b.category] - CATEGORY_RANK[a.category]
    || (b.end - b.start) - (a.end - a.start)
    || a.start - b.start
  ));
  const kept = [];
  for (const c of best) {
    if (kept.every((k) => c.end <= k.start || c.start >= k.end)) kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

// Scopes where one particular person is implied without "my client": a match of a rule with
// `implies_context_with` beside a match of one of the listed entities, unless the writer is
// talking about their own life (a `self` match) in that scope.
function impliedContext(matches, scope, ownLife) {
  const entitiesIn = new Map();
  matches.forEach((m, i) => {
    if (!entitiesIn.has(scope[i])) entitiesIn.set(scope[i], new Set());
    entitiesIn.get(scope[i]).add(m.entity);
  });
  const implied = new Set();
  matches.forEach((m, i) => {
    const wanted = m.rule.impliesContextWith ?? [];
    if (!wanted.length || ownLife.has(scope[i])) return;
    const others = entitiesIn.get(scope[i]);
    if (wanted.some((e) => e !== m.entity && others.has(e))) implied.add(scope[i]);
  });
  return implied;
}

// A double-quoted passage is someone's words (the server's _QUOTED).
const QUOTED = /"[^"\n]{1,300}"|“[^”\n]{1,300}”|‘[^’\n]{1,300}’/g;

function quotedSpans(text) {
  return [...text.matchAll(QUOTED)].map((m) => [m.index, m.index + m[0].length]);
}

// Scopes that tell of the writer's own life (a `self` match), each with the probability a story needs
// to stand there: the highest `story_outweighs` of its matches' entities, else `outweighs` (a patient
// actor in an OSCE is never a patient, however story-like the post); an entity with
// `own_life_outweighs_story` lets no story stand ("Rest easy, Grandad" is written to the writer's
// grandfather). A match's entity can give way to another person there (`own_life_unless_beside`,
// categories or entities): "my student" beside "a lady's new script" is a story about the student's patient.
// A match inside quotation marks is the life of whoever is quoted ("for my husband" in a customer's request).
function ownLifeScopes(ruleSet, text, matches, scope, category, outweighs) {
  const found = new Map();
  const quoted = quotedSpans(text);
  matches.forEach((m, i) => {
    if (category[i] !== 'self' || quoted.some(([a, b]) => a < m.start && m.end < b)) return;
    const info = entityInfo(ruleSet, m.entity);
    const unless = info.own_life_unless_beside;
    const givesWay = unless && matches.some((o, j) => scope[j] === scope[i]
      && (unless.includes(category[j]) || unless.includes(o.entity))
      && (o.end <= m.start || m.end <= o.start));
    if (givesWay) return;
    const need = info.own_life_outweighs_story ? Infinity : (info.story_outweighs ?? outweighs);
    found.set(scope[i], Math.max(found.get(scope[i]) ?? 0, need));
  });
  return found;
}

// Scopes that the practice model reads as telling of one person or encounter from practice.
// The writer's own life in a scope ("my daughter's dance show") cancels a story there, as it
// cancels implied context, unless the model is at least as sure as that scope asks: a patient met
// off duty is told beside the writer's own family.
function narrativeScopes(ruleSet, storyP, ownLife) {
  const found = new Set();
  storyP.forEach((p, i) => {
    if (p >= ruleSet.practice.threshold && (!ownLife.has(i) || p >= ownLife.get(i))) found.add(i);
  });
  return found;
}

// A story with no rule-marked person still needs a finding on who it is about: the first word the
// model reads as a person ("Guy", "she", "You").
const WHO_RULE = Object.freeze({ id: 'practice_model.who', strength: 'normal', score: 0.6 });
function whoFallback(ruleSet, bounds, text, narrative, marked) {
  const out = [];
  for (const s of [...narrative].sort((a, b) => a - b)) {
    if (marked.has(s)) continue;
    const [a, b] = bounds[s];
    const hit = ruleSet.practice.wordsWithUnits(text.slice(a, b)).find(({ units }) => units.some((u) => WHO_CLASSES.has(u)));
    if (hit) out.push({ start: a + hit.word.start, end: a + hit.word.end, entity: 'PERSON_MENTION', rule: WHO_RULE });
  }
  return out;
}

// The particulars of each story, as the model's detail part reads them: weak findings that
// underline what to leave out without changing the risk.
const DETAIL_RULE = Object.freeze({ id: 'practice_model.detail', strength: 'weak', score: 0.5 });
function storyDetails(ruleSet, bounds, text, narrative) {
  return [...narrative].sort((a, b) => a - b).flatMap((s) => {
    const [a, b] = bounds[s];
    return ruleSet.practice.detailSpans(text.slice(a, b))
      .map(([start, end]) => ({ start: a + start, end: a + end, entity: 'STORY_DETAIL', rule: DETAIL_RULE }));
  });
}

// Per story scope, the explanation of its person: the template with the words that weighed most, quoted.
function storyExplanations(ruleSet, bounds, text, narrative, template) {
  const out = new Map();
  if (!template) return out;
  for (const s of narrative) {
    const [a, b] = bounds[s];
    const cues = ruleSet.practice.cues(text.slice(a, b)).map(([start, end]) => `'${text.slice(a + start, a + end)}'`);
    out.set(s, template.split('{cues}').join(joinLabels(cues)));
  }
  return out;
}

function replacementsFor(ruleSet, entity, findingText) {
  const options = [...(ruleSet.rewrite?.span_replacements?.[entity] ?? [])];
  if (entity === 'FACILITY') {
    // "Ward 7" generalises differently from "Oakwood School": the first kind with a word in the text.
    const lowered = findingText.toLowerCase();
    const kind = (ruleSet.facilityKinds ?? []).find((k) => k.regexes.some((r) => r.test(lowered)));
    if (kind) options.unshift(kind.replacement);
  }
  return [...new Set(options)];
}

/**
 * @param ruleSet  a compiled rule set (compile_rules.js)
 * @param text     the text that was matched
 * @param allMatches  matchRules(ruleSet.rules, text, ruleSet.allow)
 * @returns {{risk: 'none'|'low'|'medium'|'high', findings: object[], summary: string}}
 */
export function assessRisk(ruleSet, text, allMatches) {
  const settings = { ...DEFAULT_SETTINGS, ...ruleSet.settings };
  let matches = visibleMatches(ruleSet, allMatches);

  // 1. A scope has client context when it holds a context match (even one that loses an overlap)
  //    or when one is implied, and detail when it holds any other match that is not weak.
  //    The practice model adds scopes that tell a story about one person, however it is phrased.
  const bounds = scopeBounds(text, settings.context_scope);
  const scopeOf = scopeFinder(bounds);
  let category = matches.map((m) => categoryOf(ruleSet, m.entity));
  let scope = matches.map((m) => scopeOf(m.start));
  ({ matches, category, scope } = withoutCancelledPeople(ruleSet, matches, category, scope));
  // As implied context, a story is cancelled by the writer's own life in its scope (SPEC).
  const ownLife = ownLifeScopes(ruleSet, text, matches, scope, category, settings.story_outweighs_own_life ?? 1);
  // Each scope's story probability, once: both ways of reading a scope as a story need it.
  const storyP = ruleSet.practice ? bounds.map(([a, b]) => ruleSet.practice.probability(text.slice(a, b))) : [];
  const narrative = narrativeScopes(ruleSet, storyP, ownLife);
  for (const s of detailedScopes(storyP, matches, scope, category, ownLife, settings.story_with_details)) {
    narrative.add(s);
  }
  const withContext = new Set([
    ...scope.filter((_, i) => category[i] === 'context'),
    ...impliedContext(matches, scope, ownLife),
    ...narrative,
  ]);
  const withDetail = new Set(scope.filter((_, i) => category[i] !== 'context' && category[i] !== 'mention'
    && matches[i].rule.strength !== 'weak'));
  // In a story, even a weak detail ("today", "his PIP letter") pins the encounter down.
  scope.forEach((s, i) => {
    if (narrative.has(s) && !['context', 'mention', 'self'].includes(category[i])) withDetail.add(s);
  });
  const marked = new Set(scope.filter((_, i) => ['context', 'mention', 'name'].includes(category[i])));
  const fromModel = ruleSet.practice
    ? [...whoFallback(ruleSet, bounds, text, narrative, marked), ...storyDetails(ruleSet, bounds, text, narrative)]
    : [];
  matches = [...matches, ...fromModel];
  category = [...category, ...fromModel.map((m) => categoryOf(ruleSet, m.entity))];
  scope = [...scope, ...fromModel.map((m) => scopeOf(m.start))];
  const explained = storyExplanations(ruleSet, bounds, text, narrative, settings.story_explanation);

  // 2. Severity, then an entity's `severity` or a pack's severity_overrides in its place.
  const candidates = [];
  matches.forEach((m, i) => {
    const entity = entityInfo(ruleSet, m.entity);
    const judged = severityOf(m, category[i], entity, withContext.has(scope[i]), withDetail.has(scope[i]),
      explained.get(scope[i]) ?? null, ownLife.has(scope[i]));
    if (judged === null) return;
    candidates.push({
      start: m.start, end: m.end, entity: m.entity, category: category[i], scope: scope[i],
      weak: m.rule.strength === 'weak', score: m.rule.score, explanation: judged.explanation,
      severity: ruleSet.severityOverrides?.[m.entity] ?? entity.severity ?? judged.severity,
    });
  });

  // 3. Overlaps.
  const kept = resolveOverlaps(candidates);

  // 4. Combinations: enough different details about one client identify them together.
  for (const s of withContext) {
    const details = kept.filter((f) => f.scope === s && !f.weak
      && (f.category === 'quasi' || f.category === 'condition'));
    const entities = [...new Set(details.map((f) => f.entity))];
    if (entities.length < settings.combination_threshold) continue;
    const texts = [...new Set([...details].sort((a, b) => a.start - b.start)
      .map((f) => `'${text.slice(f.start, f.end)}'`))];
    const explanation = settings.combination_explanation
      .split('{details}').join(joinLabels(entities.map((e) => labelOf(ruleSet, e))))
      .split('{texts}').join(joinLabels(texts));
    for (const f of details) {
      f.severity = 'high';
      f.explanation = explanation;
    }
  }

  let risk = 'none';
  for (const f of kept) {
    if (risk === 'none' || SEVERITY_RANK[f.severity] > SEVERITY_RANK[risk]) risk = f.severity;
  }
  return {
    risk,
    findings: kept.map((f) => ({
      start: f.start,
      end: f.end,
      type: f.entity,
      severity: f.severity,
      score: f.score,
      explanation: f.explanation ?? '',
      replacements: replacementsFor(ruleSet, f.entity, text.slice(f.start, f.end)),
    })),
    summary: settings.risk_explanations?.[risk] ?? '',
  };
}
