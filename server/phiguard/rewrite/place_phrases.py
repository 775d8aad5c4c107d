"""Prepositional phrases that may go whole, found one way for every kind of detail they carry (a named place, a
venue, a distinctive event).

A phrase that is all its verb has cannot simply go ("lives in Spain" would leave "lives", "I'm in Ontario" would
leave "I'm."). Where the verb is the sentence's own and the sentence says nothing else, the sentence goes instead:
it told only the detail.
"""

from __future__ import annotations

from .apply_edits import Edit

# What a sentence may hold besides its verb and the phrase and still say nothing but the phrase.
_BARE = ("nsubj", "nsubjpass", "expl", "aux", "auxpass", "neg", "punct", "advmod", "cc")


def prepositional_phrases(doc, prepositions):
    """(preposition, object) for each phrase headed by one of `prepositions` that has an object."""
    for t in doc:
        if t.dep_ == "prep" and t.lower_ in prepositions:
            pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                yield t, pobj


def all_its_verb_has(prep, complements) -> bool:
    """True when the phrase hangs on a verb that has no other complement of `complements`."""
    head = prep.head
    return head.pos_ in ("VERB", "AUX") and not any(c.dep_ in complements and c.i != prep.i for c in head.children)


def sentence_told_only_this(prep, text: str, protected=()) -> Edit | None:
    """The deletion of the phrase's whole sentence when that sentence is its verb, a subject and the phrase ("I'm in
    Ontario.", "She went to a stag do."); None when the sentence says more, holds a protected span, or is the post."""
    head = prep.head
    sent = head.sent
    if head.i != sent.root.i or any(c.dep_ not in _BARE and c.i != prep.i for c in head.children):
        return None
    start, end = sent.start_char, sent.end_char
    while end < len(text) and text[end] in " \t":
        end += 1
    if start == 0 and end >= len(text.rstrip()) or any(start < e and s < end for s, e in protected):
        return None
    return Edit(start, end, "")
