"""Offsets leave the server in UTF-16 code units, so JavaScript's text.slice(start, end) finds the same words."""

import pytest
from phiguard.text_offsets import Utf16Offsets, utf16_length

from tests.conftest import utf16_slice

POSTS = [
    "😀 My client Sandra, 81, keeps falling in Whitby.",
    "🚲🚲🚲 So proud of my little client Oliver (5, DCD) today! 🎉 Email k.mcleod1985@yahoo.co.uk",
    "👩‍👩‍👧 My patient's NHS number is 401 023 2137 𝒳 and she lives in Leeds 🇬🇧",
    "Café résumé: my client Zoë (41) from Gosport 🧠 has PTSD",
    "My client\n\n😀 Gary (41) lives in Gosport 🏠 and his drinking is worse",
]


@pytest.mark.parametrize("text", POSTS)
def test_findings_slice_to_the_same_text_in_utf16(client, analyzer, text):
    body = client.post("/v1/analyze", json={"text": text}).get_json()
    expected = [text[f.start:f.end] for f in analyzer.analyze(text).findings]
    assert body["findings"], "each post has findings"
    assert [utf16_slice(text, f["start"], f["end"]) for f in body["findings"]] == expected
    for f in body["findings"]:
        assert 0 <= f["start"] < f["end"] <= utf16_length(text)


def test_astral_characters_count_twice():
    offsets = Utf16Offsets("a😀b𝒳c")
    assert [offsets.to_utf16(i) for i in range(6)] == [0, 1, 3, 4, 6, 7]
    assert offsets.length == 7


def test_bmp_only_text_is_unchanged():
    offsets = Utf16Offsets("plain text é ü")
    assert [offsets.to_utf16(i) for i in range(5)] == [0, 1, 2, 3, 4]


def test_lone_surrogate_counts_once(client):
    # JSON may carry an unpaired surrogate; JavaScript counts it as one unit, as do we.
    r = client.post("/v1/analyze", data='{"text": "\\ud83d My client Sandra, 81"}', content_type="application/json")
    assert r.status_code == 200
    names = [f for f in r.get_json()["findings"] if f["type"] == "PERSON"]
    assert names and names[0]["start"] == len("\ud83d My client ")
