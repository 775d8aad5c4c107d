"""Strategy "general_question": ask what the post asks, about the condition in general rather than the person.

"I have a client with PTSD and am wondering what interventions might help?"
-> "What interventions might help someone with PTSD?"
Works on the de-identified text, so nothing identifying can come back in.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .sentence_spans import sentence_pattern

STRATEGY = "general_question"
LEAD_BELOW_WORDS = 8

_WH = re.compile(r"^(?:what|how|which|who|where|when|why)\b", re.I)
_IF = re.compile(r"^(?:if|whether)\s+", re.I)
_ENDS_WITH_VERB = re.compile(r"\b(?:help|support|suit|benefit|work for|motivate|engage|reassure)$", re.I)
_SOMEONE = re.compile(r"\bsomeone\b(?!['’])", re.I)
_STORY_PRONOUN = re.compile(r"\b(?:(support|help|get|reassure|motivate|engage)\s+them|"
                            r"they(?=\s+(?:can|could|will|would|should|might|may)\b))\b", re.I)
_PEOPLE = re.compile(r"\b(?:patients|clients|people|families|parents|children|kids|residents|carers)\b", re.I)
_OBJECT_PRONOUN = re.compile(r"\b(?:for|with|help|support|to)\s+(?:her|him|them)\b", re.I)


def join_words(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# "someone with relapsed" is not English: only noun-like conditions fit "someone with ...".
_VERBAL = re.compile(r"(?:ed|ing)$|^(?:keeps?|kept|tried|took)\b", re.I)


def _adjacent_joined(conditions, text) -> list:
    """ "diabetic" and "retinopathy" found side by side are one condition, "diabetic retinopathy"."""
    joined = []
    for f in sorted(conditions, key=lambda f: f.start):
        if joined and re.fullmatch(r"[ \t]", text[joined[-1].end:f.start]):
            joined[-1] = replace(joined[-1], end=f.end)
        else:
            joined.append(f)
    return joined


_EPONYMS: dict = {}


def eponyms(vocabularies) -> dict:
    """The conditions the vocabulary spells with a capital ("Down syndrome", "Parkinson's"), by their lower case
    (built once per loaded list: it has thousands of terms)."""
    terms = (vocabularies or {}).get("health_conditions", [])
    if id(terms) not in _EPONYMS:
        _EPONYMS.clear()
        _EPONYMS[id(terms)] = (terms, {t.lower(): t for t in terms if t[:1].isupper() and t[1:2].islower()})
    return _EPONYMS[id(terms)][1]


def conditions_in(text: str, findings, rw=None, capitals=None) -> list:
    """The condition names of a post that read well after "someone with": not "someone with rehab". capitals:
    eponyms(), whose capital stays at a sentence's start ("Down syndrome", never "down syndrome")."""
    seen = {}
    countable = tuple(w.lower() for w in (rw or {}).get("countable_condition_openers", []))
    skipped = {w.lower() for w in (rw or {}).get("not_conditions_for_templates", [])}
    for f in _adjacent_joined([f for f in findings if f.category == "condition"], text):
        if f.category == "condition":
            term = text[f.start:f.end]
            # "blind" in "colour-blind" is part of another word: "someone with blind" is not English.
            glued = (f.start > 0 and text[f.start - 1] == "-") or text[f.end:f.end + 1] == "-"
            if not _VERBAL.search(term) and term.lower() not in skipped and not glued:
                if term[:1].isupper() and term[1:].islower() and re.search(r"(?:^|[.!?:]\s*|\n\s*)$", text[:f.start]) \
                        and term.lower() not in (capitals or {}):
                    term = term.lower()  # "Detox day 5" opens a sentence: "someone with detox", not "Detox"
                term = (rw or {}).get("condition_nouns", {}).get(term.lower(), term)  # "someone with diabetes", not "diabetic"
                if term.lower().startswith(countable):
                    term = ("an " if term[:1].lower() in "aeiou" else "a ") + term  # "someone with a broken wrist"
                seen.setdefault(term.lower(), term)
    return list(seen.values())


