"""self_host: what rented GPUs cost per 1M tokens, and the volume where they beat an API."""

from __future__ import annotations

import contextlib
import math
from typing import Any

from pydantic import Field, field_validator, model_validator

from tools import fmt
from tools.catalog import Catalog, default_catalog
from tools.errors import UnknownModelError
from tools.pricing import Pricing
from tools.rates import blended_per_1m, resolve
from tools.result import Source, ToolResult, finite, parse_input, q
from tools.throughput import Reference, reference
from tools.token_cost import DEFAULT_INPUT_SHARE
from tools.units import CONVENTION_MONTH, HOURS_PER_MONTH, Fraction, Period, tokens_a_month

__all__ = ["DEFAULT_UTILIZATION", "SelfHostInput", "SelfHostResult", "self_host"]

DEFAULT_UTILIZATION = 0.5
"""Share of full-load throughput a deployment actually serves, when none is given."""


class SelfHostInput(Pricing):
    """A GPU deployment, its throughput and load, a workload, and an API to beat (the shared `Pricing`)."""

    gpu: str | None = Field(None, examples=["H100"], description="Catalog GPU name.", json_schema_extra={"var": "gpu"})
    gpu_hourly_usd: float | None = Field(None, gt=0, le=1e4, examples=[2.0],
                                         description="Rental price per GPU-hour; overrides `gpu`.",
                                         json_schema_extra={"var": "gpu_hourly"})
    gpus: int = Field(1, ge=1, le=100_000, description="Number of GPUs in the deployment.",
                      json_schema_extra={"var": "gpus"})
    tokens_per_second: float | None = Field(None, gt=0, le=1e9, examples=[4_000],
                                            description="Total throughput of the deployment at full load "
                                                        "(input + output tokens/s); or give model_params_b.",
                                            json_schema_extra={"var": "tokens_per_second"})
    tokens_per_second_per_gpu: float | None = Field(None, gt=0, le=1e9, examples=[1_500],
                                                    description="Throughput of ONE GPU at full load, instead of "
                                                                "tokens_per_second: the deployment serves gpus x it.",
                                                    json_schema_extra={"var": "tokens_per_second_per_gpu"})
    model_params_b: float | None = Field(None, gt=0, le=10_000, examples=[70], description="Size of the "
                                         "self-hosted model in billions of parameters, to use the published "
                                         "reference throughput of the GPU when tokens_per_second is not given.",
                                         json_schema_extra={"var": "model_size"})
    utilization: Fraction = Field(DEFAULT_UTILIZATION, gt=0, le=1, examples=["50%"],
                                  description="Share of full-load throughput used (0-100%).",
                                  json_schema_extra={"var": "utilization"})
    hours_per_month: float = Field(HOURS_PER_MONTH, gt=0, le=744,
                                   description="Hours a month the GPUs are rented (720 = 24 x 30).")
    fixed_monthly_usd: float = Field(0.0, ge=0, le=1e9,
                                     description="Other fixed monthly costs (MLOps, engineering).",
                                     json_schema_extra={"var": "fixed_costs"})
    marginal_per_1m_usd: float = Field(0.0, ge=0, le=1e4,
                                       description="Self-host cost per 1M tokens on top of rent.")
    monthly_tokens: float | None = Field(None, gt=0, le=1e16, examples=[500_000_000],
                                         description="Workload: tokens served per month (or per "
                                                     "monthly_tokens_period).",
                                         json_schema_extra={"var": "monthly_tokens"})
    monthly_tokens_period: Period = Field(Period.month, description="The period monthly_tokens is given for (e.g. "
                                          "'day' for 2.5B tokens a day); the workload is converted to a month.",
                                          json_schema_extra={"var": "monthly_tokens_period"})
    api_input_share: Fraction = Field(DEFAULT_INPUT_SHARE, ge=0, le=1,
                                      description="Input share of tokens to blend the API's input and output "
                                                  "prices.", json_schema_extra={"var": "api_input_share"})

    @model_validator(mode="before")
    @classmethod
    def _api_shorthand(cls, data: Any) -> Any:
        """`api_price_per_1m` and `api_model` name the API's price and model (the shared pricing fields)."""
        if isinstance(data, dict) and {"api_price_per_1m", "api_model"} & set(data):
            data = dict(data)
            for old, new in (("api_price_per_1m", "price_per_1m"), ("api_model", "model")):
                if data.get(old) is not None and data.get(new) not in (None, data[old]):
                    raise ValueError(f"give {old} or {new}, not both")
                if old in data:
                    value = data.pop(old)
                    data[new] = value if value is not None else data.get(new)
        return data

    @field_validator("tokens_per_second", mode="before")
    @classmethod
    def _no_zero_throughput(cls, value: Any) -> Any:
        try:
            zero = float(value) == 0
        except (TypeError, ValueError):
            return value  # pydantic reports the type error with the field name
        if zero:
            raise ValueError("must be more than 0: a deployment with no throughput serves no "
                             "tokens. Give the total tokens per second of all GPUs at full load, "
                             "from a load test or a published benchmark")
        return value

    @model_validator(mode="after")
    def _check(self) -> SelfHostInput:
        if self.gpu is None and self.gpu_hourly_usd is None:
            raise ValueError("give a GPU name (e.g. 'H100') or gpu_hourly_usd (e.g. 2.0)")
        if self.tokens_per_second is not None and self.tokens_per_second_per_gpu is not None:
            raise ValueError("give tokens_per_second (all GPUs) or tokens_per_second_per_gpu (one GPU), not both")
        if self.tokens_per_second is None and self.tokens_per_second_per_gpu is None \
                and (self.model_params_b is None or self.gpu is None):
            raise ValueError("give tokens_per_second (the deployment's measured throughput, e.g. 4000), or a GPU "
                             "name and model_params_b (e.g. 'H100' and 70) to use the published reference "
                             "throughput")
        return self


