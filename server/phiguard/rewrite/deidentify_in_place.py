"""Strategy "deidentify": keep the post, replace each identifying span with a generalisation.

Health detail stays (it is what the question is about); what ties it to one person goes:
names, ages, places, dates, numbers, and the "my client" framing itself.
"""

from __future__ import annotations

import re

from .apply_edits import Edit, apply_edits
from .drop_age_filler import drop_adult_filler

# The person a post is about: a client reference, or a person in a story (SPEC: `context`, `mention`).
_PERSON = ("context", "mention")

STRATEGY = "deidentify"


# "she" marking a story's person is the gender edits' to make "they" (with its verb): not "someone".
_PRONOUN = re.compile(r"(?:he|she|him|her|his|hers|you|your)(?:['’](?:s|d|ll|re|ve))?", re.I)  # "he's" too
_AFTER_COPULA = re.compile(r"\b(?:is|was|are|were|be|been|being|'s|'re)\s+$", re.I)


def _family_noun(phrase: str, family_words) -> bool:
    # "your son's" is the son: the possessive ending is not the last word.
    words = re.findall(r"[A-Za-z]+", re.sub(r"['’]s$", "", phrase.lower()))
    return bool(words) and words[-1] in family_words

_COPULA_BEFORE = re.compile(r"(?:\b(?:is|was|are|were|be|been|as)|'s|’s|:)\s*$", re.I)
_ARTICLE_IN_SPAN = re.compile(r"\b(?:a|an|this|one|the|that|my|our)\s", re.I)
_SUBJECT_IN_SPAN = re.compile(r"\s(?:I|we)\b")
# After "a 12 year old", a verb form or a time word means the age was the noun: "a 12 year old refusing school".
_NOUN_USE_AFTER = re.compile(r"\s*(?:[.,;:!?)]|$|w/|(?:is|was|has|had|on|in|at|who|with|from|and|but|I|we|[a-z]+ing|"
                             r"she|he|they|today|tonight|yesterday|this|last|came|told|said|arrived|[a-z]+wn|seen|taken)\b)")
# "9 years old" (not "9-year-old") only ever describes: "a 9 years old" is not said
_AGE_AS_ADJECTIVE = re.compile(r"\d{1,3}\s+(?:years|yrs)\s+old", re.I)
# An age in weeks, months or days is under one year: the band is the youngest ("a baby").
_UNDER_A_YEAR = re.compile(r"\b(?:weeks?|wks?|months?|mos?|days?)\b|\d(?:wk|mo|d)\b|/12\b|/52\b", re.I)
_NAME_MODIFIES_NOUN = re.compile(r"\s+(?!(?:and|or|but|on|in|at|with|who|which|that|where|when|is|was|has|had|for|to|since|"
                                 r"last|this|next|yesterday|today|tonight|because|so|after|before|until|now|again)\b)"
                                 r"[a-z][a-z-]+\b")
_PAST_BEFORE = re.compile(r"\b(?:\w+ed|was|were|had|did|came|went|saw|got|told|said|took|fell|left|died|lost|met|ran|sat)\b",
                          re.I)
_TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+(?:[A-Z]\.?\s+)*$")
_NAME_APPOSITION_AFTER = re.compile(r"\s*(?:,\s*\d|\(\s*\d)")
_NUMBER = re.compile(r"\d+")
# The "..._AFTER" patterns are matched at a position (pattern.match(text, pos)), not on a copy of the rest.
LOOK_BACK = 80  # characters: every check below looks only a few words back


def _before(text: str, index: int) -> str:
    """The few words before a position (a cut window starts with a sentinel, so "^" cannot match it)."""
    start = max(0, index - LOOK_BACK)
    return ("x" if start else "") + text[start:index]
_HEAD_NOUN_END = re.compile(r"\s*(?:[,.;:!?)]|$|(?:at|from|in|who|with|on|is|was|has|had|and|of|for)\b)")
_LIVES_BEFORE = re.compile(r"\b(?:lives|living|lived|live|based|staying|stays|moved)\s+$", re.I)
_COPULA_RIGHT_BEFORE = re.compile(r"(?:\b(?:is|was|are|were)|'s)\s+$", re.I)
_PHRASE_BEFORE = re.compile(r"\w\s+$")


