"""Strategy "general_reflection" for a story with nothing general in it: say what kind of post it was, without the story.

A grief post, a celebration or a hard shift tells one person's story, and the story is what identifies them.
When no sentence of the post can stand without it, what can be posted is the post's point in general:
"Thinking today of a patient I lost. It was a privilege to be part of their care." The kinds, their cue words
and their words are data (`rewrite.reflections`); the writer's hashtags stay.
"""

from __future__ import annotations

import re

STRATEGY = "general_reflection"
_HASHTAG = re.compile(r"(?<![\w#])#[A-Za-z]\w*")


def _cue(text: str, cue: str) -> bool:
    if cue[:1].isalnum():
        return re.search(r"(?<![\w-])" + re.escape(cue) + r"(?![\w-])", text, re.I) is not None
    return cue in text  # an emoji


def _role(text: str, roles):
    found = [(m.start(), role) for role in roles for m in [re.search(r"\b" + re.escape(role) + r"s?\b", text, re.I)] if m]
    return min(found)[1] if found else None


def kind_reflection(text: str, rw: dict):
    """(suggestion, kind) for the first kind of `rewrite.reflections` whose cues the post has, or None."""
    spec = rw.get("reflections", {})
    for kind in spec.get("kinds", []):
        if any(_cue(text, c) for c in kind["cues"]):
            role = _role(text, spec.get("roles", []))
            if role is None and "{role}" in kind["text"]:
                words = kind.get("without_role", kind["text"].replace("{role}", "person"))
            else:
                with_role = spec.get("with_role", "with a {role}").replace("{role}", role) if role \
                    else spec.get("without_role", "at work")
                words = kind["text"].replace("{with_role}", with_role).replace("{role}", role or "")
            words = re.sub(r"\ba(?= [aeiou])", "an", words)
            tags = list(dict.fromkeys(_HASHTAG.findall(text)))
            return (words + (" " + " ".join(tags) if tags else "")), kind["kind"]
    return None