class SelfHostResult(ToolResult):
    """Self-hosting cost per 1M tokens and per month, and the break-even against an API."""

    self_host_per_1m_usd: float = Field(description="GPU rent per 1M tokens served.",
                                        json_schema_extra={"var": "self_host_per_1m"})
    all_in_per_1m_usd: float = Field(description="Monthly fixed cost per 1M tokens at capacity.")
    gpu_monthly_usd: float = Field(description="GPU rent a month: $/hour x GPUs x hours.",
                                   json_schema_extra={"var": "gpu_rent"})
    monthly_fixed_usd: float = Field(description="GPU rent plus the other fixed costs a month.",
                                     json_schema_extra={"var": "self_host_fixed"})
    monthly_capacity_tokens: float
    self_host_monthly_usd: float | None = Field(None, json_schema_extra={"var": "self_host_monthly"})
    gpus_needed: int | None = Field(None, json_schema_extra={"var": "gpus_needed"})
    api_per_1m_usd: float | None = None
    api_monthly_usd: float | None = Field(None, json_schema_extra={"var": "api_monthly"})
    monthly_saving_usd: float | None = Field(None, description="API bill minus the self-hosting cost of the workload: "
                                             "what self-hosting saves a month (negative: the API is cheaper by that "
                                             "much).", json_schema_extra={"var": "self_host_saving",
                                                                           "also": ["saving"]})
    break_even_monthly_tokens: float | None = Field(None, json_schema_extra={"var": "break_even_tokens"})
    break_even_reason: str | None = None
    tokens_per_second: float = Field(description="Deployment throughput used (given, or GPUs x the reference).")
    throughput_is_reference: bool = Field(False, description="True when throughput is a published reference "
                                                             "figure, not the user's measurement.")
    throughput_range_per_gpu: tuple[float, float] | None = Field(None, description="Low and high reference "
                                                                 "tokens/s per GPU across published request shapes.")
    break_even_tokens_per_second_per_gpu: float | None = Field(
        None, description="Throughput per GPU at which self-hosting costs the same as the API; above it "
                          "self-hosting is cheaper.", json_schema_extra={"var": "break_even_throughput"})


def _gpu_price(inp: SelfHostInput, catalog: Catalog) -> tuple[float, str, Source | None]:
    if inp.gpu_hourly_usd is not None:
        return inp.gpu_hourly_usd, inp.gpu or "GPU", None
    try:
        entry = catalog.gpu(inp.gpu or "")
    except UnknownModelError as exc:  # the GPU fix is an hourly price, not a token price
        near = f" Did you mean {', '.join(exc.suggestions)}?" if exc.suggestions else ""
        exc.field, exc.hint = "gpu", (f"Give gpu_hourly_usd (your price per GPU-hour, e.g. 2.0) "
                                      f"or one of: {', '.join(catalog.gpu_names())}.{near}")
        exc.args = (f"{exc.message} {exc.hint}",)
        raise
    return entry.usd_per_hour, entry.gpu, entry.source(catalog.today)


