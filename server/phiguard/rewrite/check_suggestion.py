"""Is a suggestion still a post a clinician would send as it is? The checks the gate runs on every suggestion.

The rewriter edits phrases, and a parse can be wrong; rather than offer "someone stroke survivor" or
"They're." the gate drops the suggestion (the post still gets the topic-only one). Each check forgives
what the writer wrote themselves: "Any ideas?" has no verb, "the one she listens to." ends in a
preposition, and the original had them too.
"""

from __future__ import annotations

import re

_DOUBLED_WORD = re.compile(r"\b(\w+)\s+\1\b", re.I)
_SPACE_BEFORE_PUNCT = re.compile(r"\S*[ \t]+(?:[,.;:!?)](?!\w)|['’]s\b)")
_EMPTY_QUOTE = re.compile(r"[\"“”]\s*[\"“”]")
_DOUBLED_PUNCT = re.compile(r"\S?[,;:][ \t]*[,;:.!?—–]|[.!?][ \t]*[,;:]")
# "my sweet someone", "a someone": "someone" where a noun should be
_DETERMINED_SOMEONE = re.compile(r"\b(?:my|our|your|their|the|a|an|this|that|these|those|every)\s+(?:(?!(?:and|but|or|to|for|with|of|if|is|was|as|when|who)\b)[a-z]+\s+)?"
                                 r"someone\b", re.I)
_HANGING = re.compile(r"\b(?:a|an|the|in|at|on|near|from|of|for|with|by|as|and|or|but|my|our|their|is|are|was|were|"
                      r"'re|'s|’re|’s|am|into|onto|than|across|past|after|before|since|until|during)\s*[,.;:!?)]", re.I)
# "who's a would know": an article whose noun went, before a verb
_ARTICLE_BEFORE_VERB = re.compile(r"\b(?:a|an|the)\s+(?:would|could|should|will|can|is|was|has|had|does|did|who|which|and|or|but|of|"
                                  r"to)\b", re.I)  # ... or before a conjunction: "had been to a and"
# "They and had been in ICU": a subject whose verb and complement went, left against the next clause
_SUBJECT_THEN_CONJUNCTION = re.compile(r"\b(?:they|someone|he|she|it|(?:a|the)\s+(?:patient|client|person|resident|child|pupil|"
                                       r"student|service\s+user))\s+(?:(?:and|but|or)\s+(?:had|has|have|was|were|is|are|did|got)|"
                                       r"(?:a|an)\s)\b", re.I)  # ... and "They a violinist,"
_THEY_SINGULAR_VERB = re.compile(r"\bthey\s+(?:is|was|has|does|isn't|wasn't|hasn't|doesn't|is\s+not|was\s+not)\b", re.I)
_COPULA_THEN_CONJUNCTION = re.compile(r"\b(?:is|are|was|were|'re|’re)\s+(?:and|but|or)\b", re.I)
_CUT_WORD = re.compile(r"\b\w+-(?:\s|$)")  # "ex- with COPD": the rest of "ex-shipyard welder" went
_NOUN_SOMEONE = re.compile(r"\b(?:partner|parent|child|sibling|grandparent|relative|carer|friend|person|client|patient)\s+someone\b",
                           re.I)
