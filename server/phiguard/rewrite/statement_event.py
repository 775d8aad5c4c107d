"""What happened in a statement post, told in general: the client's predicate as a present-tense clause.

"My little guy in Rainbow Class said his first ever word today" is a story about one child; "a child says their first
word" is what every speech therapist has seen, and it keeps the post's point. The clause is built from spaCy's parse of
the original post, from vetted words only (`client_problem.Vetting`): the client becomes "a patient", "a child" or the
post's own role word, with their condition; the verb takes the general present; the verb's arguments stay only when
every word of them is vetted, and a time, a place, a count of visits or anyone else's words go whole. A verb whose
argument is identifying gives no clause at all: nothing is cut inside a phrase. The words are data
(`rewrite.statement_rewrite.event`).
"""

from __future__ import annotations

import re

from .check_suggestion import third_person
from .client_problem import Vetting, client_with_phrase, neutral_pronoun
from .condition_after_with import condition_after_with

_SUBJECTS = ("nsubj", "nsubjpass")
_QUOTE = re.compile("^[\"“”‘’'`]+$")  # the person's own words; pruning the marks would leave them unquoted
_CLAUSES = ("relcl", "advcl", "acl", "appos", "parataxis")
# "22 months" is a child, "a 3 week old" a baby
_AGE = re.compile(r"(\d{1,3})[\s-]*(?:(months?\b|mo\b)|(weeks?\b|wks?\b|days?\b|weeker\b)|yo\b|y/?o\b|-?year|[MF]\b|\)|,|$)",
                  re.I)
# "written her a reference": an object pronoun may be anyone in the story; "their" of the client is theirs
_OTHER_PERSON = ("him", "her", "them", "he", "she", "they")
_IRREGULAR = {"be": "is", "have": "has", "do": "does", "go": "goes"}


def _is_emoji(token) -> bool:
    return not token.is_space and not token.is_punct and token.text != "#" and not any(c.isalnum() for c in token.text)


def _caused(verb, spec: dict):
    """"had their hearing aids switched on": a causative "have" or "get" whose complement is an object and a participle is
    what was done for the person, not a state of them; the complement, else None."""
    if verb.lemma_.lower() not in spec.get("causative_verbs", []):
        return None
    return next((c for c in verb.children if c.dep_ == "ccomp" and c.tag_ in ("VBN", "VBD") and c.i > verb.i
                 and any(d.dep_ in _SUBJECTS and d.i < c.i for d in c.children)), None)


def _present(verb) -> str | None:
    """The third person present of the verb's lemma ("said" -> "says"); None for a form that cannot be told
    generally (a modal, a future)."""
    lemma = verb.lemma_.lower()
    if not lemma.isalpha():
        return None
    return _IRREGULAR.get(lemma) or third_person(lemma)


def _quoted(sentence) -> set:
    """The indices of the tokens between quote marks in the sentence, the marks included."""
    marks = [t.i for t in sentence if _QUOTE.match(t.text) and t.text not in ("'", "’")]
    inside = set()
    for start, end in zip(marks[::2], marks[1::2]):
        inside.update(range(start, end + 1))
    if len(marks) % 2:
        inside.update(range(marks[-1], sentence.end))
    return inside


def _story_word(token, spec: dict, details: dict) -> bool:
    """A time of the encounter, a count of visits or a word the event spec refuses ("again", "first ever")."""
    low = token.lower_
    return low in details.get("encounter_times", []) or low in details.get("ordinal_words", []) \
        or (low in details.get("encounter_time_heads", []) and any(
            c.lower_ in details.get("encounter_time_determiners", []) for c in token.children)) \
        or low in spec.get("refused_words", [])


def _tree(head, droppable=lambda token: False) -> list:
    """head's subtree without its clauses, and without the modifiers droppable says go ("today", "at age 6" in
    "their first word today at age 6")."""
    cut = [a for a in head.subtree if a.i != head.i and (a.dep_ in _CLAUSES or droppable(a))]
    if any(a.dep_ in _CLAUSES and a.head.pos_ in ("ADV", "PRON") and a.head.tag_ != "PRP" for a in cut):
        return []  # "somewhere a remote control should not be", "something I said": the pro-form says nothing alone
    tree = [t for t in head.subtree if not any(a.i == t.i or a.is_ancestor(t) for a in cut)]
    while tree and tree[-1].dep_ in ("punct", "cc"):
        tree.pop()
    return tree


