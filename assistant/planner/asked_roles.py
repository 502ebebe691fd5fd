"""Roles settled by what a question asks: a break-even's figures, a day's bill beside a cost per query, who uses it.

The reading gives each figure a role from its own words; some roles depend on the ask as well ("where is
break-even?" beside a plan price and a cost per query asks a usage, not users).
"""

from __future__ import annotations

import re

from assistant.planner.lexicon import listed_class
from assistant.planner.quantities import Num
from assistant.planner.reading import PERIOD_WORDS, Given, Reading, split_words

__all__ = ["bill_of_the_work", "break_even_inputs", "lone_population"]


_A_DAYS_SPEND = ("fixed_costs", "investment", "budget", "price_per_user", "development_cost")  # "$694,444 a day"
_LUMP_SUMS = ("verification_cost", "development_cost", "compliance_cost", "training_cost", "technology_cost", "budget")


def break_even_inputs(reading: Reading, asks: list[str]) -> None:
    """What a break-even question's figures are: a usage, a fixed cost given as a bill, or an investment.

    With no fixed cost beside a plan's price and cost per query, the break-even is a usage; beside a per-user price
    and cost, the one overall cost it gives is its fixed cost: "a $12 plan, 0.8 cents a query: where is
    break-even?", "Salaries and hosting run us $960k a year ... break-even seats?"
    """
    if "break_even_users" in asks and not reading.has("fixed_costs", "monthly_cost", "yearly_cost", "investment") \
            and reading.has("cost_per_query") and reading.has("price_per_user"):
        asks[asks.index("break_even_users")] = "break_even_queries"
    budgets = reading.all("budget")
    if "payback_months" in asks and len(budgets) == 1 and not reading.has("investment", "development_cost") \
            and budgets[0].period is None:
        budgets[0].var = "investment"  # "we could spend $300,000 on a fine-tuned model ... until it pays for itself?"
    saved = reading.has("saving") or (reading.has("monthly_cost_before") and reading.has("monthly_cost_after"))
    lump = [g for g in reading.givens if g.var in _LUMP_SUMS and g.period is None] + [
        n for n in reading.unplaced if n.money and n.period is None]
    if "payback_months" in asks and saved and not reading.has("investment") and len(lump) == 1:
        one = lump[0]  # "fine-tune of our reviewer-matching model: $500k ... cuts our API spend from $95k to $38k"
        if isinstance(one, Given):
            one.var = "investment"
        else:
            reading.place(one, Given("investment", one.value, one.text, start=one.start))
    bills = [g for g in reading.givens if g.var in ("monthly_cost", "yearly_cost")]
    if "break_even_users" in asks and len(bills) == 1 and not reading.has("fixed_costs", "users", "queries_per_user") \
            and reading.has("price_per_user") and reading.has("cost_per_user"):
        bills[0].var = "fixed_costs"


def bill_of_the_work(reading: Reading, asks: list[str]) -> None:
    """An amount per period no cue named, beside a cost per query when the work is asked: what the work costs.

    "ChatGPT at ~$694,444 a day and ~$0.36 per conversation: how many conversations a day is that?"
    """
    if {"queries_per_user", "monthly_queries"} & set(asks) and reading.has("cost_per_query") \
            and len(burn := [g for g in reading.givens if g.var in _A_DAYS_SPEND and g.period == "day"]) == 1 \
            and not reading.has("monthly_cost", "price_per_user", "users"):
        burn[0].var = "monthly_cost"  # "ChatGPT burning ~$694,444 a day at ~36 cents per conversation": a day's bill
        return
    loose = [n for n in reading.unplaced if n.money and n.period is not None and n.period.value != "hour"]
    if len(loose) != 1 or not reading.has("cost_per_query") or not {"queries_per_user", "monthly_queries"} & set(
            asks) or reading.has("monthly_cost", "yearly_cost", "budget", "price_per_user", "users"):
        return
    n = loose[0]
    period = n.period.value if n.period is not None else None
    reading.place(n, Given("monthly_cost", n.value, n.text, period=period, start=n.start))


_EACH_DOES = re.compile(r"\b(?:a|per) (?:day|week|month|workday) each\b|"
                        r"\beach (?:one |of them )?(?:sends?|makes?|asks?|does|runs?|uses?)\b", re.I)
_IN_TOTAL = re.compile(r"\b(?:in total|overall|combined|all told)\b", re.I)


def _listed_with_usage(reading: Reading, n: Num) -> bool:
    """'20k riders, 3 questions a day': the count's noun, then straight away how much each of them asks."""
    usage = reading.get("queries_per_user")
    return usage is not None and usage.start > n.end and re.fullmatch(
        r"\s*[a-z'-]+\s*(?:,|and|who (?:ask|send|make|run)|asking|sending|making)?\s*(?:about|around|roughly|~)?\s*",
        reading.norm[n.end:usage.start], re.I) is not None


def lone_population(reading: Reading, asks: list[str]) -> None:
    """The one count of a plural noun beside what each of them does, with no users named: who uses it.

    "180 estimators on claude sonnet, ~4k tokens per query" + "about 15 queries a day each": the estimators.
    """
    loose = [n for n in reading.unplaced if not n.money and not n.percent and n.value == int(n.value) and n.value > 1]
    if len(loose) != 1 or not reading.has("queries_per_user") \
            or reading.has("users", "paying_users", "free_users", "monthly_tokens") \
            or not (_EACH_DOES.search(reading.norm) or _listed_with_usage(reading, loose[0])) \
            or _IN_TOTAL.search(reading.norm) or not asks:
        return  # "15 queries a day each", not "9,000 conversations a day in total, each one 1,800 tokens"
    n = loose[0]
    if reading.norm.rfind("(", 0, n.start) > reading.norm.rfind(")", 0, n.start):
        return  # "(hotel facts, tone rules, 9 languages)": an aside
    noun = split_words(n.after)[:1]
    if not noun or not noun[0].isalpha() or len(noun[0]) < 4 or noun[0] in PERIOD_WORDS \
            or listed_class(noun[0]) not in (None, "users"):
        return
    reading.place(n, Given("users", n.value, n.text, start=n.start))
