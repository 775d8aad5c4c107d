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
from .general_question import conditions_in, eponyms, join_words
from .sentence_spans import sentence_pattern
from .situation_pronoun import STORY, points_at_situation
from .story_question import ABOUT_THEM, JUDGEMENT, PLAIN, WRITER, for_peers

TRAILING_HASHTAGS = re.compile(r"(?:\s*#\w+)+\s*$")  # the writer's hashtags at the end of a post
_FINITE = ("VBZ", "VBP", "VBD", "MD")
_AGE = re.compile(r"(\d{1,3})\s*(?:yo\b|y/?o\b|-?year|[MF]\b|\)|,|$)", re.I)


def sentences_of(text: str, qr=None) -> list:
    return [m.group().strip() for m in sentence_pattern(qr or {}).finditer(text) if m.group().strip()]


# "...film TikToks 🙈 Any tips...?": an emoji ends a sentence as a full stop would
_EMOJI_BREAK = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF][\uFE0F\u200D\U0001F3FB-\U0001F3FF]*(?=\\s+[A-Z])")


def sentence_spans(text: str, qr) -> list:
    """(start, end) of each sentence; an emoji before a capital ends one."""
    spans = []
    for m in sentence_pattern(qr).finditer(text):
        if not m.group().strip():
            continue
        start = m.start()
        for b in _EMOJI_BREAK.finditer(text, m.start(), m.end()):
            spans.append((start, b.end()))
            start = b.end()
        spans.append((start, m.end()))
    return spans


def tokens_in(doc, start: int, end: int) -> list:
    """The tokens of doc that start within [start, end)."""
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
        tokens = tokens_in(doc, s, e)
        if _has_cue(words, qr.get("audience_cues", [])) and vetting.all_safe(tokens) \
                and not any(vetting.is_client(t) for t in tokens):
            return words, e
    return "", 0


def _after_statement(tokens, qr) -> list:
    """ "I gave them supplies but what's the best way to involve home...?": the question after the writer's statement
    and its conjunction (`question_after_conjunctions`) is the question; the statement is the story's."""
    if not tokens or tokens[-1].text != "?":
        return tokens
    conjunctions = {w.lower() for w in qr.get("question_after_conjunctions", [])}
    openers = {w.lower() for w in qr.get("ask_openers", [])}
    for i, t in enumerate(tokens[:-2]):
        following = tokens[i + 1]
        if i >= 2 and t.lower_ in conjunctions and (following.lower_ in openers or following.tag_ in ("WP", "WRB")):
            return tokens[i + 1:]
    return tokens


def _without_local_deictics(tokens, qr) -> list:
    """ "Anyone know a charity round here that does emergency cots?": where the writer is (`local_deictics`) goes; the
    question is the same anywhere, and "here" points at a place the post no longer names."""
    words = [t.lower_ for t in tokens]
    for phrase in sorted(qr.get("local_deictics", []), key=len, reverse=True):
        target = phrase.lower().split()
        for i in range(len(words) - len(target), -1, -1):
            if words[i:i + len(target)] == target and i > 0:
                tokens = tokens[:i] + tokens[i + len(target):]
                words = words[:i] + words[i + len(target):]
    return tokens


def _without_story_reason(tokens, vetting: Vetting, qr) -> list:
    """ "...when someone refuses to mobilise post-op because their late partner 'always did the walking'?": a last
    clause of reason (`reason_marks`) that needs an unvetted word is the story's; the question stands without it."""
    marks = {w.lower() for w in qr.get("reason_marks", [])}
    at = next((i for i, t in enumerate(tokens) if t.lower_ in marks and t.dep_ == "mark" and i > 2), None)
    if at is None:
        return tokens
    clause = [t for t in tokens[at:] if not t.is_punct or t.text in ("'", '"', "“", "”")]
    end = [t for t in tokens[at:] if t.is_punct and t.text in "?!."][-1:]
    if any(not vetting.safe(t) for t in clause) and all(t.i >= tokens[at].i for t in tokens[at].head.subtree
                                                       if t.i >= tokens[at].i):
        return tokens[:at] + end
    return tokens


