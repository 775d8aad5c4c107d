"""Every per-span fix on every finding of every corpus post in the repo, applied as the extension applies it, leaves a
sentence a reader would accept: no "someone" after a determiner or a place preposition, no orphan punctuation, no
doubled word (broken_phrases.py, apart from the server's own check in rewrite/span_fix_preview.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from broken_phrases import broken_phrases
from phiguard.rewrite.span_fix_preview import applied, preview, sentence_around
from phiguard.rewrite.span_replacements import replacements_in_context

REPO = Path(__file__).resolve().parents[2]
CORPORA = sorted((REPO / "tests" / "corpus").glob("*_phi.txt"))


def _posts():
    for path in CORPORA:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("text: "):
                yield path.name, line[len("text: "):].replace("\\n", "\n")


def _fixes(analyzer, text):
    assessment = analyzer.analyze(text)
    return zip(assessment.findings, replacements_in_context(text, assessment, analyzer.rule_set))


def test_every_fix_of_every_corpus_finding_reads_in_its_sentence(analyzer):
    failures, checked = [], 0
    for corpus, post in _posts():
        for f, fixes in _fixes(analyzer, post):
            for replacement in fixes:
                checked += 1
                problems = broken_phrases(preview(post, f.start, f.end, replacement), sentence_around(post, f.start, f.end))
                if problems:
                    failures.append(f"{corpus}: {post[f.start:f.end]!r} -> {replacement!r}: {problems}")
    assert checked > 1000 and failures == []


@pytest.mark.parametrize("text,span,refused", [
    # A street spaCy took for a person: "someone" reads as a place, and a deletion leaves "on."
    ("He was always trying to get back to his old house on Victoria Rd. Glad he's safe now.", "Victoria Rd",
     {"someone", ""}),
    # A day taken for a person: "on someone".
    ("He collapsed at the council meeting on Weds, I was his nurse on CCU Thurs.", "Weds", {"someone"}),
])
def test_a_fix_that_would_break_its_sentence_is_not_offered(analyzer, text, span, refused):
    fixes = dict((text[f.start:f.end], r) for f, r in _fixes(analyzer, text))
    assert span in fixes and not refused & set(fixes[span])


def test_a_deletion_takes_one_space_as_the_extension_does():
    text = "Seen at St Mary's today."
    start = text.index("at St Mary's")
    assert applied(text, start, start + len("at St Mary's"), "")[0] == "Seen today."
