"""routing: the blended price of sending shares of traffic to different models."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, PrivateAttr, field_validator, model_validator

from tools import fmt
from tools.catalog import Catalog, default_catalog
from tools.pricing import Pricing
from tools.rates import blended_per_1m, resolve
from tools.result import CalcInput, Source, ToolResult, parse_input, q
from tools.token_cost import DEFAULT_INPUT_SHARE
from tools.units import Fraction, Period, tokens_a_month

__all__ = ["Route", "RouteRow", "RoutingInput", "RoutingResult", "routing"]

SHARE_TOLERANCE = 0.001


class Route(Pricing):
    """One destination of traffic: a catalog model or a price (the shared `Pricing` fields), and its share."""

    share: Fraction | None = Field(None, ge=0, le=1, examples=["70%"],
                                   description="Share of traffic (0-100%); leave it out on one route for the rest.")

    _rest: bool = PrivateAttr(False)  # set by the calculator: this route takes the rest

    @model_validator(mode="after")
    def _check(self) -> Route:
        if not self.priced:
            raise ValueError("give each route a model name (e.g. 'gpt-4o-mini') or price_per_1m")
        return self


class RoutingInput(CalcInput):
    """Traffic routes (or the cheap-share shorthand), an optional baseline and volume."""

    routes: list[Route] | None = Field(None, min_length=1, max_length=20,
                                       description="Routes whose shares add up to 100%.")
    cheap_share: Fraction | None = Field(None, ge=0, le=1, examples=["70%"],
                                         description="Shorthand: share moved to a cheaper model.")
    cheap_price_ratio: float | None = Field(None, ge=1, le=1e6, examples=[10],
                                            description="Shorthand: how many times cheaper it is.")
    baseline: Pricing | None = Field(None, description="Single model or price to compare against (shorthand: "
                                     "baseline_model or baseline_price_per_1m).")
    input_share: Fraction = Field(DEFAULT_INPUT_SHARE, ge=0, le=1,
                                  description="Input share of tokens to blend catalog prices.",
                                  json_schema_extra={"var": "api_input_share"})
    input_tokens_per_query: float | None = Field(None, gt=0, le=1e8, description="A query's input tokens; with "
                                                 "output_tokens_per_query it sets input_share = in / (in + out).")
    output_tokens_per_query: float | None = Field(None, ge=0, le=1e8, description="A query's output tokens.")
    monthly_tokens: float | None = Field(None, gt=0, le=1e16, examples=[1e9],
                                         description="Tokens a month (or per monthly_tokens_period), to turn "
                                                     "prices into $.", json_schema_extra={"var": "monthly_tokens"})
    monthly_tokens_period: Period = Field(Period.month, description="The period monthly_tokens is given for (e.g. "
                                          "'day' for 400M tokens a day); the workload is converted to a month.",
                                          json_schema_extra={"var": "monthly_tokens_period"})
    monthly_bill_usd: float | None = Field(None, gt=0, le=1e13, examples=[240_000],
                                           description="Today's monthly bill with all traffic on the baseline; the "
                                                       "routed bill is this bill x blended / baseline.",
                                           json_schema_extra={"var": "monthly_cost"})

    @model_validator(mode="before")
    @classmethod
    def _baseline_shorthand(cls, data: Any) -> Any:
        if isinstance(data, dict) and {"baseline_model", "baseline_price_per_1m"} & set(data):
            data = dict(data)
            given = {"model": data.pop("baseline_model", None), "price_per_1m": data.pop("baseline_price_per_1m", None)}
            given = {k: v for k, v in given.items() if v is not None}
            if given:
                data["baseline"] = {**given, **(data.get("baseline") or {})}
        return data

    @model_validator(mode="before")
    @classmethod
    def _split_sets_share(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("input_tokens_per_query") and data.get("output_tokens_per_query") \
                is not None and data.get("input_share") is None:
            tokens_in, tokens_out = float(data["input_tokens_per_query"]), float(data["output_tokens_per_query"])
            data = {**data, "input_share": tokens_in / (tokens_in + tokens_out)}  # a query's own split blends prices
        return data

    @field_validator("routes")
    @classmethod
    def _shares_add_up(cls, routes: list[Route] | None) -> list[Route] | None:
        """Shares add up to 100%; one route without a share takes the rest."""
        rest = [r for r in routes or [] if r.share is None]
        given = sum(r.share or 0.0 for r in routes or [])
        if len(rest) > 1:
            raise ValueError("may leave out the share of one route only (it takes the rest); give the others "
                             "a share (e.g. 70% and 20%, the third takes the rest)")
        if rest and given > 1 + SHARE_TOLERANCE:
            raise ValueError(f"leave room for the route that takes the rest: the given shares already add up to "
                             f"{fmt.pct(given)}. Change them so they sum to at most 100%")
        if rest:
            rest[0].share, rest[0]._rest = max(0.0, 1 - given), True
        elif routes and abs(given - 1) > SHARE_TOLERANCE:
            parts = " + ".join(fmt.pct(r.share or 0.0) for r in routes)
            raise ValueError(f"must have shares adding up to 100%, but {parts} = {fmt.pct(given)}. "
                             f"Change them so they sum to 100% (e.g. 70% and 30%), or leave one out for the rest")
        return routes

    @model_validator(mode="after")
    def _check(self) -> RoutingInput:
        shorthand = self.cheap_share is not None or self.cheap_price_ratio is not None
        if shorthand == (self.routes is not None):
            raise ValueError("give either routes (e.g. [{'model': 'gpt-4o', 'share': '30%'}, "
                             "{'model': 'gpt-4o-mini', 'share': '70%'}]) or cheap_share with "
                             "cheap_price_ratio (e.g. 70% to a 10x cheaper model), not both")
        if shorthand and (self.cheap_share is None or self.cheap_price_ratio is None):
            raise ValueError("give both cheap_share (e.g. 70%) and cheap_price_ratio (e.g. 10)")
        if self.monthly_bill_usd is not None and self.monthly_tokens is not None:
            raise ValueError("give monthly_bill_usd or monthly_tokens, not both: the bill already follows from the "
                             "tokens and the baseline price")
        return self


class RouteRow(BaseModel):
    """One route's share and contribution to the blended price."""

    label: str
    share: float
    price_per_1m_usd: float | None
    contribution_per_1m_usd: float | None


