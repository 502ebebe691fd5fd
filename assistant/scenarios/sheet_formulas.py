"""The metric rows of the scenario workbook: each metric as a spreadsheet formula over the input cells.

These formulas restate the calculators' (tools/) so a spreadsheet recomputes when an input changes;
tests evaluate them independently and compare with the calculators' results.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from assistant.scenarios.metrics import BY_NAME
from assistant.scenarios.model import Scenario
from tools.units import DAYS_PER_MONTH, MONTHS_PER_YEAR

__all__ = ["FORMULAS", "FormulaRow", "Refs"]


class Refs(Protocol):
    """Cell references of one scenario's column."""

    def i(self, key: str) -> str:
        """The input cell of `key` (on the Inputs sheet)."""

    def m(self, key: str) -> str:
        """The metric or helper cell of `key` (on the Metrics sheet)."""


Build = Callable[[Refs, Scenario], str]


@dataclass(frozen=True)
class FormulaRow:
    """A metric (or a helper step) computed by a formula, where the scenario has what it needs."""

    key: str
    build: Build
    applies: Callable[[Scenario], bool] = lambda s: True
    label: str = ""
    unit: str = ""

    @property
    def helper(self) -> bool:
        """A step between inputs and metrics, not a metric of the run."""
        return self.key not in BY_NAME


def _plan(s: Scenario) -> bool:
    return s.plan is not None


def _free(s: Scenario) -> bool:
    return s.plan is not None and bool(s.plan.free_users)


def _overage(s: Scenario) -> bool:
    return s.plan is not None and s.plan.overage_per_1k is not None


def _traffic(s: Scenario) -> bool:
    return s.self_hosting is not None or s.routing is not None


def _cost_per_query(r: Refs, s: Scenario) -> str:
    i = r.i
    cached = f"{i('input_tokens')}*{i('cached_share')}"
    return (f"=(({i('input_tokens')}-{cached})*{i('input_price')}+{cached}*{i('cached_price')}"
            f"+{i('output_tokens')}*{i('output_price')})/1000000")


def _monthly_cost(r: Refs, s: Scenario) -> str:
    return f"={r.m('api_cost_month')}+{r.m('free_tier_cost_month')}" if _free(s) else f"={r.m('api_cost_month')}"


def _overage_per_user(r: Refs, s: Scenario) -> str:
    q, k, sig, mu = r.m("queries_per_user_month"), r.i("included_queries"), r.i("usage_sigma"), r.m("usage_mu")
    d1 = f"(({mu}+{sig}^2-LN(MAX({k},1E-300)))/{sig})"
    excess = f"IF({k}<=0,{q},{q}*NORM.S.DIST({d1},TRUE)-{k}*NORM.S.DIST({d1}-{sig},TRUE))"
    return f"={excess}*{r.i('overage_per_1k')}/1000"


def _break_even_users(r: Refs, s: Scenario) -> str:
    fixed = f"({r.i('fixed_costs')}+{r.m('free_tier_cost_month')})" if _free(s) else r.i("fixed_costs")
    contribution = f"({r.m('revenue_per_user_month')}-{r.m('cost_per_user_month')})"
    exact = f"{fixed}/{contribution}"
    return f'=IF({contribution}<=0,"never",MAX(ROUNDUP(ROUND({exact},6),0),IF({exact}>0,1,0)))'


def _benefit(r: Refs, s: Scenario) -> str:
    inv = s.investment
    saving = inv is not None and inv.monthly_saving is not None
    return r.i("monthly_saving") if saving else r.m("operating_profit_month")


def _blend(r: Refs, inp: str, out: str) -> str:
    share = r.i("routing_input_share")
    return f"({share}*{inp}+(1-{share})*{out})"


def _routes(r: Refs, s: Scenario) -> list[str]:
    count = len(s.routing.routes) if s.routing is not None else 0
    return [_blend(r, r.i(f"route_{n}_input_price"), r.i(f"route_{n}_output_price")) for n in range(1, count + 1)]


def _routed(r: Refs, s: Scenario) -> str:
    return "=" + "+".join(f"{r.i(f'route_{n}_share')}*{b}" for n, b in enumerate(_routes(r, s), start=1))


def _baseline(r: Refs, s: Scenario) -> str:
    if s.routing is not None and (s.routing.baseline_model or s.pricing.model):
        return "=" + _blend(r, r.i("baseline_input_price"), r.i("baseline_output_price"))
    return f"=MAX({','.join(_routes(r, s))})"


def _compliance(r: Refs, s: Scenario) -> str:
    return f"={r.i('compliance_cost')}*(1+{r.i('extra_regions')}*{r.i('region_multiplier')})"


def _has(section: str) -> Callable[[Scenario], bool]:
    return lambda s: getattr(s, section) is not None


