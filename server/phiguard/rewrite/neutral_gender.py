"""Gender-neutral by default: "she's refusing her insulin" -> "they're refusing their insulin".

A client's gender narrows the crowd as much as their town does, and the professional guidance
says "not even gender". Third-person pronouns become they/them/their/theirs/themselves, with the
verb they govern made to agree (she's -> they're, she was -> they were, he keeps -> they keep),
and gendered person nouns become neutral ones (mum -> parent, lady -> person). Gender stays only
where it is the clinical topic (a pregnancy, a pelvic-health question): the nouns then stay, and
the suggestion says why. Every word and mapping is data in shared_rules (rewrite.gender_neutral).

Works on spaCy's parse of the original post: tags tell "her" (their) from "her" (them), the
dependency tree finds the verb a pronoun is the subject of, and its conjuncts ("she lives alone
and has just been diagnosed" -> "they live alone and have just been diagnosed").
"""

from __future__ import annotations

import re
from functools import lru_cache

from .apply_edits import Edit

_NOUN_TAGS = ("NN", "NNS", "NNP", "NNPS")
_SUBJECT_DEPS = ("nsubj", "nsubjpass")


def _settings(rw) -> dict:
    return rw.get("gender_neutral", {})


def _match_case(word: str, replacement: str) -> str:
    if not replacement:
        return replacement
    if word.isupper() and len(word) > 1:
        return replacement.upper()
    if word[:1].isupper():
        return replacement[0].upper() + replacement[1:]
    return replacement


def topic_words(text: str, rw) -> list:
    """The gender-topic terms the post mentions ("pregnant", "prostate"), which keep gendered nouns."""
    terms = _settings(rw).get("topic_terms", [])
    return [t for t in terms if re.search(r"(?<![\w-])" + re.escape(t) + r"(?![\w-])", text, re.I)]


def _verb_for(subject, gn) -> list:
    """The finite verbs a third-person singular subject governs: its verb's first finite auxiliary
    (or the verb itself), and the same for conjoined verbs that have no subject of their own."""
    verbs = []
    head = subject.head
    for verb in [head] + [c for c in head.conjuncts if c.i > head.i]:
        if verb.i != head.i and any(ch.dep_ in _SUBJECT_DEPS for ch in verb.children):
            continue
        if verb.i != head.i and _noun_right_before(verb):
            continue  # "...her splints and her mum is at her wits' end": the parse lost "mum" as the subject
        finite = [ch for ch in verb.children if ch.dep_ in ("aux", "auxpass") and ch.tag_ in ("VBZ", "VBD")]
        candidate = finite[0] if finite else verb
        if candidate.tag_ == "VBZ" or (candidate.tag_ == "VBD" and candidate.lower_ == "was"):
            verbs.append(candidate)
    return verbs


def _noun_right_before(verb) -> bool:
    i = verb.i - 1
    while i >= 0 and verb.doc[i].pos_ in ("ADV", "AUX", "PART"):
        i -= 1
    return i >= 0 and verb.doc[i].pos_ in ("NOUN", "PROPN", "PRON") and verb.doc[i].dep_ not in _SUBJECT_DEPS


def _plural_verb(verb, gn) -> str | None:
    agreement = gn.get("verb_agreement", {})
    word = verb.text
    lower = word.lower()
    if lower in ("'s", "’s"):
        # "she's been", "she's got" are "has"; "she's terrified", "she's refusing" are "is".
        following = next((t for t in verb.doc[verb.i + 1:verb.i + 4] if t.pos_ != "ADV"), None)
        # "she's cracked two molars": a participle with an object is a perfect, whatever the parser calls the "'s"
        has = following is not None and (following.lower_ in gn.get("have_participles", [])
                                         or following.tag_ == "VBN" and any(c.dep_ == "dobj" for c in following.children))
        after = verb.doc[following.i + 1] if has and following.i + 1 < len(verb.doc) else None
        if after is not None and after.lower_ in gn.get("passive_after_participle", []) \
                and following.lower_ not in gn.get("never_passive_participles", []):
            has = False  # "he's left in a wet pad" is "is left": "they're left in", not "they've left in"
        return agreement.get(lower + "+have" if has else lower)
    if lower in agreement:
        return _match_case(word, agreement[lower])
    if verb.tag_ == "VBZ" and verb.lemma_ and verb.lemma_.lower() != lower:
        return _match_case(word, verb.lemma_.lower())
    return None


