"""Details that narrow the crowd go whole, found on the parse by the class of word they carry (`in_place_rewrite.
narrowing_details`), whether or not detection underlined them.

A reader who knows the family knows the person: a relative's job or public role ("her parents are both police
officers", "whose brother is the village GP", "his mum teaches at the school"), a bereavement with its date
("since her nan passed in March"), a school year ("a Year 8 pupil"), a numbered bed, bay or room ("in bay D"), an
only language ("she's Portuguese only"), a nationality on a person ("an elderly Latvian man"), and a distinctive
event ("at a stag do"). Each goes with the phrase or clause that carries it, so what is left still reads:

- a clause saying a relative's job or role goes with its "and" ("Parents are both X and came in" -> "Parents came in"),
  a role between a relative and what they did goes ("her partner is a paramedic who says" -> "her partner says"),
  a relative clause with its comma, a bracket whole, and a sentence that says nothing else whole;
- a dated bereavement after "since", "after" or "when" becomes `bereavement` ("since a loss"): the loss may be the
  clinical point, its date and relative are not (an undated "since their partner died" stays);
- a bed, bay or room number goes with its preposition ("in bay D"); as a subject it becomes `bed_as_subject`;
- a school year goes with its preposition ("in Year 8") or alone ("a Year 8 pupil" -> "a pupil");
- "<language> only" becomes `only_language` ("non-English-speaking");
- a name set before a sentence that names the person again ("Sandra, she's...") goes with its comma.

A clause or sentence that holds a condition stays: the condition is the point, and the re-analysis still judges it.
"""

from __future__ import annotations

import re

from .apply_edits import Edit
from .place_phrases import all_its_verb_has, prepositional_phrases, sentence_told_only_this

_SUBJECTS = ("nsubj", "nsubjpass")
_SCHOOL_YEAR = re.compile(r"\b(?:year|yr|y)[ \t]?(?:1[0-3]|[1-9])\b(?![-/.]?\d)", re.I)
_BED_NUMBER = re.compile(r"^(?:\d{1,4}[A-Za-z]?|[A-Z]\d{0,2})$")


def _end(token) -> int:
    return token.idx + len(token.text)


def _text(doc) -> str:
    return doc.user_data.get("text") or doc.text


def _words(tokens) -> list:
    return [t for t in tokens if any(ch.isalnum() for ch in t.text)]


def _holds(start: int, end: int, spans) -> bool:
    return any(start < e and s < end for s, e in spans)


def _with_space_before(text: str, start: int) -> int:
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return start


def _clause_tokens(verb) -> list:
    """The verb's own clause: its subtree without its coordinated clauses ("are cops *and showed up*")."""
    cut = {t.i for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
           for t in c.subtree}
    cut |= {c.i for c in verb.children if c.dep_ == "cc"}
    return [t for t in verb.subtree if t.i not in cut]


def _bracket_around(doc, token):
    """(start, end) of the bracketed group that holds the token, or None."""
    opened = None
    for t in doc[token.sent.start:token.sent.end]:
        if t.text == "(":
            opened = t
        elif t.text == ")" and opened is not None:
            if opened.i < token.i < t.i:
                return opened.idx, _end(t)
            opened = None
    return None


def _sentence_span(doc, token, text):
    sent = token.sent
    start = sent.start_char
    end = sent.end_char
    while end < len(text) and text[end] in " \t":
        end += 1
    return start, end


def _clause_deletion(doc, subject, verb, text, protected):
    """The edit that removes what a relative's clause says, keeping the rest of its sentence readable."""
    bracket = _bracket_around(doc, subject)
    if bracket:
        return Edit(_with_space_before(text, bracket[0]), bracket[1], "") \
            if not _holds(*bracket, protected) else None
    clause = _clause_tokens(verb)
    words = _words(clause)
    if not words:
        return None
    start, end = words[0].idx, _end(words[-1])
    if _holds(start, end, protected):
        return None
    conj = next((c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.i > verb.i), None)
    if verb.dep_ in ("ROOT", "conj") and conj is not None and subject.i < verb.i and subject.right_edge.i + 1 < len(doc):
        # "Parents are both X and showed up" -> "Parents showed up": the subject stays for the next verb
        return Edit(doc[subject.right_edge.i + 1].idx, conj.left_edge.idx, "")  # "has just put" keeps "has just"
    if verb.dep_ == "conj":
        cc = next((c for c in verb.head.children if c.dep_ == "cc" and c.i < words[0].i), None)
        before = doc[words[0].i - 1] if words[0].i > 0 else None
        if cc is not None and before is not None and before.i == cc.i:
            return Edit(_with_space_before(text, cc.idx), end, "")
        if before is not None and before.text in (",", ";"):
            return Edit(before.idx, end, "")
    if verb.dep_ == "relcl" and verb.head.lower_ not in ("one",) and verb.head.pos_ not in ("PRON", "NUM"):
        before = doc[words[0].i - 1] if words[0].i > 0 else None
        start = before.idx if before is not None and before.text == "," else _with_space_before(text, start)
        nxt = doc[words[-1].i + 1] if words[-1].i + 1 < len(doc) else None
        if before is not None and before.text == "," and nxt is not None and nxt.text == ",":
            end = _end(nxt)
        return Edit(start, end, "")
    # The clause is what its sentence says ("Her mum teaches at the school."): the sentence goes, unless it is the post.
    start, end = _sentence_span(doc, verb, text)
    if _holds(start, end, protected) or (start == 0 and end >= len(text.rstrip())):
        return None
    return Edit(start, end, "")