FORMULAS: tuple[FormulaRow, ...] = (
    FormulaRow("cost_per_query", _cost_per_query),
    FormulaRow("queries_per_user_month",
               lambda r, s: f"={r.i('queries_per_user')}*{DAYS_PER_MONTH}/{r.i('days_per_period')}",
               label="queries per user per month (30-day month)", unit="queries"),
    FormulaRow("queries_month", lambda r, s: f"={r.i('users')}*{r.m('queries_per_user_month')}"),
    FormulaRow("tokens_month", lambda r, s: f"={r.m('queries_month')}*({r.i('input_tokens')}+{r.i('output_tokens')})"),
    FormulaRow("api_cost_month", lambda r, s: f"={r.m('queries_month')}*{r.m('cost_per_query')}"),
    FormulaRow("cost_per_user_month", lambda r, s: f"={r.m('api_cost_month')}/{r.i('users')}"),
    FormulaRow("free_tier_cost_month",
               lambda r, s: f"={r.i('free_users')}*{r.i('free_quota')}*{r.m('cost_per_query')}", _free),
    FormulaRow("monthly_cost", _monthly_cost),
    FormulaRow("yearly_cost", lambda r, s: f"={r.m('monthly_cost')}*{MONTHS_PER_YEAR}"),
    FormulaRow("total_cost_month", lambda r, s: f"={r.m('monthly_cost')}+{r.i('fixed_costs')}"),
    FormulaRow("usage_mu", lambda r, s: f"=LN({r.m('queries_per_user_month')})-{r.i('usage_sigma')}^2/2", _plan,
               label="mean of log usage (lognormal)", unit=""),
    FormulaRow("break_even_queries_per_user", lambda r, s: f"={r.i('plan_price')}/{r.m('cost_per_query')}", _plan),
    FormulaRow("loss_share", lambda r, s: f"=1-NORM.S.DIST((LN({r.m('break_even_queries_per_user')})"
                                          f"-{r.m('usage_mu')})/{r.i('usage_sigma')},TRUE)", _plan),
    FormulaRow("max_queries_at_target_margin",
               lambda r, s: f"={r.i('plan_price')}*(1-{r.i('target_margin')})/{r.m('cost_per_query')}",
               lambda s: s.plan is not None and s.plan.target_margin is not None),
    FormulaRow("overage_per_user", _overage_per_user, _overage, label="expected overage per paying user per month",
               unit="USD"),
    FormulaRow("revenue_per_user_month", lambda r, s: f"={r.i('plan_price')}+{r.m('overage_per_user')}"
               if _overage(s) else f"={r.i('plan_price')}", _plan),
    FormulaRow("revenue_month", lambda r, s: f"={r.i('users')}*{r.m('revenue_per_user_month')}", _plan),
    FormulaRow("gross_profit_month", lambda r, s: f"={r.m('revenue_month')}-{r.m('monthly_cost')}", _plan),
    FormulaRow("gross_margin", lambda r, s: f"=({r.m('revenue_month')}-{r.m('monthly_cost')})/{r.m('revenue_month')}",
               _plan),
    FormulaRow("operating_profit_month", lambda r, s: f"={r.m('gross_profit_month')}-{r.i('fixed_costs')}", _plan),
    FormulaRow("break_even_users", _break_even_users, _plan),
    FormulaRow("payback_months", lambda r, s: f'=IF({_benefit(r, s)}<=0,"never",{r.i("upfront")}/{_benefit(r, s)})',
               _has("investment")),
    FormulaRow("payback_from_start_months", lambda r, s: f'=IF({_benefit(r, s)}<=0,"never",'
                                                         f'{r.i("build_months")}+{r.i("upfront")}/{_benefit(r, s)})',
               _has("investment")),
    FormulaRow("all_tokens_month", lambda r, s: f"={r.m('tokens_month')}+{r.i('free_users')}*{r.i('free_quota')}"
               f"*({r.i('input_tokens')}+{r.i('output_tokens')})" if _free(s) else f"={r.m('tokens_month')}",
               _traffic, label="tokens per month (users and free tier)", unit="tokens"),
    FormulaRow("self_host_per_1m", lambda r, s: f"={r.i('gpu_hourly')}*{r.i('gpus')}/({r.i('tokens_per_second')}"
                                                f"*3600*{r.i('utilization')})*1000000", _has("self_hosting")),
    FormulaRow("capacity_month", lambda r, s: f"={r.i('tokens_per_second')}*3600*{r.i('utilization')}"
                                              f"*{r.i('hours_per_month')}", _has("self_hosting"),
               label="tokens a month the GPUs serve", unit="tokens"),
    FormulaRow("gpus_needed",
               lambda r, s: f"=ROUNDUP({r.i('gpus')}*{r.m('all_tokens_month')}/{r.m('capacity_month')},0)",
               _has("self_hosting")),
    FormulaRow("self_host_cost_month", lambda r, s: f"={r.i('gpu_hourly')}*MAX({r.m('gpus_needed')},{r.i('gpus')})"
                                                    f"*{r.i('hours_per_month')}+{r.i('self_host_fixed')}",
               _has("self_hosting")),
    FormulaRow("self_host_saving_month", lambda r, s: f"={r.m('monthly_cost')}-{r.m('self_host_cost_month')}",
               _has("self_hosting")),
    FormulaRow("routed_price_per_1m", _routed, _has("routing")),
    FormulaRow("baseline_per_1m", _baseline, _has("routing"), label="routing baseline price per 1M tokens",
               unit="USD per 1M tokens"),
    FormulaRow("routing_saving_share", lambda r, s: f"=1-{r.m('routed_price_per_1m')}/{r.m('baseline_per_1m')}",
               _has("routing")),
    FormulaRow("routing_saving_month", lambda r, s: f"=({r.m('baseline_per_1m')}-{r.m('routed_price_per_1m')})"
                                                    f"*{r.m('all_tokens_month')}/1000000", _has("routing")),
    FormulaRow("compliance_with_regions", _compliance, _has("compliance"),
               label="compliance cost with extra regions", unit="USD"),
    FormulaRow("compliance_ratio", lambda r, s: f"={r.m('compliance_with_regions')}/{r.i('development_cost')}",
               _has("compliance")),
    FormulaRow("compliance_share", lambda r, s: f"={r.m('compliance_with_regions')}/({r.i('development_cost')}"
                                                f"+{r.m('compliance_with_regions')})", _has("compliance")),
)
