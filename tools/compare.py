"""compare: two or more models or scenarios side by side, and how many times dearer each is."""

from __future__ import annotations

from pydantic import BaseModel, Field, model_validator

from tools import fmt
from tools.catalog import Catalog, default_catalog
from tools.pricing import Pricing, ServiceTier
from tools.result import CalcInput, Source, ToolResult, parse_input, q
from tools.token_cost import DEFAULT_INPUT_SHARE, TokenCostInput, TokenCostResult, token_cost
from tools.units import MONTHS_PER_YEAR, UNIT_LABEL, Fraction, Period

__all__ = ["CompareInput", "CompareResult", "CompareRow", "Option", "Scenario", "compare"]

_USAGE = ("users", "queries_per_user", "tokens_per_query", "words_per_query", "input_words_per_query",
          "output_words_per_query", "input_tokens_per_query", "output_tokens_per_query", "calls_per_query")
# 1M tokens as 1,000 queries of 1,000 tokens: one 1M-token query would cross long-context price tiers
_PER_1M_USAGE = {"users": 1, "queries_per_user": 1_000, "query_period": "month",
                 "tokens_per_query": 1_000}


class Option(Pricing):
    """One model or price (the shared `Pricing` fields) to compare under the shared usage."""

    label: str | None = Field(None, description="Name shown in the table.")

    @model_validator(mode="after")
    def _check(self) -> Option:
        if not self.priced:
            raise ValueError("give each option a model name (e.g. 'gpt-4o-mini'), a price "
                             "(e.g. 2 per_1m), or input_price and output_price")
        return self


class Scenario(TokenCostInput):
    """A full token_cost scenario (its own usage and price) with a label."""

    label: str | None = Field(None, description="Name shown in the table.")


class CompareInput(CalcInput):
    """Shared usage with 2-10 options, or 2-10 full scenarios."""

    users: float | None = Field(None, gt=0, le=1e10, examples=[100_000], description="Users.")
    queries_per_user: float | None = Field(None, gt=0, le=1e7, examples=[20],
                                           description="Queries per user per `query_period`.")
    query_period: Period = Field(Period.day, description="day, week, month or year.")
    tokens_per_query: float | None = Field(None, gt=0, le=1e8, examples=[1_000],
                                           description="Total tokens per query.")
    words_per_query: float | None = Field(None, gt=0, le=1e8, description="Words per query "
                                          "(750 words per 1K tokens), instead of tokens.")
    input_words_per_query: float | None = Field(None, gt=0, le=1e8, description="Input words per query.")
    output_words_per_query: float | None = Field(None, gt=0, le=1e8, description="Output words per query.")
    input_tokens_per_query: float | None = Field(None, ge=0, le=1e8, description="Input tokens.")
    output_tokens_per_query: float | None = Field(None, ge=0, le=1e8, description="Output tokens.")
    active_days_per_month: float | None = Field(
        None, gt=0, le=31, examples=[21], description="Days a month on which per-day queries happen (workdays); "
        "default: every day of a 30-day month. Only with a daily or hourly query_period.",
        json_schema_extra={"var": "active_days"})
    calls_per_query: float | None = Field(None, gt=0, le=1e4, description="Model calls per query (an agent task "
                                          "of 5 calls); the tokens are then per call.",
                                          json_schema_extra={"var": "calls_per_query"})
    input_share: Fraction = Field(DEFAULT_INPUT_SHARE, ge=0, le=1, examples=["80%"],
                                  description="Input share of a total of tokens (default 75%), also on the "
                                              "per-1M basis.", json_schema_extra={"var": "api_input_share"})
    options: list[Option] | None = Field(None, min_length=2, max_length=10,
                                         description="Models or prices under the shared usage.")
    segments: bool = Field(False, description="The scenarios are segments of one workload (e.g. free, pro and team "
                                              "users), not alternatives: their total is given too.")
    scenarios: list[Scenario] | None = Field(None, min_length=2, max_length=10,
                                             description="Full token_cost scenarios instead.")

    @model_validator(mode="after")
    def _check(self) -> CompareInput:
        if (self.options is None) == (self.scenarios is None):
            raise ValueError("give either options (2-10 models or prices, e.g. [{'model': "
                             "'gpt-4o'}, {'model': 'gpt-4o-mini'}]) or scenarios, not both")
        given = [f for f in _USAGE if getattr(self, f) is not None]
        if self.scenarios is not None and given:
            raise ValueError(f"{', '.join(given)} belong inside each scenario when comparing "
                             f"scenarios; move them there")
        tokens = any(f in given for f in _USAGE[2:])
        if self.options is not None and given and not (self.users and self.queries_per_user
                                                       and tokens):
            raise ValueError("give the users, the queries each user makes and the tokens (or words) per "
                             "query together, or none of them to compare the prices per 1M tokens")
        return self


