"""Session 10's rewrite shapes, each on fresh posts: a statement's line names the condition as the post does, a
question that comes before its case is still asked with the case, an age said as the noun before a time word
becomes its band, and a phrase removed at a line's end leaves the next line alone."""

import re

from phiguard.rewrite.condition_phrase import condition_phrases
from phiguard.rewrite.parse_for_rewrite import parser_of
from phiguard.rewrite.rewrite_post import suggestions


def _phrases(analyzer, text):
    findings = analyzer.analyze(text).all_findings
    spans = parser_of(analyzer).run(text, lambda doc: condition_phrases(doc, findings))
    return {text[a:b]: text[c:d] for (a, b), (c, d) in spans.items()}


def test_a_condition_takes_the_words_that_say_which_one(analyzer):
    assert _phrases(analyzer, "My patient finally let me dress her venous leg ulcer today.").get("ulcer") in (
        "leg ulcer", "venous leg ulcer")
    # a name, a number or a possessive is no part of the condition
    assert _phrases(analyzer, "My client Margaret's ulcer was dressed twice this week.") == {}
    # a hyphenated modifier is taken whole or not at all: "knee amputation" would lose "below-"
    assert _phrases(analyzer, "My patient has a below-knee amputation.") == {}


def test_a_statements_line_names_the_condition_as_the_post_does(first_suggestion):
    post = ("Three years I've been visiting Mrs Okonkwo in Skegness and today her diabetic foot ulcer finally closed. "
            "Tears all round.")
    first = first_suggestion(post)
    assert "Okonkwo" not in first and "Skegness" not in first
    assert re.search(r"\b(?:foot ulcer|diabetic foot ulcer)\b", first), first


def test_a_question_before_its_case_is_asked_with_the_case(first_suggestion):
    post = "Anyone know a good wheelchair charity near Hull? My client is a 44 year old roofer with MS who just lost his job."
    first = first_suggestion(post)
    assert "Hull" not in first and "roofer" not in first and "44" not in first
    assert "MS" in first and "lost their job" in first and first.endswith("?"), first


def test_an_age_said_as_the_noun_before_a_time_word_becomes_its_band(first_suggestion):
    post = ("Saw a 7 year old today, Ruby, with 4 abscessed molars and her dad says she sips juice all night. "
            "When do you refer to the community dental service?")
    first = first_suggestion(post)
    assert "Ruby" not in first and "7 year old" not in first
    assert "a child with 4 abscessed molars" in first, first
    assert not re.search(r"\ba today\b", first)


def test_a_phrase_removed_at_a_lines_end_leaves_the_next_line(analyzer):
    post = ("Mr Derek Ambler was discharged from Airedale on Monday with no carers booked and his son lives in Canada.\n"
            "Who should I ring first, the ward or the council?")
    found = suggestions(post, analyzer)
    assert any("ring first" in s["text"] for s in found), found
    for s in found:
        # every suggestion that keeps the question keeps it whole, on its own line or sentence
        if "ring first" in s["text"]:
            assert "Who should I ring first, the ward or the council?" in s["text"], s["text"]
        assert not s["text"].startswith("\n")
