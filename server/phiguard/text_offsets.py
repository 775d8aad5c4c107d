"""Python indexes strings by code point; the extension (JavaScript) by UTF-16 code unit.

Every offset leaving the server goes through here. An astral character (most emoji) is one
code point but two UTF-16 units; a lone surrogate that arrived in JSON is one of each.
"""

from __future__ import annotations

from bisect import bisect_right


class Utf16Offsets:
    """Converts code-point offsets of one text to UTF-16 offsets, in O(log n) after O(n) set-up."""

    def __init__(self, text: str):
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self.length = len(text) + len(self._astral)

    def to_utf16(self, index: int) -> int:
        return index + bisect_right(self._astral, index - 1) if self._astral else index


def utf16_length(text: str) -> int:
    return Utf16Offsets(text).length
