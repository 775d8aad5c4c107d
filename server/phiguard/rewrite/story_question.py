"""Is a question asked of the writer's own story ("Did we do the right thing?", "Do I tell the foster parents or
wait?", "Would you have conveyed?"), and how peers would be asked it in general.

Alone, such a question leaves nothing to answer: peers cannot know what "the right thing" was. It stays only with
the situation in front of it ("When someone refuses conveyance, would you convey under the MCA?"), so this module
says which kind of question it is and gives the words that make it a peer's question:

- "plain": a question about practice ("How do you manage patients who push through pain?"): as written;
- "about_them": one about "them" ("tips on keeping them motivated?"): it needs the person named before it;
- "writer": the writer's own dilemma, asked of peers in the second person and present ("Do I tell X or wait?" ->
  "do you tell X or wait?"; "Would you have conveyed?" -> "would you convey?");
- "judgement": a verdict on what the writer did or felt ("Am I wrong to be pissed?", "AIBU"): only a general
  "what would you do?" can be asked of it.

The person swaps, the verdict openers and the template are data (rewrite.question_rewrite.story_questions).
"""

from __future__ import annotations

PLAIN, ABOUT_THEM, WRITER, JUDGEMENT = "plain", "about_them", "writer", "judgement"
_OBJECTS = ("dobj", "pobj", "dative")


def _words(tokens) -> list:
    return [t.lower_ for t in tokens if not t.is_punct]


def _is_judgement(tokens, spec) -> bool:
    words = _words(tokens)
    return any(words[:len(j.split())] == j.split() for j in spec.get("judgement_openers", []))


def _writer_subject(tokens, spec) -> bool:
    """The question's first subject is the writer ("Do I...", "Who do we call...", "Should I...")."""
    writer = set(spec.get("writer_subjects", []))
    subject = next((t for t in tokens if t.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and subject.lower_ in writer and subject.head.i == subject.sent.root.i


def _modal_perfect(tokens) -> dict:
    """ "would you have conveyed" -> "would you convey": the hypothetical asked now, not of that day."""
    out = {}
    for t in tokens:
        if t.lower_ == "have" and t.dep_ == "aux" and t.head.tag_ == "VBN" and any(
                c.tag_ == "MD" and c.i < t.i for c in t.head.children):
            out[t.i] = ""
            out[t.head.i] = t.head.lemma_.lower()
    return out


def _unresolved_objects(tokens, spec) -> bool:
    """ "What do I say to them?": an object pronoun whose person only the story named."""
    return any(t.lower_ in spec.get("story_object_pronouns", []) and t.dep_ in _OBJECTS for t in tokens)


def for_peers(tokens, spec: dict) -> tuple[str, dict]:
    """(kind, {token index: its word for peers, "" to drop it}) for a question's tokens."""
    if _is_judgement(tokens, spec):
        return JUDGEMENT, {}
    swaps = spec.get("writer_to_peer", {})
    edits = _modal_perfect(tokens)
    hypothetical = bool(edits)
    about_them = _unresolved_objects(tokens, spec)
    # "I have a client with PTSD and am wondering...?" is a statement with a question mark: the writer's own words
    if _writer_subject(tokens, spec) and tokens[0].dep_ not in ("nsubj", "nsubjpass"):
        for t in tokens:
            word = swaps.get(t.lower_)
            if word is not None and t.i not in edits:
                edits[t.i] = word
        # "Do I refer out?", "Should I tell them?": a yes or no needs what happened; "How do I address boundaries
        # without rupturing the alliance?" asks for a method or a person, which peers can give without the story
        if tokens[0].pos_ == "AUX" or tokens[0].tag_ == "MD":
            return WRITER, edits
    if hypothetical:
        return WRITER, edits
    # "tips on keeping them motivated": the person they are asked about must be named before it
    return (ABOUT_THEM if about_them else PLAIN), edits


def as_written(tokens, edits: dict) -> str:
    """The tokens with the edits, in the writer's spacing; a capital kept where the writer put one."""
    out = []
    for t in tokens:
        word = edits.get(t.i, t.text)
        if word and t.text[:1].isupper() and t.i == tokens[0].i:
            word = word[:1].upper() + word[1:]
        out.append(word + t.whitespace_ if word else "")
    return "".join(out).strip()


def _points_at_story(tokens, deictics) -> bool:
    """ "where that's realistic", "How would you play it?": a word that stands for something only the story said."""
    return any(t.lower_ in deictics and t.dep_ in ("nsubj", "dobj", "pobj") and t.head.dep_ != "relcl" or (
        t.lower_ in deictics and t.dep_ == "nsubj" and t.tag_ == "DT") for t in tokens)


def asks_the_story(doc, spec: dict, deictics) -> bool:
    """A question of a suggestion is asked of the story it no longer tells ("Did we do the right thing?",
    "Would you have conveyed under MCA?", "Is there any world where that's realistic?"): it is a fragment."""
    questions = [s for s in doc.sents if s.text.rstrip().endswith("?")]
    return any(
        for_peers(list(s), spec)[0] != PLAIN or _points_at_story(list(s), deictics) for s in questions)
