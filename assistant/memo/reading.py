"""Read a memo brief's figures with the planner's grammar: fee, users, usage, quota, overage, prices, regions."""

from __future__ import annotations

import re
from typing import Any

from assistant.planner.grammar import Parsed, parse
from assistant.planner.quantities import Num
from tools import fmt
from tools.errors import InputError
from tools.units import Period, PriceUnit, from_day, per_day, price_in_unit, price_per_token

__all__ = ["read_brief"]

# What a brief must mention to be about a product's pricing (any of these, a figure or a model name).
_TOPIC = re.compile(r"\b(ai|llm|gpt|models?|pric\w*|plans?|add-?ons?|features?|products?|subscri\w*|seats?|users?|"
                    r"customers?|tiers?|assistants?|chat\w*|copilots?|api|saas|apps?|tools?|services?|quer\w*|"
                    r"tokens?|fees?|margins?|costs?|revenue|quotas?|free|premium|pro|summar\w*|agents?|bots?|"
                    r"platforms?|software|monetiz\w*)\b", re.I)
_OVERAGE = re.compile(r"overage|extra|additional|beyond|above|\bover\b|excess|usage-based|metered|pay-as-you-go|"
                      r"on top|thereafter|after (?:the|that|it)", re.I)
# "$8 per 1,000 queries", "$0.01 per query", "5 cents for every extra request": a price per query.
_PER_QUERIES = re.compile(r"\s*(?:per|/|a|for every|for each|each|every)\s+(?:(?P<n>1,?000|1k|1 k|thousand|100|hundred)"
                          r"\s+)?(?:extra\s+|additional\s+|more\s+)?(?:quer|request|message|call|prompt|summar|"
                          r"question|generation|answer|search|task|conversation)", re.I)
_FREE = re.compile(r"free|quota|includ|allowance|bundle", re.I)
_HEAVY = re.compile(r"heav|power users?|p95|95th|top 5%|busiest", re.I)
# Region names: abbreviations only in capitals ("US", not "us"), names in any case.
_REGIONS = (("EU", r"\bEU\b|(?i:\beurop\w*)"), ("US", r"\bU\.?S\.?A?\b|(?i:\bunited states\b|\bamerica\b)"),
            ("UK", r"\bUK\b|(?i:\bunited kingdom\b|\bbritain\b)"), ("Canada", r"(?i:\bcanad\w*)"),
            ("Brazil", r"(?i:\bbrazil\w*)"), ("China", r"(?i:\bchin\w*)"), ("India", r"(?i:\bindia\w*)"),
            ("Japan", r"(?i:\bjapan\w*)"), ("Korea", r"(?i:\bkorea\w*)"), ("Australia", r"(?i:\baustrali\w*)"),
            ("Singapore", r"(?i:\bsingapore\b)"), ("APAC", r"\bAPAC\b"), ("LATAM", r"\bLATAM\b"),
            ("Middle East", r"(?i:\bmiddle east\b)"), ("Switzerland", r"(?i:\bswiss\b|\bswitzerland\b)"))


def _near(p: Parsed, n: Num, pattern: re.Pattern[str], before: int = 30, after: int = 40) -> bool:
    return bool(pattern.search(p.norm[max(0, n.start - before):n.end + after]))


def _overage(p: Parsed) -> tuple[Num, float, str] | None:
    """A money figure priced per query (or per 100 / 1,000 queries) beside an overage word: $ per 1,000 queries."""
    for n in p.nums:
        m = _PER_QUERIES.match(p.norm, n.end)
        if not n.money or m is None or not _near(p, n, _OVERAGE, 40, 60):
            continue
        per = (m.group("n") or "1").replace(",", "").replace(" ", "")
        queries = 1000.0 if per in ("1000", "1k", "thousand") else 100.0 if per in ("100", "hundred") else 1.0
        note = "" if queries == 1000 else f"{fmt.money(n.value)} per " + ("query" if queries == 1 else "100 queries")
        return n, n.value * 1000 / queries, note
    return None


def _token_price(p: Parsed, used: list[Num]) -> tuple[float, str] | None:
    """A blended token price, in $ per 1M tokens."""
    n = next((n for n in p.of("token_price") if n not in used and n.price_unit is not None), None)
    if n is None or n.price_unit is None:
        return None
    if n.price_unit == PriceUnit.per_1m:
        return n.value, ""
    value = price_in_unit(price_per_token(n.value, n.price_unit), PriceUnit.per_1m)
    return value, f"{fmt.money(n.value)} {n.price_unit.value.replace('_', ' ')} tokens"


