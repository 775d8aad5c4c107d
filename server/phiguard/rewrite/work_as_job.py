"""A clause that only says what a person works as goes whole: "…, works as a firefighter in our small town, hasn't
made threats" -> "…, hasn't made threats"; "He works as a postman in the village." goes as a sentence.

Swapping the job for "person" leaves "works as a person", which says nothing and reads as a slip. The verbs are data
(`in_place_rewrite.working_verbs`); the job is a finding's span or one of the `job_heads` vocabulary.
"""

from __future__ import annotations

from .apply_edits import Edit
from .place_phrases import sentence_told_only_this

# A verb of working's own words, besides the "as" phrase, that do not make its clause say more than the job.
_JOB_ONLY = ("nsubj", "nsubjpass", "aux", "neg", "advmod", "prep", "punct", "npadvmod")


def _end(token) -> int:
    return token.idx + len(token.text)


def work_as_job_edits(doc, rw, job_heads, jobs=(), protected=()) -> list:
    verbs = {w.lower() for w in rw.get("in_place_rewrite", {}).get("working_verbs", [])}
    text = doc.user_data.get("text") or doc.text
    out = []
    for t in doc:
        if t.dep_ != "prep" or t.lower_ != "as" or t.head.lemma_.lower() not in verbs:
            continue
        pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
        if pobj is None or not (pobj.lower_ in job_heads or pobj.lemma_.lower() in job_heads
                                or any(s <= pobj.idx < e for s, e in jobs)):
            continue
        verb = t.head
        subject = next((c for v in (verb, verb.head) for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.lower_ in ("i", "we"):
            continue  # "I work as a nurse": the writer's own job is theirs to tell
        if any(c.dep_ not in _JOB_ONLY + ("conj", "cc") and c.i != t.i for c in verb.children):
            continue  # "works as a nurse and loves it": the clause says more than the job
        if verb.dep_ == "conj":
            own = [w for w in verb.subtree if not any(w.i in {x.i for x in c.subtree} for c in verb.children
                                                     if c.dep_ in ("conj", "cc") or (c.dep_ == "punct" and c.i > t.i))]
            start, end = own[0].idx, _end(own[-1])
            before = doc[own[0].i - 1] if own[0].i > 0 else None
            if before is not None and before.text in (",", ";") or before is not None and before.dep_ == "cc":
                start = before.idx
            while start > 0 and text[start - 1] in " \t":
                start -= 1
            if not any(start < e and s < end for s, e in protected):
                out.append(Edit(start, end, ""))
        elif verb.dep_ == "ROOT":
            whole = sentence_told_only_this(t, text, protected)
            if whole is not None:
                out.append(whole)
    return out
