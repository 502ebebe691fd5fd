"""The Gradio tuning of app.py changes what requests cost, never what they return."""

from __future__ import annotations

import json
import os
from typing import Any

import gradio as gr
import pytest
from gradio.blocks import BlocksConfig
from gradio.state_holder import SessionState

import app
from assistant.gradio_tuning import (
    PROGRESS_POLL_S,
    QUEUE_POLL_S,
    calm_queue,
    lazy_session_configs,
    memoize_signatures,
    set_gradio_defaults,
)


def _configs(demo: gr.Blocks) -> dict[int, Any]:
    """Every component's config, as Gradio computes them when a session opens."""
    config = demo.default_config
    return {k: config.config_for_block(k, [], v) for k, v in config.blocks.items() if k in demo.blocks}


def _text(configs: Any) -> str:
    return json.dumps(list(configs), default=str)


def test_memoized_signatures_leave_every_component_config_as_it_was() -> None:
    demo = app.build()
    before = _text(_configs(demo).items())
    assert memoize_signatures(demo) >= 10, "every component class of the app"
    assert _text(_configs(demo).items()) == before
    assert memoize_signatures(demo) >= 10, "idempotent"


@pytest.fixture
def lazy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sessions with lazy configs for one test (the app turns them on for good)."""
    monkeypatch.setattr(SessionState, "__init__", SessionState.__init__)  # restored after the test
    lazy_session_configs()
    lazy_session_configs()  # idempotent


def test_a_session_opens_without_computing_a_config_and_lists_the_same_ones(
        lazy: None, monkeypatch: pytest.MonkeyPatch) -> None:
    demo = app.build()
    expected = _text(_configs(demo).items())
    computed: list[int] = []
    compute = BlocksConfig.config_for_block
    monkeypatch.setattr(BlocksConfig, "config_for_block",
                        staticmethod(lambda key, *args: computed.append(key) or compute(key, *args)))
    session = SessionState(demo)
    assert computed == [] and session.state_data == {} and not session.is_closed
    assert _text(session.config_values.items()) == expected, "a deep link lists every config, in order"
    assert len(computed) > 300


def test_a_component_an_event_updated_shows_its_value_among_the_others(lazy: None) -> None:
    demo = app.build()
    chatbot = next(b for b in demo.blocks.values() if isinstance(b, gr.Chatbot))
    session = SessionState(demo)
    session._update_value_in_config(chatbot._id, [{"role": "assistant", "content": "42"}])
    listed = dict(session.config_values.items())
    assert listed[chatbot._id]["props"]["value"] == [{"role": "assistant", "content": "42"}]
    others = {k: v for k, v in _configs(demo).items() if k != chatbot._id}
    assert _text({k: v for k, v in listed.items() if k != chatbot._id}.items()) == _text(others.items())


def test_gradio_defaults_never_override_an_operator_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADIO_ANALYTICS_CACHE_FREQUENCY", "5")
    set_gradio_defaults()
    assert os.environ["GRADIO_ANALYTICS_CACHE_FREQUENCY"] == "5"
    monkeypatch.delenv("GRADIO_ANALYTICS_CACHE_FREQUENCY")
    set_gradio_defaults()
    assert os.environ["GRADIO_ANALYTICS_CACHE_FREQUENCY"] == "1000"


def test_the_queue_polls_less_often_but_never_more_often_than_it_was_set_to() -> None:
    demo = gr.Blocks()
    demo.queue()
    calm_queue(demo)
    assert (demo._queue.sleep_when_free, demo._queue.progress_update_sleep_when_free) == (QUEUE_POLL_S, PROGRESS_POLL_S)
    demo._queue.sleep_when_free = 1.0
    calm_queue(demo)
    assert demo._queue.sleep_when_free == 1.0
