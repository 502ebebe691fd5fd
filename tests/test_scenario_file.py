"""Scenario files: extends, checks, the published schema, and a clear message with line and field for each mistake."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from assistant.scenarios import Check, ScenarioError, load_scenarios, parse_scenarios
from assistant.scenarios.loader import deep_merge
from assistant.scenarios.schema import SCHEMA_FILE, scenario_file_schema, schema_text

EXAMPLE = Path(__file__).parent.parent / "examples" / "scenarios.yaml"

BASE = """\
scenarios:
  base:
    usage:
      users: 2000
      queries_per_user: 20
      tokens: {input: 800, output: 200}
    pricing: {model: gpt-4o-mini}
    plan: {price: 10}
"""


def test_the_example_file_extends_and_overrides() -> None:
    file = load_scenarios(EXAMPLE)
    assert file.names == ["base", "optimistic", "gpt-4o"]
    base, optimistic, gpt4o = (file.get(n) for n in file.names)
    assert optimistic.usage.users == 40_000 and optimistic.usage.usage_sigma == 0.8
    assert optimistic.usage.queries_per_user == base.usage.queries_per_user == 15  # kept from base
    assert optimistic.usage.tokens == base.usage.tokens and optimistic.checks == base.checks
    assert gpt4o.pricing.model == "gpt-4o" and gpt4o.plan == base.plan
    assert [c.text for c in gpt4o.checks] == ["gross_margin >= 60%", "monthly_cost <= 80000",
                                              "routing_saving_share >= 50%"]  # a list replaces the parent's


def test_deep_merge() -> None:
    base = {"usage": {"users": 1, "tokens": {"input": 5, "output": 2}}, "checks": ["a", "b"], "routing": {"x": 1}}
    merged = deep_merge(base, {"usage": {"tokens": {"input": 9}}, "checks": ["c"], "routing": None})
    assert merged == {"usage": {"users": 1, "tokens": {"input": 9, "output": 2}}, "checks": ["c"]}
    assert base["usage"]["tokens"]["input"] == 5  # the parent is left as it was


def test_pricing_is_replaced_whole() -> None:
    text = BASE.replace("    pricing: {model: gpt-4o-mini}\n", "    pricing: {input_per_1m: 1, output_per_1m: 4}\n")
    file = parse_scenarios(text + "  mini:\n    extends: base\n    pricing: {model: gpt-4o-mini}\n")
    assert file.get("mini").pricing.model == "gpt-4o-mini" and file.get("mini").pricing.input_per_1m is None


@pytest.mark.parametrize(("text", "expected"), [
    ("gross_margin >= 70%", ("gross_margin", ">=", 0.7)),
    ("gross_margin >= 0.7", ("gross_margin", ">=", 0.7)),
    ("gross_margin>70", ("gross_margin", ">", 0.7)),
    ("cost_per_user_month <= $2", ("cost_per_user_month", "<=", 2)),
    ("break_even_users <= 5k", ("break_even_users", "<=", 5000)),
    ("monthly_cost <= 60,000", ("monthly_cost", "<=", 60_000)),
    ("operating_profit_month > -1.5M", ("operating_profit_month", ">", -1_500_000)),
])
def test_checks_are_read_into_a_typed_check(text: str, expected: tuple) -> None:
    check = Check.model_validate(text)
    assert (check.metric, check.op, check.value) == pytest.approx(expected)
    assert check.text == text


def test_a_check_as_a_mapping() -> None:
    check = Check.model_validate({"metric": "gross_margin", "op": ">=", "value": 0.7})
    assert check.text == "gross_margin >= 70%"


def _error(text: str) -> str:
    with pytest.raises(ScenarioError) as err:
        parse_scenarios(text, "s.yaml")
    message = str(err.value)
    assert "Traceback" not in message
    return message


@pytest.mark.parametrize(("text", "expected"), [
    ("scenarios:\n  base:\n    usage: {users: 5\n", "s.yaml:4: not valid YAML"),
    (BASE.replace("users: 2000", "userz: 2000"),
     "s.yaml:4: scenario 'base', usage.userz: unknown field 'userz': did you mean 'users'?"),
    (BASE.replace("users: 2000", "users: -500"), "s.yaml:4: scenario 'base', usage.users: must be positive (got -500)"),
    (BASE.replace("price: 10", "price: ten"), "s.yaml:8: scenario 'base', plan.price: must be a number (got 'ten')"),
    (BASE.replace("output: 200}", "output: 200, cached_share: 140%}"),
     "s.yaml:6: scenario 'base', usage.tokens.cached_share: must be at most 1 (got 1.4)"),
    (BASE.replace("    pricing: {model: gpt-4o-mini}\n", ""), "s.yaml:2: scenario 'base', pricing: is required"),
    (BASE.replace("{model: gpt-4o-mini}", "{model: gpt-4o-mini, input_per_1m: 1}"),
     "s.yaml:7: scenario 'base', pricing: give a catalog model or prices per 1M tokens, not both"),
    (BASE + "    routing:\n      routes: [{model: gpt-4o, share: 70%}, {model: gpt-4o-mini, share: 20%}]\n",
     "s.yaml:10: scenario 'base', routing.routes: route shares must add up to 100% (they add up to 90%)"),
    (BASE + "    checks: [gross_marjin >= 70%]\n",
     "s.yaml:9: scenario 'base', checks[1]: unknown metric 'gross_marjin'. Did you mean gross_margin"),
    (BASE + "    checks: [cost_per_user_month <= 2%]\n", "cost_per_user_month is a USD figure, not a share: drop the '%'"),
    (BASE + "    checks: [payback_months <= 12]\n",
     "s.yaml:9: scenario 'base', checks: the check 'payback_months <= 12' needs investment in the scenario"),
    (BASE + "    checks: [gross margin is high]\n", "cannot read the check 'gross margin is high'"),
    (BASE + "  up:\n    extends: basee\n",
     "s.yaml:10: scenario 'up', extends: extends 'basee': no scenario 'basee' in this file; did you mean 'base'?"),
    (BASE + "  a: {extends: b}\n  b: {extends: a}\n", "extends form a cycle (a -> b -> a)"),
    (BASE + "  up:\n    extends: base\n    plan: {price: 10, price: 12}\n", "s.yaml:11: scenarios.up.plan.price: 'price' is given twice (first on line 11); keep one."),
    (BASE.replace("scenarios:", "scenario:"), "s.yaml:1: no `scenarios:` found"),
    (BASE + "version: 2\n", "s.yaml:9: unknown top-level key 'version'"),
    (BASE + "  up:\n    extends: base\n    plan: {free_users: 500}\n",
     "s.yaml:11: scenario 'up', plan: give free_users and free_quota together"),
])
def test_bad_files_say_line_field_and_fix(text: str, expected: str) -> None:
    assert expected in _error(text)


def test_an_inherited_mistake_points_at_the_parent() -> None:
    text = BASE.replace("users: 2000", "users: 0") + "  up:\n    extends: base\n    plan: {price: 12}\n"
    message = _error(text)
    assert ("s.yaml:4: scenario 'up', usage.users: must be positive (got 0) (set in scenario 'base', which 'up' "
            "extends).") in message
    assert "s.yaml:4: scenario 'base', usage.users" in message  # every problem is listed, not only the first


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="no such file"):
        load_scenarios(tmp_path / "none.yaml")
    (tmp_path / "bin.yaml").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(ScenarioError, match="cannot read"):
        load_scenarios(tmp_path / "bin.yaml")


def test_unknown_scenario_name_lists_the_others() -> None:
    with pytest.raises(ScenarioError, match="no scenario 'bse' in this file; did you mean 'base'"):
        parse_scenarios(BASE).get("bse")


def test_published_schema_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "The scenario model changed: run `python -m assistant.scenarios.schema` and commit the schema")


def test_schema_accepts_the_example_and_rejects_mistakes() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    example = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    assert list(validator.iter_errors(example)) == []
    example["scenarios"]["base"]["usage"]["userz"] = 1
    example["scenarios"]["optimistic"]["plan"] = {"price": "cheap"}
    example["scenarios"]["gpt-4o"]["checks"] = [{"metric": "gross_marjin", "op": ">=", "value": 0.6}]
    assert len(list(validator.iter_errors(example))) == 3
    assert scenario_file_schema()["$defs"]["Check"]["properties"]["metric"]["enum"][0] == "cost_per_query"


def test_dumped_scenarios_load_back_the_same() -> None:
    from assistant.scenarios import dump_scenarios, run_scenario

    file = load_scenarios(EXAMPLE)
    text = dump_scenarios(file.scenarios)
    again = parse_scenarios(text, "saved.yaml")
    assert again.names == file.names and "extends" not in text
    for name in file.names:
        assert again.get(name) == file.get(name)
        assert run_scenario(again.get(name)).metrics == run_scenario(file.get(name)).metrics
