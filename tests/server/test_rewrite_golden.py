"""The first suggestion for each post of rewrite_golden.json is one a person read and judged postable as it is."""

import json
from pathlib import Path

import pytest
from phiguard.rewrite.rewrite_post import suggestions

GOLDEN = json.loads((Path(__file__).with_name("rewrite_golden.json")).read_text(encoding="utf-8"))["pairs"]


def test_golden_set_is_there():
    assert len(GOLDEN) >= 60
    assert all(pair["acceptable"] for pair in GOLDEN)


@pytest.mark.parametrize("pair", GOLDEN, ids=[p["original"][:40] for p in GOLDEN])
def test_first_suggestion_is_an_acceptable_one(analyzer, pair):
    found = suggestions(pair["original"], analyzer)
    assert found, "no suggestion"
    assert found[0]["text"] in pair["acceptable"]
