from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tools.catalog import Catalog
from tools.errors import InputError
from tools.solve import RELATIONS, solve
from tools.token_cost import token_cost

CATALOG = Catalog(today=date(2026, 11, 24))
SEED = {"relation": "monthly_cost", "unknown": "price_per_1k",
        "knowns": {"users": 100_000, "queries_per_user_per_day": 20, "tokens_per_query": 1_000,
                   "monthly_cost": 60_000}}


def test_seed_price_per_1k_that_keeps_100k_users_under_60k() -> None:
    # 60,000 = 100,000 x 20 x 30 x 1,000 x p / 1,000 -> p = 60,000 / 60,000,000 = $0.001.
    r = solve(SEED)
    assert r.value == pytest.approx(0.001)
    assert r.unit == "USD per 1K tokens"
    assert r.solutions == pytest.approx([0.001])
    assert r.check_value == pytest.approx(60_000) and r.target_value == pytest.approx(60_000)
    assert r.solved_expression is not None and r.solved_expression.startswith("price_per_1k = ")
    assert "monthly_cost = users x queries_per_user_per_day x 30" in r.formula
    assert "$0.001" in r.headline and "A month is 30 days." in r.assumptions


def test_target_instead_of_lhs_in_knowns() -> None:
    knowns = {k: v for k, v in SEED["knowns"].items() if k != "monthly_cost"}
    r = solve({**SEED, "knowns": knowns, "target": 60_000})
    assert r.value == pytest.approx(0.001)


def test_solved_price_plugged_into_token_cost_gives_the_target() -> None:
    price = solve(SEED).value
    bill = token_cost({"users": 100_000, "queries_per_user": 20, "tokens_per_query": 1_000,
                       "price": price, "price_unit": "per_1k"}, CATALOG)
    assert bill.cost_per_month_usd == pytest.approx(60_000)


def test_price_for_a_target_margin() -> None:
    # 0.6 = (p - 4) / p -> p = 4 / 0.4 = $10; check (10 - 4) / 10 = 60%.
    r = solve({"relation": "gross_margin", "unknown": "price_per_user",
               "knowns": {"cost_per_user": 4}, "target": "60%"})
    assert r.value == pytest.approx(10)
    assert (r.value - 4) / r.value == pytest.approx(0.6)
    assert r.check_value == pytest.approx(0.6)


def test_negative_margin_is_a_valid_answer() -> None:
    r = solve({"relation": "gross_margin", "unknown": "gross_margin",
               "knowns": {"price_per_user": 10, "cost_per_user": 12}})
    assert r.value == pytest.approx(-0.2)
    assert "-20%" in r.headline


def test_break_even_users_and_never() -> None:
    # 10,000 / (10 - 4) = 1,666.67 users.
    r = solve({"relation": "break_even_users", "unknown": "break_even_users",
               "knowns": {"fixed_costs": 10_000, "price_per_user": 10, "cost_per_user": 4}})
    assert r.value == pytest.approx(10_000 / 6)
    never = solve({"relation": "break_even_users", "unknown": "break_even_users",
                   "knowns": {"fixed_costs": 10_000, "price_per_user": 10,
                              "cost_per_user": 12}})
    assert never.value is None and never.solutions == []
    assert never.reason is not None and "price_per_user must exceed cost_per_user" in never.reason
    assert "-5,000" in never.reason


def test_max_queries_per_plan() -> None:
    # $10 plan, 60% target margin (given as 60), $0.002 per query: 10 x 0.4 / 0.002 = 2,000.
    r = solve({"relation": "max_queries", "unknown": "max_queries",
               "knowns": {"plan_price": 10, "target_margin": 60, "cost_per_query": 0.002}})
    assert r.value == pytest.approx(2_000)
    assert any("fractions" in a for a in r.assumptions)


def test_payback_saving_needed_for_500k_fine_tune() -> None:
    # $500,000 paid back in 10 months needs $50,000 a month of saving.
    r = solve({"relation": "payback_months", "unknown": "monthly_saving",
               "knowns": {"investment": 500_000}, "target": 10})
    assert r.value == pytest.approx(50_000) and r.unit == "USD per month"


def test_utilization_needed_and_unreachable() -> None:
    # $2 per 1M on $2/h at 1,000 tok/s: u = 2 x 1e6 / (1,000 x 3,600 x 2) = 27.78%.
    args = {"relation": "self_host_per_1m", "unknown": "utilization",
            "knowns": {"gpu_hourly_usd": 2, "gpus": 1, "tokens_per_second": 1_000}}
    assert solve({**args, "target": 2}).value == pytest.approx(0.277778, rel=1e-5)
    # $0.10 per 1M would need 555.6% utilization: none.
    none = solve({**args, "target": 0.1})
    assert none.value is None and "at most 100%" in (none.reason or "")