class RoutingResult(ToolResult):
    """Blended price of the routes and the saving against a single model."""

    blended_per_1m_usd: float | None = Field(description="None when no price is known.")
    baseline_per_1m_usd: float | None
    blended_to_baseline: float | None = Field(description="Blended / baseline price (fraction).")
    saving_fraction: float | None
    blended_monthly_usd: float | None = None
    baseline_monthly_usd: float | None = None
    monthly_saving_usd: float | None = None
    rows: list[RouteRow]


def _price(pricing: Pricing, inp: RoutingInput, catalog: Catalog, sources: list[Source],
           assumptions: list[str]) -> tuple[float, str]:
    """Blended $ per 1M and a label, from a price or a catalog model (its service tier applied)."""
    found = resolve(pricing, catalog)
    sources += [s for s in found.sources if s not in sources]
    assumptions += [a for a in found.assumptions if a not in assumptions and not a.startswith("Prices of ")]
    if found.blended:
        return found.rates.input_per_1m, pricing.model or f"{fmt.unit_price(found.rates.input_per_1m)} per 1M"
    return blended_per_1m(found, inp.input_share), found.label


def _rows(inp: RoutingInput, catalog: Catalog, sources: list[Source], assumptions: list[str]
          ) -> tuple[list[RouteRow], float | None]:
    """Rows and the baseline price (the given one, else the dearest route) in $ per 1M."""
    base = None
    if inp.baseline is not None and inp.baseline.priced:
        base = _price(inp.baseline, inp, catalog, sources, assumptions)[0]
    if inp.routes is None:  # shorthand: prices are relative to the baseline, if any
        cheap, ratio = inp.cheap_share or 0.0, inp.cheap_price_ratio or 1.0
        return [RouteRow(label="current model", share=1 - cheap, price_per_1m_usd=base,
                         contribution_per_1m_usd=None if base is None else (1 - cheap) * base),
                RouteRow(label=f"{fmt.ratio(ratio)} cheaper model", share=cheap,
                         price_per_1m_usd=None if base is None else base / ratio,
                         contribution_per_1m_usd=None if base is None else cheap * base / ratio)
                ], base
    rows = []
    for route in inp.routes:
        price, label = _price(route, inp, catalog, sources, assumptions)
        share = route.share or 0.0
        rows.append(RouteRow(label=label, share=share, price_per_1m_usd=price, contribution_per_1m_usd=share * price))
        if route._rest:
            others = " - ".join(fmt.pct(r.share or 0.0) for r in inp.routes if r is not route)
            assumptions.append(f"The {label} route takes the rest of the traffic: 100% - {others} = {fmt.pct(share)}.")
    if base is None:
        base = max(r.price_per_1m_usd or 0.0 for r in rows)
    return rows, base