def _mentions(text: str, terms) -> bool:
    return all(re.search(r"\b" + re.escape(t) + r"\b", text, re.I) for t in terms)


def _from_wondering(sentence: str, conditions, rw) -> str | None:
    cues = sorted(rw.get("wondering_cues", []), key=len, reverse=True)
    for cue in cues:
        m = re.search(r"\b" + r"\s+".join(map(re.escape, cue.split())) + r"\b\s*(.+)$", sentence, re.I)
        if not m:
            continue
        rest = m.group(1).strip().rstrip(".?!…").strip()
        if not rest:
            return None
        who = "someone with " + join_words(conditions) if conditions else "someone"
        if _WH.match(rest):
            question = rest
        elif _IF.match(rest):
            question = "Any thoughts on whether " + _IF.sub("", rest)
        else:
            question = "Any advice on " + rest
        if conditions and not _mentions(question, conditions) and _SOMEONE.search(question):
            # "what works for someone who can't manage stockings" -> "... for someone with lymphoedema who can't..."
            question = _SOMEONE.sub(who, question, count=1)
        elif conditions and not _mentions(question, conditions):
            replaced, n = _OBJECT_PRONOUN.subn(lambda p, who=who: p.group(0).rsplit(None, 1)[0] + " " + who, question, count=1)
            if n:
                question = replaced
            elif _ENDS_WITH_VERB.search(question):
                question = f"{question} {who}"
            else:
                question = f"{question} for {who}"
        return question[0].upper() + question[1:] + "?"
    return None


def general_question(original: str, findings, deidentified: str, rule_set):
    """(question, shape) where shape is "wondering" for a one-sentence ask, "questions" or "topic"; or None."""
    rw = rule_set.rewrite
    conditions = conditions_in(original, findings, rw, eponyms(rule_set.vocabularies))
    sentences = [s.strip() for s in sentence_pattern(rw.get("question_rewrite", {})).findall(deidentified) if s.strip()]
    for sentence in sentences:
        question = _from_wondering(sentence, conditions, rw)
        if question:
            return question, ("wondering" if len(sentences) == 1 else "questions")
    cues = set(rw.get("question_cues", []))
    questions = [s for s in sentences if s.endswith("?") or s.split()[0].lower().strip(",") in cues]
    templates = rw.get("templates", {})
    if questions and (conditions or len(" ".join(questions).split()) >= 6):
        # "Any ideas?" alone, with no condition to ask about, is not a question anyone can answer.
        body = " ".join(questions)
        # A question that names one of the conditions already asks about it: no lead to repeat it.
        # A long question already says what it asks ("How do you get older patients to call 999?"); a short
        # one ("Any tips?") needs the condition, unless it names one.
        if not _SOMEONE.search(body) and not _PEOPLE.search(body):
            # "How do I support them with the loss of their job?": the story's person has no antecedent left, so
            # the question names them in general ("support someone with diabetic retinopathy with...").
            unnamed = [c for c in conditions if not _mentions(body, [c])]
            who = "someone with " + join_words(unnamed) if unnamed else "someone"
            body = _STORY_PRONOUN.sub(lambda m: (m.group(1) + " " if m.group(1) else "") + who, body, count=1)
        named = [c for c in conditions if _mentions(body, [c])]
        if named and len(named) < len(conditions) and len(questions) == 1 and len(body.split()) < LEAD_BELOW_WORDS \
                and body.endswith("?"):
            # "Any advice on recognising delirium?" -> "... delirium in someone with pneumonia?"
            others = [c for c in conditions if c not in named]
            body = body[:-1].rstrip() + " in someone with " + join_words(others) + "?"
        elif conditions and len(body.split()) < LEAD_BELOW_WORDS and not named:
            lead = templates.get("question_with_condition", "What would you suggest for someone with {conditions}?")
            body = lead.replace("{conditions}", join_words(conditions)) + " " + body
        return body, "questions"
    if conditions:
        topic = templates.get("topic_only", "What has worked for you when supporting someone with {conditions}?")
        return topic.replace("{conditions}", join_words(conditions)), "topic"
    return None
