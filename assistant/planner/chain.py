"""Plan v2: from what a question gives and asks (plus the session's scenario) to a chain of tool calls.

Each ask is produced by a calculator whose needs the known variables meet, directly or through
another calculator's result (a `ref`); an asked input whose output is given as a target is
goal-sought with `solve`. Changes ("usage doubles", "from $95k to $50k", "15% of 120,000 seats") are
`change` steps. Nothing is computed here; a missing primary input gets one short question.
"""

from __future__ import annotations

from typing import Any

from assistant.planner.builder import Planner
from assistant.planner.graph import PRODUCERS, var_values
from assistant.planner.inputs import PRIMARY
from assistant.planner.reading import Reading
from assistant.planner.refs import is_ref
from assistant.planner.seek import SYMBOL_VARS, goal_seek
from assistant.planner.steps import Ask, Chain
from assistant.planner.traffic import total_traffic
from tools.units import CONVENTION_MONTH, DAYS_PER_MONTH

__all__ = ["chain", "scenario_of"]

_LAST_ASK = {"token_cost": "monthly_cost", "margin": "margin", "pricing_plan": "max_queries", "caching": "saving",
             "self_host": "self_host_per_1m", "compliance_overhead": "compliance_ratio"}
_BREAK_EVEN_ASK = {"users": "break_even_users", "price": "price_per_user", "payback": "payback_months"}


def scenario_of(previous: list[tuple[str, dict[str, Any]]]) -> tuple[dict[str, Any], list[str]]:
    """The variables of the conversation so far, and what its last turn asked."""
    values: dict[str, Any] = {}
    last_asks: list[str] = []
    split = False
    for tool, args in previous:
        if tool == "solve":
            raw = args.get("knowns") or {}
            knowns = {SYMBOL_VARS.get(k, k): v for k, v in raw.items()}
            named = {*raw, args.get("unknown")}  # a price sought keeps its unit too ("the most per 1K tokens")
            unit = "per_1k" if "price_per_1k" in named else "per_1m" if "price_per_1m" in named else None
            if unit is not None:  # the price's unit stays with it ("$0.002 per 1K" is not $0.002 per 1M)
                knowns["price_unit"] = unit
            if str(args.get("relation", "")).startswith("monthly_cost") and "monthly_cost" in knowns:
                knowns["budget"] = knowns.pop("monthly_cost")  # a bill the seek stayed within is a budget
                if args.get("monthly_cost_period") not in (None, "month"):
                    knowns["budget_period"] = args["monthly_cost_period"]  # "$600,000 for the year" stays a year's
            values.update(knowns)
            last_asks = [SYMBOL_VARS.get(args.get("unknown", ""), args.get("unknown", ""))]
            continue
        if tool == "change" and args.get("share_percent") is not None and not is_ref(args.get("value")):
            # "15% of 120,000 seats buy": the whole and the share, so a follow-up may change either
            values.update(adoption_base=args["value"], adoption=args["share_percent"])
            split = True
            continue
        if tool == "change" and args.get("name") == "monthly saving" and args.get("minus") is not None \
                and not is_ref(args.get("value")) and not is_ref(args["minus"]):
            # "take our bill from $62,000 to $19,000": both bills, so "what if it only drops to $35,000?" changes one
            values.update(monthly_cost_before=args["value"], monthly_cost_after=args["minus"])
            continue
        if tool not in _LAST_ASK and tool != "break_even":
            continue
        found = var_values(tool, args)
        if split:  # the paying and free users of that split follow from it (a chat records them resolved)
            found = {k: v for k, v in found.items() if k not in ("paying_users", "free_users")}
            split = False
        if "known_cost_per_query" in found:  # an all-in cost per query is the planner's given `cost_per_query`
            found["cost_per_query"] = found.pop("known_cost_per_query")
        if "cogs" in found:  # a margin's COGS is the planner's bill beside its revenue ("COGS come in 20% higher")
            found["monthly_cost"] = found.pop("cogs")
        if "queries_per_user_month" in found:  # a plan's usage is the planner's queries per user, per month
            found["queries_per_user"], found["query_period"] = found.pop("queries_per_user_month"), "month"
        if tool == "pricing_plan" and args.get("median_queries_per_user_per_month") is not None:
            found.update(queries_per_user=args["median_queries_per_user_per_month"], query_period="month",
                         usage_median=True)  # a median user's usage stays the median in follow-ups
        values.update({k: v for k, v in found.items() if not is_ref(v)})
        mode = args.get("mode") or ("payback" if "upfront_investment_usd" in args else
                                    "price" if "target_margin" in args else "users")
        last_asks = [_BREAK_EVEN_ASK[mode]] if tool == "break_even" else [_LAST_ASK[tool]]
        if tool == "pricing_plan" and "target_margin" not in args:  # a plan priced as it is: its month's margin
            last_asks = ["margin"]
    return values, last_asks


