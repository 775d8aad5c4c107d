"""POST /v1/rewrite and the two strategies: safe, grammatical, idempotent, and nothing identifying survives."""

import re

import pytest
from broken_phrases import broken_phrases
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from phiguard.rewrite.apply_edits import Edit, apply_edits
from phiguard.rewrite.check_suggestion import text_problems
from phiguard.rewrite.neutral_gender import gendered_words
from phiguard.rewrite.rewrite_post import suggestions

BAD_GRAMMAR = [r",\s*,", r"\(\s*[,;)]", r"[,;(]\s*\)", r"[ \t]{2,}", r"[ \t][,.!?;:]", r"\ba\s+[aeiou]\w", r"\ban\s+[bcdfgjklmnpqrstvwxz]\w",
               r"\bthe a\b", r"\b(?:in|at|on|near|from)\s*[.,!?]"]


def _grammatical(text):
    return [p for p in BAD_GRAMMAR if re.search(p, text, re.I)]


# (post, strategy expected first, words that must survive, words that must go)
CASES = [
    ("I have a client with PTSD and am wondering what interventions might help?", "general_question",
     ["PTSD", "interventions"], ["I have a client"]),
    # A question about one case: the writer's question, with the case in general before it.
    ("My client Sandra, 81, keeps falling in her bathroom in Whitby. Grab rails or a wet room?", "general_question",
     ["falling", "Grab rails"], ["Sandra", "81", "Whitby"]),
    # A celebration is posted as its point in general: what the child did, told in the general present, with the
    # condition it is about (the guidance's own example: "a child with DCD rides a bike without stabilisers").
    ("So proud of my little client Oliver (5, DCD) who rode his bike without stabilisers today! 🚲", "general_reflection",
     ["DCD", "without stabilisers", "rides"], ["Oliver", "(5", "today"]),
    ("My patient John Smith (DOB 03/04/1961, MRN 4459921) at St Mary's in Leeds was discharged yesterday after his stroke.",
     "deidentify", ["stroke", "discharged"], ["John Smith", "1961", "4459921", "St Mary's", "Leeds"]),
    ("The NHS number on my client's referral is 401 023 2137, can admin check why it was rejected?", "deidentify",
     ["referral", "rejected"], ["401 023 2137"]),
    # The de-identified post leaves half a bracket ("lives in a bedsit) missed"), which the gate refuses: the
    # question, asked in general, is what can be posted.
    ("Bit of a vent.\n\nMy client Gary (41, ex-forces, lives in a bedsit in Gosport) missed his third appointment.\n\n"
     "How do you keep engagement going?", "general_question", ["engagement"], ["Gary", "41", "Gosport", "ex-forces"]),
    ("My colour-blind patient, a 67 yo retired headteacher from Truro, was admitted on 3 March with pneumonia. "
     # An admission story with a question: the question, asked in general, comes first.
     "Any advice on recognising delirium?", "general_question", ["pneumonia", "delirium"], ["67 yo", "Truro", "3 March", "headteacher"]),
    ("Working with a family in Hackney where mum has MS and the 10 year old is a young carer. Any local projects?",
     "deidentify", ["MS", "young carer"], ["Hackney", "10 year old"]),
    # A post that only asks for tips about what the client does: what helps with it, asked in general.
    ("my pt in bed 4 keeps pulling out her cannula, any tips??", "general_question", ["keeps pulling out", "cannula"],
     ["bed 4", "pt", "her"]),
]


@pytest.mark.parametrize("post,strategy,kept,gone", CASES, ids=[c[0][:30] for c in CASES])
def test_first_suggestion_is_safe_grammatical_and_keeps_the_topic(analyzer, post, strategy, kept, gone):
    found = suggestions(post, analyzer)
    assert found, "a risky post always gets a suggestion"
    first = found[0]
    assert first["strategy"] == strategy
    assert analyzer.analyze(first["text"]).risk in ("none", "low")
    for word in kept:
        assert word.lower() in first["text"].lower()
    for word in gone:
        assert word not in first["text"]
    assert _grammatical(first["text"]) == []


