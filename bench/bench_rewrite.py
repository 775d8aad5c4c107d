#!/usr/bin/env python3
"""/v1/rewrite's latency for posts up to 1,000 characters, beside plain Presidio's analyze of the same posts, same run.

    python bench/bench_rewrite.py [--rounds 2] [--json]

A rewrite analyses the post, parses it, builds every strategy and re-analyses and re-parses each suggestion
through the gate, so it is several analyses long; plain Presidio's analyze is the scale. The target is a p95
of 150 ms over the risky posts of tests/corpus/*_phi.txt (only risky posts get rewritten).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

from bench_latency import MODEL, REPO, build

MAX_CHARS = 1000


def risky_posts(analyzer) -> list:
    posts = []
    for path in sorted((REPO / "tests" / "corpus").glob("*_phi.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("text: "):
                post = line[6:].replace("\\n", "\n")
                if len(post) <= MAX_CHARS and analyzer.analyze(post).risk in ("medium", "high"):
                    posts.append(post)
    return posts


def _percentiles(ms: list) -> dict:
    q = statistics.quantiles(ms, n=100)
    return {"p50": round(statistics.median(ms), 1), "p95": round(q[94], 1), "p99": round(q[98], 1)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from phiguard.app import shared_analyzer
    from phiguard.rewrite.rewrite_post import rewrite_json

    analyzer = shared_analyzer(MODEL)
    posts = risky_posts(analyzer)
    rewrite_json(posts[0], analyzer)  # the rewrite parser loads on first use: not part of a post's time
    rewrite_ms = []
    for _ in range(args.rounds):
        for post in posts:
            started = time.perf_counter()
            rewrite_json(post, analyzer)
            rewrite_ms.append((time.perf_counter() - started) * 1000)
    presidio_analyze, _ = build("presidio")
    presidio_ms = []
    for _ in range(args.rounds):
        for post in posts:
            started = time.perf_counter()
            presidio_analyze(post)
            presidio_ms.append((time.perf_counter() - started) * 1000)
    result = {"posts": len(posts), "rounds": args.rounds, "max_chars": MAX_CHARS,
              "phiguard_rewrite_ms": _percentiles(rewrite_ms), "presidio_analyze_ms": _percentiles(presidio_ms)}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{len(posts)} risky posts of up to {MAX_CHARS} characters, {args.rounds} rounds")
        for name, key in (("PHI Guard /v1/rewrite", "phiguard_rewrite_ms"), ("plain Presidio analyze", "presidio_analyze_ms")):
            p = result[key]
            print(f"{name:24} p50 {p['p50']:7.1f} ms  p95 {p['p95']:7.1f} ms  p99 {p['p99']:7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
