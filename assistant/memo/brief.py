"""A memo's inputs: the scenario it drafts from, the memo's options, and where each input came from.

A brief in plain words (`assistant.memo.inputs.parse_brief`) and a scenario file
(`assistant.memo.inputs.brief_from_scenario`) both become a `MemoBrief`; the memo renders it.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, model_validator

from assistant.answer import ToolCall
from assistant.scenarios.memo_options import MemoOptions
from assistant.scenarios.model import Plan, Scenario
from tools import fmt
from tools.units import Period

__all__ = ["MemoBrief"]


class MemoBrief(BaseModel):
    """The scenario a memo renders (with its plan and `memo` options set) and the provenance of each input."""

    text: str = Field(description="The brief (or the scenario's description); the memo's figures may quote it.")
    name: str = Field("memo", description="The scenario's name when it is saved.")
    scenario: Scenario
    origin: dict[str, str] = Field(default_factory=dict, description="Input -> 'from the brief', 'from scenario "
                                                                      "...' or 'default: <reason>'.")
    notes: dict[str, str] = Field(default_factory=dict, description="How a brief's figure was read, per input.")
    not_understood: list[str] = Field(default_factory=list, description="Figures of the brief the memo does not use.")
    queries_p95: float | None = Field(None, gt=0, description="The brief's heavy user: queries per usage period of "
                                                               "the 95th-percentile user.")
    tokens_total: float | None = Field(None, gt=0, description="Tokens per query as a total (the brief's or the "
                                                                 "default), before the split into input and output.")
    calls: list[ToolCall] = Field(default_factory=list, description="Calculator runs that read the brief (shares, "
                                                                     "gaps, splits, unit changes).")

    @model_validator(mode="after")
    def _complete(self) -> MemoBrief:
        if self.scenario.plan is None or self.scenario.plan.target_margin is None or self.scenario.memo is None:
            raise ValueError("a memo's scenario needs its plan (with a target margin) and its memo options")
        return self

    # -- typed views of the scenario ------------------------------------------------------------------------
    @property
    def plan(self) -> Plan:
        """The plan (always set on a memo's scenario)."""
        assert self.scenario.plan is not None
        return self.scenario.plan

    @property
    def options(self) -> MemoOptions:
        """The memo's options (always set on a memo's scenario)."""
        assert self.scenario.memo is not None
        return self.scenario.memo

    @property
    def fee(self) -> float:
        """What a paying user pays a month."""
        return self.plan.price

    @property
    def users(self) -> float:
        """Paying users."""
        return self.scenario.usage.users

    @property
    def queries_per_user(self) -> float:
        """The mean user's queries per `query_period` (the scenario's; users x mean is the month's traffic)."""
        return self.scenario.usage.queries_per_user

    @property
    def query_period(self) -> Period:
        """The period of `queries_per_user`."""
        return self.scenario.usage.period

    @property
    def target_margin(self) -> float:
        """The gross margin the plan must keep."""
        assert self.plan.target_margin is not None
        return self.plan.target_margin

    @property
    def overage_per_1k(self) -> float:
        """The price of 1,000 queries beyond an allowance: the plan's own, else the memo option's."""
        return self.plan.overage_per_1k if self.plan.overage_per_1k is not None else self.options.overage_per_1k

    @property
    def model(self) -> str | None:
        """The catalog model, or None when the scenario gives token prices."""
        return self.scenario.pricing.model

    def usage(self) -> dict[str, Any]:
        """Users, queries and the token split, as every usage calculator takes them."""
        u = self.scenario.usage
        return {"users": u.users, "queries_per_user": u.queries_per_user, "query_period": u.period.value,
                "input_tokens_per_query": u.tokens.input, "output_tokens_per_query": u.tokens.output}

    def pricing(self) -> dict[str, Any]:
        """The shared pricing input of every calculator: the model, one blended price, or input and output prices."""
        p = self.scenario.pricing
        if p.model is not None:
            return {"model": p.model}
        if p.input_per_1m == p.output_per_1m and p.cached_input_per_1m is None:
            return {"price": p.input_per_1m, "price_unit": "per_1m"}
        args = {"input_price": p.input_per_1m, "output_price": p.output_per_1m, "price_unit": "per_1m"}
        return args if p.cached_input_per_1m is None else {**args, "cached_input_price": p.cached_input_per_1m}

    def price_label(self) -> str:
        """The model or token price the memo runs on, as the memo names it."""
        p = self.scenario.pricing
        if p.model is not None:
            return p.model
        if p.input_per_1m == p.output_per_1m:
            return f"{fmt.money(p.input_per_1m or 0)} per 1M tokens"
        return f"{fmt.money(p.input_per_1m or 0)} input / {fmt.money(p.output_per_1m or 0)} output per 1M tokens"

    # -- the assumptions table ------------------------------------------------------------------------------
    def rows(self) -> list[list[str]]:
        """The assumptions table: input, value, where it came from (with how a brief's figure was read)."""
        rows = []
        for name, shown in self._shown().items():
            origin = self.origin.get(name)
            if origin is None:
                continue
            note = f" ({self.notes[name]})" if name in self.notes else ""
            rows.append([name.replace("_", " "), shown, origin + note])
        return rows

    def _shown(self) -> dict[str, str]:
        o, u = self.options, self.scenario.usage
        per = f" queries per user a {self.query_period.value}"
        tokens = f"{fmt.number(u.tokens.input)} input + {fmt.number(u.tokens.output)} output tokens"
        if self.tokens_total is not None:
            tokens = f"{fmt.number(self.tokens_total)} tokens ({tokens})"
        spread = (fmt.number(self.queries_p95) + per if self.queries_p95 is not None else
                  f"usage spread (sigma of log queries) {fmt.number(u.usage_sigma)}"
                  if "usage_sigma" in u.model_fields_set else "3x the median user's")
        return {
            "fee": f"{fmt.money(self.fee)} per user a month", "users": f"{fmt.number(self.users)} paying users",
            "queries_per_user": f"{fmt.number(self.queries_per_user)}{per} (the mean user)", "queries_p95": spread,
            "tokens_per_query": tokens, "model": str(self.model), "price_per_1m": self.price_label(),
            "included_queries": f"{fmt.number(self.plan.included_queries or 0)} queries a month in the plan, then "
                                f"{fmt.money(self.plan.overage_per_1k or 0)} per 1,000",
            "free_queries": f"{fmt.number(self.plan.free_quota)} queries a month",
            "free_users": f"{fmt.number(self.plan.free_users)} free users",
            "overage_per_1k": f"{fmt.money(self.overage_per_1k)} per 1,000 queries",
            "fixed_cost_month": f"{fmt.money(self.scenario.fixed_costs_per_month)} a month",
            "target_margin": fmt.pct(self.target_margin),
            "regions": ", ".join(o.regions) if o.regions else "one market",
            "price_change_low": fmt.pct(o.price_change_low), "price_change_high": fmt.pct(o.price_change_high),
            "premium_model": o.premium_model, "routed_share": fmt.pct(o.routed_share), "gpu": o.gpu,
            "gpu_tokens_per_second": f"{fmt.number(o.gpu_tokens_per_second or 0)} tokens/s",
            "self_host_params_b": f"a {fmt.number(o.self_host_params_b)}B-parameter model",
            "gpu_utilization": fmt.pct(o.gpu_utilization), "development_cost": fmt.money(o.development_cost),
            "regulatory_compliance": fmt.money(o.regulatory_compliance),
            "response_verification": fmt.money(o.response_verification), "user_training": fmt.money(o.user_training),
        }
