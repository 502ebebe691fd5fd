"""A memo's inputs from a brief in plain words: the scenario the memo renders, as a `MemoBrief`.

Every conversion of a brief's figure is a calculator's: the share of the seats that buys, the seats that
did not, the split of a query's tokens and an overage per query priced per 1,000 are `change` runs (kept
for the memo's audit trail); periods and token-price units use the shared conventions of `tools.units`.
What the brief leaves out gets a stated default; what it gives that the memo cannot use is listed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from assistant.answer import ToolCall
from assistant.memo.brief import MemoBrief
from assistant.memo.defaults import CORE, FROM_BRIEF, default_origin, option_default, option_origins
from assistant.memo.reading import BriefReading, read_brief
from assistant.planner.reading import Given
from assistant.scenarios.memo_options import MemoOptions
from assistant.scenarios.model import Plan, Pricing, Scenario, Tokens, Usage
from tools import fmt
from tools.change import change
from tools.errors import InputError
from tools.monte_carlo import P95_OVER_MEAN_MAX
from tools.token_cost import DEFAULT_INPUT_SHARE
from tools.units import Period, PriceUnit, from_day, per_day, price_in_unit, price_per_token

__all__ = ["parse_brief"]

_OPTION_FIGURES = ("gpu_utilization", "gpu_tokens_per_second", "development_cost", "regulatory_compliance",
                   "response_verification", "user_training")


def _per(value: float, period: str | None, to: Period) -> float:
    """An amount per `period` as an amount per `to` (30-day month, 12-month year); no period means `to`."""
    return value if period is None or period == to.value else from_day(per_day(value, period), to)


def _percent(g: Given) -> str:
    return f"{g.value:g}%"


class _Brief:
    """A brief's reading turned into scenario values, with each calculator run and each input's origin."""

    def __init__(self, reading: BriefReading) -> None:
        self.r = reading
        self.calls: list[ToolCall] = []
        self.origin: dict[str, str] = {}
        self.notes = dict(reading.notes)
        self.unused = list(reading.not_understood)

    def fig(self, name: str) -> Given | None:
        return self.r.figures.get(name)

    def change(self, name: str, value: float, **how: float) -> float:
        args: dict[str, Any] = {"name": name, "value": value, **how}
        result = change(args)
        self.calls.append(ToolCall(name="change", args=args, result=result.model_dump(mode="json")))
        return result.value

    def given(self, name: str, value: Any, note: str = "", origin: str = FROM_BRIEF) -> Any:
        self.origin[name] = origin
        if note:
            self.notes[name] = note
        return value

    def default(self, name: str) -> Any:
        self.origin[name] = default_origin(name)
        return CORE[name].value

    def per_month(self, name: str, g: Given) -> float:
        """A figure per month, converted from its own period (and said so)."""
        note = f"{g.text} a {g.period}" if g.period not in (None, "month") else ""
        return self.given(name, _per(g.value, g.period, Period.month), note)

    # -- the scenario's sections ----------------------------------------------------------------------------
    def users(self) -> tuple[float, float]:
        """Paying users and free users: a share of the seats that buys, and the seats that did not."""
        seats, paying, share, free, whole = (self.fig(n) for n in ("users", "paying_users", "adoption", "free_users",
                                                                    "population"))
        if whole is None and paying is not None:  # "5,000 paying users of 20,000 users"
            whole, seats = seats, None
        part = paying or (seats if whole is not None else None)  # "12,000 of our 90,000 customers"
        rest: float | None = None
        if part is not None:
            users = self.given("users", part.value)
            if seats is not None and seats is not part:
                self.unused.append(seats.text)
            if whole is not None and free is None and whole.value > part.value:
                rest = self.change("free users", whole.value, minus=part.value)
                self.given("free_users", rest, origin=f"{FROM_BRIEF}: {whole.text} less the {part.text} who pay")
            elif whole is not None:
                self.unused.append(whole.text)
        elif seats is not None and share is not None:
            users = self.change("paying users", seats.value, share_percent=share.value)
            self.given("users", users, origin=f"{FROM_BRIEF}: {share.text} of {seats.text}")
            share = None  # used
            if free is None:
                rest = self.change("free users", seats.value, minus=users)
                self.given("free_users", rest, origin=f"{FROM_BRIEF}: {seats.text} less the "
                                                     f"{fmt.number(users)} who buy")
        else:
            users = self.given("users", seats.value) if seats is not None else self.default("users")
        if share is not None:  # a share of no stated population
            self.unused.append(share.text)
        if free is not None:
            rest = self.given("free_users", free.value)
        return users, rest if rest is not None else self.default("free_users")

    def queries(self) -> tuple[float, Period, float | None]:
        """The mean user's queries and their period; the heavy user's in the same period, when given.

        A heavy user beyond what a lognormal with that mean allows (`P95_OVER_MEAN_MAX`) is listed as not used.
        """
        q = self.fig("queries_per_user")
        queries = self.given("queries_per_user", q.value) if q is not None else self.default("queries_per_user")
        period = Period(q.period) if q is not None and q.period else Period.day
        heavy = self.fig("queries_p95")
        if heavy is None:
            self.origin["queries_p95"] = default_origin("queries_p95")
            return queries, period, None
        p95 = _per(heavy.value, heavy.period or period.value, period)
        if not queries < p95 <= P95_OVER_MEAN_MAX * queries:  # no heavy user of this mean usage: said, not used
            self.unused.append(heavy.text)
            self.origin["queries_p95"] = default_origin("queries_p95")
            return queries, period, None
        note = f"{heavy.text} a {heavy.period}" if heavy.period not in (None, period.value) else ""
        return queries, period, self.given("queries_p95", p95, note)

    def tokens(self) -> tuple[Tokens, float | None]:
        """A query's input and output tokens: as the brief splits them, else its total (or the default) split."""
        i, o, total = self.fig("input_tokens"), self.fig("output_tokens"), self.fig("tokens_per_query")
        if i is not None and o is not None:
            return self.given("tokens_per_query", Tokens(input=i.value, output=o.value)), None
        if (i or o) is not None and total is not None:
            side = i or o
            assert side is not None
            other = self.change("output tokens" if i else "input tokens", total.value, minus=side.value)
            split = (side.value, other) if i else (other, side.value)
            return self.given("tokens_per_query", Tokens(input=split[0], output=split[1])), total.value
        if (side := i or o) is not None:  # one side alone: the other is not guessed
            self.unused.append(side.text)
        value = self.given("tokens_per_query", total.value) if total is not None else self.default("tokens_per_query")
        inp = self.change("input tokens per query", value, factor=DEFAULT_INPUT_SHARE)
        return Tokens(input=inp, output=self.change("output tokens per query", value, minus=inp)), value

    def pricing(self) -> Pricing:
        """The brief's token price (per 1M), else its model, else the default model."""
        blended, inp, out = self.fig("price_per_1m"), self.fig("input_price"), self.fig("output_price")
        if blended is not None:
            price = self._per_1m(blended)
            return self.given("price_per_1m", Pricing(input_per_1m=price, output_per_1m=price))
        if inp is not None and out is not None:
            return self.given("price_per_1m", Pricing(input_per_1m=self._per_1m(inp), output_per_1m=self._per_1m(out)))
        self.unused += [g.text for g in (inp, out) if g is not None]
        if self.r.models:
            return self.given("model", Pricing(model=self.r.models[0]))
        return Pricing(model=self.default("model"))

    def _per_1m(self, g: Given) -> float:
        unit = PriceUnit(g.unit or PriceUnit.per_1m)
        if unit is PriceUnit.per_1m:
            return g.value
        self.notes["price_per_1m"] = f"{g.text} {unit.value.replace('_', ' ')} tokens"
        return price_in_unit(price_per_token(g.value, unit), PriceUnit.per_1m)

    def overage(self) -> float | None:
        """The brief's overage price per 1,000 queries (one per query is priced per 1,000 by `change`)."""
        if (g := self.fig("overage_per_1k")) is not None:
            return g.value
        if (g := self.fig("overage_per_query")) is not None:
            self.notes["overage_per_1k"] = f"{g.text} per query"
            return self.change("overage per 1,000 queries", g.value, factor=1_000)
        return None

    def allowance(self, overage: float | None) -> dict[str, float]:
        """The queries the plan includes, with the overage price beyond them (the brief's, else the default)."""
        g = self.fig("included_queries")
        if g is None:
            return {}
        included = self.per_month("included_queries", g)
        if overage is None:
            self.notes["included_queries"] = "the overage price beyond them is the default"
        return {"included_queries": included,
                "overage_per_1k": overage if overage is not None else option_default("overage_per_1k")}

    def options(self, overage: float | None) -> MemoOptions:
        """The memo's options the brief gives: overage, regions, a second model, the GPU and compliance costs."""
        found: dict[str, Any] = {}
        if overage is not None:
            found["overage_per_1k"] = overage
        for name in _OPTION_FIGURES:
            if (g := self.fig(name)) is not None:
                found[name] = _percent(g) if name == "gpu_utilization" else g.value
        models = self.r.models
        if len(models) > 1 and models[1] != models[0]:
            found["premium_model"] = models[1]
        if self.r.gpu:
            found["gpu"] = self.r.gpu
        if self.r.regions:
            found["regions"] = self.r.regions
        return MemoOptions(**found)


