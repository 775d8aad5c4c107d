"""The care a post's person was going through, said in general: "someone going through chemo", "someone on dialysis".

A statement post often names no condition ("18 months of chemo and they rang the bell", "finally agreed to a perching
stool"), yet its point is about that care, and a line that keeps it says more than "a proud moment at work". A
treatment, a device or a service is no one's identifier: every clinic has many people going through it. The words
and the phrase said for each are data (`rewrite.statement_rewrite.situations`, `settings.phrases`).
"""

from __future__ import annotations

import re

_NAMING = ("name", "direct", "contact")


def word_pattern(word: str) -> re.Pattern:
    """An acronym matches as written ("ED", not "Ed"; "PIP", not "pip"); any other word in any case, whole, with an
    optional plural."""
    flags = 0 if word.isupper() else re.I
    return re.compile(r"(?<![\w-])" + re.escape(word) + r"s?(?![\w-])", flags)


def first_of(text: str, entries, key: str):
    """(entry, words as written) for the entry whose words the text says first, the longest at one place; or None."""
    found = [(m.start(), -len(m.group()), i, m.group()) for i, entry in enumerate(entries) for word in entry["words"]
             for m in [word_pattern(word).search(text)] if m]
    if not found:
        return None
    _, _, i, written = min(found)
    return entries[i][key], written


def situation_in(text: str, findings, spec: dict) -> str | None:
    """The phrase of the first situation the post names outside a name or a contact detail, or None; "{word}" in
    the phrase is the word as the post writes it ("after a kidney transplant")."""
    entries = spec.get("situations", [])
    free = list(text)
    for f in findings:
        if f.category in _NAMING:
            free[f.start:f.end] = " " * (f.end - f.start)
    free = "".join(free)
    hit = first_of(free, entries, "phrase")
    if not hit:
        return None
    phrase, written = hit
    if written[:1].isupper() and written[1:].islower():
        written = written.lower()  # "Transplant" opened its sentence: "after a transplant"
    return phrase.replace("{word}", written)
