"""phiguard native-host: the framing, and the API's operations, codes and bodies over native messaging.

These drive NativeHost on in-memory streams; test_native_host_process.py runs the real command.
"""

from __future__ import annotations

import io
import json
import logging
import os
import struct
import sys
import threading
import time

import pytest
from phiguard.api.errors import ApiError
from phiguard.config import DEFAULTS
from phiguard.native_host import LazyEngine, NativeHost
from phiguard.native_messaging import (
    HEADER,
    MAX_FROM_BROWSER,
    MAX_TO_BROWSER,
    MessageTooLarge,
    Oversized,
    StreamClosed,
    UnreadableLength,
    encode_message,
    read_message,
)

POSTS = [
    "My client Sandra, 81, keeps falling in her bathroom in Whitby. Grab rails or a wet room?",
    "I have a client with PTSD and am wondering what interventions might help?",
    "Lost one of my favourite patients today. Edna, 97, you were a legend. RIP ❤️",
    "😀😀 My client Sandra 😀, 81, lives in Whitby 👍",
    "Thanks to Dr. Anita Rao for a fantastic keynote at the social work conference in Glasgow today.",
    "",
]


def frame(message) -> bytes:
    payload = message if isinstance(message, bytes) else json.dumps(message).encode("utf-8")
    return struct.pack("=I", len(payload)) + payload


def frames_in(data: bytes) -> list:
    """Every frame in `data`, which must hold nothing else."""
    out, offset = [], 0
    while offset < len(data):
        (length,) = struct.unpack_from("=I", data, offset)
        out.append(json.loads(data[offset + 4:offset + 4 + length].decode("utf-8")))
        offset += 4 + length
    assert offset == len(data), "stdout holds bytes that are not a frame"
    return out


class Trickle(io.RawIOBase):
    """A pipe that hands over `step` bytes at a time, as a real one may."""

    def __init__(self, data: bytes, step: int = 1):
        self._data, self._pos, self._step = data, 0, step

    def readable(self):
        return True

    def read(self, n=-1):
        n = self._step if n < 0 else min(n, self._step)
        chunk = self._data[self._pos:self._pos + n]
        self._pos += len(chunk)
        return chunk


SETTINGS = dict(DEFAULTS)


@pytest.fixture()
def host(analyzer):
    def make(settings=None, build=None, **kwargs):
        settings = {**SETTINGS, **(settings or {})}
        out = io.BytesIO()
        return NativeHost(LazyEngine(settings, build or (lambda: analyzer)), settings, out, **kwargs), out

    return make


def exchange(host_and_out, *messages, stream=None) -> list:
    host, out = host_and_out
    assert host.run(stream or io.BytesIO(b"".join(frame(m) for m in messages))) == 0
    return frames_in(out.getvalue())


# ---- framing -------------------------------------------------------------------------------

def test_the_length_is_32_bits_in_the_machines_byte_order():
    data = encode_message({"id": 1})
    assert data[:4] == len(b'{"id":1}').to_bytes(4, sys.byteorder) and data[4:] == b'{"id":1}'
    assert HEADER.size == 4


def test_a_message_is_utf8_json_and_reads_back():
    message = {"id": "x", "result": {"text": "Zoë ❤️ 😀"}}
    data = encode_message(message)
    assert "Zoë".encode() in data  # UTF-8, not \\u escapes
    assert json.loads(read_message(io.BytesIO(data), 1000)) == message


def test_a_lone_surrogate_is_sent_escaped():
    data = encode_message({"text": "a\ud800b"})
    assert json.loads(data[4:]) == {"text": "a\ud800b"}


@pytest.mark.parametrize("step", [1, 3, 7])
def test_partial_reads_are_put_together(step):
    data = encode_message({"id": 1, "text": "x" * 50}) + encode_message({"id": 2})
    stream = Trickle(data, step)
    assert json.loads(read_message(stream, 1000))["id"] == 1
    assert json.loads(read_message(stream, 1000)) == {"id": 2}
    with pytest.raises(StreamClosed):
        read_message(stream, 1000)


def test_an_oversized_message_is_skipped_and_the_next_one_read():
    stream = io.BytesIO(frame({"text": "x" * 2000}) + frame({"id": 2}))
    skipped = read_message(stream, 1000)
    assert isinstance(skipped, Oversized) and skipped.length > 2000
    assert json.loads(read_message(stream, 1000)) == {"id": 2}


