"""The first suggestion for each post of rewrite_golden.json is one a person read and judged postable as it is."""

import json
from pathlib import Path

import pytest
from phiguard.rewrite.rewrite_post import suggestions

GOLDEN = json.loads((Path(__file__).with_name("rewrite_golden.json")).read_text(encoding="utf-8"))["pairs"]


def test_golden_set_is_there():
    assert len(GOLDEN) >= 150
    assert all(pair["acceptable"] for pair in GOLDEN)


def _case(pair):
    """A known regression (judged not postable after a detection change) is an expected failure, strict:
    when its output is acceptable again the test fails until the marker is removed."""
    regression = pair.get("known_regression")
    marks = [pytest.mark.xfail(strict=True, reason=f"known regression: {regression['why']}")] if regression else []
    return pytest.param(pair, marks=marks, id=pair["original"][:40])


def test_known_regressions_stay_few():
    # They are recorded, not accepted: a quarter of the set at most (36 of 154 after issue 10 round 2: 24 new, 11 older, 1 from dropping story times;
    # round 3: question posts (one fixed, one new, of 159); statement posts (new first suggestions judged, 7 markers removed).
    assert sum(1 for p in GOLDEN if p.get("known_regression")) * 4 <= len(GOLDEN)


@pytest.mark.parametrize("pair", [_case(p) for p in GOLDEN])
def test_first_suggestion_is_an_acceptable_one(analyzer, pair):
    found = suggestions(pair["original"], analyzer)
    assert found, "no suggestion"
    assert found[0]["text"] in pair["acceptable"]
