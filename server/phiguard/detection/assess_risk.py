"""From raw matches to findings and a risk level: shared_rules/SPEC.md, "From matches to findings and risk".

This is where precision comes from. A name, age, place or diagnosis is only risky when it is
tied to a specific client (a `context` finding in the same scope); otherwise a conference in
Leeds or "Dr Rao's keynote" would be flagged and users would switch the tool off.
The extension's offline mode implements the same steps in extension/src/rules/assess_risk.js.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace

from .hidden_candidates import visible_candidates

SEVERITY_RANK = {"low": 1, "medium": 2, "high": 3}
CATEGORY_RANK = {"direct": 6, "contact": 5, "name": 4, "quasi": 3, "condition": 2, "context": 1, "mention": 0.5, "self": 0, "organisation": 0}
# Model classes that name "who" a story is about, for a finding when no rule marked the person.
_WHO_CLASSES = ("@person_noun", "@he_she", "@you")
RISKS = ("none", "low", "medium", "high")


@dataclass(frozen=True)
class Candidate:
    """One match from a rule or a recognizer, before context is applied. Offsets are code points."""

    start: int
    end: int
    entity: str
    score: float = 0.85
    strength: str = "normal"
    standalone_severity: str | None = None
    explanation: str | None = None  # a rule's own explanation, in place of its entity's
    rule_id: str | None = None
    outer: tuple = ()  # (start, end) of the rule's whole match, when wider than the finding
    implies_context_with: tuple = ()
    from_ner: bool = False


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    entity: str
    severity: str
    score: float
    explanation: str
    replacements: tuple = ()
    category: str = "quasi"
    weak: bool = False
    rule_id: str | None = None
    outer: tuple = ()


@dataclass
class Assessment:
    risk: str
    findings: list = field(default_factory=list)
    summary: str = ""
    # Every finding before overlaps were resolved: the rewriter needs "my client" even where an
    # overlapping age or job won the underline.
    all_findings: list = field(default_factory=list)


def _scopes(text: str, mode: str):
    """Start offsets of each scope; a position's scope is the last start at or before it."""
    if mode != "paragraph":
        return [0]
    return [0] + [m.end() for m in re.finditer(r"\n+", text)]


def _scope_of(starts, position: int) -> int:
    return max(bisect_right(starts, position) - 1, 0)


def _facility_replacements(text: str, rewrite: dict) -> list:
    lowered = text.lower()
    for kind in rewrite.get("facility_kinds", []):
        if any(re.search(r"\b" + re.escape(w) + r"\b", lowered) for w in kind["words"]):
            return [kind["replacement"]]
    return []


def replacements_for(entity: str, text: str, rewrite: dict) -> tuple:
    options = list(rewrite.get("span_replacements", {}).get(entity, []))
    if entity == "FACILITY":
        options = _facility_replacements(text, rewrite) + options
    seen = []
    for option in options:
        if option not in seen:
            seen.append(option)
    return tuple(seen)


