"""The benchmark harness's parts run and report in their documented shape (timings are never asserted)."""

from __future__ import annotations

import pytest

from benchmarks import servers
from benchmarks.__main__ import monte_carlo_1m
from benchmarks.latency import CALCULATOR_QUESTIONS, KNOWLEDGE_QUESTIONS
from benchmarks.sessions import long_session
from benchmarks.tokens import categorize, count_tokens, eval_questions, measure
from benchmarks.workbench import workbench_edits


def test_monte_carlo_section_runs_a_million_draws() -> None:
    figures = monte_carlo_1m(runs=1)
    assert figures is not None and set(figures) == {"p50_ms", "p95_ms", "runs"}


def test_token_economy_meets_its_goals_on_a_sample() -> None:
    questions = [(categorize(q), q) for q in [*CALCULATOR_QUESTIONS[:3], KNOWLEDGE_QUESTIONS[0]]]
    report = measure(questions)
    llm, hybrid, naive = report["llm"], report["hybrid"], report["naive"]
    assert llm["max_calls_calculator"] <= 2 and hybrid["calls_per_question"] <= 1.2
    assert report["prompt_ratio_llm_to_naive"] <= 0.5
    assert naive["calls_per_calculator_question"] == 2  # the naive agent always writes its own answer
    assert llm["usd_per_1000_questions_gpt-4o-mini"] < naive["usd_per_1000_questions_gpt-4o-mini"]


def test_eval_questions_and_the_token_counter() -> None:
    assert len(eval_questions()) >= 150
    assert count_tokens("abcd" * 10) == 10


def test_long_session_reports_size_latency_and_rows() -> None:
    report = long_session(turns=12)
    assert set(report["at_turn"]) == {"10", "12"} and set(report["at_turn"]["12"]) == {"db_mb", "p50_ms", "p95_ms"}
    assert report["rows"] == {"checkpoints": 2, "writes": 0}  # the warm-up conversation and the long one


def test_scenario_tab_edits_are_timed_as_the_callback_and_as_the_gradio_event() -> None:
    report = workbench_edits(edits=2)
    for way in ("callback", "event"):
        assert set(report[way]) >= {"starter", "every_section"}
        assert set(report[way]["every_section"]) == {"p50_ms", "p95_ms", "runs", "cpu_p50_ms"}
    assert report["event"]["fields"] >= 40 and report["event"]["components"] > report["event"]["fields"]


def test_a_missing_postgresql_is_reported_with_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(servers, "_bin_dir", lambda: None)
    with pytest.raises(servers.PostgresMissing, match="apt-get install postgresql"), servers.postgres():
        pass
