"""The engine answers a post of its own when it is built, so a user's first post does not pay for
spaCy's, the recognizers', the risk assessment's and the fixes' first-call set-up (measured through
the Flask test client: the first /v1/analyze took 95-105 ms, later ones 6-19 ms)."""

from __future__ import annotations

import phiguard.app
from phiguard.api import operations


def test_the_warm_up_post_runs_every_kind_of_recognizer_and_of_fix(analyzer):
    answer = operations.warm_up(analyzer)
    found = {finding["type"] for finding in answer["findings"]}
    assert {"CLIENT_REFERENCE", "PERSON", "AGE", "LOCATION", "DATE", "EMAIL_ADDRESS", "PHONE_NUMBER", "NHS_NUMBER"} <= found
    assert any(finding["replacements"] for finding in answer["findings"]), "the fixes in context were worked out"


def test_building_the_engine_answers_the_warm_up_post_first(monkeypatch):
    built, warmed = [], []

    class Engine:
        def __init__(self, rule_set, spacy_model):
            built.append(self)

    monkeypatch.setattr("phiguard.detection.analyze_post.PostAnalyzer", Engine)
    monkeypatch.setattr(operations, "warm_up", warmed.append)
    monkeypatch.setattr(phiguard.app, "_analyzers", {})
    engine = phiguard.app.shared_analyzer("a model", ())
    assert warmed == built == [engine]
    assert phiguard.app.shared_analyzer("a model", ()) is engine
    assert warmed == [engine], "built and warmed once per process"
