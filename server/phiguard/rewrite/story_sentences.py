"""Which sentences of a statement post tell the story of a person, and which say something in general.

A statement post (a tribute, a vent, a LinkedIn "lessons" post) mixes the writer's own general sentences with the
sentences of one person's story. Only the general ones can be posted: a sentence that holds an identifying finding,
points at a particular person ("he", "my patient", "the lad"), or follows a story sentence in its paragraph (it
carries the story on: "I went to the car and sobbed.") is the story's.
"""

from __future__ import annotations

import re

# A sentence: up to its end mark (or a line break), with any emoji, closing marks and hashtags after it.
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|(?=\n)|$)[\"'’”)\]]*")
_PERSON_PRONOUN = re.compile(r"\b(?:he|she|him|her|his|hers|himself|herself|he's|she's|he'd|she'd|he'll|she'll)\b", re.I)
# "a patient", "every client": a mention that names nobody in particular.
_GENERIC_MENTION = re.compile(r"^(?:a|an|any|every|each|all|some|no)\s", re.I)
_IDENTIFYING = ("context", "name", "direct", "contact")
_HASHTAG = re.compile(r"(?<![\w#])#[A-Za-z]\w*")


def _tells_story(finding, text: str) -> bool:
    if finding.category in _IDENTIFYING:
        return True
    if finding.category == "mention":
        return not _GENERIC_MENTION.match(text[finding.start:finding.end])
    return finding.category == "quasi" and not finding.weak


def story_marks(text: str, findings) -> list:
    return [(f.start, f.end) for f in findings if _tells_story(f, text)]


def sentences(text: str, start: int = 0, end: int | None = None) -> list:
    """(start, end) of each sentence of text[start:end], in the text's offsets."""
    end = len(text) if end is None else end
    return [(start + m.start(), start + m.end()) for m in SENTENCE.finditer(text[start:end]) if m.group().strip()]


def is_story_sentence(text: str, span, marks) -> bool:
    start, end = span
    return any(a < end and b > start for a, b in marks) or bool(_PERSON_PRONOUN.search(text[start:end]))


def safe_hashtags(text: str, marks, start: int = 0) -> list:
    """The post's hashtags from start on that name no one (#nurselife, not #JusticeForJamie), once each."""
    return list(dict.fromkeys(m.group() for m in _HASHTAG.finditer(text, start)
                              if not any(a < m.end() and b > m.start() for a, b in marks)))
