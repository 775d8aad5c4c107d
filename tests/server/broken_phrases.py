"""What a swapped or deleted span leaves broken, checked on any text: the suggestions' invariants and the per-span
fixes' previews both use these. Written apart from the gate (rewrite/check_suggestion.py) so the two can disagree.

Each check reports only what the original did not already have: a writer's own "on someone's behalf" is theirs.
"""

from __future__ import annotations

import re

# "my brand new someone", "the someone", "their old house on someone": "someone" where a thing or a place was.
_DETERMINED = re.compile(r"\b(?:a|an|the|this|that|these|those|my|our|your|their|his|her|its|every|each|no)\s+someone\b", re.I)
_PLACED = re.compile(r"\b(?:on|in|at|near|above|below|outside|behind|opposite|into|onto|across|past|along|over|towards|"
                     r"beside|under)\s+someone\b(?!['’]|\s+(?:with|who|whose|that|I|we|they|else|like|they['’]re)\b)", re.I)
_ORPHAN_PUNCTUATION = re.compile(r"[–—]\s*[,;:]|\(\s*[,;:)]|[,;]\s*\)|:\s*[,;.!?]|(?:^|\n)[ \t]*[,;:]|[,;][ \t]*[,;]")
_DOUBLED_WORD = re.compile(r"\b(\w+)\s+\1\b", re.I)
_SENTENCE = re.compile(r"[^.!?\n]+")
# What a deleted argument or a swapped name leaves: "Someone, they're", "lives and never rings", "if adult with",
# "they love someone", "with syndrome", "feed their 🥳".
_SWAPPED_BEFORE_PRONOUN = re.compile(r"(?:^|[.!?]\s+|\n\s*)someone\s*,\s*(?:they|you|we|i)\b", re.I)
_PLACE_GONE = re.compile(r"\b(?:lives|lived|living)\s+(?:and|but)\b|\b(?:lives|lived|living)[,.;:!?]", re.I)
_BAND_WITHOUT_ARTICLE = re.compile(r"\b(?:if|with|for|saw|met|see)\s+(?:adult|child|baby|teenager)\s+(?:with|who|in|on|is|was)\b",
                                   re.I)
_LIKED = re.compile(r"\b(?:loves?|likes?|adores?|enjoys?)\s+(?:\w+\s+){0,3}?(?:and\s+)?someone\b", re.I)
_CONDITION_HEAD_ALONE = re.compile(r"\b(?:with|case)\s+(?:syndrome|disease)\b", re.I)
# What a deleted argument leaves around its verb or a swap leaves around a name: "works as a person", "I'm in Ontario."
# -> "I'm.", "Respect, Mr K." -> "Respect, someone", "Happy 1st birthday to" -> "Happy to someone", "At the Royal
# Children's" -> "At a hospital's with", "renamed me Gerald" -> "renamed me someone".
_JOB_GONE = re.compile(r"\b(?:works?|worked|working|serves?|served)\s+as\s+(?:a|an)\s+person\b", re.I)
_BARE_COPULA = re.compile(r"(?:^|[.!?]\s+|\n\s*)(?:I['’]m|I\s+am|they['’]re|they\s+are|we['’]re|it['’]s|someone['’]s|"
                          r"they\s+were|someone\s+(?:is|was))\s*[.!?]", re.I)
_ADDRESSED_AT_END = re.compile(r",[ \t]*someone[ \t]*(?:[.!?]|$)", re.I | re.M)
_OCCASION_GONE = re.compile(r"\bhappy\s+to\s+(?:someone|the\s+person|them)\b", re.I)
_PLACE_OWNING_NOTHING = re.compile(r"\ba\s+(?:hospital|care\s+home|school|hospice|clinic|ward|unit|prison|GP\s+surgery)['’]s"
                                   r"(?=\s+(?:with|for|at|in|on|to|and|but)\b|\s*[.,;:!?])", re.I)
_NAMED_SOMEONE = re.compile(r"\b(?:re)?(?:name[sd]?|call(?:s|ed)?|nicknamed?)\s+(?:me|us|them|him|her|it)\s+someone\b", re.I)
_OPENING_PUNCTUATION = re.compile(r"(?:^|[.!?][ \t]+|\n)[ \t]*[,;:]")
_DETERMINER_BEFORE_SYMBOL = re.compile(r"\b(?:their|the|a|an)[ \t]+[\U0001F300-\U0001FAFF\u2600-\u27BF]")


def _new(pattern, text: str, original: str) -> list:
    return [m.group() for m in pattern.finditer(text) if m.group().lower() not in original.lower()]


def broken_phrases(text: str, original: str) -> list:
    """Problems a reader would see at once, as short descriptions."""
    problems = [f"'someone' after a determiner {w!r}" for w in _new(_DETERMINED, text, original)]
    problems += [f"'someone' for a place {w!r}" for w in _new(_PLACED, text, original)]
    problems += [f"orphan punctuation {w!r}" for w in _new(_ORPHAN_PUNCTUATION, text, original)]
    problems += [f"doubled word {w!r}" for w in _new(_DOUBLED_WORD, text, original)]
    for name, pattern in (("'someone' before its pronoun", _SWAPPED_BEFORE_PRONOUN), ("a place lived in went", _PLACE_GONE),
                          ("an age band without an article", _BAND_WITHOUT_ARTICLE), ("'someone' liked", _LIKED),
                          ("a condition without its name", _CONDITION_HEAD_ALONE),
                          ("a determiner before an emoji", _DETERMINER_BEFORE_SYMBOL),
                          ("a job clause left as 'person'", _JOB_GONE), ("a copula with nothing after it", _BARE_COPULA),
                          ("'someone' addressed", _ADDRESSED_AT_END), ("an occasion gone", _OCCASION_GONE),
                          ("a place's possessive owning nothing", _PLACE_OWNING_NOTHING),
                          ("'someone' for a name", _NAMED_SOMEONE)):
        problems += [f"{name} {w!r}" for w in _new(pattern, text, original)]
    # ", OD x30..." : "," is in every original, so a sentence opened by punctuation is counted, not looked up
    if len(_OPENING_PUNCTUATION.findall(text)) > len(_OPENING_PUNCTUATION.findall(original)):
        problems.append("a sentence opened by punctuation")
    # A "someone" the writer wrote ("do we call someone?") is theirs; two that the rewrite put in read as two people.
    written = len(re.findall(r"\bsomeone\b", original, re.I))
    for sentence in _SENTENCE.findall(text):
        if len(re.findall(r"\bsomeone\b", sentence, re.I)) - written > 1 and sentence.strip().lower() not in original.lower():
            problems.append(f"two 'someone's in one sentence {sentence.strip()[:60]!r}")
    return problems


def someone_after_adjective(doc, original: str) -> list:
    """ "my brand new someone": an adjective that modifies "someone" (not "so glad someone is...") says it was a thing."""
    return [f"'someone' after an adjective {doc[t.i - 1].text + ' ' + t.text!r}" for t in doc
            if t.lower_ == "someone" and t.i > 0 and doc[t.i - 1].tag_ in ("JJ", "JJR", "JJS") and doc[t.i - 1].head.i == t.i
            and (doc[t.i - 1].text + " " + t.text).lower() not in original.lower()]
