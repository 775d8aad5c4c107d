"""Build, check and rank the rewrites of one post. Every suggestion is re-analysed: none is returned that is still risky."""

from __future__ import annotations

import re

from ..detection.assess_risk import SEVERITY_RANK
from .bare_question import only_bare_questions
from .broken_swaps import swap_problems
from .case_as_question import case_as_question, without_asides, without_swapped_appositions
from .check_suggestion import sentence_problems, someone_agreement, text_problems, verbless_sentences
from .condition_phrase import condition_phrases, with_whole_conditions
from .deidentify_in_place import STRATEGY as DEIDENTIFY
from .deidentify_in_place import deidentify
from .general_question import STRATEGY as GENERAL_QUESTION
from .general_question import conditions_in, general_question
from .general_reflection import general_reflection
from .image_in_post import image_note
from .in_place_coverage import keeps_the_post
from .neutral_gender import gender_edits, gendered_words, topic_words
from .parse_for_rewrite import PostReading, parser_of
from .phrase_edits import phrase_edits
from .question_fragments import asked_as_written, asks_peers, says_what
from .question_in_general import misread_conditions, question_in_general, sentences_of
from .reflect_on_kind import STRATEGY as REFLECTION
from .reflect_on_kind import kind_reflection
from .statement_event import client_event
from .statement_post import STRATEGY as STATEMENT
from .statement_post import is_statement, statement_rewrites
from .story_question import asks_the_story
from .story_without_details import story_without_details
from .title_question import general_title, situation_told, title_span
from .writer_event import writer_event

TOPIC_ONLY = "topic_only"

SAFE_RISKS = {"none", "low"}
MAX_PASSES = 3
SHORT_REFLECTION_WORDS = 6  # "So proud of you.", "Knows all our names.": a last line, not the post's point


# A bracketed aside of a few words or more: "(the one with the 11 cats I mentioned 🙃)", not "(s)" or "(x2)".
_ASIDE = re.compile(r"\((?=[^()\n]*\s)[^()\n]{6,}\)")


def told_event(doc, text: str, findings, rw: dict, gendered: set, conditions) -> str | None:
    """What the client did ("a child says their first word"), else what the writer did for them ("you remove a baby
    from the special care unit")."""
    return client_event(doc, text, findings, rw, gendered, conditions) or writer_event(doc, text, findings, rw, gendered, conditions)


def _leaks(original: str, findings, candidate: str, kept_entities, conditions=()) -> bool:
    """Does any identifying span of the original survive word for word? (A name guess inside a condition,
    "Huntington" in "Huntington's", is the condition.)"""
    spans = {original[f.start:f.end].strip().lower() for f in findings
             if not (f.category in ("condition", "context", "mention") or f.entity in kept_entities or f.weak
                     or SEVERITY_RANK[f.severity] < 2
                     or (f.category == "name" and f.rule_id is None
                         and any(c.start <= f.start and f.end <= c.end for c in conditions)))}
    return any(span and re.search(r"(?<!\w)" + re.escape(span) + r"(?!\w)", candidate, re.I) for span in spans)


# A person a letter speaks to ("You were…", "Dear J") has no noun phrase
# to make generic; gender edits handle the pronoun, so these mentions are not rewritten as phrases.
_PRONOUN_MENTIONS = ("person_mention.letter_to_you",)


# "you'd think...", "you'll know the type": a bare second-person pronoun is the reader in general, not a person to
# make generic ("someone think..."); the re-analysis still judges whether the post is safe.
_BARE_YOU = re.compile(r"^you(?:['’](?:d|ll|re|ve))?$", re.I)


def _is_pronoun_mention(text: str, f) -> bool:
    return f.rule_id in _PRONOUN_MENTIONS or (f.category == "mention" and bool(_BARE_YOU.match(text[f.start:f.end])))


