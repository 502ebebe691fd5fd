"""The browser app's logic without a browser: settings, streaming, charts, MCP functions, uploads."""

from __future__ import annotations

import inspect
import json
import threading
from pathlib import Path

import gradio as gr
import pytest
from gradio.components.chatbot import ComponentMessage
from openai_stub import OpenAIStub, text, tool_call

from assistant.agent import Assistant
from assistant.answer import ToolCall
from assistant.charts import Chart, Series, charts_for
from assistant.mcp_tools import mcp_functions
from assistant.plotly_json import plotly_figure
from assistant.web import AssistantPool, WebSettings, save_uploads, stream_answer, stream_turn, usage_text
from tools import TOOLS, get_tool
from tools.catalog import Catalog, parse_overrides
from tools.errors import ConfigError

pytest_plugins = ["openai_stub"]

QUESTION = "What does 100k users at 20 queries a day cost on gpt-4o-mini?"
KEY = "sk-test-secret-never-on-disk-123"


def fake_search(query: str, k: int) -> list[dict]:
    return [{"source": "knowledge/docs/flat-rate-pricing-risk.md", "title": "Flat-rate risk", "section": "",
             "text": "A flat fee loses money on heavy users."}]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog()


@pytest.fixture
def assistant(catalog: Catalog) -> Assistant:
    return Assistant(catalog=catalog, search=fake_search)


def _contents(messages: list[gr.ChatMessage]) -> str:
    return "\n".join(m.content if isinstance(m.content, str) else type(m.content).__name__ for m in messages)


def test_the_last_update_holds_the_done_step_the_answer_and_the_chart(assistant: Assistant) -> None:
    last = list(stream_answer(assistant, QUESTION, "s1"))[-1]
    step = last[0]
    assert step.metadata["status"] == "done" and step.metadata["duration"] >= 0 and "token_cost" in step.metadata["title"]
    assert '"users": 100000.0' in step.content and "$15,750" in step.content  # inputs, formula and result
    assert "$15,750 per month" in last[1].content
    chart = last[2].content
    assert isinstance(chart, ComponentMessage) and chart.component == "plot", "a cost-vs-users chart follows"
    figure = json.loads(chart.value["plot"])
    assert chart.props["label"] == "Monthly cost vs users" and figure["layout"]["xaxis"]["type"] == "log"


def test_a_slow_step_is_shown_running_before_it_ends(catalog: Catalog) -> None:
    released = threading.Event()

    def slow_search(query: str, k: int) -> list[dict]:
        released.wait(timeout=60)
        return fake_search(query, k)

    frames = stream_answer(Assistant(catalog=catalog, search=slow_search), "Why can self-hosting Llama cost more "
                           "than an API?", "slow")
    first = next(frames)
    released.set()
    assert first[0].metadata["status"] == "pending" and "search_knowledge" in first[0].metadata["title"]
    last = list(frames)[-1]
    assert last[0].metadata["status"] == "done" and "flat-rate-pricing-risk" in _contents(last)


def test_the_turn_ends_with_the_session_meter(assistant: Assistant) -> None:
    meters = [meter for _, meter in stream_turn(assistant, QUESTION, "metered")]
    assert meters[:-1] == [None] * (len(meters) - 1) and "0 LLM calls" in str(meters[-1])


