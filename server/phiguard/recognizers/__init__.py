"""Presidio recognizers: one generic recognizer for the data-driven rules, plus the ones that read spaCy's entities."""

from .person_name_recognizer import PersonNameRecognizer
from .place_recognizer import PlaceRecognizer
from .rule_recognizer import RuleRecognizer

__all__ = ["RuleRecognizer", "PersonNameRecognizer", "PlaceRecognizer"]
