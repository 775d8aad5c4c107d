"""shared_rules/vectors/risk.json: the rule-only path (the extension's offline mode) gives exactly these risks,
and the full server, which adds spaCy's names and places, never gives a lower one."""

import json
from pathlib import Path

import pytest
from phiguard.detection.rule_only import analyze_with_rules

VECTORS = json.loads((Path(__file__).resolve().parents[2] / "shared_rules" / "vectors" / "risk.json").read_text())["vectors"]
ORDER = ["none", "low", "medium", "high"]


@pytest.mark.parametrize("vector", VECTORS, ids=[v["text"][:40] for v in VECTORS])
def test_rule_only_risk(rule_set, vector):
    result = analyze_with_rules(vector["text"], rule_set)
    entities = {f.entity for f in result.findings}
    assert result.risk == vector["risk"]
    assert set(vector.get("entities", [])) <= entities
    assert not set(vector.get("absent", [])) & entities
    # `explains`: the finding on a text begins its explanation so (a clinician's name is not "your client's name").
    for covered, opening in vector.get("explains", {}).items():
        start = vector["text"].index(covered)
        said = [f.explanation for f in result.findings if f.start <= start < f.end]
        assert said and said[0].startswith(opening), (covered, said)


@pytest.mark.parametrize("vector", VECTORS, ids=[v["text"][:40] for v in VECTORS])
def test_server_is_never_less_cautious_than_the_rules(analyzer, vector):
    assert ORDER.index(analyzer.analyze(vector["text"]).risk) >= ORDER.index(vector["risk"])
