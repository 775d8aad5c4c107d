"""What one client can hold on the server as shipped (waitress): the port, the body size, connections."""

import json
import logging
import socket
import time
import urllib.error
import urllib.request

import pytest
from phiguard.cli import main, waitress_limits
from phiguard.config import DEFAULTS


def test_serve_on_a_port_in_use_says_so_in_one_line_and_exits_1(capsys, caplog):
    # Before: "listening on ..." was logged, then waitress died with an OSError traceback.
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with caplog.at_level(logging.INFO, logger="phiguard"):
            assert main(["serve", "--port", str(port), "--threads", "1"]) == 1
    err = capsys.readouterr().err.strip()
    assert err == (f"phiguard: port {port} is in use on 127.0.0.1 (another PHI Guard, or another program); "
                   f"try --port {port + 1}")
    assert not any("listening" in r.getMessage() for r in caplog.records)


def test_waitress_gets_the_configured_limits():
    # Before: waitress ran with its defaults: 1 GiB bodies, 100 connections, 120 s idle timeout.
    limits = waitress_limits({**DEFAULTS, "MAX_CONTENT_LENGTH": 1000, "CONNECTION_LIMIT": 7, "CHANNEL_TIMEOUT": 9})
    assert limits == {"max_request_body_size": 1001, "connection_limit": 7, "channel_timeout": 9, "cleanup_interval": 4}
    defaults = waitress_limits(DEFAULTS)
    assert defaults["max_request_body_size"] - 1 == DEFAULTS["MAX_CONTENT_LENGTH"] == 65536
    assert defaults["connection_limit"] > 100 and defaults["channel_timeout"] < 120


SLOW_CLIENTS = 4
CHANNEL_TIMEOUT = 2
# What tells the configured timeout from waitress's own (120 s) without timing the server: half of it.
NOT_WAITRESS_DEFAULT_S = 60


@pytest.fixture(scope="module")
def small_server(tmp_path_factory, serving):
    """A real `phiguard serve` that allows few connections and closes idle ones quickly."""
    directory = tmp_path_factory.mktemp("limits")
    config = directory / "phiguard.json"
    config.write_text(json.dumps({"connection_limit": SLOW_CLIENTS, "channel_timeout": CHANNEL_TIMEOUT}))
    with serving(directory, "--threads", "2", "--config", str(config)) as (port, _log):
        yield port


def test_an_oversized_body_is_refused_before_it_is_read(small_server):
    # Before: waitress waited for (and spooled to disk) up to 1 GiB before Flask could refuse it.
    with socket.create_connection(("127.0.0.1", small_server), timeout=5) as s:
        s.sendall(b"POST /v1/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 50000000\r\n\r\n{\"text\": \"")
        answer = s.recv(4096)  # a timeout here means the server is waiting for the 50 MB
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]


def _post_of_exactly(size: int, port: int) -> int:
    head = b'{"text": "'
    body = head + b"x" * (size - len(head) - 2) + b'"}'
    assert len(body) == size
    request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/analyze", data=body,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def test_a_body_of_exactly_the_limit_is_checked_and_one_byte_more_is_not(small_server):
    # Before: waitress refused a body of max_request_body_size bytes (it compares with >=), so a post
    # the extension sent at exactly the 64 KiB limit got 413 while Flask would have taken it.
    limit = DEFAULTS["MAX_CONTENT_LENGTH"]
    assert _post_of_exactly(limit, small_server) == 200
    assert _post_of_exactly(limit + 1, small_server) == 413


def test_slow_clients_are_dropped_and_the_server_answers_again(small_server):
    # A bounded slowloris: SLOW_CLIENTS sockets (the connection limit) send half a request and go quiet.
    # Before: waitress kept them for 120 s, and at 100 of them no one else was answered.
    started = time.monotonic()
    slow = [socket.create_connection(("127.0.0.1", small_server), timeout=NOT_WAITRESS_DEFAULT_S)
            for _ in range(SLOW_CLIENTS)]
    try:
        for s in slow:
            s.sendall(b"POST /v1/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 20\r\n")
        for s in slow:
            assert s.recv(1024) == b"", "the server should close an idle half-sent request"  # EOF, not a timeout
        closed_after = time.monotonic() - started
        with urllib.request.urlopen(f"http://127.0.0.1:{small_server}/healthz", timeout=5) as r:
            assert r.status == 200
    finally:
        for s in slow:
            s.close()
    # Load only ever adds time, so the lower bound is exact: they were kept for channel_timeout, not dropped at once.
    assert CHANNEL_TIMEOUT <= closed_after < NOT_WAITRESS_DEFAULT_S
