"""Is a suggestion nothing but a question that needs the story ("Thoughts?", "What would you do??", "How would you
approach this?", "What do I do next??")? Peers cannot answer it: the post's point went with the story, so such a
suggestion is never offered, whichever strategy built it.

A question says what it asks by a word of its own: a noun that is not a word for asking ("thoughts", "ideas",
`ideas_cues`, `vague_objects`, `empty_nouns`) or a verb that is not one of the general verbs every question has
(`bare_question_verbs`: do, handle, approach...). A suggestion with a statement in it, or a question with such a
word, is left to the other checks. Words are data (rewrite.question_rewrite).
"""

from __future__ import annotations


def _generic_words(qr) -> tuple[set, set]:
    nouns = {w.lower() for key in ("ideas_cues", "audience_cues", "vague_objects", "empty_nouns")
             for w in qr.get(key, [])}
    return nouns, {w.lower() for w in qr.get("bare_question_verbs", [])}


def _says_what(sentence, nouns, verbs) -> bool:
    for t in sentence:
        if t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") and t.lemma_.lower() not in nouns and t.lower_ not in nouns:
            return True
        if t.pos_ == "VERB" and t.lemma_.lower() not in verbs:
            return True
    return False


def _address(tokens, qr, people=frozenset()) -> bool:
    """ "Friends —", "Question for the group:": who is asked, before the question; "Resident pocketing meds -" says
    what happens to someone in care (a verb, a word of `people`), which is the situation."""
    words = [t for t in tokens if not t.is_punct and not t.is_space]
    return len(words) <= qr.get("opener_max_words", 8) and not any(
        t.pos_ in ("VERB", "AUX") or t.lower_ in people or t.lemma_.lower() in people for t in words)


def only_bare_questions(doc, qr, people=frozenset()) -> bool:
    """Every sentence of doc is a bare question or an address, and at least one is a question. people: the words
    for a person in care ("client", "resident", "lady"), which an address never names."""
    nouns, verbs = _generic_words(qr)
    asked = False
    for sentence in doc.sents:
        words = [t for t in sentence if not t.is_punct and not t.is_space and not t.text.startswith("#")
                 and not (t.i > 0 and t.nbor(-1).text == "#")]
        if not words:
            continue
        if sentence.text.rstrip().endswith("?"):
            cut = next((i for i, t in enumerate(words) if t.nbor(1).text in (":", "—", "–", "-") and i + 1 < len(words)
                        and _address(words[:i + 1], qr, people)), None) if len(doc) > 1 else None
            if cut is not None:
                words = words[cut + 1:]  # "Care workers group: am I overreacting?": the question after who is asked
            if _says_what(words, nouns, verbs):
                return False
            asked = True
        elif not _address(sentence, qr, people):
            return False
    return asked
