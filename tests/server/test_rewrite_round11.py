"""Session 11's rewrite shapes, each on fresh posts: the case question keeps the problem a quoted reason, a stranded
preposition or the parser's attachment would have cost it; the in-place rewrite closes an apposition it opened and
mends an orphaned possessive; the gate refuses the broken shapes it used to let through."""

import pytest
from phiguard.rewrite.apply_edits import Edit, apply_edits
from phiguard.rewrite.check_suggestion import text_problems
from phiguard.rewrite.rewrite_post import suggestions


def test_a_quoted_reason_goes_and_the_problem_stays(first_suggestion):
    post = ("Doreen, 88, on my list, lives above the chip shop in Filey, has venous leg ulcers and won't wear her "
            "compression because it 'makes my legs look like a mummy's'. Any tips for getting buy-in?")
    first = first_suggestion(post)
    assert "Doreen" not in first and "Filey" not in first and "mummy" not in first
    assert "leg ulcers" in first and "compression" in first and first.endswith("?"), first


def test_a_problem_the_parser_joined_to_the_writer_stays_with_the_person(first_suggestion):
    post = ("I have a client, Arthur, 90, who lives alone in a flat in Ripon and keeps slipping down in his wheelchair. "
            "Anyone tried a tilt-in-space chair for that?")
    first = first_suggestion(post)
    assert "Arthur" not in first and "Ripon" not in first and "90" not in first
    assert "keeps slipping down in their wheelchair" in first, first


def test_a_writers_clause_cut_short_leaves_no_stranded_preposition(first_suggestion):
    post = ("The gentleman I do tea calls for in Whitley Bay, Stanley, was found on the floor by his son Friday night "
            "and still refuses a falls pendant. How do you lot approach it?")
    first = first_suggestion(post)
    assert "Stanley" not in first and "Whitley" not in first and "Friday" not in first
    assert " for was " not in first and "refuses a falls pendant" in first, first


@pytest.mark.parametrize("post,kept", [
    # an adjective after "is" is said in the general present
    ("A 3 year old on my caseload at Busy Bees in Wigan, Maisie, is selectively mute at nursery but chats away at "
     "home. Has anyone used the sliding-in technique with a key worker?", "selectively mute at nursery"),
    # the parser's "attr" in "is 6 weeks post…" is no one the person is
    ("My patient Gareth, a 51 year old postman from Neath, is 8 weeks post hip replacement and desperate to get back "
     "to his round. What return-to-work criteria do you use?", "post hip replacement"),
])
def test_the_case_is_said_in_the_general_present(first_suggestion, post, kept):
    first = first_suggestion(post)
    assert kept in first and first.endswith("?"), first


def test_an_acronym_after_a_lead_keeps_its_capitals(first_suggestion):
    post = ("Paramedic client of mine, 29, from Swindon, is finally ready to start trauma work after the motorway "
            "crash last spring. EMDR or CPT for first responders — opinions?")
    first = first_suggestion(post)
    assert "EMDR" in first and "eMDR" not in first, first


def test_a_deleted_apposition_takes_its_closing_comma():
    text = "The lady I visit in Hexham, Joan, was found on the floor."
    assert apply_edits(text, [Edit(text.index(" in Hexham"), text.index(", was"), "")]) == \
        "The lady I visit was found on the floor."
    # a list's next item keeps its comma
    text = "I have a patient on Ward 5, 47M, post-op day 2, whose sats drop."
    assert apply_edits(text, [Edit(text.index(" on Ward"), text.index(", post-op"), "")]) == \
        "I have a patient, post-op day 2, whose sats drop."


def test_an_orphaned_possessive_becomes_an_article():
    text = "19-year-old plumber's son with CF keeps skipping physio."
    assert apply_edits(text, [Edit(0, text.index("'s"), "")]).lower().startswith("a son with cf")


@pytest.mark.parametrize("broken", [
    "Someone today told me they'd been an a hospital person for 40 years.",
    "So proud of a resident who! Got their card.",
    "Someone is the person. Everyone keeps popping in.",
    "A reflective piece about someone who'd been a wartime the person.",
    "A person walked in. Someone, your heart attacks don't always look like that.",
    "The birthday cake we made for someone 100th.",
    "Someone and now look at those cheeks.",
    "Relapsed after, the week their sibling died.",
    "I'm pretty sure I'm someone you saw recently.",
    "A patient and was just told their vision is too poor to drive.",
])
def test_the_gate_refuses_what_a_cut_left_broken(broken):
    assert text_problems(broken, "an original with none of these words") != []


def test_the_gate_still_passes_what_the_writer_wrote(analyzer):
    # the same shapes in the writer's own words are the writer's: "Guess who?" stays
    assert text_problems("Guess who? A client.", "Guess who? My client Jo.") == []
    assert text_problems("They came in after the A&E rush.", "He came in after the A&E rush.") == []


def test_she_has_spoken_is_they_have_spoken(analyzer):
    post = ("My little client Rosie, 6, came to group today with her new hearing aids. First time she's spoken in "
            "front of the others since Easter. Not crying, you are.")
    texts = [s["text"] for s in suggestions(post, analyzer)]
    assert texts and all("they're spoken" not in t for t in texts)
    assert any("they've spoken" in t for t in texts), texts
