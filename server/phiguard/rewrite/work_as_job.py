"""A clause that only says what a person works as goes whole: "…, works as a firefighter in our small town, hasn't
made threats" -> "…, hasn't made threats"; "a chap with Parkinson's who works as a postman wants…" -> "a person with
Parkinson's wants…"; "He works as a postman in the village." goes as a sentence.

Swapping the job for "person" leaves "works as a person", and deleting it "works as a", which say nothing. The
clause is found on the words ("works as a <job>"), since the small model parses a note's clauses loosely; its
object's phrase ("a taxi driver in Leeds") comes from the parse. The verbs are data (`in_place_rewrite.working_verbs`);
the job is a finding's span or one of the `job_heads` vocabulary.
"""

from __future__ import annotations

from .apply_edits import Edit
from .place_phrases import sentence_told_only_this

_WRITER = ("i", "we")


def _end(token) -> int:
    return token.idx + len(token.text)


def _job_at(doc, i, job_heads, jobs):
    """The job noun after "as" at i ("as a taxi driver"), or None."""
    j = i + 1
    while j < len(doc) and doc[j].pos_ in ("DET", "ADJ", "NOUN", "PROPN") and j - i < 5:
        t = doc[j]
        if (t.lower_ in job_heads or t.lemma_.lower() in job_heads or any(s <= t.idx < e for s, e in jobs)) \
                and not (j + 1 < len(doc) and doc[j + 1].pos_ == "NOUN" and any(s <= doc[j + 1].idx < e for s, e in jobs)):
            return t
        j += 1
    return None


def _phrase_end(doc, job) -> int:
    """The job's noun phrase with a place phrase of its own ("a taxi driver in Leeds"), not the rest of the sentence."""
    end = _end(job)
    for c in job.children:
        if c.dep_ == "prep" and c.i > job.i and not any(w.pos_ in ("VERB", "AUX") or w.text in (",", ";", ".")
                                                        for w in c.subtree):
            end = max(end, max(_end(w) for w in c.subtree))
    return end


def work_as_job_edits(doc, rw, job_heads, jobs=(), protected=()) -> list:
    verbs = {w.lower() for w in rw.get("in_place_rewrite", {}).get("working_verbs", [])}
    text = doc.user_data.get("text") or doc.text
    out = []
    for verb in doc[:-2]:
        if verb.lemma_.lower() not in verbs or doc[verb.i + 1].lower_ != "as":
            continue
        job = _job_at(doc, verb.i + 1, job_heads, jobs)
        if job is None:
            continue
        end = _phrase_end(doc, job)
        before = doc[verb.i - 1] if verb.i > 0 else None
        if before is not None and before.lower_ in ("who", "that"):
            before = doc[before.i - 1] if before.i > 0 and doc[before.i - 1].text == "," else before
        if before is not None and before.text == "," or before is not None and before.lower_ in ("who", "that"):
            start = before.idx
            while start > 0 and text[start - 1] in " \t":
                start -= 1
            after = next((t for t in doc[job.i + 1:] if t.idx >= end), None)
            if before.text == "," and after is not None and after.text == "," and doc[before.i + 1].lower_ in ("who", "that"):
                end = _end(after)  # "Bob, who works as a postman, has" -> "Bob has": the closing comma goes, its blank stays
            edit = Edit(start, end, "")
        elif before is not None and before.lower_ in _WRITER:
            continue  # "I work as a nurse": the writer's own job is theirs to tell
        else:
            edit = sentence_told_only_this(doc[verb.i + 1], text, protected) if doc[verb.i + 1].head.i == verb.i else None
            if edit is None:
                # "My client works as a firefighter" is the post: the job goes, the verb stays ("A client works")
                start = doc[verb.i + 1].idx
                while start > 0 and text[start - 1] in " \t":
                    start -= 1
                edit = Edit(start, end, "")
        if edit is not None and not any(edit.start < e and s < edit.end for s, e in protected):
            out.append(edit)
    return out
