"""The memo's sections, written from calculator results only (numbers are formatted, never computed here)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tools import fmt

if TYPE_CHECKING:
    from assistant.memo.brief import MemoBrief
    from assistant.memo.build import Runs, Section

__all__ = ["COMPLIANCE_DEFAULTS", "model_choice", "plan_options", "product_name"]

COMPLIANCE_DEFAULTS = {"development_cost_usd": 200_000.0, "regulatory_compliance_usd": 40_000.0,
                       "response_verification_usd": 20_000.0, "user_training_usd": 10_000.0}
PREMIUM_MODEL = "gpt-4o"
ROUTED_SHARE = "80%"
SNIPPET = 280


def _section(title: str, paragraphs: list[str] | None = None, table: Any = None, charts: Any = None) -> Section:
    from assistant.memo.build import Section, Table

    return Section(title=title, paragraphs=paragraphs or [], charts=charts or [],
                   table=None if table is None else Table(header=table[0], rows=table[1]))


def product_name(b: MemoBrief) -> str:
    """A short name for the product, from the brief's fee."""
    return f"a {fmt.money(b.fee)}/month AI add-on"


def plan_options(run: Runs, b: MemoBrief, monthly_queries: float) -> list[dict[str, Any]]:
    """Three packagings of the same fee, each with its margin and break-even."""
    base = {"plan_price_usd": b.fee, "tokens_per_query": b.tokens_per_query, "target_margin": b.target_margin,
            "median_queries_per_user_per_month": monthly_queries, "paying_users": b.users,
            **({"price": b.price_per_1m, "price_unit": "per_1m"} if b.price_per_1m is not None else {"model": b.model})}
    options = [("Flat add-on, unlimited use", base),
               ("Free quota for free users + add-on", {**base, "free_users": b.free_users,
                                                       "free_quota_queries": b.free_queries}),
               ("Add-on with an included quota + usage-based overage",
                {**base, "free_quota_queries": b.free_queries, "overage_price_per_1k_queries": b.overage_per_1k,
                 "queries_per_user_per_month": monthly_queries})]
    plans = []
    for name, args in options:
        if "queries_per_user_per_month" in args:
            args = {k: v for k, v in args.items() if k != "median_queries_per_user_per_month"}
        plan = run("pricing_plan", args)
        variable = plan.get("cost_per_paying_user_usd") or 0.0
        even = run("break_even", {"fixed_costs_usd": b.fixed_cost_month, "price_per_user_usd": b.fee,
                                  "variable_cost_per_user_usd": variable})
        plans.append({"name": name, "plan": plan, "break_even": even})
    return plans


def model_choice(run: Runs, b: MemoBrief, cost: dict[str, Any]) -> dict[str, Any]:
    """API models side by side, self-hosting at this volume, and a routed blend."""
    usage = {"users": b.users, "queries_per_user": b.queries_per_day, "query_period": "day",
             "tokens_per_query": b.tokens_per_query}
    mine = {"price": b.price_per_1m, "price_unit": "per_1m", "label": "brief's price"} if b.price_per_1m is not None \
        else {"model": b.model}
    compare = run("compare", {**usage, "options": [mine, {"model": PREMIUM_MODEL}]})
    api = {"api_price_per_1m": b.price_per_1m} if b.price_per_1m is not None else {"api_model": b.model}
    host = run("self_host", {"gpu": "H100", "tokens_per_second": 1_000, "utilization": "50%",
                             "monthly_tokens": cost["tokens_per_month"], **api})
    cheap = {"price_per_1m": b.price_per_1m} if b.price_per_1m is not None else {"model": b.model}
    route = run("routing", {"routes": [{**cheap, "share": ROUTED_SHARE}, {"model": PREMIUM_MODEL, "share": "20%"}],
                            "monthly_tokens": cost["tokens_per_month"]})
    return {"compare": compare, "self_host": host, "routing": route}


def summary(b: MemoBrief, cost: dict[str, Any], plans: list[dict[str, Any]], mc: dict[str, Any]) -> Section:
    best = max(plans, key=lambda p: p["plan"].get("monthly_gross_margin") or -1.0)
    flat = plans[0]["plan"]
    per_user = fmt.money(cost["cost_per_user_per_month_usd"])
    text = [f"We priced {product_name(b)} for {fmt.number(b.users)} paying users. At the assumed usage a query "
            f"costs {fmt.money(cost['cost_per_query_usd'])} and a user {per_user} a month, so the fee leaves a "
            f"gross margin of {fmt.pct(flat['margin_at_mean_usage'])} at mean usage.",
            f"**Recommendation: {best['name'].lower()}.** It has the highest monthly gross margin of the options "
            f"({fmt.pct(best['plan']['monthly_gross_margin'])}) and breaks even at "
            f"{fmt.number(best['break_even']['break_even_users'] or 0)} paying users against "
            f"{fmt.money(b.fixed_cost_month)} of fixed costs a month."]
    if mc.get("loss_share") is not None:
        text.append(f"Watch the heavy users: in the simulation the flat fee loses money on {fmt.pct(mc['loss_share'])} "
                    f"of users, and the 95th-percentile user costs {fmt.money(mc['user_cost_p95_usd'])} a month.")
    return _section("Summary and recommendation", text)


