"""Phrase-level edits of the rewriter, each on the shape that used to break: what the first suggestion must say."""

import pytest
from phiguard.detection.assess_risk import Finding
from phiguard.rewrite.check_suggestion import text_problems
from phiguard.rewrite.deidentify_in_place import age_as_words
from phiguard.rewrite.drop_age_filler import drop_adult_filler
from phiguard.rewrite.general_question import conditions_in
from phiguard.rewrite.rewrite_post import suggestions

# (post, exact first suggestion)
FIRST = [
    # "son's" is a family noun, made neutral, not "someone's".
    ("My client's son's carer keeps cancelling. Any advice?", "Someone's child's carer keeps cancelling. Any advice?"),
    # An adult's band says nothing: not "they're an adult and just found out"; the case is asked in general.
    ("Sat with my client 😢 she's 52 and just found out her cancer has spread. What do you say in that moment?",
     "When someone finds out their cancer has spread, what do you say in that moment?"),
    # The condition joins the "someone" the question already has, rather than a second one at the end.
    ("I have a patient with lymphoedema and am wondering what compression options work for someone who can't manage stockings?",
     "What compression options work for someone with lymphoedema who can't manage stockings?"),
    # A short question that names one condition gets the other at its end, not a lead question before it.
    ("My colour-blind patient, a 67 yo retired headteacher from Truro, was admitted on 3 March with pneumonia. "
     "Any advice on recognising delirium?", "Any advice on recognising delirium for someone with pneumonia?"),
]


@pytest.mark.parametrize("post,expected", FIRST, ids=[p[:40] for p, _ in FIRST])
def test_first_suggestion(analyzer, post, expected):
    found = suggestions(post, analyzer)
    assert found and found[0]["text"] == expected


# (statement post, its de-identified suggestion): offered after the post's point in general.
DEIDENTIFIED = [
    # "Dear," alone is not English: the greeting goes with the name.
    ("Dear Frank, you told me on our last visit in Penzance that you weren't afraid. I hope that was true. Rest well.",
     "You told me on our last visit that you weren't afraid. I hope that was true. Rest well."),
    # The apposition's commas both go: not "Someone, with ADHD got".
    ("My young client, 8, with ADHD got his first merit certificate today and came running to show me 😭 #proud",
     "A young client with ADHD got their first merit certificate and came running to show me 😭 #proud"),
    # The place goes, the writer's "!" and emoji stay.
    ("Massive celebration in clinic today: my 7 year old with cerebral palsy rode her trike across the hall in Dundee! 🚲💪",
     "Massive celebration in clinic today: someone with cerebral palsy rode a trike across the hall! 🚲💪"),
]


@pytest.mark.parametrize("post,expected", DEIDENTIFIED, ids=[p[:40] for p, _ in DEIDENTIFIED])
def test_deidentified_suggestion(analyzer, post, expected):
    assert expected in [s["text"] for s in suggestions(post, analyzer) if s["strategy"] == "deidentify"]


# (post, the in-place suggestion): a post that asks something gets its question in general first; the
# in-place rewrite still follows it, and its phrase edits must still hold.
IN_PLACE = [
    # A place that only names the market goes, the market stays: not "works nights fish market".
    ("My client works nights at the Grimsby fish market and can't make daytime appointments. Any ideas for flexible support?",
     "A client works nights at the fish market and can't make daytime appointments. Any ideas for flexible support?"),
    # The age is the noun ("a 9 year old refusing"): not "Working with a refusing school".
    ("Working with a 9 year old refusing school since her nan died. Any resources on grief and school refusal?",
     "Working with someone refusing school since their grandparent died. Any resources on grief and school refusal?"),
    ("Yesterday my client with schizophrenia told me he'd stopped his clozapine because of the weight gain. He's 33. "
     "What are the risks of stopping suddenly?", "A client with schizophrenia told me they'd stopped their "
     "clozapine because of the weight gain. What are the risks of stopping suddenly?"),
    # "One of my patients, an 84 year old widower in Lerwick," is one patient: the apposition only restates who.
    ("One of my patients, an 84 year old widower in Lerwick, has stopped eating since his wife died. What has helped "
     "your clients with grief and appetite?", "A patient has stopped eating since their partner died. What has helped "
     "your clients with grief and appetite?"),
]


