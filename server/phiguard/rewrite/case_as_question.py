"""Strategy "general_question" for a post that asks about one case: the writer's own question, asked of the case's
problem in general, with the writer's own sentences around it.

The guidance: don't tell the client's story; ask about the situation in general. The post de-identified in place
still tells of one person ("A client keeps refusing the stairlift assessment because they say it's 'giving up'.
They fell twice last month. How do you approach that conversation...?"), so it stays a story. Here it is read
again, sentence by sentence, on the parse of that de-identified text:

- the sentence that introduces the person gives the situation, with the person as anyone ("someone", or the
  age band the in-place rewrite chose: "a child"), in the general present ("When someone with MS keeps refusing
  the stairlift assessment because they say it's 'giving up', how do you approach that conversation...?");
- every other sentence that speaks of the person goes (a fall last month, a family, a home, a job);
- sentences that do not speak of the person stay as the writer wrote them: the greeting, the audience,
  what the team has tried ("We've tried honey, silver and NPWT for three weeks now."), what the policy says;
- a sentence that still carries an identifying finding goes, and a question that does is not asked.

Nothing is vetted word by word: what stays is the writer's own wording, and the gate re-analyses the result.
Words and templates are data (rewrite.case_question). None when the post asks nothing, or no sentence
introduces the person in a form the general present can say.
"""

from __future__ import annotations

import re

from ..detection.assess_risk import SEVERITY_RANK
from .check_suggestion import third_person
from .general_present import present_forms
from .question_in_general import TRAILING_HASHTAGS, lowered, sentence_spans, tokens_in

_SUBJECTS = ("nsubj", "nsubjpass")
_RELATIVES = ("who", "whose", "whom", "that", "which")
_LEAD_IN = re.compile(r"^.{2,60}?\s*(?:[—–:]|\s-)\s+(?=\S)")  # "OT friends — ", "Question for HVs: "


class _Reading:
    """Which tokens of the de-identified post stand for the person, and which spans still identify."""

    def __init__(self, text: str, findings, settings: dict, client_nouns, condition_words=()):
        self.pronouns = {w.lower() for w in settings.get("person_pronouns", [])}
        # "a referral has gone to CAMHS", "the case is in court": a client word that is also a thing is no subject
        self.nouns = ({w.lower() for w in settings.get("person_nouns", [])} | {w.lower() for w in client_nouns}) \
            - {w.lower() for w in settings.get("things_too", [])}
        self.people = [(f.start, f.end) for f in findings if f.category in ("context", "mention", "name")]
        # the original post's conditions too: the de-identified text may no longer read "Parkinson's" as one
        self.conditions = [(f.start, f.end) for f in findings if f.category == "condition"] + [
            (m.start(), m.end()) for c in condition_words for m in re.finditer(r"(?<!\w)" + re.escape(c) + r"(?!\w)", text)]
        self.identifying = [(f.start, f.end) for f in findings
                            if f.category not in ("condition", "context", "mention") and SEVERITY_RANK[f.severity] >= 2]

    @staticmethod
    def _inside(start: int, end: int, spans) -> bool:
        return any(s < end and start < e for s, e in spans)

    def is_person(self, token) -> bool:
        if token.lower_ in self.pronouns:
            return True
        if token.pos_ in ("NOUN", "PRON") and token.lemma_.lower() in self.nouns | {"someone", "somebody"}:
            return True
        return self._inside(token.idx, token.idx + len(token.text), self.people)

    def is_condition(self, token) -> bool:
        return self._inside(token.idx, token.idx + len(token.text), self.conditions)

    def speaks_of_person(self, tokens) -> bool:
        return any(self.is_person(t) for t in tokens)

    def identifies(self, start: int, end: int) -> bool:
        return self._inside(start, end, self.identifying)


def _is_question(sentence: str, settings) -> bool:
    first = re.match(r"[\W_]*(\w+)", sentence)
    return sentence.rstrip().endswith("?") or bool(
        first and first.group(1).lower() in settings.get("ask_openers", []) and not sentence.rstrip().endswith("."))


