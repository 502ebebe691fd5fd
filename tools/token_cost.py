"""token_cost: what a usage pattern costs per query, per user, per day, month and year."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import Field, model_validator

from tools import fmt
from tools.bill import Bill, Component, QueryTokens, bill
from tools.catalog import Catalog, default_catalog
from tools.errors import InputError
from tools.prices import TokenRates
from tools.pricing import Pricing, ServiceTier
from tools.rates import resolve
from tools.result import Source, ToolResult, finite, parse_input, q
from tools.units import (
    CONVENTION_CLOCK,
    CONVENTION_MONTH,
    CONVENTION_WORDS,
    CONVENTION_YEAR,
    DAYS_PER_MONTH,
    MONTHS_PER_QUARTER,
    MONTHS_PER_YEAR,
    WORDS_PER_1K_TOKENS,
    Fraction,
    Period,
    per_day,
)

__all__ = ["DEFAULT_INPUT_SHARE", "TokenCostInput", "TokenCostResult", "token_cost"]

DEFAULT_INPUT_SHARE = 0.75
"""Share of a query's tokens that are input (prompt), used when only a total is given."""


class TokenCostInput(Pricing):
    """A usage pattern and how its tokens are priced (the shared `Pricing` fields)."""

    users: float = Field(gt=0, le=1e10, description="Active users (seats, MAU, subscribers).",
                         examples=[100_000], json_schema_extra={"var": "users"})
    queries_per_user: float = Field(gt=0, le=1e10, examples=[20],
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
    input_words_per_query: float | None = Field(None, gt=0, le=1e8, description="Input words per query (a document "
                                                "going in), converted at 750 words per 1K tokens.",
                                                json_schema_extra={"var": "input_words"})
    output_words_per_query: float | None = Field(None, gt=0, le=1e8, description="Output words per query (the text "
                                                 "coming out), converted at 750 words per 1K tokens.",
                                                 json_schema_extra={"var": "output_words"})
    input_tokens_per_query: float | None = Field(None, ge=0, le=1e8, description="Input (prompt) tokens per query.",
                                                 json_schema_extra={"var": "input_tokens"})
    output_tokens_per_query: float | None = Field(None, ge=0, le=1e8, description="Visible output tokens per query.",
                                                  json_schema_extra={"var": "output_tokens"})
    input_token_parts: list[Annotated[float, Field(ge=0, le=1e8)]] | None = Field(
        None, min_length=2, max_length=10, examples=[[8_000, 500]],
        description="Input tokens per query given in parts (system prompt, user message, retrieved documents); "
                    "their sum is the input, instead of input_tokens_per_query.",
        json_schema_extra={"var": "input_token_parts"})
    price_change: Fraction = Field(0.0, ge=-1, le=10, examples=["30%", "-20%"],
                                   description="A change to every price in force (a provider's rise of 30% or a "
                                               "negotiated 20% discount as -20%); default none.",
                                   json_schema_extra={"var": "price_change"})
    input_share: Fraction = Field(DEFAULT_INPUT_SHARE, ge=0, le=1, examples=["80%"],
                                  description="Input share of a total tokens_per_query (default 75%: 75/25 input/"
                                              "output); used only when the split is not given in tokens.",
                                  json_schema_extra={"var": "api_input_share"})
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
                                         description="Share of input tokens read from the cache (0-100%).",
                                         json_schema_extra={"var": "cached_share"})
    cache_write_share: Fraction = Field(0.0, ge=0, le=1, description="Share of input tokens written to the "
                                        "5-minute cache (0-100%).", json_schema_extra={"var": "cache_write_share"})
    cache_write_1h_share: Fraction = Field(0.0, ge=0, le=1, description="Share of input tokens written to the "
                                           "1-hour cache (0-100%).", json_schema_extra={"var": "cache_write_1h_share"})
    reasoning_share: Fraction = Field(0.0, ge=0, le=0.99, examples=["80%"], description="Thinking share: reasoning "
                                      "tokens as a share of all output tokens billed (80% = 4 reasoning tokens per "
                                      "visible one); billed as output.", json_schema_extra={"var": "reasoning_share"})
    reasoning_tokens_per_query: float | None = Field(None, ge=0, le=1e8, description="Reasoning (thinking) tokens "
                                                     "per query, billed as output; instead of reasoning_share.",
                                                     json_schema_extra={"var": "reasoning_tokens"})
    reasoning_per_output: float | None = Field(None, ge=0, le=1e3, examples=[3], description="Reasoning tokens per "
                                               "visible output token ('reasoning roughly 3x the visible output' = 3), "
                                               "billed as output; instead of reasoning_share.",
                                               json_schema_extra={"var": "reasoning_multiple"})
    calls_per_query: float = Field(1.0, gt=0, le=1e4, examples=[5], description="Model calls per query, when a "
                                   "query is a task that calls the model several times (an agent loop of 5 steps); "
                                   "token sizes and cost_per_query_usd are then per call.",
                                   json_schema_extra={"var": "calls_per_query"})
    cost_per_query_usd: float | None = Field(None, gt=0, le=1e4, examples=[0.004], description="The all-in cost of "
                                             "one query when it is known ('every request costs us 4 cents'), "
                                             "instead of tokens and prices.",
                                             json_schema_extra={"var": "known_cost_per_query"})

    @model_validator(mode="after")
    def _check(self) -> TokenCostInput:
        if self.cost_per_query_usd is not None:
            return self._known_cost()
        if self.input_token_parts is not None:  # "an 8k system prompt + a 500-token message": one input
            if self.input_tokens_per_query is not None:
                raise ValueError("give input_tokens_per_query or input_token_parts, not both")
            self.input_tokens_per_query = sum(self.input_token_parts)
        for _, words, tokens in _WORD_FIELDS:  # words become tokens at 750 words per 1K tokens
            if getattr(self, words) is not None and getattr(self, tokens) is not None:
                raise ValueError(f"give {words} or {tokens}, not both: the words are converted to tokens "
                                 f"(1,000 tokens = 750 words)")
            if getattr(self, words) is not None:
                setattr(self, tokens, getattr(self, words) * 1_000 / WORDS_PER_1K_TOKENS)
        split = self.input_tokens_per_query is not None or self.output_tokens_per_query is not None
        side = self.input_tokens_per_query if self.output_tokens_per_query is None else self.output_tokens_per_query
        if self.tokens_per_query is not None and split and (self.input_tokens_per_query is None) != (
                self.output_tokens_per_query is None) and (side or 0) > self.tokens_per_query:
            raise ValueError(f"one side of a query ({fmt.number(side or 0)} tokens) cannot be more than its "
                             f"{fmt.number(self.tokens_per_query)} tokens in all; give the total, or both sides")
        if self.tokens_per_query is None and not split:
            raise ValueError("give tokens_per_query, or input_tokens_per_query and output_tokens_per_query "
                             "(e.g. 'about 1,000 tokens per query')")
        if not self.priced:
            raise ValueError("give a price (e.g. '$0.002 per 1K tokens') or a model name (e.g. 'gpt-4o-mini')")
        shares = self.cached_input_share + self.cache_write_share + self.cache_write_1h_share
        if shares > 1 + 1e-9:
            raise ValueError(f"cached_input_share + cache_write_share + cache_write_1h_share must be at most 100% "
                             f"of input tokens (got {fmt.pct(shares)})")
        if sum(x is not None for x in (self.reasoning_share or None, self.reasoning_tokens_per_query,
                                       self.reasoning_per_output)) > 1:
            raise ValueError("give one of reasoning_share, reasoning_tokens_per_query or reasoning_per_output")
        if self.active_days_per_month is not None and self.query_period in (Period.week, Period.month, Period.year):
            raise ValueError(f"active_days_per_month applies to queries per day (or hour); queries are per "
                             f"{self.query_period.value} here, so leave it out")
        if self.cached_input_tokens_per_query is not None and self.cached_input_share:
            raise ValueError("give cached_input_tokens_per_query or cached_input_share, not both")
        return self

    def _known_cost(self) -> TokenCostInput:
        """A known cost per query stands for the whole bill of a query: no tokens or prices beside it."""
        given = [name for name in ("tokens_per_query", "words_per_query", "input_tokens_per_query",
                                   "output_tokens_per_query", "model", "price", "input_price")
                 if getattr(self, name) is not None]
        if given:
            raise ValueError(f"give cost_per_query_usd or the tokens and prices of a query ({', '.join(given)}), "
                             f"not both")
        if self.active_days_per_month is not None and self.query_period in (Period.week, Period.month, Period.year):
            raise ValueError(f"active_days_per_month applies to queries per day (or hour); queries are per "
                             f"{self.query_period.value} here, so leave it out")
        return self


