"""Modifiers that pick a person out go whole, found on the parse by the class of word they carry.

Detection underlines names and places; a reader also knows a person by their public profile ("captain of the county
netball squad", "a semi-finalist on a TV baking show"), by being the only one ("the only survivor from his
vehicle", "only one on our unit with a trach", "first in the family to..."), by the shop they live above, or by an
exact count of something unusual ("lives with 14 cats"). The classes are data (`in_place_rewrite`):

- an apposition, a bracket, a relative clause or a coordinated clause about a person that carries a
  `public_profile_words` word, or a `uniqueness_words` word that limits a noun, goes with its commas or its "and";
- a place phrase whose object is one of `venues` ("above the chip shop") goes;
- a count above `vague_counts.above` of one of `vague_counts.nouns` becomes `vague_counts.word` ("several cats").

A modifier that holds a condition stays (the condition is the point), unless it is the uniqueness that identifies.
"""

from __future__ import annotations

import re

from .apply_edits import Edit
from .place_phrases import prepositional_phrases

_CLAUSE_DEPS = ("appos", "relcl", "acl")
_COMPLEMENTS = ("dobj", "prt", "acomp", "attr", "dative", "oprd", "advmod", "npadvmod")
_WRITER = ("i", "we", "me", "us")  # "I, a nurse on the ward,": the writer's own job is theirs to tell
_PERSONISH = ("NOUN", "PROPN", "PRON")
# "for the first time", "the only way": a uniqueness word that limits a time or a manner limits nothing about a person
_NOT_A_PERSON_HEADS = {"time", "times", "day", "days", "week", "month", "year", "session", "visit", "thing", "things",
                       "way", "step", "sign", "line", "option", "choice", "question", "problem", "reason", "chance"}


def _end(token) -> int:
    return token.idx + len(token.text)


def _text(doc) -> str:
    return doc.user_data.get("text") or doc.text


def _words_end(tokens) -> int:
    words = [t for t in tokens if any(ch.isalnum() for ch in t.text)]
    return _end(words[-1]) if words else _end(tokens[-1])


def _phrases(words) -> tuple:
    """Single words, and phrases of several words as regexes on the lower-cased text."""
    single = {w.lower() for w in words if " " not in w}
    multi = [re.compile(r"(?<!\w)" + re.escape(w.lower()) + r"(?!\w)") for w in words if " " in w]
    return single, multi


def _carries(tokens, text, words) -> bool:
    single, multi = words
    if any(t.lower_ in single or t.lemma_.lower() in single for t in tokens):
        return True
    lowered = text[tokens[0].idx:_end(tokens[-1])].lower()
    return any(m.search(lowered) for m in multi)


def _unique(tokens, uniqueness, heads=frozenset(), is_person=lambda token: False) -> bool:
    """ "the only survivor", "only one on our unit", "first in his family": a uniqueness word limiting a person (one of
    `uniqueness_heads`, a person noun, or standing for the person itself with where they are first: "first in his
    family"), not an event ("first presentation of AF")."""
    for t in tokens:
        if t.lower_ not in uniqueness:
            continue
        if t.dep_ in ("advmod", "neg") and t.head.pos_ in ("VERB", "AUX"):
            continue  # "who only arrived last month" limits when, not who
        limited = t.head if t.dep_ in ("amod", "advmod", "quantmod", "nummod", "det") else t
        nxt = t.nbor(1) if t.i + 1 < len(t.doc) else None
        if limited.lower_ in _NOT_A_PERSON_HEADS or (nxt is not None and nxt.lower_ in _NOT_A_PERSON_HEADS):
            continue
        if limited.lower_ in heads or limited.lemma_.lower() in heads or (limited.i != t.i and is_person(limited)) \
                or (limited.i == t.i and any(c.dep_ == "prep" and c.lower_ in ("in", "from", "of", "on") for c in t.children)) \
                or (nxt is not None and (nxt.lower_ in heads or nxt.lower_ in ("in", "from", "on"))):
            return True
    return False
    return False


def _holds(tokens, spans) -> bool:
    return any(tokens[0].idx < e and s < _end(tokens[-1]) for s, e in spans)


