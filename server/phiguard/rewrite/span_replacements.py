"""Each finding's `replacements`, computed on its phrase in context rather than from its entity alone.

The entity's defaults (`rewrite.span_replacements`) do not know the phrase: "Sandra" beside "my client" is
best deleted, not made "someone" ("my client someone"); the age in "a 12 year old refusing school" is the noun
and becomes "child", not nothing ("a refusing school"). The whole-post rewriter's per-finding edit for the
finding, when it replaces exactly the finding's span, becomes the first replacement; the defaults follow.
"""

from __future__ import annotations

import re

from .deidentify_in_place import FUNCTION_WORD_NAME, age_band, edits_for
from .span_fix_preview import breaks_its_sentence

# The per-finding edits look at their neighbours by scanning the findings, which is quadratic: past this many
# (no compose box holds them; a pasted archive might) each finding keeps its entity's defaults.
MAX_FINDINGS = 300


def replacements_in_context(text: str, assessment, rule_set) -> list:
    """One tuple of replacements per finding of assessment.findings, in order."""
    # One pass of the per-finding edits over every finding (each edit reads the others only as context: a name
    # beside a client reference), so a long post with thousands of findings stays linear.
    by_span = {}
    if len(assessment.findings) <= MAX_FINDINGS:
        for e in edits_for(text, assessment.findings, rule_set):
            by_span.setdefault((e.start, e.end), e.replacement)
    out = []
    for f in assessment.findings:
        if f.entity == "FACILITY" and FUNCTION_WORD_NAME.match(text, f.start):
            out.append(())  # "In court" is no facility's name: "A care home tomorrow" is no fix
            continue
        exact = by_span.get((f.start, f.end))
        first = [exact] if exact is not None and exact != text[f.start:f.end] else []
        defaults = list(f.replacements)
        if f.entity == "AGE":
            defaults = _true_band(text, f, defaults, rule_set.rewrite)
        fixes = dict.fromkeys(first + defaults)
        # Only fixes that read in their sentence: "their old house on someone" is offered by no card.
        out.append(tuple(r for r in fixes if not breaks_its_sentence(text, f.start, f.end, r, rule_set.rewrite)))
    return out


def _true_band(text: str, f, defaults: list, rw: dict) -> list:
    """An age's default band ("an adult") replaced by the band of this age: never "an adult" for 81 or for 9."""
    bands = {b["noun"] for b in rw.get("age_bands", [])}
    band = age_band(text, f, rw)
    kept = [d for d in defaults if d.split(" ", 1)[-1] not in bands]
    if not band:
        return kept
    if re.search(r"\b(?:a|an|the|this|that|my|our|your)\s+$", text[max(0, f.start - 12):f.start], re.I):
        return kept + [band]  # "a 12 year old" -> "a child", not "a a child"
    return kept + [("an " if band[:1] in "aeiou" else "a ") + band]
