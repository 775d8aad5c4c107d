"""Each finding's replacements in /v1/analyze are computed on its phrase in context, not from its entity alone."""

import pytest


def _fixes(client, text):
    findings = client.post("/v1/analyze", json={"text": text}).get_json()["findings"]
    return {text[f["start"]:f["end"]]: f["replacements"] for f in findings}


@pytest.mark.parametrize("text,span,first", [
    # Beside "my client" the name is deleted: "someone" would make "My client someone".
    ("My client Sandra, 81, keeps falling in her bathroom in Whitby. Grab rails or a wet room?", "Sandra", ""),
    # The age is the noun before a verb: deleting it leaves "a refusing school".
    ("Working with a 12 year old refusing school since her nan died. Any resources on grief and school refusal?",
     "12 year old", "child"),
])
def test_first_replacement_fits_the_phrase(client, text, span, first):
    assert _fixes(client, text)[span][0] == first


@pytest.mark.parametrize("text,span,band,wrong", [
    ("My client Sandra, 81, keeps falling in her bathroom in Whitby. Grab rails or a wet room?", "81",
     "an older person", "an adult"),
    ("Working with a 12 year old refusing school since her nan died. Any resources on grief and school refusal?",
     "12 year old", "child", "an adult"),
])
def test_an_age_offers_its_own_band_never_an_adult_for_a_child_or_an_older_person(client, text, span, band, wrong):
    fixes = _fixes(client, text)[span]
    assert band in fixes and wrong not in fixes


def test_replacements_stay_in_the_contract_shape(client):
    text = "My client Sandra, 81, keeps falling in her bathroom in Whitby. Grab rails or a wet room?"
    for fixes in _fixes(client, text).values():
        assert isinstance(fixes, list) and all(isinstance(x, str) for x in fixes) and len(fixes) == len(set(fixes))
