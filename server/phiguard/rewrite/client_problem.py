"""What a question post's client has, in general: the clinical problem a general question can ask about.

"kiddo I'm seeing (7, twin) is refusing all textures except beige crunchy foods" -> "is refusing all
textures except beige crunchy foods"; "I have a pt, 71F, former ballet teacher, with a stage 4 sacral
pressure injury that has tunneled 4cm" -> "a stage 4 sacral pressure injury".

Built from spaCy's parse of the original post, keeping only vetted words: a word inside a finding that
is not a condition, a proper noun, a number, a quote, a family or gendered word, or a time or place
phrase never comes back. A phrase that would need one of them is left out whole, never cut inside.
"""

from __future__ import annotations

import re

from ..detection.assess_risk import SEVERITY_RANK
from .general_present import present_forms

_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_QUOTES = re.compile("^[\"“”‘’']+$")  # a quote of the person; "she's" is not one
_DIGIT = re.compile(r"\d")
_ACRONYM = re.compile(r"^[A-Z][A-Z&]+s?$")  # "HEP", "OTs", "A&E"


class Vetting:
    """Which tokens of the original post may appear in a general question."""

    def __init__(self, text: str, findings, settings: dict, gendered: set, jobs=frozenset(), person_words=frozenset()):
        self.text = text
        self.jobs = jobs
        # "Lady I do the lunch call for has started...": a gendered word for the person, not their family, names the
        # client as a subject; it never comes back (the predicate is built without its subject)
        self.person_words = frozenset(w.lower() for w in person_words)
        self.capitals = {}  # the conditions spelt with a capital ("Down syndrome"): general_question.eponyms
        conditions = [(f.start, f.end) for f in findings if f.category == "condition"]
        # a name guess inside a condition ("Rett" in "Rett syndrome") is the condition, as the gate reads it
        self.identifying = [(f.start, f.end) for f in findings
                            if f.category not in ("condition", "context", "mention")
                            and SEVERITY_RANK[f.severity] >= 2
                            and not (f.category == "name" and f.rule_id is None
                                     and any(a <= f.start and f.end <= b for a, b in conditions))]
        # A name in a post that asks about a client is the client's ("Mr T on Ward 5 keeps pulling...")
        self.people = [(f.start, f.end) for f in findings if f.category in ("context", "mention", "name")]
        self.conditions = [(f.start, f.end) for f in findings if f.category == "condition"]
        # "a 17 year old ... who keeps...": an age or a job stands for the person it describes
        self.described = [(f.start, f.end) for f in findings
                          if (f.rule_id or "").startswith(tuple(settings.get("person_rules", [])))]
        self.ages = [(f.start, f.end) for f in findings if (f.rule_id or "").startswith("age.")]
        self.settings = settings
        # The client's pronouns are made neutral where they are kept; every other gendered word goes.
        self.unsafe_words = ({w.lower() for w in settings.get("unsafe_words", [])} | gendered) \
            - set(settings.get("client_pronouns", {}))
        self.units = tuple(u.lower() for u in settings.get("clinical_units", []))

    @staticmethod
    def _inside(token, spans) -> bool:
        start, end = token.idx, token.idx + len(token.text)
        return any(s < end and start < e for s, e in spans)

    def is_condition(self, token) -> bool:
        return self._inside(token, self.conditions)

    def identifies(self, token) -> bool:
        return self._inside(token, self.identifying)

    def is_client(self, token) -> bool:
        return self._inside(token, self.people) or token.lower_ in self.settings.get("client_pronouns", {})

    def names_job(self, token) -> bool:
        """ "a PE teacher"; "my supervisor" is the writer's."""
        return token.tag_ == "NN" and token.lemma_.lower() in self.jobs and not any(
            c.dep_ == "poss" and c.lower_ in self.settings.get("writers_possessives", []) for c in token.children)

    def stands_for_client(self, token) -> bool:
        return self.is_client(token) or self._inside(token, self.described)

    def names_client(self, token) -> bool:
        """token is the client, or the parse hung the client's mention under it ("question: kiddo I'm seeing")."""
        return self.is_client(token) or any(self._inside(t, self.people) for t in token.subtree)

    def safe(self, token, numbers: bool = False) -> bool:
        """numbers: a writer's own general sentence may count ("a 40-bed unit"); a built question may not."""
        if self._inside(token, self.identifying) or token.lower_ in self.unsafe_words or _QUOTES.search(token.text):
            return False
        if self._inside(token, self.conditions):
            return True
        if token.i > 0 and token.nbor(-1).text == "#":
            return True  # the writer's hashtag ("#OTalk"); an identifying one is a finding
        if token.i > 0 and token.nbor(-1).lower_ in self.settings.get("number_labels", []) and token.like_num:
            return True  # "stage 4", "type 1": the clinical grade
        if token.tag_ in ("NNP", "NNPS") and not (token.is_upper or _ACRONYM.match(token.text) or token.is_sent_start):
            # "Bendigo", "Bath Spa"; an acronym ("HEP", "OTs") is shorthand, and the tagger calls many a
            # sentence's first word a name ("Keen for thoughts"): a real one there is a finding
            return False
        if (_DIGIT.search(token.text) or token.like_num) and not numbers:
            # "85°", "4cm" measure the problem; "79", "11 times", "2nd" narrow the person or the story
            nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
            return bool(nxt is not None and nxt.lower_.startswith(self.units) or token.lower_.endswith(self.units)) \
                and not token.lower_.endswith(("st", "nd", "rd", "th"))
        return True

    def all_safe(self, tokens, numbers: bool = False) -> bool:
        return all(self.safe(t, numbers) for t in tokens)


