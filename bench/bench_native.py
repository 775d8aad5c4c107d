#!/usr/bin/env python3
"""Per-request latency through native messaging against HTTP, on the same posts, in the same run.

    python bench/bench_native.py [--rounds 2] [--rewrite-posts 100] [--json]

Native: `python -m phiguard native-host` as a browser starts it, one frame per post on its pipes.
HTTP: `phiguard serve` on a free loopback port, one keep-alive connection, POST /v1/analyze per post.
Each runs alone (one after the other), so neither shares the CPU with the other. Cold start is the time
from starting the process to the first analyze answer (the model loads on the first request for the
native host, before listening for the HTTP server). Posts: the same as bench_latency.py; rewrite (what
"Rephrase" asks) on the first --rewrite-posts of them, once each.
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import struct
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_latency import load_posts  # noqa: E402

FIRST = "My client Sandra, 81, keeps falling in her bathroom in Whitby."


def percentiles(samples: list) -> dict:
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return {"p50": round(statistics.median(ordered), 2), "p95": round(pick(0.95), 2), "p99": round(pick(0.99), 2),
            "mean": round(statistics.fmean(ordered), 2)}


def bench_native(posts, rounds, rewrite_posts) -> dict:
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "phiguard", "native-host"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def ask(message):
        payload = json.dumps(message).encode()
        t = time.perf_counter()
        proc.stdin.write(struct.pack("=I", len(payload)) + payload)
        proc.stdin.flush()
        (length,) = struct.unpack("=I", proc.stdout.read(4))
        reply = json.loads(proc.stdout.read(length))
        assert "result" in reply, reply
        return (time.perf_counter() - t) * 1000

    health_ms = ask({"id": 0, "op": "health"})
    ask({"id": 0, "op": "analyze", "text": FIRST})
    cold = time.perf_counter() - started
    samples = [ask({"id": i, "op": "analyze", "text": post}) for _ in range(rounds) for i, post in enumerate(posts)]
    rewrites = [ask({"id": i, "op": "rewrite", "text": post}) for i, post in enumerate(posts[:rewrite_posts])]
    proc.stdin.close()
    proc.wait(30)
    return {"cold_start_s": round(cold, 2), "health_ms": round(health_ms, 2), **percentiles(samples),
            "rewrite": percentiles(rewrites)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_http(posts, rounds, rewrite_posts) -> dict:
    port = free_port()
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "phiguard", "serve", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", "/healthz")
                conn.getresponse().read()
                break
            except OSError:
                time.sleep(0.05)

        def ask(text, path="/v1/analyze"):
            t = time.perf_counter()
            conn.request("POST", path, json.dumps({"text": text}), {"Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            assert response.status == 200
            return (time.perf_counter() - t) * 1000

        ask(FIRST)
        cold = time.perf_counter() - started
        samples = [ask(post) for _ in range(rounds) for post in posts]
        rewrites = [ask(post, "/v1/rewrite") for post in posts[:rewrite_posts]]
    finally:
        proc.terminate()
        proc.wait(30)
    return {"cold_start_s": round(cold, 2), **percentiles(samples), "rewrite": percentiles(rewrites)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--rewrite-posts", type=int, default=100)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    posts = load_posts()
    rewrite_posts = min(args.rewrite_posts, len(posts))
    result = {"posts": len(posts), "rounds": args.rounds, "rewrite_posts": rewrite_posts,
              "native": bench_native(posts, args.rounds, rewrite_posts), "http": bench_http(posts, args.rounds, rewrite_posts)}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    native, web = result["native"], result["http"]
    print(f"{result['posts']} posts x {args.rounds} rounds, /v1/analyze; /v1/rewrite on {rewrite_posts} of them, once\n")
    print("|                                | native messaging | HTTP (loopback) |")
    print("| ------------------------------ | ---------------: | --------------: |")
    for key, label in [("p50", "p50 latency (ms)"), ("p95", "p95 latency (ms)"), ("p99", "p99 latency (ms)"),
                       ("mean", "mean latency (ms)"), ("cold_start_s", "cold start to first answer (s)")]:
        print(f"| {label:<30} | {native[key]:>16} | {web[key]:>15} |")
    for key in ("p50", "p95", "mean"):
        label = f"rewrite {key} (ms)"
        print(f"| {label:<30} | {native['rewrite'][key]:>16} | {web['rewrite'][key]:>15} |")
    print(f"\nnative: first health answer after starting the process (engine not built yet): {native['health_ms']} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
