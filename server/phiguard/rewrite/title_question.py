"""A post's title line that asks its question with the situation before it ("Resident pocketing meds - what's your
policy?"): often the whole post's point, said by the writer in one line. The line is de-identified with the post's
own edits (the client's pronouns and family words made neutral, flagged spans replaced) and offered on its own; the
gate then re-analyses it like any suggestion."""

from __future__ import annotations

import re

from .deidentify_in_place import deidentify

# "situation - question?", "situation: question?"; a dash joined to a word ("follow-up") is not one
_SEPARATOR = re.compile(r"\s(?:-|–|—|--)\s|:\s")


def title_span(text: str, qr) -> int | None:
    """Where the title line ends, when the post opens with a line of its own that ends in a question whose
    situation comes first; None otherwise (a bare "Advice?" or "r/nursing - AITA?" needs the story)."""
    first, newline, rest = text.partition("\n")
    line = first.rstrip()
    if not newline or not rest.strip() or not line.endswith("?") or first != first.lstrip():
        return None
    if len(line.split()) > qr.get("title_max_words", 20):
        return None
    cut = _SEPARATOR.search(line)
    if cut is None or len(line[:cut.start()].split()) < qr.get("title_min_situation_words", 3):
        return None
    return len(line)


def situation_told(doc, end: int) -> bool:
    """The words before the title's question say what happens ("Resident pocketing meds", "Guy on my caseload keeps
    turning up high"), not only where it is asked ("Mumsnet 'Work' board - Is it just me?")."""
    cut = _SEPARATOR.search(doc.text[:end])
    return cut is not None and any(t.pos_ in ("VERB", "AUX") for t in doc if t.idx < cut.start())


def general_title(text: str, end: int, findings, rule_set, gender=(), phrases=()) -> str:
    """The title line with the post's edits that fall inside it."""
    title = deidentify(text[:end], [f for f in findings if f.end <= end], rule_set,
                       [e for e in gender if e.end <= end], [e for e in phrases if e.end <= end]).strip()
    return title[:1].upper() + title[1:]