def _api_price(inp: SelfHostInput, catalog: Catalog, assumptions: list[str],
               sources: list[Source]) -> float | None:
    """The API's blended $ per 1M tokens (the shared pricing: a price, split prices or a model, and its tier)."""
    if not inp.priced:
        return None
    found = resolve(inp, catalog)
    sources += found.sources
    assumptions += [a for a in found.assumptions if not a.startswith("Prices of ")]
    if found.blended:
        return found.rates.input_per_1m
    share = inp.api_input_share
    assumptions.append(f"The API price of {found.label} is blended as {fmt.pct(share)} input "
                       f"and {fmt.pct(1 - share)} output tokens.")
    return blended_per_1m(found, share)


def _throughput(inp: SelfHostInput, gpu_name: str, catalog: Catalog, assumptions: list[str],
                sources: list[Source]) -> tuple[float, Reference | None]:
    """The deployment's tokens per second: given, or GPUs x the published reference per GPU."""
    if inp.tokens_per_second is not None:
        return inp.tokens_per_second, None
    if inp.tokens_per_second_per_gpu is not None:
        total = inp.tokens_per_second_per_gpu * inp.gpus
        assumptions.append(f"The deployment serves {inp.gpus} GPU{'s' * (inp.gpus > 1)} x "
                           f"{fmt.number(inp.tokens_per_second_per_gpu)} tokens/s = {fmt.number(total)} tokens/s "
                           "at full load.")
        return total, None
    with contextlib.suppress(UnknownModelError):  # an unlisted chip: reference() says which GPUs have figures
        gpu_name = catalog.gpu(gpu_name).gpu  # the catalog's name of the chip ("h100" -> "H100 SXM 80GB")
    ref = reference(gpu_name, inp.model_params_b or 0.0)
    assumptions.append(ref.sentence())
    sources.append(ref.source(catalog.today))
    return ref.tokens_per_s_per_gpu * inp.gpus, ref


def _break_even_throughput(inp: SelfHostInput, hourly: float, api_1m: float | None,
                           notes: list[str], parts: list[str]) -> float | None:
    """Tokens/s per GPU at and above which self-hosting costs no more than the API.

    With a workload M a month, GPUs come whole: the API bill pays for n = floor((API monthly - fixed
    - marginal) / (GPU $/hour x hours)) GPUs, and n GPUs carry M at M / (n x 3600 x utilization x
    hours) tokens/s each. Without a workload, per 1M tokens at full use: GPU $/hour x 1e6 /
    (3600 x utilization x (API $ per 1M - marginal $ per 1M)).
    """
    if api_1m is None:
        return None
    util, m, hours = inp.utilization, inp.monthly_tokens, inp.hours_per_month
    tps: float | None = None
    if m is not None:
        room = api_1m * m / 1e6 - inp.fixed_monthly_usd - inp.marginal_per_1m_usd * m / 1e6
        n = math.floor(room / (hourly * hours)) if room > 0 else 0
        if n >= inp.gpus:
            tps = m / (n * 3600 * util * hours)
            parts.append(f"GPUs the API bill pays for = floor((API monthly - fixed - marginal) / (GPU $/hour x "
                         f"hours)) = floor({fmt.money(room)} / ({fmt.money(hourly)} x {fmt.number(hours)})) = {n}; "
                         f"break-even throughput per GPU = monthly tokens / (GPUs x 3600 x utilization x hours) = "
                         f"{fmt.number(m)} / ({n} x 3600 x {fmt.number(util)} x {fmt.number(hours)}) = "
                         f"{fmt.number(round(tps))} tokens/s")
    elif api_1m > inp.marginal_per_1m_usd:
        room = api_1m - inp.marginal_per_1m_usd
        tps = hourly * 1e6 / (3600 * util * room)
        parts.append(f"break-even throughput per GPU = GPU $/hour x 1e6 / (3600 x utilization x (API $ per 1M - "
                     f"marginal $ per 1M)) = {fmt.money(hourly)} x 1e6 / (3600 x {fmt.number(util)} x "
                     f"{fmt.money(room)}) = {fmt.number(round(tps))} tokens/s")
    if tps is None:
        notes.append(f"No throughput makes self-hosting cheaper than the API here: the API bill does not cover the "
                     f"rent of {inp.gpus} GPU{'s' * (inp.gpus > 1)} with the fixed and marginal costs.")
        return None
    notes.append(f"Self-hosting beats the API only at {fmt.number(round(tps))} tokens/s per GPU or more (at "
                 f"{fmt.pct(util)} utilization); below it the API is cheaper.")
    return finite(tps, "break_even_tokens_per_second_per_gpu")


