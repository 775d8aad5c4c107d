"""Assemble the recognizer registry: the shared rules grouped by entity, plus the Presidio recognizers worth keeping.

Presidio's defaults are deliberately not loaded: US_DRIVER_LICENSE, UK_NHS without a checksum
and DATE_TIME on bare numbers misfire on ordinary posts (Presidio issues #1063, #1173).
"""

from __future__ import annotations

from collections import defaultdict

from presidio_analyzer import RecognizerRegistry
from presidio_analyzer.predefined_recognizers import CreditCardRecognizer, EmailRecognizer, PhoneRecognizer

from ..recognizers import PersonNameRecognizer, PlaceRecognizer, RuleRecognizer


def build_registry(rule_set) -> RecognizerRegistry:
    registry = RecognizerRegistry(supported_languages=["en"])
    by_entity = defaultdict(list)
    for rule in rule_set.rules:
        by_entity[rule.entity].append(rule)
    vocab = rule_set.vocabularies
    allow = rule_set.allow
    registry.add_recognizer(PersonNameRecognizer(by_entity.pop("PERSON", []),
                                                 vocab.get("name_stopwords", []) + vocab.get("place_stopwords", []),
                                                 allow))
    registry.add_recognizer(PlaceRecognizer(by_entity.pop("LOCATION", []),
                                            vocab.get("large_regions", []) + vocab.get("place_stopwords", [])
                                            + vocab.get("months", []) + vocab.get("weekdays", []),
                                            allow))
    for entity, rules in sorted(by_entity.items()):
        registry.add_recognizer(RuleRecognizer(entity, rules, allow))
    registry.add_recognizer(EmailRecognizer())
    registry.add_recognizer(PhoneRecognizer(supported_regions=("GB", "US")))
    registry.add_recognizer(CreditCardRecognizer())
    return registry
