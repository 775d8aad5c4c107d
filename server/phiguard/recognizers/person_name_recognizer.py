"""Names: the shared rules ("my client Sandra", "Mr Henderson", "Edna, 97") plus spaCy's PERSON entities.

Whether a name matters is decided later, by context: a colleague or a keynote speaker is
not a client. Names with a professional title are dropped here already, because "Dr Rao"
is never the client in these posts.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from ..rules.load_rule_packs import core_pack_dir
from .rule_recognizer import RuleRecognizer

_PROFESSIONAL_TITLE = re.compile(r"(?:\b(?:Dr|Doctor|Prof|Professor|Rev|Revd|Cllr|Nurse|Sister)\.?\s*)$")
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")
_NAME_SHAPE = re.compile(r"^[A-Z][a-z'’-]+(?:\s[A-Z][a-z'’-]+){0,2}$")
# A capitalised word straight after a place preposition is a place ("St Peter's Primary in Bolton"),
# unless it owns something ("in Sandra's room"); the place rules and recognizer report it instead.
_AFTER_PLACE_PREPOSITION = re.compile(r"\b(?:in|near|at|around|outside|across)\s+(?:the\s+)?$", re.I)
_POSSESSIVE_AFTER = re.compile(r"['’]s\b")
# A saint's name is a school, church, hospital or town ("St Peter's Primary", "St Helens"), not a client.
_SAINT = re.compile(r"^(?:St\.?|Saint)\s")
_SAINT_BEFORE = re.compile(r"\b(?:St\.?|Saint)\s+$")


@lru_cache(maxsize=1)
def _core_facility_words() -> tuple:
    """The core pack's vocabulary facility_words ('Primary', 'Care Home', 'Hospital'...)."""
    path = core_pack_dir() / "vocabularies" / "facility_words.json"
    vocabularies = json.loads(path.read_text(encoding="utf-8")).get("vocabularies", [])
    return tuple(t for v in vocabularies if v.get("id") == "facility_words" for t in v.get("terms", []))


def _after_facility_regex(words) -> re.Pattern:
    """A facility's name ending right before: 'St Peter's Primary, ', 'Oakwood School (', 'Rose Court -'.
    Case-sensitive: a capitalised facility word is part of a name; 'my house, Sandra said' is not one."""
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(r"\b(?:" + alternatives + r")(?:['’]s)?\s*(?:,|\(|[-–—/])\s*$")


class PersonNameRecognizer(RuleRecognizer):
    NER_SCORE = 0.6

    def __init__(self, rules, stopwords, allow=frozenset(), facility_words=None):
        super().__init__("PERSON", rules, allow, ner=True, name="PersonNameRecognizer")
        self._stopwords = {w.lower() for w in stopwords}
        self._after_facility = _after_facility_regex(_core_facility_words() if facility_words is None else facility_words)

    def _is_place(self, text: str, ent, name: str) -> bool:
        """spaCy's PERSON that is really a place or a facility: a saint's name, a word straight after a place
        preposition (unless it owns something), or a town right after a facility's name."""
        before = text[max(0, ent.start_char - 40):ent.start_char]
        if _SAINT.match(ent.text) or _SAINT_BEFORE.search(before) or self._after_facility.search(before):
            return True
        return (_AFTER_PLACE_PREPOSITION.search(before) is not None
                and not _POSSESSIVE_AFTER.match(text, ent.start_char + len(name)))

    def analyze(self, text, entities, nlp_artifacts=None):
        results = super().analyze(text, entities, nlp_artifacts)
        for ent in getattr(nlp_artifacts, "entities", None) or []:
            if ent.label_ != "PERSON":
                continue
            name = re.sub(r"['’]s$", "", ent.text.strip())  # "Okafor's daughter": the name is "Okafor"
            # A lone capitalised word opening a sentence ("Mitts or not?") is usually not a name;
            # names there are caught by the rules when they matter ("Edna, 97", "my client Gary").
            window = max(0, ent.start_char - 8)
            sentence_opening = _SENTENCE_OPENING.search(("x" if window else "") + text[window:ent.start_char]) is not None
            glued = ent.start_char > 0 and text[ent.start_char - 1] in "-'’@#/"  # "C-Leg", "@handle", "#tag"
            if (not _NAME_SHAPE.match(name) or glued or self._is_place(text, ent, name) or (sentence_opening and len(ent) == 1) or name.lower() in self._stopwords or name.lower() in self._allow
                    or _PROFESSIONAL_TITLE.search(text[max(0, ent.start_char - 12):ent.start_char])):
                continue
            results.append(self.ner_result("PERSON", ent.start_char, ent.start_char + len(name), self.NER_SCORE))
        return results