_WORD_FIELDS = (("", "words_per_query", "tokens_per_query"),
                ("input ", "input_words_per_query", "input_tokens_per_query"),
                ("output ", "output_words_per_query", "output_tokens_per_query"))
"""Each word count of a query, the token field it converts to, and the side it names in an assumption."""


class TokenCostResult(ToolResult):
    """Cost of the usage pattern at every horizon, in USD, and the bill of one query."""

    cost_per_query_usd: float = Field(json_schema_extra={"var": "cost_per_query"})
    cost_per_user_per_month_usd: float = Field(json_schema_extra={"var": "cost_per_user"})
    cost_per_day_usd: float = Field(json_schema_extra={"var": "daily_cost"})
    cost_per_week_usd: float = Field(json_schema_extra={"var": "weekly_cost"})
    cost_per_month_usd: float = Field(json_schema_extra={"var": "monthly_cost"})
    cost_per_quarter_usd: float = Field(description="3 x monthly: a quarter is 3 months.",
                                        json_schema_extra={"var": "quarterly_cost"})
    cost_per_year_usd: float = Field(json_schema_extra={"var": "yearly_cost"})
    queries_per_month: float = Field(json_schema_extra={"var": "monthly_queries"})
    tokens_per_month: float | None = Field(json_schema_extra={"var": "monthly_tokens"},
                                           description="None when only the cost per query was given.")
    price_per_1m_input_usd: float | None
    price_per_1m_output_usd: float | None
    components: list[Component] = Field(description="One query's bill: tokens x rate per component.")
    reasoning_tokens_per_query: float = 0.0
    service_tier: str = "standard"
    long_context_tier: int | None = Field(None, description="Threshold of the long-context tier applied, if any.")

    def known_tokens(self) -> float:
        """Tokens a month, which a cost per query given as such does not tell."""
        if self.tokens_per_month is None:
            raise InputError("tokens a month are not known: only the cost per query was given.",
                             field="cost_per_query_usd", hint="Give the tokens per query and their price instead.")
        return self.tokens_per_month


