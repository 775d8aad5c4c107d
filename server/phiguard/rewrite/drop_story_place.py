"""A named place in a story goes whole even when detection did not flag it: "above the Co-op", "outside Greggs",
"at Valley Parade".

The people who know the place know the person: in a post about one person, a prepositional phrase whose object is
a proper noun says where they were, and that is rarely the clinical point. Clinical settings ("in A&E", "on ICU")
stay, as `rewrite.story_details.kept_places`; so does a phrase that is all its verb has ("lives above the Co-op"
would leave "lives").
"""

from __future__ import annotations

from .apply_edits import Edit
from .place_phrases import all_its_verb_has, prepositional_phrases, sentence_told_only_this

_COMPLEMENTS = ("nsubj", "nsubjpass", "dobj", "prt", "acomp", "xcomp", "ccomp", "attr", "dative", "oprd", "prep")


def _end(token) -> int:
    return token.idx + len(token.text)


def story_place_edits(doc, rw, protected=()) -> list:
    spec = rw.get("story_details", {})
    preps = {w.lower() for w in spec.get("place_prepositions", [])}
    kept = {w.lower() for w in spec.get("kept_places", [])}
    person_verbs = {w.lower() for w in rw.get("in_place_rewrite", {}).get("person_directed_verbs", [])}
    edits = []
    text = doc.user_data.get("text") or doc.text
    for t, pobj in prepositional_phrases(doc, preps):
        if pobj.pos_ != "PROPN" or pobj.ent_type_ in ("PERSON", "DATE", "TIME", "ORG_CLINICAL"):
            continue
        words = [w for w in t.subtree if w.i != t.i]
        if any(w.lower_ in kept for w in words) or not all(w.pos_ in ("PROPN", "DET", "PUNCT", "PART", "NUM", "CCONJ")
                                                            for w in words):
            continue
        # spaCy may hang the sentence's "!" or a comma on the phrase's last word: those stay the writer's
        first, last = t, [w for w in t.subtree if any(ch.isalnum() for ch in w.text)][-1]
        if any(first.idx < e and s < _end(last) for s, e in protected):
            continue
        head = t.head
        if head.lemma_.lower() in person_verbs:
            continue  # "Look at Arthur go": a verb aimed at a person, not a place
        if all_its_verb_has(t, _COMPLEMENTS):
            continue
        if head.lemma_ == "be" and all_its_verb_has(t, tuple(d for d in _COMPLEMENTS if d != "nsubj")):
            # "I'm in Ontario." would be "I'm.": the sentence told only where, and goes (else the place stays for
            # the per-finding edits)
            whole = sentence_told_only_this(t, text, protected)
            if whole is not None:
                edits.append(whole)
            continue
        start = first.idx
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        edits.append(Edit(start, _end(last), ""))
    return edits
