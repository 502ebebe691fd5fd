"""Build a pricing memo: every figure from a calculator run here, every sentence checked by `verify`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from assistant.answer import Citation, ToolCall
from assistant.charts import Chart, charts_for
from assistant.memo import choices, plans, sections
from assistant.memo.brief import MemoBrief, parse_brief
from assistant.passages import prepare
from assistant.verify import trace_numbers, unverified
from tools import get_tool
from tools.catalog import Catalog, default_catalog

__all__ = ["Memo", "Section", "Table", "build_memo"]

Search = Callable[[str, int], list[dict[str, Any]]]
MC_DRAWS = 100_000
CORE_INPUTS = ("fee", "users", "queries per user", "tokens per query", "model", "price per 1m", "free queries",
               "free users", "overage per 1k", "fixed cost month", "target margin")
TOPICS = ("flat-rate unlimited AI pricing risk heavy users", "free tiers and freemium for AI features",
          "vendor lock-in and dependence on one model provider", "compliance costs of AI regulation by region",
          "hybrid model strategy routing between cheap and premium models")


class Table(BaseModel):
    """A table: header and rows of display strings."""

    header: list[str]
    rows: list[list[str]]


class Section(BaseModel):
    """One section of the memo."""

    title: str
    paragraphs: list[str] = Field(default_factory=list)
    bullets: list[str] = Field(default_factory=list)
    table: Table | None = None
    charts: list[Chart] = Field(default_factory=list)


class Memo(BaseModel):
    """The memo, its audit trail and its verification."""

    title: str
    date: str
    sections: list[Section]
    brief: MemoBrief
    tool_calls: list[ToolCall]
    citations: list[Citation]
    figures: dict[str, Any] = Field(default_factory=dict, description="Key figures, copied from tool results.")
    verified: bool = True
    unverified_numbers: list[str] = Field(default_factory=list)

    def defaults_note(self) -> str:
        """One line naming the stated defaults the memo used (its Assumptions table lists each with its reason)."""
        defaulted = [(name, value) for name, value, origin in self.brief.rows() if origin.startswith("default")]
        core = [f"{name} {value}" for name, value in defaulted if name in CORE_INPUTS]
        rest = len(defaulted) - len(core)
        text = "Stated defaults (see the memo's Assumptions): " + ("; ".join(core) or "none of the core inputs")
        if rest:
            text += (f"; and {rest} modelling defaults (usage spread, regions, price changes, premium model, GPU, "
                     "compliance costs)")
        return text + "."


class Runs:
    """Runs calculators through the registry and keeps every call for the audit trail."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.calls: list[ToolCall] = []

    def __call__(self, tool: str, args: dict[str, Any]) -> dict[str, Any]:
        result = get_tool(tool).run(args, self.catalog).model_dump(mode="json")
        self.calls.append(ToolCall(name=tool, args=args, result=result))
        return result

    def chart(self, index: int = -1) -> list[Chart]:
        """The chart of the call at `index`, if it has one."""
        return charts_for([self.calls[index]], self.catalog)

    def chart_of(self, tool: str) -> list[Chart]:
        """The chart of the last call of `tool`, if it has one."""
        calls = [c for c in self.calls if c.name == tool]
        return charts_for(calls[-1:], self.catalog)


def build_memo(brief: str | MemoBrief, catalog: Catalog | None = None, search: Search | None = None,
               today: date | None = None, changes: list[str] | tuple[str, ...] = ()) -> Memo:
    """Run the calculators a pricing memo needs and lay out its sections (raises InputError on a bad brief).

    `changes` are later amendments to a text brief ("what about at $15?"); their figures win.
    """
    b = brief if isinstance(brief, MemoBrief) else parse_brief(brief, changes)
    run = Runs(catalog or default_catalog())
    usage = {"users": b.users, "queries_per_user": b.queries_per_user, "query_period": b.query_period.value,
             "tokens_per_query": b.tokens_per_query}
    cost = run("token_cost", {**usage, **b.pricing()})
    unit_charts = run.chart()
    unit = run("margin", {"price_per_user_usd": b.fee, "cost_per_user_usd": cost["cost_per_user_per_month_usd"],
                          "benchmark_margin": b.target_margin})
    options = plans.plan_options(run, b)
    floor = run("break_even", {"variable_cost_per_user_usd": options[0]["plan"]["cost_per_paying_user_usd"],
                               "target_margin": b.target_margin})
    unit["price_for_target_margin_usd"] = floor["price_for_target_margin_usd"]
    unit["mean_user_cost_usd"] = options[0]["plan"]["cost_per_paying_user_usd"]
    economics = {**usage, **b.pricing(), "fee_per_user_month": b.fee, "fixed_cost_month": b.fixed_cost_month}
    sens = run("sensitivity", {**economics, "metric": "gross_margin"})
    scenario_charts = run.chart()
    mc = run("monte_carlo", {**economics, "draws": MC_DRAWS, "queries_p95": b.queries_p95,
                             "price_change_low": b.price_change_low, "price_change_high": b.price_change_high})
    scenario_charts += run.chart()
    models = choices.model_choice(run, b, cost)
    compliance = run("compliance_overhead", choices.compliance_args(b))
    passages = _passages(search)
    verdict = choices.verdict(b, models)
    body = [
        sections.summary(b, cost, unit, options, mc, verdict),
        sections.assumptions(b, run),
        sections.unit_economics(b, cost, unit, unit_charts),
        sections.plans_section(options, passages),
        sections.scenarios(sens, mc, scenario_charts),
        choices.risks(b, mc, options[0]["plan"], compliance, models, passages),
        choices.model_section(b, models, run, passages),
        sections.sources(passages, run),
    ]
    best = plans.best_option(options)
    figures = {"cost_per_query_usd": cost["cost_per_query_usd"],
               "cost_per_user_month_usd": cost["cost_per_user_per_month_usd"],
               "gross_margin_per_user": unit["gross_margin"], "model_bill_month_usd": cost["cost_per_month_usd"],
               "recommended_option": best["name"], "recommended_margin": best["plan"]["monthly_gross_margin"],
               "break_even_users": best["break_even"].get("break_even_users"),
               "margin_p5": mc.get("margin_p5"), "margin_p50": mc.get("margin_p50"), "margin_p95": mc.get("margin_p95"),
               "loss_share": mc.get("loss_share"), "cheapest_serving": choices.cheapest(b, models)[0]}
    day = (today or run.catalog.today).isoformat()
    memo = Memo(title=f"Pricing memo: {sections.product_name(b)}", date=day, sections=body, brief=b, figures=figures,
                tool_calls=run.calls, citations=[Citation(source=p.get("source", ""), title=p.get("title", ""),
                                                          snippet=p.get("text", "")[:300]) for p in passages])
    return verify_memo(memo)


def _passages(search: Search | None) -> list[dict[str, Any]]:
    if search is None:
        return []
    found: list[dict[str, Any]] = []
    for topic in TOPICS:
        for passage in search(topic, 1):
            if passage.get("source") not in {p.get("source") for p in found}:
                found.append(passage)
    return prepare(found)  # sanitized: a document's markup never reaches the memo


def verify_memo(memo: Memo) -> Memo:
    """Every number of the rendered memo must trace to a tool input or result, a passage, or the brief."""
    from assistant.memo.markdown import render_markdown

    known = trace_numbers([c.args for c in memo.tool_calls], [c.result for c in memo.tool_calls],
                          [c.snippet for c in memo.citations], question=f"{memo.brief.text} {memo.date}")
    bad = unverified(render_markdown(memo), known)
    return memo.model_copy(update={"verified": not bad, "unverified_numbers": bad})
