"""Lines labelled by a tier: every figure on a free tier's or a paid plan's own line belongs to that tier.

"- free accounts: 2,000 suppliers, 20 RFQ drafts/month each" and "- paid: 300 suppliers at $49/month, average 150
drafts/month": on the free line a count of people is the free users and a usage per month their quota; on the paid
line the count is the paying users, the usage theirs and a monthly amount the plan's price. The label decides, so the
trade's nouns ("suppliers", "runners") need no word list.
"""

from __future__ import annotations

import re

from assistant.planner.lexicon import listed_class
from assistant.planner.quantities import Num
from assistant.planner.reading import Given, Reading, split_words

__all__ = ["on_tier_line", "tier_lines"]

_TIER = r"(?:tier|plan|users?|accounts?|version|level|seats?|members?|customers?|subscribers?)"
_FREE = re.compile(rf"^\s*(?:the\s+|our\s+)?free(?:\s+{_TIER})?(?:\s+is\b|\s*,)", re.I)  # "free tier, 8,000 users"
_PAID = re.compile(rf"^\s*(?:the\s+|our\s+)?(?:paid|paying|pro|premium|plus|business|team|enterprise|standard)"
                   rf"(?:\s+{_TIER})?(?:\s+is\b|\s*,)", re.I)  # a table's row reads "paid tier, 1,500 users, ..."
_WORK = ("queries", "tokens", "words", "gpus", "days", "months")  # a count of these is usage or size, not people


def tier_lines(r: Reading) -> None:
    """Re-read the figures of lines labelled 'free ...:' or 'paid/pro/premium ...:' as that tier's."""
    priced = r.has("price_per_user") or any(n.money and n.period is not None and n.period.value == "month"
                                            and _tier_of(r.norm, n.start) == "paying" for n in r.unplaced)
    if not re.search(r"\bfree\b", r.norm, re.I) or not priced:
        return  # a tier line matters beside a free tier and a paid plan's price ("free: ... pro: ..." alone are
        # segments of one bill)
    for g in list(r.givens):
        tier = _tier_of(r.norm, g.start)
        if tier is None or g.start < 0:
            continue
        if g.var == "price_per_user" and tier == "free" and g.value == 0:
            r.givens.remove(g)  # "| free | 8,000 | 20 | $0 |": what the free tier sells for is nothing
            left = [v for v in r.series.get(g.var, []) if v != g.value]
            if g.var in r.series:  # nor is it an alternative price to weigh
                r.series[g.var] = left
                if len(left) < 2:
                    del r.series[g.var]
        elif g.var in ("users", "free_users", "paying_users"):
            g.var = f"{tier}_users"
        elif g.var in ("queries_per_user", "free_quota") and tier == "free":
            g.var = "free_quota"
        elif g.var == "free_quota" and tier == "paying":
            g.var = "queries_per_user"
    for n in list(r.unplaced):
        tier = _tier_of(r.norm, n.start)
        if tier is not None and (role := _role(n, tier, r.norm)) is not None:
            r.place(n, Given(role, n.value, n.text, start=n.start, period=n.period.value if n.period else None))


def on_tier_line(norm: str, at: int) -> bool:
    """Whether the figure at `at` stands on a line a tier's label opens ("paid: 300 suppliers at $49/month")."""
    return re.search(r"\bfree\b", norm, re.I) is not None and _tier_of(norm, at) is not None


def _tier_of(norm: str, at: int) -> str | None:
    """'free' or 'paying' when the figure's sentence opens with a tier's label, else None."""
    line = re.split(r"[.;?!](?:\s|$)|\n", norm[:max(at, 0)])[-1]
    return "free" if _FREE.match(line) else "paying" if _PAID.match(line) else None


# "20 (hard cap) reports/user/mo": a usage whose unit follows an aside
_MONTHLY_AFTER = re.compile(r"\s*\([^()]*\)\s*(?:[a-z-]+\s+){0,2}(?:(?:/|per)\s*[a-z]+\s*)?(?:/|per|a)\s*"
                            r"(?:mo|month)\b", re.I)  # "20 (quota, all used) AI queries per month"


def _role(n: Num, tier: str, norm: str) -> str | None:
    """The role of a figure left without one on a tier's line."""
    if n.percent or n.value <= 0:
        return None
    if n.money:
        return "price_per_user" if tier == "paying" and n.period is not None and n.period.value == "month" else None
    words = split_words(n.after)
    noun = next((w for w in words if w.isalpha()), "")
    if n.period is not None or "each" in words[:6] or _MONTHLY_AFTER.match(norm, n.end):
        return "free_quota" if tier == "free" else "queries_per_user"  # "20 RFQ drafts/month each"
    if noun.endswith("s") and listed_class(noun) not in _WORK:
        return f"{tier}_users"  # "2,000 suppliers", "30,000 runners"
    return None