def routing(data: RoutingInput | dict, catalog: Catalog | None = None) -> RoutingResult:
    """Blended price of routing traffic across models, and the saving against one model.

    Blended price = sum of traffic share x price; saving = 1 - blended / baseline price.

    Args:
        data: routes (each the shared pricing: a catalog model, price_per_1m or split prices,
            optionally a service_tier; and a share; shares add up to 100%), or the shorthand
            cheap_share + cheap_price_ratio ("70% of traffic to a 10x cheaper model"); optionally
            a baseline (the same pricing; shorthand baseline_model or baseline_price_per_1m;
            default: the dearest route), input_share to blend split prices (or a query's
            input_tokens_per_query and output_tokens_per_query, which set it), and monthly_tokens (per
            monthly_tokens_period).
        catalog: price catalog for model names (defaults to the bundled one).
    """
    inp = parse_input(RoutingInput, data)
    catalog = catalog or default_catalog()
    sources: list[Source] = []
    assumptions: list[str] = []
    rows, base = _rows(inp, catalog, sources, assumptions)
    if inp.monthly_tokens is not None:
        inp = inp.model_copy(update={"monthly_tokens": tokens_a_month(inp.monthly_tokens, inp.monthly_tokens_period,
                                                                      assumptions)})
    relative: float | None
    blended: float | None
    if inp.routes is None:
        cheap = inp.cheap_share or 0.0
        relative = (1 - cheap) + cheap / (inp.cheap_price_ratio or 1.0)
        blended = None if base is None else relative * base
        formula = (f"blended = (1 - cheap share) x p + cheap share x p / ratio = "
                   f"{fmt.number(rows[0].share)} x p + {fmt.number(rows[1].share)} x p / "
                   f"{fmt.number(inp.cheap_price_ratio or 1)} = {fmt.number(relative)} p")
    else:
        blended = sum(r.contribution_per_1m_usd or 0.0 for r in rows)
        relative = blended / base if base else None
        formula = "blended $ per 1M = sum of share x price = " + " + ".join(
            f"{fmt.number(r.share)} x {fmt.unit_price(r.price_per_1m_usd or 0)}" for r in rows
        ) + f" = {fmt.unit_price(blended)}"
        if inp.baseline is None or not inp.baseline.priced:
            assumptions.append("No baseline was given: the saving is against sending all "
                               "traffic to the dearest route.")
    if sources:
        assumptions.append(f"Catalog prices are blended as {fmt.pct(inp.input_share)} input and "
                           f"{fmt.pct(1 - inp.input_share)} output tokens.")
    saving = None if relative is None else 1 - relative
    if saving is not None:
        formula += f"; saving = 1 - blended / baseline = {fmt.pct(saving)}"
    monthly: dict[str, float] = {}
    if inp.monthly_bill_usd is not None and relative is not None:  # "$240k a month today; 85% to a 20x cheaper model"
        monthly = {"blended_monthly_usd": inp.monthly_bill_usd * relative, "baseline_monthly_usd": inp.monthly_bill_usd}
        monthly["monthly_saving_usd"] = inp.monthly_bill_usd - monthly["blended_monthly_usd"]
        formula += (f"; routed bill = {fmt.money(inp.monthly_bill_usd)} x {fmt.number(relative)} = "
                    f"{fmt.money(monthly['blended_monthly_usd'])} a month")
    elif inp.monthly_tokens is not None and blended is not None and base is not None:
        monthly = {"blended_monthly_usd": blended * inp.monthly_tokens / 1e6,
                   "baseline_monthly_usd": base * inp.monthly_tokens / 1e6}
        monthly["monthly_saving_usd"] = (monthly["baseline_monthly_usd"]
                                         - monthly["blended_monthly_usd"])
    parts = [] if blended is None else [f"costs {fmt.unit_price(blended)} per 1M tokens"]
    if saving is not None:
        verb = "saves" if saving >= 0 else "costs"
        parts.append(f"{verb} {fmt.pct(abs(saving))} {'' if saving >= 0 else 'more '}against "
                     f"a single model at {fmt.unit_price(base) if base is not None else 'price p'}")
    if monthly and inp.monthly_bill_usd is not None:
        parts[-1] += (f": the {fmt.money(inp.monthly_bill_usd)} monthly bill becomes "
                      f"{fmt.money(monthly['blended_monthly_usd'])} ({fmt.money(monthly['monthly_saving_usd'])} less)")
    elif monthly:
        parts[-1] += (f" ({fmt.money(monthly['monthly_saving_usd'])} a month on "
                      f"{fmt.number(inp.monthly_tokens or 0)} tokens)")
    inputs = {f"route_{i + 1}": q(f"{fmt.pct(r.share)} to {r.label}", "share of traffic")
              for i, r in enumerate(rows)}
    if base is not None:
        inputs["baseline_price_per_1m"] = q(base, "USD per 1M tokens (blended)")
    if inp.monthly_tokens is not None:
        inputs["monthly_tokens"] = q(inp.monthly_tokens, "tokens per month")
    if inp.monthly_bill_usd is not None:
        inputs["monthly_bill_usd"] = q(inp.monthly_bill_usd, "USD per month today")
    return RoutingResult(
        tool="routing",
        headline=f"The routed mix {' and '.join(parts)}.",
        formula=formula, inputs=inputs, assumptions=assumptions, sources=sources,
        blended_per_1m_usd=blended, baseline_per_1m_usd=base, blended_to_baseline=relative,
        saving_fraction=saving, rows=rows, **monthly,
    )
