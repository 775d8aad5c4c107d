"""Issue 10, session 14: the story de-identified in place loses its clock times, weekdays and "an hour ago"; a
determiner left before "someone" goes with it; a colon or an initial's full stop is not swallowed by the person's
phrase; an empty quotation is a problem; a law court stays a court. Written before the change: each fails on
d3ed337."""

import re

import pytest
from phiguard.rewrite.apply_edits import Edit, apply_edits
from phiguard.rewrite.check_suggestion import text_problems
from phiguard.rewrite.rewrite_post import suggestions


@pytest.mark.parametrize("post,gone", [
    ("Delivered a baby in the back of a taxi on the A38 at 5am. Driver has asked for his cleaning bill.", "5am"),
    ("The guy I stitched up Saturday night after the fight just walked into the practice with flowers.", "Saturday"),
    ("A woman came into the clinic Wednesday with a classic Q fever picture and her son is in my kid's class.",
     "Wednesday"),
])
def test_the_time_of_the_encounter_goes_from_the_story(analyzer, post, gone):
    story = [s["text"] for s in suggestions(post, analyzer) if s["strategy"] == "deidentify"]
    assert story and gone not in story[0], story


def test_a_determiner_left_before_someone_goes_with_it():
    assert apply_edits("Guy came in last night.", [Edit(0, 3, "A someone")]) == "Someone came in last night."
    assert apply_edits("This bloke, 58, cried.", [Edit(5, 15, "someone")]) == "Someone cried."
    # a thing read as a name is not made a person: the gate refuses "a someone and a hug"
    assert apply_edits("Gave her a Twix and a hug.", [Edit(11, 15, "someone")]) == "Gave her a someone and a hug."


def test_the_mark_before_the_persons_phrase_stays_the_sentences(analyzer):
    post = ("Job on Elm Road, Leeds earlier: 23 year old lad whose insulin pump had failed, BM 28 and ketones 4.2. Do you "
            "all detach the pump before you start fluids?")
    story = [s["text"] for s in suggestions(post, analyzer) if s["strategy"] == "deidentify"]
    assert story and re.search(r"earlier: (?:a person|someone) whose insulin pump", story[0]), story


def test_an_initials_full_stop_goes_with_the_name(analyzer):
    post = ("Client of mine, Tanya R., 34, mom of three in Dayton, just got evicted and CPS is now involved. Does anyone "
            "know a shelter in Montgomery County that takes families?")
    found = [s["text"] for s in suggestions(post, analyzer)]
    assert found and not any(s.startswith("The person.") for s in found), found


def test_an_empty_quotation_is_a_problem():
    assert "an empty quotation" in text_problems('they mouth "" at me every day', 'she mouths "Corrie" at me')


def test_a_law_court_stays_a_court(analyzer):
    post = ("Ugh. Spent all day at Leeds family court. Judge adjourned AGAIN because the expert report isn't in and "
            "the little one has been in interim care since her 2nd birthday. #familycourt")
    found = [s["text"] for s in suggestions(post, analyzer)]
    assert found and not any("care home" in s for s in found), found
