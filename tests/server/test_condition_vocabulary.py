"""The ICD-10-CM condition vocabulary (shared_rules/core/vocabularies/icd10_conditions.json) is what
server/training/build_condition_vocabulary.py builds, and holds the terms clinicians write."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from phiguard.rules.match_rules import match_rule

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "server" / "training" / "build_condition_vocabulary.py"
VOCABULARY = REPO / "shared_rules" / "core" / "vocabularies" / "icd10_conditions.json"


@pytest.fixture(scope="module")
def icd_terms():
    (vocabulary,) = json.loads(VOCABULARY.read_text(encoding="utf-8"))["vocabularies"]
    return vocabulary["terms"]


@pytest.fixture(scope="module")
def condition_rule(rule_set):
    return next(r for r in rule_set.rules if r.id == "health_condition.vocabulary")


def test_committed_vocabulary_is_what_the_build_gives():
    done = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


def test_it_adds_to_health_conditions_and_says_where_it_comes_from():
    (vocabulary,) = json.loads(VOCABULARY.read_text(encoding="utf-8"))["vocabularies"]
    assert vocabulary["id"] == "health_conditions"
    assert "public domain" in vocabulary["description"]
    assert "simple-icd-10-cm 1.5.0" in vocabulary["description"]
    assert "2026" in vocabulary["description"]


def test_terms_are_sorted_and_unique(icd_terms):
    assert icd_terms == sorted(icd_terms, key=lambda t: (t.lower(), t))
    assert len({t.lower() for t in icd_terms}) == len(icd_terms)
    assert len(icd_terms) > 5000


@pytest.mark.parametrize("term", ["melanoma", "essential tremor", "Guillain-Barré syndrome", "Kawasaki disease",
                                  "scabies", "tinnitus", "colic", "coma", "sarcoidosis", "haemophilia",
                                  "Crohn's disease", "Crohn’s disease", "Crohns disease"])
def test_clinicians_terms_are_in(rule_set, term):
    assert term.lower() in {t.lower() for t in rule_set.vocabularies["health_conditions"]}


@pytest.mark.parametrize("term", ["cold", "shock", "burn", "pain", "injury", "disease", "infant",
                                  "malignant neoplasm", "unspecified", "encounter", "sequela", "transgender",
                                  "retention", "felon", "rectal", "foreign body", "adverse effect"])
def test_ambiguous_and_formal_words_are_out(icd_terms, term):
    assert term.lower() not in {t.lower() for t in icd_terms}


def test_no_term_has_a_formal_qualifier(icd_terms):
    formal = {"unspecified", "other", "site", "encounter", "sequela", "elsewhere", "nos", "nec"}
    assert [t for t in icd_terms if formal & set(t.lower().split())] == []


@pytest.mark.parametrize("text, spans", [
    ("Saw a lad with scabies and tinnitus today", ["scabies", "tinnitus"]),
    ("her essential tremor is worse", ["essential tremor"]),
    ("after Guillain-Barre syndrome", ["Guillain-Barre syndrome"]),
    ("my client has MALIGNANT MELANOMA", ["MALIGNANT MELANOMA"]),
    ("caught a cold, what a shock, felt the burn", []),  # "fall" is in the hand-kept list
])
def test_the_condition_rule_matches_them(condition_rule, text, spans):
    assert [text[m.start:m.end] for m in match_rule(condition_rule, text)] == spans