def test_the_meter_comes_with_the_answer_and_is_read_back_only_after_a_command(
        assistant: Assistant, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[str] = []
    read = assistant.session_usage
    monkeypatch.setattr(assistant, "session_usage", lambda session: reads.append(session) or read(session))
    assert "0 LLM calls" in str(list(stream_turn(assistant, QUESTION, "carried"))[-1][1])
    assert reads == [], "the answer carries the conversation's usage: no second read of the conversation"
    assert "0 LLM calls" in str(list(stream_turn(assistant, "save this as carried-plan", "carried"))[-1][1])
    assert reads == ["carried"], "a command's answer does not run the agent: the meter is read back"


def test_every_chart_kind_is_a_valid_plotly_figure(catalog: Catalog) -> None:
    import plotly.graph_objects as go

    kinds = {"line": None, "bar": None, "barh": None, "hist": None}
    for kind in kinds:
        chart = Chart(title=kind, kind=kind, x_label="x", y_label="y", log_x=kind == "line",
                      series=[Series(name="a", x=[1, 2], y=[3.0, 4.0])], marker=(1.0, 3.0) if kind == "line" else None)
        figure = go.Figure(plotly_figure(chart))  # plotly's own validation: raises on any unknown property
        kinds[kind] = figure
    assert kinds["barh"].data[0].orientation == "h" and list(kinds["barh"].data[0].y) == [1, 2]
    assert kinds["line"].layout.xaxis.type == "log" and kinds["line"].data[1].name == "asked"
    assert kinds["hist"].layout.template.layout.colorway, "the default plotly look is kept"


def test_a_failure_inside_the_assistant_ends_the_turn_with_a_readable_message() -> None:
    class Broken(Assistant):
        def ask(self, *args: object, **kwargs: object) -> None:  # type: ignore[override]
            raise RuntimeError("boom")

    frames = list(stream_answer(Broken(), QUESTION, "s1"))
    assert "went wrong on our side (RuntimeError)" in _contents(frames[-1])
    assert "boom" not in _contents(frames[-1]) and "Traceback" not in _contents(frames[-1])


def test_pool_shares_the_default_and_rejects_bad_overrides(assistant: Assistant) -> None:
    pool = AssistantPool(assistant)
    assert pool.get(None) is assistant and pool.get(WebSettings()) is assistant
    with pytest.raises(ConfigError, match="not valid YAML"):
        pool.get(WebSettings(price_overrides="models: [unclosed"))
    with pytest.raises(ConfigError, match="input_per_1m"):
        pool.get(WebSettings(price_overrides="models:\n  - model: gpt-4o-mini\n    output_per_1m: 1"))


def test_price_overrides_change_the_answer_and_are_cited(assistant: Assistant) -> None:
    web = WebSettings(price_overrides="models:\n  - model: gpt-4o-mini\n    input_per_1m: 1\n    output_per_1m: 1")
    chosen = AssistantPool(assistant).get(web)
    answer = chosen.ask(QUESTION)
    # 100,000 users x 20 x 30 days x 1,000 tokens x $1 per 1M = $60,000
    assert answer.tool_calls[0].result["cost_per_month_usd"] == pytest.approx(60_000)
    assert "your price override" in answer.answer


def test_settings_status_explains_a_missing_key() -> None:
    assert "offline planner" in WebSettings().status()
    status = WebSettings(model_kind="openai").status()
    assert "no API key" in status and "offline planner" in status
    with_key = WebSettings(model_kind="hybrid", api_key=KEY, model_name="gpt-4o")  # type: ignore[arg-type]
    assert with_key.status() == "Model: hybrid:gpt-4o." and KEY not in repr(with_key)
    assert KEY not in with_key.fingerprint()


def test_a_key_from_the_panel_reaches_the_llm_but_never_the_disk(openai_stub: OpenAIStub, assistant: Assistant,
                                                                 _isolated_env: Path) -> None:
    args = {"users": 100_000, "queries_per_user": 20, "tokens_per_query": 1_000, "model": "gpt-4o-mini"}
    openai_stub.script(tool_call("token_cost", args), text("It costs $15,750 per month.", prompt_tokens=900,
                                                           completion_tokens=20))
    web = WebSettings(model_kind="openai", api_key=KEY, base_url=openai_stub.base_url)  # type: ignore[arg-type]
    chosen = AssistantPool(assistant).get(web)
    last = list(stream_answer(chosen, QUESTION, "keyed"))[-1]
    assert "$15,750 per month" in _contents(last)
    assert openai_stub.requests, "the LLM was called with the panel's settings"
    meter = usage_text(chosen, "keyed")  # one call: the finished calculation is composed without a second
    assert "1 LLM call," in meter and "openai:gpt-4o-mini" in meter
    for path in _isolated_env.rglob("*"):
        if path.is_file():
            assert KEY.encode() not in path.read_bytes(), f"the API key was written to {path}"


def test_token_cost_chart_reruns_the_calculator(assistant: Assistant, catalog: Catalog) -> None:
    answer = assistant.ask(QUESTION)
    (chart,) = charts_for(answer.tool_calls, catalog)
    series = chart.series[0]
    call = answer.tool_calls[0]
    for users, cost in zip(series.x, series.y, strict=True):
        expected = get_tool("token_cost").run({**call.args, "users": users}, catalog).cost_per_month_usd
        assert cost == pytest.approx(expected)
    assert chart.marker == (100_000, pytest.approx(15_750))
    assert plotly_figure(chart)["layout"]["xaxis"]["type"] == "log"


def test_comparisons_and_ranges_are_charted_and_errors_are_not(catalog: Catalog) -> None:
    routing = get_tool("routing").run({"routes": [{"price_per_1m": 10, "share": 0.2},
                                                  {"price_per_1m": 1, "share": 0.8}]}, catalog)
    compare_args = {"options": [{"label": "a", "price": 1}, {"label": "b", "price": 3}],
                    "users": 1000, "queries_per_user": 10, "tokens_per_query": 1000}
    compare = get_tool("compare").run(compare_args, catalog)
    calls = [ToolCall(name="routing", args={}, result=routing.model_dump(mode="json")),
             ToolCall(name="compare", args=compare_args, result=compare.model_dump(mode="json")),
             ToolCall(name="token_cost", args={}, error="users must be positive")]
    charts = charts_for(calls, catalog)
    assert [c.kind for c in charts] == ["bar", "bar"]
    assert charts[0].series[0].y[-1] == pytest.approx(routing.blended_per_1m_usd)  # 0.2 x 10 + 0.8 x 1 = 2.8
    assert routing.blended_per_1m_usd == pytest.approx(2.8)


def test_every_calculator_is_a_typed_function_with_described_arguments(catalog: Catalog) -> None:
    functions = {f.__name__: f for f in mcp_functions(catalog)}
    assert set(functions) == {spec.name for spec in TOOLS}
    token_cost = functions["token_cost"]
    params = inspect.signature(token_cost).parameters
    assert list(params)[:2] == ["users", "queries_per_user"], "required arguments first"
    assert params["query_period"].default == "day"
    assert "users: Active users" in token_cost.__doc__
    assert "Each item: {" in functions["routing"].__doc__
    assert json.loads(token_cost(users=10, queries_per_user=1, tokens_per_query=1000, price=2.0))[
        "cost_per_month_usd"] == pytest.approx(0.6)  # 10 x 1 x 30 x 1,000 x $2 / 1M
    assert "must be positive" in json.loads(token_cost(users=-1, queries_per_user=1, price=2.0))["error"]


def test_parse_overrides_fills_the_date_and_origin() -> None:
    assert parse_overrides("  ") is None
    data = parse_overrides("gpus:\n  - gpu: H100\n    usd_per_hour: 1.5")
    assert data is not None and data["gpus"][0]["origin"] == "your price override"
    with pytest.raises(ConfigError, match="mapping"):
        parse_overrides("- just a list")


def test_uploads_are_kept_under_the_data_dir_and_searchable(tmp_path: Path) -> None:
    upload = tmp_path / "tmp-upload" / "pilot-notes.md"
    upload.parent.mkdir()
    upload.write_text("# Pilot\n\n## Budget\n\nThe pilot budget for inference is 4,200 dollars a month.\n")
    assistant = Assistant()
    report = save_uploads([str(upload)], assistant)
    assert report.files[0].status == "added"
    kept = Path(assistant.settings.data_dir) / "uploads" / "pilot-notes.md"
    assert kept.exists() and report.files[0].source == str(kept)
    assert any("pilot-notes.md" in p["source"] for p in assistant.search("pilot budget for inference", 3))


def test_scenario_tools_are_charted_from_their_results(catalog: Catalog) -> None:
    base = {"users": 1_000, "queries_per_user": 10, "price_per_1m": 2.0, "fee_per_user_month": 5.0}
    calls = []
    for name, extra in (("sweep", {"variable": "users", "start": 100, "stop": 10_000, "scale": "log"}),
                        ("sensitivity", {}), ("monte_carlo", {"draws": 10_000})):
        args = {**base, **extra}
        calls.append(ToolCall(name=name, args=args, result=get_tool(name).run(args, catalog).model_dump(mode="json")))
    sweep, tornado, histogram = charts_for(calls, catalog)
    assert (sweep.kind, sweep.log_x, len(sweep.series)) == ("line", True, 2)  # cost and revenue
    assert sweep.series[0].y == [row["monthly_cost_usd"] for row in calls[0].result["rows"]]
    assert tornado.kind == "barh" and tornado.series[0].x[0] == "fee per user month"
    assert histogram.kind == "hist" and sum(histogram.series[0].y) == 10_000
    for chart in (sweep, tornado, histogram):
        assert plotly_figure(chart)["data"]