def rule_edit(rw, rule_id) -> dict:
    """How the rewriter treats one rule's matches (`rewrite.rule_edits`): {"as", "replacement", "at_sentence_start"}."""
    return rw.get("rule_edits", {}).get(rule_id, {}) if rule_id else {}


def _client_reference(text, f, rw, findings=()) -> Edit:
    words = rw.get("client_reference", {})
    how = rule_edit(rw, f.rule_id)
    span = text[f.start:f.end]
    # A condition inside the reference ("one of my POTS patients") is the topic: keep it.
    # In "a woman I looked after" the words after "I" are what the writer did ("looked after"), not a condition.
    subject = _SUBJECT_IN_SPAN.search(span) if f.rule_id == "client_reference.the_person_i_saw" else None
    limit = f.start + subject.start() if subject else f.end
    inside = list(dict.fromkeys(text[o.start:o.end] for o in findings
                                if o.category == "condition" and f.start <= o.start and o.end <= limit))
    if inside and how.get("as") == "service":
        ours = re.search(r"\b(?:our|my)\s+(\w)", span, re.I)
        if ours:
            # "came to our brain injury service" -> "came to a brain injury service": the verb stays
            article = "an" if ours.group(1).lower() in "aeiou" else "a"
            return Edit(f.start + ours.start(), f.start + ours.start(1) - 1, article)
    if inside and how.get("as") != "object" and not re.search(r"'s$", span):
        return Edit(f.start, f.end, words.get("with_condition", "someone with {conditions}")
                    .replace("{conditions}", " and ".join(inside)))
    if how.get("as") == "deleted":
        if _COPULA_RIGHT_BEFORE.search(_before(text, f.start)):
            # "He's on my caseload and..." -> "They're someone I support and...", not "They're and..."
            return Edit(f.start, f.end, words.get("after_copula", ""))
        return Edit(f.start, f.end, "")
    if "at_sentence_start" in how and re.search(r"(?:^|[.!?]\s+|\n\s*)$", _before(text, f.start)):
        # "Got a new referral today for..." -> "A referral came in today for..."
        return Edit(f.start, f.end, how["at_sentence_start"])
    if "replacement" in how:
        return Edit(f.start, f.end, how["replacement"])
    if re.search(r"'s$", span):
        return Edit(f.start, f.end, words.get("possessive", "someone's"))
    person = words.get("encounter_object", "someone")
    if f.rule_id == "client_reference.the_person_i_saw":
        subject = _SUBJECT_IN_SPAN.search(span)
        if subject:
            # Only the person: "a month for the young lad I care coordinate" -> "a month for someone I care coordinate"
            articles = [m for m in _ARTICLE_IN_SPAN.finditer(span, 0, subject.start())]
            start = f.start + articles[-1].start() if articles else f.start
            return Edit(start, f.start + subject.start(), person)
    if how.get("as") == "object":
        articles = list(_ARTICLE_IN_SPAN.finditer(span))
        if articles:
            return Edit(f.start + articles[-1].start(), f.end, person)
        names = [o.start for o in findings if o.category == "name" and f.start < o.start < f.end]
        if names:
            return Edit(min(names), f.end, person)  # "I worked with Mrs Agnieszka" -> "I worked with someone"
    if f.rule_id == "client_reference.sentence_subject":
        noun_end = f.start + len(span.split()[0])
        return Edit(f.start, noun_end, words.get("subject", "someone"))
    return Edit(f.start, f.end, words.get("subject", "someone"))


def _fit_modifier(text: str, edit: Edit, rw) -> Edit:
    """ "an elderly man" -> "an elderly person", "Little guy" -> "Little one", "the former patient" -> "someone": a
    modifier that fitted the noun that went takes the neutral noun it fits (`in_place_rewrite.nouns_after_modifiers`),
    else goes with its determiner ("a former someone" says nothing, "a local someone" still narrows)."""
    if not edit.replacement.lower().startswith("someone"):
        return edit
    spec = rw.get("in_place_rewrite", {})
    modifiers = spec.get("modifiers_before_someone", [])
    if not modifiers:
        return edit
    before = re.search(r"(?:\b(?:a|an|the|this|that|our|my|one)\s+)?\b(" + "|".join(map(re.escape, modifiers)) + r")\s+$",
                       _before(text, edit.start), re.I)
    if not before:
        return edit
    modifier, rest = before.group(1).lower(), edit.replacement[len("someone"):]
    noun = next((n for n, words in spec.get("nouns_after_modifiers", {}).items() if modifier in words), None)
    if noun:
        return Edit(edit.start, edit.end, noun + rest)
    return Edit(edit.start - (before.end() - before.start()), edit.end, edit.replacement)


