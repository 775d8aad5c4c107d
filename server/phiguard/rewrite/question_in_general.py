"""Strategy "general_question" for a post that asks peers something: the post's question, asked in general.

The professional guidance: don't tell the client's story; instead of "I have a client with PTSD and am
wondering..." ask "What interventions can people use to help alleviate someone's symptoms of PTSD?". So the
story's sentences go whole, and what is kept is built only from vetted words:

- the writer's audience opener when it is general ("Question for wound care nurses:", "#OTalk question:");
- the question sentences when nothing in them narrows the person (the client's pronouns made neutral);
- the clinical problem (client_problem): the conditions, the phrase "with ..." attached to the client, and
  the client's predicate that names a problem ("is refusing to do their HEP");
- the writer's trailing hashtags.

"#OTalk question: kiddo I'm seeing (7, twin) is refusing all textures except beige crunchy foods, ...
Sensory strategies that worked for you?" -> "#OTalk question: for a child with ASD who is refusing all
textures except beige crunchy foods, sensory strategies that worked for you?"

Words, cues and the lead's wording are data (rewrite.question_rewrite). None when nothing general is
asked, or what is asked needs the story: the other strategies then stand.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .client_problem import Vetting, client_predicate, client_with_phrase, neutral_pronoun
from .general_question import conditions_in, join_words

_SENTENCES = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
_HASHTAGS = re.compile(r"(?:\s*#\w+)+\s*$")
_FINITE = ("VBZ", "VBP", "VBD", "MD")
_AGE = re.compile(r"(\d{1,3})\s*(?:yo\b|y/?o\b|-?year|[MF]\b|\)|,|$)", re.I)


def sentences_of(text: str) -> list:
    return [m.group().strip() for m in _SENTENCES.finditer(text) if m.group().strip()]


def _sentences(text: str):
    return [(m.start(), m.end()) for m in _SENTENCES.finditer(text) if m.group().strip()]


def _tokens(doc, start: int, end: int):
    return [t for t in doc if start <= t.idx < end]


def _has_cue(text: str, cues) -> bool:
    return any(re.search(r"(?<![\w#])" + re.escape(c) + r"(?!\w)", text, re.I) for c in cues)


def _opener(doc, text: str, spans, vetting: Vetting, qr) -> tuple[str, int]:
    """The writer's general address ("Physios, help!", "Question for wound care nurses:") and where it ends."""
    if not spans:
        return "", 0
    start, end = spans[0]
    sentence = text[start:end]
    most = qr.get("opener_max_words", 8)
    cut = re.search(r"\s*(?::|\s[-—–])\s", sentence)
    candidates = []
    # "Physios, any ideas? ... What has helped?": an address that asks too, when the real question follows
    later = any(text[s:e].rstrip().endswith("?") for s, e in spans[1:])
    if (not sentence.rstrip().endswith("?") or later) and len(sentence.split()) <= most:
        candidates.append((start, end, sentence.strip()))
    if cut and len(sentence[:cut.start()].split()) <= most:
        candidates.append((start, start + cut.start(), sentence[:cut.start()].strip() + ":"))
    for s, e, words in candidates:
        tokens = _tokens(doc, s, e)
        if _has_cue(words, qr.get("audience_cues", [])) and vetting.all_safe(tokens) \
                and not any(vetting.is_client(t) for t in tokens):
            return words, e
    return "", 0


def _trimmed(tokens, vetting: Vetting, qr) -> list:
    """The question without what it can lose and stay the same question: a lead-in before a dash ("First s42
    enquiry on my own—how do you..."), a last "like this", a last phrase naming a place ("... in the Midlands?")."""
    dash = next((i for i, t in enumerate(tokens) if t.text in ("—", "–", "--") and i + 1 < len(tokens)
                 and _has_cue(tokens[i + 1].text, qr.get("ask_openers", []))), None)
    if dash is not None:
        tokens = tokens[dash + 1:]
    end = tokens[-1:] if tokens and tokens[-1].is_punct else []
    body = tokens[:len(tokens) - len(end)]
    for ending in qr.get("dropped_endings", []):
        words = ending.split()
        if len(body) > len(words) and [t.lower_ for t in body[-len(words):]] == words \
                and body[-len(words) - 1].lower_ not in qr.get("kept_before_endings", []):
            body = body[:-len(words)]  # "manage dual relationships like this?"; not "after something like this?"
    last = body[-1] if body else None
    if last is not None and not vetting.all_safe(body):
        prep = next((a for a in [last, *last.ancestors] if a.dep_ == "prep"), None)
        unsafe = [t for t in body if not vetting.safe(t)]
        # only a place ("in Georgia", "in the Midlands"); "at 39 or 40 weeks", "than ModelTalker", "to siblings"
        # or "with Medicare" is the question
        naming = all(t.tag_ in ("NNP", "NNPS") or vetting.identifies(t) for t in unsafe) and prep is not None \
            and prep.lower_ in qr.get("place_prepositions", [])
        if prep is not None and prep.i > body[0].i and all(t.i >= prep.i for t in unsafe) and naming \
                and prep.right_edge.i == last.i:
            body = [t for t in body if t.i < prep.i]
    return body + end


