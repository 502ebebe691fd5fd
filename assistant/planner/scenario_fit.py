"""How a follow-up's figures fit the session's scenario.

A bare figure ("and at 60%?", "what about $45?") takes the one scenario variable of its kind, and "without
caching" or "without the free tier" takes a feature away.
"""

from __future__ import annotations

import re

from assistant.planner.added import add_to_scenario
from assistant.planner.lexicon import LEXICON, cue_distance
from assistant.planner.non_quantities import heavy_usage
from assistant.planner.quantities import Num
from assistant.planner.reading import Given, Reading
from tools.units import DAYS_PER_MONTH

__all__ = ["place_in_scenario"]

# "if the centers go 24/7 so tickets come in on every day of a 30-day month": after "22 workdays a month"
_EVERY_DAY = re.compile(r"\b(?:every|each) day\b|\b7 days a week\b|\bweekends? (?:too|included|as well)\b|"
                        r"\bincluding weekends\b|\b24/7\b|\b(?:a)?round the clock\b|\b30[- ]day months?\b", re.I)
_UNCACHED = re.compile(r"\b(?:without|no|minus|drop(?:ping)?|turn(?:ing)? off|disabl\w*|lose|losing) (?:the |any )?"
                       r"(?:prompt |context |input )?cach(?:e|es|ing|ed tokens?)\b|"
                       r"\bnothing (?:is |was |gets )?cached\b|\buncached\b|"
                       r"\bcach(?:e|ing) (?:is |was |were |gets |got )?(?:disabled|off|turned off|switched off)\b|"
                       r"\bif (?:we|it) (?:did ?n[o']t|do ?n[o']t|can ?n[o']t|could ?n[o']t) cache\b", re.I)
_NO_FREE_TIER = re.compile(r"\b(?:without|no|minus|drop(?:ping)?|remov\w*|scrap\w*|kill\w*|lose|losing|get rid of) "
                           r"(?:the |a |any |our )?free (?:tier|plan|users?|quota|queries|version)\b(?!\s+to\s+\d)",
                           re.I)
_NO_REASONING = re.compile(r"\b(?:without|no|turn(?:ed|ing)? off|disabl\w*|switch(?:ed|ing)? off|drop(?:ped|ping)?|"
                           r"skip(?:ped|ping)?)\s+(?:the\s+|any\s+)?(?:reasoning|thinking)\b|"
                           r"\b(?:reasoning|thinking)\s+(?:\w+\s+)?(?:off|disabled)\b", re.I)
_WITHOUT = ((_UNCACHED, "without caching", ("cached_tokens", "cached_share", "cache_write_share",
                                           "cache_write_1h_share", "hit_rate")),
            (_NO_FREE_TIER, "without the free tier", ("free_users",)),
            (_NO_REASONING, "without reasoning", ("reasoning_share", "reasoning_tokens")))
_PERCENT_VARS = ("margin", "hit_rate", "utilization", "provider_share", "prompt_reduction", "cached_share",
                 "input_share", "hit_cost_ratio")
_MONEY_VARS = ("price_per_user", "cost_per_user", "cost_per_query", "monthly_cost", "fixed_costs", "investment",
               "saving", "budget", "revenue", "gpu_hourly", "token_price", "development_cost", "compliance_cost")


_BUYER_VARS = ("users", "paying_users")
_NO_PERIOD = ("token_price", "cost_per_query", "gpu_hourly")  # unit prices, never amounts per month or year
_APPROVE = re.compile(r"\b(?:approv\w*|sign\w* off|green[- ]?light\w*|allocat\w*|give[sn]? us|gets? us|raise[sd]? "
                      r"(?:it|the budget) to)\b")


def _bought(n: Num) -> bool:
    """'what if only 1,500 buy?', 'and if 800 sign up?': a count of buyers, said by the adoption verbs' cues."""
    return not n.money and not n.percent and cue_distance([], n.after[:3], LEXICON["percent_cues"]["adoption"]) == 0


_THEIR_USAGE = ("queries_p95", "queries_per_user")
_USAGE_VERBS = ("hit", "hits", "do", "does", "did", "make", "makes", "run", "runs", "send", "sends", "use", "uses",
                "reach", "reaches", "need", "needs", "generate", "generates")


