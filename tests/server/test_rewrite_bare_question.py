"""A post that asks peers something keeps its question only with what peers need to answer it: a bare "Thoughts?"
or "How would you approach this?" is never offered alone, and "this" is asked once the situation is said before it
in general. Posts written for issue 10, round 6."""

import pytest
from phiguard.rewrite.bare_question import only_bare_questions
from phiguard.rewrite.parse_for_rewrite import parser_of
from phiguard.rewrite.rewrite_post import suggestions


def _bare(analyzer, text):
    qr = analyzer.rule_set.rewrite["question_rewrite"]
    people = set(analyzer.rule_set.vocabularies["client_nouns"])
    return parser_of(analyzer).run(text, lambda doc: only_bare_questions(doc, qr, people))


@pytest.mark.parametrize("text", ["Thoughts?", "What would you do??", "Team: how would you approach this?",
                                  "Physio friends — am I overreacting?", "What do I do next?? #nursing"])
def test_a_question_that_needs_its_story_is_bare(analyzer, text):
    assert _bare(analyzer, text)


@pytest.mark.parametrize("text", ["How do your teams handle frequent attenders?", "Any tips for keeping a PEG site clean?",
                                  "I have tried everything. What would you do?", "Duty to warn?"])
def test_a_question_that_says_what_it_asks_is_not_bare(analyzer, text):
    assert not _bare(analyzer, text)


@pytest.mark.parametrize("post", [
    "Fellow dentists — 6yo in this morning with her grandad, four abscesses, grandad says she 'only drinks juice'. Thoughts?",
    "Sharing from our team chat: 'gent in bay 3 keeps asking me to post letters to his ex-wife in Leeds'. What would you do??",
])
def test_a_bare_question_is_never_a_suggestion(analyzer, post):
    assert all(not _bare(analyzer, s["text"]) for s in suggestions(post, analyzer))


@pytest.mark.parametrize("post, first", [
    ("Resident on our unit, 84, keeps refusing her insulin since her husband died in March. How would you approach this?",
     "When someone keeps refusing their insulin since a loss, how would you approach this?"),
    ("Guy on my caseload, 30s, keeps missing his depot injection. How do you handle this?",
     "When someone keeps missing their depot injection, how do you handle this?"),
])
def test_a_question_about_the_situation_is_asked_with_the_situation_before_it(analyzer, post, first):
    assert suggestions(post, analyzer)[0]["text"] == first


def test_a_closing_phrase_that_points_at_the_persons_age_goes(analyzer):
    post = ("Teen on my caseload (15, lives with her gran in Wigan) keeps skipping her insulin at school. "
            "Anyone had success with peer mentoring at this age?")
    first = suggestions(post, analyzer)[0]["text"]
    # the age goes; "at this age" points at the band the lead says instead ("a young person")
    assert "15" not in first and "young person" in first
    assert first.endswith(("anyone had success with peer mentoring?", "anyone had success with peer mentoring at this age?"))


def test_a_quoted_claim_is_not_the_situation(analyzer):
    post = ("Dentist here. 8yo in today with burns on her forearm, her dad said she \"fell onto the radiator\". "
            "Do I call it in?")
    assert all("radiator" not in s["text"] for s in suggestions(post, analyzer) if s["strategy"] == "general_question")


def test_a_title_that_tells_the_situation_is_not_an_address(analyzer):
    assert not _bare(analyzer, "A patient hoarding painkillers - what's your policy?")


def test_a_question_that_names_its_person_by_a_condition_takes_no_second_person_as_a_lead(analyzer):
    post = ("Any OTs on here worked with a child with Rett syndrome? Mine is 9, loves horses, and we're stuck on "
            "switch access because of her hand stereotypies. Ideas welcome!")
    first = suggestions(post, analyzer)[0]["text"]
    assert not first.startswith("For someone") and " on here" not in first


def test_a_subreddit_handle_keeps_its_lower_case(analyzer):
    post = ("r/nursing - quick question. Resident on our unit, 84, keeps refusing her insulin since her husband died "
            "in March. How would you approach this?")
    assert suggestions(post, analyzer)[0]["text"] == ("r/nursing - quick question. When someone keeps refusing their "
                                                      "insulin since a loss, how would you approach this?")


def test_an_eponym_keeps_its_capital_at_a_sentences_start(analyzer):
    post = "Down syndrome and glasses: my 6yo client keeps pulling his off in class. Any tips?"
    found = [s["text"] for s in suggestions(post, analyzer)]
    assert any("Down syndrome" in s for s in found) and not any("down syndrome" in s for s in found)
