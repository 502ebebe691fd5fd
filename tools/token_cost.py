"""token_cost: what a usage pattern costs per query, per user, per day, month and year."""

from __future__ import annotations

from pydantic import Field, model_validator

from tools import fmt
from tools.catalog import Catalog, ModelPrice, default_catalog
from tools.errors import InputError
from tools.result import CalcInput, ToolResult, finite, parse_input, q
from tools.units import (
    CONVENTION_CLOCK,
    CONVENTION_MONTH,
    CONVENTION_WORDS,
    CONVENTION_YEAR,
    DAYS_PER_MONTH,
    MONTHS_PER_YEAR,
    UNIT_LABEL,
    WORDS_PER_1K_TOKENS,
    Fraction,
    Period,
    PriceUnit,
    per_day,
    price_per_token,
)

__all__ = ["DEFAULT_INPUT_SHARE", "TokenCostInput", "TokenCostResult", "token_cost"]

DEFAULT_INPUT_SHARE = 0.75
"""Share of a query's tokens that are input (prompt), used when only a total is given."""


class TokenCostInput(CalcInput):
    """A usage pattern and how its tokens are priced."""

    users: float = Field(gt=0, le=1e10, description="Active users (seats, MAU, subscribers).",
                         examples=[100_000], json_schema_extra={"var": "users"})
    queries_per_user: float = Field(gt=0, le=1e7, examples=[20],
                                    description="Queries (requests, conversations) per user per `query_period`.",
                                    json_schema_extra={"var": "queries_per_user"})
    query_period: Period = Field(Period.day, description="Period of `queries_per_user`: second, minute, hour, "
                                                         "day, week, month or year.",
                                                         json_schema_extra={"var": "query_period"})
    tokens_per_query: float | None = Field(None, gt=0, le=1e8, examples=[1_000],
                                           description="Total tokens per query (input + output).",
                                           json_schema_extra={"var": "tokens_per_query"})
    words_per_query: float | None = Field(None, gt=0, le=1e8, examples=[750],
                                          description="Words per query, converted at 750 words per 1K tokens.",
                                          json_schema_extra={"var": "words_per_query"})
    input_tokens_per_query: float | None = Field(None, ge=0, le=1e8, description="Input (prompt) tokens per query.",
                                                 json_schema_extra={"var": "input_tokens"})
    output_tokens_per_query: float | None = Field(None, ge=0, le=1e8, description="Output tokens per query.",
                                                  json_schema_extra={"var": "output_tokens"})
    active_days_per_month: float | None = Field(
        None, gt=0, le=31, examples=[22],
        description="Days a month on which the per-day queries happen (workdays, school days); "
                    "default: every day of a 30-day month. Only with a daily, hourly or shorter query_period.",
        json_schema_extra={"var": "active_days"})
    cached_input_tokens_per_query: float | None = Field(
        None, ge=0, le=1e8, description="How many of the input tokens are cached (served from the prompt cache); "
                                        "an alternative to cached_input_share.",
        json_schema_extra={"var": "cached_tokens"})
    cached_input_share: Fraction = Field(0.0, ge=0, le=1,
                                         description="Share of input tokens billed at the cached-input price (0-100%).",
                                         json_schema_extra={"var": "cached_share"})
    price: float | None = Field(None, ge=0, le=1e6, examples=[0.002],
                                description="One blended price for all tokens, in `price_unit`.",
                                json_schema_extra={"var": "token_price"})
    input_price: float | None = Field(None, ge=0, le=1e6, description="Input-token price, in `price_unit`.",
                                      json_schema_extra={"var": "input_price"})
    output_price: float | None = Field(None, ge=0, le=1e6, description="Output-token price, in `price_unit`.",
                                       json_schema_extra={"var": "output_price"})
    cached_input_price: float | None = Field(None, ge=0, le=1e6, description="Cached-input price, in `price_unit`.",
                                             json_schema_extra={"var": "cached_price"})
    price_unit: PriceUnit = Field(PriceUnit.per_1m, description="per_token, per_1k or per_1m tokens.",
                                  json_schema_extra={"var": "price_unit"})
    model: str | None = Field(None, examples=["gpt-4o-mini"],
                              description="Catalog model name; used when no price is given.",
                              json_schema_extra={"var": "model"})

    @model_validator(mode="after")
    def _check(self) -> TokenCostInput:
        split = self.input_tokens_per_query is not None or self.output_tokens_per_query is not None
        if self.tokens_per_query is None and self.words_per_query is not None:
            self.tokens_per_query = self.words_per_query * 1_000 / WORDS_PER_1K_TOKENS
        if self.tokens_per_query is None and not split:
            raise ValueError("give tokens_per_query, or input_tokens_per_query and output_tokens_per_query "
                             "(e.g. 'about 1,000 tokens per query')")
        if self.price is None and self.input_price is None and self.model is None:
            raise ValueError("give a price (e.g. '$0.002 per 1K tokens') or a model name (e.g. 'gpt-4o-mini')")
        if self.input_price is not None and self.output_price is None and self.price is None:
            raise ValueError("give output_price too, or one blended price")
        if self.active_days_per_month is not None and self.query_period in (Period.week, Period.month, Period.year):
            raise ValueError(f"active_days_per_month applies to queries per day (or hour); queries are per "
                             f"{self.query_period.value} here, so leave it out")
        if self.cached_input_tokens_per_query is not None and self.cached_input_share:
            raise ValueError("give cached_input_tokens_per_query or cached_input_share, not both")
        return self


