"""A question whose "this" or "it" stands for the whole situation the story told ("How would you approach this?",
"How do you lot handle this??", "Do I call it in?"): it can be asked of peers once the situation is said before it
in general ("When someone keeps refusing the bed alarm, how do you handle this?"), never alone.

A word that points at one thing of the story ("at this age", "Anyone else had this?", "this drug") is not the
situation: the question still needs what only the story named.
"""

from __future__ import annotations

STORY = "story"  # the kind of question (story_question's kinds): asked of the situation the lead must say


def points_at_situation(token, deictics, story_objects) -> bool:
    """token is a bare "this"/"that"/"it" that is the object of the question's main verb (or of its particle,
    "call it in"): what is to be handled, approached or done is the situation."""
    word = token.lower_
    if word not in deictics and word not in story_objects or token.tag_ not in ("DT", "PRP"):
        return False
    if token.dep_ != "dobj" or any(c.dep_ in ("amod", "compound", "prep", "relcl") for c in token.children):
        return False  # "this" as a determiner or subject ("this age", "this is..."), or a phrase of its own
    verb = token.head
    return verb.pos_ == "VERB" and (verb.dep_ == "ROOT" or verb.dep_ in ("xcomp", "ccomp") and verb.head.dep_ == "ROOT") \
        and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("you", "i", "we") for c in
                [*verb.children, *verb.head.children])
