"""The memo drafts from the scenario model: brief -> scenario -> memo, saved as a scenario file, edited, redrafted.

Also the markdown download that carries its charts inside, with hostile text still kept out.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.memo import brief_from_scenario, build_memo, parse_brief
from assistant.memo.files import write_memo
from assistant.memo.markdown import render_markdown
from assistant.scenarios import load_scenarios, parse_scenarios, run_scenario
from benchmarks.injection import markup
from tools.catalog import Catalog

BRIEF = ("Pricing memo for our AI meeting-summaries add-on at $12 a month: 120,000 seats, we expect 15% to buy it; "
         "each buyer summarizes about 60 meetings a month, each summary ~6,000 input and 800 output tokens, on "
         "gpt-4o-mini, in the EU and US, with 500 included summaries then $4 per 1,000 extra summaries")


@pytest.fixture(scope="module")
def memo():  # type: ignore[no-untyped-def]
    return build_memo(BRIEF, Catalog())


def _figures(memo) -> list[str]:  # type: ignore[no-untyped-def]
    """The memo's figures: every section's text and table but the Assumptions' origins and notes, and the Sources.

    (Redrafted from its file, a memo's inputs come 'from scenario ...', and the runs that read the brief are gone.)
    """
    out = []
    for s in memo.sections:
        if s.title == "Assumptions":  # the usage spread reads '3x the median' in a brief, its sigma in a file
            out += [" | ".join(row[:2]) for row in s.table.rows if row[0] != "queries p95"]
        elif s.title != "Sources":
            out += s.paragraphs + s.bullets + [" | ".join(row) for row in (s.table.rows if s.table else [])]
    return out


def test_a_brief_becomes_a_scenario_with_the_memo_options(memo) -> None:  # type: ignore[no-untyped-def]
    s = memo.scenario
    assert (s.usage.users, s.usage.queries_per_user, s.usage.period.value) == (18_000, 60, "month")
    assert (s.usage.tokens.input, s.usage.tokens.output, s.pricing.model) == (6_000, 800, "gpt-4o-mini")
    assert s.plan is not None and (s.plan.price, s.plan.free_users) == (12, 102_000)
    assert (s.plan.included_queries, s.plan.overage_per_1k) == (500, 4)
    assert s.memo is not None and s.memo.regions == ["EU", "US"]
    mc = next(c for c in memo.tool_calls if c.name == "monte_carlo")
    assert s.usage.usage_sigma == mc.result["usage_sigma"]  # the spread the simulation drew is saved with it


def test_the_saved_scenario_redrafts_the_same_memo(memo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_memo(memo, tmp_path / "memo.yaml")
    file = load_scenarios(path)
    assert file.names == ["memo"] and file.get("memo") == memo.scenario
    again = build_memo(file.get("memo"), Catalog(), name="memo")
    assert again.verified and _figures(again) == _figures(memo)
    rows = {r[0]: r[2] for r in again.sections[1].table.rows}
    assert rows["users"] == rows["tokens per query"] == rows["regions"] == "from scenario 'memo'"
    assert rows["premium model"].startswith("default: ")  # what the brief left out stays a stated default


def test_an_edited_scenario_file_changes_the_memo(memo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = memo.scenario_yaml().replace("price: 12", "price: 15")
    assert text != memo.scenario_yaml()
    edited = build_memo(parse_scenarios(text).get("memo"), Catalog())
    assert edited.title == "Pricing memo: a $15/month AI add-on" and edited.verified
    margin = next(c for c in edited.tool_calls if c.name == "margin")
    assert margin.args["price_per_user_usd"] == 15


def test_the_memo_and_scenario_run_agree_on_the_cost_figures(memo) -> None:  # type: ignore[no-untyped-def]
    run = run_scenario(memo.scenario, Catalog(), name="memo")
    cost = next(c for c in memo.tool_calls if c.name == "token_cost").result
    assert run.value("cost_per_query") == cost["cost_per_query_usd"]
    assert run.value("cost_per_user_month") == cost["cost_per_user_per_month_usd"]
    assert run.value("api_cost_month") == cost["cost_per_month_usd"]  # the paying users' bill


AGREE = """\
scenarios:
  agree:
    usage: {users: 5000, queries_per_user: 12, period: day, tokens: {input: 1200, output: 300}, usage_sigma: 1.2}
    pricing: {model: gpt-4o-mini}
    plan: {price: 9, free_users: 20000, free_quota: 40, target_margin: 75%}
    fixed_costs_per_month: 15000
"""


def _cell(markdown: str, label: str, column: int = 1) -> str:
    row = next(line for line in markdown.splitlines() if line.startswith(f"| {label} |"))
    return row.strip("| ").split(" | ")[column]


def test_a_memo_and_scenario_run_of_one_scenario_agree_on_cost_per_user_and_monthly_cost(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "agree.yaml"
    path.write_text(AGREE)
    assert main(["scenario", "run", str(path), "--json"]) == 0
    metrics = json.loads(capsys.readouterr().out)["scenarios"][0]["metrics"]
    assert main(["memo", "--scenario", str(path), "--out", str(tmp_path / "memo.md")]) == 0
    memo = (tmp_path / "memo.md").read_text()
    per_user, users_month, month = (metrics[k]["text"] for k in ("cost_per_user_month", "api_cost_month",
                                                                 "monthly_cost"))
    # One convention: the scenario's 12 queries a day are the mean user's (5,000 x 360 a month is the traffic)
    assert f"the mean user (12 queries a day, 360 a month) costs {per_user} a month" in memo
    assert _cell(memo, "cost per user a month (mean user)") == per_user
    assert _cell(memo, "model bill a month") == users_month
    assert _cell(memo, "Flat add-on, unlimited use", 3) == users_month  # the plan table's cost a month
    assert _cell(memo, "Free tier + flat add-on", 3) == month  # paying users and the free tier, as scenario run
    # the median user, from the spread: 360 x e^(-1.2^2 / 2) = 175.2 queries a month
    assert "The median user makes 175 queries a month" in memo
    assert _cell(memo, "queries per user a month (median user)") == "175"


def test_a_scenario_file_of_the_examples_makes_a_memo_with_stated_defaults() -> None:
    file = load_scenarios(Path(__file__).parent.parent / "examples" / "scenarios.yaml")
    b = brief_from_scenario(file.get("base"), "base")
    assert b.fee == file.get("base").plan.price and b.origin["fee"] == "from scenario 'base'"
    assert b.origin["regions"].startswith("default: ")
    memo = build_memo(file.get("base"), Catalog(), name="base")
    assert memo.verified
    assert memo.not_understood == ["the scenario's investment section", "the scenario's self_hosting section",
                                   "the scenario's compliance section",  # what the memo does not render is listed
                                   "the cached share of input tokens (50%)"]
    assert "**Not understood, so not used in this memo:** the scenario's investment section" in \
        memo.sections[0].paragraphs[-1]
    plan = next(c for c in memo.tool_calls if c.name == "pricing_plan" and c.args.get("overage_price_per_1k_queries"))
    assert plan.args["free_quota_queries"] == 600  # the plan's own allowance ("600 queries included")


def test_memo_cli_saves_the_scenario_and_redrafts_from_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["memo", BRIEF, "--out", str(tmp_path / "m.yaml"), "--out", str(tmp_path / "m.md")]) == 0
    first = (tmp_path / "m.md").read_text()
    capsys.readouterr()
    assert main(["memo", "--scenario", str(tmp_path / "m.yaml"), "--out", str(tmp_path / "again.md")]) == 0
    out = capsys.readouterr().out
    assert "all numbers verified" in out and "18,000 paying users" in out
    again = (tmp_path / "again.md").read_text()
    for part in ("## Summary", "## Unit economics", "## Plan options", "## Risks", "## Model choice"):
        assert _part(again, part) == _part(first, part), part


def _part(markdown: str, heading: str) -> str:
    """A section of the markdown, without its image links (each file has its own chart folder)."""
    return re.sub(r"^!\[.*$", "", markdown.split(heading)[1].split("\n## ")[0], flags=re.M)


def test_memo_cli_refuses_a_brief_and_a_scenario_together_and_bad_files(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["memo", "a $10 add-on", "--scenario", "x.yaml"]) == 2
    assert "give a brief or --scenario FILE" in capsys.readouterr().err
    assert main(["memo", "--scenario", str(tmp_path / "missing.yaml")]) == 2
    assert "no such file" in capsys.readouterr().err
    two = tmp_path / "two.yaml"
    two.write_text((Path(__file__).parent.parent / "examples" / "scenarios.yaml").read_text())
    assert main(["memo", "--scenario", str(two), "--out", str(tmp_path / "x.md")]) == 2
    err = capsys.readouterr().err
    assert "pick one with --name" in err and "Traceback" not in err and not (tmp_path / "x.md").exists()


def test_the_markdown_download_carries_its_charts_inside(memo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    md = write_memo(memo, tmp_path / "memo.md", inline_charts=True).read_text()
    images = re.findall(r"^!\[([^\]]+)\]\(data:image/png;base64,([A-Za-z0-9+/=]+)\)$", md, flags=re.M)
    charts = [c for s in memo.sections for c in s.charts]
    assert [title for title, _ in images] == [c.title for c in charts] and len(charts) >= 6
    assert all(base64.b64decode(data)[:8] == b"\x89PNG\r\n\x1a\n" for _, data in images)
    assert not list(tmp_path.glob("*_charts"))  # one file: nothing beside it to lose


def test_hostile_text_stays_out_of_the_markdown_with_inline_charts(tmp_path: Path) -> None:
    def hostile(query: str, k: int) -> list[dict]:
        return [{"source": "/tmp/hostile.md", "title": "Free tier ![x](data:image/png;base64,AAAA) <script>",
                 "text": "Free tiers convert 3% of users. <img src=x onerror=alert(1)> ![p](https://evil.example/p.png) "
                         "[more](javascript:alert(1)) ![q](data:text/html;base64,PHNjcmlwdD4=)"}][:k]

    memo = build_memo("a $10/month AI add-on with 100 free queries for 5,000 users", Catalog(), hostile)
    md = write_memo(memo, tmp_path / "memo.md", inline_charts=True).read_text()
    ours = [line for line in md.splitlines() if re.fullmatch(r"!\[[^\]<>]+\]\(data:image/png;base64,[A-Za-z0-9+/=]+\)",
                                                             line)]
    assert len(ours) == sum(len(s.charts) for s in memo.sections)
    rest = "\n".join(line for line in md.splitlines() if line not in ours)
    assert markup(rest) == [] and "evil.example" not in rest and "data:" not in rest
    assert "Free tiers convert 3% of users." in rest and markup(render_markdown(memo)) == []


def test_chat_memo_offers_the_scenario_and_a_self_contained_markdown() -> None:
    from assistant.agent import Assistant

    answer = Assistant().ask("Draft a pricing memo for a $12/month AI add-on for 3,000 users", "s1")
    result = answer.tool_calls[0].result
    assert Path(result["scenario_path"]).read_text().startswith("scenarios:")
    assert load_scenarios(result["scenario_path"]).get("memo").plan.price == 12
    assert "data:image/png;base64," in Path(result["markdown_path"]).read_text()
    assert parse_brief("Draft a pricing memo for a $12/month AI add-on for 3,000 users").fee == 12


def test_the_readme_memo_commands_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    import shlex

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    lines = [shlex.split(x.split("  #")[0])[1:] for x in readme.splitlines() if x.startswith(".venv/bin/marginal memo")]
    assert len(lines) == 2
    monkeypatch.chdir(tmp_path)
    for argv in lines:
        assert main(argv) == 0, argv
        assert "all numbers verified" in capsys.readouterr().out
    assert {p.name for p in tmp_path.iterdir()} >= {"memo.md", "memo.docx", "memo.yaml", "memo_charts"}
    assert load_scenarios(tmp_path / "memo.yaml").get("memo").plan.free_quota == 100
