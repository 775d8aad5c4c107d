"""A post that asks peers something gets its question in general, built only from vetted words (question_in_general)."""

import pytest
from phiguard.rewrite.neutral_gender import gendered_words
from phiguard.rewrite.parse_for_rewrite import parser_of
from phiguard.rewrite.question_in_general import question_in_general
from phiguard.rewrite.rewrite_post import suggestions


def _asked(analyzer, text):
    assessment = analyzer.analyze(text)
    rw = analyzer.rule_set.rewrite
    gendered = {w.lower() for w in gendered_words(text, rw)}
    found = parser_of(analyzer).run(text, lambda doc: question_in_general(
        doc, text, assessment.findings, assessment.all_findings, rw, gendered, analyzer.rule_set.vocabularies))
    return found[0] if found else None


@pytest.mark.parametrize("text, expected", [
    # the client's problem predicate, made "someone"'s, in front of the writer's question fragment
    ("Physios, any ideas? My client Doreen, 84, from Scarborough, has Parkinson's and keeps refusing her walking frame "
     "because she says it makes her look old. What has helped your clients accept a frame?",
     "Physios, any ideas? For someone with Parkinson's who keeps refusing their walking frame: what has helped your "
     "clients accept a frame?"),
    # the condition phrase hung on the client ("with a grade 3 pressure ulcer"), its relative clause gone
    ("Question for TVNs: I have a resident, 90, ex-miner from Barnsley, with a grade 3 pressure ulcer that opened up "
     "after his fall on Boxing Day. What dressing would you start with?",
     "Question for TVNs: for someone with a grade 3 pressure ulcer, what dressing would you start with?"),
])
def test_question_asked_in_general(analyzer, text, expected):
    assert _asked(analyzer, text) == expected


@pytest.mark.parametrize("text, kept_out", [
    ("Any tips? My client Jordan, 26, a barber in Leeds, has just been diagnosed with MS and worries about standing "
     "all day.", ["Jordan", "barber", "Leeds", "26"]),
    ("Nurses of Ayrshire, any ideas? My patient Mr Duncan, 78, from Kilwinning has COPD and keeps refusing his "
     "inhalers. How do you get buy-in?", ["Ayrshire", "Kilwinning", "Duncan", "78"]),
])
def test_nothing_from_the_story_comes_back(analyzer, text, kept_out):
    asked = _asked(analyzer, text)
    assert asked, "a question with a condition to ask about is built"
    assert not [w for w in kept_out if w in asked]


@pytest.mark.parametrize("text", [
    # "Any tips?" alone, with nothing general to ask about, is not a question anyone can answer
    "Any tips? My client Jordan, 26, a barber in Leeds, is struggling.",
    # a question about the person ("is she ok?") has nothing general in it
    "Does anyone know if the lady from the bus crash in Leeds yesterday is ok? Is she still in?",
    # a choice about something only the story said
    "Quick one: my client's mum wants to sit in on sessions. Helpful, or not?",
])
def test_no_general_question_when_nothing_general_is_asked(analyzer, text):
    assert _asked(analyzer, text) is None


def test_story_events_are_not_the_problem(analyzer):
    # "he'd stopped his clozapine" happened once: the question names the treatment, not the event
    asked = _asked(analyzer, "Yesterday my client Sam with schizophrenia told me he'd stopped his clozapine. He's 33. "
                             "What are the risks of stopping suddenly?")
    assert asked == "For someone with schizophrenia on clozapine: what are the risks of stopping suddenly?"


def test_general_question_is_the_first_suggestion_of_a_question_post(analyzer):
    text = ("Hi all, looking for ideas. I'm seeing a 9 year old girl in Bury with autism who won't wear her glasses "
            "at school. Any strategies that worked for you?")
    first = suggestions(text, analyzer)[0]
    assert first["strategy"] == "general_question"
    assert "Bury" not in first["text"] and "girl" not in first["text"]
    assert first["text"].startswith("Hi all, looking for ideas.") and first["text"].endswith("strategies that worked for you?")
