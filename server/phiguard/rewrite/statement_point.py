"""A tribute, celebration, joke or vent about one person: the writer's point in general, in the post's own voice.

"Thirteen hour shift and the highlight was the 84yo in bay 3 who told me I had 'hands like a butcher'… 😂 #nurselife"
is funny because of the person, and the person is what identifies. What can be posted is its point: "Another shift,
and patients still make me laugh 😂 #nurselife". The kind of post (grief, a farewell, pride, humour, a hard day,
frustration with the system) is read from its cue words; the line for each kind is data
(`rewrite.statement_rewrite.kinds`). The post's own closing words are kept when they are general ("Love this job
sometimes", "Send help."), and so are its emoji and the hashtags that name no one.
"""

from __future__ import annotations

import re

from .care_situation import first_of, situation_in
from .cue_words import has_cue
from .general_question import conditions_in, join_words
from .story_sentences import is_story_sentence, safe_hashtags, sentences, story_marks

_EMOJI = re.compile("(?:[\U0001F1E6-\U0001F1FF]{2}|[\U0001F300-\U0001FAFF\u2600-\u27BF])[\uFE0F\U0001F3FB-\U0001F3FF]?"
                    "(?:\u200d[\U0001F300-\U0001FAFF\u2600-\u27BF]\uFE0F?)*")
_HASHTAG = re.compile(r"(?<![\w#])#[A-Za-z]\w*")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_DIGIT = re.compile(r"\d")
_I = re.compile(r"^I(?:['’](?:m|ll|ve|d))?$")
# "Sleep tight, T.": a lone capital is someone's initial ("RED-S" is not)
_INITIAL = re.compile(r"(?<![\w'’-])[B-HJ-Z](?![\w'’-])")
# "ELEVEN PM MAUREEN.'", "'she's asking where her parrot is'": quoted words are someone else's (a writer's scare quote
# round one word, "we're 'greedy'", and an elision, "get 'em", are the writer's own)
_QUOTE_MARK = re.compile("[\"“”]|[.!?…]['’]|(?<![A-Za-z])['‘]\\w+\\s[^'‘’]*['’](?![A-Za-z])")


def _first_word(text: str, words, default: str) -> str:
    hit = first_of(text, [{"words": [w], "word": w} for w in words], "word")
    return hit[0] if hit else default


def post_kind(text: str, spec: dict):
    return next((kind for kind in spec.get("kinds", []) if has_cue(text, kind["cues"])), None)


def _narrates(words, rule) -> bool:
    """"Smiled and said nothing.", "Took him in anyway.": a past-tense verb with no subject carries the story on
    ("Mandated reporting is done" does not)."""
    if words[0].replace("’", "'") in rule.get("narrative_openers", []):
        return True  # "Didn't even flinch 😂": the story's past, its subject left behind
    return words[0].endswith("ed") and (len(words) < 2 or words[1] in rule.get("narrative_next_words", []))


def _closing(text: str, marks, spec: dict):
    """The post's last sentence when it says something general in the writer's voice, without its emoji and tags;
    else the one before it when that one is the writer's own feeling ("I can't stop shaking." before "Go and hold
    your little ones x")."""
    spans = sentences(_HASHTAG.sub(lambda m: " " * len(m.group()), text))
    if len(spans) < 2:
        return None
    line = _closing_line(text, spans[-1], marks, spec)
    if line is None and len(spans) >= 3:
        line = _closing_line(text, spans[-2], marks, spec)
        writer = spec.get("closing", {}).get("writer_openers", [])
        if line and (_WORD.findall(line) or [""])[0].lower().replace("’", "'") not in writer:
            return None
    return line


