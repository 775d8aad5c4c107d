"""An adult's age made into a band says nothing: "she's 52 and just found out" is better as "they just found out"
than "they're an adult and just found out". A child's or an older person's band stays: it is clinically true and
useful ("They're a child and on three meds already"). Only fillers the rewrite made are touched, never the writer's."""

from __future__ import annotations

import re

_FILLER_SENTENCE = re.compile(r"(?:(?<=^)|(?<=[.!?][ \t])|(?<=\n))(?:They|Someone|Mine)(?:'re|’re|\s+are|\s+is|\s+were|\s+was)"
                              r"\s+an adult\.(?:[ \t]+|$)", re.M)
# The copula goes with the band, unless the clause goes on with a participle: "they're an adult and dreading the
# radio" -> "they're dreading the radio".
_FILLER_CLAUSE = re.compile(r"\b(\w+)((?:'re|’re|'s|’s|\s+is|\s+are|\s+was|\s+were))\s+an adult(?:,|\s+and)\s+(?=(\w+))")


def drop_adult_filler(text: str, original: str) -> str:
    if "an adult" in original.lower() or "an adult" not in text:
        return text
    text = _FILLER_SENTENCE.sub("", text)

    def clause(m):
        keeps_copula = m.group(3).endswith("ing")
        return m.group(1) + (m.group(2) if keeps_copula else "") + " "
    return _FILLER_CLAUSE.sub(clause, text).strip()
