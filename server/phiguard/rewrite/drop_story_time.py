"""The time of a story's encounter goes: "tonight", "this morning", "an hour ago", "Saturday night", "at 7am", "on
Christmas Day", "for the 14th time this year".

A story about one person is told by when it happened as much as by who: the writer's colleagues, the person and
their family know which night it was. Detection flags dates, not the plain words of time, so these are found on
the parse, whole (a determiner with its noun, a preposition with its object), and only in a post about a person.
The words are data (`rewrite.story_details`).
"""

from __future__ import annotations

import re

from .apply_edits import Edit

_ADVERBIAL = ("npadvmod", "advmod", "tmod", "obl")
_CLOCK = re.compile(r"^(?:\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm)|\d{1,2}:\d{2}|\d{4}\s?hrs?)$")
_COMPLEMENTS = ("nsubj", "nsubjpass", "dobj", "prt", "prep", "acomp", "xcomp", "ccomp", "attr", "dative", "oprd")


def _end(token) -> int:
    return token.idx + len(token.text)


def _deletion(doc, first, last) -> Edit:
    """The words first..last with the blank or comma that joins them to the sentence: at its start the blank or comma
    after ("Tonight, a man" -> "A man"), elsewhere the blank or comma before ("came in, this morning, with")."""
    text = doc.user_data.get("text") or doc.text
    start, end = first.idx, _end(last)
    at_start = first.i == first.sent.start or doc[first.i - 1].text in ("(", "\n") or doc[first.i - 1].is_space
    if at_start:
        while end < len(text) and text[end] in " \t,":
            end += 1
        return Edit(start, end, "")
    before = doc[first.i - 1]
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if before.text == "," and after is not None and after.text == ",":
        return Edit(before.idx, _end(after), "")  # "came in, this morning, with" -> "came in with"
    if before.text == "," and (after is None or after.text in (".", "!", "?", ";")):
        start = before.idx  # "came in, tonight." -> "came in."
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return Edit(start, end, "")


def _matches(doc, token, phrases) -> bool:
    words = " ".join(t.lower_ for t in token.subtree if not t.is_punct)
    return words in phrases


def _counted_time(prep, spec) -> bool:
    """ "for the 14th time this year": a count of visits that only one person has; "for the first time since their
    injury" is a milestone, the post's point, and stays."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lemma_ != "time":
        return False
    counted = any(m.text[:1].isdigit() and m.i < pobj.i or m.lower_ in spec.get("ordinal_words", []) for m in pobj.children)
    allowed = set(spec.get("counted_time_words", []))
    return counted and all(t.lower_ in allowed or t.i == pobj.i or t.text[:1].isdigit() or t.lower_ in spec.get(
        "ordinal_words", []) for t in prep.subtree if t.i != prep.i)


def _clock_time(prep, spec) -> bool:
    """ "at 7am", "by 6pm", "around midnight", "at 14:30": the hour of the encounter, all the preposition holds."""
    if prep.lower_ not in spec.get("clock_prepositions", []) or prep.i == prep.right_edge.i:
        return False
    words = " ".join(t.text for t in prep.subtree if t.i != prep.i).lower()
    return bool(_CLOCK.match(words)) or words in spec.get("clock_words", [])


def story_time_edits(doc, rw, protected=()) -> list:
    """Deletions for each time of the encounter; none inside a `protected` (start, end) span (a condition)."""
    spec = rw.get("story_details", {})
    words = {w.lower() for w in spec.get("encounter_times", [])}
    heads = {w.lower() for w in spec.get("encounter_time_heads", [])}
    determiners = {w.lower() for w in spec.get("encounter_time_determiners", [])}
    weekdays = {w.lower() for w in spec.get("encounter_weekdays", [])}
    days = {w.lower() for w in spec.get("encounter_days", [])} | weekdays
    edits = []
    for t in doc:
        span, day = None, False
        if (t.lower_ in words or t.lower_ in weekdays and t.dep_ == "npadvmod") and t.dep_ in _ADVERBIAL \
                and t.head.pos_ in ("VERB", "AUX"):
            span = (t.left_edge, t.right_edge)  # "today", "an hour ago", "came in Wednesday"
        elif t.lower_ in heads and t.dep_ in _ADVERBIAL and any(
                c.dep_ == "det" and c.lower_ in determiners or c.dep_ == "compound" and c.lower_ in weekdays
                for c in t.children):
            span = (t.left_edge, t.right_edge)  # "this morning", "Saturday night"
        elif t.dep_ == "prep" and _clock_time(t, spec):
            span = (t, t.right_edge)
        elif t.dep_ == "prep" and t.lower_ in ("on", "over") and t.head.pos_ in ("VERB", "AUX") and _matches(
                doc, t, {f"{t.lower_} {d}" for d in days}):
            span, day = (t, t.right_edge), True
        elif t.dep_ == "prep" and t.lower_ == "for" and _counted_time(t, spec):
            last = t.right_edge
            allowed = set(spec.get("counted_time_words", []))
            while last.i + 1 < len(doc) and doc[last.i + 1].lower_ in allowed - {"in", "a", "so", "since"}:
                last = doc[last.i + 1]  # "this year" hangs on the verb, beside the count
            span = (t, last)  # "for the 14th time this year"
        if span is None:
            continue
        first, last = span
        verb = first.head if first.dep_ == "prep" or first is t else t.head
        rest = [c for c in verb.children if c.i not in range(first.i, last.i + 1) and c.dep_ in _COMPLEMENTS]
        if any(first.idx < e and s < _end(last) for s, e in protected):
            continue
        if verb.pos_ in ("VERB", "AUX") and not rest:
            # "Worked on Christmas Day and...": the time is all the verb has; without it the clause dangles, so a
            # named day becomes a general one and any other time stays.
            if day and spec.get("encounter_day_replacement"):
                edits.append(Edit(first.idx, _end(last), spec["encounter_day_replacement"]))
            continue
        edits.append(_deletion(doc, first, last))
    return edits
