"""Session 12's rewrite shapes, each on a fresh post: a modifier keeps the neutral noun it fits, a rule's own words
are not re-read as a person's noun phrase, an eponymous therapy is no name, a clause of time moves to the present
with its verb; the gate refuses 'Someone #4' and a sentence left as a copula alone."""

import pytest
from phiguard.rewrite.apply_edits import Edit, apply_edits
from phiguard.rewrite.check_suggestion import text_problems
from phiguard.rewrite.deidentify_in_place import _fit_modifier
from phiguard.rewrite.rewrite_post import suggestions


@pytest.mark.parametrize("text,noun,expected", [
    ("Regular customer, elderly man, comes in every week.", "man", "Regular customer, elderly person, comes in every week."),
    ("Little guy in bay 2 sang all night.", "guy", "Little one in bay 2 sang all night."),
    ("We saw a former patient at the shops.", "patient", "We saw someone at the shops."),
])
def test_a_modifier_keeps_the_neutral_noun_it_fits(rule_set, text, noun, expected):
    start = text.index(noun)
    edit = _fit_modifier(text, Edit(start, start + len(noun), "someone"), rule_set.rewrite)
    assert apply_edits(text, [edit]) == expected


def test_a_rule_with_its_own_words_is_not_read_as_a_persons_noun_phrase(analyzer):
    post = ("Code blue in the cath lab at 3am, 58M, STEMI, VF x4, shocked back each time and now sitting up asking for "
            "toast 🍞 Cardiology nights, you are wild. #nursing #cardiacnurse")
    found = [s["text"] for s in suggestions(post, analyzer)]
    assert any(s.startswith("An emergency call in the cath lab") for s in found), found
    assert not any(s.startswith("A blue") for s in found), found


def test_an_eponymous_therapy_is_no_name(first_suggestion):
    post = ("Little lad I'm seeing in Sligo, aged three, started stammering when his sister was born. Parents want "
            "Lidcombe but the waiting list is a year. Anyone trained who does private?")
    first = first_suggestion(post)
    assert "Lidcombe" in first and "Sligo" not in first, first


def test_a_clause_of_time_moves_to_the_present_with_its_verb(first_suggestion):
    post = ("Wee girl I'm seeing in Letterkenny, aged four, started stammering when her baby brother arrived in June. "
            "Anyone trained who does private in Donegal?")
    first = first_suggestion(post)
    assert "arrived" not in first and "arrives" in first, first


@pytest.mark.parametrize("broken", [
    "Someone #4 today to tell me they know better than me.",
    "A client. I'm.",
])
def test_the_gate_refuses_new_broken_shapes(broken):
    assert text_problems(broken, "Patient #4 today told me. My client in Whitby. I'm in Ontario.")


def test_a_deleted_sentence_leaves_one_full_stop():
    text = "Captain is back. 4th time this week. Same chest pain."
    start = text.index("4th")
    assert apply_edits(text, [Edit(start, start + len("4th time this week"), "")]) == "Captain is back. Same chest pain."