def _token_split(inp: TokenCostInput, blended: bool, assumptions: list[str]) -> tuple[float, float]:
    one_side = (inp.input_tokens_per_query is None) != (inp.output_tokens_per_query is None)
    if one_side and inp.tokens_per_query is not None:  # "2,000 tokens a ticket, 400 of them written back"
        side, given = ("input", inp.input_tokens_per_query) if inp.input_tokens_per_query is not None else \
            ("output", inp.output_tokens_per_query)
        rest = inp.tokens_per_query - (given or 0.0)
        other = "output" if side == "input" else "input"
        assumptions.append(f"{fmt.number(inp.tokens_per_query)} tokens per query in all, {fmt.number(given or 0)} of "
                           f"them {side}: the other {fmt.number(rest)} are {other}.")
        return (given or 0.0, rest) if side == "input" else (rest, given or 0.0)
    if inp.input_tokens_per_query is not None or inp.output_tokens_per_query is not None:
        return inp.input_tokens_per_query or 0.0, inp.output_tokens_per_query or 0.0
    total = inp.tokens_per_query or 0.0
    if blended and not inp.reasoning_share:
        return total, 0.0
    share = inp.input_share
    said = "the split given" if share != DEFAULT_INPUT_SHARE else "the default split"
    assumptions.append(f"Only a total of {fmt.number(total)} tokens per query was given: "
                       f"{fmt.pct(share)} are taken as input and {fmt.pct(1 - share)} as output ({said}).")
    return total * share, total * (1 - share)


