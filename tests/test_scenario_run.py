"""Running scenarios: every metric worked out by hand, each from a calculator step with its formula and sources."""

import math
from statistics import NormalDist

import pytest

from assistant.scenarios import ScenarioError, parse_scenarios, run_scenario
from assistant.scenarios.diff import diff_runs
from tests.scenario_fixtures import HAND
from tools.catalog import default_catalog

PHI = NormalDist().cdf


@pytest.fixture(scope="module")
def runs():
    file = parse_scenarios(HAND, "hand.yaml")
    return {name: run_scenario(file.get(name), name=name) for name in file.names}


def test_every_metric_of_the_hand_scenario(runs) -> None:
    m = {k: v.value for k, v in runs["hand"].metrics.items()}
    expected = {
        "cost_per_query": 0.002, "queries_month": 300_000, "tokens_month": 450_000_000, "api_cost_month": 600,
        "cost_per_user_month": 0.6, "monthly_cost": 600, "yearly_cost": 7_200, "total_cost_month": 2_800,
        "revenue_per_user_month": 5, "revenue_month": 5_000, "gross_profit_month": 4_400, "gross_margin": 0.88,
        "operating_profit_month": 2_200, "break_even_users": 500, "break_even_queries_per_user": 2_500,
        "payback_months": 5, "payback_from_start_months": 6, "self_host_per_1m": 1 / 0.9, "gpus_needed": 1,
        "self_host_cost_month": 1_440, "self_host_saving_month": -840, "routed_price_per_1m": 2,
        "routing_saving_share": 1 / 3, "routing_saving_month": 450, "compliance_ratio": 0.5, "compliance_share": 1 / 3,
        # lognormal usage with mean 300 a month and sigma 1: P(usage > 2,500 queries)
        "loss_share": 1 - PHI(math.log(2_500) - (math.log(300) - 0.5)),
    }
    assert set(m) == set(expected)
    for name, value in expected.items():
        assert m[name] == pytest.approx(value, rel=1e-9), name


def test_free_tier_overage_and_cache(runs) -> None:
    m = {k: v.value for k, v in runs["metered"].metrics.items()}
    cpq = (600 * 1 + 400 * 0.5 + 500 * 2) / 1e6  # 40% of the input read from the cache at $0.50 per 1M
    mu = math.log(300) - 0.5
    d1 = mu + 1 - math.log(200)
    excess = 300 * PHI(d1) - 200 * PHI(d1 - 1)  # expected queries above the 200 included, per paying user
    per_user = 5 + excess * 3 / 1000
    assert m["cost_per_query"] == pytest.approx(cpq)
    assert m["free_tier_cost_month"] == pytest.approx(500 * 20 * cpq)
    assert m["monthly_cost"] == pytest.approx(300_000 * cpq + 10_000 * cpq)
    assert m["revenue_per_user_month"] == pytest.approx(per_user)
    assert m["gross_margin"] == pytest.approx(1 - (310_000 * cpq) / (1000 * per_user))
    assert m["break_even_users"] == math.ceil((2_200 + 10_000 * cpq) / (per_user - 300 * cpq))
    assert m["max_queries_at_target_margin"] == pytest.approx(5 * 0.3 / cpq)
    assert "routed_price_per_1m" not in m  # `routing: null` removed the section it inherited


def test_never_breaks_even_and_checks_say_by_how_much(runs) -> None:
    losing = runs["losing"]
    assert losing.value("break_even_users") is None and losing.metrics["break_even_users"].note
    assert losing.value("payback_months") is None
    assert [c.passed for c in losing.checks] == [False, False]
    hand = {c.check: c for c in runs["hand"].checks}
    assert hand["gross_margin >= 80%"].passed and hand["gross_margin >= 80%"].gap == pytest.approx(0.08)
    failed = hand["break_even_users <= 400"]
    assert not failed.passed and failed.gap == 100 and failed.gap_text == "100 above 400"
    assert hand["cost_per_user_month <= $1"].passed


def test_each_metric_names_the_calculator_step_it_came_from(runs) -> None:
    run = runs["metered"]
    for metric in run.metrics.values():
        step = run.steps[metric.step]
        assert step.tool == metric.tool and step.result.formula == metric.formula
    tools = {s.tool for s in run.steps}
    assert tools <= {"token_cost", "pricing_plan", "change", "margin", "break_even", "self_host", "routing",
                     "compliance_overhead"}
    assert run.metrics["monthly_cost"].formula == "model cost per month = 540 + 18 = 558"


def test_catalog_prices_carry_their_source(runs) -> None:
    text = HAND.replace("pricing: {input_per_1m: 1, output_per_1m: 2}", "pricing: {model: gpt-4o-mini}")
    run = run_scenario(parse_scenarios(text).get("hand"), name="hand")
    price = default_catalog().model("gpt-4o-mini")
    [source] = [s for s in run.sources if s.model == price.model]
    assert source.provider == price.provider and source.as_of == price.as_of
    assert run.value("cost_per_query") == pytest.approx((1000 * price.input_per_1m + 500 * price.output_per_1m) / 1e6)


def test_a_calculator_error_names_the_scenario_field_and_line() -> None:
    text = HAND.replace("pricing: {input_per_1m: 1, output_per_1m: 2}", "pricing: {model: gpt-9o-ultra}")
    file = parse_scenarios(text, "hand.yaml")
    with pytest.raises(ScenarioError) as err:
        try:
            run_scenario(file.get("hand"), name="hand")
        except ScenarioError as exc:
            raise file.locate(exc) from None
    assert str(err.value).startswith("hand.yaml:8: scenario 'hand', pricing.model: unknown model 'gpt-9o-ultra'")


def test_diff_gives_the_change_in_each_metric(runs) -> None:
    diff = diff_runs(runs["hand"], runs["metered"])
    rows = {r.name: r for r in diff.metrics}
    assert rows["cost_per_query"].change == pytest.approx(0.0018 - 0.002)
    assert rows["queries_month"].change_text == "no change"
    assert rows["routed_price_per_1m"].change is None and rows["routed_price_per_1m"].change_text == "only in hand"
    assert {c.field for c in diff.inputs} >= {"usage.tokens.cached_share", "plan.included_queries"}
