"""The rewrites of a post that asks nothing: a tribute, a celebration, a joke, a vent, a long reflection, a reply.

Such a post is made safe by saying its point in general, not by swapping words inside its story: a long post keeps
its general paragraphs (`keep_general_paragraphs`), a reply to a review becomes the reply a regulator expects
(`review_reply`), and a post about one person says what kind of moment it was (`statement_point`). Each is
re-analysed and checked like every other suggestion; the words are data (`rewrite.statement_rewrite`).
"""

from __future__ import annotations

from .cue_words import has_cue
from .keep_general_paragraphs import general_paragraphs
from .review_reply import review_reply
from .statement_point import statement_point

STRATEGY = "general_reflection"


def is_statement(text: str, spec: dict) -> bool:
    """A post with no question in it: no question mark, and no "any ideas" or "advice welcome" asked without one."""
    if "?" in text:
        return False
    return not has_cue(text, spec.get("asking_cues", []))


def statement_rewrites(text: str, findings, rw: dict, event=None) -> list:
    """[(suggestion, explanation, leads, fallback, kind)], best first, for a statement post; [] for a post that asks
    something. A suggestion that leads goes before every other; the rest only before the last resort. A fallback
    (the reply without the post's contact line, the line without its condition) is only wanted when the gate
    refuses the suggestion before it. kind: "reply", "paragraphs", "event" (the line tells the post's event in
    general) or "point" (it says the kind of moment, with the writer's own general words)."""
    spec = rw.get("statement_rewrite", {})
    if not spec or not is_statement(text, spec):
        return []
    explanations = spec.get("explanations", {})
    replies = review_reply(text, findings, spec.get("review_reply", {}))
    if replies:
        return [(reply, explanations.get("review_reply", ""), True, i > 0, "reply") for i, reply in enumerate(replies)]
    out = []
    kept = general_paragraphs(text, findings, spec.get("paragraphs", {}))
    if kept:
        out.append((kept, explanations.get("paragraphs", ""), True, False, "paragraphs"))
    points = statement_point(text, findings, spec, rw, event)
    # the first point tells the post's event when one was built and framed: its explanation says so
    told = bool(event) and bool(points) and event in points[0][0]
    for i, (point, leads) in enumerate(points):
        kind = "event" if told and i == 0 else "point"
        out.append((point, explanations.get(kind, explanations.get("point", "")), leads, i > 0, kind))
    return out
