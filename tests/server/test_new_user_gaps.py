"""Gaps a new user found (issue 9): an emoji inside a pattern, a town after a school read as a name, an age over 89
that was only medium, and the writer's own phone number flagged as a client's. Each is checked on the full
server path and, where the rules alone decide it, on the rule-only path the extension's offline mode mirrors."""

from __future__ import annotations

import pytest
from phiguard.detection.rule_only import analyze_with_rules
from phiguard.rewrite.rewrite_post import suggestions


def _found(text, result):
    return [(text[f.start:f.end], f.entity, f.severity) for f in result.findings]


def _entities_at(text, result, span):
    return {f.entity for f in result.findings if text[f.start:f.end] == span}


# 2. Emoji and other symbols between the parts of a pattern
@pytest.mark.parametrize("text,age", [
    ("Had a tough visit with my client Edna 😢, 94, today. She is so frail.", "94"),
    ("My client Sandra 👵🏻 (81) keeps falling in her bathroom.", "81"),
    ("Lost my patient Alfie, 11 💔. Heartbroken.", "11"),
    ("My client is lovely. She's 84 ❤️ and still gardening.", "84"),
    ("Remember my client Zara? 😢 16, cerebral palsy, desperate to walk.", "16"),
])
def test_an_emoji_does_not_hide_the_age(analyzer, rule_set, text, age):
    for result in (analyzer.analyze(text), analyze_with_rules(text, rule_set)):
        assert "AGE" in _entities_at(text, result, age), _found(text, result)


def test_an_emoji_does_not_hide_the_name_before_an_age(rule_set):
    text = "Edna 😢, 94, you were a legend. Lost one of my favourite patients today."
    assert "PERSON" in _entities_at(text, analyze_with_rules(text, rule_set), "Edna")


def test_an_emoji_between_client_and_name(rule_set):
    text = "my client 😊 Edna is doing so well with her new walker"
    assert "PERSON" in _entities_at(text, analyze_with_rules(text, rule_set), "Edna")


# 3. A place after a facility is a place, not a client's name
@pytest.mark.parametrize("text,place", [
    ("My client goes to St Peter's Primary in Bolton and struggles with handwriting.", "Bolton"),
    ("My client is at St Anne's High in Burnley and is being bullied.", "Burnley"),
    ("My client moved to Oakwood Primary near Rochdale after the fire.", "Rochdale"),
])
def test_a_place_after_a_facility_is_not_a_name(analyzer, text, place):
    result = analyzer.analyze(text)
    assert "PERSON" not in {f.entity for f in result.findings if place in text[f.start:f.end]}, _found(text, result)
    assert not any(f.entity == "PERSON" and text[f.start:f.end].startswith("St ") for f in result.findings)


def test_a_name_that_owns_a_room_is_still_a_name(analyzer):
    text = "I was in Sandra's room with my client who has MS."
    assert "PERSON" in _entities_at(text, analyzer.analyze(text), "Sandra")


# 4. An age over 89 is identifying on its own
@pytest.mark.parametrize("text", [
    "Visited a 102-year-old gentleman this morning, sharp as a tack.",
    "Lovely to meet a 97 year old volunteer at the day centre.",
    "My client turned 101 last week and still walks to the shops.",
    "My patient, a 95 yo lady, keeps asking for her late husband.",
    "Saw a gentleman in his late nineties today, still living alone.",
])
def test_an_age_over_89_is_high(analyzer, rule_set, text):
    for result in (analyzer.analyze(text), analyze_with_rules(text, rule_set)):
        assert result.risk == "high", _found(text, result)


def test_an_age_under_90_alone_is_not_high(analyzer):
    assert analyzer.analyze("Visited a 67-year-old gentleman this morning.").risk != "high"


# 5. The writer's own number is not a client's
@pytest.mark.parametrize("text", [
    "If anyone has ideas, call me on 07700 900123.",
    "My client has dementia and keeps falling. Please call me on 07700 900123 to discuss.",
    "Working with a lady with MND who wants a new wheelchair. Text me on 07700 900123 if you know a supplier.",
    "My client, 45, has early onset Parkinson's. My number is (555) 201-3344 if you run a group.",
    "I have a client with PTSD. Ring me on 07700 900456 or my mobile is +44 7700 900123.",
    "My client, 80, keeps falling at home. Give me a ring on 07700 900123 or drop me a text on 07700 900456.",
])
def test_the_writers_own_number_is_low_at_most(analyzer, rule_set, text):
    for result in (analyzer.analyze(text), analyze_with_rules(text, rule_set)):
        phones = [f for f in result.findings if f.entity in ("PHONE_NUMBER", "OWN_PHONE_NUMBER")]
        assert phones and all(f.severity == "low" for f in phones), _found(text, result)


@pytest.mark.parametrize("text", [
    "My client has dementia. Her daughter asked me to call her on 07700 900123.",
    "Can someone call my client's wife on 0161 496 0772 to rebook?",
])
def test_a_clients_number_is_still_high(analyzer, rule_set, text):
    for result in (analyzer.analyze(text), analyze_with_rules(text, rule_set)):
        assert any(f.entity == "PHONE_NUMBER" and f.severity == "high" for f in result.findings), _found(text, result)


def test_the_writers_own_valid_number_is_low_on_the_server_too(analyzer):
    text = "My client has dementia and keeps falling. Ring me on 0161 496 0772 if you have ideas."
    result = analyzer.analyze(text)
    assert all(f.severity == "low" for f in result.findings if "0161" in text[f.start:f.end])


def test_the_writers_own_number_is_kept_by_the_rewrite(analyzer):
    text = "My client Sandra, 81, has dementia. Please call me on 07700 900123 to discuss."
    out = suggestions(text, analyzer)
    assert out and all("Sandra" not in s["text"] for s in out)
    assert any("07700 900123" in s["text"] for s in out)


def test_an_age_over_89_still_implies_context_for_a_titled_name(analyzer, rule_set):
    text = "RIP to my sweet Mr. Delgado 💔 92 years young, told me about the war every single visit."
    for result in (analyzer.analyze(text), analyze_with_rules(text, rule_set)):
        assert "PERSON" in _entities_at(text, result, "Mr. Delgado"), _found(text, result)


@pytest.mark.parametrize("text,span,entity", [
    ("My client Edna (94 😢) passed away today.", "94", "AGE"),
    ("My client Jamal (ALS, 57 💔) has stopped eating.", "57", "AGE"),
    ("RIP 🕊️ Alfie, my little patient with leukaemia.", "Alfie", "PERSON"),
])
def test_an_emoji_inside_brackets_or_after_rip(analyzer, rule_set, text, span, entity):
    for result in (analyzer.analyze(text), analyze_with_rules(text, rule_set)):
        assert entity in _entities_at(text, result, span), _found(text, result)


@pytest.mark.parametrize("text,place", [
    ("My client goes to St Peter's Primary, Bolton and struggles with handwriting.", "Bolton"),
    ("My client's son attends Oakwood Primary School (Bolton) and has ADHD.", "Bolton"),
    ("My client was moved from Rose Court Care Home, Wigan to a flat in Leigh.", "Wigan"),
])
def test_a_town_after_a_facility_name_is_a_place(analyzer, rule_set, text, place):
    for result in (analyzer.analyze(text), analyze_with_rules(text, rule_set)):
        assert _entities_at(text, result, place) == {"LOCATION"}, _found(text, result)
