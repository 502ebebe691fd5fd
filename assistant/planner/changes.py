"""The planner's change steps: from-to gaps, adoption shares, cost parts and scale words become `change` calls.

"Usage doubles", "from $95k to $50k", "15% of 120,000 seats buy", "API invoices $512k and hosting another $177k",
"trim the prompt by 30%": each is a `change` step whose result replaces the variable it changes. Nothing is
computed here.
"""

from __future__ import annotations

from typing import Any

from assistant.planner.cost_parts import COST_PARTS
from assistant.planner.lexicon import cue
from assistant.planner.reading import Given, Reading
from assistant.planner.refs import ref
from assistant.planner.steps import Chain

__all__ = ["ChangeSteps"]


class ChangeSteps:
    """The change steps of the planner's working state (`Planner` holds the values they change)."""

    r: Reading
    vals: dict[str, Any]
    out: Chain
    _set_here: set[str]

    def apply_changes(self) -> None:
        """Turn the question's changes (from-to gaps, shares, scale words, percentages) into `change` steps."""
        if "monthly_cost_before" in self.vals and "monthly_cost_after" in self.vals:
            self._change("saving", "monthly saving", self.vals.pop("monthly_cost_before"),
                         minus=self.vals.pop("monthly_cost_after"), per_month=True)
            self.vals["yearly_saving"] = ref("change", "value_per_year")  # the same step gives it per year
        if "adoption_base" in self.vals:  # the scenario's users are a share of a whole
            base, share = self.vals.pop("adoption_base"), self.vals.pop("adoption")
            if self.r.has("adoption") and "users" not in self.r.givens_vars():
                self.vals["users"] = base  # "what if adoption climbs to 85%?": a new share of the same whole
            elif "users" not in self.vals:  # the users as that share again (a plan records them unresolved)
                self._change("users", "users who use it", base, share_percent=share)
        for g in self.r.givens:
            if g.var == "adoption" and "users" in self.vals:
                self._change("users", "users who use it", self.vals["users"], share_percent=g.value)
                if "free_quota" in self.vals and not {"free_users", "paying_users"} & set(self.vals):
                    # "15% buy the add-on; everyone else gets 25 free queries": the rest are the free tier
                    self.vals["paying_users"], self.vals["free_users"] = ref("change", "value"), ref("change", "rest")
            elif g.var == "hours_saved" and (rate := self.r.get("hourly_value")) is not None \
                    and g.period == "month":
                self.vals.pop("hourly_value", None)  # "310 nurse-hours a month at $58 an hour": the month's saving
                self._change("saving", f"time saved ({g.text} hours a month)", rate.value, factor=g.value)
            elif g.var == "headcount":
                self._staff(g)
            elif g.var == "cost_part" and g.target in self.vals:  # a second part of one cost, or "40 more agents"
                label = "combined cost" if g.target in COST_PARTS else g.target.replace("_", " ")
                self._change(g.target, label, self.vals[g.target], plus=g.value)
            elif g.var == "prompt_reduction" and not {"hit_rate", "monthly_cost"} & set(self.vals) \
                    and (prompt := self._target("prompt")) is not None and prompt not in self._set_here:
                self.vals.pop("prompt_reduction")  # "trim the prompt by 30%" after a bill: the scenario's input
                self._change(prompt, prompt.replace("_", " "), self.vals[prompt], percent_change=-g.value)
            elif g.var in ("factor", "percent_change"):
                target = self._target(g.target)
                if target is None and g.var == "percent_change" and g.target in ("cost", "price") \
                        and "model" in self.vals:  # "OpenAI raises prices 30%": the model's prices, by the calculator
                    self.vals["price_change"] = f"{g.value:g}%"
                    self.out.used.add("price_change")
                    continue
                if target is None:
                    self.out.unanswered.append(g.text)
                    continue
                if self._new_level_said(target):  # "usage doubles and the cost per user goes to $9": $9 as said
                    self.out.notes.append(f"'{g.text}' is taken as the reason for the new {target.replace('_', ' ')} "
                                          "the question gives, not applied to it again.")
                    continue
                how: dict[str, float | bool] = {"factor": g.value} if g.var == "factor" else \
                    {"percent_change": g.value}
                if target == "monthly_cost":
                    how["per_month"] = True  # a bill: the change also gives it per year
                self._change(target, target.replace("_", " "), self.vals[target], **how)

    def _new_level_said(self, var: str) -> bool:
        """Whether the question gives `var` as the level it changes to ("the cost per user goes to $9")."""
        to_level = cue("to_level")
        return var in self._set_here and any(
            to_level.search(self.r.norm[:g.start]) is not None for g in self.r.givens if g.var == var and g.start > 0)

    def _target(self, target: str | None) -> str | None:
        options = {"cost": ("cost_per_user", "cost_per_query", "monthly_cost", "token_price"),
                   "price": ("price_per_user", "token_price"), "prompt": ("input_tokens", "tokens_per_query"),
                   "output": ("output_tokens",)}.get(target or "", (target,) if target else ())
        if not options:  # "what if usage doubles?" with no noun: the usage of the scenario
            options = ("queries_per_user", "users")
        if target in (None, "users", "queries_per_user"):  # "what if volume doubles?" after a token workload
            options = (*options, "monthly_tokens")
        if target == "users":  # "what if users double?" on a plan of paying and free users: the paying ones
            options = (*options, "paying_users")
        return next((t for t in options if t in self.vals), None)

    def _staff(self, g: Given) -> None:
        """'4 engineers at $15k/month (plus $6,000 of infra)': the people times what each costs, in the fixed costs."""
        each = next((h for h in self.r.givens if h.var == "staff_cost" and h.start > g.start), None)
        if each is None:
            self.out.unanswered.append(g.text)
            return
        other, said = self.vals.get("fixed_costs"), self.r.get("fixed_costs")
        if isinstance(other, float) and said is not None and said.period != each.period:
            self.out.unanswered.append(g.text)  # "$6k a month of infra plus 2 FTEs at $150k a year": not one period
            return
        self._change("fixed_costs", f"staff cost ({g.text} people)", each.value, factor=g.value)
        if isinstance(other, float):  # "$6k of infra plus 4 engineers at $15k": both parts
            self._change("fixed_costs", "combined cost", ref("change", "value"), plus=other)

    def _change(self, var: str, label: str, value: Any, **how: float | bool) -> None:
        self.out.steps.append(("change", {"name": label, "value": value, **how}))
        self.vals[var] = ref("change", "value")
        self.out.used.add(var)
