"""Slots: the arguments a v1 builder filled, what is missing, its defaults; and the fillers builders share.

Values are copied from the question, never computed: every conversion is a calculator's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.planner import inputs
from assistant.planner.grammar import Parsed
from assistant.planner.quantities import Num
from assistant.planner.refs import ref

__all__ = ["Slots", "fill_prices", "fill_tokens", "fill_usage", "pct", "value_or_cost"]


@dataclass
class Slots:
    """What a builder filled, what is missing, and the defaults it chose."""

    args: dict[str, Any] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    defaults: list[str] = field(default_factory=list)
    defaulted: set[str] = field(default_factory=set)

    def default(self, name: str, value: Any, sentence: str) -> None:
        """Fill `name` with a planner default and say so."""
        self.args[name] = value
        self.defaulted.add(name)
        self.defaults.append(sentence)

    @property
    def complete(self) -> bool:
        """Every essential slot is filled."""
        return not self.missing


def value_or_cost(p: Parsed, s: Slots, name: str, num: Num | None, cost_field: str,
                   missing: str | None = None) -> bool:
    """Fill `name` from the question, else from token_cost when the usage is given; False if neither."""
    if num is not None:
        s.args[name] = num.value
    elif p.first("users") and p.first("queries"):
        s.args[name] = ref("token_cost", cost_field)
    else:
        if missing:
            s.missing.append(missing)
        return False
    return True


def pct(n: Num | None) -> str | None:
    """A percentage as a calculator reads it ("45%"), a plain ratio as written."""
    return None if n is None else f"{n.value:g}%" if n.percent else f"{n.value:g}"


_ONE_USER = ("per user", "per-user", "each user", "a user", "one user", "a single user", "per seat", "per-seat",
             "per customer", "each customer", "per subscriber", "each subscriber")


def fill_usage(p: Parsed, s: Slots, *, need_tokens: bool = True) -> None:
    """users, queries per user (+ period) and tokens per query."""
    users, queries = p.first("users"), p.first("queries")
    if users:
        s.args["users"] = users.value
    elif p.has(*_ONE_USER):
        s.default("users", 1, "The question asks for one user's cost: it is worked out for 1 user.")
    else:
        s.missing.append("how many users (e.g. '100k users')")
    if queries:
        s.args["queries_per_user"] = queries.value
        if queries.period:
            s.args["query_period"] = queries.period.value
        else:
            s.defaults.append("Queries per user are taken as per day.")
    else:
        s.missing.append("how many queries each user makes (e.g. '20 queries a day')")
    fill_tokens(p, s, need_tokens)


def fill_tokens(p: Parsed, s: Slots, need: bool) -> None:
    """Tokens per query (or its split, or words), else the stated default when `need`."""
    tokens, words = p.first("tokens"), p.first("words")
    inp, out = p.first("input_tokens"), p.first("output_tokens")
    if inp or out:
        for side, given in (("input", inp), ("output", out)):
            if given:
                s.args[f"{side}_tokens_per_query"] = given.value
            else:  # one side said alone: the other is priced at zero, and the answer says so
                s.default(f"{side}_tokens_per_query", 0, f"No {side} size was given: {side} tokens are taken as 0, "
                                                         f"so only the other side is priced. Give both to price both.")
    elif tokens:
        s.args["tokens_per_query"] = tokens.value
    elif words:
        s.args["words_per_query"] = words.value
    elif need:
        s.default("tokens_per_query", inputs.TOKENS_PER_QUERY, inputs.NO_QUERY_SIZE)


def fill_prices(p: Parsed, s: Slots, *, model_index: int = 0) -> None:
    """A blended price, split prices, or a model name."""
    price, inp, out = p.first("token_price"), p.first("input_price"), p.first("output_price")
    cached = p.first("cached_price")
    unit = next((n.price_unit for n in (price, inp, out) if n and n.price_unit), None)
    if price:
        s.args["price"] = price.value
    elif inp and out:
        s.args["input_price"], s.args["output_price"] = inp.value, out.value
        if cached:
            s.args["cached_input_price"] = cached.value
    elif len(p.models) > model_index:
        s.args["model"] = p.models[model_index]
    else:
        s.missing.append("a price or a model (e.g. '$0.002 per 1K tokens' or 'on gpt-4o-mini')")
    if unit is not None:
        s.args["price_unit"] = unit.value


