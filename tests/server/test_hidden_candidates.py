"""An entity's `hides` (shared_rules/SPEC.md, "Entities that hide others"), read by assess: on a pack made for
each case, then on the core pack's two uses. tests/extension/unit/offline_analyzer.test.mjs checks the same
cases in the extension's engine."""

import pytest
from phiguard.detection.assess_risk import Candidate, assess
from phiguard.detection.rule_only import analyze_with_rules
from phiguard.rules import load_rule_set

TEXT = "client alpha beta gamma"


def _entity(category, **more):
    return {"category": category, "label": category, "explanation": category, **more}


def _rule_set(make_pack, hides):
    """Rules for a context word, a name ('alpha beta'), a quasi detail ('beta gamma') and a hider ('alpha')."""
    hider = _entity("quasi", hides=hides) if hides else _entity("quasi")
    return load_rule_set([make_pack({"pack.json": {
        "pack": {"name": "t", "version": "1"},
        "entities": {"T_CTX": _entity("context"), "T_NAME": _entity("name"), "T_DETAIL": _entity("quasi"),
                     "T_HIDER": hider},
        "rules": [{"id": "t.ctx", "entity": "T_CTX", "pattern": "\\bclient\\b"},
                  {"id": "t.name", "entity": "T_NAME", "pattern": "\\balpha beta\\b"},
                  {"id": "t.detail", "entity": "T_DETAIL", "pattern": "\\bbeta gamma\\b"},
                  {"id": "t.hider", "entity": "T_HIDER", "pattern": "\\balpha\\b"}],
    }})])


def _found(rule_set, text=TEXT):
    return [(f.entity, text[f.start:f.end]) for f in analyze_with_rules(text, rule_set).all_findings
            if f.entity.startswith("T_")]


def test_without_hides_every_overlapping_candidate_is_judged(make_pack):
    assert ("T_NAME", "alpha beta") in _found(_rule_set(make_pack, None))


@pytest.mark.parametrize("hides", [{"entities": ["T_NAME"]}, {"categories": ["name"]}])
def test_an_entity_hides_what_it_lists_by_entity_or_category(make_pack, hides):
    found = _found(_rule_set(make_pack, hides))
    assert ("T_NAME", "alpha beta") not in found
    assert ("T_HIDER", "alpha") in found  # the hider itself stays: it is not an organisation
    assert ("T_DETAIL", "beta gamma") in found  # not listed, though it overlaps the hidden name


@pytest.mark.parametrize("detail, hidden", [((6, 16), False), ((5, 16), False), ((4, 16), True)])
def test_only_overlapping_candidates_are_hidden(make_pack, detail, hidden):
    """Spans that only touch do not overlap, as in every other overlap of the SPEC."""
    text = "alpha beta gamma client"
    rule_set = _rule_set(make_pack, {"entities": ["T_DETAIL"]})
    candidates = [Candidate(0, 5, "T_HIDER"), Candidate(*detail, "T_DETAIL"), Candidate(17, 23, "T_CTX")]
    kept = [c.entity for c in assess(text, candidates, rule_set).all_findings]
    assert ("T_DETAIL" not in kept) == hidden


@pytest.mark.parametrize("hides, risk", [(None, "medium"), ({"categories": ["context"]}, "none")])
def test_a_hidden_candidate_gives_no_context(make_pack, hides, risk):
    text = "alphaclient beta gamma"
    candidates = [Candidate(0, 5, "T_HIDER"), Candidate(0, 11, "T_CTX"), Candidate(12, 22, "T_DETAIL")]
    assert assess(text, candidates, _rule_set(make_pack, hides)).risk == risk


@pytest.fixture(scope="module")
def core():
    return load_rule_set()


def test_the_core_pack_declares_its_two_hiders(core):
    assert core.entities["OWN_PHONE_NUMBER"]["hides"] == {"entities": ["PHONE_NUMBER"]}
    assert set(core.entities["ORGANISATION_NAME"]["hides"]["categories"]) == {"context", "mention", "name"}


def test_the_writers_own_number_hides_a_recognizers_phone_number(core):
    text = "My client has dementia. Please call me on 07700 900123 to discuss."
    start = text.index("07700")
    presidio = Candidate(start, start + 12, "PHONE_NUMBER", 0.4)  # what Presidio's PhoneRecognizer adds
    own = [c for c in analyze_with_rules(text, core).all_findings if c.entity == "OWN_PHONE_NUMBER"][0]
    rule = Candidate(own.start, own.end, "OWN_PHONE_NUMBER", strength="weak", rule_id="own_contact.phone")
    result = assess(text, [presidio, rule], core)
    assert [f.entity for f in result.findings] == ["OWN_PHONE_NUMBER"]
    assert assess(text, [presidio], core).findings[0].entity == "PHONE_NUMBER"


def test_an_organisation_name_hides_the_person_words_inside_it(core):
    text = "My client asked about our Patient Advice and Liaison Service."
    found = {(f.entity, text[f.start:f.end]) for f in analyze_with_rules(text, core).all_findings}
    assert not any("Patient" in span for _, span in found)
    assert not any(entity == "ORGANISATION_NAME" for entity, _ in found)
