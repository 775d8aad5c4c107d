"""Apply span replacements to a text (with presidio-anonymizer) and repair the grammar right around each one.

Only the words next to an edit are touched (articles, capitals, stray commas), so the rest
of what the user wrote stays exactly as they wrote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

from .check_suggestion import article_for

_SENTENCE_START = re.compile(r"(?:^|[.!?…]['\")\]]?\s+|\n\s*)$")
_ARTICLE_BEFORE = re.compile(r"\b([Aa]n?)(\s+)$")
_FIRST_AFTER_BLANKS = re.compile(r"[ \t]*(.?)", re.S)
_NEXT_WORD = re.compile(r"[ \t]*([A-Za-z]+)")
_THE_BEFORE = re.compile(r"\b(?:[Tt]he|[Oo]ur|[Mm]y|[Tt]heir)\s+$")
_STARTS_WITH_ARTICLE = re.compile(r"^(?:a|an|someone)\b", re.I)
_VOWEL_SOUND = re.compile(r"^[aeiouAEIOU]")


def _someone_as(first: str) -> str:
    """ "someone" with the case of the word it replaces ("A someone" -> "Someone")."""
    return "Someone" if first.isupper() else "someone"


# Punctuation left behind when a detail between commas or in brackets is removed:
# "Sandra, 81, keeps" -> "someone, , keeps" -> "someone keeps". [ \t] rather than \s keeps line breaks.
# The words a rewrite leaves for a person inside brackets whose name and details went.
_BRACKETED_PERSON = r"someone|a patient|a client|a person|a resident"
_TIDY = [
    # "(NHS no. 485 777 3457)" -> "(NHS no.)" -> "": a label whose number went goes too.
    (re.compile(r"[ \t]*\((?:NHS|SSN|MRN|DOB|NI|NHS no\.?|NHS number|Medicaid ID)[ \t]*\)", re.I), ""),
    (re.compile(r"\([ \t]*(?:[,;][ \t]*)+"), "("),
    (re.compile(r"(?:[ \t]*[,;])+[ \t]*\)"), ")"),
    (re.compile(r"[ \t]*\([ \t]*\)"), ""),
    (re.compile(r",[ \t]*(?:(?:a|an|the)[ \t]*)?,[ \t]*"), " "),
    (re.compile(r"\b([Aa])n?[ \t]+(?=(?:with|who|in|at|on|from|is|was|has|had)\b|[,.;:!?)])"), r"\1 person "),
    (re.compile(r"(^|[.!?][ \t]+|\n[ \t]*)(?:[,;:][ \t]*)+"), r"\1"),  # "Tonight: 19F, OD" -> "OD", not ", OD"
    # "18-year-old farmer's son with CF" -> "'s child with CF": the possessor went, so the child is anyone's
    (re.compile(r"(^|[.!?][ \t]+|\n)[ \t]*['’]s[ \t]+(?=[a-z])"), r"\1a "),
    (re.compile(r"\b(?:near|at|in|on|from|to)[ \t]+(?:the[ \t]+)?(?=[.,;:!?])"), ""),
    (re.compile(r",[ \t]*(?=[.!?](?:\s|$))"), ""),  # not before a note's "?falls": a query, not a sentence's end
    (re.compile(r"([–—])[ \t]*[,;:][ \t]*"), r"\1 "),
    (re.compile(r":[ \t]*[,;][ \t]*"), ": "),  # "help: 28M, professional..." -> "help: recurrent...", not "help:,"
    (re.compile(r":[ \t]*(?=[.!?])"), ""),  # "at it again – 54M, ETOH" -> "at it again – ETOH", not "–,"
    (re.compile(r"[,;][ \t]*(?=[–—])"), " "),
    (re.compile(r",[ \t]*$", re.M), ""),
    (re.compile(r"\b([Ss]omeone)(?:[ \t]+someone)+\b"), r"\1"),  # a name beside a rewritten reference
    # "Guy came in" -> "A someone came in", "a 70-something lady" -> "a 70-something someone": the article kept
    # before the person it no longer names goes with its age band; "This bloke, 58," -> "This someone" wants a noun
    # ("Gave her a Twix and a hug" -> "a someone and a hug" is a thing read as a name: the gate still refuses it)
    (re.compile(r"\b([Aa])n?(?:[ \t]+[\w]+-(?:something|ish))?[ \t]+someone\b(?=[ \t]+(?!and\b|or\b)[\w'’])"),
     lambda m: _someone_as(m.group(1))),
    (re.compile(r"\b([Tt])(?:his|hat)[ \t]+someone\b"), lambda m: _someone_as(m.group(1))),
    # "This bloke, 58, ex-miner from Merthyr, cried" -> "someone, cried": the details between subject and verb went
    (re.compile(r"\b([Ss]omeone),[ \t]+(?=[a-z]+ed\b|(?:is|was|has|had|came|went|got|said|told|keeps|kept)\b)"),
     r"\1 "),
    (re.compile(r",[ \t]*someone(?=[ \t]*[:!])"), ""),  # a name the writer addressed: "Thanks for the review, Jo:"
    (re.compile(r"((?:^|(?<=\s))[\"“])[ \t]*[,;:][ \t]*"), r"\1"),  # an opening quote whose first words went: '"post-op'
    (re.compile(r"((?:^|(?<=\s))[\"“])[ \t]+(?=\w)"), r"\1"),  # '" known to CAMHS' -> '"known to CAMHS'
    # "the patient (someone)": the brackets named the person the words before them already say
    (re.compile(r"\b((?:the|a|an)[ \t]+(?:patient|client|resident|person|pt)|someone)[ \t]*\([ \t]*(?:"
                + _BRACKETED_PERSON + r")[ \t]*\)"), r"\1"),
    # "check if bed 14 (Mr Patel, DOB…) had…" -> "check if someone had…": what the brackets added to went before them
    (re.compile(r"\([ \t]*(" + _BRACKETED_PERSON + r")[ \t]*\)"), r"\1"),
    (re.compile(r"[ \t]{2,}"), " "),
    (re.compile(r"[ \t]+([,.;:)]|[!?](?!\w))"), r"\1"),  # a note's " ?falls" keeps its blank
    (re.compile(r"(?<![.])\.\.(?![.])"), "."),  # "is back. 4th time this week." -> "is back.", not "back.."
    (re.compile(r"\([ \t]+"), "("),
    (re.compile(r"^[ \t]+|[ \t]+$", re.M), ""),
]
# "their NHS no. is": a full stop after an abbreviation does not end the sentence.
_ABBREVIATION_BEFORE = re.compile(r"\b(?:no|nos|dr|mr|mrs|ms|st|vs|etc|approx|dept|e\.g|i\.e)\.$", re.I)
# "Any tips? x": a kiss signing off is not a sentence to capitalise
_SIGN_OFF = re.compile(r"x+\s*$|x+\s*\n")
_LOWER_SENTENCE_START = re.compile(r"(^|[.!?][ \t]+[\"“]?|\n[ \t]*)([a-z])")


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    replacement: str


def _merge(edits):
    merged = []
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if merged and e.start < merged[-1].end:
            last = merged[-1]
            # Overlapping edits: keep the wider span, and whichever replacement says something.
            merged[-1] = Edit(last.start, max(last.end, e.end), last.replacement or e.replacement)
        else:
            merged.append(e)
    return merged


LOOK_BACK = 80  # characters: enough for "... the", "an", a sentence end


def _closing_comma(text: str, edit: Edit) -> Edit:
    """ "calls for in Hastings, Ngaire, was found": a deletion that took the comma opening an apposition
    (" in Hastings, Ngaire") takes the comma that closed it, or the verb is cut from its subject."""
    deleted = text[edit.start:edit.end]
    if edit.replacement or "," not in deleted.strip(" ,") or not text.startswith(",", edit.end) \
            or not _APPOSED_NAME.fullmatch(deleted.rsplit(",", 1)[1]):
        return edit  # "…at Mercy General, 47M, post-op…": the comma after an item of a list stays
    return Edit(edit.start, edit.end + 1, "")


_INITIAL_AT_END = re.compile(r"(?:^|[\s(])[A-Z]$")
_LEADING_MARK = re.compile(r"[:;,–—][ \t]+")
_APPOSED_NAME = re.compile(r"\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s*")


def _settle(text: str, edit: Edit) -> Edit:
    """Decide the final words of one edit from the text around it: the article before it ("a" or
    "an"), capitals at a sentence start. The article, when it must change, joins the edit."""
    edit = _closing_comma(text, edit)
    lead = _LEADING_MARK.match(text, edit.start, edit.end)
    if edit.replacement and lead and edit.start > 0 and text[edit.start - 1].isalnum():
        # "Sheffield earlier: 23 year old lad whose…" -> "earlier: a person whose…", not "earliera person": the mark
        # before the phrase is the sentence's, not the person's
        edit = Edit(lead.end(), edit.end, edit.replacement)
    if text.startswith(".,", edit.end) and _INITIAL_AT_END.search(text, edit.start, edit.end):
        # "Tanya R., 34," -> "someone, 34,": the initial's stop, not a sentence's end ("the stories, Mrs B.")
        edit = Edit(edit.start, edit.end + 1, edit.replacement)
    start, replacement = edit.start, edit.replacement
    window = max(0, start - LOOK_BACK)
    before = text[window:start]
    following = _FIRST_AFTER_BLANKS.match(text, edit.end).group(1)  # all the article choice needs
    next_word = replacement or following
    article = _ARTICLE_BEFORE.search(before)
    if not replacement:
        word = _NEXT_WORD.match(text, edit.end)
        if word and word.group(1) in _NOT_A_NOUN_WORD:
            article = None  # "to a dentist and" -> "to a and": no noun to fit, and the gate refuses it
    if article and next_word:
        wanted = "an" if _VOWEL_SOUND.match(next_word) else "a"
        if article.group(1)[0] == "A":
            wanted = wanted.capitalize()
        if wanted != article.group(1):
            start = window + article.start()
            replacement = wanted + article.group(2) + replacement
            before = text[window:start]
    if replacement and _STARTS_WITH_ARTICLE.match(replacement) and _THE_BEFORE.search(before):
        start = window + _THE_BEFORE.search(before).start()  # "at the St Mary's" -> "at a hospital", not "at the a hospital"
        before = text[window:start]
    original_first = text[start:edit.end].lstrip()[:1]
    # A cut window must not look like the start of the text to "^".
    if replacement and _SENTENCE_START.search(("x" + before) if window else before) and not original_first.islower():
        # Capitalise at a sentence start, unless the writer did not ("my pt..." stays lower case).
        replacement = replacement[0].upper() + replacement[1:]
    return Edit(start, edit.end, replacement)


def _apply(text: str, edits) -> str:
    """Presidio's anonymizer applies the replacements: one operator per edit, since each has its own words."""
    results = [RecognizerResult(f"EDIT_{i}", e.start, e.end, 1.0) for i, e in enumerate(edits)]
    # "replace" with an empty value would fall back to "<EDIT_0>"; a deletion is a "redact".
    operators = {f"EDIT_{i}": OperatorConfig("replace", {"new_value": e.replacement}) if e.replacement
                 else OperatorConfig("redact") for i, e in enumerate(edits)}
    return _anonymizer().anonymize(text=text, analyzer_results=results, operators=operators).text