@pytest.mark.parametrize(("data", "field", "match"), [
    ({**SEED, "knowns": {**SEED["knowns"], "user": 5}}, "knowns", "user.*valid: monthly_cost"),
    ({**SEED, "unknown": "price"}, "unknown", "not a symbol of monthly_cost; valid"),
    ({**SEED, "knowns": {"users": 1}}, "knowns", "needs values for monthly_cost"),
    ({**SEED, "relation": "monthly_cst"}, "relation", "monthly_cost"),
    ({**SEED, "knowns": {**SEED["knowns"], "price_per_1k": 1}}, "knowns", "the unknown"),
    ({**SEED, "target": 60_000}, "knowns", "give it once"),
    ({**SEED, "knowns": {**SEED["knowns"], "users": float("inf")}}, "knowns", "finite"),
])
def test_invalid_input_names_field(data: dict, field: str, match: str) -> None:
    with pytest.raises(InputError, match=match) as err:
        solve(data)
    assert err.value.field == field


def test_user_text_is_never_evaluated() -> None:
    for name in ("__import__('os').system('true')", "users*0", "users + 1"):
        with pytest.raises(InputError):
            solve({**SEED, "unknown": name})
        with pytest.raises(InputError, match="valid"):
            solve({**SEED, "knowns": {**SEED["knowns"], name: 1}})


def test_every_relation_solves_for_every_symbol() -> None:
    for name, rel in RELATIONS.items():
        symbols = [rel.lhs.name, *(s.name for s in rel.rhs.free_symbols)]
        values = {s: 0.25 if "margin" in s or s == "utilization" else 3.0 for s in symbols}
        if name == "break_even_users":
            values |= {"price_per_user": 10.0, "cost_per_user": 4.0}
        forward = solve({"relation": name, "unknown": rel.lhs.name,
                         "knowns": {s: v for s, v in values.items() if s != rel.lhs.name}})
        assert forward.value is not None
        values[rel.lhs.name] = forward.value
        for unknown in symbols[1:]:
            back = solve({"relation": name, "unknown": unknown,
                          "knowns": {s: v for s, v in values.items() if s != unknown}})
            assert back.value == pytest.approx(values[unknown]), (name, unknown)


pos = st.floats(1, 1e6, allow_nan=False, allow_infinity=False)


@settings(max_examples=40, deadline=None)
@given(users=pos, queries=st.floats(0.1, 1_000), tokens=st.floats(10, 1e5),
       price=st.floats(1e-6, 100))
def test_solved_price_round_trips_through_token_cost(users, queries, tokens, price) -> None:
    cost = users * queries * 30 * tokens * price / 1_000  # a reachable target
    r = solve({"relation": "monthly_cost", "unknown": "price_per_1k", "target": cost,
               "knowns": {"users": users, "queries_per_user_per_day": queries,
                          "tokens_per_query": tokens}})
    bill = token_cost({"users": users, "queries_per_user": queries, "tokens_per_query": tokens,
                       "price": r.value, "price_unit": "per_1k"}, CATALOG)
    assert bill.cost_per_month_usd == pytest.approx(cost, rel=1e-9)


@settings(max_examples=40, deadline=None)
@given(cost=st.floats(0.01, 1_000), margin=st.floats(0.01, 0.95))
def test_solved_price_gives_the_target_margin(cost, margin) -> None:
    r = solve({"relation": "gross_margin", "unknown": "price_per_user", "target": margin,
               "knowns": {"cost_per_user": cost}})
    assert (r.value - cost) / r.value == pytest.approx(margin, rel=1e-9)


@pytest.mark.parametrize(("period", "monthly"), [("year", 30_000), ("quarter", 120_000), ("month", 360_000)])
def test_a_budget_for_another_period_is_made_monthly(period: str, monthly: float) -> None:
    r = solve({"relation": "monthly_cost", "unknown": "queries_per_user_per_day", "monthly_cost_period": period,
               "knowns": {"monthly_cost": 360_000, "users": 5_000, "tokens_per_query": 1_500, "price_per_1k": 0.002}})
    assert r.value == pytest.approx(monthly / 450)


def test_tokens_per_query_at_a_price_per_token_within_a_yearly_budget() -> None:
    # $120,000 a year = $10,000 a month = 5,000 x 20 x 30 x t x $0.0000006 -> t = 10,000 / 1.8 = 5,555.6 tokens.
    r = solve({"relation": "monthly_cost_per_token", "unknown": "tokens_per_query", "monthly_cost_period": "year",
               "knowns": {"monthly_cost": 120_000, "users": 5_000, "queries_per_user_per_day": 20,
                          "price_per_token": 0.0000006}})
    assert r.value == pytest.approx(10_000 / 1.8) and r.unit == "tokens"
    assert "tokens_per_query x price_per_token" in r.formula and r.check_value == pytest.approx(10_000)
