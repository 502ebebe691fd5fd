"""margin: gross margin from per-user figures, period revenue and COGS, or the provider's share."""

from __future__ import annotations

from pydantic import Field, model_validator

from tools import fmt
from tools.catalog import Catalog
from tools.result import CalcInput, ToolResult, finite, parse_input, q
from tools.units import Fraction, Period

__all__ = ["DEFAULT_BENCHMARK_MARGIN", "MarginInput", "MarginResult", "margin"]

DEFAULT_BENCHMARK_MARGIN = 0.8
"""Low end of the 80-90% gross margin of typical SaaS (seed article)."""


class MarginInput(CalcInput):
    """Revenue and cost of goods sold, in one of three forms."""

    price_per_user_usd: float | None = Field(None, gt=0, le=1e9, examples=[20],
                                             description="Price (revenue) per user per month, USD.",
                                             json_schema_extra={"var": "price_per_user"})
    cost_per_user_usd: float | None = Field(None, ge=0, le=1e9, examples=[8],
                                            description="Variable cost (COGS: model API, hosting) "
                                                        "per user per month, USD.",
                                                        json_schema_extra={"var": "cost_per_user"})
    revenue_usd: float | None = Field(None, gt=0, le=1e15, examples=[1_000_000],
                                      description="Revenue over `period`, USD.", json_schema_extra={"var": "revenue"})
    cogs_usd: float | None = Field(None, ge=0, le=1e15, examples=[400_000],
                                   description="Cost of goods sold over the same `period`, USD.",
                                   json_schema_extra={"var": "cogs"})
    period: Period = Field(Period.month, description="Period of revenue_usd and cogs_usd.",
                           json_schema_extra={"var": "money_period"})
    provider_share: Fraction | None = Field(None, ge=0, le=10, examples=["40%"],
                                            description="Share of revenue paid to the model "
                                                        "provider (40% gives a 60% margin).",
                                                        json_schema_extra={"var": "provider_share"})
    other_cogs_share: Fraction | None = Field(None, ge=0, le=10, examples=["5%"],
                                              description="Other COGS (hosting, support) as a "
                                                          "share of revenue, with provider_share.",
                                                          json_schema_extra={"var": "other_cogs_share"})
    users: float | None = Field(None, ge=0, le=1e10, examples=[14_400],
                                description="Users paying price_per_user_usd, for the month's totals "
                                            "(revenue, COGS and gross profit a month).",
                                json_schema_extra={"var": "users"})
    benchmark_margin: Fraction = Field(DEFAULT_BENCHMARK_MARGIN, ge=-10, le=1,
                                       description="Gross margin to compare with (typical SaaS "
                                                   "80-90%; default 80%).",
                                                   json_schema_extra={"var": "benchmark_margin"})

    @model_validator(mode="after")
    def _check(self) -> MarginInput:
        costs = [n for n in ("cost_per_user_usd", "cogs_usd", "provider_share")
                 if getattr(self, n) is not None]
        if self.other_cogs_share is not None and self.provider_share is None:
            raise ValueError("other_cogs_share needs provider_share (e.g. 'provider_share: 40%')")
        if len(costs) != 1:
            raise ValueError("give exactly one cost: cost_per_user_usd with price_per_user_usd, "
                             "cogs_usd with revenue_usd, or provider_share (e.g. '40% of revenue "
                             f"goes to OpenAI'); got {', '.join(costs) or 'none'}")
        if self.price_per_user_usd is not None and self.revenue_usd is not None:
            raise ValueError("give price_per_user_usd or revenue_usd, not both")
        if self.cost_per_user_usd is not None and self.price_per_user_usd is None:
            raise ValueError("cost_per_user_usd needs price_per_user_usd (e.g. '$20 per user')")
        if self.cogs_usd is not None and self.revenue_usd is None:
            raise ValueError("cogs_usd needs revenue_usd over the same period")
        if self.users is not None and (self.price_per_user_usd is None or self.cost_per_user_usd is None):
            raise ValueError("users needs price_per_user_usd and cost_per_user_usd (the month's totals per user)")
        return self


class MarginResult(ToolResult):
    """Gross margin as a fraction, with profit in USD when amounts were given."""

    mode: str = Field(description="per_user, revenue or share.")
    gross_margin: float = Field(description="(revenue - COGS) / revenue, as a fraction.",
                                json_schema_extra={"var": "margin"})
    cogs_share: float = Field(description="COGS / revenue, as a fraction.")
    revenue_usd: float | None = Field(description="Revenue per user per month or per period.")
    cogs_usd: float | None
    gross_profit_usd: float | None = Field(description="Revenue - COGS, same basis as revenue.",
                                           json_schema_extra={"var": "gross_profit"})
    contribution_per_user_usd: float | None = Field(description="Price - variable cost per user.")
    monthly_revenue_usd: float | None = Field(None, description="users x price per user, a month.",
                                              json_schema_extra={"var": "monthly_revenue"})
    monthly_cogs_usd: float | None = Field(None, description="users x cost per user, a month.",
                                           json_schema_extra={"var": "monthly_cogs", "also": ["monthly_cost"]})
    monthly_gross_profit_usd: float | None = Field(None, description="users x contribution per user, a month.",
                                                   json_schema_extra={"var": "monthly_gross_profit"})
    benchmark_margin: float
    gap_to_benchmark: float = Field(description="Benchmark minus gross margin, as a fraction "
                                                "(positive: below the benchmark).")
    loses_money: bool


