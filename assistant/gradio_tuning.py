"""Gradio settings and a memo that take work off every request of the app (see benchmarks/load-results.md).

Each new Gradio session (a page load, a gradio_client, every MCP call and every `run/ask` request
sent without a session) computes the config of every component of the app, and each component's
config starts with `inspect.signature(cls.__init__)`, recomputed every time: about 80% of 40 ms of
CPU per session with the app's 361 components. A class's constructor signature never changes, so
`memoize_signatures` computes it once and leaves it where `inspect.signature` looks first
(`__signature__`); the configs are the same (tested), only cheaper.
"""

from __future__ import annotations

import inspect
import os

import gradio as gr

__all__ = ["memoize_signatures", "set_gradio_defaults"]


def set_gradio_defaults() -> None:
    """Environment defaults for Gradio, before `demo.queue()` reads them (a value already set wins)."""
    # Gradio re-computes its monitoring summary (a pandas frame of up to 10,000 past events) after every
    # event by default: 7 ms an answer at 1,000 past events, 24 ms at 10,000. Every 1,000 events suffices.
    os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", "1000")


def memoize_signatures(demo: gr.Blocks) -> int:
    """Give each component class of `demo` its constructor's signature, computed once; how many classes."""
    classes = {cls for block in demo.blocks.values() for cls in type(block).__mro__
               if "__init__" in vars(cls) and inspect.isfunction(vars(cls)["__init__"])}
    for cls in classes:
        init = vars(cls)["__init__"]
        if not hasattr(init, "__signature__"):
            init.__signature__ = inspect.signature(init)
    return len(classes)
