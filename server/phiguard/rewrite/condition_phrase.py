"""A condition with the words that say which one: "leg ulcer", not "ulcer"; "brainstem stroke", not "stroke".

The vocabulary finds the head of a condition, and a general line that names only the head ("Supporting someone with
ulcer…") loses what the post was about. The parse says which words before it modify it: lower-case nouns and
adjectives that depend on it (compound, amod), never a name, a number or a possessive, so "her leg ulcer" gives
"leg ulcer" and "Sarah's ulcer" stays "ulcer"; a hyphenated one ("below-knee amputation") is taken whole or not at
all. (A body part is no identifier: "her leg" is one only with "her".)
"""

from __future__ import annotations

from dataclasses import replace

_MODIFIER_DEPS = ("compound", "amod", "nmod")
_MODIFIER_POS = ("NOUN", "ADJ")
_MAX_WORDS = 3  # "early onset Alzheimer's": more than that is a description of the person, not the condition


def condition_phrases(doc, findings) -> dict:
    """{(start, end) of a condition finding: (start, end) with its modifiers} for the conditions that have some."""
    out = {}
    for f in findings:
        if f.category != "condition":
            continue
        span = doc.char_span(f.start, f.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        inside = {t.i for t in span}
        start, added = span.start, 0
        while start > 0 and added < _MAX_WORDS:
            t = doc[start - 1]
            if t.dep_ not in _MODIFIER_DEPS or t.pos_ not in _MODIFIER_POS or t.head.i not in inside \
                    or not t.is_alpha or not t.is_lower or doc.text[t.idx - 1:t.idx] == "-":
                break
            inside.add(t.i)
            start, added = start - 1, added + 1
        if added:
            out[(f.start, f.end)] = (doc[start].idx, f.end)
    return out


def with_whole_conditions(findings, phrases: dict) -> list:
    """findings with each condition widened to its phrase, and a condition inside another's phrase dropped: "diabetic"
    in "diabetic foot ulcer" is that one condition, not a second."""
    widened = [replace(f, start=phrases[(f.start, f.end)][0]) if (f.start, f.end) in phrases else f for f in findings]
    wide = [(f.start, f.end) for f in widened if f.category == "condition"]
    return [f for f in widened if f.category != "condition"
            or not any(a <= f.start and f.end <= b and (a, b) != (f.start, f.end) for a, b in wide)]
