"""Build the core pack's ICD-10-CM condition vocabulary from the tabular list in a PyPI package.

    .venv/bin/python server/training/build_condition_vocabulary.py [--check]

Reads simple_icd_10_cm/data/icd10c-tabular-April-1-2026.xml from the wheel of `simple-icd-10-cm`
(pinned in pyproject.toml's `test` extra), derives short, plain-language terms from each code's
description and inclusion terms ("Malignant melanoma of skin" -> "malignant melanoma", "melanoma";
"Mucocutaneous lymph node syndrome [Kawasaki]" -> "Kawasaki disease"), and writes
shared_rules/core/vocabularies/icd10_conditions.json: a vocabulary with the id `health_conditions`,
so its terms are *added* to the hand-kept health_conditions.json (SPEC: same id merges).

Left out: external causes (V-Y) and factors influencing health status (Z); terms with a formal word
("unspecified", "other", "site", "encounter", "sequela"...); terms of more than four words; words so
common in English that they are ambiguous out of context ("cold", "fall", "shock", "burn"), by
their frequency in `wordfreq` (data inside its wheel, nothing downloaded); and the hand-kept list in
condition_vocabulary/derivation.json. Terms the hand-kept vocabulary already has are not repeated.

--check rebuilds and fails if the committed file differs. The output is sorted, so deterministic.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from importlib import metadata, resources
from pathlib import Path

from wordfreq import zipf_frequency

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DERIVATION = HERE / "condition_vocabulary" / "derivation.json"
HAND_KEPT = ROOT / "shared_rules" / "core" / "vocabularies" / "health_conditions.json"
OUT = ROOT / "shared_rules" / "core" / "vocabularies" / "icd10_conditions.json"

PACKAGE = "simple-icd-10-cm"
PACKAGE_VERSION = "1.5.0"
WORDFREQ_VERSION = "3.1.1"  # its frequencies decide which words are too common; pinned like the data
TABULAR = "icd10c-tabular-April-1-2026.xml"
EDITION = "ICD-10-CM FY2026 (April 1, 2026 update)"
EXCLUDED_CODE_LETTERS = set("VWXYZ")  # external causes of morbidity (V00-Y99); health-status factors (Z00-Z99)
MAX_WORDS = 4
# Zipf frequency (log10 per billion words, English) at or above which a term is too common to be
# read as a condition out of context: "cold" 5.0, "fall" 5.1, "burn" 4.5, "shock" 4.5, "fever" 4.2
# all go; "cough" 3.95, "fracture" 3.7, "melanoma" 3.2 stay. A one-word term cut out of a longer
# description ("Retention of urine" -> "retention") must be rarer still.
MAX_ZIPF = 4.0
MAX_ZIPF_CUT = 3.0
MAX_ZIPF_ACRONYM = 2.0  # "STEMI" stays; "HMP" (a prison), "ISD", "SSA" go; "MRSA", "SLE" are kept by hand

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_ACRONYM = re.compile(r"^[A-Z]{3,6}$")
_ADJECTIVE = re.compile(r"(?:al|ous|ary|ive|ed|ible|able|ic|ac|ent|ior|ile|ar|-type)$")
_EPONYM_FIRST = re.compile(r"[A-Z][a-z]+(?:['’]s\b|-[A-Z]|\s+(?:disease|syndrome)\b)")
_GROUP = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]")


def tabular_root() -> ET.Element:
    for package, wanted in ((PACKAGE, PACKAGE_VERSION), ("wordfreq", WORDFREQ_VERSION)):
        installed = metadata.version(package)
        if installed != wanted:
            sys.exit(f"{package} {installed} is installed; this vocabulary is built with {wanted} "
                     f"(pip install -e '.[test]')")
    source = resources.files("simple_icd_10_cm") / "data" / TABULAR
    return ET.fromstring(source.read_bytes())


def descriptions(root: ET.Element):
    """(code, text) of every code's description and inclusion terms, outside chapters V-Y and Z."""
    for diag in root.iter("diag"):
        code = diag.findtext("name", "")
        if not code or code[0] in EXCLUDED_CODE_LETTERS:
            continue
        yield code, diag.findtext("desc", "")
        for inclusion in diag.findall("inclusionTerm"):
            for note in inclusion.findall("note"):
                yield code, note.text or ""


