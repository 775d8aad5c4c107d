"""`python -m phiguard native-host` as a browser runs it: frames on real pipes, nothing else on stdout,
no post text on stderr, exit 0 when the pipe closes, and no port open."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CHROME_ORIGIN = "chrome-extension://gfndljdmplkkpabcdkanfdchleockfhp/"
POST = "My client Sandra, 81, keeps falling in her bathroom in Whitby. Grab rails or a wet room?"


class Host:
    def __init__(self, *args, command=None):
        self.proc = subprocess.Popen(command or [sys.executable, "-m", "phiguard", "native-host", *args],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def send(self, message):
        payload = json.dumps(message).encode("utf-8")
        self.proc.stdin.write(struct.pack("=I", len(payload)) + payload)
        self.proc.stdin.flush()

    def receive(self):
        header = self.proc.stdout.read(4)
        assert len(header) == 4, self.proc.stderr.read().decode(errors="replace")[-2000:]
        (length,) = struct.unpack("=I", header)
        return json.loads(self.proc.stdout.read(length).decode("utf-8"))

    def ask(self, message):
        self.send(message)
        return self.receive()

    def close(self):
        self.proc.stdin.close()
        code = self.proc.wait(60)
        rest, err = self.proc.stdout.read(), self.proc.stderr.read().decode("utf-8", errors="replace")
        return code, rest, err


@pytest.mark.parametrize("args", [
    [CHROME_ORIGIN, "--parent-window=0"],                          # Chrome and Edge (--parent-window on Windows)
    ["/home/u/.mozilla/native-messaging-hosts/org.phiguard.engine.json", "phiguard@phiguard.org"],  # Firefox
], ids=["chrome", "firefox"])
def test_the_command_answers_frames_like_the_http_api(args, client):
    host = Host(*args)
    health = host.ask({"id": 1, "op": "health"})
    assert health["id"] == 1 and health["result"]["status"] == "ok"
    assert host.ask({"id": 2, "op": "analyze", "text": POST}) == {
        "id": 2, "result": client.post("/v1/analyze", json={"text": POST}).get_json()}
    assert host.ask({"id": 3, "op": "rewrite", "text": POST}) == {
        "id": 3, "result": client.post("/v1/rewrite", json={"text": POST}).get_json()}
    assert host.ask({"id": 4, "op": "health"})["result"] == client.get("/healthz").get_json()
    assert host.ask({"id": 5, "op": "analyze"})["error"]["code"] == "missing_text"
    code, rest, err = host.close()
    assert (code, rest) == (0, b"")
    for secret in ("Sandra", "Whitby", "bathroom"):
        assert secret not in err
    assert "Traceback" not in err


def test_stray_output_goes_to_stderr_not_between_frames():
    # Whatever writes to stdout inside the host (print, a C library writing to fd 1) must not corrupt a frame.
    script = (
        "import os, sys\n"
        "from phiguard.api import operations\n"
        "real = operations.analyze\n"
        "def noisy(body, analyzer):\n"
        "    print('stray print')\n"
        "    os.write(1, b'stray fd write\\n')\n"
        "    return real(body, analyzer)\n"
        "operations.analyze = noisy\n"
        "from phiguard.cli import main\n"
        "sys.exit(main(['native-host']))\n"
    )
    host = Host(command=[sys.executable, "-c", script])
    assert host.ask({"id": 1, "op": "analyze", "text": "hello"})["result"]["risk"] == "none"
    code, rest, err = host.close()
    assert code == 0 and rest == b""
    assert "stray print" in err and "stray fd write" in err


def test_a_malformed_frame_then_a_closed_pipe(tmp_path):
    host = Host(CHROME_ORIGIN)
    host.proc.stdin.write(struct.pack("=I", 5) + b"nope!")
    host.proc.stdin.flush()
    assert host.receive() == {"id": None, "error": {"code": "invalid_json", "message": "The message is not valid JSON."}}
    host.proc.stdin.write(b"\x07\x00")  # the browser goes away in the middle of a length
    code, rest, err = host.close()
    assert (code, rest) == (0, b"") and "Traceback" not in err


def test_an_unreadable_length_is_a_clean_exit():
    host = Host(CHROME_ORIGIN)
    host.proc.stdin.write(b"\xff\xff\xff\xff")
    host.proc.stdin.flush()
    assert host.receive()["error"]["code"] == "invalid_frame"
    assert host.proc.wait(30) == 0


def _listening_tcp_inodes() -> set[str]:
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A":  # TCP_LISTEN
                inodes.add(fields[9])
    return inodes


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


@pytest.mark.skipif(not os.path.exists("/proc/net/tcp"), reason="needs Linux /proc")
def test_no_tcp_port_is_listening():
    host = Host(CHROME_ORIGIN)
    assert host.ask({"id": 1, "op": "analyze", "text": POST})["result"]["risk"] == "high"  # the engine is up
    assert host.ask({"id": 2, "op": "rewrite", "text": POST})["result"]["suggestions"]
    pid = host.proc.pid
    # The check itself works: a socket this test listens on is seen.
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        probe.listen()
        assert _socket_inodes(os.getpid()) & _listening_tcp_inodes()
    assert _socket_inodes(pid) & _listening_tcp_inodes() == set()
    assert _socket_inodes(pid) == set()  # no socket of any kind
    assert host.close()[0] == 0
