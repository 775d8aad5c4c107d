"""Places smaller than a region: the shared rules ("in Whitby", "lives in Gosport") plus spaCy's GPE, LOC and FAC.

spaCy's small model often calls a town an ORG ("Whitby", "Northgate"), so an ORG straight
after a place preposition counts too. Countries and large regions identify nobody and are
dropped (vocabulary `large_regions`).
"""

from __future__ import annotations

import re

from .rule_recognizer import RuleRecognizer

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_INNER_PREPOSITION = re.compile(r"\s(?:in|at|from|near|with|and)\s")
_PLACE_PREPOSITION = re.compile(r"\b(?:in|at|near|from|around|outside)\s+(?:the\s+)?$", re.I)


class PlaceRecognizer(RuleRecognizer):
    NER_SCORE = 0.6

    def __init__(self, rules, not_places, allow=frozenset()):
        super().__init__("LOCATION", rules, allow, ner=True, name="PlaceRecognizer")
        self._not_places = {w.lower() for w in not_places}

    def analyze(self, text, entities, nlp_artifacts=None):
        results = super().analyze(text, entities, nlp_artifacts)
        for ent in getattr(nlp_artifacts, "entities", None) or []:
            before = text[max(0, ent.start_char - 16):ent.start_char]
            if ent.label_ not in _PLACE_LABELS and not (ent.label_ == "ORG" and _PLACE_PREPOSITION.search(before)):
                continue
            place = ent.text.strip()
            key = place.lower()
            # All-capital short words are acronyms ("MS", "UK"), not small places; a span with a
            # preposition inside ("Sandra in Gosport") is two things run together.
            if (not place[:1].isupper() or _INNER_PREPOSITION.search(place) or (place.isupper() and len(place) <= 4) or key in self._not_places or key in self._allow
                    or key.removeprefix("the ") in self._not_places):
                continue
            results.append(self.ner_result("LOCATION", ent.start_char, ent.start_char + len(place), self.NER_SCORE))
        return results