def _pronoun(token, gn) -> str | None:
    forms = gn.get("pronouns", {}).get(token.lower_)
    if not forms:
        return None
    tag = token.tag_
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if tag == "PRP$" and token.dep_ != "poss" and (following is None or following.pos_ in ("AUX", "VERB", "PUNCT")) \
            and (following is None or following.tag_ != "VBG"):
        # "His is the last dairy farm": a possessive with no noun after it is "theirs"; before a gerund ("does her
        # shopping") it owns the gerund
        tag = "PRP"
    if tag == "PRP$" and token.lower_ == "her" and (following is None or not any(ch.isalnum() for ch in following.text)):
        tag = "PRP"  # "and you can feed her 🥳": before an emoji or a full stop, "her" is whom, not whose
    if tag == "PRP" and token.lower_ == "her" and token.i > 0 and token.nbor(-1).pos_ == "ADP" \
            and following is not None and following.pos_ in ("NOUN", "ADJ"):
        tag = "PRP$"  # "bruises on her back": after a preposition and before a noun, "her" is possessive
    if tag == "PRP" and token.lower_ == "her" and following is not None and following.tag_ == "NNS":
        tag = "PRP$"  # "keeping her fluids up": before a plural noun, "her" owns it
    if tag == "PRP" and token.lower_ == "her" and following is not None and following.text[:1].isalnum() \
            and (token.dep_ == "poss" or following.tag_ == "CD"):
        tag = "PRP$"  # "tell her mum" (the parser's own possessive, tagged PRP), "breastfeeding her 2 month old"
    return _match_case(token.text, forms.get(tag, forms.get("*", "")))


def _noun(token, gn, keep: set) -> str | None:
    lower = token.lower_
    nouns = gn.get("person_nouns", {})
    singular = gn.get("plural_forms", {}).get(lower)
    plural = singular is not None
    base = singular or lower
    if base not in nouns or lower in keep or token.tag_ not in _NOUN_TAGS:
        return None
    possessor = [c for c in token.children if c.dep_ == "poss"]
    if possessor and possessor[0].lower_ in ("my", "our") and base in gn.get("after_possessive", {}) and not plural:
        return _match_case(token.text, gn["after_possessive"][base])
    replacement = nouns[base][1 if plural else 0]
    previous = token.nbor(-1) if token.i > 0 else None
    # "yes, Mum can visit" -> "yes, their parent can visit": after a comma the capital was a name's, not a sentence's
    token_text = token.text.lower() if previous is not None and previous.text in (",", ";") \
        and not token.text.isupper() else token.text
    if previous is not None and replacement.split()[0] == previous.lower_:  # "the young lad" -> "the young person"
        replacement = replacement.split(None, 1)[1]
    determined = any(c.dep_ in ("det", "poss", "nummod", "amod", "compound", "predet") for c in token.children)
    if not determined and not plural and previous is not None and previous.lower_ in ("a", "an", "the", "this", "that"):
        determined = True
    if not determined and not plural:
        # "Mum is in bits" -> "Their parent is in bits"; "Lad on our PICU" -> "A young person on our PICU".
        family = replacement in gn.get("bare_family_nouns", [])
        article = gn.get("bare_determiner", "their") if family else ("an" if replacement[:1] in "aeiou" else "a")
        replacement = article + " " + replacement
    return _match_case(token_text, replacement)


