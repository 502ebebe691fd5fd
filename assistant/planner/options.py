"""Side-by-side scenarios (planner v2): "(a) 20k users x 5 queries ... or (b) 8k users x 20 queries ...".

Each labelled part of the question is read on its own, planned as a token_cost scenario, and the
parts go to `compare` together, which names the cheaper one and the difference. A bill asked "with caching and
without" is the same usage compared with its cache and without.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.planner.before_after import CACHE_ARGS
from assistant.planner.chain import chain
from assistant.planner.grammar import MODEL_TOKEN, parse
from assistant.planner.graph import input_vars
from assistant.planner.lexicon import tiers_named
from assistant.planner.reading import Reading
from assistant.planner.refs import ref
from assistant.planner.roles import read
from assistant.planner.steps import Ask, Chain
from assistant.planner.traffic import whole_stream
from tools import fmt
from tools.compare import CompareInput

__all__ = [
    "about_its_cache",
    "both_tiers",
    "compare_followup",
    "labelled_parts",
    "million_tokens",
    "options_chain",
    "priced_options",
    "shared_options_chain",
    "shared_part",
    "shared_usage",
    "switch_followup",
]

_MARK = re.compile(r"\(\s*(?:[a-d]|[1-4])\s*\)|\b(?:option|scenario|setup|plan|design)\s+"
                   r"(?:[a-d]|[1-4]|one|two|three)\b\s*[:,)]?|\b(?:vendor|provider|supplier)\s+(?:[a-z]|[1-4])\b\s*[:,)]?",
                   re.I)


def shared_part(question: str) -> dict[str, Any]:
    """The usage every labelled option shares: the figures said before the first label, as scenario variables."""
    marks = list(_MARK.finditer(question))
    if not marks:
        return {}
    return shared_usage(read(parse(question[:marks[0].start()])))


def shared_usage(reading: Reading) -> dict[str, Any]:
    """The usage figures a reading gives, as scenario variables (with the period of the queries)."""
    shared: dict[str, Any] = {g.var: g.value for g in reading.givens if g.var in _SHARED}
    if (q := reading.get("queries_per_user")) is not None and q.period:
        shared["query_period"] = q.period
    return shared


_SHARED = ("users", "queries_per_user", "tokens_per_query", "input_tokens", "output_tokens", "words_per_query",
           "calls_per_query")


def labelled_parts(question: str) -> list[tuple[str, str]]:
    """(label, text) for each labelled part; fewer than two means the question has none."""
    marks = list(_MARK.finditer(question))
    parts = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(question)
        label = re.sub(r"[\s:,()]+", " ", m.group(0)).strip()
        parts.append((label, question[m.end():end]))
    return parts if len(parts) >= 2 else []


def options_chain(parts: list[tuple[str, str]], shared: dict[str, Any] | None = None) -> Chain:
    """One compare step over the parts' token_cost scenarios (each on the usage they share), or what is missing."""
    out = Chain()
    scenarios = []
    for label, text in parts:
        part = chain(read(parse(text)), ["monthly_cost"], dict(shared or {}), [])
        steps = [args for tool, args in part.steps if tool == "token_cost"]
        if len(part.steps) != 1 or not steps:
            out.missing.append(f"the users, usage and price of {label}")
            continue
        scenarios.append({"label": label, **steps[0]})
        out.notes += part.notes
    if out.missing:
        return out
    out.steps.append(("compare", {"scenarios": scenarios}))
    out.asks = [Ask("compare_table", "compare", "rows"), Ask("difference", "compare", "difference_usd")]
    return out


def priced_options(reading: Reading) -> list[dict[str, Any]]:
    """The options a question prices: named models, blended prices, and input/output pairs in order."""
    opts: list[dict[str, Any]] = _tiered_mentions(reading) or [{"model": m} for m in reading.models]
    for g in reading.all("token_price"):
        opts.append({"price": g.value, "price_unit": g.unit or "per_1m"})
    ins, outs = reading.all("input_price"), reading.all("output_price")
    for i, o in zip(ins, outs, strict=False):
        opts.append({"input_price": i.value, "output_price": o.value, "price_unit": i.unit or "per_1m"})
    return opts


