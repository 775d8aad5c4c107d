#!/usr/bin/env python3
"""Short posts while long ones load the server: PHI Guard against plain Presidio, same load, same run.

    python bench/bench_long_load.py [--seconds 30] [--threads 4] [--json] [--phiguard-python PATH]

Each engine runs in its own process behind waitress (`phiguard serve`; bench/presidio_server.py for
plain Presidio). Four "long" clients send without pause: two /v1/analyze of a ~60 KB post and two
/v1/rewrite of a 9,000-character post (under PHI Guard's rewrite_max_chars). Meanwhile one client sends
posts of up to 300 characters, one after another, and its latency is what is reported, first with the
server idle, then under the long load. A long client refused with Retry-After waits that long, as a
real client would; the long answers are counted by status. --phiguard-python runs `phiguard serve` with another environment's
Python (another checkout, e.g. before a change) for the same comparison.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import statistics
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_latency import load_posts  # noqa: E402
from bench_load import free_port, start_server  # noqa: E402


def long_text(posts: list, max_bytes: int) -> str:
    text = "\n\n".join(posts * 4)
    while len(json.dumps({"text": text}, ensure_ascii=False).encode()) > max_bytes:
        text = text[:int(len(text) * 0.95)]
    return text


def call(conn_box: list, port: int, path: str, text: str) -> tuple[str, float, float]:
    """(status, milliseconds, Retry-After seconds or 0) for one request on the box's keep-alive
    connection; the status of an error carries its code ("503 server_busy")."""
    body = json.dumps({"text": text}, ensure_ascii=False).encode()
    began = time.perf_counter()
    status, retry_after = "0", 0.0
    try:
        conn_box[0].request("POST", path, body=body, headers={"Content-Type": "application/json"})
        response = conn_box[0].getresponse()
        payload = response.read()
        status, retry_after = str(response.status), float(response.getheader("Retry-After") or 0)
        if response.status != 200:
            with contextlib.suppress(ValueError, KeyError, TypeError):  # Presidio's server sends HTML errors
                status += " " + json.loads(payload)["error"]["code"]
        if response.getheader("Connection", "").lower() == "close":
            raise ConnectionResetError  # the server closed it: open another
    except (OSError, http.client.HTTPException):
        conn_box[0].close()
        conn_box[0] = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    return status, (time.perf_counter() - began) * 1000, retry_after


def small_run(port: int, posts: list, seconds: float, stop: threading.Event | None = None) -> list:
    box = [http.client.HTTPConnection("127.0.0.1", port, timeout=120)]
    out, i, end = [], 0, time.monotonic() + seconds
    while time.monotonic() < end:
        out.append(call(box, port, "/v1/analyze", posts[i % len(posts)])[:2])
        i += 1
    return out


def pct(values: list, q: float) -> float:
    values = sorted(values)
    return round(values[min(len(values) - 1, int(q * (len(values) - 1)))], 1)


def measure(command: list, threads: int, seconds: float, small_posts: list, long_posts: dict) -> dict:
    port = free_port()
    server = start_server(port, threads, [part.replace("{port}", str(port)) for part in command])
    try:
        small_run(port, small_posts[:50], 2)  # warm-up
        idle = small_run(port, small_posts, seconds / 3)
        stop, long_answers, lock = threading.Event(), [], threading.Lock()

        def long_client(path: str, text: str):
            box = [http.client.HTTPConnection("127.0.0.1", port, timeout=120)]
            while not stop.is_set():
                status, elapsed, retry_after = call(box, port, path, text)
                with lock:
                    long_answers.append((path, status, elapsed))
                stop.wait(retry_after)  # a refused client waits as it is told, as a real one would

        clients = [threading.Thread(target=long_client, args=(path, text))
                   for path, text in long_posts.items() for _ in range(2)]
        for t in clients:
            t.start()
        time.sleep(1)
        loaded = small_run(port, small_posts, seconds)
        stop.set()
        for t in clients:
            t.join(180)
    finally:
        server.terminate()
        server.wait(timeout=10)

    def summary(calls):
        ms = [elapsed for status, elapsed in calls if status == "200"]
        return {"n": len(calls), "ok": len(ms), "p50_ms": round(statistics.median(ms), 1) if ms else None,
                "p95_ms": pct(ms, 0.95) if ms else None, "max_ms": round(max(ms), 1) if ms else None}

    statuses = {}
    for path, status, _ in long_answers:
        statuses.setdefault(path, {}).setdefault(status, 0)
        statuses[path][status] += 1
    return {"small_idle": summary(idle), "small_under_long_load": summary(loaded), "long_answers": statuses,
                "long_p50_ms_answered": round(statistics.median(e for _, status, e in long_answers if status == "200"), 1)
            if any(status == "200" for _, status, _ in long_answers) else None}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=30, help="of short posts under load (a third of it idle first)")
    ap.add_argument("--threads", type=int, default=4, help="waitress threads (phiguard serve's default)")
    ap.add_argument("--phiguard-python", default=sys.executable)
    ap.add_argument("--engines", default="phiguard,presidio")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    posts = load_posts()
    small_posts = [p for p in posts if len(p) <= 300]
    long_posts = {"/v1/analyze": long_text(posts, 60000), "/v1/rewrite": long_text(posts, 60000)[:9000]}
    commands = {"phiguard": [a.phiguard_python, "-m", "phiguard", "serve", "--port", "{port}", "--threads", str(a.threads)],
                "presidio": [sys.executable, str(HERE / "presidio_server.py"), "{port}", str(a.threads)]}
    result = {"threads": a.threads, "long_chars": {p: len(t) for p, t in long_posts.items()}}
    for engine in a.engines.split(","):
        result[engine] = measure(commands[engine], a.threads, a.seconds, small_posts, long_posts)
    if a.json:
        print(json.dumps(result))
    else:
        print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
