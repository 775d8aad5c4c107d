"""What a swapped or deleted span leaves broken, checked on any text: the suggestions' invariants and the per-span
fixes' previews both use these. Written apart from the gate (rewrite/check_suggestion.py) so the two can disagree.

Each check reports only what the original did not already have: a writer's own "on someone's behalf" is theirs.
"""

from __future__ import annotations

import re

# "my brand new someone", "the someone", "their old house on someone": "someone" where a thing or a place was.
_DETERMINED = re.compile(r"\b(?:a|an|the|this|that|these|those|my|our|your|their|his|her|its|every|each|no)\s+someone\b", re.I)
_PLACED = re.compile(r"\b(?:on|in|at|near|above|below|outside|behind|opposite|into|onto|across|past|along|over|towards|"
                     r"beside|under)\s+someone\b(?!['’]|\s+(?:with|who|whose|that|I|we|they|else|like|they['’]re)\b)", re.I)
_ORPHAN_PUNCTUATION = re.compile(r"[–—]\s*[,;:]|\(\s*[,;:)]|[,;]\s*\)|:\s*[,;.!?]|(?:^|\n)[ \t]*[,;:]|[,;][ \t]*[,;]")
_DOUBLED_WORD = re.compile(r"\b(\w+)\s+\1\b", re.I)
_SENTENCE = re.compile(r"[^.!?\n]+")


def _new(pattern, text: str, original: str) -> list:
    return [m.group() for m in pattern.finditer(text) if m.group().lower() not in original.lower()]


def broken_phrases(text: str, original: str) -> list:
    """Problems a reader would see at once, as short descriptions."""
    problems = [f"'someone' after a determiner {w!r}" for w in _new(_DETERMINED, text, original)]
    problems += [f"'someone' for a place {w!r}" for w in _new(_PLACED, text, original)]
    problems += [f"orphan punctuation {w!r}" for w in _new(_ORPHAN_PUNCTUATION, text, original)]
    problems += [f"doubled word {w!r}" for w in _new(_DOUBLED_WORD, text, original)]
    # A "someone" the writer wrote ("do we call someone?") is theirs; two that the rewrite put in read as two people.
    written = len(re.findall(r"\bsomeone\b", original, re.I))
    for sentence in _SENTENCE.findall(text):
        if len(re.findall(r"\bsomeone\b", sentence, re.I)) - written > 1 and sentence.strip().lower() not in original.lower():
            problems.append(f"two 'someone's in one sentence {sentence.strip()[:60]!r}")
    return problems


def someone_after_adjective(doc, original: str) -> list:
    """ "my brand new someone": an adjective that modifies "someone" (not "so glad someone is...") says it was a thing."""
    return [f"'someone' after an adjective {doc[t.i - 1].text + ' ' + t.text!r}" for t in doc
            if t.lower_ == "someone" and t.i > 0 and doc[t.i - 1].tag_ in ("JJ", "JJR", "JJS") and doc[t.i - 1].head.i == t.i
            and (doc[t.i - 1].text + " " + t.text).lower() not in original.lower()]
