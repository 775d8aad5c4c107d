"""The last resort for a warned post: an honest line that says only that there was a story, with no detail of it.

When every other suggestion is refused (broken, or still identifying), a post still gets something it could send,
rather than nothing: "A memorable night shift at work. The details stay with me: they could identify the person."
The setting word is the post's own ("clinic", "home visit") from `rewrite.story_settings`; the words are data.
"""

from __future__ import annotations

import re

STRATEGY = "topic_only"


def story_without_details(text: str, rw: dict):
    template = rw.get("templates", {}).get("story_without_details")
    if not template:
        return None
    settings = rw.get("story_settings", {})
    found = [(m.start(), -len(w), w) for w in settings.get("words", [])
             for m in [re.search(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])", text, re.I)] if m]
    setting = min(found)[2] if found else settings.get("default", "encounter")
    return template.replace("{setting}", setting.lower())
