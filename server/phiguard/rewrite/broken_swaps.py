"""What a swapped or deleted span can leave broken, on the text alone: "someone" where a thing or a place was
("my brand new someone", "their old house on someone", "the young someone"), two "someone"s in one sentence who read
as two people, orphan punctuation ("again –,"), a preposition or article left before punctuation, a doubled word, "Someone," before
the sentence's own pronoun, a verb of living whose place went ("lives and never rings"), an age band without its
article ("if adult with"), "someone" liked ("they love someone": a cartoon), a condition without its name ("with
syndrome"), a determiner before an emoji ("feed their 🥳"), "someone" said to the person at a sentence's end ("Respect,
someone"), "works as a person", a name given ("renamed me someone"), "a hospital's with", a sentence opened by a comma.

Used on a per-span fix's sentence (span_fix_preview.py) and on the whole-post in-place rewrite, which is not
offered when it leaves any of these. Each counts only what the original did not already have.
"""

from __future__ import annotations

import re

_SENTENCE = re.compile(r"[^.!?\n]+")
# "the someone", "the young someone in a public role": a determiner (and perhaps a modifier) before it
_DETERMINED = re.compile(r"\b(?:a|an|the|this|that|these|those|my|our|your|their|his|her|its|every|each|no)\s+"
                         r"(?:(?!(?:and|but|or|to|for|with|of|if|is|was|as|when|who)\b)[a-z-]+\s+)?someone\b", re.I)
_GREETED = re.compile(r"\b(?:hi|hello|hey|dear|thanks|thank you|morning|congrats)\s+someone\b", re.I)
_SOMEONE = re.compile(r"\bsomeone\b", re.I)
# Place prepositions come from the data (`in_place_rewrite.place_prepositions`); what may follow "someone" there and
# still be a person ("in someone with COPD", "on someone's behalf") is grammar, so it is here.
_PERSON_AFTER = r"(?!['’]|\s+(?:with|who|whose|that|I|we|they|else|like)\b)"
_ORPHAN_PUNCTUATION = re.compile(r"[–—]\s*[,;:]|\(\s*[,;:)]|[,;]\s*\)|:\s*[,;.!?]|^[ \t]*[,;:]|[,;][ \t]*[,;.!?]")
_HANGING = re.compile(r"\b(?:a|an|the|in|at|on|from|of|for|with|by|near|to|my|our|their|your)\s*(?:[,.;:!?)]|$)", re.I)
_DOUBLED_WORD = re.compile(r"\b(\w+)\s+\1\b", re.I)
# "Someone, they're scared": a name swapped where it only stood before the sentence's own pronoun
_SOMEONE_DISLOCATED = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n)|(?<=,\s))\s*someone\s*,\s*(?:they|you|we|i|she|he)\b", re.I)
# "their child lives and never rings": a verb of living whose place went
_LIVES_NOWHERE = re.compile(r"\b(?:lives|lived|living|based)\s*(?:[,.;:!?)]|$|and\b|but\b)", re.I)
# "know if adult with the PE": an age band swapped in without its article
_BARE_BAND = re.compile(r"\b(?:if|with|for|and|but|of|to|is|was|saw|seen|met|had|has|have|see)\s+"
                        r"(?:adult|child|baby|teenager|young person|older person)\b(?![-\w]|['’]s\b|\s+(?:services|"
                        r"protection|care|safeguarding|development|health|mental|social)\b)", re.I)
# "they love someone": a liked thing (a cartoon, a brand) is not a person
_LIKED_SOMEONE = re.compile(r"\b(?:loves?|loved|likes?|liked|adores?|adored|enjoys?|enjoyed|obsessed with|into)\s+"
                            r"(?:[\w-]+,?\s+){0,3}?(?:and\s+)?someone\b", re.I)
# "with syndrome": a condition's name taken for a person's, its head noun left behind
_NAMELESS_CONDITION = re.compile(r"\b(?:with|has|had|have|of|case|cases)\s+(?:syndrome|disease|palsy)\b", re.I)
# "feed their 🥳": a possessive before a symbol owns nothing. The symbol is part of the match, so that "the "
# somewhere else in the original does not make "the 🚣" look written by the user.
_OWNS_NOTHING = re.compile(r"\b(?:their|a|an|the|my|our)[ \t]+[^\w\s,.;:!?'\"“”‘’()\[\]#@&/*+-]", re.I)

