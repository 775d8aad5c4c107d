"""PostAnalyzer: the one object that turns a post into findings. Built once per process; thread-safe to call."""

from __future__ import annotations

from presidio_analyzer import AnalyzerEngine

from ..offline import force_offline
from .assess_risk import Assessment, Candidate, assess
from .build_recognizers import build_registry
from .offline_spacy_engine import OfflineSpacyNlpEngine
from ..recognizers.rule_recognizer import FROM_NER, OUTER_SPAN, RULE_ID


class PostAnalyzer:
    def __init__(self, rule_set, spacy_model: str):
        force_offline()
        self.rule_set = rule_set
        self.nlp_engine = OfflineSpacyNlpEngine(spacy_model)
        self.nlp_engine.load()
        self.analyzer = AnalyzerEngine(registry=build_registry(rule_set), nlp_engine=self.nlp_engine,
                                       supported_languages=["en"])
        self._rules = {r.id: r for r in rule_set.rules}

    @property
    def model_name(self) -> str:
        meta = self.nlp_engine.language.meta
        return f"{meta.get('lang', 'en')}_{meta.get('name', '?')}-{meta.get('version', '?')}"

    def candidates(self, text: str) -> list:
        # memory_zone frees the strings spaCy interns for each new post; without it the
        # vocabulary grows for as long as the server runs (Presidio issue #198).
        with self.nlp_engine.language.memory_zone():
            artifacts = self.nlp_engine.process_text(text, "en")
            results = self.analyzer.analyze(text, language="en", nlp_artifacts=artifacts)
        return [self._candidate(r) for r in results]

    def _candidate(self, result) -> Candidate:
        meta = result.recognition_metadata or {}
        rule = self._rules.get(meta.get(RULE_ID))
        if rule is None:
            return Candidate(result.start, result.end, result.entity_type, round(result.score, 2),
                             from_ner=bool(meta.get(FROM_NER)))
        outer = meta.get(OUTER_SPAN, ())
        return Candidate(result.start, result.end, result.entity_type, rule.score, rule.strength,
                         rule.standalone_severity, rule.explanation, rule.id,
                         outer if outer and outer != (result.start, result.end) else (), rule.implies_context_with)

    def analyze(self, text: str) -> Assessment:
        if not text.strip():
            return assess(text, [], self.rule_set)
        return assess(text, self.candidates(text), self.rule_set)
