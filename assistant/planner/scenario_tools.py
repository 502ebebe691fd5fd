"""Sweep, sensitivity and Monte Carlo from the variables a question gives (planner v2).

The three tools share one scenario (users, usage, tokens, a per-1M price or a model, the fee and
fixed costs), filled by variable name like every calculator; what is their own comes from roles
too: a list or range of one variable (sweep, Monte Carlo's users), a "plus or minus" swing, a heavy
user's usage, a price change.
"""

from __future__ import annotations

from typing import Any

from assistant.planner.builder import Planner
from assistant.planner.graph import input_vars, var_values
from assistant.planner.refs import is_ref, ref
from assistant.planner.roles import Reading
from assistant.planner.steps import Ask, Chain

__all__ = ["TOOLS", "rerun", "scenario_chain"]

TOOLS = ("sensitivity", "monte_carlo", "sweep")
_SWEEPABLE = {"users": "users", "queries_per_user": "queries_per_user", "tokens_per_query": "tokens_per_query",
              "token_price": "price_per_1m", "price_per_user": "fee_per_user_month"}


_PRICES = {"model", "price", "input_price", "output_price", "cached_input_price", "price_unit"}
_SWEPT = {"variable", "values", "start", "stop", "steps", "scale"}


def rerun(tool: str, last: dict[str, Any], reading: Reading, asks: list[str]) -> Chain | None:
    """A follow-up to a sweep, sensitivity or Monte Carlo: the same tool again with what the question changes.

    "And with a $12 fee, the median margin?", "what if usage doubles?", "at 5,000 clinicians?": the earlier
    call's variables are the scenario, the question's figures and changes replace some, and the tool's own
    settings (a heavy user's usage, a swept list, draws) carry over unless the question gives new ones.
    """
    last = {k: v for k, v in last.items() if not is_ref(v)}
    scenario = var_values(tool, last)
    out = scenario_chain(tool, reading, asks, scenario, changes=True)
    if out.missing or not out.steps or out.unanswered:
        return None
    args = out.steps[-1][1]
    if _PRICES & {k for k in args if k not in last or args[k] != last[k]}:
        last = {k: v for k, v in last.items() if k not in _PRICES}  # a new price or model replaces the old one
    if "variable" in args:
        last = {k: v for k, v in last.items() if k not in _SWEPT}  # a new list or range replaces the old one
    for k, v in last.items():
        args.setdefault(k, v)
    if tool == "monte_carlo" and "queries_p95" in args:
        _usage_scaled(out, args, last)
    out.asks = _asks(tool, asks, args)
    return out


def _usage_scaled(out: Chain, args: dict[str, Any], last: dict[str, Any]) -> None:
    """'Usage doubles' scales the heavy user too: the Monte Carlo's usage factor, not a new median alone."""
    at = next((i for i, (t, a) in enumerate(out.steps) if t == "change" and a.get("name") == "queries per user"
               and a.get("value") == last.get("queries_per_user")), None)
    if at is None or not is_ref(args.get("queries_per_user")):
        return
    how = {k: v for k, v in out.steps[at][1].items() if k in ("factor", "percent_change")}
    args["queries_per_user"] = last["queries_per_user"]
    if set(how) == {"factor"}:
        args["usage_factor"] = how["factor"]  # a figure of the question
        del out.steps[at]
    else:  # "usage up 30%": the change tool turns the percentage into the factor
        out.steps[at] = ("change", {"name": "usage factor", "value": 1.0, **how})
        args["usage_factor"] = ref("change", "value")


def scenario_chain(tool: str, reading: Reading, asks: list[str], scenario: dict[str, Any],
                   changes: bool = False) -> Chain:
    """The one step of a scenario tool, or what is missing for it (after the question's changes when asked)."""
    planner = Planner(reading, scenario)
    out = planner.out
    if changes:
        planner.apply_changes()  # "what if usage doubles?": a change step whose result the tool takes
    vals = planner.vals
    if vals.get("token_price") is not None and planner.meta.get("token_price_unit") not in (None, "per_1m"):
        out.missing.append("the price per 1M tokens (scenario tools take a per-1M price or a model)")
        return out
    series = {v: xs for v, xs in reading.series.items() if v in _SWEEPABLE}
    args: dict[str, Any] = {}
    for fld, var in input_vars(tool).items():
        value = planner.value_for(tool, var)
        if value is not None:
            args[fld] = value
            out.used.add(var)
    if "query_period" not in args and planner.meta.get("query_period"):
        args["query_period"] = planner.meta["query_period"]
    if args.get("price") is None and not args.get("model"):
        out.missing.append("a price per 1M tokens or a model (e.g. '$2 per 1M tokens' or 'on gpt-4o-mini')")
    for var in ("users", "queries_per_user"):
        if var not in args and var not in series:
            out.missing.append(f"how many {'users' if var == 'users' else 'queries each user makes'}")
    _extras[tool](args, reading, asks, series, out)
    if out.missing:
        return out
    out.steps.append((tool, args))
    out.asks += _asks(tool, asks, args)
    return out


