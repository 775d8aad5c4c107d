"""Does a suggestion for a post that asks something still ask it? "Any radiographers able to help?", "What's the
process for dentists here?" or a kept statement alone ("Safeguarding haven't rung me back.") lose the question:
peers have nothing to answer."""

from __future__ import annotations

import re

from .question_in_general import sentences_of

_FINITE = ("VBZ", "VBP", "VBD", "MD")


def _asks(sentence, qr, deictics) -> bool:
    words = [t for t in sentence if not t.is_punct and not t.is_space]
    if not words or not sentence.text.rstrip().endswith("?"):
        return False
    if words[-1].lower_ in deictics or any(t.lower_ in deictics and (t.dep_ == "det" or t.tag_ == "RB") for t in words):
        return False  # "...for dentists here?", "...manage this?", "at this age": it points at the story it no longer tells
    if _vague(words, qr):
        return False
    # a question with a verb of its own, or a long verbless one ("Best AAC apps for autistic kids under 5?")
    return any(t.tag_ in _FINITE for t in words) or len(words) >= qr.get("min_question_words", 8)


def _vague(words, qr) -> bool:
    """ "Any social workers know a faster route?", "Anyone have a contact?": what it asks about is a word that
    needs the story to say what for (`vague_objects`), with nothing after it to say so."""
    vague = {w.lower() for w in qr.get("vague_objects", [])}
    asked = [t for t in words if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("nsubj", "npadvmod")
             and not any(a.dep_ == "nsubj" for a in t.ancestors)]
    return bool(asked) and all(t.lemma_.lower() in vague and not any(c.dep_ in ("prep", "acl", "relcl", "compound")
                                                                     for c in t.children) for t in asked)


def says_what(doc, qr) -> bool:
    """A short question names its subject as a term of the trade ("age assessment challenges", "immigration
    attorneys"), not only a verb that needed the story ("How do you escalate with housing?")."""
    words = [t for t in doc if not t.is_punct and not t.is_space]
    return len(words) >= qr.get("min_question_words", 8) or any(t.dep_ == "compound" and t.head.pos_ == "NOUN"
                                                                 for t in doc)


def asks_peers(doc, qr, situated: bool = False) -> bool:
    """Some sentence of the suggestion is a question peers could answer as it stands. situated: the situation is
    said before the question ("A resident pocketing meds - how do you handle this?"), so "this" has something to
    point at."""
    deictics = set() if situated else {w.lower() for w in qr.get("story_deictics", [])}
    return any(_asks(s, qr, deictics) for s in doc.sents)


_WORD = re.compile(r"[\w'’-]+")


def asked_as_written(question: str, original: str, neutral_words) -> bool:
    """Every sentence of question is one of the original's, word for word but for gendered words made neutral
    ("on a lady who bites" -> "on a person who bites"): a question with a name or place cut out of it ("which
    community neuro team covers?") has lost what it asked."""
    originals = [_WORD.findall(s.lower()) for s in sentences_of(original)]
    for sentence in sentences_of(question):
        words = _WORD.findall(sentence.lower())
        if not any(len(words) == len(o) and all(a == b or b in neutral_words for a, b in zip(words, o))
                   for o in originals):
            return False
    return True