@pytest.mark.parametrize("post,expected", IN_PLACE, ids=[p[:40] for p, _ in IN_PLACE])
def test_in_place_suggestion(analyzer, post, expected):
    found = suggestions(post, analyzer)
    assert [s["text"] for s in found if s["strategy"] == "deidentify"] == [expected]
    assert found[0]["strategy"] == "general_question"


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
    "A blind patient, someone retired person, was admitted.", "Their person is threatening eviction.",
    "A baby whose someone has been losing weight.", "A review for someone with someone's who wants to move.", "They were older and had been.", "took the train to someone to see family",
])
def test_gate_refuses_fillers_that_read_as_nonsense(broken):
    assert text_problems(broken, "")


@pytest.mark.parametrize("fine", [
    "They're a person who loves gardening.", "I'm seeing someone in their home.", "A message from someone I support.",
    "Only just.", "They're an adult and dreading the radio.", "It was someone's idea.", "Waiting 14 weeks for someone to call back.", "They went to someone's house.", "Any advice on recognising delirium in someone with pneumonia?",
])
def test_gate_allows_the_same_words_used_well(fine):
    assert text_problems(fine, "") == []


@pytest.mark.parametrize("text,expected", [
    ("Someone is an adult and has EDS.", "Someone has EDS."),
    ("They're an adult and dreading the radio.", "They're dreading the radio."),
    ("A patient is an adult, has long COVID and was let go.", "A patient has long COVID and was let go."),
    ("Yesterday they stopped. They're an adult. What now?", "Yesterday they stopped. What now?"),
    ("They're a child and on three meds already.", "They're a child and on three meds already."),
])
def test_an_adult_band_the_rewrite_made_goes(text, expected):
    assert drop_adult_filler(text, "") == expected


def test_an_adult_the_writer_wrote_stays():
    assert drop_adult_filler("They're an adult and it's their choice.", "She's an adult and it's her choice.") \
        == "They're an adult and it's their choice."


def test_a_question_about_the_story_person_names_them_in_general(analyzer):
    post = ("My patient Olu is 45, a taxi driver in Leicester, and was just told his vision is too poor to drive after "
            "his diabetic retinopathy got worse. How do I support him with the loss of his job?")
    assert suggestions(post, analyzer)[0]["text"] == \
        "How do I support someone with diabetic retinopathy with the loss of their job?"


@pytest.mark.parametrize("post,expected", [
    # "Case" names the meeting, not a person; the count of breakdowns ("third") narrows it to one child.
    ("Case discussion: 14 year old girl in foster care in Telford, third placement breakdown this year, now self-harming. "
     "What's worked for you with placement stability?", "Case discussion: a young person in foster care, placement "
     "breakdown this year, now self-harming. What's worked for you with placement stability?"),
    # A question about the story's person: the problem ("has stopped eating since their partner died") leads the
    # question, the rest of the story goes.
    ("One of my patients, an 84 year old widower in Lerwick, has stopped eating since his wife died. What has helped "
     "your clients with grief and appetite?", "When someone has stopped eating since their partner died, what has "
     "helped your clients with grief and appetite?"),
])
def test_first_suggestion_of_case_talk(analyzer, post, expected):
    assert suggestions(post, analyzer)[0]["text"] == expected