def _trimmed(tokens, vetting: Vetting, qr) -> list:
    """The question without what it can lose and stay the same question: a lead-in before a dash ("First s42
    enquiry on my own—how do you..."), a last "like this", a last phrase naming a place ("... in the Midlands?")."""
    dash = next((i for i, t in enumerate(tokens) if t.text in ("—", "–", "--") and i + 1 < len(tokens)
                 and _has_cue(tokens[i + 1].text, qr.get("ask_openers", []))), None)
    if dash is not None:
        tokens = tokens[dash + 1:]
    tokens = _after_statement(tokens, qr)
    tokens = _without_local_deictics(tokens, qr)
    tokens = _without_story_reason(tokens, vetting, qr)
    # "return to work in a kitchen": where the person works is their job; "return to work" is the question
    work = set(qr.get("work_words", []))
    workplace = {t.i for p in tokens if p.dep_ == "prep" and p.lower_ in qr.get("place_prepositions", []) + ["at"]
                 and (p.head.lemma_.lower() in work and p.head.pos_ == "NOUN" or any(  # "return [to work] in a kitchen"
                     c.dep_ == "prep" and any(o.lemma_.lower() in work for o in c.children) for c in p.head.children))
                 for t in p.subtree}
    # "Where does the line sit for a 15yo under Children First?": "for" the person, by their age, is who the story
    # was about; the question is the same for anyone the lead names
    for p in [t for t in tokens if t.dep_ == "prep" and t.lower_ in qr.get("person_prepositions", [])]:
        inside = list(p.subtree)
        unsafe = [t for t in tokens if not vetting.safe(t)]
        if unsafe and all(t in inside and vetting._inside(t, vetting.ages) for t in unsafe) and p.i > tokens[0].i \
                and not _age_nouns(inside, vetting, qr.get("age_noun_bands", [])):
            workplace |= {t.i for t in inside}
    tokens = [t for t in tokens if t.i not in workplace]
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


def _age_nouns(tokens, vetting: Vetting, bands) -> dict:
    """ "know good AAC for a non-verbal 6yo with CP who...": an age written as the person's noun becomes its band's
    noun ("a non-verbal child with CP who..."), so the phrase keeps its clauses and loses only the age. {token index:
    the word, or "" for the rest of a longer age ("6 year old")}."""
    out = {}
    for start, end in vetting.ages:
        inside = [t for t in tokens if start <= t.idx < end]
        heads = [t for t in inside if t.head not in inside or t.head == t]
        match = _AGE.search(vetting.text[start:end])
        if len(heads) != 1 or match is None or heads[0].pos_ not in ("NOUN", "PROPN", "NUM", "ADJ") \
                or heads[0].dep_ not in ("pobj", "dobj", "nsubj", "nsubjpass", "attr"):
            continue
        before = heads[0].i - 1 if heads[0] == inside[0] else inside[0].i - 1
        while before >= 0 and heads[0].doc[before].tag_ in ("JJ", "HYPH", "RB", ",", "NN", "VBN"):
            before -= 1  # "a non-verbal 6yo": the article before its modifiers (the parser may hang it on one)
        if before < 0 or heads[0].doc[before].tag_ != "DT":
            continue  # "aged 6", "she's 6": no noun phrase to put the band in
        age = int(match.group(1))
        noun = next((b["noun"] for b in bands if age < b["below"]), None)
        if noun:
            out.update({t.i: "" for t in inside})
            out[inside[0].i] = noun
    return out


def _person_nouns(tokens, vetting: Vetting, gn) -> dict:
    """ "how would you handle a lady who...", "tips for engaging lads": a gendered word for a person becomes the
    neutral one (`gender_neutral.person_nouns`: "a person who...", "young people"); a family word stays unsafe."""
    nouns, plurals = gn.get("person_nouns", {}), gn.get("plural_forms", {})
    family = {w.lower() for w in vetting.settings.get("unsafe_words", [])}
    out = {}
    for t in tokens:
        singular = plurals.get(t.lower_, t.lower_)
        forms = nouns.get(singular)
        if t.pos_ == "NOUN" and forms and singular not in family and t.lower_ not in family:
            word = forms[1] if t.lower_ != singular or t.tag_ == "NNS" else forms[0]
            out[t.i] = word[:1].upper() + word[1:] if t.text[:1].isupper() else word
    return out


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


