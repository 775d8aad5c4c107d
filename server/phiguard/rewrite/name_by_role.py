"""A name guess replaced by its grammatical role on the parse, not by "someone" wherever it stands.

spaCy takes streets, days, towns and brands for people ("on Victoria Rd", "on Weds", "my brand new Figs"), and a
name may be only a word someone said ("calling everyone "Karen""). "someone" in those places breaks the sentence
("their old house on someone"), so the role decides:

- the object of a place or time preposition (`in_place_rewrite.place_prepositions`) goes with its whole phrase:
  "their old house on Victoria Rd" -> "their old house"; "to" counts after a "from" on the same head
  ("from Crewe to Glasgow");
- a name another rule reads as a place, inside an "of" phrase that is the object of a place preposition ("at the end
  of Kittiwake Lane"), goes with the outer phrase;
- a name with a determiner, an adjective or a possessive of its own is a thing, not a person ("my brand new
  Figs"): the prepositional phrase that holds it goes;
- a name coordinated with what a verb of liking takes (`in_place_rewrite.liking_verbs`) is a thing liked, a
  cartoon or a brand, not a person: it goes with its "and" ("loves trains and Peppa" -> "loves trains"); the object
  of a verb of performing (`performing_verbs`: "belting Adele") is a singer or a song, and goes;
- a name in quotation marks is a word said, not a person there: the clause that says it goes with its comma
  ("pulled their cannula, calling everyone "Karen"" -> "pulled their cannula").

What no rule here reaches stays with the per-finding edits (deidentify_in_place.py).
"""

from __future__ import annotations

from .apply_edits import Edit

_PLACES = ("LOCATION", "FACILITY", "POSTAL_ADDRESS")
_QUOTES = ('"', "“", "”", "'", "‘", "’")
_NP_LEFT = ("det", "poss", "amod")
_CLAUSES = ("advcl", "conj", "xcomp", "ccomp", "acl", "relcl", "pcomp")
MAX_SAYING_CLAUSE = 10  # tokens: "calling everyone \"Karen\"" is a few words


def _end(token) -> int:
    return token.idx + len(token.text)


def _start_with_space(doc, token) -> int:
    """A deleted phrase takes the blank before it, not the word before it."""
    text = doc.user_data.get("text") or doc.text
    start = token.left_edge.idx
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return start


def _place_phrase_deletion(doc, prep, head):
    """The preposition, what modifies it ("all over") and its object's noun phrase, up to the name: spaCy may hang
    the rest of the sentence on the name ("on Brook Rd - dad released..."), and that is not the phrase."""
    left = min([prep.i] + [c.left_edge.i for c in prep.children if c.i < prep.i])
    if any(t.pos_ in ("VERB", "AUX") for t in doc[left:head.i + 1]):
        return None
    return Edit(_start_with_space(doc, doc[left]), _end(head), "")


def _name_tokens(doc, f) -> list:
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    return [t for t in span if not t.is_punct] if span is not None else []


def _noun_head(token):
    """A name's own head: "Victoria" in "Victoria Rd" hangs on "Rd" as a compound."""
    while token.dep_ in ("compound", "flat") and token.head.i != token.i and token.head.i - token.i <= 3:
        token = token.head
    return token


def _place_phrase(head, prepositions, person_verbs=frozenset()):
    """The preposition whose object is head, when it is one of place or time ("look at Arthur go", "shouted at Jo":
    a verb of `person_directed_verbs` aims at a person)."""
    prep = head.head
    if head.dep_ != "pobj" or prep.dep_ not in ("prep", "dative") or prep.i == head.i:
        return None
    if prep.head.lemma_.lower() in person_verbs:
        return None
    word = prep.lower_
    if word in prepositions:
        return prep
    if word == "to" and any(c.lower_ == "from" and c.dep_ == "prep" for c in prep.head.children):
        return prep  # "from Crewe to Glasgow": the end of a route, not a person spoken to
    return None


def _place_around_of(head, prepositions):
    """ "at the end of Kittiwake Lane", "on the corner of Elm Road": a name another rule reads as a place, inside an
    "of" phrase that is itself the object of a place preposition; the outer phrase says where, and goes."""
    of = head.head
    if head.dep_ != "pobj" or of.lower_ != "of" or of.head.pos_ != "NOUN" or of.head.dep_ != "pobj":
        return None
    return _place_phrase(of.head, prepositions)