def _prunable(token, spec: dict) -> bool:
    """A modifier inside an argument that can go without breaking it: a time ("today"), a place or time phrase ("at
    age 6", "on Ward 3"); not "of Lynx Africa", which the noun before it needs."""
    if token.dep_ == "prep":
        return token.lower_ in spec.get("droppable_prepositions", [])
    # "this morning", "last night": a time said with its determiner goes as whole as "today"
    return token.dep_ in ("npadvmod", "advmod") and all(c.dep_ in ("det", "amod") and c.i < token.i and not list(c.children)
                                                         for c in token.children)


def _ok(tokens, vetting: Vetting, spec: dict, details: dict, sentence) -> bool:
    """Every word vetted, in the verb's own sentence, none a time of the story, a hashtag or the client named again;
    and no past tense inside ("then made me a cuppa"): a clause that narrates carries the story on."""
    milestones = spec.get("milestone_words", [])
    return bool(tokens) and all(vetting.safe(t) or (t.lower_ in milestones and not vetting.identifies(t))
                                or (_family_word(t, spec) is not None and not vetting.identifies(t))
                                for t in tokens) and not any(
        _QUOTE.match(t.text) or not (t.is_punct or any(c.isalnum() for c in t.text)) for t in tokens) and not any(
        _story_word(t, spec, details) or t.sent.start != sentence.start or t.text == "#"
        or (t.tag_ == "VBD" and getattr(_caused(t.head, spec), "i", None) != t.i)  # "had their aids switched on": a participle the tagger misread
        or t.lower_ in spec.get("refused_words", []) or (vetting.is_client(t) and t.tag_ not in ("PRP", "PRP$"))
        or (t.tag_ == "PRP" and t.lower_ in _OTHER_PERSON)
        for t in tokens)


def _without_details(tree, vetting: Vetting, spec: dict, details: dict, sentence):
    """The argument without the modifiers that carry its unvetted words ("a full Sunday roast" -> "a full roast"),
    when what is left is all vetted; else None. Only a modifier of a noun goes (`prunable_modifiers`: "compound",
    "amod"; never a count, "walks 9 weeks after" is no "walks weeks after"), whole: the noun and its determiner still
    make a phrase."""
    kept_ids = {t.i for t in tree}
    cut = set()
    for t in tree:
        # "of Whitley Bay promenade" is no "of promenade": the noun keeps its determiner, or needs none (a plural)
        determined = t.head.tag_ in ("NNS", "NNPS") or any(c.dep_ in ("det", "poss") and c.i in kept_ids for c in t.head.children)
        if t.dep_ in spec.get("prunable_modifiers", []) and t.head.i in kept_ids and t.head.tag_.startswith("NN") \
                and determined and not _ok(list(t.subtree), vetting, spec, details, sentence):
            cut.update(a.i for a in t.subtree)
    if not cut or len(cut) >= len(tree):
        return None
    left = [t for t in tree if t.i not in cut]
    doc = tree[0].doc
    if any((t.i - 1 in cut and not doc[t.i - 1].whitespace_) or (t.i + 1 in cut and not t.whitespace_) for t in left):
        return None  # "post-op" cut in two: a word was split, not a modifier dropped
    return left if _ok(left, vetting, spec, details, sentence) else None


_EVENT_SPECS: dict = {}


def event_spec(rw: dict) -> dict:
    """`statement_rewrite.event`, with `neutral_family`: each of its `neutral_family_words` mapped to its [singular,
    plural] neutral forms, read from `gender_neutral.person_nouns` ("sister" -> "sibling"; a word already neutral,
    "parent", to itself). Derived once per rule set, not kept twice in the data."""
    if id(rw) not in _EVENT_SPECS:
        _EVENT_SPECS.clear()  # one rule set at a time; the entry keeps rw alive, so its id is not reused
        spec = rw.get("statement_rewrite", {}).get("event", {})
        nouns = rw.get("gender_neutral", {}).get("person_nouns", {})
        family = {w: nouns.get(w, [w, w + "s"]) for w in spec.get("neutral_family_words", [])}
        _EVENT_SPECS[id(rw)] = (rw, dict(spec, neutral_family=family) if spec else spec)
    return _EVENT_SPECS[id(rw)][1]