def _fee(p: Parsed, used: list[Num]) -> tuple[float, str] | None:
    """The price per user a month (a yearly, weekly or daily fee is converted)."""
    n = next((n for n in p.of("price_per_user") if n not in used), None) or next(
        (n for n in p.nums if n.money and n.kind == "money" and n.price_unit is None and n not in used), None)
    if n is None:
        return None
    if n.period in (Period.year, Period.week, Period.day):
        month = n.value / 12 if n.period == Period.year else from_day(per_day(n.value, n.period), Period.month)
        return month, f"{fmt.money(n.value)} a {n.period.value}"
    return n.value, ""


def _convert(n: Num, period: Period, name: str, notes: dict[str, str]) -> float:
    """A count per its own period (per `period` when it names none) as a count per `period`."""
    if n.period is None or n.period == period:
        return n.value
    notes[name] = f"{fmt.number(n.value)} a {n.period.value}"
    return from_day(per_day(n.value, n.period), period)


def _usage(p: Parsed, found: dict[str, Any], notes: dict[str, str]) -> None:
    """Free quota (a month), the median user's queries (with their period) and a heavy user's."""
    heavy = None
    for n in p.of("queries"):
        if _near(p, n, _FREE, 25, 15) and "free_queries" not in found:
            found["free_queries"] = _convert(n, Period.month, "free_queries", notes)
        elif _near(p, n, _HEAVY, 35, 0) and heavy is None:
            heavy = n
        elif "queries_per_user" not in found:
            found["queries_per_user"] = n.value
            found["query_period"] = n.period or Period.day
    if heavy is not None:
        found["queries_p95"] = _convert(heavy, found.get("query_period", Period.day), "queries_p95", notes)


def _regions(p: Parsed, text: str) -> list[str]:
    named = [name for name, pattern in _REGIONS if re.search(pattern, text)]
    count = p.first("regions")
    if count is not None and count.value > len(named):
        named += [f"region {i}" for i in range(len(named) + 1, int(count.value) + 1)]
    return named


def read_brief(text: str, whole: bool = True) -> tuple[dict[str, Any], dict[str, str]]:
    """The inputs a brief (or, `whole=False`, a change to one) states, and notes on how figures were converted.

    Raises InputError when a whole brief is not about an AI product or its pricing.
    """
    if whole and (not text or not _TOPIC.search(text)):
        raise InputError("the memo brief does not describe an AI product or its pricing.", field="brief",
                         value=text[:80], hint="Describe the product and its price, e.g. 'a $10/month AI add-on "
                                               "with 100 free queries for 20,000 users'.")
    p = parse(text)
    found: dict[str, Any] = {}
    notes: dict[str, str] = {}
    used: list[Num] = []
    if (over := _overage(p)) is not None:
        used.append(over[0])
        found["overage_per_1k"] = over[1]
        if over[2]:
            notes["overage_per_1k"] = over[2]
    for name, read in (("price_per_1m", _token_price), ("fee", _fee)):
        if (got := read(p, used)) is not None:
            found[name] = got[0]
            if got[1]:
                notes[name] = got[1]
    _usage(p, found, notes)
    users = p.of("users")
    free = [n for n in users if re.search(r"\bfree\b", " ".join(n.before[-2:] + n.after[:2]))]
    paying = [n for n in users if n not in free]
    if paying:
        found["users"] = paying[0].value
    if free:
        found["free_users"] = free[0].value
    for kind, name in (("tokens", "tokens_per_query"), ("fixed_costs", "fixed_cost_month"),
                       ("development", "development_cost"), ("compliance", "regulatory_compliance"),
                       ("throughput", "gpu_tokens_per_second")):
        if (n := p.first(kind)) is not None:
            found[name] = n.value
    if (margin := p.first("margin")) is not None and 0 < margin.value < 100:
        found["target_margin"] = margin.value / 100
    if (busy := p.first("utilization")) is not None and 0 < busy.value <= 100:
        found["gpu_utilization"] = busy.value / 100
    if p.models:
        found["model"] = p.models[0]
        if len(p.models) > 1 and p.models[1] != p.models[0]:
            found["premium_model"] = p.models[1]
    if p.gpus:
        found["gpu"] = p.gpus[0].name
    if regions := _regions(p, text):
        found["regions"] = regions
    return found, notes