def _clause_end(doc, last) -> int:
    """Where a clause's words end: the small model may hang its last word elsewhere ("passed in Feb." with "Feb."
    as the sentence's full stop), leaving a preposition without its object; the object is taken, its full stop not."""
    if last.pos_ == "ADP" and last.i + 1 < len(doc) and any(ch.isalnum() for ch in doc[last.i + 1].text):
        nxt = doc[last.i + 1]
        word = nxt.text[:-1] if nxt.text.endswith(".") and len(nxt.text) > 1 else nxt.text
        return nxt.idx + len(word)
    return _end(last)


def _dated(doc, verb, months) -> bool:
    """Does the clause say when (a date, a month, a season, "last week")?"""
    last = _words(verb.subtree)[-1]
    tokens = list(verb.subtree) + ([doc[last.i + 1]] if last.pos_ == "ADP" and last.i + 1 < len(doc) else [])
    return any(t.ent_type_ in ("DATE", "TIME") or t.lower_.rstrip(".") in months for t in tokens)


def _relative_clauses(doc, spec, relatives, roles, text, protected, months=frozenset()) -> list:
    work_verbs = {w.lower() for w in spec.get("relative_work_verbs", [])}
    bereavement_verbs = {w.lower() for w in spec.get("bereavement_verbs", [])}
    bereavement = spec.get("bereavement", "")
    out = []
    for t in doc:
        if t.lower_ not in relatives:
            continue
        verb = t.head
        if t.dep_ in _SUBJECTS:
            clause = [c for c in _clause_tokens(verb) if c.i not in {s.i for s in t.subtree}]
            role = verb.lemma_.lower() in work_verbs or any(c.lower_ in roles or c.lemma_.lower() in roles for c in clause)
            loss = verb.lemma_.lower() in bereavement_verbs
        elif t.dep_ == "dobj" and verb.lemma_.lower() == "lose":
            role, loss = False, True  # "since she lost her husband in May"
        else:
            continue
        mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in ("since", "after", "when")), None)
        away = t.dep_ in _SUBJECTS and not (role or loss) and verb.lemma_ == "be" and _dated(doc, verb, months)
        if not (role or loss or away):
            continue  # "her daughter is on holiday till Sat": where the family is, and until when, narrows too
        if loss and not role and not _dated(doc, verb, months):
            continue  # "since their partner died" is grief, the point; "since her nan passed in March" is the family's date
        if loss and bereavement and verb.dep_ == "advcl" and mark is not None:
            end = _clause_end(doc, _words(verb.subtree)[-1])
            if not _holds(mark.idx, end, protected):
                out.append(Edit(mark.idx, end, mark.text + " " + bereavement))
            continue
        edit = _clause_deletion(doc, t, verb, text, protected)
        if edit:
            out.append(edit)
    return out


def _role_then_clause(doc, relatives, roles, text, protected) -> list:
    """ "her partner is a paramedic who says he'll handle it" -> "her partner says he'll handle it": the role between a
    relative and what they did goes, the relative and the deed stay (found on the words, since the small model often
    hangs such a relative on the phrase before it)."""
    out = []
    for t in doc[1:-3]:
        if not (t.lemma_ == "be" and doc[t.i - 1].lower_ in relatives):
            continue
        i = t.i + 1
        while i < len(doc) and doc[i].pos_ in ("DET", "ADJ", "ADV") and i - t.i < 4:
            i += 1
        if i + 2 >= len(doc) or not (doc[i].lower_ in roles or doc[i].lemma_.lower() in roles) \
                or doc[i + 1].lower_ not in ("who", "that") or doc[i + 2].pos_ not in ("VERB", "AUX"):
            continue
        start, end = t.idx, doc[i + 2].idx
        if not _holds(start, end, protected):
            out.append(Edit(start, end, ""))
    return out


