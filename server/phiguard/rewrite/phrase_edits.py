"""Syntax-aware edits on spaCy's parse: whole noun phrases and whole modifiers, never a token in isolation.

- The client's noun phrase becomes one natural generic phrase with everything that narrows it gone:
  "a 67-year-old stroke survivor in Harrogate" -> "a stroke survivor"; "a 9 year old boy in Swansea" ->
  "a child"; "My client Sandra, 81," -> "A client". Modifiers that carry the clinical point ("stroke")
  stay; ages become a band only in the head noun ("boy" aged 9 -> "child"); names, nationalities and
  places go with their commas.
- A prepositional phrase, relative clause or adverbial that carries only identifying detail goes
  whole: "in Whitby", "on Friday at 5pm", "at the Amazon warehouse in Swindon", "who did the charity
  skydive", "last month". A date inside one goes with it rather than turning into "recently".

These edits win over the per-finding edits they cover (deidentify_in_place.py), which remain for
everything the parse does not reach.
"""

from __future__ import annotations

import re

from .apply_edits import Edit
from .deidentify_in_place import rule_edit
from .drop_person_quotes import person_quote_edits
from .drop_story_place import story_place_edits
from .drop_story_time import story_time_edits
from .identifying_modifiers import identifying_modifier_edits
from .name_by_role import name_role_edits
from .narrowing_details import narrowing_detail_edits
from .work_as_job import work_as_job_edits

# The person a post is about: a client reference, or a person in a story (SPEC: `context`, `mention`).
_PERSON = ("context", "mention")

_NP_INTERNAL = ("det", "poss", "amod", "compound", "nummod", "npadvmod", "nmod", "quantmod", "punct", "predet", "case")
_NOUN_TAGS = ("NN", "NNS", "NNP", "NNPS")
# Details whose whole phrase can go ("in Whitby", "on 3 March", "at the Amazon warehouse"); a person's
# name or age is the phrase's head, not its modifier, and stays with the per-finding edits.
_PLACE_AND_TIME = ("LOCATION", "FACILITY", "DATE", "POSTAL_ADDRESS", "POSTCODE", "NEWS_EVENT")
_IDENTIFYING_ONLY_POS = ("DET", "PROPN", "NUM", "PUNCT", "ADP", "CCONJ", "SYM", "PART", "SPACE")
_AGE_WORDS = re.compile(r"^(?:\d+|years?|yrs?|yo|y/o|old|aged?|months?|-|/)$", re.I)


def _overlaps(a0, a1, b0, b1) -> bool:
    return a0 < b1 and b0 < a1


def _in(token, f) -> bool:
    return _overlaps(token.idx, token.idx + len(token.text), f.start, f.end)


def _text(doc) -> str:
    """The post's text (Doc.text joins every token on each call: quadratic when called per finding)."""
    return doc.user_data.get("text") or doc.text


def _tokens(doc, f) -> list:
    """The tokens a finding overlaps, found by offset (a scan of the whole Doc per finding is quadratic)."""
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    return list(span) if span is not None else []


def _np_head(token):
    """Climb from a token inside a noun phrase to the phrase's head noun."""
    seen = 0
    # A possessor is a phrase of its own: "my client's wife" is about the wife, "my pt's son" the son.
    while token.dep_ in _NP_INTERNAL and token.head.i != token.i and token.head.tag_ in _NOUN_TAGS + ("JJ", "CD") \
            and not (token.dep_ == "poss" and token.tag_ in _NOUN_TAGS) and seen < 6:
        token = token.head
        seen += 1
    return token


def _span_end(token) -> int:
    return token.idx + len(token.text)


def _phrase_end(node) -> int:
    """Where a phrase's words end: spaCy may hang the sentence's "!" and an emoji on its last phrase ("in Dundee! 🚲"),
    and those are the writer's, not the phrase's."""
    words = [t for t in node.subtree if any(ch.isalnum() for ch in t.text)]
    return _span_end(words[-1]) if words else _span_end(node.right_edge)


def _band(age_text: str, rw) -> str:
    number = re.search(r"\d+", age_text)
    if not number:
        return ""
    age = int(number.group())
    if re.search(r"week|day", age_text, re.I):
        age = 0
    elif re.search(r"month", age_text, re.I):
        age //= 12
    return next((b["noun"] for b in rw.get("age_bands", []) if age < b["below"]), "")


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _subtree_range(token):
    return token.left_edge.idx, _span_end(token.right_edge)


