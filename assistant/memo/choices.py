"""Model choice (API, self-hosting, hybrid routing) and risks for the memo, from typed calculator results."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.memo.brief import MemoBrief
from assistant.memo.defaults import CORE
from assistant.memo.document import Section, section
from assistant.memo.plans import known
from assistant.memo.runs import Runs
from assistant.memo.sections import cite, exposure
from tools import fmt
from tools.change import change
from tools.compare import CompareResult, CompareRow, compare
from tools.compliance import ComplianceResult, compliance_overhead
from tools.monte_carlo import MonteCarloResult
from tools.pricing_plan import PricingPlanResult
from tools.routing import RoutingResult, routing
from tools.self_host import SelfHostResult, self_host
from tools.token_cost import TokenCostResult
from tools.units import percent_text

__all__ = ["ModelChoice", "cheapest", "compliance", "model_choice", "model_section", "risks", "signed", "verdict"]


@dataclass(frozen=True)
class ModelChoice:
    """The ways to serve the workload: the scenario's model, another one, self-hosting and a routed blend."""

    cost: TokenCostResult
    compare: CompareResult
    other: CompareRow
    self_host: SelfHostResult
    routing: RoutingResult
    cheap: str
    dear: str
    cheap_share: float
    dear_share: float


def _other_model(b: MemoBrief) -> str:
    """The model weighed against the scenario's: the premium one, or the low-cost default when it is the premium."""
    return str(CORE["model"].value) if b.model == b.options.premium_model else b.options.premium_model


def model_choice(run: Runs, b: MemoBrief, cost: TokenCostResult) -> ModelChoice:
    """The scenario's model beside another, self-hosting this volume, and a routed blend of the two."""
    o, label = b.options, b.price_label()
    other = _other_model(b)
    compared = run(compare, {**b.usage(), "options": [{**b.pricing(), "label": label}, {"model": other}]})
    other_row = next(r for r in compared.rows if r.label != label)
    throughput = ({"tokens_per_second": o.gpu_tokens_per_second} if o.gpu_tokens_per_second is not None
                  else {"model_params_b": o.self_host_params_b})
    host = run(self_host, {"gpu": o.gpu, **throughput, "utilization": percent_text(o.gpu_utilization),
                           "monthly_tokens": cost.tokens_per_month, **b.pricing()})
    routes = [(b.pricing(), label), ({"model": other}, other)]
    if other_row.monthly_cost_usd < cost.cost_per_month_usd:
        routes.reverse()  # the cheaper model takes the routed share, the dearer one the hardest queries
    (cheap, cheap_name), (dear, dear_name) = routes
    rest = run(change, {"name": "share of queries on the dearer model", "value": 1.0, "minus": o.routed_share}).value
    shares = [{**cheap, "share": percent_text(o.routed_share)}, {**dear, "share": percent_text(rest)}]
    route = run(routing, {"routes": shares, "monthly_tokens": cost.tokens_per_month})
    return ModelChoice(cost=cost, compare=compared, other=other_row, self_host=host, routing=route, cheap=cheap_name,
                       dear=dear_name, cheap_share=o.routed_share, dear_share=rest)


def _options(b: MemoBrief, m: ModelChoice) -> list[tuple[str, float]]:
    """(option, monthly cost) for each way to serve the workload."""
    return [(f"API: {b.price_label()}", m.cost.cost_per_month_usd),
            (f"API: {m.other.label}", m.other.monthly_cost_usd),
            (f"Hybrid: {fmt.pct(m.cheap_share)} {m.cheap}, {fmt.pct(m.dear_share)} {m.dear}",
             known(m.routing.blended_monthly_usd, "routed monthly cost")),
            (f"Self-host: {fmt.number(m.self_host.gpus_needed or 1)} x {b.options.gpu}",
             known(m.self_host.self_host_monthly_usd, "self-hosting monthly cost"))]


def cheapest(b: MemoBrief, m: ModelChoice) -> tuple[str, float]:
    """The way of serving the workload that costs least a month."""
    return min(_options(b, m), key=lambda option: option[1])


def _throughput_caveat(host: SelfHostResult) -> str:
    """What the self-hosting figure stands on: a reference throughput is said to be one, with where it flips."""
    even = host.break_even_tokens_per_second_per_gpu
    flip = (f" Self-hosting beats the API only at {fmt.number(round(even))} tokens/s per GPU or more." if even
            else " No throughput makes it cheaper than the API at this volume.")
    if not host.throughput_is_reference or host.throughput_range_per_gpu is None:
        return flip
    low, high = host.throughput_range_per_gpu
    return (f" Its throughput, {fmt.number(round(host.tokens_per_second))} tokens/s, is a published reference "
            f"figure (published shapes span {fmt.number(round(low))} to {fmt.number(round(high))} tokens/s per GPU), "
            f"not a measurement of this workload.{flip}")


