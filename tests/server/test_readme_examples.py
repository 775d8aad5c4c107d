"""The README's example tables are what the server really does."""

import re
from pathlib import Path

import pytest

from phiguard.rewrite.rewrite_post import suggestions

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
REWRITES = [(b, re.sub(r"\s*\*\(.*\)\*$", "", a)) for b, a in
            re.findall(r"^\| (.+?) \| (.+?) \|$", README.split("## Rewrites")[1].split("## HTTP")[0], re.M)[2:]]
RISKS = re.findall(r"^\| (.+?) \| (none|low|medium|high) \|$", README, re.M)


def test_tables_were_found():
    assert len(REWRITES) >= 4 and len(RISKS) >= 5


@pytest.mark.parametrize("before,after", REWRITES, ids=[b[:30] for b, _ in REWRITES])
def test_rewrite_example(analyzer, before, after):
    assert suggestions(before, analyzer)[0]["text"] == after


@pytest.mark.parametrize("text,risk", RISKS, ids=[t[:30] for t, _ in RISKS])
def test_risk_example(analyzer, text, risk):
    assert analyzer.analyze(text).risk == risk
