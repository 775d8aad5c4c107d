"""Time the health_condition.vocabulary terms rule alone, per post, in the server's engine.

    .venv/bin/python bench/bench_condition_terms.py [--rounds N] [--json]

The posts are tests/corpus/*.txt (every risky and safe post). bench/bench_condition_terms.mjs times
the extension's engine on the same posts; both print the same shape of result.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from phiguard.rules import load_rule_set
from phiguard.rules.match_rules import match_rule

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"
RULE_ID = "health_condition.vocabulary"


def corpus_posts() -> list:
    """Every post of tests/corpus/*.txt: a risky file's "text: " lines, a safe file's plain lines."""
    posts = []
    for path in sorted(CORPUS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("text: "):
                posts.append(line[6:].replace("\\n", "\n"))
            elif line.strip() and not line.startswith(("#", "flag: ", "keep: ")) and path.stem.endswith("_safe"):
                posts.append(line.replace("\\n", "\n"))
    return posts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    started = time.perf_counter()
    rule_set = load_rule_set()
    load_s = time.perf_counter() - started
    rule = next(r for r in rule_set.rules if r.id == RULE_ID)
    posts = corpus_posts()
    per_round = []
    matches = 0
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        matches = sum(len(match_rule(rule, text)) for text in posts)
        per_round.append((time.perf_counter() - t0) / len(posts) * 1000)
    result = {"engine": "python", "terms": len(set(rule_set.vocabularies["health_conditions"])),
              "posts": len(posts), "matches": matches, "load_s": round(load_s, 3),
              "ms_per_post": round(statistics.median(per_round), 4)}
    print(json.dumps(result) if args.json else "\n".join(f"{k}: {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
