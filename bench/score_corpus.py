#!/usr/bin/env python3
"""Score detection on the repository's corpora in-process (no server), the way score.py scores over HTTP.

    .venv/bin/python bench/score_corpus.py [NAME ...] [--rules-only] [-v]

NAME is a corpus under tests/corpus/ (blind6 for tests/corpus/blind6_phi.txt and _safe.txt); with none,
every corpus there. Prints post recall (risky posts warned: medium or high), false alarms (safe posts
warned) and span recall ("flag:" substrings overlapped by a finding), per corpus. `--rules-only` scores
what the extension's limited mode sees (shared rules and the practice model, no spaCy). `-v` lists the
misses. The team lead's ../shared/eval/score.py gives the official figures through the HTTP API; this
is the quick loop, and the record of first runs lives in tests/corpus/README.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO / "tests" / "corpus"
WARN = {"medium", "high"}


def read_risky(path: Path) -> list:
    posts = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("text: "):
            posts.append({"text": line[6:].replace("\\n", "\n"), "flag": []})
        elif line.startswith("flag: ") and posts:
            posts[-1]["flag"].append(line[6:])
    return posts


def read_safe(path: Path) -> list:
    return [line.replace("\\n", "\n") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def score(name: str, analyze, verbose: bool) -> dict:
    risky, safe = read_risky(CORPORA / f"{name}_phi.txt"), read_safe(CORPORA / f"{name}_safe.txt")
    warned = spans = hit = alarms = 0
    for post in risky:
        result = analyze(post["text"])
        warned += result.risk in WARN
        if verbose and result.risk not in WARN:
            print(f"  not warned ({result.risk}): {post['text'][:160]!r}")
        for flag in post["flag"]:
            start = post["text"].find(flag)
            spans += 1
            if any(f.start < start + len(flag) and f.end > start for f in result.findings):
                hit += 1
            elif verbose:
                print(f"  span missed: {flag!r}")
    for text in safe:
        result = analyze(text)
        if result.risk in WARN:
            alarms += 1
            if verbose:
                print(f"  false alarm ({result.risk}): {text[:160]!r}")
    return {"corpus": name, "post_recall": round(warned / len(risky), 3), "false_alarm": round(alarms / len(safe), 3),
            "span_recall": round(hit / max(spans, 1), 3), "risky": len(risky), "safe": len(safe)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*")
    ap.add_argument("--rules-only", action="store_true", help="what the extension's limited mode sees")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    names = args.names or sorted(p.name.removesuffix("_phi.txt") for p in CORPORA.glob("*_phi.txt"))
    if args.rules_only:
        from phiguard.detection.rule_only import analyze_with_rules
        from phiguard.rules import load_rule_set

        rule_set = load_rule_set()

        def analyze(text):
            return analyze_with_rules(text, rule_set)
    else:
        from phiguard.app import shared_analyzer
        from phiguard.config import DEFAULTS

        analyze = shared_analyzer(DEFAULTS["SPACY_MODEL"]).analyze
    for name in names:
        if not (CORPORA / f"{name}_phi.txt").exists():
            print(f"no corpus {name!r} in {CORPORA}", file=sys.stderr)
            return 2
        print(score(name, analyze, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