def _occasion_of(span: str, rw) -> str:
    """ "Happy 1st birthday to...": the ordinal is the age, the occasion (`in_place_rewrite.age_occasions`) is what
    the sentence is about; it stays ("Happy birthday to..."), not "Happy to"."""
    last = span.split()[-1].lower() if span.split() else ""
    return last if re.fullmatch(r"\d{1,3}(?:st|nd|rd|th)", span.split()[0].lower()) and last in \
        rw.get("in_place_rewrite", {}).get("age_occasions", []) else ""


def age_band(text, f, rw) -> str:
    number = _NUMBER.search(text[f.start:f.end])
    age = int(number.group()) if number else 40
    if _UNDER_A_YEAR.search(text[f.start:f.end]):
        age = age // 12 if re.search(r"month|mo\b|/12", text[f.start:f.end], re.I) else 0  # 22 months is not a baby
    return next((band["noun"] for band in rw.get("age_bands", []) if age < band["below"]), "")


def age_as_words(text, f, rw) -> str:
    """An age used as a noun ("the 10 year old is...") becomes a broad noun, and after "is" ("he's 22")
    a broad noun phrase ("he's an adult"); as an adjective ("a 45 year old veteran") it goes."""
    if _COPULA_RIGHT_BEFORE.search(_before(text, f.start)) and re.fullmatch(r"\d{1,3}", text[f.start:f.end].strip()):
        band = age_band(text, f, rw)
        return (("an " if band[:1] in "aeiou" else "a ") + band) if band else ""
    if _AGE_AS_ADJECTIVE.fullmatch(text[f.start:f.end].strip()) and not _DETERMINED_BEFORE.search(_before(text, f.start)):
        return ""  # "9 years old, 3 rounds of chemo": said of the person in a list of facts, not a noun for them
    if not _NOUN_USE_AFTER.match(text, f.end) or not re.search(r"year|yr|yo|y/o|week|wk|month|day", text[f.start:f.end], re.I) \
            or age_band(text, f, rw) == "child" and re.search(r"month", text[f.start:f.end], re.I):
        return ""
    return age_band(text, f, rw)


_WORD_BEFORE = re.compile(r"(\w+)\s+$")
# "In court", "Any school": a capitalised preposition or determiner before a common noun is no facility's name
FUNCTION_WORD_NAME = re.compile(r"(?:In|At|On|From|To|Into|Outside|Any|Every|Some|Each|Our|My|Your|Their)\s+[a-z]")
_OWNER_BEFORE = re.compile(r"\b(?:his|her|their)\s+$", re.I)
_WRITER_HERE = re.compile(r"\s+here\b[,:;]?\s*")
_DETERMINED_BEFORE = re.compile(r"\b(?:a|an|the|this|that|these|those|my|our|your|their|his|her|its|every|each|one|"
                                r"another|any|no|[a-z]+['’]s)\s+(?:[\w-]+\s+)?$", re.I)
_SENTENCE_OPENS = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")
# "Jo, she's...", "Jo, you never disappoint": a name set before the sentence that names it again, or said to the person
_DISLOCATED_AFTER = re.compile(r"\s*,\s*(?:she|he|they|you|we|i)(?:['’][a-z]+)?\b", re.I)
# A facility's name that owns nothing after it ("the Royal Children's with one of my kiddos") names the place itself.
_FACILITY_POSSESSIVE = re.compile(r"(['’]s)(?=[ \t]*(?:[.,;:!?)]|$|\n)|[ \t]+(?:with|for|in|on|at|to|and|but|since|"
                                  r"after|before|today|yesterday|tonight|this|last)\b)")
_BED_BEFORE = re.compile(r"(?:^|[.!?]\s+|\n\s*)(?:bed|bay|room|rm|cell|cubicle)\s+\w{1,4}\s*,\s*$", re.I)


def _opens_sentence(text: str, start: int, findings) -> bool:
    """At a sentence's start once what goes before it in the same sentence goes: "Bed 4, Jo, she's..." """
    before = _before(text, start)
    if _SENTENCE_OPENS.search(before) or _BED_BEFORE.search(before):
        return True
    lead = next((o for o in findings if o.entity == "FACILITY" and o.end <= start
                 and re.fullmatch(r"\s*,\s*", text[o.end:start])), None)
    return lead is not None and _SENTENCE_OPENS.search(_before(text, lead.start)) is not None
