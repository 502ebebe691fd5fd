"""The eval suite: case loading, checks, reports, the gate, baselines and the live-model skip."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from openai_stub import OpenAIStub, tool_call

from assistant.answer import Answer, Citation, ToolCall
from assistant.cli import main
from assistant.config import Settings
from evals.case import Expect, load_cases
from evals.checks import check
from evals.runner import run
from tools.errors import ConfigError

pytest_plugins = ["openai_stub"]
ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "evals" / "cases"


def _write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "cases.yaml"
    path.write_text(text)
    return str(path)


ONE = """- id: one
  category: token_cost
  turns:
    - ask: "What do 1,000 users at 10 queries a day of 1,000 tokens cost at $2 per 1M tokens?"
      expect: {numbers: [600], tools: [token_cost], args: {token_cost: {users: 1000}}}
  derivation: "1,000 x 10 x 30 x 1,000 x $2/1M = $600."
"""
WRONG = ONE.replace("id: one", "id: wrong").replace("[600]", "[700]")


def test_the_whole_suite_passes_offline_and_writes_three_reports(tmp_path: Path) -> None:
    cases = load_cases()
    assert len(cases) >= 150
    categories = {c.category for c in cases}
    assert {"knowledge", "followups", "bad_input", "out_of_scope", "seed_figures", "goal_seek", "compare"} <= categories
    out = tmp_path / "r"
    code = main(["eval", "--gate", "1.0", "--json", str(out / "e.json"), "--junit", str(out / "e.xml"),
                 "--markdown", str(out / "e.md")])
    report = json.loads((out / "e.json").read_text())
    failed = [f"{c['id']}: {c['reason']}" for c in report["cases"] if not c["passed"]]
    assert code == 0 and not failed, failed
    assert report["total"] == len(cases) and report["passed"] == report["total"] and report["failed"] == 0
    assert {"id", "category", "passed", "reason", "latency_ms", "llm_calls", "cost_usd"} <= set(report["cases"][0])
    suites = ET.parse(out / "e.xml").getroot()
    assert int(suites.get("tests")) == len(cases) and suites.get("failures") == "0"
    assert "100.0%" in (out / "e.md").read_text()


def test_every_case_has_a_derivation_and_unique_id() -> None:
    cases = load_cases()
    assert len({c.id for c in cases}) == len(cases)
    assert all(len(c.derivation) > 10 for c in cases)


def test_below_the_gate_exits_non_zero_and_says_why(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, ONE + WRONG)
    assert main(["eval", "--cases", path, "--gate", "1.0"]) == 1
    out = capsys.readouterr().out
    assert "FAIL wrong (token_cost): missing number 700" in out
    assert main(["eval", "--cases", path, "--gate", "0.5"]) == 0


def test_baseline_lists_regressions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"cases": [{"id": "one", "passed": True}, {"id": "wrong", "passed": True}]}))
    code = main(["eval", "--cases", _write(tmp_path, ONE + WRONG), "--gate", "0", "--baseline", str(baseline),
                 "--markdown", str(tmp_path / "r.md")])
    assert code == 1
    assert "regressions against the baseline: wrong" in capsys.readouterr().out
    assert "## Regressions against the baseline" in (tmp_path / "r.md").read_text()


def test_a_live_model_run_without_a_key_skips_cleanly(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "--model", "openai:gpt-4o-mini"]) == 0
    assert "skipped" in capsys.readouterr().out


def test_bad_case_files_and_options_are_clear_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "--cases", _write(tmp_path, "- id: x\n  category: c\n")]) == 2
    assert "invalid eval case file" in capsys.readouterr().err
    assert main(["eval", "--cases", str(tmp_path / "none-*.yaml")]) == 2
    assert main(["eval", "--cases", _write(tmp_path, ONE), "--gate", "2"]) == 2
    with pytest.raises(ConfigError, match="duplicate"):
        load_cases(_write(tmp_path, ONE + ONE))


def test_checks_name_what_is_wrong() -> None:
    answer = Answer(answer="Gross margin is 70%; $21 per seat.", verified=True,
                    tool_calls=[ToolCall(name="margin", args={"price_per_user_usd": 30})],
                    citations=[Citation(source="knowledge/docs/startup-gross-margins.md")])
    assert check(Expect(numbers=[{"value": 0.7, "percent": True}, 21], tools=["margin"],
                        sources=["startup-gross-margins.md"]), answer) == []
    problems = check(Expect(numbers=[25], tools=["break_even"], args={"margin": {"price_per_user_usd": 40}},
                            forbid=["calculator"], sources=["notion-ai-pricing.md"]), answer)
    assert "missing number 25" in problems
    assert any("expected tool(s) ['break_even'] not called" in p for p in problems)
    assert any("margin.price_per_user_usd was 30" in p for p in problems)
    assert any("forbidden calculator" in p for p in problems)
    assert any("notion-ai-pricing.md not cited" in p for p in problems)


def test_a_case_runs_on_the_openai_path_over_loopback(openai_stub: OpenAIStub, tmp_path: Path) -> None:
    args = {"users": 1000, "queries_per_user": 10, "tokens_per_query": 1000, "price": 2}
    openai_stub.script(tool_call("token_cost", args))
    settings = Settings(MARGINAL_MODEL="openai:gpt-4o-mini", OPENAI_API_KEY="sk-test", OPENAI_BASE_URL=openai_stub.base_url)
    report = run(load_cases(_write(tmp_path, ONE)), settings)
    case = report.cases[0]
    assert report.passed == 1, case.reason
    assert case.llm_calls == 1 and case.cost_usd is not None and case.cost_usd > 0


@pytest.mark.parametrize(("text", "expected", "ok"), [
    ("It costs $1.2M a year.", {"value": 1_200_000}, True),
    ("About 15k users.", {"value": 15_000}, True),
    ("gpt-4o costs 16.7× as much.", {"value": 16.7}, True),
    ("Margin 70%.", {"value": 0.70, "percent": True}, True),
    ("Margin 0.70 of revenue.", {"value": 70, "percent": True}, True),
    ("That is $12,345.67 a month.", {"value": 12_345.67}, True),
    ("That is $12,400 a month.", {"value": 12_345.67}, True),  # 0.44% off: inside the default 0.5% ...
    ("That is $12,500 a month.", {"value": 12_345.67}, False),  # ... 1.25% off: outside
    ("About 4,010 users.", {"value": 4_000, "abs": 5}, False),
    ("About 4,004 users.", {"value": 4_000, "abs": 5}, True),
    ("Run-rate $2.5bn a year.", {"value": 2.5e9}, True),
    ("About 1.93 million conversations a day.", {"value": 1_929_011}, True),
    ("A loss of -$5 per user.", {"value": -5}, True),
    ("It is 2.5x cheaper.", {"value": 2.5}, True),
    ("Use gpt-4o-mini on an H100 [1].", {"value": 4}, False),  # digits inside names and citation marks
    ("Use gpt-4o-mini on an H100 [1].", {"value": 100}, False),
    ("Use gpt-4o-mini on an H100 [1].", {"value": 1}, False),
])
def test_numbers_are_read_with_units_and_tolerances(text: str, expected: dict, ok: bool) -> None:
    problems = check(Expect(numbers=[expected], verified=None), Answer(answer=text))
    assert (problems == []) is ok, problems


def test_the_suite_covers_what_the_issue_asks_for() -> None:
    from collections import Counter

    from tools import TOOLS

    cases = load_cases()
    by_tool: Counter[str] = Counter()
    for c in cases:
        by_tool.update({t for turn in c.turns for t in (turn.expect.tools or [])})
    thin = {spec.name: by_tool[spec.name] for spec in TOOLS if by_tool[spec.name] < 10}
    assert not thin, f"every calculator needs ten phrasings: {thin}"
    count = Counter(c.category for c in cases)
    assert count["knowledge"] >= 20 and count["bad_input"] >= 15 and count["out_of_scope"] >= 5
    assert sum(len(c.turns) > 1 for c in cases) >= 15
    assert all(t.expect.sources for c in cases if c.category == "knowledge" for t in c.turns[-1:])
    assert all("calculator" in t.expect.forbid for c in cases if c.category == "out_of_scope" for t in c.turns)


def test_a_figure_only_in_the_tool_results_counts_only_when_the_case_says_so() -> None:
    answer = Answer(answer="The plan keeps a healthy margin.", verified=True,
                    tool_calls=[ToolCall(name="margin", args={}, result={"gross_margin": 0.72, "note": "$18 a seat"})])
    assert check(Expect(numbers=[{"value": 72, "percent": True}]), answer) == ["missing number 72"]
    assert check(Expect(numbers=[{"value": 72, "percent": True, "in_results": True},
                                 {"value": 18, "in_results": True}]), answer) == []


def test_quoted_examples_of_how_to_ask_are_not_figures_the_answer_claims() -> None:
    answer = Answer(answer="Tell me the usage, e.g. 'What do 100k users at 20 queries a day cost?'", verified=True)
    assert check(Expect(forbid=["number"]), answer) == []
    claimed = Answer(answer="That would be about $4,000 a month.", verified=True)
    assert check(Expect(forbid=["number"]), claimed) == ["forbidden number: 4000"]


def test_a_forbidden_figure_fails_only_when_the_answer_shows_it() -> None:
    never = Answer(answer="It never breaks even: each user loses $1.20 a month.", verified=True)
    assert check(Expect(forbid_numbers=[10_000]), never) == []
    slipped = Answer(answer="Break-even at 10,000 users.", verified=True)
    assert check(Expect(forbid_numbers=[10_000]), slipped) == ["forbidden number 10000"]


def _string_literals(path: Path) -> set[str]:
    import ast
    import re

    norm = lambda text: re.sub(r"\s+", " ", text.strip().lower())  # noqa: E731
    return {norm(node.value) for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value.strip()) > 3}


def test_no_case_reuses_a_question_from_the_unit_tests() -> None:
    literals: set[str] = set()
    for path in (ROOT / "tests").glob("test_*.py"):
        if path.name != "test_evals.py":
            literals |= _string_literals(path)
    reused = [(c.id, t.ask) for c in load_cases() for t in c.turns
              if " ".join(t.ask.lower().split()) in literals]
    assert not reused, f"eval cases must phrase questions their own way: {reused}"


def test_a_refusal_may_repeat_the_figures_of_the_question_but_no_other() -> None:
    refusal = Answer(answer="users must be positive (got -500). Give a positive figure, e.g. '500'.", verified=True)
    assert check(Expect(forbid=["number"]), refusal, "What do -500 users cost?") == []
    assert check(Expect(forbid=["number"]), refusal, "What do users cost?") == ["forbidden number: -500"]


def test_a_refusal_may_state_what_the_calculators_validation_said_but_not_a_result() -> None:
    error = "routes must have shares adding up to 100%, but 70% + 40% = 110%. Change them (e.g. 70% and 30%)."
    refused = Answer(answer=f"I could not compute the routing: {error}", verified=True,
                     tool_calls=[ToolCall(name="routing", args={}, error=error)])
    assert check(Expect(forbid=["number"]), refused, "Route 70% to A and 40% to B?") == []
    computed = Answer(answer=f"{error} Anyway, the blend is $2.40.", verified=True,
                      tool_calls=[ToolCall(name="routing", args={}, error=error),
                                  ToolCall(name="routing", args={}, result={"blended_per_1m_usd": 2.4})])
    assert check(Expect(forbid=["number"]), computed, "Route 70% to A and 40% to B?") == ["forbidden number: 2.4"]