# Fillers that stand where something was cut and read as nonsense, each with what a reader would see:
_FILLER_PATTERNS = [
    (re.compile(r"\b(?:is|are|was|were|'re|’re|'s|’s)\s+a\s+person\b(?!\s+(?:who|with|whose|that|I|we|in|from|on|of)\b)", re.I),
     "'a person' as all that is said"),  # "They're a person so it's a nightmare at work"
    (re.compile(r"\b(?:my|our|your)\s+(?:adult|older person)\b", re.I), "an age band owned like a noun"),  # "my adult with"
    (re.compile(r"\ban?\s+ever\b", re.I), "'ever' without its 'first'"),  # "my first ever case" -> "an ever case"
    (re.compile(r"\b(?:in|at|near|across|whole of)\s+someone\b(?!['’]|\s+(?:with|who|whose|that|I|we)\b)", re.I),
     "'someone' for a place"),
    (re.compile(r"\b(?:hi|hello|hey|dear|thanks|thank you|congrats)\s+someone\b", re.I), "'someone' greeted"),
    (re.compile(r"\byou(?:'re|’re|r)?\b[^.!?\n]*\bsomeone\s*!|\b(?:of|to|for|with)\s+you\s+someone\b", re.I),
     "'someone' addressed"),  # "doing well someone!", "proud of you someone"
    (re.compile(r"\bname\s*:\s*someone\b", re.I), "a name label filled with 'someone'"),
    (re.compile(r"\b(?:named|called|nicknamed|name\s+(?:is|was)|name['’]s)\s+(?:(?:it|them|him|her|me|us|something\s+like)\s+)?someone\b",
                re.I), "'someone' for a name"),  # "we called the cat someone"
    (re.compile(r"\b(?:DOB|D\.O\.B|MRN|NHS\s+no|NHS\s+number|NI\s+no)\.?[ \t]*(?=[.,;)]|$)", re.I | re.M),
     "a label whose value went"),  # "Name: someone DOB."
    (re.compile(r"\b\d+\s+(?:(?!(?:for|with|to|from|by|of|at|in|on|and|or|but|than|as|weeks?|days?|months?|years?|"
                r"hours?|minutes?|times?|mins?)\b)[a-z]+\s+){0,2}someone\b", re.I),
     "'someone' counted like a noun"),  # "1 very polite someone", not "14 weeks for someone"
    (re.compile(r"['’]s\s+person\b", re.I), "a possessor's 'person'"),  # "Anyone else's person refused"
    (re.compile(r"\bsomeone,\s+someone\b", re.I), "two 'someone's in a row"),
    (re.compile(r"\bsomeone['’]s(?=\s+(?:who|which|that|and|but|or)\b|\s*[.,;:!?])", re.I),
     "a possessive 'someone's' with nothing owned"),  # "with someone's who wants": a condition taken for a name
    (re.compile(r"\bsomeone\s+(?:[a-z]+\s+)?(?:person|patient|client|adult|child|baby)\b", re.I),
     "'someone' before a person noun"),  # "someone retired person"
    (re.compile(r"\bsomeone\s+in\s+question\b", re.I), "'someone in question'"),
    (re.compile(r"\brecently\s+old\b", re.I), "a date filler inside an age"),
    (re.compile(r"\bonly\s*[.!?]", re.I), "'only' with what it limited cut"),  # "They're only."
    (re.compile(r"\b(?:their|his|her|my|your|whose)\s+(?:person|someone)\b", re.I), "an owned 'person'"),  # "their person is evicting"
    (re.compile(r"\b(?:had|has|have|had\s+not)\s+been\s*[.!?]", re.I), "'been' with its place cut"),  # "had been since March."
    (re.compile(r"\b(?:train|bus|flight|drove|moved|travelled|traveled|went)\s+to\s+someone\b(?!['’])", re.I), "'someone' for a place"),
    # "been an a hospital person", "Mum's a themselves": a determiner before another, or before a pronoun
    (re.compile(r"\b(?i:a|an|the)\s+(?:a|an|the|they|them|their|theirs|themselves|someone)\b(?![&'’-])"), "two determiners"),
    (re.compile(r"\bwho\s*[!?.,;:)]", re.I), "'who' with its clause cut"),  # "So proud of a resident who!"
    (re.compile(r"\b(?:someone|the person|a person)\s+(?:is|was)\s+(?:the|a)\s+person\b", re.I),
     "'someone' said to be a person"),  # "Someone is the person."
    (re.compile(r"\b(?:a|an)\s+[a-z]+\s+the\s+person\b", re.I), "'the person' after a modifier"),  # "a wartime the person"
    (re.compile(r"\b(?:someone|the person)\s*,\s*(?:you|your)\b", re.I), "'someone' addressed"),  # "Someone, your heart…"
    (re.compile(r"\bsomeone\s+\d+(?:st|nd|rd|th)\b", re.I), "'someone' for a possessor"),  # "for someone 100th"
    (re.compile(r"\bsomeone\s+and\s+(?:now|then|still|so)\b", re.I), "'someone' with its verb cut"),  # "Someone and now look"
    (re.compile(r"\ba\s+(?:hospital|school|place|town|city|service)\s+[A-Z]{2,}\b"), "a filler before an initialism"),  # "a hospital NS"
    (re.compile(r"\b(?:I['’]m|I\s+am|I\s+was)\s+someone\b", re.I), "the writer swapped for 'someone'"),  # "I'm someone you saw"
    (re.compile(r"\bsomeone\s+(?:#|no\.?\s*|number\s+)\d", re.I), "'someone' numbered"),  # "Patient #4 today" -> "Someone #4"
    # "I'm in Ontario." -> "I'm.": a sentence left with only its subject and copula once its place was cut
    (re.compile(r"(?:^|[.!?]\s+|\n\s*)(?:I|they|we|someone|it)(?:['’](?:m|re|s)|\s+(?:am|are|is|was|were))\s*[.!?]", re.I),
     "a sentence of a copula alone"),
]
_SOMEONE_NOUN_TAGS = ("NN", "NNS", "NNP", "NNPS")
_FINITE_TAGS = ("VBZ", "VBP", "VBD", "MD")
_WORD = re.compile(r"[^\W\d_]+")
SHORT_FRAGMENT_WORDS = 6  # "Grab rails or a wet room?", "RIP ❤️", "Small wins #OT"