def _closing_line(text: str, span, marks, spec: dict):
    line = _EMOJI.sub("", _HASHTAG.sub("", text[span[0]:span[1]])).strip()
    rule = spec.get("closing", {})
    # "But I'm so tired." went on from the story; after a general line it stands as "I'm so tired."
    opener = re.match(r"(\w+),?\s+(?=\w)", line)
    if opener and opener.group(1).lower() in rule.get("dropped_openers", []):
        line = line[opener.end():]
        line = line[:1].upper() + line[1:]
    kept = _closing_words(text, span, marks, rule, line)
    turns = list(re.finditer(r"(?:,\s*|\s)(?:" + "|".join(map(re.escape, rule["turn_words"])) + r")\s+(?=\w)", line, re.I)) \
        if rule.get("turn_words") else []
    if kept is None and turns:
        turn = turns[-1]
        # "Sorted now but honestly DWP letters are terrifying for people with LD": after the turn is the writer's point
        tail = line[turn.end():]
        kept = _closing_words(text, span, marks, rule, tail[:1].upper() + tail[1:])
    return kept


def _closing_words(text: str, span, marks, rule: dict, line: str):
    words = [w.lower() for w in _WORD.findall(line)]
    if words and words[-1] in rule.get("dangling_words", []) and _HASHTAG.search(text[span[0]:span[1]]):
        return None  # "Proud to work in #MentalHealth": the hashtag was a word of the sentence, and without it the line hangs
    free = line.lower()
    for phrase in rule.get("kept_phrases", []):
        free = free.replace(phrase, "")
    refused = set(rule.get("refused_words", []))
    # "Oh Alfie", "Chapel Rd"; and "Mayo ingenuity" after "Co." ended a sentence: a word of a finding is the story's.
    marked = {w.lower() for a, b in marks for w in _WORD.findall(text[a:b])}
    names = [w for i, w in enumerate(_WORD.findall(line)) if (i and w[:1].isupper() and not w.isupper() and not _I.match(w)) or w.lower() in marked]
    if not 2 <= len(words) <= rule.get("max_words", 10) or (words[0] == "i" and len(words) < 3) or is_story_sentence(text, span, marks) or _DIGIT.search(line) \
            or any(w in refused for w in _WORD.findall(free.replace("’", "'"))) or _narrates(words, rule) \
            or not line[:1].isupper() or names or _INITIAL.search(line) or _QUOTE_MARK.search(line):
        return None
    return line


def _setting(text: str, settings: dict) -> str:
    """"shift in A&E", "day in court": the post's unit or service, else its kind of shift, else the default."""
    place = first_of(text, settings.get("phrases", []), "setting")
    if place:
        return place[0].replace("{word}", place[1])
    return _first_word(text, settings.get("words", []), settings.get("default", "day at work")).lower()


def _fill(template: str, text: str, spec: dict, conditions=(), event: str = "", situation: str = "") -> str:
    setting = _setting(text, spec.get("settings", {}))
    role = _first_word(text, spec.get("roles", []), "")
    with_role = spec.get("with_role", "with a {role}").replace("{role}", role) if role else spec.get("without_role", "at work")
    words = template.replace("{with_role}", with_role).replace("{setting}", setting).replace("{role}", role or "person")
    words = words.replace("{someone}", "a " + role if role else "someone").replace("{conditions}", join_words(conditions) if conditions else "")
    words = words.replace("{event}", event).replace("{situation}", situation)
    return re.sub(r"\ba(?= [aeiou])", "an", words)


def _topics(text: str, conditions, rule) -> list:
    """The conditions that read well after "someone with": not a device or a setting ("someone with catheter"), with
    an article where the noun needs one ("a spiral fracture"), and an eponym spelt as the post spells it."""
    # a word that reads as no condition after "with" in an event ("heroin", "crisis team") reads as none here either
    after_with = rule.get("with_condition", {})
    refused = {w.lower() for w in rule.get("refused", []) + after_with.get("refused", [])}
    countable = {w.lower() for w in rule.get("countable", [])}
    heads = {w.lower() for w in after_with.get("countable_heads", [])}
    out = []
    for condition in conditions:
        if condition.lower() in refused:
            continue
        written = re.search(re.escape(condition), text, re.I)
        if written and condition.lower().endswith("'s"):
            condition = written.group()
        if condition.lower() in countable or (condition.lower().split() or [""])[-1] in heads \
                and not re.match(r"(?:a|an|the)\s", condition.lower()):
            condition = ("an " if condition[:1].lower() in "aeiou" else "a ") + condition
        out.append(condition)
    return out