def _bed_numbers(doc, spec, bed_words, prepositions, text, flagged, room_words=frozenset()) -> list:
    out = []
    for t in doc:
        if t.lower_ in room_words and t.i > 0 and re.fullmatch(r"[A-Z]", doc[t.i - 1].text):
            t, number = doc[t.i - 1], t  # "on D wing": the letter comes first
        elif t.lower_ not in bed_words or t.i + 1 >= len(doc) or not _BED_NUMBER.match(doc[t.i + 1].text):
            continue
        else:
            number = doc[t.i + 1]
        start, end = t.idx, _end(number)
        before = doc[t.i - 1] if t.i > 0 else None
        if before is not None and before.lower_ in prepositions:
            out.append(Edit(_with_space_before(text, before.idx), end, ""))
            continue
        after = doc[number.i + 1] if number.i + 1 < len(doc) else None
        verb_after = after is not None and after.tag_ in ("VBD", "VBZ", "VBP", "MD")  # the parse may miss the subject
        if (t.dep_ in _SUBJECTS or number.dep_ in _SUBJECTS or verb_after) and spec.get("bed_as_subject"):
            # "when bed 9 says", "cell 3 called me": the number stands for the person
            word = spec["bed_as_subject"]
            out.append(Edit(start, end, word[0].upper() + word[1:] if t.i == t.sent.start else word))
            continue
        if _holds(start, end, flagged):
            continue  # detection's own edit for "bed 12" knows its commas
        if before is not None and before.text == ",":
            out.append(Edit(before.idx, end, ""))  # "Mr X, bed 12, post-op": the comma that opened it
            continue
        if after is not None and after.text in (",", ":", "-", "–"):
            end = _end(after)
        while end < len(text) and text[end] in " \t":
            end += 1
        out.append(Edit(start, end, ""))
    return out


def _school_years(doc, prepositions, text) -> list:
    out = []
    for m in _SCHOOL_YEAR.finditer(text):
        if re.match(r"\s*(?:of|old|olds|\d)\b", text[m.end():m.end() + 6], re.I):
            continue  # "year 2 of my degree", "year 9 old"
        before = re.search(r"(\w+)\s+$", text[max(0, m.start() - 20):m.start()])
        after = re.match(r"\s*(?:[,.;:!?)]|$|[a-z]+(?:ed|ing)\b|(?:and|but|came|is|was|has|had|who)\b)", text[m.end():])
        if before and before.group(1).lower() in prepositions and after:
            out.append(Edit(_with_space_before(text, m.start() - len(before.group(0))), m.end(), ""))
            continue
        end = m.end()
        while end < len(text) and text[end] in " \t":
            end += 1
        out.append(Edit(m.start(), end, ""))
    return out


def _only_language(doc, spec, text) -> list:
    """ "she's Portuguese only": the language (a nationality as spaCy tags it) says where the person is from."""
    word = spec.get("only_language", "")
    out = []
    for t in doc:
        # the small model rarely tags "Polish" after "she's": a capitalised adjective before "only" is a language
        named = t.ent_type_ in ("NORP", "LANGUAGE") or (t.pos_ in ("ADJ", "PROPN") and t.text[:1].isupper()
                                                        and t.i > t.sent.start)
        if word and named and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "only":
            out.append(Edit(t.idx, _end(doc[t.i + 1]), word))
        elif t.ent_type_ == "NORP" and t.dep_ == "amod" and t.head.pos_ == "NOUN" and t.i + 1 < len(doc):
            end = doc[t.i + 1].idx  # "an elderly Latvian man" -> "an elderly man"
            out.append(Edit(t.idx, end, ""))
    return out


def _bare_ages(doc, person_words, text) -> list:
    """ "first time parent, 22, from...": a number alone between commas after a person noun is the person's age."""
    out = []
    for t in doc:
        if t.like_num and t.text.isdigit() and 0 < int(t.text) < 111 and 1 < t.i < len(doc) - 1 \
                and doc[t.i - 1].text == "," and doc[t.i + 1].text in (",", ".", ";", ")") \
                and doc[t.i - 2].lower_ in person_words:
            out.append(Edit(doc[t.i - 1].idx, _end(t), ""))
    return out


def _role_sentences(doc, roles, text, protected) -> list:
    """ "He's a deacon at the church.": a sentence that only says what the person's job or public role is goes whole."""
    out = []
    for sent in doc.sents:
        root = sent.root
        subject = next((c for c in root.children if c.dep_ in _SUBJECTS), None)
        attr = next((c for c in root.children if c.dep_ == "attr"), None)
        if root.lemma_ != "be" or subject is None or attr is None or subject.lower_ not in ("he", "she", "they") \
                or subject.i != sent.start \
                or not (attr.lower_ in roles or attr.lemma_.lower() in roles) \
                or any(c.dep_ == "conj" for c in root.children):
            continue
        start, end = sent.start_char, sent.end_char
        while end < len(text) and text[end] in " \t":
            end += 1
        if not _holds(start, end, protected) and not (start == 0 and end >= len(text.rstrip())):
            out.append(Edit(start, end, ""))
    return out


