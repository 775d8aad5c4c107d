"""Does a suggestion for a post that asks something still ask it? "Any radiographers able to help?", "What's the
process for dentists here?" or a kept statement alone ("Safeguarding haven't rung me back.") lose the question:
peers have nothing to answer."""

from __future__ import annotations

_FINITE = ("VBZ", "VBP", "VBD", "MD")


def _asks(sentence, qr, deictics) -> bool:
    words = [t for t in sentence if not t.is_punct and not t.is_space]
    if not words or not sentence.text.rstrip().endswith("?"):
        return False
    if words[-1].lower_ in deictics:
        return False  # "...for dentists here?", "...manage this?": it points at the story it no longer tells
    # a question with a verb of its own, or a long verbless one ("Best AAC apps for autistic kids under 5?")
    return any(t.tag_ in _FINITE for t in words) or len(words) >= qr.get("min_question_words", 8)


def asks_peers(doc, qr, situated: bool = False) -> bool:
    """Some sentence of the suggestion is a question peers could answer as it stands. situated: the situation is
    said before the question ("A resident pocketing meds - how do you handle this?"), so "this" has something to
    point at."""
    deictics = set() if situated else {w.lower() for w in qr.get("story_deictics", [])}
    return any(_asks(s, qr, deictics) for s in doc.sents)
