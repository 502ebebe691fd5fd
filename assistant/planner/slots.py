"""Slot filler (the v1 rules): the arguments of each calculator from a parsed question.

A builder returns the arguments it could fill, the essential slots still missing (each with an
example of how to say it) and the planner's own defaults, each as a sentence for the answer.
Values are copied from the question, never computed: every conversion is a calculator's job.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assistant.planner import inputs
from assistant.planner.grammar import Parsed
from assistant.planner.scenario_slots import SCENARIO_BUILDERS
from assistant.planner.slot_fill import Slots, fill_prices, fill_tokens, fill_usage, pct, value_or_cost
from tools.units import PriceUnit

__all__ = ["BUILDERS"]


def token_cost(p: Parsed) -> Slots:
    s = Slots()
    fill_usage(p, s)
    fill_prices(p, s)
    hit = p.first("hit_rate")
    if hit is not None and "cache" in p.norm.lower():
        s.args["cached_input_share"] = pct(hit)
    return s


def margin(p: Parsed) -> Slots:
    s = Slots()
    share, revenue = p.first("provider_share"), p.first("revenue")
    cogs = p.first("cogs") or p.first("bill")  # beside revenue, the model bill is the cost of revenue
    price, cost = p.first("price_per_user"), p.first("cost_per_user")
    if share:
        s.args["provider_share"] = pct(share)
        if (other := [n for n in p.nums if n.percent and n is not share and n.kind != "margin"]):
            s.args["other_cogs_share"] = pct(other[0])  # "another 10% to hosting"
    elif revenue and cogs:
        s.args["revenue_usd"], s.args["cogs_usd"] = revenue.value, cogs.value
        if revenue.period:
            s.args["period"] = revenue.period.value
    elif price and value_or_cost(p, s, "cost_per_user_usd", cost, "cost_per_user_per_month_usd"):
        s.args["price_per_user_usd"] = price.value
    else:
        # What was given is kept, so a follow-up ("and if we charged $40?") can edit the last scenario.
        if price:
            s.args["price_per_user_usd"] = price.value
        if cost:
            s.args["cost_per_user_usd"] = cost.value
        s.missing.append("revenue and costs: a price and a cost per user (e.g. '$20 per user, "
                         "$8 of API cost per user'), revenue and COGS, or the share of revenue "
                         "paid to the model provider (e.g. '40% goes to OpenAI')")
    benchmark = p.first("margin")
    if benchmark and p.has("saas", "benchmark", "typical"):
        s.args["benchmark_margin"] = pct(benchmark)
    return s


def break_even(p: Parsed) -> Slots:
    s = Slots()
    fixed, price = p.first("fixed_costs"), p.first("price_per_user")
    cost, target = p.first("cost_per_user"), p.first("margin")
    invest = p.first("investment")
    saving = p.first("saving") or p.first("bill") if invest else None
    if invest:
        s.args["upfront_investment_usd"] = invest.value
        if saving:
            s.args["monthly_saving_usd"] = saving.value
        else:
            s.missing.append("the monthly saving it brings (e.g. 'saves $40k a month')")
        months = p.first("months")
        if months:
            s.args["build_months"] = months.value
    elif fixed:
        s.args["fixed_costs_usd"] = fixed.value
        if price:
            s.args["price_per_user_usd"] = price.value
        else:
            s.missing.append("the price per user per month (e.g. '$20 per user a month')")
        # an AI product's cost to serve a user is what break-even turns on: ask for it, never assume $0
        value_or_cost(p, s, "variable_cost_per_user_usd", cost, "cost_per_user_per_month_usd",
                       "the cost to serve one user a month (e.g. '$3 of API cost per user'; say '$0' if there is none)")
    elif target:
        s.args["target_margin"] = pct(target)
        base = cost or p.first("cost_per_query") or p.first("money")
        value_or_cost(p, s, "variable_cost_per_user_usd", base, "cost_per_user_per_month_usd",
                       "the cost to serve one user (e.g. '$3 of API cost per user a month')")
    else:
        for num, name in ((price, "price_per_user_usd"), (cost, "variable_cost_per_user_usd")):
            if num:  # kept for a follow-up such as "and with a $50 plan?"
                s.args[name] = num.value
        s.missing.append("fixed costs with a price and cost per user, a target margin with a cost, "
                         "or an investment with its monthly saving")
    return s


def compliance_overhead(p: Parsed) -> Slots:
    s = Slots()
    names = {"compliance": "compliance_cost_usd", "development": "development_cost_usd",
             "technology": "technology_usd", "verification": "response_verification_usd",
             "training": "user_training_usd"}
    for kind, arg in names.items():
        if (n := p.first(kind)) is not None:
            s.args[arg] = n.value
    regions = p.first("regions")
    if regions and p.has("extra", "additional", "more", "new", "other"):
        s.args["extra_regions"] = int(regions.value)
    overhead = p.first("overhead")
    if overhead:
        s.args["region_multiplier"] = pct(overhead)
    if "development_cost_usd" not in s.args and "technology_usd" not in s.args:
        s.missing.append("the development (R&D) cost (e.g. 'R&D cost $150k')")
    if not any(a in s.args for a in ("compliance_cost_usd", "response_verification_usd",
                                     "user_training_usd")):
        s.missing.append("the compliance cost (e.g. 'compliance cost $344k')")
    return s


def caching(p: Parsed) -> Slots:
    s = Slots()
    bill = p.first("bill") or p.first("money") or p.first("cogs")
    value_or_cost(p, s, "monthly_bill_usd", bill, "cost_per_month_usd",
                   "the monthly model bill (e.g. 'a $12,000 monthly bill')")
    hit, cut = p.first("hit_rate"), p.first("reduction")
    if hit:
        s.args["hit_rate"] = pct(hit)
    if cut:
        s.args["prompt_reduction"] = pct(cut)
    if not hit and not cut:
        s.missing.append("a cache hit rate or a prompt reduction (e.g. '30% cache hit rate')")
    share = p.first("input_share")
    if share:
        s.args["input_share_of_bill"] = pct(share)
    return s


def self_host(p: Parsed) -> Slots:
    s = Slots()
    hourly = p.first("gpu_hourly")
    if hourly:
        s.args["gpu_hourly_usd"] = hourly.value
    gpu = p.gpus[0] if p.gpus else None
    if gpu:
        if not hourly:
            s.args["gpu"] = gpu.name
        if gpu.count:
            s.args["gpus"] = gpu.count
    elif not hourly:
        s.default("gpu", inputs.GPU, f"No GPU was named: one {inputs.GPU} at the catalog's "
                  "rental price.")
    if (count := p.first("gpus")) and "gpus" not in s.args:
        s.args["gpus"] = int(count.value)
    tps = p.first("throughput")
    if tps:
        s.args["tokens_per_second"] = tps.value
    else:  # the cost per token turns on it: ask, never assume a placeholder
        s.missing.append("the deployment's throughput at full load (e.g. '2,000 tokens per second'), or the "
                         "model's size beside the GPU (e.g. 'a 70B model') for a published reference figure")
    if (util := p.first("utilization")) is not None:
        s.args["utilization"] = pct(util)
    elif p.has("fully utili", "fully busy", "fully loaded", "flat out", "around the clock", "24/7"):
        s.args["utilization"] = "100%"
    if (fixed := p.first("fixed_costs")) is not None:
        s.args["fixed_monthly_usd"] = fixed.value
    if (volume := p.first("token_volume")) is not None:
        s.args["monthly_tokens"] = volume.value
    api = [m for m in p.models if not any(w in m.lower() for w in ("llama", "mistral", "qwen",
                                                                     "gemma", "deepseek", "phi"))]
    price = p.first("token_price")
    if price and price.price_unit and price.price_unit.value == "per_1m":
        s.args["api_price_per_1m"] = price.value
    elif api:
        s.args["api_model"] = api[0]
    return s


def routing(p: Parsed) -> Slots:
    s = Slots()
    ratio = p.first("multiplier")
    shares = [n for n in p.nums if n.percent] if len(p.models) >= 2 else p.of("traffic_share") or p.of("pct")
    if ratio and shares:
        s.args["cheap_share"] = pct(shares[0])
        s.args["cheap_price_ratio"] = ratio.value
    elif len(p.models) >= 2 and shares:
        routes = [{"model": m, "share": pct(n)} for m, n in zip(p.models, shares, strict=False)]
        if len(shares) == len(p.models) - 1:
            s.missing.append(f"the share of traffic for {p.models[-1]} (shares must add up to 100%)")
        s.args["routes"] = routes
    elif len(prices := [n for n in p.of("token_price") if n.price_unit in (None, PriceUnit.per_1m)]) >= 2 \
            and len(pcts := [n for n in p.nums if n.percent]) >= 2:
        # "70% to a model at $0.50 per 1M and 30% to one at $10 per 1M": shares and prices in order
        s.args["routes"] = [{"price_per_1m": price.value, "share": pct(share)}
                            for share, price in zip(pcts, prices, strict=False)]
    else:
        s.missing.append("how traffic is split (e.g. '70% to gpt-4o-mini, 30% to gpt-4o' or "
                         "'70% of traffic to a 10x cheaper model')")
    if len(p.models) == 1 and ratio:
        s.args["baseline_model"] = p.models[0]
    if (volume := p.first("token_volume")) is not None:
        s.args["monthly_tokens"] = volume.value
    return s


def pricing_plan(p: Parsed) -> Slots:
    s = Slots()
    price = p.first("price_per_user") or p.first("money")
    if price:
        s.args["plan_price_usd"] = price.value
    else:
        s.missing.append("the plan's price (e.g. 'a $10/month add-on')")
    if (cpq := p.first("cost_per_query")) is not None:
        s.args["cost_per_query_usd"] = cpq.value
    else:
        fill_tokens(p, s, need=True)
        fill_prices(p, s)
    queries = [n for n in p.of("queries") if not p.has("free")] or p.of("queries")
    for n in p.of("queries"):
        context = " ".join(n.before[-3:] + n.after[:3])
        if "free" in context or "quota" in context or ("include" in context and p.has("free")):
            s.args["free_quota_queries"] = n.value  # a paid plan's own allowance ("includes 500") is usage
        elif n.period is None or n.period.value == "month":
            median = "median" in context or "typical" in context
            s.args["median_queries_per_user_per_month" if median else "queries_per_user_per_month"] = n.value
    usage_keys = ("queries_per_user_per_month", "median_queries_per_user_per_month", "free_quota_queries")
    if queries and not any(k in s.args for k in usage_keys):
        s.args["queries_per_user_per_month"] = queries[0].value
    if (target := p.first("margin")) is not None:
        s.args["target_margin"] = pct(target)
    for n in p.of("users"):
        context = " ".join(n.before[-3:] + n.after[:3])
        key = "free_users" if "free" in context else "paying_users"
        s.args.setdefault(key, n.value)
    return s


def solve(p: Parsed) -> Slots:
    price = p.first("token_price")
    per_1m = (price.price_unit.value == "per_1m") if price and price.price_unit else \
        p.has("per 1m", "per million", "/m", "per mtok")
    s = Slots(args={"relation": "monthly_cost_per_1m" if per_1m else "monthly_cost", "knowns": {}})
    price_symbol = "price_per_1m" if per_1m else "price_per_1k"
    budget = p.first("budget") or p.first("money")
    knowns: dict[str, float] = s.args["knowns"]
    if budget:
        knowns["monthly_cost"] = budget.value
    else:
        s.missing.append("the target (e.g. 'under $60k a month')")
    if (users := p.first("users")) is not None:
        knowns["users"] = users.value
    if (queries := p.first("queries")) is not None:
        knowns["queries_per_user_per_day"] = queries.value
    if (tokens := p.first("tokens")) is not None:
        knowns["tokens_per_query"] = tokens.value
    if price is not None and price.price_unit is not None:
        knowns[price_symbol] = price.value
    order = [price_symbol, "users", "queries_per_user_per_day", "tokens_per_query"]
    unknown = [name for name in order if name not in knowns]
    if "tokens_per_query" in unknown and len(unknown) > 1:
        knowns["tokens_per_query"] = inputs.TOKENS_PER_QUERY
        s.defaults.append(inputs.NO_QUERY_SIZE)
        unknown.remove("tokens_per_query")
    if len(unknown) == 1:
        s.args["unknown"] = unknown[0]
    else:
        s.missing.append("all but one of users, queries per day, tokens per query and the price")
    return s


def compare(p: Parsed) -> Slots:
    s = Slots()
    if p.first("users") or p.first("queries"):  # without usage, options compare per 1M tokens
        fill_usage(p, s)
    options: list[dict[str, Any]] = [{"model": m} for m in dict.fromkeys(p.models)]
    for n in p.of("token_price"):
        options.append({"price": n.value, "price_unit": n.price_unit.value if n.price_unit else "per_1m"})
    if len(options) < 2:
        s.missing.append("at least two models or prices to compare (e.g. 'gpt-4o vs gpt-4o-mini')")
    s.args["options"] = options
    return s


BUILDERS: dict[str, Callable[[Parsed], Slots]] = {
    "token_cost": token_cost, "margin": margin, "break_even": break_even,
    "compliance_overhead": compliance_overhead, "caching": caching, "self_host": self_host,
    "routing": routing, "pricing_plan": pricing_plan, "solve": solve, "compare": compare,
}
BUILDERS.update(SCENARIO_BUILDERS)