def _only_identifying(tokens, findings, covered_by_finding) -> bool:
    """True when every word of a phrase is part of a finding, or a function word or proper noun."""
    for t in tokens:
        if t.pos_ in _IDENTIFYING_ONLY_POS or t.is_space or _possessive_determiner(t):
            continue
        if any(_in(t, f) for f in covered_by_finding):
            continue
        return False
    return True


def _possessive_determiner(token) -> bool:
    """ "on our Bluebell unit": with the unit's name gone, "our" has nothing left to own."""
    return token.dep_ == "poss" and token.pos_ == "PRON"


def _apposition_deletion(doc, child) -> Edit:
    """An apposition with its commas: ", 81," between a subject and its verb goes whole ("My client, 81,
    keeps" -> "A client keeps"), but before more of the subject only the opening comma goes ("One of my
    girls, 12, with dermatomyositis, is" -> "A child, with dermatomyositis, is")."""
    start = _with_comma_before(doc, child.left_edge.i, child.left_edge.idx)
    end = _span_end(child.right_edge)
    nxt = child.right_edge.i + 1
    if nxt < len(doc) and doc[nxt].text == "," and start < child.left_edge.idx \
            and (nxt + 1 >= len(doc) or doc[nxt + 1].pos_ in ("VERB", "AUX") or _unclosed_modifier(doc, nxt + 1)):
        end = _span_end(doc[nxt])
    return Edit(start, end, "")


def _unclosed_modifier(doc, i: int) -> bool:
    """ "with ADHD got" after "My young client, 8,": a modifier that runs to the verb with no comma of its own, so
    the apposition's second comma would be left parting the subject from its verb."""
    if doc[i].pos_ != "ADP":
        return False
    for t in doc[i + 1:]:
        if t.text in (",", ";", ":", ".", "!", "?", "(", ")"):
            return False
        if t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBG", "VBN"):
            return True
    return False


def _with_comma_before(doc, start_i: int, start: int) -> int:
    """A removed clause takes the comma (and space) before it: "Danny, who ..., got" -> "Danny got"."""
    if start_i > 0 and doc[start_i - 1].text in (",", "—", "–"):
        return doc[start_i - 1].idx
    return start