def _general_question(doc, text: str, start: int, end: int, vetting: Vetting, qr,
                      gn=None) -> tuple[str, bool, bool, str] | None:
    """(the question, whether it names the client, whether it has a verb, the kind of question it is: asked of
    practice, or of the writer's own story, story_question) when nothing in it narrows the person, else None."""
    tokens = _trimmed(tokens_in(doc, start, end), vetting, qr)
    ages = _age_nouns(tokens, vetting, qr.get("age_noun_bands", []))
    ages.update(_person_nouns(tokens, vetting, gn or {}))
    if not tokens or not all(vetting.safe(t) or t.i in ages for t in tokens) or (
            sum(1 for t in tokens if t.is_alpha) < qr.get("min_words_per_question", 3)
            and not any(_has_cue(t.text, qr.get("ask_openers", [])) for t in tokens)):
        return None  # "Honestly?", "Agree?", "Please assess?": no question to ask in general; "Any leads?" is one
    if any(vetting.is_client(t) for t in tokens) and any(vetting.names_job(t) for t in tokens):
        return None  # "a patient with FND who's a PE teacher?": one client's job narrows the crowd
    choice = next((i for i, t in enumerate(tokens) if t.text == ","), None)
    if choice is not None and choice <= 2 and not any(t.pos_ in ("NOUN", "PROPN", "PRON", "VERB", "AUX")
                                                      for t in tokens[:choice]):
        return None  # "Helpful, or does it just feed...?": a choice about something the story said
    pronouns = qr.get("client_pronouns", {})
    agreement = qr.get("they_agreement", {})
    deictics = {w.lower() for w in qr.get("story_deictics", [])}
    story_objects = {w.lower() for w in qr.get("story_objects", [])}
    names_client = about_story = False
    out = []
    verbs_to_agree = set()
    kind, for_peer = for_peers(tokens, qr.get("story_questions", {}))
    if kind == JUDGEMENT:
        return qr["templates"]["judgement"], False, True, kind
    for t in tokens:
        if t.i in ages:
            out.append(ages[t.i] + t.whitespace_ if ages[t.i] else "")
            continue
        if t.i in for_peer:
            out.append(for_peer[t.i] + t.whitespace_ if for_peer[t.i] else "")
            continue
        # (a "that" tagged WDT is relative whatever the parser hung it on: "a charity that does emergency cots")
        if t.lower_ in deictics and t.tag_ != "WDT" and t.dep_ in ("det", "nsubj", "dobj", "pobj", "pcomp", "amod", "advmod") \
                or t.lower_ in story_objects and t.dep_ in ("dobj", "pobj"):
            if not points_at_situation(t, deictics, story_objects):
                return None  # "Anyone else had this?", "at this age": it went with the story
            # "How would you approach this?": "this" is the situation, which the lead then says in general
            about_story = True
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
    names_client = names_client and not ages  # "a non-verbal child with CP who ... their left eye": named in it
    if tokens[0].i > tokens_in(doc, start, end)[0].i:
        question = question[:1].upper() + question[1:]
    return question, names_client, any(t.tag_ in _FINITE for t in tokens), STORY if about_story and kind == PLAIN else kind


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
            # "venous leg ulcer": the words the writer put before the condition say which one it is
            tokens = [t for t in doc if f.start <= t.idx < f.end]
            first = tokens[0] if tokens else None
            while first is not None and first.i > 0 and tokens[-1].tag_ in ("NN", "NNS"):
                before = first.nbor(-1)
                if before.dep_ in ("compound", "amod") and before.head.i in [t.i for t in tokens] + [first.i] \
                        and before.tag_ in ("NN", "JJ") and before.is_lower and vetting.safe(before):
                    first = before
                    tokens.insert(0, before)
                else:
                    break
            if first is not None and first.idx < f.start:
                f = replace(f, start=first.idx)
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
    """Findings without the conditions that name a setting or a team ("the stroke unit", "wound care nurses"), and
    without verbs the vocabulary also lists ("looked after": "someone with looked after" is not English)."""
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
        if f.category == "condition" and first and first[0].tag_ in ("VBD", "VBN", "VBG", "PRP"):
            continue  # "looked after", "ME" shouted: a verb or a pronoun, not the client's condition
        if f.category == "condition" and first and (first[0].pos_ == "ADP" or (
                len(last) == 1 and first[0].i == last[0].i and first[0].pos_ == "ADJ"
                and first[0].lower_ not in nouns_of)):
            continue  # "in care"; "deaf", "blind": an adjective reads as "someone with deaf" unless it has a noun
        out.append(f)
    return out


