"""A per-span fix previewed in its sentence, as the extension will apply it, and refused when it breaks the sentence.

A card's fix replaces exactly the finding's span: "Victoria Rd" -> "someone" in "their old house on Victoria Rd"
reads "their old house on someone", and deleting it leaves "on .". The whole-post rewrite can take the preposition
too; a span fix cannot, so a replacement that would leave such a sentence is not offered (the card keeps the ones
that read, or offers none and the whole-post rewrite stays).

The extension deletes with one neighbouring space (content/text_edits.js withOneSpace); the preview does the same.
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.!?\n]")
WINDOW = 300  # characters
# "the someone", "the young someone in a public role", "retired someone": a determiner, or a modifier, before it
_DETERMINED = re.compile(r"\b(?:a|an|the|this|that|these|those|my|our|your|their|his|her|its|every|each|no)\s+"
                         r"(?:(?!(?:and|but|or|to|for|with|of|if|is|was|as|when|who)\b)[a-z-]+\s+)?someone\b", re.I)
_MODIFIED = re.compile(r"\b(?:young|old|elderly|retired|former|new|long-time|longtime|local|famous|lovely)\s+someone\b", re.I)
_GREETED = re.compile(r"\b(?:hi|hello|hey|dear|thanks|thank you|morning|congrats)\s+someone\b", re.I)
_SOMEONE = re.compile(r"\bsomeone\b", re.I)
# Place prepositions come from the data (`in_place_rewrite.place_prepositions`); what may follow "someone" there and
# still be a person ("in someone with COPD", "on someone's behalf") is grammar, so it is here.
_PERSON_AFTER = r"(?!['’]|\s+(?:with|who|whose|that|I|we|they|else|like)\b)"
_ORPHAN_PUNCTUATION = re.compile(r"[–—]\s*[,;:]|\(\s*[,;:)]|[,;]\s*\)|:\s*[,;.!?]|^[ \t]*[,;:]|[,;][ \t]*[,;.!?]")
_HANGING = re.compile(r"\b(?:a|an|the|in|at|on|from|of|for|with|by|near|to|my|our|their|your)\s*(?:[,.;:!?)]|$)", re.I)
_DOUBLED_WORD = re.compile(r"\b(\w+)\s+\1\b", re.I)


def applied(text: str, start: int, end: int, replacement: str) -> tuple:
    """(the text with the fix applied, where the fix now starts, where it ends) as the extension does it."""
    if replacement == "":
        if start > 0 and text[start - 1] == " " and (end == len(text) or re.match(r"[\s,.;:!?)]", text[end])):
            start -= 1
        elif end < len(text) and text[end] == " ":
            end += 1
    return text[:start] + replacement + text[end:], start, start + len(replacement)


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding [start, end), at most WINDOW characters either side (a pasted archive has thousands of
    findings: each looks only near itself)."""
    low = max(0, start - WINDOW)
    before = [m.end() for m in _SENTENCE_END.finditer(text, low, start)]
    after = _SENTENCE_END.search(text, end, end + WINDOW)
    return text[(before[-1] if before else low):(after.end() if after else min(len(text), end + WINDOW))]


def preview(text: str, start: int, end: int, replacement: str) -> str:
    """The fix's sentence as it will read."""
    result, new_start, new_end = applied(text, start, end, replacement)
    return sentence_around(result, new_start, new_end)


def _new(pattern, sentence: str, original: str) -> bool:
    return any(m.group().lower() not in original.lower() for m in pattern.finditer(sentence))


def breaks_its_sentence(text: str, start: int, end: int, replacement: str, rw: dict) -> bool:
    """Would this replacement leave its sentence broken ("on someone", "my new someone", "on .", "–,")?"""
    original = sentence_around(text, start, end)
    sentence = preview(text, start, end, replacement)
    prepositions = rw.get("in_place_rewrite", {}).get("place_prepositions", [])
    placed = re.compile(r"\b(?:" + "|".join(map(re.escape, prepositions)) + r")\s+someone\b" + _PERSON_AFTER, re.I) \
        if prepositions else None
    if len(_SOMEONE.findall(sentence)) > max(1, len(_SOMEONE.findall(original))):
        return True  # "Can someone check someone wording?": two people who are one
    return any(_new(p, sentence, original) for p in (_DETERMINED, _MODIFIED, _GREETED, placed, _ORPHAN_PUNCTUATION,
                                                     _HANGING, _DOUBLED_WORD) if p is not None)