def _agreeing(token, pronouns) -> str | None:
    """ "while he waits" -> "while they wait": a subordinate clause's subject pronoun, with its verb agreeing;
    None when the verb cannot be made to agree."""
    verb = token.head
    if verb.dep_ not in ("advcl", "ccomp", "relcl") or token.lower_ not in ("he", "she"):
        return None
    finite = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i > token.i][:1] or [verb]
    if finite[0].tag_ != "VBZ" and finite[0].tag_ not in ("MD", "VBD") or finite[0].lower_ in ("was",):
        return None
    return "they"


def _general_question(doc, text: str, start: int, end: int, vetting: Vetting, qr) -> tuple[str, bool, bool, bool] | None:
    """(the question, whether it names the client, whether it has a verb, whether the writer asks about
    themself: "Do I call the coach?") when nothing in it narrows the person, else None."""
    tokens = _trimmed(_tokens(doc, start, end), vetting, qr)
    if not tokens or not vetting.all_safe(tokens) or (
            sum(1 for t in tokens if t.is_alpha) < qr.get("min_words_per_question", 3)
            and not any(_has_cue(t.text, qr.get("ask_openers", [])) for t in tokens)):
        return None  # "Honestly?", "Agree?", "Please assess?": no question to ask in general; "Any leads?" is one
    choice = next((i for i, t in enumerate(tokens) if t.text == ","), None)
    if choice is not None and choice <= 2 and not any(t.pos_ in ("NOUN", "PROPN", "PRON", "VERB", "AUX")
                                                      for t in tokens[:choice]):
        return None  # "Helpful, or does it just feed...?": a choice about something the story said
    pronouns = qr.get("client_pronouns", {})
    agreement = qr.get("they_agreement", {})
    deictics = {w.lower() for w in qr.get("story_deictics", [])}
    story_objects = {w.lower() for w in qr.get("story_objects", [])}
    names_client = False
    out = []
    verbs_to_agree = set()
    for t in tokens:
        if t.lower_ in deictics and t.tag_ != "WDT" and t.dep_ in ("det", "nsubj", "dobj", "pobj", "pcomp", "amod", "advmod") \
                or t.lower_ in story_objects and t.dep_ in ("dobj", "pobj"):
            return None  # "Anyone else had this?", "at this age", "How would you approach it?": it went with the story
        mapped = neutral_pronoun(t, pronouns)
        if mapped is not None:
            if t.dep_ in ("nsubj", "nsubjpass"):
                mapped = _agreeing(t, pronouns)
                if mapped is None:
                    return None  # "is she ok?": a question about the person, not the problem
                finite = [c for c in t.head.children if c.dep_ in ("aux", "auxpass") and c.i > t.i][:1] or [t.head]
                verbs_to_agree.add(finite[0].i)
            names_client = True
            out.append(mapped + t.whitespace_)
        elif t.i in verbs_to_agree and t.tag_ == "VBZ":
            out.append(agreement.get(t.lower_, t.lemma_) + t.whitespace_)
        else:
            out.append(t.text_with_ws)
    question = "".join(out).strip()
    question = re.sub(r"\s+([?!.])$", r"\1", question)
    if tokens[0].i > _tokens(doc, start, end)[0].i:
        question = question[:1].upper() + question[1:]
    asks_self = len(tokens) > 1 and tokens[0].pos_ == "AUX" and tokens[1].lower_ == "i"  # "Do I call the coach?"
    return question, names_client, any(t.tag_ in _FINITE for t in tokens), asks_self


def _someone(findings, text: str, vetting: Vetting, qr, rw) -> str:
    """ "a child" where the client's age says so (an age band is clinically relevant); else "someone"."""
    ages = [int(m.group(1)) for f in findings if (f.rule_id or "").startswith("age.")
            for m in [_AGE.search(text[f.start:f.end])] if m]
    words = {w.lower() for w in qr.get("child_words", [])}
    people = " ".join(text[s:e] for s, e in vetting.people).lower()
    if any(w in re.findall(r"\w+", people) for w in words) and not ages:
        ages = [qr.get("child_word_age", 10)]
    if ages:
        for band in rw.get("age_bands", []):
            if ages[0] < band["below"] and band["noun"] in qr.get("person_for_band", {}):
                return qr["person_for_band"][band["noun"]]
    return qr.get("person", "someone")


