"""Read a memo brief with the planner's v2 reading: each figure's role (a typed `Given`), then the memo input it is.

`assistant.planner.roles.read(parse(text))` decides what every number is (users, a share that buys, queries
per user per month, input and output tokens, a price per user, an overage price, ...). Here each role is
mapped to the memo input it sets; a figure with no role, or a role the memo has no use for, is listed as
not understood instead of being dropped. Nothing is computed here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.planner.grammar import parse
from assistant.planner.quantities import Num
from assistant.planner.reading import Given
from assistant.planner.roles import read
from tools.errors import InputError

__all__ = ["BriefReading", "read_brief"]

# What a brief must mention to be about a product's pricing (any of these, a figure or a model name).
_TOPIC = re.compile(r"\b(ai|llm|gpt|models?|pric\w*|plans?|add-?ons?|features?|products?|subscri\w*|seats?|users?|"
                    r"customers?|tiers?|assistants?|chat\w*|copilots?|api|saas|apps?|tools?|services?|quer\w*|"
                    r"tokens?|fees?|margins?|costs?|revenue|quotas?|free|premium|pro|summar\w*|agents?|bots?|"
                    r"platforms?|software|monetiz\w*)\b", re.I)
# Region names: abbreviations only in capitals ("US", not "us"), names in any case.
_REGIONS = (("EU", r"\bEU\b|(?i:\beurop\w*)"), ("US", r"\bU\.?S\.?A?\b|(?i:\bunited states\b|\bamerica\b)"),
            ("UK", r"\bUK\b|(?i:\bunited kingdom\b|\bbritain\b)"), ("Canada", r"(?i:\bcanad\w*)"),
            ("Brazil", r"(?i:\bbrazil\w*)"), ("China", r"(?i:\bchin\w*)"), ("India", r"(?i:\bindia\w*)"),
            ("Japan", r"(?i:\bjapan\w*)"), ("Korea", r"(?i:\bkorea\w*)"), ("Australia", r"(?i:\baustrali\w*)"),
            ("Singapore", r"(?i:\bsingapore\b)"), ("APAC", r"\bAPAC\b"), ("LATAM", r"\bLATAM\b"),
            ("Middle East", r"(?i:\bmiddle east\b)"), ("Switzerland", r"(?i:\bswiss\b|\bswitzerland\b)"))

# The planner's variable -> the memo input it sets (one figure per input; a second is not understood).
_INPUTS = {"price_per_user": "fee", "users": "users", "paying_users": "paying_users", "free_users": "free_users",
           "population": "population",
           "adoption": "adoption", "queries_per_user": "queries_per_user", "queries_p95": "queries_p95",
           "free_quota": "free_queries", "tokens_per_query": "tokens_per_query", "input_tokens": "input_tokens",
           "output_tokens": "output_tokens", "token_price": "price_per_1m", "input_price": "input_price",
           "output_price": "output_price", "overage_price": "overage_per_1k",
           "overage_price_per_query": "overage_per_query", "fixed_costs": "fixed_cost_month",
           "margin": "target_margin", "utilization": "gpu_utilization", "tokens_per_second": "gpu_tokens_per_second",
           "development_cost": "development_cost", "compliance_cost": "regulatory_compliance",
           "verification_cost": "response_verification", "training_cost": "user_training",
           "extra_regions": "regions"}
# Inputs that stand for one another: a later figure of one replaces the others (a change to a brief).
_ALTERNATIVES = ({"tokens_per_query"}, {"input_tokens", "output_tokens"}), ({"overage_per_1k"}, {"overage_per_query"})


@dataclass
class BriefReading:
    """The figures of a brief by the memo input each sets, and what the memo cannot use."""

    figures: dict[str, Given] = field(default_factory=dict)
    models: list[str] = field(default_factory=list)
    gpu: str | None = None
    regions: list[str] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)
    not_understood: list[str] = field(default_factory=list)

    def amended(self, later: BriefReading) -> BriefReading:
        """This reading with a later one's figures winning ("what about at $15?")."""
        figures = dict(self.figures)
        for group, other in (*_ALTERNATIVES, *((b, a) for a, b in _ALTERNATIVES)):
            if group & set(later.figures):
                figures = {k: v for k, v in figures.items() if k not in other}
        if later.models:  # a model named later replaces a token price, and a token price a model
            figures = {k: v for k, v in figures.items() if k not in ("price_per_1m", "input_price", "output_price")}
        models = [] if {"price_per_1m", "input_price", "output_price"} & set(later.figures) else self.models
        notes = {k: v for k, v in self.notes.items() if k not in later.figures}
        return BriefReading(figures={**figures, **later.figures}, models=later.models or models,
                            gpu=later.gpu or self.gpu, regions=later.regions or self.regions,
                            notes={**notes, **later.notes}, not_understood=[*self.not_understood,
                                                                            *later.not_understood])


def _regions(text: str, count: Given | None) -> list[str]:
    named = [name for name, pattern in _REGIONS if re.search(pattern, text)]
    if count is not None and count.value > len(named):
        named += [f"region {i}" for i in range(len(named) + 1, int(count.value) + 1)]
    return named


def read_brief(text: str, whole: bool = True) -> BriefReading:
    """The figures a brief (or, `whole=False`, a change to one) states, each as the memo input it sets.

    Raises InputError when a whole brief is not about an AI product or its pricing, or gives an impossible value.
    """
    if whole and (not text or not _TOPIC.search(text)):
        raise InputError("the memo brief does not describe an AI product or its pricing.", field="brief",
                         value=text[:80], hint="Describe the product and its price, e.g. 'a $10/month AI add-on "
                                               "with 100 free queries for 20,000 users'.")
    r = read(parse(text))
    if r.bad:
        raise InputError(f"the memo brief gives an impossible value: {' '.join(r.bad)}", field="brief",
                         value=text[:80], hint="Correct the figure and draft the memo again.")
    out = BriefReading(models=r.models, gpu=r.gpu, not_understood=list(r.unused))
    for g in r.givens:
        name = _INPUTS.get(g.var)
        if name == "free_queries" and _allowance(r.norm, g):
            name = "included_queries"
        if name is None or name in out.figures:
            out.not_understood.append(g.text)
            continue
        out.figures[name] = g
    _price_said_alone(r.unplaced, out)
    out.regions = _regions(text, out.figures.pop("regions", None))
    return out


_INCLUDED = re.compile(r"\b(?:includ\w*|allowance|bundled?)\b", re.I)
_BEYOND = re.compile(r"\b(?:beyond|above|over|after|past|first)\s*$", re.I)


def _allowance(norm: str, g: Given) -> bool:
    """A quota the plan itself includes ("500 included queries", "beyond 500 queries"), not a free tier's."""
    own = re.split(r"[,.;:]", norm[g.start:])[0][:40]
    return g.start >= 0 and (bool(_INCLUDED.search(own)) or bool(_BEYOND.search(norm[max(0, g.start - 12):g.start])))


def _price_said_alone(unplaced: list[Num], out: BriefReading) -> None:
    """An amount no cue placed ("buy the add-on at $12 a month", "what about at $15?") is the add-on's price.

    A memo is about one per-user price; an amount of money the reading could not place is it, when the brief
    gives no other.
    """
    if "fee" in out.figures:
        return
    n = next((n for n in unplaced if n.money and n.price_unit is None and n.value > 0), None)
    if n is None:
        return
    out.figures["fee"] = Given("price_per_user", n.value, n.text, period=n.period.value if n.period else None)
    out.notes["fee"] = f"{n.text} read as the add-on's price"
    out.not_understood.remove(n.text)