# "an person", "a ulcer": an article that no longer fits the word an edit put after it. Lower-case words only:
# "an MRI", "a UK charity" follow the letters' sounds, which spelling cannot tell.
_ARTICLE_PAIR = re.compile(r"\b(an?)\s+([a-z][a-z'-]*)")
_SILENT_H = re.compile(r"^(?:hour|honest|honou?r|heir)", re.I)
_CONSONANT_VOWEL = re.compile(r"^(?:uni|use|usu|uti|ure|eu|one|once|ewe)", re.I)


def article_for(word: str) -> str:
    """ "a" or "an" for a lower-case word, by how it is usually said."""
    vowel = word[:1] in "aeiou" and not _CONSONANT_VOWEL.match(word) or bool(_SILENT_H.match(word))
    return "an" if vowel else "a"


def wrong_articles(text: str) -> list:
    return [m.group() for m in _ARTICLE_PAIR.finditer(text) if m.group(1).lower() != article_for(m.group(2))]


def _new(matches, original: str) -> list:
    return [m for m in matches if m.lower() not in original.lower()]


def text_problems(text: str, original: str) -> list:
    """Problems a regular expression can see, each unless the original had the same."""
    problems = []
    problems += [f"doubled word {m.group()!r}" for m in _DOUBLED_WORD.finditer(text)
                 if m.group().lower() not in original.lower()]
    problems += [f"space before punctuation {m!r}" for m in _new([m.group() for m in _SPACE_BEFORE_PUNCT.finditer(text)], original)]
    problems += [f"doubled punctuation {m!r}" for m in _new([m.group() for m in _DOUBLED_PUNCT.finditer(text)], original)]
    problems += [f"hanging word {m!r}" for m in _new([m.group() for m in _HANGING.finditer(text)], original)]
    problems += [f"copula with nothing after it {m!r}"
                 for m in _new([m.group() for m in _COPULA_THEN_CONJUNCTION.finditer(text)], original)]
    problems += [f"'someone' as a noun {m!r}"
                 for m in _new([m.group() for m in _DETERMINED_SOMEONE.finditer(text)], original)]
    problems += [f"'they' with a singular verb {m!r}"
                 for m in _new([m.group() for m in _THEY_SINGULAR_VERB.finditer(text)], original)]
    problems += [f"subject with no verb {m!r}" for m in _new([m.group() for m in _SUBJECT_THEN_CONJUNCTION.finditer(text)], original)]
    problems += [f"article before a verb {m!r}" for m in _new([m.group() for m in _ARTICLE_BEFORE_VERB.finditer(text)], original)]
    problems += [f"article that does not fit {m!r}" for m in _new(wrong_articles(text), original)]
    problems += [f"cut word {m!r}" for m in _new([m.group() for m in _CUT_WORD.finditer(text)], original)]
    problems += [f"name after a noun {m!r}" for m in _new([m.group() for m in _NOUN_SOMEONE.finditer(text)], original)]
    for pattern, what in _FILLER_PATTERNS:
        problems += [f"{what} {m!r}" for m in _new([m.group() for m in pattern.finditer(text)], original)]
    # 'they mouth "" at me': the quoted words were a name
    if _new([m.group() for m in _EMPTY_QUOTE.finditer(text)], original):
        problems.append("an empty quotation")
    if text.count('"') % 2 and not original.count('"') % 2:
        problems.append("a quotation left open")  # '... read ok? " Too much detail?'
    for opening, closing in ("()", "[]"):
        # "[board visible: - ?": a bracket whose other half went with the words a template cut
        if text.count(opening) != text.count(closing) and original.count(opening) == original.count(closing):
            problems.append(f"a bracket left open {opening}")
    if re.search(r"(?:^|\s)#(?:\s|$)", text) and not re.search(r"(?:^|\s)#(?:\s|$)", original):
        problems.append("empty hashtag")
    if re.search(r"[ \t]{2,}", text) and not re.search(r"[ \t]{2,}", original):
        problems.append("doubled space")
    return problems


