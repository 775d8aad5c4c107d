"""One analysis at a time goes through spaCy and Presidio (PostAnalyzer's memory_zone lock); this
decides whose turn is next. A plain lock lets whichever thread wakes first win, so a long post's many
analyses can keep a tweet waiting for as long as they take. Here the shortest waiting text goes first,
and a request waits only as long as its budget allows. Waiting counts as if the text were shorter by
AGING_CHARS_PER_S for each second waited, so a long post's pieces are not held back for ever by a
stream of short posts: a 3,000-character piece that has waited 1.5 s goes before a new tweet."""

from __future__ import annotations

import heapq
import itertools
import threading
import time
from contextlib import contextmanager

AGING_CHARS_PER_S = 2000


class EngineQueue:
    def __init__(self, clock=time.monotonic):
        self._cond = threading.Condition()
        self._busy = False
        # A heap of (length + AGING_CHARS_PER_S × arrival time, arrival order): "length less what the
        # wait is worth" orders tickets the same way at any moment, so the key can be fixed on arrival.
        self._waiting: list[tuple[float, int]] = []
        self._arrival = itertools.count()
        self._clock = clock

    @contextmanager
    def turn(self, size: int, budget):
        """Holds the engine for the body of the with-block; raises the budget's error when time runs out first."""
        ticket = (size + AGING_CHARS_PER_S * self._clock(), next(self._arrival))
        with self._cond:
            heapq.heappush(self._waiting, ticket)
            try:
                while self._busy or self._waiting[0] != ticket:
                    remaining = budget.remaining()
                    if remaining <= 0:
                        budget.check()
                    self._cond.wait(remaining)
            except BaseException:
                self._waiting.remove(ticket)
                heapq.heapify(self._waiting)
                self._cond.notify_all()  # the next in line may be waiting behind this ticket
                raise
            heapq.heappop(self._waiting)
            self._busy = True
        try:
            yield
        finally:
            with self._cond:
                self._busy = False
                self._cond.notify_all()

    def waiting(self) -> int:
        with self._cond:
            return len(self._waiting)
