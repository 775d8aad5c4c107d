"""PostAnalyzer: the one object that turns a post into findings. Built once per process; thread-safe to call."""

from __future__ import annotations

import logging
import re
import threading

from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer

from ..offline import force_offline
from ..recognizers.rule_recognizer import FROM_NER, NER_PREFIX, OUTER_SPAN, RULE_ID
from .assess_risk import Assessment, Candidate, assess
from .build_recognizers import build_registry
from .offline_spacy_engine import OfflineSpacyNlpEngine

# JSON can carry an unpaired UTF-16 surrogate; spaCy cannot encode one. U+FFFD is one code point
# and one UTF-16 unit, like the surrogate it stands in for, so every offset stays true.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# spaCy's tokenizer splits a long run without spaces (10,000 emoji) one suffix at a time, in
# quadratic time. No name or place lives in such a run, so spaCy sees it as spaces: same length,
# so every offset stays true, while the rules still read the text itself.
_LONG_RUN = re.compile(r"\S{100,}")


def _for_spacy(text: str) -> str:
    return _LONG_RUN.sub(lambda m: " " * len(m.group()), text)


class _NoContextEnhancer(ContextAwareEnhancer):
    """Our rules carry their own context; Presidio's lemma enhancer would only cost time and log post text."""

    def __init__(self):
        super().__init__(context_similarity_factor=0, min_score_with_context_similarity=0, context_prefix_count=0,
                         context_suffix_count=0)

    def enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):
        return raw_results


class _BelowWarning(logging.Filter):
    def filter(self, record):
        return record.levelno >= logging.WARNING


def silence_presidio_logs() -> None:
    """Presidio logs matched text at DEBUG; nothing below WARNING leaves its loggers, whatever their level."""
    for name in ("presidio-analyzer", "presidio-anonymizer"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, _BelowWarning) for f in logger.filters):
            logger.addFilter(_BelowWarning())


class PostAnalyzer:
    def __init__(self, rule_set, spacy_model: str):
        force_offline()
        silence_presidio_logs()
        self.rule_set = rule_set
        self.nlp_engine = OfflineSpacyNlpEngine(spacy_model)
        self.nlp_engine.load()
        self.analyzer = AnalyzerEngine(registry=build_registry(rule_set), nlp_engine=self.nlp_engine,
                                       supported_languages=["en"], context_aware_enhancer=_NoContextEnhancer())
        self._rules = {r.id: r for r in rule_set.rules}
        # spaCy's memory_zone frees, on exit, every string interned inside it: for all threads, not
        # just its own. Concurrent zones (waitress runs several threads) would free each other's
        # strings mid-analysis, so one post at a time goes through spaCy and Presidio.
        self._zone_lock = threading.Lock()

    @property
    def model_name(self) -> str:
        meta = self.nlp_engine.language.meta
        return f"{meta.get('lang', 'en')}_{meta.get('name', '?')}-{meta.get('version', '?')}"

    def candidates(self, text: str) -> list:
        return self._candidates_for([_LONE_SURROGATE.sub("\ufffd", text)])[0]

    def _candidates_for(self, texts) -> list:
        """Candidates for each text (already free of lone surrogates), spaCy batching them with nlp.pipe."""
        nlp = self.nlp_engine.language
        # memory_zone frees the strings spaCy interns for each new post; without it the
        # vocabulary grows for as long as the server runs (Presidio issue #198).
        with self._zone_lock, nlp.memory_zone():
            docs = nlp.pipe(map(_for_spacy, texts), disable=list(self.nlp_engine.analysis_disabled))
            return [[self._candidate(r) for r in self.analyzer.analyze(
                        text, language="en", nlp_artifacts=self.nlp_engine._doc_to_nlp_artifact(doc, "en"))]
                    for text, doc in zip(texts, docs)]

    def _candidate(self, result) -> Candidate:
        meta = result.recognition_metadata or {}
        rule = self._rules.get(meta.get(RULE_ID))
        if rule is None:
            return Candidate(result.start, result.end, result.entity_type.removeprefix(NER_PREFIX),
                             round(result.score, 2), from_ner=bool(meta.get(FROM_NER)))
        outer = meta.get(OUTER_SPAN, ())
        return Candidate(result.start, result.end, result.entity_type, rule.score, rule.strength,
                         rule.standalone_severity, rule.explanation, rule.id,
                         outer if outer and outer != (result.start, result.end) else (), rule.implies_context_with)

    def analyze_many(self, texts, batch_size: int = 64):
        """Assessments for many posts, in order, in batches (for `phiguard scan`)."""
        batch = []
        for text in texts:
            batch.append(_LONE_SURROGATE.sub("\ufffd", text))
            if len(batch) == batch_size:
                yield from self._assess_batch(batch)
                batch = []
        if batch:
            yield from self._assess_batch(batch)

    def _assess_batch(self, batch):
        for text, found in zip(batch, self._candidates_for(batch)):
            yield assess(text, found, self.rule_set)

    def analyze(self, text: str) -> Assessment:
        if not text.strip():
            return assess(text, [], self.rule_set)
        return assess(text, self.candidates(text), self.rule_set)