def _has_verb(sent) -> bool:
    # A finite verb, or an imperative ("Please don't let them...", "Email the team") at the root.
    return any(t.tag_ in _FINITE_TAGS or (t.tag_ == "VB" and (t.dep_ == "ROOT" or t.head.dep_ == "ROOT"))
               for t in sent)


def verbless_sentences(doc) -> list:
    """The word sets of the sentences without a verb in a parse: the writer's own fragments."""
    return [frozenset(w.lower() for w in _WORD.findall(s.text)) for s in doc.sents if not _has_verb(s)]


def sentence_problems(doc, original: str, writers_fragments=()) -> list:
    """Problems in spaCy's parse of the suggestion: a sentence with no verb that is more than a short
    fragment and is not one of the writer's own fragments (most of its words in one of writers_fragments);
    "someone" used as a modifier ("someone stroke survivor", "someone syndrome")."""
    problems = []
    for sent in doc.sents:
        words = _WORD.findall(sent.text)
        text = sent.text.strip()
        if not text or all(w.startswith("#") for w in text.split()) or _has_verb(sent):
            continue
        lowered = {w.lower() for w in words}
        if len(words) <= SHORT_FRAGMENT_WORDS or any(len(lowered & f) * 2 >= len(lowered) for f in writers_fragments):
            continue
        problems.append(f"no verb in {text[:60]!r}")
    openers = {m.group(1).lower() for m in re.finditer(r"(?:^|[.!?]\s+|\n\s*)[\"'(]?([^\W\d_]+)", original)}
    for sent in doc.sents:
        root = sent.root
        subjectless = not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in root.children)
        if root.tag_ in ("VBZ", "VBD") and root.i == sent.start and subjectless and root.lower_ not in openers \
                and not sent.text.rstrip().endswith("?"):
            problems.append(f"sentence lost its subject: {sent.text.strip()[:60]!r}")  # "came through resus..."
        if root.tag_ == "VBZ" and root.i > sent.start and not any(
                c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in root.children) \
                and sent.text.strip().lower() not in original.lower():
            problems.append(f"no subject in {sent.text.strip()[:60]!r}")  # "With dermatomyositis, is desperate..."
    sentence_end = {}
    for sent in doc.sents:
        for t in sent:
            sentence_end[t.i] = sent.end
    lowered = original.lower()
    for token in doc:
        verb = token.head
        if token.dep_ in ("nsubj", "nsubjpass") and verb.i > token.i:
            first = min([verb.i] + [c.i for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i > token.i])
            commas = sum(1 for t in doc[token.left_edge.i:verb.i] if t.text == ",") if doc[first - 1].text == "," else 0
            # "A child with dermatomyositis, is desperate": one comma parts a subject from its verb. A list of
            # clauses ("Two tours, lives locally, hasn't...") goes on with another comma after the verb.
            listed = any(t.text == "," for t in doc[verb.i:sentence_end[verb.i]]) or any(
                t.text == "(" for t in doc[token.left_edge.i:verb.i]) \
                or verb.dep_ == "conj"  # "hit 5 years clean, got their kids back"
            # ("When a child is mute at nursery, has anyone…": the parser may give the subject of a clause our template
            # opens with "When" to the question's verb)
            subordinate = doc[token.sent.start].lower_ in ("when", "if", "while", "for") and token.sent.start < token.i
            if commas % 2 and not listed and not subordinate and doc[token.i:verb.i + 1].text.lower() not in lowered:
                problems.append(f"one comma between subject and verb in {doc[token.left_edge.i:verb.i + 1].text[:60]!r}")
        if token.lower_ == "someone" and token.i > 0:
            before = doc[token.i - 1]
            # "the famous gallstone someone": a noun left in front of the reference that replaced its head
            # (A capitalised first word is often a verb the tagger misread: "Met someone".)
            # (The parser may hang the noun on "someone" or make both subjects of one verb.)
            glued = (before.head.i == token.i and before.dep_ in ("compound", "nmod", "amod")) or (
                before.dep_ == token.dep_ == "nsubj" and before.head.i == token.head.i)
            # "which Premier League someone"; a capital at a sentence start is no sign of a noun
            nounish = before.tag_ in _SOMEONE_NOUN_TAGS and (before.is_lower or before.i > before.sent.start)
            if nounish and before.is_alpha and glued \
                    and f"{before.lower_} someone" not in lowered:
                problems.append(f"'{before.text} someone'")
            # "Autistic someone I see": an adjective that modified the person noun "someone" replaced
            if before.tag_ in ("JJ", "JJR", "JJS") and before.head.i == token.i and f"{before.lower_} someone" not in lowered:
                problems.append(f"'someone' after an adjective: '{before.text} someone'")
        if token.lower_ == "someone" and token.dep_ in ("nsubj", "nsubjpass") and plural_verb_after(doc, token) is not None \
                and f"someone {doc[token.i + 1].lower_}" not in lowered:
            problems.append(f"'someone' with a plural verb: 'someone {doc[token.i + 1].text}'")
        if token.lower_ in ("a", "an") and token.i + 1 < len(doc) and doc[token.i + 1].tag_ == "VB" \
                and f"{token.lower_} {doc[token.i + 1].lower_}" not in lowered:
            problems.append(f"an article before a verb: '{doc[token.i:token.i + 2].text}'")  # "Had a deliver at 24+3"
        if token.lower_ == "someone" and token.i + 1 < len(doc):
            following = doc[token.i + 1]
            if following.tag_ in _SOMEONE_NOUN_TAGS and following.is_alpha \
                    and (token.head.i == following.i or token.dep_ in ("compound", "nmod", "amod", "det")) \
                    and f"someone {following.lower_}" not in original.lower():
                problems.append(f"'someone {following.text}'")
    return problems


