"""How the HTTP server shares its one engine between requests: a time budget per request, the engine
queue (shortest text first), long posts in pieces, and a cap on how many long requests run at once,
so that long posts cannot hold every waitress thread while short ones wait for a thread."""

from __future__ import annotations

import threading
from contextlib import contextmanager

from .engine_queue import EngineQueue
from .long_post_analysis import QueuedAnalyzer
from .request_budget import Budget, server_busy


class AnalysisScheduler:
    def __init__(self, analyzer, budget_s: float, chunk_chars: int, long_requests: int):
        self.analyzer, self.budget_s, self.chunk_chars = analyzer, float(budget_s), int(chunk_chars)
        self.queue = EngineQueue()
        self._long_slots = threading.BoundedSemaphore(max(1, int(long_requests)))

    @classmethod
    def from_config(cls, analyzer, config) -> AnalysisScheduler:
        return cls(analyzer, config["REQUEST_BUDGET"], config["ANALYSIS_CHUNK_CHARS"], config["LONG_REQUESTS"])

    @contextmanager
    def request(self, text: str):
        """The analyzer one request uses. A long post waits for no slot: when every slot is taken it is
        refused at once (503, Retry-After), because waiting would hold a thread a short post needs."""
        long = len(text) > self.chunk_chars
        if long and not self._long_slots.acquire(blocking=False):
            raise server_busy()
        try:
            yield QueuedAnalyzer(self.analyzer, self.queue, Budget(self.budget_s), self.chunk_chars)
        finally:
            if long:
                self._long_slots.release()