def _sweep(args: dict[str, Any], reading: Reading, asks: list[str], series: dict[str, list[float]],
           out: Chain) -> None:
    if not series:
        out.missing.append("the values to vary (e.g. 'at 5k, 20k and 80k users' or 'users from 10k to 1M')")
        return
    var, values = next(iter(series.items()))
    variable = _SWEEPABLE[var]
    low, high = min(values), max(values)
    if reading.ranged.get(var):
        args.update(variable=variable, start=low, stop=high)
        if high >= 100 * low or "log" in reading.words:
            args["scale"] = "log"  # a range over two orders of magnitude is read on a log scale
        steps = next((n for n in reading.unplaced if not n.money and not n.percent and n.value == int(n.value)
                      and set(n.after[:2]) & {"steps", "points", "values", "increments"}), None)
        if steps is not None and 2 <= steps.value <= 200:  # "from $0.25/M up to $2/M in 8 even steps"
            args["steps"] = int(steps.value)
            reading.unused = [u for u in reading.unused if u != steps.text]
    else:
        args.update(variable=variable, values=sorted(set(values)))
    args[variable] = low
    if variable == "price_per_1m":  # the swept price replaces a single one; each end is a value of the sweep
        args.pop("price", None)
        args.pop("price_unit", None)
        ends = {g.text for g in reading.all(var)}
        reading.unused = [u for u in reading.unused if u not in ends]
    out.used.add(var)


def _sensitivity(args: dict[str, Any], reading: Reading, asks: list[str], series: dict[str, list[float]],
                 out: Chain) -> None:
    if (swing := reading.get("swing")) is not None:
        args["swing"] = f"{swing.value:g}%"
        out.used.add("swing")
    if "margin" in asks and "fee_per_user_month" in args:
        args["metric"] = "gross_margin"
    elif "profit" in reading.words and "fee_per_user_month" in args:
        args["metric"] = "profit"
    else:
        args["metric"] = "monthly_cost"


def _monte_carlo(args: dict[str, Any], reading: Reading, asks: list[str], series: dict[str, list[float]],
                 out: Chain) -> None:
    if (heavy := reading.get("queries_p95")) is not None:
        args["queries_p95"] = heavy.value
        out.used.add("queries_p95")
    if (users := series.get("users")) and len(users) >= 2:
        args["users_low"], args["users_high"] = min(users), max(users)
        args["users"] = min(users)
    if (tokens := series.get("tokens_per_query")) and len(tokens) >= 2:
        args["tokens_low"], args["tokens_high"] = min(tokens), max(tokens)
    changed = any(t == "change" for t, _ in out.steps)  # a follow-up's change step already applies it
    for g in [] if changed else reading.all("percent_change"):
        if g.target in ("price", "cost", "token_price", None):
            args["price_change_low" if g.value < 0 else "price_change_high"] = f"{g.value:g}%"
            out.used.add("percent_change")


_extras = {"sweep": _sweep, "sensitivity": _sensitivity, "monte_carlo": _monte_carlo}


def _asks(tool: str, asks: list[str], args: dict[str, Any]) -> list[Ask]:
    if tool == "monte_carlo":
        fields = ["cost_p5_usd", "cost_p50_usd", "cost_p95_usd", "user_cost_p50_usd", "user_cost_p95_usd"]
        if "fee_per_user_month" in args:
            fields += ["margin_p50", "margin_p95", "loss_share"]
        return [Ask(f"mc_{f}", tool, f) for f in fields]
    if tool == "sensitivity":
        return [Ask("top_driver", tool, "rows")]
    return [Ask("sweep_table", tool, "rows"), Ask("profit_crossing", tool, "break_even_value")]
