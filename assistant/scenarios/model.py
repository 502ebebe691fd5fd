"""The scenario model: one named product scenario (usage, prices, plan, costs, options and checks).

Every amount is in USD; per-month figures say so in their names. Shares and margins accept 45%,
'45%' or 0.45 (stored as 0.45), as the calculators do. The published JSON schema is generated from
these models (`assistant/scenarios/schema.py`).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from assistant.scenarios.checks import Check
from assistant.scenarios.memo_options import MemoOptions
from assistant.scenarios.metrics import BY_NAME
from tools.pricing_plan import DEFAULT_USAGE_SIGMA
from tools.routing import SHARE_TOLERANCE
from tools.self_host import DEFAULT_UTILIZATION
from tools.token_cost import DEFAULT_INPUT_SHARE
from tools.units import HOURS_PER_MONTH, Fraction, Period

__all__ = ["Compliance", "Investment", "Plan", "Pricing", "Route", "Routing", "Scenario", "SelfHosting", "Tokens",
           "Usage"]


class _Section(BaseModel):
    """Strict about unknown fields (a typo is an error, not a silent default) and non-finite numbers."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class Tokens(_Section):
    """Tokens of one query, split as they are billed."""

    input: float = Field(gt=0, le=1e8, examples=[1500], description="Input (prompt) tokens per query.")
    output: float = Field(ge=0, le=1e8, examples=[500], description="Output tokens per query.")
    cached_share: Fraction = Field(0.0, ge=0, le=1, examples=["40%"],
                                   description="Share of the input tokens read from the prompt cache, billed at "
                                               "the cached-input price (0-100%).")


class Usage(_Section):
    """Who uses the product and how much."""

    users: float = Field(gt=0, le=1e10, examples=[20_000], description="Active users who pay the plan (or all "
                                                                         "users when there is no plan).")
    queries_per_user: float = Field(gt=0, le=1e7, examples=[20], description="Queries per user per `period` "
                                                                             "(the mean user).")
    period: Period = Field(Period.day, description="Period of queries_per_user: second, minute, hour, day, week, "
                                                   "month or year (a month is 30 days).")
    tokens: Tokens
    usage_sigma: float = Field(DEFAULT_USAGE_SIGMA, gt=0, le=5,
                               description="Spread of usage across users (sigma of log usage, lognormal; default "
                                           "1.0), for the share of users a flat fee loses money on.")


class Pricing(_Section):
    """Token prices: a catalog model name, or prices per 1M tokens (then the scenario says where they came from)."""

    model: str | None = Field(None, min_length=1, examples=["gpt-4o-mini"],
                              description="Catalog model name (`marginal prices` lists them); '... on <host>' "
                                          "picks a host.")
    input_per_1m: float | None = Field(None, ge=0, le=1e4, examples=[0.15], description="USD per 1M input tokens.")
    output_per_1m: float | None = Field(None, ge=0, le=1e4, examples=[0.6], description="USD per 1M output tokens.")
    cached_input_per_1m: float | None = Field(None, ge=0, le=1e4, examples=[0.075],
                                              description="USD per 1M cached input tokens (default: the input "
                                                          "price).")

    @model_validator(mode="after")
    def _one_source(self) -> Pricing:
        given = [n for n in ("input_per_1m", "output_per_1m", "cached_input_per_1m") if getattr(self, n) is not None]
        if self.model is not None and given:
            raise ValueError(f"give a catalog model or prices per 1M tokens, not both (got model and "
                             f"{', '.join(given)})")
        if self.model is None and (self.input_per_1m is None or self.output_per_1m is None):
            raise ValueError("give a catalog model (e.g. 'model: gpt-4o-mini') or both input_per_1m and "
                             "output_per_1m (e.g. 0.15 and 0.6)")
        return self


class Plan(_Section):
    """What paying users pay, what they get, and the free tier beside it."""

    price: float = Field(gt=0, le=1e6, examples=[10], description="Price per paying user per month, USD.")
    included_queries: float | None = Field(None, ge=0, le=1e8, examples=[1000],
                                           description="Queries a month the price includes; beyond them each "
                                                       "query pays the overage.")
    overage_per_1k: float | None = Field(None, ge=0, le=1e6, examples=[2],
                                         description="USD per 1,000 queries beyond the included ones.")
    free_users: float = Field(0.0, ge=0, le=1e10, examples=[5000], description="Users on the free tier.")
    free_quota: float = Field(0.0, ge=0, le=1e8, examples=[50],
                              description="Queries per free user per month (they use all of it).")
    target_margin: Fraction | None = Field(None, ge=0, lt=1, examples=["70%"],
                                           description="Gross margin the plan must keep, for the most queries it "
                                                       "can include.")

    @model_validator(mode="after")
    def _consistent(self) -> Plan:
        if self.included_queries is not None and self.overage_per_1k is None:
            raise ValueError("included_queries needs overage_per_1k (what 1,000 queries beyond them cost), "
                             "e.g. 'overage_per_1k: 2'")
        if (self.free_users > 0) != (self.free_quota > 0):
            raise ValueError("give free_users and free_quota together (e.g. 5000 free users with 50 queries "
                             "a month each)")
        return self


class Investment(_Section):
    """A one-off investment (a fine-tune, a build) and what pays it back."""

    upfront: float = Field(gt=0, le=1e13, examples=[500_000], description="One-off investment, USD.")
    build_months: float = Field(0.0, ge=0, le=1200, examples=[2],
                                description="Months of work before it starts paying back.")
    monthly_saving: float | None = Field(None, ge=-1e13, le=1e13, examples=[50_000],
                                         description="Monthly saving it brings; default: the scenario's operating "
                                                     "profit pays it back.")


