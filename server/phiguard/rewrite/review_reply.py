"""A public reply to a review or complaint, as a regulator expects it: thanks and regret in general, nothing more.

"Hi Sandra, the reason your prescription was not issued is that the GP wanted to review you first…" confirms that
the reviewer is a patient and discusses their care in public. The reply that can be posted thanks them, says sorry
in general, says that care is not discussed in public and invites them to get in touch privately. The practice's
own contact line ("Please contact our Birth Reflections service.") is kept when it names nobody and nothing of the
care; the words are data (`rewrite.statement_rewrite.review_reply`).
"""

from __future__ import annotations

import re

from .cue_words import has_cue
from .story_sentences import sentences, story_marks

_WE = re.compile(r"\b(?:we|we're|we've|we'd|we'll|our|us)\b", re.I)


def _greets_and_regrets(text: str, spec: dict) -> bool:
    """"Hi Aoife, sorry to hear you're still struggling…": a reply that opens on a name and says sorry."""
    greetings = "|".join(re.escape(g) for g in spec.get("greetings", []))
    opens = greetings and re.match(r"\s*(?:@\S+\s+)?(?:" + greetings + r")\b[^.!?\n]{0,40}?[,!—-]", text, re.I)
    return bool(opens) and has_cue(text, spec.get("regrets", []))


def is_review_reply(text: str, spec: dict) -> bool:
    return has_cue(text, spec.get("cues", [])) or _greets_and_regrets(text, spec)


def _contact_line(text: str, findings, spec: dict):
    # "our patient liaison team" mentions no patient in particular: only what identifies keeps a line out.
    marks = story_marks(text, [f for f in findings if f.category not in ("mention", "context")])
    for start, end in sentences(text):
        line = text[start:end].strip()
        if any(a < end and b > start for a, b in marks):
            continue
        if has_cue(line, spec.get("contact_cues", [])) and not has_cue(line, spec.get("contact_refused", [])):
            return line
    return None


def review_reply(text: str, findings, spec: dict) -> list:
    """The replies, best first: with the post's own contact line if it has one (the gate judges it), else the
    invitation from data."""
    if not spec or not is_review_reply(text, spec):
        return []
    reply = spec["we"] if _WE.search(text) or "i" not in spec else spec["i"]
    contact = _contact_line(text, findings, spec)
    label = _label(text, findings, spec)
    return [label + reply + " " + line for line in dict.fromkeys([contact, spec.get("invitation", "")]) if line]


def _label(text: str, findings, spec: dict) -> str:
    """ "Reply from the practice: ", "Response from the owner: ": the platform's label of a reply stays, if it names
    nobody."""
    words = "|".join(re.escape(w) for w in spec.get("label_words", []))
    m = words and re.match(r"\s*((?:[\w'’]+ ){0,3}(?:" + words + r")(?: [\w'’]+){0,3}):\s", text, re.I)
    if not m or any(f.start < m.end(1) for f in findings if f.category != "condition"):
        return ""
    return m.group(1)[0].upper() + m.group(1)[1:] + ": "