def _repeats(closing: str, line: str) -> bool:
    """"Such a privilege." after "…a privilege to be part of their care": the closing says nothing new."""
    said = {w.lower() for w in _WORD.findall(line)}
    return any(len(w) > 4 and w.lower() in said for w in _WORD.findall(closing))


def _point(text: str, template: str, kind, conditions, marks, spec: dict, event: str = "", situation: str = ""):
    line = _fill(template, text, spec, conditions, event, situation)
    if not line:
        return None
    closing = _closing(text, marks, spec)
    if closing and _repeats(closing, _fill(template, text, spec)):  # the post's condition named again is no repeat
        closing = None
    if closing and situation and _repeats(closing, situation):
        return None  # "…someone in aphasia therapy… Aphasia therapy works!": the closing says the topic, the plain line will do
    if closing:
        line = line + " " + (closing if closing[-1] in ".!?" else closing + ".")
    # Only emoji that say how the writer feels: an object (🍔, 🏊‍♂️) can be part of the story, or carry a gender.
    allowed = set((kind or {}).get("emoji", spec.get("kept_emoji", [])))
    emoji = [e for e in dict.fromkeys(m.group() for m in _EMOJI.finditer(text)) if e in allowed][:3]
    if emoji:
        line = (line[:-1] if line.endswith(".") else line) + " " + "".join(emoji)
    tags = safe_hashtags(text, marks)
    # The bare default line leads only with a point of the writer's own after it ("Recovery is real."), not a
    # note ("Troponin fine.") that the de-identified post keeps in its context.
    leads = bool(kind) or bool(closing and len(_WORD.findall(closing)) >= spec.get("closing", {}).get("min_words_to_lead", 3))
    return line + (" " + " ".join(tags) if tags else ""), leads


def statement_point(text: str, findings, spec: dict, rw=None, event=None) -> list:
    """[(suggestion, leads)], best first; leads is False for the bare default line, which says little of the post.
    The post's own event told in general comes first, framed by its kind ("Nothing beats the moment when a child with DCD
    rides a bike…", `with_event`); then the line with the post's condition, the one without it after (the gate may
    refuse a condition that reads as a name, "Kawasaki disease")."""
    if not spec:
        return []
    marks = story_marks(text, findings)
    kind = post_kind(text, spec)
    plain = (kind or {}).get("text", spec.get("default", ""))
    # The clinical topic survives where the kind has words for it (a proud moment, a hard day, frustration).
    with_condition = kind.get("with_condition") if kind else spec.get("default_with_condition")
    topics = dict(spec.get("topics", {}), with_condition=spec.get("event", {}).get("with_condition", {}))
    conditions = _topics(text, conditions_in(text, findings, rw), topics) if with_condition else []
    conditions = conditions if len(conditions) == 1 else []  # "living with ulcer and diabetes" is not English
    # With no condition, the care the person was going through is the topic ("someone going through chemo").
    with_situation = kind.get("with_situation") if kind else spec.get("default_with_situation")
    situation = situation_in(text, findings, spec) if with_situation and not conditions else None
    templates = [with_condition, plain] if conditions else [with_situation, plain] if situation else [plain]
    points = [_point(text, t, kind, conditions if t is with_condition else [], marks, spec,
                     situation=situation if t is with_situation else "") for t in templates]
    # A kind with no words for an event (grief, a farewell) keeps its own line: "Some days in this job, a patient asks…"
    # says nothing of a loss.
    framed = ((kind or {}).get("with_event") if kind else spec.get("default_with_event")) if event else None
    if framed:
        points.insert(0, _point(text, framed, kind, [], marks, spec, event))
    return [p for p in points if p]