def _who(subject, settings) -> str:
    """ "someone", or the band the in-place rewrite put in the subject ("a child", "a young person")."""
    words = " ".join(t.lower_ for t in subject.subtree if t.i <= subject.i)
    for band in settings.get("kept_bands", []):
        if re.search(r"\b" + re.escape(band) + r"$", words):
            return band
    return settings.get("person", "someone")


def _bracketed(tokens) -> set:
    """Indices of tokens inside brackets: "a client (early 40s, lives alone...)" is a list of details."""
    out, depth = set(), 0
    for t in tokens:
        if t.text in "([":
            depth += 1
        if depth:
            out.add(t.i)
        if t.text in ")]" and depth:
            depth -= 1
    return out


def _words(tokens, forms=None) -> str:
    forms = forms or {}
    return "".join((_spaced(t, forms[t.i]) + t.whitespace_ if forms[t.i] else "") if t.i in forms else t.text_with_ws
                   for t in tokens).strip()


def _spaced(token, form: str) -> str:
    """A contraction's form as a word of its own: "they've" in the general present is "has", not "theyhas"."""
    return " " + form if token.text[:1] in "'’" and form[:1] not in "'’" and token.i and not token.nbor(-1).whitespace_ else form


def _holds(person, settings) -> list:
    """What the person has, hung on their noun: "someone [with MS]", "a patient [on warfarin]", and a relative
    clause ("a person [whose child moved back in]")."""
    kept = settings.get("person_prepositions", [])
    writer = {w.lower() for w in settings.get("writer_pronouns", [])}
    places = {w.lower() for w in settings.get("places_after_on", [])}
    records = {w.lower() for w in settings.get("record_nouns", [])}
    return [c for c in person.children if c.i > person.i and (
        # "someone on warfarin"; "on our unit" is where the writer works; "with NHS number" is what the rewrite left
        c.dep_ == "prep" and c.lower_ in kept and not any(o.lemma_.lower() in places for o in c.children)
        and not any(t.lower_ in records for t in c.subtree)
        # "someone I support", "a child at the school I cover": the writer's clause says who they are to the writer
        or c.dep_ == "relcl" and not any(d.dep_ in _SUBJECTS and d.lower_ in writer for d in c.children)
        # "someone who's a well-known local farmer": who they are, not what they have
        and not (c.lemma_ == "be" and any(d.dep_ == "attr" for d in c.children)))]


def _held_words(who, holds, skipped, reading, settings) -> str | None:
    """The person as anyone (who), with the phrases that say what they have (holds) less the skipped tokens; None when
    the in-place rewrite left a swap in one."""
    parts = [who]
    for c in holds:
        tokens = [t for t in c.subtree if t.i not in skipped]
        while tokens and (tokens[-1].dep_ == "cc" or tokens[-1].is_punct and tokens[-1].text != ")"):
            tokens.pop()  # "with 4 abscessed molars and": the "and" joined the next clause, which went
        if any(_left_by_in_place(t, reading, settings) for t in tokens):
            return None
        gap = c.dep_ == "relcl" and not any(d.dep_ in _SUBJECTS for d in c.children)
        if gap and tokens and tokens[0].dep_ == "mark":
            # "someone I do calls for was found": the writer's clause went, and the parser gave its stranded
            # "for" to the next one
            tokens = tokens[1:]
        if gap and tokens and tokens[0].lower_ not in _RELATIVES:
            parts.append("who")  # the person is its subject: "someone [who] was found on the floor"
        parts.append(_words(tokens))
    return " ".join(p for p in parts if p)


def _phrase(person, who, settings, skipped, reading) -> str | None:
    """The person as anyone, with what they have; None when the in-place rewrite left a swap in it."""
    return _held_words(who, _holds(person, settings), skipped, reading, settings)


def _identity(tokens, reading) -> set:
    """Who the person is, wherever the parse hung it: "…, who was an auctioneer before" (a relative clause that says
    what they are), "at Uni of Leeds" (a phrase naming a place or an organisation the in-place rewrite left)."""
    out = set()
    for t in tokens:
        if t.dep_ == "relcl" and t.lemma_ == "be" and any(c.dep_ == "attr" for c in t.children):
            out |= {x.i for x in t.subtree}
            if t.left_edge.i > 0 and t.doc[t.left_edge.i - 1].text == ",":
                out.add(t.left_edge.i - 1)
        if t.dep_ == "prep" and any(o.dep_ == "pobj" and o.tag_ in ("NNP", "NNPS") and not o.is_upper
                                    and not reading.is_condition(o) for o in t.children):
            out |= {x.i for x in t.subtree}
    return out


