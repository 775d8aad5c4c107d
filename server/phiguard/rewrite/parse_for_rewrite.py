"""The full spaCy pipeline (tagger, parser, lemmatizer) for rewriting, loaded once per process.

Detection skips the parser to stay fast; rewriting needs it to edit whole phrases and to make
verbs agree with "they". It is a separate Language (its own vocabulary), so its memory_zone never
frees strings the detection pipeline is using. One post at a time goes through it, under a lock,
because memory_zone frees strings for every thread at once.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

_LONG_RUN = re.compile(r"\S{100,}")  # as in detection: spaCy's tokenizer is quadratic on long runs
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # spaCy cannot encode one; U+FFFD keeps every offset
_pipelines: dict = {}
_pipelines_lock = threading.Lock()


@dataclass(frozen=True)
class PostReading:
    """What one parse of a post tells the rewriter (plain data: the Doc dies with its memory zone)."""

    gender: list  # single-word edits that make every person gender-neutral
    phrases: list  # whole-phrase edits: the client's noun phrase, identifying modifiers, narrowing details
    fragments: list  # the post's own verbless sentences, which the grammar check forgives
    asked: tuple | None  # the post's question asked in general, with what it was built from
    event: str | None  # what happened, told in general, for a post that asks nothing
    misread: set  # (start, end) of conditions the parse reads as something else ("ringing ME")
    titled: bool  # a one-line title question whose situation the post tells
    narrated: bool  # told in the past, as a story
    whole_conditions: list  # every finding, each condition widened to its phrase ("leg ulcer", not "ulcer")


class RewriteParser:
    def __init__(self, model: str):
        import spacy

        self.nlp = spacy.load(model, exclude=["ner"])  # named entities come from detection's findings
        self._lock = threading.Lock()

    def run(self, text: str, reader):
        """reader(doc) with the parse of text; its result must be plain data (the Doc dies with the zone)."""
        with self._lock, self.nlp.memory_zone():
            doc = self.nlp(_LONG_RUN.sub(lambda m: " " * len(m.group()), _LONE_SURROGATE.sub("\ufffd", text)))
            return reader(doc)


    def run_many(self, texts, reader) -> list:
        """[reader(doc) for each text], parsed in one batch (nlp.pipe shares the model's work)."""
        with self._lock, self.nlp.memory_zone():
            return [reader(doc) for doc in self.nlp.pipe(
                _LONG_RUN.sub(lambda m: " " * len(m.group()), _LONE_SURROGATE.sub("\ufffd", t)) for t in texts)]


def parser_for(model: str) -> RewriteParser:
    with _pipelines_lock:
        if model not in _pipelines:
            _pipelines[model] = RewriteParser(model)
        return _pipelines[model]


def parser_of(analyzer) -> RewriteParser:
    return parser_for(analyzer.nlp_engine.model_name)