def verdict(b: MemoBrief, m: ModelChoice) -> str:
    """Which way of serving the workload costs least, and what self-hosting would take and stands on."""
    name, monthly = cheapest(b, m)
    host = m.self_host
    text = f"**Model choice:** at this volume the cheapest way to serve the feature is {name} ({fmt.money(monthly)} " \
           f"a month)."
    if name.startswith("Self-host"):
        text += " That counts GPU rent only: add the engineering time to run it before you switch."
    elif host.self_host_monthly_usd is not None:
        text += (f" Self-hosting it would take {fmt.number(host.gpus_needed or 1)} x {b.options.gpu} at "
                 f"{fmt.money(host.self_host_monthly_usd)} a month.")
    return text + _throughput_caveat(host)


def model_section(b: MemoBrief, m: ModelChoice, run: Runs, passages: list[dict[str, Any]]) -> Section:
    """API vs a second model, self-hosting and a routed blend: a verdict, the tools' headlines, a cost table."""
    rows = [[name, fmt.money(monthly)] for name, monthly in _options(b, m)]
    text = [verdict(b, m), f"API prices: {m.compare.headline}", f"Self-hosting: {m.self_host.headline}",
            f"Routing the hardest {fmt.pct(m.dear_share)} of queries to {m.dear}: "
            f"{m.routing.headline}{cite(passages, 'hybrid')}"]
    charts = run.chart_of("compare") + run.chart_of("self_host") + run.chart_of("routing")
    return section("Model choice: API, self-hosting or hybrid routing", text,
                   (["option", "cost a month"], rows), charts)


def signed(fraction: float) -> str:
    """A change as a signed percent (+30%, -30%)."""
    return ("+" if fraction > 0 else "") + fmt.pct(fraction)


def compliance(run: Runs, b: MemoBrief) -> ComplianceResult:
    """Compliance overhead: the cost categories, and each region beyond the first."""
    o = b.options
    extra = run(change, {"name": "extra regions", "value": len(o.regions), "minus": 1}).value if len(o.regions) > 1 \
        else 0
    return run(compliance_overhead, {
        "development_cost_usd": o.development_cost, "regulatory_compliance_usd": o.regulatory_compliance,
        "response_verification_usd": o.response_verification, "user_training_usd": o.user_training,
        "extra_regions": round(extra)})


def risks(b: MemoBrief, mc: MonteCarloResult, flat: PricingPlanResult, overhead: ComplianceResult, m: ModelChoice,
          passages: list[dict[str, Any]]) -> Section:
    """Flat-rate exposure, price changes, vendor dependence and compliance by category and region."""
    def ref(word: str) -> str:
        return cite(passages, word)

    o = b.options
    where = ", ".join(o.regions) if o.regions else "one market"
    text = [f"**Flat-rate exposure.** {exposure(b, mc)} A flat {fmt.money(b.fee)} fee stops covering a user above "
            f"{fmt.number(round(flat.break_even_queries_per_user))} queries a month; an allowance with overage "
            f"caps the exposure{ref('flat-rate')}.",
            f"**Price changes.** With model prices moving between {signed(o.price_change_low)} and "
            f"{signed(o.price_change_high)} (and usage uncertain), gross margin after fixed costs ranges from "
            f"{fmt.pct(known(mc.margin_p5, 'margin P5'))} (P5) to {fmt.pct(known(mc.margin_p95, 'margin P95'))} (P95).",
            f"**Vendor dependence.** One provider sets the cost of every query: moving to {m.other.label} would "
            f"cost {fmt.money(m.other.monthly_cost_usd)} a month instead of "
            f"{fmt.money(m.cost.cost_per_month_usd)}. Keep the model swappable and watch its price "
            f"list{ref('lock-in')}.",
            f"**Compliance overhead ({where}).** {overhead.headline}{ref('regulation')}"]
    rows = [[c.category, fmt.money(c.cost_usd), fmt.pct(c.share_of_total)] for c in overhead.categories]
    if (extra := overhead.inputs.get("extra_regions")) is not None:
        rows.append([f"all compliance across {where} ({fmt.number(float(extra.value))} extra region(s))",
                     fmt.money(overhead.region_adjusted_compliance_usd), fmt.pct(overhead.region_adjusted_share)])
    return section("Risks", text, (["cost category (compliance estimate)", "cost", "share of total"], rows))
