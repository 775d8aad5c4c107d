"""`phiguard native-host`: the HTTP API's operations over the browsers' native messaging.

The browser starts this process when the extension connects (runtime.connectNative) and talks to it on
stdin/stdout. A request is {"id": any, "op": "analyze"|"rewrite"|"policy"|"health", "text": str,
"site": optional str}; the answer is {"id": same, "result": <the HTTP 200 body>} or {"id": same,
"error": {"code", "message"}}, with the codes and messages of the HTTP API (api/operations.py,
api/read_request.py). There is no port: nothing but the browser that started the process can talk to it.

The engine (spaCy and the rules, seconds to load) is built once, on the first request that needs it,
by a worker thread, so "health" answers at once with state "starting" or "ready". Answers to analyze,
rewrite and policy come in the order they were asked; a health answer may overtake them.
"""

from __future__ import annotations

import logging
import os
import queue
import signal
import sys
import threading
import time

from .api import operations
from .api.errors import INTERNAL_ERROR, ApiError, error_body, log_internal_error, payload_too_large
from .api.read_request import parse_json_object
from .native_messaging import (
    MAX_TO_BROWSER,
    MessageTooLarge,
    Oversized,
    StreamClosed,
    UnreadableLength,
    encode_message,
    read_message,
)

log = logging.getLogger("phiguard.native_host")

HOST_NAME = "org.phiguard.engine"
ENGINE_OPS = ("analyze", "rewrite", "policy")
OPS = ENGINE_OPS + ("health",)
# Requests waiting for the engine at most: the extension asks after each pause in typing, so more than
# this means a client that does not wait for its answers.
MAX_PENDING = 32
FRAME_EXAMPLE = '{"id": 1, "op": "analyze", "text": "..."}'


class LazyEngine:
    """The PostAnalyzer for these settings, built on first use, once per process."""

    def __init__(self, settings: dict, build=None):
        self._settings = settings
        self._build = build or self._shared_analyzer
        self._analyzer = None
        self._error: ApiError | None = None
        self._lock = threading.Lock()

    def _shared_analyzer(self):
        from .app import shared_analyzer

        return shared_analyzer(self._settings["SPACY_MODEL"], self._settings["RULE_PACKS"])

    @property
    def state(self) -> str:
        return "ready" if self._analyzer is not None else "failed" if self._error else "starting"

    @property
    def loaded(self):
        return self._analyzer

    @property
    def error(self) -> ApiError | None:
        return self._error

    def analyzer(self):
        with self._lock:
            if self._analyzer is None and self._error is None:
                self._load()
            if self._error:
                raise self._error
            return self._analyzer

    def _load(self) -> None:
        from .config import ConfigError
        from .detection.offline_spacy_engine import ModelNotInstalled
        from .rules import RulePackError

        started = time.perf_counter()
        try:
            self._analyzer = self._build()
        except (ModelNotInstalled, RulePackError, ConfigError, OSError) as e:
            # These messages name a model, a file or a setting, never a post.
            self._error = ApiError(503, "engine_unavailable", f"PHI Guard's engine cannot start: {e}")
            log.error("engine failed to start: %s", e)
            return
        except Exception as e:
            self._error = ApiError(503, "engine_unavailable", "PHI Guard's engine cannot start.")
            log_internal_error(e)
            return
        log.info("engine ready in %.1f s (model %s)", time.perf_counter() - started, self._analyzer.model_name)


