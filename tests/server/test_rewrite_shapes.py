"""The shapes a blind reader found broken in round one of the rewrite work, each on fresh posts: articles and
verbs left agreeing with a word an edit removed, nouns glued to "someone", a story's time and a person's job kept,
and a warned post left with no suggestion at all."""

import pytest
from phiguard.rewrite import rewrite_post
from phiguard.rewrite.apply_edits import Edit, apply_edits
from phiguard.rewrite.check_suggestion import (
    sentence_problems,
    someone_agreement,
    text_problems,
    third_person,
    wrong_articles,
)
from phiguard.rewrite.parse_for_rewrite import parser_of
from phiguard.rewrite.rewrite_post import suggestions
from phiguard.rewrite.story_without_details import story_without_details


def _deidentified(analyzer, post):
    """The post de-identified in place: for a statement it is offered after the post's point in general."""
    found = [s["text"] for s in suggestions(post, analyzer) if s["strategy"] == "deidentify"]
    assert found, "no de-identified suggestion"
    return found[0]


def test_an_article_follows_the_word_two_side_by_side_edits_leave():
    text = "Lectured by a 45-year-old electrician about vaccines."
    start = text.index("45")
    job = text.index("electrician")
    out = apply_edits(text, [Edit(start, job, ""), Edit(job, job + len("electrician"), "person")])
    assert out == "Lectured by a person about vaccines."


def test_the_writers_own_article_is_never_changed():
    text = "Spent an hour with a uni student and an MRI."
    assert apply_edits(text, [Edit(text.index("uni") - 2, text.index("uni") - 2, "")]) == text


@pytest.mark.parametrize("text", ["They saw an person today.", "It was a ulcer after all."])
def test_the_gate_refuses_an_article_that_does_not_fit(text):
    assert any("article" in p for p in text_problems(text, "nothing alike"))
    assert wrong_articles(text)


@pytest.mark.parametrize("text", ["An hour later an honest answer.", "A one-off, a user, a European trial."])
def test_articles_that_fit_by_sound_are_not_refused(text):
    assert not wrong_articles(text)


@pytest.mark.parametrize("text", ["This someone rang twice.", "We called the dog someone.",
                                  "Someone who's a would know."])
def test_the_gate_refuses_someone_used_as_a_noun_or_a_name(text):
    assert text_problems(text, "nothing alike")


@pytest.mark.parametrize("bare, third", [("think", "thinks"), ("carry", "carries"), ("go", "goes"),
                                         ("have", "has"), ("are", "is"), ("play", "plays"), ("fix", "fixes")])
def test_third_person_forms(bare, third):
    assert third_person(bare) == third


def test_someone_as_a_subject_takes_a_singular_verb(analyzer):
    text = "Someone think the clinic shuts at six."
    fixed = parser_of(analyzer).run(text, lambda doc: someone_agreement(doc, text, "You think the clinic shuts at six."))
    assert fixed == "Someone thinks the clinic shuts at six."


def test_a_verb_the_writer_put_after_someone_stays(analyzer):
    text = "Can someone think of a better way?"
    assert parser_of(analyzer).run(text, lambda doc: someone_agreement(doc, text, text)) == text


def test_the_gate_refuses_a_noun_glued_to_someone(analyzer):
    problems = parser_of(analyzer).run("The famous hiccup someone is back in clinic.",
                                       lambda doc: sentence_problems(doc, "The famous hiccup man is back in clinic."))
    assert any("hiccup someone" in p for p in problems)


def test_a_bare_you_is_the_reader_not_a_person_to_replace(first_suggestion):
    post = ("you'd think a grown man who's a bus driver would know better than to juggle knives. "
            "Spent the night stitching his hands.")
    first = first_suggestion(post)
    assert first.startswith("you'd think")
    assert "someone think" not in first.lower()


@pytest.mark.parametrize("post, gone", [
    ("A woman who is a primary school teacher asked me if her tremor could be Parkinson's.", "teacher"),
    ("you'll know the type: a man who's a gym instructor telling me his knee pain is nothing. Torn meniscus on the MRI.",
     "instructor"),
])
def test_a_clause_that_only_says_the_persons_job_goes_whole(first_suggestion, post, gone):
    first = first_suggestion(post)
    assert gone not in first
    assert "who is a" not in first and "who's a" not in first


@pytest.mark.parametrize("post, gone, kept", [
    ("Tonight a lad came in with a fishhook through his thumb. Took ages to get it out.", "tonight", "fishhook"),
    ("Our frequent flyer rang the ward for the 11th time this year asking about her bloods. How do we set boundaries "
     "kindly?", "11th", "boundaries"),
    ("Had a grandad with dementia in on Boxing Day asking for his late wife, and then a man with a hip fracture. "
     "How do you answer when they ask?", "boxing", "dementia"),
])
def test_a_storys_time_of_encounter_goes_and_its_point_stays(first_suggestion, post, gone, kept):
    first = first_suggestion(post)
    assert gone not in first.lower()
    assert kept in first.lower()