def _revenue_and_cogs(inp: MarginInput) -> tuple[str, float | None, float | None, float]:
    """Mode, revenue, COGS (None when only shares are known) and the COGS share."""
    if inp.provider_share is not None:
        share = inp.provider_share + (inp.other_cogs_share or 0.0)
        base = inp.price_per_user_usd if inp.price_per_user_usd is not None else inp.revenue_usd
        return "share", base, None if base is None else base * share, share
    if inp.cost_per_user_usd is not None and inp.price_per_user_usd is not None:
        price, cost = inp.price_per_user_usd, inp.cost_per_user_usd
        return "per_user", price, cost, cost / price
    revenue, cogs = inp.revenue_usd or 0.0, inp.cogs_usd or 0.0
    return "revenue", revenue, cogs, cogs / revenue


def _points(gap: float) -> str:
    return f"{fmt.pct(abs(gap)).removesuffix('%')} percentage points"  # four significant digits, as margins are shown


def margin(data: MarginInput | dict, catalog: Catalog | None = None) -> MarginResult:
    """Gross margin of a product, and its gap to a benchmark (typical SaaS 80-90%).

    Gross margin = (revenue - COGS) / revenue = 1 - COGS share; model/API and hosting are COGS.

    Args:
        data: one of: price_per_user_usd and cost_per_user_usd (per month); revenue_usd and
            cogs_usd (same period); or provider_share of revenue paid to the model provider
            (optionally other_cogs_share, and price_per_user_usd or revenue_usd for amounts).
            users with a price and a cost per user gives the month's totals. benchmark_margin
            defaults to 80%.
        catalog: unused; accepted so every calculator has the same signature.
    """
    inp = parse_input(MarginInput, data)
    mode, revenue, cogs, share = _revenue_and_cogs(inp)
    gm = finite(1 - share, "gross_margin")
    per_user = inp.price_per_user_usd is not None
    basis = "per user per month" if per_user else f"per {inp.period.value}"
    assumptions = ["Gross margin = (revenue - COGS) / revenue; model/API and hosting are COGS.",
                   f"Benchmark gross margin {fmt.pct(inp.benchmark_margin)}"
                   + (" (low end of typical SaaS, 80-90%)."
                      if inp.benchmark_margin == DEFAULT_BENCHMARK_MARGIN else " (as given).")]
    inputs = {"benchmark_margin": q(inp.benchmark_margin * 100, "%")}
    if revenue is not None and cogs is not None:
        profit = finite(revenue - cogs, "gross_profit_usd")
        inputs["revenue"] = q(revenue, f"USD {basis}")
        inputs["cogs"] = q(cogs, f"USD {basis}")
        formula = (f"gross margin = (revenue - COGS) / revenue = ({fmt.money(revenue)} - "
                   f"{fmt.money(cogs)}) / {fmt.money(revenue)} = {fmt.pct(gm)}")
    else:
        profit = None
        formula = f"gross margin = 1 - COGS share = 1 - {fmt.pct(share)} = {fmt.pct(gm)}"
    if mode == "share":
        inputs["provider_share"] = q((inp.provider_share or 0.0) * 100, "% of revenue")
        if inp.other_cogs_share is not None:
            inputs["other_cogs_share"] = q(inp.other_cogs_share * 100, "% of revenue")
            formula += (f"; COGS share = provider {fmt.pct(inp.provider_share or 0.0)} + other "
                        f"{fmt.pct(inp.other_cogs_share)}")
    contribution = profit if per_user else None
    if contribution is not None:
        formula += f"; contribution per user = {fmt.money(contribution)} per month"
    gap = inp.benchmark_margin - gm
    if gm < 0:
        headline = (f"It loses money: gross margin is {fmt.pct(gm)} (COGS are {fmt.pct(share)} "
                    f"of revenue), {_points(gap)} below the {fmt.pct(inp.benchmark_margin)} "
                    "benchmark.")
    else:
        where = (f"{_points(gap)} {'below' if gap > 0 else 'above'} the" if abs(gap) > 1e-12
                 else "at the")
        headline = (f"Gross margin is {fmt.pct(gm)} (COGS are {fmt.pct(share)} of revenue), "
                    f"{where} {fmt.pct(inp.benchmark_margin)} benchmark.")
    if profit is not None:
        headline = headline[:-1] + f"; gross profit {fmt.money(profit)} {basis}."
    totals: dict[str, float] = {}
    if inp.users is not None and revenue is not None and cogs is not None and profit is not None:
        totals = {"monthly_revenue_usd": inp.users * revenue, "monthly_cogs_usd": inp.users * cogs,
                  "monthly_gross_profit_usd": inp.users * profit}
        inputs["users"] = q(inp.users, "users")
        formula += (f"; a month: revenue = {fmt.number(inp.users)} x {fmt.money(revenue)} = "
                    f"{fmt.money(totals['monthly_revenue_usd'])}, COGS = {fmt.number(inp.users)} x {fmt.money(cogs)}"
                    f" = {fmt.money(totals['monthly_cogs_usd'])}, gross profit = "
                    f"{fmt.money(totals['monthly_gross_profit_usd'])}")
        headline = headline[:-1] + (f"; {fmt.number(inp.users)} users bring {fmt.money(totals['monthly_revenue_usd'])}"
                                    f" of revenue and {fmt.money(totals['monthly_cogs_usd'])} of COGS a month.")
    return MarginResult(
        tool="margin", headline=headline, formula=formula, inputs=inputs,
        assumptions=assumptions, mode=mode, gross_margin=gm, cogs_share=share,
        revenue_usd=revenue, cogs_usd=cogs, gross_profit_usd=profit,
        contribution_per_user_usd=contribution, benchmark_margin=inp.benchmark_margin,
        gap_to_benchmark=gap, loses_money=gm < 0, **totals,
    )
