"""The person's own words in quotation marks go with the clause that says them.

A quote is what the person said, word for word: the people who heard it know who said it ("came in saying 'just a
cold'", "she told me straight she's 'ready to go'"). On the parse, a quote of at least `min_words` words whose
speech verb (`in_place_rewrite.person_quotes.speech_verbs`) has the person as its speaker (a third-person pronoun, a
person finding, or a relative) goes: a participle clause of saying ("saying ...") with its comma or "and";
a coordinated clause with its "and". A sentence that is the saying stays (it is often the point). Shorter quotes are the writer's scare quotes
("a 'boyfriend'", "'toothache'") and stay; so do the writer's own words and the words of staff.
"""

from __future__ import annotations

import re

from .apply_edits import Edit

# An opening quote after a blank, a bracket or a colon; its closing one before a blank or punctuation. An apostrophe
# inside a word ("she's") is neither.
_OPENING = re.compile(r"(?:(?<=^)|(?<=[\s(\[:]))([\"“'‘])(?=\S)")
_PAIRS = {'"': '"', "“": "”", "'": "'’", "‘": "’'"}
_CLOSING = {o: re.compile(r"(?<=\S)[" + re.escape(c) + r"](?=[\s.,;:!?)\]]|$)") for o, c in _PAIRS.items()}
_PARTICLE_BEFORE = re.compile(r"\b(?:in|out|up|off|on|back|down|over|round|around|away)\s*$", re.I)
_THIRD_PERSON = ("she", "he", "they", "her", "him", "them")


def _end(token) -> int:
    return token.idx + len(token.text)


def _speaker(verb):
    for v in (verb, verb.head):
        subject = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.lower_ in ("who", "that") and subject.head.dep_ == "relcl":
            return subject.head.head  # "the man who came in and asked...": the man
        if subject is not None:
            return subject
        if v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN"):
            return v.head  # "the man ... and asked": the verb hangs on whoever asked
        if v.dep_ not in ("xcomp", "advcl", "conj"):
            break
    return None


def _speech_verb(doc, start, verbs):
    """The speech verb the quote at start hangs from, or the one just before it ("came in saying 'just a cold'")."""
    token = next((t for t in doc if t.idx >= start and not t.is_punct), None)
    node = token
    for _ in range(6):
        if node is None:
            return None
        if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in verbs and node.idx < start:
            return node
        if node.head.i == node.i:
            break
        node = node.head
    before = [t for t in doc if _end(t) <= start][-4:]
    return next((t for t in reversed(before) if t.pos_ == "VERB" and t.lemma_.lower() in verbs), None)


def _clause_deletion(doc, verb, text, quote_end):
    """A participle or coordinated clause of saying with what joins it."""
    if verb.dep_ in ("advcl", "xcomp", "conj", "acl", "pcomp") and verb.i > verb.head.i:
        first = verb.left_edge
        before = doc[first.i - 1] if first.i > 0 else None
        if before is not None and before.dep_ == "cc" and first.i > 1 and doc[first.i - 2].text == ",":
            before = doc[first.i - 2]
        start = before.idx if before is not None and (before.text in (",", ";") or before.dep_ == "cc") else first.idx
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        if _PARTICLE_BEFORE.search(text, 0, start):
            # "came in saying '...'" would leave "came in.": in a note's list of findings the subjectless verb goes too
            # ("34F, anxiety, came in saying..., no cardiac history" -> "anxiety, no cardiac history")
            told = verb.head.head if verb.dep_ == "pcomp" else verb.head
            comma = doc[told.i - 1] if told.i > 0 else None
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in told.children) or comma is None or comma.text != ",":
                return None
            start = comma.idx
        # the clause ends with its quote: the small model may hang what follows on it (", no cardiac history")
        return Edit(start, quote_end, "")
    # A sentence that is the saying ("asked me if I was 'the one who...'") is often the post's point: without it what
    # follows points at nothing ("They were wearing them."), so it stays for the general strategies to replace.
    return None


def person_quote_edits(doc, rw, is_person, protected=()) -> list:
    spec = rw.get("in_place_rewrite", {}).get("person_quotes", {})
    verbs = {w.lower() for w in spec.get("speech_verbs", [])}
    if not verbs:
        return []
    text = doc.user_data.get("text") or doc.text
    out = []
    for m in _OPENING.finditer(text):  # each opening on its own: a chat pasted in quotes holds the person's quotes
        closing = _CLOSING[m.group(1)].search(text, m.end())
        if closing is None or len(re.findall(r"[^\W\d_]+", text[m.end():closing.start()])) < spec.get("min_words", 3):
            continue
        verb = _speech_verb(doc, m.end(), verbs)
        if verb is None:
            continue
        speaker = _speaker(verb)
        if speaker is None and "VBZ" not in (verb.tag_, verb.head.tag_) and not (verb.tag_ == "VBG" and verb.i > verb.head.i):
            # "Says it's for his back" is a third person, and a note's "came in saying" the patient; "Told me..." may
            # be the writer
            continue
        if speaker is not None and not (speaker.lower_ in _THIRD_PERSON or is_person(speaker)):
            continue
        edit = _clause_deletion(doc, verb, text, closing.end())
        if edit is not None and not any(edit.start < e and s < edit.end for s, e in protected):
            out.append(edit)
    return out
