#!/usr/bin/env python3
"""Load: the server as shipped (`phiguard serve`, waitress) driven from this second process over loopback.

    python bench/bench_load.py [--clients 20] [--requests 5000] [--rewrite-share 0.3] [--json]

Mixed /v1/analyze and /v1/rewrite calls with realistic posts (tweets to 3,000-character LinkedIn posts).
Reports errors (must be 0), latency percentiles, throughput, and the server's RSS after start-up,
after a warm-up, and at the end (growth must stay small: spaCy's memory_zone frees each post's strings).
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_latency import load_posts  # noqa: E402  (same posts as the latency bench)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def start_server(port: int, threads: int, command: list | None = None) -> subprocess.Popen:
    """`phiguard serve` with this Python, or `command` (another server answering /healthz on `port`)."""
    command = command or [sys.executable, "-m", "phiguard", "serve", "--port", str(port), "--threads", str(threads)]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("server did not start")


def drive(port: int, jobs: list, clients: int) -> tuple:
    latencies, errors, lock = [], [], threading.Lock()
    queue = list(enumerate(jobs))

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if not queue:
                    return
                _, (path, text) = queue.pop()
            body = json.dumps({"text": text})
            started = time.perf_counter()
            try:
                conn.request("POST", path, body=body, headers={"Content-Type": "application/json"})
                response = conn.getresponse()
                payload = response.read()
                ok = response.status == 200 and json.loads(payload)
            except (OSError, http.client.HTTPException, ValueError) as e:
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                payload = repr(e).encode()
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors.append((path, payload[:200]))

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors, time.perf_counter() - began


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=5000)
    ap.add_argument("--rewrite-share", type=float, default=0.3)
    ap.add_argument("--threads", type=int, default=8, help="waitress threads")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    rng = random.Random(7)
    posts = load_posts()
    jobs = [("/v1/rewrite" if rng.random() < a.rewrite_share else "/v1/analyze", rng.choice(posts))
            for _ in range(a.requests)]
    port = free_port()
    server = start_server(port, a.threads)
    try:
        rss_start = rss_mb(server.pid)
        drive(port, jobs[:1000], a.clients)  # warm-up: every thread's caches and first allocations
        rss_warm = rss_mb(server.pid)
        latencies, errors, elapsed = drive(port, jobs, a.clients)
        rss_end = rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)
    latencies.sort()

    def pct(q):
        return round(latencies[min(len(latencies) - 1, int(q * (len(latencies) - 1)))], 1)

    result = {"requests": len(latencies), "clients": a.clients, "waitress_threads": a.threads, "errors": len(errors),
              "p50_ms": round(statistics.median(latencies), 1), "p95_ms": pct(0.95), "p99_ms": pct(0.99),
              "requests_per_s": round(len(latencies) / elapsed, 1),
              "rss_start_mb": rss_start, "rss_after_warmup_mb": rss_warm, "rss_end_mb": rss_end,
              "rss_growth_pct": round((rss_end - rss_warm) / rss_warm * 100, 1)}
    if a.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:22} {value}")
        for path, payload in errors[:5]:
            print("error:", path, payload)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