def _whole_conditions(doc, findings, vetting: Vetting) -> list:
    """ "suspected thyroid issues": a condition that modifies the noun after it takes that noun along."""
    out = []
    for f in findings:
        if f.category == "condition":
            last = [t for t in doc if f.start <= t.idx < f.end][-1:]
            head = last[0].head if last else None
            if head is not None and last[0].dep_ in ("compound", "amod") and head.i == last[0].i + 1 \
                    and head.lemma_.lower() in vetting.settings.get("condition_heads", []) and vetting.safe(head):
                f = replace(f, end=head.idx + len(head.text))
        out.append(f)
    return out


def _treatments(doc, findings, qr) -> set:
    """Conditions the client takes ("stopped his clozapine", "refusing her insulin"): "someone on clozapine"."""
    verbs = set(qr.get("treatment_verbs", []))
    out = set()
    for f in findings:
        if f.category == "condition":
            tokens = [t for t in doc if f.start <= t.idx < f.end]
            if tokens and tokens[-1].dep_ == "dobj" and tokens[-1].head.lemma_.lower() in verbs:
                out.add(f.start)
    return {doc.text[f.start:f.end].lower() for f in findings if f.start in out}


def _abbreviated(condition: str, asked: str) -> bool:
    """ "FOP" in the question already names "fibrodysplasia ossificans progressiva"."""
    words = condition.split()
    return len(words) > 1 and bool(re.search(r"\b" + "".join(w[0] for w in words).upper() + r"\b", asked))


def _clients_conditions(doc, findings, vetting: Vetting, rw) -> list:
    """Findings without the conditions that name a setting or a team ("the stroke unit", "wound care nurses")."""
    heads = set(vetting.settings.get("clinical_heads", []))
    nouns_of = {k.lower() for k in rw.get("condition_nouns", {})}
    out = []
    for f in findings:
        last = [t for t in doc if f.start <= t.idx < f.end][-1:]
        people = set(vetting.settings.get("person_heads", []))
        if f.category == "condition" and last and last[0].dep_ == "compound" and last[0].head.i > last[0].i \
                and last[0].head.lemma_.lower() not in heads | people and not vetting.is_client(last[0].head):
            continue
        first = [t for t in doc if f.start <= t.idx < f.end][:1]
        if f.category == "condition" and first and (first[0].pos_ == "ADP" or (
                len(last) == 1 and first[0].i == last[0].i and first[0].pos_ == "ADJ"
                and first[0].lower_ not in nouns_of)):
            continue  # "in care"; "deaf", "blind": an adjective reads as "someone with deaf" unless it has a noun
        out.append(f)
    return out


def _condition_phrases(text: str, conditions, qr, treatments=frozenset()) -> list:
    """ "with COPD", "on methadone" (a treatment the writer put after "on"), "after a hip replacement"."""
    after = tuple(qr.get("after_heads", []))
    countable = tuple(qr.get("countable_heads", []))
    phrases = []
    unled = {w.lower() for w in qr.get("conditions_not_in_lead", [])}
    for c in conditions:
        bare = re.sub(r"^(?:an?|the)\s+", "", c, flags=re.I)
        if bare.lower() in unled:
            continue
        if bare.lower() in treatments or re.search(r"\bon\s+" + re.escape(bare) + r"\b", text, re.I) \
                and not c.lower().endswith(after + countable):
            phrases.append(("on", bare))
        elif bare.lower().endswith(after):
            article = "" if bare.isupper() else "an " if bare[:1].lower() in "aeiou" else "a "
            phrases.append(("after", article + bare))  # "after IVF", "after a stroke"
        elif bare.lower().endswith(countable) and bare == c:
            phrases.append(("with", ("an " if bare[:1].lower() in "aeiou" else "a ") + bare))
        else:
            phrases.append(("with", c))
    merged = []
    for word in ("with", "on", "after"):
        items = [p for w, p in phrases if w == word]
        if items:
            merged.append(word + " " + join_words(items))
    return merged


def _lowered(question: str) -> str:
    first = question.split(" ", 1)[0]
    if first == "I" or first.startswith("I'") or (len(first) > 1 and first[1:2].isupper()):
        return question
    return question[0].lower() + question[1:]


