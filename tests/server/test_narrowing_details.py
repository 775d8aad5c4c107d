"""The in-place rewrite drops what narrows the crowd with the phrase or clause that carries it, and never leaves the
broken leftovers a deleted argument or a swapped name used to leave (rewrite/narrowing_details.py, broken_swaps.py)."""

import re

import pytest
from phiguard.rewrite.broken_swaps import swap_problems
from phiguard.rewrite.rewrite_post import suggestions

# (post, words that must go, words that must stay): written for issue 10, round 5.
CASES = [
    # a relative's public role, in a relative clause
    ("Working with a teenager with anorexia whose dad is the local vicar. How do you build trust with the family?",
     ["vicar"], ["anorexia", "build trust"]),
    # a relative's job, coordinated with what they did: the job goes, the subject stays for the next verb
    ("My client with a brain injury is home now. Her parents are both police officers and keep filming our sessions. "
     "How would you handle it?", ["police", "officers"], ["keep filming our sessions"]),
    # a dated bereavement: the loss may be the point, the relative and the month are not
    ("My client with COPD has stopped coming to rehab since her husband died in March. Any tips for engagement?",
     ["March", "husband"], ["since a loss", "COPD"]),
    # a bay number goes with its preposition
    ("The lady in bay D with delirium keeps pulling her cannula out. Any tips?", ["bay D"], ["delirium", "cannula"]),
    # a school year goes
    ("Have a Year 8 lad with autism who has stopped talking in class. Any ideas?", ["Year 8"], ["autism", "talking in class"]),
    # an only language is not a nationality to keep
    ("My patient with dementia, Mrs Farkas, she's Hungarian only and gets distressed at night. Any tips?",
     ["Hungarian", "Someone,"], ["non-English-speaking", "dementia"]),
    # a distinctive event goes with its phrase
    ("My client with epilepsy had a seizure at a stag do in Newcastle last weekend. How do you talk about alcohol "
     "and seizures?", ["stag do", "Newcastle"], ["epilepsy", "alcohol and seizures"]),
    # a place lived in keeps a place: never "lives and never visits"
    ("My client with MS is struggling at home. Her son lives in Portugal and never visits. Any advice on carer support?",
     ["Portugal", "lives and"], ["lives elsewhere and never visits"]),
]


@pytest.mark.parametrize("post,gone,kept", CASES, ids=[c[0][:40] for c in CASES])
def test_the_in_place_rewrite_drops_what_narrows_and_keeps_the_point(analyzer, post, gone, kept):
    in_place = [s["text"] for s in suggestions(post, analyzer) if s["strategy"] == "deidentify"]
    assert in_place, "no in-place rewrite"
    text = in_place[0]
    for word in gone:
        assert not re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text), (word, text)
    for words in kept:
        assert words in text, (words, text)
    assert swap_problems(text, post, analyzer.rule_set.rewrite) == []


# (broken text, the original it came from): each is a leftover the gate must refuse.
BROKEN = [
    ("Someone, they're scared of the hoist.", "Jo, she's scared of the hoist."),
    ("Their child lives and never rings.", "Her son lives in Leeds and never rings."),
    ("Does anyone know if adult with the PE is still for DOAC?", "Does anyone know if 47yo with the PE is still for DOAC?"),
    ("They love trains and someone.", "He loves trains and Bluey."),
    ("A young person with syndrome is refusing food.", "A young person with Rett syndrome is refusing food."),
    ("And you can finally feed their 🥳", "And you can finally feed her 🥳"),
]


@pytest.mark.parametrize("text,original", BROKEN, ids=[b[0][:30] for b in BROKEN])
def test_the_gate_refuses_what_a_deletion_or_swap_left_broken(analyzer, text, original):
    assert swap_problems(text, original, analyzer.rule_set.rewrite)


@pytest.mark.parametrize("text", [
    "They live with their partner and never go out.", "A child with Down syndrome is refusing food.",
    "Does anyone know if an adult with the PE is still for DOAC?", "They love trains and Bluey.",
])
def test_the_gate_allows_the_same_words_used_well(analyzer, text):
    assert swap_problems(text, "", analyzer.rule_set.rewrite) == []


def test_her_before_an_emoji_is_them(analyzer):
    post = "Mrs Patel, 84, who's been nil by mouth since Monday finally passed flatus and I could feed her 🥳 #nursing"
    texts = [s["text"] for s in suggestions(post, analyzer)]
    assert any("feed them 🥳" in t for t in texts) and not any("their 🥳" in t for t in texts), texts