def gender_edits(doc, rw, keep_topic: bool) -> list:
    """Edits on the parsed text that make every person in it gender-neutral."""
    gn = _settings(rw)
    if not gn:
        return []
    keep = set(gn.get("kept_for_topic", [])) if keep_topic else set()
    edits = {}
    for token in doc:
        lower = token.lower_
        if lower in gn.get("pronouns", {}) and token.pos_ == "PRON" or lower in ("hers",):
            word = _pronoun(token, gn)
            if word is not None:
                edits[token.i] = Edit(token.idx, token.idx + len(token.text), word)
            if lower in ("she", "he") and token.dep_ in _SUBJECT_DEPS:
                for verb in _verb_for(token, gn):
                    plural = _plural_verb(verb, gn)
                    if plural is not None and verb.i not in edits:
                        edits[verb.i] = Edit(verb.idx, verb.idx + len(verb.text), plural)
            continue
        if lower in gn.get("gendered_modifiers", []) and token.dep_ == "amod" and lower not in keep:
            # "the only female firefighter" -> "the only firefighter"
            end = token.idx + len(token.text) + len(token.whitespace_)
            edits[token.i] = Edit(token.idx, end, "")
            continue
        if _owns_a_place(token, gn, keep):
            # "a women's prison", "the men's ward": the place's kind, not a person; the possessor goes
            case = next(c for c in token.children if c.dep_ == "case")
            edits[token.i] = Edit(token.idx, case.idx + len(case.text) + len(case.whitespace_), "")
            continue
        word = _noun(token, gn, keep)
        if word is not None:
            edits[token.i] = _offspring(token, gn, rw) or Edit(token.idx, token.idx + len(token.text), word)
    return list(edits.values())


def _offspring(token, gn, rw) -> Edit | None:
    """ "Daughter wants us to fit it", "the daughter is screaming": "a child" or "the child" would read as a young
    child; a relative (`in_place_rewrite.offspring_nouns`) with no owner is the patient's, "their child"."""
    if token.lower_ not in {w.lower() for w in rw.get("in_place_rewrite", {}).get("offspring_nouns", [])}:
        return None
    noun = gn.get("person_nouns", {}).get(token.lower_, [""])[0]
    owner = gn.get("bare_determiner", "their")
    modifiers = [c for c in token.children if c.dep_ in ("det", "poss", "nummod", "amod", "compound", "predet")]
    previous = token.nbor(-1) if token.i > 0 else None
    end = token.idx + len(token.text)
    if previous is not None and previous.lower_ == "the" and all(c.i == previous.i for c in modifiers):
        return Edit(previous.idx, end, _match_case(previous.text, owner) + " " + noun)
    if not modifiers and (previous is None or previous.lower_ not in ("a", "an", "this", "that")):
        return Edit(token.idx, end, _match_case(token.text, owner + " " + noun))
    return None


def _owns_a_place(token, gn, keep) -> bool:
    """A plural gendered noun with "'s" owning a thing that is not a person ("women's prison", "men's shed")."""
    singular = gn.get("plural_forms", {}).get(token.lower_)
    return bool(singular) and token.lower_ not in keep and token.dep_ == "poss" \
        and any(c.dep_ == "case" for c in token.children) and token.head.lower_ not in gn.get("person_nouns", {}) \
        and token.head.pos_ == "NOUN" and token.head.lower_ not in gn.get("plural_forms", {})


@lru_cache(maxsize=8)
def _gendered_pattern(words: tuple):
    return re.compile(r"(?<![\w'’-])(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")(?![\w-])",
                      re.I)


def gendered_words(text: str, rw, allowed=()) -> list:
    """Gendered words for a person left in a text, except those allowed (kept for the topic)."""
    gn = _settings(rw)
    words = (set(gn.get("pronouns", {})) | set(gn.get("person_nouns", {})) | set(gn.get("plural_forms", {}))
             | set(gn.get("gendered_modifiers", [])))
    if not words:
        return []
    allowed = {a.lower() for a in allowed}
    return [m.group() for m in _gendered_pattern(tuple(sorted(words))).finditer(text) if m.group().lower() not in allowed]
