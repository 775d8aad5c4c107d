"""Posts that ask nothing (long reflections, replies to reviews, tributes, jokes, vents) are posted as their point in
general: the general paragraphs kept whole, the reply a regulator expects, or the kind of moment in the writer's voice."""

import re
from pathlib import Path

import pytest
from phiguard.rewrite import rewrite_post
from phiguard.rewrite.rewrite_post import suggestions
from phiguard.rewrite.statement_post import is_statement, statement_rewrites

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


# (post, exact first suggestion); written for issue 10, round 3.
FIRST = [
    # The story's sentence goes, the list item's general lesson before it stays.
    ("Five things a year on the stroke unit taught me.\n\n1. Swallow screens save lives.\n\n2. Families remember how "
     "you spoke to them.\n\n3. Never give up on someone. The retired Royal Mail postman from Keswick, 79, who we "
     "thought would never walk again, danced at his granddaughter's wedding in June.\n\n4. Rehab starts on day "
     "one.\n\n5. Tea fixes most things. #stroke #nursing",
     "Five things a year on the stroke unit taught me.\n\n1. Swallow screens save lives.\n\n2. Families remember how "
     "you spoke to them.\n\n3. Never give up on someone.\n\n4. Rehab starts on day one.\n\n5. Tea fixes most things. "
     "#stroke #nursing"),
    # A list item that only told the story goes with its number; the rest are renumbered and the heading recounts.
    ("Four lessons from my first year in district nursing.\n\n1. Listen first. People tell you what they need.\n\n"
     "2. My favourite was Mr Hughes on Elm Road, 88, a retired signalman who made me tea every Tuesday.\n\n3. Write "
     "it down. If it isn't documented, it didn't happen.\n\n4. Ask for help. Nobody expects you to know everything. "
     "#districtnursing",
     "Three lessons from my first year in district nursing.\n\n1. Listen first. People tell you what they need.\n\n"
     "2. Write it down. If it isn't documented, it didn't happen.\n\n3. Ask for help. Nobody expects you to know "
     "everything. #districtnursing"),
    # A reply to a complaint confirms nothing and discusses no care; the practice's own contact line stays.
    ("Hi Gary, we're sorry you were unhappy with your son's physio at our Leeds clinic in May. Our records show he "
     "missed 4 of 6 sessions. Please contact our patient liaison team.",
     "Thank you for your feedback, and we're sorry to hear you're unhappy. We can't discuss anyone's care in a public "
     "reply, but we'd welcome the chance to talk this through. Please contact our patient liaison team."),
    # A joke about one patient: its point, with the setting, emoji and hashtags of the post.
    ("Twelve-hour night shift and the highlight was a 91 year old ex-miner from Barnsley telling me my cannulas are "
     "worse than his pit injuries 😂 #nightshift #nurselife",
     "Another night shift, and the best laughs are the ones I can't share 😂 #nightshift #nurselife"),
    # A celebration keeps the writer's own general closing and the condition it is about; the name in "Oh Ellie,
    # you star." and the gendered swimmer emoji go.
    ("So proud of my swimmer client Ellie, 12, who won gold at the county gala in Hereford after her ACL repair 🏊‍♀️🥇 "
     "Oh Ellie, you star. Hard work pays off. #physio",
     "A proud moment today for a client living with an ACL injury: moments like this are why I do this job. Hard "
     "work pays off. #physio"),
]


@pytest.mark.parametrize("post,expected", FIRST, ids=[p[:40] for p, _ in FIRST])
def test_first_suggestion_of_a_statement(first_suggestion, post, expected):
    assert first_suggestion(post) == expected


@pytest.mark.parametrize("post", [
    "My client with MND is losing her voice. Any ideas for voice banking?",
    "Working with a 9 year old who won't wear his splint, ideas welcome",
])
def test_a_post_that_asks_gets_no_statement_rewrite(analyzer, post):
    rw = analyzer.rule_set.rewrite
    assert not is_statement(post, rw["statement_rewrite"])
    assert statement_rewrites(post, analyzer.analyze(post).all_findings, rw) == []


def test_a_reply_without_a_contact_line_invites_a_private_conversation(first_suggestion):
    post = ("Dear Mrs Akhtar, we are sorry you feel your father's discharge from Ward 9 was rushed. His OT assessment "
            "on the Friday showed he was safe on the stairs.")
    first = first_suggestion(post)
    assert first.endswith("Please get in touch with us directly.")
    assert "father" not in first and "discharge" not in first and "OT" not in first


def test_a_grief_post_keeps_its_feeling_emoji_not_its_objects(first_suggestion):
    post = "RIP to the loveliest man, Mr Jones from bed 8, who taught me to play crib ❤️🃏 #nursing"
    first = first_suggestion(post)
    assert first.startswith("Some patients stay with you.")
    assert "❤️" in first and "🃏" not in first and first.endswith("#nursing")