def _workload(inp: SelfHostInput, hourly: float, capacity: float, api_1m: float | None,
              notes: list[str]) -> dict[str, Any]:
    """Self-host and API cost of the monthly workload; more GPUs when it exceeds capacity."""
    if inp.monthly_tokens is None:
        return {}
    needed = math.ceil(inp.gpus * inp.monthly_tokens / capacity)
    rent = hourly * max(needed, inp.gpus) * inp.hours_per_month
    cost = rent + inp.fixed_monthly_usd + inp.marginal_per_1m_usd * inp.monthly_tokens / 1e6
    out: dict[str, Any] = {"gpus_needed": needed,
                           "self_host_monthly_usd": finite(cost, "self_host_monthly_usd")}
    if needed > inp.gpus:
        extra = "".join([f" + {fmt.money(inp.fixed_monthly_usd)} fixed" * (inp.fixed_monthly_usd > 0),
                         f" + {fmt.money(inp.marginal_per_1m_usd)} x {fmt.number(inp.monthly_tokens / 1e6)} M tokens"
                         * (inp.marginal_per_1m_usd > 0)])
        notes.append(f"{fmt.number(inp.monthly_tokens)} tokens a month exceed the capacity of "
                     f"{fmt.number(capacity)}: you need {needed} GPUs, costed here: {fmt.money(hourly)} x {needed} "
                     f"GPUs x {fmt.number(inp.hours_per_month)} h{extra} = {fmt.money(cost)} a month.")
    if api_1m is not None:
        out["api_monthly_usd"] = api_1m * inp.monthly_tokens / 1e6
        out["monthly_saving_usd"] = out["api_monthly_usd"] - cost
        gap = abs(out["monthly_saving_usd"])
        cheaper = "self-hosting saves" if out["monthly_saving_usd"] > 0 else "the API is cheaper by"
        notes.append(f"For this workload: self-hosting {fmt.money(cost)} vs the API "
                     f"{fmt.money(out['api_monthly_usd'])} a month, so {cheaper} {fmt.money(gap)} a month "
                     f"({fmt.money(out['api_monthly_usd'])} - {fmt.money(cost)} = "
                     f"{fmt.money(out['monthly_saving_usd'])}).")
    return out


def _break_even(inp: SelfHostInput, fixed: float, capacity: float, api_1m: float | None,
                notes: list[str]) -> dict[str, Any]:
    """Monthly tokens where self-hosting becomes cheaper, or why it never does."""
    if api_1m is None:
        return {}
    margin_per_token = (api_1m - inp.marginal_per_1m_usd) / 1e6
    if margin_per_token <= 0:
        reason = (f"Self-hosting never breaks even: the API ({fmt.money(api_1m)} per 1M) costs "
                  f"no more per token than self-hosting's marginal "
                  f"{fmt.money(inp.marginal_per_1m_usd)} per 1M, so the fixed "
                  f"{fmt.money(fixed)} a month is never recovered.")
        notes.append(reason)
        return {"break_even_reason": reason}
    even = finite(fixed / margin_per_token, "break_even_monthly_tokens")
    beyond = f", more than this deployment's capacity of {fmt.number(capacity)}" * (even > capacity)
    notes.append(f"Self-hosting is cheaper above {fmt.number(round(even))} tokens a month{beyond}.")
    return {"break_even_monthly_tokens": even}