# What a swap of the span alone leaves where more had to go: a name said to the person at the end (", someone."), a job
# after "works as" ("works as a person"), a name given ("renamed me someone"), a place's name that owned nothing after
# it ("a hospital's with").
_ADDRESSED_AT_END = re.compile(r",[ \t]*someone[ \t]*(?:[.!?]|$)", re.I | re.M)
_JOB_AS_PERSON = re.compile(r"\b(?:works?|worked|working|serves?|served)\s+as\s+(?:a|an)\s+(?:person|someone)\b", re.I)
_NAME_GIVEN = re.compile(r"\b(?:re)?(?:name[sd]?|call(?:s|ed)?|nicknamed?)\s+(?:me|us|them|him|her|it)\s+someone\b", re.I)
_PLACE_OWNS_NOTHING = re.compile(r"\b(?:a|an)\s+(?:hospital|care\s+home|school|hospice|clinic|prison)['’]s"
                                 r"(?=\s+(?:with|for|at|in|on|to|and|but)\b|\s*[.,;:!?])", re.I)
# ", we were..." left when a sentence's first word went: "," is in every original, so these are counted
_OPENING_PUNCTUATION = re.compile(r"(?:^|[.!?][ \t]+|\n)[ \t]*[,;:]")


def _new(pattern, text: str, original: str) -> list:
    return [m.group() for m in pattern.finditer(text) if m.group().lower() not in original.lower()]


def swap_problems(text: str, original: str, rw: dict) -> list:
    """The broken leftovers in text that original did not have, as short descriptions."""
    prepositions = rw.get("in_place_rewrite", {}).get("place_prepositions", [])
    placed = re.compile(r"\b(?:" + "|".join(map(re.escape, prepositions)) + r")\s+someone\b" + _PERSON_AFTER, re.I) \
        if prepositions else None
    modifiers = rw.get("in_place_rewrite", {}).get("modifiers_before_someone", [])
    # "Little someone", "ex-Royal someone", "a 9-year-old someone": a modifier that fitted the noun that went
    modified = re.compile(r"(?<![\w-])(?:(?:" + "|".join(map(re.escape, modifiers)) + r")|[a-z]+-[a-z-]+)\s+someone\b", re.I) \
        if modifiers else None
    problems = [f"{name} {w!r}" for name, pattern in (
        ("'someone' after a determiner", _DETERMINED), ("'someone' after a modifier", modified),
        ("'someone' greeted", _GREETED), ("'someone' for a place", placed), ("orphan punctuation", _ORPHAN_PUNCTUATION),
        ("hanging", _HANGING), ("doubled word", _DOUBLED_WORD), ("'someone' before its own pronoun", _SOMEONE_DISLOCATED),
        ("a place lived in went", _LIVES_NOWHERE), ("an age band without its article", _BARE_BAND),
        ("'someone' liked", _LIKED_SOMEONE), ("a condition without its name", _NAMELESS_CONDITION),
        ("a determiner before a symbol", _OWNS_NOTHING), ("'someone' addressed", _ADDRESSED_AT_END),
        ("a job left as 'person'", _JOB_AS_PERSON), ("'someone' for a name given", _NAME_GIVEN),
        ("a place's possessive owning nothing", _PLACE_OWNS_NOTHING)) if pattern is not None
        for w in _new(pattern, text, original)]
    if len(_OPENING_PUNCTUATION.findall(text)) > len(_OPENING_PUNCTUATION.findall(original)):
        problems.append("a sentence opened by punctuation")
    lowered = original.lower()
    # A "someone" the writer wrote ("do we call someone?") is theirs; two that the rewrite put in read as two people.
    written = len(_SOMEONE.findall(original))
    for sentence in _SENTENCE.findall(text):
        if len(_SOMEONE.findall(sentence)) - written > 1 and sentence.strip().lower() not in lowered:
            problems.append(f"two 'someone's in one sentence {sentence.strip()[:60]!r}")
    return problems