@pytest.mark.parametrize("post,expected", [
    # A pasted note's name goes with its title and initials, and the quote still opens on a capital.
    ('Pasting my handover note, does this read ok? "Mr J. Okoye, 67, bed 12, post-op day 2 after a hip replacement, '
     'mobilising with a frame, pain controlled." Too much detail?', 'Pasting my handover note, does this read ok? '
     '"Post-op day 2 after a hip replacement, mobilising with a frame, pain controlled." Too much detail?'),
    # "he's left in a wet pad" is passive: "they're left", not "they've left".
    ("Honestly exhausted. My client Terry's carers keep missing his 7am call in Sunderland, so he's left in a wet pad. "
     "Who do I complain to?", "Honestly exhausted. A client's carers keep missing their 7am call, so they're left in a "
     "wet pad. Who do I complain to?"),
    # A 15-year-old boy is a young person, not a child.
    ("Case talk, anonymised-ish: 15yo boy, county lines, excluded from his academy in Luton, mum works nights. He's been "
     "missing since Tuesday. What's your first call?", "Case talk, anonymised-ish: young person, county lines, excluded "
     "from their academy, their parent works nights. They've been missing. What's your first call?"),
    ("Client update 💛 my lovely gentleman with Parkinson's danced at his granddaughter's wedding in Cardiff on Saturday!",
     "Client update 💛 someone with Parkinson's danced at their grandchild's wedding!"),
])
def test_first_suggestion_of_notes_and_shift_talk(analyzer, post, expected):
    assert suggestions(post, analyzer)[0]["text"] == expected


def test_gate_refuses_a_quotation_left_open():
    assert text_problems('Does this read ok? " Too much detail?', 'Does this read ok? "Mr J." Too much detail?')


@pytest.mark.parametrize("post,expected", [
    ("Rest easy Mrs Adebayo. 31 years on dialysis at the Freeman and never once without lipstick. 🕯️",
     "Some patients stay with you. Thinking today of someone I cared for who died: it was a privilege to be part of "
     "their care 🕯️"),
])
def test_a_story_with_nothing_general_says_what_kind_of_post_it_was(analyzer, post, expected):
    assert suggestions(post, analyzer)[0]["text"] == expected


def test_a_greeting_loses_its_name_and_a_letter_its_addressee(analyzer):
    from phiguard.rewrite.deidentify_in_place import edits_for
    for text, name in [("Hi Margaret, following up from my visit to your husband in Whitby on Monday.", "Margaret"),
                       ("You walked out of Ward 4 on your own two feet today. So proud of you Kyle 🎉", "Kyle")]:
        start = text.index(name)
        finding = Finding(start, start + len(name), "PERSON", "high", 0.85, "", category="name")
        assert [e.replacement for e in edits_for(text, [finding], analyzer.rule_set)] == [""]


def test_a_celebration_with_nothing_general_offers_its_kind(analyzer):
    post = "You walked out of Ward 4 in Doncaster on your own two feet today, 9 weeks after the crash. So proud of you Kyle 🎉"
    assert suggestions(post, analyzer)[0]["text"] == "A proud moment at work today: moments like this are why I do this job 🎉"


def test_a_grief_post_that_can_be_kept_in_place_offers_its_kind_too(analyzer):
    post = "RIP Mr Okonjo, 96, who taught me to play dominoes on Ward 11 every Sunday afternoon. 🕯️ #nursing"
    found = [s["text"] for s in suggestions(post, analyzer)]
    assert found[0] == ("Some patients stay with you. Thinking today of someone I cared for who died: it was a "
                        "privilege to be part of their care 🕯️ #nursing")
    assert "RIP someone who taught me to play dominoes every Sunday afternoon. 🕯️ #nursing" in found[1:]


def test_a_relative_who_died_is_not_the_writers_loss(analyzer):
    from phiguard.rewrite.reflect_on_kind import kind_reflection
    found = kind_reflection("She's 19 and her mum died last year, so it was just her and me in the delivery room.",
                            analyzer.rule_set.rewrite)
    assert found is None or found[1] != "grief"


def test_a_condition_written_as_an_adjective_is_its_noun_in_a_template(analyzer):
    text = "My client is diabetic, works nights at the Rotherham steelworks and has been cutting his own toenails. Any advice?"
    assert "diabetes" in conditions_in(text, analyzer.analyze(text).all_findings, analyzer.rule_set.rewrite)


def test_a_title_and_initial_go_with_the_place_and_the_age(analyzer):
    # Detection underlines "Mr T" (person_name.title_initial); the rewrite must drop it with the ward
    # and the age whichever route it takes, and keep the question.
    post = "Mr T on Ward 5 (aged 86) keeps pulling out his catheter at night. Any tips?"
    first = suggestions(post, analyzer)[0]["text"]
    assert first in ("Someone keeps pulling out a catheter at night. Any tips?",
                     "For someone who keeps pulling out their catheter at night: any tips?")
