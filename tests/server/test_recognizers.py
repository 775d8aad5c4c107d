"""The recognizers with logic of their own: spaCy's names and places, filtered for what misfires in posts."""

import pytest
from phiguard.recognizers import PersonNameRecognizer, PlaceRecognizer


def _spans(recognizer, analyzer, text):
    artifacts = analyzer.nlp_engine.process_text(text, "en")
    return sorted({text[r.start:r.end] for r in recognizer.analyze(text, None, artifacts)})


@pytest.fixture(scope="module")
def names(rule_set):
    return PersonNameRecognizer([], rule_set.vocabularies["name_stopwords"])


@pytest.fixture(scope="module")
def places(rule_set):
    return PlaceRecognizer([], rule_set.vocabularies["large_regions"] + rule_set.vocabularies["place_stopwords"])


@pytest.mark.parametrize("text,expected", [
    ("Yesterday I visited Margaret Thompson at home.", ["Margaret Thompson"]),
    ("Thanks to Dr. Anita Rao for a fantastic keynote.", []),  # a professional title is never the client
    ("Huge thanks to Professor Sarah Jones for the lecture.", []),
    ("Patient keeps pulling out her NG tube. Mitts or not?", []),  # a lone word opening a sentence
    ("He ran on his C-Leg today.", []),  # glued to a hyphen
])
def test_person_names_from_spacy(names, analyzer, text, expected):
    assert _spans(names, analyzer, text) == expected


@pytest.mark.parametrize("text,expected", [
    ("She moved from Leeds to a flat in Gosport.", ["Gosport", "Leeds"]),
    ("The conference is in the UK this year.", []),  # a country identifies nobody
    ("Working with a family where mum has MS.", []),  # an acronym is not a small place
    ("My client called Sandra in Gosport has PTSD.", []),  # "Sandra in Gosport" is two things run together
])
def test_places_from_spacy(places, analyzer, text, expected):
    assert _spans(places, analyzer, text) == expected


def test_spacy_guesses_travel_under_their_own_entity_name(names, analyzer):
    text = "Yesterday I visited Margaret Thompson at home."
    results = names.analyze(text, None, analyzer.nlp_engine.process_text(text, "en"))
    assert {r.entity_type for r in results} == {"NER_PERSON"}
    assert all(r.recognition_metadata["phiguard_from_ner"] for r in results)


def test_a_rule_match_survives_a_looser_spacy_span(analyzer):
    text = "I have a client called Sandra in Gosport with PTSD."
    entities = {(text[c.start:c.end], c.entity) for c in analyzer.candidates(text)}
    assert ("Gosport", "LOCATION") in entities and ("Sandra", "PERSON") in entities
