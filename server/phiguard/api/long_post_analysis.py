"""The cheaper path for long posts: spaCy and Presidio see a long post in pieces of at most
`analysis_chunk_chars` characters, cut at paragraph, line or sentence ends, each piece its own turn
in the engine queue, so a tweet waits for one piece rather than for 64 KB. Risk is still assessed on
the whole post: the candidates of every piece, at their offsets in the post, go to one assess(), so
client context in one paragraph still counts for the details in another."""

from __future__ import annotations

import dataclasses

from ..detection.assess_risk import assess

# Where a piece may end, best first: a blank line, a line break, a sentence end, any space.
_BREAKS = ("\n\n", "\n", ". ", "? ", "! ", " ")


def split_for_analysis(text: str, max_chars: int) -> list[tuple[int, str]]:
    """(offset, piece) pairs that join back into text, each piece at most max_chars long."""
    pieces, start = [], 0
    while len(text) - start > max_chars:
        end = start + max_chars
        cut = end  # no break in the window: a hard cut (a run without spaces has no name in it)
        for mark in _BREAKS:
            found = text.rfind(mark, start + max_chars // 2, end - len(mark) + 1)
            if found != -1:
                cut = found + len(mark)
                break
        pieces.append((start, text[start:cut]))
        start = cut
    pieces.append((start, text[start:]))
    return pieces


def _moved(candidate, offset: int):
    outer = (candidate.outer[0] + offset, candidate.outer[1] + offset) if candidate.outer else ()
    return dataclasses.replace(candidate, start=candidate.start + offset, end=candidate.end + offset, outer=outer)


class QueuedAnalyzer:
    """A PostAnalyzer for one request: each analysis waits its turn in the queue within the request's
    budget, and a long text goes in pieces. Anything else (rule_set, nlp_engine, ...) is the analyzer's."""

    def __init__(self, analyzer, queue, budget, chunk_chars: int):
        self._analyzer, self._queue, self._budget, self._chunk_chars = analyzer, queue, budget, chunk_chars

    def __getattr__(self, name):
        return getattr(self._analyzer, name)

    def analyze(self, text: str):
        self._budget.check()
        if len(text) <= self._chunk_chars:
            with self._queue.turn(len(text), self._budget):
                return self._analyzer.analyze(text)
        found = []
        for offset, piece in split_for_analysis(text, self._chunk_chars):
            if not piece.strip():
                continue
            self._budget.check()
            with self._queue.turn(len(piece), self._budget):
                found += [_moved(c, offset) for c in self._analyzer.candidates(piece)]
        return assess(text, found, self._analyzer.rule_set)