class TokenCostResult(ToolResult):
    """Cost of the usage pattern at every horizon, in USD."""

    cost_per_query_usd: float = Field(json_schema_extra={"var": "cost_per_query"})
    cost_per_user_per_month_usd: float = Field(json_schema_extra={"var": "cost_per_user"})
    cost_per_day_usd: float = Field(json_schema_extra={"var": "daily_cost"})
    cost_per_week_usd: float = Field(json_schema_extra={"var": "weekly_cost"})
    cost_per_month_usd: float = Field(json_schema_extra={"var": "monthly_cost"})
    cost_per_year_usd: float = Field(json_schema_extra={"var": "yearly_cost"})
    queries_per_month: float = Field(json_schema_extra={"var": "monthly_queries"})
    tokens_per_month: float = Field(json_schema_extra={"var": "monthly_tokens"})
    price_per_1m_input_usd: float
    price_per_1m_output_usd: float


def _token_split(inp: TokenCostInput, assumptions: list[str]) -> tuple[float, float]:
    if inp.input_tokens_per_query is not None or inp.output_tokens_per_query is not None:
        return inp.input_tokens_per_query or 0.0, inp.output_tokens_per_query or 0.0
    total = inp.tokens_per_query or 0.0
    blended = inp.price is not None
    if blended:
        return total, 0.0
    assumptions.append(f"Only a total of {fmt.number(total)} tokens per query was given: "
                       f"{fmt.pct(DEFAULT_INPUT_SHARE)} are taken as input and "
                       f"{fmt.pct(1 - DEFAULT_INPUT_SHARE)} as output.")
    return total * DEFAULT_INPUT_SHARE, total * (1 - DEFAULT_INPUT_SHARE)


def _prices(inp: TokenCostInput, catalog: Catalog) -> tuple[float, float, float, ModelPrice | None]:
    """Input, output and cached-input prices in $ per token, and the catalog entry used."""
    if inp.price is not None:
        p = price_per_token(inp.price, inp.price_unit)
        cached_p = p if inp.cached_input_price is None else price_per_token(inp.cached_input_price, inp.price_unit)
        return p, p, cached_p, None
    if inp.input_price is not None and inp.output_price is not None:
        cached = inp.cached_input_price if inp.cached_input_price is not None else inp.input_price
        return (price_per_token(inp.input_price, inp.price_unit), price_per_token(inp.output_price, inp.price_unit),
                price_per_token(cached, inp.price_unit), None)
    entry = catalog.model(inp.model or "")
    cached = entry.cached_input_per_1m if entry.cached_input_per_1m is not None else entry.input_per_1m
    return entry.input_per_1m / 1e6, entry.output_per_1m / 1e6, cached / 1e6, entry