def neutral_pronoun(token, pronouns: dict) -> str | None:
    """they/them/their for the client's he/she/his/her; "her" before a noun is "their" whatever the tag says
    ("keeping her fluids up")."""
    mapped = pronouns.get(token.lower_)
    if isinstance(mapped, dict):
        following = token.nbor(1) if token.i + 1 < len(token.doc) else None
        # (or the parser hung it on a noun as its possessor though it tagged it PRP: "uses her left hand")
        # ("keeps pulling his out": a particle after it, however tagged, leaves "his" standing alone: "theirs")
        tag = "PRP$" if following is not None and (following.pos_ == "NOUN" and following.dep_ != "prt"
                                                   or following.lower_ == "own") \
            or token.dep_ == "poss" else "*" if token.dep_ in ("dobj", "pobj", "nsubj", "attr") else token.tag_
        mapped = mapped.get(tag, mapped.get("*"))
    return mapped


def _text_of(tokens, pronouns: dict) -> str:
    """The tokens as the writer spaced them, the client's pronouns neutral ("his HEP" -> "their HEP")."""
    return "".join((neutral_pronoun(t, pronouns) or t.text) + t.whitespace_ for t in tokens).strip()


def _keeps(dependent, settings) -> bool:
    """A verb's dependent that says what the problem is, not when, where or why it happened."""
    if dependent.dep_ in settings.get("predicate_dependents", []):
        if dependent.dep_ == "prep":
            return dependent.lower_ in settings.get("kept_prepositions", [])
        return True
    return False


def _aux_word(token, aux_words: dict) -> str:
    """The auxiliary as "someone" takes it: "'s" -> "is", or "has" before a participle; "'d" -> "would" or "had"."""
    if token.lower_ not in aux_words:
        return token.lower_
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    participle = following is not None and (following.tag_ == "VBN" or following.lower_ in ("got", "been"))
    key = token.lower_ + ("+have" if participle else "")  # "she's got" is "has got" whatever the tagger says
    return aux_words.get(key, aux_words[token.lower_])


_CLAUSES = ("relcl", "advcl", "conj", "cc", "appos", "acl", "parataxis")


def _without_clauses(head, also=()):
    """head's subtree without the clauses hung on it ("that has tunneled 4cm", "because pain is..."): a
    clause tells the story; the phrase says what the problem is."""
    cut = [a for a in head.subtree if a.i != head.i and (a.dep_ in _CLAUSES or a.dep_ in also)]
    return [t for t in head.subtree if not any(a.i == t.i or a.is_ancestor(t) for a in cut)]


def _quoted(token) -> bool:
    """ "Mom said he "fell on the BBQ"": a verb between quote marks is someone's words, not what happens."""
    marks = [t for t in token.sent if t.i < token.i and t.tag_ in ("``", "''") and t.dep_ != "case"]
    return len(marks) % 2 == 1


