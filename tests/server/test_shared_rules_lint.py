"""shared_rules stays in the regex subset both Python and JavaScript understand, and no rule can hang on hostile input."""

import json
import math
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


HOSTILE = json.loads((SHARED / "vectors" / "hostile_inputs.json").read_text(encoding="utf-8"))


def hostile_units(spec=HOSTILE):
    """(unit, ending) pairs, expanded as the extension's lint test expands them."""
    units = [(run, end) for run in spec["runs"] for end in spec["run_endings"]]
    units += [(w + o, "") for w in spec["alternate"]["word"] for o in spec["alternate"]["other"]]
    units += [(phrase, "") for phrase in spec["phrases"]]
    return units


def _seconds_to_run(regexes, text: str, runs: int = 1) -> float:
    """The fastest of `runs` runs: load on the machine only ever adds time."""
    fastest = math.inf
    for _ in range(runs):
        started = time.perf_counter()
        for regex in regexes:
            for _ in regex.finditer(text):
                pass
        fastest = min(fastest, time.perf_counter() - started)
    return fastest


def slowness(regexes, unit: str, ending: str, runs: int = 1, spec=HOSTILE) -> str | None:
    """Why these regexes are too slow on this unit repeated (None if they are not).

    What this guards is complexity, not speed (speed targets are bench/'s): a rule retried from every
    position of a long run takes time quadratic in its length, and a page can paste such a run. The
    test is how the time grows from a tenth of the text to all of it, which is the same on a fast or a
    busy machine; hang_seconds is only a stop for a rule that would freeze a compose box."""
    length, hang, growth = spec["length"], spec["hang_seconds"], spec["growth"]
    tenth = unit * (length // 10 // len(unit)) + ending
    small = _seconds_to_run(regexes, tenth, runs)
    if small > hang / 10:  # fails in seconds a rule that would take minutes on the whole text
        return f"{small:.2f} s on {len(tenth)} characters"
    full_text = unit * (length // len(unit)) + ending
    full = _seconds_to_run(regexes, full_text, runs)
    if full > hang:
        return f"{full:.2f} s on {len(full_text)} characters"
    if full > growth["above_seconds"] and full > growth["factor"] * small:
        return f"{small * 1000:.1f} ms on {len(tenth)} characters but {full * 1000:.0f} ms on {len(full_text)}"
    return None


def confirmed_slowness(regexes, unit: str, ending: str, spec=HOSTILE) -> str | None:
    """slowness, timed once, and when that finds something, again on the fastest of confirm_runs runs
    each: a slow rule is slow every time, a busy machine only some of the time."""
    return slowness(regexes, unit, ending, spec=spec) and slowness(regexes, unit, ending, spec["confirm_runs"], spec)


@pytest.mark.parametrize(("pattern", "unit", "slow"), [
    (r"[\w.-]+@\w", "1-", True),  # the e-mail rule's old shape: every start in "1-1-1-..." scans to the end
    (r"\d+x", "7", True),
    (r"[\w.-]{1,64}@\w", "1-", False),  # bounded, as SPEC.md advises: linear
    (r"\d{1,12}x", "7", False),
])
def test_the_growth_check_tells_a_quadratic_pattern_from_a_linear_one(pattern, unit, slow):
    why = slowness([re.compile(pattern, re.ASCII)], unit, "!", HOSTILE["confirm_runs"])
    assert (why is not None) == slow, why


def test_hostile_inputs_cover_every_character_class():
    units = hostile_units()
    assert len(units) > 50 and HOSTILE["length"] >= 20000 and HOSTILE["confirm_runs"] >= 2
    assert {"\n", " ", "a", "7", "@", "."} <= {unit for unit, _ in units}
    assert set(HOSTILE["known_slow"]) <= {rule.id for rule in load_rule_set().rules}


@pytest.mark.parametrize("rule", [
    pytest.param(rule, marks=pytest.mark.xfail(strict=True, reason=HOSTILE["known_slow"][rule.id]))
    if rule.id in HOSTILE["known_slow"] else rule for rule in load_rule_set().rules], ids=lambda r: r.id)
def test_rule_runs_in_linear_time_on_hostile_input(rule):
    # e.g. email.address was quadratic on "1-" x 30000: about 30 s on /v1/analyze.
    # strict xfail for known_slow: the day such a rule is fixed, this fails until it leaves the list.
    for unit, ending in hostile_units():
        why = confirmed_slowness(rule.regexes, unit, ending)
        assert why is None, f"{rule.id} is slow on {unit!r} repeated{' + ' + repr(ending) if ending else ''}: {why}"


def test_every_entity_used_by_a_rule_is_defined():
    rule_set = load_rule_set()
    assert {r.entity for r in rule_set.rules} <= set(rule_set.entities)


def test_spec_documents_every_validator_and_category():
    spec = (SHARED / "SPEC.md").read_text()
    for name in SCHEMA["$defs"]["rule"]["properties"]["validator"]["enum"]:
        assert f"`{name}`" in spec
    for category in SCHEMA["properties"]["entities"]["additionalProperties"]["properties"]["category"]["enum"]:
        assert f"`{category}`" in spec


def test_every_rule_edit_names_a_rule():
    # A renamed detection rule would otherwise lose its rewrite treatment without a word.
    rule_set = load_rule_set()
    assert set(rule_set.rewrite["rule_edits"]) - {r.id for r in rule_set.rules} == set()


@pytest.mark.parametrize("old", [{"client_reference": {"object_rules": ["client_reference.encounter"]}},
                                 {"delete_whole_match": ["person_name.labelled"]},
                                 {"rule_edits": {"client_reference.encounter": {"as": "objects"}}},
                                 {"rule_edits": {"client_reference.encounter": {}}}])
def test_schema_refuses_rule_id_lists_and_unknown_treatments(old):
    assert list(Draft202012Validator(SCHEMA).iter_errors({"rewrite": old}))


def test_spec_documents_every_rule_edit_treatment():
    spec = (SHARED / "SPEC.md").read_text()
    for name in SCHEMA["properties"]["rewrite"]["properties"]["rule_edits"]["additionalProperties"]["properties"]["as"]["enum"]:
        assert f"`{name}`" in spec
