"""Session 13's rewrite shapes, each on a fresh post: a statement post tells more of its events in general (a client
said once, a person placed by their cot, a purpose clause, a modifier that carries the detail, a passive's agent, a
bracketed aside); one with no event keeps the care its person was going through ("someone going through chemo") and its
unit or service as its setting ("day in court"); a condition keeps its article; a bracket left holding only the person
goes; and an acronym of these lists matches only as written."""

from types import SimpleNamespace

import pytest
from phiguard.rewrite.care_situation import first_of, situation_in
from phiguard.rewrite.statement_point import statement_point


@pytest.mark.parametrize("post,kept", [
    ("So proud of the wee man on my caseload, aged 4, who used his communication device to tell his gran he loved "
     "her today 😭 #SLT", "someone learning to use an AAC device"),
    ("Rang the bell today after a year of chemotherapy, and the whole of Ward 9 was there for her 🔔 So proud of "
     "this one #oncology", "going through chemo"),
    ("Finally got my Tuesday lady in Kendal to try a perching stool for the kitchen. Small wins 🎉 #OT",
     "trying a perching stool"),
])
def test_a_celebration_with_no_event_told_keeps_the_care_its_person_was_going_through(analyzer, rule_set, post, kept):
    rw = rule_set.rewrite
    points = statement_point(post, analyzer.analyze(post).all_findings, rw["statement_rewrite"], rw, None)
    assert points and kept in points[0][0], points


def test_a_vent_keeps_its_service_as_its_setting(first_suggestion):
    post = ("Ugh. Whole day at Bradford family court for a mum of three and the hearing was adjourned again because "
            "the expert report isn't in. #socialwork")
    first = first_suggestion(post)
    assert first.startswith("Frustrating day in court:"), first
    assert "Bradford" not in first and "mum" not in first, first


def test_a_vent_with_no_event_told_keeps_its_condition_with_its_article(analyzer, rule_set):
    post = "Ugh. A retired bin man in his 70s from Wigan bounced back to us again about his hernia. The system is broken."
    findings = analyzer.analyze(post).all_findings
    rw = rule_set.rewrite
    points = statement_point(post, findings, rw["statement_rewrite"], rw, None)
    assert points and "someone with a hernia" in points[0][0], points


def test_an_acronym_matches_only_as_written():
    settings = [{"words": ["ED"], "setting": "shift in {word}"}]
    assert first_of("Ed came round with the tea trolley", settings, "setting") is None
    assert first_of("Long night in ED again", settings, "setting") == ("shift in {word}", "ED")


def test_a_situation_inside_a_name_is_none():
    spec = {"situations": [{"words": ["rehab"], "phrase": "in rehab"}]}
    name = SimpleNamespace(start=12, end=30, category="name")
    assert situation_in("Visited the Rehab Centre Ashford", [name], spec) is None
    assert situation_in("Visited the Rehab Centre Ashford", [], spec) == "in rehab"


def test_a_situation_takes_the_word_as_the_post_writes_it():
    spec = {"situations": [{"words": ["kidney transplant", "transplant"], "phrase": "after a {word}"}]}
    assert situation_in("Kidney transplant last spring and now back at work", [], spec) == "after a kidney transplant"


@pytest.mark.parametrize("post,told", [
    # the client said once, their verb with no subject of its own
    ("Had a lad in his 20s this morning, plasterer from Hull, came in with a nail gun injury through his palm. "
     "Never a dull moment 😂", "comes in with a nail gun injury through their palm"),
    # a person placed by their cot is the client, whatever the noun
    ("Our little fighter from cot 5 went home today after 96 days with us 😭💕 #NICU", "a baby goes home"),
    # "used their device to ask" is an event, not a habit ("used to ask")
    ("So proud!! My 4yo on the caseload, autistic and non-verbal, used his talker to ask his dad for a hug today "
     "🥹 #SLP", "uses their talker"),
    # a modifier that carries the story's detail goes, the noun stays
    ("Today my stroke man, 71, ate a whole Sunday roast after 4 months of thickened fluids. SLT wins 🥹",
     "eats a whole roast"),
    # the agent of a passive is the event
    ("Last night a fella got bitten by a tiger snake at the Mildura rodeo. Bystander did the pressure bandage, "
     "legend 😂 #paramedic", "is bitten by a tiger snake"),
    # an aside in brackets no longer hangs the parse
    ("My lady in the community (the one with the parrot I told you all about 🙃) has finally let me dress her "
     "leg ulcer with the radio off. small wins", "lets me dress their leg ulcer"),
])
def test_a_statement_tells_its_event_in_general(first_suggestion, post, told):
    first = first_suggestion(post)
    assert told in first, first


def test_a_bracket_left_with_only_the_person_goes(first_suggestion):
    post = ("Can anyone on the day team check if bed 9 (Mrs Okoro, DOB 04/05/1950) had her 8am apixaban? Chart is "
            "blank and I'm off now")
    first = first_suggestion(post)
    assert "(someone)" not in first and "check if the patient had their 8am apixaban" in first, first