def _deletion(doc, tokens) -> Edit:
    """A modifier with the comma (or "and") before it; the comma after it too when one opened it and the
    subject's verb follows ("A person, captain of the squad, keeps" -> "A person keeps")."""
    text = _text(doc)
    first, last = tokens[0], tokens[-1]
    start, end = first.idx, _words_end(tokens)
    before = first.i - 1
    opened = before >= 0 and doc[before].text in (",", "–", "—")
    if opened or (before >= 0 and doc[before].dep_ == "cc" and doc[before].lower_ == "and"):
        start = doc[before].idx
    nxt = last.i + 1
    if opened and nxt < len(doc) and doc[nxt].text == "," and nxt + 1 < len(doc) and doc[nxt + 1].pos_ in ("VERB", "AUX"):
        end = _end(doc[nxt])
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return Edit(start, end, "")


_FINITE = ("VBZ", "VBP", "VBD", "MD")


def _comma_asides(doc):
    """The verbless stretches between a comma and the next comma or the sentence's end: ", captain of the county
    squad,", ", a pharmacist at our own hospital,". The small model rarely parses these as appositions, but a
    stretch with no finite verb of its own (a bracket inside it does not count) adds to the noun before it."""
    for sent in doc.sents:
        tokens = list(sent)
        depth, cuts = 0, []
        for k, t in enumerate(tokens):
            depth += (t.text == "(") - (t.text == ")")
            if t.text == "," and depth == 0:
                cuts.append(k)
        for n, k in enumerate(cuts):
            end = cuts[n + 1] if n + 1 < len(cuts) else len(tokens)
            segment = tokens[k + 1:end]
            while segment and segment[-1].is_punct and segment[-1].text not in (")",):
                segment = segment[:-1]
            if not segment or k == 0 or tokens[k - 1].lower_ in _WRITER:
                continue
            if tokens[k - 1].pos_ == "ADV" or end == len(tokens) and tokens[-1].text == "?" \
                    and tokens[k - 1].pos_ not in ("NOUN", "PROPN", "PRON", "NUM"):
                continue  # "Who should I ring first, the ward or the council?": the question's options, no one's aside
            depth, finite = 0, False
            for t in segment:
                depth += (t.text == "(") - (t.text == ")")
                clause = t.head if t.dep_ in ("aux", "auxpass", "neg") else t
                # a relative clause inside the aside is still the aside ("the first case the area has had")
                # "a retired bus driver": a past form with no subject of its own is a modifier, not a verb
                past_modifier = t.tag_ == "VBD" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
                finite = finite or (depth == 0 and t.tag_ in _FINITE and not past_modifier
                                    and clause.dep_ not in ("relcl", "acl")) or t.lower_ in _WRITER
            if not finite:
                yield [tokens[k]] + segment


def _aside_deletion(doc, segment) -> Edit:
    """The comma that opens an aside and the aside; the comma that closes it stays for what follows."""
    text = _text(doc)
    start = segment[0].idx
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return Edit(start, _end(segment[-1]), "")


def _brackets(doc):
    """Each bracketed group as its tokens, brackets included."""
    opened = None
    for t in doc:
        if t.text == "(":
            opened = t.i
        elif t.text == ")" and opened is not None:
            yield list(doc[opened:t.i + 1])
            opened = None


