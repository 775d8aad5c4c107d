"""Where a post's sentences end, without cutting an abbreviation: "any advice for a s.47 where..." is one sentence,
and so are "Dr. Okafor said", "approx. 3 weeks" and "NHS no. 943". A full stop glued to the next word ("s.47",
"e.g.") never ends one; after an abbreviation (`question_rewrite.abbreviations`) it ends one only before a capital
(titles: never)."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=8)
def _pattern(titles: tuple, shortened: tuple, tail: str):
    kept = []
    if titles:
        kept.append(r"\b(?i:" + "|".join(map(re.escape, titles)) + r")\.(?=[ \t])")
    if shortened:
        kept.append(r"\b(?i:" + "|".join(map(re.escape, shortened)) + r")\.(?=[ \t]+[a-z0-9])")
    body = "|".join([*kept, r"\.(?=\w)", r"[^.!?\n]"])
    return re.compile(r"(?:" + body + r")+" + tail)


def sentence_pattern(qr: dict, tail: str = r"(?:[.!?]+|$)"):
    """A regex whose matches are sentences; tail is what may close one (end marks, a line break)."""
    abbreviations = qr.get("abbreviations", {})
    return _pattern(tuple(abbreviations.get("titles", [])), tuple(abbreviations.get("before_lowercase", [])), tail)
