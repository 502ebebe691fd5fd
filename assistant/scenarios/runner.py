"""Run a scenario: every metric from a registered calculator, each step kept with its formula and sources.

The runner maps scenario fields to calculator inputs and feeds one calculator's result into the
next; totals and differences go through the `change` calculator, so no figure is computed outside
a calculator and every one has a formula. A warm run takes a few milliseconds (the app calls it on
every edit). A share goes to a calculator as its percent text ('150%'), the form a calculator reads back to
the same fraction (a bare 1.5 would read as 1.5%).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from assistant.scenarios.checks import judge
from assistant.scenarios.errors import Problem, ScenarioError
from assistant.scenarios.metrics import BY_NAME, METRICS, show
from assistant.scenarios.model import Scenario
from assistant.scenarios.results import MetricValue, ScenarioRun, Step
from tools.break_even import break_even
from tools.catalog import Catalog, default_catalog
from tools.change import change
from tools.compliance import compliance_overhead
from tools.errors import InputError
from tools.margin import margin
from tools.pricing_plan import pricing_plan
from tools.result import Source, ToolResult
from tools.routing import routing
from tools.self_host import self_host
from tools.token_cost import TokenCostResult, token_cost
from tools.units import MONTHS_PER_YEAR, Period, from_day, per_day, percent_text

__all__ = ["run_scenario"]

R = TypeVar("R", bound=ToolResult)

# A calculator field a user fixes in the scenario, by the scenario path that sets it.
_FIELDS = {"model": "pricing.model", "price": "pricing", "input_price": "pricing.input_per_1m",
           "output_price": "pricing.output_per_1m", "gpu": "self_hosting.gpu", "api_model": "pricing.model"}


class _Run:
    """The steps and metrics of one run as they are computed."""

    def __init__(self, name: str, catalog: Catalog) -> None:
        self.name = name
        self.catalog = catalog
        self.steps: list[Step] = []
        self.metrics: dict[str, MetricValue] = {}

    def call(self, func: Callable[[dict[str, Any], Catalog], R], args: dict[str, Any], purpose: str,
             section: str) -> R:
        try:
            result = func(args, self.catalog)
        except InputError as exc:
            field = _FIELDS.get(exc.field, section) if exc.field else section
            raise ScenarioError([Problem(str(exc), field=field, scenario=self.name)]) from None
        self.steps.append(Step(tool=result.tool, purpose=purpose, args=args, result=result))
        return result

    def metric(self, name: str, value: float | None, note: str | None = None) -> float | None:
        """Record `value` as metric `name`, taken from the last step."""
        meta, step = BY_NAME[name], self.steps[-1]
        self.metrics[name] = MetricValue(name=name, label=meta.label, unit=meta.unit, value=value,
                                         text=show(meta, value), tool=step.tool, step=len(self.steps) - 1,
                                         formula=step.result.formula, note=note)
        return value

    def total(self, section: str, purpose: str, value: float, plus: float) -> float:
        """`value + plus`, from the change calculator."""
        return self.call(change, {"name": purpose, "value": value, "plus": plus}, purpose, section).value

    def gap(self, section: str, purpose: str, value: float, minus: float) -> float:
        """`value - minus`, from the change calculator."""
        return self.call(change, {"name": purpose, "value": value, "minus": minus}, purpose, section).value

    def same(self, name: str, source: str) -> float | None:
        """Metric `name` is metric `source` (nothing added to it): same value, step and formula."""
        meta, src = BY_NAME[name], self.metrics[source]
        self.metrics[name] = src.model_copy(update={"name": name, "label": meta.label})
        return src.value


def _pricing(s: Scenario) -> dict[str, Any]:
    p = s.pricing
    if p.model is not None:
        return {"model": p.model}
    args = {"input_price": p.input_per_1m, "output_price": p.output_per_1m, "price_unit": "per_1m"}
    if p.cached_input_per_1m is not None:
        args["cached_input_price"] = p.cached_input_per_1m
    return args


def _tokens(s: Scenario) -> dict[str, Any]:
    t = s.usage.tokens
    return {"input_tokens_per_query": t.input, "output_tokens_per_query": t.output,
            "cached_input_share": percent_text(t.cached_share), **_pricing(s)}


def run_scenario(scenario: Scenario, catalog: Catalog | None = None, *, name: str = "scenario") -> ScenarioRun:
    """Every metric of `scenario` from the calculators, with its checks judged; raises `ScenarioError`."""
    run = _Run(name, catalog or default_catalog())
    s = scenario
    tc, free = _costs(run, s)
    if s.plan is not None:
        _plan(run, s, tc, free)
    if s.investment is not None:
        _payback(run, s)
    if s.self_hosting is not None or s.routing is not None:
        tokens = tc.known_tokens() if free is None else run.total(
            "plan", "tokens per month", tc.known_tokens(), free.known_tokens())
        _self_hosting(run, s, tokens)
        _routing(run, s, tokens)
    if s.compliance is not None:
        _compliance(run, s)
    return _finish(run, s)


def _costs(run: _Run, s: Scenario) -> tuple[TokenCostResult, TokenCostResult | None]:
    """Model cost of the users and the free tier, per query, user, month and year, and with the fixed costs."""
    u = s.usage
    tc = run.call(token_cost, {"users": u.users, "queries_per_user": u.queries_per_user,
                               "query_period": u.period.value, **_tokens(s)}, "model cost of the users", "usage")
    run.metric("cost_per_query", tc.cost_per_query_usd)
    run.metric("cost_per_user_month", tc.cost_per_user_per_month_usd)
    run.metric("queries_month", tc.queries_per_month)
    run.metric("tokens_month", tc.tokens_per_month)
    run.metric("api_cost_month", tc.cost_per_month_usd)
    free = _free_tier(run, s)
    if free is None:
        run.same("monthly_cost", "api_cost_month")
        run.metric("yearly_cost", tc.cost_per_year_usd)
    else:
        monthly = run.total("plan", "model cost per month", tc.cost_per_month_usd, free.cost_per_month_usd)
        run.metric("monthly_cost", monthly)
        yearly = run.call(change, {"name": "model cost per year", "value": monthly, "factor": MONTHS_PER_YEAR},
                          "model cost per year", "plan")
        run.metric("yearly_cost", yearly.value)
    if s.fixed_costs_per_month:
        run.metric("total_cost_month", run.total("fixed_costs_per_month", "total cost per month",
                                                 _value(run, "monthly_cost"), s.fixed_costs_per_month))
    else:
        run.same("total_cost_month", "monthly_cost")
    return tc, free


def _value(run: _Run, name: str) -> float:
    value = run.metrics[name].value
    assert value is not None, name  # only break-even and payback metrics can be 'never'
    return value


def _free_tier(run: _Run, s: Scenario) -> TokenCostResult | None:
    if s.plan is None or not s.plan.free_users:
        return None
    free = run.call(token_cost, {"users": s.plan.free_users, "queries_per_user": s.plan.free_quota,
                                 "query_period": "month", **_tokens(s)}, "model cost of the free tier", "plan")
    run.metric("free_tier_cost_month", free.cost_per_month_usd)
    return free


def _plan(run: _Run, s: Scenario, tc: TokenCostResult, free: TokenCostResult | None) -> None:
    plan, u = s.plan, s.usage
    assert plan is not None
    args: dict[str, Any] = {"plan_price_usd": plan.price, "cost_per_query_usd": tc.cost_per_query_usd,
                            "queries_per_user_per_month": from_day(per_day(u.queries_per_user, u.period),
                                                                   Period.month),
                            "usage_sigma": u.usage_sigma, "paying_users": 1}
    if plan.overage_per_1k is not None:
        args |= {"free_quota_queries": plan.included_queries or 0.0,
                 "overage_price_per_1k_queries": plan.overage_per_1k}
    if plan.target_margin is not None:
        args["target_margin"] = percent_text(plan.target_margin)
    pp = run.call(pricing_plan, args, "revenue and usage limits of one paying user", "plan")
    per_user = pp.monthly_revenue_usd or plan.price
    run.metric("revenue_per_user_month", per_user)
    run.metric("loss_share", pp.loss_share_of_paying_users)
    run.metric("break_even_queries_per_user", pp.break_even_queries_per_user)
    if pp.max_queries_at_target_margin is not None:
        run.metric("max_queries_at_target_margin", pp.max_queries_at_target_margin)
    revenue = run.call(change, {"name": "revenue per month", "value": u.users, "factor": per_user},
                       "revenue per month", "plan").value
    run.metric("revenue_month", revenue)
    gm = run.call(margin, {"revenue_usd": revenue, "cogs_usd": _value(run, "monthly_cost"), "period": "month"},
                  "gross margin", "plan")
    run.metric("gross_margin", gm.gross_margin)
    run.metric("gross_profit_month", gm.gross_profit_usd)
    profit = gm.gross_profit_usd or 0.0
    if s.fixed_costs_per_month:
        run.metric("operating_profit_month", run.gap("fixed_costs_per_month", "operating profit per month", profit,
                                                     s.fixed_costs_per_month))
    else:
        run.same("operating_profit_month", "gross_profit_month")
    fixed = s.fixed_costs_per_month
    if free is not None:
        fixed = run.total("plan", "fixed costs with the free tier", fixed, free.cost_per_month_usd) if fixed \
            else free.cost_per_month_usd
    be = run.call(break_even, {"mode": "users", "fixed_costs_usd": fixed, "price_per_user_usd": per_user,
                               "variable_cost_per_user_usd": tc.cost_per_user_per_month_usd},
                  "paying users to break even", "plan")
    run.metric("break_even_users", be.break_even_users, be.reason)


def _payback(run: _Run, s: Scenario) -> None:
    inv = s.investment
    assert inv is not None
    args: dict[str, Any] = {"mode": "payback", "upfront_investment_usd": inv.upfront, "build_months": inv.build_months}
    if inv.monthly_saving is not None:
        args["monthly_saving_usd"] = inv.monthly_saving
    else:
        args["monthly_contribution_usd"] = _value(run, "operating_profit_month")
    pb = run.call(break_even, args, "payback of the investment", "investment")
    run.metric("payback_months", pb.payback_months, pb.reason)
    run.metric("payback_from_start_months", pb.months_from_start, pb.reason)


def _self_hosting(run: _Run, s: Scenario, tokens: float) -> None:
    h = s.self_hosting
    if h is None:
        return
    args: dict[str, Any] = {"gpus": h.gpus, "tokens_per_second": h.tokens_per_second,
                            "utilization": percent_text(h.utilization), "hours_per_month": h.hours_per_month,
                            "fixed_monthly_usd": h.fixed_per_month, "monthly_tokens": tokens}
    args |= {"gpu_hourly_usd": h.gpu_hourly} if h.gpu_hourly is not None else {"gpu": h.gpu}
    sh = run.call(self_host, args, "the same traffic on rented GPUs", "self_hosting")
    run.metric("self_host_per_1m", sh.self_host_per_1m_usd)
    run.metric("self_host_cost_month", sh.self_host_monthly_usd)
    run.metric("gpus_needed", sh.gpus_needed)
    run.metric("self_host_saving_month", run.gap("self_hosting", "self-hosting saving per month",
                                                 _value(run, "monthly_cost"), sh.self_host_monthly_usd or 0.0))


def _routing(run: _Run, s: Scenario, tokens: float) -> None:
    r = s.routing
    if r is None:
        return
    routes = [{"model": x.model, "share": percent_text(x.share)} if x.model is not None
              else {"price_per_1m": x.price_per_1m, "share": percent_text(x.share)} for x in r.routes]
    args: dict[str, Any] = {"routes": routes, "input_share": percent_text(r.input_share), "monthly_tokens": tokens}
    if baseline := r.baseline_model or s.pricing.model:
        args["baseline_model"] = baseline
    rt = run.call(routing, args, "traffic routed across models", "routing")
    run.metric("routed_price_per_1m", rt.blended_per_1m_usd)
    run.metric("routing_saving_share", rt.saving_fraction)
    run.metric("routing_saving_month", rt.monthly_saving_usd)


def _compliance(run: _Run, s: Scenario) -> None:
    c = s.compliance
    assert c is not None
    cp = run.call(compliance_overhead, {"development_cost_usd": c.development_cost,
                                        "compliance_cost_usd": c.compliance_cost, "extra_regions": c.extra_regions,
                                        "region_multiplier": percent_text(c.region_multiplier)}, "compliance overhead",
                  "compliance")
    run.metric("compliance_ratio", cp.region_adjusted_ratio)
    run.metric("compliance_share", cp.region_adjusted_share)


def _finish(run: _Run, s: Scenario) -> ScenarioRun:
    sources: dict[str, Source] = {}
    assumptions: dict[str, None] = {}
    for step in run.steps:
        for src in step.result.sources:
            sources.setdefault(f"{src.provider}/{src.model}/{src.price}/{src.as_of}", src)
        assumptions |= dict.fromkeys(step.result.assumptions)
    checks = [judge(run.name, c, run.metrics[c.metric].value) for c in s.checks]
    metrics = {m.name: run.metrics[m.name] for m in METRICS if m.name in run.metrics}
    return ScenarioRun(name=run.name, description=s.description, scenario=s, metrics=metrics, steps=run.steps,
                       checks=checks, sources=list(sources.values()), assumptions=list(assumptions))
