"""The planner's working state: known variables with their periods and units, and the steps being built.

Each asked variable is produced by a calculator whose needs the known variables meet, directly or
through another calculator's result (a `ref`); arguments are filled by variable name from the
calculators' own field annotations. Changes ("usage doubles", "from $95k to $50k") become `change`
steps. Nothing is computed here.
"""

from __future__ import annotations

from typing import Any

from assistant.planner.arguments import Arguments
from assistant.planner.changes import ChangeSteps
from assistant.planner.graph import PRODUCERS, Producer, available, output_field
from assistant.planner.names import api_beside_gpus
from assistant.planner.reading import Given, Reading, stated_period
from assistant.planner.refs import is_ref, ref
from assistant.planner.steps import Ask, Chain
from tools import fmt

__all__ = ["Planner"]


# Counts one scenario holds once: a second, different one ("a" or "one" aside) is another segment, never dropped
_ONE_SCENARIO = ("users", "queries_per_user", "free_users", "paying_users")


class Planner(ChangeSteps, Arguments):
    """Known variables, their meta (periods, units) and the steps being built."""

    def __init__(self, reading: Reading, scenario: dict[str, Any]) -> None:
        self.r = reading
        self.vals: dict[str, Any] = dict(scenario)
        self.meta: dict[str, Any] = {"token_price_unit": self.vals.pop("price_unit", None),
                                     "query_period": self.vals.pop("query_period", None),
                                     "money_period": self.vals.pop("money_period", None) or stated_period(reading.norm),
                                     "usage_median": self.vals.pop("usage_median", False),
                                     "budget_period": self.vals.pop("budget_period", None)}
        self.vals.pop("token_price_unit", None)
        self.out = Chain()
        self._set_here: set[str] = set()
        self._periods: dict[str, str | None] = {}
        self._load(reading.givens)

    def _load(self, givens: list[Given]) -> None:
        for g in givens:
            if g.var in ("factor", "percent_change", "adoption", "cost_part", "headcount",
                         "staff_cost", "hours_saved", "hourly_value", "input_rest", "input_breakdown",
                         "cost_breakdown", "team_size"):
                continue
            if g.var == "input_token_part":  # the calculator adds the parts up
                if "input_token_parts" not in self._set_here:
                    self.vals["input_token_parts"] = []
                    self.vals.pop("input_tokens", None)
                    self._set_here.add("input_token_parts")
                self.vals["input_token_parts"].append(g.value)
                continue
            if g.var in ("token_price", "input_price", "output_price", "cached_price"):
                if g.unit:
                    self.meta["token_price_unit"] = g.unit
                drop = ("input_price", "output_price", "model") if g.var == "token_price" else ("token_price", "model")
                for k in drop:
                    if k not in self._set_here:
                        self.vals.pop(k, None)
            if g.var in ("input_tokens", "tokens_per_query") and "input_token_parts" not in self._set_here:
                self.vals.pop("input_token_parts", None)  # "all 8,500 input tokens at the full price": the whole input
            if g.var in ("revenue", "yearly_cost") and g.period == "year":
                self.meta["money_period"] = "year"
            elif g.var in ("revenue", "monthly_cost") and g.period == "quarter":
                self.meta["money_period"] = "quarter"  # "revenue $1.8M, costs $630k for the quarter"
            if g.var == "provider_share" and "provider_share" in self._set_here:
                g = Given("other_cogs_share", g.value, g.text)  # "and another 5% goes to hosting"
            if g.var in _ONE_SCENARIO and g.var in self._set_here and 1 not in (g.value, self.vals.get(g.var)) \
                    and g.value != self.vals.get(g.var):
                self.out.repeated.append(g.text)  # "free: 200k users, 2/day; pro: 15k users, 30/day": not one scenario
            if g.var not in self._set_here or (g.period and not self._periods.get(g.var)):
                self.vals[g.var] = g.value  # the first figure of a variable wins, unless a later one says its period
                self._set_here.add(g.var)
                self._periods[g.var] = g.period
                if g.var == "queries_per_user" and (g.period or "query_period" not in self.meta):
                    self.meta["query_period"] = g.period
        self._settle()

    def _settle(self) -> None:
        """What a figure is depends on the others: a breakdown's part, a build cost, a model beside no price."""
        if "compliance_cost" in self._set_here and {"verification_cost", "training_cost"} & self._set_here:
            self.vals["regulatory_cost"] = self.vals.pop("compliance_cost")  # one part of a breakdown, not the total
            self.out.used.add("compliance_cost")
        compliance = {"compliance_cost", "regulatory_cost", "verification_cost", "training_cost",
                      "extra_regions"} & set(self.vals)
        if "development_cost" in self._set_here and not compliance and "investment" not in self.vals:
            self.vals["investment"] = self.vals.pop("development_cost")  # "a fine-tune costs $360k to build"
            self.out.used.add("development_cost")
        if "training_cost" in self._set_here and compliance == {"training_cost"} and "investment" not in self.vals:
            self.vals["investment"] = self.vals.pop("training_cost")  # "a $300k training run" outside compliance
            self.out.used.add("training_cost")
        if "paying_users" in self.vals and "users" not in self.vals and ("investment" in self.vals or not {
                "free_users", "free_quota"} & set(self.vals)):
            # "it brings 1,500 paying users": the users it pays with; "25k paying users at $14" with no free tier
            self.vals["users"] = self.vals.pop("paying_users")
        if {"free_users", "users", "price_per_user"} <= set(self.vals) and "paying_users" not in self.vals:
            self.vals["paying_users"] = self.vals.pop("users")  # "50k free users ... 4,000 subscribers pay $15"
        plan_users = not {"paying_users", "free_users"} & set(self.vals)
        if "overage_price" in self.vals and "users" in self.vals and plan_users:
            self.vals["paying_users"] = self.vals["users"]  # "2,000 subscribers ... $4 per 1,000 extra": they pay
        if self.r.models and "token_price" not in self._set_here and "input_price" not in self._set_here:
            api = api_beside_gpus(self.r)  # "Llama 3.3 70B on 2x H100 ... compared with gpt-4o": gpt-4o is the API
            self.vals["model"] = api or self.r.models[0]
            if api:
                self.meta["api_model"] = api
            for k in ("token_price", "input_price", "output_price"):
                self.vals.pop(k, None)
        arrival = self._periods.get("users")
        if arrival and "users" in self._set_here and "queries_per_user" in self._set_here \
                and self._periods.get("queries_per_user") is None and self.meta.get("query_period") is None:
            self.meta["query_period"] = arrival  # "1.2 million applicants per year (one call each)": per arrival
            self.out.notes.append(f"The users arrive at {fmt.number(self.vals['users'])} a {arrival}, so each one's "
                                  f"usage is counted once a {arrival}.")
        if self.r.gpu:
            self.vals["gpu"] = self.r.gpu
        if self.r.tier:
            self.vals["service_tier"] = self.r.tier
        if "free_quota" in self.vals and not {"queries_per_user", "free_users", "overage_price"} & set(self.vals):
            self.vals["queries_per_user"] = self.vals["free_quota"]  # a plan's allowance with no other usage
            self.meta["query_period"] = "month"
            self.out.used.add("free_quota")
            quota = fmt.number(self.vals["free_quota"])
            self.out.notes.append(f"Each user is taken to use the plan's {quota} included queries a month (no other "
                                  "usage was given).")
        if {"cache_write_price", "cache_write_1h_share"} <= set(self.vals) \
                and not {"cache_write_share", "cache_write_1h_price"} & set(self.vals):
            self.vals["cache_write_1h_price"] = self.vals.pop("cache_write_price")  # the one cache written to

    # -- what is known -------------------------------------------------------------------------
    def known(self) -> set[str]:
        """The variables known, with the virtual ones their combinations make (a price, a GPU or its rate)."""
        have = set(self.vals)
        if have & {"token_price", "model"} or {"input_price", "output_price"} <= have:
            have.add("price")
        if have & {"gpu", "gpu_hourly"}:
            have.add("gpu_or_rate")
        if "tokens_per_second_per_gpu" in have:
            have.add("tokens_per_second")  # the calculator multiplies one GPU's throughput by the GPUs
        if {"model_size", "gpu"} <= have:
            have.add("tokens_per_second")  # the published reference of that GPU for a model of that size
        if have & {"compliance_cost", "regulatory_cost", "verification_cost", "training_cost"}:
            have.add("compliance_any")
        if ("token_price" in have and self.meta.get("token_price_unit") == "per_1m") or self.meta.get("api_model") \
                or ("model" in have and have & {"gpu", "gpu_hourly"}):  # beside GPUs a model is the API's price
            have.add("token_price_per_1m")
        if "queries_per_user" in have and (self.meta.get("query_period") == "month" or (
                self.meta.get("query_period") is None and "price_per_user" in have)):
            have.add("queries_per_user_month")  # usage beside a monthly plan price is per month
        return have

    # -- building steps ------------------------------------------------------------------------
    def produce(self, var: str, depth: int = 0) -> Ask | None:
        """Add the step that yields `var` (and any step it needs first); None when no calculator can.

        A calculator that answers from what is known comes before one that needs another's result first.
        """
        producers = PRODUCERS.get(var, [])
        direct = [p for p in producers if available(self.known(), p) is not None]
        for prod in [*direct, *(p for p in producers if p not in direct)]:
            need = self._satisfy(prod, depth)
            if need is None:
                continue
            tool_field = output_field(prod.tool, var)
            if tool_field is None:
                continue
            self._add_step(prod, need)
            if var == "gross_profit" and prod.tool == "margin" and "users" in self.out.steps[-1][1]:
                tool_field = "monthly_gross_profit_usd"  # "310 rooftops are live ... the monthly gross profit": all
            return Ask(var, prod.tool, tool_field)
        return None

    def _satisfy(self, prod: Producer, depth: int) -> frozenset[str] | None:
        if (need := available(self.known(), prod)) is not None:
            return need
        if depth >= 2:
            return None
        for need in prod.needs:  # a missing variable another calculator can produce
            missing = need - self.known()
            if all(m in PRODUCERS and m not in ("margin",) for m in missing):
                saved = (dict(self.vals), list(self.out.steps), list(self.out.notes))
                ok = True
                for m in missing:
                    if m in self.known():
                        continue
                    sub = self.produce(m, depth + 1)
                    if sub is None:
                        ok = False
                        break
                    self.vals[m] = ref(sub.tool, sub.field)
                if ok:
                    return need
                self.vals, self.out.steps, self.out.notes = saved
        return None

    def _add_step(self, prod: Producer, need: frozenset[str]) -> None:
        if prod.tool == "token_cost" and need == frozenset({"price"}) and any(t == "token_cost" for t, _ in
                                                                            self.out.steps):
            return  # a query's cost comes from the call already planned, whatever its usage
        args = self._fill(prod, need)
        for i, (tool, old) in enumerate(self.out.steps):
            if tool == prod.tool:
                if old == args:
                    return
                if any(is_ref(v) and v["$from"][0] == tool for v in args.values()) \
                        or old.get("mode", args.get("mode")) != args.get("mode", old.get("mode")):
                    break  # a second call on the first's result: "the price for 80%; at that price, break-even?"
                self.out.steps[i] = (tool, {**old, **args})
                return
        self.out.steps.append((prod.tool, args))