def parse_brief(text: str, changes: Sequence[str] = ()) -> MemoBrief:
    """The memo's scenario from a brief's words and figures, then each change's (later figures win).

    Raises InputError when the brief is not about a product or its pricing, or gives an impossible value.
    """
    text = " ".join(str(text or "").split())
    reading = read_brief(text)
    for amendment in changes:  # "what about at $15?"
        reading = reading.amended(read_brief(amendment, whole=False))
        text += f" {' '.join(amendment.split())}"
    b = _Brief(reading)
    fee = b.per_month("fee", g) if (g := b.fig("fee")) is not None else b.default("fee")
    users, free_users = b.users()
    queries, period, heavy = b.queries()
    tokens, total = b.tokens()
    pricing = b.pricing()
    quota = b.per_month("free_queries", g) if (g := b.fig("free_queries")) is not None else b.default("free_queries")
    fixed = (b.per_month("fixed_cost_month", g) if (g := b.fig("fixed_cost_month")) is not None
             else b.default("fixed_cost_month"))
    margin = (b.given("target_margin", _percent(g)) if (g := b.fig("target_margin")) is not None
              else b.default("target_margin"))
    overage = b.overage()
    allowance = b.allowance(overage)  # with an allowance the overage price is the plan's own
    try:
        options = b.options(None if allowance else overage)
        scenario = Scenario(
            description=f"Drafted from the memo brief: {text}"[:2000],
            usage=Usage(users=users, queries_per_user=queries, period=period, tokens=tokens), pricing=pricing,
            plan=Plan(price=fee, free_users=free_users, free_quota=quota if free_users else 0.0,
                      target_margin=margin, **allowance),
            fixed_costs_per_month=fixed, memo=options)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        raise InputError(f"the memo brief gives a value the memo cannot use ({where}: {error['msg']}).",
                         field="brief", value=text[:80], hint="Correct the figure and draft the memo again.") from None
    option_origins(options, b.origin, FROM_BRIEF)
    if allowance and overage is not None:  # the brief's overage price went to the plan
        b.origin["overage_per_1k"] = FROM_BRIEF
    return MemoBrief(text=text, scenario=scenario, origin=b.origin, notes=b.notes,
                     not_understood=list(dict.fromkeys(b.unused)), queries_p95=heavy, tokens_total=total,
                     calls=b.calls)
