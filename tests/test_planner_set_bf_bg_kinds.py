"""Planner v2, kinds found by first-sight sets BF and BG (and the GPU kinds left open before), in several wordings."""

from __future__ import annotations

import pytest

from assistant.planner.grammar import parse
from assistant.planner.plan import make_plan
from assistant.planner.roles import read


@pytest.mark.parametrize("cheaper", ["it is cheaper?", "is it cheaper?", "would that be cheaper?",
                                     "does it beat the API?", "will renting win against the API?"])
@pytest.mark.parametrize("api", ["3B tokens per month on deepseek-chat", "3,000,000,000 tokens a month on gpt-4o-mini"])
def test_gpus_against_the_api_a_workload_runs_on(cheaper: str, api: str) -> None:
    plan = make_plan(f"We are burning around {api}. If we take 1 H100 at $2.69/h and serve our distilled 8B with "
                     f"12k tok/s at 60% utilization, {cheaper} where is the break-even?")
    [step] = plan.steps
    assert step.tool == "self_host" and step.args["monthly_tokens"] == 3e9 and step.args.get("model")
    assert {"api_monthly", "self_host_saving", "break_even_tokens"} <= set(step.asks)


@pytest.mark.parametrize("rate", ["1 H100 (2.69/h)", "one H100 at 2.69 per hour", "1x H100 @ 2.69/hr"])
def test_a_gpu_hour_written_without_a_dollar_sign_is_the_rent(rate: str) -> None:
    r = read(parse(f"If we take {rate} serving 12,000 tokens/s, what is the cost per 1M tokens?"))
    assert [g.value for g in r.givens if g.var == "gpu_hourly"] == [2.69] and not r.unused


@pytest.mark.parametrize("size", ["our distilled 8B", "a fine-tuned 8B", "our own 8B"])
def test_a_served_size_with_an_adjective_is_the_model_size(size: str) -> None:
    r = read(parse(f"We want to serve {size} on one H100 at 12k tok/s. Cost per 1M tokens?"))
    assert [g.value for g in r.givens if g.var == "model_size"] == [8] and not r.unused


@pytest.mark.parametrize("then", ["compare that with just paying for gpt-4o-mini. at what monthly volume does the "
                                  "L4 win?", "how does that compare with gpt-4o-mini, and at what volume does it win?"])
def test_a_follow_up_setting_the_gpus_against_a_named_api_model(then: str) -> None:
    first = make_plan("Running an 8B model on one L4: ~900 tokens/s at full load, 50% utilization. Cost per 1M tokens?")
    [step] = make_plan(then, first.steps).steps
    assert step.tool == "self_host" and step.args["model"] == "gpt-4o-mini" and step.args["tokens_per_second"] == 900
    assert "break_even_tokens" in step.asks