_ADDRESSED_AFTER = re.compile(r"(?:\s*[,(][^,()]{0,40}[,)])*\s*(?:you|your|thank)\b", re.I)


def _person(text, f, findings, rule_set=None) -> str:
    """A name beside "my client", or opening a sentence before its age ("Edna, 97, you were..."), is dropped;
    so is one naming a person already named by a noun ("their partner Jean") and a name spaCy found after a
    place preposition ("from Selby": a town it took for a person). Elsewhere it becomes "someone" so the
    sentence keeps its shape ("working with someone")."""
    before = _before(text, f.start)
    name_start = f.start - (len(before) - len(before.rstrip()))
    beside_reference = any(o.category in _PERSON and o.end == name_start for o in findings)
    opens_sentence = re.search(r"(?:^|[.!?]\s+|\n\s*)$", before) is not None
    if beside_reference or (opens_sentence and _NAME_APPOSITION_AFTER.match(text, f.end)
                            and _ADDRESSED_AFTER.match(text, f.end)):
        return ""  # "Edna, 97, you were a legend": the name was only who the post spoke to
    if re.search(r",\s*$", before) and re.match(r"\s*(?:[.!?]|$|\n)", text[f.end:f.end + 3]):
        return ""  # "DVLA rules are DVLA rules, Doris": said to the person, not about them
    if _DISLOCATED_AFTER.match(text, f.end) and _opens_sentence(text, f.start, findings):
        return ""  # "Jo, she's scared" -> "They're scared": the pronoun names the person already
    if _NAMING_BEFORE.search(before):
        return ""  # "has renamed me Gerald": a name given, a word said, not a person there ("renamed me someone")
    greetings = (rule_set.rewrite.get("greetings", []) if rule_set is not None else [])
    if any(re.search(r"(?:^|[^\w'])" + re.escape(g) + r"\s*,?\s*$", before, re.I) for g in greetings):
        return ""  # "Hi Sandra, we're sorry" -> "Hi, we're sorry": a greeting names who it speaks to
    if re.match(r"[ \t]*(?:[^\w\s]{1,4}[ \t]*)?(?:!|$|\n)", text[f.end:f.end + 8]) \
            and re.search(r"\byou(?:'re|’re|r)?\b[^.!?\n]*$", before, re.I):
        return ""  # "So glad you're doing well Ahmed!": said to the person
    word = _WORD_BEFORE.search(before)
    if word and rule_set is not None:
        previous = word.group(1)
        nouns = {w.lower() for w in rule_set.vocabularies.get("person_nouns", [])} \
            | {w.lower() for w in rule_set.vocabularies.get("family_terms", [])} \
            | set(rule_set.rewrite.get("gender_neutral", {}).get("person_nouns", {}))
        if previous.islower() and previous in nouns:
            return ""
        if f.rule_id is None and previous.lower() in ("in", "from", "near", "at") and not _aimed_at_person(before, rule_set):
            return ""
        if previous.lower() == "covering":
            return "the area"  # "Any OTs covering Kirkcaldy" -> "Any OTs covering the area"
    return "someone"


