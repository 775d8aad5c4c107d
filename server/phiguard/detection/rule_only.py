"""Analysis with the shared rules alone (no spaCy): what the extension does offline, and the parity reference for it."""

from __future__ import annotations

from ..rules.match_rules import match_rules
from .assess_risk import Assessment, Candidate, assess


def rule_candidates(text: str, rule_set) -> list:
    return [Candidate(m.start, m.end, m.entity, m.rule.score, m.rule.strength, m.rule.standalone_severity,
                      m.rule.explanation, m.rule.id,
                      (m.outer_start, m.outer_end) if (m.outer_start, m.outer_end) != (m.start, m.end) else (),
                      m.rule.implies_context_with)
            for m in match_rules(rule_set.rules, text, rule_set.allow)]


def analyze_with_rules(text: str, rule_set) -> Assessment:
    return assess(text, rule_candidates(text, rule_set), rule_set)