def _join_labels(labels) -> str:
    labels = list(labels)
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def assess(text: str, candidates, rule_set) -> Assessment:
    settings = rule_set.settings
    candidates = visible_candidates(candidates, rule_set)
    starts = _scopes(text, settings.get("context_scope", "post"))
    scope = [_scope_of(starts, c.start) for c in candidates]
    category = [rule_set.category(c.entity) for c in candidates]
    candidates, scope, category = _without_cancelled_people(candidates, scope, category, rule_set)

    bounds = list(zip(starts, starts[1:] + [len(text)]))
    model = rule_set.practice()
    own_life = _own_life_scopes(text, candidates, scope, category, rule_set, settings.get("story_outweighs_own_life", 1.0))
    # Each scope's story probability, once: both ways of reading a scope as a story need it.
    story_p = [model.probability(text[a:b]) for a, b in bounds] if model is not None else []
    narrative = _narrative_scopes(story_p, model, own_life)
    narrative |= _detailed_scopes(story_p, candidates, scope, category, own_life, settings.get("story_with_details"))
    with_context = ({s for s, cat in zip(scope, category) if cat == "context"}
                    | _implied_context(candidates, scope, own_life) | narrative)
    with_detail = {s for s, cat, c in zip(scope, category, candidates)
                   if cat not in ("context", "mention") and c.strength != "weak"}
    # In a story, even a weak detail ("today", "his PIP letter") pins the encounter down.
    story_detail = narrative & {s for s, cat in zip(scope, category) if cat not in ("context", "mention", "self")}
    candidates = (list(candidates) + _who_fallback(text, bounds, narrative, scope, category, model)
                  + _story_details(text, bounds, narrative, model))
    story_explanations = _story_explanations(text, bounds, narrative, settings.get("story_explanation"), model)
    scope = scope + [_scope_of(starts, c.start) for c in candidates[len(scope):]]
    category = category + [rule_set.category(c.entity) for c in candidates[len(category):]]

    findings = []
    for c, s, cat in zip(candidates, scope, category):
        entity = rule_set.entities.get(c.entity, {})
        in_context = s in with_context
        explanation = c.explanation or entity.get("explanation", "")  # a rule may say more than its entity
        weak = c.strength == "weak"
        if cat == "self":
            continue
        if cat == "direct":
            severity = "high"
        elif cat == "contact":
            severity = "high" if in_context else "low"
            if not in_context:
                explanation = entity.get("explanation_alone", explanation)
        elif cat == "name":
            if not in_context:
                continue
            severity = "high"
        elif cat in ("context", "mention"):
            if cat == "mention" and not in_context:
                continue
            # A story the practice model recognises, with anything at all that pins it down, is
            # one encounter: the risk the guidance names ("a client asked me about…" alone is low).
            detailed = s in with_detail or s in story_detail
            severity = "medium" if detailed else "low"
            if not detailed:
                explanation = entity.get("explanation_alone", explanation)
            elif s in story_explanations:
                explanation = story_explanations[s]
        elif in_context:  # quasi or condition
            severity = "low" if weak else "medium"
        elif c.standalone_severity and s not in own_life:  # "my nan, 96": the writer's family
            severity = c.standalone_severity
            explanation = c.explanation or explanation
        else:
            continue
        severity = rule_set.severity_overrides.get(c.entity, entity.get("severity", severity))
        findings.append(Finding(c.start, c.end, c.entity, severity, c.score, explanation,
                                replacements_for(c.entity, text[c.start:c.end], rule_set.rewrite), cat, weak,
                                c.rule_id, c.outer))

    kept = _resolve_overlaps(findings)

    risk_index = 0
    details_by_scope = {}
    for f in kept:
        if f.category in ("quasi", "condition") and not f.weak:
            details_by_scope.setdefault(_scope_of(starts, f.start), []).append(f)
    for s in with_context:
        combined = details_by_scope.get(s, [])
        entities = list(dict.fromkeys(f.entity for f in combined))
        if len(entities) >= settings.get("combination_threshold", 3):
            why = settings.get("combination_explanation",
                               "{texts} together ({details}) could let someone who knows them recognise your client.")
            texts = dict.fromkeys(f"'{text[f.start:f.end]}'" for f in sorted(combined, key=lambda f: f.start))
            why = why.replace("{details}", _join_labels(rule_set.label(e) for e in entities))
            why = why.replace("{texts}", _join_labels(texts))
            combined_ids = {id(f) for f in combined}
            kept = [replace(f, severity="high", explanation=why) if id(f) in combined_ids else f for f in kept]
    for f in kept:
        risk_index = max(risk_index, SEVERITY_RANK[f.severity])
    risk = RISKS[risk_index]
    return Assessment(risk, kept, settings.get("risk_explanations", {}).get(risk, ""), findings)


def _without_cancelled_people(candidates, scope, category, rule_set):
    """Drop every `context` and `mention` match in a scope holding a match of an entity with
    `cancels_people_in_scope`: teaching material names no one from practice anywhere in it ("Kid was SO
    sick in sim today": the kid is the manikin), where `hides` only reaches the words it overlaps."""
    cancelling = {s for c, s in zip(candidates, scope) if rule_set.entities.get(c.entity, {}).get("cancels_people_in_scope")}
    if not cancelling:
        return candidates, scope, category
    keep = [i for i, (s, cat) in enumerate(zip(scope, category)) if not (s in cancelling and cat in ("context", "mention"))]
    return [candidates[i] for i in keep], [scope[i] for i in keep], [category[i] for i in keep]


# A double-quoted passage is someone's words: "for my husband" in a customer's request is the customer's husband.
_QUOTED = re.compile(r'"[^"\n]{1,300}"|“[^”\n]{1,300}”|‘[^’\n]{1,300}’')


def _quoted_spans(text: str) -> list:
    return [m.span() for m in _QUOTED.finditer(text)]


def _own_life_scopes(text, candidates, scope, category, rule_set, outweighs: float) -> dict:
    """Scopes that tell of the writer's own life (a `self` match), each with the probability a story
    needs to stand there: the highest `story_outweighs` of its matches' entities, else `outweighs`
    (a patient actor in an OSCE is never a patient, however story-like the post); an entity with
    `own_life_outweighs_story` lets no story stand ("Rest easy, Grandad" is written to the writer's
    grandfather however much it reads like a tribute to a patient). A match inside quotation marks is the life of
    whoever is quoted (asking for “the little blue ones for my husband”), not the writer's. A match's entity can give way
    to another person there (`own_life_unless_beside`, categories or entities): "my student" beside
    "a lady's new script" is a story about the student's patient."""
    out = {}
    quoted = _quoted_spans(text)
    for c, s, cat in zip(candidates, scope, category):
        if cat != "self" or any(a < c.start and c.end < b for a, b in quoted):
            continue
        entity = rule_set.entities.get(c.entity, {})
        unless = entity.get("own_life_unless_beside")
        if unless and any(s2 == s and (cat2 in unless or o.entity in unless) and (o.end <= c.start or c.end <= o.start)
                          for o, s2, cat2 in zip(candidates, scope, category)):
            continue
        need = math.inf if entity.get("own_life_outweighs_story") else entity.get("story_outweighs", outweighs)
        out[s] = max(out.get(s, 0.0), need)
    return out


