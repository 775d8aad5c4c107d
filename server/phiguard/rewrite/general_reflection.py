"""Strategy "general_reflection": keep what the post says in general, leave the story out.

A story about one person ("Guy came in last night with a fishhook through his eyelid. Took 2 hours.
Always wear eye protection, people!") cannot be made safe word by word: the story *is* the risk. What
can be posted is what the writer says beyond it: their general question or reflection ("Always wear
eye protection, people!"), or, when nothing general is left, an honest question about the clinical
topic alone ("Any experience to share of supporting someone with mild dementia?"), as the professional
bodies' guidance asks. Sentences that carry the person or a narrowing detail go whole, so nothing of the
story survives in pieces; the condition, the topic, survives.
"""

from __future__ import annotations

import re

from .general_question import conditions_in, eponyms, join_words
from .sentence_spans import sentence_pattern

STRATEGY = "general_reflection"
TOPIC_ONLY = "topic_only"

# A sentence: up to its end mark (or a line break), with any emoji or closing marks after it.
_SENTENCE_TAIL = r"(?:[.!?]+|(?=\n)|$)[\"')\]]*"
_HASHTAGS_ONLY = re.compile(r"^(?:[#@][\w.-]+[\s,]*)+$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
# Story words that point back at what was cut ("Sorted now but…", "She said…") make a kept sentence
# read as the rest of the story, so it goes too.
_BACK_REFERENCE = re.compile(r"\b(?:he|she|him|her|his|hers|they|them|their|it|this|that|then|sorted|now|again|still|"
                             r"today|tonight|yesterday|tomorrow)\b", re.I)
_IDENTIFYING = ("context", "mention", "name", "direct", "contact")


def _identifying(finding) -> bool:
    if finding.category in _IDENTIFYING:
        return True
    return finding.category == "quasi" and not finding.weak


def _sentences(text: str, qr) -> list:
    return [(m.start(), m.end()) for m in sentence_pattern(qr, _SENTENCE_TAIL).finditer(text) if m.group().strip()]


def _general_sentences(text: str, findings, qr) -> list:
    """The sentences that hold nothing identifying and do not lean on the story."""
    marks = [(f.start, f.end) for f in findings if _identifying(f)]
    kept = []
    for start, end in _sentences(text, qr):
        sentence = text[start:end].strip()
        if any(a < end and b > start for a, b in marks) or _HASHTAGS_ONLY.match(sentence):
            continue
        if _BACK_REFERENCE.search(sentence) or len(_WORD.findall(sentence)) < 4:
            continue
        kept.append(sentence)
    return kept


def general_reflection(text: str, findings, rule_set):
    """(suggestion, strategy) or None: the post's general sentences, else a question on its topic."""
    kept = _general_sentences(text, findings, rule_set.rewrite.get("question_rewrite", {}))  # "a s.47" is not cut
    if kept and ("?" not in text or any(s.rstrip().endswith("?") for s in kept)):
        return " ".join(kept), STRATEGY
    # A post that asks something is not answered by its general statements alone ("No address besides a shop."):
    # its question goes with the story, so what it can still ask is the topic.
    conditions = conditions_in(text, findings, rule_set.rewrite, eponyms(rule_set.vocabularies))
    if not conditions:
        return None
    template = rule_set.rewrite.get("templates", {}).get(
        "topic_only", "What has worked for you when supporting someone with {conditions}?")
    return template.replace("{conditions}", join_words(conditions)), TOPIC_ONLY
