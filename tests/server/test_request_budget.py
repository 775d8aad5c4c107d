"""Issue 12, security 4: one engine shared by every request, without a long post holding it.

Before: one lock with no time budget; four 64 KB rewrites made a small analyze wait ~30 s, past the
extension's 15 s timeout. Now each request has a budget (503 + Retry-After when it runs out), the
shortest waiting text takes the engine next, long posts go through it in pieces, long requests at
once are capped, and whole-post rewrites have a size limit."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from phiguard.api.engine_queue import EngineQueue
from phiguard.api.long_post_analysis import QueuedAnalyzer, split_for_analysis
from phiguard.api.request_budget import Budget
from phiguard.app import create_app
from phiguard.config import DEFAULTS, from_environment

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SHORT = "My client Sandra, 81, keeps falling in her bathroom in Whitby."


def corpus_posts() -> list[str]:
    posts = []
    for path in sorted(CORPUS.glob("*.txt")):
        posts += [line.replace("\\n", "\n") for line in path.read_text(encoding="utf-8").splitlines()
                  if line.strip() and not line.startswith("#") and ":" not in line[:6]]
    return posts


def post_json(client, path, text):
    return client.post(path, json={"text": text})


# ---- splitting ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "\n\n".join(f"Paragraph {i}. " + "word " * 150 for i in range(40)),
    "One sentence after another. " * 900,
    "x" * 9000 + " tail",
    "line one\nline two\n" * 700,
    "😀" * 5000,
])
def test_pieces_join_back_into_the_post_and_stay_within_the_bound(text):
    pieces = split_for_analysis(text, 4000)
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= 4000 for _, piece in pieces)
    assert [offset for offset, _ in pieces] == [sum(len(p) for _, p in pieces[:i]) for i in range(len(pieces))]
    assert len(pieces) > 1


def test_pieces_end_at_the_best_break_in_reach():
    text = "\n\n".join(["A sentence. " * 30] * 20)  # paragraphs of 360 characters
    pieces = split_for_analysis(text, 1000)
    assert all(piece.endswith("\n\n") for _, piece in pieces[:-1])
    no_paragraphs = "A sentence. " * 300
    assert all(piece.endswith(". ") for _, piece in split_for_analysis(no_paragraphs, 1000)[:-1])


def test_a_post_within_the_bound_is_one_piece():
    assert split_for_analysis(SHORT, 4000) == [(0, SHORT)]


# ---- the long-post path gives the whole post's answer ---------------------------------------------

@pytest.mark.slow
def test_a_long_post_in_pieces_is_assessed_like_the_whole_post(analyzer):
    posts = corpus_posts()
    text = "\n\n".join(posts)[:20000]
    whole = analyzer.analyze(text)
    pieces = QueuedAnalyzer(analyzer, EngineQueue(), Budget(120), 4000).analyze(text)
    assert len(split_for_analysis(text, 4000)) >= 5
    assert pieces.risk == whole.risk
    assert pieces.findings == whole.findings


@pytest.mark.slow
def test_client_context_in_one_piece_counts_for_a_detail_in_another(analyzer):
    # Risk is assessed on the whole post: the pieces are only how spaCy and Presidio read it.
    filler = "\n\n".join(["Thanks to everyone who came to the study day on falls prevention."] * 60)
    text = "I have a client with PTSD.\n\n" + filler + "\n\nShe lives in Whitby and is 81."
    pieces = QueuedAnalyzer(analyzer, EngineQueue(), Budget(120), 1000).analyze(text)
    whole = analyzer.analyze(text)
    assert len(split_for_analysis(text, 1000)) >= 3
    assert (pieces.risk, pieces.findings) == (whole.risk, whole.findings)
    flagged = {text[f.start:f.end]: f.severity for f in pieces.findings}
    assert flagged.get("I have a client") and flagged.get("Whitby") == "medium"


# ---- the engine queue -----------------------------------------------------------------------

def test_the_shortest_waiting_text_takes_the_engine_next():
    queue, order, started = EngineQueue(), [], []
    hold = threading.Event()

    def first():
        with queue.turn(10, Budget(30)):
            started.append(1)
            hold.wait(10)

    def waiter(size):
        with queue.turn(size, Budget(30)):
            order.append(size)

    holder = threading.Thread(target=first)
    holder.start()
    while not started:
        time.sleep(0.01)
    waiters = []
    for size in (60000, 4000, 70):  # the longest arrives first
        waiters.append(threading.Thread(target=waiter, args=(size,)))
        waiters[-1].start()
        while queue.waiting() < len(waiters):
            time.sleep(0.01)
    hold.set()
    for t in [holder, *waiters]:
        t.join(10)
    assert order == [70, 4000, 60000]


def test_a_long_wait_outranks_a_shorter_text_so_long_posts_are_not_starved():
    now = [100.0]
    queue, order, hold, started = EngineQueue(clock=lambda: now[0]), [], threading.Event(), threading.Event()

    def holder():
        with queue.turn(1, Budget(30)):
            started.set()
            hold.wait(10)

    def waiter(size):
        with queue.turn(size, Budget(30)):
            order.append(size)

    threads = [threading.Thread(target=holder)]
    threads[0].start()
    started.wait(5)
    for size, at in ((3000, 100.0), (3001, 100.5), (50, 102.0)):  # the piece has waited 2 s when the tweet comes
        now[0] = at
        threads.append(threading.Thread(target=waiter, args=(size,)))
        threads[-1].start()
        while queue.waiting() < len(threads) - 1:
            time.sleep(0.01)
    hold.set()
    for t in threads:
        t.join(10)
    assert order == [3000, 3001, 50]


def test_a_wait_ends_when_the_budget_does():
    queue, hold, started = EngineQueue(), threading.Event(), threading.Event()

    def holder():
        with queue.turn(1, Budget(30)):
            started.set()
            hold.wait(10)

    t = threading.Thread(target=holder)
    t.start()
    started.wait(5)
    began = time.monotonic()
    with pytest.raises(Exception) as raised, queue.turn(1, Budget(0.3)):
        pass
    # Load only ever adds time, so a lower bound cannot flake: the request waited out its budget...
    assert time.monotonic() - began >= 0.3
    # ...and gave up while the engine was still held, so the budget ended the wait, not the engine coming free.
    assert not hold.is_set() and t.is_alive()
    assert (raised.value.status, raised.value.code) == (503, "over_time_budget")
    assert queue.waiting() == 0, "a request that gave up leaves the queue"
    hold.set()
    t.join(10)
    with queue.turn(1, Budget(1)):  # and the engine is free again
        pass


# ---- over HTTP --------------------------------------------------------------------------------

@pytest.fixture()
def budget_app():
    return create_app({"TESTING": True, "REQUEST_BUDGET": 0.5, "LONG_REQUESTS": 1, "REWRITE_MAX_CHARS": 300})


@pytest.mark.slow
def test_a_request_out_of_time_gets_503_with_retry_after_not_a_hung_request(budget_app):
    scheduler = budget_app.extensions["phiguard"].scheduler
    client = budget_app.test_client()
    # This thread holds the engine until the request returns, so only the budget can end the request's wait.
    with scheduler.queue.turn(0, Budget(60)):
        began = time.monotonic()
        response = post_json(client, "/v1/analyze", SHORT)
        elapsed = time.monotonic() - began
    assert response.status_code == 503
    assert response.get_json()["error"]["code"] == "over_time_budget"
    assert "0.5 s" in response.get_json()["error"]["message"]
    assert int(response.headers["Retry-After"]) >= 1
    assert elapsed >= 0.5, "it waited its turn for the whole budget before giving up"
    assert post_json(client, "/v1/analyze", SHORT).status_code == 200


@pytest.mark.slow
def test_long_requests_beyond_the_cap_are_refused_at_once_and_short_ones_still_served(budget_app):
    scheduler = budget_app.extensions["phiguard"].scheduler
    client = budget_app.test_client()
    long_post = "We met again today. " * 250  # over ANALYSIS_CHUNK_CHARS
    with scheduler.request(long_post):  # the only long slot, taken
        refused = post_json(client, "/v1/analyze", long_post)
        served = post_json(client, "/v1/analyze", SHORT)
    # server_busy, not over_time_budget: refused on arrival (the scheduler never waits for a long slot),
    # not after waiting out a budget.
    assert refused.status_code == 503 and refused.get_json()["error"]["code"] == "server_busy"
    assert int(refused.headers["Retry-After"]) >= 1
    assert served.status_code == 200 and served.get_json()["risk"] == "high"
    assert post_json(client, "/v1/analyze", long_post).status_code == 200  # the slot came back


@pytest.mark.slow
def test_rewrite_refuses_a_post_over_its_limit_with_a_clear_error():
    client = create_app({"TESTING": True, "REWRITE_MAX_CHARS": 300}).test_client()
    response = post_json(client, "/v1/rewrite", SHORT + " " + "x" * 300)
    assert response.status_code == 413
    body = response.get_json()["error"]
    assert body["code"] == "text_too_long" and "300 characters" in body["message"]
    assert post_json(client, "/v1/rewrite", SHORT).status_code == 200
    # Analysis has no such limit below the body size.
    assert post_json(client, "/v1/analyze", SHORT + " " + "x" * 300).status_code == 200


def test_the_budget_settings_come_from_the_environment():
    settings = from_environment({"PHIGUARD_REQUEST_BUDGET": "2.5", "PHIGUARD_ANALYSIS_CHUNK_CHARS": "3000",
                                 "PHIGUARD_LONG_REQUESTS": "3", "PHIGUARD_REWRITE_MAX_CHARS": "5000"})
    assert settings == {"REQUEST_BUDGET": 2.5, "ANALYSIS_CHUNK_CHARS": 3000, "LONG_REQUESTS": 3,
                        "REWRITE_MAX_CHARS": 5000}
    assert DEFAULTS["REQUEST_BUDGET"] < 15, "below the extension's wait for a check"
    assert DEFAULTS["ANALYSIS_CHUNK_CHARS"] >= 3000, "a LinkedIn post (3,000 characters) goes whole"