def _narrative_scopes(story_p, model, own_life: dict) -> set:
    """Scopes that the practice model reads as telling of one person or encounter from practice.

    The writer's own life in a scope ("my daughter's dance show") cancels a story there, as it
    cancels implied context, unless the model is at least as sure as that scope asks: a patient met
    off duty is told beside the writer's own family."""
    return {i for i, p in enumerate(story_p) if p >= model.threshold and (i not in own_life or p >= own_life[i])}


def _detailed_scopes(story_p, candidates, scope, category, own_life, rule) -> set:
    """Scopes the model finds only fairly likely to be a story but that hold many narrowing details.

    k-anonymity's view: "exactly one patient in Moose Jaw on Strensiq" needs less narrative to be
    one person. `rule` is settings.story_with_details: {"probability", "details", "not_counting"}."""
    if not story_p or not rule:
        return set()
    ignored = set(rule.get("not_counting", ()))
    entities = {}
    for c, s, cat in zip(candidates, scope, category):
        if cat in ("quasi", "condition") and c.strength != "weak" and c.entity not in ignored:
            entities.setdefault(s, set()).add(c.entity)
    return {s for s, found in entities.items() if s not in own_life and len(found) >= rule["details"]
            and story_p[s] >= rule["probability"]}


def _story_explanations(text: str, bounds, narrative, template, model) -> dict:
    """Per story scope, the explanation of its person: the template with the words that weighed most."""
    if not template:
        return {}
    out = {}
    for s in narrative:
        a, b = bounds[s]
        cues = [f"'{text[a + x:a + y]}'" for x, y in model.cues(text[a:b])]
        out[s] = template.replace("{cues}", _join_labels(cues))
    return out


def _who_fallback(text: str, bounds, narrative, scope, category, model) -> list:
    """A story with no rule-marked person still needs a finding on who it is about: the first word
    the model reads as a person ("Guy", "she", "You")."""
    marked = {s for s, cat in zip(scope, category) if cat in ("context", "mention", "name")}
    out = []
    for s in sorted(narrative - marked):
        a, b = bounds[s]
        for w, units in model.words_with_units(text[a:b]):
            if any(u in _WHO_CLASSES for u in units):
                out.append(Candidate(a + w.start, a + w.end, "PERSON_MENTION", 0.6, rule_id="practice_model.who"))
                break
    return out


def _story_details(text: str, bounds, narrative, model) -> list:
    """The particulars of each story, as the practice model's detail part reads them: weak findings
    that underline what to leave out, without changing the risk."""
    return [Candidate(bounds[s][0] + x, bounds[s][0] + y, "STORY_DETAIL", 0.5, "weak", rule_id="practice_model.detail")
            for s in sorted(narrative) for x, y in model.detail_spans(text[bounds[s][0]:bounds[s][1]])]


def _implied_context(candidates, scope, own_life) -> set:
    """Scopes where a client is implied without "my client": an individual's age beside a diagnosis,
    a titled name beside an age or contact details, a bed number beside a health detail.
    The writer's own life ("my son has ADHD", "I was diagnosed with...") cancels the implication."""
    entities = {}
    for c, s in zip(candidates, scope):
        if not c.from_ner:  # spaCy's guesses ("Wigan" as a PERSON) are too noisy to imply anything
            entities.setdefault(s, set()).add(c.entity)
    implied = set()
    for c, s in zip(candidates, scope):
        if c.implies_context_with and s not in own_life and set(c.implies_context_with) & (entities.get(s, set()) - {c.entity}):
            implied.add(s)
    return implied


def _resolve_overlaps(findings):
    ranked = sorted(findings, key=lambda f: (-SEVERITY_RANK[f.severity], -CATEGORY_RANK[f.category],
                                             -(f.end - f.start), f.start))
    # Kept spans never overlap, so sorted by start they are sorted by end too: a new span can only
    # clash with its neighbours (O(n log n) even for a post of thousands of findings).
    starts, ends, kept = [], [], []
    for f in ranked:
        i = bisect_left(starts, f.start)
        if (i > 0 and ends[i - 1] > f.start) or (i < len(starts) and starts[i] < f.end):
            continue
        starts.insert(i, f.start)
        ends.insert(i, f.end)
        kept.insert(i, f)
    return sorted(kept, key=lambda f: (f.start, f.end))
