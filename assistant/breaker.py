"""A circuit breaker for the LLM: skip an endpoint that just proved unreachable, try again later.

Without it every question paid the client's whole retry budget (1.3-3.1 s) against a dead server
before the offline planner answered. After `MARGINAL_LLM_BREAKER_FAILURES` answers in a row that
could not reach an endpoint (base URL and model), questions skip it for `MARGINAL_LLM_COOLDOWN`
seconds and say so; then one question tries it again: success closes the breaker, another
failure opens it for a new cool-down. Other failures (a rejected key, an unreadable answer) show
that the endpoint is up, so they do not count. One breaker is shared by the app's assistants.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["CircuitBreaker", "Skip"]


@dataclass
class _State:
    failures: int = 0  # unreachable answers in a row
    opened_at: float | None = None  # when the endpoint started being skipped
    reason: str = ""  # why the last try failed
    trying: bool = False  # one question is trying the endpoint after its cool-down


@dataclass(frozen=True)
class Skip:
    """Why an endpoint is skipped now."""

    reason: str
    failed_s_ago: float
    retry_in_s: float

    def note(self, endpoint: str) -> str:
        """The sentence the answer carries."""
        return (f"The LLM {endpoint} could not be reached {self.failed_s_ago:.0f} s ago ({self.reason}), "
                f"so it is skipped for {self.retry_in_s:.0f} s more and the offline planner answered "
                "(MARGINAL_LLM_COOLDOWN sets the wait).")


class CircuitBreaker:
    """Per-endpoint breaker; thread-safe (the app answers several questions at once)."""

    def __init__(self, cooldown_s: float, failures: int = 1, clock: Callable[[], float] = time.monotonic) -> None:
        """Skip an endpoint for `cooldown_s` after `failures` unreachable answers in a row (0 s: never skip)."""
        self.cooldown_s = cooldown_s
        self.failures = failures
        self._clock = clock
        self._states: dict[str, _State] = {}
        self._lock = threading.Lock()

    def check(self, endpoint: str) -> Skip | None:
        """None if a question may call `endpoint` now (it then reports back), else why not."""
        with self._lock:
            state = self._states.get(endpoint)
            if state is None or state.opened_at is None:
                return None
            waited = self._clock() - state.opened_at
            if waited >= self.cooldown_s and not state.trying:
                state.trying = True  # this question tries; the others keep skipping until it reports
                return None
            return Skip(state.reason, waited, max(self.cooldown_s - waited, 0.0))

    def failed(self, endpoint: str, reason: str) -> None:
        """Record an answer that could not reach `endpoint`."""
        with self._lock:
            state = self._states.setdefault(endpoint, _State())
            state.failures += 1
            state.reason, state.trying = reason, False
            if self.cooldown_s > 0 and (state.opened_at is not None or state.failures >= self.failures):
                state.opened_at = self._clock()

    def reached(self, endpoint: str) -> None:
        """Record an answer that reached `endpoint` (whatever it answered): it is up."""
        with self._lock:
            self._states.pop(endpoint, None)
