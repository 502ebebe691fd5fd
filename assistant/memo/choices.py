"""Model choice (API, self-hosting, hybrid routing) and risks for the memo, from calculator results."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.memo.brief import DEFAULTS
from assistant.memo.sections import cite, exposure, pricing, section
from tools import fmt

if TYPE_CHECKING:
    from assistant.memo.brief import MemoBrief
    from assistant.memo.build import Runs, Section

__all__ = ["cheapest", "compliance_args", "model_choice", "model_section", "risks", "signed", "verdict"]


def _other_model(b: MemoBrief) -> str:
    """The model weighed against the brief's: the premium one, or the low-cost default when the brief is on it."""
    return str(DEFAULTS["model"].value) if b.model == b.premium_model else b.premium_model


def model_choice(run: Runs, b: MemoBrief, cost: dict[str, Any]) -> dict[str, Any]:
    """The brief's model beside another, self-hosting this volume, and a routed blend of the two."""
    usage = {"users": b.users, "queries_per_user": b.queries_per_user, "query_period": b.query_period.value,
             "tokens_per_query": b.tokens_per_query}
    label = pricing(b)
    mine = {**b.pricing(), "label": label}
    other = _other_model(b)
    compare = run("compare", {**usage, "options": [mine, {"model": other}]})
    other_row = next(r for r in compare["rows"] if r["label"] != label)
    throughput = ({"tokens_per_second": b.gpu_tokens_per_second} if b.gpu_tokens_per_second is not None
                  else {"model_params_b": b.self_host_params_b})
    host = run("self_host", {"gpu": b.gpu, **throughput, "utilization": b.gpu_utilization,
                             "monthly_tokens": cost["tokens_per_month"], **b.pricing()})
    routes = [(b.pricing(), label), ({"model": other}, other)]
    if other_row["monthly_cost_usd"] < cost["cost_per_month_usd"]:
        routes.reverse()  # the cheaper model takes the routed share, the dearer one the hardest queries
    (cheap, cheap_name), (dear, dear_name) = routes
    route = run("routing", {"routes": [{**cheap, "share": b.routed_share}, {**dear, "share": 1 - b.routed_share}],
                            "monthly_tokens": cost["tokens_per_month"]})
    return {"compare": compare, "self_host": host, "routing": route, "cost": cost, "other": other_row,
            "cheap": cheap_name, "dear": dear_name}


def _options(b: MemoBrief, calls: dict[str, Any]) -> list[tuple[str, float]]:
    """(option, monthly cost) for each way to serve the workload."""
    host = calls["self_host"]
    gpus = host.get("gpus_needed") or 1
    return [(f"API: {pricing(b)}", calls["cost"]["cost_per_month_usd"]),
            (f"API: {calls['other']['label']}", calls["other"]["monthly_cost_usd"]),
            (f"Hybrid: {fmt.pct(b.routed_share)} {calls['cheap']}, {fmt.pct(1 - b.routed_share)} {calls['dear']}",
             calls["routing"]["blended_monthly_usd"]),
            (f"Self-host: {fmt.number(gpus)} x {b.gpu}", host["self_host_monthly_usd"])]


def cheapest(b: MemoBrief, calls: dict[str, Any]) -> tuple[str, float]:
    """The way of serving the workload that costs least a month."""
    return min(_options(b, calls), key=lambda o: o[1])


def _throughput_caveat(host: dict[str, Any]) -> str:
    """What the self-hosting figure stands on: a reference throughput is said to be one, with where it flips."""
    even = host.get("break_even_tokens_per_second_per_gpu")
    flip = (f" Self-hosting beats the API only at {fmt.number(round(even))} tokens/s per GPU or more." if even
            else " No throughput makes it cheaper than the API at this volume.")
    if not host.get("throughput_is_reference"):
        return flip
    low, high = host["throughput_range_per_gpu"]
    return (f" Its throughput, {fmt.number(round(host['tokens_per_second']))} tokens/s, is a published reference "
            f"figure (published shapes span {fmt.number(round(low))} to {fmt.number(round(high))} tokens/s per GPU), "
            f"not a measurement of this workload.{flip}")