class NativeHost:
    def __init__(self, engine: LazyEngine, settings: dict, out, max_reply: int = MAX_TO_BROWSER,
                 max_pending: int = MAX_PENDING):
        self.engine = engine
        self.settings = settings
        self.limit = int(settings["MAX_CONTENT_LENGTH"])
        self._out = out
        self._out_lock = threading.Lock()
        self._out_closed = False
        self._max_reply = max_reply
        self._pending: queue.Queue = queue.Queue(max_pending)

    # ---- the operations ---------------------------------------------------------------------

    def health(self) -> dict:
        body = operations.health(self.engine.loaded)
        if self.engine.error:
            return {**body, "status": "error", "state": "failed", **error_body(self.engine.error.code,
                                                                               self.engine.error.message)}
        return body

    def answer(self, op: str, message: dict) -> dict:
        """The result of one engine operation (builds the engine if need be); raises ApiError."""
        if op == "analyze":
            return operations.analyze(message, self.engine.analyzer())
        if op == "rewrite":
            return operations.rewrite(message, self.engine.analyzer())
        # No token over native messaging: only the browser that started this process can reach it.
        return operations.policy(self.engine.analyzer(), self.settings["ENFORCEMENT"], False)

    # ---- the loop ---------------------------------------------------------------------------

    def run(self, stream) -> int:
        """Read requests from `stream` until the browser closes it; then finish what was asked, and return 0."""
        worker = threading.Thread(target=self._work, name="phiguard-engine", daemon=True)
        worker.start()
        try:
            while True:
                try:
                    raw = read_message(stream, self.limit)
                except StreamClosed as e:
                    log.info("%s; exiting", e)
                    break
                except UnreadableLength as e:
                    log.warning("%s; stopping", e)
                    self.send({"id": None, **error_body("invalid_frame", f"Unreadable message: {e}.")})
                    break
                if isinstance(raw, Oversized):
                    too_large = payload_too_large(self.limit, f"message ({raw.length} bytes)")
                    self.send({"id": None, **error_body(too_large.code, too_large.message)})
                    continue
                self.dispatch(raw)
        finally:
            self._pending.put(None)  # may block until the worker makes room: it will
            worker.join()
        return 0

    def dispatch(self, raw: bytes) -> None:
        try:
            message = parse_json_object(raw, "message", FRAME_EXAMPLE)
        except ApiError as e:
            self.send({"id": None, **error_body(e.code, e.message)})
            return
        request_id, op = message.get("id"), message.get("op")
        try:
            if op == "health":
                self.send({"id": request_id, "result": self.health()})
                return
            if op not in ENGINE_OPS:
                raise ApiError(400, "unknown_op", f"\"op\" must be one of {', '.join(OPS)}.")
            if op != "policy":
                operations.post_fields(message)  # a bad request is answered now, not after the engine loads
            self._pending.put_nowait((request_id, op, message))
        except ApiError as e:
            self.send({"id": request_id, **error_body(e.code, e.message)})
        except queue.Full:
            self.send({"id": request_id, **error_body("too_many_requests", f"More than {self._pending.maxsize} "
                                                      "requests are waiting; wait for their answers.")})

    def _work(self) -> None:
        while (item := self._pending.get()) is not None:
            request_id, op, message = item
            try:
                reply = {"id": request_id, "result": self.answer(op, message)}
            except ApiError as e:
                reply = {"id": request_id, **error_body(e.code, e.message)}
            except Exception as e:
                log_internal_error(e)
                reply = {"id": request_id, **error_body(INTERNAL_ERROR.code, INTERNAL_ERROR.message)}
            self.send(reply)

    def send(self, reply: dict) -> None:
        try:
            frame = encode_message(reply, self._max_reply)
        except MessageTooLarge as e:
            log.warning("an answer of %d bytes is over the %d a browser accepts", e.size, e.limit)
            frame = encode_message({"id": reply.get("id"), **error_body(
                "reply_too_large", f"The answer would be {e.size} bytes, more than the {e.limit} bytes a browser "
                "accepts from PHI Guard; check a shorter text.")}, self._max_reply)
        with self._out_lock:
            if self._out_closed:
                return
            try:
                self._out.write(frame)
                self._out.flush()
            except (BrokenPipeError, ValueError, OSError):  # the browser has gone; the loop will see EOF
                self._out_closed = True


def claim_stdio():
    """The protocol's own handles on stdin and stdout. Then fd 1 becomes a copy of stderr and fd 0 reads
    nothing, so that print(), a warning from a library in C or a child process cannot put a stray byte
    between two frames, or take one from the browser."""
    if os.name == "nt":
        import msvcrt

        msvcrt.setmode(0, os.O_BINARY)
        msvcrt.setmode(1, os.O_BINARY)
    requests = os.fdopen(os.dup(0), "rb", buffering=0)
    replies = os.fdopen(os.dup(1), "wb")
    try:
        os.dup2(2, 1)
    except OSError:  # no stderr (possible on Windows): discard instead
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    sys.stdout.flush()  # what was printed before now, still in the buffer, goes to stderr too
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    sys.stdout = sys.stderr
    sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 (for the life of the process)
    return requests, replies


def serve_native_messaging(overrides: dict | None = None, caller: list[str] | None = None) -> int:
    from .config import effective_settings

    settings = effective_settings(overrides)
    requests, replies = claim_stdio()
    # The browser may end a host it no longer needs with SIGTERM: exit at once, and cleanly.
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    log.info("%s started for %s", HOST_NAME, " ".join(caller or []) or "an unnamed caller")
    return NativeHost(LazyEngine(settings), settings, replies).run(requests)
