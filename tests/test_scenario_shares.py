"""Every share of the scenario model keeps its value through every way a scenario travels.

A share is stored as a fraction (150% is 1.5) and read from 45, 0.45 or '45%' (a bare number above 1 is a
percent). So a fraction above 1 written back as a bare number (a region multiplier of 1.5) would read as
1.5%: these tests take each share, at a value above 100% where the model allows one, through a YAML file,
the scenario's JSON (the session and the page keep it so), a conversation's "save this as" and "load", the
Scenario tab's fields, and the runs that hand it to a calculator.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel
from pydantic.functional_validators import BeforeValidator

from assistant.agent import Assistant
from assistant.memo import build_memo
from assistant.scenarios import Scenario, dump_scenarios, parse_scenarios, run_scenario
from assistant.scenarios.messages import model_in
from assistant.workbench import edited, field_values
from tools.catalog import Catalog
from tools.units import percent_text, to_fraction

# Each share of the model at a value of its own: above 100% where the field allows it (region_multiplier and the
# memo's price swings go up to 1000%), a negative one where it allows that.
SHARES = """\
scenarios:
  shares:
    usage: {users: 1000, queries_per_user: 10, tokens: {input: 1000, output: 500, cached_share: 35%}}
    pricing: {input_per_1m: 1, output_per_1m: 2, cached_input_per_1m: 0.5}
    plan: {price: 5, target_margin: 70%}
    self_hosting: {gpu_hourly: 2, tokens_per_second: 1000, utilization: 65%}
    routing:
      routes: [{price_per_1m: 1, share: 30%}, {price_per_1m: 3, share: 70%}]
      input_share: 60%
    compliance: {development_cost: 100000, compliance_cost: 50000, extra_regions: 2, region_multiplier: 150%}
    memo: {price_change_low: -50%, price_change_high: 200%, routed_share: 70%, gpu_utilization: 45%}
"""
EXPECTED = {"usage.tokens.cached_share": 0.35, "plan.target_margin": 0.7, "self_hosting.utilization": 0.65,
            "routing.routes.0.share": 0.3, "routing.routes.1.share": 0.7, "routing.input_share": 0.6,
            "compliance.region_multiplier": 1.5, "memo.price_change_low": -0.5, "memo.price_change_high": 2.0,
            "memo.routed_share": 0.7, "memo.gpu_utilization": 0.45}


def _is_share(field: Any) -> bool:
    """A field read by `to_fraction` (a `Fraction`, or an optional one)."""
    metadata = [*field.metadata, *(m for a in typing.get_args(field.annotation) for m in getattr(a, "__metadata__", ()))]
    return any(isinstance(m, BeforeValidator) and m.func is to_fraction for m in metadata)


def _share_fields(model: type[BaseModel], prefix: str = "") -> Iterator[str]:
    for name, field in model.model_fields.items():
        if _is_share(field):
            yield f"{prefix}{name}"
        inner = model_in(field.annotation)
        if inner is not None:
            yield from _share_fields(inner, f"{prefix}{name}.")


def _shares(scenario: Scenario) -> dict[str, float]:
    out = {}
    for path in EXPECTED:
        value: Any = scenario
        for part in path.split("."):
            value = value[int(part)] if part.isdigit() else getattr(value, part)
        out[path] = value
    return out


@given(st.floats(min_value=-10, max_value=10, allow_nan=False))
def test_a_fraction_s_percent_text_reads_back_to_exactly_that_fraction(fraction: float) -> None:
    assert to_fraction(percent_text(fraction)) == fraction


def test_percent_text_is_how_a_person_writes_the_share() -> None:
    assert [percent_text(f) for f in (1.5, 0.07, -0.3, 0.0, 2.0)] == ["150%", "7%", "-30%", "0%", "200%"]


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return parse_scenarios(SHARES).get("shares")


def test_the_fixture_holds_every_share_of_the_model_above_100_percent_where_allowed(scenario: Scenario) -> None:
    listed = {".".join(p for p in path.split(".") if not p.isdigit()) for path in EXPECTED}
    assert listed == set(_share_fields(Scenario)), "a share of the model is not covered here"
    assert _shares(scenario) == EXPECTED


def test_shares_keep_their_value_through_a_yaml_file(scenario: Scenario) -> None:
    text = dump_scenarios({"shares": scenario})
    assert "region_multiplier: 150%" in text and "price_change_high: 200%" in text
    assert _shares(parse_scenarios(text).get("shares")) == EXPECTED


def test_shares_keep_their_value_through_the_scenario_s_json(scenario: Scenario) -> None:
    assert _shares(Scenario.model_validate(scenario.model_dump(mode="json"))) == EXPECTED
    assert _shares(Scenario.model_validate_json(scenario.model_dump_json())) == EXPECTED


def test_shares_keep_their_value_through_a_conversation_save_and_load(scenario: Scenario, catalog: Catalog) -> None:
    assistant = Assistant(catalog=catalog, search=lambda query, k: [])
    assistant.set_scenario("shares", scenario, "(Scenario tab) Use this scenario.", "Set.")
    held = assistant.session_scenario("shares")
    assert held is not None and _shares(held.scenario) == EXPECTED
    assert "Saved" in assistant.ask("save this as q3-plan", "shares").answer
    assistant.ask("load q3-plan", "other")
    loaded = assistant.session_scenario("other")
    assert loaded is not None and _shares(loaded.scenario) == EXPECTED


def test_shares_keep_their_value_through_the_scenario_tab_s_fields(scenario: Scenario) -> None:
    assert _shares(edited(field_values(scenario), scenario)) == EXPECTED


def test_a_region_multiplier_above_100_percent_is_what_the_compliance_calculator_bills(scenario: Scenario,
                                                                                       catalog: Catalog) -> None:
    run = run_scenario(scenario, catalog, name="shares")
    # by hand: $50,000 x (1 + 2 extra regions x 150%) = $200,000 of compliance against $100,000 of development
    assert run.value("compliance_ratio") == pytest.approx(2.0)
    assert "$50,000 x (1 + 2 x 150%) = $200,000" in run.metrics["compliance_ratio"].formula


def test_a_price_swing_above_100_percent_is_what_the_memo_simulates(scenario: Scenario, catalog: Catalog) -> None:
    memo = build_memo(scenario, catalog, name="shares")
    mc = next(c for c in memo.tool_calls if c.name == "monte_carlo")
    assert mc.result["inputs"]["price_change"]["value"] == "-50% to 200%"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog()
