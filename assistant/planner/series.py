"""Lists and ranges of one variable: "at 5k, 20k and 80k seats", "50 / 100 / 200 / 400 rooftops", "from 500 to 4,000".

The unit of the last item names them all, or the subject before the first does ("seat counts 500 / 2,000 /
8,000", "tokens per query go from 500 to 4,000"); the sweep and the Monte Carlo read `Reading.series`.
"""

from __future__ import annotations

import re

from assistant.planner.grammar import Parsed
from assistant.planner.lexicon import noun_class
from assistant.planner.non_quantities import calendar_year
from assistant.planner.quantities import Num
from assistant.planner.reading import PERIOD_WORDS, Given, Reading, per_of, split_words

__all__ = ["series"]


_LIST_LINK = re.compile(r"^\s*(?:,|,?\s*and|,?\s*or(?:\s+(?:a|an))?|to|up to|-|through|"
                        r"(?:[a-z]+,?\s+){0,3}?(?:vs\.?|versus|or)(?:\s+(?:a|an|the))?)\s*$", re.I)  # "80% vs a 70%"


def _link(p: Parsed, j: int) -> str:
    """The words between two numbers; between two amounts, without the first one's unit ("$0.25/M up to $2/M")."""
    link = p.norm[p.nums[j].end:p.nums[j + 1].start].strip().lower()
    return _UNIT_SAID.sub("", link).strip() if p.nums[j].money and p.nums[j + 1].money else link


def _placed(r: Reading, n: Num, like: Given) -> Given:
    """An unplaced number of a list given the role of its neighbour `like` ("$25/mo vs $35/mo": both prices)."""
    if n.text in r.unused:
        r.unused.remove(n.text)
        r.unplaced = [u for u in r.unplaced if u is not n]
    given = Given(like.var, n.value, n.text, period=like.period, unit=like.unit)
    r.givens.append(given)
    return given


def _dated(n: Num) -> bool:
    """'founded 2019', 'since 2021': a year said as one ('at 2k, 5k and 10k users' counts users)."""
    return calendar_year(n) and n.before[-1:] in (["founded"], ["since"], ["in"], ["by"], ["established"], ["fy"])


_DURATIONS = {"months", "days", "weeks", "years", "hours"}


def _same_kind(a: Num, b: Num) -> bool:
    """Two numbers of one list: both percentages or neither, money only if both say so with '$', and no year."""
    dollars = ("$" in a.text, "$" in b.text)
    return a.percent == b.percent and (dollars[0] == dollars[1] or not (a.money and b.money)) \
        and not _dated(a) and not _dated(b) \
        and not ((a.money or b.money) and {a.kind, b.kind} & _DURATIONS)  # "founded 2019, $3.2M ARR": no list;
    # "wants $500k and two months": an amount and a duration


