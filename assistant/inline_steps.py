"""Agent turns run their graph steps inline, in the asking thread, instead of in a new thread pool per step.

LangChain and LangGraph open a fresh thread pool for each tool step and for each turn's checkpoint write
(`langchain_core.runnables.config.get_executor_for_config` builds a `ContextThreadPoolExecutor` every time).
An offline answer's steps are short and CPU-bound, so on a 2-core machine starting those threads and handing
the GIL back and forth cost about a third of a warm answer (`python -m benchmarks`, README "Performance").
Inside `inline_steps()` that executor runs each submitted call at once in the calling thread, in a copy of
the caller's context as LangChain's pool would; outside it LangChain's own pool is used unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from contextvars import ContextVar, copy_context
from typing import Any

from langchain_core.runnables import config as _lc_config

__all__ = ["InlineExecutor", "inline_steps"]

_INLINE: ContextVar[bool] = ContextVar("marginal_inline_steps", default=False)
_POOLED = _lc_config.ContextThreadPoolExecutor


class InlineExecutor(Executor):
    """An executor that runs each call when it is submitted, in the submitting thread."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        """Run `fn` now; its result or exception is in the returned future."""
        future: Future[Any] = Future()
        try:
            future.set_result(copy_context().run(fn, *args, **kwargs))
        except BaseException as exc:  # delivered through the future, as a pool thread would
            future.set_exception(exc)
        return future


def _executor(max_workers: int | None = None) -> Executor:
    """What `get_executor_for_config` builds: inline inside `inline_steps()`, LangChain's pool elsewhere."""
    return InlineExecutor() if _INLINE.get() else _POOLED(max_workers=max_workers)


_lc_config.ContextThreadPoolExecutor = _executor  # type: ignore[misc,assignment]


@contextmanager
def inline_steps() -> Iterator[None]:
    """Run the graph steps started in this block in the current thread."""
    token = _INLINE.set(True)
    try:
        yield
    finally:
        _INLINE.reset(token)