def verdict(b: MemoBrief, calls: dict[str, Any]) -> str:
    """Which way of serving the workload costs least, and what self-hosting would take and stands on."""
    name, monthly = cheapest(b, calls)
    host = calls["self_host"]
    text = f"**Model choice:** at this volume the cheapest way to serve the feature is {name} ({fmt.money(monthly)} " \
           f"a month)."
    if name.startswith("Self-host"):
        text += " That counts GPU rent only: add the engineering time to run it before you switch."
    elif host.get("self_host_monthly_usd") is not None:
        text += (f" Self-hosting it would take {fmt.number(host.get('gpus_needed') or 1)} x {b.gpu} at "
                 f"{fmt.money(host['self_host_monthly_usd'])} a month.")
    return text + _throughput_caveat(host)


def model_section(b: MemoBrief, calls: dict[str, Any], run: Runs, passages: list[dict[str, Any]]) -> Section:
    """API vs a second model, self-hosting and a routed blend: a verdict, the tools' headlines, a cost table."""
    rows = [[name, fmt.money(monthly)] for name, monthly in _options(b, calls)]
    text = [verdict(b, calls), f"API prices: {calls['compare']['headline']}",
            f"Self-hosting: {calls['self_host']['headline']}",
            f"Routing the hardest {fmt.pct(1 - b.routed_share)} of queries to {calls['dear']}: "
            f"{calls['routing']['headline']}{cite(passages, 'hybrid')}"]
    charts = run.chart_of("compare") + run.chart_of("self_host") + run.chart_of("routing")
    return section("Model choice: API, self-hosting or hybrid routing", text,
                   (["option", "cost a month"], rows), charts)


def signed(fraction: float) -> str:
    """A change as a signed percent (+30%, -30%)."""
    return ("+" if fraction > 0 else "") + fmt.pct(fraction)


def compliance_args(b: MemoBrief) -> dict[str, Any]:
    """Compliance overhead inputs: the cost categories and the regions beyond the first."""
    return {"development_cost_usd": b.development_cost, "regulatory_compliance_usd": b.regulatory_compliance,
            "response_verification_usd": b.response_verification, "user_training_usd": b.user_training,
            "extra_regions": max(0, len(b.regions) - 1)}


def risks(b: MemoBrief, mc: dict[str, Any], plan: dict[str, Any], compliance: dict[str, Any],
          calls: dict[str, Any], passages: list[dict[str, Any]]) -> Section:
    """Flat-rate exposure, price changes, vendor dependence and compliance by category and region."""
    def ref(word: str) -> str:
        return cite(passages, word)

    premium = calls["other"]
    where = ", ".join(b.regions) if b.regions else "one market"
    text = [f"**Flat-rate exposure.** {exposure(b, mc)} A flat {fmt.money(b.fee)} fee stops covering a user above "
            f"{fmt.number(round(plan['break_even_queries_per_user']))} queries a month; an allowance with overage "
            f"caps the exposure{ref('flat-rate')}.",
            f"**Price changes.** With model prices moving between {signed(b.price_change_low)} and "
            f"{signed(b.price_change_high)} (and usage uncertain), gross margin after fixed costs ranges from "
            f"{fmt.pct(mc['margin_p5'])} (P5) to {fmt.pct(mc['margin_p95'])} (P95).",
            f"**Vendor dependence.** One provider sets the cost of every query: moving to {premium['label']} would "
            f"cost {fmt.money(premium['monthly_cost_usd'])} a month instead of "
            f"{fmt.money(calls['cost']['cost_per_month_usd'])}. Keep the model swappable and watch its price "
            f"list{ref('lock-in')}.",
            f"**Compliance overhead ({where}).** {compliance['headline']}{ref('regulation')}"]
    rows = [[c["category"], fmt.money(c["cost_usd"]), fmt.pct(c["share_of_total"])] for c in compliance["categories"]]
    if compliance.get("region_adjusted_compliance_usd") is not None and len(b.regions) > 1:
        rows.append([f"all compliance across {where} ({len(b.regions) - 1} extra region(s))",
                     fmt.money(compliance["region_adjusted_compliance_usd"]),
                     fmt.pct(compliance["region_adjusted_share"])])
    return section("Risks", text, (["cost category (compliance estimate)", "cost", "share of total"], rows))