@pytest.mark.parametrize("data", [b"", b"\x01", b"\x01\x00\x00", frame({"id": 1})[:-1]],
                         ids=["empty", "1 byte", "3 bytes", "short payload"])
def test_a_closed_pipe_ends_the_stream(data):
    with pytest.raises(StreamClosed):
        read_message(io.BytesIO(data), 1000)


def test_a_length_no_browser_sends_is_unreadable():
    with pytest.raises(UnreadableLength):
        read_message(io.BytesIO(struct.pack("=I", MAX_FROM_BROWSER + 1) + b"{}"), 1000)


def test_a_message_to_the_browser_over_1_mb_is_refused():
    assert MAX_TO_BROWSER == 1024 * 1024
    encode_message({"t": "x" * (MAX_TO_BROWSER - 20)})
    with pytest.raises(MessageTooLarge):
        encode_message({"t": "x" * MAX_TO_BROWSER})


# ---- the same operations as the HTTP API -----------------------------------------------------

@pytest.mark.parametrize("text", POSTS)
def test_analyze_and_rewrite_give_the_http_bodies(host, client, text):
    replies = exchange(host(), {"id": 1, "op": "analyze", "text": text, "site": "facebook"},
                       {"id": "two", "op": "rewrite", "text": text})
    assert replies == [
        {"id": 1, "result": client.post("/v1/analyze", json={"text": text, "site": "facebook"}).get_json()},
        {"id": "two", "result": client.post("/v1/rewrite", json={"text": text}).get_json()},
    ]


def test_offsets_are_utf16_code_units(host):
    text = "😀😀 My client Sandra 😀, 81, lives in Whitby"
    [reply] = exchange(host(), {"id": 1, "op": "analyze", "text": text})
    units = text.encode("utf-16-le")
    names = [units[f["start"] * 2:f["end"] * 2].decode("utf-16-le") for f in reply["result"]["findings"]]
    assert "Sandra" in names and "Whitby" in names


def test_policy_gives_the_http_body(host, client):
    replies = sorted(exchange(host(), {"id": 1, "op": "policy"}, {"id": 2, "op": "health"}), key=lambda r: r["id"])
    policy = client.get("/v1/policy").get_json()
    # No token over native messaging: only the browser that started the host can reach it.
    assert replies[0] == {"id": 1, "result": {**policy, "auth_required": False}}
    assert replies[1]["result"]["status"] == "ok" and replies[1]["result"]["version"] == policy["version"]


def test_health_says_ready_once_the_engine_is_built(host, client):
    made = host()
    exchange(made, {"id": 1, "op": "analyze", "text": "hi"})
    made[1].seek(0)
    made[1].truncate()
    assert exchange(made, {"id": 2, "op": "health"}) == [{"id": 2, "result": client.get("/healthz").get_json()}]
    assert client.get("/healthz").get_json()["state"] == "ready"


@pytest.mark.parametrize("request_id", [None, 0, "abc", [1, 2], {"tab": 3, "n": 1}])
def test_any_id_comes_back_as_it_was(host, request_id):
    [reply] = exchange(host(), {"id": request_id, "op": "health"})
    assert reply["id"] == request_id


# ---- errors, with the HTTP API's codes -------------------------------------------------------

@pytest.mark.parametrize("message,body", [
    ({"id": 7, "op": "analyze"}, {}),
    ({"id": 7, "op": "analyze", "text": 5}, {"text": 5}),
    ({"id": 7, "op": "analyze", "text": None}, {"text": None}),
    ({"id": 7, "op": "rewrite", "text": ["a"]}, {"text": ["a"]}),
    ({"id": 7, "op": "analyze", "text": "hi", "site": 3}, {"text": "hi", "site": 3}),
    ({"id": 7, "op": "rewrite", "text": "hi", "site": False}, {"text": "hi", "site": False}),
])
def test_bad_fields_get_the_http_apis_error(host, client, message, body):
    [reply] = exchange(host(), message)
    http = client.post(f"/v1/{message['op']}", json=body)
    assert http.status_code == 400
    assert reply == {"id": 7, **http.get_json()}


