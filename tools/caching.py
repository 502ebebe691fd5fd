"""caching: what a response cache and shorter prompts save on a monthly model bill."""

from __future__ import annotations

from pydantic import Field, model_validator

from tools import fmt
from tools.bill import QueryTokens, bill
from tools.catalog import Catalog, default_catalog
from tools.errors import InputError
from tools.pricing import Pricing
from tools.rates import resolve
from tools.result import Source, ToolResult, finite, parse_input, q
from tools.token_cost import DEFAULT_INPUT_SHARE
from tools.units import CONVENTION_YEAR, MONTHS_PER_YEAR, Fraction

__all__ = ["DEFAULT_INPUT_SHARE_OF_BILL", "CachingInput", "CachingResult", "caching"]

DEFAULT_INPUT_SHARE_OF_BILL = 0.5
"""Input share of a bill: 75% input tokens at a third of the output price gives 50%."""


class CachingInput(Pricing):
    """A monthly bill, a cache hit rate and a prompt trim; the shared `Pricing` derives the input share."""

    monthly_bill_usd: float = Field(gt=0, le=1e13, examples=[20_000],
                                    description="Model/API cost per month before the change, USD.",
                                    json_schema_extra={"var": "monthly_cost"})
    hit_rate: Fraction | None = Field(None, ge=0, le=1, examples=["30%"],
                                      description="Share of queries answered from the cache.",
                                      json_schema_extra={"var": "hit_rate"})
    hit_cost_ratio: Fraction = Field(0.0, ge=0, le=1, examples=["10%"],
                                     description="Cost of a hit relative to a miss (default 0).",
                                     json_schema_extra={"var": "hit_cost_ratio"})
    prompt_reduction: Fraction = Field(0.0, ge=0, le=1, examples=["20%"],
                                       description="Share of input (prompt) tokens trimmed.",
                                       json_schema_extra={"var": "prompt_reduction"})
    input_share_of_bill: Fraction | None = Field(None, ge=0, le=1, examples=["50%"],
                                                 description="Share of the bill paid for input "
                                                             "tokens; derived when left out.",
                                                             json_schema_extra={"var": "input_share"})
    input_tokens: float | None = Field(None, ge=0, le=1e12,
                                       description="Input tokens per query (to derive the share).",
                                       json_schema_extra={"var": "input_tokens"})
    output_tokens: float | None = Field(None, ge=0, le=1e12,
                                        description="Output tokens per query (same basis).",
                                        json_schema_extra={"var": "output_tokens"})
    @model_validator(mode="after")
    def _check(self) -> CachingInput:
        if self.hit_rate is None and not self.prompt_reduction:
            raise ValueError("give hit_rate (e.g. '30% of queries hit the cache') and/or "
                             "prompt_reduction (e.g. 'trim prompts by 20%')")
        return self


class CachingResult(ToolResult):
    """Monthly and annual savings, in USD."""

    cache_saving_usd: float = Field(description="Monthly saving from cache hits.")
    prompt_saving_usd: float = Field(description="Monthly saving from trimming misses' prompts.")
    monthly_saving_usd: float = Field(json_schema_extra={"var": "saving"})
    new_monthly_bill_usd: float = Field(json_schema_extra={"var": "new_monthly_cost"})
    annual_saving_usd: float = Field(description="12 x monthly saving.", json_schema_extra={"var": "yearly_saving"})
    saving_share: float = Field(description="Monthly saving / bill, a fraction.")
    input_share_of_bill: float | None = Field(description="Used for the prompt trim; a fraction.")


def _input_share(inp: CachingInput, catalog: Catalog | None, assumptions: list[str],
                 sources: list[Source]) -> float:
    """Input tokens' share of the bill: given, from tokens and prices, or the stated default."""
    if inp.input_share_of_bill is not None:
        return inp.input_share_of_bill
    if not inp.priced:
        if inp.input_tokens is not None or inp.output_tokens is not None:
            raise InputError("input_price and output_price (or model) are needed to turn token "
                             "counts into input_share_of_bill.", field="input_price",
                             hint="Example: input_price 0.15, output_price 0.6 (per 1M tokens).")
        assumptions.append(f"Input tokens are taken as {fmt.pct(DEFAULT_INPUT_SHARE_OF_BILL)} of "
                           "the bill (75% of tokens are input, priced at a third of output); "
                           "give input_share_of_bill to override.")
        return DEFAULT_INPUT_SHARE_OF_BILL
    if (inp.input_tokens is None) != (inp.output_tokens is None):  # one side alone says nothing of the share
        raise InputError("input_tokens and output_tokens are needed together to work out input_share_of_bill.",
                         field="input_tokens" if inp.input_tokens is None else "output_tokens",
                         hint="Example: input_tokens 4000, output_tokens 300; or give input_share_of_bill.")
    found = resolve(inp, catalog or default_catalog())
    sources += found.sources
    assumptions += found.assumptions
    if inp.input_tokens is None and inp.output_tokens is None:
        in_tok, out_tok = DEFAULT_INPUT_SHARE, 1 - DEFAULT_INPUT_SHARE
        assumptions.append(f"No token counts were given: {fmt.pct(DEFAULT_INPUT_SHARE)} of tokens "
                           "are taken as input.")
    else:
        in_tok, out_tok = inp.input_tokens or 0.0, inp.output_tokens or 0.0
    per_query = bill(found.rates, QueryTokens(input=in_tok, output=out_tok))
    spend = per_query.cost_usd - found.rates.request_usd
    if spend <= 0:
        raise InputError("input_tokens x input_price + output_tokens x output_price is 0, so the "
                         "input share of the bill is undefined.", field="input_tokens",
                         hint="Give token counts and prices above 0, or input_share_of_bill.")
    return per_query.components[0].cost_usd / spend