def question_in_general(doc, text: str, findings, all_findings, rw, gendered: set) -> tuple[str, list, list] | None:
    """(the general question, the post's question sentences it kept, the post's sentences in which every word is
    vetted), or None."""
    qr = rw.get("question_rewrite", {})
    if not qr:
        return None
    vetting = Vetting(text, all_findings, qr, gendered)
    described = vetting.people or gendered or any((f.rule_id or "").startswith(tuple(qr.get("person_rules", [])))
                                                  for f in all_findings)
    if not described:
        return None  # a post with no client in it is the writer's own: its sentences are general already
    spans = _sentences(text)
    opener, opener_end = _opener(doc, text, spans, vetting, qr)
    tags = _HASHTAGS.search(text)
    tag_start = tags.start() if tags else len(text)
    found = []
    for start, end in spans:
        end = min(end, tag_start)
        if end <= max(start, opener_end):
            continue
        start = max(start, opener_end)
        sentence = text[start:end].strip()
        if not (sentence.endswith("?") or _has_cue(sentence.split(" ", 1)[0], qr.get("ask_openers", []))):
            continue
        general = _general_question(doc, text, start, end, vetting, qr)
        if general:
            found.append(general)
    if not found:
        return None
    asked = " ".join(q[0] for q in found)
    every = conditions_in(text, _clients_conditions(doc, _whole_conditions(doc, all_findings, vetting), vetting, rw), rw)
    # "autistic" in the question already names "autism"
    said = {rw.get("condition_nouns", {}).get(t.lower(), t).lower() for f in all_findings if f.category == "condition"
            for t in [text[f.start:f.end]] if re.search(r"\b" + re.escape(t) + r"\b", asked + " " + opener, re.I)}
    conditions = [c for c in every if not re.search(r"\b" + re.escape(c) + r"\b", asked + " " + opener, re.I)
                  and not _abbreviated(c, asked) and re.sub(r"^an?\s+", "", c.lower()) not in said]
    conditions = [c for c in conditions if not any(c != d and re.search(r"\b" + re.escape(c) + r"\b", d, re.I)
                                                   for d in conditions)]  # "withdrawal" inside "alcohol withdrawal"
    with_phrase = client_with_phrase(doc, vetting)
    if with_phrase and (_abbreviated(with_phrase, asked) or with_phrase.lower() in asked.lower()):
        with_phrase = None
    if with_phrase:
        conditions = [c for c in conditions if c.lower() not in with_phrase.lower()]
        conditions = [with_phrase] + conditions
    predicate = client_predicate(doc, vetting, qr)
    if predicate and any(c.lower() in predicate.lower() for c in conditions):
        conditions = [c for c in conditions if c.lower() not in predicate.lower()]
    who = _someone(all_findings, text, vetting, qr, rw)
    templates = qr.get("templates", {})
    phrases = " ".join(_condition_phrases(text, conditions, qr, _treatments(doc, all_findings, qr)))
    if phrases and predicate:
        problem = templates["with_and_predicate"].format(who=who, conditions=phrases, predicate=predicate)
    elif phrases:
        problem = templates["with"].format(who=who, conditions=phrases)
    elif predicate:
        problem = templates["predicate"].format(who=who, predicate=predicate)
    else:
        problem = ""
    cues = qr.get("method_cues", [])
    short = len(found[0][0].split()) < qr.get("min_question_words", 8)
    # "How do you help someone with hypermobility...?" already names its someone: a lead would say it twice;
    # "Do I call the coach?" is the writer's dilemma, which the problem does not explain
    lead = bool(problem) and not _has_cue(found[0][0], [qr.get("person", "someone")]) and not found[0][3] \
        and (found[0][1] or short or _has_cue(" ".join(q[0] for q in found), cues))
    if not lead:
        found = [q for q in found if not q[1]]  # "their spirits" with no one to refer to
    names_condition = bool(found) and any(re.search(r"\b" + re.escape(text[f.start:f.end]) + r"\b", found[0][0], re.I)
                                          for f in all_findings if f.category == "condition")
    if not found or (not lead and len(found[0][0].split()) < qr.get("min_question_words", 8) and not (
            names_condition and len(found[0][0].split()) >= qr.get("min_named_question_words", 6))):
        # "Any tips?" alone is not a question anyone can answer; "Best AAC apps for autistic kids?" is
        return None
    questions = [q[0] for q in found]
    first, rest = questions[0], questions[1:]
    if lead:
        # A long question says what it asks ("Does anyone have a template for a capacity write-up?"); a short
        # one, or one about "them", needs the problem it is about.
        if not found[0][2] and not predicate and not found[0][1] and first.endswith("?"):
            # "Ideas for a safe transfer?" has no verb: the problem goes at its end, so it stays the writer's fragment
            first = templates["after_fragment"].format(question=first[:-1].rstrip(), problem=problem)
        else:
            first = templates["lead_after_colon" if opener.endswith(":") else "lead"].format(
                problem=problem, question=_lowered(first))
            if not opener.endswith(":"):
                first = first[0].upper() + first[1:]
    parts = [opener, first, *rest]
    if tags:
        parts.append(tags.group().strip())
    general = [text[a:b].strip() for a, b in spans if vetting.all_safe(_tokens(doc, a, b), numbers=True)
               and not any(vetting.is_client(t) for t in _tokens(doc, a, b))]
    built = " ".join(p for p in parts if p)
    return built[:1].upper() + built[1:], questions, general