def misread_conditions(doc, findings, rw) -> set:
    """The (start, end) of condition findings the parse reads as something else: a pronoun ("ringing ME"), a verb
    ("looked after") or a lone adjective ("no antenatal care", "intentionally homeless"): "someone with ME" or
    "someone with antenatal" would be a wrong question."""
    nouns_of = {k.lower() for k in rw.get("condition_nouns", {})}
    out = set()
    for f in findings:
        tokens = [t for t in doc if f.start <= t.idx < f.end]
        if f.category != "condition" or not tokens:
            continue
        first = tokens[0]
        if first.tag_ in ("VBD", "VBN", "VBG", "PRP") or (
                len(tokens) == 1 and first.pos_ == "ADJ" and first.lower_ not in nouns_of):
            out.add((f.start, f.end))
    return out


def _condition_phrases(text: str, conditions, qr, treatments=frozenset()) -> list:
    """ "with COPD", "on methadone" (a treatment the writer put after "on"), "after a hip replacement"."""
    after = tuple(qr.get("after_heads", []))
    countable = tuple(qr.get("countable_heads", []))
    phrases = []
    unled = {w.lower() for w in qr.get("conditions_not_in_lead", [])}
    for c in conditions:
        bare = re.sub(r"^(?:an?|the)\s+", "", c, flags=re.I)
        if bare.lower() in unled or bare.lower().split()[-1] in unled:  # "placement breakdown" is an event
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


def _repeats(predicate: str, asked: str, qr) -> bool:
    """The question already asks about the predicate's verb ("stopped" before "the risks of stopping")."""
    skipped = set(qr.get("auxiliaries", {})) | set(qr.get("general_present", {}).get("perfect_auxiliaries", {})) \
        | {"is", "does", "doesn't", "won't", "can't", "not", "has", "keeps", "still"}
    verb = next((w for w in predicate.lower().split() if w not in skipped), "")
    stem = re.sub(r"(?:es|s|ed|ing)$", "", verb)
    stem = stem[:-1] if len(stem) > 4 and stem[-1] == stem[-2] else stem  # "stopp" -> "stop"
    return len(stem) >= 4 and bool(re.search(r"\b" + re.escape(stem), asked, re.I))


def lowered(question: str) -> str:
    """A question put after a lead: its first word lowered, unless it is "I" or an acronym ("HCAs", "OTs")."""
    first = question.split(" ", 1)[0]
    if first == "I" or first.startswith("I'") or (len(first) > 1 and first[1:2].isupper()):
        return question
    return question[:1].lower() + question[1:]


