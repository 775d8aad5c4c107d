"""What the writer did for the client, told in general: the writer's predicate for a general "you".

Many posts that ask nothing tell what the writer did, not what the client did: "Removed a 3 day old tonight straight
off the special care unit", "we naloxone'd the same fella twice". Peers can answer "when you remove a baby straight
off the special care unit"; the night, the ward's name and the person cannot come back. Built like the client's own
event (`statement_event`): the verb of the writer (`writer_event.subjects`, "I", "we", or a sentence that opens on a
past tense with no subject) whose object is the client; the client told as "a baby", "a patient", with their
condition; every other argument vetted, else no event. The words are data (`rewrite.statement_rewrite.writer_event`).
"""

from __future__ import annotations

from .client_problem import Vetting, client_with_phrase
from .condition_after_with import condition_after_with
from .statement_event import _SUBJECTS, _condition, _person, _predicate, event_spec


def _by_writer(verb, subjects) -> bool:
    """ "I removed", "we gave"; "Removed a 3 day old…" opens its sentence on a past tense with no subject."""
    own = [c for c in verb.children if c.dep_ in _SUBJECTS]
    if own:
        return own[0].lower_ in subjects
    if verb.dep_ == "conj":
        return _by_writer(verb.head, subjects)
    return verb.tag_ == "VBD" and verb.i == verb.sent.start


def writer_event(doc, text: str, findings, rw: dict, gendered: set, conditions=()) -> str | None:
    """ "you remove a baby straight off the special care unit", or None."""
    statement = rw.get("statement_rewrite", {})
    spec, own = event_spec(rw), statement.get("writer_event", {})
    qr = rw.get("question_rewrite", {})
    if not spec or not own:
        return None
    vetting = Vetting(text, findings, qr, gendered)
    if not vetting.people and not vetting.ages:
        return None
    subjects = {w.lower() for w in own.get("subjects", [])}
    refused = {w.lower() for w in own.get("refused_verbs", [])}
    with_phrase = client_with_phrase(doc, vetting)
    for verb in doc:
        if verb.pos_ != "VERB" or verb.dep_ not in ("ROOT", "conj") or "?" in verb.sent.text \
                or verb.lemma_.lower() in refused or not _by_writer(verb, subjects):
            continue
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if not objects or not (vetting.names_client(objects[0]) or vetting._inside(objects[0], vetting.ages)):
            continue
        obj = objects[0]
        person = _person(text, findings, vetting, spec, qr, verb.sent, obj)
        condition = with_phrase or _condition(verb.sent, conditions, spec)
        condition = condition and condition_after_with(condition, verb.sent, spec)
        details, pronouns = rw.get("story_details", {}), qr.get("client_pronouns", {})
        predicate = _predicate(verb, vetting, spec, details, pronouns, as_writer=True, client_object=(obj, person))
        if predicate and condition and condition.lower() not in predicate.lower():
            # "you scan a patient and find anencephaly" names the condition already
            predicate = _predicate(verb, vetting, spec, details, pronouns, as_writer=True,
                                   client_object=(obj, person + " with " + condition))
        # "you nurse a patient" says nothing: what the writer did is told by what else the verb keeps
        beyond = predicate and len(predicate.split()) - 1 - len(person.split())
        if predicate and beyond >= own.get("min_words_beyond_client", 2) \
                and len(predicate.split()) <= spec.get("max_predicate_words", 20):
            return own.get("you", "you") + " " + predicate
    return None