def _rewrite_findings(assessment, text: str = "") -> list:
    """The underlined findings, plus every client reference and condition: a reference that lost its
    underline to an overlapping age or job must still be rewritten, and a condition that lost it to a
    name guess ("Huntington's") must still be kept."""
    kept = [f for f in assessment.findings if not _is_pronoun_mention(text, f)]
    seen = {id(f) for f in kept}  # identity, not equality: comparing dataclasses pairwise is quadratic
    return kept + [f for f in assessment.all_findings if f.category in ("context", "mention", "condition")
                   and id(f) not in seen and not _is_pronoun_mention(text, f)]


def _deidentify_until_safe(text: str, findings, analyzer, parse_edits=((), ()), analyze=None):
    """(the post de-identified in place once it re-analyses as safe, or None; the first pass, safe or not)."""
    analyze = analyze or analyzer.analyze
    current, first = text, None
    for _ in range(MAX_PASSES):
        current = deidentify(current, findings, analyzer.rule_set, *parse_edits)
        if "someone" in current.lower():
            # "You'd think" -> "someone think": a reference swapped in as a subject takes its verb along.
            current = parser_of(analyzer).run(current, lambda doc, current=current: someone_agreement(doc, current, text))
        parse_edits = ((), ())  # offsets of the original: later passes only fix what re-analysis still finds
        first = first or current
        assessment = analyze(current)
        if assessment.risk in SAFE_RISKS:
            return current, first
        findings = _rewrite_findings(assessment, current)
    return None, first


def _case_question(first_pass: str, conditions, analyzer, analyze):
    """The post de-identified in place, read again as the general case it asks about (case_as_question);
    conditions: what the original post names as conditions, kept from an aside it drops."""
    plain = without_swapped_appositions(without_asides(first_pass, conditions))
    findings = analyze(plain).all_findings
    nouns = analyzer.rule_set.vocabularies.get("client_nouns", [])
    return parser_of(analyzer).run(plain, lambda doc: case_as_question(doc, plain, findings, analyzer.rule_set.rewrite,
                                                                       nouns, conditions))


class _AnalysisCache:
    """Each text is analysed once per call: the last de-identifying pass and the gate ask about the same text."""

    def __init__(self, analyzer):
        self.analyzer, self.seen = analyzer, {}

    def __call__(self, text: str):
        if text not in self.seen:
            self.seen[text] = self.analyzer.analyze(text)
        return self.seen[text]