_NOT_THIRD_PERSON = {"are": "is", "were": "was", "have": "has", "do": "does", "'re": "'s", "’re": "’s", "'ve": "'s",
                     "’ve": "’s"}


def plural_verb_after(doc, someone):
    """The verb right after a subject "someone" when it has the plural (or bare) form: "someone think", "someone
    are". None when it agrees, or when a modal or "to" governs it ("someone can think")."""
    if someone.i + 1 >= len(doc):
        return None
    verb = doc[someone.i + 1]
    if verb.head.i != verb.i and verb.dep_ not in ("ROOT", "relcl", "ccomp", "conj", "advcl") or not verb.is_lower:
        return None
    if verb.tag_ == "VBP" or (verb.tag_ == "VB" and not any(c.dep_ in ("aux", "mark") for c in verb.children)):
        return verb if someone.head.i == verb.i else None
    if verb.lower_ in ("were", "'re", "’re", "'ve", "’ve") and someone.head.i in (verb.i, verb.head.i):
        return verb
    return None


def third_person(word: str) -> str:
    """The third person singular of a verb's bare form: think -> thinks, carry -> carries, go -> goes."""
    if word in _NOT_THIRD_PERSON:
        return _NOT_THIRD_PERSON[word]
    if re.search(r"(?:s|sh|ch|x|z|o)$", word):
        return word + "es"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    return word + "s"


def someone_agreement(doc, text: str, original: str) -> str:
    """The text with each subject "someone" that an edit put before a plural verb made to agree
    ("someone think" -> "someone thinks"); the text as it was when nothing needs it. doc is text's parse (offsets
    are the same; the parser may have blanked characters it cannot read)."""
    lowered = original.lower()
    fixes = []
    for token in doc:
        if token.lower_ == "someone" and token.dep_ in ("nsubj", "nsubjpass"):
            verb = plural_verb_after(doc, token)
            if verb is not None and f"someone {verb.lower_}" not in lowered:
                fixes.append((verb.idx, verb.idx + len(verb.text), third_person(verb.lower_)))
    for start, end, word in reversed(fixes):
        text = text[:start] + word + text[end:]
    return text
