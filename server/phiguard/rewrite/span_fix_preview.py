"""A per-span fix previewed in its sentence, as the extension will apply it, and refused when it breaks the sentence.

A card's fix replaces exactly the finding's span: "Victoria Rd" -> "someone" in "their old house on Victoria Rd"
reads "their old house on someone", and deleting it leaves "on .". The whole-post rewrite can take the preposition
too; a span fix cannot, so a replacement that would leave such a sentence is not offered (the card keeps the ones
that read, or offers none and the whole-post rewrite stays).

The extension deletes with one neighbouring space (content/text_edits.js withOneSpace); the preview does the same.
"""

from __future__ import annotations

import re

from .broken_swaps import swap_problems

_SENTENCE_END = re.compile(r"[.!?\n]")
WINDOW = 300  # characters


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


def breaks_its_sentence(text: str, start: int, end: int, replacement: str, rw: dict) -> bool:
    """Would this replacement leave its sentence broken ("on someone", "my new someone", "on .", "–,", or a deleted
    first word leaving ", we were..." to open it)?"""
    return bool(swap_problems(preview(text, start, end, replacement), sentence_around(text, start, end), rw))