def _family_word(token, spec: dict) -> str | None:
    """ "sister" -> "sibling", "dads" -> "parents": a relative of the client, told without their gender; None for any
    other word. A relative this common narrows no one ("a child packs their little sibling's bag")."""
    family = spec.get("neutral_family", {})
    word = family.get(token.lower_)
    if word is None and token.lemma_.lower() in family and token.tag_ == "NNS":
        return family[token.lemma_.lower()][1]
    return word[0] if word else None


def _words(tokens, pronouns: dict, spec: dict | None = None) -> str:
    return "".join((neutral_pronoun(t, pronouns) or _family_word(t, spec or {}) or t.text) + t.whitespace_
                   for t in tokens).strip()


def _predicate(verb, vetting: Vetting, spec: dict, details: dict, pronouns: dict, depth: int = 0,
               as_writer: bool = False, client_object=None) -> str | None:
    """ "says their first word": the verb in the general present and the arguments that are all vetted; None when
    an argument the verb needs is identifying, or the verb's tense cannot be made general. as_writer: the verb is the
    writer's, told for a general "you" ("remove"); client_object: (the client's object token, the words told for it
    instead: "a baby")."""
    auxiliaries = [c for c in verb.children if c.i < verb.i and c.dep_ in ("aux", "auxpass")]
    negated = any(c.dep_ == "neg" for c in verb.children)
    if any(a.tag_ == "MD" or a.lower_ in spec.get("refused_auxiliaries", []) for a in auxiliaries):
        return None  # "would have", "'ll": what might happen is not what the post says happened
    caused = _caused(verb, spec)
    # "has finally let me dress…": a participle the tagger read as a base form after "has" is still a perfect
    perfect = verb.tag_ == "VB" and any(a.lemma_.lower() == "have" for a in auxiliaries)
    if (verb.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN") and not perfect) or (verb.lemma_.lower() in spec.get("refused_verbs", []) and not caused):
        return None  # "is on the phone", "has no idea": a state of the person, not what happened
    if verb.tag_ == "VBN" and any(a.lower_ in ("'s", "’s") for a in auxiliaries):
        return None  # "he's lost": perfect or passive, the tagger cannot tell
    passive = any(a.dep_ == "auxpass" for a in auxiliaries)
    if not passive and any(c.dep_ == "agent" for c in verb.children):
        return None  # "older man dragged from the kitchen by neighbours": a passive said without its "was"
    if as_writer:
        if passive or not verb.lemma_.isalpha():
            return None
        head = ["are", verb.text] if verb.tag_ == "VBG" and auxiliaries else \
            ["do not " + verb.lemma_.lower()] if negated else [verb.lemma_.lower()]
    elif passive:
        head = ["is not" if negated else "is", verb.text]  # "hasn't been offered a drink" is the point, not its opposite
    elif verb.tag_ == "VBG" and auxiliaries:
        head = ["is", verb.text]  # "was pointing" -> "is pointing"
    elif negated:
        head = [spec.get("negated", {}).get(verb.lemma_.lower(), "does not " + verb.lemma_.lower())]
    else:
        present = _present(verb)
        if present is None:
            return None
        head = [present]
    if verb.lemma_.lower() in spec.get("habit_verbs", []) and any(
            c.dep_ == "xcomp" and any(a.lower_ == "to" and a.i == verb.i + 1 for a in c.children) for c in verb.children):
        return None  # "used to inject": what the person did once, not what happens ("used their device to ask" is an event)
    core = set(spec.get("core_dependents", []))
    quoted = _quoted(verb.sent)
    needed = [c for c in verb.children if c.i > verb.i and c.dep_ in core]
    if any(t.i in quoted for t in verb.subtree) and all(any(t.i in quoted for t in c.subtree) for c in needed):
        return None  # "she said "about time"": what the person said is theirs, and the verb needs it
    optional = set(spec.get("optional_dependents", []))
    kept, conjoined = [], None
    # "assessed your boy last month 😂 small world": an emoji ends what the verb says, as a full stop would; a
    # dependent the parser carried across it ("stabilisers off 🎉 small wins") is a parse that cannot be told
    ends = next((t.i for t in verb.doc[verb.i + 1:verb.sent.end] if _is_emoji(t)), len(verb.doc))
    for child in verb.children:
        if child.i < verb.i or child.i >= ends or child.dep_ in ("punct", "neg", "aux", "auxpass", "cc"):
            continue
        if any(t.i in quoted for t in child.subtree):
            continue  # "…with their talker: "I want more chips please"": the milestone stays, the words go
        purpose = child.dep_ == "xcomp" and bool(kept) and verb.lemma_.lower() in spec.get("instrument_verbs", []) \
            and any(c.lower_ == "to" for c in child.children)
        if child.right_edge.i > ends:
            if purpose:
                continue  # "used their talker to ask … today 🥹": the purpose goes, the event stays
            if child.dep_ in core or any(c.dep_ == "pobj" and c.i > ends for c in child.children):
                return None  # "stabilisers off 🎉 small wins": the parse took the particle for a preposition
            continue  # "after 3 visits of me begging 😂 small wins": an aside of the story
        if client_object is not None and child.i == client_object[0].i:
            kept.append(client_object[1])
            continue
        if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and depth == 0 and not any(
                c.dep_ in _SUBJECTS for c in child.children):
            conjoined = _predicate(child, vetting, spec, details, pronouns, depth + 1, as_writer)
            continue
        if child.dep_ in optional and any(t.lower_ in spec.get("count_words", []) and any(
                c.dep_ == "nummod" for c in t.children) for t in child.subtree):
            # "41 times", "30 times overnight": the count narrows, the repetition is the point
            kept.append(spec.get("repeated", "over and over"))
            continue
        # "…switched on and heard their parent say their name": what happened next is another event
        complement = caused is not None and child.i == caused.i
        tree = _tree(child, lambda t, complement=complement: _prunable(t, spec) and not _ok(list(t.subtree), vetting, spec,
                                                                                             details, verb.sent)
                     or (complement and t.dep_ == "conj" and t.head.i == caused.i and t.pos_ in ("VERB", "AUX")))
        if child.dep_ == "advcl" and child.tag_ == "VBG" and not any(c.dep_ in _SUBJECTS + ("mark", "dobj") for c in child.children):
            # "came in not breathing", "arrives screaming": how the person came is the event, not a clause of the story
            # ... after where they came ("comes not breathing" is no English once "into resus" went)
            if kept and len(tree) <= spec.get("max_manner_words", 3) and _ok(tree, vetting, spec, details, verb.sent):
                kept.append(tree)
            continue
        if child.dep_ in core:
            if not any(c.isalnum() for t in tree for c in t.text) or (child.i > 0 and not verb.doc[child.i - 1].whitespace_
                                                                       and verb.doc[child.i - 1].head.i == verb.i):
                return None  # "reports post - op": the tokenizer split a word the parse then read as two objects
            if not _ok(tree, vetting, spec, details, verb.sent):
                tree = _without_details(tree, vetting, spec, details, verb.sent)
                if tree is None and purpose:
                    continue  # "used their talker to ask their dad for a hug": the purpose goes, the event stays
                if tree is None:
                    return None
            kept.append(tree)
        elif child.dep_ in optional:
            # "swore at me", "smiled at us": a preposition whose object is the writer says what was done to them, not where
            at_writer = [c.lower_ for c in child.children if c.dep_ == "pobj"] in ([w] for w in spec.get("writer_objects", []))
            if child.dep_ == "prep" and child.lower_ not in spec.get("kept_prepositions", []) and not at_writer:
                continue
            if as_writer and child.dep_ == "npadvmod":
                continue  # "assessed your boy last month 😂 small world": the writer's aside, not the event
            if not _ok(tree, vetting, spec, details, verb.sent):
                tree = _without_details(tree, vetting, spec, details, verb.sent) or tree
            if _ok(tree, vetting, spec, details, verb.sent) and len(tree) <= spec.get("max_optional_words", 8):
                kept.append(tree)
            elif child.dep_ == "prep" and any(c.dep_ == "pobj" and c.tag_ == "PRP" and c.lower_ in _OTHER_PERSON
                                              for c in child.children):
                return None  # "puts a blanket over him": without whom it was done to, the event is another
        # anything else (a clause, a conjoined noun) tells the story on: it goes whole
    # a verb alone is the event only when it says the whole of it ("absconds"); "is going", "does not speak" say nothing
    if not kept and not (verb.lemma_.lower() in spec.get("whole_event_verbs", []) and depth == 0):
        return None
    words = " ".join(head) + " " + " ".join(tree if isinstance(tree, str) else _words(tree, pronouns, spec) for tree in kept)
    words = words.strip()
    if conjoined:
        words += " and " + conjoined
    return words


def _person(text: str, findings, vetting: Vetting, spec: dict, qr: dict, sentence, subject) -> str:
    """The client as the post names their role ("a pupil", "a resident"), a child where their age in the event's
    sentence or the words of their mention say so ("my kiddo"; not "Baby fine" said of someone else), else the
    event's default ("a patient")."""
    start, end = sentence.start_char, sentence.end_char
    ages = [0 if m.group(3) else int(m.group(1)) / (12 if m.group(2) else 1) for f in findings
            if (f.rule_id or "").startswith("age.") and start <= f.start < end
            for m in [_AGE.search(text[f.start:f.end])] if m]
    first, last = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge.text)
    people = " ".join(text[s:e] for s, e in vetting.people if s < last and e > first).lower()
    if any(w in re.findall(r"\w+", people) for w in qr.get("child_words", [])):
        ages = ages or [qr.get("child_word_age", 10)]
    if ages:
        for band in spec.get("age_people", []):
            if ages[0] < band["below"]:
                return band["person"]
    # a noun subject is named by its own words ("Primip" is no "baby" because "Baby fine" follows); a pronoun by
    # the post's
    low = text.lower() if subject.tag_ == "PRP" else text[first:last].lower() + " " + people
    found = [(m.start(), role["person"]) for role in spec.get("roles", []) for word in role["words"]
             for m in [re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", low)] if m]
    if found:
        return min(found)[1]
    # "a patient" in a post about a ward or a clinic; "someone" at a refuge, a school or a court
    clinical = re.search(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in spec.get("patient_cues", [])) + r")(?![\w-])",
                         text, re.I) if spec.get("patient_cues") else True
    return spec.get("person", "a patient") if clinical else spec.get("anyone", "someone")


def _condition(sentence, conditions, spec: dict) -> str | None:
    """The one condition of the event's own sentence that reads after "with" ("with COPD", not "with detox")."""
    refused = {w.lower() for w in spec.get("not_after_with", [])}
    said = [c for c in conditions if re.search(r"(?<!\w)" + re.escape(c) + r"(?!\w)", sentence.text, re.I)
            and c.lower() not in refused]
    return said[0] if len(said) == 1 else None


def _unspoken_subject(verb, vetting: Vetting, spec: dict):
    """The client token a subject-less past verb is said of, or None: a verb joined to the writer's own "Had a woman…"
    or "Saw a lad…" (no subject, the client its object), or the sentence's root whose client was said before it as a
    bare noun ("Lad I supervise, 24, got out…")."""
    if verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBZ") or any(c.dep_ in _SUBJECTS + ("expl",) for c in verb.children):
        return None
    if verb.dep_ == "conj":
        writer = verb.head
        if writer.lemma_.lower() not in spec.get("writer_meeting_verbs", []) or any(c.dep_ in _SUBJECTS for c in writer.children):
            return None
        return next((c for c in writer.children if c.dep_ == "dobj" and vetting.names_client(c) and c.tag_ != "PRP"), None)
    if verb.dep_ == "ROOT":
        return next((t for t in verb.sent if t.i < verb.i and t.dep_ == "npadvmod" and t.head.i != verb.i
                     and t.pos_ in ("NOUN", "PROPN") and vetting.is_client(t)), None)
    return None


def client_event(doc, text: str, findings, rw: dict, gendered: set, conditions=()) -> str | None:
    """ "a child with DCD rides a bike without stabilisers for the first time", or None when the post has no client
    predicate that can be told without what identifies them."""
    spec = event_spec(rw)
    qr = rw.get("question_rewrite", {})
    if not spec:
        return None
    vetting = Vetting(text, findings, qr, gendered)
    beds = [(f.start, f.end) for f in findings if f.rule_id in spec.get("placing_rules", [])]
    if not vetting.people and not beds:
        return None
    details = rw.get("story_details", {})
    pronouns = qr.get("client_pronouns", {})
    with_phrase = client_with_phrase(doc, vetting)
    family = {w.lower() for w in spec.get("not_the_client", [])}
    relatives = {w.lower() for w in spec.get("relatives", [])}
    told = []

    def tell(verb, predicate, subject, kin):
        # "goes home", "walks again" is the whole milestone; "comes in" says nothing
        # ... and "absconds", "codes" is the whole event
        lemma = verb.lemma_.lower()
        shortest = 1 if lemma in spec.get("whole_event_verbs", []) else 2 if lemma in spec.get("milestone_verbs", []) \
            else spec.get("min_predicate_words", 3)
        if predicate and shortest <= len(predicate.split()) <= spec.get("max_predicate_words", 20):
            person = spec.get("relative", "a relative") if kin else _person(text, findings, vetting, spec, qr, verb.sent, subject)
            condition = None if kin else with_phrase or _condition(verb.sent, conditions, spec)
            if condition:
                condition = condition_after_with(condition, verb.sent, spec)
            if condition and re.sub(r"^(?:a|an|the)\s+", "", condition.lower()) in predicate.lower():
                condition = None
            told.append((person + (" with " + condition if condition else "") + " " + predicate, verb.sent, lemma))

    for token in doc:
        verb = token.head
        # "Celebrating Mrs K, who walked to the shop…": the relative pronoun of the client's phrase is the client
        relative = token.lower_ == "who" and verb.dep_ == "relcl" and vetting.names_client(verb.head)
        # "her son rings the ward": a vent about a client's family is told of "a relative"
        kin = token.lower_ in relatives and token.tag_ == "NN"
        # "he" after "her dad" may be the dad: a pronoun is the client's only before any family word
        pronoun = token.tag_ == "PRP" and not any(t.lower_ in family for t in doc[:token.i])
        # "a 3 week old came into ED": an age said as the noun stands for the client
        aged = token.pos_ in ("NOUN", "ADJ", "NUM") and vetting._inside(token, vetting.ages)
        # "Our little warrior from cot 2 went home": a person placed by their bed is the client, whatever the noun
        placed = token.pos_ == "NOUN" and any(Vetting._inside(t, beds) for t in token.subtree)
        if token.dep_ not in _SUBJECTS or (token.lower_ in family and not kin) or not (
                kin or relative or aged or placed or (pronoun if token.lower_ in ("he", "she") else vetting.names_client(token))):
            continue  # "Mum was on her phone" (a parent at the bedside may be the client's or another's)
        # "…because bed 4 pulled her cannula out": the writer's sentence around it says why, the clause is the event
        explains = verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in spec.get("clause_marks", [])
                                                 for c in verb.children)
        # "storytime: the night a patient with delirium tried to escape…": a clause on a time noun tells what happened then
        timed = verb.dep_ == "relcl" and verb.head.lemma_.lower() in spec.get("time_heads", [])
        if verb.pos_ not in ("VERB", "AUX") or token.i > verb.i or not (relative or explains or timed
                                                                         or verb.dep_ in ("ROOT", "conj", "ccomp")):
            continue  # another relative clause's verb ("a man I've supported") is someone else's
        sentence = verb.sent.text
        if "?" in sentence:
            continue
        predicate, subject = _predicate(verb, vetting, spec, details, pronouns), verb.head if relative else token
        if predicate is None and not kin:
            # "got out of HMP Durham in March and has just passed their forklift licence": the story's verb goes, a
            # later verb of the same subject can still be told alone
            later = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
                     and not any(d.dep_ in _SUBJECTS for d in c.children)]
            for verb in later:
                predicate = _predicate(verb, vetting, spec, details, pronouns)
                if predicate:
                    break
        tell(verb, predicate, subject, kin)
    if not told:
        # "Had a woman this morning… came in with a DVT", "Lad I supervise, 24, got out… and has just passed their
        # licence": the client was said once and their verb has no subject of its own
        for verb in doc:
            subject = _unspoken_subject(verb, vetting, spec)
            if subject is None or "?" in verb.sent.text:
                continue
            predicate = _predicate(verb, vetting, spec, details, pronouns)
            if predicate is None:
                predicate = next((p for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
                                  and not any(d.dep_ in _SUBJECTS for d in c.children)
                                  for p in [_predicate(c, vetting, spec, details, pronouns)] if p), None)
            tell(verb, predicate, subject, False)
    # "You came into care at 4 with one bin bag. Today at 18 you…": what came before is the backstory, the post's event
    # is the one its sentence says happened now
    now = [(event, sentence) for event, sentence, _ in told if any(w in re.findall(r"[\w']+", sentence.text.lower())
                                                       for w in spec.get("now_words", []))]
    # "born with half a heart … rang the bell today": how the person began is the backstory when anything else happened
    later = [(event, sentence) for event, sentence, lemma in told if lemma not in spec.get("backstory_verbs", [])]
    return (now or later or [(event, sentence) for event, sentence, _ in told] or [(None, None)])[0][0]
