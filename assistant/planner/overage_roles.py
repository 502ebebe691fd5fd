"""A plan's overage price: an amount per 1,000 queries (or per query) beyond the included quota."""

from __future__ import annotations

import re

from assistant.planner.lexicon import LEXICON, noun_class
from assistant.planner.quantities import Num
from assistant.planner.reading import Given, noun_of, split_words

__all__ = ["overage_per_thousand", "overage_price"]

_OVERAGE = set(LEXICON["overage_words"])
# "then $5 per 1,000 extra": the unit read as per 1K tokens is per 1,000 of the plan's queries
_EXTRA_THOUSAND = re.compile(r"\s*per\s+(?:1,?000|1k|a thousand)\s+(?:extra|additional|more|overage)\b"
                             r"(?!\s+(?:input\s+|output\s+)?tok)", re.I)


# "$30 per 1,000 drafts": per 1,000 of a noun
_PER_THOUSAND = re.compile(r"\s*per\s+(?:1,?000|1k|a thousand)\b"
                           r"(?:\s+(?!instead|then|and|or|but|after|beyond|above|over|past|a\b|per\b)"
                           r"([a-z][\w-]*(?:\s+[a-z][\w-]*)?))?", re.I)  # "overage is $5 per 1k after that"


def overage_price(n: Num, nums: list[Num], lead: list[str]) -> Given | None:
    """'then $4 per 1,000 extra queries': a plan's overage price, per 1,000 queries beyond the quota.

    Priced per single query ("$0.02 per extra query beyond the allowance") it is `overage_price_per_query`. The
    overage word may open the amount's sentence (`lead`): "beyond that, $2 per 1,000 queries".
    """
    if (per_query := _per_query_overage(n, lead)) is not None:
        return per_query
    nxt = next((m for m in nums if m.start >= n.end), None)
    if split_words(n.after) != ["per"] or nxt is None or nxt.value != 1000 or nxt.money or nxt.percent:
        return None
    rest = split_words(nxt.after)[:3]
    noun = next((noun_class(w) for w in rest if noun_class(w) is not None), None)
    bare = noun is None and rest[:1] in (["extra"], ["additional"], ["more"], ["overage"])  # "then $5 per 1,000 extra"
    if (noun != "queries" and not bare) or not (_OVERAGE & set(rest + n.before[-5:] + lead)):
        return None
    return Given("overage_price", n.value, n.text)


def _per_query_overage(n: Num, lead: list[str]) -> Given | None:
    """'$0.02 per extra query beyond the allowance', '5 cents for every extra request': an overage price per query."""
    after = split_words(n.after)
    i = 0
    while i < min(len(after), 2) and after[i] in ("per", "for", "every", "each", "a", "an"):
        i += 1
    if i and i < len(after) and after[i] in _OVERAGE:
        i += 1
    if not i or i >= len(after) or noun_class(after[i]) != "queries":
        return None
    if not _OVERAGE & set(after + n.before[-3:] + lead):
        return None
    return Given("overage_price_per_query", n.value, n.text)


def overage_per_thousand(n: Num, norm: str, lead: list[str]) -> Given | None:
    """'then $5 per 1,000 extra' (the thousand read into the amount's price unit): a plan's overage price.

    So is 'overage is $30 per 1,000 drafts': per 1,000 of what users send (not tokens), beside an overage word.
    """
    if _EXTRA_THOUSAND.match(norm, n.end):
        return Given("overage_price", n.value, n.text)
    per = _PER_THOUSAND.match(norm, n.end)
    if per is None or (per.group(1) and noun_of(per.group(1).lower().split())[0] != "queries"):
        return None  # "$8 per 1k tokens" is a token price; "overage were $8 per 1k instead" is per 1,000 queries
    return Given("overage_price", n.value, n.text) if _OVERAGE & set(n.before[-5:] + lead) else None
