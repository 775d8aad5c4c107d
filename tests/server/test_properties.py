"""Properties that hold for any text at all, found by hypothesis rather than by example."""

from broken_phrases import broken_phrases
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from phiguard.api.analyze import assessment_json
from phiguard.rewrite.rewrite_post import suggestions
from phiguard.text_offsets import utf16_length

FRAGMENTS = st.sampled_from([
    "My client", "Sandra", ", 81,", "in Whitby", "has PTSD", "😀", "👩‍⚕️", "\n\n", "401 023 2137", "Mr Henderson",
    "on my caseload", "aged 6", "yesterday", "St Mary's", "k.mcleod@yahoo.co.uk", "0161 496 0772", "?", "!", " ",
    "a 45 year old", "bay 3", "\u200d", "\u0301", "مرحبا", "\ufeff", "\x00", "#OTalk", "@runwithrachel", "Dr. Rao",
])
TEXTS = st.one_of(st.text(max_size=300), st.lists(FRAGMENTS, max_size=25).map(" ".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_findings_are_in_range_sorted_and_disjoint(analyzer, text):
    result = assessment_json(text, analyzer.analyze(text))
    length = utf16_length(text)
    previous_end = 0
    for f in result["findings"]:
        assert 0 <= f["start"] < f["end"] <= length
        assert f["start"] >= previous_end
        previous_end = f["end"]
    assert result["risk"] in ("none", "low", "medium", "high")
    assert (result["risk"] == "none") == (not result["findings"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.lists(FRAGMENTS, min_size=1, max_size=20).map(" ".join))
def test_every_rewrite_reanalyses_as_safe(analyzer, text):
    for s in suggestions(text, analyzer):
        assert analyzer.analyze(s["text"]).risk in ("none", "low"), (text, s["text"])


# Deleted arguments and swapped names, in any order around a client: what they leave must read (broken_phrases.py).
IN_PLACE_FRAGMENTS = st.sampled_from([
    "My client", "Sandra", ", 81,", "works as a firefighter", "in Whitby", "I'm in Ontario.", "Respect, Mr K.",
    "Happy 1st birthday to the baby", "At the Royal Children's with", "her daughter", "Daughter wants", "renamed me Gerald",
    "9 years old,", "Tonight:", "19F,", "has COPD", "and", ".", "?", "her partner is a paramedic who says", "lives in Spain",
])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.lists(IN_PLACE_FRAGMENTS, min_size=2, max_size=14).map(" ".join))
def test_in_place_rewrites_leave_no_broken_phrase(analyzer, text):
    for s in suggestions(text, analyzer):
        assert broken_phrases(s["text"], text) == [], (text, s["text"])
