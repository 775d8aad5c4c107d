"""Every rule in shared_rules/ matches exactly its own vectors (the extension runs the same vectors in JavaScript)."""

import pytest
from phiguard.rules import load_rule_set
from phiguard.rules.match_rules import match_rule

RULES = load_rule_set().rules
MATCH_CASES = [(r, v) for r in RULES for v in r.vectors.get("match", [])]
NO_MATCH_CASES = [(r, t) for r in RULES for t in r.vectors.get("no_match", [])]


@pytest.mark.parametrize("rule,vector", MATCH_CASES, ids=[f"{r.id}:{v['text'][:30]}" for r, v in MATCH_CASES])
def test_rule_matches_its_vector(rule, vector):
    text = vector["text"]
    spans = [text[m.start:m.end] for m in sorted(match_rule(rule, text), key=lambda m: m.start)]
    assert spans == vector["spans"]


@pytest.mark.parametrize("rule,text", NO_MATCH_CASES, ids=[f"{r.id}:{t[:30]}" for r, t in NO_MATCH_CASES])
def test_rule_does_not_match_its_counter_example(rule, text):
    assert [text[m.start:m.end] for m in match_rule(rule, text)] == []


def test_every_rule_has_a_positive_vector():
    missing = [r.id for r in RULES if not r.vectors.get("match")]
    assert missing == []
