"""A long post whose other paragraphs are general: keep them whole, drop the ones that tell a story.

A LinkedIn "five lessons" post, a retirement post or a thread carries one story paragraph among general ones. Editing
inside the story keeps the story (a job, an event, a year); dropping its sentences keeps everything the writer says
in general, word for word. In a paragraph, everything from its first story sentence on goes (what follows carries the
story on), and so does a short sentence that only introduces it ("Take last week."). A list item or slide left empty
goes with its label, the later ones are renumbered, and a heading that counted them ("Five lessons") counts again.
"""

from __future__ import annotations

import re

from .story_sentences import is_story_sentence, safe_hashtags, sentences, story_marks

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_LABEL = re.compile(r"(?P<pre>(?:slide|part|step)\s+|)(?P<n>\d{1,2})(?P<post>[.):/]|/\d{1,2})\s*", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_HASHTAG = re.compile(r"(?<![\w#])#[A-Za-z]\w*")
_TRAILING_TAGS = re.compile(r"(?:\s*#[A-Za-z]\w*)+\s*$")


def _paragraphs(text: str) -> list:
    spans, at = [], 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        spans.append((at, m.start()))
        at = m.end()
    spans.append((at, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _introduces(sentence: str, cues) -> bool:
    low = sentence.lower()
    return len(_WORD.findall(sentence)) <= 8 and (sentence.rstrip().endswith(":") or any(c in low for c in cues))


def _kept_part(text: str, start: int, end: int, marks, cues):
    """(label, kept text) of one paragraph: its sentences before the story, or None when none is left."""
    label = _LABEL.match(text, start, end)
    body = label.end() if label else start
    kept = []
    for span in sentences(text, body, end):
        if is_story_sentence(text, span, marks):
            while kept and _introduces(text[kept[-1][0]:kept[-1][1]], cues):
                kept.pop()
            break
        kept.append(span)
    else:
        return label, text[body:end].strip(), False
    return label, (text[body:kept[-1][1]].strip() if kept else ""), True


def _recount(heading: str, before: int, after: int, words) -> str:
    if before == after or before > len(words) or after < 1:
        return heading
    def swap(m):
        new = words[after - 1] if not m.group().isdigit() else str(after)
        return new.capitalize() if m.group()[0].isupper() else new
    pattern = r"\b(?:" + re.escape(words[before - 1]) + "|" + str(before) + r")\b"
    return re.sub(pattern, swap, heading, count=1, flags=re.I)


def general_paragraphs(text: str, findings, spec: dict):
    """The post without its story sentences, paragraphs and numbering intact; None if nothing general is left."""
    paragraphs = _paragraphs(text)
    if len(paragraphs) < 2:
        return None
    marks = story_marks(text, findings)
    cues = spec.get("introducers", [])
    parts, dropped_any = [], False
    for start, end in paragraphs:
        label, kept, dropped = _kept_part(text, start, end, marks, cues)
        dropped_any = dropped_any or dropped
        parts.append((label, kept))
    if not dropped_any:
        return None
    numbered_before = sum(1 for label, _ in parts if label)
    out, number = [], 0
    for label, kept in parts:
        if not kept or not _WORD.search(_HASHTAG.sub("", kept)):
            continue
        if label:
            number += 1
            n = label.group("n")
            renumbered = label.group() if len(label.group("post")) > 1 else label.group().replace(n, str(number), 1)
            kept = renumbered + kept
        out.append(kept)
    # A heading or a greeting alone ("The ten-minute appointment is broken.") is not the post.
    if not out or (len(out) < 2 and numbered_before) or \
            sum(len(_WORD.findall(p)) for p in out) < spec.get("min_kept_words", 12):
        return None
    if numbered_before:
        out[0] = _recount(out[0], numbered_before, number, spec.get("number_words", []))
    # The post's closing hashtags went with a dropped last paragraph: the ones that name no one come back.
    tail = _TRAILING_TAGS.search(text)
    if tail and tail.group().strip() not in out[-1]:
        tags = safe_hashtags(text, marks, tail.start())
        if tags:
            out[-1] = out[-1] + " " + " ".join(tags)
    return "\n\n".join(out)
