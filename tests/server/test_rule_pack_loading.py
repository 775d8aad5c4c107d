"""Organisation rule packs extend detection; broken packs stop start-up with a message naming file and line."""

import pytest
from phiguard.detection.rule_only import analyze_with_rules
from phiguard.rules import RulePackError, load_rule_set

PACK = {"pack": {"name": "northshire-trust", "version": "2026.1"}}
TRUST_RULES = {
    "vocabularies": [{"id": "facility_words", "terms": ["Suite"]},
                     {"id": "northshire_wards", "terms": ["Bluebell", "Kingfisher"]}],
    "rules": [
        {"id": "northshire.ward", "entity": "FACILITY", "terms": "northshire_wards",
         "vectors": {"match": [{"text": "on Bluebell today", "spans": ["Bluebell"]}]}},
        {"id": "northshire.mrn", "entity": "MEDICAL_RECORD_NUMBER", "pattern": "\\bNS-\\d{6}[A-Z]\\b",
         "vectors": {"match": [{"text": "ref NS-123456K", "spans": ["NS-123456K"]}]}},
    ],
    "allow": ["Northshire General"],
    "severity_overrides": {"FACILITY": "high"},
}


def test_trust_pack_catches_its_wards_and_record_numbers(make_pack):
    rule_set = load_rule_set([make_pack({"pack.json": PACK, "rules.json": TRUST_RULES})])
    ward = analyze_with_rules("My client on Bluebell has had a stroke.", rule_set)
    assert ("FACILITY", "high") in {(f.entity, f.severity) for f in ward.findings}
    mrn = analyze_with_rules("Can someone chase NS-123456K for me?", rule_set)
    assert mrn.risk == "high" and [f.entity for f in mrn.findings] == ["MEDICAL_RECORD_NUMBER"]
    assert [p.name for p in rule_set.packs] == ["phiguard-core", "northshire-trust"]


def test_without_the_pack_the_ward_is_not_known(rule_set):
    assert "FACILITY" not in {f.entity for f in analyze_with_rules("My client on Bluebell has had a stroke.",
                                                                     rule_set).findings}


def test_allow_list_stops_a_term_being_flagged(make_pack):
    rule_set = load_rule_set([make_pack({"pack.json": PACK, "rules.json": TRUST_RULES})])
    text = "My client was moved to Northshire General after her stroke."
    assert "Northshire General" not in [text[f.start:f.end] for f in analyze_with_rules(text, rule_set).findings]
    base = load_rule_set()
    assert "Northshire General" in [text[f.start:f.end] for f in analyze_with_rules(text, base).findings]


def test_a_pack_may_add_terms_to_a_core_vocabulary(make_pack):
    rule_set = load_rule_set([make_pack({"pack.json": PACK, "rules.json": TRUST_RULES})])
    assert "Suite" in rule_set.vocabularies["facility_words"] and "Hospital" in rule_set.vocabularies["facility_words"]


@pytest.mark.parametrize("files,message,line", [
    ({"pack.json": '{"pack": {"name": "x", "version": "1"},\n "rules": [\n  {"id": "a.b", }\n ]}'}, "not valid JSON", 3),
    ({"pack.json": PACK, "r.json": {"rules": [{"id": "x.bad", "entity": "AGE", "pattern": "(?<=my )client"}]}},
     "lookbehind", None),
    ({"pack.json": PACK, "r.json": {"rules": [{"id": "x.bad", "entity": "AGE", "pattern": "(unclosed"}]}},
     "bad regular expression", None),
    ({"pack.json": PACK, "r.json": {"rules": [{"id": "x.bad", "entity": "NOPE", "pattern": "a"}]}},
     "entity 'NOPE' is not defined", None),
    ({"pack.json": PACK, "r.json": {"rules": [{"id": "x.bad", "entity": "AGE", "terms": "no_such_list"}]}},
     "unknown vocabulary", None),
    ({"pack.json": PACK, "r.json": {"rules": [{"id": "x.bad", "entity": "AGE", "pattern": "{@no_such_list}"}]}},
     "unknown vocabulary", None),
    ({"pack.json": PACK, "r.json": {"rules": [{"id": "age.aged", "entity": "AGE", "pattern": "a"}]}},
     "already used", None),
    ({"pack.json": PACK, "r.json": {"rules": [{"id": "x.bad", "entity": "AGE"}]}}, "rules/0", None),
    ({"pack.json": PACK, "r.json": {"rules": [{"id": "x.bad", "entity": "AGE", "pattern": "a", "group": 2}]}},
     "group 2", None),
    ({"r.json": {"rules": []}}, "no file in this pack has a 'pack' header", None),
    ({"pack.json": PACK, "r.json": {"severity_overrides": {"AGE": "extreme"}}}, "severity_overrides", None),
    ({"pack.json": PACK, "e.json": {"entities": {"OWN_FAX": {"category": "contact", "label": "Fax", "explanation": "x",
                                                             "hides": {"entities": ["FAX_NUMBR"]}}}}},
     "hides 'FAX_NUMBR'", None),
])
def test_broken_pack_is_refused_with_file_and_reason(make_pack, files, message, line):
    directory = make_pack(files)
    with pytest.raises(RulePackError) as caught:
        load_rule_set([directory])
    text = str(caught.value)
    assert str(directory) in text and message in text
    if line is not None:
        assert caught.value.line == line and f":{line}:" in text


def test_rule_error_names_the_line_of_the_rule(make_pack):
    source = '{\n  "pack": {"name": "x", "version": "1"},\n  "rules": [\n    {"id": "x.ok", "entity": "AGE", "pattern": "a"},\n    {"id": "x.bad", "entity": "AGE", "pattern": "(?i)b"}\n  ]\n}\n'
    with pytest.raises(RulePackError) as caught:
        load_rule_set([make_pack({"pack.json": source})])
    assert caught.value.line == 5


def test_missing_pack_directory_is_refused(tmp_path):
    with pytest.raises(RulePackError, match="does not exist"):
        load_rule_set([tmp_path / "nowhere"])