def _their_usage(n: Num) -> bool:
    """'what if they hit 10,000 screens next month?', 'and if she does 3,000?': the usage of whom the pronoun means."""
    return not n.money and not n.percent and n.before[-1:] != [] and n.before[-1] in _USAGE_VERBS \
        and n.before[-2:-1] in (["they"], ["he"], ["she"], ["it"], ["customer"], ["user"], ["client"], ["account"])


# "only 30% cached" after a bill with each request's cached share; "cut the free quota to 20" after a free tier's
# month, which was costed as its users' queries; "what if the bill only drops to $35,000?" after a bill's from-to
_FAMILIES = {"monthly_cost": ("cost_per_user", "cost_per_query", "monthly_cost_after"),
             "cost_per_user": ("cost_per_query",), "hit_rate": ("cached_share",), "free_quota": ("queries_per_user",),
             "free_users": ("users",),
             "queries_per_user": ("queries_p95",)}  # "and a merchant doing 3,000?" after one heavy user's bill


_SOLD_FOR = re.compile(r"\b(?:procurement|push(?:es|ed)? us|discount\w*|negotiat\w*|(?:we|they) (?:charge|bill|pay)|"
                       r"sell|price|pricing|list price)\b", re.I)


def place_in_scenario(r: Reading, scenario: dict[str, object], last_asks: list[str] | None = None) -> None:
    """A follow-up's bare figure ("and at 60%?", "what about $45?") takes the one scenario variable of its kind.

    A cost the scenario holds per user or per query ("the variable cost climbs to $12") stays per user or
    per query; a cache hit rate after a bill with a cached share of each request's input is that share.
    """
    add_to_scenario(r, scenario)  # "what if we hire 40 more agents?"
    if "active_days" in scenario and not r.has("active_days") and _EVERY_DAY.search(r.norm):
        r.givens.append(Given("active_days", float(DAYS_PER_MONTH), "every day of the month", period="month"))
    for pattern, said, removed in _WITHOUT:  # "and without caching?", "and without the free tier?": taken away
        if pattern.search(r.norm):
            r.givens += [Given(var, 0.0, said) for var in removed if var in scenario and not r.has(var)]
    for g in r.givens:
        if g.var in _FAMILIES and g.var not in scenario:
            g.var = next((v for v in _FAMILIES[g.var] if v in scenario), g.var)
    for n in list(r.unplaced):
        rate = n.period.value if n.period is not None and n.period.value in ("hour", "day", "week", "month") else None
        kinds = ("queries_p95",) if "queries_p95" in scenario and not n.money and not n.percent \
            and heavy_usage(r.norm, n) else \
            _PERCENT_VARS if n.percent else _MONEY_VARS if n.money else _BUYER_VARS if _bought(n) else \
            _THEIR_USAGE if _their_usage(n) else ("queries_per_user",) if rate else ()  # "what if they hit 10,000
        # screens next month?": the one user's usage the scenario holds; "back at 5 a day": the usage, in its period
        present = [v for v in kinds if v in scenario and not r.has(v)
                   and not (n.period is not None and v in _NO_PERIOD)]  # "$60,000 for the year" is no token price
        if kinds is _THEIR_USAGE:
            present = present[:1]  # the heavy user's, when the scenario holds one
        if not present and n.percent and "margin" in (last_asks or []):
            present = ["margin"]  # after a margin, "what price gets us to 80%?" names a target margin
        if len(present) > 1 and n.money and n.before[-1:] == ["at"] and "price_per_user" in present:
            present = ["price_per_user"]  # "and at $12 a month?" after a break-even: the price, not a cost
        if len(present) > 1 and n.money and "price_per_user" in present and _SOLD_FOR.search(r.norm):
            present = ["price_per_user"]  # "and if procurement pushes us down to $380 a rooftop?": what they pay
        if len(present) > 1 and n.money and "budget" in present and (
                cue_distance(n.before, [], LEXICON["money_cues"]["budget"]) is not None
                or _APPROVE.search(" ".join(n.before)) or last_asks in (["queries_per_user"], ["users"],
                                                                        ["tokens_per_query"])):
            present = ["budget"]  # "and if finance approves $40k?" after a seek within a budget
        if len(present) == 1:
            period = rate if present[0] == "queries_per_user" else None
            if present[0] in ("budget", "monthly_cost") and n.period is not None \
                    and n.period.value in ("year", "quarter", "month", "week"):
                period = n.period.value  # "it is $48,000 for the whole year instead": the tool makes it monthly
            r.place(n, Given(present[0], n.value, n.text, period=period))