def chain(reading: Reading, asks: list[str], scenario: dict[str, Any], last_asks: list[str],
          asked_unit: str | None = None) -> Chain:
    """Plan the steps that answer `asks` from the reading and the scenario."""
    planner = Planner(reading, scenario)
    planner.meta["asked_unit"] = asked_unit
    out = planner.out
    inputs = set(planner.vals)
    planner.apply_changes()
    changes = [args for tool, args in out.steps if tool == "change"]
    if len(changes) > 1 and not all(is_ref(args["value"]) for args in changes[1:]):  # a chain changes one value
        out.unanswered.append("more than one change at once")
        return out
    given_here = reading.givens_vars()
    if "paying_users" in given_here and "paying_users" not in planner.vals and "users" in planner.vals:
        given_here = given_here | {"users"}  # "break even with 2,000 paying users": with no free tier, the users
    changed = {k for k, v in planner.vals.items() if is_ref(v) and v["$from"][0] == "change"} & inputs  # inputs only
    asks = [a for a in asks if a not in changed]  # "what if our cost per user goes up 50%?": the change, not an ask
    if "budget" in planner.vals and not {"margin", "price_per_user"} & set(planner.vals):
        asks = ["queries_per_user" if a == "max_queries" else a for a in asks]  # "... can we allow" in a budget
    if "budget" not in planner.vals and ({"margin", "price_per_user"} <= set(planner.vals) or (
            {"margin", "cost_per_user", "cost_per_query"} <= set(planner.vals) and "queries_per_user" in asks)):
        # "at that price (the one for a 70% margin), how many queries can a seat make before we drop below 70%?"
        asks = list(dict.fromkeys("max_queries" if a == "queries_per_user" else a for a in asks))  # the cap
        asks = [a for a in asks if a != "monthly_cost"] if "max_queries" in asks else asks  # "... per month?"
    if _heavy(planner):  # "a power user runs 2,000 tasks: what do they pay us, and our margin on them?" beside the
        asks = list(dict.fromkeys(_HEAVY.get(a, a) for a in asks))  # plan's own price and target margin
    asks = [a for a in asks if a != "cost"] or ([] if scenario else ["monthly_cost"] if "cost" in asks else [])
    if {"free_users", "paying_users"} <= set(planner.vals) and "cost_per_query" in planner.vals:
        # a free tier beside paying users: the month's model cost is the plan's, both tiers together
        asks = ["plan_model_cost" if a == "monthly_cost" else a for a in asks]
    # a price the question gives is asked again for a target count: "do we break even? what price would at 5,000?"
    target_price = {"price_per_user", "break_even_users"} <= set(asks) and "users" in given_here
    # "what should we charge for a 78% margin? and what margin at $25 instead?": each ask from its own figures
    other_price = {"price_per_user", "margin"} <= set(asks) and {"price_per_user", "margin"} <= given_here \
        and "max_queries" not in asks
    wanted = [a for a in asks if a not in given_here or a in ("monthly_cost",)
              or (a in ("price_per_user", "margin") and other_price) or (a == "price_per_user" and target_price)] \
        or (list(last_asks) if scenario else list(asks))
    if scenario and not asks and wanted == ["price_per_user"] and "price_per_user" in given_here:
        wanted = ["margin"]  # "at $45 a seat?" after "what must we charge for a 75% margin?": that price's margin
        planner.vals.pop("margin", None)
    if "monthly_cost" in given_here and {"saving", "new_monthly_cost"} & set(wanted) and "monthly_cost" in wanted:
        wanted.remove("monthly_cost")  # "a $84k bill ... what does that save per month?": the bill is the base
    _free_tier_alone(planner, wanted)
    _heavy_user(planner, wanted)
    _heavy_only(planner, wanted)
    _single_call(planner, wanted)
    _one_user(planner, wanted)
    _per_query_price(planner, wanted, asks)
    total_traffic(planner, wanted)
    if {"price_per_user", "break_even_users"} <= set(wanted) and "users" in given_here \
            and "price_per_user" not in given_here and planner.vals.get("users") != 1:  # "one user costs": per user
        wanted.remove("break_even_users")  # "what price breaks even with 1,200 subscribers?": the count is the target
    for var in wanted:
        if var in ("monthly_cost", "yearly_cost") and (daily := _a_day_of_it(planner, given_here)) is not None:
            out.asks.append(Ask(var, "change", "value" if var == "monthly_cost" else "value_per_year"))
            if not any(t == "change" for t, _ in out.steps):
                out.steps.append(("change", daily))
                out.notes.append(CONVENTION_MONTH)
            continue
        if var == "monthly_cost" and "budget" in planner.vals and any(
                a in wanted for a in ("queries_per_user", "users", "tokens_per_query", "token_price")):
            continue  # "within $5k a month, how many requests?": the month is the target, not the ask
        if var in planner.vals and not is_ref(planner.vals[var]) and var not in ("margin",) \
                and var in given_here and (sought := goal_seek(planner, var)) is not None:
            out.asks.append(sought)
            continue
        bill = planner.vals.get("monthly_cost")
        if var in ("new_monthly_cost", "yearly_cost") and isinstance(bill, dict) and is_ref(bill) \
                and bill["$from"][0] == "change":
            # "the provider raises prices 35%; we pay $18,400 a month: new monthly and annual cost?"
            out.asks.append(Ask(var, "change", "value" if var == "new_monthly_cost" else "value_per_year"))
            continue
        held = planner.vals.get(var)
        if isinstance(held, dict) and is_ref(held):  # "the bill goes from $95k to $60k ... the savings"
            out.asks.append(Ask(var, *held["$from"]))
            continue
        ask = planner.produce(var)
        if ask is None:
            ask = goal_seek(planner, var)
        if ask is None:
            out.unanswered.append(var)
            continue
        out.asks.append(ask)
    if not out.asks and not out.missing:
        for var in wanted:  # the need of any producer that lacks the fewest variables ("the margin at $29 a seat")
            needs = [n for prod in PRODUCERS.get(var, []) for n in prod.needs]
            if planner.known() & {"users", "model", "token_price", "queries_per_user"} and not any(
                    v.endswith(("_before", "_after")) for v in planner.r.givens_vars()):  # a usage, not a P&L
                needs = [n for n in needs if not n <= _PNL_ONLY] or needs  # "25,000 users on haiku: margin?"
            if needs:
                need = min(needs, key=lambda n: len(n - planner.known()))
                out.missing += [PRIMARY.get(m, m.replace("_", " ")) for m in sorted(need - planner.known())]
    _not_from_one_query(out)
    return out