@pytest.mark.parametrize("post", [c[0] for c in CASES], ids=[c[0][:30] for c in CASES])
def test_every_suggestion_is_safe(analyzer, post):
    for s in suggestions(post, analyzer):
        assert analyzer.analyze(s["text"]).risk in ("none", "low"), s
        assert s["strategy"] in ("deidentify", "general_question", "general_reflection", "topic_only") and s["explanation"]


@pytest.mark.parametrize("post", [c[0] for c in CASES], ids=[c[0][:30] for c in CASES])
def test_rewriting_a_rewrite_changes_nothing(analyzer, post):
    first = suggestions(post, analyzer)[0]["text"]
    assert suggestions(first, analyzer) == []


def test_safe_post_gets_no_suggestions(client):
    body = client.post("/v1/rewrite", json={"text": "Anyone have good resources on splinting after flexor tendon repair?"}).get_json()
    assert body == {"suggestions": [], "risk_before": "none"}


def test_rewrite_endpoint_shape(client):
    body = client.post("/v1/rewrite", json={"text": CASES[0][0]}).get_json()
    assert body["risk_before"] == "medium"
    assert [set(s) for s in body["suggestions"]] == [{"text", "strategy", "explanation"}] * len(body["suggestions"])
    assert body["suggestions"][0]["text"] == "What interventions might help someone with PTSD?"


def test_us_spelling_and_an_all_lower_case_writer(analyzer):
    first = suggestions("my patient's mom called me on 555-201-3344 about her color vision, she's 8", analyzer)[0]["text"]
    assert "555-201-3344" not in first and "color" in first
    assert first[0].islower(), "an all-lower-case post stays lower case"


def test_apply_edits_repairs_only_around_edits():
    assert apply_edits("My client Sandra, 81, keeps falling.", [Edit(0, 16, "someone"), Edit(18, 20, "")]) == "Someone keeps falling."
    assert apply_edits("a 60 year old ex-miner", [Edit(2, 14, "")]) == "an ex-miner"
    assert apply_edits("Keep  my  spacing", []) == "Keep  my  spacing"


NAMES = st.sampled_from(["Sandra", "Gary", "Edna", "Oliver", "Priya", "Mr Henderson", "Mrs Pickering"])
PLACES = st.sampled_from(["Whitby", "Gosport", "Luton", "Barnsley", "Hackney", "Keswick"])
CONDITIONS = st.sampled_from(["PTSD", "COPD", "dementia", "a stroke", "MS", "autism"])
AGES = st.integers(min_value=3, max_value=99)
OPENERS = st.sampled_from(["My client {name}, {age}, from {place} has {cond}.",
                           "I have a client called {name} in {place} with {cond}, aged {age}.",
                           "Had a {age} year old on my caseload in {place} with {cond}.",
                           "My patient {name} ({age}) lives in {place} and has {cond}."])
ASKS = st.sampled_from(["Any tips?", "What would you suggest?", "How do I support her?", "",
                        "She's refusing her meds and he keeps calling.", "Her mum says she doesn't sleep. Ideas?"])
