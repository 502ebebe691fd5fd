"""Chat and scenario share one model: a conversation's calls as a scenario and back, chat commands, round trips.

Real parts throughout: the offline assistant with its SQLite sessions, scenario files on disk and the
installed `marginal` CLI in a subprocess.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openai_stub import OpenAIStub, text, tool_call
from scenario_fixtures import HAND

from assistant.agent import Assistant
from assistant.config import Settings
from assistant.scenarios import load_scenarios, parse_scenarios, run_scenario
from assistant.scenarios.from_chat import chat_scenario, chat_steps
from assistant.scenarios.model import Scenario
from tools.catalog import Catalog

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "scenarios.yaml"
pytest_plugins = ["openai_stub"]
COST = "What does 100k users at 20 queries a day cost on gpt-4o-mini?"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog()


@pytest.fixture
def assistant(catalog: Catalog) -> Assistant:
    return Assistant(catalog=catalog, search=lambda query, k: [])


def _cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {"MARGINAL_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "assistant", *args], capture_output=True, text=True, env=env,
                          cwd=data_dir.parent, timeout=240, check=False)


def _result(answer: object, tool: str) -> dict:
    return next(c.result for c in answer.tool_calls if c.name == tool)  # type: ignore[attr-defined]


# -- the mapping ------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["hand", "metered", "losing"])
def test_a_scenario_stated_as_chat_calls_reads_back_as_the_same_usage_prices_plan_and_costs(
        name: str, catalog: Catalog) -> None:
    scenario = parse_scenarios(HAND).get(name)
    steps = chat_steps(scenario, catalog)
    assert [tool for tool, _, _ in steps] == ["break_even", "margin", "token_cost"], "the cost last: what it asks"
    back = chat_scenario([(tool, args) for tool, args, _ in steps], catalog)
    assert back is not None and back.notes == []
    keep = {"usage", "pricing", "fixed_costs_per_month"}
    assert back.scenario.model_dump(include=keep) == scenario.model_dump(include=keep)
    assert back.scenario.plan is not None and scenario.plan is not None
    assert back.scenario.plan.price == scenario.plan.price
    assert steps[-1][1].get("cached_input_share", "0%").endswith("%"), "a share as the planner writes it"


def test_a_blended_price_per_1k_becomes_prices_per_1m_with_the_same_monthly_cost(catalog: Catalog) -> None:
    args = {"users": 1000.0, "queries_per_user": 10.0, "tokens_per_query": 1000, "price": 0.002,
            "price_unit": "per_1k"}
    found = chat_scenario([("token_cost", args)], catalog)
    assert found is not None
    pricing = found.scenario.pricing
    assert (pricing.model, pricing.input_per_1m, pricing.output_per_1m) == (None, 2.0, 2.0)
    run = run_scenario(found.scenario, catalog)
    # by hand: 1,000 users x 10 queries x 30 days x 1,000 tokens x $0.002 per 1K = $600 a month
    assert run.value("monthly_cost") == pytest.approx(600.0)


def test_a_bill_component_the_scenario_cannot_hold_is_said_not_dropped_silently(catalog: Catalog) -> None:
    args = {"users": 1000.0, "queries_per_user": 10.0, "tokens_per_query": 1000, "model": "gpt-4o-mini",
            "service_tier": "batch"}
    found = chat_scenario([("token_cost", args)], catalog)
    assert found is not None and "service tier" in " ".join(found.notes)
    assert chat_scenario([("margin", {"price_per_user_usd": 10.0, "cost_per_user_usd": 1.0})], catalog) is None


# -- round trips --------------------------------------------------------------------------------
def test_chat_then_save_then_the_cli_runs_the_file_to_the_same_numbers(assistant: Assistant,
                                                                        _isolated_env: Path) -> None:
    first = assistant.ask(COST, "plan")
    margin = assistant.ask("and if we charge $10 a month per user, what is our gross margin?", "plan")
    even = assistant.ask("with fixed costs of $20k a month, how many users to break even?", "plan")
    saved = assistant.ask("save this as q3-plan", "plan")
    path = Settings().scenarios_dir / "q3-plan.yaml"
    assert saved.error is None and saved.verified and path.is_file() and str(path) in saved.answer
    done = _cli("scenario", "run", "q3-plan", "--json", data_dir=_isolated_env)
    assert done.returncode == 0, done.stderr
    metrics = json.loads(done.stdout)["scenarios"][0]["metrics"]
    chat_cost, chat_margin, chat_even = _result(first, "token_cost"), _result(margin, "margin"), \
        _result(even, "break_even")
    assert metrics["monthly_cost"]["value"] == pytest.approx(chat_cost["cost_per_month_usd"])  # $15,750
    assert metrics["cost_per_user_month"]["value"] == pytest.approx(chat_cost["cost_per_user_per_month_usd"])
    assert metrics["gross_margin"]["value"] == pytest.approx(chat_margin["gross_margin"])
    assert metrics["break_even_users"]["value"] == pytest.approx(chat_even["break_even_users"])
    assert "$15,750" in first.answer and metrics["monthly_cost"]["text"] == "$15,750"


def test_a_loaded_file_is_what_follow_ups_build_on_and_what_the_session_holds(assistant: Assistant,
                                                                               catalog: Catalog) -> None:
    folder = Settings().scenarios_dir
    folder.mkdir(parents=True)
    (folder / "example.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    loaded = assistant.ask("load gpt-4o from example", "s")
    expected = load_scenarios(EXAMPLE).get("gpt-4o")
    assert loaded.error is None and "it is now this conversation's scenario" in loaded.answer
    held = assistant.session_scenario("s")
    assert held is not None and held.scenario == expected, "routing and checks come along, not only the calls"
    run = run_scenario(expected, catalog, name="gpt-4o")
    assert run.metrics["gross_margin"].text in loaded.answer
    follow = assistant.ask("what if we had 40,000 users?", "s")
    cost = _result(follow, "token_cost")
    assert cost["inputs"]["users"]["value"] == 40_000 and follow.tool_calls[0].args["model"] == "gpt-4o"
    after = assistant.session_scenario("s")
    assert after is not None and after.scenario.usage.users == 40_000
    assert after.scenario.routing == expected.routing and after.scenario.checks == expected.checks


def test_a_workbench_edit_is_what_the_next_chat_question_builds_on(assistant: Assistant) -> None:
    assistant.ask(COST, "w")
    held = assistant.session_scenario("w")
    assert held is not None and held.scenario.usage.users == 100_000
    edited = held.scenario.model_copy(update={"usage": held.scenario.usage.model_copy(update={"users": 30_000})})
    assistant.set_scenario("w", edited, "(Scenario tab) users 100000 -> 30000", "Scenario set.")
    again = edited.model_copy(update={"pricing": held.scenario.pricing.model_copy(update={"model": "gpt-4o"})})
    before = len(assistant.session_values("w")["messages"])
    assistant.set_scenario("w", again, "(Scenario tab) model gpt-4o-mini -> gpt-4o", "Scenario set.")
    assert len(assistant.session_values("w")["messages"]) == before, "consecutive edits replace one turn"
    follow = assistant.ask("suppose usage doubles", "w")
    cost = _result(follow, "token_cost")
    assert follow.tool_calls[-1].args["model"] == "gpt-4o" and cost["inputs"]["users"]["value"] == 30_000
    # by hand: 30,000 x 40 x 30 = 36M queries at $0.004375 (750 in x $2.50/1M + 250 out x $10/1M) = $157,500
    assert cost["cost_per_month_usd"] == pytest.approx(157_500) and "$157,500" in follow.answer


def test_the_scenario_set_outlives_the_session_window(catalog: Catalog) -> None:
    assistant = Assistant(Settings(session_turns=1), catalog=catalog, search=lambda query, k: [])
    scenario = load_scenarios(EXAMPLE).get("base")
    assistant.set_scenario("long", scenario, "(Scenario tab) Use this scenario.", "Scenario set.")
    for users in ("30,000", "40,000", "50,000"):
        assistant.ask(f"what if we had {users} users?", "long")
    held = assistant.session_scenario("long")
    assert held is not None and held.scenario.usage.users == 50_000
    assert held.scenario.self_hosting == scenario.self_hosting and held.scenario.checks == scenario.checks


# -- commands -------------------------------------------------------------------------------------
def test_an_unknown_name_is_said_with_the_saved_names(assistant: Assistant) -> None:
    nothing = assistant.ask("load q3-plan", "c")
    assert nothing.error and "no saved scenario 'q3-plan'" in nothing.answer and "No scenario has been saved" \
        in nothing.answer
    assert "no scenario yet" in assistant.ask("save this as q3-plan", "c").answer
    assistant.ask(COST, "c")
    assistant.ask("save it as q3-plan", "c")
    assistant.ask("save the scenario as 'base'", "c")
    missing = assistant.ask("compare with q4-plan", "c")
    assert "no saved scenario 'q4-plan'" in missing.answer and "Saved scenarios: base, q3-plan." in missing.answer


def test_a_name_that_is_not_a_plain_file_name_is_refused_and_nothing_is_written(assistant: Assistant,
                                                                                   tmp_path: Path) -> None:
    assistant.ask(COST, "t")
    for name in ("../../outside", "/tmp/abs", "..", "a/b", ".hidden"):
        answer = assistant.ask(f"save this as {name}", "t")
        assert answer.error and "cannot name a saved scenario" in answer.answer, name
        assert "Traceback" not in answer.answer
    assert not (tmp_path / "outside.yaml").exists() and not Path("/tmp/abs.yaml").exists()
    folder = Settings().scenarios_dir
    assert not folder.exists() or list(folder.iterdir()) == []


def test_compare_with_a_saved_scenario_shows_each_change(assistant: Assistant) -> None:
    assistant.ask(COST, "d")
    assistant.ask("save this as before", "d")
    assistant.ask("what if we only had 30,000 users?", "d")
    compared = assistant.ask("compare with before", "d")
    assert compared.error is None and compared.verified
    assert "| model cost per month | $4,725 | $15,750 | +$11,025 |" in compared.answer
    assert "`usage.users`" in compared.answer


def test_compare_with_a_model_name_is_left_to_the_planner() -> None:
    from assistant.scenario_commands import recognise
    from assistant.scenarios.saved import SavedScenarios

    saved = SavedScenarios(Settings().scenarios_dir)
    assert recognise("compare with gpt-4o", saved, Catalog()) is None
    assert recognise("compare with q3-plan", saved, Catalog()) is not None
    assert recognise("What does load balancing cost at 20k users?", saved, Catalog()) is None
    assert recognise("load base from example", saved, Catalog()).scenario == "base"  # type: ignore[union-attr]


def test_a_saved_file_holds_one_scenario_named_like_the_file(assistant: Assistant) -> None:
    assistant.ask(COST, "f")
    assistant.ask("save this as q3-plan", "f")
    file = load_scenarios(Settings().scenarios_dir / "q3-plan.yaml")
    assert file.names == ["q3-plan"]
    assert isinstance(file.get("q3-plan"), Scenario) and file.get("q3-plan").pricing.model == "gpt-4o-mini"


def test_the_readme_chat_commands_do_what_it_says(assistant: Assistant) -> None:
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    paragraph = readme[readme.index("In the chat (the app"):].split("\n\n")[0]
    said = re.findall(r'"([^"]+)"', paragraph)
    assert said == ["save this as q3-plan", "load q3-plan", "load optimistic from q3-plan", "compare with q3-plan",
                    "compare with gpt-4o"]
    folder = Settings().scenarios_dir
    folder.mkdir(parents=True)
    (folder / "q3-plan.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    first = assistant.ask(said[1], "r")
    assert first.error is None and "scenario **base** of q3-plan" in first.answer
    second = assistant.ask(said[2], "r")
    held = assistant.session_scenario("r")
    assert second.error is None and held is not None and held.scenario.usage.users == 40_000
    compared = assistant.ask(said[3], "r")
    assert "| model cost per month |" in compared.answer and "`usage.users`" in compared.answer
    saved = assistant.ask(said[0], "r")
    assert saved.answer.startswith("Replaced") and load_scenarios(folder / "q3-plan.yaml").names == ["q3-plan"]
    model = assistant.ask(said[4], "r")
    assert "no saved scenario" not in model.answer, "a model name goes to the planner"


def test_an_llm_reads_the_scenario_set_in_the_tab_as_well_formed_tool_calls(openai_stub: OpenAIStub,
                                                                            catalog: Catalog) -> None:
    settings = Settings(MARGINAL_MODEL="openai:gpt-4o-mini", OPENAI_API_KEY="sk-test-not-a-real-key",
                        OPENAI_BASE_URL=openai_stub.base_url, MARGINAL_LLM_TIMEOUT=5, MARGINAL_LLM_RETRIES=0)
    assistant = Assistant(settings, catalog=catalog, search=lambda query, k: [])
    scenario = load_scenarios(EXAMPLE).get("base")
    assistant.set_scenario("llm", scenario, "(Scenario tab) Use this scenario.", "Scenario set.")
    openai_stub.script(tool_call("token_cost", {"users": 40_000, "queries_per_user": 15, "input_tokens_per_query": 1800,
                                                "output_tokens_per_query": 400, "model": "gpt-4o-mini"}),
                       text("At 40,000 users it costs $7,965 a month."))
    answer = assistant.ask("what if we had 40,000 users?", "llm")
    assert answer.model == "gpt-4o-mini" and answer.error is None
    sent = openai_stub.requests[0]["messages"]
    calls = {c["id"]: c for m in sent if m["role"] == "assistant" for c in m.get("tool_calls") or []}
    answered = [m["tool_call_id"] for m in sent if m["role"] == "tool"]
    assert sorted(answered) == sorted(calls), "every recorded call has its result, as the API requires"
    cost = next(c for c in calls.values() if c["function"]["name"] == "token_cost")
    assert json.loads(cost["function"]["arguments"])["users"] == 20_000


def test_a_margin_follow_up_on_a_set_scenario_recosts_the_users_after_a_change(assistant: Assistant) -> None:
    assistant.ask("100k users at 20 queries a day on gpt-4o-mini; we charge $5 a month. Monthly cost and margin?", "m")
    held = assistant.session_scenario("m")
    assert held is not None and held.scenario.plan is not None
    assistant.set_scenario("m", held.scenario, "(Scenario tab) set", "Scenario set.")
    follow = assistant.ask("what if usage doubles? and the margin?", "m")
    cost = _result(follow, "token_cost")
    [margin] = [c for c in follow.tool_calls if c.name == "margin"]
    # by hand: 40 x 30 x (750 x $0.15 + 250 x $0.60) / 1M = 1,200 x $0.0002625 = $0.315 a user (it was $0.1575)
    assert margin.args["cost_per_user_usd"] == pytest.approx(0.315) == cost["cost_per_user_per_month_usd"]