def self_host(data: SelfHostInput | dict, catalog: Catalog | None = None) -> SelfHostResult:
    """Cost of serving tokens on rented GPUs per 1M tokens and per month, and break-even vs an API.

    $ per 1M tokens = GPU $/hour x GPUs / (tokens per second x 3600 x utilization) x 1e6;
    break-even tokens a month = monthly fixed cost / (API price - self-host marginal price);
    break-even throughput = the tokens/s per GPU at which self-hosting costs what the API does.

    Args:
        data: a GPU name or gpu_hourly_usd, gpus, tokens_per_second (total at full load; or
            model_params_b to use the GPU's published reference throughput, said so in the
            answer), utilization, optionally hours_per_month, fixed_monthly_usd (MLOps),
            marginal_per_1m_usd, monthly_tokens (the workload, per monthly_tokens_period), and an
            API to compare with (the shared pricing: price_per_1m blended, split prices or a model
            with api_input_share, and a service_tier; shorthand api_price_per_1m, api_model). The
            break-even throughput per GPU says where the comparison flips.
        catalog: price catalog for GPU and model names (defaults to the bundled one).
    """
    inp = parse_input(SelfHostInput, data)
    catalog = catalog or default_catalog()
    hourly, gpu_name, gpu_source = _gpu_price(inp, catalog)
    sources = [gpu_source] if gpu_source else []
    around = " (around the clock, 24 x 30)" * (inp.hours_per_month == HOURS_PER_MONTH)
    default = " (default)" * ("utilization" not in inp.model_fields_set)
    assumptions = [CONVENTION_MONTH,
                   f"GPUs are rented {fmt.number(inp.hours_per_month)} hours a month{around}.",
                   f"The deployment serves {fmt.pct(inp.utilization)} of its full-load "
                   f"throughput{default}."]
    if inp.monthly_tokens is not None:
        inp = inp.model_copy(update={"monthly_tokens": tokens_a_month(inp.monthly_tokens, inp.monthly_tokens_period,
                                                                      assumptions)})
    api_1m = _api_price(inp, catalog, assumptions, sources)
    tps, ref = _throughput(inp, gpu_name, catalog, assumptions, sources)
    tokens_per_hour = tps * 3600 * inp.utilization
    per_1m = finite(hourly * inp.gpus / tokens_per_hour * 1e6, "self_host_per_1m_usd")
    gpu_monthly = hourly * inp.gpus * inp.hours_per_month
    fixed = gpu_monthly + inp.fixed_monthly_usd
    capacity = tokens_per_hour * inp.hours_per_month
    notes: list[str] = []
    extra = _workload(inp, hourly, capacity, api_1m, notes)
    if inp.monthly_tokens is not None:
        assumptions.append("GPUs are rented for the whole month, so the workload pays the full "
                           "monthly rent whatever its volume.")
    extra |= _break_even(inp, fixed, capacity, api_1m, notes)
    formula = (f"$ per 1M tokens = GPU $/hour x GPUs / (tokens/s x 3600 x utilization) x 1e6 = "
               f"{fmt.money(hourly)} x {inp.gpus} / ({fmt.number(tps)} x 3600 x "
               f"{fmt.number(inp.utilization)}) x 1e6 = {fmt.cost_rate(per_1m)}; monthly fixed = "
               f"{fmt.money(hourly)} x {inp.gpus} x {fmt.number(inp.hours_per_month)} h + "
               f"{fmt.money(inp.fixed_monthly_usd)} = {fmt.money(fixed)}")
    if "break_even_monthly_tokens" in extra:
        formula += (f"; break-even tokens a month = {fmt.money(fixed)} / "
                    f"(({fmt.money(api_1m or 0)} - {fmt.money(inp.marginal_per_1m_usd)}) / 1e6) = "
                    f"{fmt.number(round(extra['break_even_monthly_tokens']))}")
    parts: list[str] = []
    even_tps = _break_even_throughput(inp, hourly, api_1m, notes, parts)
    formula += "".join(f"; {p}" for p in parts)
    if ref is not None:
        notes.insert(0, f"The {fmt.number(round(ref.tokens_per_s_per_gpu))} tokens/s per GPU is a published "
                        f"reference figure (range {fmt.number(round(ref.low))} to {fmt.number(round(ref.high))}), "
                        f"not a measurement.")
    inputs = {"gpu": q(gpu_name, "GPU"), "gpu_hourly_usd": q(hourly, "USD per GPU-hour"),
              "gpus": q(inp.gpus, "GPUs"),
              "tokens_per_second": q(tps, "tokens per second at full load" + " (reference)" * (ref is not None)),
              "utilization": q(inp.utilization * 100, "%"),
              "hours_per_month": q(inp.hours_per_month, "hours"),
              "fixed_monthly_usd": q(inp.fixed_monthly_usd, "USD per month")}
    if inp.monthly_tokens is not None:
        inputs["monthly_tokens"] = q(inp.monthly_tokens, "tokens per month")
    if api_1m is not None:
        inputs["api_price_per_1m"] = q(api_1m, "USD per 1M tokens (blended)")
    return SelfHostResult(
        tool="self_host",
        headline=" ".join([f"{inp.gpus} x {gpu_name} at {fmt.money(hourly)}/hour serving "
                           f"{fmt.number(round(tps))} tokens/s at "
                           f"{fmt.pct(inp.utilization)} utilization costs {fmt.cost_rate(per_1m)} "
                           f"per 1M tokens ({fmt.money(fixed)} a month fixed).", *notes]),
        formula=formula, inputs=inputs, assumptions=assumptions, sources=sources,
        self_host_per_1m_usd=per_1m,
        all_in_per_1m_usd=fixed / capacity * 1e6 + inp.marginal_per_1m_usd,
        gpu_monthly_usd=gpu_monthly, monthly_fixed_usd=fixed, monthly_capacity_tokens=capacity,
        api_per_1m_usd=api_1m, tokens_per_second=tps, throughput_is_reference=ref is not None,
        throughput_range_per_gpu=None if ref is None else (ref.low, ref.high),
        break_even_tokens_per_second_per_gpu=even_tps, **extra,
    )
