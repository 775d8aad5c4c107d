"""A terms rule compiles to a prefix trie (load_rule_packs._trie_regex; the extension walks the same
trie, compile_rules.TermMatcher) and must match exactly what the ordered alternation of its terms,
longest first, matched before: in Python, in JavaScript, and the same in both. Checked over texts made
from the vocabularies' own terms, cut short, run on, glued to other words, in mixed case, with other
spaces between their words."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from phiguard.rules.load_rule_packs import _CAPITALS_ONLY, _alternation

ROOT = Path(__file__).resolve().parents[2]
HELPER = ROOT / "tests" / "extension" / "helpers" / "terms_rule_spans.mjs"
TEXTS_PER_RULE = 400
SPACES = [" ", "  ", "\t", "\n", " \r\n "]  # ASCII: JavaScript's \s also takes U+00A0, Python's does not (SPEC)
SEPARATORS = [" ", " ", " ", ", ", ". ", "\n", "", "-", "/", "(", ")", "'", " 🙂 "]
SUFFIXES = ["", "", "", "s", "es", "'s", "’s", "-", ".", "x", "1", "_", "é"]
PREFIXES = ["", "", "", "un", "-", "_", "x", "É"]
FILLER = ["the", "client", "has", "and", "with", "a", "post", "of", "Ms", "MS", "ms", "new", "fiancé", "FIANCÉ"]


def _terms_rules() -> dict:
    """rule id -> vocabulary id, for every terms rule of the core pack."""
    out = {}
    for path in sorted((ROOT / "shared_rules" / "core" / "rules").glob("*.json")):
        for raw in json.loads(path.read_text(encoding="utf-8")).get("rules", []):
            if "terms" in raw:
                out[raw["id"]] = raw["terms"]
    return out


def _mutated(term: str, rng: random.Random) -> str:
    words = term.split()
    if rng.random() < 0.3:  # cut short, maybe mid-word
        cut = rng.randrange(1, len(term) + 1)
        words = term[:cut].split() or words
    text = "".join(w + (rng.choice(SPACES) if i < len(words) - 1 else "") for i, w in enumerate(words))
    if rng.random() < 0.5:
        text = "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in text)
    return rng.choice(PREFIXES) + text + rng.choice(SUFFIXES)


def _texts(terms: list, rng: random.Random) -> list:
    texts = []
    for _ in range(TEXTS_PER_RULE):
        parts = []
        for _ in range(rng.randint(1, 5)):
            parts.append(_mutated(rng.choice(terms), rng) if rng.random() < 0.75 else rng.choice(FILLER))
            parts.append(rng.choice(SEPARATORS))
        texts.append("".join(parts))
    return texts


def _reference_regexes(terms: list) -> list:
    """What _compile() built for a terms rule before it had _trie_regex."""
    caps = [t for t in terms if _CAPITALS_ONLY.match(t)]
    other = [t for t in terms if not _CAPITALS_ONLY.match(t)]
    out = []
    if other:
        out.append(re.compile(r"\b" + _alternation(other, False) + r"(?!\w)", re.I | re.ASCII))
    if caps:
        out.append(re.compile(r"\b" + _alternation(caps, False) + r"(?!\w)", re.ASCII))
    return out


def _spans(regexes, text: str) -> list:
    return [list(m.span()) for regex in regexes for m in regex.finditer(text)]


def _utf16(text: str, spans: list) -> list:
    def unit(i):
        return len(text[:i].encode("utf-16-le")) // 2
    return [[unit(s), unit(e)] for s, e in spans]


@pytest.fixture(scope="module")
def generated(rule_set) -> dict:
    rng = random.Random(9)
    return {rule_id: _texts(sorted(set(rule_set.vocabularies[vocab])), rng)
            for rule_id, vocab in sorted(_terms_rules().items())}


@pytest.fixture(scope="module")
def python_spans(rule_set, generated) -> dict:
    rules = {r.id: r for r in rule_set.rules}
    return {rule_id: [_spans(rules[rule_id].regexes, t) for t in texts] for rule_id, texts in generated.items()}


def test_the_generated_texts_hold_matches(python_spans):
    for rule_id, per_text in python_spans.items():
        assert sum(map(len, per_text)) > TEXTS_PER_RULE // 2, rule_id


@pytest.mark.parametrize("rule_id", sorted(_terms_rules()))
def test_python_trie_matches_what_the_alternation_matched(rule_set, generated, python_spans, rule_id):
    reference = _reference_regexes(rule_set.vocabularies[_terms_rules()[rule_id]])
    for text, spans in zip(generated[rule_id], python_spans[rule_id]):
        assert spans == _spans(reference, text), f"{rule_id} on {text!r}"


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node for the extension's engine")
def test_javascript_matches_the_same(generated, python_spans, tmp_path):
    src, out = tmp_path / "texts.json", tmp_path / "spans.json"
    src.write_text(json.dumps(generated), encoding="utf-8")
    subprocess.run(["node", str(HELPER), str(src), str(out)], check=True, timeout=600)
    js = json.loads(out.read_text(encoding="utf-8"))
    for rule_id, texts in generated.items():
        for i, text in enumerate(texts):
            expected = _utf16(text, python_spans[rule_id][i])
            assert js[rule_id]["alternation"][i] == expected, f"{rule_id}: JavaScript's alternation on {text!r}"
            assert js[rule_id]["trie"][i] == expected, f"{rule_id}: JavaScript's trie on {text!r}"
