"""Runs the shared_rules rules of one entity inside Presidio.

The rules themselves are data (shared_rules/); this class only adapts them to Presidio's
recognizer interface so they sit beside Presidio's own recognizers and show up in its
decision process.
"""

from __future__ import annotations

from presidio_analyzer import LocalRecognizer, RecognizerResult

from ..rules.match_rules import match_rules

RULE_ID = "phiguard_rule_id"
OUTER_SPAN = "phiguard_outer_span"
FROM_NER = "phiguard_from_ner"  # a spaCy named-entity guess rather than a rule match
# spaCy's guesses travel under their own entity names, because Presidio's duplicate removal drops a
# result contained in another of the same entity whatever their scores: a loose "Sandra in Gosport"
# would swallow the rule's precise "Gosport". assess_risk sees them under their real names.
NER_PREFIX = "NER_"


class RuleRecognizer(LocalRecognizer):
    def __init__(self, entity: str, rules, allow=frozenset(), name: str | None = None, ner: bool = False):
        self._rules = list(rules)
        self._allow = allow
        entities = [entity, NER_PREFIX + entity] if ner else [entity]
        super().__init__(supported_entities=entities, name=name or f"{entity.title().replace('_', '')}Rules",
                         supported_language="en")

    def load(self) -> None:  # rules are compiled by the loader
        pass

    def ner_result(self, entity: str, start: int, end: int, score: float) -> RecognizerResult:
        """A result from one of spaCy's entities, kept apart from rule matches (see NER_PREFIX)."""
        return RecognizerResult(NER_PREFIX + entity, start, end, score,
                                recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                                      RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                                                      FROM_NER: True})

    def analyze(self, text, entities, nlp_artifacts=None):
        return [
            RecognizerResult(m.entity, m.start, m.end, m.rule.score,
                             recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                                   RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                                                   RULE_ID: m.rule.id, OUTER_SPAN: (m.outer_start, m.outer_end)})
            for m in match_rules(self._rules, text, self._allow)
        ]