def suggestions(text: str, analyzer, assessment=None) -> list:
    analyze = _AnalysisCache(analyzer)
    assessment = assessment or analyze(text)
    if assessment.risk in SAFE_RISKS:
        return []  # nothing to fix; rewriting a rewrite changes nothing
    rw = analyzer.rule_set.rewrite
    explanations = rw.get("explanations", {})
    findings = assessment.findings
    out = []
    topic = topic_words(text, rw)
    to_rewrite = _rewrite_findings(assessment, text)
    rewriting = {id(f) for f in to_rewrite}
    # The one parse of this call: single-word gender edits, and whole-phrase edits.
    gendered = {w.lower() for w in gendered_words(text, rw)}
    conditions = [f for f in assessment.all_findings if f.category == "condition"]
    def read(doc) -> PostReading:
        # a statement's general lines name a condition as the post does ("leg ulcer", not "ulcer")
        told = with_whole_conditions(assessment.all_findings, condition_phrases(doc, assessment.all_findings))
        return PostReading(
            gender_edits(doc, rw, keep_topic=bool(topic)),
            # Every finding, even one that lost its underline to an overlap ("on Friday" inside "Whitby on
            # Friday"), tells the phrase edits what is identifying.
            phrase_edits(doc, text, to_rewrite + [f for f in assessment.all_findings if id(f) not in rewriting
                                                  and not _is_pronoun_mention(text, f)],
                         rw, analyzer.rule_set.vocabularies),
            verbless_sentences(doc),
            question_in_general(doc, text, findings, assessment.all_findings, rw, gendered, analyzer.rule_set.vocabularies),
            # what happened, told in general, for a post that asks nothing
            told_event(doc, text, told, rw, gendered, conditions_in(text, told, rw))
            if is_statement(text, rw.get("statement_rewrite", {})) else None,
            misread_conditions(doc, assessment.all_findings, rw) if "?" in text else set(),
            bool(title_span(text, rw.get("question_rewrite", {}))) and situation_told(doc, title_span(text, rw.get("question_rewrite", {}))),
            # "Guy came in with…": a post told in the past is a story, which identifies in place; "needs an SLT review"
            # is a note of what is needed now
            any(t.tag_ == "VBD" and t.dep_ == "ROOT" for t in doc),
            told)

    reading = parser_of(analyzer).run(text, read)
    gender, phrases, fragments, asked = reading.gender, reading.phrases, reading.fragments, reading.asked
    event, misread, titled, narrated = reading.event, reading.misread, reading.titled, reading.narrated
    if event is None and _ASIDE.search(text) and is_statement(text, rw.get("statement_rewrite", {})):
        # "My patient in the community (the one with the 11 cats…) has finally let me…": an aside in brackets hangs
        # the parse on itself; the post read without it (same offsets, so every finding still marks its words)
        # may still tell what happened
        whole = reading.whole_conditions
        event = parser_of(analyzer).run(_ASIDE.sub(lambda m: " " * len(m.group()), text), lambda doc: told_event(
            doc, text, whole, rw, gendered, conditions_in(text, whole, rw)))
    parse_edits = (gender, phrases)
    deidentified, first_pass = _deidentify_until_safe(text, to_rewrite, analyzer, parse_edits, analyze)
    case = _case_question(first_pass, [text[f.start:f.end] for f in conditions], analyzer, analyze) \
        if "?" in text and first_pass else None
    # "their old house on someone", "the young someone": an in-place rewrite with a broken swap is not offered (the
    # general question may still be built from it: it keeps only vetted words)
    if deidentified is not None and not swap_problems(deidentified, text, rw) and keeps_the_post(deidentified, text):
        out.append({"text": deidentified, "strategy": DEIDENTIFY,
                    "explanation": explanations.get(DEIDENTIFY, "")})
    # Suggestions that keep the post's question sentences as written: alone, "Did we do the right thing?" is a fragment
    fragment_prone = set()
    own_question = None
    qr = rw.get("question_rewrite", {})
    title_end = title_span(text, qr)
    title_item = None
    if title_end and titled:  # the writer's own one-line question, with its situation: placed first once the rest is ranked
        title_item = {"text": general_title(text, title_end, to_rewrite, analyzer.rule_set, gender, phrases),
                      "strategy": GENERAL_QUESTION, "explanation": explanations.get(GENERAL_QUESTION, "")}
    # a question post's topic is asked about what the parse reads as its conditions ("ringing ME" is the writer)
    asked_about = [f for f in findings if f.category != "condition" or (f.start, f.end) not in misread]
    general = general_question(text, asked_about, deidentified or "", analyzer.rule_set) if deidentified else None
    if general is None:
        general = general_question(text, asked_about, "", analyzer.rule_set)
    if general:
        question, shape = general
        strategy = TOPIC_ONLY if shape == "topic" else GENERAL_QUESTION
        item = {"text": question, "strategy": strategy, "explanation": explanations.get(strategy, "")}
        fragment_prone.add(id(item))
        # A one-sentence "I have a client with X and am wondering Y?" is best asked in general;
        # a longer post keeps more of what the writer said when de-identified in place.
        lead = rw.get("templates", {}).get("question_with_condition", "").split("{conditions}")[0]
        if shape == "wondering" or not out:
            out.insert(0, item)
        elif "?" in text and shape == "questions" and not (lead and question.startswith(lead)) \
                and asked_as_written(question, text, gendered - set(qr.get("client_pronouns", {}))) \
                and parser_of(analyzer).run(question, lambda doc: says_what(doc, qr)):
            # The post's own question, nothing of the story in it ("Anyone know a good way to do mouth care on a
            # person who bites?"), before the story told with words swapped: one kept detail makes that unpostable.
            # It must still ask something on its own (asks_peers, below).
            out.insert(0, item)
            own_question = item
        else:
            out.append(item)
    if asked:
        # A post that asks peers something: its question in general, built from vetted words, comes first;
        # the story's sentences with words swapped keep what identifies (a job, an event, a family).
        asked_items = [{"text": words, "strategy": GENERAL_QUESTION, "explanation": explanations.get(GENERAL_QUESTION, "")}
                       for words in [asked[0], *asked[3]]]
        out[:0] = asked_items
    statements = statement_rewrites(text, reading.whole_conditions, rw, event)
    # The statement rewrites below supersede the older kind lines (and spare the gate their analyses): those
    # stay for a post that asks something, or a statement with no point of its own.
    superseded = any(leads for _, _, leads, _, _ in statements)
    # A story cannot be de-identified word by word (it stays a story): what the writer says in general,
    # or a question on its topic, is what can be posted. Before a bare topic question, after the rest.
    reflection = general_reflection(text, [f for f in assessment.all_findings if f.category != "condition"
                                           or (f.start, f.end) not in misread], analyzer.rule_set)
    reflection_item = None
    if reflection:
        item = reflection_item = {"text": reflection[0], "strategy": reflection[1],
                                  "explanation": explanations.get(reflection[1], "")}
        fragment_prone.add(id(item))
        topic_at = next((i for i, s in enumerate(out) if s["strategy"] == TOPIC_ONLY), len(out))
        if asked and all(q in reflection[0] for q in asked[1]) and len(reflection[0]) > len(asked[0]) \
                and all(s in asked[2] for s in sentences_of(reflection[0], qr)):
            # the writer's own general sentences around the same question keep more of the point, if every
            # word of them is one the general question would have kept ("a tiny county in east TN" is not)
            topic_at = 0
        out.insert(topic_at, item)
    # A statement with nothing general left: its point in general ("A proud moment with a client today: ..."),
    # before a bare topic question or a short leftover line ("So proud of you."); after the rest, and after
    # everything in a post that asks something.
    kind = None if superseded else kind_reflection(text, rw)
    if kind:
        item = {"text": kind[0], "strategy": REFLECTION, "explanation": explanations.get("kind_reflection", "")}
        at = len(out)
        if "?" not in text:
            at = next((i for i, s in enumerate(out) if s["strategy"] == TOPIC_ONLY or (
                s["strategy"] == REFLECTION and len(s["text"].split()) < SHORT_REFLECTION_WORDS)), len(out))
        out.insert(at, item)
    # A post that asks nothing is posted as its point in general (its general paragraphs, the reply a regulator
    # expects, the kind of moment), before any version of its story with words swapped: the story identifies.
    # A bare "Some days in this job stay with you." says little: it comes after the rest, before the last resort.
    items = [({"text": words, "strategy": STATEMENT, "explanation": why}, leads) for words, why, leads, _, _ in statements]
    leading = [item for item, leads in items if leads]
    out[:0] = leading
    trailing = [item for item, leads in items if not leads]
    # The post's event told in general says more than one sentence kept from it ("Worst night in ages."): it goes
    # before that lone sentence; and before the story de-identified in place, which keeps the story's details.
    told = [item for (item, leads), (*_, kind) in zip(items, statements) if kind == "event" and not leads]
    lone = any(s is reflection_item for s in out) and "?" not in text \
        and len(sentences_of(reflection_item["text"])) == 1
    if told and narrated:
        out[len(leading):len(leading)] = told
        trailing = [item for item in trailing if all(item is not t for t in told)]
    elif told and lone:
        at = next(i for i, s in enumerate(out) if s is reflection_item)
        out[at:at] = told
        trailing = [item for item in trailing if all(item is not t for t in told)]
    out.extend(trailing)
    if items:
        # A post that asks nothing is not answered by a question it never asked ("What has worked for you when supporting
        # someone with cardiac arrest?"): the honest line that the story stays untold comes before it.
        out.sort(key=lambda s: s["strategy"] == TOPIC_ONLY)
    if title_item is not None:
        out.insert(0, title_item)
    if case and not (out and out[0]["strategy"] == GENERAL_QUESTION and general and general[1] == "wondering"):
        # the writer's own question and sentences, the case said in general, before a question built from vetted
        # words (which loses the situation) or the story told with words swapped (which keeps it a story)
        out.insert(0, {"text": case, "strategy": GENERAL_QUESTION, "explanation": explanations.get("case_question", "")})
    # A fallback is re-analysed only when the suggestion it stands in for was refused; the post's general
    # sentences stand in for a statement rewrite that leads.
    stands_in_for = {id(items[i][0]): [id(items[i - 1][0])] for i, (_, _, _, fallback, _) in enumerate(statements) if fallback}
    if asked:  # the general question in other words stands in for it, each for the ones before
        stands_in_for.update({id(item): [id(x) for x in asked_items[:i]] for i, item in enumerate(asked_items) if i})
    if superseded and reflection_item is not None:
        stands_in_for[id(reflection_item)] = [id(item) for item, leads in items if leads]
    safe = []
    kept = set(rw.get("kept_entities", []))
    allowed_gender = rw.get("gender_neutral", {}).get("kept_for_topic", []) if topic else []
    candidates = [s for s in out if s["text"] and s["text"] != text and not _leaks(text, findings, s["text"], kept, conditions)
                  and not gendered_words(s["text"], rw, allowed_gender) and not text_problems(s["text"], text)
                  # "a non-verbal someone": a swap the in-place rewrite would refuse is refused wherever it came from
                  and not swap_problems(s["text"], text, rw)]
    # The suggestions' parses in one batch: the grammar checks that need spaCy.
    deictics = {w.lower() for w in qr.get("story_deictics", []) + qr.get("story_objects", [])}
    asks = "?" in text
    people = {w.lower() for w in analyzer.rule_set.vocabularies.get("client_nouns", [])} \
        | set(rw.get("gender_neutral", {}).get("person_nouns", {}))
    parsed = parser_of(analyzer).run_many([s["text"] for s in candidates], lambda doc: (
        sentence_problems(doc, text, fragments), asks_the_story(doc, qr.get("story_questions", {}), deictics),
        asks and asks_peers(doc, qr), asks and asks_peers(doc, qr, situated=True), asks and only_bare_questions(doc, qr, people)))
    for s, (problems, story_only, still_asks, asks_situated, bare) in zip(candidates, parsed):
        if story_only and id(s) in fragment_prone or bare:
            continue  # "Thoughts?", "What would you do??" alone: the post's point went with the story
        if asks and (s is reflection_item or s is own_question) and not still_asks:
            continue  # the writer's general sentences without the question ("Any radiographers able to help?")
        if s is title_item and not asks_situated:
            continue
        if any(i in {id(x) for x in safe} for i in stands_in_for.get(id(s), ())):
            continue
        if not problems and s["text"] not in [x["text"] for x in safe] and analyze(s["text"]).risk in SAFE_RISKS:
            kept_words = gendered_words(s["text"], rw)
            if kept_words:
                note = rw.get("gender_neutral", {}).get("explanation_kept", "")
                s["explanation"] = (s["explanation"] + " " + note.replace("{words}", "', '".join(
                    dict.fromkeys(w.lower() for w in kept_words)))).strip()
            safe.append(s)
    note = image_note(text, rw.get("statement_rewrite", {}).get("images", {}))
    if not safe:
        last = story_without_details(text, rw)
        if last and analyze(last).risk in SAFE_RISKS:
            safe.append({"text": last, "strategy": TOPIC_ONLY,
                         "explanation": explanations.get("story_without_details", "")})
    if note:  # no rewrite of the caption makes the image safe
        for s in safe:
            s["explanation"] = (s["explanation"] + " " + note).strip()
    return safe


def rewrite_json(text: str, analyzer) -> dict:
    assessment = analyzer.analyze(text)
    return {"suggestions": suggestions(text, analyzer, assessment), "risk_before": assessment.risk}
