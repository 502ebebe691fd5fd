"""Gradio settings and patches that take work off every request of the app (see benchmarks/load-results.md).

Each new Gradio session (a page load, a gradio_client, every MCP call and every `run/ask` request
sent without a session) computes the config of every component of the app: 361 of them. Two
changes make that cheaper without changing any config:

- `memoize_signatures`: each component's config starts with `inspect.signature(cls.__init__)`,
  recomputed every time. A class's constructor signature never changes, so it is computed once and
  left where `inspect.signature` looks first (`__signature__`).
- `lazy_session_configs`: a session computes a component's config when something reads it (an
  event updating the component, or a deep link listing them all), not all 361 when it opens.
  Nothing in the app reads most of them: an `ask` request, or a chat turn, touches a handful.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable, ItemsView, Iterable
from typing import Any

import gradio as gr
from gradio.state_holder import SessionState

__all__ = ["LazyConfigs", "calm_queue", "lazy_session_configs", "memoize_signatures", "set_gradio_defaults"]

QUEUE_POLL_S = 0.01  # Gradio's default, 0.001 s, wakes an idle process 1,000 times a second
PROGRESS_POLL_S = 0.1  # Gradio's default is 0.01 s (0.1 s on Windows, as here)


def set_gradio_defaults() -> None:
    """Environment defaults for Gradio, before `demo.queue()` reads them (a value already set wins)."""
    # Gradio re-computes its monitoring summary (a pandas frame of up to 10,000 past events) after every
    # event by default: 7 ms an answer at 1,000 past events, 24 ms at 10,000. Every 1,000 events suffices.
    os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", "1000")


def calm_queue(demo: gr.Blocks) -> None:
    """Make the queue of `demo` (after `demo.queue()`) look for new events and progress less often.

    Gradio's queue polls: every 1 ms for an event to start and every 10 ms for progress to send,
    also when nothing happens: an idle app process used 5.5% of a core, 1.7% now. An event waits at
    most 10 ms more to start (an answer takes 30-60 ms of server time), progress bars move every 0.1 s.
    """
    queue = demo._queue
    queue.sleep_when_free = max(queue.sleep_when_free, QUEUE_POLL_S)
    queue.progress_update_sleep_when_free = max(queue.progress_update_sleep_when_free, PROGRESS_POLL_S)


def memoize_signatures(demo: gr.Blocks) -> int:
    """Give each component class of `demo` its constructor's signature, computed once; how many classes."""
    classes = {cls for block in demo.blocks.values() for cls in type(block).__mro__
               if "__init__" in vars(cls) and inspect.isfunction(vars(cls)["__init__"])}
    for cls in classes:
        init = vars(cls)["__init__"]
        if not hasattr(init, "__signature__"):
            init.__signature__ = inspect.signature(init)
    return len(classes)


class LazyConfigs(dict[int, Any]):
    """A session's component configs, each computed when first read.

    Gradio's `SessionState` reads this dict in two ways: one component's config, after testing
    `key in` (absent, it computes the config itself, as this class would), and all of them through
    `items()` (deep links), which computes what is still missing, in the components' order.
    """

    def __init__(self, keys: Iterable[int], compute: Callable[[int], dict[str, Any]]) -> None:
        super().__init__()
        self._order = list(keys)
        self._compute = compute

    def items(self) -> ItemsView[int, Any]:  # type: ignore[override]
        """Every component's config (those not read yet computed now), in the components' order."""
        for key in self._order:
            if key not in self:
                self[key] = self._compute(key)
        ordered = {key: self[key] for key in self._order} | dict(super().items())
        return ordered.items()


class _WithoutComponents:
    """A Blocks as `SessionState.__init__` reads it, with no components to compute configs for."""

    def __init__(self, blocks: gr.Blocks) -> None:
        self._blocks = blocks

    @property
    def blocks(self) -> dict[int, Any]:
        return {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._blocks, name)


def lazy_session_configs() -> None:
    """Make every new Gradio session compute its components' configs when read (idempotent)."""
    original = SessionState.__init__
    if getattr(original, "_lazy_configs", False):
        return

    def __init__(self: SessionState, blocks: gr.Blocks) -> None:
        original(self, _WithoutComponents(blocks))  # type: ignore[arg-type]  # all but the configs, as Gradio does it
        config = self.blocks_config
        self.config_values = LazyConfigs((k for k in config.blocks if k in blocks.blocks),
                                         lambda key: config.config_for_block(key, [], config.blocks[key]))

    __init__._lazy_configs = True  # type: ignore[attr-defined]
    SessionState.__init__ = __init__  # type: ignore[method-assign]