def _tokens(inp: TokenCostInput, in_tok: float, out_tok: float, assumptions: list[str]) -> QueryTokens:
    """One query's tokens by how they bill: cache reads and writes out of input, reasoning beside output."""
    reasoning = inp.reasoning_tokens_per_query or 0.0
    if inp.reasoning_share:
        reasoning = round(out_tok * inp.reasoning_share / (1 - inp.reasoning_share), 6)  # no float noise
        assumptions.append(f"Thinking share {fmt.pct(inp.reasoning_share)}: each query also bills "
                           f"{fmt.number(reasoning)} reasoning tokens as output ({fmt.number(out_tok)} visible "
                           f"output x {fmt.pct(inp.reasoning_share)} / {fmt.pct(1 - inp.reasoning_share)}).")
    elif inp.reasoning_per_output is not None:
        reasoning = round(out_tok * inp.reasoning_per_output, 6)
        assumptions.append(f"Reasoning {fmt.number(inp.reasoning_per_output)}x the visible output: each query also "
                           f"bills {fmt.number(reasoning)} reasoning tokens as output ({fmt.number(out_tok)} x "
                           f"{fmt.number(inp.reasoning_per_output)}).")
    elif reasoning:
        assumptions.append(f"{fmt.number(reasoning)} reasoning tokens per query bill as output tokens.")
    cached, write, write_1h = (in_tok * s for s in (inp.cached_input_share, inp.cache_write_share,
                                                    inp.cache_write_1h_share))
    if inp.cached_input_tokens_per_query is not None:
        cached = inp.cached_input_tokens_per_query
        if cached + write + write_1h > in_tok:
            raise InputError(f"{fmt.number(cached)} cached tokens is more than the {fmt.number(in_tok)} input tokens "
                             "of a query (less any cache writes).", field="cached_input_tokens_per_query",
                             value=cached, hint="Give the cached part of the input, e.g. '3,000 input tokens, 2,000 "
                                                "of them cached'.")
    return QueryTokens(input=in_tok - cached - write - write_1h, cache_read=cached, cache_write=write,
                       cache_write_1h=write_1h, output=out_tok, reasoning=reasoning)


def _unpriced_parts(inp: TokenCostInput, rates: TokenRates, assumptions: list[str]) -> None:
    """Say so when a cache share is billed at the input price for want of its own price."""
    cached = inp.cached_input_share or inp.cached_input_tokens_per_query
    for share, rate, what in ((cached, "cached_input_per_1m", "cached-input"),
                              (inp.cache_write_share, "cache_write_per_1m", "5-minute cache-write"),
                              (inp.cache_write_1h_share, "cache_write_1h_per_1m", "1-hour cache-write")):
        if share and getattr(rates, rate) is None:
            assumptions.append(f"No {what} price was given: {what.replace('-', ' ')} tokens are billed at the "
                               f"input price.")


