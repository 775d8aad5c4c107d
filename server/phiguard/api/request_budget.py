"""Each HTTP request's time budget: a request that cannot be answered in time gets a 503 with
Retry-After, never an answer that arrives after the extension has stopped waiting (15 s for a check)."""

from __future__ import annotations

import math
import time

from .errors import ApiError

# What a client should wait before asking again: long enough for the queue ahead of it to drain.
RETRY_AFTER_S = 2


def over_budget(seconds: float) -> ApiError:
    return ApiError(503, "over_time_budget",
                    f"The server is busy and could not check this post within {seconds:g} s; try again shortly.",
                    headers={"Retry-After": str(RETRY_AFTER_S)})


def server_busy(retry_after: float = RETRY_AFTER_S) -> ApiError:
    return ApiError(503, "server_busy", "The server is busy with other long posts; try again shortly.",
                    headers={"Retry-After": str(max(1, math.ceil(retry_after)))})


class Budget:
    def __init__(self, seconds: float, clock=time.monotonic):
        self.seconds, self._clock = seconds, clock
        self.deadline = clock() + seconds

    def remaining(self) -> float:
        return self.deadline - self._clock()

    def check(self) -> None:
        if self.remaining() <= 0:
            raise over_budget(self.seconds)