def test_a_milestone_is_the_point_and_stays(analyzer, first_suggestion):
    # The milestone, told in the general present, comes first; it is still offered de-identified in place too.
    post = "So proud of my client Ravi who stood unaided today for the first time since his spinal injury! 🎉"
    first = first_suggestion(post)
    assert first.startswith("Nothing beats the moment when a client stands")
    assert "for the first time since their spinal injury" in first and "today" not in first
    assert "for the first time since their spinal injury" in _deidentified(analyzer, post)


def test_a_story_gets_an_honest_line_when_every_suggestion_is_refused(analyzer, monkeypatch):
    monkeypatch.setattr(rewrite_post, "text_problems", lambda text, original: ["refused for the test"])
    post = "Night shift: Dave from the bakery came in with a burnt hand again. Lovely man."
    found = suggestions(post, analyzer)
    assert [s["text"] for s in found] == ["One night shift I won't forget. The details stay with me: they could "
                                          "identify the person."]
    assert found[0]["strategy"] == "topic_only" and found[0]["explanation"]


def test_the_honest_line_names_the_posts_own_setting(analyzer):
    rw = analyzer.rule_set.rewrite
    assert "home visit" in story_without_details("On a home visit the cat bit me.", rw)
    assert "encounter" in story_without_details("It all went wrong.", rw)


def test_a_person_named_by_their_job_becomes_a_person(analyzer):
    post = ("Spent the morning with an 88-year-old retired ferry captain from Oban who still reads without glasses. "
            "He told me he misses the sea more than his legs.")
    # The story's event told in general may lead; the story de-identified in place names a person, not the job.
    in_place = _deidentified(analyzer, post)
    assert in_place.startswith("Spent the morning with a person who still reads")
    assert "captain" not in in_place and "ferry" not in in_place


@pytest.mark.parametrize("text", ["They and had been on the ward for a month.", "They a violinist, and now playing."])
def test_the_gate_refuses_a_subject_whose_verb_went(text):
    assert any("subject with no verb" in p for p in text_problems(text, "nothing alike"))


def test_an_article_before_a_conjunction_is_left_for_the_gate_to_refuse():
    text = "Had not been to a dentist in years and kept the tin."
    start = text.index("dentist")
    out = apply_edits(text, [Edit(start, start + len("dentist in years"), "")])
    assert "a and" in out
    assert any("article before a verb" in p for p in text_problems(out, text))


def test_the_gate_refuses_a_proper_noun_glued_to_someone(analyzer):
    text = "Guess which Championship someone had a knee scope here."
    problems = parser_of(analyzer).run(text, lambda doc: sentence_problems(doc, "Guess which footballer had a scope."))
    assert any("someone'" in p for p in problems)


def test_a_named_place_in_a_story_goes_even_unflagged(analyzer):
    post = ("Bumped into a lad I'd stitched up last year outside Greggs on the high street. Waved his scar at me. "
            "Glad he's doing well.")
    first = _deidentified(analyzer, post)
    assert "Greggs" not in first and "outside" not in first
    assert "scar" in first


def test_a_clinical_setting_is_not_a_place_to_drop(analyzer):
    first = _deidentified(analyzer, "A man in A&E with chest pain told me his wife made him come. Troponin fine.")
    assert "in A&E with chest pain" in first


def test_the_gate_refuses_a_bracket_left_open():
    assert any("bracket" in p for p in text_problems("What helps? [note on the wall: ?", "A note [on the wall: x]."))


@pytest.mark.parametrize("post, unwanted", [
    ("Had to get three staff and the bariatric hoist for a 40 stone man today and he asked for chips after. Honestly.",
     "with bariatric"),
    ("Anyone know if the funeral for Mr Okafor from the dialysis unit is open to staff? He was with us nine years.",
     "with dialysis"),
])
def test_a_topic_question_names_a_condition_not_a_treatment_or_an_adjective(analyzer, post, unwanted):
    assert all(unwanted not in s["text"] for s in suggestions(post, analyzer))


def test_a_named_workplace_goes_with_its_preposition(analyzer):
    post = ("Had a man in his 50s finally let us look at his ulcer after a year of saying no. Diabetic, works shifts at "
            "the Scunthorpe steelworks, and he'd been using gaffer tape as a dressing. Small wins.")
    first = _deidentified(analyzer, post)
    assert "steelworks" not in first and "Scunthorpe" not in first
    assert "works shifts, and" in first


def test_a_name_the_writer_addressed_goes_with_its_comma(analyzer):
    post = ("Answering your complaint, Mr Brennan: I'm sorry your daughter waited six hours for her scan. "
            "I've raised it with the ward manager.")
    assert _deidentified(analyzer, post).startswith("Answering your complaint: I'm sorry")


def test_a_sentence_start_capital_does_not_stay_on_the_noun_after_an_article(first_suggestion):
    post = "Patient today had so many rings in his ears the MRI team sent him home. 12 in one ear alone 🤯"
    assert first_suggestion(post).startswith("A patient had so many rings")