def token_cost(data: TokenCostInput | dict, catalog: Catalog | None = None) -> TokenCostResult:
    """Cost of serving users at a usage level: per query, per user, per day, month and year.

    Monthly cost = users x queries per user per day x 30 x cost per query; cost per query = each
    billed component (input, cache read, 5-minute and 1-hour cache writes, output, reasoning) x its
    price + any per-request fee, the whole request at the long-context rates past a threshold.

    Args:
        data: users, queries per user (per day, month or year), tokens per query (total or split
            into input / output; per call when calls_per_query is more than 1), optional cache shares
            (cached_input_share, cache_write_share, cache_write_1h_share), reasoning (reasoning_share
            or reasoning_tokens_per_query) and the pricing: a price (per token, per 1K or per 1M;
            blended or split, with cache-write, request and long-context prices) or a catalog model
            name, and a service_tier (standard, batch, flex, priority).
        catalog: price catalog for model names (defaults to the bundled one).
    """
    inp = parse_input(TokenCostInput, data)
    catalog = catalog or default_catalog()
    assumptions = [CONVENTION_MONTH, CONVENTION_YEAR]
    if inp.query_period is Period.week:
        assumptions.append("A week is 7 days.")
    if inp.query_period in (Period.second, Period.minute, Period.hour):
        assumptions.append(CONVENTION_CLOCK)
    query = _known_query(inp) if inp.cost_per_query_usd is not None else _priced_query(inp, catalog, assumptions)
    calls = inp.calls_per_query
    per_query = query.cost.cost_usd * calls
    one_query = query.cost.formula
    if calls != 1:  # "every task = 5 LLM calls": the tokens priced are one call's
        one_query = (f"{one_query.replace('cost per query', 'cost per call', 1)}; cost per query = "
                     f"{fmt.number(calls)} calls x {fmt.money(query.cost.cost_usd)} = {fmt.money(per_query)}")
    queries_per_day = inp.users * per_day(inp.queries_per_user, inp.query_period)
    per_day_usd = finite(queries_per_day * per_query, "cost_per_day_usd")
    days = inp.active_days_per_month or DAYS_PER_MONTH
    if inp.active_days_per_month is not None:
        assumptions[0] = f"Queries happen on {fmt.number(days)} days a month (as given)."
    per_month = per_day_usd * days
    formula = (f"monthly cost = users x queries per user per day x {fmt.number(days)} days x cost per query; "
               f"{one_query}; {fmt.number(inp.users)} x "
               f"{fmt.number(per_day(inp.queries_per_user, inp.query_period))} x {fmt.number(days)} x "
               f"{fmt.money(per_query)} = {fmt.money(per_month)}")
    inputs = {
        "users": q(inp.users, "users"),
        "queries_per_user": q(inp.queries_per_user, f"queries per user per {inp.query_period.value}"),
        **query.inputs,
    }
    if calls != 1:
        inputs["calls_per_query"] = q(calls, "model calls per query")
        assumptions.append(f"Each query makes {fmt.number(calls)} model calls; the tokens given are per call.")
    if inp.active_days_per_month is not None:
        inputs["active_days_per_month"] = q(days, "days per month")
    return TokenCostResult(
        tool="token_cost",
        headline=(f"{fmt.number(inp.users)} {'user' if inp.users == 1 else 'users'} at "
                  f"{fmt.number(inp.queries_per_user)} {'query' if inp.queries_per_user == 1 else 'queries'} per "
                  f"{inp.query_period.value} {'costs' if inp.users == 1 else 'cost'} {fmt.money(per_month)} per month "
                  f"({fmt.money(per_query)} per query, "
                  f"{f'{fmt.money(per_month / inp.users)} per user a month, ' if inp.users > 1 else ''}"
                  f"{fmt.money(per_month * MONTHS_PER_YEAR)} per year)."),
        formula=formula,
        inputs=inputs,
        assumptions=assumptions + query.assumptions,
        sources=query.sources,
        cost_per_query_usd=per_query,
        cost_per_user_per_month_usd=per_month / inp.users,
        cost_per_day_usd=per_day_usd,
        cost_per_week_usd=per_month * 7 / DAYS_PER_MONTH,
        cost_per_month_usd=per_month,
        cost_per_quarter_usd=per_month * MONTHS_PER_QUARTER,
        cost_per_year_usd=per_month * MONTHS_PER_YEAR,
        queries_per_month=queries_per_day * days,
        tokens_per_month=None if query.tokens is None else queries_per_day * days * query.tokens * calls,
        price_per_1m_input_usd=query.input_per_1m,
        price_per_1m_output_usd=query.output_per_1m,
        components=query.cost.components,
        reasoning_tokens_per_query=query.reasoning,
        service_tier=inp.service_tier.value,
        long_context_tier=query.cost.long_context_tier,
    )