def _story_tail(verb, tokens, settings, reading) -> set:
    """What the predicate can lose and stay the problem: a verbless detail after a comma ("refuse a blood
    transfusion, 2 kids at home"), a clause joined with a subject of its own that is not the person ("... and we
    can't work out why"), a time ("twice last month", "every night" stays: it is how often)."""
    out = _identity(tokens, reading)
    inside = [t for t in tokens if t.i > verb.i]
    commas = [t for t in inside if t.text == ","]
    if commas:
        tail = [t for t in inside if t.i > commas[-1].i]
        if tail and not any(t.pos_ in ("VERB", "AUX") for t in tail):
            out |= {t.i for t in tail} | {commas[-1].i}
    for c in verb.children:
        if c.dep_ == "conj" and c.i > verb.i and any(d.dep_ in _SUBJECTS and not reading.is_person(d) for d in c.children):
            cc = [d for d in verb.children if d.dep_ == "cc" and d.i < c.i]
            out |= {t.i for t in c.subtree} | {d.i for d in cc[-1:]}
    return out | _occasions(inside, settings)


def _occasions(tokens, settings) -> set:
    """ "today", "last month", "this morning", "Sunday night": when the one occasion was; "at night", "every night"
    say how it goes, and stay."""
    times = {w.lower() for w in settings.get("time_words", [])}
    anchors = {w.lower() for w in settings.get("time_anchors", [])}
    out = set()
    for t in tokens:
        if t.dep_ in ("npadvmod", "advmod") and (t.lower_ in times or any(
                d.dep_ in ("amod", "det", "compound") and d.lower_ in anchors for d in t.children)):
            out |= {x.i for x in t.subtree}
    return out