def _owned_thing(head, person_nouns) -> bool:
    """ "my brand new Figs": a determiner, adjective or possessive of its own marks a thing, unless a person noun or
    title stands beside the name ("my client Sandra", "old Mr Jones")."""
    left = [c for c in head.children if c.i < head.i]
    if any(c.dep_ == "compound" and (c.lower_ in person_nouns or c.lower_.rstrip(".") in ("mr", "mrs", "ms", "dr", "miss", "mx"))
           for c in left):
        return False
    return any(c.dep_ in _NP_LEFT for c in left)


def _enclosing_phrase(head):
    """The nearest prepositional phrase holding head, within its noun phrase."""
    node = head
    for _ in range(4):
        if node.dep_ == "pobj" and node.head.dep_ in ("prep", "dative"):
            return node.head
        if node.head.i == node.i or node.head.pos_ not in ("NOUN", "PROPN"):
            return None
        node = node.head
    return None


def _quoted(doc, tokens) -> bool:
    first, last = tokens[0].i, tokens[-1].i
    return first > 0 and last + 1 < len(doc) and doc[first - 1].text in _QUOTES and doc[last + 1].text in _QUOTES


def _saying_clause(doc, tokens):
    """The clause below the sentence's root that says the quoted name, with its comma or "and" before it."""
    node = tokens[-1]
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX") and node.dep_ in _CLAUSES:
            break
        if node.head.i == node.i:
            return None
        node = node.head
    else:
        return None
    if node.dep_ not in _CLAUSES or sum(1 for _ in node.subtree) > MAX_SAYING_CLAUSE:
        return None  # a long clause says more than the name: the per-finding edit decides
    start_token = node.left_edge
    before = start_token.i - 1
    if before >= 0 and doc[before].text in (",", ";", "–", "—", "-") or before >= 0 and doc[before].dep_ == "cc":
        start_token = doc[before]
    end = max(_end(t) for t in node.subtree)
    nxt = node.right_edge.i + 1
    if nxt < len(doc) and doc[nxt].text in _QUOTES:
        end = _end(doc[nxt])
    text = doc.user_data.get("text") or doc.text
    start = start_token.idx
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return Edit(start, end, "")


def _liked(head, likes) -> bool:
    """ "loves trains and Peppa": a name coordinated with what a verb of liking takes is a thing liked, not a person."""
    first = head
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    verb = first.head
    if first.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head  # "obsessed with trains and Peppa"
    return first.dep_ in ("dobj", "pobj") and (verb.lemma_.lower() in likes or verb.lower_ in likes)


def _liked_deletion(doc, head):
    """The liked name with the "and" (or comma) that joins it."""
    before = [c for c in head.head.children if c.dep_ in ("cc", "punct") and c.i < head.i]
    start = before[-1] if before and before[-1].i == head.left_edge.i - 1 else head.left_edge
    return Edit(_start_with_space(doc, start), _end(head), "")


def name_role_edits(doc, findings, rw, person_nouns, protected=()) -> list:
    """Phrase deletions for the name guesses whose role says they are not a person present in the post.
    protected: (start, end) of conditions, which no deletion may take."""
    prepositions = {w.lower() for w in rw.get("in_place_rewrite", {}).get("place_prepositions", [])}
    person_verbs = {w.lower() for w in rw.get("in_place_rewrite", {}).get("person_directed_verbs", [])}
    likes = {w.lower() for w in rw.get("in_place_rewrite", {}).get("liking_verbs", [])}
    performs = {w.lower() for w in rw.get("in_place_rewrite", {}).get("performing_verbs", [])}
    edits = []
    for f in findings:
        if f.entity != "PERSON" or f.category != "name" or f.weak:
            continue
        tokens = _name_tokens(doc, f)
        if not tokens:
            continue
        edit = None
        if _quoted(doc, tokens):
            edit = _saying_clause(doc, tokens)
        else:
            head = _noun_head(tokens[-1])
            prep = _place_phrase(head, prepositions, person_verbs)
            if prep is None and _owned_thing(head, person_nouns):
                prep = _enclosing_phrase(head)
            if prep is None and any(o.entity in _PLACES and o.start <= f.start and f.end <= o.end for o in findings):
                prep = _place_around_of(head, prepositions)
            if prep is not None:
                edit = _place_phrase_deletion(doc, prep, head)
            elif head.dep_ == "conj" and _liked(head, likes):
                edit = _liked_deletion(doc, head)
            elif head.dep_ == "dobj" and head.head.lemma_.lower() in performs and head.i == head.head.i + 1:
                # "belting Adele at full volume": a singer or a song performed, not a person there; the verb stands alone
                edit = Edit(_start_with_space(doc, head), _end(head), "")
        if edit is not None and not any(edit.start < e and s < edit.end for s, e in protected):
            edits.append(edit)
    return edits