def _problem(doc, text: str, all_findings, vetting: Vetting, qr, rw, asked: str, opener: str):
    """(problem, the conditions as phrases, predicate, who): the client's clinical problem in general words."""
    every = conditions_in(text, _clients_conditions(doc, _whole_conditions(doc, all_findings, vetting), vetting, rw), rw,
                          vetting.capitals)
    # "autistic" in the question already names "autism"
    said = {rw.get("condition_nouns", {}).get(t.lower(), t).lower() for f in all_findings if f.category == "condition"
            for t in [text[f.start:f.end]] if re.search(r"\b" + re.escape(t) + r"\b", asked + " " + opener, re.I)}
    conditions = [c for c in every if not re.search(r"\b" + re.escape(c) + r"\b", asked + " " + opener, re.I)
                  and not _abbreviated(c, asked) and re.sub(r"^an?\s+", "", c.lower()) not in said]
    conditions = [c for c in conditions if not any(c != d and re.search(r"\b" + re.escape(c) + r"\b", d, re.I)
                                                   for d in conditions)]  # "withdrawal" inside "alcohol withdrawal"
    with_phrase = client_with_phrase(doc, vetting)
    if with_phrase and (_abbreviated(with_phrase, asked) or with_phrase.lower() in asked.lower() or any(
            with_phrase.lower() in c.lower() != with_phrase.lower() for c in conditions)):
        with_phrase = None  # "with type 1" is the start of "type 1 diabetes", which a mis-parse cut
    if with_phrase:
        conditions = [c for c in conditions if c.lower() not in with_phrase.lower()]
        conditions = [with_phrase] + conditions
    predicate = client_predicate(doc, vetting, qr)
    first = predicate.split(" ", 1)[0].lower() if predicate else ""
    if first.endswith("ing") and len(first) > 5 and first not in qr.get("auxiliaries", {}):
        predicate = None  # a headline's "Client refusing to let carers...": "someone who refusing" has no finite verb
    if predicate and _repeats(predicate, asked, qr):
        predicate = None  # "who has stopped their clozapine: what are the risks of stopping suddenly?" says it twice
    if predicate and any(c.lower() in predicate.lower() for c in conditions):
        conditions = [c for c in conditions if c.lower() not in predicate.lower()]
    who = _someone(all_findings, text, vetting, qr, rw)
    templates = qr.get("templates", {})
    phrases = " ".join(_condition_phrases(text, conditions, qr, _treatments(doc, all_findings, qr)))
    return _problem_text(templates, who, phrases, predicate), phrases, predicate, who


def _problem_text(templates, who: str, phrases: str, predicate) -> str:
    if phrases and predicate:
        return templates["with_and_predicate"].format(who=who, conditions=phrases, predicate=predicate)
    if phrases:
        return templates["with"].format(who=who, conditions=phrases)
    if predicate:
        return templates["predicate"].format(who=who, predicate=predicate)
    return ""


def _audience_ask(doc, text: str, spans, vetting: Vetting, qr) -> str:
    """A first sentence that only asks the audience ("District nurses, any ideas?", "Any SEN teachers with
    ideas??"): short, vetted, with an audience cue and no finite verb."""
    if not spans:
        return ""
    start, end = spans[0]
    tokens = tokens_in(doc, start, end)
    words = text[start:end].strip()
    cues = {c.lower() for c in qr.get("audience_cues", [])}
    # it names who is asked ("SEN teachers", "twitter"), not only what ("Any tips?" is the question itself)
    audience = any(t.pos_ in ("NOUN", "PROPN") and t.lower_ not in cues for t in tokens)
    if len(words.split()) <= qr.get("audience_ask_max_words", 6) and _has_cue(words, qr.get("audience_cues", [])) \
            and audience and vetting.all_safe(tokens) and not any(vetting.is_client(t) or t.tag_ in _FINITE for t in tokens):
        return re.sub(r"([?!])[?!]+$", r"\1", words)
    return ""


def _what_helps(doc, text: str, spans, all_findings, vetting: Vetting, qr, rw, opener: str, tags) -> tuple | None:
    """A post whose own questions all need the story ("How would you play it?", "Who do I tell?"), or that only
    asks "any ideas?": what helps with the client's problem, asked in general ("What helps when someone with a
    venous leg ulcer refuses leg club?"). Only with what the client does: a bare condition is a topic, not a question."""
    opener = opener or _audience_ask(doc, text, spans, vetting, qr)
    ideas = qr.get("ideas_cues", [])
    # only a post that asks for ideas ("District nurses, any ideas?", "Any ideas on how to handle that?"): "anyone
    # covering?" or "Could someone call their daughter?" ask for something else
    if not (_has_cue(opener, ideas) or any(text[a:b].rstrip().endswith("?") and _has_cue(text[a:b], ideas)
                                           for a, b in spans)):
        return None
    problem, phrases, predicate, who = _problem(doc, text, all_findings, vetting, qr, rw, "", opener)
    if not predicate:
        return None
    templates = qr["templates"]
    situation = templates["situation_with_predicate"].format(who=who, conditions=phrases, predicate=predicate)
    question = templates["what_helps"].format(situation=" ".join(situation.split()))
    parts = [opener, question, tags.group().strip() if tags else ""]
    return " ".join(p for p in parts if p), [], [], []