@dataclass
class _Query:
    """One query's bill and what it stands on."""

    cost: Bill
    inputs: dict[str, Any]
    assumptions: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    tokens: float | None = None  # None: only the cost per query is known
    reasoning: float = 0.0
    input_per_1m: float | None = None
    output_per_1m: float | None = None


def _known_query(inp: TokenCostInput) -> _Query:
    """A cost per query given as such: the whole bill of one query, with no tokens or prices behind it."""
    cost = inp.cost_per_query_usd or 0.0
    line = Component(name="query (as given)", tokens=None, rate_per_1m_usd=None, cost_usd=cost)
    return _Query(cost=Bill(components=[line], cost_usd=cost, formula=f"cost per query = {fmt.money(cost)} (as given)"),
                  inputs={"cost_per_query_usd": q(cost, "USD per query")},
                  assumptions=["The cost per query was given as an all-in figure, so no tokens or token prices "
                               "stand behind it (tokens a month are not known)."])


def _priced_query(inp: TokenCostInput, catalog: Catalog, assumptions: list[str]) -> _Query:
    """One query's bill from its tokens and the prices in force (a catalog model or prices given)."""
    for side, words_field, tokens_field in _WORD_FIELDS:
        if (count := getattr(inp, words_field)) is not None:
            assumptions.append(f"{CONVENTION_WORDS} {fmt.number(count)} {side}words are "
                               f"{fmt.number(getattr(inp, tokens_field) or 0)} {side}tokens.")
    if inp.input_token_parts is not None:
        assumptions.append(f"Input tokens per query = {' + '.join(fmt.number(x) for x in inp.input_token_parts)} = "
                           f"{fmt.number(inp.input_tokens_per_query or 0)} (the parts given).")
    found = resolve(inp, catalog)
    if inp.price_change:
        found.rates = found.rates.scaled(1 + inp.price_change)
        found.label += f" {'+' if inp.price_change > 0 else ''}{fmt.pct(inp.price_change)}"
        assumptions.append(f"Every price in force is changed by {'+' if inp.price_change > 0 else ''}"
                           f"{fmt.pct(inp.price_change)} (x {fmt.number(1 + inp.price_change)}), as the question says.")
    in_tok, out_tok = _token_split(inp, found.blended, assumptions)
    assumptions += found.assumptions
    _unpriced_parts(inp, found.rates, assumptions)
    tokens = _tokens(inp, in_tok, out_tok, assumptions)
    inforce = found.rates.at(tokens.all_input)
    inputs: dict[str, Any] = {
        "tokens_per_query": q(in_tok + out_tok + tokens.reasoning, "tokens"),
        "input_tokens_per_query": q(in_tok, "tokens"),
        "output_tokens_per_query": q(out_tok, "tokens"),
        "price": q(found.label, "USD"),
    }
    if found.entry is not None:
        inputs["model"] = q(found.entry.model, "catalog model")
    for name in ("cached_input_share", "cache_write_share", "cache_write_1h_share", "reasoning_share"):
        if getattr(inp, name):
            inputs[name] = q(getattr(inp, name) * 100, "%")
    if inp.reasoning_per_output is not None:
        inputs["reasoning_per_output"] = q(inp.reasoning_per_output, "reasoning tokens per output token")
    if tokens.reasoning:
        inputs["reasoning_tokens_per_query"] = q(tokens.reasoning, "tokens")
    if inp.cached_input_tokens_per_query is not None:
        inputs["cached_input_tokens_per_query"] = q(inp.cached_input_tokens_per_query, "tokens")
    if inp.service_tier is not ServiceTier.standard:
        inputs["service_tier"] = q(inp.service_tier.value, "service tier")
    return _Query(cost=bill(found.rates, tokens), inputs=inputs, sources=found.sources,
                  tokens=in_tok + out_tok + tokens.reasoning, reasoning=tokens.reasoning,
                  input_per_1m=inforce.input_per_1m, output_per_1m=inforce.output_per_1m)