class Deriver:
    """Short terms from one ICD-10-CM text, by the rules in derivation.json."""

    def __init__(self, rules: dict, proper_names: set):
        self.formal = set(rules["formal_words"])
        self.cut_before = set(rules["cut_before"])
        self.leading = set(rules["leading_qualifiers"])
        self.generic = set(rules["generic_words"])
        self.keep = {t.lower() for t in rules["keep_single_words"]}
        self.proper_names = proper_names

    def terms(self, text: str) -> list:
        """[(term, was_cut)]: candidates before the frequency and exclusion checks. `was_cut`: one word
        left by cutting a longer description short ("Retention of urine" -> "retention")."""
        out = []
        groups = _GROUP.findall(text)
        # The head: up to the first comma, colon or bracket ("Aspiration pneumonia (due to) milk").
        head = re.split(r"[,;:(\[]", text)[0].strip()
        words = head.split()
        for i, word in enumerate(words):
            if i > 0 and word.lower() in self.cut_before:
                words = words[:i]
                break
        if words:
            out.append((words, len(words) == 1 and len(words) < len(head.split())))
            stripped = list(words)
            while len(stripped) > 1 and stripped[0].lower() in self.leading:
                stripped = stripped[1:]
                out.append((stripped, False))
        for group in groups:
            group = group.strip()
            if _ACRONYM.match(group):
                out.append(([group], False))
            elif re.fullmatch(r"[A-Z][a-z]+(?:['’]s)?", group) and words:
                # "[Kawasaki]" after a syndrome's description: clinicians write the eponym
                noun = words[-1].lower()
                out.append(([group, noun], False))
                if noun == "syndrome":
                    out.append(([group, "disease"], False))
            elif re.search(r"\b(?:disease|syndrome)\b", group) and "," not in group:
                out.append((group.split(), False))  # "Leprosy [Hansen's disease]"
        return [(self._cased(ws), cut) for ws, cut in out if self._acceptable(ws)]

    def _acceptable(self, words: list) -> bool:
        lowered = [w.lower() for w in words]
        if not words or len(words) > MAX_WORDS:
            return False
        if any(not _WORD.fullmatch(w) for w in words):  # digits, codes, stray punctuation
            return False
        if any(w in self.formal for w in lowered) or lowered[-1] in self.cut_before:
            return False
        if len(words) == 1 and _ADJECTIVE.search(lowered[0]) and lowered[0] not in self.keep:  # "rectal", "nodular": not a condition alone
            return False
        return not all(w in self.generic for w in lowered)

    def _cased(self, words: list) -> str:
        """Lower case, but keep acronyms and eponyms ("Kawasaki", "Guillain-Barre") as written."""
        return " ".join(w if _ACRONYM.match(w) or w in self.proper_names else w.lower() for w in words)


def proper_names(texts) -> set:
    """Words ICD writes capitalised inside a description and never in lower case: eponyms, places."""
    capitalised, lower = set(), set()
    for text in texts:
        for i, w in enumerate(_WORD.findall(text)):
            if w.islower():
                lower.add(w)
            elif w[:1].isupper() and not w.isupper() and (i > 0 or _EPONYM_FIRST.match(text)):
                capitalised.add(w)
    return {w for w in capitalised if w.lower() not in lower}


def _variants(term: str, british: list, accented: list) -> list:
    """The term, its British spelling, accented eponyms, and curly-apostrophe and no-apostrophe forms."""
    out = {term}
    uk = term
    for pattern, replacement in british:
        uk = re.sub(pattern, replacement, uk)
    out.add(uk)
    for plain, accent in accented:
        out |= {re.sub(re.escape(plain), accent, t, flags=re.IGNORECASE) for t in out}
    for t in list(out):
        if "'" in t:
            out |= {t.replace("'", "’"), t.replace("'s", "s")}
    return sorted(out)


def too_common(term: str, cut: bool, keep: set) -> bool:
    if term.lower() in keep:
        return False
    if _ACRONYM.match(term):
        return zipf_frequency(term.lower(), "en") >= MAX_ZIPF_ACRONYM
    if " " in term:
        return False  # a phrase ("heart attack") is not ambiguous the way one word is
    return zipf_frequency(term, "en") >= (MAX_ZIPF_CUT if cut else MAX_ZIPF)


def build() -> dict:
    rules = json.loads(DERIVATION.read_text(encoding="utf-8"))
    root = tabular_root()
    texts = list(descriptions(root))
    deriver = Deriver(rules, proper_names(t for _, t in texts))
    excluded = {t.lower() for t in rules["exclude"]}
    keep = {t.lower() for t in rules["keep_single_words"]}
    hand_kept = {t.lower() for v in json.loads(HAND_KEPT.read_text(encoding="utf-8"))["vocabularies"]
                 for t in v["terms"]}
    # A term counts as cut only when no description gives it whole ("Fever, unspecified" -> "fever").
    cut_only = {}
    for _, text in texts:
        for term, cut in deriver.terms(text):
            cut_only[term] = cut_only.get(term, True) and cut
    terms = set()
    for term, cut in cut_only.items():
        if term.lower() in excluded or too_common(term, cut, keep):
            continue
        for variant in _variants(term, rules["british_spellings"], rules["accented_spellings"]):
            if variant.lower() not in hand_kept and variant.lower() not in excluded:
                terms.add(variant)
    # One spelling per case-insensitive term: the terms rule ignores case (except for acronyms).
    by_key = {}
    for term in sorted(terms):
        by_key.setdefault(term.lower(), term)
    return {"vocabularies": [{
        "id": "health_conditions",
        "description": (
            f"Conditions, symptoms, injuries and procedures from {EDITION}, the US National Center for Health "
            f"Statistics' clinical modification of ICD-10: a work of the US government, in the public domain. "
            f"Read from the PyPI package {PACKAGE} {PACKAGE_VERSION} ({TABULAR}) and shortened to the terms "
            "clinicians write by server/training/build_condition_vocabulary.py; do not edit by hand. "
            "Adds to the hand-kept health_conditions vocabulary."),
        "terms": sorted(by_key.values(), key=lambda t: (t.lower(), t)),
    }]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if the committed file differs from a rebuild")
    args = ap.parse_args()
    text = json.dumps(build(), indent=2, ensure_ascii=False) + "\n"
    if args.check:
        committed = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if committed != text:
            sys.exit(f"{OUT.relative_to(ROOT)} is not what {Path(__file__).name} builds; rerun it and commit")
        print(f"{OUT.relative_to(ROOT)} is up to date")
        return
    OUT.write_text(text, encoding="utf-8")
    count = len(json.loads(text)["vocabularies"][0]["terms"])
    print(f"wrote {OUT.relative_to(ROOT)}: {count} terms")


if __name__ == "__main__":
    main()