@pytest.mark.parametrize("payload,code", [
    (b'{"id": 1, "op": "analyze", "text": "Sandra', "invalid_json"),
    (b"\xff\xfe{}", "invalid_json"),
    (b'{"id": 1, "op": "analyze", "text": NaN}', "invalid_json"),
    (b"", "invalid_json"),
    (b"[1, 2]", "invalid_body"),
    (b'"analyze"', "invalid_body"),
    (b"[" * 60000, "invalid_json"),  # deeper than the parser goes
])
def test_malformed_messages_are_answered_with_an_error(host, payload, code):
    replies = exchange(host(), payload, {"id": 2, "op": "health"})
    assert replies[0]["id"] is None and set(replies[0]) == {"id", "error"}
    assert replies[0]["error"]["code"] == code and replies[0]["error"]["message"]
    assert replies[1]["id"] == 2 and replies[1]["result"]["status"] == "ok"  # the host carries on


@pytest.mark.parametrize("op", [None, "Analyze", "delete", 3, ["analyze"]])
def test_an_unknown_op_is_an_error(host, op):
    message = {"id": 9, "text": "hi"} if op is None else {"id": 9, "op": op, "text": "hi"}
    [reply] = exchange(host(), message)
    assert reply["id"] == 9 and reply["error"]["code"] == "unknown_op"
    assert "analyze, rewrite, policy, health" in reply["error"]["message"]


def test_an_oversized_message_is_answered_and_the_host_carries_on(host):
    replies = exchange(host({"MAX_CONTENT_LENGTH": 1000}), {"id": 1, "op": "analyze", "text": "x" * 2000},
                       {"id": 2, "op": "analyze", "text": "hello"})
    assert replies[0] == {"id": None, "error": {"code": "payload_too_large", "message": replies[0]["error"]["message"]}}
    assert "1000 bytes" in replies[0]["error"]["message"]
    assert replies[1]["id"] == 2 and replies[1]["result"]["risk"] == "none"


def test_the_frame_limit_is_the_http_body_limit(host):
    made, _ = host()
    assert made.limit == DEFAULTS["MAX_CONTENT_LENGTH"] == 64 * 1024


def test_an_unreadable_length_ends_the_host_cleanly(host):
    data = frame({"id": 1, "op": "health"}) + struct.pack("=I", MAX_FROM_BROWSER + 1) + b"{}" + frame({"id": 3, "op": "health"})
    replies = exchange(host(), stream=io.BytesIO(data))
    assert [r["id"] for r in replies] == [1, None] and replies[1]["error"]["code"] == "invalid_frame"


@pytest.mark.parametrize("tail", [b"", b"\x05\x00", frame({"id": 2, "op": "health"})[:-3]],
                         ids=["at a boundary", "inside a length", "inside a message"])
def test_a_closed_pipe_is_a_clean_exit(host, tail):
    replies = exchange(host(), stream=io.BytesIO(frame({"id": 1, "op": "analyze", "text": "hello"}) + tail))
    assert [r["id"] for r in replies] == [1]  # what was asked before is still answered


def test_partial_reads_from_the_browser(host, client):
    data = frame({"id": 1, "op": "analyze", "text": POSTS[0]}) + frame({"id": 2, "op": "health"})
    replies = exchange(host(), stream=Trickle(data, 1))
    assert {r["id"] for r in replies} == {1, 2}
    assert next(r for r in replies if r["id"] == 1)["result"] == client.post("/v1/analyze", json={"text": POSTS[0]}).get_json()


def test_an_answer_over_1_mb_becomes_an_error(host):
    [reply] = exchange(host(max_reply=600), {"id": 4, "op": "analyze", "text": POSTS[0]})
    assert reply["id"] == 4 and reply["error"]["code"] == "reply_too_large"
    assert "600 bytes" in reply["error"]["message"]


def test_a_browser_that_stops_reading_does_not_crash_the_host(analyzer):
    class Gone(io.RawIOBase):
        def writable(self):
            return True

        def write(self, b):
            raise BrokenPipeError(32, "Broken pipe")

    host = NativeHost(LazyEngine(SETTINGS, lambda: analyzer), SETTINGS, Gone())
    assert host.run(io.BytesIO(frame({"id": 1, "op": "analyze", "text": "hi"}) + frame({"id": 2, "op": "health"}))) == 0


def test_an_internal_error_is_answered_without_the_text(host, caplog):
    class Broken:
        model_name = "broken"

        def analyze(self, text):
            raise RuntimeError(f"failed on {text}")

    caplog.set_level(logging.DEBUG)
    [reply] = exchange(host(build=Broken), {"id": 1, "op": "analyze", "text": POSTS[0]})
    assert reply == {"id": 1, "error": {"code": "internal_error", "message": "The server could not process this request."}}
    assert "Sandra" not in caplog.text