_BILLS = ("monthly_cost", "yearly_cost", "daily_cost", "weekly_cost", "quarterly_cost")


def _not_from_one_query(out: Chain) -> None:
    """A bill is never read off the pricing of one query ("per chat, per month and per year?" with no traffic read).

    The cost of one query is priced with 1 user making 1 query; the month of that stands for no traffic anybody gave.
    """
    one = {i for i, (tool, args) in enumerate(out.steps) if tool == "token_cost" and args.get("users") == 1
           and args.get("queries_per_user") == 1}
    if not one:
        return
    dropped = [a for a in out.asks if a.var in _BILLS and a.tool == "token_cost"]
    for a in dropped:
        out.asks.remove(a)
    if dropped:
        out.notes.append(f"The {' and '.join(a.var.replace('_cost', '') for a in dropped)} cost need the traffic: "
                         f"{PRIMARY['users']} and {PRIMARY['queries_per_user']}.")


def _a_day_of_it(planner: Planner, given_here: set[str]) -> dict[str, Any] | None:
    """'ChatGPT at $694,444 a day ... the monthly burn?': a day's bill said, a month's (or a year's) asked.

    The change step multiplies by the month's days (the convention), and by 12 for the year.
    """
    bill = planner.r.get("monthly_cost")
    if bill is None or bill.period != "day" or "monthly_cost" not in given_here:
        return None
    return {"name": "cost a day, per month", "value": bill.value, "factor": DAYS_PER_MONTH, "per_month": True}


_PNL_ONLY = {"provider_share", "revenue", "monthly_cost", "yearly_cost"}  # a margin from the P&L's own lines


