"""Questions asked of the writer's own story are told apart from questions about practice (story_question), and a
client's past predicate is told in the general present (general_present)."""

import pytest
from phiguard.rewrite.client_problem import Vetting, client_predicate
from phiguard.rewrite.general_present import present_forms
from phiguard.rewrite.parse_for_rewrite import parser_of
from phiguard.rewrite.story_question import ABOUT_THEM, JUDGEMENT, PLAIN, WRITER, as_written, asks_the_story, for_peers


def _question_rewrite(analyzer):
    return analyzer.rule_set.rewrite["question_rewrite"]


@pytest.mark.parametrize("question, kind, for_peer", [
    ("Did we do the right thing?", JUDGEMENT, None),
    ("Am I wrong to be annoyed?", JUDGEMENT, None),
    ("AIBU to feel like this?", JUDGEMENT, None),
    # the writer's yes-or-no dilemma, asked of peers in the second person
    ("Do I tell the school or wait for my supervisor?", WRITER, "Do you tell the school or wait for your supervisor?"),
    ("Should we refer on?", WRITER, "Should you refer on?"),
    # a hypothetical of that day, asked now
    ("Would you have admitted under the MHA?", WRITER, "Would you admit under the MHA?"),
    # a method or a person is asked of peers without the story, in their person
    ("How do I keep the alliance going?", PLAIN, "How do you keep the alliance going?"),
    ("Who do I speak to about the pathway?", PLAIN, "Who do you speak to about the pathway?"),
    ("Any tips on keeping them motivated?", ABOUT_THEM, "Any tips on keeping them motivated?"),
    ("How do you manage patients who push through pain?", PLAIN, "How do you manage patients who push through pain?"),
])
def test_kind_of_question(analyzer, question, kind, for_peer):
    spec = _question_rewrite(analyzer)["story_questions"]
    found, written = parser_of(analyzer).run(question, lambda doc: (
        lambda k_e: (k_e[0], as_written(list(doc), k_e[1])))(for_peers(list(doc), spec)))
    assert found == kind
    if for_peer is not None:
        assert written == for_peer


@pytest.mark.parametrize("suggestion, asks_story", [
    ("Need opinions from medics. Did we do the right thing?", True),
    ("Is there any world where that's realistic? Suggestions for return-to-duty testing?", True),
    ("Would you have conveyed under the MCA?", True),
    ("When someone refuses conveyance, would you convey under the MCA?", False),
    ("How do you risk assess graded exposure to the kitchen?", False),
    ("No question here.", False),
])
def test_a_suggestion_that_asks_the_story_it_no_longer_tells(analyzer, suggestion, asks_story):
    qr = _question_rewrite(analyzer)
    deictics = set(qr["story_deictics"]) | set(qr["story_objects"])
    assert parser_of(analyzer).run(suggestion, lambda doc: asks_the_story(doc, qr["story_questions"], deictics)) \
        is asks_story


@pytest.mark.parametrize("sentence, verb, present", [
    ("He refused his tablets.", "refused", {"refused": "refuses"}),
    ("She'd stopped her clozapine.", "stopped", {"'d": "has"}),
    ("He was pulling at his lines.", "pulling", {"was": "is"}),
    ("She didn't take her insulin.", "take", {"did": "does"}),
    ("He keeps refusing his frame.", "keeps", {}),
])
def test_past_predicates_in_the_general_present(analyzer, sentence, verb, present):
    qr = _question_rewrite(analyzer)

    def forms(doc):
        v = next(t for t in doc if t.text == verb)
        parts = [c for c in v.children if c.i < v.i and c.dep_ in ("aux", "auxpass", "neg")]
        found = present_forms(v, parts, qr)
        return None if found is None else {doc[i].text: w for i, w in found.items()}

    assert parser_of(analyzer).run(sentence, forms) == present


def test_a_past_passive_has_no_general_present(analyzer):
    qr = _question_rewrite(analyzer)

    def forms(doc):
        v = next(t for t in doc if t.text == "told")
        return present_forms(v, [c for c in v.children if c.dep_ in ("aux", "auxpass")], qr)

    # "was told to rest" happened to the person: "is told to rest" would be another claim
    assert parser_of(analyzer).run("He was told to rest.", forms) is None


@pytest.mark.parametrize("text, predicate", [
    # what such a person does, not what happened once
    ("My client Ann, 80, declined her antibiotics. Any advice?", "declines their antibiotics"),
    # the writer is any clinician reading
    ("My client, 15, begged me not to tell her parents. Thoughts?", "begs you not to tell their parents"),
    # the reason the story gives ("so he doesn't lose his spot") is not the problem, what the client wants is
    ("My patient wants to train hard so he doesn't lose his spot. Ideas?", "wants to train hard"),
])
def test_client_predicate(analyzer, text, predicate):
    assessment = analyzer.analyze(text)
    qr = _question_rewrite(analyzer)
    found = parser_of(analyzer).run(text, lambda doc: client_predicate(
        doc, Vetting(text, assessment.all_findings, qr, set()), qr))
    assert found == predicate