def phrase_edits(doc, text: str, findings, rw, vocabularies) -> list:
    doc.user_data["text"] = doc.text
    gn = rw.get("gender_neutral", {})
    kept_entities = set(rw.get("kept_entities", []))
    conditions = [f for f in findings if f.category == "condition"]
    identifying = [f for f in findings if f.category not in ("condition", "context", "mention", "self")
                   and (f.entity not in kept_entities or f.entity == "NEWS_EVENT") and not f.weak]
    person_nouns = {w.lower() for w in vocabularies.get("person_nouns", [])} | set(gn.get("person_nouns", {}))
    client_nouns = {w.lower() for w in vocabularies.get("client_nouns", [])}
    doc.user_data["job_heads"] = {w.lower() for w in vocabularies.get("job_heads", [])} - person_nouns - client_nouns
    doc.user_data["person_verbs"] = {w.lower() for w in rw.get("in_place_rewrite", {}).get("person_directed_verbs", [])}
    edits = []

    # 1. The client's noun phrase.
    heads = {}
    for f in findings:
        if f.category in _PERSON and "replacement" in rule_edit(rw, f.rule_id):
            continue  # the rule has its own words for its match ("Code blue" -> "An emergency call"): no noun phrase to read
        if f.category in _PERSON or f.entity == "AGE":
            inside = [t for t in _tokens(doc, f) if not t.is_punct]
            if not inside:
                continue
            head = _np_head(inside[-1])
            after = inside[-1].i + 1
            # "a 12 year old refusing school": spaCy hangs the age on "school", but the age is the noun.
            age_before_verb = after < len(doc) and doc[after].tag_ in ("VBG", "VBD") and head.i > inside[-1].i \
                and head.lower_ not in person_nouns and head.lower_ not in client_nouns
            # "Saw a 9 year old today": spaCy may hang "a … old" on the time word after it, but nothing follows the
            # age for it to describe (a time, a comma, a preposition, a verb): the age is the noun
            # (an age between commas, "…, 17 years old, and", is a detail, not the noun: it has no article)
            age_alone = inside[0].i > 0 and doc[inside[0].i - 1].lower_ in ("a", "an", "the", "this", "that") and (
                after >= len(doc) or doc[after].dep_ == "npadvmod"
                or doc[after].pos_ in ("PUNCT", "ADP", "VERB", "AUX", "PRON", "SCONJ", "CCONJ"))
            if f.entity == "AGE" and inside[-1].lower_ in ("old", "olds", "yo", "y/o", "o", "yr", "yrs") and (
                    age_before_verb or age_alone or head.i == inside[-1].i
                    and head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj")):
                band = _band(_text(doc)[f.start:f.end], rw)  # "the 12 year old translates" -> "the child translates"
                if band:
                    noun = {"adult": "person"}.get(band, band)
                    det = [doc[inside[0].i - 1]] if inside[0].i > 0 and doc[inside[0].i - 1].dep_ in ("det", "poss") \
                        and doc[inside[0].i - 1].lower_ in ("a", "an", "the", "this", "that", "my", "our") else []
                    if det:
                        # "my 7 year old with cerebral palsy" -> "a child with...": "my child" reads as the writer's own
                        word = det[0].text if det[0].lower_ not in ("a", "an", "my", "our") else _article(noun)
                        if det[0].text[:1].isupper():
                            word = word.capitalize()
                        edits.append(Edit(det[0].idx, f.end, word + " " + noun))
                    else:
                        edits.append(Edit(f.start, f.end, noun))
                continue
            one = _one_of(head)
            if one is not None and f.category in _PERSON and (head.lower_ in person_nouns or head.lower_ in client_nouns
                                                               or head.lemma_.lower() in client_nouns
                                                               or gn.get("plural_forms", {}).get(head.lower_)):
                edits.extend(_one_of_phrase(doc, one, head, findings, identifying, rw, gn))
                continue
            if age_before_verb:
                continue  # the AGE finding's band is the whole phrase
            if f.category in _PERSON and all(t.dep_ == "compound" for t in inside) and head.i > inside[-1].i \
                    and head.lower_ not in person_nouns and head.lower_ not in client_nouns and head.pos_ == "NOUN":
                # "Case discussion", "Caseload review": the word names a kind of meeting, not a person; it stays.
                edits.append(Edit(f.start, f.end, _text(doc)[f.start:f.end]))
                continue
            if head.dep_ == "npadvmod" and head.lower_ not in person_nouns and head.lower_ not in client_nouns:
                continue  # "a 9 year old today": the parse hung the person on the time word, which names no one
            if head.tag_ in ("NN", "NNS") and (f.category in _PERSON or head.lower_ in person_nouns):
                heads[head.i] = head
            elif head.tag_ == "NNP" and f.category in _PERSON and _named_client_noun(head, findings, person_nouns,
                                                                                      client_nouns) is not None:
                heads[head.i] = head  # "My client Callum": spaCy makes the name the head, "client" its compound
    for head in heads.values():
        edit = _client_phrase(doc, head, findings, conditions, identifying, rw, gn, person_nouns, client_nouns)
        if edit:
            edits.extend(edit)

    # 2. Modifiers that carry nothing but identifying detail.
    edits.extend(_times_of_day(doc, [f for f in identifying if f.entity == "DATE"]))
    edits.extend(work_as_job_edits(doc, rw, doc.user_data["job_heads"],
                                   [(f.start, f.end) for f in identifying if f.entity == "OCCUPATION"],
                                   [(c.start, c.end) for c in conditions]))
    for f in identifying:
        if f.entity == "OCCUPATION":
            edit = _job_as_work(doc, f, identifying) or _job_clause(doc, f, conditions)
            if edit:
                edits.append(edit)
    for f in identifying:
        tokens = _tokens(doc, f)
        if f.entity in ("PERSON", "LOCATION") and tokens and all(t.dep_ == "compound" for t in tokens) \
                and tokens[-1].head.pos_ == "NOUN" and tokens[-1].head.i == tokens[-1].i + 1 \
                and not any(c.start <= f.start and f.end <= c.end for c in conditions):  # "Down syndrome" is one name
            # "a Manchester band" -> "a band": a name that only modifies a common noun
            edits.append(Edit(tokens[0].idx, tokens[-1].head.idx, ""))
    if any(f.category in _PERSON for f in findings):
        edits.extend(story_time_edits(doc, rw, [(c.start, c.end) for c in conditions]))
        edits.extend(story_place_edits(doc, rw, [(c.start, c.end) for c in conditions]))
        edits.extend(_unflagged_job_clauses(doc, doc.user_data["job_heads"], conditions, edits))
    # A warned post is about someone even when the only sign is a pronoun ("He collapsed at the council meeting"):
    # what picks a person out goes in every one.
    people = [f for f in findings if f.category in _PERSON or f.entity == "PERSON"]
    edits.extend(identifying_modifier_edits(
        doc, rw, doc.user_data["job_heads"], [(c.start, c.end) for c in conditions],
        lambda t: t.lower_ in person_nouns or t.lower_ in client_nouns or t.lemma_.lower() in client_nouns
        or t.lower_ in doc.user_data["job_heads"] or t.pos_ in ("PROPN", "PRON") or any(_in(t, f) for f in people)))
    # The person's words, quoted: who heard them knows who said them.
    edits.extend(person_quote_edits(
        doc, rw, lambda t: t.lower_ not in doc.user_data["job_heads"] and (
            t.lower_ in person_nouns or t.lower_ in client_nouns or any(_in(t, f) for f in people)),
        [(c.start, c.end) for c in conditions]))
    # A relative's job, a bereavement, a bed number, a school year: what narrows the crowd goes with its clause.
    edits.extend(narrowing_detail_edits(doc, rw, vocabularies, [(c.start, c.end) for c in conditions],
                                        [(f.start, f.end) for f in identifying]))
    # A name guess that is a street, a day, a brand or a word said goes with its phrase, not as "someone".
    edits.extend(name_role_edits(doc, identifying, rw, person_nouns, [(c.start, c.end) for c in conditions]))
    places = [f for f in identifying if f.entity in _PLACE_AND_TIME]
    kinds = {w: kind["replacement"] for kind in rw.get("facility_kinds", []) for w in kind["words"]}
    for f in places:
        edit = _identifying_modifier(doc, f, findings, places, conditions, kinds)
        if edit:
            edits.append(edit)
    return [_within_line(doc.text, e) for e in _outermost(edits)]


def _within_line(text: str, edit):
    """A phrase ends at its line: spaCy can parse "lives in Spain.\nWho do I chase first" as one sentence and hang the
    next line's question on "Spain", and removing the phrase must not take the question, or the full stop, with it."""
    removed = text[edit.start:edit.end]
    if "\n" not in removed or "\n" in edit.replacement:
        return edit
    end = edit.start + removed.index("\n")
    while end > edit.start and text[end - 1] in " \t.!?…":
        end -= 1
    return Edit(edit.start, end, edit.replacement)


def _one_of(head):
    """ "One of my girls": the "one" a plural person noun is counted from, or None."""
    if head.tag_ == "NNS" and head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ == "one":
        return head.head.head
    return None


def _one_of_phrase(doc, one, plural, findings, identifying, rw, gn) -> list:
    """ "One of my girls, 12," -> "A child"; "one of my clients" -> "a client"."""
    singular = gn.get("plural_forms", {}).get(plural.lower_) or plural.lemma_.lower()
    ages = [f for f in findings if f.entity == "AGE" and any(_in(t, f) for t in one.subtree)]
    band = _band(" ".join(_text(doc)[f.start:f.end] for f in ages), rw) if ages else ""
    noun = gn.get("person_nouns", {}).get(singular, [singular])[0]
    if band and singular in gn.get("person_nouns", {}):
        noun = {"adult": "person"}.get(band, band)
    replacement = _article(noun) + " " + noun
    if one.text[:1].isupper():
        replacement = replacement[0].upper() + replacement[1:]
    edits = [Edit(one.idx, _span_end(plural), replacement)]
    gendered = set(gn.get("person_nouns", {}))
    for child in one.rights:
        # ", an 84 year old widower in Lerwick,": a person noun with its age and place only says who, again.
        restates = child.lower_ in gendered and not any(_in(t, c) for t in child.subtree for c in findings
                                                        if c.category == "condition")
        if child.dep_ == "appos" and (restates or all(t.pos_ in _IDENTIFYING_ONLY_POS or any(
                _in(t, f) for f in findings if f.entity == "AGE") for t in child.subtree)):
            edits.append(_apposition_deletion(doc, child))
    return edits


def _outermost(edits) -> list:
    """Nested phrases: the outer one; crossing ones (a parse that disagrees with itself): the first."""
    kept = []
    for e in sorted(edits, key=lambda e: (e.start, -e.end)):
        if kept and e.start < kept[-1].end:
            continue
        kept.append(e)
    return kept


def _named_client_noun(head, findings, person_nouns, client_nouns):
    """The client noun in front of a name ("client" in "My client Callum"), when head is a name finding."""
    if not any(_in(head, f) for f in findings if f.entity == "PERSON"):
        return None
    return next((c for c in head.children if c.dep_ == "compound" and c.i < head.i
                 and (c.lower_ in client_nouns or c.lower_ in person_nouns)), None)


def _client_phrase(doc, head, findings, conditions, identifying, rw, gn, person_nouns, client_nouns):
    """One edit for the phrase's words left of and including its head, and deletions for the identifying
    modifiers right of it (appositions, prepositional phrases)."""
    named = _named_client_noun(head, findings, person_nouns, client_nouns) if head.tag_ == "NNP" else None
    left = [t for t in head.subtree if t.i < head.i and (named is None or t.i < named.i)]
    left_start = head.left_edge
    if left_start.i < head.i and left_start.dep_ not in _NP_INTERNAL:
        return None
    if head.tag_ == "NNS" or any(t.lower_ in ("one", "two", "three", "some", "several", "of") for t in left):
        return None  # "one of my families", plural clients: leave to the per-finding edits
    ages = [f for f in findings if f.entity == "AGE" and any(_in(t, f) for t in left)]
    dropped = set(rw.get("client_reference", {}).get("dropped_modifiers", []))
    kept_mods = []
    for t in left:
        if t.dep_ in ("det", "poss", "predet", "punct", "case") or t.like_num or _AGE_WORDS.match(t.text):
            continue
        if any(_in(t, f) for f in identifying) or any(_in(a, f) for f in ages for a in [t]):
            continue
        in_condition = any(_in(t, f) for f in conditions)
        # Plain describing words right before the head stay ("a stroke survivor", "a trans young person");
        # superlatives, endearments and half of a hyphenated word ("longest-standing") go.
        plain = (t.dep_ in ("amod", "compound") and t.text.islower() and t.head.i == head.i and t.tag_ not in ("JJS", "RBS")
                 and t.lower_ not in gn.get("gendered_modifiers", []) and t.lower_ not in person_nouns
                 and t.lower_ not in dropped and not (t.i > 0 and doc[t.i - 1].text == "-") and not list(t.children)
                 and all(doc[j].dep_ in ("amod", "compound") and doc[j].head.i == head.i for j in range(t.i, head.i)))
        if in_condition or plain:
            kept_mods.append(t)
    noun_token = named if named is not None else head
    noun = noun_token.lower_
    if noun in gn.get("person_nouns", {}) or noun in ("kid", "kiddo", "teen", "teenager", "toddler"):
        band = _band(" ".join(text_of(f, doc) for f in ages), rw) if ages else ""
        noun = {"adult": "person"}.get(band, band) if band else gn.get("person_nouns", {}).get(noun, [noun])[0]
        if noun in ("teenager", "teen"):
            noun = "young person"
    elif any(_in(noun_token, f) for f in identifying) or noun in doc.user_data.get("job_heads", ()):
        # "a lorry driver" -> "a person"; a job detection did not underline ("a retired ferry captain") too, with
        # the words that only say which job
        if noun in doc.user_data.get("job_heads", ()):
            kept_mods = [t for t in kept_mods if any(_in(t, c) for c in conditions)]
        noun = rw.get("client_reference", {}).get("head_noun", "person")
    elif noun_token.i == noun_token.sent.start and noun_token.tag_ in ("NN", "NNS"):
        noun = noun_token.lower_  # "Patient had..." -> "A patient had...": the capital was the sentence's
    else:
        noun = noun_token.text
    mods = [t.text for t in kept_mods if not (noun.startswith(t.lower_ + " "))]
    words = " ".join(mods + [noun])
    det = [t for t in left if t.dep_ in ("det", "poss")]
    if det and det[0].lower_ in ("the", "this", "that"):
        article = det[0].text
    elif det and det[0].dep_ == "poss" and det[0].pos_ == "PRON" and det[0].lower_ not in ("my", "our") \
            and words in gn.get("bare_family_nouns", []):
        article = gn.get("bare_determiner", "their")  # "her partner" -> "their partner": a relative is someone's
    else:
        article = _article(words)
    replacement = article + " " + words
    if left_start.text[:1].isupper():
        replacement = replacement[0].upper() + replacement[1:]
    edits = [Edit(left_start.idx, _span_end(head), replacement)]
    if replacement.lower() == _text(doc)[left_start.idx:_span_end(head)].lower() and noun_token.lower_ not in (
            "family", "couple", "household"):
        # Nothing to change on the left ("a client"): the per-finding edit decides. "a family" stays (re-analysis
        # still catches "Visited a family"): "the social worker for a family where..." is what was meant.
        edits = [None]
    # Identifying modifiers right of the head: "Sandra, 81," and "in Harrogate".
    for child in head.rights:
        if any(_in(t, c) for t in child.subtree for c in conditions):
            continue  # "(aphasia after a left CVA)": the condition is the point
        if child.dep_ in ("appos", "relcl") and _tells_a_story(child, rw):
            # "a lady in her 80s who did the charity skydive", "who was in the local paper": goes whole
            edits.append(_apposition_deletion(doc, child))
            continue
        if child.dep_ == "appos" and _only_identifying(list(child.subtree), findings, identifying + [
                f for f in findings if f.entity in ("PERSON", "AGE")]):
            edits.append(_apposition_deletion(doc, child))
        elif child.dep_ == "prep" and _only_identifying(list(child.subtree)[1:], findings, identifying) \
                and any(any(_in(t, f) for f in identifying) for t in child.subtree):
            start, end = _subtree_range(child)
            edits.append(Edit(start, end, ""))
    return [e for e in edits[:1] if e is not None] + _joined(edits[1:])


def _tells_a_story(clause, rw) -> bool:
    """Does an apposition or relative clause tell the public story that picks the person out?"""
    words = set(rw.get("client_reference", {}).get("identifying_clause_words", []))
    return any(t.lower_ in words or t.lemma_.lower() in words for t in clause.subtree)


def _joined(deletions) -> list:
    """Deletions that touch or overlap become one (", 27," and ", a plumber from Bangor,")."""
    out = []
    for e in sorted(deletions, key=lambda e: e.start):
        if out and e.start <= out[-1].end:
            out[-1] = Edit(out[-1].start, max(out[-1].end, e.end), "")
        else:
            out.append(e)
    return out


def text_of(f, doc) -> str:
    return _text(doc)[f.start:f.end]


_TIME_OF_DAY = re.compile(r"^(?:at|by|around|from|until|before|after)\s+(?:\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)|\d{1,2}[:.]\d\d|"
                          r"noon|midnight)$", re.I)


def _times_of_day(doc, dates) -> list:
    """ "on Friday at 5pm": the time goes with the date it anchors (the date's phrase goes elsewhere)."""
    out = []
    for token in doc:
        if token.dep_ == "prep" and _TIME_OF_DAY.match(_text(doc)[token.left_edge.idx:_span_end(token.right_edge)]):
            siblings = [c for c in token.head.children if c.i != token.i and c.dep_ in ("prep", "npadvmod")]
            if any(_in(t, f) for c in siblings for t in c.subtree for f in dates) \
                    or any(_in(t, f) for t in token.head.subtree for f in dates if t.i < token.i and t.i >= token.i - 3):
                out.append(Edit(token.left_edge.idx, _span_end(token.right_edge), ""))
    return out


def _job_as_work(doc, f, identifying):
    """ "My client is the head teacher at a primary school" -> "A client works at a primary school": the job
    goes, the kind of workplace (when nothing identifying names it) stays."""
    tokens = _tokens(doc, f)
    if not tokens:
        return None
    head = _np_head(tokens[-1])
    cop = head.head
    if head.dep_ != "attr" or not _is_copula(cop) or cop.i > head.i:
        return None
    prep = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "at" and c.i > head.i), None)
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if pobj is None or any(_in(t, e) for t in pobj.subtree for e in identifying if t.i <= pobj.i) \
            or any(_in(t, e) for t in doc[cop.i + 1:head.i] for e in identifying if e is not f and e.entity != "OCCUPATION"):
        return None
    subject = next((c for c in cop.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if cop.tag_ == "VBD":
        verb = "worked"
    elif subject is not None and (subject.lower_ in ("she", "he", "they", "i", "we", "you") or subject.tag_ == "NNS"):
        verb = "work"
    else:
        verb = "works"
    if cop.text[:1] in ("'", "’"):
        verb = " " + verb  # "She's the GP at..." -> "They work at..."
    return Edit(cop.idx, _span_end(head), verb)


def _job_clause(doc, f, conditions):
    tokens = _tokens(doc, f)
    return _job_clause_of(doc, _np_head(tokens[-1]), conditions) if tokens else None


def _unflagged_job_clauses(doc, job_heads, conditions, edits) -> list:
    """Job clauses detection did not underline ("who is a primary school teacher"): a person's job narrows who
    they are whether or not the job's words are in the occupation list."""
    out = []
    for t in doc:
        if t.pos_ == "NOUN" and (t.lower_ in job_heads or t.lemma_.lower() in job_heads) \
                and not any(e.start <= t.idx < e.end for e in edits):
            edit = _job_clause_of(doc, t, conditions)
            if edit:
                out.append(edit)
    return out


def _job_clause_of(doc, head, conditions):
    """ "a man who's a bus driver would know", "Pat, a retired welder, has": a relative clause or an apposition
    that only says the person's job goes whole (with its commas); what the person did stays."""
    clause = None
    if head.dep_ == "attr" and _is_copula(head.head) and head.head.dep_ == "relcl" \
            and any(c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in head.head.children):
        clause = head.head
    elif head.dep_ == "appos" and head.head.i < head.i and head.head.pos_ in ("NOUN", "PROPN", "PRON"):
        clause = head
    if clause is None or any(_in(t, c) for t in clause.subtree for c in conditions) \
            or any(c.dep_ in ("cc", "conj") for c in clause.children):
        return None  # "who was a welder and now has asbestosis": the clause also carries the point
    if clause.dep_ == "appos":
        return _apposition_deletion(doc, clause)
    start = _with_comma_before(doc, clause.left_edge.i, clause.left_edge.idx)
    end = _span_end(clause.right_edge)
    nxt = clause.right_edge.i + 1
    if start < clause.left_edge.idx and nxt < len(doc) and doc[nxt].text == ",":
        end = _span_end(doc[nxt])
    return Edit(start, end, "")


def _is_copula(token) -> bool:
    return token.lemma_ == "be" or token.lower_ in ("'s", "’s", "is", "was", "are", "were", "'re", "’re", "am")


def _kind_named(prep, f, kinds):
    """The generic name of the kind of place the preposition's object is ("a care home" for "Larchfield care
    home"), "" for a kind that goes ("ward"), or None when the object is not a kind of place (a trip, an event)."""
    for c in prep.children:
        if c.dep_ == "pobj":
            words = " ".join(t.lower_ for t in c.subtree if t.i <= c.i and not _in(t, f) and t.pos_ not in ("DET", "PUNCT", "NUM"))
            for phrase, replacement in kinds.items():
                if words == phrase or words.endswith(" " + phrase):
                    return replacement
    return None


def _identifying_modifier(doc, f, findings, identifying, conditions, kinds=None):
    """The largest prepositional phrase, adverbial or relative clause around a finding that holds only
    identifying detail."""
    tokens = _tokens(doc, f)
    if not tokens:
        return None
    best = None
    node = tokens[0]
    for _ in range(8):
        if node.dep_ == "prep" and node.head.lemma_.lower() in doc.user_data.get("person_verbs", ()):
            break  # "Look at Arthur go": the phrase aims at a person, who is made generic, not dropped
        if node.dep_ in ("prep", "npadvmod", "relcl", "acl") and node.head.i != node.i:
            subtree = list(node.subtree)
            if any(_in(t, c) for t in subtree for c in conditions):
                break
            words = subtree[1:] if node.dep_ == "prep" else subtree
            if node.dep_ in ("relcl", "acl"):
                # A relative clause goes only when it is about a public event ("who did the charity skydive").
                if not any(_in(t, e) for t in subtree for e in identifying if e.entity == "NEWS_EVENT"):
                    break
                start = _with_comma_before(doc, node.left_edge.i, node.left_edge.idx)
                best = Edit(start, _phrase_end(node), "")
                break
            if node.dep_ == "npadvmod" and f.entity != "DATE":
                break
            if node.dep_ == "prep" and _is_copula(node.head) and (not any(
                    c.dep_ in ("acomp", "attr", "advmod", "prep") and c.i != node.i for c in node.head.children)
                    or all(t.pos_ in ("ADV", "PART") for t in doc[node.head.i + 1:node.i])):
                # "She's at St Bede's in Preston", "He's on Ward 31 at...": the phrase is what the sentence says,
                # so it may become general ("was in a crash") but not go.
                generic = _generic_place(node, identifying)
                return Edit(node.idx, _phrase_end(node), node.text + " " + generic) if generic else None
            pobj_ok = node.dep_ != "prep" or any(
                c.dep_ == "pobj" and any(_in(t, e) for t in [c] + list(c.children) for e in identifying)
                for c in node.children)
            if pobj_ok and (_only_identifying(words, findings, identifying) or _pobj_is_finding(node, identifying)):
                start = node.left_edge.idx
                if node.lower_ == "of" and node.i > 0 and doc[node.i - 1].lower_ == "out" and node.left_edge.i == node.i:
                    start = doc[node.i - 1].idx  # "running out of the Hulme estate" -> "running", not "running out"
                verb = doc[node.i - 1].head if start < node.idx else node.head
                if verb.dep_ == "acl" and verb.tag_ in ("VBG", "VBN") and verb.i < node.i and all(
                        c.i >= node.i - 1 for c in verb.children) and verb.i == verb.left_edge.i:
                    start = verb.idx  # "a group running out of the X estate" -> "a group": the participle said only where
                best = Edit(start, _phrase_end(node), "")
            elif best is None and node.dep_ == "prep" and f.entity in ("FACILITY", "LOCATION") and len(words) <= 8 \
                    and _kind_named(node, f, kinds) is not None \
                    and all(t.pos_ in _IDENTIFYING_ONLY_POS + ("NOUN",) or any(_in(t, e) for e in identifying)
                            for t in words):
                # "at Larchfield care home in Inverurie" -> "at a care home": the kind of place is the point.
                kind = _kind_named(node, f, kinds)
                if not kind:
                    return Edit(node.left_edge.idx, _phrase_end(node), "")
                return Edit(node.idx, _phrase_end(node), node.text + " " + kind)
            elif best is None and node.dep_ == "prep" and _named_works(node, identifying):
                # "works nights at the Port Talbot steelworks" -> "works nights": a named workplace is the employer
                return Edit(node.idx, _phrase_end(node), "")
            elif best is None and node.dep_ == "prep" and _generic_place(node, identifying):
                # "works at the Amazon warehouse in Swindon" -> "works at a warehouse"
                return Edit(node.idx, _phrase_end(node), node.text + " " + _generic_place(node, identifying))
            elif best is not None:
                break
        if node.head.i == node.i or node.dep_ in ("ROOT", "relcl", "ccomp", "advcl", "conj", "xcomp"):
            break
        node = node.head
    return best


def _named_works(prep, identifying) -> bool:
    """A plural-form place noun named by a finding ("the Port Talbot steelworks", "the Cowley car works"): with the
    name gone, "a steelworks" still says which one in most towns."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.pos_ != "NOUN" or pobj.tag_ != "NNS" or any(_in(pobj, e) for e in identifying):
        return False
    named = [c for c in pobj.children if c.dep_ == "compound" and any(_in(c, e) for e in identifying)]
    others = [t for t in pobj.subtree if t.i != pobj.i and t.pos_ not in _IDENTIFYING_ONLY_POS
              and not any(_in(t, e) for e in identifying)]
    return bool(named) and not others


def _generic_place(prep, identifying) -> str:
    """ "a warehouse" for "the Amazon warehouse in Swindon": a common noun named by a finding, the rest
    of the phrase identifying only."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.pos_ != "NOUN" or pobj.tag_ != "NN" or any(_in(pobj, e) for e in identifying):
        return ""
    named = [c for c in pobj.children if c.dep_ == "compound" and any(_in(c, e) for e in identifying)]
    others = [t for t in pobj.subtree if t.i != pobj.i and t.pos_ not in _IDENTIFYING_ONLY_POS
              and not any(_in(t, e) for e in identifying)]
    if not named or others:
        return ""
    # "in the Wirral team", "in the Aussie Nurses group": the writer's own team or group, not one of many
    the = any(c.dep_ == "det" and c.lower_ == "the" for c in pobj.children) and pobj.lower_ in (
        "team", "unit", "service", "group", "page", "forum", "chat", "network", "community")
    return ("the" if the else _article(pobj.lower_)) + " " + pobj.lower_  # "in the Wirral team" -> "in the team"


def _pobj_is_finding(prep, identifying) -> bool:
    """ "at the Amazon warehouse in Swindon": the object of the preposition is itself a finding (a facility),
    so its common-noun head ("warehouse") names the place too."""
    for c in prep.children:
        if c.dep_ == "pobj":
            inner = [t for t in c.subtree if t.i <= c.i]
            if any(_in(c, e) for e in identifying) and all(
                    t.pos_ in _IDENTIFYING_ONLY_POS or _possessive_determiner(t) or any(_in(t, e) for e in identifying)
                    for t in inner):
                rest = [t for t in c.subtree if t.i > c.i]
                return all(t.pos_ in _IDENTIFYING_ONLY_POS or any(_in(t, e) for e in identifying) for t in rest)
    return False
