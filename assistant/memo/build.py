"""Build a pricing memo: every figure from a calculator run here, every sentence checked by `verify`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from assistant.answer import Citation, ToolCall
from assistant.charts import Chart, charts_for
from assistant.memo import sections
from assistant.memo.brief import MemoBrief, parse_brief
from assistant.verify import trace_numbers, unverified
from tools import get_tool
from tools.catalog import Catalog, default_catalog
from tools.units import Period, from_day

__all__ = ["Memo", "Section", "Table", "build_memo"]

Search = Callable[[str, int], list[dict[str, Any]]]
MC_DRAWS = 100_000
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
    verified: bool = True
    unverified_numbers: list[str] = Field(default_factory=list)


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


def _priced(b: MemoBrief) -> dict[str, Any]:
    return {"price_per_1m": b.price_per_1m} if b.price_per_1m is not None else {"model": b.model}


def _token_price(b: MemoBrief) -> dict[str, Any]:
    return {"price": b.price_per_1m, "price_unit": "per_1m"} if b.price_per_1m is not None else {"model": b.model}


def build_memo(brief: str | MemoBrief, catalog: Catalog | None = None, search: Search | None = None,
               today: date | None = None) -> Memo:
    """Run the calculators a pricing memo needs and lay out its sections (raises InputError on a bad brief)."""
    b = brief if isinstance(brief, MemoBrief) else parse_brief(brief)
    run = Runs(catalog or default_catalog())
    monthly_queries = from_day(b.queries_per_day, Period.month)
    usage = {"users": b.users, "queries_per_user": b.queries_per_day, "query_period": "day",
             "tokens_per_query": b.tokens_per_query}
    cost = run("token_cost", {**usage, **_token_price(b)})
    unit_charts = run.chart()
    plans = sections.plan_options(run, b, monthly_queries)
    economics = {**usage, **_priced(b), "fee_per_user_month": b.fee, "fixed_cost_month": b.fixed_cost_month}
    sens = run("sensitivity", {**economics, "metric": "gross_margin"})
    sens_charts = run.chart()
    mc = run("monte_carlo", {**economics, "draws": MC_DRAWS, "price_change_low": -0.3, "price_change_high": 0.3})
    mc_charts = run.chart()
    model_calls = sections.model_choice(run, b, cost)
    compliance = run("compliance_overhead", sections.COMPLIANCE_DEFAULTS | {"extra_regions": b.regions - 1})
    passages = _passages(search)
    body = [
        sections.summary(b, cost, plans, mc),
        sections.assumptions(b, run),
        sections.unit_economics(cost, unit_charts),
        sections.plans_section(plans),
        sections.scenarios(sens, sens_charts, mc, mc_charts),
        sections.risks(b, mc, compliance, passages),
        sections.model_section(model_calls, run),
        sections.sources(passages, run),
    ]
    day = (today or run.catalog.today).isoformat()
    memo = Memo(title=f"Pricing memo: {sections.product_name(b)}", date=day, sections=body, brief=b,
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
    return found


def verify_memo(memo: Memo) -> Memo:
    """Every number of the rendered memo must trace to a tool input or result, a passage, or the brief."""
    from assistant.memo.markdown import render_markdown

    known = trace_numbers([c.args for c in memo.tool_calls], [c.result for c in memo.tool_calls],
                          [c.snippet for c in memo.citations], question=f"{memo.brief.text} {memo.date}")
    bad = unverified(render_markdown(memo), known)
    return memo.model_copy(update={"verified": not bad, "unverified_numbers": bad})