def _dislocated_names(doc, text) -> list:
    """ "Sandra, she's scared at night": a proper name set before a sentence whose own pronoun names the person goes
    with its comma, flagged or not; the pronoun carries the sentence ("They're scared at night")."""
    out = []
    for sent in doc.sents:
        tokens = [t for t in sent if not t.is_space]
        names = []
        for t in tokens:
            if t.pos_ != "PROPN" or not t.text[:1].isupper():
                break
            names.append(t)
        if not names or len(names) > 3 or len(tokens) < len(names) + 2:
            continue
        comma, pronoun = tokens[len(names)], tokens[len(names) + 1]
        if comma.text == "," and pronoun.lower_ in ("she", "he", "they") and pronoun.dep_ in _SUBJECTS:
            out.append(Edit(names[0].idx, pronoun.idx, ""))
    return out


def _listed_conditions(doc, person_words, text, protected) -> list:
    """ "a young person, osteosarcoma, wants": a condition listed between commas after a person noun is what they
    live with; once the age and name around it go, the commas would leave "A person, osteosarcoma, wants"."""
    out = []
    for start, end in protected:
        before = re.search(r"([A-Za-z]+)\s*,\s*$", text[max(0, start - 40):start])
        after = re.match(r"\s*,\s*", text[end:])
        if before and after and before.group(1).lower() in person_words:
            comma = start - len(before.group(0)) + len(before.group(1))
            following = re.match(r"\s*\w", text[end + after.end():])
            if following:
                out.append(Edit(comma, end + after.end(), " with " + text[start:end] + " "))
    return out


def _events(doc, spec, prepositions, text, protected) -> list:
    events = [re.compile(r"(?<!\w)" + re.escape(w.lower()) + r"(?!\w)") for w in spec.get("events", [])]
    out = []
    for t, pobj in prepositional_phrases(doc, prepositions):
        words = _words(t.subtree)
        start, end = t.idx, _end(words[-1])
        phrase = text[pobj.left_edge.idx:_end(pobj)].lower()
        if not any(e.search(phrase) for e in events) or _holds(start, end, protected):
            continue
        if all_its_verb_has(t, ("dobj", "prt", "acomp", "attr", "prep", "xcomp", "advmod")):
            # "went to a stag do" would leave "went": the sentence that told only the event goes instead
            whole = sentence_told_only_this(t, text, protected)
            if whole is not None:
                out.append(whole)
            continue
        out.append(Edit(_with_space_before(text, start), end, ""))
    return out


def narrowing_detail_edits(doc, rw, vocabularies, protected=(), flagged=()) -> list:
    """Deletions and generalisations of the details above; protected spans (conditions) are left alone, and flagged
    spans (findings) keep their own edits where no phrase around them goes."""
    spec = rw.get("in_place_rewrite", {}).get("narrowing_details", {})
    if not spec:
        return []
    text = _text(doc)
    relatives = {w.lower() for w in vocabularies.get("family_terms", []) + vocabularies.get("relation_words", [])
                 + spec.get("relatives", [])}
    roles = {w.lower() for w in vocabularies.get("job_heads", []) + spec.get("relative_roles", [])} - relatives
    bed_words = {w.lower() for w in vocabularies.get("bed_words", []) if " " not in w}
    prepositions = {w.lower() for w in spec.get("prepositions", [])}
    months = {w.lower() for w in vocabularies.get("months", []) + vocabularies.get("weekdays", []) + spec.get("seasons", [])}
    edits = _relative_clauses(doc, spec, relatives, roles, text, protected, months)
    edits += _role_then_clause(doc, relatives, roles, text, protected)
    room_words = {w.lower() for w in vocabularies.get("room_words", []) if " " not in w}
    edits += _bed_numbers(doc, spec, bed_words, prepositions, text, flagged, room_words)
    edits += _school_years(doc, prepositions, text)
    edits += _only_language(doc, spec, text)
    edits += _events(doc, spec, prepositions, text, protected)
    person_words = {w.lower() for w in vocabularies.get("person_nouns", []) + vocabularies.get("client_nouns", [])} \
        | set(rw.get("gender_neutral", {}).get("person_nouns", {}))
    edits += _bare_ages(doc, person_words, text)
    endings = tuple(spec.get("condition_endings", []))
    listed = list(protected) + [(t.idx, _end(t)) for t in doc if endings and t.pos_ == "NOUN" and t.lower_.endswith(endings)
                                and t.is_lower and len(t.text) > 6]
    edits += _listed_conditions(doc, person_words, text, listed)
    edits += _role_sentences(doc, roles, text, protected)
    edits += _dislocated_names(doc, text)
    return edits