def _tiered_mentions(reading: Reading) -> list[dict[str, Any]]:
    """'gpt-4.1-mini (standard), gpt-4.1-mini through the Batch API, and gemini-2.5-flash-lite': one option a mention.

    Only when a model is named again with a service tier; each mention takes the tier said up to the next one.
    """
    at = [m.start() for m in re.finditer(MODEL_TOKEN, reading.norm)]
    if len(at) != len(reading.all_models) or len(reading.models) >= len(at):
        return []
    spans = [reading.norm[a:b] for a, b in zip(at, [*at[1:], len(reading.norm)], strict=True)]
    tiers = [next(iter(tiers_named(span[len(MODEL_TOKEN):][:60])), "standard") for span in spans]
    if set(tiers) == {"standard"}:
        return []
    opts = [{"model": m, **({"service_tier": t} if t != "standard" else {})}
            for m, t in zip(reading.all_models, tiers, strict=True)]
    return [o for i, o in enumerate(opts) if o not in opts[:i]]


def shared_options_chain(reading: Reading, asks: list[str]) -> Chain:
    """'Compare X ($0.25 in / $1.25 out) against Y ($1 / $2) for 10k users at 5 requests a day': one usage, options."""
    out = Chain()
    options = priced_options(reading)
    if len(options) < 2:
        out.missing.append("at least two models or prices to compare (e.g. 'gpt-4o vs gpt-4o-mini')")
        return out
    return _compare_on_usage({"options": options}, reading, asks, out)


# The shared usage a comparison takes, by variable: the fields token_cost declares that compare has too
_USAGE = {var: fld for fld, var in input_vars("token_cost").items()
          if fld in CompareInput.model_fields and fld != "query_period"}
_SIZES = ("tokens_per_query", "words_per_query", "input_words_per_query", "output_words_per_query",
          "input_tokens_per_query", "output_tokens_per_query")


def _compare_on_usage(args: dict[str, Any], reading: Reading, asks: list[str], out: Chain) -> Chain:
    """The compare step over `args`' options with the usage the question gives (a new size replaces the old)."""
    if any(reading.get(v) is not None for v in ("tokens_per_query", "words_per_query", "input_words", "output_words",
                                                "input_tokens", "output_tokens")):
        args = {k: v for k, v in args.items() if k not in _SIZES}
    for var, fld in _USAGE.items():
        if (g := reading.get(var)) is not None:
            args[fld] = f"{g.value:g}%" if var == "api_input_share" else g.value
            if var == "queries_per_user" and g.period:
                args["query_period"] = g.period
    arrivals, usage = reading.get("users"), reading.get("queries_per_user")
    if arrivals is not None and arrivals.period and usage is not None and usage.period is None \
            and "users" in args and args.get("users") == arrivals.value:  # "9,000 visitors a month, 6 questions each"
        args["query_period"] = arrivals.period
        out.notes.append(f"The users arrive at {fmt.number(arrivals.value)} a {arrivals.period}, so each one's usage "
                         f"is counted once a {arrivals.period}.")
    if "users" not in args and (paying := reading.get("paying_users")) is not None and not reading.has("free_users"):
        args["users"] = paying.value  # "20k paying players, ~4 support chats each": the users are the payers
    if "queries_per_user" in args and isinstance(args.get("users"), float) \
            and whole_stream(reading, args.get("query_period")):  # "a 12-person shop ... nightly job does 400k docs"
        out.notes.append(f"The {fmt.number(args['users'])} people named are not multiplied in: the "
                         f"{fmt.number(args['queries_per_user'])} queries are the whole traffic.")
        args.pop("users")
    if "queries_per_user" in args and "users" not in args:
        args["users"] = 1  # "for 300k requests a day": the rate is the whole traffic
        out.notes.append("The requests are the whole traffic, not per user: worked out as one stream (users = 1).")
    out.steps.append(("compare", args))
    out.asks = [Ask("compare_table", "compare", "rows"), Ask("ratio", "compare", "max_ratio"),
                Ask("difference", "compare", "difference_usd")]
    if "yearly_cost" in asks:  # "what about per year?": each option's year and the difference per year
        out.asks[0] = Ask("compare_yearly", "compare", "rows")
        out.asks.append(Ask("difference_yearly", "compare", "difference_per_year_usd"))
    return out