def _predicate(verb, subject, vetting: Vetting, settings) -> str | None:
    """ "is refusing all textures except beige crunchy foods": the verb, its auxiliaries and negation, and
    the dependents that say what the problem is; None when what the verb needs is identifying."""
    if _quoted(verb):
        return None
    aux_words = settings.get("auxiliaries", {})
    parts = []
    for child in verb.children:
        if child.i < verb.i and child.dep_ in ("aux", "auxpass", "neg"):
            parts.append(child)
    kept_after = []
    for child in verb.children:
        if child.i < verb.i or child.dep_ == "punct":
            continue
        if not _keeps(child, settings):
            if child.dep_ not in settings.get("droppable_dependents", []):
                return None  # "is 17", "won't put anything in their body": what is left does not say the problem
            continue
        if any(a.dep_ in _CLAUSES and a.head.pos_ in ("ADV", "ADJ") for a in child.subtree if a.i != child.i):
            return None  # "wants to keep working as long [as they can]": the cut leaves its word hanging
        tree = _without_clauses(child)
        while tree and tree[-1].dep_ in ("punct", "cc"):
            tree.pop()
        if not tree:
            continue
        if child.dep_ == "advmod" and len(tree) == 1 and child.i > verb.i and (
                not vetting.all_safe(tree) or child.lower_ in settings.get("last_time_words", [])):
            continue  # "hasn't walked without a frame since": the time goes, the problem stays
        writer = settings.get("writer_as_reader", {})
        if not vetting.all_safe(tree) or (child.dep_ in ("dobj", "pobj") and child.pos_ == "PRON"
                                          and not (child.lower_ in writer and any(c.dep_ == "xcomp" for c in verb.children))):
            return None  # "won't tell me": an argument the story gave meaning to; "begged me not to..." asks the reader
        kept_after.append(tree)
    if not kept_after:
        return None
    finite = [t for t in parts if t.dep_ in ("aux", "auxpass")][:1] or [verb]
    if finite[0].tag_ == "VBP" and finite[0].lower_ not in aux_words:
        return None  # "who want full escalation": "someone" needs the verb's third person
    # "declined blood products" -> "declines blood products": what such a person does, not the one occasion
    present = present_forms(verb, parts, settings)
    if present is None:
        return None
    tokens = sorted(parts + [verb] + [t for tree in kept_after for t in tree], key=lambda t: t.i)
    # Kept dependents must be contiguous with the verb: a gap is a dropped phrase, and the rest may not read.
    span = list(range(tokens[0].i, tokens[-1].i + 1))
    if [t.i for t in tokens] != span:
        return None
    if not vetting.all_safe(tokens):
        return None
    words = [(present[t.i] + t.whitespace_ if present[t.i] else "") if t.i in present
             else _aux_word(t, aux_words) + " " if t.dep_ in ("aux", "auxpass") and t.lower_ in aux_words else None
             for t in tokens]
    pronouns = settings.get("client_pronouns", {})
    # the writer, asked something by the client, is any clinician reading: "begs me not to tell" -> "begs you not to tell"
    writer = settings.get("writer_as_reader", {})
    words = [writer[t.lower_] + t.whitespace_ if w is None and t.lower_ in writer and t.dep_ in ("dobj", "dative", "pobj")
             else w for w, t in zip(words, tokens)]
    text = "".join(w if w is not None else _text_of([t], pronouns) + t.whitespace_ for w, t in zip(words, tokens)).strip()
    if sum(1 for t in tokens if not t.is_punct) < settings.get("min_predicate_words", 3) or not any(
            (t.pos_ in ("NOUN", "PROPN") or t.dep_ == "xcomp") and t.lower_ not in settings.get("empty_nouns", [])
            for t in tokens):
        return None  # "doesn't want us to do anything": no problem named
    if subject.lower_ == "they" and verb.tag_ == "VBP" and not parts:
        return None  # "they refuse": "someone refuse" would not agree
    return text


def _subjectless(doc, settings) -> list:
    """Clinical shorthand's verbs with no subject ("Won't go to A&E.", "...won't take his insulin" parsed without
    one): the client's, when negated or done to their own things. Each stands as its own subject."""
    pronouns = settings.get("client_pronouns", {})
    return [t for t in doc if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")
            and not any(c.dep_ in (*_SUBJECT_DEPS, "expl", "csubj") for c in t.children)
            and any(c.dep_ == "aux" and c.tag_ == "MD" for c in t.children) and (
                any(c.dep_ == "neg" for c in t.children)
                or any(c.dep_ == "dobj" and any(p.dep_ == "poss" and p.lower_ in pronouns for p in c.children)
                       for c in t.children))]