def _left_by_in_place(token, reading, settings) -> bool:
    """A word the in-place rewrite left where a detail was: a person word inside the predicate ("only eats the person
    and plain pasta": a name guess swapped), "them" before a noun ("breastfeeding them baby"), a filler for a place
    or a time (`in_place_fillers`: "lives locally")."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return (token.dep_ not in _SUBJECTS and token.lower_ in settings.get("person_words_swapped_in", [])
            or token.lower_ == "them" and following is not None and following.tag_ in ("NN", "NNS", "JJ")
            or token.lower_ in settings.get("in_place_fillers", []))


# ('make my legs look like a mummy's': an apostrophe inside a word does not close a quote)
_QUOTE = re.compile(r"[\"“”]([^\"“”]*)[\"“”]|'((?:[^']|'(?=\w))*)'(?!\w)")


def _long_quotes(words: str, settings) -> bool:
    return any(len((a or b).split()) > settings.get("max_quoted_words", 2) for a, b in _QUOTE.findall(words))


def _quoted_reason(verb, after, settings) -> set:
    """The tokens of a reason that quotes the person at length ("because it 'ruins their Sunday trousers'", "saying
    'I'm not an invalid'"), hung on the verb or a verb joined to it, with the comma before it: their words go, the
    problem they give a reason for stays. (What someone "says" is the clause itself: it stays, and is refused.)"""
    for v in [verb, *verb.conjuncts]:
        for c in v.children:
            if c.dep_ != "advcl" or c.i < v.i:
                continue
            # (the parser may hang a closing quote on the main verb: the reason runs to the end of the clause)
            tokens = [t for t in after if t.i >= c.left_edge.i]
            if tokens and _long_quotes("".join(t.text_with_ws for t in tokens), settings) \
                    and not _long_quotes("".join(t.text_with_ws for t in after if t.i < c.left_edge.i), settings):
                out = {t.i for t in tokens}
                before = c.left_edge.i - 1
                if before >= 0 and c.doc[before].text == ",":
                    out.add(before)
                return out
    return set()


def _auxiliaries(verb) -> list:
    """The auxiliaries and negation before the verb: what its tense is told with."""
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]


def _present(verb, settings) -> dict | None:
    """The general present for the verb and each verb joined to it without a subject of its own."""
    forms = {}
    for v in [verb, *[c for c in verb.conjuncts if c.i > verb.i and not any(d.dep_ in _SUBJECTS for d in c.children)]]:
        found = present_forms(v, _auxiliaries(v), settings)
        if found is None:
            return None
        forms.update(found)
        for head in [v, *[c for c in v.children if c.dep_ == "xcomp"]]:  # "started stammering when…"
            forms.update(_clause_present(head, settings))
    return forms


def _clause_present(verb, settings) -> dict:
    """ "stammers when their baby sibling arrived" -> "…arrives": a clause of time or condition under the verb
    (`general_present.clause_marks`) moves to the present with it, where its subject is one third person."""
    marks = set(settings.get("general_present", {}).get("clause_marks", []))
    forms = {}
    for clause in verb.children:
        if clause.dep_ != "advcl" or clause.tag_ != "VBD" or not any(c.dep_ in ("mark", "advmod") and c.lower_ in marks for c in clause.children):
            continue
        subject = next((c for c in clause.children if c.dep_ in _SUBJECTS), None)
        if subject is None or not (subject.tag_ in ("NN", "NNP") or subject.lower_ in ("he", "she", "it")):
            continue
        found = present_forms(clause, _auxiliaries(clause), settings)
        if found:
            forms.update(found)
    return forms


def _clause(subject, verb, sentence_tokens, settings, reading, aside=frozenset()) -> tuple[str, str] | None:
    """(the situation as a clause, the person as a noun phrase) for "subject verb ...", the person the subject;
    aside: tokens between them that go."""
    skipped = _bracketed(sentence_tokens) | _story_tail(verb, sentence_tokens, settings, reading) | aside
    who = _who(subject, settings)
    person = _phrase(subject, who, settings, skipped, reading)
    if person is None:
        return None
    end = max(t.i for t in verb.subtree)
    after = [t for t in sentence_tokens if subject.right_edge.i < t.i <= end and t.i not in skipped]
    while after and (after[-1].is_punct and after[-1].tag_ != "''" or after[-1].dep_ == "cc"):
        after.pop()
    if not after or not any(t.pos_ in ("VERB", "AUX") for t in after):
        return None  # "someone, no family in the area": no predicate to say in general
    if any(t.dep_ in _SUBJECTS and t.head.i == verb.i for t in after):
        return None  # "Someone, grinding so badly they've cracked…": the verb has a subject of its own after the person
    reason = _quoted_reason(verb, after, settings)
    if reason:
        # "won't wear compression because it 'ruins their Sunday trousers'": the problem without the person's words
        after = [t for t in after if t.i not in reason]
        while after and (after[-1].is_punct and after[-1].tag_ != "''" or after[-1].dep_ == "cc"):
            after.pop()
    if _long_quotes(_words(after), settings):
        return None  # the person's own words ("fell onto the radiator") are theirs, not the situation
    attr = next((c for c in verb.children if c.dep_ == "attr"), None) if verb.lemma_ == "be" else None
    if attr is not None and not reading.is_person(attr) and not _holds(attr, settings) \
            and not any(c.dep_ == "nummod" for c in attr.children):
        # "is 6 weeks post ACL reconstruction": the parser's "attr" is no one the person is ("is 5 weeks" is an age)
        attr = None
    if attr is None and verb.lemma_ == "be" and verb.i == after[0].i and any(
            c.dep_ == "conj" and any(d.dep_ in _SUBJECTS and not reading.is_person(d) for d in c.children)
            for c in verb.children):
        # "A client is Deaf and uses BSL, and the hospital didn't book an interpreter": the clause with a subject of
        # its own is the point, and the general present would drop it
        return None
    if attr is not None and verb.i == after[0].i:
        # "A patient is a person with a stage 4 sacral pressure injury that just won't granulate": what they have
        # ("A child is selectively mute…" says it in the general present, below)
        if not _holds(attr, settings) or any(t.i > attr.right_edge.i and not t.is_punct for t in after):
            return None
        has = _phrase(attr, "", settings, skipped, reading)
        if has is None:
            return None
        person = " ".join(p for p in (person, has) if p)
        return settings["templates"]["working_with"].format(person=person), person
    if any(_left_by_in_place(t, reading, settings) for t in after):
        return None
    forms = _present(verb, settings)
    if forms is None:
        return None
    if verb.tag_ == "VB" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        forms[verb.i] = third_person(verb.lower_)  # "had someone refuse a transfusion": someone refuses it
    if verb.i in forms:
        # "just told me" is one occasion; "when someone tells me" is any
        forms.update({c.i: "" for c in verb.children if c.dep_ == "advmod" and c.lower_ in settings.get("occasion_adverbs", [])})
    finite = ([c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i] or [verb])[0]
    if finite.i not in forms and finite.tag_ == "VBP":
        return None  # "they refuse": "someone refuse" would not agree
    if after[0].is_punct and after[0].text not in ",":
        return None  # "someone - says their dog ate them": the clause the dash followed went with its details
    predicate = _words(after, forms).strip(",;: ")
    return f"{person} {predicate}", f"{person} who {predicate}"


def _situation(sentence_tokens, reading: _Reading, settings) -> tuple[str, str] | None:
    """The situation from a sentence that introduces the person: as its subject ("A client keeps refusing..."),
    or as what the writer has ("I had someone refuse a blood transfusion", "I'm working with a person whose...")."""
    for token in sentence_tokens:
        # ("has gone missing": the parser may hang the subject on an auxiliary, and tag the verb an adjective)
        verb = token.head.head if token.head.dep_ in ("aux", "auxpass") else token.head
        verbal = verb.pos_ in ("VERB", "AUX") or verb.tag_.startswith("VB") and any(c.dep_ == "aux" for c in verb.children)
        if token.dep_ in _SUBJECTS and reading.is_person(token) and verbal \
                and (verb.dep_ == "ROOT" or verb.dep_ in ("ccomp", "xcomp") and verb.head.dep_ == "ROOT"):
            aside = _filler_aside(verb, reading, settings)
            if aside:
                return _clause(token, verb.head, sentence_tokens, settings, reading, aside)
            return _clause(token, verb, sentence_tokens, settings, reading)
    skipped = _bracketed(sentence_tokens) | _identity(sentence_tokens, reading)
    for token in sentence_tokens:
        root = token.head.head if token.head.dep_ == "prep" else token.head
        writers = token.dep_ in ("dobj", "pobj") and root.dep_ == "ROOT" \
            and root.lemma_.lower() in settings.get("writer_has_verbs", [])
        # "Someone, a varsity pitcher with a UCL sprain.": a sentence that is only the person, what they have in it
        alone = token.dep_ == "ROOT" and token.pos_ in ("NOUN", "PRON")
        if not (writers or alone) or not reading.is_person(token):
            continue
        # (what they have, not where they are: "a young person on the wing" says no situation); "Had someone in
        # clinic with a dry cough": the parser may hang it on the writer's verb, or on who the person is
        hung = [token, *([root] if writers else []), *[c for c in token.children if c.dep_ == "appos"]]
        holds = [c for h in hung for c in _holds(h, settings) if (c.dep_ == "relcl" or c.lower_ == "with")
                 and c.i > token.i and not c.is_ancestor(token)]
        if not holds:
            continue
        who = _who(token, settings)
        person = _held_words(who, holds, skipped | _occasions(sentence_tokens, settings), reading, settings)
        if person is None or person == who:
            return None  # what they have went with the details it was hung on
        for verb in _theirs_after_writer(root if writers else None, holds, settings):
            tokens = [t for t in verb.subtree if t.i not in skipped]
            if any(_left_by_in_place(t, reading, settings) for t in tokens):
                return None
            person = f"{person} and {_words(tokens).rstrip(',;:. ')}"
        return settings["templates"]["working_with"].format(person=person), person
    return None


def _filler_aside(verb, reading, settings) -> frozenset:
    """ "Someone, lives locally, has venous leg ulcers": the parser makes the aside the in-place rewrite left
    ("lives locally") the subject's verb; the aside goes, with its commas, and the sentence's own verb says the
    problem."""
    doc, root = verb.doc, verb.head
    if verb.dep_ != "ccomp" or verb.i > root.i or verb.right_edge.i + 1 >= len(doc) or doc[verb.right_edge.i + 1].text != "," \
            or not any(_left_by_in_place(t, reading, settings) for t in verb.subtree):
        return frozenset()
    out = {t.i for t in verb.subtree} | {verb.right_edge.i + 1}
    if verb.left_edge.i > 0 and doc[verb.left_edge.i - 1].text == ",":
        out.add(verb.left_edge.i - 1)
    return frozenset(out)


def _theirs_after_writer(root, holds, settings) -> list:
    """ "I have someone who lives alone and keeps sliding off their recliner": the parser may join "keeps" to the
    writer's "have", but "I keeps" cannot agree; a third-person verb with no subject, joined after the relative
    clause, is the person's."""
    writer = {w.lower() for w in settings.get("writer_pronouns", [])}
    if root is None or not any(d.dep_ in _SUBJECTS and d.lower_ in writer for d in root.children):
        return []
    clauses = [c for c in holds if c.dep_ == "relcl"]
    return [c for c in root.children if clauses and c.dep_ == "conj" and c.tag_ == "VBZ" and c.i > clauses[-1].right_edge.i
            and not any(d.dep_ in _SUBJECTS for d in c.children)]


def _general_statement(tokens, reading: _Reading) -> bool:
    """ "We've tried honey, silver and NPWT.", "Our policy says weekly.": said by the writer, or of a thing; a
    fragment ("Ex-navy, sharp as a tack otherwise.") describes the person, whoever it names."""
    return any(t.dep_ in _SUBJECTS and t.head.pos_ in ("VERB", "AUX") and not reading.is_person(t) for t in tokens)


def _led(question: str, situation: tuple[str, str], settings, after_colon: bool = False) -> str:
    """The question with its situation before it: "When someone ..., how do you...?"; a question without a
    verb of its own ("Any dressing ideas?") is asked for the person: "For someone who ...: any dressing ideas?"."""
    clause, person = situation
    first = re.match(r"[\W_]*(\w+)", question)
    opener = first.group(1).lower() if first else ""
    templates = settings["templates"]
    # (a situation with a "when" clause of its own reads as two: "When someone phoned in agony, when…, how…?")
    # ("When…, when do you refer?" says "when" twice, and "When you are working with…, anyone found…?" reads garbled:
    # those are asked for the person)
    working_with = clause == templates["working_with"].format(person=person)
    if opener in settings.get("clause_question_openers", []) and opener != "when" \
            and not (working_with and opener in ("anyone", "anybody")) \
            and not re.search(r",\s*when\b", clause, re.I):
        return templates["when"].format(situation=clause, question=lowered(question))
    # "Quick one: for someone who..., best dressing?": one colon to a sentence
    return templates["for_after_colon" if after_colon else "for"].format(person=person, question=lowered(question))


_ASIDE = re.compile(r"\s*\([^()]*\)")


_SWAPPED_APPOSITION = re.compile(r"(\b(?:[Ss]omeone|[Aa] person|[Tt]he person|[Aa] patient|[Aa] client|[Aa] child|[Aa] baby"
                                 r"|[Aa] young person|[Aa]n older person)\b[^,.?!]{0,40}?)"
                                 r"\s*,\s*(?:someone|a person|the person)\s*(?:,|(?=\s))")


def without_swapped_appositions(text: str) -> str:
    """ "Someone, someone placed in a home, has gone missing", "Saw a child today, someone, with…": a
    name in apposition swapped for "someone" says the person twice; the case is read with it once."""
    return _SWAPPED_APPOSITION.sub(lambda m: m.group(1), text)


def without_asides(text: str, conditions=()) -> str:
    """ "a client (early 40s, MS, lives alone) keeps refusing": a bracketed aside lists details, and the parser
    cannot read the sentence round it; the case is read without it, keeping the conditions it names ("a client
    with MS keeps refusing")."""
    def kept(m):
        named = [c for c in dict.fromkeys(conditions) if re.search(r"(?<!\w)" + re.escape(c) + r"(?!\w)", m.group())]
        return " with " + " and ".join(named) if named else ""
    return _ASIDE.sub(kept, text)


def case_as_question(doc, text: str, findings, rw: dict, client_nouns=(), condition_words=()) -> str | None:
    """The de-identified post (text, its parse doc and its findings) asked as the general case, or None;
    condition_words: what the original post names as conditions."""
    settings = rw.get("case_question", {})
    if not settings or "?" not in text:
        return None
    qr = rw.get("question_rewrite", {})
    settings = {**settings, "ask_openers": qr.get("ask_openers", []), "general_present": qr.get("general_present", {}),
                "abbreviations": qr.get("abbreviations", {})}
    reading = _Reading(text, findings, settings, client_nouns, condition_words)
    tags = TRAILING_HASHTAGS.search(text)
    body_end = tags.start() if tags else len(text)
    opener, situation, questions, kept, tried, asked_before = "", None, [], [], False, 0
    for start, end in sentence_spans(text[:body_end], settings):
        sentence = text[start:end].strip()
        start += len(text[start:end]) - len(text[start:end].lstrip())
        tokens = tokens_in(doc, start, end)
        if not sentence or not tokens:
            continue
        if reading.identifies(start, end):
            if _is_question(sentence, settings):
                return None  # the writer's question itself narrows the person: it cannot be asked as it is
            tried = tried or (situation is None and reading.speaks_of_person(tokens))
            continue
        about_person = reading.speaks_of_person(tokens)
        if _is_question(sentence, settings):
            if about_person and situation is None:
                return None  # "Should I tell them?" with no situation before it asks about no one
            questions.append(sentence)
            continue
        if not about_person:
            if situation is None and not questions:
                opener = f"{opener} {sentence}".strip()  # the greeting, the audience
            elif _general_statement(tokens, reading):
                kept.append(sentence)  # what the team tried, what the policy says
            continue
        if situation is not None or tried:
            # the story's other sentences: a fall last month, a family, a home. (The question may come first: "Anyone
            # know benefits advice services? My client is … with COPD who just lost his PIP.")
            continue
        lead_in = _LEAD_IN.match(sentence)
        if lead_in and not reading.speaks_of_person(tokens_in(doc, start, start + lead_in.end())):
            # "OT friends — a client keeps...", "Quick one: my patient..."
            opener = f"{opener} {lead_in.group().strip()}".strip()
            tokens = tokens_in(doc, start + lead_in.end(), end)
        # a quote the sentence opens and does not close is a pasted note, not the writer's sentence
        situation = _situation(tokens, reading, settings) if sentence.count('"') % 2 == 0 else None
        asked_before = len(questions)
        # the sentence that introduces the person says the situation, or nothing does; a bare introduction
        # ("A patient is a person.", "I have someone.") leaves it to the next
        tried = situation is None and sum(1 for t in tokens if t.is_alpha) > settings.get("bare_introduction_words", 5)
    # the first question after the situation is the one it leads ("Physios, thoughts? Working with … How do you get
    # buy-in?": the call to the audience stays before); with none after it, the one before ("Any ideas? My client…")
    led = asked_before if asked_before < len(questions) else 0
    if situation is None or not questions or re.search(settings.get("named_person", r"(?!)"), questions[led], re.I):
        return None  # "How do you help someone with hypermobility...?" names its own person: a lead says it twice
    parts = [opener, *questions[:led], _led(questions[led], situation, settings, opener.endswith(":") and not led),
             *kept, *questions[led + 1:], tags.group().strip() if tags else ""]
    out = re.sub(r"\s+([,;:?!])", r"\1", " ".join(p for p in parts if p))
    if any(re.search(pattern, out, re.I) for pattern in settings.get("broken_by_in_place", [])):
        return None  # "someone whose a child has...", "for an under": the in-place rewrite broke the clause
    # ("CPT or PE for first responders", "I'd…": an acronym and "I" keep their capitals)
    out = re.sub(r"([—:]) (\w+)", lambda m: f"{m.group(1)} {lowered(m.group(2))}", out)
    # "r/nursing —", "@team": a handle keeps the writer's lower case
    return out if re.match(r"^(?:[a-z]+/|@)", out) else out[:1].upper() + out[1:]

