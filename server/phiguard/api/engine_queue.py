"""One analysis at a time goes through spaCy and Presidio (PostAnalyzer's memory_zone lock); this
decides whose turn is next. A plain lock lets whichever thread wakes first win, so a long post's many
analyses can keep a tweet waiting for as long as they take. Here the shortest waiting text goes first,
and a request waits only as long as its budget allows."""

from __future__ import annotations

import heapq
import itertools
import threading
from contextlib import contextmanager


class EngineQueue:
    def __init__(self):
        self._cond = threading.Condition()
        self._busy = False
        self._waiting: list[tuple[int, int]] = []  # a heap of (text length, arrival order)
        self._arrival = itertools.count()

    @contextmanager
    def turn(self, size: int, budget):
        """Holds the engine for the body of the with-block; raises the budget's error when time runs out first."""
        ticket = (size, next(self._arrival))
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
