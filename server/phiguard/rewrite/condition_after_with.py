"""The client's condition as it reads after "a patient with …" in a told event, or None when it cannot.

A condition finding is a word the detector knows, not always a noun phrase: "fallen" and "homeless" are states,
"heroin" a substance, "termination" a procedure, and "a patient with fallen" or "a patient with heroin" is no
English. A singular countable condition takes its article ("a patient with a pressure sore"). The words are data
(`rewrite.statement_rewrite.event.with_condition`).
"""

from __future__ import annotations

import re

# a single word the tagger reads as an adjective or a participle describes the person, it is not what they have
_NOT_A_NOUN = ("JJ", "JJR", "JJS", "VBN", "VBD", "VBG", "RB")
_FINITE = ("VBZ", "VBD", "VBP", "MD")


def _tokens_of(condition: str, sentence) -> list:
    words = condition.lower().split()
    tokens = list(sentence)
    for i in range(len(tokens) - len(words) + 1):
        if [t.lower_ for t in tokens[i:i + len(words)]] == words:
            return tokens[i:i + len(words)]
    return []


def condition_after_with(condition: str, sentence, spec: dict) -> str | None:
    """ "pressure sore" -> "a pressure sore"; "fallen", "heroin" -> None. sentence: the spaCy span it was said in."""
    rule = spec.get("with_condition", {})
    low = condition.lower()
    if low in {w.lower() for w in rule.get("refused", [])}:
        return None
    tokens = _tokens_of(condition, sentence)
    if len(tokens) == 1 and tokens[0].tag_ in _NOT_A_NOUN:
        return None
    words = set(re.findall(r"[\w-]+", low))
    if any(t.lower_ in words and t.tag_ in _FINITE for t in sentence):
        return None  # "with Parkinson's keeps asking": the parse ran the phrase into the verb
    if low.split()[-1] in {w.lower() for w in rule.get("refused_heads", [])}:
        return None  # "stroke rehab", "the memory clinic": a service, not what the person has
    if re.match(r"^(?:a|an|the|their)\s", low):
        return condition
    head = low.split()[-1]
    if head in {w.lower() for w in rule.get("countable_heads", [])}:
        return ("an " if low[:1] in "aeiou" else "a ") + condition
    return condition