class SelfHosting(_Section):
    """Serving the same traffic on rented GPUs instead of the API."""

    gpu: str | None = Field(None, min_length=1, examples=["H100"], description="Catalog GPU name.")
    gpu_hourly: float | None = Field(None, gt=0, le=1e4, examples=[2.5],
                                     description="USD per GPU-hour; overrides the catalog price of `gpu`.")
    gpus: int = Field(1, ge=1, le=100_000, description="GPUs in the deployment.")
    tokens_per_second: float = Field(gt=0, le=1e9, examples=[2400],
                                     description="Total throughput of the deployment at full load.")
    utilization: Fraction = Field(DEFAULT_UTILIZATION, gt=0, le=1, examples=["50%"],
                                  description="Share of full-load throughput used (default 50%).")
    hours_per_month: float = Field(HOURS_PER_MONTH, gt=0, le=744,
                                   description="Hours a month the GPUs are rented (720 = around the clock).")
    fixed_per_month: float = Field(0.0, ge=0, le=1e9, description="Other fixed monthly costs of self-hosting "
                                                                  "(MLOps, on-call), USD.")

    @model_validator(mode="after")
    def _priced(self) -> SelfHosting:
        if self.gpu is None and self.gpu_hourly is None:
            raise ValueError("give a catalog gpu (e.g. 'H100') or gpu_hourly (e.g. 2.5)")
        return self


class Route(_Section):
    """One destination of traffic."""

    model: str | None = Field(None, min_length=1, examples=["gpt-4o-mini"], description="Catalog model name.")
    price_per_1m: float | None = Field(None, ge=0, le=1e4, description="Blended USD per 1M tokens instead.")
    share: Fraction = Field(ge=0, le=1, examples=["70%"], description="Share of traffic (0-100%).")

    @model_validator(mode="after")
    def _priced(self) -> Route:
        if (self.model is None) == (self.price_per_1m is None):
            raise ValueError("give each route a catalog model or a price_per_1m, one of them")
        return self


class Routing(_Section):
    """Traffic split across models, compared with sending it all to the scenario's model."""

    routes: list[Route] = Field(min_length=2, max_length=20, description="Routes whose shares add up to 100%.")
    input_share: Fraction = Field(DEFAULT_INPUT_SHARE, ge=0, le=1,
                                  description="Input share of tokens, to blend catalog prices (default 75%).")
    baseline_model: str | None = Field(None, min_length=1, description="Model to compare with; default: the "
                                                                       "scenario's model, else the dearest route.")

    @field_validator("routes")
    @classmethod
    def _shares(cls, routes: list[Route]) -> list[Route]:
        total = sum(r.share for r in routes)
        if abs(total - 1) > SHARE_TOLERANCE:
            raise ValueError(f"route shares must add up to 100% (they add up to {round(total * 100, 4):g}%)")
        return routes


class Compliance(_Section):
    """Compliance cost against development cost."""

    development_cost: float = Field(gt=0, le=1e13, examples=[150_000], description="Development (R&D) cost, USD.")
    compliance_cost: float = Field(ge=0, le=1e13, examples=[344_000], description="Compliance cost, USD.")
    extra_regions: int = Field(0, ge=0, le=1000, description="Extra regions that each need their own model "
                                                             "version.")
    region_multiplier: Fraction = Field(0.25, ge=0, le=10,
                                        description="Share of the compliance cost each extra region adds.")


class Scenario(_Section):
    """One named scenario of an AI product's economics."""

    description: str = Field("", max_length=2000, description="What this scenario is about.")
    usage: Usage
    pricing: Pricing
    plan: Plan | None = None
    fixed_costs_per_month: float = Field(0.0, ge=0, le=1e12, examples=[45_000],
                                         description="Fixed costs per month (team, infrastructure), USD.")
    investment: Investment | None = None
    self_hosting: SelfHosting | None = None
    routing: Routing | None = None
    compliance: Compliance | None = None
    memo: MemoOptions | None = Field(None, description="What a pricing memo drafted from this scenario weighs beyond "
                                                       "it (the scenario run ignores it).")
    checks: list[Check] = Field(default_factory=list, max_length=100,
                                description="Conditions the run must meet, e.g. 'gross_margin >= 70%'.")

    @field_validator("investment")
    @classmethod
    def _paid_back(cls, investment: Investment | None, info: ValidationInfo) -> Investment | None:
        if investment and investment.monthly_saving is None and info.data.get("plan") is None:
            raise ValueError("needs monthly_saving, or a plan whose operating profit pays it back")
        return investment

    @field_validator("checks")
    @classmethod
    def _checks_have_their_inputs(cls, checks: list[Check], info: ValidationInfo) -> list[Check]:
        for check in checks:
            needs = BY_NAME[check.metric].needs
            if needs is not None and not _has(info.data, needs):
                raise ValueError(f"the check {check.text!r} needs {needs} in the scenario ({check.metric} comes "
                                 f"from it)")
        return checks

    def has(self, path: str) -> bool:
        """Whether the dotted `path` (e.g. 'plan.free_users') is set to something other than nothing or 0."""
        return _has(self, path)


def _has(root: object, path: str) -> bool:
    value: object = root
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else getattr(value, part, None)
        if value is None:
            return False
    return bool(value)
