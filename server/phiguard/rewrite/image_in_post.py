"""A post that shares a photo, a screenshot or a video: the image itself can identify the person, whatever the caption.

"[photo of residents in party hats, faces visible]", "[screenshot of reception WhatsApp]", "see pic": no rewrite of
the words can make the picture safe (a face, a name badge, a whiteboard, a chat). Every suggestion for such a post
says so in its explanation, and offers the caption's point without the image. The cues and the note are data
(`rewrite.statement_rewrite.images`).
"""

from __future__ import annotations

from .cue_words import has_cue


def image_note(text: str, spec: dict) -> str | None:
    """The note to add to each suggestion's explanation, or None for a post that shares no image."""
    if not spec or not has_cue(text, spec.get("cues", [])):
        return None
    return spec.get("note")
