"""Apply span replacements to a text and repair the grammar right around each one.

Only the words next to an edit are touched (articles, capitals, stray commas), so the rest
of what the user wrote stays exactly as they wrote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_START = re.compile(r"(?:^|[.!?…]['\")\]]?\s+|\n\s*)$")
_ARTICLE_BEFORE = re.compile(r"\b([Aa]n?)(\s+)$")
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_STARTS_WITH_ARTICLE = re.compile(r"^(?:a|an|someone)\b", re.I)
_VOWEL_SOUND = re.compile(r"^[aeiouAEIOU]")

# Punctuation left behind when a detail between commas or in brackets is removed:
# "Sandra, 81, keeps" -> "someone, , keeps" -> "someone keeps". [ \t] rather than \s keeps line breaks.
_TIDY = [
    (re.compile(r"\([ \t]*(?:[,;][ \t]*)+"), "("),
    (re.compile(r"(?:[ \t]*[,;])+[ \t]*\)"), ")"),
    (re.compile(r"[ \t]*\([ \t]*\)"), ""),
    (re.compile(r",[ \t]*(?:(?:a|an|the)[ \t]*)?,[ \t]*"), " "),
    (re.compile(r"\b([Aa])n?[ \t]+(?=(?:with|who|in|at|on|from|is|was|has|had)\b|[,.;:!?)])"), r"\1 person "),
    (re.compile(r"(^|[.!?][ \t]+|\n[ \t]*)[,;:][ \t]*"), r"\1"),
    (re.compile(r"\b(?:near|at|in|on|from|to)[ \t]+(?:the[ \t]+)?(?=[.,;:!?])"), ""),
    (re.compile(r",[ \t]*(?=[.!?])"), ""),
    (re.compile(r"[ \t]{2,}"), " "),
    (re.compile(r"[ \t]+([,.;:!?)])"), r"\1"),
    (re.compile(r"\([ \t]+"), "("),
    (re.compile(r"^[ \t]+|[ \t]+$", re.M), ""),
]
_LOWER_SENTENCE_START = re.compile(r"(^|[.!?][ \t]+|\n[ \t]*)([a-z])")


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    replacement: str


def _merge(edits):
    merged = []
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if merged and e.start < merged[-1].end:
            last = merged[-1]
            # Overlapping edits: keep the wider span, and whichever replacement says something.
            merged[-1] = Edit(last.start, max(last.end, e.end), last.replacement or e.replacement)
        else:
            merged.append(e)
    return merged


def apply_edits(text: str, edits) -> str:
    out = []
    cursor = 0
    touched = []  # positions in the output where an edit landed, for local repairs
    for e in _merge(edits):
        out.append(text[cursor:e.start])
        before = "".join(out)
        replacement = e.replacement
        following = text[e.end:].lstrip(" \t")
        next_word = replacement or following
        article = _ARTICLE_BEFORE.search(before)
        if article and next_word:
            wanted = "an" if _VOWEL_SOUND.match(next_word) else "a"
            if article.group(1)[0] == "A":
                wanted = wanted.capitalize()
            before = before[:article.start()] + wanted + article.group(2)
            out = [before]
        if replacement and _STARTS_WITH_ARTICLE.match(replacement) and _THE_BEFORE.search(before):
            before = _THE_BEFORE.sub("", before)  # "at the St Mary's" -> "at a hospital", not "at the a hospital"
            out = [before]
        original_first = text[e.start:e.end].lstrip()[:1]
        if replacement and _SENTENCE_START.search(before) and not original_first.islower():
            # Capitalise at a sentence start, unless the writer did not ("my pt..." stays lower case).
            replacement = replacement[0].upper() + replacement[1:]
        out.append(replacement)
        touched.append(len("".join(out)))
        cursor = e.end
    out.append(text[cursor:])
    result = "".join(out)
    if not touched:
        return result
    for pattern, repl in _TIDY:
        result = pattern.sub(repl, result)
    # A sentence whose first word was removed now starts in lower case; an all-lower-case
    # writer keeps their style.
    first_letter = next((ch for ch in text if ch.isalpha()), "")
    if first_letter.isupper():
        result = _LOWER_SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), result)
    return result.strip()
