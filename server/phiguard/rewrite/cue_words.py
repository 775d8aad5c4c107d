"""Whether a post has any of a list of cue words: one compiled pattern per list, not one search per cue.

Cue lists (`rewrite.statement_rewrite`) hold a few hundred phrases; searching each with its own pattern would also
push the detection's patterns out of the `re` module's cache. A cue that starts with a letter or digit matches as
whole words, case-insensitively ("rip" is not in "ripple"); any other (an emoji, "pov:") as written.
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=256)
def _matcher(cues: tuple):
    words = sorted((c for c in cues if c[:1].isalnum()), key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.I) if words else None
    return pattern, tuple(c for c in cues if not c[:1].isalnum())


def has_cue(text: str, cues) -> bool:
    pattern, literal = _matcher(tuple(cues))
    return bool(pattern and pattern.search(text)) or any(c in text for c in literal)