_NAMING_BEFORE = re.compile(r"\b(?:re)?(?:name[sd]?|call(?:s|ed|ing)?|nicknamed?)\s+(?:me|us|them|him|her|it)\s+$", re.I)
# "I'm a woman called Priya.": a sentence that only names the writer goes whole
_WRITER_NAMED = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))I(?:['’]m|\s+am)\s+(?:an?\s+)?(?:[a-z]+\s+){0,2}(?:called|named)\s+$")
_VERB_BEFORE_AT = re.compile(r"([A-Za-z]+)\s+at\s*$", re.I)


def _aimed_at_person(before: str, rule_set) -> bool:
    """ "Look at Arthur go", "shouted at Jo": a verb of `in_place_rewrite.person_directed_verbs` aims at a person."""
    verb = _VERB_BEFORE_AT.search(before)
    if not verb:
        return False
    word = verb.group(1).lower()
    verbs = {w.lower() for w in rule_set.rewrite.get("in_place_rewrite", {}).get("person_directed_verbs", [])}
    return any(word in (v, v + "s", v + "ed", v + "d", v + "ing", v[:-1] + "ing") for v in verbs)


def _job_words(rule_set) -> set:
    return {w.lower() for w in rule_set.vocabularies.get("job_heads", [])}


def _greeted(before: str, rw) -> bool:
    return any(re.search(r"(?:^|[^\w'])" + re.escape(g) + r"\s+$", before, re.I) for g in rw.get("greetings", []))


def _sentence_before(text: str, index: int) -> str:
    before = _before(text, index)
    return re.split(r"[.!?\n]\s", before)[-1]


def _salutation(text, start, end, rw):
    """(start, end) of "Dear Frank, " when a name opens a sentence after a greeting that cannot stand alone."""
    for word in rw.get("greetings_dropped_with_name", []):
        m = re.search(r"(?:^|(?<=[.!?]\s)|(?<=\n)|(?<=[\"“]))" + re.escape(word) + r"\s+$", text[:start], re.I)
        after = re.match(r"\s*[,:]?\s*", text[end:])
        if m and after:
            return m.start(), end + after.end()
    return None


def _names_a_meeting(text, f, rw) -> bool:
    """ "Client update", "Case discussion", "A referral came in": a kind of post, meeting or paperwork, not a person."""
    words = rw.get("client_reference", {}).get("not_a_person_before", [])
    heads = rw.get("client_reference", {}).get("not_a_person_heads", [])
    span = text[f.start:f.end].strip()
    following = re.match(r"\s+([A-Za-z]+)", text[f.end:f.end + 30])
    if f.category == "mention" and span.split()[-1].lower() in heads:
        return True
    return " " not in span and following is not None and following.group(1).lower() in words


def edits_for(text: str, findings, rule_set) -> list:
    rw = rule_set.rewrite
    kept = set(rw.get("kept_entities", []))
    absorbed = rw.get("absorbed_before_deletion", [])
    # A deleted place takes its preposition and article with it: "told me about the Pacific every visit".
    absorb = re.compile(r"\b(?:(?:" + "|".join(map(re.escape, absorbed)) + r")\s+)?(?:the\s+)?$", re.I)
    edits = []
    conditions = [c for c in findings if c.category == "condition"]
    family_words = set(rw.get("gender_neutral", {}).get("person_nouns", {}))
    for f in findings:
        if f.entity in kept or f.weak:
            continue
        if f.entity == "FACILITY" and FUNCTION_WORD_NAME.match(text, f.start):
            continue  # "In court tomorrow" is not "A care home tomorrow", nor "Any school nurses" "A school nurses"
        if f.entity in ("OCCUPATION", "PERSON") and _greeted(_before(text, f.start), rw) and (
                f.entity == "OCCUPATION" or text[f.start:f.end].lower() in _job_words(rule_set)):
            continue  # "Dear OT, ...": the profession addressed is the reader's, not the client's
        if f.entity == "OCCUPATION" and _OWNER_BEFORE.search(_before(text, f.start)) and _HEAD_NOUN_END.match(text, f.end):
            continue  # "via her solicitor": the person's own professional, not their job ("via their person")
        here = _WRITER_HERE.match(text, f.end) if f.entity == "OCCUPATION" else None
        if here and _SENTENCE_OPENS.search(_before(text, f.start)):
            # "Dentist here, what's the etiquette?" -> "What's the etiquette?", not "Here, what's..."
            edits.append(Edit(f.start, here.end(), ""))
            continue
        if f.category == "name" and f.rule_id is None and any(c.start <= f.start and f.end <= c.end for c in conditions):
            continue  # spaCy took "Huntington's" for a person: it is the condition
        if f.category == "name" and f.rule_id is None and text[f.start:f.end].lower() in family_words:
            continue  # "Mum is terrified": a family noun, not a name (the gender edit makes it "Their parent")
        if f.category == "mention" and (_family_noun(text[f.start:f.end], family_words)
                                        or _PRONOUN.fullmatch(text[f.start:f.end])
                                        or _AFTER_COPULA.search(text, max(0, f.start - 12), f.start)):
            # A family member in a story ("Mom cried", "whose dad found") is the gender edits' to make
            # neutral ("Their parent cried"), and "is a young carer" says what someone is, not who:
            # "someone" in their place would lose the point ("the 10 year old is someone").
            continue
        if f.category == "context" and f.rule_id == "client_reference.sentence_subject" \
                and text[f.start:f.end].split()[0].lower() in family_words:
            continue  # "Mum says she can't cope": the gender edits make it "Their parent", not "Someone"
        if f.category in _PERSON:
            if _names_a_meeting(text, f, rw):
                continue  # "Client update", "Case discussion": a kind of post or meeting, not a person
            like = _LIKE_BEFORE.search(_before(text, f.start))
            if like:
                # "a pathway for someone like the lady I saw": the general "someone" already says who
                edits.append(Edit(f.start - len(like.group(1)), f.end, ""))
                continue
            edits.append(_fit_modifier(text, _client_reference(text, f, rw, findings), rw))
            continue
        start, end = f.start, f.end
        if f.outer and (f.category in ("direct", "contact") or rule_edit(rw, f.rule_id).get("as") == "whole_match"):
            start, end = min(start, f.outer[0]), max(end, f.outer[1])
            while start < f.start and text[start].isspace():  # a rule's leading "\s" is not part of the detail
                start += 1
        occasion = _occasion_of(text[start:end], rw) if f.entity in ("AGE", "AGE_OVER_89") else ""
        if f.entity == "AGE_OVER_89" and occasion:
            replacement = occasion  # "Happy 90th birthday" -> "Happy birthday"
        elif f.entity == "AGE":
            replacement = occasion or age_as_words(text, f, rw)
            child_noun = re.match(r"[ \t]+([A-Za-z]+)\b", text[end:end + 20])
            nouns = rw.get("gender_neutral", {}).get("person_nouns", {})
            if not replacement and child_noun and nouns.get(child_noun.group(1).lower(), [""])[0] == "child":
                # "15yo boy" -> "young person", not "child": the neutral noun takes the age's band
                band = age_band(text, f, rw)
                if band and band != "child":
                    replacement, end = band, end + child_noun.end()
            owner = re.search(r"\b(?:my|our)\s+$", _before(text, start), re.I)
            listed = re.match(r",[ \t]*", text[end:end + 3]) if not replacement else None
            if listed and re.search(r"(?:^|[^\w\s,;:'’-])\s*$", _before(text, start)):
                end += listed.end()  # "😭 9 years old, 3 rounds of chemo" -> "😭 3 rounds of chemo": the item's comma too
            if occasion:
                replacement = occasion  # an occasion takes no article of its own: "Happy birthday"
            elif replacement and owner:
                # "my 7 year old with CP" -> "a child with CP": "my child" would read as the writer's own
                start -= owner.end() - owner.start()
                replacement = ("an " if replacement[:1] in "aeiou" else "a ") + replacement
            elif replacement and " " not in replacement.strip() and not _DETERMINED_BEFORE.search(_before(text, start)):
                # "know if 47yo with the PE" -> "know if an adult with the PE", not "if adult with"
                replacement = ("an " if replacement[:1] in "aeiou" else "a ") + replacement
        elif f.entity == "PERSON":
            replacement = "" if rule_edit(rw, f.rule_id).get("as") == "whole_match" else _person(text, f, findings, rule_set)
            title = _TITLE_BEFORE.search(_before(text, start))
            if title and _NAME_APPOSITION_AFTER.match(text, end) and re.search(r"(?:^|[.!?:]\s+|\n\s*|[\"“(])$",
                                                                            _before(text, start - len(title.group()))):
                # "Mr J. Okoye, 67, bed 12, post-op..." in a pasted note: the title and initials go with the name
                start, replacement = start - len(title.group()), ""
            writer = _WRITER_NAMED.search(_before(text, f.start))
            ends = re.match(r"[ \t]*[.!]+[ \t]*", text[end:end + 6]) if writer else None
            if ends:
                start, end, replacement = f.start - len(writer.group()), end + ends.end(), ""
            salutation = _salutation(text, start, end, rw) if replacement == "" else None
            if salutation:
                start, end = salutation  # "Dear Frank, you told me" -> "You told me": "Dear," alone is not English
        elif f.entity == "DATE":
            # "recently" only where the sentence tells of the past: "their rails go in on the 14th" is not "go recently"
            replacement = "recently" if _PAST_BEFORE.search(_sentence_before(text, start)) else ""
        elif f.entity == "FACILITY":
            replacement = f.replacements[0] if f.replacements else ""
            owned = _FACILITY_POSSESSIVE.match(text, end)
            if replacement and owned:
                end += len(owned.group(1))  # "At the Royal Children's with..." -> "At a hospital with...", not "hospital's"
        elif f.entity == "LOCATION" and _aimed_at_person(_before(text, start), rule_set):
            edits.append(Edit(start, end, "someone"))  # "Look at Arthur go": "at" aims at a person, not a place
            continue
        else:
            # a rule's own words for its matches ("a first grader" -> "a pupil"), else the detail goes
            how = rule_edit(rw, f.rule_id)
            replacement = how.get("at_sentence_start", how.get("replacement", "")) if _opens_sentence(text, start, findings) \
                else how.get("replacement", "")
        if (replacement == "" and f.entity == "OCCUPATION" and _HEAD_NOUN_END.match(text, end)
                and _PHRASE_BEFORE.search(_before(text, start))):
            # A job that ends its noun phrase keeps the phrase whole: "that lorry driver from..." ->
            # "that person from...", "a retired headteacher," -> "a retired person,".
            replacement = rw.get("client_reference", {}).get("head_noun", "person")
        absorbed_word = absorb.search(_before(text, start)) if replacement == "" or f.entity == "DATE" else None
        if absorbed_word and replacement == "" and f.entity == "LOCATION" and _NAME_MODIFIES_NOUN.match(text, end) \
                and re.search(r"\bthe\s+$", _before(text, start), re.I):
            absorbed_word = None  # "at the Grimsby fish market" -> "at the fish market": the place only named the market
        if absorbed_word and replacement == "" and f.category in ("direct", "contact") and _COPULA_BEFORE.search(
                _before(text, start - (absorbed_word.end() - absorbed_word.start()))):
            # "the carer is on 07700 900631." -> "is on [removed].", not "is."
            absorbed_word = None
            replacement = rw.get("removed_placeholder", "[removed]")
        if absorbed_word and absorbed_word.end() - absorbed_word.start() > 0:
            start -= absorbed_word.end() - absorbed_word.start()
            if f.entity == "FACILITY" and _COPULA_RIGHT_BEFORE.search(_before(text, start)):
                # "He's on Ward 31 and still waiting" -> "They're on a ward and still waiting", not "They're and"
                lowered = text[f.start:f.end].lower()
                replacement = next((k["after_copula"] for k in rw.get("facility_kinds", []) if k.get("after_copula")
                                    and any(re.search(r"\b" + re.escape(w) + r"\b", lowered) for w in k["words"])), "")
            if f.entity in ("LOCATION", "POSTAL_ADDRESS", "POSTCODE") and _LIVES_BEFORE.search(_before(text, start)):
                replacement = "locally"  # "lives at 3412 E Olympic Blvd and..." -> "lives locally and..."
        elif replacement == "" and f.category in ("direct", "contact") and _COPULA_BEFORE.search(_before(text, start)):
            replacement = rw.get("removed_placeholder", "[removed]")
        if replacement == "" and start > 0 and text[start - 1] == "#":
            start -= 1  # "#paramedic" goes whole, not leaving "#"
        edits.append(Edit(start, end, replacement))
    return _one_someone_per_sentence(text, edits)


_LIKE_BEFORE = re.compile(r"\b(?:someone|somebody|anyone|people|patients|clients)(\s+like\s+)$", re.I)
_SENTENCE_BREAK = re.compile(r"[.!?\n]")


def _one_someone_per_sentence(text: str, edits) -> list:
    """ "Can someone call someone's son?": a second "someone" in a sentence reads as a second person. The second
    becomes "the person" ("the person's"); a third stays, and the gate refuses the sentence."""
    out, seen, spans = [], {}, set()
    for e in sorted(edits, key=lambda e: e.start):
        if e.replacement.lower() in ("someone", "someone's") and (e.start, e.end) not in spans:
            # two findings on one span ("a family" as reference and as mention) are one person
            spans.add((e.start, e.end))
            begin = max([m.end() for m in _SENTENCE_BREAK.finditer(text, max(0, e.start - LOOK_BACK * 3), e.start)] or [0])
            earlier = seen.get(begin, 0) + len(re.findall(r"\bsomeone\b", text[begin:e.start], re.I))
            seen[begin] = seen.get(begin, 0) + 1
            apposition = re.search(r",\s*$", text[max(0, e.start - 3):e.start]) is not None  # "someone, the person, is"
            if earlier == 1 and not apposition and not any(o.start >= begin and o.replacement.lower().startswith("the person")
                                                           for o in out):
                e = Edit(e.start, e.end, "the person" + e.replacement[len("someone"):])
        out.append(e)
    return out


def _outside(edits, others) -> list:
    """Parse-based edits that touch no finding's edit: a deleted phrase takes its pronouns with it."""
    return [e for e in others if not any(e.start < o.end and o.start < e.end for o in edits)]


def _within(inner, outer) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


_TITLE_AND_INITIAL = re.compile(r"(\(\s*)?\b(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+[A-Z]\b\.?(?!\w)(\s*\))?")


def _titled_initials(text: str, edits) -> list:
    """ "Mr T keeps pulling out..." and "(Mrs D)": a title and an initial name a patient on a ward as surely as a
    name, whether detection underlined them or not. In brackets they go; elsewhere they become "someone"."""
    out = []
    for m in _TITLE_AND_INITIAL.finditer(text):
        if any(e.start < m.end() and m.start() < e.end for e in edits):
            continue
        bracketed = m.group(1) is not None and m.group(2) is not None
        # "Respect, Mr K.": said to the person at a sentence's end, the title goes (the tidy-up takes its comma)
        addressed = re.search(r",[ \t]*$", text[max(0, m.start() - 3):m.start()]) is not None \
            and re.match(r"[ \t]*(?:[.!?]|$|\n)", text[m.end():m.end() + 3]) is not None
        end = m.end() - 1 if addressed and m.group().endswith(".") else m.end()  # its full stop ends the sentence
        out.append(Edit(m.start(), end, "" if bracketed or addressed else "someone"))
    return out


def deidentify(text: str, findings, rule_set, parse_edits=(), phrase_edits=()) -> str:
    """phrase_edits (whole phrases, from the parse) win over the per-finding edits they contain; one that
    only partly overlaps a finding's edit is not used. parse_edits (single words: pronouns, person nouns)
    apply wherever nothing else edits."""
    edits = edits_for(text, findings, rule_set)
    edits += _titled_initials(text, edits + list(phrase_edits))
    phrase_edits, edits = _unite_deletions(list(phrase_edits), edits)
    phrases = [p for p in phrase_edits if not any(_overlaps(p, e) and not _within(e, p) for e in edits)]
    edits = phrases + [e for e in edits if not any(_within(e, p) for p in phrases)]
    edits = _lived_in_somewhere(text, edits, rule_set.rewrite)
    return drop_adult_filler(apply_edits(text, edits + _outside(edits, parse_edits)), text)


def _lived_in_somewhere(text: str, edits, rw) -> list:
    """ "their child lives in Spain and never rings": deleting the place would leave "lives and never rings"; the
    verb of living keeps a place, `in_place_rewrite.lived_in_place` ("elsewhere")."""
    word = rw.get("in_place_rewrite", {}).get("lived_in_place")
    if not word:
        return edits
    out = []
    for e in edits:
        if not e.replacement and _LIVES_BEFORE.search(_before(text, e.start).rstrip() + " ") \
                and re.match(r"\s*(?:[,.;:!?)]|$|and\b|but\b|so\b|with\b|now\b)", text[e.end:e.end + 6]):
            e = Edit(e.start, e.end, (" " if text[e.start:e.start + 1].isspace() else "") + word)
        out.append(e)
    return out


def _unite_deletions(phrases, edits):
    """A deleted phrase and a finding's deletion that cross ("near the Walmart" and "near the Walmart on
    Route") become one deletion: deleting both is what each meant."""
    for i, p in enumerate(phrases):
        if p.replacement:
            continue
        crossing = [e for e in edits if not e.replacement and _overlaps(p, e) and not _within(e, p)]
        if crossing:
            start = min([p.start] + [e.start for e in crossing])
            end = max([p.end] + [e.end for e in crossing])
            phrases[i] = Edit(start, end, "")
    for _ in range(2):  # a united deletion may now touch another phrase deletion
        united = []
        for p in sorted(phrases, key=lambda e: e.start):
            if united and not p.replacement and not united[-1].replacement and p.start < united[-1].end:
                united[-1] = Edit(united[-1].start, max(united[-1].end, p.end), "")
            else:
                united.append(p)
        phrases = united
    return phrases, edits


def _overlaps(a, b) -> bool:
    return a.start < b.end and b.start < a.end