EMOJI = st.sampled_from(["", " 😀", " 🙏🏽", " 👩‍⚕️"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(opener=OPENERS, name=NAMES, place=PLACES, cond=CONDITIONS, age=AGES, ask=ASKS, emoji=EMOJI)
def test_no_identifier_survives_a_rewrite(analyzer, opener, name, place, cond, age, ask, emoji):
    post = (opener.format(name=name, age=age, place=place, cond=cond) + " " + ask + emoji).strip()
    found = suggestions(post, analyzer)
    assert found, post
    for s in found:
        text = s["text"]
        assert analyzer.analyze(text).risk in ("none", "low"), (post, text)
        assert not re.search(rf"(?<!\w){re.escape(place)}(?!\w)", text), (post, text)
        assert not re.search(rf"(?<![\w(]){age}(?!\d)", text), (post, text)
        if "{name}" in opener:
            assert name.split()[-1] not in text, (post, text)
        assert gendered_words(text, analyzer.rule_set.rewrite) == [], (post, text)
        assert text_problems(text, post) == [], (post, text)
        assert broken_phrases(text, post) == [], (post, text)


# Fragments whose span cannot become "someone" where it stands: a street after "on", an aside
# with a public profile, a uniqueness or a venue ("Victoria Rd" and "Weds" are the kind spaCy takes for people).
STREETS = st.sampled_from(["Victoria Rd", "Elm Road", "Moss Lane", "Dale St"])
STORIES = st.sampled_from(["{who} keeps trying to get back to their old house on {street}.",
                           "{who}, captain of the county netball squad, keeps taking off the splint.",
                           "{who} (the only one on our unit with a trach) keeps pulling at the tube.",
                           "{who} lives alone above the chip shop on {street} and keeps missing doses."])
WHO = st.sampled_from(["My client {name}, {age},", "A {age} year old I see", "My patient {name}"])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(story=STORIES, who=WHO, name=NAMES, street=STREETS, age=AGES, ask=ASKS)
def test_a_span_that_is_not_a_person_goes_with_its_phrase(analyzer, story, who, name, street, age, ask):
    post = (story.format(who=who.format(name=name, age=age), name=name, street=street) + " " + ask).strip()
    for s in suggestions(post, analyzer):
        text = s["text"]
        assert broken_phrases(text, post) == [], (post, text)
        assert street not in text and name.split()[-1] not in text, (post, text)
        assert not re.search(r"\b(?:captain|only one|chip shop)\b", text, re.I), (post, text)


# Details that narrow the crowd without being names (rewrite/narrowing_details.py): whatever strategy a suggestion
# comes from, none keeps them, and none is left broken where they went.
MONTHS = st.sampled_from(["March", "June", "October"])
LANGUAGES = st.sampled_from(["Polish", "Romanian", "Urdu", "Hungarian"])
DETAILS = st.sampled_from([
    ("{who} keeps refusing the hoist. Their son is a police officer and visits daily.", ["police officer"]),
    ("{who} has stopped eating since their wife died in {month}.", ["{month}", "wife"]),
    ("{who} in bay {bay} keeps pulling out the cannula.", ["bay {bay}"]),
    ("{who} is in Year {year} and refuses to go into class.", ["Year {year}"]),
    # a titled name (detection flags it); a bare first name the parse tags as an adverb ("Oliver, she's") is not flagged
    ("{titled}, she's {language} only and gets scared at night.", ["{language}", "{titled}"]),
    ("{who} is lonely. Their daughter lives in {place} and never rings.", ["{place}", "lives and"]),
])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(detail=DETAILS, who=WHO, name=NAMES, age=AGES, month=MONTHS, language=LANGUAGES, place=PLACES,
       bay=st.sampled_from(["C", "4", "12"]), year=st.integers(min_value=1, max_value=11), ask=ASKS,
       titled=st.sampled_from(["Mr Henderson", "Mrs Pickering", "Mrs Okoro"]))
def test_a_detail_that_narrows_the_crowd_goes_whole(analyzer, detail, who, name, age, month, language, place, bay, year,
                                                    ask, titled):
    story, gone = detail
    values = {"who": who.format(name=name, age=age), "titled": titled, "month": month, "language": language,
              "place": place, "bay": bay, "year": year}
    post = (story.format(**values) + " " + ask).strip()
    for s in suggestions(post, analyzer):
        text = s["text"]
        assert broken_phrases(text, post) == [], (post, text)
        for word in gone:
            assert not re.search(r"(?<!\w)" + re.escape(word.format(**values)) + r"(?!\w)", text), (post, text)