def caching(data: CachingInput | dict, catalog: Catalog | None = None) -> CachingResult:
    """Monthly and annual saving from a response cache and from trimming prompt tokens.

    Cache saving = bill x hit rate x (1 - hit cost ratio); prompt saving = bill x (1 - hit rate)
    x input share of bill x prompt reduction (the trim applies to the misses that remain).

    Args:
        data: monthly_bill_usd; hit_rate and hit_cost_ratio (cost of a hit relative to a miss,
            default 0); prompt_reduction (share of input tokens trimmed) with input_share_of_bill,
            or input_tokens / output_tokens and input_price / output_price or a model to derive it.
        catalog: price catalog for model names (defaults to the bundled one).
    """
    inp = parse_input(CachingInput, data)
    assumptions = [CONVENTION_YEAR]
    sources: list[Source] = []
    bill, hit, ratio, trim = inp.monthly_bill_usd, inp.hit_rate or 0.0, inp.hit_cost_ratio, \
        inp.prompt_reduction
    cache_saving = bill * hit * (1 - ratio)
    share = _input_share(inp, catalog, assumptions, sources) if trim else None
    prompt_saving = bill * (1 - hit) * (share or 0.0) * trim
    saving = finite(cache_saving + prompt_saving, "monthly_saving_usd")
    parts = []
    if inp.hit_rate is not None:
        parts.append(f"cache saving = bill x hit rate x (1 - hit cost ratio) = {fmt.money(bill)} x "
                     f"{fmt.pct(hit)} x (1 - {fmt.pct(ratio)}) = {fmt.money(cache_saving)}")
    inputs = {"monthly_bill_usd": q(bill, "USD per month")}
    if inp.hit_rate is not None:
        inputs.update(hit_rate=q(hit * 100, "%"), hit_cost_ratio=q(ratio * 100, "% of a miss"))
    if not inp.hit_cost_ratio and inp.hit_rate:
        assumptions.append("A cache hit costs nothing (hit cost ratio 0%).")
    if share is not None:
        parts.append(f"prompt saving = bill x (1 - hit rate) x input share x reduction = "
                     f"{fmt.money(bill)} x {fmt.pct(1 - hit)} x {fmt.pct(share)} x {fmt.pct(trim)}"
                     f" = {fmt.money(prompt_saving)}")
        inputs["prompt_reduction"] = q(trim * 100, "% of input tokens")
        inputs["input_share_of_bill"] = q(share * 100, "% of bill")
        if hit:
            assumptions.append("The prompt trim applies only to the misses; hits are served "
                               "from the cache.")
    parts.append(f"monthly saving = {fmt.money(saving)}; annual = {MONTHS_PER_YEAR} x "
                 f"{fmt.money(saving)} = {fmt.money(saving * MONTHS_PER_YEAR)}")
    formula = "; ".join(parts)
    return CachingResult(
        tool="caching",
        headline=(f"Saves {fmt.money(saving)} a month ({fmt.pct(saving / bill)} of the "
                  f"{fmt.money(bill)} bill, {fmt.money(saving * MONTHS_PER_YEAR)} a year); the "
                  f"new bill is {fmt.money(bill - saving)} a month."),
        formula=formula, inputs=inputs, assumptions=assumptions, sources=sources,
        cache_saving_usd=cache_saving, prompt_saving_usd=prompt_saving, monthly_saving_usd=saving,
        new_monthly_bill_usd=bill - saving, annual_saving_usd=saving * MONTHS_PER_YEAR,
        saving_share=saving / bill, input_share_of_bill=share,
    )