def compare_followup(reading: Reading, asks: list[str], previous: list[tuple[str, dict[str, Any]]]) -> Chain | None:
    """A follow-up right after a comparison of options: the same options at the usage it gives.

    "And for 1,000 users at 100 queries a day?" recosts them; a model or price named alone joins them ("same but on
    claude haiku 4.5?").
    """
    if not previous or previous[-1][0] != "compare" or not previous[-1][1].get("options"):
        return None
    last = previous[-1][1]
    new = priced_options(reading)
    prices = {"token_price", "input_price", "output_price"}
    again = not new and not reading.givens and "yearly_cost" in asks  # "what about per year?": the same options
    if not new and (scaled := _scaled_usage(reading, last)) is not None:
        return scaled  # "what if usage doubles?": the same options at the changed usage
    if len(new) >= 2 or reading.givens_vars() - set(_USAGE) - prices or not (new or reading.givens or again):
        return None
    return _compare_on_usage({**last, "options": [*last["options"], *new]}, reading, asks, Chain())


_SCALED = {"queries_per_user": "queries_per_user", "users": "users", "tokens_per_query": "tokens_per_query"}


def _scaled_usage(reading: Reading, last: dict[str, Any]) -> Chain | None:
    """One scale word or percentage on a comparison's usage: a change step, and the comparison on its result."""
    changes = [g for g in reading.givens if g.var in ("factor", "percent_change")]
    if len(changes) != 1 or len(reading.givens) != 1 or (fld := _SCALED.get(changes[0].target or "")) is None \
            or not isinstance(last.get(fld), int | float):
        return None
    g = changes[0]
    how = {"factor": g.value} if g.var == "factor" else {"percent_change": g.value}
    out = Chain(steps=[("change", {"name": fld.replace("_", " "), "value": last[fld], **how}),
                       ("compare", {**last, fld: ref("change", "value")})])
    out.asks = [Ask("compare_table", "compare", "rows"), Ask("ratio", "compare", "max_ratio"),
                Ask("difference", "compare", "difference_usd")]
    out.used |= {g.var}
    return out


_SAVING_ASKS = {"saving", "compare", "yearly_saving", "difference"}


def switch_followup(reading: Reading, asks: list[str], previous: list[tuple[str, dict[str, Any]]]) -> Chain | None:
    """'How much cheaper is that than on gpt-4o?', 'what does the cache save us?' right after a bill.

    The last bill and the same usage on the model or service tier the follow-up names (or without its cache), side
    by side, with the difference: the saving asked is between the two scenarios, not a new bill alone.
    """
    if not previous or previous[-1][0] != "token_cost" or not _SAVING_ASKS & set(asks) or reading.givens:
        return None
    last = previous[-1][1]
    models = [m for m in dict.fromkeys(reading.models) if m != last.get("model")]
    tier = reading.tier if reading.tier and reading.tier != last.get("service_tier", "standard") else None
    # "how much is the caching saving us vs no cache at all?": the last bill without its cache
    uncached = not (models or tier) and _CACHE_WORD.search(reading.norm) is not None \
        and any(last.get(k) for k in CACHE_ARGS)
    if len(models) > 1 or not (models or tier or uncached) or any(isinstance(v, dict) for v in last.values()):
        return None
    other = {k: v for k, v in last.items() if not (models and k in _PRICE_KEYS)
             and not (uncached and k in (*CACHE_ARGS, "cached_input_price"))}
    if models:
        other["model"] = models[0]
    if tier:
        other["service_tier"] = tier
    before, after = ("with caching", "without caching") if uncached else (_label(last), _label(other))
    out = Chain(steps=[("compare", {"scenarios": [{"label": before, **last}, {"label": after, **other}]})])
    out.asks = [Ask("compare_table", "compare", "rows"), Ask("difference", "compare", "difference_usd")]
    return out


