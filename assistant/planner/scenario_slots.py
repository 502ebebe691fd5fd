"""Slot fillers for the scenario tools (sweep, sensitivity, monte_carlo) and the pricing memo."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.planner import inputs
from assistant.planner.grammar import Parsed
from assistant.planner.quantities import Num
from assistant.planner.roles import read
from assistant.planner.slot_fill import Slots, pct
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
        s.default("tokens_per_query", inputs.TOKENS_PER_QUERY, inputs.NO_QUERY_SIZE)
    prices = p.of("token_price")
    price = next((n for n in prices if n.price_unit == PriceUnit.per_1m), None) or \
        next((n for n in prices if n.price_unit is None), None)
    if price is not None:
        s.args["price_per_1m"] = price.value
    elif p.models:
        s.args["model"] = p.models[0]
    elif vary != "price_per_1m":
        s.missing.append("a price per 1M tokens or a model (e.g. '$2 per 1M tokens' or 'on gpt-4o-mini')")
    others = [] if vary == "price_per_1m" else prices  # a swept price's other end is not a fee
    fee = p.first("price_per_user") or next((n for n in others if n is not price and n.price_unit is None), None)
    if fee is not None:  # "a $10 plan" beside "$2 per 1M tokens" is the fee
        s.args["fee_per_user_month"] = fee.value
    if (fixed := p.first("fixed_costs")) is not None:
        s.args["fixed_cost_month"] = fixed.value


# What a range is of, from the words before "from" / "between": the first noun names it ("tokens per
# query go from 500 to 4,000", "the price per 1M tokens goes from $0.10 to $10", "as users grow from").
_SUBJECTS = (("token_price", ("price per token", "price per million", "token price", "price of tokens",
                              "rate per token", "cost per token", "cost per million")),
             ("price_per_user", ("price", "fee", "plan", "subscription", "arpu", "charge")),
             ("tokens", ("token", "context", "prompt size", "query size")),
             ("queries", ("quer", "request", "prompt", "message", "call", "conversation", "usage")),
             ("users", ("user", "seat", "customer", "subscriber", "member", "mau", "dau", "account")))
_CLAUSE = {"as", "when", "if", "while", "with", "for", "at", "and", "cost", "costs", "spend", "bill", "margin"}


def _subject(words: list[str]) -> str | None:
    """The kind a range is of, named by the words before it; None when they name none."""
    cut = max((i for i, w in enumerate(words) if w in _CLAUSE), default=-1)
    text = " ".join(words[cut + 1:])
    hits = [(at, -len(m), kind) for kind, marks in _SUBJECTS for m in marks
            if (at := text.find(m)) >= 0 and (at == 0 or text[at - 1] == " ")]
    return min(hits)[2] if hits else None  # the first noun; the longest mark at the same place


def _explicit_ranges(p: Parsed) -> dict[str, list[Num]]:
    """"X from A to B" / "X between A and B": both ends take the kind X names (or B's unit)."""
    found: dict[str, list[Num]] = {}
    for a, b in zip(p.nums, p.nums[1:], strict=False):
        link = p.norm[a.end:b.start].strip().lower()
        opened = a.before[-1:] in (["from"], ["between"])
        if link not in ("to", "and", "-", "through") or not (opened or link == "to") or a.percent or b.percent:
            continue
        kind = _subject(a.before[:-1]) if opened else None
        if kind == "token_price" and re.search(r"per (?:1,?000|1k|thousand|token)\b", p.norm[:a.start], re.I):
            kind = None  # only a per-1M price can be swept as price_per_1m
        kind = kind or next((n.kind for n in (b, a) if n.kind in _VARIABLES), None)
        if kind is not None and a.value != b.value and kind not in found:
            a.kind = b.kind = kind  # the ends are the range, not the scenario's other figures
            found[kind] = [a, b]
    return found


def _range_of(p: Parsed) -> tuple[str, list[Num]] | None:
    """The kind the question gives two values of ("from 10k to 1M users"), first found."""
    if explicit := _explicit_ranges(p):
        return next(iter(explicit.items()))
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
    if kind == "queries" and (period := a.period or b.period):  # "from 5 to 50 a day": the unit follows the end
        s.args["query_period"] = period.value
    if high >= 100 * low or p.has("log"):  # no division: a range may start at 0
        s.args["scale"] = "log"
    return s


def sensitivity(p: Parsed) -> Slots:
    s = Slots()
    _scenario(p, s)
    swing = next((n for n in p.nums if n.percent), None)
    if swing is not None:
        s.args["swing"] = pct(swing)
    if p.has("margin") and "fee_per_user_month" in s.args:
        s.args["metric"] = "gross_margin"
    elif p.has("profit") and "fee_per_user_month" in s.args:
        s.args["metric"] = "profit"
    elif p.has("cost", "bill", "spend"):
        s.args["metric"] = "monthly_cost"
    return s


def monte_carlo(p: Parsed) -> Slots:
    s = Slots()
    ranges = _explicit_ranges(p)  # first: the ends of a range are not the scenario's single figures
    _scenario(p, s)
    found = _range_of(p)
    users = found[1] if found and found[0] == "users" else []
    if len(users) >= 2:
        s.args["users_low"], s.args["users_high"] = sorted((users[0].value, users[1].value))
        s.args["users"] = s.args["users_low"]
    tokens = ranges.get("tokens") or p.of("tokens")
    if len(tokens) >= 2:
        s.args["tokens_low"], s.args["tokens_high"] = sorted((tokens[0].value, tokens[1].value))
    for n in (n for n in p.nums if n.percent):
        near = " ".join(n.before[-3:] + n.after[:2])
        if any(w in near for w in _DOWN):
            s.args["price_change_low"] = f"-{pct(n)}"
        elif any(w in near for w in ("rise", "increase", "up", "more expensive", "grow")):
            s.args["price_change_high"] = pct(n)
    heavy = [n for n in p.of("queries")[1:]  # "the heaviest 5% send 100 queries a day"
             if re.search(r"heav|p95|95th|top 5%", p.norm[max(0, n.start - 30):n.start], re.I)]
    if heavy:
        s.args["queries_p95"] = heavy[0].value
    said = next((g for g in read(p).givens if g.var == "queries_p95"), None)
    if said is not None and "queries_p95" not in s.args:  # "and if the heavy users are more like 60 a day?"
        s.args["queries_p95"] = said.value
        if s.args.get("users") == said.value:
            del s.args["users"]  # the heavy users' usage, not a count of users
    return s


def draft_memo(p: Parsed) -> Slots:
    """A memo takes the whole brief; what it leaves out gets stated defaults in the memo."""
    return Slots(args={"brief": p.text})


SCENARIO_BUILDERS: dict[str, Callable[[Parsed], Slots]] = {
    "sweep": sweep, "sensitivity": sensitivity, "monte_carlo": monte_carlo, "draft_memo": draft_memo,
}
