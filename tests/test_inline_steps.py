"""Graph steps run in the asking thread inside `inline_steps()`, and LangChain's own pool elsewhere."""

import threading
from contextvars import ContextVar
from pathlib import Path

import pytest
from langchain_core.runnables.config import get_executor_for_config

from assistant.agent import Assistant
from assistant.config import Settings
from assistant.inline_steps import InlineExecutor, inline_steps

_SEEN: ContextVar[str] = ContextVar("seen", default="unset")


def _thread() -> int:
    return threading.get_ident()


def test_inside_the_block_a_step_runs_in_the_calling_thread() -> None:
    with inline_steps(), get_executor_for_config({}) as executor:
        assert isinstance(executor, InlineExecutor)
        assert executor.submit(_thread).result() == threading.get_ident()
        assert list(executor.map(lambda x: x * 2, [1, 2, 3])) == [2, 4, 6]


def test_outside_the_block_langchain_uses_its_thread_pool() -> None:
    with get_executor_for_config({}) as executor:
        assert not isinstance(executor, InlineExecutor)
        assert executor.submit(_thread).result() != threading.get_ident()


def test_an_inline_step_reports_its_error_through_the_future() -> None:
    def fails() -> None:
        raise ValueError("bad step")

    with inline_steps(), get_executor_for_config({}) as executor:
        future = executor.submit(fails)
    with pytest.raises(ValueError, match="bad step"):
        future.result()


def test_an_inline_step_runs_in_a_copy_of_the_context_as_a_pool_thread_would() -> None:
    def sets() -> str:
        _SEEN.set("inside")
        return _SEEN.get()

    with inline_steps(), get_executor_for_config({}) as executor:
        assert executor.submit(sets).result() == "inside"
    assert _SEEN.get() == "unset"  # the step's own context variables do not leak into the caller's


def test_a_turn_runs_its_tool_steps_in_the_asking_thread(_isolated_env: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import tools.registry as registry

    threads: list[int] = []
    run = registry.ToolSpec.run

    def traced(self: registry.ToolSpec, args: dict, catalog: object = None) -> object:
        threads.append(threading.get_ident())
        return run(self, args, catalog)  # type: ignore[arg-type]

    monkeypatch.setattr(registry.ToolSpec, "run", traced)
    answer = Assistant(Settings()).ask("We pay 40% of revenue to OpenAI. What is our gross margin?")
    assert "60%" in answer.answer and answer.verified
    assert threads == [threading.get_ident()]
    with get_executor_for_config({}) as executor:  # the block ended with the turn
        assert not isinstance(executor, InlineExecutor)
