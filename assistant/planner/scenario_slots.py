"""Slot fillers for the scenario tools (sweep, sensitivity, monte_carlo) and the pricing memo."""

from __future__ import annotations

from collections.abc import Callable

from assistant.planner.grammar import Parsed
from assistant.planner.quantities import Num
from assistant.planner.slots import DEFAULT_TOKENS_PER_QUERY, Slots, _pct
from tools.units import PriceUnit

__all__ = ["SCENARIO_BUILDERS"]

# A sweep's variable: the quantity kind in the question -> the scenario input it sets.
_VARIABLES = {"users": "users", "queries": "queries_per_user", "tokens": "tokens_per_query",
              "token_price": "price_per_1m", "price_per_user": "fee_per_user_month"}
_DOWN = ("drop", "fall", "cut", "decrease", "lower", "cheaper", "down", "halve")


def _scenario(p: Parsed, s: Slots, *, vary: str | None = None) -> None:
    """users, queries, tokens, price (per 1M or a model), fee and fixed costs; `vary` may stay unset."""
    for kind, name in (("users", "users"), ("queries", "queries_per_user")):
        if (n := p.first(kind)) is not None:
            s.args[name] = n.value
            if kind == "queries" and n.period:
                s.args["query_period"] = n.period.value
        elif name != vary:
            s.missing.append(f"how many {'users' if kind == 'users' else 'queries each user makes'} "
                             f"(e.g. '{'100k users' if kind == 'users' else '20 queries a day'}')")
    if (tokens := p.first("tokens")) is not None:
        s.args["tokens_per_query"] = tokens.value
    elif vary != "tokens_per_query":
        s.default("tokens_per_query", DEFAULT_TOKENS_PER_QUERY,
                  f"No query size was given: {DEFAULT_TOKENS_PER_QUERY:,} tokens per query is assumed.")
    prices = p.of("token_price")
    price = next((n for n in prices if n.price_unit == PriceUnit.per_1m), None) or \
        next((n for n in prices if n.price_unit is None), None)
    if price is not None:
        s.args["price_per_1m"] = price.value
    elif p.models:
        s.args["model"] = p.models[0]
    elif vary != "price_per_1m":
        s.missing.append("a price per 1M tokens or a model (e.g. '$2 per 1M tokens' or 'on gpt-4o-mini')")
    fee = p.first("price_per_user") or next((n for n in prices if n is not price and n.price_unit is None), None)
    if fee is not None:  # "a $10 plan" beside "$2 per 1M tokens" is the fee
        s.args["fee_per_user_month"] = fee.value
    if (fixed := p.first("fixed_costs")) is not None:
        s.args["fixed_cost_month"] = fixed.value


def _range_of(p: Parsed) -> tuple[str, list[Num]] | None:
    """The kind the question gives two values of ("from 10k to 1M users"), first found."""
    for kind in _VARIABLES:
        found = p.of(kind)
        if kind == "users" and len(found) < 2:  # "grow from 10k to 1M users": the first number has no unit
            found = [n for n in p.nums if n.kind in ("users", "count", "pct") and not n.percent
                     and not n.money][:2] if p.first("users") else found
        if len(found) >= 2 and found[0].value != found[1].value:
            return kind, found[:2]
    return None


def sweep(p: Parsed) -> Slots:
    s = Slots()
    found = _range_of(p)
    if found is None:
        s.missing.append("the range to vary (e.g. 'users from 10k to 1M')")
        _scenario(p, s)
        return s
    kind, (a, b) = found
    variable = _VARIABLES[kind]
    _scenario(p, s, vary=variable)
    low, high = sorted((a.value, b.value))
    s.args.update(variable=variable, start=low, stop=high)
    s.args.setdefault(variable, low)
    if high / low >= 100 or p.has("log"):
        s.args["scale"] = "log"
    return s


def sensitivity(p: Parsed) -> Slots:
    s = Slots()
    _scenario(p, s)
    swing = next((n for n in p.nums if n.percent), None)
    if swing is not None:
        s.args["swing"] = _pct(swing)
    if p.has("margin") and "fee_per_user_month" in s.args:
        s.args["metric"] = "gross_margin"
    elif p.has("profit") and "fee_per_user_month" in s.args:
        s.args["metric"] = "profit"
    elif p.has("cost", "bill", "spend"):
        s.args["metric"] = "monthly_cost"
    return s


def monte_carlo(p: Parsed) -> Slots:
    s = Slots()
    _scenario(p, s)
    found = _range_of(p)
    users = found[1] if found and found[0] == "users" else []
    if len(users) >= 2:
        s.args["users_low"], s.args["users_high"] = sorted((users[0].value, users[1].value))
        s.args["users"] = s.args["users_low"]
    tokens = p.of("tokens")
    if len(tokens) >= 2:
        s.args["tokens_low"], s.args["tokens_high"] = sorted((tokens[0].value, tokens[1].value))
    for n in (n for n in p.nums if n.percent):
        near = " ".join(n.before[-3:] + n.after[:2])
        if any(w in near for w in _DOWN):
            s.args["price_change_low"] = f"-{_pct(n)}"
        elif any(w in near for w in ("rise", "increase", "up", "more expensive", "grow")):
            s.args["price_change_high"] = _pct(n)
    heavy = [n for n in p.of("queries")[1:] if any(w in " ".join(n.before[-4:]) for w in ("heavy", "p95", "95th"))]
    if heavy:
        s.args["queries_p95"] = heavy[0].value
    return s


def draft_memo(p: Parsed) -> Slots:
    """A memo takes the whole brief; what it leaves out gets stated defaults in the memo."""
    return Slots(args={"brief": p.text})


SCENARIO_BUILDERS: dict[str, Callable[[Parsed], Slots]] = {
    "sweep": sweep, "sensitivity": sensitivity, "monte_carlo": monte_carlo, "draft_memo": draft_memo,
}