def person_words(gn) -> frozenset:
    """The gendered words for a person ("lady", "guy", "lads"), not for their family ("mum" is a parent)."""
    family = set(gn.get("bare_family_nouns", []))
    singular = {w for w, forms in gn.get("person_nouns", {}).items() if forms[0] not in family}
    return frozenset(singular | {p for p, w in gn.get("plural_forms", {}).items() if w in singular})


def _jobs(vocabularies) -> frozenset:
    """Job titles' last words ("teacher", "chef"), without the words for clients and people in general."""
    people = {w.lower() for name in ("person_nouns", "client_nouns") for w in vocabularies.get(name, [])}
    return frozenset(w.lower() for w in vocabularies.get("job_heads", []) if " " not in w) - people


def question_in_general(doc, text: str, findings, all_findings, rw, gendered: set,
                        vocabularies=None) -> tuple[str, list, list, list] | None:
    """(the general question, the post's question sentences it kept, the post's sentences in which every word is
    vetted, the same question in other words to offer if the gate refuses it), or None."""
    qr = rw.get("question_rewrite", {})
    if not qr:
        return None
    vetting = Vetting(text, all_findings, qr, gendered, _jobs(vocabularies or {}), person_words(rw.get("gender_neutral", {})))
    vetting.capitals = eponyms(vocabularies)
    described = vetting.people or gendered or any((f.rule_id or "").startswith(tuple(qr.get("person_rules", [])))
                                                  for f in all_findings)
    if not described:
        return None  # a post with no client in it is the writer's own: its sentences are general already
    spans = sentence_spans(text, qr)
    opener, opener_end = _opener(doc, text, spans, vetting, qr)
    if not opener and _audience_ask(doc, text, spans, vetting, qr):
        # "Any SEN teachers with ideas??" asks who, not what: it opens the question the post is about
        opener, opener_end = _audience_ask(doc, text, spans, vetting, qr), spans[0][1]
    tags = TRAILING_HASHTAGS.search(text)
    tag_start = tags.start() if tags else len(text)
    found = []
    for start, end in spans:
        end = min(end, tag_start)
        if end <= max(start, opener_end):
            continue
        start = max(start, opener_end)
        while start < end and text[start] in ":-—– \t":
            start += 1  # the opener ended at its colon or dash ("Question for physio pals: what's your...?")
        sentence = text[start:end].strip()
        if not (sentence.endswith("?") or _has_cue(sentence.split(" ", 1)[0], qr.get("ask_openers", []))):
            continue
        opening = tokens_in(doc, start + len(text[start:end]) - len(text[start:end].lstrip()), end)[:2]
        if not sentence.endswith("?") and len(opening) == 2 and opening[0].pos_ == "AUX" and opening[1].tag_.startswith("VB"):
            continue  # "Have tried everything.": the writer's own statement with "I" left out, not "Has anyone...?"
        general = _general_question(doc, text, start, end, vetting, qr, rw.get("gender_neutral", {}))
        if general:
            found.append(general)
    # "Anyone know a forensic step-down that'd even look at them?" is asked once the condition names them; a dilemma
    # or a verdict needs what the person does
    if not found or all(q[3] not in (PLAIN, ABOUT_THEM) for q in found) and not client_predicate(doc, vetting, qr):
        return _what_helps(doc, text, spans, all_findings, vetting, qr, rw, opener, tags)
    asked = " ".join(q[0] for q in found)
    problem, phrases, predicate, who = _problem(doc, text, all_findings, vetting, qr, rw, asked, opener)
    templates = qr.get("templates", {})
    # "Did we do the right thing?", "Do I tell them or wait?": without the situation nothing is left to answer;
    # a verdict needs what the person does, not only what they have
    found = [q for q in found if q[3] == PLAIN or problem and (q[3] not in (JUDGEMENT, STORY) or predicate)]
    situated = bool(problem) and bool(found) and found[0][3] in (WRITER, JUDGEMENT, STORY)
    if not found:
        return None
    cues = qr.get("method_cues", [])
    short = len(found[0][0].split()) < qr.get("min_question_words", 8)
    # The writer's own dilemma is asked of peers with the situation before it, in the general present ("When
    # someone declines blood products, do you...?"): the situation is what they answer
    # "How do you help someone with hypermobility...?" already names its someone: a lead would say it twice
    people = [qr.get("person", "someone")] + [b["noun"] for b in qr.get("age_noun_bands", [])]
    # "worked with an adult with locked-in syndrome?" names its person by their condition: a lead would make two
    named_person = bool(found) and bool(re.search(r"\b(?:an?|the)\s+[\w-]+\s+with\s+\w", found[0][0], re.I))
    lead = situated or bool(problem) and not _has_cue(found[0][0], people) and not named_person \
        and (found[0][1] or found[0][3] == ABOUT_THEM or short or _has_cue(" ".join(q[0] for q in found), cues))
    if not lead:
        found = [q for q in found if not q[1] and q[3] == PLAIN]  # "their spirits" with no one to refer to
    names_condition = bool(found) and any(re.search(r"\b" + re.escape(text[f.start:f.end]) + r"\b", found[0][0], re.I)
                                          for f in all_findings if f.category == "condition")
    if not found or (not lead and len(found[0][0].split()) < qr.get("min_question_words", 8) and not (
            names_condition and len(found[0][0].split()) >= qr.get("min_named_question_words", 6))):
        # "Any tips?" alone is not a question anyone can answer; "Best AAC apps for autistic kids?" is
        return None
    questions = [q[0] for q in found]

    def built(situated: bool, who: str, fragment_last: bool = True, with_verb: bool = False) -> str:
        first, rest = questions[0], questions[1:]
        if situated:
            situation = (templates["situation_with_predicate"] if predicate else templates["situation"]).format(
                who=who, conditions=phrases, predicate=predicate)
            first = templates["situation_lead"].format(situation=" ".join(situation.split()), question=lowered(first))
            first = first[0].lower() + first[1:] if opener.endswith(":") else first[0].upper() + first[1:]
        elif lead:
            problem = _problem_text(templates, who, phrases, predicate)
            # A long question says what it asks ("Does anyone have a template for a capacity write-up?"); a short
            # one, or one about "them", needs the problem it is about.
            # (not after a "for" of its own: "tips for engaging teenagers for a young person" reads as one)
            if fragment_last and not found[0][2] and not predicate and not found[0][1] and first.endswith("?") \
                    and "for" not in first.lower().split():
                # "Ideas for a safe transfer?" has no verb: the problem goes at its end, so it stays the writer's fragment
                asked = first.rstrip("?! ")  # "tips??" too
                # "Any adaptive knitting tips?" may have too few words to stand as the writer's fragment once the
                # problem follows it: "Does anyone have any adaptive knitting tips for someone after a stroke?"
                verbless_any = templates.get("any_fragment") if with_verb and asked.split()[0].lower() == "any" else None
                first = (verbless_any or templates["after_fragment"]).format(
                    question=asked[:1].lower() + asked[1:] if verbless_any else asked, problem=problem)
            else:
                first = templates["lead_after_colon" if opener.endswith(":") else "lead"].format(
                    problem=problem, question=lowered(first))
                if not opener.endswith(":"):
                    first = first[0].upper() + first[1:]
        parts = [opener, first, *rest, tags.group().strip() if tags else ""]
        words = " ".join(p for p in parts if p)
        # "r/nursing —", "@team": a handle keeps the writer's lower case
        return words if re.match(r"^(?:[a-z]+/|@)", words) else words[:1].upper() + words[1:]

    # The same question in other words, for when the practice model reads the first as one encounter ("For a young
    # person with type 1 diabetes who keeps..."): the situation in the general present ("When a young person with
    # ... keeps..."), then the person as anyone ("someone"); a bare condition has no present to put it in
    variants = [built(situated, who)]
    if lead and not predicate:
        # "Any adaptive knitting tips for someone after a stroke?" may read as a fragment longer than the writer's:
        # the problem as a lead keeps the writer's fragment whole
        variants += [built(situated, who, with_verb=True), built(situated, who, fragment_last=False)]
    if lead and predicate:
        variants += [built(True, who), built(True, qr.get("person", "someone"))]
    variants = list(dict.fromkeys(variants))
    general = [text[a:b].strip() for a, b in spans if vetting.all_safe(tokens_in(doc, a, b), numbers=True)
               and not any(vetting.is_client(t) for t in tokens_in(doc, a, b))]
    return variants[0], questions, general, variants[1:]