def _statement_posts(name):
    posts = []
    for line in (CORPUS / f"{name}_phi.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("text: "):
            posts.append(line[6:].replace("\\n", "\n"))
    return [p for p in posts if "?" not in p]


def test_the_stock_placeholder_is_rare_for_statement_posts(analyzer, first_suggestion):
    # Before issue 10 round 3 it was the first suggestion of 9 of blind10's 64 warned statement posts.
    placeholder = analyzer.rule_set.rewrite["templates"]["story_without_details"].split("{setting}")[1].strip()
    firsts = [first_suggestion(p) for p in _statement_posts("blind10") if analyzer.analyze(p).risk in ("medium", "high")]
    assert len(firsts) > 40
    assert sum(placeholder in f for f in firsts) <= 1


@pytest.mark.parametrize("post,starts,kept", [
    # A letter to a patient: its gratitude in general, not the patient's story.
    ("To the lad in cubicle 6 who held my torch while I stitched his mate's hand at 3am: you were a legend. #ED",
     "To the people who let me be part of their care", "#ED"),
    # A hard day keeps its clinical topic; "a retired miner from Ashington" goes.
    ("Exhausted. Spent the whole shift with a retired miner from Ashington whose COPD just keeps getting worse. "
     "#respiratory", "It was a hard shift: supporting someone with COPD", "#respiratory"),
])
def test_a_statement_keeps_its_point_and_topic(first_suggestion, post, starts, kept):
    first = first_suggestion(post)
    assert first.startswith(starts) and kept in first
    assert "Ashington" not in first and "miner" not in first and "cubicle" not in first


def test_a_condition_the_gate_refuses_leaves_the_line_without_it(analyzer):
    rw = analyzer.rule_set.rewrite
    post = "Exhausted. Spent the whole shift with a retired miner from Ashington whose COPD just keeps getting worse."
    points = [s for s, *_ in statement_rewrites(post, analyzer.analyze(post).all_findings, rw)]
    assert points[0].startswith("It was a hard shift: supporting someone with COPD")
    assert points[1].startswith("It was a hard shift. Some days stay with you")


def test_the_line_without_the_condition_stands_in_only_when_the_first_is_refused(analyzer, first_suggestion, monkeypatch):
    post = "Exhausted. Spent the whole shift with a retired miner from Ashington whose COPD just keeps getting worse."
    found = [s["text"] for s in suggestions(post, analyzer)]
    assert found[0].startswith("It was a hard shift: supporting someone with COPD")
    assert not any(s.startswith("It was a hard shift. Some days") for s in found)
    real = rewrite_post.text_problems
    monkeypatch.setattr(rewrite_post, "text_problems",
                        lambda text, original: ["refused for the test"] if "COPD" in text else real(text, original))
    assert first_suggestion(post).startswith("It was a hard shift. Some days stay with you")


# Written for issue 10, round 4, before they were run: what happened, told in general, framed by the post's kind.
def test_a_celebration_tells_the_milestone_in_the_general_present(analyzer, first_suggestion):
    post = "So proud today: my little lad Jacob (6, cerebral palsy) walked across the gym with his new walker 🎉 #paedsphysio"
    first = first_suggestion(post)
    assert "walks across the gym" in first and "cerebral palsy" in first
    assert not any(w in first for w in ("Jacob", "6", "his", "lad", "today"))
    assert first.endswith("#paedsphysio")
    told = suggestions(post, analyzer)[0]["explanation"]
    assert told == analyzer.rule_set.rewrite["statement_rewrite"]["explanations"]["event"]


def test_a_rant_frames_its_event_as_frustration_without_laughing(first_suggestion):
    post = "Rant: the gent in bed 12 pulled out his NG tube for the fourth time tonight. The system is broken 😂"
    first = first_suggestion(post)
    assert first.startswith("It's frustrating when a patient pulls out their NG tube")
    assert "😂" not in first and "fourth" not in first and "12" not in first


def test_a_grief_post_keeps_its_own_line_not_an_event(first_suggestion):
    post = "RIP Mr Davies, 88, who taught me to make proper tea on my first ward 💔 #nursing"
    first = first_suggestion(post)
    assert first.startswith("Some patients stay with you.") and "tea" not in first


def test_what_the_person_said_is_not_retold(first_suggestion):
    post = "The gent in bay 4 told me my cannulas are \"a work of art\" and then asked the doctor for my number 😂"
    assert "work of art" not in first_suggestion(post)


def test_a_photo_post_says_the_image_must_not_be_posted(analyzer):
    post = "[photo of Mrs K, 90, on the exercise bike] So proud of our resident who cycled 5 miles for charity today 🎉"
    found = suggestions(post, analyzer)
    assert found and all("must not be posted" in s["explanation"] for s in found)
    assert "[photo" not in found[0]["text"]


def test_a_reply_keeps_the_platforms_label(analyzer):
    post = ("Reply from the practice: Dear Mr B, we are sorry you feel your appointment was rushed. Our records show you "
            "arrived 20 minutes late.")
    # detection alone decides whether this post is warned; the reply is what it gets when it is
    first = statement_rewrites(post, analyzer.analyze(post).all_findings, analyzer.rule_set.rewrite)[0][0]
    assert first.startswith("Reply from the practice: Thank you for your feedback")
    assert "20 minutes" not in first and "Mr B" not in first


@pytest.mark.parametrize("post,refused", [
    # written for issue 10, round 6: an initial, and a quoted line, are someone else's, not the writer's point
    ("Lost a patient on our ward this week after years with heart failure. Fly high, J.", " J."),
    ("Lost a patient on our ward this week after years with heart failure. 'Keep the kettle on, nurse.'", "kettle"),
])
def test_a_closing_that_names_or_quotes_someone_is_not_kept(first_suggestion, post, refused):
    assert refused not in first_suggestion(post)


def test_a_statement_post_is_not_answered_by_a_question_it_never_asked(first_suggestion):
    # written for issue 10, round 6: a topic question the post never asked goes after the honest line
    post = "Came off a night of three arrests, the last one a 50 year old at the Asda in Hull. Home to bed."
    first = first_suggestion(post)
    assert "?" not in first


def test_a_closing_that_hangs_without_its_hashtag_is_not_kept(first_suggestion):
    # written for issue 10, round 6: the hashtag was a word of the sentence; "Proud to work in." is no sentence
    post = "Our client Jo, 34, from Hull, moved into her own flat today after two years in hostels. Proud to work in #Housing"
    first = first_suggestion(post)
    assert not re.search(r"\bin\.", first)