def _free_tier_alone(planner: Planner, wanted: list[str]) -> None:
    """'50,000 free users get 25 queries a month at 1.2 cents each: what does the free tier cost?'.

    With no plan price, the free users' month is a token cost (free users x quota x cost per query).
    """
    vals = planner.vals
    if "free_tier_cost" in wanted and "price_per_user" not in vals and "users" not in vals \
            and "free_users" in vals and ("free_quota" in vals or "queries_per_user" in vals):
        quota = planner.r.get("free_quota") or planner.r.get("queries_per_user")  # "200,000 users x 50 queries"
        vals["users"], vals["queries_per_user"] = vals["free_users"], vals.get("free_quota") or vals["queries_per_user"]
        planner.meta["query_period"] = (quota.period if quota is not None else None) or "month"
        wanted[wanted.index("free_tier_cost")] = "monthly_cost"
        planner.out.notes.append("Every free user is taken to use the whole quota (an upper bound on the free "
                                 "tier's cost).")


_HEAVY = {"margin": "heavy_user_margin", "cost_per_user": "heavy_user_cost", "monthly_cost": "heavy_user_cost",
          "cost": "heavy_user_cost", "price_per_user": "heavy_user_bill", "revenue": "heavy_user_bill"}


def _heavy(planner: Planner) -> bool:
    """One heavy user's usage beside a plan's price and cost per query, with no mean usage."""
    vals = set(planner.vals)
    return "queries_p95" in vals and "queries_per_user" not in vals and {"price_per_user", "cost_per_query"} <= vals


def _heavy_user(planner: Planner, wanted: list[str]) -> None:
    """'A power user makes 3,000 queries in a month: what do they pay us, cost us, and our margin on them?'."""
    if _heavy(planner):
        wanted[:] = list(dict.fromkeys(_HEAVY.get(w, w) for w in wanted)) or ["heavy_user_margin"]


def _heavy_only(planner: Planner, wanted: list[str]) -> None:
    """With no plan price and no other usage, the heavy users' usage is the usage priced.

    "Power users make about 400 queries a month ... what price gives an 80% margin?"
    """
    vals = planner.vals
    if "queries_p95" in vals and not {"queries_per_user", "price_per_user"} & set(vals) \
            and {"price_per_user", "cost_per_user", "margin", "monthly_cost", "cost_per_query"} & set(wanted):
        vals["queries_per_user"] = vals.pop("queries_p95")
        if (heavy := planner.r.get("queries_p95")) is not None and heavy.period:
            planner.meta["query_period"] = heavy.period  # "400 queries a month"
        planner.out.used.add("queries_p95")
        planner.out.notes.append("The heavy users' usage is the usage priced: no other usage was given.")


def _single_call(planner: Planner, wanted: list[str]) -> None:
    """'What does one request with 8k tokens in cost?': the cost of one query needs no users."""
    if "cost_per_query" in wanted and "users" not in planner.vals:
        planner.vals["users"] = 1
        planner.vals.setdefault("queries_per_user", 1)
        planner.out.notes.append("The cost is worked out for one request stream (1 user); the cost per query "
                                 "does not depend on how many there are.")


def _one_user(planner: Planner, wanted: list[str]) -> None:
    """'Per-user monthly cost if each user makes 25 queries a day': one user's cost needs no user count."""
    if "cost_per_user" in wanted and "users" not in planner.vals and "queries_per_user" in planner.vals:
        planner.vals["users"] = 1
        planner.out.notes.append("The cost is worked out for one user; the cost per user does not depend on how many "
                                 "users there are.")


def _per_query_price(planner: Planner, wanted: list[str], asks: list[str]) -> None:
    """'Each chat costs us $0.42; what should we charge per chat for 70%?': with no usage, the query is the unit.

    So is it when each query is sold: "we bill $0.50 per report, a report costs us 7 cents, we sold 60,000 last
    month": a unit's price and cost, and the units sold.
    """
    vals = planner.vals  # only when the price is asked per query too ("charge per chat"), never for a plan's quota
    if "price_per_query" in vals and "cost_per_query" in vals and not {"price_per_user", "users"} & set(vals):
        vals["price_per_user"], vals["cost_per_user"] = vals.pop("price_per_query"), vals["cost_per_query"]
        if "queries_per_user" in vals:
            vals["users"] = vals.pop("queries_per_user")
        planner.out.used |= {"price_per_query", "cost_per_query"}
        planner.out.notes.append("Each query is sold: its price and cost are the unit's, and the queries sold are "
                                 "the units.")
        return
    if "price_per_user" in wanted and "cost_per_query" in asks and "max_queries" not in asks and "margin" in vals \
            and "cost_per_query" in vals and not {"cost_per_user", "users", "queries_per_user"} & set(vals):
        vals["cost_per_user"] = vals["cost_per_query"]
        wanted[:] = [w for w in wanted if w != "cost_per_query"]
        planner.out.notes.append("No usage was given, so the price is per query: the cost per query is the unit cost.")