class CompareRow(BaseModel):
    """One option's cost and its multiple of the cheapest."""

    label: str
    monthly_cost_usd: float
    cost_per_query_usd: float
    yearly_cost_usd: float | None = Field(None, description="Monthly cost x 12 (none on the per-1M basis).")
    daily_cost_usd: float | None = Field(None, description="The cost of a day (none on the per-1M basis).")
    weekly_cost_usd: float | None = Field(None, description="The cost of a week, 7 days (none on the per-1M basis).")
    ratio_to_cheapest: float | None = Field(description="Monthly cost / the cheapest's.")
    sources: list[Source] = Field(default_factory=list)


class CompareResult(ToolResult):
    """The options side by side, the cheapest and the ratios to it."""

    basis: str = Field(description="'per month' or 'per 1M tokens' (when no usage was given).")
    rows: list[CompareRow]
    cheapest_label: str
    dearest_label: str
    max_ratio: float | None = Field(description="Dearest / cheapest monthly cost.")
    difference_usd: float = Field(description="Dearest minus cheapest, on the same basis.")
    difference_per_year_usd: float | None = Field(
        description="12 x the monthly difference (None on the per-1M basis).")
    total_monthly_usd: float | None = Field(None, description="The rows' sum, when they are segments of one workload.")


def _option_label(opt: Option) -> str:
    unit = UNIT_LABEL[opt.price_unit]
    tier = f" ({opt.service_tier.value})" if opt.service_tier is not ServiceTier.standard else ""
    if opt.label or opt.model:
        return opt.label or f"{opt.model}{tier}"
    if opt.price is not None:
        return f"{fmt.money(opt.price)} {unit}{tier}"
    return f"{fmt.money(opt.input_price or 0)} in / {fmt.money(opt.output_price or 0)} out {unit}{tier}"


def _runs(inp: CompareInput, catalog: Catalog) -> list[tuple[str, TokenCostResult]]:
    """token_cost for every option or scenario, with unique labels."""
    runs: list[tuple[str, TokenCostResult]] = []
    for i, scenario in enumerate(inp.scenarios or []):
        runs.append((scenario.label or scenario.model or f"scenario {i + 1}",
                     token_cost(scenario, catalog)))
    usage = inp.model_dump(include={"query_period", "input_share", "active_days_per_month", *_USAGE}, exclude_none=True)
    if inp.users is None:  # no usage given: compare per 1M tokens
        usage = {**_PER_1M_USAGE, "input_share": inp.input_share}
    for opt in inp.options or []:
        runs.append((_option_label(opt), token_cost({**usage, **opt.pricing_args()}, catalog)))
    seen: set[str] = set()
    unique = []
    for i, (label, res) in enumerate(runs):
        unique.append((label if label not in seen else f"{label} (#{i + 1})", res))
        seen.add(label)
    return unique


