"""Question posts, round 5 of the rewrite issue: abbreviations stay in their sentence, a title line asks with its
situation, a suggestion for a question post must still ask something, an age or a gendered word for the person
becomes a neutral noun inside the question."""

import json
from pathlib import Path

import pytest
from phiguard.rewrite.parse_for_rewrite import parser_of
from phiguard.rewrite.question_fragments import asked_as_written, asks_peers
from phiguard.rewrite.question_in_general import sentences_of
from phiguard.rewrite.rewrite_post import suggestions
from phiguard.rewrite.title_question import title_span

RULES = Path(__file__).resolve().parents[2] / "shared_rules" / "core" / "rewrite.json"
QR = json.loads(RULES.read_text(encoding="utf-8"))["rewrite"]["question_rewrite"]


@pytest.mark.parametrize("text, expected", [
    ("Any advice on a s.17 plan where nobody turns up? Feeling stuck.",
     ["Any advice on a s.17 plan where nobody turns up?", "Feeling stuck."]),
    ("Dr. Evans wants approx. 3 more sessions. No. I disagree.",
     ["Dr. Evans wants approx. 3 more sessions.", "No.", "I disagree."]),
    ("Is their NHS no. on the letter? Thanks", ["Is their NHS no. on the letter?", "Thanks"]),
])
def test_sentences_keep_abbreviations_whole(text, expected):
    assert sentences_of(text, QR) == expected


@pytest.mark.parametrize("text, has_title", [
    ("Patient hiding tablets in a sock - what do you do?\nLong story below.", True),
    ("Patient hiding tablets in a sock - what do you do?", False),  # nothing after it: the post is the question
    ("Help - what do you do?\nLong story below.", False),  # no situation before the dash
    ("Any advice?\nLong story below.", False),
])
def test_title_line_needs_its_situation_and_a_story_after_it(text, has_title):
    assert bool(title_span(text, QR)) is has_title


@pytest.mark.parametrize("question, asks", [
    ("Does anyone know a falls clinic that takes self-referrals?", True),
    ("Any podiatrists able to help?", False),  # no verb of its own: it only names who is asked
    ("What's the referral route for podiatrists here?", False),  # "here" was the story's place
    ("Any OTs know a quicker route?", False),  # a route to what: the story said
    ("Has anyone had success with food chaining at this age?", False),
    ("Safeguarding still haven't called back.", False),  # a statement asks nothing
])
def test_a_suggestion_for_a_question_post_must_still_ask(analyzer, question, asks):
    assert parser_of(analyzer).run(question, lambda doc: asks_peers(doc, QR)) is asks


def test_asked_as_written_allows_only_neutral_person_words():
    original = "Any tips for shaving a gentleman who grabs the razor? He is 90. Mr Okoro is lovely."
    assert asked_as_written("Any tips for shaving a person who grabs the razor?", original, {"gentleman"})
    # a cut name or place leaves a different question
    assert not asked_as_written("Any tips for shaving who grabs the razor?", original, {"gentleman"})


@pytest.mark.parametrize("text, expected", [
    # an age as the person's noun keeps the phrase and its clause, with the band's noun
    ("Any SLTs know good switch toys for a 4yo with Rett syndrome who only uses her left hand? Her dad is a vicar "
     "in Ripon.",
     "Any SLTs know good switch toys for a child with Rett syndrome who only uses their left hand?"),
    # a gendered word for the person becomes the neutral one; where the writer is goes
    ("Anyone know a service round here that loans bath lifts for a lady who can't step into the tub? She's 88 and "
     "lives alone in Settle.",
     "Anyone know a service that loans bath lifts for a person who can't step into the tub?"),
])
def test_first_suggestion_is_the_question_in_general(analyzer, text, expected):
    found = suggestions(text, analyzer)
    assert found and found[0]["text"] == expected
