"""The Gradio tuning of app.py changes what requests cost, never what they return."""

from __future__ import annotations

import json
import os

import pytest
from gradio.state_holder import SessionState

import app
from assistant.gradio_tuning import memoize_signatures, set_gradio_defaults


def test_memoized_signatures_leave_every_component_config_as_it_was() -> None:
    demo = app.build()
    before = json.dumps(SessionState(demo).config_values, default=str, sort_keys=True)
    assert memoize_signatures(demo) >= 10, "every component class of the app"
    assert json.dumps(SessionState(demo).config_values, default=str, sort_keys=True) == before
    assert memoize_signatures(demo) >= 10, "idempotent"


def test_gradio_defaults_never_override_an_operator_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADIO_ANALYTICS_CACHE_FREQUENCY", "5")
    set_gradio_defaults()
    assert os.environ["GRADIO_ANALYTICS_CACHE_FREQUENCY"] == "5"
    monkeypatch.delenv("GRADIO_ANALYTICS_CACHE_FREQUENCY")
    set_gradio_defaults()
    assert os.environ["GRADIO_ANALYTICS_CACHE_FREQUENCY"] == "1000"
