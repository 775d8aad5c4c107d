"""A question about one case is asked as the general case: the writer's question, with the case said in general before
it, the writer's own general sentences kept, the person's other details gone (case_as_question)."""

import re

import pytest
from phiguard.rewrite.case_as_question import case_as_question, without_asides
from phiguard.rewrite.parse_for_rewrite import parser_of


def _case(analyzer, text: str):
    """case_as_question on a text already de-identified in place, as rewrite_post calls it."""
    findings = analyzer.analyze(text).all_findings
    nouns = analyzer.rule_set.vocabularies.get("client_nouns", [])
    return parser_of(analyzer).run(text, lambda doc: case_as_question(doc, text, findings, analyzer.rule_set.rewrite, nouns))


@pytest.mark.parametrize("post, first", [
    # the person as the subject: the situation is their predicate, in the general present
    ("My client Joan, 79, keeps forgetting her hearing aids at the day centre in Filey. How do you build a routine for that?",
     "When someone keeps forgetting their hearing aids at the day centre, how do you build a routine for that?"),
    # a question with no verb of its own is asked for the person
    ("Mr B in bed 3 keeps pulling at his PEG at night. Mittens or not?",
     "For someone who keeps pulling at their PEG at night: mittens or not?"),
    # the writer's address stays, with its own punctuation
    ("Physio friends: my patient Amir, 52, a bus driver, has stopped doing his knee exercises since the op. Best way to re-engage?",
     "Physio friends: for someone who has stopped doing their knee exercises since the op, best way to re-engage?"),
])
def test_a_question_about_one_case_is_asked_about_the_situation(first_suggestion, post, first):
    assert first_suggestion(post) == first


def test_the_writers_general_sentences_stay_and_the_persons_others_go(analyzer):
    text = ("Hi all. A patient has a venous leg ulcer that won't heal. They live with their partner in a bungalow. "
            "We've tried compression for six weeks. Any ideas?")
    out = _case(analyzer, text)
    assert out is not None
    assert "We've tried compression for six weeks." in out and "bungalow" not in out and "partner" not in out
    assert out.startswith("Hi all. For someone who has a venous leg ulcer that won't heal: any ideas?")


def test_a_situation_with_its_own_when_is_asked_for_the_person(analyzer):
    out = _case(analyzer, "A client gets dizzy, when they stand up too fast. How do you assess that at home?")
    assert out == "For someone who gets dizzy, when they stand up too fast: how do you assess that at home?"
    # a "when" inside the clause reads as one situation
    out = _case(analyzer, "A client gets dizzy when they stand up. How do you assess that at home?")
    assert out == "When someone gets dizzy when they stand up, how do you assess that at home?"


def test_a_copular_introduction_says_what_the_person_has(analyzer):
    out = _case(analyzer, "A patient is a person with a grade 4 pressure ulcer that won't granulate. Best dressing?")
    assert out == "For someone with a grade 4 pressure ulcer that won't granulate: best dressing?"


def test_what_the_writer_has_is_the_situation(analyzer):
    out = _case(analyzer, "I'm working with someone whose carer has stopped visiting. Where do I start?")
    assert out == "When you are working with someone whose carer has stopped visiting, where do I start?"


def test_an_aside_goes_but_the_condition_in_it_stays():
    assert without_asides("A client (40s, MS, lives alone) keeps falling.", ["MS"]) == "A client with MS keeps falling."
    assert without_asides("A client (40s, lives alone) keeps falling.", ["MS"]) == "A client keeps falling."


@pytest.mark.parametrize("text", [
    # the question itself is about the person, and nothing says who they are in general
    "Should I tell them?",
    # the question names its own person: a lead would say it twice
    "A client keeps falling. How do you help someone with Parkinson's stay confident?",
    # the sentence that introduces the person says no predicate
    "A client, no family nearby. What would you do?",
    # the person's own words are theirs, not the situation
    "A child says they \"fell down the stairs at the weekend\". Do I call it in?",
    # a post that asks nothing is not a question
    "A client keeps falling in their bathroom.",
])
def test_no_case_question_when_the_case_cannot_be_said_in_general(analyzer, text):
    assert _case(analyzer, text) is None


def test_a_case_question_re_analyses_as_safe(analyzer, first_suggestion):
    post = ("Lady I see on Thursdays in Whitby, 84, keeps refusing her thickened fluids since her stroke in May. "
            "How do other SLTs handle this?")
    first = first_suggestion(post)
    assert analyzer.analyze(first).risk in ("none", "low")
    assert not re.search(r"\b(?:Whitby|84|Thursdays|May|her|Lady)\b", first)
