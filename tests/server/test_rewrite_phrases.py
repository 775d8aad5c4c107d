"""Phrase-level edits of the rewriter, each on the shape that used to break: what the first suggestion must say."""

import pytest
from phiguard.detection.assess_risk import Finding
from phiguard.rewrite.check_suggestion import text_problems
from phiguard.rewrite.deidentify_in_place import age_as_words
from phiguard.rewrite.general_question import conditions_in
from phiguard.rewrite.rewrite_post import suggestions

# (post, exact first suggestion)
FIRST = [
    # A place that only names the market goes, the market stays: not "works nights fish market".
    ("My client works nights at the Grimsby fish market and can't make daytime appointments. Any ideas for flexible support?",
     "A client works nights at the fish market and can't make daytime appointments. Any ideas for flexible support?"),
    # The age is the noun ("a 9 year old refusing"): not "Working with a refusing school".
    ("Working with a 9 year old refusing school since her nan died. Any resources on grief and school refusal?",
     "Working with someone refusing school since their grandparent died. Any resources on grief and school refusal?"),
    # A greeting's name goes with nothing in its place: not "Hi someone".
    ("Hi Margaret, following up from my visit to your husband in Whitby on Monday: his rails go in on the 14th.",
     "Hi, following up from my visit to a partner: their rails go in on the 14th."),
    # "son's" is a family noun, made neutral, not "someone's".
    ("My client's son's carer keeps cancelling. Any advice?", "Someone's child's carer keeps cancelling. Any advice?"),
]


@pytest.mark.parametrize("post,expected", FIRST, ids=[p[:40] for p, _ in FIRST])
def test_first_suggestion(analyzer, post, expected):
    found = suggestions(post, analyzer)
    assert found and found[0]["text"] == expected


@pytest.mark.parametrize("age,band", [("6-week-old", "baby"), ("3 month old", "baby"), ("9 year old", "child"),
                                      ("15 year old", "young person")])
def test_an_age_used_as_a_noun_becomes_its_true_band(analyzer, age, band):
    text = f"My client is a parent with a {age} who hasn't been seen."
    start = text.index(age)
    finding = Finding(start, start + len(age), "AGE", "medium", 0.8, "")
    assert age_as_words(text, finding, analyzer.rule_set.rewrite) == band


def test_a_condition_that_opens_a_sentence_is_not_capitalised_in_a_template(analyzer):
    text = "Detox day 3 for my client and the tremor has settled. Any tips?"
    assert conditions_in(text, analyzer.analyze(text).all_findings) == ["detox", "tremor"]


@pytest.mark.parametrize("broken", [
    "They're a person so it's a nightmare at work.", "DoLS review for my adult with Down's.", "Just had an ever case of this.",
    "The only case on the whole of someone.", "Hi someone, we're sorry.", "So glad you're doing well someone!",
    "Name: someone DOB. Meds: apixaban.", "3 falls, 1 very polite someone who kept apologising.", "Anyone else's person refuse this?",
    "— someone, someone", "Someone in question is non-verbal.", "Recently old, FTT.", "They're only.",
    "A blind patient, someone retired person, was admitted.",
])
def test_gate_refuses_fillers_that_read_as_nonsense(broken):
    assert text_problems(broken, "")


@pytest.mark.parametrize("fine", [
    "They're a person who loves gardening.", "I'm seeing someone in their home.", "A message from someone I support.",
    "Only just.", "They're an adult and dreading the radio.",
])
def test_gate_allows_the_same_words_used_well(fine):
    assert text_problems(fine, "") == []