def test_an_engine_that_cannot_start_says_why(host):
    from phiguard.detection.offline_spacy_engine import ModelNotInstalled

    def missing():
        raise ModelNotInstalled("spaCy model 'en_core_web_xx' is not installed.")

    replies = exchange(host(build=missing), {"id": 1, "op": "analyze", "text": "hi"}, {"id": 2, "op": "rewrite", "text": "hi"})
    assert [r["error"]["code"] for r in replies] == ["engine_unavailable"] * 2
    assert "en_core_web_xx" in replies[0]["error"]["message"]
    made, out = host(build=missing)
    made.engine._error = ApiError(503, "engine_unavailable", "no model")
    assert exchange((made, out), {"id": 3, "op": "health"})[0]["result"]["state"] == "failed"


# ---- the engine loads once, lazily, while health answers -----------------------------------

class PipeHost:
    """A NativeHost running in a thread on real pipes, with an engine that starts when told to."""

    def __init__(self, analyzer, **kwargs):
        self.release, self.builds = threading.Event(), 0

        def build():
            self.builds += 1
            self.release.wait(30)
            return analyzer

        r_in, self._w_in = os.pipe()
        self._r_out, w_out = os.pipe()
        self.host = NativeHost(LazyEngine(SETTINGS, build), SETTINGS, os.fdopen(w_out, "wb"), **kwargs)
        self._in = os.fdopen(self._w_in, "wb")
        self._out = os.fdopen(self._r_out, "rb")
        self.status = None
        self.thread = threading.Thread(target=lambda: setattr(self, "status", self.host.run(os.fdopen(r_in, "rb", 0))))
        self.thread.start()

    def send(self, message):
        self._in.write(frame(message))
        self._in.flush()

    def receive(self):
        (length,) = struct.unpack("=I", self._out.read(4))
        return json.loads(self._out.read(length))

    def close(self):
        self.release.set()
        self._in.close()
        self.thread.join(30)
        return self.status


def test_health_answers_while_the_engine_loads(analyzer):
    pipe = PipeHost(analyzer)
    pipe.send({"id": 1, "op": "analyze", "text": POSTS[0]})
    pipe.send({"id": 2, "op": "health"})
    assert pipe.receive() == {"id": 2, "result": {"status": "ok", "version": "0.1.0", "model": None, "state": "starting"}}
    pipe.release.set()
    assert pipe.receive()["result"]["risk"] == "high"
    pipe.send({"id": 3, "op": "health"})
    assert pipe.receive()["result"]["state"] == "ready"
    for i in range(4, 8):
        pipe.send({"id": i, "op": "analyze", "text": "hello"})
    assert [pipe.receive()["id"] for _ in range(4)] == [4, 5, 6, 7]  # in the order asked
    assert pipe.close() == 0
    assert pipe.builds == 1


def test_a_client_that_does_not_wait_is_told_so(analyzer):
    pipe = PipeHost(analyzer, max_pending=2)
    pipe.send({"id": 1, "op": "analyze", "text": "hello"})
    deadline = time.monotonic() + 10
    while not pipe.builds and time.monotonic() < deadline:  # the worker has taken 1 and waits for the engine
        time.sleep(0.01)
    for i in range(2, 5):
        pipe.send({"id": i, "op": "analyze", "text": "hello"})
    # 1 is with the worker (waiting for the engine), 2 and 3 wait, 4 is one too many.
    assert pipe.receive() == {"id": 4, "error": {"code": "too_many_requests",
                                                 "message": "More than 2 requests are waiting; wait for their answers."}}
    pipe.release.set()
    assert sorted(pipe.receive()["id"] for _ in range(3)) == [1, 2, 3]
    assert pipe.close() == 0


def test_no_post_text_in_any_log(host, caplog):
    caplog.set_level(logging.DEBUG)
    for name in ("", "phiguard", "presidio-analyzer", "presidio-anonymizer"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    exchange(host(), *[{"id": i, "op": op, "text": t} for i, t in enumerate(POSTS) for op in ("analyze", "rewrite")],
             b'{"id": 1, "op": "analyze", "text": "Sandra', {"id": 2, "op": "analyse", "text": "Whitby Sandra"})
    assert any(r.name == "phiguard.api" for r in caplog.records)
    for secret in ("Sandra", "Whitby", "bathroom", "Edna", "PTSD"):
        assert secret not in caplog.text