def client_predicate(doc, vetting: Vetting, settings) -> str | None:
    """The first predicate of the client that names a problem ("won't do their HEP"), or None."""
    cues = {c.lower() for c in settings.get("problem_verbs", [])}
    shorthand = {t.i for t in _subjectless(doc, settings)}
    for token in doc:
        if token.dep_ not in _SUBJECT_DEPS and token.i not in shorthand:
            continue
        verb = token.head
        # "a boy with autism who won't tolerate his school uniform": the relative pronoun is the client
        # (the parse may hang it on the condition: "with autism who won't...")
        relative = token.lower_ == "who" and verb.dep_ == "relcl" and any(
            vetting.stands_for_client(h) or h.pos_ in ("VERB", "AUX") and any(
                c.dep_ == "dobj" and vetting.stands_for_client(c) for c in h.children)  # "Have a 17 year old, ..., who"
            for h in [verb.head, *list(verb.head.ancestors)[:3]])
        # "one of our lads won't take his insulin": who takes his insulin is him
        owner = token.pos_ in ("NOUN", "PROPN", "NUM") and any(
            c.dep_ == "dobj" and any(p.dep_ == "poss" and p.lower_ in settings.get("client_pronouns", {}) for p in c.children)
            for v in [verb, *verb.conjuncts] for c in v.children)
        if not (relative or owner or token.i in shorthand or vetting.names_client(token)) \
                or token.lower_ in vetting.unsafe_words and token.lower_ not in vetting.person_words:
            continue  # "my client's mum wants...": the subject is their family, not them
        # "has Parkinson's and keeps refusing their frame": a conjoined verb without a subject of its own
        if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in settings.get("purpose_marks", [])
                                        for c in verb.children):
            continue  # "so he doesn't lose his spot": why the story went as it did, not the problem
        found = []
        for candidate in [verb] + [c for c in verb.conjuncts if c.i > verb.i
                                   and not any(ch.dep_ in _SUBJECT_DEPS for ch in c.children)]:
            if candidate.pos_ not in ("VERB", "AUX", "ADJ"):
                continue
            negated = any(c.dep_ == "neg" for c in candidate.children)
            onsets = settings.get("general_present", {}).get("onset_verbs", [])
            # "has started refusing to get off the bus": the problem is the verb that started
            lemma = next((c.lemma_.lower() for c in candidate.children if c.dep_ == "xcomp" and c.tag_ == "VBG"),
                         candidate.lemma_.lower()) if candidate.lemma_.lower() in onsets else candidate.lemma_.lower()
            # a behaviour that has started ("has started leaving the gas on") is a problem by what "start" says
            if lemma not in cues and not negated and lemma == candidate.lemma_.lower():
                continue
            habits = settings.get("habit_verbs", {})
            if candidate.lemma_.lower() in habits and not any(
                    c.dep_ == "xcomp" and c.lemma_.lower() in habits[candidate.lemma_.lower()] for c in candidate.children):
                continue  # "keeps refusing their frame" is a problem; "keeps saluting the consultants" a habit
            predicate = _predicate(candidate, token, vetting, settings)
            if predicate:
                found.append(predicate)  # "declines blood products and still wants a home birth": both are the problem
        if found:
            return " and ".join(found[:settings.get("max_predicates", 2)])
    return None


def client_with_phrase(doc, vetting: Vetting) -> str | None:
    """ "a pt, 71F, ... with a stage 4 sacral pressure injury that has tunneled": the condition phrase
    attached to the client by "with", without its relative clause; None unless every word is vetted."""
    for token in doc:
        if token.lower_ != "with" or token.dep_ != "prep":
            continue
        # The phrase hangs on the client or an apposition of them ("a pt, 71F, former ballet teacher, with..."),
        # or on the verb whose object is the client ("I have a pt ... with ..."), never on another verb
        # ("staying with a host couple")
        head = token.head
        has_client = head.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "dobj" and vetting.names_client(c) for c in head.children)
        if not has_client and (head.pos_ not in ("NOUN", "PROPN", "PRON") or not any(
                vetting.is_client(h) for h in [head, *list(head.ancestors)[:2]])):
            continue
        objects = [c for c in token.children if c.dep_ == "pobj"]
        if not objects:
            continue
        obj = objects[0]
        tree = _without_clauses(obj, also=("prep",))
        while tree and tree[-1].dep_ in ("punct", "cc"):
            tree.pop()
        while tree and (tree[0].dep_ == "det" and tree[0].lower_ == "the" or tree[0].tag_ == "PRP$"):
            tree.pop(0)  # "with the DKA", "with his COPD": the condition, not this person's instance of it
        heads = set(vetting.settings.get("clinical_heads", []))
        if tree and vetting.all_safe(tree) and (any(vetting.is_condition(t) for t in tree)
                                                or obj.lemma_.lower() in heads):
            return _text_of(tree, {})
    return None
