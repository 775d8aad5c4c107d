"""shared_rules stays in the regex subset both Python and JavaScript understand, and no rule can hang on hostile input."""

import json
import re
import time
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from phiguard.rules import load_rule_set
from phiguard.rules.load_rule_packs import lint_pattern

SHARED = Path(__file__).resolve().parents[2] / "shared_rules"
SCHEMA = json.loads((SHARED / "schema" / "pack.schema.json").read_text())
PACK_FILES = sorted((SHARED / "core").rglob("*.json"))
RAW_RULES = [rule for f in PACK_FILES for rule in json.loads(f.read_text()).get("rules", [])]


@pytest.mark.parametrize("path", PACK_FILES, ids=[p.name for p in PACK_FILES])
def test_pack_file_matches_schema(path):
    errors = [e.message for e in Draft202012Validator(SCHEMA).iter_errors(json.loads(path.read_text()))]
    assert errors == []


@pytest.mark.parametrize("rule", [r for r in RAW_RULES if "pattern" in r], ids=lambda r: r["id"])
def test_pattern_is_in_the_shared_subset(rule):
    assert lint_pattern(rule["pattern"]) is None


@pytest.mark.parametrize("pattern", [
    r"(?P<name>\d+)", r"(?<name>\d+)", r"(?i)client", r"(?<=my )client", r"(?<!not )client", r"\Aclient\Z",
    r"(a+)+", r"([a-z]+)*", r"(\w+)+$", r"\d++", r"(?>abc)", r"(a)\1", r"\p{L}+",
])
def test_lint_rejects_constructs_outside_the_subset(pattern):
    assert lint_pattern(pattern) is not None


HOSTILE = ["a" * 5000, "my " * 2000, "1 " * 3000, "A" * 3000 + "!", " " * 5000 + "x", "Mr " * 1500,
           "aged " * 1000, "St " * 1500, "@" * 3000, ("x" * 60 + "@") * 60, "0" * 4000, "in Aaaa " * 700]


@pytest.mark.parametrize("rule", load_rule_set().rules, ids=lambda r: r.id)
def test_rule_runs_in_linear_time_on_hostile_input(rule):
    for text in HOSTILE:
        started = time.perf_counter()
        for regex in rule.regexes:
            for _ in regex.finditer(text):
                pass
        # A catastrophic pattern takes seconds to minutes here; a linear one, milliseconds.
        assert time.perf_counter() - started < 0.5, f"{rule.id} is slow on {text[:20]!r}..."


def test_every_entity_used_by_a_rule_is_defined():
    rule_set = load_rule_set()
    assert {r.entity for r in rule_set.rules} <= set(rule_set.entities)


def test_spec_documents_every_validator_and_category():
    spec = (SHARED / "SPEC.md").read_text()
    for name in SCHEMA["$defs"]["rule"]["properties"]["validator"]["enum"]:
        assert f"`{name}`" in spec
    for category in SCHEMA["properties"]["entities"]["additionalProperties"]["properties"]["category"]["enum"]:
        assert f"`{category}`" in spec