def assumptions(b: MemoBrief, run: Runs) -> Section:
    values = {"fee": fmt.money(b.fee) + " a month", "users": fmt.number(b.users) + " paying users",
              "queries_per_day": f"{fmt.number(b.queries_per_day)} per user a day (median)",
              "tokens_per_query": fmt.number(b.tokens_per_query), "model": str(b.model),
              "price_per_1m": fmt.money(b.price_per_1m or 0) + " per 1M tokens",
              "free_queries": fmt.number(b.free_queries) + " a month", "free_users": fmt.number(b.free_users),
              "overage_per_1k": fmt.money(b.overage_per_1k) + " per 1,000 queries",
              "fixed_cost_month": fmt.money(b.fixed_cost_month) + " a month",
              "target_margin": fmt.pct(b.target_margin), "regions": str(b.regions)}
    rows = [[name.replace("_", " "), values[name], origin] for name, origin in b.given.items()]
    sources = {f"{s['provider']} {s['model']}: {s['price']}, as of {s['as_of']} ({s['origin']})"
               for c in run.calls for s in (c.result or {}).get("sources", [])}
    paragraphs = ["Every input below is either from the brief or a stated default; change any of them in the brief "
                  "and the memo is recomputed.", *sorted(f"Price source: {s}" for s in sources)]
    return _section("Assumptions", paragraphs, (["input", "value", "where it came from"], rows))


def unit_economics(cost: dict[str, Any], charts: list[Any]) -> Section:
    rows = [["cost per query", fmt.money(cost["cost_per_query_usd"])],
            ["cost per user per month", fmt.money(cost["cost_per_user_per_month_usd"])],
            ["queries per month", fmt.number(cost["queries_per_month"])],
            ["tokens per month", fmt.number(cost["tokens_per_month"])],
            ["model bill per month", fmt.money(cost["cost_per_month_usd"])],
            ["model bill per year", fmt.money(cost["cost_per_year_usd"])]]
    return _section("Unit economics", [f"Formula: {cost['formula']}"], (["figure", "value"], rows), charts)


def plans_section(plans: list[dict[str, Any]]) -> Section:
    rows = []
    for p in plans:
        plan, even = p["plan"], p["break_even"]
        rows.append([p["name"], fmt.pct(plan["monthly_gross_margin"]), fmt.money(plan["monthly_revenue_usd"]),
                     fmt.money(plan["monthly_cost_usd"]),
                     fmt.number(even["break_even_users"]) if even.get("break_even_users") else "never",
                     fmt.number(plan["max_queries_at_target_margin"])
                     if plan.get("max_queries_at_target_margin") is not None else "-"])
    notes = [f"{p['name']}: {p['plan']['headline']}" for p in plans]
    return _section("Plan options", notes, (["option", "monthly gross margin", "revenue a month", "cost a month",
                                             "break-even paying users", "max queries per user at target margin"],
                                            rows))


def scenarios(sens: dict[str, Any], sens_charts: list[Any], mc: dict[str, Any], mc_charts: list[Any]) -> Section:
    rows = [[r["input"].replace("_", " "), fmt.pct(r["metric_at_low"]), fmt.pct(r["metric_at_high"])]
            for r in sens["rows"]]
    fixed = next((v["value"] for k, v in mc["inputs"].items() if k == "fixed_cost_month"), None)
    text = [sens["headline"], mc["headline"], f"Simulation: {mc['formula']}."]
    if fixed:
        text.append(f"Margins in this section count the {fmt.money(fixed)} of fixed costs a month; the plan table "
                    "counts the variable cost only.")
    return _section("Sensitivity and Monte Carlo", text,
                    (["input moved -/+ the swing", "gross margin at low", "gross margin at high"], rows),
                    [*sens_charts, *mc_charts])


def risks(b: MemoBrief, mc: dict[str, Any], compliance: dict[str, Any], passages: list[dict[str, Any]]) -> Section:
    cite = {p.get("source", ""): i for i, p in enumerate(passages, 1)}

    def ref(word: str) -> str:
        hits = [i for src, i in cite.items() if word in src]
        return f" [{hits[0]}]" if hits else ""

    text = [f"**Flat-rate exposure.** The heaviest users cost more than they pay: the flat fee loses money on "
            f"{fmt.pct(mc['loss_share'] or 0)} of users; cap usage or charge overage{ref('flat-rate')}.",
            f"**Price changes.** With model prices moving between {fmt.pct(-0.3)} and {fmt.pct(0.3)}, gross margin "
            f"ranges from {fmt.pct(mc['margin_p5'])} (P5) to {fmt.pct(mc['margin_p95'])} (P95).",
            f"**Vendor dependence.** One provider sets the cost of every query; keep the model swappable and "
            f"watch its price list{ref('lock-in')}.",
            f"**Compliance overhead.** {compliance['headline']}{ref('regulation')}"]
    rows = [[c["category"], fmt.money(c["cost_usd"]), fmt.pct(c["share_of_total"])] for c in compliance["categories"]]
    return _section("Risks", text, (["cost category (compliance estimate)", "USD", "share of total"], rows))


def model_section(calls: dict[str, Any], run: Runs) -> Section:
    text = [calls["compare"]["headline"], calls["self_host"]["headline"], calls["routing"]["headline"]]
    charts = [c for c in run.chart_of("compare") + run.chart_of("self_host") + run.chart_of("routing")]
    return _section("Model choice: API, self-hosting or hybrid routing", text, charts=charts)


def sources(passages: list[dict[str, Any]], run: Runs) -> Section:
    lines = [f"[{i}] {p.get('title', '')} ({p.get('source', '')}): {p.get('text', '')[:SNIPPET].strip()}..."
             for i, p in enumerate(passages, 1)]
    lines.append("Calculators run for this memo: " + ", ".join(dict.fromkeys(c.name for c in run.calls)) + ".")
    return _section("Sources", lines)