def token_cost(data: TokenCostInput | dict, catalog: Catalog | None = None) -> TokenCostResult:
    """Cost of serving users at a usage level: per query, per user, per day, month and year.

    Monthly cost = users x queries per user per day x 30 x tokens per query x price per token.

    Args:
        data: users, queries per user (per day, month or year), tokens per query (total or split
            into input / output, optionally with a cached-input share) and either a price
            (per token, per 1K or per 1M; blended or split) or a catalog model name.
        catalog: price catalog for model names (defaults to the bundled one).
    """
    inp = parse_input(TokenCostInput, data)
    catalog = catalog or default_catalog()
    assumptions = [CONVENTION_MONTH, CONVENTION_YEAR]
    if inp.query_period is Period.week:
        assumptions.append("A week is 7 days.")
    if inp.query_period in (Period.second, Period.minute, Period.hour):
        assumptions.append(CONVENTION_CLOCK)
    if inp.words_per_query is not None:
        assumptions.append(f"{CONVENTION_WORDS} {fmt.number(inp.words_per_query)} words are "
                           f"{fmt.number(inp.tokens_per_query or 0)} tokens.")
    in_tok, out_tok = _token_split(inp, assumptions)
    p_in, p_out, p_cached, entry = _prices(inp, catalog)
    if inp.cached_input_share and inp.cached_input_price is None and entry is None:
        assumptions.append("No cached-input price was given: cached input is billed at the input price.")
    cached_tok = in_tok * inp.cached_input_share
    if inp.cached_input_tokens_per_query is not None:
        if inp.cached_input_tokens_per_query > in_tok:
            raise InputError(f"{fmt.number(inp.cached_input_tokens_per_query)} cached tokens is more than the "
                             f"{fmt.number(in_tok)} input tokens of a query.", field="cached_input_tokens_per_query",
                             value=inp.cached_input_tokens_per_query,
                             hint="Give the cached part of the input, e.g. '3,000 input tokens, 2,000 of them cached'.")
        cached_tok = inp.cached_input_tokens_per_query
    per_query = (in_tok - cached_tok) * p_in + cached_tok * p_cached + out_tok * p_out
    queries_per_day = inp.users * per_day(inp.queries_per_user, inp.query_period)
    per_day_usd = finite(queries_per_day * per_query, "cost_per_day_usd")
    days = inp.active_days_per_month or DAYS_PER_MONTH
    if inp.active_days_per_month is not None:
        assumptions[0] = (f"Queries happen on {fmt.number(days)} days a month (as given).")
    per_month = per_day_usd * days
    sources = []
    if entry is not None:
        sources.append(entry.source(catalog.today))
        assumptions.append(f"Prices of {entry.model} ({entry.provider}) from the catalog, as of {entry.as_of}.")
    unit = UNIT_LABEL[inp.price_unit]
    if inp.price is not None:
        price_text = f"{fmt.money(inp.price)} {unit}"
    else:
        price_text = f"{fmt.money(p_in * 1e6)} input / {fmt.money(p_out * 1e6)} output per 1M tokens"
    tokens = in_tok + out_tok
    per_query_formula = "input tokens x input price + output tokens x output price"
    if cached_tok:
        per_query_formula = (f"({fmt.number(in_tok)} - {fmt.number(cached_tok)} cached) input tokens x "
                             f"{fmt.money(p_in * 1e6)}/1M + {fmt.number(cached_tok)} cached x "
                             f"{fmt.money(p_cached * 1e6)}/1M + {fmt.number(out_tok)} output x "
                             f"{fmt.money(p_out * 1e6)}/1M")
    formula = (f"monthly cost = users x queries per user per day x {fmt.number(days)} days x cost per query; "
               f"cost per query = {per_query_formula} = "
               f"{fmt.money(per_query)}; {fmt.number(inp.users)} x "
               f"{fmt.number(per_day(inp.queries_per_user, inp.query_period))} x {fmt.number(days)} x "
               f"{fmt.money(per_query)} = {fmt.money(per_month)}")
    inputs = {
        "users": q(inp.users, "users"),
        "queries_per_user": q(inp.queries_per_user, f"queries per user per {inp.query_period.value}"),
        "tokens_per_query": q(tokens, "tokens"),
        "input_tokens_per_query": q(in_tok, "tokens"),
        "output_tokens_per_query": q(out_tok, "tokens"),
        "price": q(price_text, "USD"),
    }
    if inp.model and entry is not None:
        inputs["model"] = q(entry.model, "catalog model")
    if inp.cached_input_share:
        inputs["cached_input_share"] = q(inp.cached_input_share * 100, "%")
    if inp.cached_input_tokens_per_query is not None:
        inputs["cached_input_tokens_per_query"] = q(cached_tok, "tokens")
    if inp.active_days_per_month is not None:
        inputs["active_days_per_month"] = q(days, "days per month")
    return TokenCostResult(
        tool="token_cost",
        headline=(f"{fmt.number(inp.users)} {'user' if inp.users == 1 else 'users'} at "
                  f"{fmt.number(inp.queries_per_user)} {'query' if inp.queries_per_user == 1 else 'queries'} per "
                  f"{inp.query_period.value} {'costs' if inp.users == 1 else 'cost'} {fmt.money(per_month)} per month "
                  f"({fmt.money(per_query)} per query, {fmt.money(per_month * MONTHS_PER_YEAR)} per year)."),
        formula=formula,
        inputs=inputs,
        assumptions=assumptions,
        sources=sources,
        cost_per_query_usd=per_query,
        cost_per_user_per_month_usd=per_month / inp.users,
        cost_per_day_usd=per_day_usd,
        cost_per_week_usd=per_month * 7 / DAYS_PER_MONTH,
        cost_per_month_usd=per_month,
        cost_per_year_usd=per_month * MONTHS_PER_YEAR,
        queries_per_month=queries_per_day * days,
        tokens_per_month=queries_per_day * days * tokens,
        price_per_1m_input_usd=p_in * 1e6,
        price_per_1m_output_usd=p_out * 1e6,
    )
