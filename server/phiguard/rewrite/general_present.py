"""A client's predicate told in the past, told in the general present: the problem, not the episode.

"She's declined blood products" -> "declines blood products"; "refused conveyance" -> "refuses conveyance";
"hasn't taken their insulin" -> "doesn't take their insulin"; "has started refusing to get off the bus" ->
"refuses to get off the bus"; "was nodding off" -> "is nodding off". A question about what peers do asks about
what such a person does, so the general present keeps the problem and loses the one occasion. The forms come
from spaCy's parse (the verb's lemma and its auxiliaries); the words that mark each tense are data
(rewrite.question_rewrite.general_present).
"""

from __future__ import annotations

from .check_suggestion import third_person

_PARTICIPLES = ("VBN", "VBD")  # the tagger often calls a perfect's participle a past ("'s declined/VBD")


def _third(lemma: str, irregular: dict) -> str:
    return irregular.get(lemma.lower(), third_person(lemma.lower()))


def present_forms(verb, parts, settings: dict) -> dict | None:
    """{token index: its word in the general present, "" to drop it} for the verb and its auxiliaries (parts);
    {} when the predicate is already in the present; None when its present cannot be said (a past passive:
    "was told", "was sectioned" happened to the person; the present would be another claim). The present
    perfect stays ("has stopped eating" is what such a person has done); a past perfect becomes it."""
    spec = settings.get("general_present", {})
    irregular = spec.get("third_person", {})
    auxes = [p for p in parts if p.dep_ in ("aux", "auxpass")]
    onset = next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBG"), None) \
        if verb.lemma_.lower() in spec.get("onset_verbs", []) else None
    if not auxes:
        if verb.tag_ != "VBD":
            return {}
        if onset is not None:  # "started refusing" -> "refuses"
            return {verb.i: "", onset.i: _third(onset.lemma_, irregular)}
        return {verb.i: _third(verb.lemma_, irregular)}
    first = auxes[0]
    perfect = spec.get("perfect_auxiliaries", {})
    if first.lower_ in perfect and (verb.tag_ in _PARTICIPLES or len(auxes) > 1 and auxes[1].lower_ == "been"):
        if first.dep_ == "auxpass" and not any(c.dep_ in ("dobj", "xcomp") for c in verb.children):
            return None  # a real passive: "'s been sent home"
        return {first.i: perfect[first.lower_]}  # "'s declined" -> "has declined", "'d stopped" -> "has stopped"
    if first.lower_ in spec.get("present_of_past", {}):
        if first.dep_ == "auxpass" or verb.tag_ not in ("VBG", "VB"):
            return None  # "was told", "was sectioned"
        return {first.i: spec["present_of_past"][first.lower_]}  # "was nodding off", "didn't take" -> "doesn't take"
    return {}