_PRICE_KEYS = ("model", "price", "input_price", "output_price", "cached_input_price", "price_unit")


def _label(args: dict[str, Any]) -> str:
    """A scenario's name in the table: its model (or price) and its service tier when not standard."""
    name = str(args.get("model") or (f"${args['price']:g} {args.get('price_unit', 'per_1m').replace('_', ' ')}"
                                     if "price" in args else "current"))
    tier = args.get("service_tier")
    return f"{name} ({tier})" if tier else name


def both_tiers(question: str, result: Chain, moved_to: str | None = None, yearly: bool = False) -> None:
    """'The monthly cost via the Batch API, and at standard (non-batch) prices?', 'standard vs batch': both bills.

    `moved_to`: the one tier a saving is asked for ("what would moving it to the Batch API save?"), against
    standard; `yearly` adds the difference per year.
    """
    tiers = tiers_named(question) if moved_to is None else ["standard", moved_to]
    if len(result.steps) != 1 or result.steps[0][0] != "token_cost" or len(tiers) != 2:
        return
    args = {k: v for k, v in result.steps[0][1].items() if k != "service_tier"}
    scenarios = [{**args, "service_tier": t} for t in tiers]
    result.steps[0] = ("compare", {"scenarios": [{"label": _label(a), **a} for a in scenarios]})
    result.asks = [Ask("compare_table", "compare", "rows"), Ask("difference", "compare", "difference_usd"),
                   *([Ask("difference_yearly", "compare", "difference_per_year_usd")] if yearly else [])]


_CACHE_WORD = re.compile(r"\bcach", re.I)


def about_its_cache(question: str, previous: list[tuple[str, dict[str, Any]]]) -> bool:
    """'What is the caching saving us?' right after a bill with a cached part: a question about that bill."""
    return bool(previous) and _CACHE_WORD.search(question) is not None \
        and any(previous[-1][1].get(k) for k in CACHE_ARGS)


def million_tokens(reading: Reading) -> Chain | None:
    """'What does a million tokens cost on gpt-4.1-mini (if 80% of them are input)?': one model's price of 1M tokens.

    A month of 1,000 queries of 1,000 tokens (one 1M-token query would cross long-context tiers); an input share
    the question gives splits them, else the calculator states its 75/25 split. None beside a GPU, a throughput or
    two options.
    """
    options = priced_options(reading)
    if len(options) != 1 or reading.gpu is not None or reading.has("gpu_hourly", "tokens_per_second", "users"):
        return None
    size = reading.get("tokens_per_query")  # "what do 1M tokens cost": the million is the unit priced
    if reading.has("queries_per_user", "input_tokens", "output_tokens", "words_per_query", "input_words",
                   "output_words") or (size is not None and size.value != 1e6):
        return None
    args: dict[str, Any] = {**options[0], "users": 1, "queries_per_user": 1_000, "query_period": "month",
                            "tokens_per_query": 1_000}
    if (share := reading.get("input_share") or reading.get("api_input_share")) is not None:
        args["input_share"] = f"{share.value:g}%"
    out = Chain()
    out.steps.append(("token_cost", args))
    out.asks = [Ask("million_tokens", "token_cost", "cost_per_month_usd")]
    out.used |= {"input_share", "token_price", "input_price", "output_price", "tokens_per_query"}
    return out