def compare(data: CompareInput | dict, catalog: Catalog | None = None) -> CompareResult:
    """Compare 2-10 models, prices or scenarios side by side: cost and times the cheapest.

    Each option is costed by token_cost; ratio = option's monthly cost / cheapest monthly cost.

    Args:
        data: either shared usage (users, queries_per_user, query_period, tokens_per_query or
            input/output tokens; omit all to compare per 1M tokens) with options (2-10, each the
            shared pricing: a catalog model, a price with price_unit, or input_price +
            output_price, optionally a service_tier such as batch, and an optional label), or
            scenarios (2-10 full token_cost inputs, each with a label).
        catalog: price catalog for model names (defaults to the bundled one).
    """
    inp = parse_input(CompareInput, data)
    catalog = catalog or default_catalog()
    runs = _runs(inp, catalog)
    per_1m = inp.options is not None and inp.users is None
    basis = "per 1M tokens" if per_1m else "per month"
    low_label, low = min(runs, key=lambda r: r[1].cost_per_month_usd)
    cheapest = low.cost_per_month_usd
    rows = [CompareRow(label=label, monthly_cost_usd=res.cost_per_month_usd,
                       cost_per_query_usd=res.cost_per_query_usd, sources=res.sources,
                       yearly_cost_usd=None if per_1m else res.cost_per_year_usd,
                       daily_cost_usd=None if per_1m else res.cost_per_day_usd,
                       weekly_cost_usd=None if per_1m else res.cost_per_week_usd,
                       ratio_to_cheapest=(res.cost_per_month_usd / cheapest if cheapest > 0
                                          else None if res.cost_per_month_usd else 1.0))
            for label, res in runs]
    top = max(rows, key=lambda r: r.monthly_cost_usd)
    assumptions = ["Each option is costed with token_cost; ratios divide its monthly cost by "
                   "the cheapest option's."]
    if per_1m:
        assumptions.append("No usage was given: options are compared on 1M tokens (1,000 queries of 1,000 "
                           "tokens, below any long-context tier), so 'monthly cost' is the cost per 1M tokens.")
    if cheapest == 0:
        assumptions.append(f"{low_label} costs nothing, so ratios to it are undefined.")
    for _, res in runs:
        assumptions += [a for a in res.assumptions if a not in assumptions]
    sources: list[Source] = []
    for row in rows:
        sources += [s for s in row.sources if s not in sources]
    terms = "; ".join(f"{r.label}: {fmt.money(r.monthly_cost_usd)} / {fmt.money(cheapest)} = "
                      f"{fmt.ratio(r.ratio_to_cheapest)}" for r in rows
                      if r.ratio_to_cheapest is not None)
    difference = top.monthly_cost_usd - cheapest
    yearly = None if per_1m else difference * MONTHS_PER_YEAR
    headline = f"{low_label} is the cheapest at {fmt.money(cheapest)} {basis}"
    if top.label != low_label and top.ratio_to_cheapest is not None:
        headline += (f"; {top.label} costs {fmt.ratio(top.ratio_to_cheapest)} as much "
                     f"({fmt.money(top.monthly_cost_usd)})")
        if yearly is not None:
            headline += (f", a difference of {fmt.money(difference)} a month or "
                         f"{fmt.money(yearly)} a year")
    between = [r for r in rows if r.label not in (low_label, top.label) and r.ratio_to_cheapest is not None]
    if between:  # a third option is named too, so a follow-up's added model is in the headline
        headline += "; between them " + ", ".join(f"{r.label} at {fmt.money(r.monthly_cost_usd)} "
                                                  f"({fmt.ratio(r.ratio_to_cheapest or 1)})" for r in between)
    inputs = {f"option_{i + 1}": q(r.label, "option") for i, r in enumerate(rows)}
    if not per_1m and inp.options is not None:
        inputs |= {f: q(getattr(inp, f), "tokens" if "tokens" in f else f.replace("_", " "))
                   for f in _USAGE if getattr(inp, f) is not None}
        inputs["query_period"] = q(inp.query_period.value, "period of queries_per_user")
        if inp.active_days_per_month is not None:
            inputs["active_days_per_month"] = q(inp.active_days_per_month, "days per month")
    formula = f"ratio = cost {basis} / cheapest cost {basis}: {terms or 'undefined'}"
    total = None
    if inp.segments and not per_1m:
        total = sum(r.monthly_cost_usd for r in rows)
        formula = (f"total = sum of the segments' monthly costs = "
                   f"{' + '.join(fmt.money(r.monthly_cost_usd) for r in rows)} = {fmt.money(total)} a month")
        headline = ("Per segment: " + ", ".join(f"{r.label} {fmt.money(r.monthly_cost_usd)}" for r in rows)
                    + f" a month; together {fmt.money(total)} a month ({fmt.money(total * MONTHS_PER_YEAR)} a year)")
    return CompareResult(
        tool="compare", headline=headline + ".",
        formula=formula,
        inputs=inputs, assumptions=assumptions, sources=sources, basis=basis, rows=rows,
        cheapest_label=low_label, dearest_label=top.label, max_ratio=top.ratio_to_cheapest,
        difference_usd=difference, difference_per_year_usd=yearly, total_monthly_usd=total,
    )