def _own_words(token) -> list:
    """A clause's words without its coordinated clauses, which are judged on their own ("who served and is the only
    survivor": the second clause goes, the first stays)."""
    skipped = {t.i for c in token.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") for t in c.subtree}
    return [t for t in token.subtree if t.i not in skipped]


def identifying_modifier_edits(doc, rw, job_heads=(), protected=(), is_person=lambda token: True) -> list:
    """is_person(token): does this noun name a person (a client noun, a person noun, a name)? Only a person's
    modifiers are judged: "question: working with..." is not about the question."""
    spec = rw.get("in_place_rewrite", {})
    text = _text(doc)
    profile = _phrases(spec.get("public_profile_words", []))
    jobs = _phrases(job_heads)
    uniqueness = {w.lower() for w in spec.get("uniqueness_words", [])}
    heads = {w.lower() for w in spec.get("uniqueness_heads", [])}
    edits = []

    def identifying(tokens, with_jobs=True) -> bool:
        if _unique(tokens, uniqueness, heads, is_person):
            return True  # the uniqueness identifies, whatever condition it names
        if _holds(tokens, protected):
            return False
        return _carries(tokens, text, profile) or (with_jobs and _carries(tokens, text, jobs))

    for t in doc:
        tokens = _own_words(t)
        if t.dep_ in _CLAUSE_DEPS and t.head.pos_ in _PERSONISH and t.head.i < t.i and t.head.lower_ not in _WRITER \
                and is_person(t.head) and tokens == list(t.subtree)[:len(tokens)]:
            # a relative clause says what the person does, and a job there is often the point ("who works nights")
            if identifying(tokens, with_jobs=t.dep_ == "appos"):
                edits.append(_deletion(doc, tokens))
        elif t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and t.lemma_ == "be" \
                and _unique(list(t.subtree), uniqueness, heads, is_person):
            # "who served in Helmand and is the only survivor from his vehicle"
            edits.append(_deletion(doc, tokens))
    for segment in _comma_asides(doc):
        if identifying([t for t in segment if not t.is_punct] or segment, with_jobs=True):
            edits.append(_aside_deletion(doc, segment))
    for group in _brackets(doc):
        inner = group[1:-1]
        if inner and identifying(inner, with_jobs=True):
            start = group[0].idx
            while start > 0 and text[start - 1] in " \t":
                start -= 1
            edits.append(Edit(start, _end(group[-1]), ""))
    edits.extend(_venue_phrases(doc, spec, protected, profile))
    edits.extend(_vague_counts(doc, spec))
    return edits


def _venue_phrases(doc, spec, protected, profile=(set(), [])) -> list:
    """ "above the chip shop", and a phrase whose place is a public one ("at the council meeting"): both say where the
    person is known."""
    prepositions = {w.lower() for w in spec.get("place_prepositions", [])}
    venues = [v.lower() for v in spec.get("venues", [])]
    text = _text(doc)
    out = []
    for t, pobj in prepositional_phrases(doc, prepositions):
        words = " ".join(w.lower_ for w in pobj.subtree if w.i <= pobj.i and w.pos_ not in ("DET", "PRON", "PUNCT"))
        own = [w for w in pobj.subtree if w.i <= pobj.i]
        if not any(words == v or words.endswith(" " + v) for v in venues) and not _carries(own, text, profile):
            continue
        # the preposition and its object's noun phrase with the object's own place phrases ("the pub on Church
        # Street"); not what spaCy hangs after it ("and the door buzzer is broken")
        tokens = [t] + [w for w in pobj.subtree if w.i <= pobj.i] + [
            w for c in pobj.children if c.dep_ == "prep" and c.i > pobj.i for w in c.subtree]
        tokens = sorted(tokens, key=lambda w: w.i)
        if _holds(tokens, protected):
            continue
        head = t.head
        start = t.idx
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        if head.pos_ in ("VERB", "AUX") and not any(c.dep_ in _COMPLEMENTS and c.i != t.i and c.i > head.i
                                                    for c in head.children):
            # "lives above the chip shop and...": the phrase is all "lives" has, so where becomes "locally" (from the
            # same blank as a deletion of the phrase, so that this edit, not the deletion, is the one kept);
            # "collapsed at the council meeting" is whole without it
            if head.lemma_.lower() in ("live", "stay"):
                out.append(Edit(start, _words_end(tokens), " locally"))
                continue
            if head.lemma_.lower() == "be":
                continue  # "they're at the pub": the place is what is said; the per-finding edits decide
        out.append(Edit(start, _words_end(tokens), ""))
    return out


def _vague_counts(doc, spec) -> list:
    counts = spec.get("vague_counts", {})
    nouns = {n.lower() for n in counts.get("nouns", [])}
    out = []
    for t in doc:
        if t.dep_ == "nummod" and t.like_num and t.text.isdigit() and int(t.text) > counts.get("above", 10 ** 9) \
                and t.head.lower_ in nouns:
            out.append(Edit(t.idx, _end(t), counts.get("word", "several")))
    return out