def series(p: Parsed, r: Reading, of: dict[int, Given | None], taken: set[int]) -> None:
    """'at 5k, 20k and 80k seats', 'between 20k and 80k users': the unit of the last names them all."""
    i = 0
    while i < len(p.nums):
        if i in taken:
            i += 1
            continue
        j = i
        while j + 1 < len(p.nums) and (_LIST_LINK.match(_link(p, j)) or _slash_run(p, j)) \
                and _same_kind(p.nums[j], p.nums[j + 1]) and getattr(of.get(j), "var", None) != "queries_p95":
            # ... but "the 95th-percentile user 800, 1,500 tokens per query": a heavy user's usage ends its phrase
            j += 1
        last = of.get(j)
        first = of.get(i)
        if j > i and last is None and first is not None and re.search(r"\b(?:vs\.?|versus|or)\b", _link(p, j - 1)):
            # "an 80% gross margin, vs a 70% one": the alternative has the first one's role
            last = of[j] = _placed(r, p.nums[j], first)
        if j > i and (last is None or last.var == "monthly_cost") and all(p.nums[k].money for k in range(i, j + 1)) \
                and (var := _range_subject(p, p.nums[i])) == "token_price":
            # "if the price per million tokens is $0.25, $1 or $4": the subject names a list of token prices
            unit = "per_1k" if re.search(r"per (?:1k|1,?000|thousand)\b", " ".join(p.nums[i].before)) else "per_1m"
            last = Given(var, p.nums[j].value, p.nums[j].text, unit=unit)
            for k in range(i, j + 1):
                if (g := of.get(k)) is not None:
                    r.drop(g)
                of[k] = None
            r.givens.append(last)
            of[j] = last
        if j > i and last is not None:
            for k in range(i, j):
                n, g = p.nums[k], of.get(k)
                if g is not None and g.var != last.var and "$" not in n.text:
                    r.drop(g)  # "cost at 10k, 50k and 1M users": the list's unit, not "cost at 10k"
                    g = None
                if g is None:
                    _placed(r, n, last)
            r.series[last.var] = [p.nums[k].value for k in range(i, j + 1)]
            r.ranged[last.var] = _is_range(p, i, j)
        elif ((j == i + 1 and _is_range(p, i, j)) or (j >= i + 2 and last is None)) \
                and (var := _range_subject(p, p.nums[i])) is not None:
            for k in range(i, j + 1):  # "tokens per query go from 500 to 4,000", "seat counts 500 / 2,000 / 8,000":
                # the subject names the range or the list
                n, g = p.nums[k], of.get(k)
                if g is not None:
                    r.drop(g)
                elif n.text in r.unused:
                    r.unused.remove(n.text)
                    r.unplaced = [u for u in r.unplaced if u is not n]
                per = per_of(split_words(p.nums[j].after))
                period = next((x for x in per if x in PERIOD_WORDS.values()), None)
                r.givens.append(Given(var, n.value, n.text, period=period))
            r.series[var] = [p.nums[k].value for k in range(i, j + 1)]
            r.ranged[var] = j == i + 1
        i = j + 1


def _slash_run(p: Parsed, j: int) -> bool:
    """Three or more plain counts split by slashes are a list: "at 50 / 100 / 200 / 400 rooftops".

    Two may be a split ("1,500/500 tokens") or a price pair.
    """
    def slashed(k: int) -> bool:
        return 0 <= k < len(p.nums) - 1 and _link(p, k) == "/" and not any(
            m.money or m.percent for m in p.nums[k:k + 2])
    return slashed(j) and (slashed(j - 1) or slashed(j + 1))


def _is_range(p: Parsed, i: int, j: int) -> bool:
    """'from A to B', 'between A and B', 'A-B': two ends, not a list of points."""
    link = _link(p, i) if j == i + 1 else ""  # "from $0.25/M up to $2/M": the first end's unit said again
    opened = p.nums[i].before[-1:] in (["from"], ["between"])
    return j == i + 1 and (link in ("to", "-", "through", "up to") or (link == "and" and opened))


_UNIT_SAID = re.compile(r"^(?:/\s*(?:1?m|1?k|mo|month|yr|year)\b|per (?:1?m|million|1?k|thousand)(?: tokens?)?\b)")


_RANGE_SUBJECTS = (("token_price", ("price", "rate")), ("price_per_user", ("fee", "plan", "subscription")))


def _range_subject(p: Parsed, n: Num) -> str | None:
    """The variable the words before 'from' name: 'tokens per query go from', 'queries per user go from'."""
    words = [w for w in n.before if w not in ("from", "between", "go", "goes", "grow", "grows", "vary", "varies",
                                                "range", "ranges", "move", "moves", "the", "our", "as", "if")]
    for w in words:
        for var, stems in _RANGE_SUBJECTS:
            if w.startswith(stems):
                return var
        cls = noun_class(w)
        if cls == "tokens":
            return "tokens_per_query"
        if cls in ("queries", "users"):
            return "queries_per_user" if cls == "queries" else "users"
    return None