@lru_cache(maxsize=1)
def _anonymizer() -> AnonymizerEngine:
    return AnonymizerEngine()


def apply_edits(text: str, edits) -> str:
    edits = _merge(edits)
    if not edits:
        return text
    settled = _merge([_settle(text, e) for e in edits])
    result = _apply(text, settled)
    for pattern, repl in _TIDY:
        result = pattern.sub(repl, result)
    # A sentence whose first word was removed now starts in lower case; an all-lower-case
    # writer keeps their style.
    first_letter = next((ch for ch in text if ch.isalpha()), "")
    if first_letter.isupper():
        result = _LOWER_SENTENCE_START.sub(
            lambda m: m.group(0) if _ABBREVIATION_BEFORE.search(result, 0, m.start() + 1) or _SIGN_OFF.match(result, m.end(1))
            else m.group(1) + m.group(2).upper(),
            result)
    return _fit_articles(result, text).strip()


_ARTICLE_PAIR = re.compile(r"\b([Aa]n?)(\s+)([a-z][a-z'-]*)")
_NOT_A_NOUN_WORD = {"and", "or", "but", "of", "to", "in", "on", "at", "is", "was", "the", "a", "an", "if", "as"}


def _fit_articles(result: str, original: str) -> str:
    """Two edits side by side ("a 45-year-old accountant": the age goes, the job becomes "person") leave an
    article chosen for a word that is gone: "an person". Only pairs the writer did not write are changed."""
    lowered = original.lower()

    def fit(m):
        if m.group().lower() in lowered or m.group(3) in _NOT_A_NOUN_WORD:
            return m.group()  # "a and": the noun went, and the gate refuses it; a fitted "an and" would hide that
        wanted = article_for(m.group(3))
        if m.group(1)[0] == "A":
            wanted = wanted.capitalize()
        return wanted + m.group(2) + m.group(3)
    return _ARTICLE_PAIR.sub(fit, result)
